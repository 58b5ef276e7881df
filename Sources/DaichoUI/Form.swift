// A form: labelled fields (text, date, choice, toggle) moved through with
// Tab / Shift-Tab. It validates as the user types by asking the ledger
// whether it would accept the command (World.check), shows the reason in one
// line, and writes nothing until the user confirms.

import CellKit
import DaichoCore
import Foundation

/// One field of a form.
public struct FormField {
    public enum Kind {
        case text
        /// A date or time typed as ISO 8601.
        case date
        /// A calendar day: ISO (2026-11-25) or 令和 (令和8年11月25日, R8.11.25).
        case day
        /// One of several values; Space or Left/Right cycles.
        case choice([(value: String, label: String)])
        /// Yes or no; Space toggles.
        case toggle
    }
    public var id: String
    public var label: String
    public var kind: Kind
    public var editor: LineEditor
    public var choice = 0
    public var on = false
    public var required: Bool

    /// A field whose id names a ledger field (`note`, `location`, …) takes that field's limit
    /// unless `maxLength` says otherwise, so the form refuses exactly what the ledger would.
    public init(_ id: String, _ label: String, _ kind: Kind = .text, required: Bool = false, text: String = "", maxLength: Int? = nil) {
        self.id = id; self.label = label; self.kind = kind; self.required = required
        self.editor = LineEditor(text: text, maxLength: maxLength ?? Field(rawValue: id)?.maxLength ?? 500)
    }

    /// The value as text: the typed text, the chosen value, or "true"/"" for a toggle.
    public var value: String {
        switch kind {
        case .text, .date, .day: editor.text
        case .choice(let options): options.isEmpty ? "" : options[choice].value
        case .toggle: on ? "true" : ""
        }
    }
    var capturesText: Bool {
        switch kind { case .text, .date, .day: true; default: false }
    }

    /// A key typed (or text pasted) while this field has the focus; the refusal to show when
    /// the field did not take it (full, or a paste that does not fit or has a line break).
    @discardableResult
    mutating func handle(_ key: Key, _ w: World) -> String? {
        if case .paste = key, !capturesText {
            return w.t("\(label)は選ぶ項目です（Space・左右キー）。貼り付けていません", "\(label) is chosen (Space, Left/Right), not typed: nothing was pasted")
        }
        switch kind {
        case .text, .date, .day: return TextInput.edit(&editor, key, label: label, w)
        case .choice(let options):
            if key == .char(" ") || key == .right { choice = (choice + 1) % options.count }
            if key == .left { choice = (choice + options.count - 1) % options.count }
        case .toggle:
            if key == .char(" ") || key == .char("y") || key == .char("n") { on = key == .char(" ") ? !on : key == .char("y") }
        }
        return nil
    }

    /// The field on one row: its label (with `>` when focused, `*` when required), then its value.
    func render(into g: inout Grid, row: Int, area: Rect, labelWidth: Int, focused: Bool, world w: World) {
        let f = self
        let mark = f.required ? "*" : " "
        g.put((focused ? ">" : " ") + mark + f.label, row: row, col: area.col, width: labelWidth + 2,
              style: focused ? Style(role: .accent, attributes: [.bold]) : .plain)
        var fieldRect = Rect(row: row, col: area.col + labelWidth + 3, height: 1, width: max(10, area.width - labelWidth - 4))
        switch f.kind {
        case .text, .date, .day:
            // Near its limit a field shows how much it holds: it refuses more, it never cuts.
            if let count = TextInput.counter(f.editor) {
                let full = f.editor.isFull
                fieldRect.width = max(1, fieldRect.width - count.displayWidth - 1)
                g.put(count, row: row, col: fieldRect.right + 1, style: full ? Style(role: .warning, attributes: [.bold]) : .role(.muted))
            }
            // A field without the focus shows the start of its value, not the part around the cursor.
            var editor = f.editor
            if !focused { editor.moveHome(); editor.scrollToCursor(width: fieldRect.width) }
            g.render(TextField(editor, isFocused: focused), in: fieldRect)
            if f.kind.isDate && !focused && f.editor.isEmpty {
                g.put(w.t("例 2026-12-01 / 2026-12-01T17:00", "e.g. 2026-12-01 / 2026-12-01T17:00"), in: fieldRect, style: .role(.muted))
            }
            if case .day = f.kind, !focused, f.editor.isEmpty {
                g.put(w.t("今日（例 2026-11-25 / 令和8年11月25日）", "today (e.g. 2026-11-25 / R8.11.25)"), in: fieldRect, style: .role(.muted))
            }
        case .choice(let options):
            let all = options.enumerated().map { j, o in j == f.choice ? "[" + o.label + "]" : " " + o.label + " " }
            if all.joined().displayWidth <= fieldRect.width {
                var col = fieldRect.col
                for (j, text) in all.enumerated() {
                    let chosen = j == f.choice
                    col = g.put(text, row: row, col: col,
                                style: chosen ? Style(role: focused ? .selected : .accent, attributes: [.bold]) : .role(.muted))
                }
            } else {
                // Too many to show at once: the chosen one, with where it is in the list.
                let col = g.put("< " + options[f.choice].label + " >", row: row, col: fieldRect.col,
                                style: Style(role: focused ? .selected : .accent, attributes: [.bold]))
                g.put(" \(f.choice + 1)/\(options.count)  " + w.t("Space・左右キーで選択", "Space/Left/Right to choose"),
                      row: row, col: col, width: fieldRect.right - col, style: .role(.muted))
            }
        case .toggle:
            g.put(f.on ? w.t("[x] はい", "[x] yes") : w.t("[ ] いいえ", "[ ] no"), row: row, col: fieldRect.col,
                  style: focused ? .role(.selected) : .plain)
        }
    }
}

