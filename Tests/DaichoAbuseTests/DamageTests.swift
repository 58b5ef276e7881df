// Faults in the file: cut at every offset, single bit flips, records from a
// newer daicho, a full disk or a file-size limit, a read-only directory, and
// files others may write. Each is either recovered (a torn tail kept aside)
// or damage that is read-only and names the record; never silently accepted.

import DaichoCore
@testable import DaichoJournal
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

class FixtureCase: XCTestCase {
    var place: Place!

    override func setUp() {
        super.setUp()
        place = Place()
    }
    override func tearDown() {
        place?.remove()
        super.tearDown()
    }

    /// The unit, two media, a use, a virus check and a take-out: 15 records.
    func fixture() throws -> Journal {
        try place.unit()
        let j = try Journal(directory: place.data)
        let officer = Actor(login: "kanri"), clerk = Actor(login: "tanaka")
        var n = NewMedium(kind: .usb, category: .business, classification: .c2)
        n.location = "ロッカーA-1"; n.serial = "SN-1"
        let a = try place.record(j, .register(n), by: officer).change.registration!
        n.serial = "SN-2"
        let b = try place.record(j, .register(n), by: officer).change.registration!
        try place.record(j, .startUse(registration: a, purpose: "資料作成", place: "端末1", until: nil, scanned: .clean), by: clerk)
        try place.record(j, .endUse(registration: a, note: "異常なし"), by: clerk)
        try place.record(j, .scan(registration: b, result: .clean, note: nil), by: clerk)
        let q = try place.record(j, .requestTakeout(registration: b, destination: "陸上幕僚監部", purpose: "会議", from: nil,
                                                    until: epoch + 86400, transport: "手渡し"), by: clerk).change.requestID!
        try place.record(j, .approve(request: q, confirmed: TakeoutCheck.allCases, comment: nil), by: officer)
        try place.record(j, .depart(registration: b), by: clerk)
        try place.record(j, .returnTakeout(registration: b, note: "確認済み"), by: clerk)
        return j
    }

    /// Offsets where each line starts, and the end.
    func lineStarts(_ d: Data) -> [Int] {
        var starts = [0]
        for (i, b) in d.enumerated() where b == 0x0A { starts.append(i + 1) }
        return starts
    }

    func removeSideFiles() {
        for f in place.sideFiles() { try? FileManager.default.removeItem(atPath: place.data + "/" + f) }
    }
}

