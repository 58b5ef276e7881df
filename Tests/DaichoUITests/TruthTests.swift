// Issue 13, what is shown is true and keys behave as people expect: a damaged
// ledger has its own screen and comes first on home; nothing is cut without
// `~` nor wrapped inside an identifier; after a write the new number is named
// and selected; periods that cannot match say why; the `:` line runs the
// CLI's commands with history, Tab and :help; Ctrl-O rows can be removed; the
// 受領票 ticks each medium; the register filters overdue and reverses; the
// journal shows a whole record; a clerk sees their own work on home.

import CellKit
@testable import DaichoCore
@testable import DaichoUI
import XCTest

/// An in-memory store that reports damage where the journal would (record 4, line 4, offset 1234).
final class DamagedStore: LedgerStore {
    let inner: InMemoryStore
    init(_ inner: InMemoryStore) { self.inner = inner }
    var ledger: Ledger { inner.ledger }
    var headHash: String { inner.headHash }
    func damageMessage(_ lang: Lang) -> String? {
        lang.pick("台帳が損傷しています: レコード #4（4行目、オフセット 1234） 直前のレコードのハッシュと一致しません（改ざんの疑い）（読み取り専用）",
                  "the journal is damaged: record #4 (line 4, offset 1234): its prev hash does not match the record before (altered?) (read-only)")
    }
    func damageReport(_ lang: Lang) -> DamageReport? {
        DamageReport(record: 4, line: 4, offset: 1234, message: damageMessage(lang)!, path: "/var/lib/daicho/journal.jsonl")
    }
    func record(_ command: Command, actor: Actor, now: Date, timeZone: TimeZone) throws -> Record { throw DomainError.notInitialized }
    func initialize(_ header: Change, actor: Actor, now: Date) throws -> Record { throw DomainError.alreadyInitialized }
    func refresh() throws -> Bool { false }
    func describe(_ error: Error, _ lang: Lang) -> String { "\(error)" }
}

final class TruthTests: ScreenTestCase {
    // MARK: Damage

    func test_aDamagedLedgerComesFirstOnHomeWithAScreenOfItsOwn() throws {
        try busyUnit()
        let c = clock
        let s = Session(store: DamagedStore(store), actor: Actor(login: "yamada"), lang: .ja, timeZone: tokyo, clock: { c.now })
        XCTAssertTrue(row(s, 3).contains("台帳が損傷しています（読み取り専用） レコード #4"), "first in 要対応: \(text(s))")
        XCTAssertFalse(text(s).contains("対応が必要なものはありません"))
        press(s, .enter)
        let shown = text(s)
        for part in ["#4", "行", "1234 バイト目から", "直前のレコードのハッ", "改ざんの疑い", "対処", "情報保証責任者に報告"] {
            XCTAssertTrue(shown.contains(part), "\(part): \(shown)")
        }
        assertScreens(s, named: "damage", sizes: [small])
    }

    // MARK: Cutting and wrapping

    func test_textCutAtItsWidthEndsInTilde_wrapKeepsIdentifiersWhole() {
        var g = Grid(size: Size(rows: 1, cols: 10))
        g.put("登録簿の一覧です", row: 0, col: 0, width: 10)
        XCTAssertEqual(g.text, "登録簿の ~", "a wide glyph gives way to ~")
        var h = Grid(size: Size(rows: 1, cols: 6))
        h.put("abc   ", row: 0, col: 0, width: 4)
        XCTAssertEqual(h.text, "abc   ", "only spaces left out: no ~")
        let lines = TextView.wrap([Line([Span("亡失 媒体 USB-2026-0002 を記録")])], width: 14)
        XCTAssertEqual(lines.map { $0.spans.map(\.text).joined() }, ["亡失 媒体 ", "USB-2026-0002 ", "を記録"])
        // An identifier wider than the line is still broken (nothing else would show it).
        XCTAssertEqual(TextView.wrap([Line([Span("ABCDEFGHIJ")])], width: 4).count, 3)
    }

    // MARK: After a write

    func test_afterRegisteringTheNewNumberIsNamedAndSelected() throws {
        try staffUnit()
        try register(location: "ロッカーA-1")
        try register(location: "ロッカーA-2")
        let officer = session("yamada")
        press(officer, .char("2"), .char("a"), .enter, .char("y"))
        XCTAssertTrue(row(officer, 23).contains("登録しました: USB-2026-0003"), row(officer, 23))
        XCTAssertFalse(row(officer, 23).contains("#"), "not the record number: \(row(officer, 23))")
        let register = try XCTUnwrap(officer.app.top as? RegisterScreen)
        XCTAssertEqual(register.view.selectedID, "USB-2026-0003", "the new row is selected")
    }

    // MARK: Periods

