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

    /// One row of the queue: a request of any kind whose next decision is this person's.
    struct Entry {
        var id: String
        var subject: String
        var requester: String
        var what: String
        var until: Date?
        var since: Date
        var accent: Bool
        /// What the filter matches beyond the cells.
        var also: [String] = []
    }

    /// The step a request of several waits for, first so that a narrow column keeps it (Steps.swift).
    static func step(_ q: some StepDecided, _ w: World) -> String {
        let step = w.ledger.currentStep(q)
        return step.of > 1 ? w.t("第\(step.index + 1)/\(step.of)段 ", "step \(step.index + 1)/\(step.of) ") : ""
    }

    /// Every request waiting for this person's decision, by kind, each oldest first: take-outs (001 第3-2),
    /// 機密性3 送付リスト (002 第48条3), disposals (001 付紙第4 1(5)), exceptions (002 第26–27条),
    /// corrections, then receipt discrepancies to acknowledge.
    func entries(_ w: World) -> [Entry] {
        let l = w.ledger, login = w.actor.login, lang = w.lang
        var out: [Entry] = []
        for q in l.approvals(for: login) {
            out.append(Entry(id: q.id, subject: q.registration, requester: q.requester, what: Self.step(q, w) + q.destination,
                             until: q.until, since: q.requestedAt, accent: false, also: [q.purpose]))
        }
        for h in l.handoverPermissions(for: login) {
            out.append(Entry(id: h.id, subject: lang.pick("\(h.items.count)品目", "\(h.items.count) items"), requester: h.createdBy,
                             what: Self.step(h, w) + lang.pick("機密性3の提供: ", "C3 handover: ") + h.counterpart,
                             until: nil, since: h.createdAt, accent: true, also: h.items.map(\.name)))
        }
        for d in l.disposalApprovals(for: login) {
            out.append(Entry(id: d.id, subject: d.registration, requester: d.requester,
                             what: Self.step(d, w) + "\(d.kind.label(lang)): \(d.method)", until: nil, since: d.requestedAt, accent: true,
                             also: [d.reason]))
        }
        for e in l.exceptionsToDecide(for: login) {
            out.append(Entry(id: e.id, subject: e.subject, requester: e.requester, what: Self.step(e, w) + lang.pick("例外措置: \(e.rule)", "exception: \(e.rule)"),
                             until: e.until, since: e.requestedAt, accent: true, also: [e.reason]))
        }
        for c in l.correctionsToDecide(for: login) {
            out.append(Entry(id: c.id, subject: "#\(c.target)", requester: c.requester,
                             what: Self.step(c, w) + lang.pick("訂正: ", "correct: ") + c.set.map { "\($0.field)=\($0.value)" }.joined(separator: " "),
                             until: nil, since: c.requestedAt, accent: true, also: [c.reason]))
        }
        for h in l.discrepancies(for: login) {
            out.append(Entry(id: h.id, subject: lang.pick("受領差異", "discrepancy"), requester: h.receipt?.recordedBy ?? "", what: h.counterpart,
                             until: nil, since: h.receipt?.recordedAt ?? h.createdAt, accent: true))
        }
        return out
    }

    func rows(_ w: World) -> [Entry] {
        entries(w).filter { e in view.matches([e.id, e.subject, e.requester, w.name(e.requester), e.what] + e.also) }
    }
    func ids(_ w: World) -> [String] { rows(w).map(\.id) }

    public func title(_ w: World) -> String {
        w.t("承認待ち（あなたが決裁できる申請）\(ids(w).count)件", "Waiting for your decision: \(ids(w).count)") + view.filterLabel(w)
    }
    public func hints(_ w: World) -> [UIAction] { [.open, .filter, .exceptionLedger] }

    /// The screen a request is decided on.
    static func screen(for id: String, _ w: World) -> any ScreenModel {
        let l = w.ledger
        if l.requests[id] != nil { return ApprovalScreen(id: id) }
        if l.exceptions[id] != nil { return ExceptionScreen(id: id) }
        // A discrepancy is acknowledged on its case; a 送付リスト waiting for permission is decided here.
        if let h = l.handovers[id], !h.awaitsPermission { return HandoverScreen(id: id) }
        return DecisionScreen(id: id)
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let all = ids(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: all, height: w.bodyRows - 1) { return [] }
        switch action {
        case .back?: return [.pop]
        case .exceptionLedger?: return [.push(ExceptionsScreen())]
        case .open?:
            if let i = view.index(in: all) { return [.push(Self.screen(for: all[i], w))] }
        default: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let l = w.lang, wide = area.width >= 100
        let columns = [TableColumn(l.pick("申請", "request"), width: .fixed(8)), TableColumn(l.pick("対象", "subject"), width: .fixed(13)),
                       TableColumn(l.pick("申請者", "requester"), width: .fixed(10)), TableColumn(l.pick("持出先・内容", "destination / what"), width: .flexible(1)),
                       TableColumn(l.pick("期限", "until"), width: .fixed(wide ? 16 : 11)), TableColumn(l.pick("経過", "age"), width: .fixed(6), alignment: .right)]
        // People by name, as everywhere else on screen; a request without an end leaves 期限 empty.
        // Below 100 columns 期限 drops its year (11-25 10:00) for the content.
        func until(_ d: Date) -> String { wide ? w.time(d) : String(w.time(d).dropFirst(5)) }
        let entries = rows(w)
        let rows = entries.map { e in
            TableRow([e.id, e.subject, w.name(e.requester), e.what, e.until.map(until) ?? "", w.age(since: e.since)],
                     style: e.accent ? .role(.accent) : .plain)
        }
        let deciders = w.ledger.deciders(for: .takeout).map { $0.label(l) }.joined(separator: l.pick("・", ", "))
        let mayDecide = RequestKind.allCases.contains { w.can(w.ledger.possibleDeciders($0)) }
        let empty = mayDecide ? l.pick("承認待ちの申請はありません", "nothing waiting for you")
            : l.pick("あなたの役割では決裁する申請はありません（持出しの決裁: \(deciders)）", "your roles decide nothing (take-outs: \(deciders))")
        g.render(Table(columns: columns, rows: rows, state: view.state(ids: entries.map(\.id), height: Table.bodyHeight(for: area)), emptyText: empty), in: area)
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
        if w.ledger.samePerson(q.requester, w.actor.login) { return DomainError.selfApproval(request: id).message(w.lang) }
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
        for (k, v) in pairs + stepLines(q, w) where row < area.bottom {
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

/// The steps of a request decided in several (Steps.swift): each one taken, by whom and when, and the one it waits for.
func stepLines(_ q: some StepDecided, _ w: World) -> [(String, String)] {
    let l = w.ledger
    let steps = l.steps(for: q)
    guard steps.count > 1 else { return [] }
    let done = l.stepsDone(q)
    return steps.enumerated().map { i, roles in
        let label = w.t("第\(i + 1)段", "step \(i + 1)")
        let who = roles.map { $0.label(w.lang) }.joined(separator: w.t("・", ", "))
        if i < done.count {
            let d = done[i]
            return (label, w.t("許可 \(w.time(d.at)) \(w.name(d.by))", "approved \(w.time(d.at)) \(w.name(d.by))") + (d.comment.map { " — \($0)" } ?? ""))
        }
        return (label, w.t("\(who)（申請者・前の段階の決裁者以外）", "\(who) (not the requester nor an earlier decider)")
                       + (i == done.count && l.awaitingDecision(q.id) != nil ? w.t(" ← 待ち", " ← waiting") : ""))
    }
}

/// One request of another kind, decided in the queue: a 機密性3 送付リスト's permission before
/// dispatch (002 第48条3), a disposal (001 付紙第4 1(5)) or a correction of a record. What it
/// is, the steps taken, and `a` / `x`; the refusal is said before anything is typed.
public struct DecisionScreen: ScreenModel {
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public let id: String
    public var scope: Scope { .decision }
    public init(id: String) { self.id = id }

    func subject(_ w: World) -> (any StepDecided)? {
        let l = w.ledger
        if let d = l.life.disposals[id] { return d }
        if let c = l.correctionRequests[id] { return c }
        if let h = l.handovers[id] { return h }
        return nil
    }

    public func title(_ w: World) -> String {
        guard let q = subject(w) else { return w.t("決裁 \(id)", "Decide \(id)") }
        let kind = q.requestKind.label(w.lang)
        let step = w.ledger.currentStep(q)
        let suffix = step.of > 1 && w.ledger.awaitingDecision(id) != nil
            ? w.t("（第\(step.index + 1)段/\(step.of)段）", " (step \(step.index + 1) of \(step.of))") : ""
        return w.t("\(kind)の決裁 \(id)\(suffix)", "Decide \(kind) \(id)\(suffix)")
    }
    public func hints(_ w: World) -> [UIAction] { [.approve, .reject] }

    /// Why this person may not decide it now, if so (the domain's own reasons).
    func refusal(_ w: World) -> String? {
        guard let q = subject(w) else { return DomainError.unknownRequest(id).message(w.lang) }
        let l = w.ledger
        if l.samePerson(q.requestedBy, w.actor.login) { return DomainError.selfApproval(request: id).message(w.lang) }
        if l.awaitingDecision(id) == nil {
            if let d = l.life.disposals[id] { return DomainError.life(.disposalState(id, d.state)).message(w.lang) }
            if l.correctionRequests[id] != nil { return DomainError.correction(.notPending(id)).message(w.lang) }
            if let h = l.handovers[id] {
                if let p = h.permission {
                    return w.t("\(id) の提供は\(p.approved ? "許可" : "却下")済みです（\(w.name(p.by))）", "\(id) was \(p.approved ? "permitted" : "refused") by \(w.name(p.by))")
                }
                return DomainError.handoverState(id: id, status: h.status).message(w.lang)
            }
        }
        return l.stepRefusal(q, by: w.actor.login)?.message(w.lang)
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        switch action {
        case .back?: return [.pop]
        case .approve?:
            if let why = refusal(w) ?? w.check(.approve(request: id, confirmed: [], comment: nil)) { return [.message(why, .error)] }
            return [.push(Forms.approve(id, [], w))]
        case .reject?:
            if let why = refusal(w) { return [.message(why, .error)] }
            return [.push(Forms.reject(id, w))]
        default: return []
        }
    }

    func pairs(_ w: World) -> [(String, String)] {
        let l = w.ledger, lang = w.lang
        func requested(_ at: Date, _ by: String) -> (String, String) {
            (w.t("申請", "requested"), "\(w.time(at)) \(w.name(by)) (\(by))  \(w.age(since: at))" + w.t("経過", " ago"))
        }
        func medium(_ reg: String) -> String {
            guard let m = l.media[reg] else { return reg }
            let d = m.data
            return "\(reg) \(d.kind.label(lang)) \(d.classification.label(lang)) \(m.status.label(lang))"
                + (d.restrictions.isEmpty ? "" : " " + d.restrictions.map { $0.label(lang) }.joined(separator: "、"))
        }
        if let d = l.life.disposals[id] {
            return [requested(d.requestedAt, d.requester), (w.t("媒体", "medium"), medium(d.registration)),
                    (w.t("区分・方法", "kind, method"), "\(d.kind.label(lang))  \(d.method)"), (w.t("理由", "reason"), d.reason),
                    (w.t("状態", "state"), d.state.label(lang))]
        }
        if let c = l.correctionRequests[id] {
            let target = l.records[c.target].map { "#\(c.target) " + $0.summary(lang, timeZone: w.timeZone) } ?? "#\(c.target)"
            return [requested(c.requestedAt, c.requester), (w.t("訂正する記録", "record"), target),
                    (w.t("正しくは", "should say"), c.set.map { "\($0.field)=\($0.value)" }.joined(separator: "  ")),
                    (w.t("理由", "reason"), c.reason), (w.t("状態", "state"), c.state.label(lang))]
        }
        if let h = l.handovers[id] {
            var out = [requested(h.createdAt, h.createdBy), (w.t("宛先", "to"), h.counterpart + (h.contract.map { w.t("（契約 \($0)）", " (contract \($0))") } ?? ""))]
            for (i, item) in h.items.enumerated() {
                let cls = item.classification.map { " " + $0.label(lang) } ?? ""
                out.append((i == 0 ? w.t("品目", "items") : "", "\(item.name) \(item.quantity)\(cls)" + (item.registration.map { " [\($0)]" } ?? "")))
            }
            out.append((w.t("根拠", "basis"), w.t("機密性3の情報を部外へ提供する前の許可（002 第48条3）", "permission before providing 機密性3 information outside (002 第48条3)")))
            return out
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        guard let q = subject(w) else {
            g.put(DomainError.unknownRequest(id).message(w.lang), row: area.row, col: area.col, width: area.width, style: .role(.error))
            return
        }
        var row = area.row
        for (k, v) in pairs(w) + stepLines(q, w) where row < area.bottom {
            g.put(k, row: row, col: area.col + 1, width: 14, style: .role(.muted))
            g.put(v, row: row, col: area.col + 16, width: area.width - 16)
            row += 1
        }
        if row + 1 < area.bottom, let why = refusal(w) {
            g.put("! " + why, row: row + 1, col: area.col, width: area.width, style: .role(.error))
        }
    }
}
