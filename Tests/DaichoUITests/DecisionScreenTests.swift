// Every kind of request in 承認待ち (002 第19条): take-outs, 機密性3 送付リスト (002 第48条3),
// disposals (001 付紙第4 1(5)), exceptions (002 第26–27条) and corrections, each opened on
// a screen that decides it; a request of several steps (Steps.swift) says which step it
// waits for, lists the steps taken, and the second decider — a supervisor — can take it on
// screen while the one who took the first is told why not.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import XCTest

final class DecisionScreenTests: ScreenTestCase {
    func test_aDisposalInTwoSteps_decidedOnScreen_byTwoPeople_001_付紙第4_1_5() throws {
        try staffUnit()
        try record(.configure(key: "steps.disposal", value: "officer;supervisor"), as: "yamada")
        let a = try register()
        try record(.life(.requestDisposal(registration: a, kind: .destroy, method: "物理破壊", reason: "故障のため")), as: "sato")

        // The officer: 承認待ち lists the disposal with its step; Enter opens its decision.
        let officer = session("yamada")
        XCTAssertTrue(text(officer).contains("3承認待ち(1)"), "the tab counts every kind: \(text(officer))")
        press(officer, .char("3"))
        XCTAssertTrue(text(officer).contains("DR-0001") && text(officer).contains("第1/2段 破棄: 物理破壊"), text(officer))
        press(officer, .enter)
        XCTAssertTrue(text(officer).contains("廃棄・消去の決裁 DR-0001（第1段/2段）"), text(officer))
        XCTAssertTrue(text(officer).contains("故障のため") && text(officer).contains("← 待ち"), text(officer))
        assertScreens(officer, named: "disposal-step1", sizes: [small])
        press(officer, .char("a"))
        let before = store.ledger.records.count
        press(officer, .enter)
        XCTAssertEqual(store.ledger.records.count, before, "nothing is written before the question is answered")
        press(officer, .char("y"))
        XCTAssertTrue(text(officer).contains("第1段を許可しました: DR-0001"), text(officer))
        XCTAssertEqual(store.ledger.life.disposals["DR-0001"]?.state, .pending)

        // The officer again: no longer in their queue; the page says why not.
        press(officer, .char("3"))
        XCTAssertFalse(text(officer).contains("DR-0001"), text(officer))

        // The supervisor takes the second step on the same screen.
        let supervisor = session("suzuki")
        press(supervisor, .char("3"))
        XCTAssertTrue(text(supervisor).contains("第2/2段 破棄: 物理破壊"), text(supervisor))
        press(supervisor, .enter)
        XCTAssertTrue(text(supervisor).contains("第1段") && text(supervisor).contains("許可") && text(supervisor).contains("山田 太郎"), text(supervisor))
        assertScreens(supervisor, named: "disposal-step2", sizes: [small])
        press(supervisor, .char("a"), .enter, .char("y"))
        XCTAssertEqual(store.ledger.life.disposals["DR-0001"]?.state, .approved)
        XCTAssertEqual(store.ledger.life.disposals["DR-0001"]?.decidedBy, "suzuki")
    }

    /// A take-out of two steps: the supervisor's step on the decision screen with its four checks (001 第3-2),
    /// which the hint bar and the key offer to a supervisor although take-outs are the officer's by default.
    func test_aSupervisorTakesTheSecondStepOfATakeOut_002_47() throws {
        try staffUnit()
        try record(.configure(key: "steps.takeout.3", value: "officer;supervisor"), as: "yamada")
        let a = try register(.usb, .business, .c3, encrypted: true)
        let q = try record(.requestTakeout(registration: a, destination: "演習場", purpose: "訓練", from: clock.now, until: clock.now + 3600,
                                           transport: nil), as: "sato").change
        guard case .takeoutRequested(let d) = q else { return XCTFail("no request") }
        try record(.approve(request: d.request, confirmed: TakeoutCheck.allCases, comment: nil), as: "yamada")
        let supervisor = session("suzuki")
        press(supervisor, .char("3"), .enter)
        XCTAssertTrue(text(supervisor).contains("（第2段/2段）"), text(supervisor))
        XCTAssertTrue(text(supervisor).contains("a 許可"), "the key is the supervisor's at this step: \(text(supervisor))")
        press(supervisor, .char("1"), .char("2"), .char("3"), .char("4"), .char("a"), .enter, .char("y"))
        XCTAssertEqual(store.ledger.requests[d.request]?.state, .approved, text(supervisor))
    }

