// Issue 13: screens a clerk can trust. Nothing is written by accident: a paste
// is text (never Enter, never an answer), every write is confirmed (許可 too,
// with its comment, 001 第3-2), a filled form asks before it is thrown away,
// fields refuse rather than cut, keys that mean nothing say so, and help and
// hints offer only what the person may do.

import CellKit
@testable import DaichoCore
@testable import DaichoUI
import XCTest

final class TrustTests: ScreenTestCase {
    // MARK: Paste

    /// The reported story: a two-line paste into a form field; its line break acted as Enter
    /// and the next letter answered the question, so a record was written.
    func test_aPasteWithALineBreakIsNeitherEnterNorAnAnswer_nothingWritten() throws {
        try staffUnit()
        let reg = try register()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        XCTAssertTrue(text(clerk).contains("使用開始: \(reg)"), text(clerk))
        let before = store.ledger.records.count
        press(clerk, .paste("資料作成\ny"))
        XCTAssertEqual(store.ledger.records.count, before, "nothing written")
        XCTAssertTrue(text(clerk).contains("改行があります"), "the refusal says why: \(text(clerk))")
        XCTAssertFalse(text(clerk).contains("この内容で記録しますか"), "the line break was not Enter")
        XCTAssertFalse(text(clerk).contains("資料作成"), "refused whole, not cut at the line break")

        // One line pasted is text; Enter asks; a paste is no answer; only y records.
        press(clerk, .paste("資料作成"))
        XCTAssertTrue(text(clerk).contains("資料作成"), text(clerk))
        press(clerk, .enter)
        XCTAssertTrue(text(clerk).contains("この内容で記録しますか？"), text(clerk))
        press(clerk, .paste("y"))
        XCTAssertEqual(store.ledger.records.count, before, "a pasted y answers nothing")
        XCTAssertTrue(text(clerk).contains("この内容で記録しますか？"), "the question stays: \(text(clerk))")
        XCTAssertTrue(text(clerk).contains("貼り付けは回答になりません"), text(clerk))
        press(clerk, .char("y"))
        XCTAssertEqual(store.ledger.uses.last?.purpose, "資料作成")
    }

    /// Outside a field or a filter a paste does nothing (it used to run as commands: `s` sorted, `u` opened a form).
    func test_aPasteOnAListIsNotKeys() throws {
        try staffUnit()
        try register()
        let clerk = session("sato")
        press(clerk, .char("2"))
        let shown = text(clerk)
        press(clerk, .paste("uv\n1"))
        XCTAssertEqual(clerk.app.top.scope, .register, "no form opened, no screen switched")
        XCTAssertTrue(text(clerk).contains("貼り付けは入力欄・絞り込みの入力中にだけ使えます"), text(clerk))
        XCTAssertEqual(shown.components(separatedBy: "\n")[2...5], text(clerk).components(separatedBy: "\n")[2...5])
        // Into a filter being typed it is words (a line break separates them).
        press(clerk, .char("/"), .paste("USB\n0001"), .enter)
        XCTAssertTrue(text(clerk).contains("絞込: USB 0001"), text(clerk))
    }

    /// A 5 000-character reason was cut to 500 and recorded; the CLI refuses it. The field refuses too.
    func test_aFieldRefusesWhatDoesNotFit_neverCuts_andShowsItsLimitWhenNear() throws {
        try busyUnit()
        let officer = session("yamada")
        press(officer, .char("3"), .enter, .char("x"))
        XCTAssertTrue(text(officer).contains("却下"), text(officer))
        press(officer, .paste(String(repeating: "長", count: 5000)))
        XCTAssertTrue(text(officer).contains("500文字までです"), text(officer))
        XCTAssertFalse(text(officer).contains("長長"), "nothing pasted, not the first 500")
        press(officer, .paste(String(repeating: "理", count: 490)))
        XCTAssertTrue(text(officer).contains("490/500"), "the count shows near the limit: \(text(officer))")
        officer.type(String(repeating: "由", count: 10))
        XCTAssertTrue(text(officer).contains("500/500"), text(officer))
        officer.type("超")
        XCTAssertTrue(text(officer).contains("500文字までです（これ以上入力できません）"), text(officer))
        assertScreens(officer, named: "reason-at-its-limit", sizes: [small])
    }

    // MARK: Questions and discarding

