// The journal through the CLI: verify (the hash chain, DOMAIN.md "History is
// never rewritten"), log, export, two processes writing at once, a torn tail.

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class VerifyTests: CLITestCase {
    func test_verifyIntactThenTamperedByteIsNamed() throws {
        setUpUnit()
        let r = register(scanned: false)
        // The use records its own virus check (001 第3-3), so the records stay as they were numbered.
        ok(["use", "start", r, "--purpose", "資料作成", "--scanned", "clean"], as: "tanaka")
        ok(["use", "end", r], as: "tanaka")
        let v = ok(["verify"], as: "kansa")
        XCTAssertTrue(v.stdout.contains("9"), v.stdout)
        let vj = try ok(["verify", "--json"]).object()
        XCTAssertEqual(vj["ok"] as? Bool, true)
        XCTAssertEqual(vj["records"] as? Int, 9)

        // Flip one byte inside the purpose of the use.started record (seq 7, line 8).
        var bytes = s.journal()
        let needle = Data("資料作成".utf8)
        let at = try XCTUnwrap(bytes.range(of: needle)).lowerBound + 2
        bytes[at] ^= 0x01
        XCTAssertTrue(FileManager.default.createFile(atPath: s.journalPath, contents: bytes))
        let tampered = s.journal()

        let bad = s.run(["verify"])
        XCTAssertNotEqual(bad.status, 0, "\(bad)")
        XCTAssertEqual(bad.stderrLines.count, 1, "\(bad)")
        XCTAssertTrue(bad.stderr.contains("#8") || bad.stderr.contains("#7"), "names the record: \(bad.stderr)")
        XCTAssertTrue(bad.stderr.contains("9行目") || bad.stderr.contains("8行目"), "names the line: \(bad.stderr)")
        let en = s.run(["verify", "--lang", "en"])
        XCTAssertNotEqual(en.status, 0)
        XCTAssertTrue(en.stderr.contains("record #8") && en.stderr.contains("line 9"), en.stderr)
        let j = s.run(["verify", "--json"])
        XCTAssertNotEqual(j.status, 0)
        let o = try j.object()
        XCTAssertEqual(o["ok"] as? Bool, false)
        XCTAssertEqual(o["bad_seq"] as? Int, 8)
        XCTAssertEqual(o["bad_line"] as? Int, 9)

        // What comes before the damage can still be read, with the damage said on stderr and exit 2.
        let list = s.run(["media", "list", "--json"], as: "kansa")
        XCTAssertEqual(list.status, 2, "\(list)")
        XCTAssertEqual(list.stderrLines.count, 1, "\(list)")
        XCTAssertEqual(try list.array().count, 1)

        // Nothing is written to a damaged journal.
        refused(["use", "start", r, "--purpose", "作業"], as: "tanaka")
        refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "1"], as: "kanri")
        XCTAssertEqual(s.journal(), tampered)
    }

    func test_verifyFindsARemovedLine() {
        setUpUnit()
        _ = register()
        _ = register()
        var lines = s.journalLines()
        lines.remove(at: 3)
        XCTAssertTrue(FileManager.default.createFile(atPath: s.journalPath, contents: Data(lines.map { $0 + Data([0x0A]) }.joined())))
        let bad = s.run(["verify", "--lang", "en"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertEqual(bad.stderrLines.count, 1)
        XCTAssertTrue(bad.stderr.contains("record #4"), bad.stderr)
    }

    func test_verifyFindsAGarbageLine() {
        setUpUnit()
        var lines = s.journalLines()
        lines.insert(Data("garbage\u{1B}[31m".utf8), at: 2)
        XCTAssertTrue(FileManager.default.createFile(atPath: s.journalPath, contents: Data(lines.map { $0 + Data([0x0A]) }.joined())))
        let bad = s.run(["verify", "--lang", "en"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertEqual(bad.stderrLines.count, 1, "\(bad)")
        XCTAssertTrue(bad.stderr.contains("line 3"), bad.stderr)
        XCTAssertFalse(bad.err.contains(0x1B))
    }
}

final class PrivilegeTests: CLITestCase {
    private func needNobody() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv to run a command as another user")
        }
    }

    func test_asIsHonouredOnlyForRoot_everyWriteNamesTheRealPerson_002_第128条() throws {
        try needNobody()
        setUpUnit()
        let before = s.journal()
        let r = s.runAsNobody(["media", "register", "--kind", "usb", "--category", "business", "--class", "1", "--as", "kanri"])
        checkRefusal(r, before: before, what: "--as by a non-root user", contains: "root")
    }

    func test_dataDirectoryIsClosedToOtherUsers_0700_0600_002_第131条() throws {
        try needNobody()
        setUpUnit()
        var st = stat()
        XCTAssertEqual(stat(s.data, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o700)
        XCTAssertEqual(stat(s.journalPath, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(stat(s.data + "/daicho.lock", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        let before = s.journal()
        // Another user can neither read the ledger nor write to it.
        checkRefusal(s.runAsNobody(["media", "list"]), before: before, what: "read by another user")
        checkRefusal(s.runAsNobody(["verify"]), before: before, what: "verify by another user")
    }
}

final class LogExportTests: CLITestCase {
    func test_logJSON_everyRecordInOrder_withChainFields() throws {
        setUpUnit()
        let r = register()
        ok(["use", "start", r, "--purpose", "作業"], as: "tanaka")
        let log = try ok(["log", "--json"], as: "kansa").array()
        let lines = s.journalLines()
        XCTAssertEqual(log.count, lines.count)
        XCTAssertEqual(log.map { $0["seq"] as? Int }, Array(0..<lines.count))
        for (entry, line) in zip(log, lines) {
            let raw = try XCTUnwrap(try JSONSerialization.jsonObject(with: line) as? [String: Any])
            XCTAssertEqual(entry["prev"] as? String, raw["prev"] as? String)
            XCTAssertEqual(entry["type"] as? String, raw["type"] as? String)
            XCTAssertEqual(entry["at"] as? String, raw["at"] as? String)
            XCTAssertEqual(entry["actor"] as? String, raw["actor"] as? String)
            XCTAssertNotNil(entry["summary"] as? String)
            XCTAssertNotNil(entry["data"] as? [String: Any])
        }
        XCTAssertEqual(log.first?["type"] as? String, "ledger.header")
        XCTAssertEqual(log.first?["prev"] as? String, String(repeating: "0", count: 64))
        XCTAssertEqual(log.last?["type"] as? String, "use.started")
        XCTAssertEqual(log.last?["actor"] as? String, "tanaka")
        XCTAssertEqual(log.last?["via"] as? String, "root")
        XCTAssertEqual((log.last?["data"] as? [String: Any])?["registration"] as? String, r)
        let text = ok(["log"], as: "kansa").stdout
        XCTAssertTrue(text.contains("使用開始"), text)
    }

    func test_exportMediaCSV_matchesJSON_andQuotesPerRFC4180() throws {
        setUpUnit()
        _ = register(["--model", "A,\"B\" 型", "--restrict", "複製禁止,読後廃棄", "--location", "ロッカー1"])
        _ = register(kind: "sd")
        let json = try ok(["export", "--what", "media", "--format", "json"], as: "kansa").array()
        XCTAssertEqual(json.map { $0["registration"] as? String }, ["USB-2026-0001", "SD-2026-0001"])
        XCTAssertEqual(json[0]["model"] as? String, "A,\"B\" 型")

        let csv = ok(["export", "--what", "media", "--format", "csv", "--lang", "en"], as: "kansa").stdout
        let rows = parseCSV(csv)
        XCTAssertEqual(rows.count, 3, csv)
        let header = rows[0]
        XCTAssertTrue(header.contains("registration") && header.contains("status") && header.contains("class"), "\(header)")
        func col(_ row: [String], _ name: String) -> String? { header.firstIndex(of: name).map { row[$0] } }
        XCTAssertTrue(rows.allSatisfy { $0.count == header.count }, "\(rows)")
        XCTAssertEqual(col(rows[1], "registration"), "USB-2026-0001")
        XCTAssertEqual(col(rows[1], "model"), "A,\"B\" 型")
        XCTAssertEqual(col(rows[1], "status"), "stored")
        XCTAssertEqual(col(rows[1], "class"), "2")
        XCTAssertEqual(col(rows[1], "restrictions"), "複製禁止;読後廃棄")
        XCTAssertEqual(col(rows[1], "encrypted"), "false")
        XCTAssertEqual(col(rows[2], "registration"), "SD-2026-0001")
        XCTAssertEqual(col(rows[2], "model"), "")
        XCTAssertTrue(csv.contains("\"A,\"\"B\"\" 型\""), csv)
    }

    func test_exportCSV_keepsFormulaLikeValuesAsText() throws {
        // A unit opens these exports in a spreadsheet: a value starting with = + - @ must not run as a formula.
        setUpUnit()
        _ = register(["--model", "=HYPERLINK(\"http://x\")", "--location", "@A1"])
        let csv = ok(["export", "--what", "media", "--format", "csv", "--lang", "en"], as: "kansa").stdout
        let rows = parseCSV(csv)
        func col(_ name: String) -> String? { rows[0].firstIndex(of: name).map { rows[1][$0] } }
        XCTAssertEqual(col("model"), "'=HYPERLINK(\"http://x\")")
        XCTAssertEqual(col("location"), "'@A1")
        let json = try ok(["export", "--what", "media", "--format", "json"], as: "kansa").array()
        XCTAssertEqual(json[0]["location"] as? String, "@A1", "JSON keeps the value as recorded")
    }

    func test_exportUsesAndTakeoutsCSV() throws {
        setUpUnit()
        let r = register()
        ok(["use", "start", r, "--purpose", "作業, 確認", "--where", "端末A"], as: "tanaka")
        ok(["use", "end", r], as: "tanaka")
        let id = request(r)
        ok(["approve", id, "--confirm", Self.checks], as: "kanri")
        let uses = parseCSV(ok(["export", "--what", "uses", "--format", "csv", "--lang", "en"], as: "kanri").stdout)
        XCTAssertEqual(uses.count, 2)
        XCTAssertEqual(uses[1][uses[0].firstIndex(of: "purpose")!], "作業, 確認")
        XCTAssertEqual(uses[1][uses[0].firstIndex(of: "user")!], "tanaka")
        let t = parseCSV(ok(["export", "--what", "takeouts", "--format", "csv", "--lang", "en"], as: "kanri").stdout)
        XCTAssertEqual(t.count, 2)
        XCTAssertEqual(t[1][t[0].firstIndex(of: "id")!], "REQ-0001")
        XCTAssertEqual(t[1][t[0].firstIndex(of: "state")!], "approved")
        XCTAssertEqual(t[1][t[0].firstIndex(of: "decided_by")!], "kanri")
        let empty = ok(["export", "--what", "takeouts", "--format", "json"], as: "kansa")
        XCTAssertNoThrow(try empty.array())
    }

    /// RFC 4180: fields separated by commas, records by CRLF (a final newline tolerated), quotes doubled;
    /// the byte-order mark Excel needs (ExportCommand.swift) is not part of the first heading.
    private func parseCSV(_ text: String) -> [[String]] {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? { if let p = pending { pending = nil; return p }; return it.next() }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let d = next() { if d == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = d } } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\r" || c == "\n" {
                if c == "\r", let d = next(), d != "\n" { pending = d }
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

final class ConcurrencyCLITests: CLITestCase {
    func test_twoProcessesRegisteringAtOnce_giveDistinctNumbersAndAValidChain() throws {
        setUpUnit()
        let sandbox = s!
        let got = Collected<String>(), failures = Collected<String>()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for _ in 0..<10 {
                let r = sandbox.run(["media", "register", "--kind", "usb", "--category", "business", "--class", "1"], as: "kanri")
                if r.status == 0 && r.stderr.isEmpty { got.add(r.stdout.trimmingCharacters(in: .newlines)) } else { failures.add(r.description) }
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(got.all.count, 20)
        XCTAssertEqual(Set(got.all), Set((1...20).map { String(format: "USB-2026-%04d", $0) }))
        ok(["verify"])
        XCTAssertEqual(try ok(["media", "list", "--json"], as: "kanri").array().count, 20)
        XCTAssertEqual(s.journalLines().count, 6 + 20)
    }

    func test_processesRacingForOneMedium_exactlyOneWins() throws {
        setUpUnit()
        let r = register()
        let sandbox = s!
        let before = s.journalLines().count
        let running = (0..<6).map { i in
            sandbox.start((["use", "start", r, "--purpose", "作業\(i)", "--data", sandbox.data, "--as", i % 2 == 0 ? "tanaka" : "sato"])
                .map { Array($0.utf8) })
        }
        let results = running.map { $0.wait() }
        XCTAssertEqual(results.filter { $0.status == 0 }.count, 1, "\(results)")
        for x in results where x.status != 0 { XCTAssertEqual(x.stderrLines.count, 1, "\(x)") }
        XCTAssertEqual(s.journalLines().count, before + 1)
        ok(["verify"])
    }
}

final class TornTailCLITests: CLITestCase {
    func test_tornTailIsCutWithANotice_andTheNextCommandWorks() throws {
        setUpUnit()
        _ = register()
        let good = s.journal()
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: s.journalPath))
        h.seekToEndOfFile()
        h.write(Data("{\"actor\":\"kanri\",\"at\":\"2026-11-25T00:00:00Z\",\"prev\":\"ab".utf8))
        try h.close()

        let r = s.run(["media", "register", "--kind", "usb", "--category", "business", "--class", "1"], as: "kanri")
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertEqual(r.stdout, "USB-2026-0002\n")
        XCTAssertEqual(r.stderrLines.count, 1, "one notice: \(r)")
        XCTAssertTrue(r.stderr.contains("torn-tail-"), r.stderr)
        XCTAssertTrue(s.journal().starts(with: good))
        let side = try FileManager.default.contentsOfDirectory(atPath: s.data).filter { $0.hasPrefix("torn-tail-") }
        XCTAssertEqual(side.count, 1)
        ok(["verify"])
        ok(["media", "list"], as: "kanri")
    }

    func test_tornTailSeenByAReadCommandIsCutToo() {
        setUpUnit()
        let h = FileHandle(forWritingAtPath: s.journalPath)!
        h.seekToEndOfFile()
        h.write(Data([0xE5, 0x8F]))
        try? h.close()
        let r = s.run(["media", "list", "--json", "--lang", "en"], as: "kanri")
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertEqual(r.stderrLines.count, 1)
        XCTAssertTrue(r.stderr.contains("torn"), r.stderr)
        ok(["verify"])
    }
}

/// A thread-safe bag.
final class Collected<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ x: T) { lock.lock(); items.append(x); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}
