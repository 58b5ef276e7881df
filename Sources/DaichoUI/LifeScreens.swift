// The unit's standing duties on screen (issue 12): the key register
// (かぎ管理簿, 001 第2-2: who holds each key, overdue ones), the inventories
// (点検, 001 第6: open and closed; Enter opens the count screen of an open one
// or the difference report of a closed one) and the loss incidents (亡失事案,
// 001 付紙第4 3(5), 付紙第8: every step with who and when, the next step due).
// The tab bar is full at 80 columns, so they open from home (K, I, E) and
// from the `:` line (`key list`, `inventory list`, `incident list`), as the
// keymap's help says. Every write goes through a form and its (y/n) question.

import CellKit
import DaichoCore
import DaichoPaper
import Foundation

// MARK: - かぎ管理簿

public struct KeysScreen: ScreenModel {
    var view = ListView()
    public init() {}
    public var scope: Scope { .keys }
    public var capturesText: Bool { view.filtering }

    func rows(_ w: World) -> [KeyEntry] {
        w.ledger.life.allKeys.filter { k in
            view.matches([k.key, k.opens, k.location ?? "", k.loan?.to ?? "", k.loan.map { w.name($0.to) } ?? ""])
        }
    }

    public func title(_ w: World) -> String {
        let all = w.ledger.life.allKeys
        let lent = all.filter { $0.loan != nil }.count, overdue = w.ledger.overdueKeys(at: w.now).count
        return w.t("かぎ管理簿 \(all.count)本（貸出中 \(lent)・期限超過 \(overdue)）", "Keys: \(all.count) (\(lent) lent, \(overdue) overdue)") + view.filterLabel(w)
    }
    public func hints(_ w: World) -> [UIAction] { [.lendKey, .returnKey, .addKey, .filter] }

    public mutating func select(_ id: String, record: Record) {
        switch record.change {
        case .life(.keyAdded(let d)): view.selectedID = d.key
        case .life(.keyLent(let d)): view.selectedID = d.key
        case .life(.keyReturned(let d)): view.selectedID = d.key
        default: break
        }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let ks = rows(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: ks.map(\.key), height: w.bodyRows - 1) { return [] }
        let selected = view.index(in: ks.map(\.key)).map { ks[$0] }
        switch action {
        case .back?: return [.pop]
        case .addKey?: return [.push(LifeForms.addKey(w))]
        case .lendKey?, .open?:
            guard let k = selected else { return [] }
            if let loan = k.loan {
                return action == .open ? [.push(LifeForms.returnKey(k, w))]
                    : [.message(DomainError.life(.keyLent(k.key, to: loan.to)).message(w.lang), .error)]
            }
            return [.push(LifeForms.lendKey(k, w))]
        case .returnKey?:
            guard let k = selected else { return [] }
            guard k.loan != nil else { return [.message(DomainError.life(.keyNotLent(k.key)).message(w.lang), .error)] }
            return [.push(LifeForms.returnKey(k, w))]
        default: return []
        }
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let ks = rows(w), l = w.lang
        guard !w.ledger.life.allKeys.isEmpty else {
            g.put(w.t("登録されたかぎはありません（a で登録、情報保証責任者）", "no keys registered (a to add, officer)"),
                  row: area.row, col: area.col, width: area.width, style: .role(.muted))
            return
        }
        let columns = [TableColumn(l.pick("かぎ番号", "key"), width: .fixed(10)), TableColumn(l.pick("用途", "opens"), width: .flexible(2)),
                       TableColumn(l.pick("保管場所", "kept at"), width: .flexible(1)), TableColumn(l.pick("保持者", "holder"), width: .fixed(12)),
                       TableColumn(l.pick("返却期限", "until"), width: .fixed(25))]
        let rows = ks.map { k -> TableRow in
            let overdue = k.isOverdue(at: w.now)
            return TableRow([k.key, k.opens, k.location ?? "",
                             k.loan.map { w.name($0.to) } ?? l.pick("（保管中）", "(in store)"),
                             (k.loan.map { w.time($0.until) } ?? "") + (overdue ? l.pick(" 期限超過", " OVERDUE") : "")],
                            style: overdue ? .overdue : .plain)
        }
        g.render(Table(columns: columns, rows: rows, state: view.state(ids: ks.map(\.key), height: Table.bodyHeight(for: area))), in: area)
    }
}

