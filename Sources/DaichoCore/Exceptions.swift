// Exceptions (例外措置, 002 第26–27条; 001 付紙第4 1(4) 暗号化機能の無効化): a rule of the
// rule book suspended for one medium or one case, for a period, on request and by
// decision. Anyone enrolled who works with media may ask; the configured deciders
// (default the officer) decide in the approvals queue, never the requester
// (002 第19条). While it is valid an exception lets exactly what it names through
// the one exit check (Rules.swift `exitCheck`), and the record of the exit names
// it (`exceptions` on takeout.departed, handover.dispatched, transfer.dispatched);
// after its period it lets nothing through. The 例外措置台帳 lists every one with
// its decision, its uses and its end.
//
// What can be suspended: a 取扱制限 that forbids an exit (持出禁止, 配布禁止, or a
// local one), and the encryption requirement (暗号化: 暗号化必須 or 機密性3 leaving
// unencrypted, 002 第49条). Never: 秘 (managed under the secrecy regulations,
// 001 付紙第4 1(1)ア(ｱ)), a quarantine or a virus check due (001 第3-3).

import Foundation

/// The rule an exception suspends.
public enum ExceptionRule: Equatable, Hashable, Sendable, Comparable {
    /// A 取扱制限 that forbids an exit.
    case restriction(Restriction)
    /// 暗号化必須 / 機密性3 leaving unencrypted (002 第49条; 付紙第4 1(4) 暗号化機能の無効化).
    case encryption

    public static let encryptionWord = "暗号化"

    /// As written in the journal: the restriction's own name, or 暗号化.
    public var rawValue: String {
        switch self {
        case .restriction(let r): r.rawValue
        case .encryption: ExceptionRule.encryptionWord
        }
    }

    public func label(_ lang: Lang) -> String {
        switch self {
        case .restriction(let r): lang.pick(r.rawValue, r.rawValue)
        case .encryption: lang.pick("暗号化（暗号化必須・機密性3）", "encryption (暗号化必須 / C3)")
        }
    }

    public static func < (a: ExceptionRule, b: ExceptionRule) -> Bool { a.rawValue < b.rawValue }
}

/// `exception.requested`: the rule, the medium or the case, why, and until when.
public struct ExceptionRequestData: Codable, Equatable, Sendable {
    public var exception: String
    public var rule: String
    public var registration: String?
    public var caseID: String?
    public var reason: String
    /// The end of the period: the exception lets nothing through from this instant on.
    public var until: Date
    enum CodingKeys: String, CodingKey { case exception, rule, registration, caseID = "case", reason, until }
    public init(exception: String, rule: String, registration: String?, caseID: String?, reason: String, until: Date) {
        self.exception = exception; self.rule = rule; self.registration = registration; self.caseID = caseID
        self.reason = reason; self.until = until
    }
}

public enum ExceptionState: String, Sendable, Codable, CaseIterable {
    case pending, approved, rejected
    public func label(_ lang: Lang) -> String {
        switch self {
        case .pending: lang.pick("承認待ち", "pending")
        case .approved: lang.pick("承認", "approved")
        case .rejected: lang.pick("却下", "rejected")
        }
    }
}

/// One entry of the 例外措置台帳.
public struct ExceptionEntry: Equatable, Sendable, Codable, Identifiable {
    public var id: String
    public var seq: Int
    /// As recorded (a rule the ledger no longer knows still shows).
    public var rule: String
    public var registration: String?
    public var caseID: String?
    public var reason: String
    public var until: Date
    public var requester: String
    public var requestedAt: Date
    public var state: ExceptionState
    public var decidedBy: String?
    public var decidedAt: Date?
    public var comment: String?
    /// The records that went through under it.
    public var uses: [Int] = []

    /// The medium or the case it names.
    public var subject: String { registration ?? caseID ?? "" }

    /// Lets something through at `t`: approved, decided by then, and before its end.
    public func valid(at t: Date) -> Bool {
        guard state == .approved, let d = decidedAt else { return false }
        return d <= t && t < until
    }

    /// Where it stands at `now`: pending, rejected, valid, or ended.
    public func status(at now: Date, _ lang: Lang) -> String {
        switch state {
        case .pending: return lang.pick("承認待ち", "pending")
        case .rejected: return lang.pick("却下", "rejected")
        case .approved: return now < until ? lang.pick("有効", "valid") : lang.pick("期間終了", "ended")
        }
    }
}

