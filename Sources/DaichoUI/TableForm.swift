// A form with a table of items under its fields: the 送付リスト's 名称 and
// 数量, the 受領書's ticks and quantities as received, the media of a
// 送達票. Tab walks every field and cell; Up/Down move between rows in the
// same column; Ctrl-N adds a row, Ctrl-X deletes one, Ctrl-O picks a
// registered medium as a row. Like FormScreen it asks the ledger as the user
// types (World.check), says what is wrong in one line and writes nothing
// until Enter, then `y`.

import CellKit
import DaichoCore
import Foundation

/// One cell of an item row.
public enum TableCell {
    case text(LineEditor)
    /// A box to tick (received / not, send / not).
    case toggle(Bool)
    /// Shown, not edited (the name of an item sent, a medium's number).
    case fixed(String)

    var isEditable: Bool { if case .fixed = self { return false }; return true }
    /// The text typed or shown; "true"/"" for a box.
    public var value: String {
        switch self {
        case .text(let e): e.text
        case .toggle(let on): on ? "true" : ""
        case .fixed(let s): s
        }
    }
    public var isTicked: Bool { if case .toggle(true) = self { return true }; return false }
    static func input(_ text: String = "", maxLength: Int = 200) -> TableCell { .text(LineEditor(text: text, maxLength: maxLength)) }
}

/// A row of the item table; `tag` says what it stands for (a medium's registration, an item's name).
public struct TableFormRow {
    public var cells: [TableCell]
    public var tag: String?
    public init(_ cells: [TableCell], tag: String? = nil) { self.cells = cells; self.tag = tag }
    /// Every cell the user types into is empty.
    var isBlank: Bool { cells.allSatisfy { if case .text(let e) = $0 { return e.text.trimmingCharacters(in: .whitespaces).isEmpty }; return true } }
}

/// Something Ctrl-O may add as a row (a registered medium).
public struct TablePick {
    public var tag: String
    /// What the list of choices shows.
    public var label: String
    public var row: TableFormRow
}

public typealias TableFormBuilder = (FormValues, [TableFormRow], World) -> Result<Effect, EffectFailure>

public struct TableFormScreen: ScreenModel {
    public enum Stop: Equatable { case field(Int), cell(Int, Int) }

    public var heading: String
    public var fields: [FormField]
    /// The table's title and columns (title, width).
    public var tableTitle: String
    public var columns: [(String, Extent)]
    public var rows: [TableFormRow]
    /// The row Ctrl-N adds; nil when the rows are fixed (ticking what was sent).
    var blankRow: TableFormRow?
    /// What Ctrl-O offers, given the rows so far; nil when nothing can be picked.
    var picks: ((World, [TableFormRow]) -> [TablePick])?
    /// The pick list while open: its filter and selection.
    public var picking: (filter: LineEditor, selected: Int, first: Int)?
    public var focus: Stop = .field(0)
    public var confirming = false
    /// Esc with unsaved input asked whether to throw it away.
    public var confirmingDiscard = false
    public var touched = false
    /// The values and rows as the form opened, to tell whether anything was typed since.
    var initial: [String]?
    /// Rows scrolled out above the table.
    var offset = 0
    var build: TableFormBuilder
    var success: String
    var pops: Int
    public var notice: String?
    /// What the values will mean, shown above the fields (e.g. the differences a receipt makes).
    public var preview: ((FormValues, [TableFormRow], World) -> (String, MessageKind)?)?
    public var scope: Scope { .form }

    public init(heading: String, fields: [FormField], tableTitle: String, columns: [(String, Extent)], rows: [TableFormRow],
                blankRow: TableFormRow? = nil, success: String, pops: Int = 1, build: @escaping TableFormBuilder) {
        self.heading = heading; self.fields = fields; self.tableTitle = tableTitle; self.columns = columns; self.rows = rows
        self.blankRow = blankRow; self.success = success; self.pops = pops; self.build = build
        focus = stops.first ?? .field(0)
    }

