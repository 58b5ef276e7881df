// Handovers of protected information with a 送付リスト and its 受領書
// (000 別記様式第3, 第5項), provisions to contractors that must come back or be
// destroyed with a written report (003 8.1), and incoming deliveries for
// which the unit issues its own 受領書. DOMAIN.md "Handovers".

import Foundation

// MARK: - Record payloads

/// One line of a 送付リスト: 名称 and 数量等 (枚数, 媒体数, or for data the size).
public struct HandoverItem: Codable, Equatable, Sendable {
    public var name: String
    public var quantity: String
    /// The registered medium this line is, if it is one.
    public var registration: String?
    /// 格付 and 取扱制限 of the item: a registered medium's own, or as the drafter marked it (002 第46–47条).
    public var classification: Confidentiality?
    public var restrictions: [Restriction]?
    enum CodingKeys: String, CodingKey { case name, quantity, registration, classification = "class", restrictions }
    public init(name: String, quantity: String, registration: String? = nil, classification: Confidentiality? = nil,
                restrictions: [Restriction]? = nil) {
        self.name = name; self.quantity = quantity; self.registration = registration
        self.classification = classification; self.restrictions = restrictions
    }
}

/// A line of a 受領書 as the recipient wrote it.
public struct ReceivedItem: Codable, Equatable, Sendable {
    public var name: String
    public var quantity: String
    public init(name: String, quantity: String) { self.name = name; self.quantity = quantity }
}

public struct HandoverDraftData: Codable, Equatable, Sendable {
    public var handover: String
    /// 宛先 (the addressee, printed with 殿).
    public var to: String
    /// 調達要求番号 / 契約番号.
    public var contract: String?
    /// A provision to a contractor that must be returned or destroyed at the end of the work (003 8.1(4)).
    public var returnRequired: Bool
    public var items: [HandoverItem]
    public var note: String?
    /// Why a provision to a contract need not come back (`--no-return`); by default it must (003 8.1(4)(5)).
    public var noReturnReason: String?
    enum CodingKeys: String, CodingKey {
        case handover, to, contract, returnRequired = "return_required", items, note, noReturnReason = "no_return_reason"
    }
}

public struct HandoverDispatchData: Codable, Equatable, Sendable {
    public var handover: String
    /// 送達 (the date on the form).
    public var date: Day
    /// The 受領書 is due back by this day.
    public var due: Day
    /// 所属 官職 氏名 of the sender, as printed.
    public var sender: String
    /// The exceptions (Exceptions.swift) the dispatch went through under; absent when none.
    public var exceptions: [String]?
    public init(handover: String, date: Day, due: Day, sender: String, exceptions: [String]? = nil) {
        self.handover = handover; self.date = date; self.due = due; self.sender = sender; self.exceptions = exceptions
    }
}

public struct HandoverReceiptData: Codable, Equatable, Sendable {
    public var handover: String
    /// 受領 (the date on the returned 受領書).
    public var date: Day
    /// 受領者 所属 職位 氏名.
    public var by: String
    /// The items as the recipient wrote them; an item not listed was not received.
    public var items: [ReceivedItem]
}

public struct HandoverNoteData: Codable, Equatable, Sendable {
    public var handover: String
    public var note: String?
}

/// Items given back, or destroyed/erased by the contractor with a written report (003 8.1(4)(5)).
public struct HandoverDisposalData: Codable, Equatable, Sendable {
    public var handover: String
    public var items: [String]
    public var date: Day
    /// Document number of the destruction/erasure report; nil for a return.
    public var report: String?
    /// Who signed the report; nil for a return.
    public var signer: String?
}

public struct HandoverIncomingData: Codable, Equatable, Sendable {
    public var handover: String
    /// 送付者: who sent it.
    public var from: String
    public var items: [HandoverItem]
    public var date: Day
    /// 受領者 所属 職位 氏名 (the person recording it).
    public var by: String
    public var note: String?
}

// MARK: - State

public enum HandoverDirection: String, Codable, Sendable { case outgoing, incoming }