    func test_periodsThatCannotMatchSayWhy() throws {
        try busyUnit()
        let officer = session("yamada")
        press(officer, .char("4"), .char("/"))
        officer.type("2026-02-30..")
        XCTAssertTrue(row(officer, 1).contains("「2026-02-30」は日付として読めません"), row(officer, 1))
        press(officer, .ctrl("u"))
        officer.type("2026-12-01..2026-11-01")
        XCTAssertTrue(row(officer, 1).contains("始まりが終わりより後です"), row(officer, 1))
        press(officer, .ctrl("u"))
        officer.type("2026-11-01..2026-11-30")
        XCTAssertFalse(row(officer, 1).contains("読めません") || row(officer, 1).contains("後です"), row(officer, 1))
    }

    // MARK: Labels

    func test_labelsSayWhatIsTrue() throws {
        XCTAssertEqual(HandoverStatus.received.label(.en), "awaiting return/destruction")
        try staffUnit()
        let supervisor = session("suzuki")
        XCTAssertTrue(row(supervisor, 22).contains("承認者"), "decides discrepancies by default: \(row(supervisor, 22))")
        try record(.configure(key: "approvers.discrepancy", value: "officer"), as: "yamada")
        XCTAssertTrue(row(supervisor, 22).contains("承認者"), "still decides corrections by default: \(row(supervisor, 22))")
        try record(.configure(key: "approvers.correction", value: "officer"), as: "yamada")
        XCTAssertTrue(row(supervisor, 22).contains("上長（決裁なし）"), "decides nothing now: \(row(supervisor, 22))")
        // A step of some request makes them a decider again (Steps.swift).
        try record(.configure(key: "steps.disposal", value: "officer;supervisor"), as: "yamada")
        XCTAssertTrue(row(supervisor, 22).contains("承認者"), "decides the second step of a disposal: \(row(supervisor, 22))")
    }

    // MARK: The `:` line

    func test_colonLineRunsTheCLIsCommands_withHistoryTabAndHelp() throws {
        try staffUnit()
        try register()
        let s = session("yamada")
        var ran: [[String]] = []
        s.commandRunner = { words in
            ran.append(words)
            return CommandRun(output: "照合: 1a2b3c4d はレコード #6、現在の先頭です\n先頭ハッシュ: 1a2b3c4d", failure: nil)
        }
        s.commandCatalog = ["media register", "media list", "verify", "use start"]
        press(s, .char(":"))
        s.type("verify --against 1a2b3c4d")
        press(s, .enter)
        XCTAssertEqual(ran, [["verify", "--against", "1a2b3c4d"]])
        XCTAssertTrue(text(s).contains("照合: 1a2b3c4d はレコード #6、現在の先頭です"), "the verdict is shown: \(text(s))")
        XCTAssertEqual(s.app.top.scope, .result)
        // History: Up brings the last line back.
        press(s, .escape, .char(":"), .up)
        XCTAssertTrue(row(s, 23).contains(":verify --against 1a2b3c4d"), row(s, 23))
        // Tab completes verbs, then registration numbers.
        press(s, .ctrl("u"))
        s.type("med")
        press(s, .tab)
        XCTAssertTrue(row(s, 23).hasPrefix(":media "), row(s, 23))
        s.type("reg")
        press(s, .tab)
        XCTAssertTrue(row(s, 23).hasPrefix(":media register "), row(s, 23))
        press(s, .ctrl("u"))
        s.type("use start USB-2026-00")
        press(s, .tab)
        XCTAssertTrue(row(s, 23).hasPrefix(":use start USB-2026-0001 "), row(s, 23))
        press(s, .escape)
        // :help lists the CLI's commands; :q asks like q.
        press(s, .char(":"))
        s.type("help")
        press(s, .enter)
        XCTAssertTrue(text(s).contains(":media register"), text(s))
        press(s, .char(":"))
        s.type("q")
        press(s, .enter)
        XCTAssertFalse(s.quit)
        XCTAssertTrue(row(s, 23).contains("終了しますか？ (y/n)"), row(s, 23))
        press(s, .char("y"))
        XCTAssertTrue(s.quit)
    }

    // MARK: Table forms

    /// A medium added with Ctrl-O is a row that can be reached (Tab) and removed (Ctrl-X).
    func test_aMediumRowAddedWithCtrlOCanBeReachedAndRemoved() throws {
        try staffUnit()
        try register(location: "ロッカーA-1")
        let clerk = session("sato")
        press(clerk, .char("8"), .char("a"))
        clerk.type("株式会社防衛システム")
        press(clerk, .ctrl("o"), .enter)
        XCTAssertTrue(text(clerk).contains("USB-2026-0001"), text(clerk))
        let form = try XCTUnwrap(clerk.app.top as? TableFormScreen)
        let rowsBefore = form.rows.count
        // Tab through every stop until the medium row has the focus, then delete it.
        for _ in 0..<12 {
            if case .cell(let r, _) = (clerk.app.top as! TableFormScreen).focus, (clerk.app.top as! TableFormScreen).rows[r].tag == "USB-2026-0001" { break }
            press(clerk, .tab)
        }
        guard case .cell(let r, _) = (clerk.app.top as! TableFormScreen).focus else { return XCTFail("the medium row is never reached") }
        XCTAssertEqual((clerk.app.top as! TableFormScreen).rows[r].tag, "USB-2026-0001")
        press(clerk, .ctrl("x"))
        XCTAssertEqual((clerk.app.top as! TableFormScreen).rows.count, rowsBefore - 1)
        XCTAssertFalse((clerk.app.top as! TableFormScreen).rows.contains { $0.tag == "USB-2026-0001" })
    }

