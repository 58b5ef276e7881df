// ホーム: what needs attention for the person logged in — approvals and
// receipt discrepancies they may decide, overdue receipts (受領書), overdue
// uses and take-outs, quarantined media — then counts by status and the
// latest records.

import CellKit
import DaichoCore
import Foundation

public struct HomeScreen: ScreenModel {
    var view = ListView()
    public var scope: Scope { .home }
    public init() {}

    /// One line of the attention list and where Enter takes it.
    struct Item {
        var id: String
        var text: String
        var style: Style
        var open: (any ScreenModel)?
    }

    func items(_ w: World) -> [Item] {
        let l = w.ledger
        var out: [Item] = []
        // A damaged journal comes first: nothing can be recorded until it is dealt with.
        if let damage = w.damage {
            let at = w.damageReport.map { d in d.record.map { w.t("レコード #\($0)", "record #\($0)") } ?? w.t("\(d.line)行目", "line \(d.line)") }
            let text = w.damageReport?.newerVersion == true
                ? w.t("新しい版の daicho で書かれた台帳です（読み取り専用）Enter で詳細", "written by a newer daicho (read-only): Enter for details")
                : w.t("台帳が損傷しています（読み取り専用）", "the journal is damaged (read-only)") + (at.map { " " + $0 } ?? "") + w.t(" Enter で詳細", ": Enter for details")
            _ = damage
            out.append(Item(id: "damage", text: text, style: Style(role: .error, attributes: [.bold]), open: DamageScreen()))
        }
        for q in l.approvals(for: w.actor.login) {
            out.append(Item(id: "q:" + q.id, text: w.t("承認待ち \(q.id) \(q.registration) 申請者 \(w.name(q.requester)) 持出先 \(q.destination)（\(w.age(since: q.requestedAt))経過）",
                                                   "approve? \(q.id) \(q.registration) by \(w.name(q.requester)) to \(q.destination) (\(w.age(since: q.requestedAt)) old)"),
                            style: .role(.accent), open: ApprovalScreen(id: q.id)))
        }
        // 送付リスト with 機密性3 information this person may permit (002 第48条3), decided on their decision screen.
        for h in l.handoverPermissions(for: w.actor.login) {
            out.append(Item(id: "p:" + h.id, text: w.t("提供許可待ち（機密性3） \(h.id) 宛先 \(h.counterpart) 起案者 \(w.name(h.createdBy))",
                                                      "permit C3 handover? \(h.id) to \(h.counterpart) by \(w.name(h.createdBy))"),
                            style: .role(.accent), open: DecisionScreen(id: h.id)))
        }
        // Exceptions (002 第26–27条) and corrections whose next step is this person's.
        for e in l.exceptionsToDecide(for: w.actor.login) {
            out.append(Item(id: "x:" + e.id, text: w.t("例外措置の承認待ち \(e.id) \(e.subject) 「\(e.rule)」 申請者 \(w.name(e.requester))",
                                                      "grant exception? \(e.id) \(e.subject) '\(e.rule)' by \(w.name(e.requester))"),
                            style: .role(.accent), open: ExceptionScreen(id: e.id)))
        }
        for c in l.correctionsToDecide(for: w.actor.login) {
            out.append(Item(id: "k:" + c.id, text: w.t("訂正の承認待ち \(c.id) 記録 #\(c.target) 申請者 \(w.name(c.requester))",
                                                      "approve correction? \(c.id) record #\(c.target) by \(w.name(c.requester))"),
                            style: .role(.accent), open: DecisionScreen(id: c.id)))
        }
        // Receipt discrepancies this person may acknowledge (not the one who recorded the 受領書, 002 第19条).
        for h in l.discrepancies(for: w.actor.login) {
            out.append(Item(id: "h:" + h.id, text: w.t("差異確認待ち \(h.id) 差異\(h.differences.count)件 \(h.counterpart)",
                                                      "acknowledge? \(h.id) \(h.differences.count) differ, \(h.counterpart)"),
                            style: .role(.accent), open: HandoverScreen(id: h.id)))
        }
        let today = w.today
        for h in l.overdueReceipts(on: today) {
            let late = h.daysOverdue(on: today) ?? 0
            out.append(Item(id: "o:" + h.id, text: w.t("受領書期限超過 \(h.id) \(late)日超過 \(h.counterpart)（期限 \(w.day(h.due))）",
                                                      "receipt overdue \(h.id) \(late)d late, \(h.counterpart) (due \(w.day(h.due)))"),
                            style: .overdue, open: HandoverScreen(id: h.id)))
        }
        for u in l.overdueUses(at: w.now) {
            out.append(Item(id: "u:\(u.seq)", text: w.t("使用期限超過 \(u.registration) \(w.name(u.user)) 予定 \(u.until.map(w.time) ?? "")",
                                                      "use overdue \(u.registration) \(w.name(u.user)) due \(u.until.map(w.time) ?? "")"),
                            style: .overdue, open: MediumScreen(registration: u.registration)))
        }
        for q in l.overdueTakeouts(at: w.now) {
            out.append(Item(id: "t:" + q.id, text: w.t("持出期限超過 \(q.registration) \(q.destination) 期限 \(w.time(q.until))",
                                                      "take-out overdue \(q.registration) at \(q.destination) due \(w.time(q.until))"),
                            style: .overdue, open: MediumScreen(registration: q.registration)))
        }
        for m in l.allMedia where m.status == .quarantined {
            // Infected by its last check, or waiting for one: found after a loss, or back from outside (001 第3-3).
            let why = m.lastScan?.result == .infected ? w.t("使用禁止（感染）", "quarantined (infected)")
                : l.foundAfterLoss(m) ? w.t("使用禁止（亡失後発見・検査待ち）", "quarantined (found after loss, check due)")
                : w.t("使用禁止（検査待ち）", "quarantined (check due)")
            out.append(Item(id: "m:" + m.registration, text: why + " \(m.registration) \(m.data.location ?? "")",
                            style: .role(.error), open: MediumScreen(registration: m.registration)))
        }
        out += mine(w)
        // A receipt that said a medium did not arrive: the case stays open until it arrives late or is reported lost.
        for t in l.allTransfers where t.status == .discrepancy {
            out.append(Item(id: "x:" + t.id, text: w.t("未着あり \(t.id) \(t.missing.joined(separator: "、")) \(t.counterpart)",
                                                      "not arrived \(t.id) \(t.missing.joined(separator: ", ")) \(t.counterpart)"),
                            style: .role(.accent), open: TransferScreen(id: t.id)))
        }
        for h in l.allHandovers where !h.missingMedia.isEmpty {
            out.append(Item(id: "y:" + h.id, text: w.t("未着あり \(h.id) \(h.missingMedia.joined(separator: "、")) \(h.counterpart)",
                                                      "not arrived \(h.id) \(h.missingMedia.joined(separator: ", ")) \(h.counterpart)"),
                            style: .role(.accent), open: HandoverScreen(id: h.id)))
        }
        // Media that came back and wait for a clean check before anything else (001 第3-3).
        for m in l.mediaDueForCheck where m.status == .stored {
            out.append(Item(id: "c:" + m.registration, text: w.t("要ウイルスチェック（戻った媒体） \(m.registration) \(m.data.location ?? "")",
                                                                 "check due (came back) \(m.registration) \(m.data.location ?? "")"),
                            style: .role(.accent), open: MediumScreen(registration: m.registration)))
        }
        // Lost media and their incidents, pledges, keys, inventories, disposals and 読後廃棄 due (LifeAttention.swift).
        for a in l.lifeAttention(for: w.actor.login, now: w.now, timeZone: w.timeZone, lang: w.lang) {
            let style: Style = switch a.kind {
            case .decide: .role(.accent)
            case .overdue: .overdue
            case .error: .role(.error)
            case .due: .plain
            case .info: .role(.muted)
            }
            let open: (any ScreenModel)? = a.request.map { DecisionScreen(id: $0) } ?? a.inventory.map { CountScreen(id: $0) } ?? a.incident.map { IncidentScreen(id: $0) }
                ?? a.registration.map { MediumScreen(registration: $0) }
            out.append(Item(id: "l:" + a.id, text: a.text, style: style, open: open))
        }
        return out
    }

