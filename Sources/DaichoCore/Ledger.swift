// The ledger: the fold of the journal's records. Nothing here is stored; all of
// it is rebuilt from the records on open, and extended by `apply` one record at
// a time. Queries (overdue, queues, logs) take `now` as an input so they are
// testable.

import Foundation

/// An enrolled person.
public struct Person: Equatable, Sendable {
    public var login: String
    public var name: String
    public var roles: [Role]
    public var title: String?
    public var rank: String?
    public var section: String?
    public var enrolledAt: Date
    public var enrolledBy: String
    /// Enrolled under the 氏名 and 所属 of another login, confirmed as a different person (People.swift).
    public var differentPerson = false
    /// 転出 or 退職 (People.swift): set once, never cleared.
    public var retired: Retirement?

    public func has(_ role: Role) -> Bool { roles.contains(role) }
    /// 所属 官職 階級 氏名, as forms print a person.
    public var formalName: String { [section, title, rank, name].compactMap { $0 }.joined(separator: " ") }
}

/// The last virus check of a medium.
public struct ScanEntry: Equatable, Sendable {
    public var at: Date
    public var by: String
    public var result: ScanResult
    public var seq: Int
}

/// A medium in the register, with where it stands now.
public struct Medium: Equatable, Sendable {
    public var data: MediumData
    public var registeredAt: Date
    public var registeredBy: String
    public var status: MediumStatus
    public var lastScan: ScanEntry?
    /// Index into `Ledger.uses` of the open use, if in use.
    public var openUse: Int?
    /// The open (pending, approved or departed) take-out request.
    public var openRequest: String?
    /// The handover or transfer the medium went out with (it is 送達中 or 移管済).
    public var openCase: String?
    /// Sequence numbers of every record about this medium, oldest first.
    public var history: [Int]
    /// The record by which it last came back into the unit's hands (returned from a take-out, received from
    /// another unit or a contractor, found, recalled from transit); nil if it never left (001 第3-3: checked first).
    public var backAt: Int? = nil
    /// 読後廃棄: its use or take-out ended, so it is due for disposal (002 別表1).
    public var disposalDue = false

    public var registration: String { data.registration }
    public func has(_ r: Restriction) -> Bool { data.restrictions.contains(r) }
    /// 暗号化必須, or 機密性3 leaving the area (002 第49条).
    public var encryptionRequiredForTakeout: Bool { has(.encryptionRequired) || data.classification == .c3 }
}

/// One line of the 使用記録簿 (001 付紙第4 1(1)ア(ｲ)).
public struct UseEntry: Equatable, Sendable {
    public var seq: Int
    public var registration: String
    public var user: String
    public var purpose: String
    public var place: String?
    public var start: Date
    public var until: Date?
    public var end: Date?
    public var endedBy: String?
    public var endNote: String?
    /// The virus check this use rests on (001 第3-3): the seq of the scan, or of this use when checked with it.
    public var check: Int? = nil

    public func isOverdue(at now: Date) -> Bool { end == nil && (until.map { $0 < now } ?? false) }
}

/// A decision on a request.
public struct Decision: Codable, Equatable, Sendable {
    public var approved: Bool
    public var by: String
    public var at: Date
    public var confirmed: [TakeoutCheck]
    public var comment: String?
}

/// A take-out request and, once it goes, its line in the 持出簿 (001 付紙第4 1(1)ア(ｳ)).
public struct TakeoutRequest: Equatable, Sendable {
    public var id: String
    public var seq: Int
    public var registration: String
    public var requester: String
    public var requestedAt: Date
    public var destination: String
    public var purpose: String
    public var from: Date
    public var until: Date
    public var transport: String?
    public var state: RequestState
    public var decision: Decision?
    public var departedAt: Date?
    public var departedBy: String?
    public var returnedAt: Date?
    public var returnedBy: String?
    public var returnNote: String?
    public var withdrawnAt: Date?

    public var kind: RequestKind { .takeout }
    /// Taken out and not back by the end of the approved period.
    public func isOverdue(at now: Date) -> Bool { state == .departed && until < now }
}

/// Why a record could not be folded into the ledger (it contradicts what came before).
public struct InconsistentRecord: Error, Equatable, Sendable {
    public var seq: Int
    public var reason: String
}

