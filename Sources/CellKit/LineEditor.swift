/// A single-line text field as a value: its characters, the cursor, and the
/// horizontal scroll position.
///
/// Editing works on whole characters (grapheme clusters), so a Japanese
/// character typed through an input method is inserted, moved over and
/// deleted as one unit. Layout works in display columns: ``render(width:)``
/// scrolls horizontally so the cursor is always visible.
///
/// Inserted text is cleaned: tabs and line breaks become spaces, other
/// control and bidi-control characters are dropped, and characters that take
/// no column (a lone combining mark) are dropped.
public struct LineEditor: Hashable, Sendable {
    /// The characters of the field.
    public private(set) var characters: [Character]
    /// The cursor, as an index into ``characters`` (0...count).
    public private(set) var cursor: Int
    /// The most characters the field accepts, if limited.
    public let maxLength: Int?
    /// The index of the first character shown, as last kept by
    /// ``scrollToCursor(width:)``.
    public private(set) var scrollOffset: Int

    /// Creates a field holding `text` (cleaned and cut to `maxLength`), with
    /// the cursor at the end.
    public init(text: String = "", maxLength: Int? = nil) {
        self.maxLength = maxLength.map { max(0, $0) }
        self.characters = []
        self.cursor = 0
        self.scrollOffset = 0
        insert(text)
    }

    /// The field's text.
    public var text: String {
        String(characters)
    }

    /// Whether the field is empty.
    public var isEmpty: Bool {
        characters.isEmpty
    }

    /// Replaces the whole text, cursor at the end.
    public mutating func setText(_ text: String) {
        characters = []
        cursor = 0
        scrollOffset = 0
        insert(text)
    }

    /// Inserts `text` at the cursor and moves the cursor after it. Characters
    /// beyond ``maxLength`` are not inserted. Returns whether all of the
    /// cleaned text was inserted.
    @discardableResult
    public mutating func insert(_ text: String) -> Bool {
        let cleaned = LineEditor.clean(text)
        let room = maxLength.map { max(0, $0 - characters.count) } ?? cleaned.count
        let accepted = cleaned.prefix(room)
        characters.insert(contentsOf: accepted, at: cursor)
        cursor += accepted.count
        return accepted.count == cleaned.count
    }

    /// Whether the field holds as many characters as it accepts.
    public var isFull: Bool {
        maxLength.map { characters.count >= $0 } ?? false
    }

    /// How many characters `text` would add once cleaned (see ``insert(_:)``).
    public static func cleanedCount(_ text: String) -> Int {
        clean(text).count
    }

    /// Inserts all of `text` at the cursor, or nothing when it does not fit
    /// in ``maxLength``: text is refused, never cut. Returns whether it was
    /// inserted.
    @discardableResult
    public mutating func insertWhole(_ text: String) -> Bool {
        let cleaned = LineEditor.clean(text)
        if let maxLength, characters.count + cleaned.count > maxLength { return false }
        characters.insert(contentsOf: cleaned, at: cursor)
        cursor += cleaned.count
        return true
    }

    /// Deletes the character before the cursor. Returns whether it did.
    @discardableResult
    public mutating func backspace() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    /// Deletes the character under the cursor. Returns whether it did.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    /// Moves the cursor one character left.
    public mutating func moveLeft() {
        cursor = max(0, cursor - 1)
    }

    /// Moves the cursor one character right.
    public mutating func moveRight() {
        cursor = min(characters.count, cursor + 1)
    }

    /// Moves the cursor to the start.
    public mutating func moveHome() {
        cursor = 0
    }

    /// Moves the cursor to the end.
    public mutating func moveEnd() {
        cursor = characters.count
    }

    /// Deletes everything before the cursor (Ctrl-U).
    public mutating func killToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Deletes everything from the cursor on (Ctrl-K).
    public mutating func killToEnd() {
        characters.removeSubrange(cursor..<characters.count)
    }

