// The handover (送付) and transfer (送達) screens as text at 80x24 and
// 120x40 with Japanese data: the lists with their status filters and overdue
// marks, the case screens, every form with its one-line reason, the print
// preview, the home screen's to-do lines and the help. Recording: see
// ScreenRenderTests.swift.

import CellKit
import DaichoCore
@testable import DaichoUI
import SnapshotTesting
import XCTest

class CaseTestCase: ScreenTestCase {
    let items = [HandoverItem(name: "仕様書（第3版）", quantity: "2部"), HandoverItem(name: "設計データ", quantity: "1媒体 120MB")]

    @discardableResult
    func draftHandover(to: String = "株式会社防衛システム 営業部長", contract: String? = "R8-123", returnRequired: Bool = false,
                       items: [HandoverItem]? = nil, media: [String] = [], as login: String = "sato") throws -> String {
        try record(.newHandover(to: to, contract: contract, returnRequired: returnRequired, items: items ?? self.items, media: media,
                                note: "至急"), as: login).change.caseID!
    }

    /// A unit with a case in every state (clock at 2026-11-25 09:00):
    /// HO-0001 draft (return required, with a medium); HO-0002 dispatched 11-10, due 11-17 (8 days late, reminded once);
    /// HO-0003 dispatched 11-20, due 11-27; HO-0004 received short (discrepancy, recorded by sato);
    /// HO-0005 closed; HI-0001 incoming; TO-0001 draft, TO-0002 dispatched, TI-0001 incoming.
    func caseUnit() throws {
        try staffUnit()
        let usb = try register(.usb, location: "ロッカーA-1", model: "UFD-32")
        let hdd = try register(.hdd, .business, .c3, location: "金庫", encrypted: true, model: "HD-2TB")
        let sd = try register(.sd, location: "ロッカーB-1")
        try register(.dvdR, location: "書庫")
        try draftHandover(returnRequired: true, media: [usb])
        let late = try draftHandover(to: "陸上自衛隊 補給統制本部 調達部長", contract: nil)
        try record(.dispatchHandover(id: late, date: Day("2026-11-10"), dueDays: nil), as: "sato")
        try record(.remindHandover(id: late, note: "電話で督促（担当 山本氏）"), as: "sato")
        let soon = try draftHandover(to: "情報本部 計画部長", contract: nil, items: [HandoverItem(name: "会議資料", quantity: "10部")])
        try record(.dispatchHandover(id: soon, date: Day("2026-11-20"), dueDays: nil), as: "tanaka")
        let short = try draftHandover(to: "株式会社日本電算 第2事業部長", contract: "R8-456")
        try record(.dispatchHandover(id: short, date: Day("2026-11-18"), dueDays: nil), as: "sato")
        try record(.receiveHandover(id: short, by: "第2事業部 部長 高橋 誠", date: Day("2026-11-24"),
                                    received: [ReceivedItem(name: "仕様書（第3版）", quantity: "1部")]), as: "sato")
        let done = try draftHandover(to: "海上幕僚監部 指揮通信課長", contract: nil, items: [HandoverItem(name: "通達写し", quantity: "1部")])
        try record(.dispatchHandover(id: done, date: Day("2026-11-19"), dueDays: nil), as: "tanaka")
        try record(.receiveHandover(id: done, by: "指揮通信課 課長 伊藤 健", date: Day("2026-11-21"), received: nil), as: "tanaka")
        try record(.incomingHandover(from: "陸上幕僚監部 運用支援課長", items: [HandoverItem(name: "演習計画（案）", quantity: "3部")],
                                     date: Day("2026-11-22"), note: nil), as: "tanaka")
        try record(.newTransfer(to: "第2通信隊", media: [hdd], note: "移管のため"), as: "yamada")
        let sent = try record(.newTransfer(to: "第3通信隊", media: [sd], note: nil), as: "yamada").change.caseID!
        try record(.dispatchTransfer(id: sent, date: Day("2026-11-21")), as: "yamada")
        try record(.incomingTransfer(from: "第5通信隊", media: [IncomingMediumInput(model: "UFD-64", theirs: "USB-2025-0017")],
                                     kind: nil, category: .business, classification: .c2, date: Day("2026-11-24"), note: nil), as: "yamada")
    }
}

