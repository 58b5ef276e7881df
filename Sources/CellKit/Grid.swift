/// One cell of a ``Grid``.
public struct Cell: Hashable, Sendable {
    /// What a cell holds.
    public enum Content: Hashable, Sendable {
        /// A one-column glyph.
        case narrow(Character)
        /// The left half of a two-column glyph; the cell to its right is a
        /// ``continuation``.
        case wide(Character)
        /// The right half of the wide glyph in the cell to the left. The
        /// terminal adapter skips these cells.
        case continuation
    }

    /// What the cell holds.
    public var content: Content
    /// How the cell looks.
    public var style: Style

    /// Creates a cell.
    public init(_ content: Content, style: Style = .plain) {
        self.content = content
        self.style = style
    }

    /// A space in the plain style.
    public static let blank = Cell(.narrow(" "))

    /// The character drawn from this cell, or nil for a continuation.
    public var character: Character? {
        switch content {
        case .narrow(let character), .wide(let character): character
        case .continuation: nil
        }
    }
}

/// A screen as data: rows × columns of ``Cell``s, plus where the terminal
/// cursor should be.
///
/// Widgets write into a grid; the terminal adapter copies it out. Every write
/// sanitizes its text (``TerminalText``), clips to the grid and to the width
/// it is given, and keeps wide characters whole: a wide glyph always has its
/// continuation cell to its right, a wide glyph that would not fit is replaced
/// by a space, and overwriting either half of a wide glyph turns the other
/// half into a space (keeping that half's style).
public struct Grid: Hashable, Sendable {
    /// The grid's size.
    public let size: Size
    private var cells: [Cell]
    /// Where the terminal shows its cursor, or nil to hide it. Set it only
    /// while a text field has focus.
    public var cursor: Position?

    /// Creates a grid of blank cells.
    public init(rows: Int, cols: Int, style: Style = .plain) {
        self.size = Size(rows: rows, cols: cols)
        self.cells = Array(repeating: Cell(.narrow(" "), style: style), count: self.size.rows * self.size.cols)
        self.cursor = nil
    }

    /// Creates a grid of blank cells.
    public init(size: Size, style: Style = .plain) {
        self.init(rows: size.rows, cols: size.cols, style: style)
    }

