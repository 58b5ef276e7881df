/// The selection and scroll position of a list or table, as a value.
///
/// The selection is an index; keeping it on the same item when the data
/// changes (by identity) is the screen's job. ``visibleOffset(count:height:)``
/// is what a widget draws with: the stored offset moved just enough to show
/// the selection.
public struct ListState: Hashable, Sendable {
    /// The selected row, or nil when nothing is selected.
    public var selected: Int?
    /// The first row shown, as last kept by ``scrollToSelection(count:height:)``.
    public var offset: Int

    /// Creates a state.
    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = max(0, offset)
    }

    /// Selects `index` clamped to `0..<count` (nil when the list is empty).
    public mutating func select(_ index: Int?, count: Int) {
        guard count > 0, let index else {
            selected = nil
            return
        }
        selected = min(max(0, index), count - 1)
    }

    /// Moves the selection by `delta` rows (negative is up), clamped; with no
    /// selection, selects the first row (or the last when moving up).
    public mutating func move(by delta: Int, count: Int) {
        guard let current = selected else {
            select(delta < 0 ? count - 1 : 0, count: count)
            return
        }
        select(current + delta, count: count)
    }

    /// Selects the first row.
    public mutating func selectFirst(count: Int) {
        select(0, count: count)
    }

    /// Selects the last row.
    public mutating func selectLast(count: Int) {
        select(count - 1, count: count)
    }

    /// Keeps the selection inside `0..<count` after the data changed.
    public mutating func clamp(count: Int) {
        if let selected {
            select(selected, count: count)
        }
        offset = min(offset, max(0, count - 1))
    }

    /// The first row to show in `height` rows of `count`: the stored offset
    /// moved just enough to show the selection, and moved up when rows below
    /// the end would otherwise be left empty.
    public func visibleOffset(count: Int, height: Int) -> Int {
        guard height > 0, count > 0 else { return 0 }
        var first = min(offset, max(0, count - height))
        if let selected, selected >= 0, selected < count {
            if selected < first {
                first = selected
            } else if selected >= first + height {
                first = selected - height + 1
            }
        }
        return max(0, first)
    }

    /// Stores ``visibleOffset(count:height:)``, so the view scrolls only when
    /// the selection leaves it.
    public mutating func scrollToSelection(count: Int, height: Int) {
        offset = visibleOffset(count: count, height: height)
    }
}
