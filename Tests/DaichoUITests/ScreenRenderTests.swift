// Every screen as text at 80x24 and 120x40 with Japanese data: the first-run
// setup, home (work waiting and empty), the register (scrolling, long values,
// overdue rows, filter, status filter, sort), a medium and its timeline, every
// form with its one-line reason, approvals, the books, the journal, people,
// the help overlay, the command line, the quit question; each also with its
// colour roles and attributes (<name>.style). English, other sizes and
// resizing are in LayoutAndLanguageTests.
//
// References live in __Snapshots__/<TestClass>/<test>.<name>-<cols>x<rows>.txt;
// a missing reference fails the test (and is written, so the next run passes).
//
// Re-recording after a deliberate change to the screens (then read every
// changed .txt with `git diff` / `cat` before committing):
//   SNAPSHOT_TESTING_RECORD=all swift test --scratch-path .build-uitests --skip-build --filter DaichoUITests
// That run reports every snapshot as a failure ("Record mode is on"); run again
// without the variable to see them pass. (`failed` re-records only the ones that
// differ; `missing`, the default, writes only absent ones and still fails.)
// ScreenProblemTests.swift fails on purpose until the problems it names are fixed.
// In code, the same is `withSnapshotTesting(record: .all) { ... }` around a test body.

import CellKit
import DaichoCore
@testable import DaichoUI
import SnapshotTesting
import XCTest

final class ScreenRenderTests: ScreenTestCase {
    // MARK: First run

    func test_setup() {
        let s = session("yamada")
        assertScreens(s, named: "empty")
        press(s, .enter)
        assertScreens(s, named: "unit-required", sizes: [small])
        s.type("第1通信隊")
        press(s, .tab, .tab)
        s.type("山田 太郎")
        press(s, .tab)
        s.type("隊長")
        press(s, .tab)
        s.type("1尉")
        assertScreens(s, named: "filled")
        press(s, .enter)
        assertScreens(s, named: "confirm", sizes: [small])
    }

    // MARK: Home

    func test_home() throws {
        try busyUnit()
        let officer = session("yamada")
        // Approval waiting (2 days), overdue use, overdue take-out, quarantined medium.
        assertScreens(officer, named: "officer")
        // The requester sees the overdue work but not their own request as something to approve.
        assertScreens(session("sato"), named: "clerk-requester", sizes: [small])
        press(officer, .down, .down)
        assertScreens(officer, named: "officer-third-selected", sizes: [small])
    }

    func test_homeEmpty() throws {
        try staffUnit()
        assertScreens(session("yamada"), named: "officer")
        assertScreens(session("kansa"), named: "auditor", sizes: [small])
    }

    // MARK: Register

