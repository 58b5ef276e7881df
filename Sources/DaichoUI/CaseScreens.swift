// 送付 and 送達: the handovers of protected information (送付リスト / 受領書,
// 000 別記様式第3; incoming deliveries) and the transfers of media between
// units (送達票 / 受領票, 001 付紙第3), each as a list with a status filter
// (overdue derived from the due day) and a case screen with its items,
// reminders, disposals and history, offering what its status and the
// person's roles allow; and the print preview of the paper form.

import CellKit
import DaichoCore
import DaichoPaper
import Foundation

extension World {
    /// The calendar day it is now, where the unit is.
    var today: Day { Day(now, in: timeZone) }

    /// The change the ledger would record for `command` now, or nil if it refuses.
    func decided(_ command: Command) -> Change? {
        try? ledger.decide(command, by: actor, now: now, timeZone: timeZone)
    }

    /// The ledger as it would be after `command`, or nil if it refuses (a form's preview).
    func simulate(_ command: Command) -> Ledger? {
        guard let change = decided(command) else { return nil }
        var l = ledger
        do { try l.apply(Record(seq: l.nextSeq, at: now, actor: actor.login, prev: headHash, change: change)) } catch { return nil }
        return l
    }

    /// `2026-12-02（令和8年12月2日）` in Japanese, `2026-12-02` in English.
    func longDay(_ d: Day) -> String { t("\(d.iso)（\(d.reiwa)）", d.iso) }

    /// `2026-12-02`, or `12-02` where room is short.
    func day(_ d: Day?, short: Bool = false) -> String {
        guard let d else { return "" }
        return short ? String(d.iso.dropFirst(5)) : d.iso
    }
}

extension Handover {
    /// Days past the due day while the 受領書 is outstanding.
    func daysOverdue(on today: Day) -> Int? {
        guard isOverdue(on: today), let due else { return nil }
        return due.days(until: today)
    }
    func kindLabel(_ l: Lang) -> String { direction == .outgoing ? l.pick("送付", "out") : l.pick("受領", "in") }
    /// `仕様書 他2件`.
    func itemSummary(_ l: Lang) -> String {
        guard let first = items.first else { return "" }
        return first.name + (items.count > 1 ? l.pick(" 他\(items.count - 1)件", " +\(items.count - 1)") : "")
    }
}

/// The filters `f` cycles through on the handover list.
public enum HandoverFilter: CaseIterable {
    case all, draft, dispatched, overdue, discrepancy, received, closed, recalled
    func label(_ l: Lang) -> String {
        switch self {
        case .all: l.pick("すべて", "all")
        case .overdue: l.pick("期限超過", "overdue")
        case .draft: HandoverStatus.draft.label(l)
        case .dispatched: HandoverStatus.dispatched.label(l)
        case .discrepancy: HandoverStatus.discrepancy.label(l)
        case .received: HandoverStatus.received.label(l)
        case .closed: HandoverStatus.closed.label(l)
        case .recalled: HandoverStatus.recalled.label(l)
        }
    }
    func keeps(_ h: Handover, _ today: Day) -> Bool {
        switch self {
        case .all: true
        case .overdue: h.isOverdue(on: today)
        case .draft: h.status == .draft
        case .dispatched: h.status == .dispatched
        case .discrepancy: h.status == .discrepancy
        case .received: h.status == .received
        case .closed: h.status == .closed
        case .recalled: h.status == .recalled
        }
    }
}

