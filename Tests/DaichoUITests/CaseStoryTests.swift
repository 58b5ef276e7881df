// Handovers and transfers driven by keys through the sessions of a clerk, a
// supervisor and the officer on one store: the 送付リスト from draft to
// closed through an overdue receipt and a discrepancy (000 別記様式第3,
// 第5項), and media sent to and received from other units (001 付紙第3).

import CellKit
import DaichoCore
@testable import DaichoUI
import XCTest

final class CaseStoryTests: ScreenTestCase {
    let day: TimeInterval = 86400

    /// 000 別記様式第3 / 第5項: draft → dispatch → overdue on home once the clock passes the due day →
    /// 受領書 with a short quantity → discrepancy → acknowledged by a supervisor (not the recorder, 002 第19条) → closed.
    func test_handoverFromDraftToClosed_別記様式第3_第5項() throws {
        try staffUnit()
        let clerk = session("sato")
        press(clerk, .char("8"), .char("a"))
        clerk.type("株式会社防衛システム 営業部長")
        press(clerk, .tab)
        clerk.type("R8-123")
        press(clerk, .tab, .tab, .tab)               // 返却・廃棄要 (left off), 備考, then the first row
        clerk.type("仕様書")
        press(clerk, .tab)
        clerk.type("2部")
        press(clerk, .ctrl("n"))
        clerk.type("設計データ")
        press(clerk, .tab)
        clerk.type("1媒体 120MB")
        press(clerk, .enter)
        XCTAssertTrue(text(clerk).contains("この内容で記録しますか？"), text(clerk))
        XCTAssertTrue(store.ledger.handovers.isEmpty, "nothing is written before the confirmation")
        press(clerk, .char("y"))
        let h = try XCTUnwrap(store.ledger.handovers["HO-0001"])
        XCTAssertEqual(h.status, .draft)
        XCTAssertEqual(h.counterpart, "株式会社防衛システム 営業部長")
        XCTAssertEqual(h.contract, "R8-123")
        XCTAssertEqual(h.items, [HandoverItem(name: "仕様書", quantity: "2部"), HandoverItem(name: "設計データ", quantity: "1媒体 120MB")])
        XCTAssertTrue(text(clerk).contains("送付リストを起案しました: HO-0001"), text(clerk))

        // Dispatch from the list: today, due after the ledger's 7 days.
        press(clerk, .char("d"))
        XCTAssertTrue(text(clerk).contains("受領書期限 2026-12-02"), text(clerk))
        press(clerk, .enter, .char("y"))
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.status, .dispatched)
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.due, Day("2026-12-02"))
        press(clerk, .char("1"))
        XCTAssertFalse(text(clerk).contains("受領書期限超過"), "not overdue on its due day: \(text(clerk))")

        // The day after the due day the home screen lists it, for the clerk and for the officer.
        clock.advance(8 * day)
        press(clerk, .char("1"))
        XCTAssertTrue(text(clerk).contains("受領書期限超過 HO-0001 1日超過"), text(clerk))
        XCTAssertTrue(text(session("yamada")).contains("受領書期限超過 HO-0001"))
        press(clerk, .enter)
        XCTAssertTrue(text(clerk).contains("送付リスト HO-0001  受領書待ち  期限超過 1日"), text(clerk))
        press(clerk, .char("m"))
        clerk.type("電話で督促")
        press(clerk, .enter, .char("y"))
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.reminders.map(\.note), ["電話で督促"])

        // The 受領書 comes back with one 仕様書 instead of two.
        press(clerk, .char("r"))
        clerk.type("営業部 部長 山本 一")
        press(clerk, .tab, .tab, .tab, .backspace, .backspace)
        clerk.type("1部")
        XCTAssertTrue(text(clerk).contains("差異1件（上長の確認が必要）: 仕様書 2部→1部"), text(clerk))
        press(clerk, .enter, .char("y"))
        let received = try XCTUnwrap(store.ledger.handovers["HO-0001"])
        XCTAssertEqual(received.status, .discrepancy)
        XCTAssertEqual(received.receipt?.by, "営業部 部長 山本 一")
        XCTAssertEqual(received.differences.map { [$0.name, $0.sent, $0.received ?? "-"] }, [["仕様書", "2部", "1部"]])
        press(clerk, .char("1"))
        XCTAssertFalse(text(clerk).contains("受領書期限超過"), text(clerk))
        XCTAssertFalse(text(clerk).contains("差異確認待ち"), "the recorder is not asked to acknowledge: \(text(clerk))")

        // A clerk may not acknowledge: refused at the key, nothing written.
        let before = store.ledger.records.count
        press(clerk, .char("8"), .enter, .char("c"))
        XCTAssertTrue(text(clerk).contains("の役割が必要です") || text(clerk).contains("役割"), text(clerk))
        XCTAssertEqual(store.ledger.records.count, before)

        // The supervisor acknowledges with a note; an empty note is refused first.
        let sup = session("suzuki")
        XCTAssertTrue(text(sup).contains("差異確認待ち HO-0001 差異1件"), text(sup))
        press(sup, .enter, .char("c"), .enter)
        XCTAssertTrue(text(sup).contains("確認内容を入力してください"), text(sup))
        XCTAssertEqual(store.ledger.records.count, before)
        sup.type("先方に確認、1部は後日送付の予定")
        press(sup, .enter, .char("y"))
        let acknowledged = try XCTUnwrap(store.ledger.handovers["HO-0001"])
        // A provision to a contract comes back or is destroyed with a report before it closes (003 8.1(4)(5)).
        XCTAssertEqual(acknowledged.status, .received)
        XCTAssertEqual(acknowledged.acknowledgement?.by, "suzuki")
        XCTAssertTrue(text(sup).contains("差異を確認しました: HO-0001"), text(sup))
        XCTAssertFalse(text(session("suzuki")).contains("差異確認待ち"))
        try record(.returnHandover(id: "HO-0001", items: [], date: nil), as: "sato")
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.status, .closed)
    }

    /// Bad input in the receipt form: one line, in Japanese, and nothing written.
    func test_receiptWithBadInputWritesNothing() throws {
        try staffUnit()
        try record(.newHandover(to: "情報本部", contract: nil, returnRequired: false, items: [HandoverItem(name: "資料", quantity: "1部")],
                                media: [], note: nil), as: "sato")
        try record(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), as: "sato")
        let before = store.ledger.records.count
        let clerk = session("sato")
        press(clerk, .char("8"), .char("r"))
        clerk.type("計画部 部員 木村")
        press(clerk, .tab, .ctrl("u"))
        clerk.type("2026-12-31")
        press(clerk, .enter)
        let line = text(clerk).components(separatedBy: "\n").first { $0.contains("2026-12-31") && $0.hasPrefix("!") }
        XCTAssertNotNil(line, text(clerk))
        press(clerk, .char("y"))
        XCTAssertEqual(store.ledger.records.count, before)
        // A ticked row needs its quantity.
        press(clerk, .ctrl("u"), .tab, .tab, .ctrl("u"))
        press(clerk, .enter)
        XCTAssertTrue(text(clerk).contains("「資料」の受領数量がありません"), text(clerk))
        XCTAssertEqual(store.ledger.records.count, before)
        press(clerk, .escape, .char("y"))
        XCTAssertTrue(text(clerk).contains("入力を破棄しました"), text(clerk))
        XCTAssertEqual(store.ledger.records.count, before)
    }

    /// A contractor provision closes once every item is returned or covered by a destruction report (003 8.1(4)(5)).
    func test_contractorReturnAndDestruction_003_8の1() throws {
        try staffUnit()
        try record(.newHandover(to: "株式会社防衛システム", contract: "R8-1", returnRequired: true,
                                items: [HandoverItem(name: "仕様書", quantity: "2部"), HandoverItem(name: "試験データ", quantity: "1媒体")],
                                media: [], note: nil), as: "sato")
        try record(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), as: "sato")
        try record(.receiveHandover(id: "HO-0001", by: "営業部 山本", date: nil, received: nil), as: "sato")
        let clerk = session("sato")
        press(clerk, .char("8"), .enter)
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.status, .received)
        // Returned: the 仕様書 only (untick the second row).
        press(clerk, .char("b"), .tab, .tab, .char(" "), .enter, .char("y"))
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.outstanding.map(\.name), ["試験データ"])
        // Destroyed: report number and signer are required.
        press(clerk, .char("D"), .enter)
        XCTAssertTrue(text(clerk).contains("報告書番号を入力してください"), text(clerk))
        clerk.type("防シ第45号")
        press(clerk, .tab, .tab)
        clerk.type("品質保証部長 佐藤 一")
        press(clerk, .enter, .char("y"))
        let h = try XCTUnwrap(store.ledger.handovers["HO-0001"])
        XCTAssertEqual(h.status, .closed)
        XCTAssertEqual(h.disposals.map(\.report), [nil, "防シ第45号"])
    }

    /// 001 付紙第3: a 送達票 of media ticked from storage, sent (送達中), its 受領票 back (移管済);
    /// media received from another unit are registered with their origin.
    func test_transferOutAndIn_付紙第3() throws {
        try staffUnit()
        let a = try register(location: "ロッカーA-1")
        try register(location: "ロッカーA-2")
        let officer = session("yamada")
        press(officer, .char("9"), .char("a"))
        officer.type("第2通信隊")
        press(officer, .tab, .tab, .char(" "), .enter, .char("y"))
        let t = try XCTUnwrap(store.ledger.transfers["TO-0001"])
        XCTAssertEqual(t.media, [a])
        press(officer, .char("d"), .enter, .char("y"))
        XCTAssertEqual(store.ledger.media[a]?.status, .inTransit)
        press(officer, .char("r"))
        officer.type("第2通信隊 情報保証責任者 2尉 中村 進")
        // The 受領票 ticks the medium as received.
        press(officer, .tab, .tab, .char(" "), .enter, .char("y"))
        XCTAssertEqual(store.ledger.transfers["TO-0001"]?.status, .received)
        XCTAssertEqual(store.ledger.media[a]?.status, .transferred)

        press(officer, .char("i"))
        officer.type("第5通信隊")
        for _ in 0..<6 { press(officer, .tab) }
        officer.type("UFD-64")
        press(officer, .tab)
        officer.type("USB-2025-0017")
        XCTAssertTrue(text(officer).contains("当隊の登録番号: USB-2026-0003"), text(officer))
        press(officer, .enter, .char("y"))
        let m = try XCTUnwrap(store.ledger.media["USB-2026-0003"])
        XCTAssertEqual(m.data.fromUnit, "第5通信隊")
        XCTAssertEqual(m.data.theirRegistration, "USB-2025-0017")
        // A clerk may not draft a transfer (the officer's): refused at the key.
        let clerk = session("sato")
        press(clerk, .char("9"), .char("a"))
        XCTAssertTrue(text(clerk).contains("情報保証責任者"), text(clerk))
        XCTAssertFalse(text(clerk).contains("送達票の起案"), text(clerk))
    }
}