// MARK: - 点検の一覧

public struct InventoriesScreen: ScreenModel {
    var view = ListView()
    public init() {}
    public var scope: Scope { .inventories }
    public var capturesText: Bool { view.filtering }

    func rows(_ w: World) -> [Inventory] {
        w.ledger.life.allInventories.reversed().filter { i in
            view.matches([i.id, i.asOf.iso, i.locations.joined(separator: " "), i.status.label(w.lang), i.startedBy])
        }
    }

    public func title(_ w: World) -> String {
        let s = w.ledger.selfInspection(on: Day(w.now, in: w.timeZone))
        let si: String = switch s.state {
        case .due: w.t("　自己点検 報告期限 \(s.due.iso)", "  self-inspection due \(s.due.iso)")
        case .overdue: w.t("　自己点検 報告期限超過（\(s.due.iso)）", "  self-inspection OVERDUE (\(s.due.iso))")
        case .next: w.t("　次の自己点検 基準日 \(s.base.iso)", "  next self-inspection \(s.base.iso)")
        }
        return w.t("点検 \(w.ledger.life.allInventories.count)件", "Inventories: \(w.ledger.life.allInventories.count)") + si + view.filterLabel(w)
    }
    public func hints(_ w: World) -> [UIAction] { [.open, .startInventory, .closeInventory, .filter] }

    public mutating func select(_ id: String, record: Record) {
        switch record.change {
        case .life(.inventoryStarted(let d)): view.selectedID = d.inventory
        case .life(.inventoryClosed(let d)): view.selectedID = d.inventory
        default: break
        }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let invs = rows(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: invs.map(\.id), height: w.bodyRows - 1) { return [] }
        let selected = view.index(in: invs.map(\.id)).map { invs[$0] }
        switch action {
        case .back?: return [.pop]
        case .startInventory?: return [.push(LifeForms.startInventory(w))]
        case .open?:
            guard let inv = selected else { return [] }
            return [.push(inv.status == .open ? CountScreen(id: inv.id) : InventoryReportScreen(id: inv.id))]
        case .closeInventory?:
            guard let inv = selected else { return [] }
            guard inv.status == .open else { return [.message(DomainError.life(.inventoryClosed(inv.id)).message(w.lang), .error)] }
            return [.push(LifeForms.closeInventory(inv, w))]
        default: return []
        }
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let invs = rows(w), l = w.lang
        guard !w.ledger.life.allInventories.isEmpty else {
            g.put(w.t("点検の記録はありません（a で開始、情報保証責任者）", "no inventories (a to start one, officer)"),
                  row: area.row, col: area.col, width: area.width, style: .role(.muted))
            return
        }
        let columns = [TableColumn(l.pick("点検", "id"), width: .fixed(9)), TableColumn(l.pick("基準日", "as of"), width: .fixed(10)),
                       TableColumn(l.pick("場所", "locations"), width: .flexible(1)), TableColumn(l.pick("状態", "status"), width: .fixed(6)),
                       TableColumn(l.pick("予定", "exp."), width: .fixed(5)), TableColumn(l.pick("確認", "seen"), width: .fixed(5)),
                       TableColumn(l.pick("不明", "miss"), width: .fixed(5)), TableColumn(l.pick("予定外", "unexp."), width: .fixed(6)),
                       TableColumn(l.pick("開始者", "by"), width: .fixed(10))]
        let rows = invs.map { i in
            TableRow([i.id, i.asOf.iso, i.locations.isEmpty ? l.pick("全保管場所", "all") : i.locations.joined(separator: "、"),
                      i.status.label(l), "\(i.expected.count)", "\(i.sighted.count)", "\(i.missing.count)", "\(i.unexpected.count)",
                      w.name(i.startedBy)],
                     style: i.status == .open ? .role(.accent) : (i.missing.isEmpty ? .plain : .role(.error)))
        }
        g.render(Table(columns: columns, rows: rows, state: view.state(ids: invs.map(\.id), height: Table.bodyHeight(for: area))), in: area)
    }
}