extension Ledger {
    public static let exceptionPrefix = "EX"

    public static func isException(_ id: String) -> Bool { Ledger.idKey(id).hasPrefix(exceptionPrefix + "-") }

    /// Every exception, oldest first.
    public var allExceptions: [ExceptionEntry] { exceptions.values.sorted { $0.seq < $1.seq } }

    public func exception(_ id: String) throws(DomainError) -> ExceptionEntry {
        if let e = exceptions[Ledger.idKey(id)] { return e }
        throw .unknownRequest(id)
    }

    /// The rules an exception may name: each restriction that forbids an exit, and 暗号化.
    public var exceptableRules: [String] {
        knownRestrictions.filter { !exitsForbidden(by: Restriction(rawValue: $0)).isEmpty } + [ExceptionRule.encryptionWord]
    }

    /// A rule as typed: a restriction (Japanese or its English alias) or 暗号化 (encryption, 暗号化必須).
    public func parseExceptionRule(_ raw: String) throws(DomainError) -> ExceptionRule {
        let s = try FieldText.clean(raw, .restriction)
        if ["暗号化", "encryption", "暗号化機能の無効化", "暗号化必須", "encrypt"].contains(s.lowercased()) { return .encryption }
        let r = Restriction.aliases[s.lowercased()] ?? Restriction(rawValue: s)
        guard knownRestrictions.contains(r.rawValue), !exitsForbidden(by: r).isEmpty else {
            throw .rule(.notExceptable(s, known: exceptableRules))
        }
        return .restriction(r)
    }

    /// The rule of a recorded exception (nil: one the ledger cannot read, which lets nothing through).
    func rule(of e: ExceptionEntry) -> ExceptionRule? {
        if e.rule == ExceptionRule.encryptionWord { return .encryption }
        let r = Restriction(rawValue: e.rule)
        return knownRestrictions.contains(r.rawValue) ? .restriction(r) : nil
    }

    /// The valid exception that suspends `rule` for medium `reg` (or the case `caseID`) at `t`.
    func exempting(_ rule: ExceptionRule, _ reg: String, case caseID: String?, at t: Date) -> ExceptionEntry? {
        exceptions.values.filter { e in
            e.valid(at: t) && self.rule(of: e) == rule && (e.registration == reg || (caseID != nil && e.caseID == caseID))
        }.min { $0.seq < $1.seq }
    }

    /// Exceptions waiting for `login`'s decision: the step they wait for is theirs to take (Steps.swift). Oldest first.
    public func exceptionsToDecide(for login: String) -> [ExceptionEntry] {
        allExceptions.filter { $0.state == .pending && stepRefusal($0, by: login) == nil }
    }

    // MARK: Deciding

    func decideExceptionRequest(rule raw: String, medium: String?, caseID: String?, reason: String, until: Date,
                                now: Date) throws(DomainError) -> Change {
        let rule = try parseExceptionRule(raw)
        guard (medium == nil) != (caseID == nil) else { throw .rule(.exceptionSubject) }
        var reg: String?, cid: String?
        if let medium {
            let m = try self.medium(medium)
            guard !m.status.isFinal else { throw .wrongState(registration: m.registration, status: m.status) }
            // 秘 is never an exception here: it is managed under the secrecy regulations.
            if m.isSecret { throw .rule(.secret(registration: m.registration)) }
            reg = m.registration
        }
        if let caseID {
            let key = Ledger.idKey(caseID)
            guard handovers[key] != nil || transfers[key] != nil || requests[key] != nil else { throw .unknownCase(caseID) }
            cid = key
        }
        guard until > now else { throw .untilInPast }
        return .exceptionRequested(ExceptionRequestData(exception: nextCaseID(Ledger.exceptionPrefix), rule: rule.rawValue,
                                                        registration: reg, caseID: cid,
                                                        reason: try FieldText.clean(reason, .reason), until: until))
    }

