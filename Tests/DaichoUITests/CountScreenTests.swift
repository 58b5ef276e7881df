// 点検の計数 (001 第6) on screen: numbers typed or scanned (number + Enter),
// each acknowledged at once on screen, with the bell when it needs a second
// look (unknown, already counted, expected elsewhere, not expected); two
// terminals count one inventory and each sees the other's counts.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import XCTest

final class CountScreenTests: ScreenTestCase {
    func test_countingStream_acknowledgedOnScreenAndByTheBell_twoTerminals_001_6() throws {
        try staffUnit()
        let a = try register(location: "ロッカーA-1"), b = try register(location: "ロッカーA-1")
        let elsewhere = try register(location: "金庫1")
        try record(.life(.startInventory(asOf: nil, locations: ["ロッカーA-1"])), as: "yamada")
        let one = session("sato"), two = session("tanaka")
        // Home shows the open inventory to a clerk; Enter opens the counting screen.
        XCTAssertTrue(text(one).contains("点検中 INV-0001"))
        for s in [one, two] {
            let home = try XCTUnwrap(HomeScreen().items(s.world).firstIndex { $0.id == "l:inv:INV-0001" })
            for _ in 0..<home { s.press(.down) }
            s.press(.enter)
            XCTAssertTrue(text(s).contains("点検 INV-0001 の計数"), text(s))
        }
        // A scanner types the number and Enter.
        one.type(a); one.press(.enter)
        XCTAssertTrue(text(one).contains("\(a) 確認"))
        XCTAssertEqual(one.bells, 0, "a number sighted as expected needs no bell")
        XCTAssertEqual(try store.ledger.inventory("INV-0001").sighted, [a])
        // The other terminal sees it counted, and is told so with the bell.
        XCTAssertTrue(text(two).contains("確認 1"), text(two))
        two.type(a.lowercased()); two.press(.enter)
        XCTAssertTrue(text(two).contains("\(a) は確認済みです"))
        XCTAssertEqual(two.bells, 1)
        two.type("USB-1999-0001"); two.press(.enter)
        XCTAssertTrue(text(two).contains("登録簿にありません"))
        XCTAssertEqual(two.bells, 2)
        two.type(elsewhere); two.press(.enter)
        XCTAssertTrue(text(two).contains("別の場所（金庫1）"))
        XCTAssertEqual(two.bells, 3)
        XCTAssertEqual(try store.ledger.inventory("INV-0001").unexpected, [elsewhere], "recorded as unexpected")
        XCTAssertEqual(try store.ledger.inventory("INV-0001").missing, [b])
        let grid = screen(one)
        XCTAssertTrue(grid.text.contains("予定 2　確認 1　未確認 1　予定外 1"), grid.text)
        // Esc goes back.
        one.press(.escape)
        XCTAssertFalse(text(one).contains("の計数"))
    }
}