/// The state of a unit's ledger.
///
/// Every stored property is also written and read by LedgerSnapshot.swift (the
/// snapshot that opens a long journal without folding it again), and compared by
/// `sameState`; a test (SnapshotTests) fails when a property is added here and not there.
public struct Ledger: Sendable {
    public static let defaultScheme = "{kind}-{year}-{n:4}"

    public internal(set) var header: HeaderData?
    /// The records folded so far (kept compactly: see RecordLog).
    public internal(set) var records = RecordLog()
    public internal(set) var people: [String: Person] = [:]
    public internal(set) var peopleOrder: [String] = []
    public internal(set) var media: [String: Medium] = [:]
    public internal(set) var mediaOrder: [String] = []
    public internal(set) var uses: [UseEntry] = []
    public internal(set) var requests: [String: TakeoutRequest] = [:]
    public internal(set) var requestOrder: [String] = []
    /// Corrections, keyed by the record they correct.
    public internal(set) var corrections: [Int: [Int]] = [:]
    /// Handovers (送付リスト/受領書 and incoming deliveries), by id, and their order.
    public internal(set) var handovers: [String: Handover] = [:]
    public internal(set) var handoverOrder: [String] = []
    /// Transfers of media between units (送達票/受領票), by id, and their order.
    public internal(set) var transfers: [String: Transfer] = [:]
    public internal(set) var transferOrder: [String] = []
    /// Days a 受領書 is due after dispatch unless the dispatch says otherwise (DOMAIN.md: configurable).
    public internal(set) var receiptDueDays = Ledger.defaultReceiptDueDays
    public static let defaultReceiptDueDays = 7
    /// Highest number used per registration prefix, so numbers are never reused.
    var counters: [String: Int] = [:]
    /// The medium registered with each 製造番号, per kind (Replay.swift `serialKey`).
    var serials: [String: String] = [:]
    /// The medium each imported row became, by file and line (MediaImport.swift `importKey`).
    var imports: [String: String] = [:]
    /// Pledges, keys, rosters, inventories, disposals and incidents (Life.swift).
    public internal(set) var life = LifeState()
    /// Not state: one copy of each text that recurs in the books (purposes, places, destinations),
    /// so that a ledger folded from a million records holds each once, as one read from a snapshot does.
    var strings = StringTable()

    public init() {}

    public var unit: String { header?.unit ?? "" }
    public var isInitialized: Bool { header != nil }
    public var nextSeq: Int { records.count }
    public var allPeople: [Person] { peopleOrder.compactMap { people[$0] } }
    public var allMedia: [Medium] { mediaOrder.compactMap { media[$0] } }
    public var allRequests: [TakeoutRequest] { requestOrder.compactMap { requests[$0] } }
    public var allHandovers: [Handover] { handoverOrder.compactMap { handovers[$0] } }
    public var allTransfers: [Transfer] { transferOrder.compactMap { transfers[$0] } }

    /// Which roles decide each kind of request, as configured (DOMAIN.md: configurable; default take-out → officer).
    public internal(set) var approvers: [RequestKind: [Role]] = [:]
    /// The rule book's settings the officer keeps: local restrictions (Rules.swift).
    public internal(set) var rules = RuleSettings()
    /// The 例外措置台帳 (Exceptions.swift), by id.
    public internal(set) var exceptions: [String: ExceptionEntry] = [:]
    /// Corrections asked for with `correct SEQ --set` (Corrections.swift), by id.
    public internal(set) var correctionRequests: [String: CorrectionEntry] = [:]
    /// Requests that need more than one decision (Steps.swift): the steps per scope (`KIND` or `KIND.N`), and the decisions taken by id.
    public internal(set) var approvalSteps: [String: [[Role]]] = [:]
    public internal(set) var stepDecisions: [String: [Decision]] = [:]

