// A small world for the rules: a ledger folded from the changes `decide`
// returns, with the people every test needs. Times are whole seconds (the
// journal stores whole seconds) in Asia/Tokyo.

@testable import DaichoCore
import Foundation
import XCTest

let tokyo = TimeZone(identifier: "Asia/Tokyo")!
let utc = TimeZone(identifier: "UTC")!

/// 2026-11-25T09:00 in Tokyo (00:00Z).
let baseNow = Date(timeIntervalSince1970: TimeInterval(Civil(year: 2026, month: 11, day: 25).epochSeconds))

let hour: TimeInterval = 3600
let day: TimeInterval = 86400

/// The people of the fixture.
enum Who {
    static let officer = "kanri"      // 部隊等情報保証責任者, the first officer
    static let officer2 = "fuku"      // a second officer
    static let clerk = "tanaka"       // 取扱者
    static let clerk2 = "sato"        // another 取扱者
    static let supervisor = "suzuki"  // 承認者
    static let auditor = "kansa"      // 監査
    static let stranger = "nanashi"   // not enrolled
}

struct Fixture {
    var ledger = Ledger()
    var now = baseNow
    let tz = tokyo

    /// A ledger with only the header (officer `kanri`).
    static func bare(scheme: String? = nil) -> Fixture {
        var f = Fixture()
        let h = try! Ledger.initialize(unit: "第1情報保証隊", officer: Who.officer, name: "管理 太郎", title: "情報保証責任者",
                                       rank: "2等陸佐", scheme: scheme)
        f.append(h, by: Who.officer)
        return f
    }

    /// A ledger with every role enrolled.
    static func staffed() -> Fixture {
        var f = bare()
        f.must(.enroll(login: Who.officer2, name: "副 次郎", roles: [.officer], title: nil, rank: nil, section: nil), as: Who.officer)
        f.must(.enroll(login: Who.clerk, name: "田中 一郎", roles: [.clerk], title: "事務官", rank: nil, section: "総務班"), as: Who.officer)
        f.must(.enroll(login: Who.clerk2, name: "佐藤 花子", roles: [.clerk], title: nil, rank: nil, section: nil), as: Who.officer)
        f.must(.enroll(login: Who.supervisor, name: "鈴木 三郎", roles: [.supervisor], title: nil, rank: nil, section: nil), as: Who.officer)
        f.must(.enroll(login: Who.auditor, name: "監査 四郎", roles: [.auditor], title: nil, rank: nil, section: nil), as: Who.officer)
        return f
    }

    /// Folds a change in as a record written now by `login`.
    mutating func append(_ change: Change, by login: String) {
        let r = Record(seq: ledger.nextSeq, at: now, actor: login, prev: Record.genesisHash, change: change)
        do { try ledger.apply(r) } catch { XCTFail("apply refused a decided change: \(error) \(change)") }
    }

    /// Decides and folds; returns the change or the refusal.
    @discardableResult
    mutating func run(_ command: Command, as login: String) throws(DomainError) -> Change {
        let c = try ledger.decide(command, by: Actor(login: login), now: now, timeZone: tz)
        append(c, by: login)
        return c
    }

    /// Decides and folds a command that must be accepted.
    @discardableResult
    mutating func must(_ command: Command, as login: String, file: StaticString = #filePath, line: UInt = #line) -> Change? {
        do { return try run(command, as: login) } catch {
            XCTFail("refused: \(error.message(.en)) for \(command)", file: file, line: line)
            return nil
        }
    }

    /// Asserts `decide` refuses with exactly `expected`; the ledger cannot change (decide is pure).
    func refuse(_ command: Command, as login: String, _ expected: DomainError, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let c = try ledger.decide(command, by: Actor(login: login), now: now, timeZone: tz)
            XCTFail("expected refusal \(expected), got \(c)", file: file, line: line)
        } catch {
            XCTAssertEqual(error, expected, file: file, line: line)
        }
    }

    /// Asserts `decide` refuses, returning the error for looser checks.
    @discardableResult
    func refusal(_ command: Command, as login: String, file: StaticString = #filePath, line: UInt = #line) -> DomainError? {
        do {
            let c = try ledger.decide(command, by: Actor(login: login), now: now, timeZone: tz)
            XCTFail("expected a refusal, got \(c)", file: file, line: line)
            return nil
        } catch { return error }
    }

    // MARK: shortcuts

    /// Registers a medium as the officer and returns its registration number.
    mutating func register(_ kind: MediumKind = .usb, _ category: DataCategory = .business, _ cls: Confidentiality = .c2,
                           restrictions: [String] = [], encrypted: Bool = false, writeProtected: Bool = false,
                           scanned: Bool = true, file: StaticString = #filePath, line: UInt = #line) -> String {
        var n = NewMedium(kind: kind, category: category, classification: cls)
        n.restrictions = restrictions; n.encrypted = encrypted; n.writeProtected = writeProtected
        guard case .mediumRegistered(let d)? = must(.register(n), as: Who.officer, file: file, line: line) else {
            XCTFail("register failed", file: file, line: line); return ""
        }
        // A clean virus check on record, as a use or a take-out needs (001 第3-3, 第3-2).
        if scanned { must(.scan(registration: d.registration, result: .clean, note: nil), as: Who.officer, file: file, line: line) }
        return d.registration
    }

    /// Requests a take-out as `login` until three days from now; returns the request id.
    mutating func request(_ reg: String, as login: String = Who.clerk, until: Date? = nil,
                          file: StaticString = #filePath, line: UInt = #line) -> String {
        let c = must(.requestTakeout(registration: reg, destination: "陸上幕僚監部", purpose: "会議資料", from: nil,
                                     until: until ?? now + 3 * day, transport: "手渡し"), as: login, file: file, line: line)
        guard case .takeoutRequested(let d)? = c else { XCTFail("request failed", file: file, line: line); return "" }
        return d.request
    }

    mutating func approve(_ id: String, as login: String = Who.officer, file: StaticString = #filePath, line: UInt = #line) {
        must(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: login, file: file, line: line)
    }

    /// Request, approve and depart: the medium is taken out.
    mutating func takeOut(_ reg: String, until: Date? = nil, file: StaticString = #filePath, line: UInt = #line) -> String {
        let id = request(reg, until: until, file: file, line: line)
        approve(id, file: file, line: line)
        must(.depart(registration: reg), as: Who.clerk, file: file, line: line)
        return id
    }

    func status(_ reg: String) -> MediumStatus? { ledger.media[reg]?.status }
    func state(_ id: String) -> RequestState? { ledger.requests[id]?.state }

    /// The replay's verdict on `change` written by `login` now, as a forged journal would carry it (Replay.swift).
    func violation(_ change: Change, by login: String) -> String? {
        ledger.ruleViolation(Record(seq: ledger.nextSeq, at: now, actor: login, prev: Record.genesisHash, change: change))
    }

    /// The ledger folded again from its records, one by one, as `verify` and an open without snapshot do.
    func replayed() throws -> Ledger {
        var l = Ledger()
        for r in ledger.records { try l.apply(r) }
        return l
    }
}
