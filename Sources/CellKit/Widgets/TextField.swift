/// A one-line text field drawing a ``LineEditor``. When focused, it places
/// the grid's cursor at the editor's cursor.
public struct TextField: Widget, Hashable, Sendable {
    /// The field's content.
    public var editor: LineEditor
    /// Whether the field has focus (shows the cursor).
    public var isFocused: Bool
    /// The field's style.
    public var style: Style

    /// Creates a field.
    public init(_ editor: LineEditor, isFocused: Bool, style: Style = Style(attributes: [.underline])) {
        self.editor = editor
        self.isFocused = isFocused
        self.style = style
    }

    public func render(into grid: inout Grid, area: Rect) {
        let line = area.line(0)
        guard !line.isEmpty else { return }
        let rendering = editor.render(width: line.width)
        grid.put(rendering.text, row: line.row, col: line.col, width: line.width, style: style)
        if isFocused {
            grid.cursor = Position(row: line.row, col: line.col + rendering.cursorColumn)
        }
    }
}