    var values: FormValues { FormValues(fields: fields) }
    var allValues: [String] { fields.map(\.value) + rows.flatMap { [$0.tag ?? ""] + $0.cells.map(\.value) + ["\u{1E}"] } }
    /// Something was typed, ticked, added or removed that is not recorded yet.
    public var hasUnsavedInput: Bool { initial.map { $0 != allValues } ?? false }

    /// Every place the focus can be, in Tab order.
    var stops: [Stop] {
        // A row with nothing to edit (a medium added with Ctrl-O) is still a stop, so it can be reached and removed.
        fields.indices.map { Stop.field($0) }
            + rows.enumerated().flatMap { r, row in
                let editable = row.cells.enumerated().filter { $0.element.isEditable }.map { Stop.cell(r, $0.offset) }
                return editable.isEmpty && !row.cells.isEmpty ? [Stop.cell(r, 0)] : editable
            }
    }

    public func title(_ w: World) -> String { heading }
    public func hints(_ w: World) -> [UIAction] {
        var a: [UIAction] = [.nextField, .submit]
        if blankRow != nil { a += [.addRow, .deleteRow] }
        if picks != nil { a.append(.addMedium) }
        return a
    }
    public var capturesText: Bool {
        if confirming || confirmingDiscard { return false }
        if picking != nil { return true }
        switch focus {
        case .field(let i): return fields.indices.contains(i) && fields[i].capturesText
        case .cell(let r, let c): if case .text? = rows[safe: r]?.cells[safe: c] { return true }; return false
        }
    }

    /// Why the form cannot be submitted as it stands, or nil.
    public func problem(_ w: World) -> String? {
        for f in fields where f.required && f.value.trimmingCharacters(in: .whitespaces).isEmpty {
            return w.t("\(f.label)を入力してください", "\(f.label) is required")
        }
        switch build(values, rows, w) {
        case .failure(let e): return e.message
        case .success(.record(let c)): return w.check(c)
        case .success: return nil
        }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        defer { keepInView(visible: w.bodyRows - 6 - fields.count) }
        return handleKey(key, action: action, w)
    }

    /// Scrolls the table only when the focused row would leave it (rows shown: the body
    /// less the notice, the fields, a blank, the table's title and header, and two lines below).
    mutating func keepInView(visible: Int) {
        guard visible > 0, case .cell(let r, _) = focus else { return }
        if r < offset { offset = r }
        if r >= offset + visible { offset = r - visible + 1 }
    }