/// Opens the form for a handover action, or says at once why it cannot be done.
func handoverAction(_ action: UIAction, _ h: Handover, _ w: World) -> [Outcome]? {
    let id = h.id
    let probe: Command
    let form: any ScreenModel
    switch action {
    case .dispatch: probe = .dispatchHandover(id: id, date: nil, dueDays: nil); form = CaseForms.dispatchHandover(h, w)
    case .receive: probe = .receiveHandover(id: id, by: "-", date: nil, received: nil); form = CaseForms.receipt(h, w)
    case .remind: probe = .remindHandover(id: id, note: nil); form = CaseForms.remind(h, w)
    case .acknowledge: probe = .acknowledgeHandover(id: id, note: "-"); form = CaseForms.acknowledge(h, w)
    case .giveBack: probe = .returnHandover(id: id, items: [], date: nil); form = CaseForms.disposal(h, w, destroyed: false)
    case .destroy: probe = .destroyHandover(id: id, items: [], report: "-", date: nil, by: "-"); form = CaseForms.disposal(h, w, destroyed: true)
    case .recall: probe = .recallHandover(id: id, reason: "-"); form = CaseForms.recallHandover(h, w)
    case .editDraft:
        // An edit changes something, so no probe command would pass: the ledger says who may edit what.
        if let why = w.ledger.draftEditRefusal(id, by: w.actor) { return [.message(why.message(w.lang), .error)] }
        return [.push(CaseForms.editHandover(h, w))]
    case .preview: return [.push(PreviewScreen(id: id))]
    default: return nil
    }
    if let why = w.check(probe) { return [.message(why, .error)] }
    return [.push(form)]
}

/// Opens the form for a transfer action, or says why it cannot be done.
func transferAction(_ action: UIAction, _ t: Transfer, _ w: World) -> [Outcome]? {
    let id = t.id
    let probe: Command
    let form: any ScreenModel
    switch action {
    case .dispatch: probe = .dispatchTransfer(id: id, date: nil); form = CaseForms.dispatchTransfer(t, w)
    case .receive: probe = .receiveTransfer(id: id, by: "-", date: nil); form = CaseForms.receiveTransfer(t, w)
    case .recall: probe = .recallTransfer(id: id, reason: "-"); form = CaseForms.recallTransfer(t, w)
    case .editDraft:
        if let why = w.ledger.draftEditRefusal(id, by: w.actor) { return [.message(why.message(w.lang), .error)] }
        return [.push(CaseForms.editTransfer(t, w))]
    case .preview: return [.push(PreviewScreen(id: id))]
    default: return nil
    }
    if let why = w.check(probe) { return [.message(why, .error)] }
    return [.push(form)]
}

/// What can be done with a handover now, by this person, for the key hints.
func handoverHints(_ h: Handover, _ w: World) -> [UIAction] {
    let candidates: [UIAction]
    switch h.status {
    case .draft: candidates = [.dispatch, .editDraft, .recall]
    case .dispatched: candidates = [.receive, .remind, .recall]
    case .discrepancy: candidates = [.acknowledge] + (h.returnRequired ? [.giveBack, .destroy] : [])
    case .received: candidates = [.giveBack, .destroy]
    case .closed, .recalled: candidates = []
    }
    return candidates.filter { handoverAction($0, h, w)?.contains { if case .push = $0 { return true }; return false } ?? false } + [.preview]
}

func transferHints(_ t: Transfer, _ w: World) -> [UIAction] {
    let candidates: [UIAction] = t.status == .draft ? [.dispatch, .editDraft, .recall] : t.status == .dispatched ? [.receive, .recall] : []
    return candidates.filter { transferAction($0, t, w)?.contains { if case .push = $0 { return true }; return false } ?? false } + [.preview]
}

// MARK: - Lists

public struct HandoversScreen: ScreenModel {
    public var view = ListView()
    public var filter = HandoverFilter.all
    public var scope: Scope { .handovers }
    public init() {}
    public var capturesText: Bool { view.filtering }
    public mutating func select(_ id: String, record: Record) { view.selectedID = id }

    /// Newest first.
    func rows(_ w: World) -> [Handover] {
        let today = w.today
        // Cells are made only when a filter needs them; the table makes them for the rows on screen.
        return w.ledger.allHandovers.reversed().filter { filter.keeps($0, today) && (view.filter.isEmpty || view.matches(cells($0, w, short: false))) }
    }

