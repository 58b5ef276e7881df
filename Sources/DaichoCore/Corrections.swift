// Corrections that change state (DOMAIN.md "Approvals": correction of a record; 002 第19条):
// `correct SEQ --reason R --set FIELD=VALUE …` asks that record SEQ be read as if it had
// said something else; someone other than the requester decides it (`approvers.correction`,
// default officer or supervisor). Once approved, the ledger is folded again from the start
// as if the corrected record had said what the correction says — every later record is
// checked against the corrected history, and an approval that would break one is refused —
// and the original stays in the journal, marked corrected. Which record types and fields can
// be corrected is `Ledger.correctable` (JOURNAL_FORMAT.md "Corrections").

import Foundation

/// One field of a corrected record and what it should have said (as text, typed like the field).
public struct FieldValue: Codable, Equatable, Sendable {
    public var field: String
    public var value: String
    public init(field: String, value: String) { self.field = field; self.value = value }
}

/// `correction.requested`.
public struct CorrectionRequestData: Codable, Equatable, Sendable {
    public var request: String
    public var target: Int
    public var reason: String
    public var set: [FieldValue]
    public init(request: String, target: Int, reason: String, set: [FieldValue]) {
        self.request = request; self.target = target; self.reason = reason; self.set = set
    }
}

/// A correction request and where it stands.
public struct CorrectionEntry: Equatable, Sendable, Codable, Identifiable {
    public var id: String
    public var seq: Int
    public var target: Int
    public var reason: String
    public var set: [FieldValue]
    public var requester: String
    public var requestedAt: Date
    public var state: ExceptionState
    public var decidedBy: String?
    public var decidedAt: Date?
    public var comment: String?
}

/// Why a correction cannot be asked for or granted.
public enum CorrectionRefusal: Error, Equatable, Sendable {
    case notCorrectable(type: String, known: [String])
    case fieldNotCorrectable(field: String, type: String, known: [String])
    case badValue(field: String, value: String)
    case nothingChanges
    case alreadyPending(target: Int, id: String)
    case breaksLater(String)
    case notPending(String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .notCorrectable(let t, let known):
            return lang.pick("記録の種類 \(t) は --set で訂正できません（できるもの: \(known.joined(separator: ", "))）",
                             "records of type \(t) cannot be corrected with --set (possible: \(known.joined(separator: ", ")))")
        case .fieldNotCorrectable(let f, let t, let known):
            return lang.pick("\(t) の項目 \(f) は訂正できません（できるもの: \(known.joined(separator: ", "))）",
                             "field \(f) of \(t) cannot be corrected (possible: \(known.joined(separator: ", ")))")
        case .badValue(let f, let v):
            return lang.pick("\(f) に「\(v)」は使えません", "'\(v)' is not a value for \(f)")
        case .nothingChanges:
            return lang.pick("訂正しても記録の内容が変わりません", "the correction changes nothing in the record")
        case .alreadyPending(let t, let id):
            return lang.pick("#\(t) には決裁待ちの訂正 \(id) があります", "#\(t) already has a pending correction \(id)")
        case .breaksLater(let why):
            return lang.pick("この訂正を適用すると後の記録が規則に反します: \(why)", "the correction would make a later record break the rules: \(why)")
        case .notPending(let id):
            return lang.pick("\(id) は決裁待ちではありません", "\(id) is not pending")
        }
    }
}

/// Lets a refolding ledger read the records of the ledger it replaces (Ledger.refold).
final class PrefixSource: RecordSource, @unchecked Sendable {
    let log: RecordLog
    init(_ log: RecordLog) { self.log = log }
    var count: Int { log.count }
    func records(_ seqs: Range<Int>) -> [Record]? { log.records(seqs) }
}

extension Ledger {
    public static let correctionPrefix = "COR"

    /// The record types a correction may change, and their fields (JOURNAL_FORMAT.md "Corrections").
    public static let correctable: [String: [String]] = [
        "medium.registered": ["kind", "category", "class", "model", "serial", "capacity", "location", "encrypted",
                              "write_protected", "restrictions", "secret"],
        "medium.scanned": ["registration", "result", "product", "definitions", "note"],
        "use.started": ["registration", "purpose", "where"],
        "use.ended": ["registration", "note"],
        "takeout.returned": ["registration", "request", "note"],
        "handover.received": ["date", "by", "item.*"],
        "transfer.received": ["date", "by"],
    ]

    public static func isCorrection(_ id: String) -> Bool { Ledger.idKey(id).hasPrefix(correctionPrefix + "-") }

