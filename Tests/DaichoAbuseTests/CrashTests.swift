// Faults: writers killed with SIGKILL at random moments, and two or four
// writers appending at once. Nothing acknowledged is ever lost, at most the one
// append in flight is missing, a torn tail is kept aside, and the screens of
// another process notice what was appended.

import CellKit
import DaichoCore
@testable import DaichoJournal
import DaichoUI
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// SplitMix64: a seeded generator, so a failing run can be repeated.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Complete lines a process printed (a line cut by the kill is not an acknowledgement).
func printedLines(_ d: Data) -> [String] {
    var parts = d.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    parts.removeLast()
    return parts
}

/// The journal as the screens' store, as the `daicho` executable wires it.
final class JournalBackedStore: LedgerStore {
    let journal: Journal
    init(_ j: Journal) { journal = j }
    var ledger: Ledger { journal.ledger }
    var headHash: String { journal.headHash }
    func damageMessage(_ lang: Lang) -> String? { journal.damage.map { $0.message(lang) } }
    func record(_ command: Command, actor: Actor, now: Date, timeZone: TimeZone) throws -> Record {
        try journal.append(actor: actor, now: now) { try $0.decide(command, by: actor, now: now, timeZone: timeZone) }
    }
    func initialize(_ header: Change, actor: Actor, now: Date) throws -> Record { try journal.create(header: header, actor: actor, now: now) }
    func refresh() throws -> Bool { try journal.refresh() }
    func describe(_ error: Error, _ lang: Lang) -> String { "\(error)" }
}

final class CrashTests: XCTestCase {
    override func setUpWithError() throws {
        guard Bin.daicho != nil, Bin.stress != nil else {
            XCTFail("daicho and daicho-stress must be built next to the tests (swift build --build-tests)")
            throw XCTSkip("no binaries")
        }
    }

    /// 200+ cycles: a writer (mostly the long-lived `daicho-stress`, every fourth a `daicho media register`)
    /// is killed with SIGKILL at a random moment; then the ledger opens, the chain verifies, every
    /// acknowledged append is there, at most one unacknowledged one is, and a torn tail is kept aside.
    func test_crashLoop_SIGKILLAtRandomMoments_losesNothingAcknowledged() throws {
        let start = Date()
        let place = Place()
        defer { place.remove() }
        try place.unit()
        var rng = Seeded(0xDA1C_0005)
        let reader = try Journal(directory: place.data)
        var acknowledged = 0, lost = 0, inFlightKept = 0, torn = 0, killedWhileRunning = 0
        let cycles = 200
        for cycle in 0..<cycles {
            let before = reader.ledger.records.count
            let viaCLI = cycle % 4 == 3
            let p: Proc
            if viaCLI {
                p = Proc([Bin.daicho!, "media", "register", "--kind", "usb", "--category", "business", "--class", "2",
                          "--serial", "cli-\(cycle)", "--data", place.data, "--as", "kanri"].map { Array($0.utf8) }, env: place.env, in: place.root)
            } else {
                p = place.stress(count: 25, tag: "c\(cycle)")
            }
            XCTAssertGreaterThan(p.pid, 0)
            usleep(UInt32.random(in: 0..<(viaCLI ? 40_000 : 120_000), using: &rng))
            p.kill()
            let o = p.wait()
            if o.signal == SIGKILL { killedWhileRunning += 1 }
            // Acknowledged: printed after the append returned (written and fsynced).
            var acks = printedLines(o.out)
            if viaCLI && o.signal != 0 { acks = [] }

            // A torn tail, if the kill left one, must be kept aside, not dropped.
            let bytes = place.journal()
            let tail = bytes.lastIndex(of: 0x0A).map { bytes[($0 + 1)...] } ?? bytes[...]
            let noticesBefore = reader.notices.count
            try reader.refresh()
            XCTAssertNil(reader.damage, "cycle \(cycle): \(reader.damage.map { $0.message(.en) } ?? "")")
            if !tail.isEmpty {
                torn += 1
                XCTAssertEqual(reader.notices.count, noticesBefore + 1, "cycle \(cycle): a torn tail without a notice")
                if case .tornTailRemoved(let n, let side)? = reader.notices.last {
                    XCTAssertEqual(n, tail.count)
                    XCTAssertEqual(FileManager.default.contents(atPath: side), Data(tail), "cycle \(cycle): the side file is not the tail")
                }
            }
            let after = reader.ledger.records.count
            for reg in acks where reader.ledger.media[reg] == nil {
                lost += 1
                XCTFail("cycle \(cycle): acknowledged \(reg) is not in the journal")
            }
            let unacknowledged = after - before - acks.count
            XCTAssertTrue((0...1).contains(unacknowledged), "cycle \(cycle): \(after - before) new records, \(acks.count) acknowledged")
            inFlightKept += max(0, unacknowledged)
            acknowledged += acks.count

            // Every so often, a fresh open (all records verified again) agrees with the incremental reader.
            if cycle % 25 == 24 {
                let fresh = try Journal(directory: place.data)
                XCTAssertNil(fresh.damage)
                XCTAssertEqual(fresh.headHash, reader.headHash)
                XCTAssertEqual(fresh.ledger.records.count, after)
            }
        }
        // The real command agrees: the chain verifies.
        let v = place.daicho(["verify", "--lang", "en"])
        XCTAssertEqual(v.status, 0, "\(v)")
        figures("crash loop", [("cycles", cycles), ("killed while running", killedWhileRunning), ("acknowledged appends", acknowledged),
                               ("records lost", lost), ("unacknowledged in-flight records kept", inFlightKept),
                               ("torn tails kept", torn), ("records", reader.ledger.records.count)], since: start)
    }

