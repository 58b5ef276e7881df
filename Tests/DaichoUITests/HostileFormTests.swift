// Hostile input through the forms, typed key by key as a terminal delivers
// it: escape sequences and control characters never reach a field, 100 000
// characters stop at the field's limit, blank required fields, impossible and
// 令和 dates, duplicate serials. And ledger text from elsewhere (an older
// version, another unit) with control characters is shown neutralised on every
// screen.

import CellKit
@testable import DaichoCore
@testable import DaichoUI
import XCTest

final class HostileFormTests: ScreenTestCase {
    func fill(_ s: Session, _ values: [String?]) {
        for (i, v) in values.enumerated() {
            if let v { s.type(v) }
            if i < values.count - 1 { press(s, .tab) }
        }
    }

    func test_escapeSequencesAndControlsTypedIntoAFormNeverReachTheLedger() throws {
        try staffUnit()
        let reg = try register()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        clerk.type("演習\u{1B}[31m資料\u{07}\u{9B}2J\u{202E}作成")
        press(clerk, .tab)
        clerk.type("端末\u{1B}]0;x\u{07}05")
        _ = screen(clerk)
        press(clerk, .enter, .char("y"))
        let use = try XCTUnwrap(store.ledger.uses.last)
        XCTAssertEqual(use.registration, reg)
        for text in [use.purpose, use.place ?? ""] {
            XCTAssertFalse(text.unicodeScalars.contains(where: FieldText.isForbidden), "a control reached the ledger: \(text.debugDescription)")
        }
        XCTAssertEqual(use.purpose, "演習[31m資料2J作成", "the controls are dropped, the printable rest kept")
    }

    func test_hundredThousandCharactersStopAtTheFieldsLimit() throws {
        try staffUnit()
        try register()
        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        clerk.type(String(repeating: "長", count: 100_000))
        _ = screen(clerk)
        press(clerk, .enter, .char("y"))
        XCTAssertEqual(store.ledger.uses.last?.purpose.count, Field.purpose.maxLength)
    }

    func test_blankRequiredFieldRefusedWithAReason_nothingWritten() throws {
        try staffUnit()
        try register()
        let before = store.ledger.records.count
        let clerk = session("sato")
        press(clerk, .char("2"), .char("u"))
        clerk.type(" \u{3000}  ")
        press(clerk, .enter)
        XCTAssertTrue(text(clerk).contains("目的を入力してください"), text(clerk))
        press(clerk, .char("y"))
        XCTAssertEqual(store.ledger.records.count, before)
    }

    func test_impossibleDatesRefused_令和DatesRead() throws {
        try staffUnit()
        let reg = try register()
        let before = store.ledger.records.count
        let clerk = session("sato")
        for bad in ["2026-02-30", "令和8年2月30日", "R8.13.1", "令和1年4月30日"] {
            press(clerk, .char("2"), .char("t"))
            fill(clerk, ["陸上幕僚監部", "会議", bad])
            press(clerk, .enter)
            XCTAssertTrue(text(clerk).contains("日付として読めません"), "\(bad): \(text(clerk))")
            press(clerk, .char("y"))
            XCTAssertEqual(store.ledger.records.count, before, bad)
            press(clerk, .escape, .char("y"))
        }
        press(clerk, .char("2"), .char("t"))
        fill(clerk, ["陸上幕僚監部", "会議", "令和8年11月30日"])
        press(clerk, .enter, .char("y"))
        let q = try XCTUnwrap(store.ledger.allRequests.last)
        XCTAssertEqual(q.registration, reg)
        XCTAssertEqual(q.until, try DateInput.parse("2026-11-30", timeZone: tokyo, endOfDay: true))
    }

    func test_duplicateSerialRefusedInTheRegisterForm() throws {
        try staffUnit()
        var n = NewMedium(kind: .usb, category: .business, classification: .c2)
        n.serial = "SN123"
        let first = try record(.register(n), as: "yamada").change.registration!
        let before = store.ledger.records.count
        let officer = session("yamada")
        press(officer, .char("2"), .char("a"))
        // kind, category, class, restrictions, model, serial
        press(officer, .tab, .tab, .tab)
        fill(officer, ["", "", "sn123"])
        press(officer, .enter)
        XCTAssertTrue(text(officer).contains("既に \(first) として登録されています"), text(officer))
        press(officer, .char("y"))
        XCTAssertEqual(store.ledger.records.count, before)
    }

    /// Records from an older version or another unit may hold anything: every screen shows it neutralised.
    func test_ledgerTextWithControlsFromElsewhereIsShownNeutralisedOnEveryScreen() throws {
        try staffUnit()
        let evil = "\u{1B}[2J\u{1B}]0;owned\u{07}赤\u{202E}txt.exe\u{9B}31m\r\n"
        try store.append(.mediumRegistered(MediumData(registration: "USB-2026-0666", kind: .usb, category: .business, classification: .c2,
                                                      model: evil, serial: evil, location: evil)), actor: Actor(login: "yamada"), now: clock.now)
        try store.append(.useStarted(UseStartData(registration: "USB-2026-0666", purpose: evil, place: evil, until: nil,
                                                  scan: UseScanData(result: .clean, product: evil))),
                         actor: Actor(login: "sato"), now: clock.now)
        let s = session("kansa")
        for key in ["1", "2", "3", "4", "5", "6", "7"] {
            press(s, .char(Character(key)))
            for size in [small, large] { _ = screen(s, size) }
        }
        press(s, .char("2"), .enter)
        XCTAssertTrue(text(s, large).contains("USB-2026-0666"), text(s, large))
        for size in [small, large] { _ = screen(s, size) }
    }
}