    public var allCorrections: [CorrectionEntry] { correctionRequests.values.sorted { $0.seq < $1.seq } }

    public func correction(_ id: String) throws(DomainError) -> CorrectionEntry {
        if let c = correctionRequests[Ledger.idKey(id)] { return c }
        throw .unknownRequest(id)
    }

    /// Corrections waiting for `login`'s decision. Oldest first.
    public func correctionsToDecide(for login: String) -> [CorrectionEntry] {
        allCorrections.filter { $0.state == .pending && stepRefusal($0, by: login) == nil }
    }

    // MARK: The corrected record

    /// `original` as if it had said what `set` says; throws when a field or value cannot be.
    public static func corrected(_ original: Record, _ set: [FieldValue]) throws(CorrectionRefusal) -> Change {
        let type = original.change.type
        guard let fields = correctable[type] else { throw .notCorrectable(type: type, known: correctable.keys.sorted()) }
        guard !set.isEmpty else { throw .nothingChanges }
        let line = original.encodedLine()
        guard var top = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any],
              var data = top["data"] as? [String: Any] else { throw .nothingChanges }
        for fv in set {
            let f = fv.field
            if f.hasPrefix("item."), fields.contains("item.*") {
                // A receipt's quantity of one item (名称 as listed).
                let name = String(f.dropFirst(5))
                guard var items = data["items"] as? [[String: Any]], let i = items.firstIndex(where: { $0["name"] as? String == name }) else {
                    throw .badValue(field: f, value: fv.value)
                }
                if fv.value.isEmpty { items.remove(at: i) } else { items[i]["quantity"] = fv.value }
                data["items"] = items
                continue
            }
            guard fields.contains(f) else { throw .fieldNotCorrectable(field: f, type: type, known: fields) }
            let v = fv.value.trimmingCharacters(in: .whitespaces)
            switch f {
            case "encrypted", "write_protected", "secret":
                switch v.lowercased() {
                case "yes", "true", "あり", "○": data[f] = true
                case "no", "false", "なし", "×": data[f] = false
                default: throw .badValue(field: f, value: fv.value)
                }
            case "class":
                guard let n = Int(v), Confidentiality(rawValue: n) != nil else { throw .badValue(field: f, value: fv.value) }
                data[f] = n
            case "restrictions":
                data[f] = v.isEmpty ? [] : v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            default:
                guard (try? FieldText.clean(v, .note, required: false)) != nil else { throw .badValue(field: f, value: fv.value) }
                if v.isEmpty { data.removeValue(forKey: f) } else { data[f] = v }
            }
        }
        top["data"] = data
        guard let bytes = try? JSONSerialization.data(withJSONObject: top, options: [.sortedKeys]),
              let r = try? Record.decodeWithFoundation(line: bytes) else {
            throw .badValue(field: set.map(\.field).joined(separator: ","), value: set.map(\.value).joined(separator: ","))
        }
        guard r.change != original.change else { throw .nothingChanges }
        return r.change
    }

    /// The changes approved corrections put in place of their records' own.
    func correctionOverrides(_ entries: [CorrectionEntry]) throws(InconsistentRecord) -> [Int: Change] {
        var out: [Int: Change] = [:]
        for e in entries where e.state == .approved {
            guard let original = records[e.target] else { throw InconsistentRecord(seq: e.seq, reason: "record \(e.target) cannot be read back") }
            // Corrections of one record apply in order, each to what the record then said.
            var base = original
            if let earlier = out[e.target] { base.change = earlier }
            do { out[e.target] = try Ledger.corrected(base, e.set) } catch {
                throw InconsistentRecord(seq: e.seq, reason: "correction \(e.id): \(error.message(.en))")
            }
        }
        return out
    }

    /// The ledger folded again from its first record, each corrected record read as its
    /// corrections say; the records themselves stay as they are.
    func refolded(with entries: [CorrectionEntry]) throws(InconsistentRecord) -> Ledger {
        let overrides = try correctionOverrides(entries)
        var fresh = Ledger()
        fresh.records = RecordLog(source: PrefixSource(records), count: 0)
        let n = records.count
        var lo = 0
        while lo < n {
            let hi = min(n, lo + 4096)
            guard let chunk = records.records(lo..<hi) else { throw InconsistentRecord(seq: lo, reason: "records cannot be read back") }
            for r in chunk {
                var r2 = r
                if let c = overrides[r.seq] { r2.change = c }
                try fresh.apply(r2, refolding: true)
            }
            lo = hi
        }
        fresh.records = records
        fresh.correctionRequests = correctionRequests
        for e in entries where e.state == .approved { fresh.corrections[e.target, default: []].append(e.seq) }
        return fresh
    }

    // MARK: Deciding

    /// Record `target` as it reads now: its approved corrections applied (nil: no such record).
    /// A correction changes this, not the record as first written (decide and the replay share it).
    func currentRecord(_ target: Int) throws(InconsistentRecord) -> Record? {
        guard target >= 0, target < records.count, var r = records[target] else { return nil }
        if let now = try correctionOverrides(allCorrections)[target] { r.change = now }
        return r
    }

    func decideCorrectionRequest(target: Int, reason: String, set: [FieldValue]) throws(DomainError) -> Change {
        let current: Record?
        do { current = try currentRecord(target) } catch { throw .correction(.breaksLater(error.reason)) }
        guard let base = current else { throw .unknownRecord(target) }
        if let p = correctionRequests.values.first(where: { $0.target == target && $0.state == .pending }) {
            throw .correction(.alreadyPending(target: target, id: p.id))
        }
        do { _ = try Ledger.corrected(base, set) } catch { throw .correction(error) }
        return .correctionRequested(CorrectionRequestData(request: nextCaseID(Ledger.correctionPrefix), target: target,
                                                          reason: try FieldText.clean(reason, .reason), set: set))
    }

    func decideCorrection(_ id: String, by actor: Actor, approve: Bool, comment: String?) throws(DomainError) -> Change {
        let c = try correction(id)
        // Never by who asked, nor under a second login (002 第19条); then the step it waits for (Steps.swift).
        if let why = stepRefusal(c, by: actor.login), case .selfApproval = why { throw why }
        guard c.state == .pending else { throw .correction(.notPending(c.id)) }
        if let why = stepRefusal(c, by: actor.login) { throw why }
        guard approve else { return .requestRejected(RejectionData(request: c.id, reason: try FieldText.clean(comment ?? "", .reason))) }
        // Granted only if the history folds, corrected, with every later record lawful (checked at the last step).
        if isIntermediateStep(c) {
            return .requestApproved(DecisionData(request: c.id, confirmed: [], comment: try FieldText.optional(comment, .comment)))
        }
        var entries = allCorrections
        if let i = entries.firstIndex(where: { $0.id == c.id }) { entries[i].state = .approved }
        do { _ = try refolded(with: entries) } catch { throw .correction(.breaksLater("#\(error.seq): \(error.reason)")) }
        return .requestApproved(DecisionData(request: c.id, confirmed: [], comment: try FieldText.optional(comment, .comment)))
    }

    // MARK: Replay and fold

    func correctionDecisionViolation(_ c: CorrectionEntry, by p: Person) -> String? {
        if c.state != .pending { return "\(c.id) is not pending" }
        return stepViolation(c, by: p)
    }

    func correctionRequestViolation(_ d: CorrectionRequestData) -> String? {
        guard let base = try? currentRecord(d.target) else { return "\(d.request) corrects unknown record \(d.target)" }
        do { _ = try Ledger.corrected(base, d.set) } catch { return "\(d.request): \(error.message(.en))" }
        return nil
    }

    mutating func applyCorrectionRequest(_ d: CorrectionRequestData, _ r: Record) throws(InconsistentRecord) {
        guard correctionRequests[d.request] == nil else { throw InconsistentRecord(seq: r.seq, reason: "correction \(d.request) twice") }
        correctionRequests[d.request] = CorrectionEntry(id: d.request, seq: r.seq, target: d.target, reason: d.reason, set: d.set,
                                                       requester: r.actor, requestedAt: r.at, state: .pending)
        countID(d.request)
    }

    mutating func applyCorrectionDecision(_ id: String, approved: Bool, comment: String?, _ r: Record, refolding: Bool) throws(InconsistentRecord) {
        guard correctionRequests[id]?.state == .pending else { throw InconsistentRecord(seq: r.seq, reason: "correction \(id) is not pending") }
        correctionRequests[id]!.state = approved ? .approved : .rejected
        correctionRequests[id]!.decidedBy = r.actor
        correctionRequests[id]!.decidedAt = r.at
        correctionRequests[id]!.comment = comment
        // Within a refold the overrides are already in place; otherwise fold again with this one.
        guard approved, !refolding else { return }
        self = try refolded(with: allCorrections)
    }

    // MARK: Snapshot

    func correctionsSnapshotText() -> String { SnapshotText.encode(allCorrections) }

    static func correctionsFromSnapshot(_ s: String) -> [String: CorrectionEntry]? {
        SnapshotText.decode([CorrectionEntry].self, s).flatMap(SnapshotText.byID)
    }
}
