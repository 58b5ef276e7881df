// A unit's ledger in memory, sessions for each person on it, and a fixed clock,
// so screens can be driven by keys and compared as text without a terminal.
//
// Every grid a test renders through `screen`/`assertScreens` is also checked
// for what must hold on any screen (`assertWellFormed`): each row exactly as
// wide as the grid, no control or bidi characters, no U+FFFD, masks the same
// shape as the text.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import SnapshotTesting
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
        // Display width of Japanese (wcwidth) depends on the locale.
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
                  location: String? = "ロッカーA-1", restrictions: [String] = [], encrypted: Bool = false,
                  model: String? = nil) throws -> String {
        var n = NewMedium(kind: kind, category: category, classification: cls)
        n.location = location; n.restrictions = restrictions; n.encrypted = encrypted; n.model = model
        n.writeProtected = category == .disclosable
        let reg = try record(.register(n), as: "yamada").change.registration!
        // A clean virus check on record, as a use or a take-out needs (001 第3-3, 第3-2).
        try record(.scan(registration: reg, result: .clean, note: nil), as: "yamada")
        return reg
    }

    /// A busy register: in use (one overdue), taken out (overdue), quarantined, a pending request.
    /// USB-0001 in use by sato (overdue), USB-0002 requested by sato (pending), CD-0001 disclosable,
    /// SSD-0001 taken out by tanaka (overdue), SD-0001 quarantined.
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

    /// Thirty media (more than a screen), some with values far wider than their columns,
    /// a few in use (one overdue) and one taken out to a destination with a long name.
    func crowdedUnit() throws {
        try staffUnit()
        let kinds: [MediumKind] = [.usb, .usb, .hdd, .sd, .dvdR, .ssd]
        for i in 0..<30 {
            let location: String
            switch i {
            case 1: location = "第2庁舎3階 情報保証室 集中保管庫 ロッカー番号A-1-123"
            case 7: location = "ﾛｯｶｰ半角カナ混在ABC-7"
            default: location = "ロッカー\(i / 10 + 1)-\(i % 10 + 1)"
            }
            try register(kinds[i % kinds.count], i % 7 == 3 ? .disclosable : .business, i % 5 == 0 ? .c3 : .c2,
                         location: location, model: i == 2 ? "超高速ポータブル外付けハードディスクドライブ 4TB 耐衝撃モデル" : nil)
        }
        try record(.startUse(registration: "USB-2026-0001", purpose: "訓練計画（令和8年度 第3四半期 総合演習）の資料作成と印刷",
                             place: "第2庁舎3階 端末室 端末番号12", until: clock.now + 3600), as: "sato")
        try record(.startUse(registration: "USB-2026-0002", purpose: "資料作成", place: "端末01", until: nil), as: "tanaka")
        let q = try record(.requestTakeout(registration: "HDD-2026-0001", destination: "防衛装備庁 長官官房 装備開発官付 第1開発室",
                                           purpose: "試験データの受渡し", from: nil, until: clock.now + 86400, transport: "公用車"),
                           as: "tanaka").change.requestID!
        try record(.approve(request: q, confirmed: TakeoutCheck.allCases, comment: nil), as: "yamada")
        try record(.depart(registration: "HDD-2026-0001"), as: "tanaka")
        clock.advance(2 * 3600) // the first use is overdue; the take-out is not
    }

    func text(_ s: Session, _ size: Size = small) -> String { screen(s, size).text }

    func press(_ s: Session, _ keys: Key...) { for k in keys { s.press(k) } }

    /// Renders and checks what must hold on every screen.
    func screen(_ s: Session, _ size: Size = small, file: StaticString = #filePath, line: UInt = #line) -> Grid {
        let grid = s.render(size)
        assertWellFormed(grid, file: file, line: line)
        return grid
    }

    /// Snapshots the screen as text at each size, as `name.80x24`, `name.120x40`, …, and
    /// its colour roles and attributes at the first size (`name.style`: the role mask, then
    /// the attribute mask, one character per cell; what is highlighted, warned about, dimmed).
    func assertScreens(_ s: Session, named name: String, sizes: [Size] = [small, large],
                       file: StaticString = #filePath, testName: String = #function, line: UInt = #line) {
        for size in sizes {
            let grid = screen(s, size, file: file, line: line)
            assertSnapshot(of: grid.text, as: .lines, named: "\(name).\(size.cols)x\(size.rows)",
                           file: file, testName: testName, line: line)
        }
        if let first = sizes.first {
            let grid = s.render(first)
            assertSnapshot(of: grid.roleMask + "\n" + grid.attributeMask, as: .lines, named: "\(name).style",
                           file: file, testName: testName, line: line)
        }
    }

    /// Each row exactly `cols` wide, nothing a terminal would interpret, masks the same shape.
    func assertWellFormed(_ grid: Grid, file: StaticString = #filePath, line: UInt = #line) {
        guard grid.rows > 0 else { XCTAssertEqual(grid.text, "", file: file, line: line); return }
        let rows = grid.text.components(separatedBy: "\n")
        XCTAssertEqual(rows.count, grid.rows, "row count", file: file, line: line)
        for (i, r) in rows.enumerated() {
            XCTAssertEqual(r.displayWidth, grid.cols, "row \(i) is \(r.displayWidth) columns wide: \(r)", file: file, line: line)
        }
        let bad = grid.text.unicodeScalars.filter { ($0 != "\n" && TerminalText.needsEscape($0)) || $0 == "\u{FFFD}" }
        XCTAssertTrue(bad.isEmpty, "control, bidi or replacement characters on screen: \(bad.map { TerminalText.codePoint($0) })",
                      file: file, line: line)
        for mask in [grid.roleMask, grid.attributeMask] {
            let lines = mask.components(separatedBy: "\n")
            XCTAssertEqual(lines.count, grid.rows, file: file, line: line)
            XCTAssertTrue(lines.allSatisfy { $0.count == grid.cols }, "mask rows are \(grid.cols) cells", file: file, line: line)
        }
        // Every wide glyph keeps its right half.
        for r in 0..<grid.rows {
            for c in 0..<grid.cols {
                if case .wide = grid.cell(row: r, col: c)!.content {
                    guard case .continuation? = grid.cell(row: r, col: c + 1)?.content else {
                        XCTFail("wide glyph at \(r),\(c) without its continuation", file: file, line: line); return
                    }
                }
                if case .continuation = grid.cell(row: r, col: c)!.content {
                    guard c > 0, case .wide? = grid.cell(row: r, col: c - 1)?.content else {
                        XCTFail("stray continuation at \(r),\(c)", file: file, line: line); return
                    }
                }
            }
        }
    }

    /// The grid's row `i` (0-based) as text.
    func row(_ s: Session, _ i: Int, _ size: Size = small) -> String {
        text(s, size).components(separatedBy: "\n")[i]
    }
}
