// The printed forms against golden files (Golden/*.txt), and what must hold on
// any of them: every line the same display width (a monospaced Japanese font
// prints it as a rectangle), the cut line between the halves, 令和 dates, and
// the case number with the journal's head on each half.
// 000 別記様式第3 (送付リスト/受領書), 001 付紙第3 (送達票/受領票).
//
// Re-record after a deliberate change: DAICHO_RECORD_GOLDEN=1 swift test --filter PaperTests

import CellKit
@testable import DaichoCore
import DaichoPaper
import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

final class PaperTests: XCTestCase {
    let tz = TimeZone(identifier: "Asia/Tokyo")!
    var now = Date(timeIntervalSince1970: TimeInterval(Civil(year: 2026, month: 11, day: 25).epochSeconds))
    var ledger = Ledger()
    let stamp = Paper.Stamp(records: 42, headHash: String(repeating: "3f2a9c1d", count: 8), printedAt: "2026-11-25 09:00")

    override func setUpWithError() throws {
        guard setlocale(LC_ALL, "C.UTF-8") != nil, TextLocale.isUTF8 else { throw XCTSkip("no C.UTF-8 locale") }
        ledger = Ledger()
        let h = try Ledger.initialize(unit: "第1情報保証隊", officer: "kanri", name: "管理 太郎", title: "情報保証責任者", rank: "2等陸佐")
        try add(h, "kanri")
        try run(.enroll(login: "tanaka", name: "田中 一郎", roles: [.clerk], title: "事務官", rank: nil, section: "総務班"), "kanri")
        try run(.enroll(login: "suzuki", name: "鈴木 三郎", roles: [.supervisor], title: nil, rank: nil, section: nil), "kanri")
    }

    func add(_ c: Change, _ login: String) throws {
        try ledger.apply(Record(seq: ledger.nextSeq, at: now, actor: login, prev: Record.genesisHash, change: c))
    }
    func run(_ c: Command, _ login: String) throws {
        try add(try ledger.decide(c, by: Actor(login: login), now: now, timeZone: tz), login)
    }
    func register(_ model: String) throws -> String {
        var n = NewMedium(kind: .usb, category: .business, classification: .c2)
        n.model = model
        try run(.register(n), "kanri")
        return ledger.mediaOrder.last!
    }

    let items = [HandoverItem(name: "装備品仕様書（第3版）", quantity: "2部"),
                 HandoverItem(name: "試験データ（評価結果一式、暗号化済みのZIPファイルで提供するもの）", quantity: "1媒体 120MB"),
                 HandoverItem(name: "図面", quantity: "15枚")]

    // MARK: golden files