    func cells(_ h: Handover, _ w: World, short: Bool) -> [String] {
        let l = w.lang
        let status = (h.isOverdue(on: w.today) ? "!" : "") + h.status.label(l)
        let date = h.direction == .incoming ? h.receipt?.date : h.dispatchDate
        return [h.id, h.kindLabel(l), status, h.counterpart, h.itemSummary(l), w.day(date, short: short), w.day(h.due, short: short),
                h.daysOverdue(on: w.today).map { l.pick("\($0)日超過", "\($0)d late") } ?? ""]
    }

    public func title(_ w: World) -> String {
        var t = w.t("送付（送付リスト・受領書）\(rows(w).count)件", "Handovers: \(rows(w).count)")
        if filter != .all { t += w.t("  状態: ", "  status: ") + filter.label(w.lang) }
        return t + view.filterLabel(w)
    }

    public func hints(_ w: World) -> [UIAction] {
        var a: [UIAction] = [.open, .filter, .statusFilter]
        if w.can([.clerk, .officer]) { a += [.newHandover, .incomingHandover] }
        if let h = selected(w) { a += handoverHints(h, w).filter { $0 != .preview } }
        return a
    }

    func selected(_ w: World) -> Handover? {
        let hs = rows(w)
        return view.index(in: hs.map(\.id)).map { hs[$0] }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let hs = rows(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: hs.map(\.id), height: w.bodyRows - 1) { return [] }
        let h = view.index(in: hs.map(\.id)).map { hs[$0] }
        switch action {
        case .back?: return [.pop]
        case .open?: if let h { return [.push(HandoverScreen(id: h.id))] }
        case .statusFilter?:
            let all = HandoverFilter.allCases
            filter = all[(all.firstIndex(of: filter)! + 1) % all.count]
            view.selectedID = nil
        case .newHandover?:
            if let why = w.check(.newHandover(to: "-", contract: nil, returnRequired: false, items: [HandoverItem(name: "-", quantity: "1")],
                                              media: [], note: nil)) { return [.message(why, .error)] }
            return [.push(CaseForms.newHandover(w))]
        case .incomingHandover?:
            if let why = w.check(.incomingHandover(from: "-", items: [HandoverItem(name: "-", quantity: "1")], date: nil, note: nil)) {
                return [.message(why, .error)]
            }
            return [.push(CaseForms.incomingHandover(w))]
        case let a?: if let h, let out = handoverAction(a, h, w) { return out }
        case nil: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let hs = rows(w), l = w.lang
        let wide = area.width >= 100
        let statusWidth = (HandoverStatus.allCases.map { $0.label(l) } + ["!" + HandoverStatus.dispatched.label(l)]).map(\.displayWidth).max()!
        var columns = [TableColumn(l.pick("案件", "case"), width: .fixed(7)), TableColumn(l.pick("区分", "dir"), width: .fixed(4)),
                       TableColumn(l.pick("状態", "status"), width: .fixed(statusWidth)),
                       TableColumn(l.pick("宛先／送付者", "to / from"), width: .flexible(3)),
                       TableColumn(l.pick("品目", "items"), width: .flexible(2)),
                       TableColumn(l.pick("送達日", "sent"), width: .fixed(wide ? 10 : 5)),
                       TableColumn(l.pick("期限", "due"), width: .fixed(wide ? 10 : 5))]
        columns.append(TableColumn(l.pick("超過", "late"), width: .fixed(wide ? 8 : 7), alignment: .right))
        // Below 100 columns the items give their room to the addressee.
        func fit(_ values: [String]) -> [String] { wide ? values : values.enumerated().filter { $0.offset != 4 }.map(\.element) }
        if !wide { columns.remove(at: 4) }
        let today = w.today
        let byID = Dictionary(uniqueKeysWithValues: hs.map { ($0.id, $0) })
        let (window, state) = view.window(ids: hs.map(\.id), height: Table.bodyHeight(for: area))
        let rows = window.compactMap { byID[$0] }.map { h in
            TableRow(fit(cells(h, w, short: !wide)),
                     style: h.isOverdue(on: today) ? .overdue : h.status == .discrepancy ? .role(.error) : h.status == .recalled ? .role(.muted) : .plain)
        }
        let empty = w.ledger.handovers.isEmpty
            ? l.pick("送付の記録はありません（a で送付リストを起案、i で受領を記録）", "no handovers yet (a drafts one, i records one received)")
            : l.pick("条件に合う送付はありません", "no handovers match")
        g.render(Table(columns: columns, rows: rows, state: state, emptyText: empty), in: area)
    }
}

public struct TransfersScreen: ScreenModel {
    public var view = ListView()
    /// nil: all.
    public var status: TransferStatus?
    public var scope: Scope { .transfers }
    public init() {}
    public var capturesText: Bool { view.filtering }
    public mutating func select(_ id: String, record: Record) { view.selectedID = id }
    static let cycle: [TransferStatus?] = [nil, .draft, .dispatched, .received, .recalled]

