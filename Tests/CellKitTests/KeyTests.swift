import CellKit
import XCTest

final class KeyTests: UTF8TestCase {
    func testDecodingControlCodes() {
        XCTAssertEqual(Key.decode(code: 3), .ctrl("c"))
        XCTAssertEqual(Key.decode(code: 1), .ctrl("a"))
        XCTAssertEqual(Key.decode(code: 26), .ctrl("z"))
        XCTAssertEqual(Key.decode(code: 9), .tab)
        XCTAssertEqual(Key.decode(code: 10), .enter)
        XCTAssertEqual(Key.decode(code: 13), .enter)
        XCTAssertEqual(Key.decode(code: 27), .escape)
        XCTAssertEqual(Key.decode(code: 127), .backspace)
        XCTAssertEqual(Key.decode(code: 8), .backspace)
        XCTAssertEqual(Key.decode(code: 0), .ctrl("@"))
        XCTAssertEqual(Key.decode(code: 28), .ctrl("\\"))
        XCTAssertEqual(Key.decode(code: 31), .ctrl("_"))
        XCTAssertEqual(Key.decode(code: 0x9B), .unknown(0x9B))
        XCTAssertEqual(Key.decode(code: 0x202E), .unknown(0x202E))
        XCTAssertNil(Key.decode(code: 0xD800))
    }

    func testDecodingCharacters() {
        XCTAssertEqual(Key.decode(code: 0x61), .char("a"))
        XCTAssertEqual(Key.decode(code: 0x20), .char(" "))
        XCTAssertEqual(Key.decode(code: 0x5C71), .char("山"))
        XCTAssertEqual(Key.decode(code: 0x1F600), .char("😀"))
    }

    func testLabelsAvoidAmbiguousWidthGlyphs() {
        let keys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab,
                           .backspace, .delete, .insert, .function(1), .function(12), .ctrl("c"), .alt("x"), .char(" "), .char("q"), .resize]
        XCTAssertEqual(keys.map(\.label), ["Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End", "Enter", "Esc", "Tab", "S-Tab",
                                           "BS", "Del", "Ins", "F1", "F12", "^C", "M-x", "Space", "q", "Resize"])
        for key in keys {
            XCTAssertTrue(key.label.unicodeScalars.allSatisfy { $0.isASCII }, key.label)
        }
        XCTAssertEqual(Key.char("\u{1B}").label, "^[")
    }

    func testNormalization() {
        XCTAssertEqual(Key.ctrl("C").normalized, .ctrl("c"))
        XCTAssertEqual(Key.ctrl("i").normalized, .tab)
        XCTAssertEqual(Key.ctrl("m").normalized, .enter)
        XCTAssertEqual(Key.ctrl("h").normalized, .backspace)
        XCTAssertEqual(Key.ctrl("[").normalized, .escape)
        XCTAssertEqual(Key.char("\t").normalized, .tab)
        XCTAssertEqual(Key.char("\r\n").normalized, .enter)
        XCTAssertEqual(Key.char("x").normalized, .char("x"))
        XCTAssertEqual(Key.up.normalized, .up)
    }
}
