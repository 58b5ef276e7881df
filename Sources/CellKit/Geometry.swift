/// A cell position: zero-based row and column.
public struct Position: Hashable, Sendable {
    /// Zero-based row, top to bottom.
    public var row: Int
    /// Zero-based column, left to right.
    public var col: Int

    /// Creates a position.
    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }
}

/// A size in cells.
public struct Size: Hashable, Sendable {
    /// Number of rows (lines).
    public var rows: Int
    /// Number of columns.
    public var cols: Int

    /// Creates a size; negative values become 0.
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }
}

/// How much of a split a part takes.
public enum Extent: Hashable, Sendable {
    /// Exactly this many rows or columns (less if the space runs out).
    case fixed(Int)
    /// A share of what the fixed parts leave, proportional to the weight.
    case flexible(Int)

    /// A flexible part of weight 1.
    public static let fill = Extent.flexible(1)
}

/// A rectangle of cells: top-left corner plus height and width.
///
/// Widgets draw only inside the rectangle they are given; the split helpers
/// lay out a screen the way a ratatui `Layout` does.
public struct Rect: Hashable, Sendable {
    /// Top row.
    public var row: Int
    /// Left column.
    public var col: Int
    /// Number of rows, never negative.
    public var height: Int
    /// Number of columns, never negative.
    public var width: Int

    /// Creates a rectangle; a negative height or width becomes 0.
    public init(row: Int, col: Int, height: Int, width: Int) {
        self.row = row
        self.col = col
        self.height = max(0, height)
        self.width = max(0, width)
    }

    /// The rectangle at the origin with the given size.
    public init(size: Size) {
        self.init(row: 0, col: 0, height: size.rows, width: size.cols)
    }

    /// Whether the rectangle has no cells.
    public var isEmpty: Bool { height == 0 || width == 0 }
    /// The row just below the rectangle.
    public var bottom: Int { row + height }
    /// The column just right of the rectangle.
    public var right: Int { col + width }

    /// Whether `position` lies inside.
    public func contains(_ position: Position) -> Bool {
        position.row >= row && position.row < bottom && position.col >= col && position.col < right
    }

    /// The overlap of two rectangles (empty, at this rectangle's corner, when
    /// they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let top = max(row, other.row)
        let left = max(col, other.col)
        let lowest = min(bottom, other.bottom)
        let rightmost = min(right, other.right)
        guard lowest > top, rightmost > left else {
            return Rect(row: row, col: col, height: 0, width: 0)
        }
        return Rect(row: top, col: left, height: lowest - top, width: rightmost - left)
    }

    /// The rectangle shrunk by the given margins (never below empty).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(
            row: row + top, col: col + left,
            height: height - top - bottom, width: width - left - right)
    }

    /// The rectangle shrunk by `amount` on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The one-row rectangle at offset `index` from the top (empty when
    /// `index` is outside).
    public func line(_ index: Int) -> Rect {
        guard index >= 0, index < height else {
            return Rect(row: row, col: col, height: 0, width: 0)
        }
        return Rect(row: row + index, col: col, height: 1, width: width)
    }

    /// The top `count` rows and the rest.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let taken = min(max(0, count), height)
        return (
            Rect(row: row, col: col, height: taken, width: width),
            Rect(row: row + taken, col: col, height: height - taken, width: width)
        )
    }

    /// The bottom `count` rows and the rest.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let taken = min(max(0, count), height)
        return (
            Rect(row: row, col: col, height: height - taken, width: width),
            Rect(row: bottom - taken, col: col, height: taken, width: width)
        )
    }

    /// Stacks parts top to bottom, one per extent, with `spacing` empty rows
    /// between them.
    public func rows(_ extents: [Extent], spacing: Int = 0) -> [Rect] {
        Rect.distribute(height, extents, spacing: spacing).map { offset, length in
            Rect(row: row + offset, col: col, height: length, width: width)
        }
    }

    /// Places parts left to right, one per extent, with `spacing` empty
    /// columns between them.
    public func columns(_ extents: [Extent], spacing: Int = 0) -> [Rect] {
        Rect.distribute(width, extents, spacing: spacing).map { offset, length in
            Rect(row: row, col: col + offset, height: height, width: length)
        }
    }

    /// A rectangle of at most the given size centred in this one.
    public func centered(height: Int, width: Int) -> Rect {
        let h = min(max(0, height), self.height)
        let w = min(max(0, width), self.width)
        return Rect(row: row + (self.height - h) / 2, col: col + (self.width - w) / 2, height: h, width: w)
    }

    /// Offsets and lengths along one axis. Fixed parts are served first, in
    /// order; flexible parts share the rest by weight, and the columns that
    /// do not divide evenly go one each to the first flexible parts.
    static func distribute(_ total: Int, _ extents: [Extent], spacing: Int) -> [(Int, Int)] {
        guard !extents.isEmpty else { return [] }
        let gap = max(0, spacing)
        var remaining = max(0, total - gap * (extents.count - 1))
        var lengths = [Int](repeating: 0, count: extents.count)
        for (index, extent) in extents.enumerated() {
            if case .fixed(let wanted) = extent {
                let taken = min(max(0, wanted), remaining)
                lengths[index] = taken
                remaining -= taken
            }
        }
        let weights = extents.map { extent -> Int in
            if case .flexible(let weight) = extent { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0 {
            var shared = 0
            for index in extents.indices where weights[index] > 0 {
                lengths[index] = remaining * weights[index] / totalWeight
                shared += lengths[index]
            }
            var leftover = remaining - shared
            for index in extents.indices where weights[index] > 0 && leftover > 0 {
                lengths[index] += 1
                leftover -= 1
            }
        }
        var offset = 0
        var result: [(Int, Int)] = []
        for length in lengths {
            let start = min(offset, total)
            result.append((start, min(length, max(0, total - start))))
            offset += length + gap
        }
        return result
    }
}
