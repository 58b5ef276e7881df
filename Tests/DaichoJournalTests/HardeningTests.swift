// Issue 10, "Hardening found by trying to break it": each test names what it
// defends. Any file in the data directory can be anything; a record is exactly
// the bytes daicho writes; a checkpoint anchors only acknowledged records; a
// forged snapshot never decides a write; time only moves forward.

@testable import DaichoCore
@testable import DaichoJournal
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class FileSafetyTests: JournalTestCase {
    private func refusal(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> JournalError? {
        do { try body(); XCTFail("not refused", file: file, line: line); return nil } catch let e as JournalError { return e } catch {
            XCTFail("\(error)", file: file, line: line); return nil
        }
    }

    /// A FIFO or device in place of journal.jsonl, daicho.snapshot, checkpoints.tsv or daicho.lock is
    /// refused at once (it hung every command, `verify` included), naming the file.
    func test_fifoOrDeviceInPlaceOfAFile_refusedAtOnceNamingIt() throws {
        try makeJournal()
        for name in [Journal.fileName, Journal.snapshotName, Journal.checkpointName, Journal.lockName] {
            let p = dir + "/" + name
            let saved = FileManager.default.contents(atPath: p)
            unlink(p)
            XCTAssertEqual(mkfifo(p, 0o600), 0)
            let e = refusal {
                let j = try Journal(directory: dir)
                // The lock and the checkpoint file are opened by the first write or report.
                try j.checkpoint(purpose: "test", now: t0)
            }
            XCTAssertEqual(e, .notRegularFile(path: p, kind: .fifo), name)
            XCTAssertTrue(e?.message(.en).contains("\(p) is not a regular file (a FIFO") ?? false, e?.message(.en) ?? "")
            unlink(p)
            if let saved { XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: saved, attributes: [.posixPermissions: 0o600])) }
        }
        // A directory in place of the journal, and a character device.
        let j = journalPath
        let saved = bytes()
        unlink(j)
        XCTAssertEqual(mkdir(j, 0o700), 0)
        XCTAssertEqual(refusal { _ = try Journal(directory: dir) }, .notRegularFile(path: j, kind: .directory))
        rmdir(j)
        XCTAssertEqual(symlink("/dev/null", j), 0)
        XCTAssertEqual(refusal { _ = try Journal(directory: dir) }, .notRegularFile(path: j, kind: .symbolicLink))
        unlink(j)
        writeBytes(saved)
        XCTAssertNil(try Journal(directory: dir).damage)
    }

    /// Root running daicho on a directory another user controls: a daicho.lock planted as a symbolic
    /// link made root create a root-owned file at the link's target. Never followed, never created.
    func test_plantedSymlinkLock_neverFollowed_targetNotCreated() throws {
        try makeJournal()
        let target = dir + "/../planted-target"
        unlink(dir + "/" + Journal.lockName)
        XCTAssertEqual(symlink(target, dir + "/" + Journal.lockName), 0)
        let j = try Journal(directory: dir)
        XCTAssertEqual(refusal { try register(j) }, .notRegularFile(path: dir + "/" + Journal.lockName, kind: .symbolicLink))
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "nothing created at the link's target")
    }

    /// Root never creates a file in a directory another user owns: it reads it as a read-only copy.
    func test_anotherUsersDirectory_rootCreatesNothing() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root") }
        try makeJournal()
        unlink(dir + "/" + Journal.lockName)
        for p in [dir, journalPath] { XCTAssertEqual(chown(p, 65534, 65534), 0) }
        let j = try Journal(directory: dir)
        XCTAssertFalse(j.mayWrite)
        XCTAssertEqual(refusal { try register(j) }, .notOwner(path: dir, owner: 65534))
        XCTAssertEqual(refusal { try j.checkpoint(purpose: "x", now: t0) }, .notOwner(path: dir, owner: 65534))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [Journal.fileName], "no lock, snapshot or checkpoint created")
        // A file there owned by someone else than the directory's owner is refused, naming it.
        XCTAssertEqual(chown(dir, 0, 0), 0)
        XCTAssertEqual(refusal { _ = try Journal(directory: dir) }, .wrongOwner(path: journalPath, owner: 65534, expected: 0))
    }

    /// Root does not create the data directory inside a directory another user owns.
    func test_rootCreatesNoDataDirectoryInAnotherUsersDirectory() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root") }
        let parent = (dir as NSString).deletingLastPathComponent + "/theirs"
        XCTAssertEqual(mkdir(parent, 0o755), 0)
        XCTAssertEqual(chown(parent, 65534, 65534), 0)
        let j = try Journal(directory: parent + "/data")
        let h = try Ledger.initialize(unit: "隊", officer: "kanri", name: "管理", title: nil, rank: nil)
        XCTAssertEqual(refusal { try j.create(header: h, actor: officer, now: t0) }, .notOwner(path: parent, owner: 65534))
        XCTAssertFalse(FileManager.default.fileExists(atPath: parent + "/data"))
    }

    /// A symlinked data directory is refused naming the link, not "mode 777".
    func test_symlinkedDataDirectory_refusedNamingTheLink() throws {
        try makeJournal()
        let link = dir + "-link"
        XCTAssertEqual(symlink(dir, link), 0)
        let e = refusal { _ = try Journal(directory: link) }
        XCTAssertEqual(e, .notRegularFile(path: link, kind: .symbolicLink))
        XCTAssertTrue(e!.message(.en).hasPrefix("\(link) is a symbolic link"), e!.message(.en))
        XCTAssertTrue(e!.message(.ja).contains("シンボリックリンク"))
    }

    /// The group-writable layout goes: group write is refused even for DAICHO_GROUP's group.
    func test_groupWritable_refusedEvenForTheConfiguredGroup() throws {
        try makeJournal()
        var st = stat(); XCTAssertEqual(stat(journalPath, &st), 0)
        for (p, m) in [(journalPath, mode_t(0o660)), (dir, 0o770)] {
            let old = st.st_mode & 0o7777
            XCTAssertEqual(chmod(p, m), 0)
            XCTAssertEqual(refusal { _ = try Journal(directory: dir, group: st.st_gid) }, .unsafePermissions(path: p, mode: UInt32(S_IFMT & (p == dir ? S_IFDIR : S_IFREG)) | UInt32(m)))
            XCTAssertEqual(chmod(p, p == dir ? 0o700 : old), 0)
        }
        // Read-only sharing with the group stays.
        XCTAssertEqual(chmod(journalPath, 0o640), 0)
        XCTAssertEqual(chmod(dir, 0o750), 0)
        XCTAssertNoThrow(try Journal(directory: dir, group: st.st_gid))
    }

    /// The data directory is created with its final mode and fsynced into its parent (no 0777 then chmod).
    func test_dataDirectoryCreatedWithItsFinalMode() throws {
        let old = umask(0)
        defer { umask(old) }
        try makeJournal()
        var st = stat(); XCTAssertEqual(stat(dir, &st), 0)
        XCTAssertEqual(st.st_mode & 0o7777, 0o700)
    }

    /// A 1 TB sparse snapshot aborted every command (allocating 1 TB); a 3 GB one cost 13 s each.
    /// A snapshot larger than the journal could produce is ignored unread and rebuilt.
    func test_hugeSparseSnapshot_ignoredUnreadAndRebuilt() throws {
        let j = try makeJournal()
        for _ in 0..<3 { try register(j) }
        XCTAssertTrue(j.writeSnapshot())
        let snap = dir + "/" + Journal.snapshotName
        for size in [off_t(1) << 40, off_t(3) << 30] {
            let fd = open(snap, O_WRONLY | O_TRUNC)
            XCTAssertGreaterThanOrEqual(fd, 0)
            XCTAssertEqual(ftruncate(fd, size), 0)
            close(fd)
            let started = Date()
            let k = try Journal(directory: dir, snapshotEvery: 1)
            guard case .ignored(let why) = k.snapshotStatus else { return XCTFail("\(k.snapshotStatus)") }
            XCTAssertTrue(why.contains("larger"), why)
            XCTAssertEqual(k.ledger.records.count, j.ledger.records.count)
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, "not read")
            var st = stat(); XCTAssertEqual(stat(snap, &st), 0)
            XCTAssertLessThan(st.st_size, 1 << 20, "rebuilt")
        }
    }

    /// The snapshot is written to a new file, fsynced and renamed: no temporary file stays, and a
    /// file planted under the temporary name is not written through.
    func test_snapshotWrittenToANewFileAndRenamed() throws {
        let j = try makeJournal()
        let tmp = dir + "/" + Journal.snapshotName + ".tmp-\(getpid())"
        let outside = dir + "/../outside"
        XCTAssertEqual(symlink(outside, tmp), 0)
        XCTAssertTrue(j.writeSnapshot())
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside))
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp))
        XCTAssertEqual(try Journal(directory: dir).snapshotStatus, .used(records: j.ledger.records.count))
    }
}

