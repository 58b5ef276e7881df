// Exceptions through the CLI contract (issue 11; 002 第26–27条, 001 付紙第4 1(4)):
// `exception request` prints only the id, the approvals queue lists it with kind
// `exception`, the requester cannot decide it, the exit it allows names it, the
// exception ledger lists its decision, use and end, prints with the head hash,
// and after its period nothing goes through. Every refusal leaves the journal
// byte-for-byte unchanged (`refused` checks it).

import CellKit
import Foundation
import Glibc
import XCTest

final class ExceptionCLITests: CLITestCase {
    func test_exceptionLedgerThroughTheCLI_002_26_27() throws {
        // Display widths (the printed form's lines) as the terminal counts them.
        guard setlocale(LC_ALL, "C.UTF-8") != nil, TextLocale.isUTF8 else { throw XCTSkip("no C.UTF-8 locale") }
        setUpUnit()
        let a = register(["--restrict", "持出禁止"])
        refused(["takeout", "request", a, "--destination", "補給処", "--purpose", "演習", "--until", "2026-11-27"], as: "tanaka",
                contains: "持出禁止")
        // Bad input: a rule that cannot be suspended, no subject, an end in the past, a bad date.
        refused(["exception", "request", "--rule", "foo", "--medium", a, "--reason", "演習", "--until", "2026-11-30"], as: "tanaka",
                contains: "持出禁止、配布禁止、暗号化")
        refused(["exception", "request", "--rule", "持出禁止", "--reason", "演習", "--until", "2026-11-30"], as: "tanaka", contains: "--medium")
        refused(["exception", "request", "--rule", "持出禁止", "--medium", a, "--reason", "演習", "--until", "2026-11-01"], as: "tanaka")
        refused(["exception", "request", "--rule", "持出禁止", "--medium", a, "--reason", "演習", "--until", "明日"], as: "tanaka")
        refused(["exception", "request", "--rule", "持出禁止", "--medium", a, "--reason", "演習", "--until", "2026-11-30"], as: "kansa")

        let r = ok(["exception", "request", "--rule", "持出禁止", "--medium", a, "--reason", "演習に必要", "--until", "2026-11-30"], as: "tanaka")
        XCTAssertEqual(r.stdout, "EX-0001\n", "prints only the id")
        let queue = try ok(["approvals", "list", "--json"], as: "kanri").array()
        let entry = try XCTUnwrap(queue.first { $0["id"] as? String == "EX-0001" })
        XCTAssertEqual(entry["kind"] as? String, "exception")
        XCTAssertEqual(entry["subject"] as? String, a)
        XCTAssertEqual(entry["requester"] as? String, "tanaka")
        XCTAssertNotNil(entry["requested_at"] as? String)
        XCTAssertTrue(try ok(["approvals", "list", "--json"], as: "suzuki").array().isEmpty, "default deciders: the officer")
        refused(["approve", "EX-0001"], as: "tanaka")
        refused(["approve", "EX-0001"], as: "suzuki")
        ok(["approve", "EX-0001", "--comment", "演習期間に限る"], as: "kanri")
        refused(["approve", "EX-0001"], as: "fuku", contains: "承認待ちではありません")

        // The take-out goes through, and its departure names the exception.
        let q = request(a)
        ok(["approve", q, "--confirm", Self.checks], as: "kanri")
        ok(["takeout", "depart", a], as: "tanaka")
        let last = try XCTUnwrap(String(data: s.journalLines().last ?? Data(), encoding: .utf8))
        XCTAssertTrue(last.contains("\"type\":\"takeout.departed\"") && last.contains("\"exceptions\":[\"EX-0001\"]"), last)
        let e = try ok(["exception", "show", "EX-0001", "--json"], as: "kansa").object()
        XCTAssertEqual(e["state"] as? String, "approved")
        XCTAssertEqual(e["valid"] as? Bool, true)
        XCTAssertEqual(e["decided_by"] as? String, "kanri")
        XCTAssertEqual((e["uses"] as? [Int])?.count, 1)
        XCTAssertEqual(try ok(["exception", "list", "--json"], as: "kansa").array().count, 1)
        ok(["takeout", "return", a], as: "tanaka")
        ok(["media", "scan", a, "--result", "clean"], as: "tanaka")

        // The exception ledger on paper, with the head hash.
        let paper = ok(["print", "exceptions"], as: "kansa").stdout
        let head = ok(["verify"], as: "kansa").stdout.split(separator: "\n").last.map { String($0.split(separator: " ").last!) } ?? ""
        XCTAssertTrue(paper.contains("例 外 措 置 台 帳") && paper.contains("EX-0001") && paper.contains("先頭ハッシュ \(head)"), paper)
        for l in paper.split(separator: "\n") { XCTAssertEqual(String(l).displayWidth, 80, String(l)) }

        // Exported as JSON and as CSV that Excel opens (BOM, Japanese headings).
        let exported = try ok(["export", "--what", "exceptions", "--format", "json"], as: "kansa").array()
        XCTAssertEqual(exported.first?["id"] as? String, "EX-0001")
        XCTAssertEqual(exported.first?["use_list"] as? [String], [(e["uses"] as? [Int]).map { "#\($0[0])" } ?? ""])
        let csv = ok(["export", "--what", "exceptions", "--format", "csv"], as: "kansa").stdout
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}番号,規則,登録番号,案件,理由"), csv)
        XCTAssertTrue(csv.contains("EX-0001,持出禁止,\(a),,演習に必要"), csv)