public enum HandoverStatus: String, Codable, Sendable, CaseIterable {
    case draft, dispatched, received, discrepancy, closed, recalled
    public func label(_ lang: Lang) -> String {
        switch self {
        case .draft: lang.pick("起案中", "draft")
        case .dispatched: lang.pick("受領書待ち", "dispatched")
        case .received: lang.pick("返却・廃棄待ち", "awaiting return/destruction")
        case .discrepancy: lang.pick("差異あり", "discrepancy")
        case .closed: lang.pick("完結", "closed")
        case .recalled: lang.pick("取消", "recalled")
        }
    }
}

/// A difference between what was sent and what the 受領書 says.
public struct ItemDifference: Codable, Equatable, Sendable {
    public var name: String
    public var sent: String
    /// nil: not on the 受領書 at all.
    public var received: String?
}

public struct HandoverReceipt: Codable, Equatable, Sendable {
    public var date: Day
    public var by: String
    public var items: [ReceivedItem]
    public var recordedBy: String
    public var recordedAt: Date
}

public struct HandoverEvent: Codable, Equatable, Sendable {
    public var seq: Int
    public var at: Date
    public var by: String
    public var note: String?
}

public struct ItemDisposal: Codable, Equatable, Sendable {
    public var item: String
    public var date: Day
    public var report: String?
    public var signer: String?
    public var seq: Int
    public var isReturn: Bool { report == nil }
}

/// A handover case, outgoing (送付リスト/受領書) or incoming (our 受領書).
public struct Handover: Codable, Equatable, Sendable {
    public var id: String
    public var direction: HandoverDirection
    public var seq: Int
    public var createdAt: Date
    public var createdBy: String
    /// 宛先 for outgoing, 送付者 for incoming.
    public var counterpart: String
    public var contract: String?
    public var returnRequired: Bool
    public var items: [HandoverItem]
    public var note: String?
    public var dispatchDate: Day?
    public var due: Day?
    public var sender: String?
    public var dispatchedBy: String?
    public var receipt: HandoverReceipt?
    public var differences: [ItemDifference] = []
    public var acknowledgement: HandoverEvent?
    public var reminders: [HandoverEvent] = []
    public var disposals: [ItemDisposal] = []
    public var recall: HandoverEvent?
    /// Sequence numbers of every record of this case, oldest first.
    public var history: [Int]
    /// Registered media the 受領書 did not list: still 送達中 until they arrive late or are reported lost (Receipts.swift).
    public var missingMedia: [String] = []
    /// Late arrivals after the 受領書.
    public var late: [LateArrival] = []
    /// The permission to provide 機密性3 information outside (002 第48条3), once decided.
    public var permission: Decision?

    public var status: HandoverStatus {
        if recall != nil { return .recalled }
        if direction == .incoming { return .closed }
        if dispatchDate == nil { return .draft }
        if receipt == nil { return .dispatched }
        // A missing medium keeps the case open whatever note is acknowledged.
        if !missingMedia.isEmpty || (!differences.isEmpty && acknowledgement == nil) { return .discrepancy }
        if returnRequired && !outstanding.isEmpty { return .received }
        return .closed
    }

    /// Items neither returned nor covered by a destruction report (003 8.1(4)).
    public var outstanding: [HandoverItem] {
        guard returnRequired else { return [] }
        let done = Set(disposals.map(\.item))
        return items.filter { !done.contains($0.name) }
    }

    /// The 受領書 is not back by its due day (derived, never stored).
    public func isOverdue(on today: Day) -> Bool {
        status == .dispatched && (due.map { $0 < today } ?? false)
    }

    /// Media linked to this case.
    public var registrations: [String] { items.compactMap(\.registration) }
}

/// 数量 as people write it: full-width digits and spaces do not make a difference.
func normalizedQuantity(_ s: String) -> String {
    String(String.UnicodeScalarView(s.precomposedStringWithCompatibilityMapping.unicodeScalars.filter {
        !$0.properties.isWhitespace
    })).lowercased()
}

/// The differences between the items sent and the items received.
func differences(sent: [HandoverItem], received: [ReceivedItem]) -> [ItemDifference] {
    sent.compactMap { item in
        guard let r = received.first(where: { $0.name == item.name }) else {
            return ItemDifference(name: item.name, sent: item.quantity, received: nil)
        }
        return normalizedQuantity(r.quantity) == normalizedQuantity(item.quantity)
            ? nil : ItemDifference(name: item.name, sent: item.quantity, received: r.quantity)
    }
}