final class CutAndFlipTests: FixtureCase {
    /// A cut inside the last record (one no checkpoint saw: the append in flight) is a torn tail, kept
    /// aside; a cut anywhere earlier loses records a printed report saw: damage, read-only, named.
    func test_cutAtEveryOffsetOfTheLastRecordsAndASampleOfEarlierOnes() throws {
        let start = Date()
        let j = try fixture()
        let full0 = place.journal()
        let starts0 = lineStarts(full0)
        // The report printed before the last append (the return) saw 13 records.
        let cpJournal = try Journal(directory: place.data)
        _ = cpJournal
        // Re-create the situation: checkpoint at 13 records, then the 14th record appended.
        place.write(Data(full0[..<starts0[starts0.count - 2]]))
        let before = try Journal(directory: place.data)
        XCTAssertEqual(before.ledger.records.count, j.ledger.records.count - 1)
        XCTAssertNotNil(try before.checkpoint(purpose: "report before the last append", now: epoch))
        place.write(full0)
        let full = place.journal()
        let starts = lineStarts(full)
        let records = starts.count - 1
        let lastStart = starts[records - 1]

        // Every byte of the last two records; earlier, every 7th (every one with DAICHO_ABUSE_FULL=1).
        let everything = ProcessInfo.processInfo.environment["DAICHO_ABUSE_FULL"] == "1"
        var offsets = Array(lastStart..<full.count)
        offsets += stride(from: starts[records - 2], to: lastStart, by: 1)
        offsets += stride(from: 1, to: starts[records - 2], by: everything ? 1 : 7)
        var tornKept = 0, damageNamed = 0
        for cut in offsets {
            removeSideFiles()
            place.write(Data(full[..<cut]))
            let r = try Journal(directory: place.data)
            let whole = starts.filter { $0 <= cut }.count - 1 // complete records left
            let tail = cut - starts[whole]
            if cut >= lastStart {
                XCTAssertNil(r.damage, "cut at \(cut) in the last record: \(r.damage!.message(.en))")
                XCTAssertEqual(r.ledger.records.count, records - 1)
                if tail > 0 {
                    tornKept += 1
                    XCTAssertEqual(place.sideFiles().count, 1, "cut at \(cut): the torn tail is kept")
                    let side = place.data + "/" + place.sideFiles()[0]
                    XCTAssertEqual(FileManager.default.contents(atPath: side), Data(full[lastStart..<cut]))
                }
                XCTAssertEqual(place.journal(), Data(full[..<lastStart]), "cut back to the last whole record")
            } else {
                let d = try XCTUnwrap(r.damage, "cut at \(cut) (\(whole) whole records) was not noticed")
                guard case .shorterThanCheckpoint(let n, let c) = d.reason else { return XCTFail("cut at \(cut): \(d.reason)") }
                XCTAssertEqual(n, whole)
                XCTAssertEqual(c.records, records - 1)
                XCTAssertEqual(d.seq, whole, "names the first missing record")
                XCTAssertTrue(d.message(.en).contains("record #\(whole)"), d.message(.en))
                XCTAssertTrue(r.isReadOnly)
                XCTAssertThrowsError(try place.record(r, .scan(registration: "USB-2026-0001", result: .clean, note: nil), by: Actor(login: "tanaka")))
                // Bytes of a cut record are kept aside all the same.
                XCTAssertEqual(place.sideFiles().count, tail > 0 ? 1 : 0)
                damageNamed += 1
            }
        }
        figures("cut at every offset", [("offsets", offsets.count), ("torn tails kept", tornKept), ("cuts named as damage", damageNamed)],
                since: start)
    }

    /// Without any checkpoint, a cut at a line boundary is a valid shorter journal: the reason checkpoints exist.
    func test_withoutACheckpointACleanCutIsUndetectable_whichIsWhatCheckpointsAreFor() throws {
        _ = try fixture()
        let full = place.journal()
        let starts = lineStarts(full)
        place.write(Data(full[..<starts[starts.count - 3]]))
        XCTAssertNil(try Journal(directory: place.data).damage)
        place.write(full)
        XCTAssertNotNil(try Journal(directory: place.data).checkpoint(purpose: "export", now: epoch))
        place.write(Data(full[..<starts[starts.count - 3]]))
        XCTAssertNotNil(try Journal(directory: place.data).damage)
    }

    /// Single bit flips across the whole file (every byte, a rotating bit; every bit of the last record),
    /// with a checkpoint at the head: each is damage naming the record flipped or the one after it.
    func test_everySingleBitFlipIsDetectedAndNamesTheRecord() throws {
        let start = Date()
        let j = try fixture()
        XCTAssertNotNil(try j.checkpoint(purpose: "verify", now: epoch))
        let full = place.journal()
        let starts = lineStarts(full)
        let lastStart = starts[starts.count - 2]
        // Earlier records: every byte, a rotating bit; the last record (which only the checkpoint
        // protects): every bit. With DAICHO_ABUSE_FULL=1 (make fuzz): every bit of the file.
        let everything = ProcessInfo.processInfo.environment["DAICHO_ABUSE_FULL"] == "1"
        var flips: [(Int, UInt8)] = []
        for i in 0..<lastStart {
            for b in everything ? Array(0..<8) : [i % 8] { flips.append((i, UInt8(1 << b))) }
        }
        for i in lastStart..<full.count {
            for b in 0..<8 { flips.append((i, UInt8(1 << b))) }
        }
        var detected = 0
        for (i, bit) in flips {
            removeSideFiles()
            var d = full
            d[i] ^= bit
            place.write(d)
            let r = try Journal(directory: place.data)
            let record = starts.lastIndex { $0 <= i }! // 0-based line of the flipped byte
            guard let damage = r.damage else {
                XCTFail("flip of bit \(bit) at byte \(i) (record \(record)) was not detected")
                continue
            }
            XCTAssertTrue([record + 1, record + 2].contains(damage.line),
                          "flip at \(i) in line \(record + 1) named line \(damage.line): \(damage.message(.en))")
            detected += 1
        }
        XCTAssertEqual(detected, flips.count)
        figures("bit flips", [("flips", flips.count), ("detected", detected), ("bytes", full.count)], since: start)
    }