final class CanonicalRecordTests: JournalTestCase {
    /// Replaces line `n` (0-based) with `edit(line)`, re-chaining nothing (the edited line is the last).
    private func editLast(_ edit: (String) -> String) throws -> String {
        var ls = lines()
        let last = String(decoding: ls.removeLast(), as: UTF8.self)
        var all = Data()
        for l in ls { all += l; all.append(0x0A) }
        let edited = edit(last)
        all += Data(edited.utf8); all.append(0x0A)
        writeBytes(all)
        return edited
    }

    /// A duplicate key ("actor":"off1","actor":"clerk1") was read by daicho as the first value and by jq
    /// and Python as the last: a self-approval `verify` passed. Any non-canonical line is damage, named.
    func test_nonCanonicalLines_areDamageNamedBySeqLineAndOffset() throws {
        let j = try makeJournal()
        try register(j)
        let n = j.ledger.records.count
        let good = bytes()
        let lastOffset = UInt64(good.count - lines().last!.count - 1)
        let edits: [(String, (String) -> String)] = [
            ("duplicate key", { $0.replacingOccurrences(of: "{\"actor\":\"kanri\"", with: "{\"actor\":\"kanri\",\"actor\":\"tanaka\"") }),
            ("unknown field", { $0.replacingOccurrences(of: ",\"data\":{", with: ",\"extra\":1,\"data\":{") }),
            ("keys out of order", { l in
                let a = "{\"actor\":\"kanri\",\"at\":"
                return l.replacingOccurrences(of: a, with: "{\"at\":").replacingOccurrences(of: ",\"prev\":", with: ",\"actor\":\"kanri\",\"prev\":")
            }),
            ("extra whitespace", { $0.replacingOccurrences(of: "\"seq\":", with: "\"seq\": ") }),
            ("null for an absent field", { $0.replacingOccurrences(of: "\"v\":1,", with: "\"v\":1,\"via\":null,") }),
            ("another spelling of a string", { $0.replacingOccurrences(of: "\"actor\":\"kanri\"", with: "\"actor\":\"k\\u0061nri\"") }),
        ]
        for (what, edit) in edits {
            writeBytes(good)
            let edited = try editLast(edit)
            XCTAssertNotEqual(edited, String(decoding: lines().last!, as: UTF8.self) + "x", what)
            XCTAssertNotEqual(Data(edited.utf8), good.split(separator: 0x0A).last.map { Data($0) }, what)
            let k = try Journal(directory: dir, snapshot: .ignore)
            let d = try XCTUnwrap(k.damage, what)
            XCTAssertEqual(d.seq, n - 1, what)
            XCTAssertEqual(d.line, n, what)
            XCTAssertEqual(d.offset, lastOffset, what)
            guard case .unreadable(let why) = d.reason else { return XCTFail("\(what): \(d.reason)") }
            XCTAssertTrue(why.contains("canonical"), "\(what): \(why)")
            XCTAssertTrue(d.message(.en).contains("record #\(n - 1) (line \(n), offset \(lastOffset))"), d.message(.en))
        }
        writeBytes(good)
        XCTAssertNil(try Journal(directory: dir).damage, "the line as daicho wrote it")
    }

