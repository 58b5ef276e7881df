// Helpers: a fresh temporary data directory per test, a standard header, and
// the commands the tests append through `decide`, as the CLI does.

@testable import DaichoCore
import DaichoJournal
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

let tz = TimeZone(identifier: "Asia/Tokyo")!
/// 2026-11-25T09:00 Tokyo, with a fraction of a second, as a real clock gives.
let t0 = Date(timeIntervalSince1970: 1_795_564_800.25)
let officer = Actor(login: "kanri")
let clerk = Actor(login: "tanaka")

class JournalTestCase: XCTestCase {
    /// The data directory (not yet created: `Journal` creates it).
    var dir = ""
    private var root = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-jt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        dir = root + "/data"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
        try super.tearDownWithError()
    }

    var journalPath: String { dir + "/" + Journal.fileName }

    func bytes() -> Data { FileManager.default.contents(atPath: journalPath) ?? Data() }

    func lines() -> [Data] {
        bytes().split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Data($0) }
    }

    func writeBytes(_ d: Data) {
        XCTAssertTrue(FileManager.default.createFile(atPath: journalPath, contents: d, attributes: [.posixPermissions: 0o600]))
    }

    func appendRaw(_ d: Data) throws {
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: journalPath))
        h.seekToEndOfFile()
        h.write(d)
        try h.close()
    }

    /// A new journal with the header and a clerk enrolled.
    @discardableResult
    func makeJournal() throws -> Journal {
        let j = try Journal(directory: dir)
        let h = try Ledger.initialize(unit: "第1情報保証隊", officer: "kanri", name: "管理 太郎", title: nil, rank: nil)
        try j.create(header: h, actor: officer, now: t0)
        try j.append(actor: officer, now: t0) {
            try $0.decide(.enroll(login: "tanaka", name: "田中", roles: [.clerk], title: nil, rank: nil, section: nil),
                          by: officer, now: t0, timeZone: tz)
        }
        return j
    }

    @discardableResult
    func register(_ j: Journal, _ kind: MediumKind = .usb, now: Date = t0) throws -> String {
        let r = try j.append(actor: officer, now: now) {
            try $0.decide(.register(NewMedium(kind: kind, category: .business, classification: .c2)), by: officer, now: now, timeZone: tz)
        }
        return r.change.registration!
    }

    @discardableResult
    func run(_ j: Journal, _ c: Command, as a: Actor = clerk, now: Date = t0) throws -> Record {
        try j.append(actor: a, now: now) { try $0.decide(c, by: a, now: now, timeZone: tz) }
    }

    /// A journal with a few records of every common kind (at least 8 lines).
    @discardableResult
    func populated() throws -> Journal {
        let j = try makeJournal()
        let a = try register(j)
        let b = try register(j, .sd)
        try run(j, .startUse(registration: a, purpose: "資料作成", place: "端末A", until: t0 + 3600, scanned: .clean))
        try run(j, .scan(registration: b, result: .clean, note: nil))
        try run(j, .endUse(registration: a, note: nil))
        let q = try run(j, .requestTakeout(registration: b, destination: "本部", purpose: "会議", from: nil, until: t0 + 86400, transport: nil))
        try run(j, .approve(request: q.change.requestID!, confirmed: TakeoutCheck.allCases, comment: nil), as: officer)
        try run(j, .depart(registration: b))
        return j
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return st.st_mode & 0o777
    }

    func sideFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix("torn-tail-") && $0.hasSuffix(".bin") }.sorted()
    }

    /// The same fields of two ledgers (Ledger itself is not Equatable).
    func assertSameLedger(_ a: Ledger, _ b: Ledger, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(a.records == b.records, "records differ", file: file, line: line)
        XCTAssertTrue(a.media == b.media, "media differ", file: file, line: line)
        XCTAssertTrue(a.requests == b.requests, "requests differ", file: file, line: line)
        XCTAssertTrue(a.uses == b.uses, "uses differ", file: file, line: line)
        XCTAssertTrue(a.people == b.people, "people differ", file: file, line: line)
        XCTAssertEqual(a.header, b.header, file: file, line: line)
        XCTAssertEqual(a.nextSeq, b.nextSeq, file: file, line: line)
    }
}

/// A thread-safe bag for results gathered from several threads.
final class Collected<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ x: T) { lock.lock(); items.append(x); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Hands a non-Sendable value to threads that each use their own part of it.
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
