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
    /// never splitting a wide character; styles carry over. Japanese breaks
    /// at any column (it has no spaces to break at), but a run of ASCII
    /// letters, digits and `-_#./:` (an identifier: `USB-2026-0002`, `#12`,
    /// a path) moves whole to the next line rather than being split, unless
    /// it is wider than the whole line.
    public static func wrap(_ lines: [Line], width: Int) -> [Line] {
        guard width > 0 else { return lines }
        var result: [Line] = []
        for line in lines {
            var glyphs: [(glyph: Glyph, style: Style)] = []
            for span in line.spans {
                for glyph in TerminalText.glyphs(span.text) { glyphs.append((glyph, span.style)) }
            }
            guard !glyphs.isEmpty else { result.append(Line([])); continue }
            var start = 0
            while start < glyphs.count {
                var end = start, used = 0
                while end < glyphs.count, used + glyphs[end].glyph.width <= width {
                    used += glyphs[end].glyph.width
                    end += 1
                }
                if end == start { end = start + 1 }
                // Do not cut through an identifier: break before it when it began on this line.
                if end < glyphs.count, isIdentifier(glyphs[end - 1].glyph.character), isIdentifier(glyphs[end].glyph.character) {
                    var b = end - 1
                    while b > start, isIdentifier(glyphs[b - 1].glyph.character) { b -= 1 }
                    if b > start { end = b }
                }
                var spans: [Span] = []
                for (glyph, style) in glyphs[start..<end] {
                    if let last = spans.last, last.style == style {
                        spans[spans.count - 1].text.append(glyph.character)
                    } else {
                        spans.append(Span(String(glyph.character), style: style))
                    }
                }
                result.append(Line(spans))
                start = end
            }
        }
        return result
    }

    /// A character of an identifier for wrapping: ASCII letters and digits and `-_#./:`.
    static func isIdentifier(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        switch a {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "#"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"): return true
        default: return false
        }
    }
}
