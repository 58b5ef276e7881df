import CellKit
import SnapshotTesting
import XCTest

final class WidgetTests: UTF8TestCase {
    func testTitleBarPutsDetailOnTheRight() {
        var grid = Grid(rows: 1, cols: 30)
        grid.render(TitleBar(title: "台帳 媒体一覧", detail: "12/30件"), in: grid.bounds)
        XCTAssertEqual(grid.text, " 台帳 媒体一覧        12/30件 ")
        XCTAssertEqual(grid.roleMask, String(repeating: "T", count: 30))
    }

    func testTitleBarDropsADetailThatDoesNotFit() {
        var grid = Grid(rows: 1, cols: 16)
        grid.render(TitleBar(title: "台帳 媒体一覧", detail: "12/30件"), in: grid.bounds)
        XCTAssertEqual(grid.text, " 台帳 媒体一覧  ")
        var tiny = Grid(rows: 1, cols: 6)
        tiny.render(TitleBar(title: "台帳 媒体一覧", detail: "x"), in: tiny.bounds)
        XCTAssertEqual(tiny.text, " 台帳~", "a title cut ends in ~")
    }

    func testMessageLineStylesByKind() {
        var grid = Grid(rows: 1, cols: 20)
        grid.put("old text old text", row: 0, col: 0)
        grid.render(MessageLine("保存できません", kind: .error), in: grid.bounds)
        XCTAssertEqual(grid.text, "保存できません      ")
        XCTAssertEqual(grid.roleMask, String(repeating: "E", count: 14) + "......")
        XCTAssertEqual(grid.attributeMask, String(repeating: "1", count: 14) + "......")
        grid.render(MessageLine(), in: grid.bounds)
        XCTAssertEqual(grid.text, String(repeating: " ", count: 20))
    }

    func testKeyHintBarDropsHintsThatDoNotFit() {
        let hints = [KeyHint(key: "Enter", label: "開く"), KeyHint(key: "/", label: "絞込"),
                     KeyHint(key: "?", label: "ヘルプ"), KeyHint(key: "q", label: "戻る")]
        var grid = Grid(rows: 2, cols: 36)
        grid.render(KeyHintBar(hints), in: grid.bounds.line(0))
        XCTAssertEqual(grid.text.split(separator: "\n").first.map(String.init), "Enter 開く  / 絞込  ? ヘルプ  q 戻る")
        XCTAssertEqual(grid.roleMask.split(separator: "\n").first.map(String.init), "KKKKK.......K.......K.........K.....")
        grid.render(KeyHintBar(hints), in: Rect(row: 1, col: 0, height: 1, width: 30))
        XCTAssertEqual(grid.text.split(separator: "\n").last.map(String.init), "Enter 開く  / 絞込  ? ヘルプ        ")
    }

    func testTextViewScrollsAndClampsItsOffset() {
        let lines = (1...10).map { Line([Span("2024-03-\($0)", style: .role(.muted)), Span(" 貸出 山田")]) }
        var grid = Grid(rows: 3, cols: 20)
        grid.render(TextView(lines, offset: 8), in: grid.bounds)
        XCTAssertEqual(grid.text, "2024-03-8 貸出 山田 \n2024-03-9 貸出 山田 \n2024-03-10 貸出 山田")
        XCTAssertEqual(TextView.maxOffset(count: 10, height: 3), 7)
    }

    func testWrapBreaksByDisplayWidth() {
        let wrapped = TextView.wrap([Line([Span("返却:", style: .role(.ok)), Span("総務部の共有USBメモリを返却しました")]), ""], width: 12)
        XCTAssertEqual(wrapped.map(\.plainText), ["返却:総務部", "の共有USBメ", "モリを返却し", "ました", ""])
        XCTAssertTrue(wrapped.allSatisfy { $0.displayWidth <= 12 })
        XCTAssertEqual(wrapped[0].spans.map(\.style.role), [.ok, .normal])
    }

    func testModalBoxHasNoBoxDrawingCharacters() {
        var grid = Grid(rows: 9, cols: 40)
        grid.fill(grid.bounds, with: ".")
        let box = ModalBox(title: "確認", lines: ["媒体 USB#3 を廃棄しますか?", "", Line("この操作は取り消せません", style: .role(.warning))],
                           footer: "y はい  n いいえ")
        grid.render(box, in: box.area(centeredIn: grid.bounds))
        assertSnapshot(of: grid.text, as: .lines, named: "text")
        assertSnapshot(of: grid.roleMask, as: .lines, named: "roles")
        XCTAssertFalse(grid.text.unicodeScalars.contains { (0x2500...0x257F).contains($0.value) })
    }

    func testHelpOverlayFromEntries() {
        let entries = [
            HelpEntry(keys: ["j", "Down"], description: "次の行", group: "移動"),
            HelpEntry(keys: ["k", "Up"], description: "前の行", group: "移動"),
            HelpEntry(keys: ["Enter"], description: "詳細を開く", group: "操作"),
            HelpEntry(keys: ["q", "Esc"], description: "戻る", group: "操作"),
        ]
        let overlay = HelpOverlay(title: "ヘルプ", entries: entries, footer: "Esc 閉じる")
        var grid = Grid(rows: 12, cols: 40)
        grid.render(overlay, in: grid.bounds)
        assertSnapshot(of: grid.text, as: .lines)
        var small = Grid(rows: 5, cols: 40)
        XCTAssertEqual(overlay.maxOffset(in: small.bounds), 4)
        small.render(HelpOverlay(title: "ヘルプ", entries: entries, offset: 99, footer: "Esc 閉じる"), in: small.bounds)
        XCTAssertTrue(small.text.contains("q Esc   戻る"), small.text)
    }

    func testTextFieldPlacesTheCursorOnlyWhenFocused() {
        var editor = LineEditor(text: "山田")
        editor.moveLeft()
        var grid = Grid(rows: 1, cols: 12)
        grid.render(TextField(editor, isFocused: false), in: Rect(row: 0, col: 4, height: 1, width: 8))
        XCTAssertNil(grid.cursor)
        grid.render(TextField(editor, isFocused: true), in: Rect(row: 0, col: 4, height: 1, width: 8))
        XCTAssertEqual(grid.cursor, Position(row: 0, col: 6))
        XCTAssertEqual(grid.text, "    山田    ")
        XCTAssertEqual(grid.attributeMask, "....44444444")
    }
}
