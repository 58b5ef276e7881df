// DaichoPDF without the CLI: the built-in label sheets are valid data, a sheet that
// runs off the page is refused, Code 128 refuses what it cannot carry, and a form
// renders to a PDF of the pages it needs (a long table continues on a new page).

import DaichoCore
import DaichoPaper
@testable import DaichoPDF
import Foundation
import XCTest

final class DaichoPDFTests: XCTestCase {
    func test_builtInSheetsAreValidAndFitA4() throws {
        let names = LabelSheet.builtInNames
        XCTAssertTrue(names.contains(LabelSheet.defaultName), "\(names)")
        XCTAssertGreaterThanOrEqual(names.count, 3)
        for n in names {
            let s = try LabelSheet.load(n)
            XCTAssertEqual(s.name, n)
            XCTAssertEqual(s.page, .init(width: 210, height: 297), n)
            XCTAssertGreaterThan(s.perPage, 1)
        }
    }

    func test_sheetOffThePageIsRefused() throws {
        var s = try LabelSheet.load(LabelSheet.defaultName)
        s.columns = 4
        XCTAssertThrowsError(try s.validate("x")) { XCTAssertTrue("\($0)".contains("invalid")) }
        s = try LabelSheet.load(LabelSheet.defaultName)
        s.label.width = -1
        XCTAssertThrowsError(try s.validate("x"))
        XCTAssertThrowsError(try LabelSheet.load("no-such-sheet")) {
            XCTAssertTrue(($0 as? LabelSheetError)?.message(.en).contains(LabelSheet.defaultName) ?? false)
        }
    }

    func test_barcodes() {
        XCTAssertNil(Barcode("登録-1", .code128), "Code 128 carries ASCII only")
        XCTAssertNil(Barcode("", .qr))
        let c = Barcode("USB-2026-0001", .code128)
        XCTAssertEqual(c?.rows, 1)
        XCTAssertGreaterThan(c?.columns ?? 0, 100)
        let q = Barcode(String(repeating: "ab", count: 32), .qr)
        XCTAssertEqual(q?.rows, q?.columns, "a QR code is square")
        XCTAssertEqual(Barcode("登録-1", .qr)?.symbology, .qr)
    }

    func test_longTableContinuesOnANewPage() throws {
        let stamp = Paper.Stamp(records: 3, headHash: String(repeating: "0f", count: 32), printedAt: "2026-11-25 10:00")
        let rows = (1...60).map { ["品目\($0)", "\($0)部"] }
        let one = try Sheet(title: "t", blocks: [.title("送付リスト"), .table(Forms.itemColumns, Array(rows.prefix(3))), .stamp("HO-1", stamp)]).render()
        let many = try Sheet(title: "t", blocks: [.title("送付リスト"), .table(Forms.itemColumns, rows), .stamp("HO-1", stamp)]).render()
        XCTAssertEqual(one.prefix(5), Data("%PDF-".utf8))
        XCTAssertEqual(pages(one), 1)
        XCTAssertGreaterThan(pages(many), 1)
    }

    /// Pages counted from the PDF's page objects (cairo writes `/Type /Page` for each).
    func pages(_ d: Data) -> Int {
        let text = String(decoding: d, as: UTF8.self)
        return (try? NSRegularExpression(pattern: "/Type\\s*/Page(?!s)"))?.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)) ?? 0
    }

    func test_reiwaTime() {
        XCTAssertEqual(reiwaTime("2026-11-25 10:00"), "令和8年11月25日 10:00")
        XCTAssertEqual(reiwaTime("2019-05-01 00:00"), "令和元年5月1日 00:00")
    }
}
