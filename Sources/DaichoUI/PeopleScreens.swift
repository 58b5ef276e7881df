// People over time (issue 10) and the ledger's settings (issue 13) on screen.
// From 要員: `e` edits a person's 氏名, 官職, 階級, 所属 (Command.editPerson) and
// `x` records 転出・退職 with a reason (Command.retirePerson), listing what the
// person still holds as `daicho people retire` does (Ledger.holdings). `C`
// (from home or 要員) opens the settings (Ledger.settings): the officer changes
// a value through a form that records Command.configure; everyone else reads.
// Every write goes through a form and its (y/n) question, officer only.

import CellKit
import DaichoCore
import Foundation

enum PeopleForms {
    /// 氏名, 官職, 階級, 所属 as they are now; an emptied 官職, 階級 or 所属 clears it (Ledger.decideEdit).
    static func edit(_ p: Person, _ w: World) -> FormScreen {
        var form = FormScreen(
            heading: w.t("要員の記載の変更: \(p.name)（\(p.login)）", "Edit \(p.name) (\(p.login))"),
            fields: [FormField("name", w.t("氏名", "name"), required: true, text: p.name),
                     FormField("title", w.t("官職", "title"), text: p.title ?? ""),
                     FormField("rank", w.t("階級", "rank"), text: p.rank ?? ""),
                     FormField("section", w.t("所属", "section"), text: p.section ?? "")],
            success: w.t("要員の記載を変更しました: \(p.login)", "updated \(p.login)")
        ) { v, _ in
            .success(.record(.editPerson(login: p.login, name: v["name"], title: v["title"], rank: v["rank"], section: v["section"])))
        }
        form.preview = { _, w in
            w.t("新しい記録として残ります。以後に印刷する様式は新しい記載を使います（空欄は消去）",
                "kept as a new record: forms printed from now on use the new values (empty clears)")
        }
        return form
    }

    /// 責任者交代: the officer role passes from the person logged in to `p` (the other roles stay).
    static func changeOfficer(_ p: Person, _ w: World) -> FormScreen {
        let me = w.name(w.actor.login)
        var form = FormScreen(
            heading: w.t("責任者交代: \(me) → \(p.name)（\(p.login)）", "Hand the officer role: \(me) → \(p.name) (\(p.login))"),
            fields: [FormField("reason", w.t("理由（任意）", "reason (optional)"), maxLength: Field.reason.maxLength)],
            success: w.t("責任者を交代しました: \(p.name)（\(p.login)）", "the officer is now \(p.name) (\(p.login))")
        ) { v, _ in
            .success(.record(.changeOfficer(from: nil, to: p.login, reason: v.optional("reason"))))
        }
        form.preview = { _, w in
            w.t("\(p.name) が責任者になり、\(me) は責任者でなくなります（他の役割は残る）",
                "\(p.name) becomes the officer (部隊等情報保証責任者); \(me) no longer is (other roles stay)")
        }
        return form
    }
}

/// 転出・退職 of one person: the reason, and what they still hold (to reassign or close).
public struct RetireScreen: ScreenModel {
    var form: FormScreen
    let login: String
    public var scope: Scope { .form }

    public init(_ p: Person, world w: World) {
        login = p.login
        form = FormScreen(
            heading: w.t("転出・退職: \(p.name)（\(p.login)）", "Retire \(p.name) (\(p.login))"),
            fields: [FormField("reason", w.t("理由", "reason"), required: true,
                               maxLength: Field.reason.maxLength)],
            success: w.t("転出・退職を記録しました: \(p.login)", "retired \(p.login)")
        ) { v, _ in
            .success(.record(.retirePerson(login: p.login, reason: v["reason"])))
        }
        form.preview = { _, w in
            w.t("理由の例: 転出、退職。以後この者は閲覧も記録もできません（履歴の氏名は残ります）",
                "e.g. transferred, left. They can no longer read or write (history keeps their name)")
        }
    }

    public func title(_ w: World) -> String { form.heading }
    public func hints(_ w: World) -> [UIAction] { form.hints(w) }
    public var capturesText: Bool { form.capturesText }
    public var hasUnsavedInput: Bool { form.hasUnsavedInput }
    public mutating func handle(_ key: Key, action: UIAction?, world: World) -> [Outcome] {
        form.handle(key, action: action, world: world)
    }