    func rows(_ w: World) -> [Transfer] {
        w.ledger.allTransfers.reversed().filter { (status == nil || $0.status == status) && (view.filter.isEmpty || view.matches(cells($0, w, short: false))) }
    }

    func cells(_ t: Transfer, _ w: World, short: Bool) -> [String] {
        let l = w.lang
        let kind = t.direction == .outgoing ? l.pick("発送", "out") : l.pick("受領", "in")
        return [t.id, kind, t.status.label(l), t.counterpart, t.media.joined(separator: " "), w.day(t.dispatchDate, short: short),
                w.day(t.receiptDate, short: short)]
    }

    public func title(_ w: World) -> String {
        var t = w.t("送達（可搬記憶媒体の送達票・受領票）\(rows(w).count)件", "Media transfers: \(rows(w).count)")
        if let s = status { t += w.t("  状態: ", "  status: ") + s.label(w.lang) }
        return t + view.filterLabel(w)
    }

    func selected(_ w: World) -> Transfer? {
        let ts = rows(w)
        return view.index(in: ts.map(\.id)).map { ts[$0] }
    }

    public func hints(_ w: World) -> [UIAction] {
        var a: [UIAction] = [.open, .filter, .statusFilter]
        if w.can([.officer]) { a += [.newTransfer, .incomingTransfer] }
        if let t = selected(w) { a += transferHints(t, w).filter { $0 != .preview } }
        return a
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let ts = rows(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: ts.map(\.id), height: w.bodyRows - 1) { return [] }
        let t = view.index(in: ts.map(\.id)).map { ts[$0] }
        let officerOnly = [Outcome.message(DomainError.roleRequired(login: w.actor.login, roles: [.officer]).message(w.lang), .error)]
        switch action {
        case .back?: return [.pop]
        case .open?: if let t { return [.push(TransferScreen(id: t.id))] }
        case .statusFilter?:
            let i = TransfersScreen.cycle.firstIndex(of: status) ?? 0
            status = TransfersScreen.cycle[(i + 1) % TransfersScreen.cycle.count]
            view.selectedID = nil
        case .newTransfer?: return w.can([.officer]) ? [.push(CaseForms.newTransfer(w))] : officerOnly
        case .incomingTransfer?: return w.can([.officer]) ? [.push(CaseForms.incomingTransfer(w))] : officerOnly
        case let a?: if let t, let out = transferAction(a, t, w) { return out }
        case nil: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let ts = rows(w), l = w.lang
        let wide = area.width >= 100
        let statusWidth = TransferStatus.allCases.map { $0.label(l).displayWidth }.max()!
        let columns = [TableColumn(l.pick("案件", "case"), width: .fixed(7)), TableColumn(l.pick("区分", "dir"), width: .fixed(4)),
                       TableColumn(l.pick("状態", "status"), width: .fixed(max(4, statusWidth))),
                       TableColumn(l.pick("相手部隊等", "other unit"), width: .flexible(2)),
                       TableColumn(l.pick("媒体", "media"), width: .flexible(3)),
                       TableColumn(l.pick("発送日", "sent"), width: .fixed(wide ? 10 : 5)),
                       TableColumn(l.pick("受領日", "back"), width: .fixed(wide ? 10 : 5))]
        let byID = Dictionary(uniqueKeysWithValues: ts.map { ($0.id, $0) })
        let (window, state) = view.window(ids: ts.map(\.id), height: Table.bodyHeight(for: area))
        let rows = window.compactMap { byID[$0] }.map { t in TableRow(cells(t, w, short: !wide), style: t.status == .recalled ? .role(.muted) : .plain) }
        let empty = w.ledger.transfers.isEmpty
            ? l.pick("送達の記録はありません（a で送達票を起案、i で他部隊からの媒体を受領）", "no transfers yet (a drafts one, i receives media)")
            : l.pick("条件に合う送達はありません", "no transfers match")
        g.render(Table(columns: columns, rows: rows, state: state, emptyText: empty), in: area)
    }
}

// MARK: - Case screens

/// Scrolling for a case screen: the keys, and the offset clamped when drawn.
struct Scroller {
    var offset = 0
    mutating func handle(_ action: UIAction?, page: Int) -> Bool {
        switch action {
        case .down?: offset += 1
        case .up?: offset = max(0, offset - 1)
        case .pageDown?: offset += page
        case .pageUp?: offset = max(0, offset - page)
        case .top?: offset = 0
        case .bottom?: offset = Int.max / 2
        default: return false
        }
        return true
    }
}

/// `label  value` lines with the labels in one column.
func fieldLines(_ pairs: [(String, String, Style)], labelWidth: Int = 12) -> [Line] {
    pairs.map { k, v, style in
        Line([Span(" " + TerminalText.pad(k, toWidth: labelWidth) + " ", style: .role(.muted)), Span(v, style: style)])
    }
}

func heading(_ text: String) -> Line { Line([Span(text, style: Style(role: .header, attributes: [.bold]))]) }

/// The history of a case: one line per record, wrapped to the width.
func historyLines(_ seqs: [Int], _ w: World) -> [Line] {
    seqs.compactMap { w.ledger.records[$0] }.map { r in
        Line([Span(" #\(r.seq) ", style: .role(.muted)), Span(w.time(r.at) + " ", style: .role(.muted)),
              Span(w.name(r.actor) + " ", style: .role(.accent)), Span(r.summary(w.lang, timeZone: w.timeZone))])
    }
}

/// Columns for an item table drawn as text: fixed widths for all but the first.
func tableLines(_ titles: [String], _ rows: [([String], Style)], width: Int, fixed: [Int]) -> [Line] {
    let first = max(8, width - 4 - fixed.reduce(0, +) - fixed.count)
    let widths = [first] + fixed
    func line(_ cells: [String], _ style: Style) -> Line {
        var spans = [Span("  ", style: style)]
        for (i, c) in cells.enumerated() where i < widths.count {
            spans.append(Span(TerminalText.pad(Table.fit(c, width: widths[i]), toWidth: widths[i]) + " ", style: style))
        }
        return Line(spans)
    }
    return [line(titles, Style(role: .header, attributes: [.bold]))] + rows.map { line($0.0, $0.1) }
}

public struct HandoverScreen: ScreenModel {
    /// No filter on this screen: `/`, `n`, `N` are not offered.
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public let id: String
    var scroll = Scroller()
    public var scope: Scope { .handover }
    public init(id: String) { self.id = id }

