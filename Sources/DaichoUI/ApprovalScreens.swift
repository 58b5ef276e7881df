// 承認待ち: the queue for the person logged in, oldest first with age, and the
// decision screen with the four checks of 001 第3-2 as boxes to tick. A
// requester never sees their own request as approvable (002 第19条).

import CellKit
import DaichoCore
import Foundation

public struct ApprovalsScreen: ScreenModel {
    var view = ListView()
    public var scope: Scope { .approvals }
    public init() {}
    public var capturesText: Bool { view.filtering }

    func rows(_ w: World) -> [TakeoutRequest] {
        w.ledger.approvals(for: w.actor.login).filter { view.matches([$0.id, $0.registration, $0.requester, w.name($0.requester), $0.destination, $0.purpose]) }
    }

    /// Receipt discrepancies waiting for this person's acknowledgement, after the take-outs.
    func discrepancies(_ w: World) -> [Handover] {
        w.ledger.discrepancies(for: w.actor.login).filter { view.matches([$0.id, $0.counterpart, $0.receipt?.recordedBy ?? "", w.name($0.receipt?.recordedBy ?? "")]) }
    }
    func ids(_ w: World) -> [String] { rows(w).map(\.id) + exceptions(w).map(\.id) + discrepancies(w).map(\.id) }

    public func title(_ w: World) -> String {
        w.t("承認待ち（あなたが決裁できる申請）\(ids(w).count)件", "Waiting for your decision: \(ids(w).count)") + view.filterLabel(w)
    }
    public func hints(_ w: World) -> [UIAction] { [.open, .filter, .exceptionLedger] }

    /// Exceptions waiting for this person's decision (002 第26–27条).
    func exceptions(_ w: World) -> [ExceptionEntry] {
        w.ledger.exceptionsToDecide(for: w.actor.login).filter { view.matches([$0.id, $0.rule, $0.subject, $0.requester, w.name($0.requester), $0.reason]) }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let all = ids(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: all, height: w.bodyRows - 1) { return [] }
        switch action {
        case .back?: return [.pop]
        case .exceptionLedger?: return [.push(ExceptionsScreen())]
        case .open?:
            if let i = view.index(in: all) {
                let id = all[i]
                if w.ledger.exceptions[id] != nil { return [.push(ExceptionScreen(id: id))] }
                return [.push(w.ledger.handovers[id] != nil ? HandoverScreen(id: id) as any ScreenModel : ApprovalScreen(id: id))]
            }
        default: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let qs = rows(w)
        let l = w.lang
        let columns = [TableColumn(l.pick("申請", "request"), width: .fixed(8)), TableColumn(l.pick("登録番号", "number"), width: .fixed(13)),
                       TableColumn(l.pick("申請者", "requester"), width: .fixed(10)), TableColumn(l.pick("持出先", "destination"), width: .flexible(1)),
                       TableColumn(l.pick("期限", "until"), width: .fixed(16)), TableColumn(l.pick("経過", "age"), width: .fixed(6), alignment: .right)]
        // A discrepancy: its case, 受領差異, who recorded the receipt, the addressee, the receipt's day, its age.
        // People by name, as everywhere else on screen; a discrepancy has no 期限, so that cell stays empty.
        let rows = qs.map { q -> TableRow in
            let step = w.ledger.currentStep(q)
            let dest = q.destination + (step.of > 1 ? l.pick("（第\(step.index + 1)/\(step.of)段）", " (step \(step.index + 1)/\(step.of))") : "")
            return TableRow([q.id, q.registration, w.name(q.requester), dest, w.time(q.until), w.age(since: q.requestedAt)])
        }
            // An exception: its id, what it is for, who asked, the rule it suspends, its end, its age.
            + exceptions(w).map { e in
                TableRow([e.id, e.subject, w.name(e.requester), l.pick("例外措置: \(e.rule)", "exception: \(e.rule)"), w.time(e.until),
                          w.age(since: e.requestedAt)], style: .role(.accent))
            }
            + discrepancies(w).map { h in
                TableRow([h.id, l.pick("受領差異", "discrepancy"), h.receipt.map { w.name($0.recordedBy) } ?? "", h.counterpart,
                          "", h.receipt.map { w.age(since: $0.recordedAt) } ?? ""], style: .role(.accent))
            }
        let deciders = w.ledger.deciders(for: .takeout).map { $0.label(l) }.joined(separator: l.pick("・", ", "))
        let empty = w.can(w.ledger.deciders(for: .takeout) + w.ledger.deciders(for: .discrepancy) + w.ledger.deciders(for: .exception)) ? l.pick("承認待ちの申請はありません", "nothing waiting for you")
            : l.pick("あなたの役割では決裁する申請はありません（持出しの決裁: \(deciders)）", "your roles decide nothing (take-outs: \(deciders))")
        g.render(Table(columns: columns, rows: rows, state: view.state(ids: ids(w), height: Table.bodyHeight(for: area)), emptyText: empty), in: area)
    }
}

public struct ApprovalScreen: ScreenModel {
    /// No filter on this screen: `/`, `n`, `N` are not offered.
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public let id: String
    /// The checks ticked so far (001 第3-2).
    public var ticked: Set<TakeoutCheck> = []
    public var focus = 0
    public var scope: Scope { .approval }
    public init(id: String) { self.id = id }