/// The values of a form by field id.
public struct FormValues {
    var fields: [FormField]
    public subscript(_ id: String) -> String { fields.first { $0.id == id }?.value ?? "" }
    public func optional(_ id: String) -> String? {
        let v = self[id].trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }
    public func flag(_ id: String) -> Bool { self[id] == "true" }
}

/// Builds the effect a form submits, or says what is wrong.
public typealias FormBuilder = (FormValues, World) -> Result<Effect, EffectFailure>

public struct FormScreen: ScreenModel {
    public var heading: String
    public var fields: [FormField]
    public var focus = 0
    public var confirming = false
    /// Esc with unsaved input asked whether to throw it away.
    public var confirmingDiscard = false
    /// Something was typed or submit was tried: until then a missing field is a hint, not an error.
    public var touched = false
    /// The values as the form opened, to tell whether anything was typed since.
    var initial: [String]?
    var build: FormBuilder
    var success: String
    var pops: Int
    /// A reminder shown above the fields that does not block (e.g. no virus check on record).
    public var notice: String?
    /// What the values will mean, shown above the fields as they are typed (e.g. the due day).
    public var preview: ((FormValues, World) -> String?)?
    public var scope: Scope { .form }
    /// The last check and its verdict, shared by copies of the form (drawn on every key).
    let memo = CheckMemo()

    public init(heading: String, fields: [FormField], success: String, pops: Int = 1, build: @escaping FormBuilder) {
        self.heading = heading; self.fields = fields; self.success = success; self.pops = pops; self.build = build
    }

    public func title(_ w: World) -> String { heading }
    public func hints(_ w: World) -> [UIAction] { fields.count > 1 ? [.nextField, .submit] : [.submit] }
    public var capturesText: Bool { !confirming && !confirmingDiscard && fields.indices.contains(focus) && fields[focus].capturesText }
    var values: FormValues { FormValues(fields: fields) }
    /// Something was typed or chosen that is not recorded yet.
    public var hasUnsavedInput: Bool { initial.map { $0 != fields.map(\.value) } ?? false }