/// A closed inventory's difference report as it is printed (nothing about it changes).
public struct InventoryReportScreen: ScreenModel {
    public let id: String
    var offset = 0
    public init(id: String) { self.id = id }
    public var scope: Scope { .result }
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) && action != .open }
    public func title(_ w: World) -> String { w.t("点検結果（差異報告）\(id)", "Inventory report \(id)") }
    public func hints(_ w: World) -> [UIAction] { [.down, .up] }

    func lines(_ w: World) -> [Line] {
        guard let inv = try? w.ledger.inventory(id) else {
            return [Line([Span(DomainError.life(.unknownInventory(id)).message(w.lang), style: .role(.error))])]
        }
        return Paper.inventoryBody(inv, ledger: w.ledger, lang: w.lang, timeZone: w.timeZone).map { Line([Span($0)]) }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        switch action {
        case .back?: return [.pop]
        case .down?: offset += 1
        case .up?: offset = max(0, offset - 1)
        case .pageDown?: offset += max(1, w.bodyRows - 1)
        case .pageUp?: offset = max(0, offset - max(1, w.bodyRows - 1))
        default: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let wrapped = TextView.wrap(lines(w), width: area.width)
        g.render(TextView(wrapped, offset: min(offset, TextView.maxOffset(count: wrapped.count, height: area.height))), in: area)
    }
}

// MARK: - 亡失事案

public struct IncidentsScreen: ScreenModel {
    var view = ListView()
    public init() {}
    public var scope: Scope { .incidents }
    public var capturesText: Bool { view.filtering }

    /// Open ones first (oldest first), then the closed, newest first.
    func rows(_ w: World) -> [Incident] {
        let all = w.ledger.life.allIncidents
        return (all.filter { $0.status == .open } + all.filter { $0.status == .closed }.reversed()).filter { i in
            view.matches([i.id, i.registration, i.status.label(w.lang), i.note, i.conclusion ?? ""])
        }
    }

    public func title(_ w: World) -> String {
        let all = w.ledger.life.allIncidents
        return w.t("亡失事案 \(all.count)件（対応中 \(w.ledger.openIncidents.count)）", "Loss incidents: \(all.count) (\(w.ledger.openIncidents.count) open)")
            + view.filterLabel(w)
    }
    public func hints(_ w: World) -> [UIAction] { [.open, .filter] }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let list = rows(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: list.map(\.id), height: w.bodyRows - 1) { return [] }
        switch action {
        case .back?: return [.pop]
        case .open?:
            guard let i = view.index(in: list.map(\.id)) else { return [] }
            return [.push(IncidentScreen(id: list[i].id))]
        default: return []
        }
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let list = rows(w), l = w.lang
        guard !w.ledger.life.allIncidents.isEmpty else {
            g.put(w.t("亡失事案はありません", "no loss incidents"), row: area.row, col: area.col, width: area.width, style: .role(.muted))
            return
        }
        let columns = [TableColumn(l.pick("事案", "id"), width: .fixed(9)), TableColumn(l.pick("登録番号", "registration"), width: .fixed(14)),
                       TableColumn(l.pick("状態", "status"), width: .fixed(6)), TableColumn(l.pick("認知", "noticed"), width: .fixed(11)),
                       TableColumn(l.pick("経過", "age"), width: .fixed(5)), TableColumn(l.pick("次の手順", "next step"), width: .flexible(1))]
        let rows = list.map { i in
            // 認知 without its year (MM-DD HH:MM): the next step needs the room.
            TableRow([i.id, i.registration, i.status.label(l), String(w.time(i.openedAt).dropFirst(5)), LifeForms.age(i.openedAt, w),
                      i.status == .open ? (w.ledger.nextStep(of: i).map { incidentStepLabel($0, l) } ?? l.pick("結論（完結）", "conclusion (close)"))
                                        : (i.conclusion ?? "")],
                     style: i.status == .open ? .role(.error) : .plain)
        }
        g.render(Table(columns: columns, rows: rows, state: view.state(ids: list.map(\.id), height: Table.bodyHeight(for: area))), in: area)
    }
}