    mutating func handleKey(_ key: Key, action: UIAction?, _ w: World) -> [Outcome] {
        if initial == nil { initial = allValues }
        if confirming {
            switch Answer(key) {
            case .yes:
                confirming = false
                if case .success(let e) = build(values, rows, w) { return [.perform(e, success: success, pop: pops)] }
                return []
            case .pasted: return [.message(Answer.pastedMessage(w), .warning)]
            case .no:
                confirming = false
                return [.message(w.t("取り消しました（何も記録していません）", "cancelled (nothing recorded)"), .info)]
            case .other: confirming = false
            }
        }
        if confirmingDiscard {
            switch Answer(key) {
            case .yes: return [.pop, .message(w.t("入力を破棄しました（何も記録していません）", "discarded (nothing recorded)"), .info)]
            case .pasted: return [.message(Answer.pastedMessage(w), .warning)]
            case .no: confirmingDiscard = false; return [.message(w.t("入力を続けます", "carry on"), .info)]
            case .other: confirmingDiscard = false
            }
        }
        if picking != nil { return handlePick(key, action: action, w) }
        switch action {
        case .nextField?: move(key == .down ? .down : .next); return []
        case .prevField?: move(key == .up ? .up : .previous); return []
        case .back?:
            if hasUnsavedInput { confirmingDiscard = true; return [] }
            return [.pop, .message(w.t("入力を破棄しました（何も記録していません）", "discarded (nothing recorded)"), .info)]
        case .submit?:
            touched = true
            if let p = problem(w) { return [.message(p, .error)] }
            confirming = true
            return []
        case .addRow?:
            guard let blank = blankRow else { return [] }
            let at: Int
            if case .cell(let r, _) = focus { at = r + 1 } else { at = rows.count }
            rows.insert(blank, at: at)
            focusFirstCell(of: at)
            touched = true
            return []
        case .deleteRow?:
            guard blankRow != nil, case .cell(let r, _) = focus else {
                return [.message(w.t("削除する行に移動してください（Tab・上下キー）", "move to the row to delete (Tab, Up/Down)"), .info)]
            }
            rows.remove(at: r)
            touched = true
            if rows.isEmpty { focus = .field(max(0, fields.count - 1)) } else { focusFirstCell(of: min(r, rows.count - 1)) }
            return []
        case .addMedium?:
            guard let picks else { return [] }
            if picks(w, rows).isEmpty {
                return [.message(w.t("追加できる登録媒体はありません（保管中で案件に入っていないもの）", "no registered medium to add (stored, in no case)"), .info)]
            }
            picking = (LineEditor(maxLength: 50), 0, 0)
            return []
        default: break
        }
        touched = true
        switch focus {
        case .field(let i) where fields.indices.contains(i):
            if let refused = fields[i].handle(key, w) { return [.message(refused, .error)] }
        case .cell(let r, let c) where rows.indices.contains(r) && rows[r].cells.indices.contains(c):
            switch rows[r].cells[c] {
            case .text(var e):
                let label = columns[safe: c]?.0 ?? w.t("品目", "item")
                if let refused = TextInput.edit(&e, key, label: label, w) { return [.message(refused, .error)] }
                rows[r].cells[c] = .text(e)
            case .toggle(let on):
                if key == .char(" ") || key == .char("y") || key == .char("n") { rows[r].cells[c] = .toggle(key == .char(" ") ? !on : key == .char("y")) }
            case .fixed: break
            }
        default: break
        }
        return []
    }

    enum Move { case next, previous, down, up }

    mutating func move(_ m: Move) {
        let all = stops
        guard !all.isEmpty else { return }
        // Up/Down in the table keep the column; above the first row are the fields.
        if case .cell(let r, let c) = focus, m == .down || m == .up {
            let target = m == .down ? r + 1 : r - 1
            if rows.indices.contains(target) {
                focus = rows[target].cells[safe: c]?.isEditable == true ? .cell(target, c) : (firstCell(of: target) ?? focus)
            } else if m == .up, !fields.isEmpty {
                focus = .field(fields.count - 1)
            }
            return
        }
        let i = all.firstIndex(of: focus) ?? 0
        focus = m == .next || m == .down ? all[(i + 1) % all.count] : all[(i + all.count - 1) % all.count]
    }

    func firstCell(of r: Int) -> Stop? {
        guard let row = rows[safe: r] else { return nil }
        return row.cells.firstIndex(where: \.isEditable).map { .cell(r, $0) } ?? (row.cells.isEmpty ? nil : .cell(r, 0))
    }
    mutating func focusFirstCell(of r: Int) {
        focus = firstCell(of: r) ?? stops.last ?? .field(0)
    }

    mutating func handlePick(_ key: Key, action: UIAction?, _ w: World) -> [Outcome] {
        guard var p = picking, let picks else { picking = nil; return [] }
        let shown = filtered(picks(w, rows), p.filter.text)
        switch action {
        case .back?: picking = nil; return []
        case .nextField?: p.selected = min(max(0, shown.count - 1), p.selected + 1)
        case .prevField?: p.selected = max(0, p.selected - 1)
        case .submit?, .addMedium?:
            guard shown.indices.contains(p.selected) else { return [] }
            // A blank row left for typing gives way to the medium.
            if let last = rows.last, last.isBlank, last.tag == nil { rows.removeLast() }
            rows.append(shown[p.selected].row)
            picking = nil
            touched = true
            focus = stops.last ?? focus
            return []
        default:
            let before = p.filter.text
            if let refused = TextInput.edit(&p.filter, key, label: w.t("絞込", "filter"), w) { picking = p; return [.message(refused, .error)] }
            if p.filter.text != before { p.selected = 0; p.first = 0 }
        }
        // The list scrolls only when the selection would leave it (rows: as the table's).
        let height = max(1, w.bodyRows - 6 - fields.count + 1)
        if p.selected < p.first { p.first = p.selected }
        if p.selected >= p.first + height { p.first = p.selected - height + 1 }
        picking = p
        return []
    }

