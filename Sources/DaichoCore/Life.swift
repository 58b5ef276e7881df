// The rest of a medium's life and the unit's standing duties: pledges
// (001 第4, 付紙第5), keys of lockers and wires (001 第2-2), the contractor's
// handler roster (000 4, 別記様式第2の2), inventories and the self-inspection
// (001 第6), disposal by erasure or destruction with a witness (001 付紙第4
// 1(5), 002 第50条) and loss incidents (001 付紙第4 3(5), 付紙第8).
//
// All of them travel in one `Change` case, `.life(LifeChange)`, so that the
// shared files of the journal (Change, Record, RecordWriter, Ledger) each gain
// one line; their rules and their fold are in LifeRules.swift, their state
// here (`LifeState`, one property of the Ledger).

import Foundation

// MARK: - Record payloads

/// 誓約書 (001 付紙第5): the person and the day they submitted it.
public struct PledgeData: Codable, Equatable, Sendable {
    public var login: String
    public var date: Day
}

/// A key of a locker or a fixing wire registered by the officer (001 第2-2).
public struct KeyData: Codable, Equatable, Sendable {
    public var key: String
    /// What it opens.
    public var opens: String
    /// Where it is kept.
    public var location: String?
}

public struct KeyLendData: Codable, Equatable, Sendable {
    public var key: String
    /// The enrolled login holding it.
    public var to: String
    public var until: Date
}

public struct KeyReturnData: Codable, Equatable, Sendable {
    public var key: String
}

/// 業務内容 of a handler (000 別記様式第2の2): a 役員, b 営業, c 情報システム関係者,
/// d エンジニア（情報システム関係者を除く）, e その他.
public enum RosterDuty: String, Codable, Sendable, CaseIterable {
    case a, b, c, d, e
    public func label(_ lang: Lang) -> String {
        switch self {
        case .a: lang.pick("役員", "officer of the company")
        case .b: lang.pick("営業", "sales")
        case .c: lang.pick("情報システム関係者", "information systems")
        case .d: lang.pick("エンジニア（情報システム関係者を除く）", "engineer (not information systems)")
        case .e: lang.pick("その他", "other")
        }
    }
}

/// One line of a contract's 取扱者名簿 (000 4, 別記様式第2の2).
public struct RosterEntryData: Codable, Equatable, Sendable {
    /// 調達要求番号 / 契約番号.
    public var contract: String
    /// 番号: 1, 2, 3 … within the contract.
    public var number: Int
    /// 氏名 (as in the family register) and its フリガナ.
    public var name: String
    public var kana: String
    /// 生年月日 (printed in 和暦).
    public var born: Day
    public var address: String
    public var nationality: String
    /// 所属・役職.
    public var post: String
    public var duty: RosterDuty
    /// 確認結果.
    public var result: String?
    /// 備考 (e.g. ○ and the 調達要求番号 of another contract).
    public var note: String?
}

public struct InventoryStartData: Codable, Equatable, Sendable {
    public var inventory: String
    /// The day the count is as of (the self-inspection's base date, 1月15日, by default today).
    public var asOf: Day
    /// Locations counted; empty: every location.
    public var locations: [String]
    enum CodingKeys: String, CodingKey { case inventory, asOf = "as_of", locations }
}

public struct InventoryCountData: Codable, Equatable, Sendable {
    public var inventory: String
    /// Registration numbers sighted, in the order counted.
    public var registrations: [String]
}

public struct InventoryCloseData: Codable, Equatable, Sendable {
    public var inventory: String
    /// Expected media not sighted: each is 亡失 from here on.
    public var missing: [String]
    /// The loss incident opened for each missing medium, in the same order.
    public var incidents: [String]
}

/// 消去して再利用 (erase) or 破棄 (destroy) (001 付紙第4 1(5), 002 第50条).
public enum DisposalKind: String, Codable, Sendable, CaseIterable {
    case erase, destroy
    public func label(_ lang: Lang) -> String {
        switch self {
        case .erase: lang.pick("消去して再利用", "erase for reuse")
        case .destroy: lang.pick("破棄", "destroy")
        }
    }
}

