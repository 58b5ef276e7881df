// The same screens in English; below the minimum size; one session rendered
// at one size and then another (a resize); and a sweep over every screen at
// many sizes that checks what must hold on any screen (rows exactly as wide
// as the terminal, wide characters whole, nothing a terminal would interpret).
// Snapshot references: see the note at the top of ScreenRenderTests.swift.

import CellKit
import DaichoCore
@testable import DaichoUI
import SnapshotTesting
import XCTest

final class LayoutAndLanguageTests: ScreenTestCase {
    // MARK: English

    func test_englishSetup() {
        let s = session("yamada", lang: .en)
        assertScreens(s, named: "empty")
    }

    func test_englishScreens() throws {
        try busyUnit()
        let s = session("yamada", lang: .en)
        assertScreens(s, named: "home")
        press(s, .char("2"))
        assertScreens(s, named: "register")
        press(s, .enter)
        assertScreens(s, named: "medium", sizes: [small])
        press(s, .escape, .char("a"))
        assertScreens(s, named: "register-form", sizes: [small])
        press(s, .escape, .char("3"))
        assertScreens(s, named: "approvals", sizes: [small])
        press(s, .enter, .char("2"), .char("4"))
        assertScreens(s, named: "approval", sizes: [small])
        press(s, .char("x"), .enter)
        assertScreens(s, named: "reject-empty-reason", sizes: [small])
        press(s, .escape, .escape, .char("4"))
        assertScreens(s, named: "uses", sizes: [small])
        press(s, .char("5"))
        assertScreens(s, named: "takeouts", sizes: [small])
        press(s, .char("6"))
        assertScreens(s, named: "journal", sizes: [small])
        press(s, .char("7"))
        assertScreens(s, named: "people", sizes: [small])
        press(s, .char("?"))
        assertScreens(s, named: "help-people", sizes: [small])
        press(s, .escape, .char("1"), .char("q"))
        assertScreens(s, named: "quit-asks", sizes: [small])
    }

    func test_englishClerkForms() throws {
        try busyUnit()
        let clerk = session("sato", lang: .en)
        press(clerk, .char("2"), .down, .down, .char("t"))
        clerk.type("陸上幕僚監部")
        press(clerk, .tab)
        clerk.type("meeting")
        press(clerk, .tab)
        clerk.type("2026-13-45")
        assertScreens(clerk, named: "takeout-bad-date", sizes: [small])
        press(clerk, .escape, .char("y"), .char("u"), .enter)
        assertScreens(clerk, named: "use-purpose-required", sizes: [small])
    }

    func test_englishNotEnrolledAndTooSmall() throws {
        try staffUnit()
        assertScreens(session("nanashi", lang: .en), named: "not-enrolled", sizes: [small])
        assertScreens(session("yamada", lang: .en), named: "too-small", sizes: [Size(rows: 20, cols: 60)])
    }

    // MARK: Sizes

