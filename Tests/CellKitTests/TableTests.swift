import CellKit
import SnapshotTesting
import XCTest

final class TableTests: UTF8TestCase {
    let columns = [
        TableColumn("番号", width: .fixed(6), alignment: .right),
        TableColumn("媒体", width: .flexible(2)),
        TableColumn("状態", width: .fixed(8)),
        TableColumn("担当者", width: .flexible(1)),
        TableColumn("期限", width: .fixed(10), alignment: .center),
    ]

    func media(_ count: Int) -> [TableRow] {
        let names = ["USBメモリ 総務部共用", "外付けHDD バックアップ用(経理)", "SDカード", "DVD-R 監査資料 2023年度 第3四半期 分", "USB Flash 32GB"]
        let people = ["山田太郎", "佐藤花子", "Smith, John", "髙橋", "渡辺 美咲子さんの代理の長い名前"]
        let states = ["保管中", "貸出中", "貸出中", "廃棄済", "保管中"]
        return (0..<count).map { index in
            let overdue = index % 4 == 1
            return TableRow(
                ["\(index + 1)", names[index % names.count], states[index % states.count], people[index % people.count],
                 overdue ? "期限切れ" : "2024-03-\(10 + index % 20)"],
                style: overdue ? Style(role: .warning) : .plain)
        }
    }

    func render(_ table: Table, rows: Int = 8, cols: Int = 80) -> Grid {
        var grid = Grid(rows: rows, cols: cols)
        grid.render(table, in: grid.bounds)
        return grid
    }

    func testEightyColumnsWithJapaneseData() {
        let grid = render(Table(columns: columns, rows: media(5), state: ListState(selected: 2)))
        for line in grid.text.split(separator: "\n", omittingEmptySubsequences: false) {
            XCTAssertEqual(String(line).displayWidth, 80)
        }
        assertSnapshot(of: grid.text, as: .lines, named: "text")
        assertSnapshot(of: grid.roleMask, as: .lines, named: "roles")
    }

    func testScrollingKeepsTheSelectionVisible() {
        let rows = media(30)
        var state = ListState(selected: 0)
        let area = Rect(row: 0, col: 0, height: 6, width: 80)
        let height = Table.bodyHeight(for: area)
        XCTAssertEqual(height, 5)
        state.move(by: 12, count: rows.count)
        state.scrollToSelection(count: rows.count, height: height)
        XCTAssertEqual(state.selected, 12)
        XCTAssertEqual(state.offset, 8)
        var grid = Grid(rows: 6, cols: 80)
        grid.render(Table(columns: columns, rows: rows, state: state), in: area)
        assertSnapshot(of: grid.text, as: .lines, named: "scrolled")
        XCTAssertEqual(grid.roleMask.split(separator: "\n").last.map(String.init), String(repeating: "S", count: 80))
        state.move(by: -3, count: rows.count)
        state.scrollToSelection(count: rows.count, height: height)
        XCTAssertEqual(state.offset, 8, "the view does not move while the selection stays inside it")
        state.move(by: -5, count: rows.count)
        state.scrollToSelection(count: rows.count, height: height)
        XCTAssertEqual(state.offset, 4)
    }

    func testRenderShowsTheSelectionEvenWithAStaleOffset() {
        let grid = render(Table(columns: columns, rows: media(30), state: ListState(selected: 29, offset: 0)), rows: 4)
        let last = grid.text.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.hasPrefix("    30 USB Flash 32GB"), last)
        XCTAssertEqual(grid.roleMask.split(separator: "\n").last.map(String.init), String(repeating: "S", count: 80))
    }

    func testLongValuesAreCutByWidth() {
        let narrow = [TableColumn("名前", width: .fixed(7)), TableColumn("x", width: .fill)]
        var grid = Grid(rows: 2, cols: 12)
        grid.render(Table(columns: narrow, rows: [TableRow(["あいうえおか", "末尾"])]), in: grid.bounds)
        XCTAssertEqual(grid.text, "名前    x   \nあいう~ 末尾", "a cut value ends in ~")
    }

    func testEmptyTableShowsItsNote() {
        let grid = render(Table(columns: columns, rows: [], emptyText: "登録された媒体はありません"), rows: 3, cols: 40)
        assertSnapshot(of: grid.text, as: .lines)
    }

    func testListStateClampsAndMoves() {
        var state = ListState()
        state.move(by: 1, count: 0)
        XCTAssertNil(state.selected)
        state.move(by: 1, count: 3)
        XCTAssertEqual(state.selected, 0)
        state.move(by: 10, count: 3)
        XCTAssertEqual(state.selected, 2)
        state.move(by: -10, count: 3)
        XCTAssertEqual(state.selected, 0)
        state.selectLast(count: 3)
        XCTAssertEqual(state.selected, 2)
        state.clamp(count: 1)
        XCTAssertEqual(state.selected, 0)
        state.clamp(count: 0)
        XCTAssertNil(state.selected)
        XCTAssertEqual(ListState(selected: nil, offset: 50).visibleOffset(count: 10, height: 4), 6)
    }
}