    func filtered(_ all: [TablePick], _ filter: String) -> [TablePick] {
        let words = filter.lowercased().split(separator: " ")
        return all.filter { p in words.allSatisfy { p.label.lowercased().contains($0) } }
    }

    // MARK: Drawing

    public func render(into g: inout Grid, area: Rect, world w: World) {
        if let notice {
            g.put(notice, row: area.row, col: area.col, width: area.width, style: Style(role: .warning, attributes: [.bold]))
        } else if picking == nil, let preview, let (text, kind) = preview(values, rows, w) {
            g.put(text, row: area.row, col: area.col, width: area.width, style: kind == .warning ? Style(role: .warning, attributes: [.bold]) : .role(.accent))
        }
        let labelWidth = min(20, (fields.map { $0.label.displayWidth }.max() ?? 0) + 2)
        var row = area.row + 1
        for (i, f) in fields.enumerated() where row < area.bottom - 4 {
            f.render(into: &g, row: row, area: area, labelWidth: labelWidth, focused: focus == .field(i) && !confirming && picking == nil, world: w)
            row += 1
        }
        row += 1
        let tableArea = Rect(row: row, col: area.col, height: max(0, area.bottom - 2 - row), width: area.width)
        if picking != nil { renderPicks(into: &g, tableArea, w) } else { renderTable(into: &g, tableArea, w) }

        let status = area.bottom - 2
        if confirming {
            g.put(w.t("この内容で記録しますか？ (y/n)", "Record this? (y/n)"), row: status, col: area.col, width: area.width,
                  style: Style(role: .warning, attributes: [.bold]))
        } else if confirmingDiscard {
            g.put(w.t("入力した内容を破棄しますか？ (y/n)", "Throw away what was typed? (y/n)"), row: status, col: area.col, width: area.width,
                  style: Style(role: .warning, attributes: [.bold]))
        } else if let p = problem(w) {
            g.put(touched ? "! " + p : p, row: status, col: area.col, width: area.width, style: touched ? .role(.error) : .role(.muted))
        } else {
            g.put(w.t("入力に問題はありません。Enter で確認します", "Ready: Enter to confirm"), row: status, col: area.col, width: area.width, style: .role(.ok))
        }
        let help = picking != nil
            ? w.t("上下キーで選択、Enter で追加、文字を打つと絞込、Esc で戻る", "Up/Down choose, Enter adds, type to filter, Esc back")
            : w.t("* は必須。Tab 項目移動、上下 行移動、Space チェック・選択、Esc 破棄", "* required. Tab next, Up/Down rows, Space tick/choose, Esc discard")
        g.put(help, row: status + 1, col: area.col, width: area.width, style: .role(.muted))
    }