    /// Through the real command: a sample of flips, each refused by `daicho verify` naming the record.
    func test_verifyCommandNamesTheFlippedRecord() throws {
        guard Bin.daicho != nil else { throw XCTSkip("no daicho binary") }
        _ = try fixture()
        XCTAssertEqual(place.daicho(["verify"]).status, 0) // and keeps a checkpoint
        let full = place.journal()
        let starts = lineStarts(full)
        var rng = Seeded(7)
        for _ in 0..<24 {
            let i = Int.random(in: 0..<full.count, using: &rng)
            var d = full
            d[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            removeSideFiles()
            place.write(d)
            let v = place.daicho(["verify", "--lang", "en"])
            let line = starts.lastIndex { $0 <= i }! + 1
            XCTAssertEqual(v.status, 2, "flip at \(i): \(v)")
            XCTAssertTrue(v.stderr.contains("line \(line)") || v.stderr.contains("line \(line + 1)"), "flip at \(i) in line \(line): \(v.stderr)")
            XCTAssertEqual(v.err.filter { $0 == 0x0A }.count, 1, "one line: \(v.stderr)")
        }
    }
}

final class NewerFormatTests: FixtureCase {
    /// A record with `v` 2 (or a header of format 2): read-only up to there, saying a newer daicho wrote it.
    func test_recordOfANewerVersion_opensReadOnlySayingSo_notDamaged() throws {
        let j = try fixture()
        let n = j.ledger.records.count
        // A well-chained line as a newer daicho might write it.
        let line = Data(#"{"actor":"kanri","at":"2026-11-26T00:00:00Z","prev":"\#(j.headHash)","seq":\#(n),"type":"medium.inventoried","v":2,"data":{"registration":"USB-2026-0001"}}"#.utf8)
        var d = place.journal(); d.append(line); d.append(0x0A)
        place.write(d)
        let r = try Journal(directory: place.data)
        let damage = try XCTUnwrap(r.damage)
        XCTAssertEqual(damage.reason, .newerVersion(2))
        XCTAssertEqual(damage.seq, n)
        XCTAssertEqual(r.ledger.records.count, n, "what came before is read")
        let en = damage.message(.en), ja = damage.message(.ja)
        XCTAssertTrue(en.contains("newer version"), en)
        XCTAssertFalse(en.contains("damaged"), en)
        XCTAssertTrue(ja.contains("新しい版"), ja)
        XCTAssertFalse(ja.contains("損傷"), ja)
        XCTAssertThrowsError(try place.record(r, .scan(registration: "USB-2026-0001", result: .clean, note: nil), by: Actor(login: "tanaka")))
        XCTAssertEqual(place.journal(), d, "nothing written after it")

        guard Bin.daicho != nil else { return }
        let v = place.daicho(["verify", "--lang", "en"])
        XCTAssertEqual(v.status, 2)
        XCTAssertTrue(v.stderr.contains("newer version") && !v.stderr.contains("damaged"), v.stderr)
        let list = place.daicho(["media", "list", "--json"], as: "kansa")
        XCTAssertEqual(list.status, 0, "\(list)")
        XCTAssertTrue(list.stderr.contains("新しい版"), list.stderr)
    }

    func test_headerOfANewerFormat_opensReadOnlySayingSo() throws {
        let header = Record(seq: 0, at: epoch, actor: "root", prev: Record.genesisHash,
                            change: .header(HeaderData(format: 3, unit: "第2隊", officer: PersonData(login: "kanri", name: "管理", roles: [.officer]))))
        XCTAssertEqual(mkdir(place.data, 0o700), 0)
        place.write(chained([header]))
        let r = try Journal(directory: place.data)
        XCTAssertEqual(r.damage?.reason, .newerVersion(3))
        XCTAssertTrue(r.damage!.message(.en).contains("newer version"))
    }
}

final class DiskFaultTests: FixtureCase {
    /// `prlimit --fsize` (a full disk as a process sees it): the write fails with a clear message,
    /// nothing half-written stays, and the journal is still valid and byte-identical.
    func test_fileSizeLimit_writeFailsCleanly_nothingHalfWritten() throws {
        guard Bin.daicho != nil, FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else { throw XCTSkip("needs daicho and prlimit") }
        _ = try fixture()
        let before = place.journal()
        // Below the current size: nothing can be written. Just above it: the line would be cut short.
        for limit in [before.count - 100, before.count + 40] {
            let r = place.daicho(["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--lang", "en"], as: "kanri",
                                 through: ["/usr/bin/prlimit", "--fsize=\(limit)"])
            XCTAssertEqual(r.status, 3, "limit \(limit): \(r)")
            XCTAssertEqual(r.signal, 0, "SIGXFSZ must not kill it")
            XCTAssertTrue(r.stderr.contains("File too large") && r.stderr.contains("journal.jsonl"), r.stderr)
            XCTAssertEqual(r.err.filter { $0 == 0x0A }.count, 1)
            XCTAssertEqual(place.journal(), before, "limit \(limit): the journal changed")
            XCTAssertNil(try Journal(directory: place.data).damage)
            XCTAssertTrue(place.sideFiles().isEmpty)
        }
        XCTAssertEqual(place.daicho(["verify"]).status, 0)
    }

