// The data model of daicho, in one picture:
//
//   journal (append-only lines)  ──fold──▶  Ledger (people, media, uses, requests)
//        Record = seq + time + actor + prev-hash + Change          │
//                                                                  ├─ queries: overdue, approvals queue, logs
//   Command + actor + now ──Ledger.decide──▶ Change (rules checked) ┘
//
// Records are the only state; everything in `Ledger` is derived by `apply`.
// The vocabulary types of the domain (roles, kinds, categories, statuses) live
// here so that the rules, the records and the screens all speak the same words.
// Sources: DOMAIN.md; seeds 001 付紙第4 (register), 002 別表1 (classification).

import Foundation

/// Which language messages and labels are shown in.
public enum Lang: String, Sendable, CaseIterable, Codable {
    case ja, en
    /// Picks the Japanese or the English text.
    @inlinable public func pick(_ ja: String, _ en: String) -> String { self == .ja ? ja : en }
}

/// What a person may do (DOMAIN.md "Who uses it").
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    /// 取扱者 / 事務担当: records uses, returns; requests take-outs.
    case clerk
    /// 部隊等情報保証責任者: keeps the register, registers media, permits take-outs, enrols people.
    case officer
    /// 承認者: decides pending approvals.
    case supervisor
    /// 監査: read-only.
    case auditor

    public func label(_ lang: Lang) -> String {
        switch self {
        case .clerk: lang.pick("取扱者", "clerk")
        case .officer: lang.pick("情報保証責任者", "officer")
        case .supervisor: lang.pick("承認者", "supervisor")
        case .auditor: lang.pick("監査", "auditor")
        }
    }
    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// 種別 (001 付紙第4).
public enum MediumKind: String, Sendable, CaseIterable, Codable {
    case usb, sd, cdR = "cd-r", dvdR = "dvd-r", bdR = "bd-r", hdd, ssd, other

    public func label(_ lang: Lang) -> String {
        switch self {
        case .usb: lang.pick("USBメモリ", "USB memory")
        case .sd: lang.pick("SDカード", "SD card")
        case .cdR: "CD-R"
        case .dvdR: "DVD-R"
        case .bdR: "BD-R"
        case .hdd: lang.pick("外付けHDD", "external HDD")
        case .ssd: lang.pick("外付けSSD", "external SSD")
        case .other: lang.pick("その他", "other")
        }
    }
    /// A label of at most five columns, for tables.
    public func shortLabel(_ lang: Lang) -> String {
        switch self {
        case .usb: "USB"
        case .sd: "SD"
        case .hdd: "HDD"
        case .ssd: "SSD"
        case .other: lang.pick("他", "other")
        default: label(lang)
        }
    }
    /// The prefix of registration numbers in the default scheme.
    public var prefix: String {
        switch self {
        case .usb: "USB"
        case .sd: "SD"
        case .cdR: "CD"
        case .dvdR: "DVD"
        case .bdR: "BD"
        case .hdd: "HDD"
        case .ssd: "SSD"
        case .other: "MED"
        }
    }
}

/// データ区分: one per medium (001 付紙第4 1(3)).
public enum DataCategory: String, Sendable, CaseIterable, Codable {
    case business, disclosable, commercial
    public func label(_ lang: Lang) -> String {
        switch self {
        case .business: lang.pick("業務用データ", "business data")
        case .disclosable: lang.pick("開示可能データ", "disclosable data")
        case .commercial: lang.pick("市販コンテンツ", "commercial content")
        }
    }
    /// The short label for tables; 「開示」 is also the label on the medium (付紙第4 1(1)イ).
    public func shortLabel(_ lang: Lang) -> String {
        switch self {
        case .business: lang.pick("業務", "bus.")
        case .disclosable: lang.pick("開示", "disc.")
        case .commercial: lang.pick("市販", "comm.")
        }
    }
}

/// 格付 機密性1-3 (002 別表1).
public enum Confidentiality: Int, Sendable, CaseIterable, Codable {
    case c1 = 1, c2 = 2, c3 = 3
    public func label(_ lang: Lang) -> String { lang.pick("機密性\(rawValue)", "C\(rawValue)") }
}

