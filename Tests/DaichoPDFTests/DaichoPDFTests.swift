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

/// Every text form has a PDF: what its page was told (titles, fields, tables, cut, stamps) is
/// captured and drawn as a sheet (the way the lifecycle and rule-book forms get theirs).
final class CapturedFormTests: XCTestCase {
    func test_aTextFormCapturedIsASheet() throws {
        var l = Ledger()
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        try l.apply(Record(seq: 0, at: t0, actor: "kanri", prev: Record.genesisHash,
                           change: try Ledger.initialize(unit: "第1通信隊", officer: "kanri", name: "管理 太郎", title: nil, rank: nil)))
        let change = try l.decide(.newHandover(to: "株式会社防衛システム", contract: "R8-1", returnRequired: false,
                                               items: [HandoverItem(name: "仕様書", quantity: "2部")], media: [], note: nil),
                                  by: Actor(login: "kanri"), now: t0 + 60, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        try l.apply(Record(seq: l.nextSeq, at: t0 + 60, actor: "kanri", prev: Record.genesisHash, change: change))
        let stamp = Paper.Stamp(records: l.nextSeq, headHash: String(repeating: "ab", count: 32), printedAt: "2026-11-25 10:00")
        let (lines, blocks) = try Paper.capture { try Paper.form("HO-0001", ledger: l, stamp: stamp) }
        XCTAssertFalse(lines.isEmpty)
        XCTAssertEqual(blocks.filter { if case .stamp = $0 { return true }; return false }.count, 2, "a stamp on each half")
        XCTAssertTrue(blocks.contains(.cut("切　取　線")))
        XCTAssertTrue(blocks.contains(.table(headings: ["名　称", "数量等（枚数、媒体数等）、データの場合は容量等"], widths: [42, 31], rows: [["仕様書", "2部"]])))
        // Outside a capture nothing is recorded.
        XCTAssertEqual(try Paper.capture { 1 }.1, [])
        let pdf = try Sheet(title: "HO-0001", paper: blocks).render()
        XCTAssertEqual(pdf.prefix(5), Data("%PDF-".utf8))
        // DAICHO_PDF_KEEP=DIR keeps the PDF, to look at it.
        if let dir = ProcessInfo.processInfo.environment["DAICHO_PDF_KEEP"] { try pdf.write(to: URL(fileURLWithPath: dir + "/captured-HO-0001.pdf")) }
    }
}
