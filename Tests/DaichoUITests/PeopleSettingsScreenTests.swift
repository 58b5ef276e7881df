// People over time (issue 10) and the settings screen and the setup form's
// numbering scheme (issue 13), driven by keys: each write through its form and
// its (y/n) question, officer only; a refusal shows its one-line reason and
// leaves the journal as it was.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import SnapshotTesting
import XCTest

final class PeopleSettingsScreenTests: ScreenTestCase {
    // MARK: 要員: edit and retire (issue 10)

    func test_officerEditsAPerson_asANewRecord_afterTheQuestion() throws {
        try staffUnit()
        let s = session("yamada")
        // sato is the second row; e opens the form with 氏名, 官職, 階級, 所属 as they are now.
        press(s, .char("7"), .down, .char("e"))
        assertScreens(s, named: "edit-person", sizes: [small])
        // 階級 (empty) gets 3曹; 官職 is emptied, which clears it.
        press(s, .tab)
        press(s, .ctrl("u"))
        press(s, .tab)
        s.type("3曹")
        let before = store.ledger.records.count
        press(s, .enter)
        XCTAssertTrue(text(s).contains("この内容で記録しますか？"), text(s))
        XCTAssertEqual(store.ledger.records.count, before, "nothing is written before the answer")
        press(s, .char("y"))
        XCTAssertEqual(store.ledger.records.count, before + 1)
        let p = try XCTUnwrap(store.ledger.people["sato"])
        XCTAssertEqual(p.rank, "3曹")
        XCTAssertNil(p.title)
        XCTAssertEqual(p.section, "通信小隊")
        XCTAssertTrue(text(s).contains("要員の記載を変更しました: sato"), text(s))
    }