    /// A correction and a 機密性3 送付リスト are decided on the decision screen; their requester is told why not.
    func test_aCorrectionAndAC3Handover_onTheDecisionScreen_002_48_3() throws {
        try staffUnit()
        let a = try register(), b = try register()
        let scan = try record(.scan(registration: a, result: .infected, note: nil), as: "sato").seq
        try record(.requestCorrection(target: scan, reason: "媒体の取り違え", set: [FieldValue(field: "registration", value: b)]), as: "sato")
        try record(.newHandover(to: "A社", contract: nil, returnRequired: false, items: [HandoverItem(name: "仕様書", quantity: "2部")],
                                media: [], note: nil, classification: .c3), as: "tanaka")
        let supervisor = session("suzuki")
        press(supervisor, .char("3"))
        XCTAssertTrue(text(supervisor).contains("COR-0001") && text(supervisor).contains("訂正: registration="), text(supervisor))
        XCTAssertFalse(text(supervisor).contains("HO-0001"), "the permission of 002 第48条3 is the officer's: \(text(supervisor))")
        press(supervisor, .enter)
        XCTAssertTrue(text(supervisor).contains("記録の訂正の決裁 COR-0001") && text(supervisor).contains("媒体の取り違え"), text(supervisor))
        assertScreens(supervisor, named: "correction", sizes: [small])

        let officer = session("yamada")
        press(officer, .char("3"))
        XCTAssertTrue(text(officer).contains("機密性3の提供: A社"), text(officer))
        press(officer, .enter)
        XCTAssertTrue(text(officer).contains("機密性3の提供の決裁 HO-0001") && text(officer).contains("仕様書 2部 機密性3"), text(officer))
        assertScreens(officer, named: "handover", sizes: [small])
        press(officer, .char("a"), .enter, .char("y"))
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.permission?.approved, true, text(officer))

        // A form open while someone else decides: its verdict follows the journal (the check is asked
        // once per journal head, Form.swift), so the approval now says the correction is no longer pending.
        let late = session("hoshi2")
        try record(.enroll(login: "hoshi2", name: "星 六郎", roles: [.supervisor], title: nil, rank: nil, section: nil), as: "yamada")
        press(late, .char("3"), .enter, .char("a"))
        XCTAssertTrue(text(late).contains("許可: COR-0001") && text(late).contains("入力に問題はありません"), text(late))
        try record(.approve(request: "COR-0001", confirmed: [], comment: nil), as: "suzuki")
        XCTAssertTrue(text(late).contains(DomainError.correction(.notPending("COR-0001")).message(.ja)), text(late))

        // The one who asked for a correction is told why not, on the page, before typing anything.
        let registered = try XCTUnwrap(store.ledger.media[b]?.history.first)
        try record(.requestCorrection(target: registered, reason: "保管場所の誤記", set: [FieldValue(field: "location", value: "金庫")]), as: "suzuki")
        let own = session("suzuki")
        var g = Grid(size: small)
        DecisionScreen(id: "COR-0002").render(into: &g, area: Rect(row: 0, col: 0, height: 20, width: 80), world: own.world)
        XCTAssertTrue(g.text.contains(DomainError.selfApproval(request: "COR-0002").message(.ja)), g.text)
    }

    /// The form's memo gives the ledger's own verdict for every kind of decision and comment: the comment
    /// is checked last by each (Form.swift CheckMemo), so asking the rest once changes no answer.
    func test_theFormsMemoSaysWhatTheLedgerSays() throws {
        try staffUnit()
        let a = try register(), b = try register(), c = try register(.usb, .business, .c3, encrypted: true)
        try record(.configure(key: "steps.takeout.3", value: "officer;supervisor"), as: "yamada")
        let scan = try record(.scan(registration: a, result: .infected, note: nil), as: "sato").seq
        try record(.requestCorrection(target: scan, reason: "取り違え", set: [FieldValue(field: "registration", value: b)]), as: "sato")
        try record(.life(.requestDisposal(registration: b, kind: .destroy, method: "物理破壊", reason: "故障")), as: "sato")
        guard case .takeoutRequested(let q) = try record(.requestTakeout(registration: c, destination: "演習場", purpose: "訓練", from: clock.now,
                                                                         until: clock.now + 3600, transport: nil), as: "sato").change else { return XCTFail() }
        try record(.requestException(rule: "暗号化", medium: a, caseID: nil, reason: "試験", until: clock.now + 86400), as: "tanaka")
        let comments: [String?] = [nil, "確認済み", "改行\u{1B}[31m", String(repeating: "長", count: 5000), ""]
        var cases = 0
        for login in ["yamada", "suzuki", "sato", "kansa"] {
            let w = session(login).world
            for id in ["COR-0001", "DR-0001", q.request, "EX-0001", "NO-0001"] {
                for confirmed in [[], TakeoutCheck.allCases] {
                    for comment in comments {
                        let command = Command.approve(request: id, confirmed: confirmed, comment: comment)
                        XCTAssertEqual(CheckMemo().check(command, w), w.check(command), "\(login) \(id) \(comment ?? "nil")")
                        cases += 1
                    }
                }
            }
        }
        XCTAssertEqual(cases, 200)
    }

    /// The queue and the decision page in English at 80x24: nothing cut but what the table marks with ~.
    func test_inEnglish() throws {
        try staffUnit()
        try record(.configure(key: "steps.disposal", value: "officer;supervisor"), as: "yamada")
        let a = try register()
        try record(.life(.requestDisposal(registration: a, kind: .erase, method: "専用ソフトによる上書き消去", reason: "再利用")), as: "sato")
        try record(.approve(request: "DR-0001", confirmed: [], comment: "確認済み"), as: "yamada")
        let s = session("suzuki", lang: .en)
        press(s, .char("3"))
        XCTAssertTrue(text(s).contains("step 2/2 erase"), text(s))
        assertScreens(s, named: "queue-en", sizes: [small])
        press(s, .enter)
        XCTAssertTrue(text(s).contains("Decide disposal DR-0001 (step 2 of 2)"), text(s))
        XCTAssertTrue(text(s).contains("approved") && text(s).contains("確認済み"), text(s))
        assertScreens(s, named: "decision-en", sizes: [small])
    }
}