    func test_register() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"))
        // Overdue rows marked with ! in the warning role, the quarantined one in error.
        assertScreens(s, named: "busy")
    }

    func test_registerEmpty() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("2"))
        assertScreens(s, named: "officer", sizes: [small])
    }

    func test_registerScrollsAndCutsLongValues() throws {
        try crowdedUnit()
        let s = session("yamada")
        press(s, .char("2"))
        assertScreens(s, named: "top")
        press(s, .char("G"))
        assertScreens(s, named: "bottom")
        press(s, .char("g"), .down)
        assertScreens(s, named: "second-selected", sizes: [small])
        press(s, .pageDown)
        assertScreens(s, named: "page-down", sizes: [small])
    }

    func test_registerFilterStatusAndSort() throws {
        try crowdedUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("/"))
        s.type("ロッカー1")
        assertScreens(s, named: "filter-typing")
        press(s, .enter)
        assertScreens(s, named: "filter-applied", sizes: [small])
        press(s, .char("s"))
        assertScreens(s, named: "filter-sort-status", sizes: [small])
        press(s, .char("s"))
        assertScreens(s, named: "filter-sort-due", sizes: [small])
        press(s, .char("s"))
        assertScreens(s, named: "filter-sort-location", sizes: [small])
        press(s, .char("/"), .escape, .char("s"))
        XCTAssertTrue(row(s, 1).contains("30件  並び: 登録番号"), row(s, 1))
        // f: all, 期限超過 (the CLI's --overdue), then each status.
        press(s, .char("f"))
        assertScreens(s, named: "status-overdue", sizes: [small])
        press(s, .char("f"), .char("f"))
        assertScreens(s, named: "status-in-use")
        press(s, .char("f"))
        assertScreens(s, named: "status-taken-out", sizes: [small])
        press(s, .char("f"))
        assertScreens(s, named: "status-quarantined-none", sizes: [small])
        press(s, .char("/"))
        s.type("存在しない")
        press(s, .enter)
        assertScreens(s, named: "no-match", sizes: [small])
    }

    // MARK: Medium

    func test_mediumDetail() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"), .enter)
        assertScreens(s, named: "in-use-overdue")
        press(s, .escape, .down, .down, .enter)
        assertScreens(s, named: "disclosable", sizes: [small])
        press(s, .escape, .down, .enter)
        assertScreens(s, named: "taken-out")
        press(s, .escape, .down, .enter)
        assertScreens(s, named: "quarantined", sizes: [small])
    }

    func test_mediumLongTimelineScrolls() throws {
        try crowdedUnit()
        let reg = try register(.usb, location: "ロッカーC-3", model: "UFD-32GB")
        for i in 1...8 {
            try record(.startUse(registration: reg, purpose: "第\(i)回 定例会議資料（配布用）の作成及び印刷、関係部署への回覧準備", place: "端末0\(i)",
                                 until: nil), as: i % 2 == 0 ? "sato" : "tanaka")
            clock.advance(3600)
            try record(.endUse(registration: reg, note: i == 3 ? "異常なし" : nil), as: i % 2 == 0 ? "sato" : "tanaka")
            try record(.scan(registration: reg, result: .clean, note: nil), as: "sato")
        }
        let s = session("yamada")
        press(s, .char(":"))
        s.type("media show \(reg)")
        press(s, .enter)
        assertScreens(s, named: "top")
        press(s, .char("G"))
        assertScreens(s, named: "bottom")
    }

    // MARK: Forms

    func test_registerForm() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("a"))
        assertScreens(s, named: "empty")
        press(s, .char(" "), .tab, .tab, .char(" "), .tab)
        s.type("複製禁止、持出禁止")
        press(s, .tab)
        s.type("UFD-32")
        press(s, .tab, .tab)
        s.type("32GB")
        press(s, .tab)
        s.type("第2庁舎3階 情報保証室 集中保管庫 ロッカー番号A-1-123 上段")
        press(s, .tab, .char(" "))
        assertScreens(s, named: "filled")
        press(s, .enter)
        assertScreens(s, named: "confirm", sizes: [small])
    }

    func test_useForms() throws {
        try busyUnit()
        let clerk = session("sato")
        press(clerk, .char("2"), .down, .down, .char("u"))
        assertScreens(clerk, named: "start-empty")
        clerk.type("資料作成")
        press(clerk, .tab)
        clerk.type("端末05")
        press(clerk, .tab)
        clerk.type("2026-13-45")
        assertScreens(clerk, named: "start-bad-date")
        press(clerk, .escape, .char("y"), .char("g"), .char("e"))
        assertScreens(clerk, named: "end", sizes: [small])
    }

    func test_takeoutForms() throws {
        try busyUnit()
        let clerk = session("sato")
        press(clerk, .char("2"), .down, .down, .char("t"))
        assertScreens(clerk, named: "request-empty")
        clerk.type("陸上幕僚監部")
        press(clerk, .tab)
        clerk.type("会議資料の持参")
        press(clerk, .tab)
        clerk.type("2026-12-32")
        assertScreens(clerk, named: "request-bad-date")
        for _ in 0..<"2026-12-32".count { press(clerk, .backspace) }
        clerk.type("2026-11-20")
        assertScreens(clerk, named: "request-until-past", sizes: [small])
        for _ in 0..<2 { press(clerk, .backspace) }
        clerk.type("30")
        press(clerk, .tab)
        clerk.type("手持ち")
        assertScreens(clerk, named: "request-ready", sizes: [small])
        press(clerk, .escape)

        // The approved request: departure (a form without fields) and, once out, the return.
        let tanaka = session("tanaka")
        let q = try record(.requestTakeout(registration: "CD-2026-0001", destination: "補給処", purpose: "配布", from: nil,
                                           until: clock.now + 86400, transport: nil), as: "tanaka").change.requestID!
        try record(.approve(request: q, confirmed: TakeoutCheck.allCases, comment: nil), as: "yamada")
        press(tanaka, .char(":"))
        tanaka.type("media show CD-2026-0001")
        press(tanaka, .enter, .char("d"))
        assertScreens(tanaka, named: "depart", sizes: [small])
        press(tanaka, .escape, .escape, .char("2"), .char("G"), .up, .char("r"))
        assertScreens(tanaka, named: "return", sizes: [small])
    }

    func test_scanLostAndFoundForms() throws {
        try busyUnit()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("G"), .char("v"))
        assertScreens(clerk, named: "scan")
        press(clerk, .char(" "))
        assertScreens(clerk, named: "scan-infected-chosen", sizes: [small])
        press(clerk, .escape, .char("y"), .char("L"))
        assertScreens(clerk, named: "lost-empty")
        clerk.type("訓練場で紛失")
        press(clerk, .enter, .char("y"))
        // Recording a lost medium found again is the officer's.
        press(clerk, .char("F"))
        assertScreens(clerk, named: "found-refused-for-clerk", sizes: [small])
        let officer = session("yamada")
        press(officer, .char("2"), .char("G"), .char("F"))
        assertScreens(officer, named: "found", sizes: [small])
    }

    func test_formConfirmation() throws {
        try busyUnit()
        let clerk = session("sato")
        press(clerk, .char("2"), .down, .down, .char("u"))
        clerk.type("資料作成")
        press(clerk, .enter)
        assertScreens(clerk, named: "confirm")
        press(clerk, .char("n"))
        assertScreens(clerk, named: "cancelled", sizes: [small])
    }

    // MARK: Approvals

    func test_approvals() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("3"))
        assertScreens(s, named: "queue")
        press(s, .enter, .char("1"), .char("3"))
        assertScreens(s, named: "detail-two-ticked")
        press(s, .char("a"))
        assertScreens(s, named: "approve-refused", sizes: [small])
        press(s, .char("x"))
        assertScreens(s, named: "reject-form", sizes: [small])
        press(s, .enter)
        assertScreens(s, named: "reject-empty-reason")
    }

    func test_approvalsForOthers() throws {
        try busyUnit()
        let clerk = session("sato")
        press(clerk, .char("3"))
        assertScreens(clerk, named: "clerk-requester", sizes: [small])
        let supervisor = session("suzuki")
        press(supervisor, .char("3"))
        assertScreens(supervisor, named: "supervisor", sizes: [small])
    }

    // MARK: The books, the journal, people

    func test_useLog() throws {
        try crowdedUnit()
        try record(.endUse(registration: "USB-2026-0002", note: "異常なし"), as: "tanaka")
        let s = session("kansa")
        press(s, .char("4"))
        assertScreens(s, named: "uses")
    }

    func test_takeoutLog() throws {
        try busyUnit()
        let s = session("kansa")
        press(s, .char("5"))
        assertScreens(s, named: "takeouts")
        press(s, .char("/"))
        s.type("佐藤")
        press(s, .enter)
        assertScreens(s, named: "filtered-by-person", sizes: [small])
    }

    func test_journal() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("6"))
        assertScreens(s, named: "journal")
        press(s, .char("/"))
        s.type("持出")
        press(s, .enter)
        assertScreens(s, named: "filtered", sizes: [small])
    }

    func test_people() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("7"))
        assertScreens(s, named: "people")
        press(s, .char("a"))
        assertScreens(s, named: "enrol-form")
        press(s, .escape, .char("G"), .char("r"))
        assertScreens(s, named: "roles-form", sizes: [small])
    }

    // MARK: Overlays and the message line

    func test_helpOverlay() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("?"))
        assertScreens(s, named: "home")
        press(s, .escape, .char("2"), .char("?"))
        assertScreens(s, named: "register")
        press(s, .pageDown)
        assertScreens(s, named: "register-scrolled", sizes: [small])
        press(s, .escape, .char("3"), .enter, .char("?"))
        assertScreens(s, named: "approval", sizes: [small])
        press(s, .escape, .escape, .escape, .char("2"), .char("a"), .function(1))
        assertScreens(s, named: "form", sizes: [small])
    }

    func test_commandLine() throws {
        try busyUnit()
        let s = session("sato")
        press(s, .char("2"), .char(":"))
        s.type("use start SD-2026-0001 --purpose 資料作成")
        assertScreens(s, named: "typing")
        press(s, .enter)
        assertScreens(s, named: "refused-quarantined", sizes: [small])
        press(s, .char(":"))
        s.type("frobnicate 全部")
        press(s, .enter)
        assertScreens(s, named: "unknown", sizes: [small])
        press(s, .char(":"))
        s.type("use start CD-2026-0001 --purpose \"配布用 資料作成\" --where 端末02 --until 2026-11-27T17:00")
        assertScreens(s, named: "long-typing", sizes: [small])
        press(s, .enter)
        assertScreens(s, named: "recorded", sizes: [small])
    }

    func test_quitConfirmation() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("q"))
        assertScreens(s, named: "asks")
    }

    func test_notEnrolled() throws {
        try staffUnit()
        assertScreens(session("nanashi"), named: "nanashi")
    }
}
