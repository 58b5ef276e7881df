// Approvals in more than one step (issue 11; 002 第47条 for 機密性3, 002 第19条): every kind of
// request decided with `approve`/`reject` — take-out, 機密性3 handover permission, disposal,
// exception, correction — may need several decisions, configured per kind and, where the
// request is about one medium, per class: `config set steps.takeout.3 "officer;supervisor"`
// (the officer, then a supervisor), `steps.disposal "officer;supervisor"` for every class.
// Each step is a list of roles that may take it, each decider a different person from the
// requester and from every earlier decider; a rejection at any step ends the request. The
// officer's permission of a take-out is in one of its steps (001 付紙第4 1(1)ア(ｳ)). Without
// steps a request needs one decision by `approvers.KIND`. The steps are read at each decision,
// from the configuration as it then stands.

import Foundation

/// A request that is decided in the approvals queue, possibly in several steps.
public protocol StepDecided {
    var id: String { get }
    /// Which configuration of steps applies (`steps.KIND`).
    var requestKind: RequestKind { get }
    /// Who asked: never a decider of any step.
    var requestedBy: String { get }
    /// The medium whose class selects `steps.KIND.N`, if the request is about one.
    var stepMedium: String? { get }
}

extension TakeoutRequest: StepDecided {
    public var requestKind: RequestKind { .takeout }
    public var requestedBy: String { requester }
    public var stepMedium: String? { registration }
}

extension Handover: StepDecided {
    public var requestKind: RequestKind { .handover }
    public var requestedBy: String { createdBy }
    public var stepMedium: String? { nil }
}

extension Disposal: StepDecided {
    public var requestKind: RequestKind { .disposal }
    public var requestedBy: String { requester }
    public var stepMedium: String? { registration }
}

extension ExceptionEntry: StepDecided {
    public var requestKind: RequestKind { .exception }
    public var requestedBy: String { requester }
    public var stepMedium: String? { registration }
}

extension CorrectionEntry: StepDecided {
    public var requestKind: RequestKind { .correction }
    public var requestedBy: String { requester }
    public var stepMedium: String? { nil }
}

extension Ledger {
    public static let stepsPrefix = "steps."
    /// The kinds that may be configured in steps (a discrepancy is acknowledged, not approved).
    public static let stepKinds: [RequestKind] = [.takeout, .handover, .disposal, .exception, .correction]
    /// The kinds about one medium, whose steps may differ per class (`steps.KIND.N`).
    static let classedStepKinds: Set<RequestKind> = [.takeout, .disposal, .exception]

    /// `steps.KIND` or `steps.KIND.N`, with the steps it sets (nil: `none`, back to one decision).
    static func parseSteps(key: String, value: String) -> (String, [[Role]]?)? {
        guard key.hasPrefix(stepsPrefix) else { return nil }
        let scope = String(key.dropFirst(stepsPrefix.count))
        let parts = scope.split(separator: ".", omittingEmptySubsequences: false)
        guard let kind = RequestKind(rawValue: String(parts[0])), stepKinds.contains(kind), parts.count <= 2 else { return nil }
        if parts.count == 2 {
            guard classedStepKinds.contains(kind), let n = Int(parts[1]), Confidentiality(rawValue: n) != nil else { return nil }
        }
        let v = value.trimmingCharacters(in: .whitespaces)
        if v == "none" { return (scope, nil) }
        var steps: [[Role]] = []
        for step in v.split(separator: ";", omittingEmptySubsequences: false) {
            var roles: [Role] = []
            for part in step.split(separator: ",") {
                // An auditor only reads (DOMAIN.md).
                guard let r = Role(rawValue: part.trimmingCharacters(in: .whitespaces)), r != .auditor else { return nil }
                if !roles.contains(r) { roles.append(r) }
            }
            guard !roles.isEmpty else { return nil }
            steps.append(roles.sorted())
        }
        guard (2...5).contains(steps.count) else { return nil }
        // The officer's permission for a take-out cannot be configured away (001 付紙第4 1(1)ア(ｳ)).
        if kind == .takeout, !steps.contains(where: { $0.contains(.officer) }) { return nil }
        return (scope, steps)
    }

    /// The decisions a request needs, in order.
    public func steps(for q: some StepDecided) -> [[Role]] {
        let kind = q.requestKind.rawValue
        if let reg = q.stepMedium, let cls = media[reg]?.data.classification.rawValue, let s = approvalSteps["\(kind).\(cls)"] { return s }
        if let s = approvalSteps[kind] { return s }
        return [deciders(for: q.requestKind)]
    }

