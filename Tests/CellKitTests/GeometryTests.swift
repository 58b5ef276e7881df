import CellKit
import XCTest

final class GeometryTests: UTF8TestCase {
    func testColumnsFixedAndFlexible() {
        let area = Rect(row: 2, col: 0, height: 10, width: 80)
        let parts = area.columns([.fixed(10), .flexible(2), .fixed(20), .flexible(1)], spacing: 1)
        XCTAssertEqual(parts.map(\.width), [10, 32, 20, 15])
        XCTAssertEqual(parts.map(\.col), [0, 11, 44, 65])
        XCTAssertEqual(parts.last?.right, 80)
        XCTAssertTrue(parts.allSatisfy { $0.row == 2 && $0.height == 10 })
    }

    func testLeftoverGoesToTheFirstFlexibleParts() {
        let parts = Rect(row: 0, col: 0, height: 1, width: 10).columns([.fill, .fill, .fill])
        XCTAssertEqual(parts.map(\.width), [4, 3, 3])
    }

    func testFixedPartsShrinkWhenSpaceRunsOut() {
        let parts = Rect(row: 0, col: 0, height: 1, width: 12).columns([.fixed(8), .fixed(8), .fill], spacing: 1)
        XCTAssertEqual(parts.map(\.width), [8, 2, 0])
        XCTAssertTrue(parts.allSatisfy { $0.right <= 12 })
    }

    func testRowsAndScreenLayout() {
        let screen = Rect(size: Size(rows: 24, cols: 80))
        let parts = screen.rows([.fixed(1), .fill, .fixed(1), .fixed(1)])
        XCTAssertEqual(parts.map(\.row), [0, 1, 22, 23])
        XCTAssertEqual(parts.map(\.height), [1, 21, 1, 1])
        let (top, rest) = screen.splitTop(1)
        XCTAssertEqual(top.height, 1)
        XCTAssertEqual(rest.row, 1)
        let (body, bottom) = rest.splitBottom(2)
        XCTAssertEqual(body.height, 21)
        XCTAssertEqual(bottom.row, 22)
    }

    func testInsetIntersectionAndCentering() {
        let rect = Rect(row: 0, col: 0, height: 10, width: 20)
        XCTAssertEqual(rect.inset(by: 2), Rect(row: 2, col: 2, height: 6, width: 16))
        XCTAssertTrue(rect.inset(by: 11).isEmpty)
        XCTAssertEqual(rect.intersection(Rect(row: 5, col: 15, height: 10, width: 10)), Rect(row: 5, col: 15, height: 5, width: 5))
        XCTAssertTrue(rect.intersection(Rect(row: 20, col: 0, height: 1, width: 1)).isEmpty)
        XCTAssertEqual(rect.centered(height: 4, width: 10), Rect(row: 3, col: 5, height: 4, width: 10))
        XCTAssertEqual(rect.centered(height: 40, width: 40), rect)
        XCTAssertEqual(rect.line(3), Rect(row: 3, col: 0, height: 1, width: 20))
        XCTAssertTrue(rect.line(10).isEmpty)
    }
}
