// Exceptions on screen (002 第26–27条; 001 付紙第4 1(4)): a clerk asks for one
// from the medium (E), the form says what it suspends and who decides; the
// officer finds it in 承認待ち, opens it and decides with a comment and the
// question every write has; the requester sees no decision key and is told why;
// the 例外措置台帳 (E in 承認待ち) lists it with its state and use.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import XCTest

final class ExceptionScreenTests: ScreenTestCase {
    func test_askedForFromTheMedium_decidedInTheQueue_listedInTheLedger_002_26() throws {
        try staffUnit()
        let a = try register(location: "ロッカーA-1", restrictions: ["持出禁止"])
        let clerk = session("sato")
        // From the register: the medium's row, E.
        press(clerk, .char("2"), .char("E"))
        XCTAssertTrue(text(clerk).contains("例外措置の申請: \(a)"), text(clerk))
        XCTAssertTrue(text(clerk).contains("持出禁止"), "the medium's own restriction is offered first")
        press(clerk, .tab)
        clerk.type("演習で持ち出すため")
        press(clerk, .tab)
        clerk.type("2026-11-30")
        XCTAssertTrue(text(clerk).contains("「持出禁止」を承認から期間の終わりまで停止します"), text(clerk))
        assertScreens(clerk, named: "request-form", sizes: [small])
        let before = store.ledger.records.count
        press(clerk, .enter)
        XCTAssertEqual(store.ledger.records.count, before, "nothing is written before the question is answered")
        press(clerk, .char("y"))
        XCTAssertTrue(text(clerk).contains("例外措置を申請しました: EX-0001"), text(clerk))
        XCTAssertEqual(store.ledger.exceptions["EX-0001"]?.state, .pending)

        // The requester cannot decide it, and is told why.
        let own = session("sato")
        press(own, .char("3"), .char("E"), .enter)
        XCTAssertTrue(text(own).contains("例外措置 EX-0001"), text(own))
        press(own, .char("a"))
        XCTAssertEqual(store.ledger.exceptions["EX-0001"]?.state, .pending)
        XCTAssertFalse(text(own).contains("a 許可"), "no decision key for the requester: \(text(own))")

        // The officer: 承認待ち lists it; Enter opens it; a, a comment, Enter, y.
        let officer = session("yamada")
        press(officer, .char("3"))
        XCTAssertTrue(text(officer).contains("EX-0001") && text(officer).contains("例外措置: 持出禁止"), text(officer))
        assertScreens(officer, named: "queue", sizes: [small])
        press(officer, .enter)
        XCTAssertTrue(text(officer).contains("例外措置 EX-0001"), text(officer))
        assertScreens(officer, named: "exception", sizes: [small])
        press(officer, .char("a"))
        officer.type("演習期間に限る")
        press(officer, .enter, .char("y"))
        XCTAssertEqual(store.ledger.exceptions["EX-0001"]?.state, .approved)
        XCTAssertEqual(store.ledger.exceptions["EX-0001"]?.comment, "演習期間に限る")

        // The ledger, from 承認待ち.
        press(officer, .char("3"), .char("E"))
        XCTAssertTrue(text(officer).contains("例外措置台帳 1件（有効 1件）"), text(officer))
        XCTAssertTrue(text(officer).contains("有効"), text(officer))
        assertScreens(officer, named: "ledger", sizes: [small])
    }

    /// The auditor reads the ledger but is offered no request key (002 第19条).
    func test_theAuditorSeesNoRequestKey() throws {
        try staffUnit()
        _ = try register(restrictions: ["持出禁止"])
        let auditor = session("kansa")
        press(auditor, .char("2"), .char("E"))
        XCTAssertFalse(text(auditor).contains("例外措置の申請"), text(auditor))
        XCTAssertEqual(store.ledger.exceptions.count, 0)
    }
}