    /// Every record daicho writes is canonical: re-encoding what was read gives the same bytes.
    func test_everyWrittenLineIsItsOwnCanonicalForm() throws {
        let j = try makeJournal()
        let reg = try register(j)
        try run(j, .startUse(registration: reg, purpose: "資料作成 \"引用\" \\ /", place: nil, until: nil, scanned: .clean))
        for l in lines() { XCTAssertNil(Journal.nonCanonical(l, try Record.decode(line: l)), String(decoding: l, as: UTF8.self)) }
    }
}

final class TimeForwardTests: JournalTestCase {
    /// An append whose clock reads earlier than the previous record (an NTP step back) succeeds, stamped
    /// no earlier than its predecessor, and says by how much the clock was behind.
    func test_clockBehind_stampedAtThePredecessorAndSaysByHowMuch() throws {
        let j = try makeJournal()
        let later = t0.addingTimeInterval(3600)
        let reg = try register(j, now: later)
        let r = try run(j, .startUse(registration: reg, purpose: "作業", place: nil, until: nil, scanned: .clean), now: t0.addingTimeInterval(600))
        XCTAssertEqual(r.at, Date(timeIntervalSince1970: later.timeIntervalSince1970.rounded(.down)))
        XCTAssertEqual(r.clockBehind, 3000)
        let line = String(decoding: lines().last!, as: UTF8.self)
        XCTAssertTrue(line.contains(",\"clock_behind\":3000,\"prev\":"), line)
        // Canonical, read back equal, and the journal verifies.
        let k = try Journal(directory: dir, snapshot: .ignore)
        XCTAssertNil(k.damage)
        XCTAssertEqual(k.ledger.records[r.seq], r)
        // A clock on time writes no clock_behind.
        let s = try run(j, .endUse(registration: reg, note: nil), now: later.addingTimeInterval(60))
        XCTAssertNil(s.clockBehind)
        XCTAssertFalse(String(decoding: lines().last!, as: UTF8.self).contains("clock_behind"))
    }