    /// Number of rows.
    public var rows: Int { size.rows }
    /// Number of columns.
    public var cols: Int { size.cols }
    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(size: size) }

    /// The cell at (`row`, `col`), or nil outside the grid.
    public func cell(row: Int, col: Int) -> Cell? {
        guard row >= 0, row < rows, col >= 0, col < cols else { return nil }
        return cells[row * cols + col]
    }

    /// The cells of one row (empty outside the grid).
    public func row(_ row: Int) -> ArraySlice<Cell> {
        guard row >= 0, row < rows else { return [] }
        return cells[(row * cols)..<(row * cols + cols)]
    }

    /// Writes `text` starting at (`row`, `col`), sanitized, clipped to the
    /// grid and to `width` columns from `col` when given. Returns the column
    /// just after the last one written to (where the next span would start).
    @discardableResult
    public mutating func put(_ text: String, row: Int, col: Int, width: Int? = nil, style: Style = .plain) -> Int {
        let limit = width.map { col + max(0, $0) } ?? cols
        return put(TerminalText.glyphs(text), row: row, col: col, end: limit, style: style)
    }

    /// Writes spans one after the other from (`row`, `col`), clipped like
    /// ``put(_:row:col:width:style:)``. Returns the column after the last.
    @discardableResult
    public mutating func put(_ line: Line, row: Int, col: Int, width: Int? = nil) -> Int {
        let limit = width.map { col + max(0, $0) } ?? cols
        var next = col
        for span in line.spans {
            guard next < limit else { break }
            next = put(TerminalText.glyphs(span.text), row: row, col: next, end: limit, style: span.style)
        }
        return next
    }

    /// Fills the first row of `rect` with `text` aligned inside it: the whole
    /// width is written, padded with spaces in `style`.
    public mutating func put(_ text: String, in rect: Rect, alignment: Alignment = .left, style: Style = .plain) {
        guard !rect.isEmpty else { return }
        put(text.padded(toWidth: rect.width, alignment: alignment), row: rect.row, col: rect.col, width: rect.width, style: style)
    }

    /// Fills `rect` (clipped to the grid) with `character` in `style`. A
    /// character that is not one narrow glyph fills with spaces.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let glyphs = TerminalText.glyphs(of: character)
        let glyph = glyphs.count == 1 && glyphs[0].width == 1 ? glyphs[0] : Glyph.space
        for r in area.row..<area.bottom {
            for c in area.col..<area.right {
                setNarrow(row: r, col: c, glyph.character, style: style)
            }
        }
    }

    /// Replaces the style of every cell in `rect`, keeping the text (both
    /// halves of a wide glyph partly inside are restyled).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        updateStyle(in: rect) { $0 = style }
    }

    /// Changes the style of every cell in `rect` with `transform`, keeping
    /// the text.
    public mutating func updateStyle(in rect: Rect, _ transform: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for r in area.row..<area.bottom {
            var first = area.col
            if case .continuation = cells[r * cols + first].content, first > 0 {
                first -= 1
            }
            var last = area.right - 1
            if case .wide = cells[r * cols + last].content, last + 1 < cols {
                last += 1
            }
            for c in first...last {
                transform(&cells[r * cols + c].style)
            }
        }
    }

    /// Draws a widget into `area`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area)
    }

    /// The grid as text for snapshot tests: rows joined by "\n", each
    /// exactly `cols` display columns wide (continuation cells are skipped,
    /// since the wide glyph before them already takes two columns).
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(rows)
        for r in 0..<rows {
            var line = ""
            for cell in row(r) {
                if let character = cell.character {
                    line.append(character)
                }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One character per cell showing each cell's ``ColorRole`` (see
    /// ``ColorRole/maskCharacter``), rows joined by "\n". Continuation cells
    /// are included, so the mask lines up column for column with ``text``.
    public var roleMask: String {
        mask { String($0.role.maskCharacter) }
    }

    /// One character per cell showing each cell's attributes: `.` for none,
    /// otherwise the hexadecimal digit of the ``TextAttributes`` raw value
    /// (1 bold, 2 reverse, 4 underline, 8 dim, summed), rows joined by "\n".
    public var attributeMask: String {
        mask { style in
            style.attributes.isEmpty ? "." : String(style.attributes.rawValue, radix: 16)
        }
    }

    private func mask(_ code: (Style) -> String) -> String {
        (0..<rows).map { r in row(r).map { code($0.style) }.joined() }.joined(separator: "\n")
    }

    private mutating func put(_ glyphs: [Glyph], row: Int, col: Int, end: Int, style: Style) -> Int {
        guard row >= 0, row < rows else { return col }
        let start = max(0, col)
        let stop = min(end, cols)
        guard start < stop else { return col }
        var x = col
        var cut: Int?
        for (i, glyph) in glyphs.enumerated() {
            if x >= stop { cut = i; break }
            if x < start {
                if x + glyph.width > start {
                    setNarrow(row: row, col: start, " ", style: style)
                }
                x += glyph.width
                continue
            }
            if x + glyph.width > stop {
                setNarrow(row: row, col: x, " ", style: style)
                x += 1
                cut = i
                break
            }
            if glyph.width == 2 {
                setWide(row: row, col: x, glyph.character, style: style)
            } else {
                setNarrow(row: row, col: x, glyph.character, style: style)
            }
            x += glyph.width
        }
        // Text is never cut without saying so: when more than spaces is left out, the last
        // cell shows `~` (a wide glyph there gives way to it).
        if let cut, stop > start, glyphs[cut...].contains(where: { $0.character != " " }) {
            setNarrow(row: row, col: stop - 1, "~", style: style)
        }
        return max(x, col)
    }

    private mutating func setNarrow(row: Int, col: Int, _ character: Character, style: Style) {
        detach(row: row, col: col)
        cells[row * cols + col] = Cell(.narrow(character), style: style)
    }

    private mutating func setWide(row: Int, col: Int, _ character: Character, style: Style) {
        detach(row: row, col: col)
        detach(row: row, col: col + 1)
        cells[row * cols + col] = Cell(.wide(character), style: style)
        cells[row * cols + col + 1] = Cell(.continuation, style: style)
    }

    /// Before (`row`, `col`) is overwritten: if it is half of a wide glyph,
    /// turn the other half into a space.
    private mutating func detach(row: Int, col: Int) {
        let index = row * cols + col
        switch cells[index].content {
        case .narrow:
            break
        case .wide:
            if col + 1 < cols {
                cells[index + 1].content = .narrow(" ")
            }
        case .continuation:
            if col > 0 {
                cells[index - 1].content = .narrow(" ")
            }
        }
    }
}

/// Something that draws itself into a rectangle of a ``Grid``.
///
/// Widgets are values that only write cells; they never touch a terminal.
public protocol Widget {
    /// Draws into `area` of `grid`, writing nothing outside it.
    func render(into grid: inout Grid, area: Rect)
}