public struct DisposalRequestData: Codable, Equatable, Sendable {
    public var request: String
    public var registration: String
    public var kind: DisposalKind
    public var method: String
    public var reason: String
}

public struct DisposalApprovalData: Codable, Equatable, Sendable {
    public var request: String
    public var comment: String?
}

public struct DisposalRejectionData: Codable, Equatable, Sendable {
    public var request: String
    public var reason: String
}

/// The erasure or destruction carried out, with its operator and witness (two people).
public struct DisposalDoneData: Codable, Equatable, Sendable {
    public var request: String
    /// 証明書番号, from its own sequence.
    public var certificate: String
    public var date: Day
    public var operatorLogin: String
    public var witness: String
    enum CodingKeys: String, CodingKey { case request, certificate, date, operatorLogin = "operator", witness }
}

/// An erased medium put back in storage, empty (001 付紙第4 1(5)): a step of its own, with who (the record's
/// actor) and when (the record's time). Until then it is 消去済 and is not used, taken out or handed over.
public struct ErasedStoredData: Codable, Equatable, Sendable {
    public var request: String
    public var registration: String
}

public struct IncidentStepData: Codable, Equatable, Sendable {
    public var incident: String
    public var step: String
    public var note: String?
}

public struct IncidentCloseData: Codable, Equatable, Sendable {
    public var incident: String
    public var conclusion: String
}

/// One change of the lifecycle records: the payload of one record.
public enum LifeChange: Equatable, Sendable {
    case pledgeRecorded(PledgeData)
    case keyAdded(KeyData)
    case keyLent(KeyLendData)
    case keyReturned(KeyReturnData)
    case rosterAdded(RosterEntryData)
    case inventoryStarted(InventoryStartData)
    case inventoryCounted(InventoryCountData)
    case inventoryClosed(InventoryCloseData)
    case disposalRequested(DisposalRequestData)
    case disposalApproved(DisposalApprovalData)
    case disposalRejected(DisposalRejectionData)
    case disposalDone(DisposalDoneData)
    case erasedStored(ErasedStoredData)
    case incidentStep(IncidentStepData)
    case incidentClosed(IncidentCloseData)

    /// The stable type name written in the record.
    public var type: String {
        switch self {
        case .pledgeRecorded: "pledge.recorded"
        case .keyAdded: "key.added"
        case .keyLent: "key.lent"
        case .keyReturned: "key.returned"
        case .rosterAdded: "roster.added"
        case .inventoryStarted: "inventory.started"
        case .inventoryCounted: "inventory.counted"
        case .inventoryClosed: "inventory.closed"
        case .disposalRequested: "disposal.requested"
        case .disposalApproved: "disposal.approved"
        case .disposalRejected: "disposal.rejected"
        case .disposalDone: "disposal.done"
        case .erasedStored: "disposal.stored"
        case .incidentStep: "incident.step"
        case .incidentClosed: "incident.closed"
        }
    }

    /// The medium a change names itself, if any.
    public var registration: String? {
        switch self {
        case .disposalRequested(let d): d.registration
        case .erasedStored(let d): d.registration
        default: nil
        }
    }

    func encodedData(_ enc: JSONEncoder) throws -> Data {
        switch self {
        case .pledgeRecorded(let d): try enc.encode(d)
        case .keyAdded(let d): try enc.encode(d)
        case .keyLent(let d): try enc.encode(d)
        case .keyReturned(let d): try enc.encode(d)
        case .rosterAdded(let d): try enc.encode(d)
        case .inventoryStarted(let d): try enc.encode(d)
        case .inventoryCounted(let d): try enc.encode(d)
        case .inventoryClosed(let d): try enc.encode(d)
        case .disposalRequested(let d): try enc.encode(d)
        case .disposalApproved(let d): try enc.encode(d)
        case .disposalRejected(let d): try enc.encode(d)
        case .disposalDone(let d): try enc.encode(d)
        case .erasedStored(let d): try enc.encode(d)
        case .incidentStep(let d): try enc.encode(d)
        case .incidentClosed(let d): try enc.encode(d)
        }
    }