    /// Every role that may decide some step of some request of this kind, as configured now.
    public func possibleDeciders(_ kind: RequestKind) -> [Role] {
        var roles = Set(deciders(for: kind))
        for (scope, steps) in approvalSteps where scope == kind.rawValue || scope.hasPrefix(kind.rawValue + ".") {
            roles.formUnion(steps.joined())
        }
        return roles.sorted()
    }

    /// The decisions already taken on a request with more than one step.
    public func stepsDone(_ q: some StepDecided) -> [Decision] { stepDecisions[q.id] ?? [] }

    /// Which step a pending request waits for (0-based), and the roles that may take it.
    public func currentStep(_ q: some StepDecided) -> (index: Int, of: Int, roles: [Role]) {
        let s = steps(for: q)
        let i = min(stepsDone(q).count, s.count - 1)
        return (i, s.count, s[i])
    }

    /// Whether approving `q` now takes a step and leaves it waiting for the next.
    func isIntermediateStep(_ q: some StepDecided) -> Bool { stepsDone(q).count + 1 < steps(for: q).count }

    /// Why `login` may not take the step a request waits for, or nil (the replay, decide and the queues share it).
    public func stepRefusal(_ q: some StepDecided, by login: String) -> DomainError? {
        guard let p = people[login] else { return .unknownPerson(login: login) }
        if p.isRetired { return .retired(login: login) }
        let step = currentStep(q)
        if !step.roles.contains(where: p.has) { return .roleRequired(login: login, roles: step.roles) }
        // Nobody decides their own request (002 第19条(1)), decided by person.
        if samePerson(q.requestedBy, login) { return .selfApproval(request: q.id) }
        // Each step by a different person (002 第19条).
        if stepsDone(q).contains(where: { samePerson($0.by, login) }) { return .rule(.sameDecider(request: q.id)) }
        return nil
    }

    /// The replay's reason for a decision on `q` written by `p`, who may not take the step it waits for.
    func stepViolation(_ q: some StepDecided, by p: Person) -> String? {
        let step = currentStep(q)
        switch stepRefusal(q, by: p.login) {
        case nil: return nil
        case .roleRequired?:
            return "\(p.login) decided \(q.id): needs \(step.roles.map(\.rawValue).joined(separator: " or "))"
                + (step.of > 1 ? " (step \(step.index + 1) of \(step.of))" : "")
        // Decided by person: another login of the same human is the requester too (People.swift).
        case .selfApproval?: return "\(p.login) decided their own request \(q.id)"
        case let e?: return "\(p.login) decided \(q.id): \(e.message(.en))"
        }
    }

    /// The request with this id that an `approve` record decides, while it waits for a decision.
    func pendingDecision(_ id: String) -> (any StepDecided)? {
        if let q = requests[id] { return q.state == .pending ? q : nil }
        if let c = correctionRequests[id] { return c.state == .pending ? c : nil }
        if let e = exceptions[id] { return e.state == .pending ? e : nil }
        if let h = handovers[id] { return h.awaitsPermission ? h : nil }
        return nil
    }

    /// How many requests of every kind wait for `login`'s decision now (the 承認待ち tab's count).
    public func decisionsWaiting(for login: String) -> Int {
        approvals(for: login).count + handoverPermissions(for: login).count + disposalApprovals(for: login).count
            + exceptionsToDecide(for: login).count + correctionsToDecide(for: login).count + discrepancies(for: login).count
    }

    /// The request of any kind, disposals included, that waits for a decision under this id (as typed).
    public func awaitingDecision(_ id: String) -> (any StepDecided)? {
        let key = Ledger.idKey(id)
        if let d = life.disposals[key] { return d.state == .pending ? d : nil }
        return pendingDecision(key)
    }

    /// Folds the approval of a step that is not the last: the decision is kept, the request waits for the next.
    mutating func applyStep(_ q: some StepDecided, confirmed: [TakeoutCheck], comment: String?, _ r: Record) {
        stepDecisions[q.id, default: []].append(Decision(approved: true, by: r.actor, at: r.at, confirmed: confirmed, comment: comment))
        switch q.requestKind {
        case .handover: handovers[q.id]?.history.append(r.seq)
        case .correction, .discrepancy: break
        case .takeout, .disposal, .exception:
            if let reg = q.stepMedium, media[reg]?.history.last != r.seq { media[reg]?.history.append(r.seq) }
        }
    }

    // MARK: Snapshot

    private struct StepsTable: Codable { var steps: [String: [[Role]]]; var done: [String: [Decision]] }

    func stepsSnapshotText() -> String { SnapshotText.encode(StepsTable(steps: approvalSteps, done: stepDecisions)) }

    static func stepsFromSnapshot(_ s: String) -> ([String: [[Role]]], [String: [Decision]])? {
        SnapshotText.decode(StepsTable.self, s).map { ($0.steps, $0.done) }
    }
}
