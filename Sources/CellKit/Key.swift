/// A key press, as the terminal adapter decodes it.
///
/// Keys with a name of their own are never reported as ``ctrl(_:)``: Ctrl-I
/// is ``tab``, Ctrl-M and Ctrl-J are ``enter``, Ctrl-H is ``backspace`` and
/// Ctrl-[ is ``escape``. ``normalized`` applies the same rules to keys built
/// by hand, and ``Keymap`` normalizes every key it is given.
public enum Key: Hashable, Sendable {
    /// A printable character (possibly wide, possibly from an input method).
    case char(Character)
    /// A control key: a lowercase letter, or one of `@ \ ] ^ _` (Ctrl-C is
    /// `.ctrl("c")`).
    case ctrl(Character)
    /// Alt (Meta) with a character, which terminals send as Esc + character.
    case alt(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Insert.
    case insert
    /// Delete (forward).
    case delete
    /// Backspace (DEL, ^H or the terminal's backspace key).
    case backspace
    /// Enter or Return.
    case enter
    /// Escape.
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Function key F*n*.
    case function(Int)
    /// The terminal changed size; redraw at the new size.
    case resize
    /// A key code the decoder does not know, or an escape sequence it
    /// swallowed whole (code -1).
    case unknown(Int)
    /// Text the terminal pasted (bracketed paste): never keys, so a line
    /// break in it is not Enter and a letter in it answers no question.
    /// Line breaks arrive as "\n".
    case paste(String)

    /// The key with hand-built spellings reduced to the decoder's:
    /// `.ctrl("C")` becomes `.ctrl("c")`, `.ctrl("i")` becomes ``tab``,
    /// `.char("\t")` becomes ``tab``, `.char("\r")` becomes ``enter``.
    public var normalized: Key {
        switch self {
        case .ctrl(let character):
            let lower = Character(character.lowercased())
            switch lower {
            case "i": return .tab
            case "m", "j": return .enter
            case "h": return .backspace
            case "[": return .escape
            default: return .ctrl(lower)
            }
        case .char(let character):
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 {
                return Key.decode(code: scalar.value) ?? self
            }
            if character == "\r\n" { return .enter }
            return self
        default:
            return self
        }
    }

    /// Decodes one ordinary (non-function-key) character code, as delivered
    /// by curses `get_wch`: 9 is ``tab``, 10 and 13 ``enter``, 27
    /// ``escape``, 8 and 127 ``backspace``, 0 `^@`, 1–26 `.ctrl("a")`–
    /// `.ctrl("z")`, 28–31 `^\ ^] ^^ ^_`, printable scalars ``char(_:)``.
    /// C1 controls and other unprintable codes become ``unknown(_:)``;
    /// nil only for a value that is not a Unicode scalar.
    public static func decode(code: UInt32) -> Key? {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl("@")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(0x40 + code))))
        case 0x80...0x9F: return .unknown(Int(code))
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            if TerminalText.needsEscape(scalar) {
                return .unknown(Int(code))
            }
            return .char(Character(scalar))
        }
    }

    /// A short label for help screens and key-hint bars, in ASCII apart from
    /// the character of a ``char(_:)`` key: "Up", "PgUp", "Enter", "Esc",
    /// "Tab", "S-Tab", "F1", "^C", "M-x", "Space".
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let character): String(character).sanitizedForTerminal
        case .ctrl(let character): "^" + character.uppercased()
        case .alt(" "): "M-Space"
        case .alt(let character): "M-" + String(character).sanitizedForTerminal
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .insert: "Ins"
        case .delete: "Del"
        case .backspace: "BS"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .function(let number): "F\(number)"
        case .resize: "Resize"
        case .unknown(let code): code < 0 ? "Esc-seq" : "Key\(code)"
        case .paste: "Paste"
        }
    }
}

extension Key: CustomStringConvertible {
    /// The key's ``label``.
    public var description: String { label }
}

extension Key {
    /// Decodes what a terminal sent after Esc when curses did not recognise
    /// it as a key: `body` is everything after the Esc (`[1~`, `OH`, `[31m`).
    /// Known sequences become their key (Home and End in their several
    /// spellings, the arrows, Insert, Delete, PgUp, PgDn, Shift-Tab, F1–F12);
    /// any other sequence is ``unknown(_:)`` with code -1, so that it is
    /// swallowed whole instead of leaving its tail (`31m`, `1~`) in a field.
    /// `[200~` is the start of a bracketed paste (``pasteStartSequence``).
    public static func decodeEscapeSequence(_ body: String) -> Key {
        switch body {
        case "[A", "OA": return .up
        case "[B", "OB": return .down
        case "[C", "OC": return .right
        case "[D", "OD": return .left
        case "[H", "OH", "[1~", "[7~": return .home
        case "[F", "OF", "[4~", "[8~": return .end
        case "[2~": return .insert
        case "[3~": return .delete
        case "[5~": return .pageUp
        case "[6~": return .pageDown
        case "[Z": return .backTab
        case "OP", "[11~": return .function(1)
        case "OQ", "[12~": return .function(2)
        case "OR", "[13~": return .function(3)
        case "OS", "[14~": return .function(4)
        case "[15~": return .function(5)
        case "[17~": return .function(6)
        case "[18~": return .function(7)
        case "[19~": return .function(8)
        case "[20~": return .function(9)
        case "[21~": return .function(10)
        case "[23~": return .function(11)
        case "[24~": return .function(12)
        case "OM": return .enter
        default: return .unknown(-1)
        }
    }

    /// What follows Esc at the start of a bracketed paste.
    public static let pasteStartSequence = "[200~"
    /// What follows Esc at the end of a bracketed paste.
    public static let pasteEndSequence = "[201~"

    /// Whether `body` (the characters after Esc so far) is a complete escape
    /// sequence: a CSI (`[` parameters, intermediates, one final byte
    /// 0x40–0x7E), an SS3 (`O` and one character), or too long to be one
    /// (32 characters), in which case it is swallowed as it stands.
    public static func escapeSequenceIsComplete(_ body: String) -> Bool {
        let scalars = Array(body.unicodeScalars)
        guard let first = scalars.first else { return false }
        if scalars.count >= 32 { return true }
        switch first {
        case "[":
            guard scalars.count > 1, let last = scalars.last else { return false }
            return (0x40...0x7E).contains(last.value)
        case "O":
            return scalars.count >= 2
        default:
            return true
        }
    }
}