    private struct DataField<T: Decodable>: Decodable { var data: T }

    /// The change of a lifecycle type, or nil when `type` is not one.
    static func decode(type: String, from line: Data, decoder: JSONDecoder) throws -> LifeChange? {
        func d<T: Decodable>(_: T.Type) throws -> T { try decoder.decode(DataField<T>.self, from: line).data }
        switch type {
        case "pledge.recorded": return .pledgeRecorded(try d(PledgeData.self))
        case "key.added": return .keyAdded(try d(KeyData.self))
        case "key.lent": return .keyLent(try d(KeyLendData.self))
        case "key.returned": return .keyReturned(try d(KeyReturnData.self))
        case "roster.added": return .rosterAdded(try d(RosterEntryData.self))
        case "inventory.started": return .inventoryStarted(try d(InventoryStartData.self))
        case "inventory.counted": return .inventoryCounted(try d(InventoryCountData.self))
        case "inventory.closed": return .inventoryClosed(try d(InventoryCloseData.self))
        case "disposal.requested": return .disposalRequested(try d(DisposalRequestData.self))
        case "disposal.approved": return .disposalApproved(try d(DisposalApprovalData.self))
        case "disposal.rejected": return .disposalRejected(try d(DisposalRejectionData.self))
        case "disposal.done": return .disposalDone(try d(DisposalDoneData.self))
        case "disposal.stored": return .erasedStored(try d(ErasedStoredData.self))
        case "incident.step": return .incidentStep(try d(IncidentStepData.self))
        case "incident.closed": return .incidentClosed(try d(IncidentCloseData.self))
        default: return nil
        }
    }
}

// MARK: - Ledger state

/// A pledge on record: the latest one submitted by a person.
public struct Pledge: Codable, Equatable, Sendable {
    public var login: String
    public var date: Day
    public var recordedAt: Date
    public var recordedBy: String
    public var seq: Int
}

/// A key and who holds it now.
public struct KeyEntry: Codable, Equatable, Sendable {
    public var key: String
    public var opens: String
    public var location: String?
    public var addedAt: Date
    public var addedBy: String
    /// The open loan, if lent.
    public var loan: KeyLoan?
    /// Every record about this key, oldest first.
    public var history: [Int]

    public func isOverdue(at now: Date) -> Bool { loan.map { $0.until < now } ?? false }
}

public struct KeyLoan: Codable, Equatable, Sendable {
    public var to: String
    public var until: Date
    public var at: Date
    public var by: String
}

/// A roster line as recorded, with who recorded it.
public struct RosterEntry: Codable, Equatable, Sendable {
    public var data: RosterEntryData
    public var recordedAt: Date
    public var recordedBy: String
    public var seq: Int
}

public enum InventoryStatus: String, Codable, Sendable {
    case open, closed
    public func label(_ lang: Lang) -> String {
        switch self {
        case .open: lang.pick("点検中", "open")
        case .closed: lang.pick("完結", "closed")
        }
    }
}

/// A medium out on a record when the inventory started: accounted for by that record.
public struct AccountedMedium: Codable, Equatable, Sendable {
    public var registration: String
    public var status: MediumStatus
    /// The record that accounts for it: a use (`use #12`), a take-out request, a handover or transfer.
    public var record: String
}

/// A number counted: who counted it, when, and what it was found to be.
public struct InventoryMark: Codable, Equatable, Sendable {
    public var registration: String
    public var by: String
    public var at: Date
    public var seq: Int
}

/// An inventory (点検, 001 第6): what should be where, and what was sighted.
public struct Inventory: Codable, Equatable, Sendable {
    public var id: String
    public var seq: Int
    public var asOf: Day
    public var locations: [String]
    public var startedAt: Date
    public var startedBy: String
    /// Media in storage within the inventory's locations when it started, in register order, with their location.
    public var expected: [String]
    public var expectedLocation: [String: String]
    /// Media out on a record (in use, taken out, in transit) within its locations.
    public var accounted: [AccountedMedium]
    /// Every number counted, in order.
    public var counted: [InventoryMark]
    public var status: InventoryStatus
    public var closedAt: Date?
    public var closedBy: String?
    public var missingAtClose: [String]
    public var incidents: [String]
    public var history: [Int]

