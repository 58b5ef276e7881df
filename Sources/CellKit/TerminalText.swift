import CWidth

/// One terminal cell's worth of text: a printable character and the number
/// of columns (1 or 2) it takes.
///
/// A glyph is one spacing scalar followed by at most four zero-width scalars
/// (combining marks, variation selectors, joiners), the most a curses
/// `cchar_t` holds.
public struct Glyph: Hashable, Sendable {
    /// The character drawn in the glyph's first column.
    public let character: Character
    /// 1 for narrow, 2 for wide characters.
    public let width: Int

    /// A space, one column wide.
    public static let space = Glyph(uncheckedCharacter: " ", width: 1)

    init(uncheckedCharacter character: Character, width: Int) {
        self.character = character
        self.width = width
    }
}

/// Horizontal alignment of text inside a fixed width.
public enum Alignment: Hashable, Sendable {
    /// Text starts at the left edge.
    case left
    /// Text ends at the right edge.
    case right
    /// Text is centred; an odd leftover column goes to the right.
    case center
}

/// Measuring and cleaning text for a terminal grid.
///
/// ## Width
/// The width of text is what `wcwidth(3)` says for each Unicode scalar in the
/// current locale, because that is what ncurses uses to move its cursor. The
/// process locale must therefore be UTF-8 (see ``TextLocale``): in the C
/// locale every non-ASCII scalar is unprintable.
///
/// Text is cut into ``Glyph``s: every scalar of positive width starts a new
/// glyph and zero-width scalars attach to the glyph before them (up to four).
/// A grapheme cluster made only of zero-width scalars (a lone combining mark,
/// a zero-width space) occupies no cell and is dropped. A cluster with several
/// spacing scalars (an emoji ZWJ sequence) becomes several glyphs, exactly as
/// curses would place it. A scalar the locale calls unprintable that is not a
/// control character (for example an unassigned code point) is drawn as `?`.
///
/// ## Sanitizing
/// Text from the ledger is data, never terminal commands. ``sanitize(_:)``
/// replaces every character that could change the terminal's state or the
/// direction of text with visible, harmless ASCII:
///
/// | input | output |
/// | --- | --- |
/// | TAB (U+0009) | one space |
/// | other C0 controls U+0000–U+001F | caret notation: ESC → `^[`, LF → `^J`, NUL → `^@` |
/// | DEL (U+007F) | `^?` |
/// | C1 controls U+0080–U+009F | `<U+009B>` (the code point) |
/// | bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 | `<U+202E>` |
/// | line and paragraph separators U+2028, U+2029 | `<U+2028>` |
///
/// The output contains only printable text, so sanitizing is idempotent.
/// Every ``Grid`` write sanitizes, so nothing raw can reach the terminal.
public enum TerminalText {
    /// Replaces control and bidi-control characters with visible ASCII (see
    /// the table above). Other text is returned unchanged.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else {
            return text
        }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether `scalar` is one that ``sanitize(_:)`` replaces.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x09:
            return " "
        case 0x00...0x1F:
            return "^" + String(Unicode.Scalar(UInt8(scalar.value + 0x40)))
        case 0x7F:
            return "^?"
        default:
            return "<" + codePoint(scalar) + ">"
        }
    }

    /// `U+XXXX` for a scalar, at least four hex digits.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The column width `wcwidth(3)` gives `scalar` in the current locale:
    /// 0, 1, 2, or -1 for unprintable. Printable ASCII is 1 without a call.
    public static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value >= 0x20 && scalar.value < 0x7F {
            return 1
        }
        return Int(daicho_wcwidth(Int32(bitPattern: scalar.value)))
    }

    /// The most zero-width scalars that can follow a glyph's base scalar.
    public static let maximumCombiningScalars = 4

    /// Sanitizes `text` and cuts it into glyphs (see the discussion above).
    public static func glyphs(_ text: String) -> [Glyph] {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(text.utf8.count)
        for character in sanitize(text) {
            appendGlyphs(of: character, to: &glyphs)
        }
        return glyphs
    }

    /// The glyphs of one character, which may be none (zero width), one, or
    /// several (a cluster with several spacing scalars).
    public static func glyphs(of character: Character) -> [Glyph] {
        var glyphs: [Glyph] = []
        for sanitized in sanitize(String(character)) {
            appendGlyphs(of: sanitized, to: &glyphs)
        }
        return glyphs
    }

    /// The number of columns `text` takes once sanitized.
    public static func width(of text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text.utf8.count
        }
        return glyphs(text).reduce(0) { $0 + $1.width }
    }

    private static func appendGlyphs(of character: Character, to glyphs: inout [Glyph]) {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first {
            let width = scalarWidth(only)
            if width > 0 {
                glyphs.append(Glyph(uncheckedCharacter: character, width: min(width, 2)))
            } else if width < 0 {
                glyphs.append(Glyph(uncheckedCharacter: "?", width: 1))
            }
            return
        }
        var base: Unicode.Scalar?
        var baseWidth = 0
        var marks: [Unicode.Scalar] = []
        func flush() {
            guard let base else { return }
            glyphs.append(makeGlyph(base: base, width: baseWidth, marks: marks))
        }
        for scalar in scalars {
            let width = scalarWidth(scalar)
            if width == 0 {
                if base != nil && marks.count < maximumCombiningScalars {
                    marks.append(scalar)
                }
            } else {
                flush()
                if width < 0 {
                    base = "?"
                    baseWidth = 1
                } else {
                    base = scalar
                    baseWidth = min(width, 2)
                }
                marks = []
            }
        }
        flush()
    }

    private static func makeGlyph(base: Unicode.Scalar, width: Int, marks: [Unicode.Scalar]) -> Glyph {
        var view = String.UnicodeScalarView()
        view.append(base)
        view.append(contentsOf: marks)
        let combined = String(view)
        if combined.count == 1, let character = combined.first {
            return Glyph(uncheckedCharacter: character, width: width)
        }
        return Glyph(uncheckedCharacter: Character(base), width: width)
    }

    /// Cuts `text` to at most `width` columns without splitting a wide
    /// character. When a wide character would straddle the limit, a space
    /// takes its first column, so text that was too wide comes back exactly
    /// `width` columns wide. The result is sanitized.
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        let limit = max(0, width)
        var result = String.UnicodeScalarView()
        var used = 0
        for glyph in glyphs(text) {
            if used + glyph.width > limit {
                if used < limit {
                    result.append(" ")
                }
                break
            }
            result.append(contentsOf: glyph.character.unicodeScalars)
            used += glyph.width
        }
        return String(result)
    }

    /// Like ``truncate(_:toWidth:)``, but when text is cut, `ellipsis` (for
    /// example `"~"` or `".."`; avoid the ambiguous-width `…`) ends the result.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String) -> String {
        let limit = max(0, width)
        guard self.width(of: text) > limit else {
            return sanitize(text)
        }
        let markWidth = self.width(of: ellipsis)
        guard markWidth <= limit else {
            return truncate(ellipsis, toWidth: limit)
        }
        // The mark follows the last character that fits; the column a straddling wide
        // character leaves goes after the mark, so the result is still `width` wide.
        var cut = truncate(text, toWidth: limit - markWidth)
        var gap = ""
        while cut.hasSuffix(" ") && self.width(of: cut) == limit - markWidth && !text.hasPrefix(cut) {
            cut.removeLast(); gap += " "
        }
        return cut + sanitize(ellipsis) + gap
    }

    /// Fits `text` into exactly `width` columns: cut as in
    /// ``truncate(_:toWidth:)`` when too wide, otherwise padded with spaces
    /// according to `alignment`. The result is sanitized.
    public static func pad(_ text: String, toWidth width: Int, alignment: Alignment = .left) -> String {
        let limit = max(0, width)
        let cut = truncate(text, toWidth: limit)
        let room = limit - self.width(of: cut)
        guard room > 0 else {
            return cut
        }
        switch alignment {
        case .left:
            return cut + String(repeating: " ", count: room)
        case .right:
            return String(repeating: " ", count: room) + cut
        case .center:
            let left = room / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: room - left)
        }
    }
}

