import CellKit
import SnapshotTesting
import XCTest

final class GridTests: UTF8TestCase {
    func testEveryRowIsExactlyTheGridWidth() {
        var grid = Grid(rows: 3, cols: 9)
        grid.put("台帳ABC", row: 0, col: 0)
        grid.put("x媒体", row: 1, col: 4)
        grid.put("媒体管理表", row: 2, col: 1)
        for line in grid.text.split(separator: "\n", omittingEmptySubsequences: false) {
            XCTAssertEqual(String(line).displayWidth, 9)
        }
        // Cut at the edge: the last cell says so with `~` (issue 13), the wide glyph under it gives way.
        XCTAssertEqual(grid.text, "台帳ABC  \n    x媒体\n 媒体管 ~")
    }

    func testWideCharacterOccupiesTwoCells() {
        var grid = Grid(rows: 1, cols: 4)
        let next = grid.put("あ", row: 0, col: 1)
        XCTAssertEqual(next, 3)
        XCTAssertEqual(grid.cell(row: 0, col: 1)?.content, .wide("あ"))
        XCTAssertEqual(grid.cell(row: 0, col: 2)?.content, .continuation)
    }

    func testOverwritingTheRightHalfBlanksTheLeftHalf() {
        var grid = Grid(rows: 1, cols: 6)
        grid.put("あいう", row: 0, col: 0)
        grid.put("x", row: 0, col: 3)
        XCTAssertEqual(grid.text, "あ xう")
        XCTAssertEqual(grid.cell(row: 0, col: 2)?.content, .narrow(" "))
    }

    func testOverwritingTheLeftHalfBlanksTheRightHalf() {
        var grid = Grid(rows: 1, cols: 6)
        grid.put("あいう", row: 0, col: 0)
        grid.put("y", row: 0, col: 2)
        XCTAssertEqual(grid.text, "あy う")
        XCTAssertEqual(grid.cell(row: 0, col: 3)?.content, .narrow(" "))
    }

    func testWideOverWideAtAnOffset() {
        var grid = Grid(rows: 1, cols: 6)
        grid.put("あいう", row: 0, col: 0)
        grid.put("漢", row: 0, col: 1)
        XCTAssertEqual(grid.text, " 漢 う")
    }

    func testFillOverHalfAWideCharacter() {
        var grid = Grid(rows: 2, cols: 6)
        grid.put("あいう", row: 0, col: 0)
        grid.put("あいう", row: 1, col: 0)
        grid.fill(Rect(row: 0, col: 3, height: 2, width: 1), with: "|")
        XCTAssertEqual(grid.text, "あ |う\nあ |う")
    }

    /// A wide glyph that does not fit is left out, and text left out is marked `~` (issue 13:
    /// never cut without saying so).
    func testWideCharacterThatDoesNotFitGivesWayToTilde() {
        var grid = Grid(rows: 1, cols: 5)
        grid.put("abあい", row: 0, col: 0)
        XCTAssertEqual(grid.text, "abあ~")
        var clipped = Grid(rows: 1, cols: 8)
        let next = clipped.put("あいう", row: 0, col: 1, width: 3)
        XCTAssertEqual(clipped.text, " あ~    ")
        XCTAssertEqual(next, 4)
    }

    func testClippingAtTheLeftEdge() {
        var grid = Grid(rows: 1, cols: 5)
        grid.put("あいう", row: 0, col: -1)
        XCTAssertEqual(grid.text, " いう")
        grid.put("zz", row: 0, col: -5)
        XCTAssertEqual(grid.text, " いう")
    }

    func testWritesOutsideTheGridAreIgnored() {
        var grid = Grid(rows: 2, cols: 3)
        grid.put("abc", row: -1, col: 0)
        grid.put("abc", row: 2, col: 0)
        grid.put("abc", row: 0, col: 3)
        grid.fill(Rect(row: 5, col: 5, height: 2, width: 2), with: "#")
        XCTAssertEqual(grid.text, "   \n   ")
        XCTAssertNil(grid.cell(row: 2, col: 0))
        let empty = Grid(rows: 0, cols: 0)
        XCTAssertEqual(empty.text, "")
    }

    func testSpansContinueWhereThePreviousEnded() {
        var grid = Grid(rows: 1, cols: 12)
        let next = grid.put(Line([Span("期限", style: .role(.warning)), Span(": "), Span("明日", style: .role(.accent))]), row: 0, col: 1)
        XCTAssertEqual(next, 11)
        XCTAssertEqual(grid.text, " 期限: 明日 ")
        XCTAssertEqual(grid.roleMask, ".WWWW..AAAA.")
    }

    func testStyleOfTheRemainingHalfIsKept() {
        var grid = Grid(rows: 1, cols: 4)
        grid.put("あい", row: 0, col: 0, style: .role(.selected))
        grid.put("x", row: 0, col: 1)
        XCTAssertEqual(grid.roleMask, "S.SS")
    }

    func testSetStyleCoversBothHalvesOfAWideCharacter() {
        var grid = Grid(rows: 1, cols: 6)
        grid.put("あいう", row: 0, col: 0)
        grid.setStyle(Style(role: .accent, attributes: [.bold]), in: Rect(row: 0, col: 3, height: 1, width: 1))
        XCTAssertEqual(grid.roleMask, "..AA..")
        XCTAssertEqual(grid.attributeMask, "..11..")
        XCTAssertEqual(grid.text, "あいう")
    }

    func testCombiningMarksStayInTheirCell() {
        var grid = Grid(rows: 1, cols: 3)
        grid.put("e\u{301}か\u{3099}", row: 0, col: 0)
        XCTAssertEqual(grid.cell(row: 0, col: 0)?.content, .narrow("e\u{301}"))
        XCTAssertEqual(grid.cell(row: 0, col: 1)?.content, .wide("か\u{3099}"))
    }

    func testCursorIsData() {
        var grid = Grid(rows: 2, cols: 2)
        XCTAssertNil(grid.cursor)
        grid.cursor = Position(row: 1, col: 1)
        XCTAssertEqual(grid.cursor, Position(row: 1, col: 1))
    }

    func testTextAndMasksSnapshot() {
        var grid = Grid(rows: 5, cols: 24)
        grid.fill(grid.bounds.line(0), style: .role(.title))
        grid.put(" 台帳 媒体一覧", row: 0, col: 0, style: .role(.title))
        grid.put("USBメモリ#3 貸出中", row: 1, col: 1, style: Style(role: .selected, attributes: [.bold]))
        grid.put("期限切れ 2日", row: 2, col: 1, style: Style(role: .warning, attributes: [.underline]))
        grid.put("あいうえお", row: 3, col: 0)
        grid.put("X", row: 3, col: 3)
        grid.put("muted", row: 4, col: 19, style: Style(role: .muted, attributes: [.dim]))
        assertSnapshot(of: grid.text, as: .lines, named: "text")
        assertSnapshot(of: grid.roleMask, as: .lines, named: "roles")
        assertSnapshot(of: grid.attributeMask, as: .lines, named: "attributes")
    }
}
