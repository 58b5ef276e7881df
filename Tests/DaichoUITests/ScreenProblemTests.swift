// Problems found while reading the snapshots, each as a test that fails until
// the screens are fixed (Sources/ was not changed by these tests). Each test
// says what a person at the terminal sees and what they should see.

import CellKit
import DaichoCore
@testable import DaichoUI
import XCTest

final class ScreenProblemTests: ScreenTestCase {
    /// Moving the selection up inside the visible rows must not scroll the table.
    /// ListView.state(ids:height:) computes the scroll offset on a copy
    /// (`scrollToSelection` on a local `ListState`) and never stores it, so the
    /// offset is always 0 and every render pins the selection to the bottom edge:
    /// after G, each ↑ scrolls the whole table down one row instead of moving the
    /// highlight up. Same in every table screen (register, books, journal, people).
    func test_movingUpInsideTheViewDoesNotScroll() throws {
        try crowdedUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("G"))
        let firstRowAtBottom = row(s, 3)
        XCTAssertTrue(firstRowAtBottom.hasPrefix("USB-2026-0005"), firstRowAtBottom)
        press(s, .up)
        XCTAssertEqual(row(s, 3), firstRowAtBottom, "the view scrolled although the new selection was already visible")
        press(s, .up, .up)
        XCTAssertEqual(row(s, 3), firstRowAtBottom)
    }

    /// A text field that does not have the focus should show the start of its
    /// value. The editor keeps the cursor at the end and TextField renders the
    /// window that shows the cursor even when not focused, so a long value shows
    /// its tail with the first characters cut off and no sign that anything is
    /// hidden (register form at 80x24: 保管場所 shows "2庁舎3階 …", the 第 is gone).
    func test_unfocusedLongFieldShowsItsBeginning() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("a"))
        for _ in 0..<7 { press(s, .tab) }
        s.type("第2庁舎3階 情報保証室 集中保管庫 ロッカー番号A-1-123 上段")
        press(s, .tab)
        let line = try XCTUnwrap(text(s).components(separatedBy: "\n").first { $0.contains("保管場所") })
        XCTAssertTrue(line.contains("保管場所             第2庁舎3階"), line)
    }

    /// The help overlay of a form (F1) lists the general keys — k/j 上へ/下へ,
    /// q 戻る, : コマンド入力, / 絞り込み, n/N, 1-7 画面 — but in a form every
    /// printable key is typed into the field (App.handle drops the action for
    /// .char keys in the form scope), so none of those work there. The form's own
    /// keys (Tab, Shift-Tab, Enter, Esc, Space) should be what help shows.
    func test_formHelpListsOnlyKeysThatWorkInAForm() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("a"), .function(1))
        let help = text(s, Size(rows: 60, cols: 120))
        XCTAssertTrue(help.contains("次の項目"), help)
        for misleading in ["コマンド入力（CLIと同じ動詞）", "絞り込み（入力しながら）", "次の一致"] {
            XCTAssertFalse(help.contains(misleading), "form help offers \(misleading), which types text in a form:\n\(help)")
        }
    }

    /// After scrolling past the end of the help (j or ↓ repeatedly), one ↑ should
    /// move the text. App.handleHelp increments helpOffset without a bound and
    /// HelpOverlay clamps only when drawing, so every extra ↓ must be undone by an
    /// ↑ before anything moves: the help looks stuck.
    func test_helpScrollsBackAtOnceAfterOverscrolling() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("?"))
        for _ in 0..<60 { press(s, .down) }
        let bottom = text(s)
        press(s, .up)
        XCTAssertNotEqual(text(s), bottom, "↑ after overscrolling did nothing")
        XCTAssertTrue(s.app.isHelpShown)
    }

    /// The four checks of 001 第3-2 have Japanese labels (TakeoutCheck.label), but
    /// the refusal when some are unticked (DomainError.checksMissing in
    /// DaichoCore/Errors.swift) and the approval record's summary
    /// (DaichoCore/Describe.swift, shown on home, the journal and the medium
    /// timeline) print the raw identifiers: 「確認が必要です: no-copy-instructed,encrypted」.
    func test_checksAreNamedInJapaneseOnTheScreens() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("3"), .enter, .char("1"), .char("3"), .char("a"))
        let refusal = row(s, 23)
        XCTAssertTrue(refusal.contains("確認が必要です"), refusal)
        XCTAssertFalse(refusal.contains("no-copy-instructed"), refusal)
        XCTAssertTrue(refusal.contains("目的外に複製しないよう指導した") || refusal.contains("確認2"), refusal)
        press(s, .escape, .escape, .char("6"))
        XCTAssertFalse(text(s, large).contains("data-minimal"), text(s, large))
    }

    /// At 120 columns the register gives all the spare width to 保管場所 while
    /// 使用者/持出先 stays 13 columns, so a destination like 防衛装備庁 長官官房 …
    /// is cut to 「防衛装備庁 長」 next to 50 empty columns.
    func test_wideRegisterDoesNotCutTheDestination() throws {
        try crowdedUnit()
        let s = session("yamada")
        press(s, .char("2"))
        let hdd = try XCTUnwrap(text(s, large).components(separatedBy: "\n").first { $0.hasPrefix("HDD-2026-0001") })
        XCTAssertTrue(hdd.contains("防衛装備庁 長官官房"), hdd)
    }
}