final class CaseScreenTests: CaseTestCase {
    /// Narrows the list on screen to one case (the `/` filter, cleared first).
    func only(_ s: Session, _ id: String) {
        press(s, .char("/"), .ctrl("u"))
        s.type(id)
        press(s, .enter)
    }
    // MARK: Lists

    func test_handoverList() throws {
        try caseUnit()
        let s = session("sato")
        press(s, .char("8"))
        // Newest first; the late one marked ! in the warning role with its days; the discrepancy in error.
        assertScreens(s, named: "all")
        press(s, .char("f"), .char("f"))
        assertScreens(s, named: "dispatched", sizes: [small])
        press(s, .char("f"))
        assertScreens(s, named: "overdue", sizes: [small])
        press(s, .char("f"))
        assertScreens(s, named: "discrepancy", sizes: [small])
        press(s, .char("f"), .char("f"))
        assertScreens(s, named: "closed", sizes: [small])
        press(s, .char("f"), .char("f"), .char("/"))
        s.type("補給")
        press(s, .enter)
        assertScreens(s, named: "filtered", sizes: [small])
    }

    /// More cases than rows: the list pages and keeps its scroll position; rows are made for the window only.
    func test_handoverListScrolls() throws {
        try staffUnit()
        for i in 1...30 {
            try draftHandover(to: "第\(i)部隊 補給科長", contract: nil, items: [HandoverItem(name: "資料\(i)", quantity: "\(i)部")])
        }
        let s = session("sato")
        press(s, .char("8"), .char("G"))
        assertScreens(s, named: "bottom", sizes: [small])
        XCTAssertTrue(text(s).contains("HO-0001 送付 起案中"), text(s))
        XCTAssertFalse(text(s).contains("HO-0030"), text(s))
        press(s, .up)
        XCTAssertTrue(row(s, 3).hasPrefix("HO-0018"), "moving up inside the view does not scroll: \(row(s, 3))")
        press(s, .char("g"))
        XCTAssertTrue(row(s, 3).hasPrefix("HO-0030"), row(s, 3))
    }

    func test_handoverListEmpty() throws {
        try staffUnit()
        let s = session("sato")
        press(s, .function(9))
        assertScreens(s, named: "empty", sizes: [small])
    }

    func test_transferList() throws {
        try caseUnit()
        let s = session("yamada")
        press(s, .char("9"))
        assertScreens(s, named: "all")
        press(s, .char("f"), .char("f"))
        assertScreens(s, named: "dispatched", sizes: [small])
    }

    // MARK: Case screens