    /// Which roles decide a kind of request.
    public func deciders(for kind: RequestKind) -> [Role] {
        if let configured = approvers[kind] {
            // The officer's permission for a take-out cannot be configured away (001 付紙第4 1(1)ア(ｳ)): others are deputies.
            if kind == .takeout && !configured.contains(.officer) { return ([.officer] + configured).sorted() }
            return configured
        }
        switch kind {
        case .takeout: return [.officer]
        // DOMAIN.md "Approvals": others default to supervisor or officer.
        case .discrepancy: return [.officer, .supervisor]
        // 002 第48条3: providing 機密性3 information outside, the officer's permission.
        case .handover: return [.officer]
        // The officer decides disposals by default (issue 12; 001 付紙第4 1(5)).
        case .disposal: return [.officer]
        // 002 第26–27条: exceptions are decided by the officer by default.
        case .exception: return [.officer]
        // DOMAIN.md "Approvals": a correction, by a supervisor or the officer (never who asked).
        case .correction: return [.officer, .supervisor]
        }
    }

    /// The settings the officer may change, with their current values.
    public var settings: [(key: String, value: String)] {
        RequestKind.allCases.map { ("approvers.\($0.rawValue)", deciders(for: $0).map(\.rawValue).joined(separator: ",")) }
            + [(Ledger.receiptDueDaysKey, String(receiptDueDays))] + life.settings.values
            + (rules.locations.isEmpty ? [] : [(Ledger.storageLocationsKey, rules.locations.joined(separator: ","))])
            + approvalSteps.keys.sorted().map { k in
                (Ledger.stepsPrefix + k, approvalSteps[k]!.map { $0.map(\.rawValue).joined(separator: ",") }.joined(separator: ";"))
            }
            + rules.localRestrictions.map { (Ledger.localRestrictionPrefix + $0.name, $0.forbids.isEmpty ? "none" : $0.forbids.map(\.rawValue).joined(separator: ",")) }
    }

    public static let receiptDueDaysKey = "handover.due_days"

    /// A setting as the officer may set it.
    enum Setting {
        case approvers(RequestKind, [Role])
        case receiptDueDays(Int)
        /// `steps.KIND[.N]`: the steps of a kind of request, nil for one decision (Steps.swift).
        case steps(String, [[Role]]?)
        case localRestriction(LocalRestriction)
        case locations([String])
        /// A setting of the lifecycle (LifeSettings), its value as stored.
        case life(String, String)
        var key: String {
            switch self {
            case .approvers(let k, _): "approvers.\(k.rawValue)"
            case .receiptDueDays: Ledger.receiptDueDaysKey
            case .steps(let scope, _): Ledger.stepsPrefix + scope
            case .localRestriction(let l): Ledger.localRestrictionPrefix + l.name
            case .locations: Ledger.storageLocationsKey
            case .life(let k, _): k
            }
        }
        var value: String {
            switch self {
            case .approvers(_, let roles): roles.map(\.rawValue).joined(separator: ",")
            case .receiptDueDays(let n): String(n)
            case .steps(_, let s): s.map { $0.map { $0.map(\.rawValue).joined(separator: ",") }.joined(separator: ";") } ?? "none"
            case .localRestriction(let l): l.forbids.isEmpty ? "none" : l.forbids.map(\.rawValue).joined(separator: ",")
            case .locations(let ls): ls.joined(separator: ",")
            case .life(_, let v): v
            }
        }
    }

    /// Reads a setting's value, or nil when it is not acceptable.
    static func parseSetting(key: String, value: String) -> Setting? {
        if key == receiptDueDaysKey {
            guard let n = Int(value.trimmingCharacters(in: .whitespaces)), (1...365).contains(n) else { return nil }
            return .receiptDueDays(n)
        }
        if key == storageLocationsKey { return parseLocations(value).map { .locations($0) } }
        if key.hasPrefix(stepsPrefix) { return parseSteps(key: key, value: value).map { .steps($0.0, $0.1) } }
        if key.hasPrefix(localRestrictionPrefix) { return parseLocalRestriction(key: key, value: value).map { .localRestriction($0) } }
        if LifeSettings.keys.contains(key) { return LifeSettings.normalized(key: key, value: value).map { .life(key, $0) } }
        guard key.hasPrefix("approvers."), let kind = RequestKind(rawValue: String(key.dropFirst("approvers.".count))) else { return nil }
        var roles: [Role] = []
        for part in value.split(separator: ",") {
            // An auditor only reads (DOMAIN.md), so may not decide.
            guard let r = Role(rawValue: part.trimmingCharacters(in: .whitespaces)), r != .auditor else { return nil }
            if !roles.contains(r) { roles.append(r) }
        }
        return roles.isEmpty ? nil : .approvers(kind, roles.sorted())
    }