    public func title(_ w: World) -> String {
        guard let h = w.ledger.handovers[id] else { return id }
        let kind = h.direction == .outgoing ? w.t("送付リスト", "Handover") : w.t("受領（保護すべき情報）", "Received")
        let late = h.daysOverdue(on: w.today).map { w.t("  期限超過 \($0)日", "  OVERDUE \($0)d") } ?? ""
        return "\(kind) \(id)  \(h.status.label(w.lang))" + late
    }

    public func hints(_ w: World) -> [UIAction] {
        guard let h = w.ledger.handovers[id] else { return [] }
        return handoverHints(h, w)
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        if action == .back { return [.pop] }
        if scroll.handle(action, page: max(1, w.bodyRows - 2)) { return [] }
        if let a = action, let h = w.ledger.handovers[id], let out = handoverAction(a, h, w) { return out }
        return []
    }

    func lines(_ h: Handover, _ w: World, width: Int) -> [Line] {
        let l = w.lang, today = w.today
        var pairs: [(String, String, Style)] = []
        if h.direction == .outgoing {
            pairs.append((w.t("宛先", "to"), h.counterpart + w.t("　殿", ""), .plain))
            var terms = [h.returnRequired ? w.t("業務終了時に返却・廃棄（契約業者）", "return or destroy at the end (contractor)") : w.t("返却不要", "no return")]
            if let c = h.contract { terms.insert(w.t("契約番号 ", "contract ") + c, at: 0) }
            pairs.append((w.t("条件", "terms"), terms.joined(separator: "  "), .plain))
            if let d = h.dispatchDate {
                pairs.append((w.t("送達", "sent"), w.longDay(d) + (h.sender.map { "  " + $0 } ?? ""), .plain))
            }
            if let due = h.due {
                let late = h.daysOverdue(on: today)
                let text = due.iso + (late.map { w.t("  期限超過 \($0)日", "  OVERDUE by \($0) days") }
                    ?? (h.status == .dispatched ? w.t("  あと\(today.days(until: due))日", "  \(today.days(until: due)) days left") : ""))
                pairs.append((w.t("受領書期限", "receipt due"), text, late != nil ? .overdue : .plain))
            }
            if let r = h.receipt {
                pairs.append((w.t("受領書", "receipt"), "\(r.date.iso)  \(r.by)" + w.t("（記録 \(w.name(r.recordedBy))）", " (recorded by \(w.name(r.recordedBy)))"), .plain))
            }
        } else {
            pairs.append((w.t("送付者", "from"), h.counterpart, .plain))
            if let r = h.receipt { pairs.append((w.t("受領", "received"), "\(r.date.iso)  \(r.by)", .plain)) }
        }
        if !h.reminders.isEmpty {
            pairs.append((w.t("督促", "reminders"), w.t("\(h.reminders.count)回  ", "\(h.reminders.count)  ")
                + h.reminders.map { w.time($0.at) + ($0.note.map { " " + $0 } ?? "") }.joined(separator: " / "), .plain))
        }
        if let a = h.acknowledgement {
            pairs.append((w.t("差異確認", "acknowledged"), "\(w.name(a.by)) \(w.time(a.at))" + (a.note.map { "「\($0)」" } ?? ""), .role(.ok)))
        } else if h.status == .discrepancy {
            let who = w.ledger.deciders(for: .discrepancy).map { $0.label(l) }.joined(separator: w.t("・", ", "))
            pairs.append((w.t("差異確認", "acknowledge"), w.t("未確認（\(who)が確認します）", "waiting (\(who) acknowledges)"), .role(.error)))
        }
        if let r = h.recall { pairs.append((w.t("取消", "recalled"), "\(w.name(r.by)) \(w.time(r.at))" + (r.note.map { "「\($0)」" } ?? ""), .role(.muted))) }
        if let n = h.note { pairs.append((w.t("備考", "note"), n, .plain)) }
        var out = fieldLines(pairs)
        out.append(Line(""))
        out.append(heading(w.t("品目（\(h.items.count)）", "Items (\(h.items.count))")))
        let outgoing = h.direction == .outgoing
        let rows: [([String], Style)] = h.items.map { item in
            let received = h.receipt.map { r in r.items.first { $0.name == item.name }?.quantity ?? w.t("（未受領）", "(none)") } ?? ""
            let diff = h.differences.contains { $0.name == item.name }
            var done = ""
            if let d = h.disposals.first(where: { $0.item == item.name }) {
                done = d.isReturn ? w.t("返却 ", "returned ") + d.date.iso : w.t("廃棄報告 ", "destroyed ") + (d.report ?? "")
            } else if diff {
                done = w.t("差異", "differs")
            } else if h.returnRequired && h.receipt != nil {
                done = w.t("返却・廃棄待ち", "outstanding")
            }
            let name = item.name + (item.registration.map { w.ledger.media[$0].map { m in "（\(m.status.label(l))）" } ?? "" } ?? "")
            return (outgoing ? [name, item.quantity, received, done] : [name, item.quantity], diff ? .role(.error) : .plain)
        }
        out += outgoing
            ? tableLines([w.t("名称", "name"), w.t("送付", "sent"), w.t("受領", "received"), w.t("処置", "status")], rows, width: width, fixed: [12, 12, 16])
            : tableLines([w.t("名称", "name"), w.t("数量等", "quantity")], rows, width: width, fixed: [20])
        out.append(Line(""))
        out.append(heading(w.t("履歴（時系列）", "History")))
        out += TextView.wrap(historyLines(h.history, w), width: width)
        return out
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        guard let h = w.ledger.handovers[id] else {
            g.put(DomainError.unknownCase(id).message(w.lang), row: area.row, col: area.col, width: area.width, style: .role(.error))
            return
        }
        let all = lines(h, w, width: area.width)
        g.render(TextView(all, offset: min(scroll.offset, TextView.maxOffset(count: all.count, height: area.height))), in: area)
    }
}

public struct TransferScreen: ScreenModel {
    /// No filter on this screen: `/`, `n`, `N` are not offered.
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public let id: String
    var scroll = Scroller()
    public var scope: Scope { .transfer }
    public init(id: String) { self.id = id }