    /// The lines listing what the person still holds, fitted to `height` rows (the rest counted, never dropped silently).
    static func holdingLines(_ held: [Holding], height: Int, _ w: World) -> [Line] {
        let bold = Style(role: .warning, attributes: [.bold])
        guard !held.isEmpty else {
            return [Line([Span(w.t("保持しているもの（使用中・持出し・起案中）はありません", "holds nothing (no open use, take-out or draft)"), style: .role(.ok))])]
        }
        var out = [Line([Span(w.t("まだ保持しているもの \(held.count)件（付け替えるか終了してください）:",
                                  "still held: \(held.count) (reassign or close each):"), style: bold)])]
        let room = max(1, height - 1)
        let shown = held.count <= room ? held : Array(held.prefix(room - 1))
        out += shown.map { Line([Span("  " + $0.label(w.lang))]) }
        if shown.count < held.count {
            out.append(Line([Span(w.t("  ほか \(held.count - shown.count)件（daicho people retire の出力・各一覧で確認）",
                                      "  and \(held.count - shown.count) more (see each list)"), style: .role(.muted))]))
        }
        return out
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        form.render(into: &g, area: area, world: w)
        // Below the field, above the form's status lines.
        let top = area.row + 1 + form.fields.count + 1, bottom = area.bottom - 3
        guard bottom > top else { return }
        let lines = RetireScreen.holdingLines(w.ledger.holdings(of: login), height: bottom - top, w)
        let wrapped = TextView.wrap(lines, width: area.width)
        g.render(TextView(Array(wrapped.prefix(bottom - top))), in: Rect(row: top, col: area.col, height: bottom - top, width: area.width))
    }
}

// MARK: - 設定

/// What each setting means, for the settings screen (the keys as Ledger.settings names them).
func settingMeaning(_ key: String, _ w: World) -> String {
    if key.hasPrefix(Ledger.stepsPrefix) {
        let scope = key.dropFirst(Ledger.stepsPrefix.count).split(separator: ".")
        let kind = scope.first.flatMap { RequestKind(rawValue: String($0)) }?.label(w.lang) ?? String(scope.first ?? "")
        let cls = scope.count > 1 ? w.t("（機密性\(scope[1])）", " (C\(scope[1]))") : ""
        return w.t("\(kind)\(cls)の決裁の段階（; で段階、, で役割）", "steps of deciding \(kind)\(cls) (; between steps, , between roles)")
    }
    if key.hasPrefix(Ledger.localRestrictionPrefix) {
        let name = String(key.dropFirst(Ledger.localRestrictionPrefix.count))
        return w.t("取扱制限「\(name)」が禁じる操作（none は禁止なし）", "what the restriction '\(name)' forbids (none: nothing)")
    }
    switch key {
    case "approvers.takeout": return w.t("持出しを許可する役割（責任者は常に含む）", "who permits a take-out (always the officer)")
    case "approvers.discrepancy": return w.t("受領差異を確認する役割", "who acknowledges a receipt discrepancy")
    case "approvers.handover": return w.t("機密性3の送付リストを送付前に承認する役割", "who approves a 機密性3 handover before dispatch")
    case "approvers.disposal": return w.t("媒体の抹消・廃棄を承認する役割", "who approves erasing or destroying a medium")
    case "approvers.exception": return w.t("例外措置を承認する役割", "who grants an exception")
    case "approvers.correction": return w.t("記録の訂正を承認する役割", "who approves a correction")
    case Ledger.receiptDueDaysKey: return w.t("受領書・受領票の返送期限（送付からの日数、1〜365）", "days for a receipt to come back (1-365)")
    case "disposal.methods": return w.t("抹消・廃棄の方法の一覧（, 区切り）", "methods of erasure or destruction (comma-separated)")
    case "disposal.witness_not_requester": return w.t("立会者は申請者以外に限る（true/false）", "the witness may not be the requester (true/false)")
    case "disposal.overdue_days": return w.t("読後廃棄が期限超過となるまでの日数（1〜365）", "days before a due disposal is overdue (1-365)")
    case "incident.steps": return w.t("亡失事案の報告の手順（順に , 区切り）", "steps of a loss incident, in order (comma-separated)")
    case "pledge.addressee": return w.t("誓約書の宛先", "addressee of the pledge")
    case "inspection.base_date": return w.t("自己点検の基準日（月-日）", "self-inspection base date (month-day)")
    case "inspection.report_due": return w.t("自己点検の報告期限（月-日、日が0なら月末）", "self-inspection report due (month-day; day 0 is the month's end)")
    case Ledger.storageLocationsKey: return w.t("保管場所の一覧（, 区切り）", "storage locations (comma-separated)")
    default: return ""
    }
}

