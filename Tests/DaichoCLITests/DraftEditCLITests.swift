// `daicho handover edit` and `daicho transfer edit` (issue 13): a draft edited by
// its drafter or the officer (002 第19条), items and media given replacing their
// lists, every medium through the exit check again (002 別表1), one-line messages,
// and each refusal leaving the journal byte-for-byte unchanged.

import Foundation
import XCTest

final class DraftEditCLITests: CLITestCase {

    func test_handoverEditReplacesWhatIsGivenAndKeepsTheRest_002_第19条() throws {
        setUpUnit()
        let a = register(), b = register(), banned = register(["--restrict", "配布禁止"])
        let id = line(ok(["handover", "new", "--to", "A社", "--item", "仕様書=2部", "--media", a, "--note", "至急"], as: "tanaka"))
        let edited = ok(["handover", "edit", id, "--to", "B社 部長", "--item", "図面=3枚", "--item", "仕様書=1部"], as: "tanaka")
        XCTAssertEqual(edited.stdout, "送付リスト \(id) を修正しました\n")
        var h = try ok(["handover", "show", id, "--json"], as: "kansa").object()
        XCTAssertEqual(h["to"] as? String, "B社 部長")
        XCTAssertEqual(h["note"] as? String, "至急", "--note omitted keeps it")
        let items = (h["items"] as? [[String: Any]] ?? []).map { $0["name"] as? String }
        XCTAssertEqual(items, ["図面", "仕様書", "USBメモリ \(a)"], "--item replaced the documents; the media kept")
        ok(["handover", "edit", id, "--media", b, "--note", ""], as: "kanri")
        h = try ok(["handover", "show", id, "--json"], as: "kansa").object()
        XCTAssertEqual((h["items"] as? [[String: Any]] ?? []).compactMap { $0["registration"] as? String }, [b])
        XCTAssertTrue(h["note"] is NSNull, "--note \"\" clears it")
        // Refusals: another clerk, the auditor, a 配布禁止 medium, nothing changed, an unknown case.
        refused(["handover", "edit", id, "--to", "C社"], as: "sato", contains: "起案者（tanaka）か情報保証責任者")
        refused(["handover", "edit", id, "--to", "C社"], as: "kansa", contains: "権限")
        refused(["handover", "edit", id, "--media", banned], as: "tanaka", contains: "配布禁止")
        refused(["handover", "edit", id, "--to", "B社 部長"], as: "tanaka", contains: "変更する項目がありません")
        refused(["handover", "edit", "HO-0099", "--to", "C社"], as: "tanaka", contains: "HO-0099")
        refused(["handover", "edit", id, "--item", "名前だけ"], as: "tanaka", contains: "名称=数量")
        refused(["--lang", "en", "handover", "edit", id, "--to", "C社"], as: "sato", contains: "only the drafter (tanaka) or the officer may edit")
        // Dispatched: no more edits, by anyone.
        ok(["handover", "dispatch", id], as: "tanaka")
        refused(["handover", "edit", id, "--to", "C社"], as: "kanri", contains: "受領書待ち")
        // The journal says what happened, and verify accepts it.
        XCTAssertTrue(ok(["log"], as: "kansa").stdout.contains("送付リスト修正 \(id)"))
        ok(["verify"], as: "kansa")
    }

    /// 002 第48条3: a 機密性3 list edited after its permission needs permission again.
    func test_editingAPermittedC3ListAsksForPermissionAgain_002_第48条3() {
        setUpUnit()
        let id = line(ok(["handover", "new", "--to", "A社", "--item", "計画=1部", "--class", "3"], as: "tanaka"))
        ok(["approve", id, "--comment", "許可"], as: "kanri")
        let r = ok(["handover", "edit", id, "--to", "A社 部長"], as: "tanaka")
        XCTAssertEqual(r.stdout, "送付リスト \(id) を修正しました（機密性3: 改めて許可が必要です）\n")
        refused(["handover", "dispatch", id], as: "tanaka", contains: id)
        ok(["approve", id], as: "kanri")
        ok(["handover", "dispatch", id], as: "tanaka")
    }

    func test_transferEditByTheOfficer_001_付紙第3() throws {
        setUpUnit()
        let a = register(), b = register(), c = register()
        let id = line(ok(["transfer", "new", "--to", "第2通信隊", "--media", a], as: "fuku"))
        XCTAssertEqual(ok(["transfer", "edit", id, "--to", "第3通信隊", "--media", "\(b),\(c)"], as: "kanri").stdout, "送達票 \(id) を修正しました\n")
        let t = try ok(["transfer", "show", id, "--json"], as: "kansa").object()
        XCTAssertEqual(t["to"] as? String, "第3通信隊")
        XCTAssertEqual(t["media"] as? [String], [b, c])
        refused(["transfer", "edit", id, "--to", "X"], as: "tanaka", contains: "権限")
        refused(["transfer", "edit", id, "--media", "\(b),\(b)"], as: "kanri", contains: "二重")
        refused(["transfer", "edit", id, "--to", "第3通信隊"], as: "kanri", contains: "変更する項目がありません")
        ok(["transfer", "dispatch", id], as: "kanri")
        refused(["transfer", "edit", id, "--to", "X"], as: "kanri", contains: "受領票待ち")
        ok(["verify"], as: "kansa")
    }
}
