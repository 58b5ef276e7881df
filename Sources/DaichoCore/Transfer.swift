// Media moving between units with a 可搬記憶媒体送達票 and its 受領票
// (001 付紙第3). Sending: the media go 送達中 and, once the 受領票 is back,
// 移管済. Receiving: the officer registers the media with their origin and
// issues the unit's 受領票. DOMAIN.md "Media transfer".

import Foundation

public struct TransferDraftData: Codable, Equatable, Sendable {
    public var transfer: String
    /// 受領部隊等名称: the unit the media go to.
    public var to: String
    public var media: [String]
    public var note: String?
}

public struct TransferDispatchData: Codable, Equatable, Sendable {
    public var transfer: String
    /// 発送年月日.
    public var date: Day
    /// 発送者 職名 階級 氏名.
    public var sender: String
    /// The exceptions (Exceptions.swift) the dispatch went through under; absent when none.
    public var exceptions: [String]?
    public init(transfer: String, date: Day, sender: String, exceptions: [String]? = nil) {
        self.transfer = transfer; self.date = date; self.sender = sender; self.exceptions = exceptions
    }
}

public struct TransferReceiptData: Codable, Equatable, Sendable {
    public var transfer: String
    /// 受領年月日 on the returned 受領票.
    public var date: Day
    /// The receiving unit's 部隊等情報保証責任者 (職名 階級 氏名).
    public var by: String
    /// The media the 受領票 says arrived; nil: every medium (a medium not listed stays 送達中, Receipts.swift).
    public var received: [String]?
    public init(transfer: String, date: Day, by: String, received: [String]? = nil) {
        self.transfer = transfer; self.date = date; self.by = by; self.received = received
    }
}

/// A medium received from another unit, as its 送達票 lists it and as we register it.
public struct IncomingMedium: Codable, Equatable, Sendable {
    /// Our registration number.
    public var registration: String
    /// 型式.
    public var model: String
    /// The sending unit's registration number.
    public var theirs: String
    public var kind: MediumKind
    public var category: DataCategory
    public var classification: Confidentiality
    enum CodingKeys: String, CodingKey { case registration, model, theirs, kind, category, classification = "class" }
}

public struct TransferIncomingData: Codable, Equatable, Sendable {
    public var transfer: String
    /// 発送元部隊等名称.
    public var from: String
    public var media: [IncomingMedium]
    /// 受領年月日.
    public var date: Day
    /// 部隊等情報保証責任者 職名 階級 氏名 (the officer recording it).
    public var by: String
    public var note: String?
}

public struct TransferRecallData: Codable, Equatable, Sendable {
    public var transfer: String
    public var reason: String
}

public enum TransferStatus: String, Codable, Sendable, CaseIterable {
    case draft, dispatched, received, discrepancy, recalled
    public func label(_ lang: Lang) -> String {
        switch self {
        case .draft: lang.pick("起案中", "draft")
        case .dispatched: lang.pick("受領票待ち", "dispatched")
        case .received: lang.pick("完結", "received")
        case .discrepancy: lang.pick("差異あり（未着）", "discrepancy (missing)")
        case .recalled: lang.pick("取消", "recalled")
        }
    }
}

public struct Transfer: Codable, Equatable, Sendable {
    public var id: String
    public var direction: HandoverDirection
    public var seq: Int
    public var createdAt: Date
    public var createdBy: String
    /// 受領部隊等 for outgoing, 発送元部隊等 for incoming.
    public var counterpart: String
    public var media: [String]
    /// For incoming transfers: how the sender listed each medium.
    public var incoming: [IncomingMedium] = []
    public var note: String?
    public var dispatchDate: Day?
    public var sender: String?
    public var receiptDate: Day?
    public var receiver: String?
    public var recall: HandoverEvent?
    public var history: [Int]
    /// Media the 受領票 did not list: still 送達中 until they arrive late or are reported lost (Receipts.swift).
    public var missing: [String] = []
    /// Late arrivals after the 受領票.
    public var late: [LateArrival] = []

    public var status: TransferStatus {
        if recall != nil { return .recalled }
        if direction == .incoming { return .received }
        if receiptDate != nil { return missing.isEmpty ? .received : .discrepancy }
        return dispatchDate == nil ? .draft : .dispatched
    }
}