    /// Two, then four processes append hundreds of records each to one data directory while the
    /// screens of this process refresh: no interleaving, no fork, nothing lost, no number twice.
    func test_twoAndFourWriters_appendWithoutLossOrDuplicate_andTheScreensNotice() throws {
        for (writers, each) in [(2, 300), (4, 200)] {
            let start = Date()
            let place = Place()
            defer { place.remove() }
            try place.unit()
            let session = Session(store: JournalBackedStore(try Journal(directory: place.data)), actor: Actor(login: "kansa"),
                                  lang: .ja, timeZone: tokyoZone, clock: { epoch })
            XCTAssertTrue(TextLocale.use("C.UTF-8"))
            let homeBefore = session.render(Size(rows: 40, cols: 120))
            let procs = (0..<writers).map { place.stress(as: $0 % 2 == 0 ? "kanri" : "fuku", count: each, tag: "w\($0)") }
            var noticed = 0
            var running = true
            while running {
                usleep(20_000)
                if session.tick() { noticed += 1 }
                running = procs.contains { waitpid($0.pid, nil, WNOHANG) == 0 }
            }
            // The loop above reaped them; their output is still in the files.
            var acks: [[String]] = []
            for p in procs {
                let out = FileManager.default.contents(atPath: p.outPath) ?? Data()
                acks.append(printedLines(out))
                let err = FileManager.default.contents(atPath: p.errPath) ?? Data()
                XCTAssertEqual(String(decoding: err, as: UTF8.self), "", "writer \(p.pid) complained")
            }
            _ = session.tick()
            let j = try Journal(directory: place.data)
            XCTAssertNil(j.damage)
            let l = j.ledger
            XCTAssertEqual(l.records.count, 6 + writers * each, "every append is in the journal")
            XCTAssertEqual(l.records.map(\.seq), Array(0..<l.records.count), "one sequence, no fork")
            let all = acks.flatMap { $0 }
            XCTAssertEqual(acks.map(\.count), Array(repeating: each, count: writers), "every writer acknowledged all its appends")
            XCTAssertEqual(Set(all).count, all.count, "no registration number twice")
            XCTAssertEqual(Set(all), Set(l.allMedia.map(\.registration)), "nothing lost, nothing extra")
            // Each writer's media are its own (serial tag), so no append landed twice or as another's.
            for (i, regs) in acks.enumerated() {
                for r in regs { XCTAssertTrue(l.media[r]?.data.serial?.hasPrefix("w\(i)-") == true, "\(r) is not writer \(i)'s") }
            }
            // The screens of this (second) process noticed, more than once, and show the last record.
            XCTAssertGreaterThan(noticed, 1, "the screens noticed the appends")
            XCTAssertEqual(session.store.ledger.records.count, l.records.count)
            let home = session.render(Size(rows: 40, cols: 120))
            XCTAssertNotEqual(home.text, homeBefore.text)
            XCTAssertTrue(home.text.contains(String(l.records.count - 1)) || home.text.contains(l.allMedia.last!.registration), home.text)
            for p in procs { try? FileManager.default.removeItem(atPath: p.outPath); try? FileManager.default.removeItem(atPath: p.errPath) }
            figures("\(writers) writers", [("records each", each), ("records", l.records.count), ("screen refreshes that saw new records", noticed)],
                    since: start)
        }
    }
}