        // After its period it lets nothing through.
        s.now = "2026-12-01T09:00"
        refused(["takeout", "request", a, "--destination", "補給処", "--purpose", "演習", "--until", "2026-12-03"], as: "tanaka",
                contains: "持出禁止")
        XCTAssertEqual(try ok(["exception", "show", "EX-0001", "--json"], as: "kansa").object()["valid"] as? Bool, false)
        // The ledger replays clean, from a snapshot too.
        ok(["exception", "list"], as: "kansa", env: ["DAICHO_SNAPSHOT_EVERY": "1"])
        let v = try ok(["verify", "--json"], as: "kansa").object()
        XCTAssertEqual(v["ok"] as? Bool, true, "\(v)")
    }
}

/// `correct SEQ --reason R --set FIELD=VALUE …` (issue 11, a contract): prints only the request id,
/// decided with approve/reject by someone else; the ledger then reads the record as corrected.
final class CorrectionCLITests: CLITestCase {
    func test_correctionRequestThroughTheCLI() throws {
        setUpUnit()
        let a = register(), b = register()
        ok(["media", "scan", a, "--result", "infected", "--note", "定期検査"], as: "tanaka")
        let seq = s.journalLines().count - 1
        XCTAssertEqual(try status(a), "quarantined")
        refused(["correct", String(seq), "--reason", "取り違え"], as: "tanaka", contains: "--set")
        refused(["correct", String(seq), "--reason", "取り違え", "--set", "registration"], as: "tanaka", contains: "FIELD=VALUE")
        refused(["correct", String(seq), "--reason", "取り違え", "--set", "at=2020-01-01"], as: "tanaka", contains: "result")
        refused(["correct", "0", "--reason", "x", "--set", "unit=x"], as: "tanaka", contains: "medium.scanned")
        let r = ok(["correct", String(seq), "--reason", "媒体の取り違え", "--set", "registration=\(b)"], as: "tanaka")
        XCTAssertEqual(r.stdout, "COR-0001\n", "prints only the request id")
        let queue = try ok(["approvals", "list", "--json"], as: "suzuki").array()
        let entry = try XCTUnwrap(queue.first { $0["id"] as? String == "COR-0001" })
        XCTAssertEqual(entry["kind"] as? String, "correction")
        XCTAssertEqual(entry["requester"] as? String, "tanaka")
        XCTAssertEqual(entry["subject"] as? String, "#\(seq)")
        refused(["approve", "COR-0001"], as: "tanaka")
        ok(["approve", "COR-0001", "--comment", "確認した"], as: "suzuki")
        XCTAssertEqual(try status(a), "stored")
        XCTAssertEqual(try status(b), "quarantined")
        // The journal is as it was, the replay agrees (from a snapshot too).
        let line = try XCTUnwrap(String(data: s.journalLines()[seq], encoding: .utf8))
        XCTAssertTrue(line.contains("\"registration\":\"\(a)\""), line)
        ok(["media", "list"], as: "kansa", env: ["DAICHO_SNAPSHOT_EVERY": "1"])
        XCTAssertEqual(try ok(["verify", "--json"], as: "kansa").object()["ok"] as? Bool, true)
        XCTAssertEqual(try status(a), "stored")
    }
}

/// A take-out in two steps through the CLI: `approvals list --json` says which step it waits for.
final class StepsCLITests: CLITestCase {
    func test_stepInTheQueue_002_47() throws {
        setUpUnit()
        refused(["config", "set", "steps.takeout.3", "supervisor"], as: "kanri", contains: "officer")
        ok(["config", "set", "steps.takeout.3", "officer;supervisor"], as: "kanri")
        let a = register(["--encrypted"], cls: "3")
        let q = request(a)
        var entry = try XCTUnwrap(try ok(["approvals", "list", "--json"], as: "kanri").array().first { $0["id"] as? String == q })
        XCTAssertEqual(entry["step"] as? Int, 1)
        XCTAssertEqual(entry["steps"] as? Int, 2)
        XCTAssertTrue(try ok(["approvals", "list", "--json"], as: "suzuki").array().isEmpty)
        XCTAssertTrue(ok(["approve", q, "--confirm", Self.checks], as: "kanri").stdout.contains("第1段を許可しました"))
        // kanri is not a supervisor; fuku, an officer, could not take both steps either (002 第19条).
        refused(["approve", q, "--confirm", Self.checks], as: "kanri", contains: "承認者")
        refused(["takeout", "depart", a], as: "tanaka")
        entry = try XCTUnwrap(try ok(["approvals", "list", "--json"], as: "suzuki").array().first { $0["id"] as? String == q })
        XCTAssertEqual(entry["step"] as? Int, 2)
        XCTAssertEqual((entry["decided_steps"] as? [[String: Any]])?.first?["by"] as? String, "kanri")
        ok(["approve", q, "--confirm", Self.checks], as: "suzuki")
        ok(["takeout", "depart", a], as: "tanaka")
        XCTAssertEqual(try ok(["verify", "--json"], as: "kansa").object()["ok"] as? Bool, true)
    }