    public func isCounted(_ reg: String) -> Bool { counted.contains { $0.registration == reg } }
    /// Expected and sighted, in register order.
    public var sighted: [String] {
        let c = Set(counted.map(\.registration))
        return expected.filter { c.contains($0) }
    }
    /// Expected and not (yet) sighted; once closed, what was missing at the close.
    public var missing: [String] {
        if status == .closed { return missingAtClose }
        let c = Set(counted.map(\.registration))
        return expected.filter { !c.contains($0) }
    }
    /// Counted but not expected here, in the order counted.
    public var unexpected: [String] {
        let e = Set(expected)
        return counted.map(\.registration).filter { !e.contains($0) }
    }
}

public enum DisposalState: String, Codable, Sendable {
    case pending, approved, rejected, done
    public func label(_ lang: Lang) -> String {
        switch self {
        case .pending: lang.pick("承認待ち", "pending")
        case .approved: lang.pick("承認済", "approved")
        case .rejected: lang.pick("却下", "rejected")
        case .done: lang.pick("実施済", "done")
        }
    }
}

/// A disposal request and, once carried out, its certificate.
public struct Disposal: Codable, Equatable, Sendable {
    public var id: String
    public var seq: Int
    public var registration: String
    public var kind: DisposalKind
    public var method: String
    public var reason: String
    public var requester: String
    public var requestedAt: Date
    public var state: DisposalState
    public var decidedBy: String?
    public var decidedAt: Date?
    /// The approver's comment, or the reason of a rejection.
    public var decisionNote: String?
    public var certificate: String?
    public var date: Day?
    public var operatorLogin: String?
    public var witness: String?
    public var doneAt: Date?
    public var doneBy: String?
    /// The register entry as it stood when the disposal was carried out (the certificate prints it).
    public var medium: MediumData?
    /// Erased: when it was put back in storage, empty, and by whom (nil while it is 消去済).
    public var storedAt: Date? = nil
    public var storedBy: String? = nil
}

/// A step of an incident's reporting, as it happened.
public struct IncidentStepEntry: Codable, Equatable, Sendable {
    public var step: String
    public var at: Date
    public var by: String
    public var note: String?
    public var seq: Int
}

public enum IncidentStatus: String, Codable, Sendable {
    case open, closed
    public func label(_ lang: Lang) -> String {
        switch self {
        case .open: lang.pick("対応中", "open")
        case .closed: lang.pick("完結", "closed")
        }
    }
}

/// A loss incident (亡失事案, 001 付紙第4 3(5), 付紙第8).
public struct Incident: Codable, Equatable, Sendable {
    public var id: String
    public var seq: Int
    public var registration: String
    /// When it was noticed (the record's time) and by whom.
    public var openedAt: Date
    public var openedBy: String
    /// What was reported (the loss report's note, or the inventory that missed it).
    public var note: String
    /// The inventory whose close opened it, if any.
    public var inventory: String?
    /// The medium's classification and restrictions when it was lost.
    public var classification: Confidentiality
    public var restrictions: [Restriction]
    public var secret: Bool
    public var steps: [IncidentStepEntry]
    /// The medium was found again (`media found`).
    public var foundAt: Date?
    public var foundBy: String?
    public var foundNote: String?
    public var status: IncidentStatus
    public var closedAt: Date?
    public var closedBy: String?
    public var conclusion: String?
    public var history: [Int]
}

/// 読後廃棄: a medium due for disposal since its use or take-out ended (002 別表1). Whether a medium is
/// due is `Medium.disposalDue` alone (the rule book's flag); this only adds since when, for home and the list.
public struct DisposalDue: Codable, Equatable, Sendable {
    public var registration: String
    public var since: Date
}

/// The settings of the lifecycle the officer may change (`daicho config set`).
public struct LifeSettings: Codable, Equatable, Sendable {
    public static let defaultMethods = ["専用ソフトによる上書き消去", "物理破壊", "溶解", "裁断"]
    /// Reporting steps of a loss incident, in order (001 付紙第4 3(5), 付紙第8 2).
    public static let defaultSteps = ["reported", "upward", "searched", "result"]
    public static let defaultAddressee = "統合幕僚長"

