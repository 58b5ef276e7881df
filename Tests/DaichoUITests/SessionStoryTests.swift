// Whole stories driven by keys through sessions of different people on one
// store, asserting on the ledger and on the screen: what a clerk, an officer
// and a supervisor actually do at the terminal.

import CellKit
import DaichoCore
@testable import DaichoUI
import XCTest

final class SessionStoryTests: ScreenTestCase {
    /// Fills a form: each value typed into the next field (Tab between), nil leaves one as it is.
    func fill(_ s: Session, _ values: [String?]) {
        for (i, v) in values.enumerated() {
            if let v { s.type(v) }
            if i < values.count - 1 { press(s, .tab) }
        }
    }

    func test_registerUseEndThroughTheScreens_付紙第4() throws {
        try staffUnit()
        let officer = session("yamada")
        press(officer, .char("2"), .char("a"))
        // kind (Space cycles to SD), category, class (Space → 機密性2), restrictions, model, serial, capacity, location
        press(officer, .char(" "), .tab, .tab, .char(" "), .tab)
        fill(officer, ["複製禁止", "UFD-32", "SN123", "32GB", "ロッカーC-3"])
        press(officer, .enter)
        XCTAssertTrue(text(officer).contains("この内容で記録しますか？"), text(officer))
        XCTAssertEqual(store.ledger.media.count, 0, "nothing is written before the confirmation")
        press(officer, .char("y"))
        let m = try XCTUnwrap(store.ledger.media["SD-2026-0001"])
        XCTAssertEqual(m.data.location, "ロッカーC-3")
        XCTAssertEqual(m.data.classification, .c2)
        XCTAssertEqual(m.data.restrictions, [.noCopy])
        XCTAssertTrue(text(officer).contains("登録しました"), text(officer))
        XCTAssertTrue(text(officer).contains("SD-2026-0001"), "back on the register, the new medium is listed")

        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        clerk.type("演習資料の作成")
        press(clerk, .tab)
        clerk.type("端末05")
        press(clerk, .enter, .char("y"))
        XCTAssertEqual(store.ledger.media["SD-2026-0001"]?.status, .inUse)
        XCTAssertEqual(store.ledger.uses.last?.user, "sato")
        XCTAssertEqual(store.ledger.uses.last?.place, "端末05")
        XCTAssertTrue(text(clerk).contains("使用中"), text(clerk))
        press(clerk, .char("e"), .enter, .char("y"))
        XCTAssertEqual(store.ledger.media["SD-2026-0001"]?.status, .stored)
        XCTAssertNotNil(store.ledger.uses.last?.end)
    }

    func test_takeoutRequestApproveDepartReturn_001_第3の2_002_第19条() throws {
        try staffUnit()
        let reg = try register(location: "ロッカーA-1")
        let clerk = session("sato")
        press(clerk, .char("2"), .char("t"))
        fill(clerk, ["陸上幕僚監部", "会議資料の持参", "2026-11-30", "手持ち"])
        press(clerk, .enter, .char("y"))
        let id = try XCTUnwrap(store.ledger.requests.keys.first)
        XCTAssertEqual(store.ledger.requests[id]?.state, .pending)

        // The requester's queue never offers their own request (002 第19条).
        press(clerk, .char("3"))
        XCTAssertTrue(text(clerk).contains("決裁する申請はありません") || text(clerk).contains("承認待ちの申請はありません"), text(clerk))
        XCTAssertFalse(text(clerk).contains(id), text(clerk))

        // The officer ticks the four checks of 001 第3-2 and approves.
        let officer = session("yamada")
        XCTAssertTrue(text(officer).contains("承認待ち \(id)"), "home lists the request needing a decision")
        press(officer, .char("3"), .enter, .char("1"), .char("2"), .char("3"))
        press(officer, .char("a"))
        XCTAssertEqual(store.ledger.requests[id]?.state, .pending, "three checks are not enough")
        XCTAssertTrue(text(officer).contains("確認が必要です: encrypted"), text(officer))
        press(officer, .char("4"), .char("a"))
        XCTAssertEqual(store.ledger.requests[id]?.state, .approved)
        XCTAssertEqual(store.ledger.requests[id]?.decision?.confirmed, TakeoutCheck.allCases)
        XCTAssertTrue(text(officer).contains("許可しました"), text(officer))

        press(clerk, .char("2"), .char("d"), .enter, .char("y"))
        XCTAssertEqual(store.ledger.media[reg]?.status, .takenOut)
        press(clerk, .char("r"))
        clerk.type("異常なし")
        press(clerk, .enter, .char("y"))
        XCTAssertEqual(store.ledger.media[reg]?.status, .stored)
        XCTAssertEqual(store.ledger.requests[id]?.state, .returned)
        XCTAssertEqual(store.ledger.requests[id]?.returnNote, "異常なし")
    }

