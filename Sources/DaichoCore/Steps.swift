// Approvals in more than one step (issue 11; 002 第47条 for 機密性3, 002 第19条): a take-out
// may need several decisions, configured per class — `config set steps.takeout.3
// "officer;supervisor"` (the officer, then a supervisor) or `steps.takeout` for every class —
// each step a list of roles that may take it, each decider a different person from the
// requester and from every earlier decider. The officer's permission is in one of the steps
// (001 付紙第4 1(1)ア(ｳ)). Without steps a take-out needs one decision by `approvers.takeout`.
// The steps are read at each decision, from the configuration as it then stands.

import Foundation

extension Ledger {
    public static let stepsPrefix = "steps."

    /// `steps.takeout` or `steps.takeout.N`, with the steps it sets (nil: `none`, back to one decision).
    static func parseSteps(key: String, value: String) -> (String, [[Role]]?)? {
        guard key.hasPrefix(stepsPrefix) else { return nil }
        let scope = String(key.dropFirst(stepsPrefix.count))
        let parts = scope.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.first == "takeout", parts.count <= 2 else { return nil }
        if parts.count == 2 { guard let n = Int(parts[1]), Confidentiality(rawValue: n) != nil else { return nil } }
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
        // The officer's permission cannot be configured away (001 付紙第4 1(1)ア(ｳ)); at most five steps.
        guard (2...5).contains(steps.count), steps.contains(where: { $0.contains(.officer) }) else { return nil }
        return (scope, steps)
    }

    /// The decisions a take-out needs, in order.
    public func steps(for q: TakeoutRequest) -> [[Role]] {
        if let cls = media[q.registration]?.data.classification.rawValue, let s = approvalSteps["takeout.\(cls)"] { return s }
        if let s = approvalSteps["takeout"] { return s }
        return [deciders(for: .takeout)]
    }

    /// The decisions already taken on a request with more than one step.
    public func stepsDone(_ q: TakeoutRequest) -> [Decision] { stepDecisions[q.id] ?? [] }

    /// Which step a pending request waits for (0-based), and the roles that may take it.
    public func currentStep(_ q: TakeoutRequest) -> (index: Int, of: Int, roles: [Role]) {
        let s = steps(for: q)
        let i = min(stepsDone(q).count, s.count - 1)
        return (i, s.count, s[i])
    }

    /// Why `login` may not take the step a request waits for, or nil (the replay and decide share it).
    public func stepRefusal(_ q: TakeoutRequest, by login: String) -> DomainError? {
        guard let p = people[login] else { return .unknownPerson(login: login) }
        let step = currentStep(q)
        if !step.roles.contains(where: p.has) { return .roleRequired(login: login, roles: step.roles) }
        // Nobody decides their own request (002 第19条(1)), decided by person.
        if samePerson(q.requester, login) { return .selfApproval(request: q.id) }
        // Each step by a different person (002 第19条).
        if stepsDone(q).contains(where: { samePerson($0.by, login) }) { return .rule(.sameDecider(request: q.id)) }
        return nil
    }

    // MARK: Snapshot

    private struct StepsTable: Codable { var steps: [String: [[Role]]]; var done: [String: [Decision]] }

    func stepsSnapshotText() -> String { SnapshotText.encode(StepsTable(steps: approvalSteps, done: stepDecisions)) }

    static func stepsFromSnapshot(_ s: String) -> ([String: [[Role]]], [String: [Decision]])? {
        SnapshotText.decode(StepsTable.self, s).map { ($0.steps, $0.done) }
    }
}
