// A seeded random mutation run against the journal reader: a valid journal
// (with a checkpoint at its head, as after any printed report) is mutated —
// bits flipped, bytes inserted, deleted, duplicated, lines swapped, dropped or
// cut, JSON tokens replaced — and opened. The reader must never crash, and
// every mutation must show: damage (read-only, named), or, when only bytes
// were added after the last newline, a torn tail kept aside.
//
// Bounded: DAICHO_FUZZ_SECONDS (default 4) and DAICHO_FUZZ_SEED (default fixed),
// so `make test` stays fast and `make fuzz` runs it longer with a fresh seed.
// A failing case is written to the test's directory and its seed printed.

@testable import DaichoCore
@testable import DaichoJournal
import Foundation
import XCTest

final class JournalFuzzTests: FixtureCase {
    static let tokens: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "false", "-0", "1e999", "99999999999999999999",
        "\"seq\":", "\"prev\":", "\"v\":2", "\"v\":1", "\"type\":\"medium.registered\"", "\"data\":{}", "\u{1B}[31m", "\n", "\r", " ",
        "\u{FEFF}", "\u{202E}", "ﾃﾞｰﾀ", "𠮷", "\u{0}",
    ]

    func test_seededMutations_neverCrash_andEveryChangeShows() throws {
        let start = Date()
        let env = ProcessInfo.processInfo.environment
        let seconds = Double(env["DAICHO_FUZZ_SECONDS"] ?? "") ?? 4
        let seed = UInt64(env["DAICHO_FUZZ_SEED"] ?? "") ?? 0x0DA1_C405_F022
        var rng = Seeded(seed)
        let j = try fixture()
        XCTAssertNotNil(try j.checkpoint(purpose: "report", now: epoch))
        let original = place.journal()
        let checkpoints = FileManager.default.contents(atPath: j.checkpointPath)!
        var runs = 0, damaged = 0, torn = 0, unchanged = 0, newer = 0
        while Date().timeIntervalSince(start) < seconds {
            var d = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) { d = mutate(d, &rng) }
            runs += 1
            if d == original { unchanged += 1; continue }
            removeSideFiles()
            place.write(d)
            XCTAssertTrue(FileManager.default.createFile(atPath: j.checkpointPath, contents: checkpoints))
            let r: Journal
            do { r = try Journal(directory: place.data) } catch {
                XCTFail("open threw \(error) (seed \(seed), run \(runs))"); keep(d, runs); break
            }
            if let damage = r.damage {
                damaged += 1
                if case .newerVersion = damage.reason { newer += 1 }
                // Named: a line of the file, and a message in both languages.
                XCTAssertGreaterThanOrEqual(damage.line, 1)
                XCTAssertFalse(damage.message(.en).isEmpty || damage.message(.ja).isEmpty)
                XCTAssertThrowsError(try place.record(r, .scan(registration: "USB-2026-0001", result: .clean, note: nil), by: Actor(login: "tanaka")))
            } else if d.starts(with: original), case .tornTailRemoved? = r.notices.first {
                torn += 1
                XCTAssertEqual(place.journal(), original, "the torn tail is cut back to the journal")
            } else {
                XCTFail("mutation not noticed (seed \(seed), run \(runs))")
                keep(d, runs)
                break
            }
        }
        figures("fuzz (seeded mutations)", [("seed", String(seed, radix: 16)), ("runs", runs), ("damage named", damaged),
                                            ("of which newer format", newer), ("torn tails", torn), ("no-op mutations", unchanged)], since: start)
    }

    /// Decoding any line never crashes: it is a record or a reason.
    func test_recordDecodeOfRandomLinesNeverCrashes() {
        var rng = Seeded(0xDEC0DE)
        let valid = Array(#"{"actor":"kanri","at":"2026-11-25T00:00:00Z","prev":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,"type":"medium.scanned","v":1,"data":{"registration":"USB-2026-0001","result":"clean"}}"#.utf8)
        var decoded = 0
        for _ in 0..<3000 {
            let d = mutate(Data(valid), &rng)
            if (try? Record.decode(line: d)) != nil { decoded += 1 }
        }
        XCTAssertGreaterThan(decoded, 0, "some mutations (inside strings) still decode")
    }

    private func keep(_ d: Data, _ run: Int) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-fuzz-failure-\(run).jsonl").path
        _ = FileManager.default.createFile(atPath: path, contents: d)
        print("fuzz: failing input kept at \(path)")
    }

    func mutate(_ input: Data, _ rng: inout Seeded) -> Data {
        var d = [UInt8](input)
        guard !d.isEmpty else { return Data([UInt8.random(in: 0...255, using: &rng)]) }
        func at() -> Int { Int.random(in: 0..<d.count, using: &rng) }
        var ls = d.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        switch Int.random(in: 0..<11, using: &rng) {
        case 0: d[at()] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
        case 1: d[at()] = UInt8.random(in: 0...255, using: &rng)
        case 2: d.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at())
        case 3: let i = at(); d.removeSubrange(i..<min(d.count, i + Int.random(in: 1...40, using: &rng)))
        case 4: d.removeSubrange(at()...)
        case 5: let i = at(), n = min(d.count - i, Int.random(in: 1...60, using: &rng)); d.insert(contentsOf: d[i..<(i + n)], at: at())
        case 6:
            let t = Array(Self.tokens.randomElement(using: &rng)!.utf8)
            let i = at(); d.replaceSubrange(i..<min(d.count, i + Int.random(in: 0...4, using: &rng)), with: t)
        case 7 where ls.count > 2:
            let a = Int.random(in: 0..<(ls.count - 1), using: &rng), b = Int.random(in: 0..<(ls.count - 1), using: &rng)
            ls.swapAt(a, b); d = Array(ls.joined(separator: [0x0A]))
        case 8 where ls.count > 2:
            ls.remove(at: Int.random(in: 0..<(ls.count - 1), using: &rng)); d = Array(ls.joined(separator: [0x0A]))
        case 9 where ls.count > 2:
            let a = Int.random(in: 0..<(ls.count - 1), using: &rng); ls.insert(ls[a], at: a); d = Array(ls.joined(separator: [0x0A]))
        default:
            d.append(contentsOf: (0..<Int.random(in: 1...30, using: &rng)).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) })
        }
        return Data(d)
    }
}
