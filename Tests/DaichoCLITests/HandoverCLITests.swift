// Handovers and transfers through the CLI contract: the whole 送付リスト /
// 受領書 story with a receipt going overdue by date (000 別記様式第3), a
// contractor case closed by return and a destruction report (003 8.1), media
// transfers both ways (001 付紙第3), the printed forms, and every refusal
// leaving the journal byte-for-byte unchanged.

import CellKit
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class HandoverCLITests: CLITestCase {
    func later(_ day: String) -> [String: String] { ["DAICHO_NOW": "\(day)T09:00"] }

    func test_dispatchOverdueReceiptDiscrepancyAcknowledgeClose_000_別記様式第3() throws {
        setUpUnit()
        let id = ok(["handover", "new", "--to", "株式会社防衛システム 営業部長", "--contract", "R8-123", "--item", "仕様書=2部",
                     "--item", "図面=15枚", "--note", "取扱注意", "--no-return", "先方で保存する写し"], as: "tanaka").stdout
        XCTAssertEqual(id, "HO-0001\n", "new prints only the id")
        refused(["handover", "receipt", "HO-0001", "--by", "山本"], as: "tanaka", contains: "起案中")
        ok(["handover", "dispatch", "HO-0001", "--due-days", "5"], as: "tanaka")
        var h = try ok(["handover", "show", "HO-0001", "--json"], as: "kansa").object()
        XCTAssertEqual(h["status"] as? String, "dispatched")
        XCTAssertEqual(h["due"] as? String, "2026-11-30")
        XCTAssertEqual(h["overdue"] as? Bool, false)
        // The receipt goes overdue by date, and shows so.
        XCTAssertEqual(try ok(["handover", "list", "--overdue", "--json"], as: "kansa", env: later("2026-11-30")).array().count, 0)
        let overdue = try ok(["handover", "list", "--overdue", "--json"], as: "kansa", env: later("2026-12-01")).array()
        XCTAssertEqual(overdue.map { $0["id"] as? String }, ["HO-0001"])
        XCTAssertEqual(overdue.first?["overdue"] as? Bool, true)
        XCTAssertTrue(ok(["handover", "list"], as: "kansa", env: later("2026-12-01")).stdout.contains("期限超過"))
        ok(["handover", "remind", "HO-0001", "--note", "電話で督促"], as: "tanaka", env: later("2026-12-01"))
        ok(["handover", "receipt", "HO-0001", "--by", "営業部 部長 山本 一", "--date", "令和8年12月2日", "--received", "仕様書=1部"],
           as: "sato", env: later("2026-12-03"))
        h = try ok(["handover", "show", "HO-0001", "--json"], as: "kansa", env: later("2026-12-03")).object()
        XCTAssertEqual(h["status"] as? String, "discrepancy")
        XCTAssertEqual((h["differences"] as? [[String: Any]])?.count, 2)
        XCTAssertEqual((h["reminders"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual((h["receipt"] as? [String: Any])?["date"] as? String, "2026-12-02")
        // The discrepancy waits in the supervisor's (and officers') approvals, not the clerk's.
        let waiting = try ok(["approvals", "list", "--json"], as: "suzuki", env: later("2026-12-03")).array()
        XCTAssertEqual(waiting.map { $0["kind"] as? String }, ["discrepancy"])
        XCTAssertEqual(waiting.first?["requester"] as? String, "sato")
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "tanaka").array().count, 0)
        XCTAssertTrue(ok(["approvals", "list"], as: "kanri", env: later("2026-12-03")).stdout.contains("受領差異の確認"))
        // Acknowledging is for a supervisor (or officer), never a clerk, never who recorded the receipt.
        refused(["handover", "acknowledge", "HO-0001", "--note", "確認"], as: "tanaka", contains: "権限")
        refused(["handover", "acknowledge", "HO-0001", "--note", "確認"], as: "kansa", contains: "権限")
        ok(["handover", "acknowledge", "HO-0001", "--note", "1部は先方保管、図面は再送"], as: "suzuki", env: later("2026-12-04"))
        h = try ok(["handover", "show", "HO-0001", "--json"], as: "kansa").object()
        XCTAssertEqual(h["status"] as? String, "closed")
        XCTAssertEqual((h["history"] as? [[String: Any]])?.map { $0["type"] as? String },
                       ["handover.drafted", "handover.dispatched", "handover.reminded", "handover.received", "handover.acknowledged"])
        XCTAssertEqual(try ok(["handover", "list", "--status", "closed", "--json"], as: "kansa").array().count, 1)
        let csv = ok(["export", "--what", "handovers", "--format", "csv", "--lang", "en"], as: "kansa").stdout
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}id,direction,status,to,"))
        XCTAssertTrue(csv.contains("HO-0001,outgoing,closed,株式会社防衛システム 営業部長,R8-123,false,2026-11-25,2026-11-30,"), csv)
        XCTAssertTrue(csv.contains("仕様書=2部;図面=15枚"), csv)
        XCTAssertEqual(try ok(["handover", "list", "--status", "draft", "--json"], as: "kansa").array().count, 0)
    }

    func test_contractorCaseClosesByReturnAndDestructionReport_003_8_1() throws {
        setUpUnit()
        let reg = register()
        ok(["handover", "new", "--to", "株式会社防衛システム", "--return-required", "--item", "仕様書=2部", "--media", reg], as: "tanaka")
        ok(["handover", "dispatch", "HO-0001"], as: "tanaka")
        XCTAssertEqual(try status(reg), "in_transit")
        ok(["handover", "receipt", "HO-0001", "--by", "山本"], as: "tanaka")
        XCTAssertEqual(try status(reg), "transferred")
        XCTAssertEqual(try ok(["handover", "show", "HO-0001", "--json"], as: "kansa").object()["status"] as? String, "received")
        refused(["handover", "destroyed", "HO-0001", "--report", "防シ第12号", "--date", "2026-11-25", "--by", " "], as: "tanaka")
        refused(["handover", "destroyed", "HO-0001", "--report", "防シ第12号", "--date", "2026-02-30", "--by", "山本"], as: "tanaka",
                contains: "日付として読めません")
        ok(["handover", "returned", "HO-0001", "--item", "USBメモリ \(reg)"], as: "tanaka")
        XCTAssertEqual(try status(reg), "stored")
        ok(["handover", "destroyed", "HO-0001", "--report", "防シ第12号", "--date", "R8.11.25", "--by", "情報セキュリティ責任者 山本"], as: "tanaka")
        let h = try ok(["handover", "show", "HO-0001", "--json"], as: "kansa").object()
        XCTAssertEqual(h["status"] as? String, "closed")
        XCTAssertEqual((h["items"] as? [[String: Any]])?.map { $0["settled"] as? String }, ["destroyed", "returned"])
    }

    func test_incomingAndOurReceipt() throws {
        setUpUnit()
        XCTAssertEqual(ok(["handover", "incoming", "--from", "陸上幕僚監部 運用支援課長", "--item", "会議資料=3部"], as: "tanaka").stdout, "HI-0001\n")
        let form = ok(["print", "incoming", "HI-0001"], as: "kansa").stdout
        XCTAssertTrue(form.contains("受　領　書"))
        XCTAssertTrue(form.contains("陸上幕僚監部 運用支援課長　殿"))
        XCTAssertTrue(form.contains("令和8年11月25日"))
        refused(["print", "handover", "HI-0001"], as: "kansa")
    }

    func test_transferBothWays_001_付紙第3() throws {
        setUpUnit()
        let a = register(), b = register()
        refused(["transfer", "new", "--to", "第2情報保証隊", "--media", "\(a),\(b)"], as: "tanaka", contains: "権限")
        XCTAssertEqual(ok(["transfer", "new", "--to", "第2情報保証隊", "--media", "\(a),\(b)"], as: "kanri").stdout, "TO-0001\n")
        ok(["transfer", "dispatch", "TO-0001"], as: "kanri")
        XCTAssertEqual(try status(a), "in_transit")
        refused(["use", "start", a, "--purpose", "x"], as: "tanaka", contains: "送達中")
        ok(["transfer", "receipt", "TO-0001", "--by", "情報保証責任者 3等陸佐 高橋"], as: "tanaka", env: later("2026-11-27"))
        XCTAssertEqual(try status(a), "transferred")
        XCTAssertEqual(try status(b), "transferred")
        XCTAssertEqual(try ok(["transfer", "show", "TO-0001", "--json"], as: "kansa").object()["status"] as? String, "received")

        let regs = ok(["transfer", "incoming", "--from", "第3部隊", "--media", "TS-USB32:USB-2025-0003", "--media", "DVD-R:DVD-2024-0001"], as: "kanri").stdout
        XCTAssertEqual(regs, "USB-2026-0003\nDVD-2026-0001\n", "prints only the new registration numbers")
        let m = try show("USB-2026-0003")
        XCTAssertEqual(m["origin"] as? String, "TI-0001")
        XCTAssertEqual(m["from_unit"] as? String, "第3部隊")
        XCTAssertEqual(m["their_registration"] as? String, "USB-2025-0003")
        refused(["transfer", "incoming", "--from", "第3部隊", "--media", "TS-USB32:USB-2025-0003"], as: "kanri", contains: "既に受領")
        refused(["transfer", "incoming", "--from", "第3部隊", "--media", "USB-2025-0009"], as: "kanri", contains: "型式:登録番号")
        XCTAssertTrue(ok(["print", "incoming", "TI-0001"], as: "kansa").stdout.contains("可搬記憶媒体受領票"))
    }

    /// Every printed form: the same display width on every line, the cut line, the case and the head.
    func test_printedFormsAnchorTheJournal() throws {
        guard setlocale(LC_ALL, "C.UTF-8") != nil, TextLocale.isUTF8 else { throw XCTSkip("no C.UTF-8 locale") }
        setUpUnit()
        let reg = register()
        ok(["handover", "new", "--to", "株式会社防衛システム", "--item", "仕様書=2部"], as: "tanaka")
        ok(["handover", "dispatch", "HO-0001"], as: "tanaka")
        ok(["transfer", "new", "--to", "第2情報保証隊", "--media", reg], as: "kanri")
        let head = ok(["verify"], as: "kansa").stdout.split(separator: "\n").last.map { String($0.split(separator: " ").last!) } ?? ""
        XCTAssertEqual(head.count, 64)
        for (args, cut) in [(["print", "handover", "HO-0001"], "切　取　線"), (["print", "transfer", "TO-0001"], "キ　リ　ト　リ")] {
            let lines = ok(args, as: "kansa").stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertGreaterThan(lines.count, 20)
            for l in lines { XCTAssertEqual(String(l).displayWidth, 80, "\(args): \(l)") }
            XCTAssertTrue(lines.contains { $0.contains(cut) })
            XCTAssertEqual(lines.filter { $0.contains(head) }.count, 2, "the head hash on each half")
        }
        refused(["print", "handover", "HO-0009"], as: "kansa", contains: "HO-0009")
        // Each printed form leaves a checkpoint with the head it carries.
        let checkpoints = try String(contentsOfFile: s.data + "/checkpoints.tsv", encoding: .utf8)
        XCTAssertTrue(checkpoints.contains("print HO-0001") && checkpoints.contains("print TO-0001"), checkpoints)
        XCTAssertTrue(checkpoints.contains(head))
    }

    func test_badInputLeavesTheJournalUnchanged() {
        setUpUnit()
        refused(["handover", "new", "--to", "X社"], as: "tanaka", contains: "品目")
        refused(["handover", "new", "--to", "X社", "--item", "仕様書"], as: "tanaka", contains: "名称=数量")
        refused(["handover", "new", "--to", "X社", "--item", "仕様書=1", "--item", "仕様書=2"], as: "tanaka", contains: "二重")
        refused(["handover", "new", "--to", "X\u{1B}[31m社", "--item", "a=1"], as: "tanaka", contains: "制御文字")
        refused(["handover", "new", "--to", "X社", "--item", "a=1"], as: "kansa", contains: "権限")
        refused(["handover", "new", "--to", "X社", "--item", "a=1"], as: "nanashi")
        refused(["handover", "new", "--to", "X社", "--item", String(repeating: "長", count: 300) + "=1"], as: "tanaka", contains: "200文字")
        ok(["handover", "new", "--to", "X社", "--item", "a=1"], as: "tanaka")
        refused(["handover", "dispatch", "HO-0001", "--date", "2026-11-26"], as: "tanaka", contains: "未来")
        refused(["handover", "dispatch", "HO-0001", "--date", "令和8年2月30日"], as: "tanaka", contains: "日付として読めません")
        refused(["handover", "dispatch", "HO-0001", "--due-days", "0"], as: "tanaka", contains: "1〜365")
        refused(["handover", "dispatch", "HO-0002"], as: "tanaka", contains: "HO-0002")
        refused(["handover", "remind", "HO-0001"], as: "tanaka", contains: "起案中")
        refused(["handover", "returned", "HO-0001"], as: "tanaka")
        refused(["config", "set", "handover.due_days", "0"], as: "kanri", contains: "1〜365")
        ok(["config", "set", "handover.due_days", "10"], as: "kanri")
        XCTAssertTrue(ok(["handover", "dispatch", "HO-0001"], as: "tanaka").stdout.contains("2026-12-05"))
    }
}
