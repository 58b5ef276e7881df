/// A modal box drawn over whatever is below it: a frame of spaces in
/// ``frameStyle`` (reverse video or a colour, never box-drawing characters,
/// whose width is ambiguous on some terminals) with the title in the top
/// edge and an optional footer in the bottom edge, and the body inside with
/// one column of padding.
public struct ModalBox: Widget, Hashable, Sendable {
    /// Shown in the top edge.
    public var title: String
    /// The body lines.
    public var lines: [Line]
    /// Shown in the bottom edge ("Esc 閉じる"), or empty.
    public var footer: String
    /// The frame's style.
    public var frameStyle: Style
    /// The body's background style.
    public var bodyStyle: Style

    /// Creates a box.
    public init(title: String, lines: [Line], footer: String = "", frameStyle: Style = .role(.title),
                bodyStyle: Style = .plain) {
        self.title = title
        self.lines = lines
        self.footer = footer
        self.frameStyle = frameStyle
        self.bodyStyle = bodyStyle
    }

    /// Columns the frame and padding add to the body width (2 per side).
    public static let horizontalChrome = 4
    /// Rows the frame adds to the body height (top and bottom edge).
    public static let verticalChrome = 2

    /// The box's rectangle centred in `area`, sized for its content but no
    /// larger than `area`.
    public func area(centeredIn area: Rect) -> Rect {
        let contentWidth = max(
            lines.map(\.displayWidth).max() ?? 0,
            title.displayWidth + 2,
            footer.displayWidth + 2)
        return area.centered(
            height: lines.count + ModalBox.verticalChrome,
            width: contentWidth + ModalBox.horizontalChrome)
    }

    /// The body's rectangle inside a box drawn in `area`.
    public static func bodyArea(of area: Rect) -> Rect {
        area.inset(top: 1, left: 2, bottom: 1, right: 2)
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        grid.fill(area, style: frameStyle)
        let inner = area.inset(top: 1, left: 1, bottom: 1, right: 1)
        grid.fill(inner, style: bodyStyle)
        let top = area.line(0).inset(left: 1, right: 1)
        grid.put(" " + title + " ", row: top.row, col: top.col, width: top.width, style: frameStyle.adding(.bold))
        if !footer.isEmpty, area.height > 1 {
            let bottom = area.line(area.height - 1).inset(left: 1, right: 1)
            grid.put(" " + footer + " ", in: bottom, alignment: .right, style: frameStyle)
        }
        let body = ModalBox.bodyArea(of: area)
        for (index, line) in lines.prefix(body.height).enumerated() {
            let styled = Line(line.spans.map { span in
                span.style == .plain ? Span(span.text, style: bodyStyle) : span
            })
            grid.put(styled, row: body.row + index, col: body.col, width: body.width)
        }
    }
}

/// A help overlay: the entries of ``Keymap/help(for:)`` in a ``ModalBox``,
/// keys in a column, grouped under headings, scrollable.
public struct HelpOverlay: Widget, Hashable, Sendable {
    /// The box title.
    public var title: String
    /// The entries.
    public var entries: [HelpEntry]
    /// The first content line shown.
    public var offset: Int
    /// Shown in the bottom edge.
    public var footer: String

    /// Creates an overlay.
    public init(title: String, entries: [HelpEntry], offset: Int = 0, footer: String = "") {
        self.title = title
        self.entries = entries
        self.offset = offset
        self.footer = footer
    }

    /// The content lines: a heading per group (in first-appearance order),
    /// then `keys  description`, keys padded to the widest.
    public var contentLines: [Line] {
        let keyWidth = entries.map { $0.keys.joined(separator: " ").displayWidth }.max() ?? 0
        var lines: [Line] = []
        var groups: [String?] = []
        for entry in entries where !groups.contains(entry.group) {
            groups.append(entry.group)
        }
        for group in groups {
            if let group {
                if !lines.isEmpty { lines.append(Line([])) }
                lines.append(Line(group, style: Style(role: .header, attributes: [.bold])))
            }
            for entry in entries where entry.group == group {
                lines.append(Line([
                    Span(entry.keys.joined(separator: " ").padded(toWidth: keyWidth), style: Style(role: .key, attributes: [.bold])),
                    Span("  " + entry.description),
                ]))
            }
        }
        return lines
    }

    /// The largest useful ``offset`` when the overlay is drawn in `area`.
    public func maxOffset(in area: Rect) -> Int {
        let lines = contentLines
        let box = ModalBox(title: title, lines: lines, footer: footer).area(centeredIn: area)
        return TextView.maxOffset(count: lines.count, height: ModalBox.bodyArea(of: box).height)
    }

    public func render(into grid: inout Grid, area: Rect) {
        let lines = contentLines
        let full = ModalBox(title: title, lines: lines, footer: footer)
        let box = full.area(centeredIn: area)
        let visible = ModalBox.bodyArea(of: box).height
        let first = min(max(0, offset), TextView.maxOffset(count: lines.count, height: visible))
        let shown = ModalBox(title: title, lines: Array(lines.dropFirst(first)), footer: footer)
        shown.render(into: &grid, area: box)
    }
}
