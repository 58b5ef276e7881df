// 例外措置台帳 (002 第26–27条; 001 付紙第4 1(4)): every exception with its rule,
// subject, reason, period, decision and uses, with the journal's head hash.

import DaichoCore
import Foundation

extension Paper {
    /// The end of a period: the day alone when it is the end of that day (`--until DATE`), else day and time.
    static func until(_ d: Date, _ tz: TimeZone) -> String {
        let t = d.minuteText(in: tz)
        return t.hasSuffix(" 23:59") ? String(t.dropLast(6)) : t
    }

    public static func exceptions(_ l: Ledger, stamp: Stamp, now: Date, timeZone: TimeZone) -> [String] {
        var p = Page()
        p.center("例 外 措 置 台 帳")
        p.blank()
        p.field("部隊等名称", l.unit)
        p.field("現在", now.minuteText(in: timeZone))
        p.field("件数", "\(l.exceptions.count)件（有効 \(l.allExceptions.filter { $0.valid(at: now) }.count)件）")
        p.blank()
        // Six columns fill the 80-column form (Page.table: the last takes what is left; the PDF keeps these proportions).
        p.table([("番号", 7), ("規則", 8), ("対象", 13), ("期間（まで）", 12), ("決定", 10), ("状態", 11)],
                l.allExceptions.map { e in
                    let decision = e.decidedBy.map { l.people[$0]?.name ?? $0 } ?? ""
                    let uses = e.uses.isEmpty ? "" : " 使用" + e.uses.map { "#\($0)" }.joined(separator: ",")
                    return [e.id, e.rule, e.subject, until(e.until, timeZone), decision, e.status(at: now, .ja) + uses]
                })
        for e in l.allExceptions {
            p.wrapped("\(e.id) 申請 \(e.requestedAt.minuteText(in: timeZone)) \(l.people[e.requester]?.name ?? e.requester)　理由: \(e.reason)"
                      + (e.comment.map { "　所見: \($0)" } ?? ""))
        }
        p.stamp("例外措置台帳", stamp)
        return p.lines
    }
}