/// One incident: what was lost, every step with who and when, the next step due; steps and the close are forms.
public struct IncidentScreen: ScreenModel {
    public let id: String
    var offset = 0
    public init(id: String) { self.id = id }
    public var scope: Scope { .incident }
    public func offers(_ action: UIAction, _ w: World) -> Bool {
        guard !filterActions.contains(action) else { return false }
        let open = (try? w.ledger.incident(id))?.status == .open
        switch action {
        case .stepIncident: return open && (try? w.ledger.incident(id)).flatMap(w.ledger.nextStep) != nil
        case .closeIncident: return open
        case .open: return false
        default: return true
        }
    }
    public func title(_ w: World) -> String { w.t("亡失事案 \(id)", "Loss incident \(id)") }
    public func hints(_ w: World) -> [UIAction] { [.stepIncident, .closeIncident, .down, .up] }

    func lines(_ w: World) -> [Line] {
        guard let i = try? w.ledger.incident(id) else {
            return [Line([Span(DomainError.life(.unknownIncident(id)).message(w.lang), style: .role(.error))])]
        }
        var out = Paper.incidentBody(i, ledger: w.ledger, lang: w.lang, timeZone: w.timeZone).map { Line([Span($0)]) }
        out.insert(Line([]), at: 0)
        if i.status == .open {
            let next = w.ledger.nextStep(of: i).map { w.t("次の手順: ", "next step: ") + incidentStepLabel($0, w.lang) + w.t("（s で記録）", " (s to record)") }
                ?? w.t("手順はすべて記録済み。c で結論を記録して完結", "every step recorded: c to close with a conclusion")
            out.insert(Line([Span(w.t("経過 ", "open for ") + LifeForms.age(i.openedAt, w) + "　" + next, style: Style(role: .warning, attributes: [.bold]))]), at: 0)
        }
        return out
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        switch action {
        case .back?: return [.pop]
        case .down?: offset += 1
        case .up?: offset = max(0, offset - 1)
        case .pageDown?: offset += max(1, w.bodyRows - 1)
        case .pageUp?: offset = max(0, offset - max(1, w.bodyRows - 1))
        case .stepIncident?:
            guard let i = try? w.ledger.incident(id) else { return [] }
            guard i.status == .open else { return [.message(DomainError.life(.incidentClosed(i.id)).message(w.lang), .error)] }
            guard let next = w.ledger.nextStep(of: i) else {
                return [.message(w.t("手順はすべて記録済みです。c で完結します", "every step is recorded: c closes it"), .info)]
            }
            return [.push(LifeForms.stepIncident(i, next, w))]
        case .closeIncident?:
            guard let i = try? w.ledger.incident(id) else { return [] }
            guard i.status == .open else { return [.message(DomainError.life(.incidentClosed(i.id)).message(w.lang), .error)] }
            return [.push(LifeForms.closeIncident(i, w))]
        default: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let wrapped = TextView.wrap(lines(w), width: area.width)
        g.render(TextView(wrapped, offset: min(offset, TextView.maxOffset(count: wrapped.count, height: area.height))), in: area)
    }
}

// MARK: - Forms

enum LifeForms {
    static func age(_ d: Date, _ w: World) -> String {
        let s = max(0, Int(w.now.timeIntervalSince(d)))
        if s >= 86400 { return w.t("\(s / 86400)日", "\(s / 86400)d") }
        if s >= 3600 { return w.t("\(s / 3600)時間", "\(s / 3600)h") }
        return w.t("\(s / 60)分", "\(s / 60)m")
    }

    static func people(_ w: World) -> [(value: String, label: String)] {
        w.ledger.allPeople.filter { !$0.isRetired }.map { ($0.login, "\($0.name)（\($0.login)）") }
    }

