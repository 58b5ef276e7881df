// Text typed or pasted into a field, and the answers to a question (record?
// discard? quit?): the rules every form, filter and the `:` line share.
// Text is refused, never cut: a field full to its limit says so, a paste that
// would not fit is not pasted at all, and a paste with a line break goes into
// no one-line field (it is never Enter). A paste answers no question.

import CellKit
import DaichoCore
import Foundation

enum TextInput {
    /// Applies a key (or a paste) to a one-line field. Returns nil when the key was taken
    /// (or meant nothing to the field), else the refusal to show; the field is then unchanged.
    static func edit(_ editor: inout LineEditor, _ key: Key, label: String, _ w: World) -> String? {
        switch key {
        case .paste(let text):
            if text.contains(where: \.isNewline) {
                return w.t("貼り付けた文字に改行があります。\(label)は1行の項目なので貼り付けていません",
                           "the pasted text has a line break; \(label) is one line, so nothing was pasted")
            }
            if !editor.insertWhole(text) {
                let n = LineEditor.cleanedCount(text), limit = editor.maxLength ?? 0
                return w.t("\(label)は\(limit)文字までです。貼り付ける文字（\(n)文字）が入りきらないため貼り付けていません",
                           "\(label) takes up to \(limit) characters; the paste (\(n)) does not fit, so nothing was pasted")
            }
            return nil
        case .char:
            if editor.isFull, let limit = editor.maxLength {
                return w.t("\(label)は\(limit)文字までです（これ以上入力できません）", "\(label) takes up to \(limit) characters (no more can be typed)")
            }
            editor.handle(key)
            return nil
        default:
            editor.handle(key)
            return nil
        }
    }

    /// "123/500" once a field of 50 characters or more is near its limit (the last fifth, at least 20), else nil.
    static func counter(_ editor: LineEditor) -> String? {
        // Short fields (a number of days, a login) show their width instead.
        guard let limit = editor.maxLength, limit >= 50 else { return nil }
        let n = editor.characters.count
        guard n >= limit - max(20, limit / 5) else { return nil }
        return "\(n)/\(limit)"
    }
}

/// How a key answers a yes/no question on screen.
enum Answer: Equatable {
    /// `y`: do it.
    case yes
    /// `n` or Esc: do not; the question is closed.
    case no
    /// A paste: no answer; the question stays.
    case pasted
    /// Any other key: the question is closed (nothing done) and the key does what it
    /// does without the question, so it is not swallowed.
    case other

    init(_ key: Key) {
        switch key {
        case .char("y"), .char("Y"): self = .yes
        case .char("n"), .char("N"), .escape: self = .no
        case .paste: self = .pasted
        default: self = .other
        }
    }

    static func pastedMessage(_ w: World) -> String {
        w.t("貼り付けは回答になりません。y か n を押してください", "a paste is no answer: press y or n")
    }
}