    func test_handoverCases() throws {
        try caseUnit()
        let s = session("sato")
        press(s, .char("8"))
        only(s, "HO-0001")
        press(s, .enter)
        assertScreens(s, named: "draft-with-medium")
        press(s, .escape)
        only(s, "HO-0002")
        press(s, .enter)
        assertScreens(s, named: "overdue-reminded")
        press(s, .escape)
        only(s, "HO-0004")
        press(s, .enter)
        assertScreens(s, named: "discrepancy-clerk")
        press(s, .escape)
        only(s, "HO-0005")
        press(s, .enter)
        assertScreens(s, named: "closed", sizes: [small])
        press(s, .escape)
        only(s, "HI-0001")
        press(s, .enter)
        assertScreens(s, named: "incoming", sizes: [small])
        // The supervisor is offered the acknowledgement.
        let sup = session("suzuki")
        press(sup, .char("8"))
        only(sup, "HO-0004")
        press(sup, .enter)
        assertScreens(sup, named: "discrepancy-supervisor", sizes: [small])
        // The journal opens a case record's case; `:handover show` and `:print` open a case and its preview.
        press(sup, .char("6"))
        only(sup, "受領書受理 HO-0004")
        // Enter shows the whole record; Enter there opens what it is about.
        press(sup, .enter)
        XCTAssertTrue(row(sup, 1).contains("記録 #"), row(sup, 1))
        press(sup, .enter)
        XCTAssertTrue(row(sup, 1).contains("送付リスト HO-0004  差異あり"), row(sup, 1))
        // The discrepancy also waits in the supervisor's approvals, and opens its case from there.
        press(sup, .char("3"))
        assertScreens(sup, named: "approvals-with-discrepancy")
        press(sup, .enter)
        XCTAssertTrue(row(sup, 1).contains("送付リスト HO-0004  差異あり"), row(sup, 1))
        press(sup, .char(":"))
        sup.type("transfer show to-0002")
        press(sup, .enter)
        XCTAssertTrue(row(sup, 1).contains("送達票 TO-0002"), row(sup, 1))
        press(sup, .char(":"))
        sup.type("print handover HO-0004")
        press(sup, .enter)
        XCTAssertTrue(row(sup, 1).contains("印刷プレビュー HO-0004"), row(sup, 1))
        press(sup, .char(":"))
        sup.type("handover show HO-0099")
        press(sup, .enter)
        XCTAssertTrue(text(sup).contains("HO-0099"), text(sup))
    }

    func test_transferCases() throws {
        try caseUnit()
        let s = session("yamada")
        press(s, .char("9"))
        only(s, "TO-0001")
        press(s, .enter)
        assertScreens(s, named: "draft")
        press(s, .escape)
        only(s, "TO-0002")
        press(s, .enter)
        assertScreens(s, named: "dispatched", sizes: [small])
        // The medium sent names its case; the register's f reaches 送達中.
        press(s, .char(":"))
        s.type("media show SD-2026-0001")
        press(s, .enter)
        XCTAssertTrue(row(s, 1).contains("SD-2026-0001 送達中"), row(s, 1))
        XCTAssertTrue(text(s).contains("TO-0002 第3通信隊"), text(s))
        press(s, .char("2"))
        // f: all, 期限超過, 保管中, 使用中, 持出中, 使用禁止, 亡失, 送達中
        for _ in 0..<7 { press(s, .char("f")) }
        XCTAssertTrue(row(s, 1).contains("1件") && row(s, 1).contains("送達中"), row(s, 1))
        press(s, .char("9"))
        only(s, "TI-0001")
        press(s, .enter)
        assertScreens(s, named: "incoming", sizes: [small])
    }

    func test_printPreview() throws {
        try caseUnit()
        let s = session("sato")
        press(s, .char("8"))
        only(s, "HO-0004")
        press(s, .enter, .char("p"))
        assertScreens(s, named: "handover-top")
        press(s, .pageDown)
        assertScreens(s, named: "handover-page-down", sizes: [small])
        press(s, .char("G"))
        assertScreens(s, named: "handover-bottom", sizes: [small])
        let o = session("yamada")
        press(o, .char("9"))
        only(o, "TO-0002")
        press(o, .char("p"))
        assertScreens(o, named: "transfer", sizes: [small])
    }

    // MARK: Forms

    func test_newHandoverForm() throws {
        try caseUnit()
        let s = session("sato")
        press(s, .char("8"), .char("a"))
        assertScreens(s, named: "empty")
        s.type("株式会社防衛システム 営業部長")
        press(s, .tab)
        s.type("R8-789")
        press(s, .tab, .char(" "), .tab, .tab)
        s.type("要求仕様書")
        press(s, .tab)
        s.type("3部")
        press(s, .ctrl("n"))
        s.type("試験データ")
        assertScreens(s, named: "second-row-half", sizes: [small])
        press(s, .enter)
        assertScreens(s, named: "second-row-refused", sizes: [small])
        press(s, .tab)
        s.type("DVD-R 1枚 4.7GB")
        press(s, .ctrl("o"))
        assertScreens(s, named: "pick-medium")
        s.type("DVD")
        press(s, .enter)
        assertScreens(s, named: "filled")
        press(s, .up, .ctrl("x"))
        assertScreens(s, named: "row-deleted", sizes: [small])
        press(s, .enter)
        assertScreens(s, named: "confirm", sizes: [small])
    }