    static func addKey(_ w: World) -> FormScreen {
        FormScreen(heading: w.t("かぎの登録（かぎ管理簿）", "Register a key"),
                   fields: [FormField("key", w.t("かぎ番号", "key number"), required: true, maxLength: Field.keyNumber.maxLength),
                            FormField("opens", w.t("用途（何のかぎか）", "what it opens"), required: true, maxLength: Field.opens.maxLength),
                            FormField("location", w.t("保管場所", "kept at"), maxLength: Field.location.maxLength)],
                   success: w.t("かぎを登録しました", "key registered")) { v, _ in
            .success(.record(.life(.addKey(key: v["key"], opens: v["opens"], location: v.optional("location")))))
        }
    }

    static func lendKey(_ k: KeyEntry, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("かぎの貸出: \(k.key)（\(k.opens)）", "Lend key \(k.key) (\(k.opens))"),
                   fields: [FormField("to", w.t("貸出先", "to"), .choice(people(w)), required: true),
                            FormField("until", w.t("返却期限", "until"), .date, required: true)],
                   success: w.t("貸出を記録しました", "loan recorded")) { v, w in
            dateValue(v.optional("until"), w, label: w.t("返却期限", "until")).flatMap { until in
                guard let until else { return .failure(EffectFailure(w.t("返却期限を入力してください", "until is required"))) }
                return .success(.record(.life(.lendKey(key: k.key, to: v["to"], until: until))))
            }
        }
    }

    static func returnKey(_ k: KeyEntry, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("かぎの返却: \(k.key)（\(k.loan.map { w.name($0.to) } ?? "")）", "Return key \(k.key)"),
                   fields: [], success: w.t("返却を記録しました", "return recorded")) { _, _ in
            .success(.record(.life(.returnKey(key: k.key))))
        }
    }

    static func startInventory(_ w: World) -> FormScreen {
        FormScreen(heading: w.t("点検の開始（001 第6）", "Start an inventory"),
                   fields: [FormField("asof", w.t("基準日", "as of"), .day),
                            FormField("locations", w.t("場所（,区切り・空欄は全て）", "locations (comma; empty: all)"))],
                   success: w.t("点検を開始しました", "inventory started")) { v, w in
            dayValue(v.optional("asof"), w, label: w.t("基準日", "as of")).map { day in
                .record(.life(.startInventory(asOf: day, locations: v["locations"].split(whereSeparator: { $0 == "," || $0 == "、" })
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })))
            }
        }
    }

    static func closeInventory(_ inv: Inventory, _ w: World) -> FormScreen {
        let missing = w.ledger.missingIfClosed(inv)
        var f = FormScreen(heading: w.t("点検の完結: \(inv.id)（以後変更できません）", "Close inventory \(inv.id) (final)"),
                           fields: [], success: w.t("点検を完結しました", "inventory closed")) { _, _ in
            .success(.record(.life(.closeInventory(id: inv.id))))
        }
        f.notice = missing.isEmpty ? nil
            : w.t("所在不明 \(missing.count)件は亡失となり事案が開かれます: \(missing.joined(separator: "、"))",
                  "\(missing.count) missing become lost, each with an incident: \(missing.joined(separator: ", "))")
        return f
    }

    static func stepIncident(_ i: Incident, _ step: String, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("\(i.id) 手順の記録: \(incidentStepLabel(step, w.lang))", "\(i.id): record \(incidentStepLabel(step, w.lang))"),
                   fields: [FormField("note", w.t("備考", "note"), maxLength: Field.note.maxLength)],
                   success: w.t("手順を記録しました", "step recorded")) { v, _ in
            .success(.record(.life(.stepIncident(id: i.id, step: step, note: v.optional("note")))))
        }
    }

    static func closeIncident(_ i: Incident, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("\(i.id) の完結（結論）", "Close \(i.id) (conclusion)"),
                   fields: [FormField("conclusion", w.t("結論", "conclusion"), required: true, maxLength: Field.conclusion.maxLength)],
                   success: w.t("事案を完結しました", "incident closed")) { v, _ in
            .success(.record(.life(.closeIncident(id: i.id, conclusion: v["conclusion"]))))
        }
    }
}