    /// The person's own work: the media they are using and their take-out requests with their state.
    func mine(_ w: World) -> [Item] {
        let l = w.ledger, me = w.actor.login
        var out: [Item] = []
        for m in l.allMedia {
            if let u = m.openUse, l.uses.indices.contains(u), l.uses[u].user == me, !l.uses[u].isOverdue(at: w.now) {
                let use = l.uses[u]
                out.append(Item(id: "my-u:" + m.registration,
                                text: w.t("自分の使用中 \(m.registration) \(use.purpose)", "my use \(m.registration) \(use.purpose)")
                                    + (use.until.map { w.t(" 予定 ", " until ") + w.time($0) } ?? ""),
                                style: .role(.accent), open: MediumScreen(registration: m.registration)))
            }
            if let id = m.openRequest, let q = l.requests[id], q.requester == me, !q.isOverdue(at: w.now) {
                out.append(Item(id: "my-q:" + id,
                                text: w.t("自分の申請 \(id) \(m.registration) \(q.destination) \(q.state.label(w.lang))",
                                          "my request \(id) \(m.registration) \(q.destination) \(q.state.label(w.lang))"),
                                style: .role(.accent), open: MediumScreen(registration: m.registration)))
            }
        }
        return out
    }

    /// The attention list as filtered with `/`.
    func shown(_ w: World) -> [Item] {
        let all = items(w)
        guard !view.filter.isEmpty else { return all }
        return all.filter { view.matches([$0.text, $0.id]) }
    }