    public func title(_ w: World) -> String {
        // A take-out of several steps says which one this is (Steps.swift).
        if let q = w.ledger.requests[id] {
            let step = w.ledger.currentStep(q)
            if step.of > 1 {
                return w.t("持出申請の決裁 \(id)（第\(step.index + 1)段/\(step.of)段）", "Decide take-out \(id) (step \(step.index + 1) of \(step.of))")
            }
        }
        return w.t("持出申請の決裁 \(id)", "Decide take-out \(id)")
    }
    public func hints(_ w: World) -> [UIAction] { [.toggle, .approve, .reject] }

    /// Why this person may not decide, if so.
    func refusal(_ w: World) -> String? {
        guard let q = w.ledger.requests[id] else { return DomainError.unknownRequest(id).message(w.lang) }
        if q.requester == w.actor.login { return DomainError.selfApproval(request: id).message(w.lang) }
        if q.state != .pending { return DomainError.requestNotPending(request: id, state: q.state).message(w.lang) }
        // The step it waits for: its roles, and never one who took an earlier step (Steps.swift).
        return w.ledger.stepRefusal(q, by: w.actor.login)?.message(w.lang)
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let checks = TakeoutCheck.allCases
        switch action {
        case .back?: return [.pop]
        case .up?: focus = max(0, focus - 1)
        case .down?: focus = min(checks.count - 1, focus + 1)
        case .toggle?, .check1?, .check2?, .check3?, .check4?:
            if let a = action, let n = [UIAction.check1, .check2, .check3, .check4].firstIndex(of: a) { focus = n }
            let c = checks[focus]
            if ticked.contains(c) { ticked.remove(c) } else { ticked.insert(c) }
        case .approve?:
            if let why = refusal(w) { return [.message(why, .error)] }
            let unticked = checks.indices.filter { !ticked.contains(checks[$0]) }
            if !unticked.isEmpty {
                let list = unticked.map { w.t("確認\($0 + 1)", "check \($0 + 1)") }.joined(separator: w.t("・", ", "))
                return [.message(w.t("許可の前に確認が必要です: \(list)（1〜4 または Space でチェック）",
                                     "confirm before approving: \(list) (tick with 1-4 or Space)"), .error)]
            }
            let command = Command.approve(request: id, confirmed: checks, comment: nil)
            if let why = w.check(command) { return [.message(why, .error)] }
            // A decision is a write like any other: a form (with an optional comment) and its question.
            return [.push(Forms.approve(id, checks, w))]
        case .reject?:
            if let why = refusal(w) { return [.message(why, .error)] }
            return [.push(Forms.reject(id, w))]
        default: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        guard let q = w.ledger.requests[id], let m = w.ledger.media[q.registration] else {
            g.put(DomainError.unknownRequest(id).message(w.lang), row: area.row, col: area.col, width: area.width, style: .role(.error))
            return
        }
        let d = m.data
        let pairs: [(String, String)] = [
            (w.t("申請者", "requester"), "\(w.ledger.people[q.requester]?.name ?? "") (\(q.requester))  \(w.time(q.requestedAt))  \(w.age(since: q.requestedAt))" + w.t("経過", " ago")),
            (w.t("持出先", "destination"), q.destination),
            (w.t("目的", "purpose"), q.purpose),
            (w.t("期間", "period"), "\(w.time(q.from)) 〜 \(w.time(q.until))"),
            (w.t("運搬方法", "transport"), q.transport ?? "-"),
            (w.t("媒体", "medium"), "\(d.registration) \(d.kind.label(w.lang)) \(d.category.label(w.lang)) \(d.classification.label(w.lang))"),
            (w.t("取扱制限", "restrictions"), d.restrictions.isEmpty ? "-" : d.restrictions.map { $0.label(w.lang) }.joined(separator: "、")),
            (w.t("暗号化", "encrypted"), (d.encrypted ? w.t("あり", "yes") : w.t("なし", "no")) + (m.encryptionRequiredForTakeout ? w.t("（必須）", " (required)") : "")),
            // The check 「ウイルスチェックを実施した」 rests on: the last one, and whether it counts (001 第3-2, 第3-3).
            (w.t("ウイルスチェック", "virus check"), m.lastScan.map { s in
                "#\(s.seq) \(w.time(s.at)) \(s.result.label(w.lang)) \(w.name(s.by))"
                    + (m.hasCleanCheck ? w.t("（確認3の根拠）", " (what check 3 rests on)")
                                       : w.t("（前回戻って以降の異常なしの記録ではありません: 確認3は付けられません）", " (not a clean check since it came back: check 3 cannot be ticked)"))
            } ?? w.t("記録なし（確認3は付けられません）", "none recorded (check 3 cannot be ticked)")),
        ]
        var row = area.row
        for (k, v) in pairs where row < area.bottom {
            g.put(k, row: row, col: area.col + 1, width: 16, style: .role(.muted))
            g.put(v, row: row, col: area.col + 18, width: area.width - 18)
            row += 1
        }
        row += 1
        g.put(w.t("許可の前の確認（統幕 情報保証の運用 第3-2）", "Checks before permitting (001 3-2)"), row: row, col: area.col, width: area.width,
              style: Style(role: .header, attributes: [.bold]))
        row += 1
        for (i, c) in TakeoutCheck.allCases.enumerated() where row < area.bottom {
            let box = ticked.contains(c) ? "[x]" : "[ ]"
            g.put(" \(i + 1) \(box) \(c.label(w.lang))", row: row, col: area.col, width: area.width,
                  style: i == focus ? .role(.selected) : .plain)
            row += 1
        }
        if row < area.bottom, let why = refusal(w) {
            g.put("! " + why, row: row + 1 < area.bottom ? row + 1 : row, col: area.col, width: area.width, style: .role(.error))
        }
    }
}