    // MARK: - The fold

    /// Folds one record in. Records must come in sequence; a record that names
    /// something unknown or moves a medium out of a state it is not in is
    /// inconsistent: the journal cannot be trusted past it.
    public mutating func apply(_ r: Record) throws(InconsistentRecord) { try apply(r, refolding: false) }

    /// `refolding`: folding again after a correction (Corrections.swift): the records are the
    /// ledger's own (read from it, not held again), and a correction's approval does not refold.
    mutating func apply(_ r: Record, refolding: Bool) throws(InconsistentRecord) {
        func bad(_ why: String) -> InconsistentRecord { InconsistentRecord(seq: r.seq, reason: why) }
        guard r.seq == records.count else { throw bad("sequence \(r.seq), expected \(records.count)") }
        if header == nil, case .header = r.change {} else if header == nil { throw bad("first record is not the header") }
        // The rules of the domain hold for every record, not only for those daicho wrote (Replay.swift).
        if let why = ruleViolation(r) { throw bad(why) }
        switch r.change {
        case .header(let h):
            guard header == nil else { throw bad("second header") }
            header = h
            addPerson(h.officer, at: r.at, by: r.actor)
        case .personEnrolled(let p):
            guard people[p.login] == nil else { throw bad("\(p.login) enrolled twice") }
            addPerson(p, at: r.at, by: r.actor)
        case .rolesChanged(let d):
            guard people[d.login] != nil else { throw bad("unknown person \(d.login)") }
            people[d.login]!.roles = d.roles
        case .personEdited, .personRetired, .officerChanged:
            try applyPeople(r)
        case .mediumRegistered(let d):
            guard media[d.registration] == nil else { throw bad("\(d.registration) registered twice") }
            media[d.registration] = Medium(data: d, registeredAt: r.at, registeredBy: r.actor, status: .stored,
                                           lastScan: nil, openUse: nil, openRequest: nil, history: [r.seq])
            mediaOrder.append(d.registration)
            if let (prefix, n) = Ledger.split(registration: d.registration) { counters[prefix] = max(counters[prefix] ?? 0, n) }
            if let serial = d.serial, let key = Ledger.serialKey(serial, d.kind) { serials[key] = serials[key] ?? d.registration }
            if let key = Ledger.importKey(d) { imports[key] = imports[key] ?? d.registration }
        case .virusChecked(let d):
            try updateMedium(d.registration, r) { m in
                m.lastScan = ScanEntry(at: r.at, by: r.actor, result: d.result, seq: r.seq)
                if d.result == .infected, m.status == .stored { m.status = .quarantined }
                if d.result == .clean, m.status == .quarantined { m.status = .stored }
            }
        case .mediumLost(let d):
            guard let m = media[d.registration] else { throw bad("unknown medium \(d.registration)") }
            guard !m.status.isFinal else { throw bad("\(d.registration) is \(m.status.rawValue)") }
            if let u = m.openUse { uses[u].end = r.at; uses[u].endedBy = r.actor; uses[u].endNote = d.note }
            // A request not yet gone with the medium lapses; one out stays in the 持出簿 as it was.
            if let id = m.openRequest, let q = requests[id], q.state == .pending || q.state == .approved {
                requests[id]!.state = .withdrawn; requests[id]!.withdrawnAt = r.at
            }
            let keepRequest = m.openRequest.flatMap { requests[$0]?.state == .departed ? $0 : nil }
            // Lost out with a case: the case no longer waits for it (Receipts.swift).
            if let c = m.openCase { forgetMissing(m.registration, case: c) }
            try updateMedium(d.registration, r) { m in
                m.openUse = nil
                m.openRequest = keepRequest
                // Lost on the way with a handover or transfer: the case no longer holds it.
                m.openCase = nil
                m.status = .lost
            }
        case .mediumFound(let d):
            guard let m = media[d.registration], m.status == .lost else { throw bad("\(d.registration) is not lost") }
            // A take-out lost while out ends here: the medium is back in the unit's hands.
            if let id = m.openRequest, requests[id]?.state == .departed {
                requests[id]!.state = .returned; requests[id]!.returnedAt = r.at; requests[id]!.returnedBy = r.actor
                requests[id]!.returnNote = d.note
            }
            try updateMedium(d.registration, r) { m in
                // Where it was cannot be known: it is checked before anyone uses it again.
                m.status = .quarantined
                m.openRequest = nil
                m.backAt = r.seq
            }
        case .useStarted(let d):
            guard let m = media[d.registration], m.status == .stored else { throw bad("\(d.registration) not in storage") }
            // The check the use rests on: one recorded with it, else the last clean one (001 第3-3).
            let check = d.scan != nil ? r.seq : (m.lastScan?.result == .clean ? m.lastScan?.seq : nil)
            uses.append(UseEntry(seq: r.seq, registration: d.registration, user: r.actor, purpose: strings.intern(d.purpose),
                                 place: strings.intern(d.place), start: r.at, until: d.until, check: check))
            let index = uses.count - 1
            try updateMedium(d.registration, r) { m in
                m.openUse = index
                m.status = .inUse
                if let s = d.scan { m.lastScan = ScanEntry(at: r.at, by: r.actor, result: s.result, seq: r.seq) }
            }
        case .useEnded(let d):
            guard let m = media[d.registration], let u = m.openUse else { throw bad("\(d.registration) not in use") }
            uses[u].end = r.at; uses[u].endedBy = r.actor; uses[u].endNote = strings.intern(d.note)
            try updateMedium(d.registration, r) { m in
                m.openUse = nil
                m.status = .stored
                // 読後廃棄: read, so due for disposal (002 別表1).
                if m.has(.destroyAfterReading) { m.disposalDue = true }
            }
        case .takeoutRequested(let d):
            guard requests[d.request] == nil else { throw bad("request \(d.request) twice") }
            try updateMedium(d.registration, r) { m in m.openRequest = d.request }
            requests[d.request] = TakeoutRequest(
                id: d.request, seq: r.seq, registration: d.registration, requester: r.actor, requestedAt: r.at,
                destination: strings.intern(d.destination), purpose: strings.intern(d.purpose), from: d.from, until: d.until,
                transport: strings.intern(d.transport), state: .pending)
            requestOrder.append(d.request)
            if let n = Ledger.requestNumber(d.request) { counters["REQ"] = max(counters["REQ"] ?? 0, n) }
        case .exceptionRequested(let d):
            try applyExceptionRequest(d, r)
        case .correctionRequested(let d):
            try applyCorrectionRequest(d, r)
        case .requestApproved(let d) where pendingDecision(d.request).map({ isIntermediateStep($0) }) == true:
            // A step of several (Steps.swift), of any kind: the request waits for the next.
            let q = pendingDecision(d.request)!
            if let t = q as? TakeoutRequest { try updateRequest(t.id, r, from: .pending) { _ in } }
            applyStep(q, confirmed: d.confirmed, comment: strings.intern(d.comment), r)
        case .requestApproved(let d) where requests[d.request] == nil && correctionRequests[d.request] != nil:
            try applyCorrectionDecision(d.request, approved: true, comment: strings.intern(d.comment), r, refolding: refolding)
        case .requestRejected(let d) where requests[d.request] == nil && correctionRequests[d.request] != nil:
            try applyCorrectionDecision(d.request, approved: false, comment: strings.intern(d.reason), r, refolding: refolding)
        case .requestApproved(let d) where requests[d.request] == nil && exceptions[d.request] != nil:
            try applyExceptionDecision(d.request, approved: true, comment: strings.intern(d.comment), r)
        case .requestRejected(let d) where requests[d.request] == nil && exceptions[d.request] != nil:
            try applyExceptionDecision(d.request, approved: false, comment: strings.intern(d.reason), r)
        case .requestApproved(let d) where requests[d.request] == nil && handovers[d.request] != nil:
            try applyPermission(d.request, approved: true, comment: d.comment, r)
        case .requestRejected(let d) where requests[d.request] == nil && handovers[d.request] != nil:
            try applyPermission(d.request, approved: false, comment: d.reason, r)
        case .requestApproved(let d):
            let comment = strings.intern(d.comment)
            try updateRequest(d.request, r, from: .pending) { q in
                q.state = .approved
                q.decision = Decision(approved: true, by: r.actor, at: r.at, confirmed: d.confirmed, comment: comment)
            }
        case .requestRejected(let d):
            let reason = strings.intern(d.reason)
            try updateRequest(d.request, r, from: .pending) { q in
                q.state = .rejected
                q.decision = Decision(approved: false, by: r.actor, at: r.at, confirmed: [], comment: reason)
            }
            media[requests[d.request]!.registration]?.openRequest = nil
        case .requestWithdrawn(let d):
            guard let q = requests[d.request], q.state == .pending || q.state == .approved else { throw bad("request \(d.request) not open") }
            requests[d.request]!.state = .withdrawn
            requests[d.request]!.withdrawnAt = r.at
            media[q.registration]?.openRequest = nil
            media[q.registration]?.history.append(r.seq)
        case .takeoutDeparted(let d):
            // Check the medium before touching the request, so a refused record changes nothing.
            if let q = requests[d.request], q.registration != d.registration { throw bad("request \(d.request) is not for \(d.registration)") }
            guard media[d.registration]?.status == .stored else { throw bad("\(d.registration) not in storage") }
            try updateRequest(d.request, r, from: .approved) { q in
                q.state = .departed; q.departedAt = r.at; q.departedBy = r.actor
            }
            try updateMedium(d.registration, r, appendHistory: false) { m in m.status = .takenOut }
            try applyExceptionUses(d.exceptions, r)
        case .takeoutReturned(let d):
            if let q = requests[d.request], q.registration != d.registration { throw bad("request \(d.request) is not for \(d.registration)") }
            guard media[d.registration]?.status == .takenOut else { throw bad("\(d.registration) not taken out") }
            let note = strings.intern(d.note)
            try updateRequest(d.request, r, from: .departed) { q in
                q.state = .returned; q.returnedAt = r.at; q.returnedBy = r.actor; q.returnNote = note
            }
            try updateMedium(d.registration, r, appendHistory: false) { m in
                m.status = .stored; m.openRequest = nil
                // Back from outside: checked before anything else (001 第3-3); 読後廃棄 is then due for disposal.
                m.backAt = r.seq
                if m.has(.destroyAfterReading) { m.disposalDue = true }
            }
        case .configured(let d):
            switch Ledger.parseSetting(key: d.key, value: d.value) {
            case .approvers(let kind, let roles): approvers[kind] = roles
            case .receiptDueDays(let n): receiptDueDays = n
            case .steps(let scope, let s): approvalSteps[scope] = s
            case .localRestriction(let l): declare(l)
            case .locations(let ls): rules.locations = ls
            case .life: break // noteLifeEffects
            case nil: throw bad("bad setting \(d.key)=\(d.value)")
            }
        case .handoverDrafted, .handoverEdited, .transferEdited, .handoverDispatched, .handoverReceived, .handoverReminded, .handoverAcknowledged,
             .handoverReturned, .handoverDestroyed, .handoverRecalled, .handoverIncoming,
             .transferDrafted, .transferDispatched, .transferReceived, .transferIncoming, .transferRecalled,
             .handoverLate, .transferLate:
            try applyCase(r)
        case .mediumAmended(let d):
            try applyAmend(d, r)
        case .life(let c):
            try applyLife(c, r)
        case .recordCorrected(let d):
            guard d.target >= 0, d.target < records.count else { throw bad("correction of unknown record \(d.target)") }
            guard let target = records[d.target] else { throw bad("record \(d.target) cannot be read back") }
            corrections[d.target, default: []].append(r.seq)
            if let reg = target.change.registration ?? target.change.requestID.flatMap({ requests[$0]?.registration }) {
                media[reg]?.history.append(r.seq)
            }
            if let id = target.change.caseID {
                handovers[id]?.history.append(r.seq)
                transfers[id]?.history.append(r.seq)
            }
        }
        noteLifeEffects(r)
        if refolding { records.advanceInSource() } else { records.append(r) }
    }