    /// Every kind decided in the queue may have steps (002 第19条): a disposal and an exception here, each
    /// showing its step in `approvals list`, `approve` saying who takes the next.
    func test_disposalAndExceptionSteps_inTheQueue_002_19() throws {
        setUpUnit()
        refused(["config", "set", "steps.handover.3", "officer;supervisor"], as: "kanri", contains: "takeout・disposal・exception")
        ok(["config", "set", "steps.disposal", "officer;supervisor"], as: "kanri")
        ok(["config", "set", "steps.exception", "supervisor;officer"], as: "kanri")
        let a = register(["--restrict", "持出禁止"])
        let b = register()
        let dr = line(ok(["dispose", "request", b, "--kind", "destroy", "--method", "物理破壊", "--reason", "故障"], as: "tanaka"))
        let ex = line(ok(["exception", "request", "--rule", "持出禁止", "--medium", a, "--reason", "演習", "--until", "2026-12-31"], as: "tanaka"))
        let officer = try ok(["approvals", "list", "--json"], as: "kanri").array()
        XCTAssertEqual(officer.map { $0["id"] as? String }, [dr], "the exception's first step is a supervisor's")
        XCTAssertEqual(officer.first?["step"] as? Int, 1)
        XCTAssertEqual(officer.first?["step_roles"] as? [String], ["officer"])
        XCTAssertTrue(ok(["approve", dr], as: "kanri").stdout.contains("第1段を許可しました: \(dr)"))
        refused(["dispose", "done", dr, "--operator", "tanaka", "--witness", "sato"], as: "tanaka")
        XCTAssertTrue(ok(["approve", ex], as: "suzuki").stdout.contains("第1段を許可しました: \(ex)"))
        let supervisor = try ok(["approvals", "list", "--json"], as: "suzuki").array()
        let entry = try XCTUnwrap(supervisor.first { $0["id"] as? String == dr })
        XCTAssertEqual(entry["kind"] as? String, "disposal")
        XCTAssertEqual(entry["step"] as? Int, 2)
        XCTAssertEqual((entry["decided_steps"] as? [[String: Any]])?.first?["by"] as? String, "kanri")
        XCTAssertFalse(supervisor.contains { $0["id"] as? String == ex }, "suzuki took the exception's first step")
        XCTAssertTrue(ok(["approvals", "list"], as: "kanri").stdout.contains("例外措置（第2/2段）"))
        XCTAssertEqual(line(ok(["approve", dr], as: "suzuki")), "許可しました: \(dr)")
        ok(["approve", ex], as: "kanri")
        XCTAssertEqual(try ok(["exception", "show", ex, "--json"], as: "kansa").object()["state"] as? String, "approved")
        ok(["dispose", "done", dr, "--operator", "tanaka", "--witness", "sato"], as: "tanaka")
        XCTAssertEqual(try ok(["verify", "--json"], as: "kansa").object()["ok"] as? Bool, true)
    }
}

/// The 例外措置台帳 as an A4 PDF (issue 14): its title, the exception, the head hash in text and as QR.
extension PDFCLITests {
    func test_exceptionLedgerAsPDF_002_26() throws {
        setUpUnit()
        let a = register(["--restrict", "持出禁止"])
        ok(["exception", "request", "--rule", "持出禁止", "--medium", a, "--reason", "演習に必要", "--until", "2026-11-30"], as: "tanaka")
        ok(["approve", "EX-0001"], as: "kanri")
        let pdf = s.root + "/exceptions.pdf"
        ok(["print", "exceptions", "--pdf", pdf], as: "kansa")
        XCTAssertEqual(try info(pdf).pages, 1)
        let t = squeeze(try text(pdf))
        assertInOrder(t, ["例外措置台帳", "EX-0001", "持出禁止", a, "演習に必要"])
        XCTAssertTrue(t.contains(head()), "the head hash in text")
        XCTAssertTrue(try barcodes(pdf).joined().contains { $0.contains(head()) }, "and as QR")
        XCTAssertTrue(try checkpoints().contains("print exceptions pdf"))
    }
}