    /// The 受領票 ticks each medium received, like the 受領書 (001 付紙第3).
    func test_theTransferReceiptTicksEachMedium() throws {
        try staffUnit()
        let a = try register(.sd, location: "ロッカーB-1")
        let b = try register(.usb, location: "ロッカーB-2")
        let id = try record(.newTransfer(to: "第3通信隊", media: [a, b], note: nil), as: "yamada").change.caseID!
        try record(.dispatchTransfer(id: id, date: nil), as: "yamada")
        let officer = session("yamada")
        press(officer, .char("9"), .enter, .char("r"))
        XCTAssertTrue(text(officer).contains("受領された媒体にチェック"), text(officer))
        officer.type("第3通信隊 隊長 木村")
        let before = store.ledger.records.count
        // Nothing ticked: nothing was received, nothing is written.
        press(officer, .tab, .tab, .enter)
        XCTAssertTrue(text(officer).contains("受領された媒体がありません"), text(officer))
        XCTAssertEqual(store.ledger.records.count, before)
        // One ticked: the other is recorded as not arrived, and the form says so before asking.
        press(officer, .char(" "))
        XCTAssertTrue(text(officer).contains("未着として記録します: \(b)"), text(officer))
        assertScreens(officer, named: "transfer-receipt-one-unticked", sizes: [small])
        press(officer, .enter, .char("y"))
        XCTAssertNotNil(store.ledger.transfers[id]?.receiptDate)
        XCTAssertEqual(store.ledger.transfers[id]?.missing, [b], "the one not ticked is 未着 on the case")
    }

    // MARK: Register

    func test_registerFiltersOverdueAndReverses() throws {
        try busyUnit()
        let officer = session("yamada")
        press(officer, .char("2"), .char("f"))
        XCTAssertTrue(row(officer, 1).contains("期限超過のみ"), row(officer, 1))
        XCTAssertTrue(row(officer, 1).contains("2件"), "USB-0001 in use and SSD-0001 taken out are overdue: \(row(officer, 1))")
        press(officer, .char("f"), .char("f"), .char("f"), .char("f"), .char("f"), .char("f"), .char("f"), .char("f"))
        XCTAssertFalse(row(officer, 1).contains("状態"), "back to all: \(row(officer, 1))")
        let first = row(officer, 3)
        press(officer, .char("S"))
        XCTAssertTrue(row(officer, 1).contains("逆順"), row(officer, 1))
        XCTAssertNotEqual(row(officer, 3), first)
        XCTAssertTrue(row(officer, 3).hasPrefix("SD-2026-0001") || row(officer, 3).contains("0001"), row(officer, 3))
    }

    // MARK: Journal

    func test_journalEnterShowsTheWholeRecordWithVia_andTheCountFollowsTheFilter() throws {
        try staffUnit()
        try register()
        var n = NewMedium(kind: .sd, category: .business, classification: .c2)
        n.location = "金庫"
        try store.record(.register(n), actor: Actor(login: "yamada", via: "root"), now: clock.now, timeZone: tokyo)
        let officer = session("yamada")
        press(officer, .char("6"))
        // register() also records the clean check a first use needs (001 第3-3).
        XCTAssertTrue(row(officer, 1).contains("8件"), row(officer, 1))
        press(officer, .char("/"))
        officer.type("SD-2026")
        press(officer, .enter)
        XCTAssertTrue(row(officer, 1).contains("1件（全8件）"), row(officer, 1))
        press(officer, .enter)
        let shown = text(officer)
        XCTAssertTrue(shown.contains("記録 #7"), shown)
        XCTAssertTrue(shown.contains("実行者"), shown)
        XCTAssertTrue(shown.contains("root"), shown)
        XCTAssertTrue(shown.contains("\"type\""), "the line as stored: \(shown)")
        assertScreens(officer, named: "record", sizes: [small])
    }

    // MARK: Home

    func test_aClerkSeesTheirOwnUsesAndRequestsOnHome() throws {
        try staffUnit()
        let a = try register()
        let b = try register()
        try record(.startUse(registration: a, purpose: "資料作成", place: nil, until: nil), as: "sato")
        let q = try record(.requestTakeout(registration: b, destination: "補給処", purpose: "受渡し", from: nil, until: clock.now + 86400, transport: nil),
                           as: "sato").change.requestID!
        let clerk = session("sato")
        let home = text(clerk)
        XCTAssertTrue(home.contains("自分の使用中 \(a) 資料作成"), home)
        XCTAssertTrue(home.contains("自分の申請 \(q) \(b) 補給処 承認待ち"), home)
        XCTAssertTrue(home.contains("自分の使用と申請（2件）"), home)
        assertScreens(clerk, named: "clerk-own-work", sizes: [small])
        XCTAssertFalse(text(session("tanaka")).contains("自分の"), "another clerk's work is not theirs")
    }
}
