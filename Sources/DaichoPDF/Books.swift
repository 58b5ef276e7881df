// What the three books of 001 付紙第4 1(1)ア hold, as columns and rows, for a
// period or in full. The same rows print as a text table (the default at the
// terminal) or as a PDF book (Book.swift).
//
//   register  可搬記憶媒体登録簿  (ア(ｱ)): media registered in the period
//   uses      可搬記憶媒体使用記録簿 (ア(ｲ)): uses whose span overlaps the period
//   takeouts  可搬記憶媒体持出簿  (ア(ｳ)): take-out requests whose period overlaps it

import DaichoCore
import Foundation

public enum BookKind: String, Sendable, CaseIterable {
    case register, uses, takeouts

    public var title: String {
        switch self {
        case .register: "可搬記憶媒体登録簿"
        case .uses: "可搬記憶媒体使用記録簿"
        case .takeouts: "可搬記憶媒体持出簿"
        }
    }
}

/// A period of calendar days, both ends included; either end may be open.
public struct Period: Sendable, Equatable {
    public var from: Day?
    public var to: Day?
    public init(from: Day? = nil, to: Day? = nil) { self.from = from; self.to = to }
    public var isWhole: Bool { from == nil && to == nil }
    /// `令和8年11月1日 ～ 令和8年11月30日`, or nil for the whole book.
    public var text: String? {
        guard !isWhole else { return nil }
        return "\(from?.reiwa ?? "") ～ \(to?.reiwa ?? "")"
    }
    /// Whether a span of time (an open end: still going) overlaps the period, in `zone`.
    func overlaps(_ start: Date, _ end: Date?, in zone: TimeZone) -> Bool {
        if let to, Day(start, in: zone) > to { return false }
        if let from, let end, Day(end, in: zone) < from { return false }
        return true
    }
    func contains(_ d: Date, in zone: TimeZone) -> Bool {
        let day = Day(d, in: zone)
        return (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
}

public enum Books {
    /// The columns and rows of a book, as the seed names the books and DOMAIN.md their fields.
    public static func table(_ kind: BookKind, ledger l: Ledger, period: Period, timeZone: TimeZone) -> (columns: [Column], rows: [[String]]) {
        func t(_ d: Date?) -> String { d.map { time($0, timeZone) } ?? "" }
        func name(_ login: String?) -> String { login.map { l.people[$0]?.name ?? $0 } ?? "" }
        switch kind {
        case .register:
            let cols = [Column("登録番号", 1.3), Column("種別", 1.0), Column("型式", 1.1), Column("製造番号", 1.0), Column("容量", 0.6),
                        Column("データ区分", 1.1), Column("格付", 0.7), Column("取扱制限", 1.0), Column("暗号化", 0.55, align: .center),
                        Column("追記禁止", 0.55, align: .center), Column("保管場所", 0.9), Column("登録日", 1.1), Column("状態", 0.6),
                        Column("ウイルスチェック", 1.1), Column("備考", 1.2)]
            let rows = l.allMedia.filter { period.contains($0.registeredAt, in: timeZone) }.map { m -> [String] in
                let d = m.data
                var note: [String] = []
                if let u = d.fromUnit { note.append("\(u)より接受" + (d.theirRegistration.map { "（\($0)）" } ?? "")) }
                if d.secret { note.append("秘以上（秘密保全の規則による）") }
                let scan = m.lastScan.map { "\(time($0.at, timeZone)) \($0.result.label(.ja))" } ?? ""
                return [d.registration, d.kind.label(.ja), d.model ?? "", d.serial ?? "", d.capacity ?? "", d.category.label(.ja),
                        d.classification.label(.ja), d.restrictions.map(\.rawValue).joined(separator: "・"),
                        d.encrypted ? "○" : "", d.writeProtected ? "○" : "", d.location ?? "",
                        Day(m.registeredAt, in: timeZone).reiwa, m.status.label(.ja), scan, note.joined(separator: "\n")]
            }
            return (cols, rows)
        case .uses:
            let cols = [Column("登録番号", 1.2), Column("使用者", 1.0), Column("使用目的", 1.8), Column("使用場所（端末等）", 1.3),
                        Column("使用開始", 1.2), Column("終了予定", 1.2), Column("使用終了", 1.2), Column("返納確認者", 0.9), Column("備考", 1.2)]
            let rows = l.uses.filter { period.overlaps($0.start, $0.end, in: timeZone) }.map { u -> [String] in
                [u.registration, name(u.user), u.purpose, u.place ?? "", t(u.start), t(u.until), t(u.end), name(u.endedBy), u.endNote ?? ""]
            }
            return (cols, rows)
        case .takeouts:
            let cols = [Column("申請番号", 0.8), Column("登録番号", 1.2), Column("申請者", 0.9), Column("持出先", 1.2), Column("目的", 1.3),
                        Column("持出期間", 1.5), Column("運搬方法", 0.8), Column("許可者・日時", 1.2), Column("確認事項（第3-2）", 1.2),
                        Column("持出", 1.0), Column("返却", 1.0), Column("状態・備考", 1.0)]
            let rows = l.allRequests.filter { period.overlaps($0.from, $0.returnedAt ?? $0.until, in: timeZone) }.map { r -> [String] in
                let decision = r.decision.map { "\(name($0.by))\n\(time($0.at, timeZone))" + ($0.approved ? "" : "（却下）") } ?? ""
                let checks = r.decision.map { d in TakeoutCheck.allCases.filter { d.confirmed.contains($0) }.map(shortLabel).joined(separator: "・") } ?? ""
                let note = [r.state.label(.ja), r.returnNote ?? "", r.decision?.comment ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
                return [r.id, r.registration, name(r.requester), r.destination, r.purpose, "\(t(r.from)) ～\n\(t(r.until))", r.transport ?? "",
                        decision, checks, r.departedAt.map { "\(t($0))\n\(name(r.departedBy))" } ?? "",
                        r.returnedAt.map { "\(t($0))\n\(name(r.returnedBy))" } ?? "", note]
            }
            return (cols, rows)
        }
    }

    /// The four checks of 001 第3-2, short enough for a column.
    static func shortLabel(_ c: TakeoutCheck) -> String {
        switch c {
        case .dataMinimal: "必要データのみ"
        case .noCopyInstructed: "目的外複製禁止の指導"
        case .virusChecked: "ウイルスチェック"
        case .encrypted: "暗号化"
        }
    }

    /// `令和8年11月25日 17:00` in `zone`.
    static func time(_ d: Date, _ zone: TimeZone) -> String { reiwaTime(d.minuteText(in: zone)) }
}