    /// Deletes the word before the cursor and the spaces after it (Ctrl-W).
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace {
            start -= 1
        }
        while start > 0, !characters[start - 1].isWhitespace {
            start -= 1
        }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Applies an editing key and returns whether the field used it. Keys it
    /// does not use (Enter, Esc, Tab, Up, ...) are left to the caller.
    ///
    /// | key | effect |
    /// | --- | --- |
    /// | printable character | insert |
    /// | BS | ``backspace()`` |
    /// | Del, ^D | ``deleteForward()`` |
    /// | Left, ^B / Right, ^F | move one character |
    /// | Home, ^A / End, ^E | move to start / end |
    /// | ^U / ^K | ``killToStart()`` / ``killToEnd()`` |
    /// | ^W | ``deleteWordBackward()`` |
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key.normalized {
        case .char(let character):
            insert(String(character))
        case .backspace:
            backspace()
        case .delete, .ctrl("d"):
            deleteForward()
        case .left, .ctrl("b"):
            moveLeft()
        case .right, .ctrl("f"):
            moveRight()
        case .home, .ctrl("a"):
            moveHome()
        case .end, .ctrl("e"):
            moveEnd()
        case .ctrl("u"):
            killToStart()
        case .ctrl("k"):
            killToEnd()
        case .ctrl("w"):
            deleteWordBackward()
        default:
            return false
        }
        return true
    }

    /// What a field of a given width shows.
    public struct Rendering: Hashable, Sendable {
        /// The visible text, exactly the field's width in columns.
        public var text: String
        /// The cursor's column within the field (0..<width when width > 0).
        public var cursorColumn: Int
        /// The index of the first character shown.
        public var offset: Int

        /// Creates a rendering.
        public init(text: String, cursorColumn: Int, offset: Int) {
            self.text = text
            self.cursorColumn = cursorColumn
            self.offset = offset
        }
    }

    /// The visible part of the field in `width` columns. It starts at the
    /// stored ``scrollOffset`` moved just enough to show the cursor (and the
    /// character under it whole), and scrolled back left when text that was
    /// scrolled out would now fit. A wide character cut at the right edge
    /// shows as a space.
    public func render(width: Int) -> Rendering {
        let width = max(0, width)
        let offset = visibleOffset(width: width)
        var text = ""
        var used = 0
        for character in characters[offset...] {
            let characterWidth = character.displayWidth
            if used + characterWidth > width { break }
            text.append(character)
            used += characterWidth
        }
        let cursorColumn = characters[offset..<cursor].reduce(0) { $0 + $1.displayWidth }
        return Rendering(
            text: text.padded(toWidth: width),
            cursorColumn: width == 0 ? 0 : min(cursorColumn, width - 1),
            offset: offset)
    }

    /// Keeps the scroll position ``render(width:)`` uses, so that the view
    /// scrolls only when the cursor leaves it. Call after editing.
    public mutating func scrollToCursor(width: Int) {
        scrollOffset = visibleOffset(width: max(0, width))
    }

    private func visibleOffset(width: Int) -> Int {
        let widths = characters.map(\.displayWidth)
        let cursorCell = cursor < widths.count ? widths[cursor] : 1
        var offset = min(scrollOffset, cursor, characters.count)
        var before = widths[offset..<cursor].reduce(0, +)
        while offset < cursor && before + cursorCell > width {
            before -= widths[offset]
            offset += 1
        }
        let endCell = cursor == characters.count ? 1 : 0
        var shown = widths[offset...].reduce(0, +) + endCell
        while offset > 0 && shown + widths[offset - 1] <= width {
            offset -= 1
            shown += widths[offset]
        }
        return offset
    }

    private static func clean(_ text: String) -> [Character] {
        var result: [Character] = []
        for character in text {
            if character == "\t" || character == "\n" || character == "\r" || character == "\r\n" {
                result.append(" ")
                continue
            }
            let scalars = character.unicodeScalars.filter { !TerminalText.needsEscape($0) }
            guard !scalars.isEmpty else { continue }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            for kept in String(view) where kept.displayWidth > 0 {
                result.append(kept)
            }
        }
        return result
    }
}