    /// verify refuses a journal in which time runs backwards, naming the record (a use that ends
    /// before it started included).
    func test_timeRunningBackwards_isDamageNamingTheRecord() throws {
        let j = try makeJournal()
        let reg = try register(j)
        try run(j, .startUse(registration: reg, purpose: "作業", place: nil, until: nil, scanned: .clean), now: t0.addingTimeInterval(3600))
        try run(j, .endUse(registration: reg, note: nil), now: t0.addingTimeInterval(7200))
        // The use's end rewritten to an hour before its start, and re-chained (a forger's journal).
        var rs = try lines().map { try Record.decode(line: $0) }
        let last = rs.count - 1
        rs[last].at = t0
        rs[last].clockBehind = nil
        var prev = Record.genesisHash, all = Data()
        for var r in rs { r.prev = prev; let l = r.encodedLine(); prev = Journal.hash(l); all += l; all.append(0x0A) }
        writeBytes(all)
        let d = try XCTUnwrap(try Journal(directory: dir, snapshot: .ignore).damage)
        XCTAssertEqual(d.seq, last)
        guard case .inconsistent(let why) = d.reason else { return XCTFail("\(d.reason)") }
        XCTAssertTrue(why.contains("time runs backwards"), why)
        // A clock_behind below 1 is refused too.
        rs[last].at = t0.addingTimeInterval(7200); rs[last].clockBehind = 0
        prev = Record.genesisHash; all = Data()
        for var r in rs { r.prev = prev; let l = r.encodedLine(); prev = Journal.hash(l); all += l; all.append(0x0A) }
        writeBytes(all)
        XCTAssertEqual(try Journal(directory: dir, snapshot: .ignore).damage?.seq, last)
    }
}