    public var methods: [String] = LifeSettings.defaultMethods
    /// The witness may not be the requester either.
    public var witnessNotRequester = false
    /// Days after which a due 読後廃棄 disposal is overdue.
    public var disposalOverdueDays = 7
    public var steps: [String] = LifeSettings.defaultSteps
    /// Addressee of the 誓約書 (付紙第5: 統合幕僚長 殿).
    public var pledgeAddressee = LifeSettings.defaultAddressee
    /// Self-inspection base date (001 第6 1(1): 1月15日), month and day.
    public var inspectionBase = MonthDay(month: 1, day: 15)
    /// The self-inspection report is due by this day (001 第6 1(4): 2月末日; day 0 = the month's last day).
    public var reportDue = MonthDay(month: 2, day: 0)

    public static let keys = ["disposal.methods", "disposal.witness_not_requester", "disposal.overdue_days", "incident.steps",
                              "pledge.addressee", "inspection.base_date", "inspection.report_due"]

    public var values: [(key: String, value: String)] {
        [("disposal.methods", methods.joined(separator: ",")),
         ("disposal.witness_not_requester", witnessNotRequester ? "true" : "false"),
         ("disposal.overdue_days", String(disposalOverdueDays)),
         ("incident.steps", steps.joined(separator: ",")),
         ("pledge.addressee", pledgeAddressee),
         ("inspection.base_date", inspectionBase.text),
         ("inspection.report_due", reportDue.text)]
    }

    /// The value as it will be stored, or nil when it is not acceptable.
    static func normalized(key: String, value: String) -> String? {
        var s = LifeSettings()
        return s.set(key: key, value: value) ? s.values.first { $0.key == key }?.value : nil
    }

    /// Sets a value; false when the key is not one of these or the value is not acceptable.
    mutating func set(key: String, value: String) -> Bool {
        let v = value.trimmingCharacters(in: .whitespaces)
        func list(_ field: Field) -> [String]? {
            var out: [String] = []
            for part in v.split(separator: ",") {
                guard let p = try? FieldText.clean(String(part), field), !out.contains(p) else { return nil }
                out.append(p)
            }
            return out.isEmpty ? nil : out
        }
        switch key {
        case "disposal.methods":
            guard let l = list(.method) else { return false }
            methods = l
        case "disposal.witness_not_requester":
            guard v == "true" || v == "false" else { return false }
            witnessNotRequester = v == "true"
        case "disposal.overdue_days":
            guard let n = Int(v), (1...365).contains(n) else { return false }
            disposalOverdueDays = n
        case "incident.steps":
            guard let l = list(.step) else { return false }
            steps = l
        case "pledge.addressee":
            guard let a = try? FieldText.clean(v, .addressee) else { return false }
            pledgeAddressee = a
        case "inspection.base_date":
            guard let md = MonthDay(v), md.day != 0 else { return false }
            inspectionBase = md
        case "inspection.report_due":
            guard let md = MonthDay(v) else { return false }
            reportDue = md
        default: return false
        }
        return true
    }
}

/// A day of the year: `01-15`, or `02-end` for the month's last day (day 0).
public struct MonthDay: Codable, Equatable, Sendable {
    public var month: Int
    public var day: Int

    public init(month: Int, day: Int) { self.month = month; self.day = day }

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let m = Int(parts[0]), (1...12).contains(m) else { return nil }
        if parts[1] == "end" { self.init(month: m, day: 0); return }
        // 2月29日 would not exist most years: a base or due date is one every year has.
        guard let d = Int(parts[1]), d >= 1, d <= Civil.daysIn(month: m, year: 2025) else { return nil }
        self.init(month: m, day: d)
    }

    public var text: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        return day == 0 ? "\(m)-end" : "\(m)-" + (day < 10 ? "0\(day)" : "\(day)")
    }

    /// This day in `year`.
    public func day(in year: Int) -> Day {
        Day(year: year, month: month, day: day == 0 ? Civil.daysIn(month: month, year: year) : day)!
    }

    public func label(_ lang: Lang) -> String {
        day == 0 ? lang.pick("\(month)月末日", "end of month \(month)") : lang.pick("\(month)月\(day)日", "\(text)")
    }
}