    func test_escInAFilledFormAsksBeforeThrowingItAway() throws {
        try staffUnit()
        try register()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        clerk.type("演習資料")
        press(clerk, .escape)
        XCTAssertEqual(clerk.app.top.scope, .form, "still in the form")
        XCTAssertTrue(text(clerk).contains("入力した内容を破棄しますか？ (y/n)"), text(clerk))
        press(clerk, .char("n"))
        XCTAssertTrue(text(clerk).contains("演習資料"), "kept: \(text(clerk))")
        press(clerk, .escape, .char("y"))
        XCTAssertEqual(clerk.app.top.scope, .register)
        XCTAssertTrue(text(clerk).contains("入力を破棄しました"), text(clerk))
        // An untouched form goes at once.
        press(clerk, .char("u"), .escape)
        XCTAssertEqual(clerk.app.top.scope, .register)
    }

    func test_ctrlCWithUnsavedInputAsks_aSecondCtrlCQuits() throws {
        try staffUnit()
        try register()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        clerk.type("演習資料")
        press(clerk, .ctrl("c"))
        XCTAssertFalse(clerk.quit)
        XCTAssertTrue(text(clerk).contains("破棄して終了しますか？ (y/n)"), text(clerk))
        press(clerk, .char("n"))
        XCTAssertFalse(clerk.quit)
        XCTAssertTrue(text(clerk).contains("演習資料"))
        press(clerk, .ctrl("c"), .ctrl("c"))
        XCTAssertTrue(clerk.quit)
        // Nothing typed: Ctrl-C quits at once.
        let other = session("tanaka")
        press(other, .char("2"), .ctrl("c"))
        XCTAssertTrue(other.quit)
    }

    /// F-keys switch screens everywhere; from a filled form they would throw the input away.
    func test_screenKeysDoNotLeaveAFilledForm() throws {
        try staffUnit()
        try register()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        clerk.type("演習資料")
        press(clerk, .function(2))
        XCTAssertEqual(clerk.app.top.scope, .form)
        XCTAssertTrue(text(clerk).contains("入力中の内容があります"), text(clerk))
    }

    /// A key pressed after a cancelled question does what it does (it used to be swallowed).
    func test_aKeyAfterACancelledQuestionIsNotSwallowed() throws {
        try staffUnit()
        let officer = session("yamada")
        press(officer, .char("q"))
        XCTAssertTrue(text(officer).contains("終了しますか？"), text(officer))
        press(officer, .char("2"))
        XCTAssertFalse(officer.quit)
        XCTAssertEqual(officer.app.top.scope, .register, "the 2 closed the question and opened the register")
    }

    // MARK: Decisions

    /// 許可 confirms like every other write and takes an optional comment (001 第3-2, 002 第19条).
    func test_approvingConfirmsAndTakesAComment() throws {
        try busyUnit()
        let id = try XCTUnwrap(store.ledger.requests.values.first { $0.state == .pending }?.id)
        let officer = session("yamada")
        press(officer, .char("3"), .enter, .char("1"), .char("2"), .char("3"), .char("4"), .char("a"))
        XCTAssertEqual(store.ledger.requests[id]?.state, .pending, "a alone writes nothing")
        XCTAssertTrue(text(officer).contains("許可: \(id)"), text(officer))
        officer.type("返却時に再検査")
        press(officer, .enter)
        XCTAssertTrue(text(officer).contains("この内容で記録しますか？"), text(officer))
        XCTAssertEqual(store.ledger.requests[id]?.state, .pending)
        press(officer, .char("y"))
        XCTAssertEqual(store.ledger.requests[id]?.state, .approved)
        XCTAssertEqual(store.ledger.requests[id]?.decision?.comment, "返却時に再検査")
        XCTAssertEqual(officer.app.top.scope, .approvals, "back on the queue")
    }

    // MARK: Keys that mean something

    /// The reported story: `/USB-2026-0006` on ホーム switched screens digit by digit.
    func test_homeFilters_digitsInTheFilterAreText_escClearsThenDoesNothing() throws {
        try busyUnit()
        let officer = session("yamada")
        press(officer, .char("/"))
        officer.type("USB-2026-0002")
        XCTAssertEqual(officer.app.stack.count, 1, "still on home")
        XCTAssertEqual(officer.app.top.scope, .home)
        press(officer, .enter)
        XCTAssertTrue(row(officer, 1).contains("絞込: USB-2026-0002"), text(officer))
        XCTAssertTrue(text(officer).contains("要対応（1件）"), text(officer))
        press(officer, .escape)
        XCTAssertFalse(row(officer, 1).contains("絞込"), "Esc clears the committed filter: \(row(officer, 1))")
        press(officer, .escape)
        XCTAssertEqual(officer.app.top.scope, .home)
        XCTAssertFalse(text(officer).contains("終了しますか"), "Esc on home does nothing; q asks")
        XCTAssertFalse(officer.quit)
    }

