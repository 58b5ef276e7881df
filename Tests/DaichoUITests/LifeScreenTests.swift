// The standing duties on screen (issue 12): the key register (かぎ管理簿,
// 001 第2-2), the inventories (点検, 001 第6) and the loss incidents (亡失事案,
// 001 付紙第4 3(5), 付紙第8), opened from home (the tab bar is full at 80
// columns) and from the `:` line; their writes go through forms, each with
// its (y/n) question. Snapshots at 80x24 in Japanese.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import XCTest

final class LifeScreenTests: ScreenTestCase {
    /// Two keys (one lent and overdue), a closed inventory that missed a medium (its incident has a step), an open one.
    func dutiesUnit() throws -> (lost: String, open: String) {
        try staffUnit()
        try record(.life(.addKey(key: "K-01", opens: "保管庫A（ロッカー）", location: "当直室")), as: "yamada")
        try record(.life(.addKey(key: "K-02", opens: "固定ワイヤー 端末03", location: "当直室")), as: "yamada")
        try record(.life(.lendKey(key: "K-01", to: "sato", until: clock.now + 3600)), as: "tanaka")
        let a = try register(location: "ロッカーA-1"), b = try register(location: "ロッカーA-1")
        try record(.life(.startInventory(asOf: nil, locations: ["ロッカーA-1"])), as: "yamada")
        try record(.life(.countInventory(id: "INV-0001", registrations: [a])), as: "sato")
        try record(.life(.closeInventory(id: "INV-0001")), as: "yamada")
        try record(.life(.stepIncident(id: "INC-0001", step: "reported", note: "当直幹部へ口頭")), as: "sato")
        try record(.life(.startInventory(asOf: nil, locations: [])), as: "yamada")
        clock.advance(2 * 3600) // K-01 is now overdue, the incident two hours old
        return (b, a)
    }

    // 001 第2-2: who holds each key now, the overdue ones marked; lending and returning through forms.
    func test_keyRegister_holdersAndOverdue_lendAndReturnThroughForms_001_2_2() throws {
        _ = try dutiesUnit()
        let s = session("sato")
        s.press(.char("K"))
        XCTAssertTrue(text(s).contains("かぎ管理簿 2本（貸出中 1・期限超過 1）"), text(s))
        assertScreens(s, named: "keys", sizes: [small])
        // K-01 is lent: l says so, r returns it through a form and its question.
        s.press(.char("l"))
        XCTAssertTrue(text(s).contains("かぎ K-01 は sato に貸出中です"), text(s))
        s.press(.char("r"))
        XCTAssertTrue(text(s).contains("かぎの返却: K-01（佐藤 花子）"), text(s))
        s.press(.enter)
        XCTAssertTrue(text(s).contains("この内容で記録しますか？ (y/n)"))
        XCTAssertNotNil(try store.ledger.keyEntry("K-01").loan, "nothing recorded before the answer")
        s.press(.char("y"))
        XCTAssertNil(try store.ledger.keyEntry("K-01").loan)
        XCTAssertTrue(text(s).contains("返却を記録しました"), text(s))
        // Lend K-02 to tanaka until tomorrow.
        press(s, .down, .char("l"))
        XCTAssertTrue(text(s).contains("かぎの貸出: K-02"), text(s))
        press(s, .char(" "), .char(" ")) // 貸出先: the third enrolled person (tanaka)
        s.press(.tab)
        s.type("2026-12-30T17:00")
        press(s, .enter, .char("y"))
        XCTAssertEqual(try store.ledger.keyEntry("K-02").loan?.to, "tanaka", text(s))
        // An auditor reads it, and is told the roles a write needs.
        let kansa = session("kansa")
        kansa.press(.char("K"))
        XCTAssertTrue(text(kansa).contains("K-02"))
        kansa.press(.char("a"))
        XCTAssertTrue(text(kansa).contains("情報保証責任者"), text(kansa))
        XCTAssertFalse(text(kansa).contains("かぎの登録"))
    }