/// Everything the lifecycle records folded into: one property of the ledger.
///
/// It is written into the snapshot as one JSON text (LedgerSnapshot.swift): these
/// tables are small next to the media and the books, and Codable keeps every field.
public struct LifeState: Codable, Equatable, Sendable {
    public internal(set) var pledges: [String: Pledge] = [:]
    public internal(set) var keys: [String: KeyEntry] = [:]
    public internal(set) var keyOrder: [String] = []
    /// Each contract's roster, in number order; contracts in the order first seen.
    public internal(set) var rosters: [String: [RosterEntry]] = [:]
    public internal(set) var rosterOrder: [String] = []
    public internal(set) var inventories: [String: Inventory] = [:]
    public internal(set) var inventoryOrder: [String] = []
    public internal(set) var disposals: [String: Disposal] = [:]
    public internal(set) var disposalOrder: [String] = []
    public internal(set) var incidents: [String: Incident] = [:]
    public internal(set) var incidentOrder: [String] = []
    /// The open incident of a medium, if it has one.
    public internal(set) var openIncident: [String: String] = [:]
    /// Media erased for reuse and back in storage empty: their data category is cleared (the certificate number).
    public internal(set) var erased: [String: String] = [:]
    /// Highest number used per id prefix (INV, DR, CERT, INC): numbers are never reused.
    public internal(set) var counters: [String: Int] = [:]
    public internal(set) var settings = LifeSettings()

    public init() {}

    public var allKeys: [KeyEntry] { keyOrder.compactMap { keys[$0] } }
    public var allInventories: [Inventory] { inventoryOrder.compactMap { inventories[$0] } }
    public var allDisposals: [Disposal] { disposalOrder.compactMap { disposals[$0] } }
    public var allIncidents: [Incident] { incidentOrder.compactMap { incidents[$0] } }

    public func nextID(_ prefix: String) -> String {
        let s = String((counters[prefix] ?? 0) + 1)
        return prefix + "-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
    mutating func take(_ id: String) {
        guard let dash = id.lastIndex(of: "-"), let n = Int(id[id.index(after: dash)...]) else { return }
        let prefix = String(id[..<dash])
        counters[prefix] = max(counters[prefix] ?? 0, n)
    }

    /// The state as one JSON text, for the snapshot (keys sorted, so equal states give equal bytes).
    func snapshotText() -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        // Plain structs of strings, numbers and dates: encoding cannot fail.
        return String(decoding: try! e.encode(self), as: UTF8.self)
    }

    static func fromSnapshot(_ text: String) -> LifeState? {
        try? JSONDecoder().decode(LifeState.self, from: Data(text.utf8))
    }

    /// What points at nothing in a restored state (a forged snapshot), given the register.
    func brokenLink(media: [String: Medium], people: [String: Person]) -> String? {
        guard keyOrder.count == keys.count, keyOrder.allSatisfy({ keys[$0] != nil }),
              inventoryOrder.count == inventories.count, inventoryOrder.allSatisfy({ inventories[$0] != nil }),
              disposalOrder.count == disposals.count, disposalOrder.allSatisfy({ disposals[$0] != nil }),
              incidentOrder.count == incidents.count, incidentOrder.allSatisfy({ incidents[$0] != nil }),
              rosterOrder.count == rosters.count, rosterOrder.allSatisfy({ rosters[$0] != nil }) else {
            return "lifecycle tables and their orders differ"
        }
        for d in disposals.values where media[d.registration] == nil { return "\(d.id) of unknown \(d.registration)" }
        for i in incidents.values where media[i.registration] == nil { return "\(i.id) of unknown \(i.registration)" }
        for (reg, id) in openIncident where incidents[id]?.registration != reg { return "\(reg) with incident \(id) not its own" }
        for inv in inventories.values where inv.expected.contains(where: { media[$0] == nil }) { return "\(inv.id) expects an unknown medium" }
        return nil
    }
}

