// `daicho verify` and the snapshot (Snapshot.swift): verification folds every
// record and compares the snapshot with its own fold; one that differs (forged
// or wrong) is reported and removed, the journal itself being intact.

@testable import DaichoCore
@testable import DaichoJournal
import Foundation
import XCTest

final class SnapshotCLITests: CLITestCase {
    func test_verifySaysTheSnapshotAgrees_andCommandsReadFromIt() throws {
        setUpUnit()
        let reg = register(["--location", "保管庫A"])
        XCTAssertTrue(try Journal(directory: s.data, snapshotEvery: 1).writeSnapshot())
        ok(["use", "start", reg, "--purpose", "資料作成"], as: "tanaka")
        let v = ok(["verify"], as: "kansa")
        XCTAssertTrue(v.stdout.contains("スナップショット: 8件目までの状態が台帳と一致"), v.stdout)
        let vj = try ok(["verify", "--json"], as: "kansa").object()
        XCTAssertEqual((vj["snapshot"] as? [String: Any])?["matches"] as? Bool, true)
        XCTAssertEqual(vj["ok"] as? Bool, true)
        // Opening from the snapshot plus the one record after it: the medium is in use.
        let m = try ok(["media", "show", reg, "--json"], as: "kansa").object()
        XCTAssertEqual(m["status"] as? String, "in_use")
    }

    func test_verifyReportsAForgedSnapshot_removesIt_andLeavesTheJournalAlone() throws {
        setUpUnit()
        let reg = register(["--location", "保管庫A"])
        let j = try Journal(directory: s.data, snapshot: .ignore)
        var forged = j.ledger
        forged.media[reg]!.data.location = "偽の保管場所"
        j.restore(ledger: forged, lines: j.lines, head: j.headHash, offset: j.offset)
        XCTAssertTrue(j.writeSnapshot())
        let m = try ok(["media", "show", reg, "--json"], as: "kansa").object()
        XCTAssertEqual(m["location"] as? String, "偽の保管場所", "the screens trust a snapshot whose head matches …")
        let before = s.journal()
        let bad = s.run(["verify"], as: "kansa")
        XCTAssertEqual(bad.status, 2, "… and verification catches it:\n\(bad)")
        XCTAssertTrue(bad.stderr.contains("daicho.snapshot") && bad.stderr.contains("一致しません"), bad.stderr)
        XCTAssertEqual(bad.err.filter { $0 == 0x0A }.count, 1, "one line")
        XCTAssertEqual(s.journal(), before, "the journal is not touched")
        XCTAssertFalse(FileManager.default.fileExists(atPath: s.data + "/" + Journal.snapshotName), "the forged snapshot is removed")
        let again = try ok(["media", "show", reg, "--json"], as: "kansa").object()
        XCTAssertEqual(again["location"] as? String, "保管庫A")
        ok(["verify"], as: "kansa")
    }
}
