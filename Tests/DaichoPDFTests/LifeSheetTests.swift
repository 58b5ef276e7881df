// The lifecycle forms drawn from their text form (Paper.capture → Sheet(title:paper:)): the
// 誓約書's 所属・官職名・氏名 (001 付紙第5) become lines to sign on with room before the stamp, a
// table keeps one row when empty (as the text form draws it) and a column is as wide as its
// heading. (The roster's marking on every page is checked through the CLI, LifePDFCLITests.)

import DaichoCore
import DaichoPaper
@testable import DaichoPDF
import Foundation
import Glibc
import XCTest

final class LifeSheetTests: XCTestCase {
    let stamp = Paper.Stamp(records: 1, headHash: String(repeating: "ab", count: 32), printedAt: "2026-11-25 10:00")

    override func setUp() {
        super.setUp()
        // The text form counts a wide character two columns only in a UTF-8 locale.
        XCTAssertNotNil(setlocale(LC_ALL, "C.UTF-8"))
    }

    func ledger() throws -> Ledger {
        var l = Ledger()
        try l.apply(Record(seq: 0, at: Date(timeIntervalSince1970: 1_795_000_000), actor: "kanri", prev: Record.genesisHash,
                           change: try Ledger.initialize(unit: "第1通信隊", officer: "kanri", name: "管理 太郎", title: "隊長", rank: "1尉")))
        return l
    }

    func test_pledgeSignatureLines_001_付紙第5() throws {
        let l = try ledger()
        let (lines, blocks) = Paper.capture { Paper.pledge(l.people["kanri"]!, ledger: l, stamp: stamp) }
        XCTAssertTrue(lines.contains { $0.hasPrefix("　（氏　名）　管理 太郎") }, "the text form unchanged: \(lines)")
        XCTAssertEqual(blocks.filter { if case .signature = $0 { return true }; return false }.count, 3)
        let sheet = Sheet(title: "誓約書", paper: blocks)
        let signed = sheet.blocks.compactMap { b -> String? in if case .signature(let label, let v) = b { return label + v }; return nil }
        XCTAssertEqual(signed.count, 3)
        XCTAssertTrue(signed[0].hasPrefix("（所　属）"))
        XCTAssertTrue(signed[2].hasPrefix("（氏　名）管理 太郎"))
        // Room to sign between the last line and the stamp.
        guard let s = sheet.blocks.lastIndex(where: { if case .stamp = $0 { return true }; return false }) else { return XCTFail("no stamp") }
        if case .space(let h) = sheet.blocks[s - 1] { XCTAssertGreaterThanOrEqual(h, 6) } else { XCTFail("no room before the stamp") }
        if case .line(let addressee, .left, let size) = sheet.blocks.first(where: { if case .line = $0 { return true }; return false })! {
            XCTAssertEqual(addressee, "統合幕僚長　殿")
            XCTAssertEqual(size, 12, "the addressee set as the other forms set it")
        } else { XCTFail("no addressee") }
        XCTAssertEqual(try sheet.render().prefix(5), Data("%PDF-".utf8))
    }

    func test_emptyTableKeepsARow_columnsAsWideAsTheirHeadings() {
        let sheet = Sheet(title: "t", paper: [.table(headings: ["番号", "確認結果"], widths: [30, 4], rows: [])])
        guard case .table(let cols, let rows, let minRows) = sheet.blocks[0] else { return XCTFail("\(sheet.blocks)") }
        XCTAssertEqual(rows.count, 0)
        XCTAssertEqual(minRows, 1)
        XCTAssertEqual(cols[0].share, 30)
        XCTAssertEqual(cols[1].share, 8 * 0.6 + 1, accuracy: 0.001, "確認結果 on one line")
    }
}