final class CheckpointHardeningTests: JournalTestCase {
    /// A reader printed and checkpointed a record whose writer was still waiting on fdatasync; the
    /// writer then rolled back. Under the lock the head is checked again: no checkpoint is recorded.
    func test_checkpointOfAHeadRolledBack_notRecorded() throws {
        let j = try makeJournal()
        try register(j)
        let before = bytes()
        let writer = try Journal(directory: dir)
        try register(writer)
        try j.refresh()
        XCTAssertEqual(j.ledger.records.count, writer.ledger.records.count)
        // The writer's fdatasync failed: it cut its line back (under its lock, before ours).
        writeBytes(before)
        XCTAssertThrowsError(try j.checkpoint(purpose: "export", now: t0)) { e in
            XCTAssertEqual(e as? JournalError, .notAcknowledged(path: journalPath))
        }
        XCTAssertEqual(try j.readCheckpoints().checkpoints.count, 0)
        // An acknowledged head is checkpointed.
        let k = try Journal(directory: dir)
        XCTAssertNotNil(try k.checkpoint(purpose: "export", now: t0))
    }

    /// A torn last line of checkpoints.tsv was glued to the next checkpoint, and every later verify
    /// failed. It is cut off under the lock and its bytes kept aside, as the journal's torn tail is.
    func test_tornCheckpointLine_cutOffAndKept() throws {
        let j = try makeJournal()
        try j.checkpoint(purpose: "first", now: t0)
        let fh = try XCTUnwrap(FileHandle(forWritingAtPath: j.checkpointPath))
        fh.seekToEndOfFile(); fh.write(Data("2026-11-25T00:00:00Z\t2\tabc".utf8)); try fh.close()
        try j.checkpoint(purpose: "second", now: t0)
        let file = try j.readCheckpoints()
        XCTAssertEqual(file.checkpoints.map(\.purpose), ["first", "second"])
        XCTAssertEqual(file.unreadableLines, [])
        let side = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("torn-checkpoint-") }
        XCTAssertEqual(side.count, 1)
        XCTAssertEqual(FileManager.default.contents(atPath: dir + "/" + side[0]), Data("2026-11-25T00:00:00Z\t2\tabc".utf8))
        XCTAssertTrue(j.notices.contains { if case .tornCheckpointRemoved = $0 { true } else { false } })
    }

    /// verify --against needs at least 16 hex digits (64 bits): 8 were ground to match in 13 s.
    func test_lookUpNeedsSixteenHexDigits() throws {
        let j = try makeJournal()
        let h = j.headHash
        XCTAssertEqual(j.lookUp(hash: String(h.prefix(15))), .malformed)
        XCTAssertEqual(j.lookUp(hash: String(h.prefix(8))), .malformed)
        XCTAssertEqual(j.lookUp(hash: String(h.prefix(16))), .head(seq: 1, hash: h))
    }
}

final class ForgedSnapshotTests: JournalTestCase {
    /// A forged daicho.snapshot (valid checksum, the journal's own head, a quarantined medium shown
    /// clean) made `use start` succeed. A write is decided on the journal's fold, never on it.
    func test_forgedSnapshot_neverDecidesAWrite() throws {
        let j = try makeJournal()
        let reg = try register(j)
        try run(j, .scan(registration: reg, result: .infected, note: nil))
        XCTAssertEqual(j.ledger.media[reg]?.status, .quarantined)
        // The forger: the state of a clean medium written as the snapshot of this journal's head.
        var clean = j.ledger
        clean.media[reg]!.status = .stored
        let forger = try Journal(directory: dir, snapshot: .ignore)
        forger.restore(ledger: clean, lines: forger.lines, head: forger.headHash, offset: forger.offset)
        XCTAssertTrue(forger.writeSnapshot())
        let k = try Journal(directory: dir)
        XCTAssertEqual(k.snapshotStatus, .used(records: j.ledger.records.count), "the forged snapshot is read (it looks valid)")
        XCTAssertEqual(k.ledger.media[reg]?.status, .stored)
        let before = bytes()
        XCTAssertThrowsError(try run(k, .startUse(registration: reg, purpose: "作業", place: nil, until: nil, scanned: .clean))) { e in
            XCTAssertEqual(e as? DomainError, .quarantined(registration: reg))
        }
        XCTAssertEqual(bytes(), before, "nothing written")
        XCTAssertEqual(k.ledger.media[reg]?.status, .quarantined, "the write folded the journal")
    }
}