    public func title(_ w: World) -> String {
        guard let t = w.ledger.transfers[id] else { return id }
        let kind = t.direction == .outgoing ? w.t("送達票", "Transfer") : w.t("媒体の受領", "Media received")
        return "\(kind) \(id)  \(t.status.label(w.lang))"
    }

    public func hints(_ w: World) -> [UIAction] {
        guard let t = w.ledger.transfers[id] else { return [] }
        return transferHints(t, w)
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        if action == .back { return [.pop] }
        if scroll.handle(action, page: max(1, w.bodyRows - 2)) { return [] }
        if let a = action, let t = w.ledger.transfers[id], let out = transferAction(a, t, w) { return out }
        return []
    }

    func lines(_ t: Transfer, _ w: World, width: Int) -> [Line] {
        var pairs: [(String, String, Style)] = []
        if t.direction == .outgoing {
            pairs.append((w.t("受領部隊等", "to unit"), t.counterpart, .plain))
            if let d = t.dispatchDate { pairs.append((w.t("発送", "sent"), w.longDay(d) + (t.sender.map { "  " + $0 } ?? ""), .plain)) }
        } else {
            pairs.append((w.t("発送元部隊等", "from unit"), t.counterpart, .plain))
        }
        if let d = t.receiptDate { pairs.append((w.t("受領", "received"), w.longDay(d) + (t.receiver.map { "  " + $0 } ?? ""), .plain)) }
        if let r = t.recall { pairs.append((w.t("取消", "recalled"), "\(w.name(r.by)) \(w.time(r.at))" + (r.note.map { "「\($0)」" } ?? ""), .role(.muted))) }
        if let n = t.note { pairs.append((w.t("備考", "note"), n, .plain)) }
        var out = fieldLines(pairs)
        out.append(Line(""))
        out.append(heading(w.t("媒体（\(t.media.count)）", "Media (\(t.media.count))")))
        let rows: [([String], Style)] = t.media.map { reg in
            let m = w.ledger.media[reg]
            let kind = m.map { [$0.data.kind.label(w.lang), $0.data.model].compactMap { $0 }.joined(separator: " ") } ?? ""
            let theirs = t.incoming.first { $0.registration == reg }?.theirs ?? ""
            return ([reg, kind, theirs, m?.status.label(w.lang) ?? ""], .plain)
        }
        out += tableLines([w.t("登録番号", "number"), w.t("種別・型式", "kind, model"), w.t("発送元の番号", "their number"), w.t("状態", "status")],
                          rows, width: width, fixed: [20, 16, 8])
        out.append(Line(""))
        out.append(heading(w.t("履歴（時系列）", "History")))
        out += TextView.wrap(historyLines(t.history, w), width: width)
        return out
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        guard let t = w.ledger.transfers[id] else {
            g.put(DomainError.unknownCase(id).message(w.lang), row: area.row, col: area.col, width: area.width, style: .role(.error))
            return
        }
        let all = lines(t, w, width: area.width)
        g.render(TextView(all, offset: min(scroll.offset, TextView.maxOffset(count: all.count, height: area.height))), in: area)
    }
}

// MARK: - Print preview

/// The paper form of a case as `daicho print` writes it, stamped with the head of the journal now.
public struct PreviewScreen: ScreenModel {
    /// No filter on this screen: `/`, `n`, `N` are not offered.
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public let id: String
    var scroll = Scroller()
    public var scope: Scope { .preview }
    public init(id: String) { self.id = id }

