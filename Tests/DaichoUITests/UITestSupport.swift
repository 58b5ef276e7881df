// A unit's ledger in memory, sessions for each person on it, and a fixed clock,
// so screens can be driven by keys and compared as text without a terminal.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import XCTest

let tokyo = TimeZone(identifier: "Asia/Tokyo")!
/// 2026-11-25 09:00 in Tokyo.
let t0 = try! DateInput.parse("2026-11-25T09:00", timeZone: tokyo, endOfDay: false)
let small = Size(rows: 24, cols: 80)
let large = Size(rows: 40, cols: 120)

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    var now = t0
    func advance(_ seconds: TimeInterval) { now += seconds }
}

class ScreenTestCase: XCTestCase {
    var store = InMemoryStore()
    var clock = TestClock()

    override func setUp() {
        super.setUp()
        XCTAssertTrue(TextLocale.use("C.UTF-8"), "wide characters need a UTF-8 locale")
        store = InMemoryStore()
        clock = TestClock()
    }

    func session(_ login: String, lang: Lang = .ja) -> Session {
        let c = clock
        return Session(store: store, actor: Actor(login: login), lang: lang, timeZone: tokyo, clock: { c.now })
    }

    /// 第1通信隊 with an officer, two clerks, a supervisor and an auditor.
    func staffUnit() throws {
        _ = try store.initialize(try Ledger.initialize(unit: "第1通信隊", officer: "yamada", name: "山田 太郎", title: "隊長", rank: "1尉"),
                                 actor: Actor(login: "yamada"), now: clock.now)
        try record(.enroll(login: "sato", name: "佐藤 花子", roles: [.clerk], title: "事務官", rank: nil, section: "通信小隊"), as: "yamada")
        try record(.enroll(login: "tanaka", name: "田中 一郎", roles: [.clerk], title: nil, rank: "2曹", section: "整備小隊"), as: "yamada")
        try record(.enroll(login: "suzuki", name: "鈴木 次郎", roles: [.supervisor], title: "副隊長", rank: "2尉", section: nil), as: "yamada")
        try record(.enroll(login: "kansa", name: "監査 三郎", roles: [.auditor], title: nil, rank: nil, section: "監査室"), as: "yamada")
    }

    @discardableResult
    func record(_ c: Command, as login: String) throws -> Record {
        try store.record(c, actor: Actor(login: login), now: clock.now, timeZone: tokyo)
    }

    @discardableResult
    func register(_ kind: MediumKind = .usb, _ category: DataCategory = .business, _ cls: Confidentiality = .c2,
                  location: String? = "ロッカーA-1", restrictions: [String] = [], encrypted: Bool = false) throws -> String {
        var n = NewMedium(kind: kind, category: category, classification: cls)
        n.location = location; n.restrictions = restrictions; n.encrypted = encrypted
        n.writeProtected = category == .disclosable
        return try record(.register(n), as: "yamada").change.registration!
    }

    /// A busy register: in use (one overdue), taken out (overdue), quarantined, a pending request.
    func busyUnit() throws {
        try staffUnit()
        let a = try register(location: "ロッカーA-1")
        let b = try register(location: "ロッカーA-2")
        let c = try register(.cdR, .disclosable, .c1, location: "書庫")
        let d = try register(.ssd, .business, .c3, location: "金庫", restrictions: ["暗号化必須"], encrypted: true)
        let e = try register(.sd, location: "ロッカーB-1")
        _ = c
        try record(.startUse(registration: a, purpose: "演習資料の作成", place: "端末03", until: clock.now + 3 * 3600), as: "sato")
        let q = try record(.requestTakeout(registration: d, destination: "陸上幕僚監部", purpose: "会議資料の持参", from: nil,
                                           until: clock.now + 86400, transport: "手持ち"), as: "tanaka").change.requestID!
        try record(.approve(request: q, confirmed: TakeoutCheck.allCases, comment: "確認済み"), as: "yamada")
        try record(.depart(registration: d), as: "tanaka")
        try record(.scan(registration: e, result: .infected, note: "定期検査"), as: "sato")
        try record(.requestTakeout(registration: b, destination: "補給処", purpose: "データ受渡し", from: nil,
                                   until: clock.now + 2 * 86400, transport: nil), as: "sato")
        clock.advance(2 * 86400) // a and d are now overdue, the request is two days old
    }

    func text(_ s: Session, _ size: Size = small) -> String { s.render(size).text }

    func press(_ s: Session, _ keys: Key...) { for k in keys { s.press(k) } }

    func assertScreen(_ s: Session, _ size: Size = small, named name: String, file: StaticString = #filePath,
                      testName: String = #function, line: UInt = #line) {
        let grid = s.render(size)
        assertSnapshotText(grid.text, named: name, file: file, testName: testName, line: line)
        // The colour roles and attributes too: what is highlighted, warned about, dimmed.
        assertSnapshotText(grid.roleMask + "\n" + grid.attributeMask, named: name + ".style", file: file, testName: testName, line: line)
    }
}

import SnapshotTesting

/// Compares screen text with its reference in __Snapshots__ (recorded on first
/// run; re-record with SNAPSHOT_TESTING_RECORD=all after a deliberate change).
func assertSnapshotText(_ text: String, named name: String, file: StaticString = #filePath, testName: String = #function,
                        line: UInt = #line) {
    assertSnapshot(of: text, as: .lines, named: name, file: file, testName: testName, line: line)
}