    /// A report whose checkpoint cannot be written still prints, says so in one line, exits 3 (issue 10:
    /// what was printed is not anchored), and leaves no half line.
    func test_fileSizeLimit_reportStillPrints_checkpointFailureSaid() throws {
        guard Bin.daicho != nil, FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else { throw XCTSkip("needs daicho and prlimit") }
        let j = try fixture()
        // Many reports printed before: the checkpoint file is larger than this export.
        for i in 0..<100 { try j.checkpoint(purpose: "report \(i)", now: epoch) }
        let cps = FileManager.default.contents(atPath: j.checkpointPath)!
        let r = place.daicho(["export", "--what", "media", "--format", "csv", "--lang", "en"], as: "kansa",
                             through: ["/usr/bin/prlimit", "--fsize=\(cps.count + 20)"])
        XCTAssertEqual(r.status, 3, "\(r)")
        XCTAssertTrue(r.stdout.hasPrefix("\u{FEFF}registration,"), r.stdout)
        XCTAssertTrue(r.stderr.contains("checkpoint was not recorded") && r.stderr.contains("File too large"), r.stderr)
        XCTAssertEqual(r.err.filter { $0 == 0x0A }.count, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: j.checkpointPath), cps, "no half-written checkpoint")
    }

    /// Standard output on a full disk: one line on stderr and exit 3, not a crash.
    func test_standardOutputThatCannotBeWritten_oneLineAndExit3() throws {
        guard Bin.daicho != nil, FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else { throw XCTSkip("needs daicho and prlimit") }
        _ = try fixture()
        let r = place.daicho(["log"], as: "kansa", through: ["/usr/bin/prlimit", "--fsize=200"])
        XCTAssertEqual(r.status, 3, "\(r)")
        XCTAssertEqual(r.signal, 0)
        XCTAssertTrue(r.stderr.contains("cannot write standard output: File too large"), r.stderr)
        XCTAssertEqual(r.err.filter { $0 == 0x0A }.count, 1)
    }