    func decideException(_ id: String, by actor: Actor, approve: Bool, comment: String?) throws(DomainError) -> Change {
        let e = try exception(id)
        // Nobody decides their own request, nor under a second login (002 第19条).
        if let why = stepRefusal(e, by: actor.login), case .selfApproval = why { throw why }
        guard e.state == .pending else { throw .rule(.exceptionNotPending(id: e.id)) }
        // The step it waits for (Steps.swift): its roles, never an earlier step's decider.
        if let why = stepRefusal(e, by: actor.login) { throw why }
        if approve {
            return .requestApproved(DecisionData(request: e.id, confirmed: [], comment: try FieldText.optional(comment, .comment)))
        }
        return .requestRejected(RejectionData(request: e.id, reason: try FieldText.clean(comment ?? "", .reason)))
    }

    // MARK: Replay

    /// The replay's reason for a decision on an exception written by someone who may not give it.
    func exceptionDecisionViolation(_ e: ExceptionEntry, by p: Person) -> String? {
        if e.state != .pending { return "\(e.id) is not pending" }
        return stepViolation(e, by: p)
    }

    /// The replay's reason for an exception request that the rule book would refuse.
    func exceptionRequestViolation(_ d: ExceptionRequestData, at t: Date) -> String? {
        guard (d.registration == nil) != (d.caseID == nil) else { return "\(d.exception) names neither one medium nor one case" }
        if d.rule != ExceptionRule.encryptionWord {
            let r = Restriction(rawValue: d.rule)
            if !knownRestrictions.contains(d.rule) || exitsForbidden(by: r).isEmpty { return "\(d.exception) suspends no rule the ledger keeps (\(d.rule))" }
        }
        if let reg = d.registration {
            guard let m = media[reg] else { return "\(d.exception) names an unknown medium \(reg)" }
            if m.isSecret { return "\(d.exception) suspends a rule for \(reg), which is managed under the secrecy regulations" }
        }
        if d.until <= t { return "\(d.exception) ends before it is requested" }
        return nil
    }

    /// The replay's reason when an exit record's named exceptions are not exactly the ones it needed.
    func exceptionNamingViolation(needed: [String], named: [String]?, record what: String) -> String? {
        let named = (named ?? []).sorted()
        if needed.sorted() == named { return nil }
        if let extra = named.first(where: { !needed.contains($0) }) { return "\(what) names exception \(extra), which it did not need or which was not valid" }
        return "\(what) went through under exception \(needed.sorted().joined(separator: ",")) without naming it"
    }

    // MARK: Folding

    mutating func applyExceptionRequest(_ d: ExceptionRequestData, _ r: Record) throws(InconsistentRecord) {
        guard exceptions[d.exception] == nil else { throw InconsistentRecord(seq: r.seq, reason: "exception \(d.exception) twice") }
        exceptions[d.exception] = ExceptionEntry(id: d.exception, seq: r.seq, rule: d.rule, registration: d.registration, caseID: d.caseID,
                                                 reason: d.reason, until: d.until, requester: r.actor, requestedAt: r.at, state: .pending)
        countID(d.exception)
        if let reg = d.registration { media[reg]?.history.append(r.seq) }
    }

    mutating func applyExceptionDecision(_ id: String, approved: Bool, comment: String?, _ r: Record) throws(InconsistentRecord) {
        guard exceptions[id]?.state == .pending else { throw InconsistentRecord(seq: r.seq, reason: "exception \(id) is not pending") }
        exceptions[id]!.state = approved ? .approved : .rejected
        exceptions[id]!.decidedBy = r.actor
        exceptions[id]!.decidedAt = r.at
        exceptions[id]!.comment = comment
        if let reg = exceptions[id]!.registration { media[reg]?.history.append(r.seq) }
    }

    /// An exit record went through under `ids`.
    mutating func applyExceptionUses(_ ids: [String]?, _ r: Record) throws(InconsistentRecord) {
        for id in ids ?? [] {
            guard exceptions[id]?.valid(at: r.at) == true else { throw InconsistentRecord(seq: r.seq, reason: "exception \(id) is not valid") }
            exceptions[id]!.uses.append(r.seq)
        }
    }

    // MARK: Snapshot

    func exceptionsSnapshotText() -> String { SnapshotText.encode(allExceptions) }

    static func exceptionsFromSnapshot(_ s: String) -> [String: ExceptionEntry]? {
        SnapshotText.decode([ExceptionEntry].self, s).flatMap(SnapshotText.byID)
    }
}
