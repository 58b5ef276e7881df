import CellKit
import XCTest

final class LineEditorTests: UTF8TestCase {
    func testTypingAndDeletingJapaneseCharacterByCharacter() {
        var editor = LineEditor()
        for character in "山田太郎" {
            XCTAssertTrue(editor.handle(.char(character)))
        }
        XCTAssertEqual(editor.text, "山田太郎")
        XCTAssertEqual(editor.cursor, 4)
        XCTAssertEqual(editor.render(width: 20).cursorColumn, 8)
        editor.handle(.backspace)
        XCTAssertEqual(editor.text, "山田太")
        XCTAssertEqual(editor.render(width: 20).cursorColumn, 6)
        editor.handle(.left)
        editor.handle(.left)
        XCTAssertEqual(editor.render(width: 20).cursorColumn, 2)
        editor.handle(.delete)
        XCTAssertEqual(editor.text, "山太")
        editor.handle(.char("本"))
        XCTAssertEqual(editor.text, "山本太")
        XCTAssertEqual(editor.cursor, 2)
        editor.handle(.backspace)
        editor.handle(.backspace)
        editor.handle(.backspace)
        XCTAssertEqual(editor.text, "太")
        XCTAssertEqual(editor.cursor, 0)
        XCTAssertEqual(editor.render(width: 5), LineEditor.Rendering(text: "太   ", cursorColumn: 0, offset: 0))
    }

    func testInputMethodCommitsSeveralCharactersAtOnce() {
        var editor = LineEditor(text: "USB")
        editor.insert("メモリ")
        XCTAssertEqual(editor.text, "USBメモリ")
        XCTAssertEqual(editor.cursor, 6)
        editor.moveHome()
        editor.insert("共用")
        XCTAssertEqual(editor.text, "共用USBメモリ")
        XCTAssertEqual(editor.render(width: 20).cursorColumn, 4)
    }

    func testCombiningCharacterIsOneUnit() {
        var editor = LineEditor(text: "か\u{3099}き")
        XCTAssertEqual(editor.characters.count, 2)
        editor.handle(.left)
        editor.handle(.backspace)
        XCTAssertEqual(editor.text, "き")
    }

    func testKillAndWordKeys() {
        var editor = LineEditor(text: "総務部 USB 3番")
        editor.moveLeft()
        editor.moveLeft()
        editor.handle(.ctrl("k"))
        XCTAssertEqual(editor.text, "総務部 USB ")
        editor.handle(.ctrl("w"))
        XCTAssertEqual(editor.text, "総務部 ")
        editor.handle(.ctrl("a"))
        editor.handle(.ctrl("f"))
        editor.handle(.ctrl("u"))
        XCTAssertEqual(editor.text, "務部 ")
        XCTAssertEqual(editor.cursor, 0)
        editor.handle(.ctrl("e"))
        XCTAssertEqual(editor.cursor, 3)
        editor.handle(.ctrl("b"))
        editor.handle(.ctrl("d"))
        XCTAssertEqual(editor.text, "務部")
    }

    func testKeysTheFieldDoesNotUse() {
        var editor = LineEditor(text: "a")
        for key: Key in [.enter, .escape, .tab, .backTab, .up, .down, .pageUp, .function(1), .ctrl("c"), .resize] {
            XCTAssertFalse(editor.handle(key), key.label)
        }
        XCTAssertEqual(editor.text, "a")
    }

    func testEdgesDoNothing() {
        var editor = LineEditor()
        XCTAssertFalse(editor.backspace())
        XCTAssertFalse(editor.deleteForward())
        editor.moveLeft()
        editor.moveRight()
        XCTAssertEqual(editor.cursor, 0)
        XCTAssertEqual(editor.render(width: 3), LineEditor.Rendering(text: "   ", cursorColumn: 0, offset: 0))
    }

    func testMaxLengthInCharacters() {
        var editor = LineEditor(maxLength: 4)
        XCTAssertTrue(editor.insert("山田"))
        XCTAssertFalse(editor.insert("太郎です"))
        XCTAssertEqual(editor.text, "山田太郎")
        XCTAssertTrue(editor.handle(.char("x")), "a full field still takes the key")
        XCTAssertEqual(editor.text, "山田太郎")
        editor.backspace()
        XCTAssertTrue(editor.insert("x"))
        XCTAssertEqual(editor.text, "山田太x")
        let long = LineEditor(text: "abcdef", maxLength: 3)
        XCTAssertEqual(long.text, "abc")
    }

    func testControlCharactersAreCleanedOnInsert() {
        var editor = LineEditor()
        editor.insert("a\u{1B}[31mb\tc\nd\u{202E}e\u{200B}f")
        XCTAssertEqual(editor.text, "a[31mb c def")
    }

    func testHorizontalScrollKeepsTheCursorVisible() {
        var editor = LineEditor()
        let width = 8
        var seen: [String] = []
        for character in "東京都千代田区" {
            editor.insert(String(character))
            editor.scrollToCursor(width: width)
            let rendering = editor.render(width: width)
            XCTAssertEqual(rendering.text.displayWidth, width)
            XCTAssertLessThan(rendering.cursorColumn, width)
            seen.append(rendering.text + "|\(rendering.cursorColumn)")
        }
        XCTAssertEqual(seen, [
            "東      |2", "東京    |4", "東京都  |6", "京都千  |6", "都千代  |6", "千代田  |6", "代田区  |6",
        ])
        for _ in 0..<4 {
            editor.moveLeft()
            editor.scrollToCursor(width: width)
        }
        XCTAssertEqual(editor.render(width: width), LineEditor.Rendering(text: "千代田区", cursorColumn: 0, offset: 3),
                       "moving left keeps the window until the cursor reaches its edge")
        editor.moveLeft()
        editor.scrollToCursor(width: width)
        XCTAssertEqual(editor.render(width: width), LineEditor.Rendering(text: "都千代田", cursorColumn: 0, offset: 2))
        editor.moveHome()
        XCTAssertEqual(editor.render(width: width).text, "東京都千", "render alone also shows the cursor")
        XCTAssertEqual(editor.render(width: width).cursorColumn, 0)
    }

    func testDeletingScrollsBackWhenTextFits() {
        var editor = LineEditor(text: "abcdefghij")
        editor.scrollToCursor(width: 5)
        XCTAssertEqual(editor.render(width: 5).text, "ghij ")
        for _ in 0..<6 {
            editor.backspace()
        }
        XCTAssertEqual(editor.render(width: 5), LineEditor.Rendering(text: "abcd ", cursorColumn: 4, offset: 0))
    }

    func testWideCharacterCutAtTheRightEdgeShowsASpace() {
        var editor = LineEditor(text: "aあいう")
        editor.moveHome()
        XCTAssertEqual(editor.render(width: 4).text, "aあ ")
    }
}
