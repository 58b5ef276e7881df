// DaichoSheets: the bytes of spreadsheets. CSV as Excel writes it (quoted cells with
// commas, quotes and line breaks; CRLF), UTF-8 with or without a byte-order mark and
// CP932 through iconv, and .xlsx through libxlsxwriter.

import DaichoSheets
import Foundation
import XCTest

final class CSVTableTests: XCTestCase {
    func test_quotedCommasQuotesAndLineBreaks_CRLF_andTheLineEachRowStartsOn() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\r\nlast,3.5\" disk,\"cr\ronly\"\n"
        let rows = try CSVTable.read(text)
        XCTAssertEqual(rows.map(\.cells), [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["", "", ""],
                                           ["last", "3.5\" disk", "cr\ronly"]])
        XCTAssertEqual(rows.map(\.line), [1, 2, 4, 5], "a row after a cell with a line break starts on the next line of the file")
        XCTAssertEqual(rows.map(\.isBlank), [false, false, true, false])
        XCTAssertEqual(try CSVTable.read("h\nv").map(\.cells), [["h"], ["v"]], "the last line needs no line end")
        XCTAssertEqual(try CSVTable.read("h\r\n\r\nv\r\n").map(\.line), [1, 2, 3])
    }

    func test_aQuoteThatNeverClosesIsRefusedWithItsLine() {
        XCTAssertThrowsError(try CSVTable.read("a,b\n1,2\n\"open,3\n4,5\n")) {
            XCTAssertEqual($0 as? CSVTableError, .unterminatedQuote(line: 3))
        }
        XCTAssertThrowsError(try CSVTable.read("")) { XCTAssertEqual($0 as? CSVTableError, .empty) }
        XCTAssertNoThrow(try CSVTable.read("a\n\"closed \"\"quote\"\"\"\n"))
    }
}

final class SheetTextTests: XCTestCase {
    let japanese = "登録番号,保管場所\r\nUSB-1,金庫①　髙島～\r\n"

    func test_utf8WithAndWithoutBOM() throws {
        let bom = try SheetText.decode(Data([0xEF, 0xBB, 0xBF]) + Data(japanese.utf8))
        XCTAssertEqual(bom.text, japanese)
        XCTAssertEqual(bom.encoding, .utf8)
        XCTAssertTrue(bom.hadBOM)
        let plain = try SheetText.decode(Data(japanese.utf8))
        XCTAssertEqual(plain.text, japanese)
        XCTAssertFalse(plain.hadBOM)
    }

    func test_cp932IsReadWhenTheBytesAreNotUTF8_andWrittenBack() throws {
        let enc = try XCTUnwrap(CP932(toCP932: true))
        guard case .success(let bytes) = enc.encode(japanese) else { return XCTFail("CP932 holds ① 髙 ～") }
        XCTAssertEqual(Array(bytes.prefix(4)), [0x93, 0x6F, 0x98, 0x5E], "登録 in Shift_JIS")
        let d = try SheetText.decode(Data(bytes))
        XCTAssertEqual(d.encoding, .cp932)
        XCTAssertEqual(d.text, japanese)
        XCTAssertEqual(try SheetText.decode(Data(bytes), encoding: .cp932).text, japanese)
        XCTAssertThrowsError(try SheetText.decode(Data(bytes), encoding: .utf8)) {
            XCTAssertEqual($0 as? SheetTextError, .invalid(.utf8, offset: 0))
        }
    }

    func test_aCharacterCP932CannotHoldIsNamed_neverReplaced() throws {
        let enc = try XCTUnwrap(CP932(toCP932: true))
        XCTAssertEqual(enc.encode("吉野𠮷野家"), .failure(CP932.Unrepresentable(character: "𠮷")))
        XCTAssertEqual(enc.encode("ok 😀"), .failure(CP932.Unrepresentable(character: "😀")))
        // The converter is usable again after a failure.
        XCTAssertEqual(enc.encode("A"), .success([0x41]))
    }

    func test_whatIsNotACSVFileIsSaidSo() {
        XCTAssertThrowsError(try SheetText.decode(Data([0xFF, 0xFE, 0x41, 0x00]))) { XCTAssertEqual($0 as? SheetTextError, .utf16) }
        XCTAssertThrowsError(try SheetText.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x14]))) { XCTAssertEqual($0 as? SheetTextError, .workbook) }
        XCTAssertThrowsError(try SheetText.decode(Data([0x41, 0x00, 0x42]))) { XCTAssertEqual($0 as? SheetTextError, .binary(offset: 1)) }
        // 0x82 0xFF is neither UTF-8 nor CP932.
        XCTAssertThrowsError(try SheetText.decode(Data([0x41, 0x42, 0x82, 0xFF]))) {
            XCTAssertEqual($0 as? SheetTextError, .invalid(nil, offset: 2))
        }
        XCTAssertThrowsError(try SheetText.decode(Data([0xEF, 0xBB, 0xBF, 0x41, 0xC3]))) {
            XCTAssertEqual($0 as? SheetTextError, .invalid(.utf8, offset: 4))
        }
    }
}

final class WorkbookTests: XCTestCase {
    func test_writesAZipWorkbook_andRefusesNoSheets() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var p = WorkbookProperties()
        p.title = "台帳"; p.comments = "head abc"; p.custom = [("daicho_head_hash", "abc")]; p.pageHeader = "A & B"
        try Workbook.write([Sheet(name: "とても長いシートの名前は三十一文字までしか使えないので切られます", headings: ["登録番号", "n"],
                                  rows: [[.text("=1+1"), .number(3)], [.empty, .text("x")]])], properties: p, to: path)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertEqual(Array(bytes.prefix(4)), [0x50, 0x4B, 0x03, 0x04])
        XCTAssertThrowsError(try Workbook.write([], properties: p, to: path))
        XCTAssertThrowsError(try Workbook.write([Sheet(name: "s", headings: [], rows: [])], properties: p, to: "/no/such/dir/x.xlsx"))
    }
}