    func test_rejectNeedsAReason() throws {
        try staffUnit()
        let reg = try register()
        let id = try record(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil,
                                            until: clock.now + 86400, transport: nil), as: "sato").change.requestID!
        let officer = session("yamada")
        press(officer, .char("3"), .enter, .char("x"), .enter)
        XCTAssertTrue(text(officer).contains("理由を入力してください"), text(officer))
        XCTAssertEqual(store.ledger.requests[id]?.state, .pending)
        officer.type("目的が不明確")
        press(officer, .enter, .char("y"))
        XCTAssertEqual(store.ledger.requests[id]?.state, .rejected)
        XCTAssertEqual(store.ledger.requests[id]?.decision?.comment, "目的が不明確")
        XCTAssertTrue(text(officer).contains("却下しました"), text(officer))
    }

    func test_formWithAnErrorWritesNothing_andEscDiscards() throws {
        try staffUnit()
        try register()
        let before = store.ledger.records.count
        let clerk = session("sato")
        press(clerk, .char("2"), .char("t"))
        fill(clerk, ["陸上幕僚監部", "会議", "2026-13-45"])
        press(clerk, .enter)
        XCTAssertTrue(text(clerk).contains("「2026-13-45」は日付として読めません"), text(clerk))
        press(clerk, .char("y"))
        XCTAssertEqual(store.ledger.records.count, before)
        press(clerk, .escape)
        XCTAssertTrue(text(clerk).contains("入力を破棄しました"), text(clerk))
        XCTAssertEqual(store.ledger.records.count, before)
        // A 持出禁止 medium refuses at once, before a form opens (002 別表1).
        try register(restrictions: ["持出禁止"])
        press(clerk, .char("j"), .char("t"))
        XCTAssertTrue(text(clerk).contains("持出禁止です"), text(clerk))
        XCTAssertEqual(store.ledger.records.count, before + 1)
    }

    func test_typingAndDeletingJapaneseCharacterByCharacter() throws {
        try staffUnit()
        try register()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        clerk.type("演習資料")
        press(clerk, .backspace)
        XCTAssertTrue(text(clerk).contains("演習資 "), text(clerk))
        press(clerk, .left, .left, .backspace)
        clerk.type("用")
        press(clerk, .enter, .char("y"))
        XCTAssertEqual(store.ledger.uses.last?.purpose, "用習資")
    }

    func test_commandLineRecordsWithTheCLIVerbs() throws {
        try staffUnit()
        let reg = try register()
        let clerk = session("sato")
        press(clerk, .char(":"))
        clerk.type("use start \(reg) --purpose \"資料 作成\" --where 端末01")
        press(clerk, .enter)
        XCTAssertEqual(store.ledger.media[reg]?.status, .inUse)
        XCTAssertEqual(store.ledger.uses.last?.purpose, "資料 作成")
        press(clerk, .char(":"))
        clerk.type("frobnicate")
        press(clerk, .enter)
        XCTAssertTrue(text(clerk).contains("コマンド「frobnicate」は分かりません"), text(clerk))
        press(clerk, .char(":"))
        clerk.type("media register --kind usb --category business --class 2")
        press(clerk, .enter)
        XCTAssertTrue(text(clerk).contains("権限がありません"), "a clerk cannot register: \(text(clerk))")
    }

    func test_anotherTerminalsChangeAppearsAfterATickWithoutAKey() throws {
        try staffUnit()
        let reg = try register()
        let officer = session("yamada")
        press(officer, .char("2"))
        XCTAssertTrue(text(officer).contains("保管中"))
        _ = officer.tick()
        let change = try store.ledger.decide(.startUse(registration: reg, purpose: "点検", place: nil, until: nil),
                                             by: Actor(login: "tanaka"), now: clock.now, timeZone: tokyo)
        try store.append(change, actor: Actor(login: "tanaka"), now: clock.now)
        XCTAssertTrue(officer.tick(), "the session notices the append")
        XCTAssertTrue(text(officer).contains("使用中"), text(officer))
        XCTAssertTrue(text(officer).contains("tanaka"), text(officer))
    }

    func test_escapeSequenceInLedgerTextIsNeutralised() throws {
        try staffUnit()
        // A record that slipped past validation (e.g. written by an older tool): the screen must not pass ESC on.
        let evil = PersonData(login: "evil", name: "\u{1B}[31mEVIL\u{1B}[0m", roles: [.clerk])
        try store.append(.personEnrolled(evil), actor: Actor(login: "yamada"), now: clock.now)
        let s = session("yamada")
        press(s, .char("7"))
        let screen = text(s, large)
        XCTAssertFalse(screen.unicodeScalars.contains("\u{1B}"), screen)
        XCTAssertTrue(screen.contains("^[[31mEVIL"), screen)
    }

    func test_quitAsksOnHome() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("q"))
        XCTAssertTrue(text(s).contains("終了しますか？ (y/n)"))
        press(s, .char("n"))
        XCTAssertFalse(s.quit)
        XCTAssertTrue(text(s).contains("終了を取り消しました"))
        press(s, .char("2"), .char("q"))
        XCTAssertTrue(text(s).contains(" ホーム"), "q on a screen goes back to home")
        press(s, .char("q"), .char("y"))
        XCTAssertTrue(s.quit)
    }

    func test_ctrlCQuitsFromAnywhere() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("a"), .ctrl("c"))
        XCTAssertTrue(s.quit)
    }

    func test_notEnrolledSeesWhyAndCanOnlyLeave() throws {
        try staffUnit()
        let s = session("nanashi")
        XCTAssertTrue(text(s).contains("nanashi は要員として登録されていません"), text(s))
        press(s, .char("2"), .char("a"))
        XCTAssertEqual(store.ledger.records.count, 5)
        press(s, .char("q"))
        XCTAssertTrue(s.quit)
    }

    func test_setupCreatesTheLedger() throws {
        let s = session("yamada")
        press(s, .enter)
        XCTAssertTrue(text(s).contains("部隊等名称を入力してください"), text(s))
        s.type("第1通信隊")
        press(s, .tab, .tab)
        s.type("山田 太郎")
        press(s, .enter, .char("y"))
        XCTAssertEqual(store.ledger.unit, "第1通信隊")
        XCTAssertEqual(store.ledger.people["yamada"]?.roles, [.officer])
        XCTAssertTrue(text(s).contains(" ホーム"), text(s))
    }

    func test_officerEnrolsAndChangesRoles_clerkCannot() throws {
        try staffUnit()
        let clerk = session("sato")
        press(clerk, .char("7"), .char("a"))
        XCTAssertTrue(text(clerk).contains("権限がありません"), text(clerk))
        let officer = session("yamada")
        press(officer, .char("7"), .char("a"))
        fill(officer, ["ito", "伊藤 四郎", nil, nil, nil, nil, "通信小隊"])
        press(officer, .enter, .char("y"))
        XCTAssertEqual(store.ledger.people["ito"]?.roles, [.clerk])
        XCTAssertEqual(store.ledger.people["ito"]?.section, "通信小隊")
        // Roles of suzuki (4th row): add officer.
        press(officer, .char("g"), .down, .down, .down, .char("r"))
        press(officer, .tab, .char(" "), .enter, .char("y"))
        XCTAssertEqual(store.ledger.people["suzuki"]?.roles, [.officer, .supervisor])
    }

    func test_helpIsGeneratedFromTheLiveKeymap() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("3"), .enter, .char("?"))
        let help = text(s, large)
        XCTAssertTrue(help.contains("許可"), help)
        XCTAssertTrue(help.contains("却下（理由が必要）"), help)
        // Esc closes help, Esc leaves the decision (where 1-4 tick checks), 2 opens the register.
        press(s, .escape, .escape, .char("2"), .char("?"), .pageDown)
        let registerHelp = text(s, large)
        XCTAssertTrue(registerHelp.contains("媒体を登録"), registerHelp)
        XCTAssertFalse(registerHelp.contains("却下（理由が必要）"), "help shows only the keys of this screen")
    }
}
