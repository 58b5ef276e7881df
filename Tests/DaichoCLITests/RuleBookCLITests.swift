// The rule book through the CLI contract (issue 11): closed restrictions, the
// one exit check, virus checks as facts, media amend, receipts that account for
// every medium, the 機密性3 handover permission and verify's warnings. Every
// refusal leaves the journal byte-for-byte unchanged (`refused` checks it).

import Foundation
import XCTest

final class RuleBookCLITests: CLITestCase {
    func test_ruleBookThroughTheCLI_002_別表1_第49条_001_第3_3() throws {
        setUpUnit()
        // 取扱制限 is a closed set (002 別表1).
        refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--restrict", "持ち出し禁止"], as: "kanri",
                contains: "複製禁止")
        // A 機密性3 medium without encryption leaves by no exit (002 第49条); once amended as encrypted it may.
        let c3 = register(cls: "3")
        refused(["transfer", "new", "--to", "第2通信隊", "--media", c3], as: "kanri", contains: "暗号化")
        refused(["media", "amend", c3, "--reason", "暗号化した", "--encrypted", "yes"], as: "tanaka")
        let amended = ok(["media", "amend", c3, "--reason", "暗号化した", "--encrypted", "yes", "--location", "ロッカー3"], as: "kanri").stdout
        XCTAssertTrue(amended.contains("暗号化: no → yes"), amended)
        let m = try show(c3)
        XCTAssertEqual(m["encrypted"] as? Bool, true)
        XCTAssertEqual(m["location"] as? String, "ロッカー3")
        XCTAssertEqual((m["history"] as? [[String: Any]])?.last?["type"] as? String, "medium.amended")

        // A use rests on a check; one recorded with the use names it (001 第3-3).
        let fresh = register(scanned: false)
        refused(["use", "start", fresh, "--purpose", "作業"], as: "tanaka", contains: "ウイルスチェック")
        ok(["use", "start", fresh, "--purpose", "作業", "--scanned", "clean", "--product", "P"], as: "tanaka")
        let uses = try ok(["use", "list", "--json"], as: "kansa").array()
        XCTAssertEqual(uses.last?["check"] as? Int, uses.last?["id"] as? Int)

        // A transfer whose 受領票 misses a medium stays open until it arrives late (001 付紙第3).
        let a = register(["--encrypted"]), b = register(["--encrypted"])
        let to = ok(["transfer", "new", "--to", "第2通信隊", "--media", "\(a),\(b)"], as: "kanri").stdout.trimmingCharacters(in: .newlines)
        ok(["transfer", "dispatch", to], as: "kanri")
        ok(["transfer", "receipt", to, "--by", "情報保証責任者 3等陸佐 高橋", "--received", a], as: "tanaka")
        var t = try ok(["transfer", "show", to, "--json"], as: "kansa").object()
        XCTAssertEqual(t["status"] as? String, "discrepancy")
        XCTAssertEqual(t["missing"] as? [String], [b])
        XCTAssertEqual(try status(b), "in_transit")
        refused(["transfer", "late", to, "--media", a], as: "tanaka")
        ok(["transfer", "late", to, "--media", b], as: "tanaka")
        t = try ok(["transfer", "show", to, "--json"], as: "kansa").object()
        XCTAssertEqual(t["status"] as? String, "received")

        // A 送付リスト with 機密性3 information waits for the officer's permission (002 第48条3).
        let ho = ok(["handover", "new", "--to", "A社", "--item", "計画=1部", "--class", "3"], as: "tanaka").stdout.trimmingCharacters(in: .newlines)
        refused(["handover", "dispatch", ho], as: "tanaka", contains: "許可")
        let queue = try ok(["approvals", "list", "--json"], as: "kanri").array()
        let entry = try XCTUnwrap(queue.first { $0["id"] as? String == ho })
        XCTAssertEqual(entry["kind"] as? String, "handover")
        XCTAssertEqual(entry["requester"] as? String, "tanaka")
        XCTAssertNotNil(entry["requested_at"] as? String)
        XCTAssertEqual(entry["subject"] as? String, ho)
        ok(["approve", ho], as: "kanri")
        ok(["handover", "dispatch", ho], as: "tanaka")

        // Local restrictions are declared with the exits they forbid; verify stays OK.
        ok(["config", "set", "restriction.部外秘", "handover,transfer"], as: "kanri")
        let local = register(["--restrict", "部外秘"])
        refused(["handover", "new", "--to", "A社", "--media", local, "--item", "x=1"], as: "tanaka", contains: "部外秘")
        let v = try ok(["verify", "--json"], as: "kansa").object()
        XCTAssertEqual(v["ok"] as? Bool, true)
        XCTAssertEqual(v["warnings"] as? [String], [])
    }
}
