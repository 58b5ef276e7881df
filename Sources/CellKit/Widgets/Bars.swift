/// A one-line title or status bar: a title on the left and a detail (a count,
/// a position, the ledger name) on the right, across the whole width.
///
/// The detail is shown whole or not at all (a cut count would mislead);
/// when the title alone does not fit, it is cut.
public struct TitleBar: Widget, Hashable, Sendable {
    /// Text at the left edge.
    public var title: String
    /// Text at the right edge.
    public var detail: String
    /// The bar's style.
    public var style: Style

    /// Creates a bar.
    public init(title: String, detail: String = "", style: Style = .role(.title)) {
        self.title = title
        self.detail = detail
        self.style = style
    }

    public func render(into grid: inout Grid, area: Rect) {
        let line = area.line(0)
        guard !line.isEmpty else { return }
        grid.fill(line, style: style)
        let left = " " + title
        let leftWidth = min(left.displayWidth, line.width)
        grid.put(left, row: line.row, col: line.col, width: line.width, style: style)
        guard !detail.isEmpty else { return }
        let right = detail + " "
        let rightWidth = right.displayWidth
        guard leftWidth + 1 + rightWidth <= line.width else { return }
        grid.put(right, row: line.row, col: line.right - rightWidth, width: rightWidth, style: style)
    }
}

/// The kind of a one-line message, which decides its colour role.
public enum MessageKind: Hashable, Sendable {
    /// Neutral information.
    case info
    /// Success.
    case ok
    /// Needs attention.
    case warning
    /// Something failed.
    case error

    /// The colour role for this kind.
    public var role: ColorRole {
        switch self {
        case .info: .normal
        case .ok: .ok
        case .warning: .warning
        case .error: .error
        }
    }
}

/// A one-line message area ("保存しました", "入力が必要です"). The line is
/// cleared even when there is no message.
public struct MessageLine: Widget, Hashable, Sendable {
    /// The message, or empty for none.
    public var text: String
    /// Its kind.
    public var kind: MessageKind

    /// Creates a message line.
    public init(_ text: String = "", kind: MessageKind = .info) {
        self.text = text
        self.kind = kind
    }

    public func render(into grid: inout Grid, area: Rect) {
        let line = area.line(0)
        guard !line.isEmpty else { return }
        let attributes: TextAttributes = kind == .error ? [.bold] : []
        grid.fill(line)
        grid.put(text.truncated(toWidth: line.width, ellipsis: "~"), row: line.row, col: line.col, width: line.width,
                 style: Style(role: kind.role, attributes: attributes))
    }
}

/// A key-hint bar: "Enter 開く  / 絞込  ? ヘルプ  q 戻る". Keys are drawn in
/// the ``ColorRole/key`` role; hints that do not fit whole are left out.
public struct KeyHintBar: Widget, Hashable, Sendable {
    /// The hints, in order.
    public var hints: [KeyHint]
    /// The style of the bar and labels.
    public var style: Style
    /// The style of key labels.
    public var keyStyle: Style
    /// Columns between hints.
    public var separation: Int

    /// Creates a bar.
    public init(_ hints: [KeyHint], style: Style = .plain, keyStyle: Style = Style(role: .key, attributes: [.bold]),
                separation: Int = 2) {
        self.hints = hints
        self.style = style
        self.keyStyle = keyStyle
        self.separation = max(1, separation)
    }

    public func render(into grid: inout Grid, area: Rect) {
        let line = area.line(0)
        guard !line.isEmpty else { return }
        grid.fill(line, style: style)
        var col = line.col
        for (index, hint) in hints.enumerated() {
            let start = index == 0 ? col : col + separation
            let width = hint.key.displayWidth + 1 + hint.label.displayWidth
            guard start + width <= line.right else { break }
            let afterKey = grid.put(hint.key, row: line.row, col: start, style: keyStyle)
            col = grid.put(" " + hint.label, row: line.row, col: afterKey, style: style)
        }
    }
}