    func renderTable(into g: inout Grid, _ area: Rect, _ w: World) {
        guard area.height >= 2 else { return }
        g.put(tableTitle + w.t("（\(rows.count)行）", " (\(rows.count))"), row: area.row, col: area.col, width: area.width,
              style: Style(role: .header, attributes: [.bold]))
        let gutter = 4
        let body = Rect(row: area.row + 1, col: area.col + gutter, height: area.height - 1, width: area.width - gutter)
        let cells = body.line(0).columns(columns.map(\.1), spacing: 1)
        let header = Style(role: .header, attributes: [.bold])
        g.fill(Rect(row: body.row, col: area.col, height: 1, width: area.width), style: header)
        for ((title, _), cell) in zip(columns, cells) { g.put(title, in: cell, style: header) }
        let visible = body.height - 1
        guard visible > 0 else { return }
        if rows.isEmpty {
            g.put(w.t("品目がありません", "no rows") + (blankRow != nil ? w.t("（Ctrl-N で追加）", " (Ctrl-N adds one)") : ""),
                  row: body.row + 1, col: area.col + 2, width: area.width - 2, style: .role(.muted))
            return
        }
        // The focused row stays in view.
        var first = min(offset, max(0, rows.count - visible))
        if case .cell(let r, _) = focus {
            if r < first { first = r }
            if r >= first + visible { first = r - visible + 1 }
        }
        for (line, r) in (first..<min(rows.count, first + visible)).enumerated() {
            let y = body.row + 1 + line
            var focusedCol: Int?
            if case .cell(r, let c) = focus, !confirming { focusedCol = c }
            let number = String(r + 1)
            g.put((focusedCol != nil ? ">" : " ") + String(repeating: " ", count: max(0, 2 - number.count)) + number,
                  row: y, col: area.col, width: gutter, style: focusedCol != nil ? Style(role: .accent, attributes: [.bold]) : .role(.muted))
            // A row whose box is unticked is left out: its values are dimmed.
            let left = rows[r].cells.first.map { if case .toggle(false) = $0 { return true }; return false } ?? false
            for (c, cell) in rows[r].cells.enumerated() where c < cells.count {
                let rect = Rect(row: y, col: cells[c].col, height: 1, width: cells[c].width)
                let focused = focusedCol == c
                switch cell {
                case .text(var e):
                    if !focused { e.moveHome(); e.scrollToCursor(width: rect.width) }
                    g.render(TextField(e, isFocused: focused, style: Style(role: left ? .muted : .normal, attributes: [.underline])), in: rect)
                case .toggle(let on):
                    g.put(on ? "[x]" : "[ ]", row: y, col: rect.col, width: rect.width, style: focused ? .role(.selected) : .plain)
                case .fixed(let s):
                    g.put(Table.fit(s, width: rect.width), in: rect, style: left ? .role(.muted) : .plain)
                }
            }
        }
        if rows.count > first + visible || first > 0 {
            let more = w.t("（\(first + 1)〜\(min(rows.count, first + visible))行目／全\(rows.count)行）", "(rows \(first + 1)-\(min(rows.count, first + visible)) of \(rows.count))")
            g.put(more, row: area.row, col: area.right - more.displayWidth, style: .role(.muted))
        }
    }

    func renderPicks(into g: inout Grid, _ area: Rect, _ w: World) {
        guard let p = picking, let picks, area.height >= 2 else { return }
        let shown = filtered(picks(w, rows), p.filter.text)
        g.put(w.t("登録媒体を選ぶ（保管中）  絞込: ", "Pick a medium (stored)  filter: ") + p.filter.text + "_",
              row: area.row, col: area.col, width: area.width, style: Style(role: .header, attributes: [.bold]))
        let height = area.height - 1
        var first = p.first
        if p.selected < first { first = p.selected }
        if p.selected >= first + height { first = p.selected - height + 1 }
        if shown.isEmpty {
            g.put(w.t("  条件に合う媒体はありません", "  no medium matches"), row: area.row + 1, col: area.col, width: area.width, style: .role(.muted))
        }
        for (line, i) in (first..<min(shown.count, first + height)).enumerated() {
            let style: Style = i == p.selected ? .role(.selected) : .plain
            g.fill(Rect(row: area.row + 1 + line, col: area.col, height: 1, width: area.width), style: style)
            g.put("  " + shown[i].label, row: area.row + 1 + line, col: area.col, width: area.width, style: style)
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

/// Reads an optional calendar day (ISO or 令和); an error names the field.
func dayValue(_ s: String?, _ w: World, label: String) -> Result<Day?, EffectFailure> {
    guard let s, !s.trimmingCharacters(in: .whitespaces).isEmpty else { return .success(nil) }
    guard let d = Day(s) else {
        return .failure(EffectFailure(w.t("\(label)「\(s)」は日付として読めません（例 2026-11-25、R8.11.25）",
                                          "\(label) '\(s)' is not a date (e.g. 2026-11-25 / R8.11.25)")))
    }
    return .success(d)
}