    /// A data directory the writer may not write to: a clear refusal, the journal untouched.
    func test_readOnlyDirectory_writeRefusedCleanly() throws {
        guard Bin.daicho != nil, getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv (root ignores permissions, so the writer runs as nobody)")
        }
        let j = try fixture()
        try place.record(j, .enroll(login: "nobody", name: "無名 一郎", roles: [.officer], title: nil, rank: nil, section: nil), by: Actor(login: "kanri"))
        _ = chmod(place.root, 0o755)
        for f in [place.data, place.journalPath, place.data + "/daicho.lock"] { XCTAssertEqual(chown(f, 65534, 65534), 0) }
        XCTAssertEqual(chmod(place.journalPath, 0o400), 0)
        XCTAssertEqual(chmod(place.data, 0o500), 0)
        let before = place.journal()
        let r = place.daicho(["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--lang", "en"],
                             through: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        XCTAssertEqual(r.status, 3, "\(r)")
        XCTAssertTrue(r.stderr.contains("Permission denied"), r.stderr)
        XCTAssertEqual(r.err.filter { $0 == 0x0A }.count, 1)
        XCTAssertEqual(place.journal(), before)
        _ = chmod(place.data, 0o700)
        XCTAssertNil(try Journal(directory: place.data).damage)
    }
}

final class FileModeTests: FixtureCase {
    private func mode(_ p: String) -> mode_t { var st = stat(); XCTAssertEqual(stat(p, &st), 0); return st.st_mode & 0o7777 }

    func test_createdOwnerOnly_0700_0600_andCheckpoints0600() throws {
        let j = try fixture()
        try j.checkpoint(purpose: "test", now: epoch)
        XCTAssertEqual(mode(place.data), 0o700)
        XCTAssertEqual(mode(place.journalPath), 0o600)
        XCTAssertEqual(mode(j.checkpointPath), 0o600)
    }

    func test_aGroupMakesThem_0750_0640() throws {
        let gid = getegid()
        let j = try Journal(directory: place.data, group: gid)
        try j.create(header: try Ledger.initialize(unit: "隊", officer: "kanri", name: "管理", title: nil, rank: nil), actor: Actor(login: "root"), now: epoch)
        try j.checkpoint(purpose: "test", now: epoch)
        XCTAssertEqual(mode(place.data), 0o750)
        XCTAssertEqual(mode(place.journalPath), 0o640)
        XCTAssertEqual(mode(j.checkpointPath), 0o640)
    }

    func test_othersMayWrite_refusedWithAMessage() throws {
        _ = try fixture()
        for (path, bad) in [(place.journalPath, mode_t(0o666)), (place.journalPath, 0o620), (place.data, 0o777), (place.data, 0o770)] {
            let good = mode(path)
            XCTAssertEqual(chmod(path, bad), 0)
            XCTAssertThrowsError(try Journal(directory: place.data)) { e in
                guard case .unsafePermissions(let p, _)? = e as? JournalError else { return XCTFail("\(e)") }
                XCTAssertEqual(p, path)
                XCTAssertTrue((e as! JournalError).message(.en).contains("can be written by others"))
            }
            if Bin.daicho != nil {
                let r = place.daicho(["media", "list", "--lang", "en"], as: "kansa")
                XCTAssertEqual(r.status, 3, "\(r)")
                XCTAssertTrue(r.stderr.contains("can be written by others") && r.stderr.contains(String(bad, radix: 8)), r.stderr)
            }
            XCTAssertEqual(chmod(path, good), 0)
        }
        XCTAssertNil(try Journal(directory: place.data).damage)
    }

    /// Issue 10: the group-writable layout goes. A clerk in the group appended a hand-typed line
    /// naming the officer as approver of the clerk's own take-out; group write is refused for any group.
    func test_groupWritableIsRefusedEvenForTheConfiguredGroup() throws {
        _ = try fixture()
        XCTAssertEqual(chmod(place.journalPath, 0o660), 0)
        XCTAssertEqual(chmod(place.data, 0o770), 0)
        var st = stat(); XCTAssertEqual(stat(place.journalPath, &st), 0)
        XCTAssertThrowsError(try Journal(directory: place.data, group: st.st_gid), "an earlier version's shared files")
        XCTAssertThrowsError(try Journal(directory: place.data))
        XCTAssertEqual(chmod(place.journalPath, 0o640), 0)
        XCTAssertEqual(chmod(place.data, 0o750), 0)
        XCTAssertNoThrow(try Journal(directory: place.data, group: st.st_gid), "the group may read")
    }
}