    static let recentCount = 5
    /// Rows for the attention list: the body less the headings, counts and latest records.
    static func attentionHeight(_ body: Int) -> Int { max(1, body - 4 - recentCount) }

    public func title(_ w: World) -> String { w.t("ホーム", "Home") + view.filterLabel(w) }
    public func hints(_ w: World) -> [UIAction] { [.open, .filter, .register, .approvals] }
    /// While the filter is typed, digits are text, not screens.
    public var capturesText: Bool { view.filtering }

    public mutating func handle(_ key: Key, action: UIAction?, world: World) -> [Outcome] {
        let list = shown(world)
        let height = HomeScreen.attentionHeight(world.bodyRows)
        if view.handle(key, action: view.filtering ? nil : action, ids: list.map(\.id), height: height) { return [] }
        if action == .open, let i = view.index(in: list.map(\.id)), let s = list[i].open { return [.push(s)] }
        // q asks to quit; Esc on home does nothing (there is nowhere to go back to).
        if action == .quit { return [.pop] }
        // The standing duties open from here (LifeScreens.swift): the tab bar is full.
        if let a = action, [.keys, .inventories, .incidents, .exceptionLedger].contains(a) { return [.go(a)] }
        if action == .settings { return [.push(SettingsScreen())] }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let list = shown(w)
        let counts = w.ledger.countsByStatus().filter { $0.1 > 0 || [.stored, .inUse, .takenOut].contains($0.0) }
        var row = area.row
        let own = list.filter { $0.id.hasPrefix("my-") }.count
        g.put(w.t("要対応（\(list.count - own)件）", "Needs attention (\(list.count - own))")
              + (own > 0 ? w.t("・自分の使用と申請（\(own)件）", " · my uses and requests (\(own))") : ""), row: row, col: area.col, width: area.width,
              style: Style(role: .header, attributes: [.bold]))
        row += 1
        let attentionHeight = HomeScreen.attentionHeight(area.height)
        if list.isEmpty {
            let none = view.filter.isEmpty ? w.t("  対応が必要なものはありません", "  nothing needs your attention")
                                           : w.t("  絞り込みに合うものはありません（Esc で解除）", "  nothing matches the filter (Esc clears it)")
            g.put(none, row: row, col: area.col, width: area.width, style: .role(.muted))
        } else {
            let st = view.state(ids: list.map(\.id), height: attentionHeight)
            let first = st.visibleOffset(count: list.count, height: attentionHeight)
            for (i, item) in list.enumerated().dropFirst(first).prefix(attentionHeight) {
                let selected = i == st.selected
                let r = row + i - first
                g.fill(Rect(row: r, col: area.col, height: 1, width: area.width), style: selected ? .role(.selected) : .plain)
                g.put(("  " + item.text).truncated(toWidth: area.width, ellipsis: "~"), row: r, col: area.col, width: area.width,
                      style: selected ? .role(.selected) : item.style)
            }
        }
        row += attentionHeight
        var col = area.col
        col = g.put(w.t("状態別: ", "By status: "), row: row, col: col, style: Style(role: .header, attributes: [.bold]))
        for (s, n) in counts where col < area.right {
            col = g.put("\(s.label(w.lang)) \(n)  ", row: row, col: col, width: area.right - col)
        }
        row += 1
        g.put(w.t("最新の記録", "Latest records"), row: row, col: area.col, width: area.width, style: Style(role: .header, attributes: [.bold]))
        row += 1
        for r in w.ledger.records.suffix(HomeScreen.recentCount).reversed() where row < area.bottom {
            let c = g.put("  #\(r.seq) \(w.time(r.at)) \(w.name(r.actor)) ", row: row, col: area.col, style: .role(.muted))
            g.put(r.summary(w.lang, timeZone: w.timeZone).truncated(toWidth: max(0, area.right - c), ellipsis: "~"), row: row, col: c,
                  width: area.right - c)
            row += 1
        }
    }
}