    func test_handoverAsDispatched() throws {
        try run(.newHandover(to: "株式会社防衛システム 営業部長", contract: "R8-装-123", returnRequired: false, items: items, media: [],
                             note: "取扱いに注意すること", noReturn: "提供先で保存する資料"), "tanaka")
        try run(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), "tanaka")
        try golden("handover-dispatched", Paper.form("HO-0001", ledger: ledger, stamp: stamp))
    }

    func test_handoverWithReceiptAndDiscrepancy() throws {
        let m = try register("TS-USB32")
        try run(.newHandover(to: "株式会社防衛システム", contract: nil, returnRequired: true, items: items, media: [m], note: nil), "tanaka")
        try run(.dispatchHandover(id: "HO-0001", date: Day("2026-11-20"), dueDays: 3), "tanaka")
        try run(.receiveHandover(id: "HO-0001", by: "営業部 部長 山本 一", date: Day("2026-11-24"),
                                 received: [ReceivedItem(name: items[0].name, quantity: "1部"), ReceivedItem(name: items[1].name, quantity: "1媒体 120MB"),
                                            ReceivedItem(name: "USBメモリ \(m)", quantity: "1媒体")]), "tanaka")
        try golden("handover-received", Paper.form("HO-0001", ledger: ledger, stamp: stamp))
    }

    func test_incomingHandover() throws {
        try run(.incomingHandover(from: "陸上幕僚監部 運用支援課長", items: items, date: nil, note: "会議資料"), "tanaka")
        try golden("incoming-handover", Paper.form("HI-0001", ledger: ledger, stamp: stamp))
    }

    func test_transfer() throws {
        let a = try register("TS-USB32"), b = try register("Buffalo RUF3")
        try run(.newTransfer(to: "第2情報保証隊", media: [a, b], note: "定期交換"), "kanri")
        try run(.dispatchTransfer(id: "TO-0001", date: nil), "kanri")
        try golden("transfer-dispatched", Paper.form("TO-0001", ledger: ledger, stamp: stamp))
    }

    func test_incomingTransfer() throws {
        try run(.incomingTransfer(from: "第3部隊", media: [IncomingMediumInput(model: "TS-USB32", theirs: "USB-2025-0003")],
                                  kind: nil, category: .business, classification: .c2, date: nil, note: nil), "kanri")
        try golden("incoming-transfer", Paper.form("TI-0001", ledger: ledger, stamp: stamp))
    }

    // MARK: what holds on every form

    func test_everyFormIsARectangleWithItsAnchors() throws {
        let m = try register("TS-USB32")
        try run(.newHandover(to: String(repeating: "長い宛先", count: 30), contract: nil, returnRequired: false,
                             items: [HandoverItem(name: String(repeating: "名", count: 150), quantity: String(repeating: "9", count: 90))],
                             media: [m], note: String(repeating: "備考", count: 200)), "tanaka")
        try run(.newTransfer(to: "第2隊", media: [try register("x")], note: nil), "kanri")
        try run(.incomingHandover(from: "A", items: items, date: nil, note: nil), "tanaka")
        try run(.incomingTransfer(from: "B", media: [IncomingMediumInput(model: "m", theirs: "SD-1")], kind: nil, category: .business,
                                  classification: .c1, date: nil, note: nil), "kanri")
        for id in ["HO-0001", "TO-0001", "HI-0001", "TI-0001"] {
            let lines = try Paper.form(id, ledger: ledger, stamp: stamp)
            for (i, l) in lines.enumerated() {
                XCTAssertEqual(l.displayWidth, Paper.width, "\(id) line \(i + 1) is \(l.displayWidth) wide: \(l)")
                XCTAssertFalse(l.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(id) line \(i + 1)")
                // Ambiguous-width characters print one or two columns depending on the font.
                XCTAssertFalse(l.contains { "※…─│┌┐└┘├┤┬┴┼○●■□".contains($0) }, "\(id) line \(i + 1): \(l)")
            }
            XCTAssertEqual(lines.filter { $0.contains("案件 \(id)") }.count, id.hasSuffix("I-0001") ? 1 : 2, "\(id): each half carries the case")
            XCTAssertTrue(lines.contains { $0.contains(stamp.headHash) }, id)
        }
        XCTAssertTrue(try Paper.form("HO-0001", ledger: ledger, stamp: stamp).contains { $0.contains("切　取　線") })
        XCTAssertTrue(try Paper.form("TO-0001", ledger: ledger, stamp: stamp).contains { $0.contains("キ　リ　ト　リ") })
        XCTAssertThrowsError(try Paper.form("HO-0099", ledger: ledger, stamp: stamp))
    }

    /// Text from a journal written elsewhere may hold control characters: never on paper.
    func test_controlCharactersNeverReachPaper() throws {
        var d = HandoverDraftData(handover: "HO-0001", to: "悪\u{1B}[2J社", contract: nil, returnRequired: false,
                                  items: [HandoverItem(name: "a\u{07}b\u{202E}c", quantity: "1")], note: nil)
        d.note = "x\ny"
        try add(.handoverDrafted(d), "tanaka")
        let text = try Paper.form("HO-0001", ledger: ledger, stamp: stamp).joined(separator: "\n")
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        XCTAssertTrue(text.contains("悪^[[2J社"))
    }

    // MARK: golden files

    func golden(_ name: String, _ lines: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
        let text = lines.joined(separator: "\n") + "\n"
        for (i, l) in lines.enumerated() {
            XCTAssertEqual(l.displayWidth, Paper.width, "line \(i + 1) of \(name)", file: file, line: line)
        }
        if ProcessInfo.processInfo.environment["DAICHO_RECORD_GOLDEN"] != nil || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            if ProcessInfo.processInfo.environment["DAICHO_RECORD_GOLDEN"] == nil {
                XCTFail("recorded a new golden file \(name).txt: check it and run again", file: file, line: line)
            }
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false), a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(e, a).enumerated().first { $1.0 != $1.1 }.map { $0.offset + 1 } ?? min(e.count, a.count)
            XCTFail("\(name).txt differs from line \(first):\n- \(first <= e.count ? String(e[first - 1]) : "")\n+ \(first <= a.count ? String(a[first - 1]) : "")",
                    file: file, line: line)
        }
    }
}
