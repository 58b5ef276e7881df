import CellKit
import XCTest

final class TextWidthTests: UTF8TestCase {
    func testLocaleIsUTF8() {
        XCTAssertTrue(TextLocale.isUTF8)
        XCTAssertEqual(TextLocale.codeset, "UTF-8")
    }

    func testWidthOfMixedText() {
        XCTAssertEqual("".displayWidth, 0)
        XCTAssertEqual("abc".displayWidth, 3)
        XCTAssertEqual("送付".displayWidth, 4)
        XCTAssertEqual("USBメモリ".displayWidth, 3 + 6)
        XCTAssertEqual("ＡＢ".displayWidth, 4, "full-width Latin is wide")
        XCTAssertEqual("ｶﾀｶﾅ".displayWidth, 4, "half-width katakana is narrow")
        XCTAssertEqual("台帳 v2".displayWidth, 7)
    }

    func testCombiningMarksTakeNoColumn() {
        XCTAssertEqual("e\u{301}".displayWidth, 1)
        XCTAssertEqual("か\u{3099}".displayWidth, 2, "combining dakuten rides on its base")
        XCTAssertEqual(Character("e\u{301}").displayWidth, 1)
        let glyphs = TerminalText.glyphs("e\u{301}x")
        XCTAssertEqual(glyphs.map(\.width), [1, 1])
        XCTAssertEqual(glyphs.first?.character, "e\u{301}")
    }

    func testZeroWidthOnlyClustersAreDropped() {
        XCTAssertEqual("\u{301}a".displayWidth, 1)
        XCTAssertEqual("a\u{200B}b".displayWidth, 2)
        XCTAssertEqual(TerminalText.glyphs("\u{200B}").count, 0)
    }

    func testControlsAreMeasuredAsTheirVisibleForm() {
        XCTAssertEqual("\u{1B}".displayWidth, 2, "ESC is drawn as ^[")
        XCTAssertEqual("a\tb".displayWidth, 3, "TAB is one space")
        XCTAssertEqual(Character("\u{7F}").displayWidth, 2)
    }

    func testTruncateNeverSplitsAWideCharacter() {
        XCTAssertEqual("送付先".truncated(toWidth: 6), "送付先")
        XCTAssertEqual("送付先".truncated(toWidth: 5), "送付 ")
        XCTAssertEqual("送付先".truncated(toWidth: 5).displayWidth, 5)
        XCTAssertEqual("送付先".truncated(toWidth: 4), "送付")
        XCTAssertEqual("送付先".truncated(toWidth: 1), " ")
        XCTAssertEqual("送付先".truncated(toWidth: 0), "")
        XCTAssertEqual("送付先".truncated(toWidth: -3), "")
        XCTAssertEqual("aあb".truncated(toWidth: 2), "a ")
        XCTAssertEqual("aあb".truncated(toWidth: 3), "aあ")
        XCTAssertEqual("short".truncated(toWidth: 20), "short", "truncation does not pad")
    }

    func testTruncateWithEllipsis() {
        // The mark follows the last character; the column a wide character could not take goes after it.
        XCTAssertEqual("総務部の共有USBメモリ".truncated(toWidth: 10, ellipsis: "~"), "総務部の~ ")
        XCTAssertEqual("総務 部の共有".truncated(toWidth: 6, ellipsis: "~"), "総務 ~", "a real space before the cut stays")
        XCTAssertEqual("総務部の共有USBメモリ".truncated(toWidth: 10, ellipsis: "~").displayWidth, 10)
        XCTAssertEqual("abc".truncated(toWidth: 3, ellipsis: "~"), "abc")
        XCTAssertEqual("abcdef".truncated(toWidth: 4, ellipsis: ".."), "ab..")
        XCTAssertEqual("abcdef".truncated(toWidth: 1, ellipsis: ".."), ".")
    }

    func testPaddingIsExact() {
        let cases: [(String, Int)] = [("", 4), ("a", 4), ("あ", 4), ("あい", 3), ("aあいう", 6), ("ｶﾅ漢字", 7)]
        for (text, width) in cases {
            for alignment in [Alignment.left, .right, .center] {
                let padded = text.padded(toWidth: width, alignment: alignment)
                XCTAssertEqual(padded.displayWidth, width, "\(text) \(alignment)")
            }
        }
        XCTAssertEqual("あ".padded(toWidth: 5), "あ   ")
        XCTAssertEqual("あ".padded(toWidth: 5, alignment: .right), "   あ")
        XCTAssertEqual("あ".padded(toWidth: 5, alignment: .center), " あ  ")
        XCTAssertEqual("あいう".padded(toWidth: 5, alignment: .right), "あい ")
    }

    func testEmojiZWJSequenceIsMeasuredAsCursesPlacesIt() {
        let family = "👨\u{200D}👩\u{200D}👧"
        let glyphs = TerminalText.glyphs(family)
        XCTAssertEqual(glyphs.count, 3)
        XCTAssertEqual(family.displayWidth, 6)
    }
}
