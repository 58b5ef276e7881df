// Every screen as text at 80x24 and 120x40 with Japanese data: empty states,
// long values, overdue marks, forms with their one-line reasons, help, the
// command line, a resized and a too-small screen, and English.
//
// References live in __Snapshots__/ScreenRenderTests; a missing one fails.
// After a deliberate change to the screens: SNAPSHOT_TESTING_RECORD=all make test,
// then read the changed .txt files before committing them.

import CellKit
import DaichoCore
@testable import DaichoUI
import SnapshotTesting
import XCTest

final class ScreenRenderTests: ScreenTestCase {
    func test_setupOnEmptyDataDirectory() {
        let s = session("yamada")
        assertScreen(s, named: "80x24")
        s.type("第1通信隊")
        press(s, .tab, .tab)
        s.type("山田 太郎")
        assertScreen(s, large, named: "filled-120x40")
    }

    func test_homeWithWorkWaiting() throws {
        try busyUnit()
        let officer = session("yamada")
        assertScreen(officer, named: "officer-80x24")
        assertScreen(officer, large, named: "officer-120x40")
        assertScreen(session("sato"), named: "requester-80x24")
        // The role mask shows the overdue lines in the warning colour and the quarantined one in error.
        assertSnapshotText(officer.render(small).roleMask, named: "officer-roles")
    }

    func test_homeEmpty() throws {
        try staffUnit()
        assertScreen(session("kansa"), named: "auditor-80x24")
    }

    func test_registerTable() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"))
        assertScreen(s, named: "80x24")
        assertScreen(s, large, named: "120x40")
        assertSnapshotText(s.render(small).roleMask, named: "roles")
    }

    func test_registerScrollsAndCutsLongValuesByWidth() throws {
        try staffUnit()
        for i in 0..<30 {
            try register(i % 3 == 0 ? .hdd : .usb, location: i == 1 ? "第2庁舎3階 情報保証室 集中保管庫 ロッカー番号A-1-123" : "ロッカー\(i)")
        }
        let s = session("yamada")
        press(s, .char("2"), .char("G"))
        assertScreen(s, named: "bottom-80x24")
        press(s, .char("g"), .down)
        assertScreen(s, named: "second-80x24")
    }

    func test_registerFilteredSortedAndByStatus() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("/"))
        s.type("ロッカーA")
        assertScreen(s, named: "filter-typing")
        press(s, .enter, .char("s"), .char("s"))
        assertScreen(s, named: "filter-sorted-by-due")
        press(s, .char("/"), .escape, .char("f"), .char("f"))
        assertScreen(s, named: "status-in-use")
    }

    func test_registerEmpty() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("2"))
        assertScreen(s, named: "80x24")
    }

    func test_mediumDetailWithTimeline() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"), .enter)
        assertScreen(s, named: "in-use-overdue")
        press(s, .escape, .char("G"), .up, .enter)
        assertScreen(s, large, named: "taken-out-120x40")
    }

    func test_forms() throws {
        try busyUnit()
        let officer = session("yamada")
        press(officer, .char("2"), .char("a"))
        assertScreen(officer, named: "register-form")
        press(officer, .escape)

        let clerk = session("sato")
        press(clerk, .char("2"), .char("G"), .up, .up, .char("u"))
        assertScreen(clerk, named: "use-start-empty")
        clerk.type("資料作成")
        press(clerk, .tab, .tab)
        clerk.type("2026-13-45")
        assertScreen(clerk, named: "use-start-bad-date")
        press(clerk, .escape, .char("t"))
        clerk.type("陸上幕僚監部")
        press(clerk, .tab)
        clerk.type("会議")
        press(clerk, .tab)
        clerk.type("2026-11-20")
        assertScreen(clerk, named: "takeout-until-in-past")
        press(clerk, .escape, .char("v"))
        assertScreen(clerk, named: "scan")
        press(clerk, .escape, .char("L"))
        assertScreen(clerk, named: "lost-empty")
    }

    func test_formConfirmation() throws {
        try busyUnit()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("G"), .up, .up, .char("u"))
        clerk.type("資料作成")
        press(clerk, .enter)
        assertScreen(clerk, named: "confirm")
    }

    func test_approvalsQueueAndDecision() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("3"))
        assertScreen(s, named: "queue")
        press(s, .enter, .char("1"), .char("3"))
        assertScreen(s, named: "detail-two-ticked")
        press(s, .char("a"))
        assertScreen(s, named: "approve-refused-unticked")
        press(s, .char("x"))
        assertScreen(s, named: "reject-needs-reason")
    }

    func test_approvalsEmptyForRequester() throws {
        try busyUnit()
        let s = session("sato")
        press(s, .char("3"))
        assertScreen(s, named: "clerk")
    }

    func test_logs() throws {
        try busyUnit()
        let s = session("kansa")
        press(s, .char("4"))
        assertScreen(s, named: "uses-80x24")
        press(s, .char("5"))
        assertScreen(s, named: "takeouts-80x24")
        assertScreen(s, large, named: "takeouts-120x40")
        press(s, .char("/"))
        s.type("佐藤")
        press(s, .enter)
        assertScreen(s, named: "takeouts-filtered-by-person")
    }

    func test_journalAndPeople() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("6"))
        assertScreen(s, named: "journal")
        press(s, .char("7"))
        assertScreen(s, named: "people")
        press(s, .char("a"))
        assertScreen(s, named: "enrol-form")
    }

    func test_helpCommandLineAndQuit() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("?"))
        assertScreen(s, named: "help-register")
        press(s, .escape, .char(":"))
        s.type("use start USB-2026-0002 --purpose 資料")
        assertScreen(s, named: "command-line")
        press(s, .escape, .char("1"), .char("q"))
        assertScreen(s, named: "quit-asks")
    }

    func test_tooSmallAndResized() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"))
        assertScreen(s, Size(rows: 20, cols: 60), named: "too-small")
        press(s, .resize)
        assertScreen(s, Size(rows: 30, cols: 100), named: "resized-100x30")
    }

    func test_english() throws {
        try busyUnit()
        let s = session("yamada", lang: .en)
        assertScreen(s, named: "home")
        press(s, .char("2"))
        assertScreen(s, named: "register")
        press(s, .char("3"), .enter)
        assertScreen(s, named: "approval")
    }

    func test_notEnrolled() throws {
        try staffUnit()
        assertScreen(session("nanashi"), named: "80x24")
    }
}