    /// Why the form cannot be submitted as it stands, or nil.
    public func problem(_ w: World) -> String? {
        for f in fields where f.required && f.value.trimmingCharacters(in: .whitespaces).isEmpty {
            return w.t("\(f.label)を入力してください", "\(f.label) is required")
        }
        switch build(values, w) {
        case .failure(let e): return e.message
        case .success(.record(let c)): return memo.check(c, w)
        case .success: return nil
        }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world: World) -> [Outcome] {
        if initial == nil { initial = fields.map(\.value) }
        if confirming {
            switch Answer(key) {
            case .yes:
                confirming = false
                if case .success(let e) = build(values, world) { return [.perform(e, success: success, pop: pops)] }
                return []
            case .pasted: return [.message(Answer.pastedMessage(world), .warning)]
            case .no:
                confirming = false
                return [.message(world.t("取り消しました（何も記録していません）", "cancelled (nothing recorded)"), .info)]
            case .other:
                // The question is closed and the key does what it does in the form.
                confirming = false
            }
        }
        if confirmingDiscard {
            switch Answer(key) {
            case .yes: return [.pop, .message(world.t("入力を破棄しました（何も記録していません）", "discarded (nothing recorded)"), .info)]
            case .pasted: return [.message(Answer.pastedMessage(world), .warning)]
            case .no: confirmingDiscard = false; return [.message(world.t("入力を続けます", "carry on"), .info)]
            case .other: confirmingDiscard = false
            }
        }
        switch action {
        case .nextField?: focus = fields.isEmpty ? 0 : (focus + 1) % fields.count; return []
        case .prevField?: focus = fields.isEmpty ? 0 : (focus + fields.count - 1) % fields.count; return []
        case .back?:
            if hasUnsavedInput {
                confirmingDiscard = true
                return []
            }
            return [.pop, .message(world.t("入力を破棄しました（何も記録していません）", "discarded (nothing recorded)"), .info)]
        case .submit?:
            touched = true
            if let p = problem(world) { return [.message(p, .error)] }
            confirming = true
            return []
        default: break
        }
        guard fields.indices.contains(focus) else { return [] }
        touched = true
        if let refused = fields[focus].handle(key, world) { return [.message(refused, .error)] }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let labelWidth = min(20, (fields.map { $0.label.displayWidth }.max() ?? 0) + 2)
        if let notice {
            g.put(notice, row: area.row, col: area.col, width: area.width, style: Style(role: .warning, attributes: [.bold]))
        } else if let preview, let text = preview(values, w) {
            g.put(text, row: area.row, col: area.col, width: area.width, style: .role(.accent))
        }
        var row = area.row + 1
        for (i, f) in fields.enumerated() where row < area.bottom - 3 {
            f.render(into: &g, row: row, area: area, labelWidth: labelWidth, focused: i == focus && !confirming, world: w)
            row += 1
        }
        let status = area.bottom - 2
        if confirming {
            g.put(w.t("この内容で記録しますか？ (y/n)", "Record this? (y/n)"), row: status, col: area.col, width: area.width,
                  style: Style(role: .warning, attributes: [.bold]))
        } else if confirmingDiscard {
            g.put(w.t("入力した内容を破棄しますか？ (y/n)", "Throw away what was typed? (y/n)"), row: status, col: area.col, width: area.width,
                  style: Style(role: .warning, attributes: [.bold]))
        } else if let p = problem(w) {
            if touched {
                g.put("! " + p, row: status, col: area.col, width: area.width, style: .role(.error))
            } else {
                g.put(p, row: status, col: area.col, width: area.width, style: .role(.muted))
            }
        } else {
            g.put(w.t("入力に問題はありません。Enter で確認します", "Ready: Enter to confirm"), row: status, col: area.col, width: area.width, style: .role(.ok))
        }
        if !fields.isEmpty {
            g.put(w.t("* は必須。Tab/Shift-Tab 項目移動、Space 選択、Esc 破棄", "* required. Tab/Shift-Tab move, Space choose, Esc discard"),
                  row: status + 1, col: area.col, width: area.width, style: .role(.muted))
        }
    }
}

extension FormField.Kind {
    var isDate: Bool { if case .date = self { return true }; return false }
}

/// Reads an optional date field; an error names the field by its label (終了予定, 期限 …).
func dateValue(_ s: String?, _ w: World, label: String? = nil, endOfDay: Bool = true) -> Result<Date?, EffectFailure> {
    guard let s, !s.isEmpty else { return .success(nil) }
    do { return .success(try DateInput.parse(s, timeZone: w.timeZone, endOfDay: endOfDay)) } catch {
        let name = label ?? w.t("日時", "date")
        return .failure(EffectFailure(w.t("\(name)「\(s)」は日付として読めません（例 2026-12-01T17:00）",
                                          "\(name) '\(s)' is not a date (e.g. 2026-12-01T17:00)")))
    }
}

/// A form asks the ledger whether its command would be accepted each time it is drawn, and
/// some answers fold the whole journal again (approving a correction, Corrections.swift): the
/// same command, by the same person, on the same journal head, in the same minute, has the same
/// answer, so it is asked once. A decision's comment is only text, checked last by every kind
/// of decision: the rest is asked once while the comment is typed, the comment checked alone.
/// (What is written is decided again under the lock, Session.swift.)
final class CheckMemo: @unchecked Sendable {
    private struct Key: Equatable { var command: Command; var head: String; var actor: String; var minute: Int; var lang: Lang }
    private let lock = NSLock()
    private var last: (key: Key, verdict: String?)?

    func check(_ c: Command, _ w: World) -> String? {
        if case let .approve(id, confirmed, comment?) = c {
            if let why = memoized(.approve(request: id, confirmed: confirmed, comment: nil), w) { return why }
            do { _ = try FieldText.optional(comment, .comment); return nil } catch { return error.message(w.lang) }
        }
        return memoized(c, w)
    }

    private func memoized(_ c: Command, _ w: World) -> String? {
        let key = Key(command: c, head: w.headHash, actor: w.actor.login, minute: Int(w.now.timeIntervalSince1970 / 60), lang: w.lang)
        lock.lock()
        if let last, last.key == key { lock.unlock(); return last.verdict }
        lock.unlock()
        let verdict = w.check(c)
        lock.lock(); last = (key, verdict); lock.unlock()
        return verdict
    }
}
