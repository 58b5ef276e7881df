import CellKit
import XCTest

final class SanitizeTests: UTF8TestCase {
    func testEscapeSequencesBecomeVisibleText() {
        let hostile = "USB\u{1B}[2J\u{1B}]0;pwned\u{07}"
        let clean = TerminalText.sanitize(hostile)
        XCTAssertEqual(clean, "USB^[[2J^[]0;pwned^G")
        XCTAssertFalse(clean.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    func testC0DelAndC1Controls() {
        XCTAssertEqual(TerminalText.sanitize("a\u{00}b"), "a^@b")
        XCTAssertEqual(TerminalText.sanitize("line1\nline2\r"), "line1^Jline2^M")
        XCTAssertEqual(TerminalText.sanitize("tab\there"), "tab here")
        XCTAssertEqual(TerminalText.sanitize("x\u{7F}"), "x^?")
        XCTAssertEqual(TerminalText.sanitize("\u{9B}31m"), "<U+009B>31m", "C1 CSI")
        XCTAssertEqual(TerminalText.sanitize("\u{85}"), "<U+0085>")
    }

    func testBidiControlsAreNeutralised() {
        XCTAssertEqual(TerminalText.sanitize("abc\u{202E}fed"), "abc<U+202E>fed")
        for value: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let scalar = Unicode.Scalar(value)!
            let clean = TerminalText.sanitize("a" + String(Character(scalar)) + "b")
            XCTAssertFalse(clean.unicodeScalars.contains(scalar), TerminalText.codePoint(scalar))
            XCTAssertTrue(clean.contains(TerminalText.codePoint(scalar)))
        }
    }

    func testOrdinaryTextIsUnchanged() {
        let text = "台帳: USBメモリ #12 (総務部) — café"
        XCTAssertEqual(TerminalText.sanitize(text), text)
    }

    func testSanitizeIsIdempotent() {
        let hostile = "\u{1B}[31m赤\u{202E}\u{9B}\u{7F}\t"
        let once = TerminalText.sanitize(hostile)
        XCTAssertEqual(TerminalText.sanitize(once), once)
    }

    func testGridNeverStoresControls() {
        var grid = Grid(rows: 1, cols: 20)
        grid.put("a\u{1B}[2Jb\u{202E}", row: 0, col: 0)
        XCTAssertEqual(grid.text, "a^[[2Jb<U+202E>     ")
        for col in 0..<grid.cols {
            let scalars = grid.cell(row: 0, col: col)?.character?.unicodeScalars
            XCTAssertFalse(scalars?.contains { TerminalText.needsEscape($0) } ?? false)
        }
    }
}