    // 001 第6: open and closed inventories; Enter opens the count screen of an open one, the difference report of a closed one.
    func test_inventoryList_openAndClosed_enterOpensCountOrReport_closeThroughAForm_001_6() throws {
        let (lost, _) = try dutiesUnit()
        let s = session("yamada")
        s.press(.char("I"))
        XCTAssertTrue(text(s).contains("点検 2件"), text(s))
        assertScreens(s, named: "inventories", sizes: [small])
        // Newest first: INV-0002 (open) → the count screen.
        s.press(.enter)
        XCTAssertTrue(text(s).contains("点検 INV-0002 の計数"), text(s))
        s.press(.escape)
        // INV-0001 (closed) → its report, with the medium missing and its incident.
        press(s, .down, .enter)
        XCTAssertTrue(text(s).contains("点検結果（差異報告）INV-0001"), text(s))
        XCTAssertTrue(text(s).contains(lost) && text(s).contains("INC-0001"), text(s))
        assertScreens(s, named: "inventory-report", sizes: [small])
        s.press(.escape)
        // Closing the open one: a form that says what becomes lost, then the question.
        press(s, .up, .char("c"))
        XCTAssertTrue(text(s).contains("点検の完結: INV-0002"), text(s))
        XCTAssertTrue(text(s).contains("所在不明"), text(s))
        s.press(.enter)
        XCTAssertTrue(text(s).contains("この内容で記録しますか？ (y/n)"))
        s.press(.char("n"))
        XCTAssertEqual(try store.ledger.inventory("INV-0002").status, .open, "n records nothing")
        // A clerk may not start or close one.
        let clerk = session("sato")
        press(clerk, .char("I"), .char("a"))
        XCTAssertTrue(text(clerk).contains("情報保証責任者"), text(clerk))
    }

    // 001 付紙第4 3(5), 付紙第8: every step with who and when, the next step due; steps recorded through forms.
    func test_incidentListAndPage_stepsWithWhoAndWhen_nextStepDue_recordedThroughAForm_001_f4_3_5() throws {
        let (lost, _) = try dutiesUnit()
        let s = session("yamada")
        s.press(.char("E"))
        XCTAssertTrue(text(s).contains("亡失事案 1件（対応中 1）"), text(s))
        XCTAssertTrue(text(s).contains(lost), text(s))
        assertScreens(s, named: "incidents", sizes: [small])
        s.press(.enter)
        XCTAssertTrue(text(s).contains("次の手順: 上級部隊等・担当課への報告"), text(s))
        XCTAssertTrue(text(s).contains("佐藤 花子"), "who recorded the first step")
        assertScreens(s, named: "incident", sizes: [small])
        // The next step through its form and question.
        s.press(.char("s"))
        XCTAssertTrue(text(s).contains("INC-0001 手順の記録: 上級部隊等・担当課への報告"), text(s))
        s.type("通信群本部へ電話")
        press(s, .enter, .char("y"))
        let i = try store.ledger.incident("INC-0001")
        XCTAssertEqual(i.steps.map(\.step), ["reported", "upward"])
        XCTAssertEqual(i.steps.last?.by, "yamada")
        XCTAssertEqual(i.steps.last?.note, "通信群本部へ電話")
        XCTAssertTrue(text(s).contains("次の手順: 捜索の実施"), text(s))
        // Closing before every step is recorded: the form says why and records nothing.
        s.press(.char("c"))
        s.type("未発見")
        s.press(.enter)
        XCTAssertTrue(text(s).contains("未記録の手順があります"), text(s))
        XCTAssertEqual(try store.ledger.incident("INC-0001").status, .open)
        // Home's line for the incident opens its page.
        let home = session("suzuki")
        let at = try XCTUnwrap(HomeScreen().items(home.world).firstIndex { $0.id == "l:inc:INC-0001" })
        for _ in 0..<at { home.press(.down) }
        home.press(.enter)
        XCTAssertTrue(text(home).contains("亡失事案 INC-0001"), text(home))
    }

    // The `:` line opens them too, and home's help lists the keys (from the keymap).
    func test_opensFromTheCommandLine_andHomeHelpListsTheKeys() throws {
        _ = try dutiesUnit()
        let s = session("yamada")
        for (line, title) in [("key list", "かぎ管理簿"), ("inventory list", "点検 2件"), ("incident list", "亡失事案 1件")] {
            s.press(.char(":")); s.type(line); s.press(.enter)
            XCTAssertTrue(text(s).contains(title), "\(line): \(text(s))")
        }
        press(s, .char("1"), .char("?"))
        let help = text(s, large)
        for item in ["かぎ管理簿（保持者・期限超過）", "点検の一覧（開始・計数・差異報告）", "亡失事案の一覧（手順・次の手順）"] {
            XCTAssertTrue(help.contains(item), help)
        }
    }
}