extension String {
    /// The number of terminal columns this text takes once sanitized (see
    /// ``TerminalText``). Wide CJK characters count 2, combining marks 0.
    public var displayWidth: Int {
        TerminalText.width(of: self)
    }

    /// This text with control and bidi-control characters made visible and
    /// harmless (see ``TerminalText/sanitize(_:)``).
    public var sanitizedForTerminal: String {
        TerminalText.sanitize(self)
    }

    /// This text cut to at most `width` columns, never splitting a wide
    /// character (see ``TerminalText/truncate(_:toWidth:)``).
    public func truncated(toWidth width: Int) -> String {
        TerminalText.truncate(self, toWidth: width)
    }

    /// This text cut to at most `width` columns, ending with `ellipsis` when
    /// something was cut (see ``TerminalText/truncate(_:toWidth:ellipsis:)``).
    public func truncated(toWidth width: Int, ellipsis: String) -> String {
        TerminalText.truncate(self, toWidth: width, ellipsis: ellipsis)
    }

    /// This text in exactly `width` columns, cut or padded with spaces (see
    /// ``TerminalText/pad(_:toWidth:alignment:)``).
    public func padded(toWidth width: Int, alignment: Alignment = .left) -> String {
        TerminalText.pad(self, toWidth: width, alignment: alignment)
    }
}

extension Character {
    /// The number of terminal columns this character takes once sanitized:
    /// usually 1 or 2; 0 for a lone zero-width character; more for a cluster
    /// that curses draws as several characters (an emoji ZWJ sequence) or
    /// that sanitizing spells out (`ESC` is `^[`, 2 columns).
    public var displayWidth: Int {
        TerminalText.glyphs(of: self).reduce(0) { $0 + $1.width }
    }
}

/// The process locale, which decides what `wcwidth(3)` and curses consider
/// printable and how wide.
public enum TextLocale {
    /// Sets the locale from the environment (`LANG`, `LC_ALL`, ...) and, when
    /// its codeset is not UTF-8, falls back to `C.UTF-8`. Returns whether the
    /// locale in force afterwards is UTF-8.
    @discardableResult
    public static func useEnvironmentLocale() -> Bool {
        daicho_setlocale_from_environment() != 0
    }

    /// Sets the locale named `name` (for example `"C.UTF-8"` in tests).
    /// Returns whether that succeeded and the codeset is UTF-8.
    @discardableResult
    public static func use(_ name: String) -> Bool {
        daicho_setlocale_utf8(name) != 0
    }

    /// Whether the current locale's codeset is UTF-8.
    public static var isUTF8: Bool {
        daicho_locale_is_utf8() != 0
    }

    /// The current locale's codeset name, for example `"UTF-8"` or
    /// `"ANSI_X3.4-1968"`.
    public static var codeset: String {
        String(cString: daicho_locale_codeset())
    }
}
