// 例外措置台帳 (002 第26–27条; 001 付紙第4 1(4)): every exception with its rule,
// subject, reason, period, decision and uses, with the journal's head hash.

import DaichoCore
import Foundation

extension Paper {
    public static func exceptions(_ l: Ledger, stamp: Stamp, now: Date, timeZone: TimeZone) -> [String] {
        var p = Page()
        p.center("例 外 措 置 台 帳")
        p.blank()
        p.field("部隊等名称", l.unit)
        p.field("現在", now.minuteText(in: timeZone))
        p.field("件数", "\(l.exceptions.count)件（有効 \(l.allExceptions.filter { $0.valid(at: now) }.count)件）")
        p.blank()
        p.table([("番号", 7), ("規則", 10), ("対象", 13), ("申請者", 8), ("期間（まで）", 16), ("決定", 14), ("状態・使用", 12)],
                l.allExceptions.map { e in
                    let decision = e.decidedBy.map { "\(e.state.label(.ja)) \(l.people[$0]?.name ?? $0)" } ?? e.state.label(.ja)
                    let uses = e.uses.isEmpty ? "" : " 使用" + e.uses.map { "#\($0)" }.joined(separator: ",")
                    return [e.id, e.rule, e.subject, l.people[e.requester]?.name ?? e.requester, e.until.minuteText(in: timeZone),
                            decision, e.status(at: now, .ja) + uses]
                })
        for e in l.allExceptions {
            p.wrapped("\(e.id) 理由: \(e.reason)" + (e.comment.map { "　決定の所見: \($0)" } ?? ""))
        }
        p.stamp("例外措置台帳", stamp)
        return p.lines
    }
}