    func test_editWithNothingChanged_saysSo_andWritesNothing() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("7"), .down, .char("e"), .enter)
        XCTAssertFalse(text(s).contains("この内容で記録しますか？"), text(s))
        XCTAssertTrue(text(s).contains(DomainError.nothingChanged(login: "sato").message(.ja)), text(s))
        XCTAssertEqual(store.ledger.records.count, 5)
    }

    func test_retireListsWhatThePersonStillHolds_thenRecordsAfterTheQuestion() throws {
        try staffUnit()
        let reg = try register()
        try record(.startUse(registration: reg, purpose: "資料作成", place: nil, until: nil), as: "sato")
        let q = try record(.requestTakeout(registration: try register(), destination: "補給処", purpose: "受渡し", from: nil,
                                           until: clock.now + 86400, transport: nil), as: "sato").change.requestID!
        let s = session("yamada")
        press(s, .char("7"), .down, .char("x"))
        let shown = text(s)
        // What `daicho people retire` lists (People.swift, Ledger.holdings), before anything is written.
        XCTAssertTrue(shown.contains("まだ保持しているもの 2件"), shown)
        XCTAssertTrue(shown.contains("使用中: \(reg)"), shown)
        XCTAssertTrue(shown.contains("持出申請 \(q)"), shown)
        assertScreens(s, named: "retire-person", sizes: [small])
        s.type("転出")
        let before = store.ledger.records.count
        press(s, .enter)
        XCTAssertEqual(store.ledger.records.count, before)
        press(s, .char("y"))
        XCTAssertEqual(store.ledger.records.count, before + 1)
        XCTAssertTrue(try XCTUnwrap(store.ledger.people["sato"]).isRetired)
        XCTAssertEqual(store.ledger.people["sato"]?.retired?.reason, "転出")
        // Retired: neither edited nor retired again from the list.
        press(s, .char("g"), .down, .char("e"))
        XCTAssertTrue(text(s).contains(DomainError.retired(login: "sato").message(.ja)), text(s))
        XCTAssertEqual(store.ledger.records.count, before + 1)
    }

    func test_retireTheLastOfficer_isRefusedWithItsReason() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("7"), .char("g"), .char("x"))
        XCTAssertTrue(text(s).contains("保持しているもの（使用中・持出し・起案中）はありません"), text(s))
        s.type("退職")
        press(s, .enter)
        XCTAssertTrue(text(s).contains(DomainError.lastOfficer(login: "yamada").message(.ja)), text(s))
        XCTAssertFalse(text(s).contains("この内容で記録しますか？"), text(s))
        XCTAssertFalse(store.ledger.people["yamada"]!.isRetired)
    }

    func test_onlyTheOfficerEditsOrRetires() throws {
        try staffUnit()
        for login in ["sato", "suzuki", "kansa"] {
            let s = session(login)
            for key in ["e", "x"] {
                press(s, .char("7"), .down, .char(Character(key)))
                XCTAssertTrue(text(s).contains("権限がありません"), "\(login) \(key): " + text(s))
                XCTAssertEqual(s.app.top.scope, .people, "\(login) \(key)")
            }
            // The keys they may not use are not offered as hints.
            XCTAssertFalse(text(s).contains("e 変更"), text(s))
        }
        XCTAssertEqual(store.ledger.records.count, 5)
    }

    /// 責任者交代 on screen (DOMAIN.md: a ledger always has an officer; 002 第19条(2): never an auditor):
    /// `O` on the person who takes over, a reason, the question; the refusals are said before the form.
    func test_theOfficerHandsTheRoleOver_withO_afterTheQuestion() throws {
        try staffUnit()
        let clerk = session("sato")
        press(clerk, .char("7"), .down, .char("O"))
        XCTAssertTrue(text(clerk).contains("権限がありません"), text(clerk))
        let s = session("yamada")
        press(s, .char("7"))
        XCTAssertTrue(text(s).contains("O 交代"), "offered to the officer: \(text(s))")
        // Not to an auditor, with the ledger's own reason, and no form opens.
        press(s, .char("G"))
        XCTAssertTrue(text(s).contains("監査 三郎"), text(s))
        press(s, .char("O"))
        XCTAssertTrue(text(s).contains(DomainError.auditorConflict(login: "kansa").message(.ja)), text(s))
        XCTAssertEqual(s.app.top.scope, .people)
        // To 鈴木 次郎 (the supervisor): the form says what it means.
        press(s, .char("g"))
        let before = store.ledger.records.count
        let suzukiRow = try XCTUnwrap(store.ledger.allPeople.firstIndex { $0.login == "suzuki" })
        for _ in 0..<suzukiRow { press(s, .down) }
        press(s, .char("O"))
        XCTAssertTrue(text(s).contains("責任者交代: 山田 太郎 → 鈴木 次郎（suzuki）"), text(s))
        XCTAssertTrue(text(s).contains("鈴木 次郎 が責任者になり、山田 太郎 は責任者でなくなります（他の役割は残る）"), text(s))
        s.type("人事異動")
        assertScreens(s, named: "change-officer", sizes: [small])
        press(s, .enter)
        XCTAssertTrue(text(s).contains("この内容で記録しますか？"), text(s))
        XCTAssertEqual(store.ledger.records.count, before, "nothing is written before the answer")
        press(s, .char("y"))
        XCTAssertTrue(text(s).contains("責任者を交代しました: 鈴木 次郎（suzuki）"), text(s))
        XCTAssertEqual(store.ledger.people["suzuki"]?.roles, [.officer, .supervisor].sorted())
        XCTAssertFalse(store.ledger.people["yamada"]!.has(.officer))
    }

    // MARK: 設定 (issue 13)

    func test_settingsScreen_fromHomeAndPeople_listsKeyValueAndMeaning() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("C"))
        XCTAssertEqual(s.app.top.scope, .settings)
        assertScreens(s, named: "settings", sizes: [small])
        let shown = text(s)
        // Every setting on one 80x24 screen (long keys and values end in ~), the selected one in full below.
        for (key, _) in store.ledger.settings {
            XCTAssertTrue(shown.contains(key) || shown.contains(String(key.prefix(23)) + "~"), key + ": " + shown)
        }
        XCTAssertTrue(shown.contains("approvers.takeout = officer"), shown)
        press(s, .char("G"))
        let last = try XCTUnwrap(store.ledger.settings.last)
        XCTAssertTrue(text(s).contains("\(last.key) = \(last.value)"), text(s))
        press(s, .char("g"))
        XCTAssertTrue(shown.contains("持出しを許可する役割"), shown)
        press(s, .char("q"), .char("7"), .char("C"))
        XCTAssertEqual(s.app.top.scope, .settings)
        XCTAssertTrue(store.ledger.settings.allSatisfy { !settingMeaning($0.key, s.world).isEmpty }, "every setting says what it means")
    }

    func test_officerChangesASetting_afterTheQuestion() throws {
        try staffUnit()
        let s = session("yamada")
        // handover.due_days, found with the filter.
        press(s, .char("C"), .char("/"))
        s.type("due_days")
        press(s, .enter, .enter)
        XCTAssertTrue(text(s).contains("設定の変更: handover.due_days"), text(s))
        press(s, .ctrl("u"))
        s.type("14")
        assertScreens(s, named: "settings-change", sizes: [small])
        let before = store.ledger.records.count
        press(s, .enter)
        XCTAssertEqual(store.ledger.records.count, before)
        press(s, .char("y"))
        XCTAssertEqual(store.ledger.records.count, before + 1)
        XCTAssertEqual(store.ledger.receiptDueDays, 14)
        guard case .configured(let d)? = store.ledger.records.last?.change else { return XCTFail("not a configure record") }
        XCTAssertEqual(d.key, "handover.due_days")
        XCTAssertTrue(text(s).contains("14"), text(s))
    }

    /// 001 付紙第4 1(1)ア(ｳ): the officer's permission for a take-out cannot be configured away.
    func test_aRefusedSetting_showsItsOneLineReason_andWritesNothing() throws {
        try staffUnit()
        let s = session("yamada")
        press(s, .char("C"), .char("g"), .enter)
        XCTAssertTrue(text(s).contains("設定の変更: approvers.takeout"), text(s))
        press(s, .ctrl("u"))
        s.type("supervisor")
        press(s, .enter)
        let reason = try XCTUnwrap(s.world.check(.configure(key: "approvers.takeout", value: "supervisor")))
        XCTAssertTrue(reason.contains("officer"), reason)
        XCTAssertTrue(text(s, large).contains(String(reason.prefix(30))), text(s, large))
        XCTAssertFalse(text(s).contains("この内容で記録しますか？"), text(s))
        // An unknown key by `a`, likewise.
        press(s, .escape, .char("y"), .char("a"))
        s.type("approvers.lunch")
        press(s, .tab)
        s.type("officer")
        press(s, .enter)
        XCTAssertFalse(text(s).contains("この内容で記録しますか？"), text(s))
        XCTAssertEqual(store.ledger.records.count, 5)
    }

    func test_settingsAreReadOnlyForEveryoneElse() throws {
        try staffUnit()
        for login in ["sato", "suzuki", "kansa"] {
            let s = session(login)
            press(s, .char("C"))
            XCTAssertEqual(s.app.top.scope, .settings, login)
            XCTAssertTrue(text(s).contains("（閲覧のみ）"), text(s))
            press(s, .enter)
            XCTAssertEqual(s.app.top.scope, .settings, login)
            XCTAssertTrue(text(s).contains("閲覧のみ"), text(s))
            press(s, .char("e"))
            XCTAssertTrue(text(s).contains("権限がありません"), text(s))
            press(s, .char("a"))
            XCTAssertEqual(s.app.top.scope, .settings, login)
        }
        let clerk = session("sato")
        press(clerk, .char("C"))
        assertScreens(clerk, named: "settings-readonly", sizes: [small])
        XCTAssertEqual(store.ledger.records.count, 5)
    }

    // MARK: The numbering scheme in the setup form (issue 13)

    func test_setupForm_takesTheScheme_previewsTheNextNumber() throws {
        let s = session("yamada")
        press(s, .enter)
        XCTAssertTrue(text(s).contains("最初の登録番号: USB-2026-0001, CD-2026-0001"), text(s))
        s.type("第1通信隊")
        press(s, .tab, .tab)
        s.type("山田 太郎")
        // To the scheme (the last field): {kind}-{n:3} gives USB-001.
        press(s, .tab, .tab, .tab, .tab, .ctrl("u"))
        s.type("第1通{kind}-{n:3}")
        XCTAssertTrue(text(s).contains("最初の登録番号: 第1通USB-001"), text(s))
        assertScreens(s, named: "setup-scheme", sizes: [small])
        press(s, .enter, .char("y"))
        XCTAssertEqual(store.ledger.header?.scheme, "第1通{kind}-{n:3}")
        XCTAssertEqual(store.ledger.nextRegistration(kind: .usb, now: clock.now, timeZone: tokyo), "第1通USB-001")
    }

    /// As `init --scheme` checks it (Ledger.initialize): a scheme without {n} is refused, nothing is created.
    func test_setupForm_refusesASchemeWithoutANumber() throws {
        let s = session("yamada")
        press(s, .enter)
        s.type("第1通信隊")
        press(s, .tab, .tab)
        s.type("山田 太郎")
        press(s, .tab, .tab, .tab, .tab, .ctrl("u"))
        s.type("{kind}-{year}")
        let refusal = DomainError.invalidField(.scheme, .malformed).message(.ja)
        XCTAssertTrue(text(s).contains(refusal), text(s))
        XCTAssertFalse(text(s).contains("最初の登録番号"), text(s))
        press(s, .enter)
        XCTAssertFalse(text(s).contains("この内容で記録しますか？"), text(s))
        XCTAssertFalse(store.ledger.isInitialized)
    }

    // MARK: Export from the screens (issue 13; the run itself: Tests/e2e/run.sh t_colon_export_csv_json)

    func test_colonHelpShowsTheExport() throws {
        try staffUnit()
        let s = session("yamada")
        XCTAssertTrue(s.app.colonHelp(s.world).contains(":export --what media --format csv -o"))
        let en = session("yamada", lang: .en)
        XCTAssertTrue(en.app.colonHelp(en.world).contains("export: :export --what media --format csv -o"))
    }
}