extension LifeChange {
    /// One line saying what the record did. A roster line names no one: it is personal data
    /// (000 別記様式第2の2), and the journal is readable by every enrolled person.
    public func summary(_ lang: Lang, timeZone: TimeZone) -> String {
        switch self {
        case .pledgeRecorded(let d):
            return lang.pick("誓約書受理: \(d.login)（\(d.date.iso)）", "pledge recorded: \(d.login) (\(d.date.iso))")
        case .keyAdded(let d):
            return lang.pick("かぎ登録: \(d.key) \(d.opens)", "key registered: \(d.key) for \(d.opens)")
                + (d.location.map { lang.pick(" 保管 \($0)", " kept at \($0)") } ?? "")
        case .keyLent(let d):
            return lang.pick("かぎ貸出: \(d.key) → \(d.to)（\(d.until.minuteText(in: timeZone))まで）",
                             "key lent: \(d.key) to \(d.to) until \(d.until.minuteText(in: timeZone))")
        case .keyReturned(let d):
            return lang.pick("かぎ返却: \(d.key)", "key returned: \(d.key)")
        case .rosterAdded(let d):
            return lang.pick("取扱者名簿: 契約 \(d.contract) に番号\(d.number)を追加", "handler roster: entry \(d.number) added to \(d.contract)")
        case .inventoryStarted(let d):
            let locs = d.locations.isEmpty ? lang.pick("全保管場所", "every location") : d.locations.joined(separator: lang.pick("、", ", "))
            return lang.pick("点検開始 \(d.inventory): \(d.asOf.iso)現在 \(locs)", "inventory \(d.inventory) started as of \(d.asOf.iso): \(locs)")
        case .inventoryCounted(let d):
            return lang.pick("点検 \(d.inventory): \(d.registrations.joined(separator: "、")) を確認", "inventory \(d.inventory): counted \(d.registrations.joined(separator: ", "))")
        case .inventoryClosed(let d):
            return lang.pick("点検完結 \(d.inventory): 所在不明 \(d.missing.count)件", "inventory \(d.inventory) closed: \(d.missing.count) missing")
                + (d.missing.isEmpty ? "" : " " + d.missing.joined(separator: lang.pick("、", ", ")))
        case .disposalRequested(let d):
            return lang.pick("廃棄・消去申請 \(d.request): \(d.registration) \(d.kind.label(lang)) 方法 \(d.method) 理由 \(d.reason)",
                             "disposal request \(d.request): \(d.registration) \(d.kind.label(lang)) by \(d.method): \(d.reason)")
        case .disposalApproved(let d):
            return lang.pick("廃棄・消去承認 \(d.request)", "disposal approved \(d.request)") + (d.comment.map { " — \($0)" } ?? "")
        case .disposalRejected(let d):
            return lang.pick("廃棄・消去却下 \(d.request) 理由: \(d.reason)", "disposal rejected \(d.request): \(d.reason)")
        case .disposalDone(let d):
            return lang.pick("廃棄・消去実施 \(d.request): 証明書 \(d.certificate) \(d.date.iso) 実施者 \(d.operatorLogin) 立会者 \(d.witness)",
                             "disposal carried out \(d.request): certificate \(d.certificate) on \(d.date.iso), operator \(d.operatorLogin), witness \(d.witness)")
        case .erasedStored(let d):
            return lang.pick("消去済媒体の保管復帰 \(d.request): \(d.registration)（データ区分なし）", "erased medium back in storage \(d.request): \(d.registration) (no data category)")
        case .incidentStep(let d):
            return lang.pick("事案 \(d.incident): \(incidentStepLabel(d.step, lang))", "incident \(d.incident): \(incidentStepLabel(d.step, lang))")
                + (d.note.map { " — \($0)" } ?? "")
        case .incidentClosed(let d):
            return lang.pick("事案完結 \(d.incident): \(d.conclusion)", "incident closed \(d.incident): \(d.conclusion)")
        }
    }
}