/// 取扱制限 (002 別表1). The five standard ones have constants; units may add their own.
public struct Restriction: RawRepresentable, Hashable, Sendable, Codable, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let noCopy = Restriction(rawValue: "複製禁止")
    public static let noTakeout = Restriction(rawValue: "持出禁止")
    public static let noDistribution = Restriction(rawValue: "配布禁止")
    public static let encryptionRequired = Restriction(rawValue: "暗号化必須")
    public static let destroyAfterReading = Restriction(rawValue: "読後廃棄")
    public static let standard: [Restriction] = [.noCopy, .noTakeout, .noDistribution, .encryptionRequired, .destroyAfterReading]
    /// English spellings accepted on the command line for the standard ones.
    public static let aliases: [String: Restriction] = [
        "no-copy": .noCopy, "no-takeout": .noTakeout, "no-distribution": .noDistribution,
        "encryption-required": .encryptionRequired, "destroy-after-reading": .destroyAfterReading,
    ]
    public func label(_ lang: Lang) -> String {
        guard lang == .en else { return rawValue }
        return Self.aliases.first(where: { $0.value == self })?.key ?? rawValue
    }
    public static func < (a: Restriction, b: Restriction) -> Bool {
        let ia = standard.firstIndex(of: a) ?? Int.max, ib = standard.firstIndex(of: b) ?? Int.max
        return ia != ib ? ia < ib : a.rawValue < b.rawValue
    }
}

/// The states of a medium (DOMAIN.md "Medium states"). Overdue is derived, never stored.
public enum MediumStatus: String, Sendable, CaseIterable, Codable {
    case stored, inUse = "in_use", takenOut = "taken_out", inTransit = "in_transit", transferred
    case quarantined, erased, destroyed, lost

    public func label(_ lang: Lang) -> String {
        switch self {
        case .stored: lang.pick("保管中", "stored")
        case .inUse: lang.pick("使用中", "in use")
        case .takenOut: lang.pick("持出中", "taken out")
        case .inTransit: lang.pick("送達中", "in transit")
        case .transferred: lang.pick("移管済", "transferred")
        case .quarantined: lang.pick("使用禁止", "quarantined")
        case .erased: lang.pick("消去済", "erased")
        case .destroyed: lang.pick("廃棄済", "destroyed")
        case .lost: lang.pick("亡失", "lost")
        }
    }
    /// A medium in one of these states is gone from the unit's hands for good.
    public var isFinal: Bool { self == .transferred || self == .destroyed || self == .lost }
}

/// Result of a virus check (001 第3-3).
public enum ScanResult: String, Sendable, CaseIterable, Codable {
    case clean, infected
    public func label(_ lang: Lang) -> String {
        switch self {
        case .clean: lang.pick("異常なし", "clean")
        case .infected: lang.pick("感染", "infected")
        }
    }
}

/// The four checks an approver confirms before permitting a take-out (001 第3-2).
public enum TakeoutCheck: String, Sendable, CaseIterable, Codable {
    /// Only the data needed at the destination is on the medium.
    case dataMinimal = "data-minimal"
    /// The user was told not to copy the data for other purposes.
    case noCopyInstructed = "no-copy-instructed"
    /// A virus check was done.
    case virusChecked = "virus-checked"
    /// The medium is encrypted where required (002 第49条).
    case encrypted

    public func label(_ lang: Lang) -> String {
        switch self {
        case .dataMinimal: lang.pick("持出先で必要なデータのみ保存されている", "only the data needed at the destination is on it")
        case .noCopyInstructed: lang.pick("目的外に複製しないよう指導した", "told not to copy it for other purposes")
        case .virusChecked: lang.pick("ウイルスチェックを実施した", "a virus check was done")
        case .encrypted: lang.pick("必要な暗号化がされている", "encrypted where required")
        }
    }
}

/// Kinds of requests that need a decision (DOMAIN.md "Approvals").
public enum RequestKind: String, Sendable, CaseIterable, Codable {
    case takeout
    /// A handover whose 受領書 differs from what was sent: resolved by an acknowledged note.
    case discrepancy
    /// A 送付リスト with 機密性3 information, before dispatch (002 第48条3).
    case handover
    /// Erasure or destruction of a medium (001 付紙第4 1(5)).
    case disposal
    /// An exception to a rule for one medium or case (002 第26–27条).
    case exception
    /// A correction that changes what a record says (Corrections.swift).
    case correction
    public func label(_ lang: Lang) -> String {
        switch self {
        case .disposal: lang.pick("廃棄・消去", "disposal")
        case .takeout: lang.pick("持出し", "take-out")
        case .discrepancy: lang.pick("受領差異の確認", "receipt discrepancy")
        case .handover: lang.pick("機密性3の提供", "C3 handover")
        case .exception: lang.pick("例外措置", "exception")
        case .correction: lang.pick("記録の訂正", "correction")
        }
    }
}

/// Where a request stands.
public enum RequestState: String, Sendable, CaseIterable, Codable {
    case pending, approved, rejected, withdrawn, departed, returned
    public func label(_ lang: Lang) -> String {
        switch self {
        case .pending: lang.pick("承認待ち", "pending")
        case .approved: lang.pick("許可済", "approved")
        case .rejected: lang.pick("却下", "rejected")
        case .withdrawn: lang.pick("取下げ", "withdrawn")
        case .departed: lang.pick("持出中", "out")
        case .returned: lang.pick("返却済", "returned")
        }
    }
}