    func test_belowTheMinimumSize() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"))
        assertScreens(s, named: "too-small", sizes: [Size(rows: 20, cols: 60), Size(rows: 24, cols: 79), Size(rows: 23, cols: 80)])
        // Exactly the minimum is not too small.
        XCTAssertFalse(text(s, small).contains("端末が小さすぎます"))
        XCTAssertTrue(text(s, Size(rows: 24, cols: 79)).contains("80x24 以上が必要です（現在 79x24）"))
    }

    /// While the screen only says it is too small, keys would act on a form or a
    /// question the user cannot see: they are ignored, except Ctrl-C.
    func test_keysAreIgnoredWhileTooSmall() throws {
        try busyUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("a"))
        XCTAssertTrue(text(s, small).contains("媒体の登録"))
        _ = screen(s, Size(rows: 20, cols: 60))
        let before = s.world.ledger.records.count
        press(s, .escape, .enter, .char("y"), .char("q"), .char("y"))
        XCTAssertFalse(s.quit)
        XCTAssertEqual(s.world.ledger.records.count, before)
        XCTAssertTrue(text(s, small).contains("媒体の登録"), "the form is still open once the terminal is big enough")
        _ = screen(s, Size(rows: 23, cols: 80))
        press(s, .ctrl("c"))
        XCTAssertTrue(s.quit)
    }

    func test_resizedSession() throws {
        try crowdedUnit()
        let s = session("yamada")
        press(s, .char("2"), .char("G"))
        assertScreens(s, named: "before", sizes: [small])
        press(s, .resize)
        assertScreens(s, named: "after", sizes: [Size(rows: 30, cols: 100)])
        // The selection is still the last medium, and visible, at the new size.
        XCTAssertTrue(text(s, Size(rows: 30, cols: 100)).contains("SSD-2026-0005"))
        press(s, .resize)
        assertScreens(s, named: "shrunk", sizes: [Size(rows: 12, cols: 40)])
        press(s, .resize)
        _ = screen(s, small)
        press(s, .up)
        assertScreens(s, named: "back", sizes: [small])
    }

    func test_tinyAndHugeSizesDoNotCrash() throws {
        try busyUnit()
        for login in ["yamada", "nanashi"] {
            let s = session(login)
            for size in [Size(rows: 0, cols: 0), Size(rows: 1, cols: 1), Size(rows: 2, cols: 3), Size(rows: 1, cols: 200),
                         Size(rows: 100, cols: 1), Size(rows: 80, cols: 300)] {
                _ = screen(s, size)
            }
        }
    }

    /// Every screen at many sizes, checked for what must hold on any screen.
    func test_everyScreenIsWellFormedAtManySizes() throws {
        try crowdedUnit()
        let q = try record(.requestTakeout(registration: "USB-2026-0003", destination: "補給処 第1倉庫（横須賀）", purpose: "配布",
                                           from: nil, until: clock.now + 86400, transport: nil), as: "sato").change.requestID!
        _ = q
        let sizes = [Size(rows: 24, cols: 80), Size(rows: 25, cols: 81), Size(rows: 30, cols: 99), Size(rows: 30, cols: 100),
                     Size(rows: 40, cols: 120), Size(rows: 60, cols: 211)]
        let visits: [(String, String, [Key])] = [
            ("home", "yamada", []), ("register", "yamada", [.char("2")]), ("register bottom", "yamada", [.char("2"), .char("G")]),
            ("filter", "yamada", [.char("2"), .char("/"), .char("ロ")]), ("medium", "yamada", [.char("2"), .enter]),
            ("register form", "yamada", [.char("2"), .char("a")]), ("use form", "sato", [.char("2"), .char("j"), .char("j"), .char("j"), .char("u")]),
            ("takeout form", "sato", [.char("2"), .char("j"), .char("j"), .char("j"), .char("t")]),
            ("approvals", "yamada", [.char("3")]), ("approval", "yamada", [.char("3"), .enter, .char("2")]),
            ("reject", "yamada", [.char("3"), .enter, .char("x"), .enter]),
            ("uses", "kansa", [.char("4")]), ("takeouts", "kansa", [.char("5")]), ("journal", "kansa", [.char("6")]),
            ("people", "yamada", [.char("7")]), ("enrol", "yamada", [.char("7"), .char("a")]),
            ("help", "yamada", [.char("2"), .char("?")]), ("command", "yamada", [.char(":"), .char("使")]),
            ("quit", "yamada", [.char("q")]),
        ]
        for (name, login, keys) in visits {
            for lang in [Lang.ja, .en] {
                let s = session(login, lang: lang)
                for k in keys { s.press(k) }
                for size in sizes {
                    let g = s.render(size)
                    assertWellFormed(g)
                    XCTAssertFalse(g.text.contains("端末が小さすぎます") || g.text.contains("too small"), "\(name) \(size)")
                }
            }
        }
    }
}