    func lines(_ w: World) -> Result<[String], DomainError> {
        let stamp = Paper.Stamp(records: w.ledger.nextSeq, headHash: w.headHash, printedAt: w.time(w.now))
        do { return .success(try Paper.form(id, ledger: w.ledger, stamp: stamp)) } catch { return .failure(error) }
    }

    var printVerb: String {
        id.hasPrefix("HO") ? "handover" : id.hasPrefix("TO") ? "transfer" : "incoming"
    }

    public func title(_ w: World) -> String {
        w.t("印刷プレビュー \(id)（daicho print \(printVerb) \(id) [--pdf FILE]）", "Print preview \(id) (daicho print \(printVerb) \(id) [--pdf FILE])")
    }
    public func hints(_ w: World) -> [UIAction] { [.printPDF, .printLP, .pageDown, .pageUp] }

    /// `HO-0001-20261125-1000.pdf`: the case and the minute of printing, in the current directory.
    func pdfName(_ w: World) -> String {
        id + "-" + w.time(w.now).filter { $0.isNumber || $0 == " " }.replacingOccurrences(of: " ", with: "-") + ".pdf"
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        if action == .back { return [.pop] }
        // The form as PDF (the same sheet `daicho print … --pdf` writes), to a file or to the printer.
        if action == .printPDF { return [.perform(.printForm(id: id, to: .pdf(pdfName(w))), success: "", pop: 0)] }
        if action == .printLP { return [.perform(.printForm(id: id, to: .printer), success: "", pop: 0)] }
        _ = scroll.handle(action, page: max(1, w.bodyRows - 2))
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        switch lines(w) {
        case .failure(let e):
            g.put(e.message(w.lang), row: area.row, col: area.col, width: area.width, style: .role(.error))
        case .success(let paper):
            // The sheet is Paper.width columns; a wider terminal shows it centred.
            let left = area.col + max(0, (area.width - Paper.width) / 2)
            let rect = Rect(row: area.row, col: left, height: area.height, width: min(Paper.width, area.right - left))
            let all = paper.map { text in Line([Span(text, style: text.contains("切　取　線") || text.contains("キ　リ　ト　リ") ? .role(.muted) : .plain)]) }
            g.render(TextView(all, offset: min(scroll.offset, TextView.maxOffset(count: all.count, height: area.height))), in: rect)
        }
    }
}
