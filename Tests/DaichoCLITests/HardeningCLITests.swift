// Issue 10, hardening and messages through the CLI: each test names what it defends.

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class HardeningCLITests: CLITestCase {
    /// A FIFO in place of checkpoints.tsv hung `export` while it held the lock: refused at once, one line, exit 3.
    func test_fifoCheckpointFile_refusedAtOnce() throws {
        setUpUnit()
        let p = s.data + "/checkpoints.tsv"
        unlink(p)
        XCTAssertEqual(mkfifo(p, 0o600), 0)
        for args in [["export", "--what", "media", "--format", "csv"], ["verify"], ["media", "list"]] {
            let r = s.run(args + ["--lang", "en"], as: "kanri")
            XCTAssertEqual(r.status, 3, "\(args): \(r)")
            XCTAssertEqual(r.stderrLines.count, 1, "\(r)")
            XCTAssertTrue(r.stderr.contains("\(p) is not a regular file (a FIFO"), r.stderr)
        }
    }

    /// A symlinked journal is refused naming the link, not "mode 777".
    func test_symlinkedJournal_refusedNamingTheLink() throws {
        setUpUnit()
        let real = s.root + "/elsewhere.jsonl"
        XCTAssertEqual(rename(s.journalPath, real), 0)
        XCTAssertEqual(symlink(real, s.journalPath), 0)
        let r = s.run(["media", "list", "--lang", "en"], as: "kanri")
        XCTAssertEqual(r.status, 3, "\(r)")
        XCTAssertEqual(r.stderrLines.count, 1)
        XCTAssertTrue(r.stderr.contains("\(s.journalPath) is a symbolic link"), r.stderr)
        XCTAssertFalse(r.stderr.contains("mode"), r.stderr)
    }

    /// A malformed DAICHO_NOW was RecordDecodingError(…) with exit 3: a one-line usage error, exit 64.
    func test_malformedDaichoNow_isAUsageError() throws {
        setUpUnit()
        let before = s.journal()
        for bad in ["yesterday", "2026-13-01T00:00", "99999-01-01T00:00:00Z"] {
            let r = s.run(["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--lang", "en"],
                          as: "kanri", env: ["DAICHO_NOW": bad])
            XCTAssertEqual(r.status, 64, "\(bad): \(r)")
            XCTAssertEqual(r.stderrLines.count, 1, "\(r)")
            XCTAssertTrue(r.stderr.contains("DAICHO_NOW") && !r.stderr.contains("RecordDecodingError"), r.stderr)
        }
        XCTAssertEqual(s.journal(), before)
    }

    /// An echoed argument (an unknown 128 KB registration number) is shortened in the message.
    func test_hugeEchoedArgument_shortened() throws {
        setUpUnit()
        // 128 KB less a little: the kernel's limit on one argument is 128 KiB with its NUL.
        let huge = String(repeating: "X", count: 128 * 1024 - 16)
        let r = refused(["media", "show", huge, "--lang", "en"], as: "kanri")
        XCTAssertEqual(r.stderrLines.count, 1)
        XCTAssertLessThan(r.err.count, 400, "shortened: \(r.err.count) bytes")
        XCTAssertTrue(r.stderr.contains("XXXX…(131056)"), r.stderr)
    }

    /// `media list` on a damaged journal prints what it can and exits 2.
    func test_readOnDamagedJournal_printsThenExits2() throws {
        setUpUnit()
        _ = register(scanned: false)
        _ = register(scanned: false)
        var lines = s.journalLines()
        // The last record's prev hash altered: the record before it still reads.
        var last = String(decoding: lines.removeLast(), as: UTF8.self)
        let at = try XCTUnwrap(last.range(of: "\"prev\":\""))
        let c = last[at.upperBound]
        last.replaceSubrange(at.upperBound...at.upperBound, with: c == "0" ? "1" : "0")
        lines.append(Data(last.utf8))
        var all = Data()
        for l in lines { all += l; all.append(0x0A) }
        XCTAssertTrue(FileManager.default.createFile(atPath: s.journalPath, contents: all))
        let r = s.run(["media", "list", "--json"], as: "kanri")
        XCTAssertEqual(r.status, 2, "\(r)")
        XCTAssertEqual(try r.array().count, 1, "printed what comes before the damage")
        XCTAssertEqual(r.stderrLines.count, 1)
    }

    /// export and verify exit non-zero when the checkpoint could not be recorded (here: the data
    /// directory belongs to another user, so nothing is created there); what was read is printed.
    func test_checkpointNotRecorded_exportAndVerifyExit3() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root (to hand the directory to another user)") }
        setUpUnit()
        _ = register()
        for f in (try FileManager.default.contentsOfDirectory(atPath: s.data)).map({ s.data + "/" + $0 }) + [s.data] {
            XCTAssertEqual(chown(f, 65534, 65534), 0)
        }
        let e = s.run(["export", "--what", "media", "--format", "csv", "--lang", "en"], as: "kanri")
        XCTAssertEqual(e.status, 3, "\(e)")
        XCTAssertTrue(e.stdout.hasPrefix("\u{FEFF}registration,"), e.stdout)
        XCTAssertTrue(e.stderr.contains("the checkpoint was not recorded") && e.stderr.contains("another user's data directory"), e.stderr)
        XCTAssertEqual(e.stderrLines.count, 1)
        let v = s.run(["verify", "--lang", "en"])
        XCTAssertEqual(v.status, 3, "\(v)")
        XCTAssertTrue(v.stdout.contains("OK:"), v.stdout)
    }

    /// A torn tail on a read-only copy (an archive directory that cannot be written here) still opens
    /// for reading, with a notice; nothing is cut or created.
    func test_tornTailOnAReadOnlyCopy_opensForReadingWithANotice() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root") }
        setUpUnit()
        _ = register()
        let fh = try XCTUnwrap(FileHandle(forWritingAtPath: s.journalPath))
        fh.seekToEndOfFile(); fh.write(Data("{\"actor\":\"kan".utf8)); try fh.close()
        let before = s.journal()
        for f in (try FileManager.default.contentsOfDirectory(atPath: s.data)).map({ s.data + "/" + $0 }) + [s.data] {
            XCTAssertEqual(chown(f, 65534, 65534), 0)
        }
        let listing = try FileManager.default.contentsOfDirectory(atPath: s.data).sorted()
        let r = s.run(["media", "list", "--json", "--lang", "en"], as: "kanri")
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertEqual(try r.array().count, 1)
        XCTAssertTrue(r.stderr.contains("notice: the last record is torn"), r.stderr)
        XCTAssertEqual(s.journal(), before, "nothing cut")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: s.data).sorted(), listing, "nothing created")
    }

    /// DAICHO_NOW earlier than the last record (a clock stepped back): stamped at its predecessor's
    /// time with clock_behind; verify passes.
    func test_clockSteppedBack_recordStampedForward() throws {
        setUpUnit()
        let r = register()
        ok(["use", "start", r, "--purpose", "作業"], as: "tanaka", env: ["DAICHO_NOW": "2026-11-25T08:00"])
        let last = String(decoding: s.journalLines().last!, as: UTF8.self)
        XCTAssertTrue(last.contains("\"at\":\"2026-11-25T00:00:00Z\",\"clock_behind\":3600,"), last)
        ok(["verify"])
    }
}
