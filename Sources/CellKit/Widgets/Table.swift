/// A column of a ``Table``.
public struct TableColumn: Hashable, Sendable {
    /// The header text.
    public var title: String
    /// The column's width: fixed columns, or a share of the rest.
    public var width: Extent
    /// How values (and the title) sit in the column.
    public var alignment: Alignment

    /// Creates a column.
    public init(_ title: String, width: Extent, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// A row of a ``Table``.
public struct TableRow: Hashable, Sendable {
    /// One value per column; missing values are blank, extra ones ignored.
    public var values: [String]
    /// The row's style when not selected (for example ``ColorRole/warning``
    /// for an overdue item).
    public var style: Style

    /// Creates a row.
    public init(_ values: [String], style: Style = .plain) {
        self.values = values
        self.style = style
    }
}

/// A table: a header row and rows of values in columns, one row selected,
/// scrolled so the selection is visible.
///
/// Values are cut to their column by display width, never splitting a wide
/// character. The selected row is drawn across the whole width in
/// ``selectedStyle``; other rows in their own style.
public struct Table: Widget, Hashable, Sendable {
    /// The columns.
    public var columns: [TableColumn]
    /// The rows.
    public var rows: [TableRow]
    /// Selection and scroll position.
    public var state: ListState
    /// The header row's style.
    public var headerStyle: Style
    /// The selected row's style.
    public var selectedStyle: Style
    /// Columns between adjacent columns.
    public var columnSpacing: Int
    /// Shown under the header when there are no rows.
    public var emptyText: String

    /// Creates a table.
    public init(columns: [TableColumn], rows: [TableRow], state: ListState = ListState(),
                headerStyle: Style = Style(role: .header, attributes: [.bold]),
                selectedStyle: Style = .role(.selected), columnSpacing: Int = 1, emptyText: String = "") {
        self.columns = columns
        self.rows = rows
        self.state = state
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.columnSpacing = max(0, columnSpacing)
        self.emptyText = emptyText
    }

    /// The number of rows a table drawn in `area` shows (its height less the
    /// header), for paging and ``ListState/scrollToSelection(count:height:)``.
    public static func bodyHeight(for area: Rect) -> Int {
        max(0, area.height - 1)
    }

    /// The value cut to `width` columns with `~` as its last column when it does not
    /// fit, so a cut value never looks whole. (`~` rather than `…`, which some
    /// terminals draw two columns wide.)
    public static func fit(_ value: String, width: Int) -> String {
        value.truncated(toWidth: width, ellipsis: "~")
    }

    public func render(into grid: inout Grid, area: Rect) {
        guard !area.isEmpty else { return }
        let (header, body) = area.splitTop(1)
        let cells = header.columns(columns.map(\.width), spacing: columnSpacing)
        grid.fill(header, style: headerStyle)
        for (column, cell) in zip(columns, cells) {
            grid.put(column.title, in: cell, alignment: column.alignment, style: headerStyle)
        }
        grid.fill(body)
        guard !rows.isEmpty else {
            if !emptyText.isEmpty {
                grid.put(emptyText, in: body.line(0), style: .role(.muted))
            }
            return
        }
        let first = state.visibleOffset(count: rows.count, height: body.height)
        for line in 0..<body.height {
            let index = first + line
            guard index < rows.count else { break }
            let rowRect = body.line(line)
            let row = rows[index]
            let style = index == state.selected ? selectedStyle : row.style
            grid.fill(rowRect, style: style)
            for (columnIndex, (column, cell)) in zip(columns, cells).enumerated() {
                let value = columnIndex < row.values.count ? row.values[columnIndex] : ""
                grid.put(Table.fit(value, width: cell.width), in: Rect(row: rowRect.row, col: cell.col, height: 1, width: cell.width),
                         alignment: column.alignment, style: style)
            }
        }
    }
}