    /// Lets `source` keep the records folded so far instead of this ledger (see RecordLog).
    public mutating func releaseRecords(to source: any RecordSource) { records.release(to: source) }

    private mutating func addPerson(_ p: PersonData, at: Date, by: String) {
        people[p.login] = Person(login: p.login, name: p.name, roles: p.roles, title: p.title, rank: p.rank,
                                 section: p.section, enrolledAt: at, enrolledBy: by, differentPerson: p.differentPerson == true)
        peopleOrder.append(p.login)
    }

    /// Changes a medium in place: a copy would also copy its history (copy on write), a cost that
    /// grows with the journal. `body` must not fail after changing anything (none of the fold's do).
    mutating func updateMedium(_ reg: String, _ r: Record, appendHistory: Bool = true,
                               _ body: (inout Medium) -> Void) throws(InconsistentRecord) {
        guard media[reg] != nil else { throw InconsistentRecord(seq: r.seq, reason: "unknown medium \(reg)") }
        media[reg].modify { m in
            body(&m)
            if appendHistory || m.history.last != r.seq { m.history.append(r.seq) }
        }
    }

    private mutating func updateRequest(_ id: String, _ r: Record, from state: RequestState,
                                        _ body: (inout TakeoutRequest) -> Void) throws(InconsistentRecord) {
        guard var q = requests[id] else { throw InconsistentRecord(seq: r.seq, reason: "unknown request \(id)") }
        guard q.state == state else { throw InconsistentRecord(seq: r.seq, reason: "request \(id) is \(q.state.rawValue)") }
        body(&q)
        requests[id] = q
        if media[q.registration]?.history.last != r.seq { media[q.registration]?.history.append(r.seq) }
    }

