// 登録内容の変更 on screen (issue 11; 001 付紙第4): the officer amends a medium from its
// row or page with M; the form opens with the entry as it stands, says old → new for what
// changed, and records one medium.amended after the question; a clerk is told why not.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import XCTest

final class AmendScreenTests: ScreenTestCase {
    func test_theOfficerAmendsFromTheRegister_oldToNewShown_recordedAfterTheQuestion_001_付紙第4() throws {
        try staffUnit()
        let a = try register(.usb, .business, .c3, location: "ロッカーA-1")
        let clerk = session("sato")
        press(clerk, .char("2"), .char("M"))
        XCTAssertFalse(text(clerk).contains("登録内容の変更:"), "a clerk gets no form: \(text(clerk))")
        let officer = session("yamada")
        press(officer, .char("2"), .char("M"))
        XCTAssertTrue(text(officer).contains("登録内容の変更: \(a)"), text(officer))
        XCTAssertTrue(text(officer).contains("変更する項目を書き換えてください"), "nothing changed yet")
        officer.type("暗号化ソフトを導入した")
        press(officer, .tab, .tab, .char(" "))
        XCTAssertTrue(text(officer).contains("暗号化: なし → あり"), text(officer))
        assertScreens(officer, named: "amend-form", sizes: [small])
        let before = store.ledger.records.count
        press(officer, .enter)
        XCTAssertEqual(store.ledger.records.count, before, "nothing written before the answer")
        press(officer, .char("y"))
        XCTAssertEqual(store.ledger.media[a]?.data.encrypted, true)
        XCTAssertEqual(store.ledger.records.last?.change.type, "medium.amended")
        XCTAssertTrue(text(officer).contains("登録内容を変更しました: \(a)"), text(officer))
    }

    /// The decision screen shows the check 「ウイルスチェックを実施した」 rests on, or that there is none (001 第3-2, 第3-3).
    func test_theDecisionScreenShowsTheCheck_orThatThereIsNone_001_3_2() throws {
        try staffUnit()
        var n = NewMedium(kind: .usb, category: .business, classification: .c2)
        n.location = "ロッカーA-1"
        let reg = try record(.register(n), as: "yamada").change.registration!
        let q = try record(.requestTakeout(registration: reg, destination: "補給処", purpose: "受渡し", from: nil,
                                           until: clock.now + 86400, transport: nil), as: "sato").change.requestID!
        let officer = session("yamada")
        press(officer, .char("3"), .enter)
        XCTAssertTrue(text(officer).contains("持出申請の決裁 \(q)"), text(officer))
        XCTAssertTrue(text(officer).contains("記録なし（確認3は付けられません）"), text(officer))
        try record(.scan(registration: reg, result: .clean, note: nil), as: "sato")
        XCTAssertTrue(text(officer).contains("異常なし 佐藤 花子（確認3の根拠）"), text(officer))
    }
}