public struct SettingsScreen: ScreenModel {
    var view = ListView()
    public init() {}
    public var scope: Scope { .settings }
    public var capturesText: Bool { view.filtering }

    func rows(_ w: World) -> [(key: String, value: String)] {
        w.ledger.settings.filter { view.matches([$0.key, $0.value, settingMeaning($0.key, w)]) }
    }
    public func title(_ w: World) -> String {
        w.t("設定 \(rows(w).count)件", "Settings: \(rows(w).count)") + (w.can([.officer]) ? "" : w.t("（閲覧のみ）", " (read only)"))
            + view.filterLabel(w)
    }
    public func hints(_ w: World) -> [UIAction] { w.can([.officer]) ? [.changeSetting, .newSetting, .filter] : [.filter] }

    public mutating func select(_ id: String, record: Record) {
        if case .configured(let d) = record.change { view.selectedID = d.key }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let rs = rows(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: rs.map(\.key), height: w.bodyRows - 4) { return [] }
        switch action {
        case .back?: return [.pop]
        case .newSetting?: return [.push(SettingsForms.set(key: nil, current: nil, w))]
        case .changeSetting?, .open?:
            guard w.can([.officer]) else {
                return [.message(w.t("設定の変更は情報保証責任者だけができます（閲覧のみ）", "only the officer changes settings (read only)"), .info)]
            }
            guard let i = view.index(in: rs.map(\.key)) else { return [] }
            return [.push(SettingsForms.set(key: rs[i].key, current: rs[i].value, w))]
        default: return []
        }
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let rs = rows(w), l = w.lang
        let columns = [TableColumn(l.pick("設定", "key"), width: .fixed(24)), TableColumn(l.pick("値", "value"), width: .flexible(1)),
                       TableColumn(l.pick("意味", "what it means"), width: .flexible(2))]
        let table = TableRow.self
        let rows = rs.map { table.init([$0.key, $0.value, settingMeaning($0.key, w)]) }
        // The selected setting in full below the table: nothing is cut that cannot be read.
        let detail = 3
        let tableArea = Rect(row: area.row, col: area.col, height: max(1, area.height - detail), width: area.width)
        let ids = rs.map(\.key)
        g.render(Table(columns: columns, rows: rows, state: view.state(ids: ids, height: Table.bodyHeight(for: tableArea))), in: tableArea)
        guard let i = view.index(in: ids), area.height > detail else { return }
        let r = rs[i]
        let lines = [Line([Span(r.key + " = ", style: Style(role: .header, attributes: [.bold])), Span(r.value)]),
                     Line([Span(settingMeaning(r.key, w), style: .role(.muted))])]
        let wrapped = TextView.wrap(lines, width: area.width)
        g.render(TextView(Array(wrapped.prefix(detail - 1))), in: Rect(row: area.bottom - detail + 1, col: area.col, height: detail - 1, width: area.width))
    }
}

enum SettingsForms {
    /// Change `key` (or one typed, when nil) to a new value: Command.configure after the usual question.
    static func set(key: String?, current: String?, _ w: World) -> FormScreen {
        var fields: [FormField] = []
        if key == nil {
            fields.append(FormField("key", w.t("設定（キー）", "key"), required: true, maxLength: 100))
        }
        fields.append(FormField("value", w.t("値", "value"), required: true, text: current ?? "", maxLength: 500))
        var form = FormScreen(
            heading: key.map { w.t("設定の変更: \($0)", "Change \($0)") } ?? w.t("設定の追加・変更（キーを指定）", "Set a setting by key"),
            fields: fields,
            success: w.t("設定しました", "setting recorded")
        ) { v, w in
            let k = key ?? v["key"].trimmingCharacters(in: .whitespaces)
            if let current, v["value"] == current {
                return .failure(EffectFailure(w.t("値が今と同じです（変更してください）", "the value is as it is now (change it)")))
            }
            return .success(.record(.configure(key: k, value: v["value"])))
        }
        form.preview = { v, w in
            let k = key ?? v["key"].trimmingCharacters(in: .whitespaces)
            let meaning = settingMeaning(k, w)
            if current != nil { return meaning }
            return meaning.isEmpty ? w.t("例 restriction.名称 / steps.takeout / storage.locations", "e.g. restriction.NAME / steps.takeout / storage.locations")
                                   : "\(k): \(meaning)"
        }
        return form
    }
}