    /// More rows than fit: the table scrolls to keep the row being typed in view and says which rows show.
    func test_itemTableScrolls() throws {
        try staffUnit()
        let s = session("sato")
        press(s, .char("8"), .char("a"))
        s.type("情報本部 計画部長")
        press(s, .tab, .tab, .tab, .tab)
        for i in 1...14 {
            if i > 1 { press(s, .ctrl("n")) }
            s.type("第\(i)回 会議資料")
            press(s, .tab)
            s.type("\(i)部")
        }
        assertScreens(s, named: "fourteen-rows", sizes: [small])
        XCTAssertTrue(text(s).contains(">14 第14回"), text(s))
        // Up inside the rows shown moves the mark, not the table.
        press(s, .up, .up)
        XCTAssertTrue(text(s).contains("（6〜14行目／全14行）"), text(s))
        XCTAssertTrue(text(s).contains(">12 第12回"), text(s))
        for _ in 0..<11 { press(s, .up) }
        assertScreens(s, named: "back-to-the-first", sizes: [small])
        XCTAssertTrue(text(s).contains("> 1 第1回"), text(s))
        press(s, .enter, .char("y"))
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.items.count, 14)
        XCTAssertEqual(store.ledger.handovers["HO-0001"]?.items.last, HandoverItem(name: "第14回 会議資料", quantity: "14部"))
    }

    func test_dispatchAndReceiptForms() throws {
        try caseUnit()
        let s = session("sato")
        press(s, .char("8"))
        only(s, "HO-0001")
        press(s, .char("d"))
        assertScreens(s, named: "dispatch")
        press(s, .tab, .backspace)
        s.type("14")
        assertScreens(s, named: "dispatch-14-days", sizes: [small])
        press(s, .backTab)
        for _ in 0..<10 { press(s, .backspace) }
        s.type("令和8年11月31日")
        assertScreens(s, named: "dispatch-bad-date", sizes: [small])
        press(s, .escape, .char("y"))
        only(s, "HO-0002")
        press(s, .char("r"))
        assertScreens(s, named: "receipt")
        s.type("補給統制本部 調達部 部員 佐々木 望")
        press(s, .tab, .tab, .tab, .backspace, .backspace, .backspace)
        assertScreens(s, named: "receipt-quantity-cleared", sizes: [small])
        s.type("1部")
        assertScreens(s, named: "receipt-short", sizes: [small])
        // Down to the second row, back to its box, untick it: not received at all.
        press(s, .down, .backTab, .char(" "))
        assertScreens(s, named: "receipt-unticked", sizes: [small])
    }

    func test_otherHandoverForms() throws {
        try caseUnit()
        let s = session("sato")
        press(s, .char("8"))
        only(s, "HO-0002")
        press(s, .char("m"))
        assertScreens(s, named: "remind", sizes: [small])
        press(s, .escape, .char("X"))
        assertScreens(s, named: "recall", sizes: [small])
        press(s, .escape, .char("i"))
        assertScreens(s, named: "incoming")
        let sup = session("suzuki")
        press(sup, .char("8"))
        only(sup, "HO-0004")
        press(sup, .char("c"))
        assertScreens(sup, named: "acknowledge")
    }

    func test_disposalForms() throws {
        try staffUnit()
        let id = try draftHandover(returnRequired: true)
        try record(.dispatchHandover(id: id, date: Day("2026-11-20"), dueDays: nil), as: "sato")
        try record(.receiveHandover(id: id, by: "営業部 部長 山本 一", date: Day("2026-11-24"), received: nil), as: "sato")
        let s = session("sato")
        press(s, .char("8"), .enter)
        assertScreens(s, named: "received-outstanding", sizes: [small])
        press(s, .char("D"))
        assertScreens(s, named: "destroy")
        press(s, .escape, .char("b"))
        assertScreens(s, named: "return", sizes: [small])
    }

    func test_transferForms() throws {
        try caseUnit()
        let s = session("yamada")
        press(s, .char("9"), .char("a"))
        assertScreens(s, named: "new")
        s.type("第7通信隊")
        press(s, .tab, .tab, .char(" "))
        assertScreens(s, named: "new-ticked", sizes: [small])
        press(s, .escape, .char("y"), .char("i"))
        s.type("第5通信隊")
        press(s, .tab, .tab, .tab, .tab, .tab, .tab)
        s.type("UFD-64")
        press(s, .tab)
        s.type("USB-2025-0018")
        assertScreens(s, named: "incoming")
        press(s, .escape, .char("y"))
        only(s, "TO-0001")
        press(s, .char("d"))
        assertScreens(s, named: "dispatch", sizes: [small])
        press(s, .escape)
        only(s, "TO-0002")
        press(s, .char("r"))
        assertScreens(s, named: "receipt", sizes: [small])
    }

    func test_refusedActions() throws {
        try caseUnit()
        // A clerk cannot acknowledge; an auditor cannot draft; a closed case offers nothing but print.
        let s = session("sato")
        press(s, .char("8"))
        only(s, "HO-0004")
        press(s, .char("c"))
        assertScreens(s, named: "clerk-acknowledge", sizes: [small])
        let a = session("kansa")
        press(a, .char("8"), .char("a"))
        assertScreens(a, named: "auditor-new", sizes: [small])
        press(a, .char("9"), .char("a"))
        assertScreens(a, named: "auditor-new-transfer", sizes: [small])
    }

    /// Every new screen and form, in both languages, at many sizes: checked for what must hold on any screen.
    func test_everyCaseScreenIsWellFormedAtManySizes() throws {
        try caseUnit()
        let sizes = [Size(rows: 24, cols: 80), Size(rows: 25, cols: 81), Size(rows: 30, cols: 99), Size(rows: 30, cols: 100),
                     Size(rows: 40, cols: 120), Size(rows: 60, cols: 211), Size(rows: 3, cols: 10)]
        func to(_ id: String) -> [Key] { [.char("/"), .ctrl("u")] + id.map { Key.char($0) } + [.enter] }
        let visits: [(String, String, [Key])] = [
            ("handovers", "sato", [.char("8")]), ("handovers overdue", "sato", [.char("8"), .char("f"), .char("f"), .char("f")]),
            ("draft", "sato", [.char("8")] + to("HO-0001") + [.enter]), ("late", "sato", [.char("8")] + to("HO-0002") + [.enter]),
            ("discrepancy", "suzuki", [.char("8")] + to("HO-0004") + [.enter]), ("incoming", "sato", [.char("8")] + to("HI-0001") + [.enter]),
            ("preview", "sato", [.char("8")] + to("HO-0004") + [.char("p"), .pageDown]),
            ("new handover", "sato", [.char("8"), .char("a"), .tab, .tab, .tab, .tab, .char("資"), .ctrl("o")]),
            ("dispatch", "sato", [.char("8")] + to("HO-0001") + [.char("d")]),
            ("receipt", "sato", [.char("8")] + to("HO-0002") + [.char("r"), .tab, .tab]),
            ("remind", "sato", [.char("8")] + to("HO-0002") + [.char("m")]),
            ("acknowledge", "suzuki", [.char("8")] + to("HO-0004") + [.char("c")]),
            ("incoming form", "sato", [.char("8"), .char("i")]),
            ("transfers", "yamada", [.char("9")]), ("transfer", "yamada", [.char("9")] + to("TO-0002") + [.enter]),
            ("transfer preview", "yamada", [.char("9")] + to("TI-0001") + [.char("p")]),
            ("new transfer", "yamada", [.char("9"), .char("a")]), ("incoming transfer", "yamada", [.char("9"), .char("i")]),
            ("transfer receipt", "yamada", [.char("9")] + to("TO-0002") + [.char("r")]),
            ("help", "yamada", [.char("8"), .char("?")]), ("home", "yamada", []),
        ]
        for (name, login, keys) in visits {
            for lang in [Lang.ja, .en] {
                let s = session(login, lang: lang)
                for k in keys { s.press(k) }
                for size in sizes {
                    let g = s.render(size)
                    assertWellFormed(g)
                    if size.cols >= 80 && size.rows >= 24 {
                        XCTAssertFalse(g.text.contains("端末が小さすぎます") || g.text.contains("too small"), "\(name) \(size)")
                    }
                }
            }
        }
    }

    // MARK: Home and help

    func test_homeToDo() throws {
        try busyUnit()
        let id = try draftHandover(to: "陸上自衛隊 補給統制本部 調達部長", contract: nil)
        try record(.dispatchHandover(id: id, date: Day("2026-11-10"), dueDays: nil), as: "sato")
        let short = try draftHandover(to: "株式会社日本電算 第2事業部長")
        try record(.dispatchHandover(id: short, date: Day("2026-11-18"), dueDays: nil), as: "sato")
        try record(.receiveHandover(id: short, by: "第2事業部 部長 高橋 誠", date: Day("2026-11-24"),
                                    received: [ReceivedItem(name: "仕様書（第3版）", quantity: "1部")]), as: "sato")
        // The officer: approval, discrepancy to acknowledge, the overdue receipt, the media to-dos; counts and records still shown.
        assertScreens(session("yamada"), named: "officer")
        // The clerk who recorded the receipt is not asked to acknowledge it.
        assertScreens(session("sato"), named: "clerk", sizes: [small])
    }

    /// With a two-digit count of approvals every tab still shows at 80 columns (the name gives way first).
    func test_tabsFitWithManyApprovals() throws {
        try staffUnit()
        for i in 0..<12 {
            let reg = try register(location: "ロッカー\(i)")
            try record(.requestTakeout(registration: reg, destination: "補給処", purpose: "受渡し", from: nil,
                                       until: clock.now + 86400, transport: nil), as: "sato")
        }
        let tabs = row(session("yamada"), 0)
        XCTAssertTrue(tabs.hasPrefix("台帳  1ホーム 2登録簿 3承認待ち(12) 4使用記録簿 5持出簿 6記録 7要員 8送付 9送達"), tabs)
        let en = row(session("yamada", lang: .en), 0)
        XCTAssertTrue(en.hasPrefix(" 1home 2media 3approvals(12) 4uses 5take-outs 6log 7people 8handover 9transfer"), en)
        let wide = row(session("yamada"), 0, large)
        XCTAssertTrue(wide.hasPrefix("台帳  1ホーム  2登録簿  3承認待ち(12)  4使用記録簿"), wide)
    }

    func test_tabsAndHelp() throws {
        try caseUnit()
        let s = session("yamada")
        press(s, .char("8"))
        assertScreens(s, named: "tabs-handovers", sizes: [small, large, Size(rows: 24, cols: 100)])
        press(s, .char("?"))
        assertScreens(s, named: "help-handovers")
        press(s, .pageDown)
        assertScreens(s, named: "help-handovers-more", sizes: [small])
        press(s, .escape, .char("a"), .function(1))
        assertScreens(s, named: "help-item-form", sizes: [small])
        let e = session("yamada", lang: .en)
        press(e, .char("9"))
        assertScreens(e, named: "english-transfers", sizes: [small])
        press(e, .char("8"))
        only(e, "HO-0004")
        press(e, .enter)
        assertScreens(e, named: "english-discrepancy", sizes: [small])
        press(e, .escape, .char("a"))
        assertScreens(e, named: "english-new-handover", sizes: [small])
    }
}
