// The register's `/` filter keeps its rows prepared between keystrokes
// (RowCache, ListView.contains): it must keep exactly the rows the plain
// search would, as the filter grows, shrinks, changes form under NFC, and as
// the ledger and the clock move.

import CellKit
@testable import DaichoCore
@testable import DaichoUI
import XCTest

final class FilterCacheTests: ScreenTestCase {
    func test_byteSearchAgreesWithStringSearch_onJapaneseAndASCII() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("あいうがか\u{3099}ロッカーA-1usbＵＳＢ 第2庁舎ﾛｯｶｰ")
        for _ in 0..<3000 {
            let hay = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let needle = String((0..<Int.random(in: 1...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
                .trimmingCharacters(in: .whitespaces)
            guard !needle.isEmpty else { continue }
            let h = hay.precomposedStringWithCanonicalMapping.lowercased(), n = needle.precomposedStringWithCanonicalMapping.lowercased()
            XCTAssertEqual(ListView.contains(ListView.searchText([hay]), ListView.fold(needle)), h.contains(n), "\(hay) ∋ \(needle)")
        }
    }

    func test_aGrowingFilterNarrows_aShrinkingOneWidens_andKaThenDakutenIsGaNotKa() {
        let cache = RowCache<String>()
        let rows = ["か", "が", "か\u{3099}い", "usb-1", "USB-2", "sd-1"]
        var view = ListView()
        func kept(_ text: String) -> [String] {
            view.filter.setText(text)
            return cache.rows(key: 1, filter: view) { rows.map { ($0, ListView.searchText([$0])) } }
        }
        XCTAssertEqual(kept(""), rows)
        XCTAssertEqual(kept("u"), ["usb-1", "USB-2"])
        XCTAssertEqual(kept("usb-2"), ["USB-2"])
        XCTAssertEqual(kept("usb"), ["usb-1", "USB-2"], "a shorter filter searches every row again")
        XCTAssertEqual(kept("か"), ["か"])
        // Typed as か then a combining dakuten: as searched it is が, which does not extend か.
        XCTAssertEqual(kept("か\u{3099}"), ["が", "か\u{3099}い"])
        XCTAssertEqual(kept("が い"), ["か\u{3099}い"])
        XCTAssertEqual(kept("sd 1"), ["sd-1"])
        XCTAssertEqual(cache.rows(key: 2, filter: view) { [("sd-9", ListView.searchText(["sd-9"]))] }, [], "a new key prepares the rows again")
    }

    func test_theRegisterFilterSeesNewRecordsAndTheClock() throws {
        try staffUnit()
        let a = try register(location: "ロッカーA-1")
        try register(location: "ロッカーB-1")
        try record(.startUse(registration: a, purpose: "資料作成", place: nil, until: clock.now + 90), as: "sato")
        let s = session("yamada")
        press(s, .char("2"), .char("/"))
        s.type("!")
        XCTAssertTrue(row(s, 1).contains("0件"), "nothing is overdue yet: \(row(s, 1))")
        clock.advance(120)
        XCTAssertTrue(row(s, 1).contains("1件"), "two minutes on, the use is overdue and `!` finds it: \(row(s, 1))")
        press(s, .backspace)
        s.type("ロッカー")
        XCTAssertTrue(row(s, 1).contains("2件"), row(s, 1))
        try register(location: "ロッカーC-1")
        _ = s.tick()
        XCTAssertTrue(row(s, 1).contains("3件"), "a medium registered meanwhile is searched too: \(row(s, 1))")
    }
}