    func test_aKeyThatMeansNothingHereSaysSo() throws {
        try staffUnit()
        let reg = try register()
        let clerk = session("sato")
        press(clerk, .char("z"))
        XCTAssertTrue(text(clerk).contains("キー「z」はこの画面では使えません"), text(clerk))
        press(clerk, .char("2"), .enter)
        XCTAssertEqual(clerk.app.top.scope, .medium)
        press(clerk, .char("/"))
        XCTAssertTrue(text(clerk).contains("キー「/」はこの画面では使えません"), "no filter on a medium: \(text(clerk))")
        press(clerk, .unknown(-1))
        XCTAssertTrue(text(clerk).contains("このキーはこの画面では使えません"), text(clerk))
        _ = reg
    }

    /// An escape sequence the program does not know is swallowed whole (it typed `31m`, `1~`, `4~`).
    func test_unknownEscapeSequencesAreSwallowedWhole() {
        XCTAssertEqual(Key.decodeEscapeSequence("[31m"), .unknown(-1))
        XCTAssertEqual(Key.decodeEscapeSequence("[1~"), .home)
        XCTAssertEqual(Key.decodeEscapeSequence("[4~"), .end)
        XCTAssertEqual(Key.decodeEscapeSequence("OH"), .home)
        XCTAssertTrue(Key.escapeSequenceIsComplete("[31m"))
        XCTAssertFalse(Key.escapeSequenceIsComplete("[31"))
        XCTAssertFalse(Key.escapeSequenceIsComplete("[1"))
        XCTAssertTrue(Key.escapeSequenceIsComplete("[1~"))
        XCTAssertTrue(Key.escapeSequenceIsComplete("[200~"))
        XCTAssertTrue(Key.escapeSequenceIsComplete("OP"))
        XCTAssertTrue(Key.escapeSequenceIsComplete(String(repeating: "1", count: 31) + "["), "bounded")
        var e = LineEditor(text: "abc", maxLength: 5)
        _ = e.handle(.unknown(-1))
        XCTAssertEqual(e.text, "abc")
    }

    // MARK: Who may do what

    /// Help and hints show only what the person may do: an auditor sees no write keys.
    func test_anAuditorIsOfferedNoWriteKeys() throws {
        try staffUnit()
        try register()
        let auditor = session("kansa")
        press(auditor, .char("2"))
        XCTAssertFalse(row(auditor, 21).contains("登録"), "no register hint: \(row(auditor, 21))")
        press(auditor, .char("?"))
        let help = text(auditor, large)
        for write in ["媒体を登録", "使用開始", "持出申請", "ウイルスチェック記録", "亡失報告"] {
            XCTAssertFalse(help.contains(write), "\(write) offered to an auditor: \(help)")
        }
        XCTAssertTrue(help.contains("絞り込み"), help)
        press(auditor, .escape, .char("a"))
        XCTAssertEqual(auditor.app.top.scope, .register, "no form opened")
        XCTAssertTrue(text(auditor).contains("情報保証責任者"), "says which role it needs: \(text(auditor))")
        let count = store.ledger.records.count
        press(auditor, .enter, .char("u"), .char("L"))
        XCTAssertEqual(store.ledger.records.count, count)
        XCTAssertEqual(auditor.app.top.scope, .medium)
    }

    // MARK: What home shows

    /// Lost media are in 要対応; a medium found after a loss is waiting for its check, not 感染 (001 第3-3).
    func test_homeListsLostMedia_aFoundMediumIsNotCalledInfected() throws {
        try staffUnit()
        let a = try register(location: "ロッカーA-1")
        let b = try register(location: "ロッカーA-2")
        try record(.reportLost(registration: a, note: "所在不明"), as: "sato")
        try record(.reportLost(registration: b, note: "所在不明"), as: "sato")
        try record(.reportFound(registration: b, note: "机の中"), as: "yamada")
        let officer = session("yamada")
        let home = text(officer)
        // Each loss is one incident line naming the medium (001 付紙第4 3(5)).
        XCTAssertTrue(home.split(separator: "\n").contains { $0.contains("亡失事案") && $0.contains(a) }, home)
        XCTAssertTrue(home.contains("使用禁止（亡失後発見・検査待ち） \(b)"), home)
        XCTAssertFalse(home.contains("感染"), home)
        assertScreens(officer, named: "home-lost-and-found", sizes: [small])
    }
}
