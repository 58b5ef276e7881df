// Editing a draft from its case screen (issue 13): `e` opens the draft's own form
// filled with what it says; Enter asks the usual question and `y` records the
// edit. Another clerk is told at once that only the drafter or the officer may
// edit it (002 第19条). Recording: see ScreenRenderTests.swift.

import CellKit
import DaichoCore
@testable import DaichoUI
import SnapshotTesting
import XCTest

final class DraftEditScreenTests: CaseTestCase {
    func test_editADraftHandoverFromItsCase() throws {
        try caseUnit()
        let s = session("sato")
        press(s, .char("8"), .char("/"), .ctrl("u"))
        s.type("HO-0001")
        press(s, .enter, .enter)
        XCTAssertTrue(text(s).contains("修正"), "the draft's hints offer e: \(text(s))")
        press(s, .char("e"))
        assertScreens(s, named: "handover-form", sizes: [small])
        XCTAssertTrue(text(s).contains("株式会社防衛システム 営業部長"), text(s))
        XCTAssertTrue(text(s).contains("仕様書（第3版）"), text(s))
        press(s, .ctrl("u"))
        s.type("株式会社防衛システム 技術部長")
        press(s, .enter)
        assertScreens(s, named: "handover-confirm", sizes: [small])
        press(s, .char("y"))
        let h = try XCTUnwrap(store.ledger.handovers["HO-0001"])
        XCTAssertEqual(h.counterpart, "株式会社防衛システム 技術部長")
        XCTAssertEqual(h.items.map(\.name), items.map(\.name) + ["USBメモリ USB-2026-0001"], "the items and the medium kept")
        XCTAssertEqual(h.contract, "R8-123")
        XCTAssertTrue(h.returnRequired)
        XCTAssertEqual(store.ledger.records[h.history.last!]?.change.type, "handover.edited")
    }

    func test_anotherClerkIsToldWhoMayEdit_002_第19条() throws {
        try caseUnit()
        let s = session("tanaka")
        press(s, .char("8"), .char("/"), .ctrl("u"))
        s.type("HO-0001")
        press(s, .enter)
        let before = store.ledger.nextSeq
        press(s, .char("e"))
        XCTAssertTrue(text(s).contains("HO-0001 を修正できるのは起案者（sato）か情報保証責任者です"), text(s))
        XCTAssertEqual(store.ledger.nextSeq, before)
        // A dispatched case offers no edit.
        press(s, .char("/"), .ctrl("u"))
        s.type("HO-0002")
        press(s, .enter, .char("e"))
        XCTAssertTrue(text(s).contains("受領書待ち"), text(s))
    }

    /// 002 第48条3: editing a 機密性3 list whose permission was granted says that the permission goes.
    func test_editingAPermittedC3ListWarns_002_第48条3() throws {
        try caseUnit()
        let id = try record(.newHandover(to: "情報本部 計画部長", contract: nil, returnRequired: false,
                                         items: [HandoverItem(name: "作戦計画", quantity: "1部", classification: .c3)], media: [], note: nil),
                            as: "sato").change.caseID!
        try record(.approve(request: id, confirmed: [], comment: "許可"), as: "yamada")
        let s = session("sato")
        press(s, .char("8"), .char("/"), .ctrl("u"))
        s.type(id)
        press(s, .enter, .char("e"))
        assertScreens(s, named: "c3-permitted", sizes: [small])
        XCTAssertTrue(text(s).contains("修正すると許可は取り消され、改めて許可が必要です"), text(s))
        press(s, .ctrl("u"))
        s.type("情報本部 運用部長")
        press(s, .enter, .char("y"))
        XCTAssertEqual(store.ledger.handovers[id]?.awaitsPermission, true)
    }

    func test_editADraftTransfer() throws {
        try caseUnit()
        let s = session("yamada")
        press(s, .char("9"), .char("/"), .ctrl("u"))
        s.type("TO-0001")
        press(s, .enter, .enter, .char("e"))
        assertScreens(s, named: "transfer-form", sizes: [small])
        press(s, .ctrl("u"))
        s.type("第4通信隊")
        press(s, .enter, .char("y"))
        XCTAssertEqual(store.ledger.transfers["TO-0001"]?.counterpart, "第4通信隊")
        XCTAssertEqual(store.ledger.transfers["TO-0001"]?.media, ["HDD-2026-0001"])
    }
}
