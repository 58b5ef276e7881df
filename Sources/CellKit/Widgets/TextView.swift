/// A scrolling view of lines of styled text: a timeline, a record's history,
/// a long message.
///
/// Lines longer than the width are cut (or wrapped, with ``wrap(_:width:)``
/// before building the view). ``offset`` is clamped so the view never
/// scrolls past the last line.
public struct TextView: Widget, Hashable, Sendable {
    /// The lines.
    public var lines: [Line]
    /// The first line shown.
    public var offset: Int

    /// Creates a view.
    public init(_ lines: [Line], offset: Int = 0) {
        self.lines = lines
        self.offset = offset
    }

    /// The largest useful offset for `count` lines in `height` rows.
    public static func maxOffset(count: Int, height: Int) -> Int {
        max(0, count - max(0, height))
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        grid.fill(area)
        let first = min(max(0, offset), TextView.maxOffset(count: lines.count, height: area.height))
        for row in 0..<area.height {
            let index = first + row
            guard index < lines.count else { break }
            grid.put(lines[index], row: area.row + row, col: area.col, width: area.width)
        }
    }

    /// Breaks lines wider than `width` into several, by display width,
    /// never splitting a wide character; styles carry over. Break points
    /// are plain column limits (Japanese has no spaces to break at).
    public static func wrap(_ lines: [Line], width: Int) -> [Line] {
        guard width > 0 else { return lines }
        var result: [Line] = []
        for line in lines {
            var current: [Span] = []
            var used = 0
            var started = false
            for span in line.spans {
                var piece = ""
                for glyph in TerminalText.glyphs(span.text) {
                    if used + glyph.width > width {
                        if !piece.isEmpty { current.append(Span(piece, style: span.style)) }
                        result.append(Line(current))
                        current = []
                        piece = ""
                        used = 0
                    }
                    piece.append(glyph.character)
                    used += glyph.width
                    started = true
                }
                if !piece.isEmpty { current.append(Span(piece, style: span.style)) }
            }
            if !current.isEmpty || !started {
                result.append(Line(current))
            }
        }
        return result
    }
}