    // MARK: - Numbers

    /// Splits `USB-2026-0007` into the prefix `USB-2026-` and 7 (the trailing digits).
    static func split(registration: String) -> (String, Int)? {
        let digits = registration.reversed().prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, let n = Int(String(digits.reversed())) else { return nil }
        return (String(registration.dropLast(digits.count)), n)
    }
    static func requestNumber(_ id: String) -> Int? {
        id.hasPrefix("REQ-") ? Int(id.dropFirst(4)) : nil
    }

    /// The next registration number under the scheme: `{kind}`, `{year}`, `{n:W}` (W digits, default 4).
    public func nextRegistration(kind: MediumKind, now: Date, timeZone: TimeZone) -> String {
        let scheme = header?.scheme ?? Ledger.defaultScheme
        let year = String(Civil(now, in: timeZone).year)
        var prefix = "", suffix = "", width = 4, seenN = false
        var rest = Substring(scheme)
        func emit(_ s: String) { if seenN { suffix += s } else { prefix += s } }
        while let c = rest.first {
            if rest.hasPrefix("{kind}") { emit(kind.prefix); rest = rest.dropFirst(6) }
            else if rest.hasPrefix("{year}") { emit(year); rest = rest.dropFirst(6) }
            else if rest.hasPrefix("{n"), let close = rest.firstIndex(of: "}") {
                let spec = rest[rest.index(rest.startIndex, offsetBy: 2)..<close]
                if spec.hasPrefix(":"), let w = Int(spec.dropFirst()) { width = min(max(w, 1), 9) }
                seenN = true
                rest = rest[rest.index(after: close)...]
            } else { emit(String(c)); rest = rest.dropFirst() }
        }
        // Numbers count per prefix; a suffix after {n} is kept but does not split the count.
        var n = (counters[prefix] ?? 0) + 1
        func render(_ n: Int) -> String {
            let s = String(n)
            return prefix + String(repeating: "0", count: max(0, width - s.count)) + s + suffix
        }
        // An imported number is kept as written (MediaImport.swift): skip one taken in any case too.
        while media[render(n)] != nil || media[render(n).uppercased()] != nil { n += 1 }
        return render(n)
    }

    public func nextRequestID() -> String {
        let n = (counters["REQ"] ?? 0) + 1
        let s = String(n)
        return "REQ-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

extension Optional {
    /// Changes the wrapped value in place (no copy of what it holds), if there is one.
    mutating func modify(_ body: (inout Wrapped) -> Void) {
        guard self != nil else { return }
        body(&self!)
    }
}

/// One stored copy of each longer text (short ones are kept inline by String and need none).
struct StringTable: Sendable {
    private var set = Set<String>()

    mutating func intern(_ s: String) -> String {
        guard s.utf8.count > 15 else { return s }
        if let i = set.firstIndex(of: s) { return set[i] }
        // Texts that never recur (free notes) would only grow the table: it stops at a bound.
        if set.count < 50_000 { set.insert(s) }
        return s
    }
    mutating func intern(_ s: String?) -> String? { s.map { intern($0) } }
}
