// Tampering: a journal forged by hand with every hash recomputed still has to
// obey the domain's rules (each record replayed against the state before it),
// a journal cut short or rewritten is caught by the checkpoints of printed
// reports, and a head hash from paper is checked with `verify --against`.

@testable import DaichoCore
@testable import DaichoJournal
import Foundation
import XCTest

final class ReplayTests: FixtureCase {
    /// Records of the fixture, decoded, to forge from.
    private var base: [Record]?
    /// The fixture's records as first read (each forgery starts again from them).
    private func records() throws -> [Record] {
        if let base { return base }
        base = try lines(place.journal()).map { try Record.decode(line: $0) }
        return base!
    }

    /// Appends forged records (re-chained like a forger would) and returns the damage of the re-opened journal.
    private func forge(_ extra: [Record], dropLast: Int = 0, file: StaticString = #filePath, line: UInt = #line) throws -> JournalDamage? {
        var rs = try records()
        rs.removeLast(dropLast)
        var seq = rs.count
        for var r in extra { r.seq = seq; seq += 1; rs.append(r) }
        place.write(chained(rs))
        return try Journal(directory: place.data).damage
    }

    private func rec(_ actor: String, _ c: Change, at: Date = epoch + 3600) -> Record {
        Record(seq: 0, at: at, actor: actor, prev: "", change: c)
    }

    private func expectRule(_ extra: [Record], dropLast: Int = 0, _ words: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let base = try records().count - dropLast
        let d = try XCTUnwrap(try forge(extra, dropLast: dropLast), "a forged journal breaking '\(words)' was accepted", file: file, line: line)
        guard case .inconsistent(let why) = d.reason else { return XCTFail("\(d.reason)", file: file, line: line) }
        XCTAssertTrue(why.contains(words), "\(why)", file: file, line: line)
        XCTAssertEqual(d.seq, base + extra.count - 1, "names the forged record", file: file, line: line)
        XCTAssertTrue(d.message(.en).contains("record #\(base + extra.count - 1)"), file: file, line: line)
    }

    func test_takeoutApprovedByItsRequester_002_第19条() throws {
        _ = try fixture()
        let req = TakeoutRequestData(request: "REQ-0099", registration: "USB-2026-0001", destination: "本部", purpose: "会議",
                                     from: epoch + 3600, until: epoch + 86400, transport: nil)
        try expectRule([rec("kanri", .takeoutRequested(req)),
                        rec("kanri", .requestApproved(DecisionData(request: "REQ-0099", confirmed: TakeoutCheck.allCases, comment: nil)))],
                       "own request")
    }

    func test_takeoutApprovedWithoutTheFourChecks_001_第3_2() throws {
        _ = try fixture()
        let req = TakeoutRequestData(request: "REQ-0099", registration: "USB-2026-0001", destination: "本部", purpose: "会議",
                                     from: epoch + 3600, until: epoch + 86400, transport: nil)
        try expectRule([rec("tanaka", .takeoutRequested(req)),
                        rec("kanri", .requestApproved(DecisionData(request: "REQ-0099", confirmed: [.dataMinimal], comment: nil)))],
                       "without confirming")
    }

    func test_takeoutApprovedByAClerkOrAnAuditor() throws {
        _ = try fixture()
        let req = TakeoutRequestData(request: "REQ-0099", registration: "USB-2026-0001", destination: "本部", purpose: "会議",
                                     from: epoch + 3600, until: epoch + 86400, transport: nil)
        for who in ["sato", "kansa", "suzuki"] {
            try expectRule([rec("tanaka", .takeoutRequested(req)),
                            rec(who, .requestApproved(DecisionData(request: "REQ-0099", confirmed: TakeoutCheck.allCases, comment: nil)))],
                           "needs officer")
        }
    }

    func test_useOfAQuarantinedMedium_001_第3_3() throws {
        _ = try fixture()
        try expectRule([rec("tanaka", .virusChecked(ScanData(registration: "USB-2026-0001", result: .infected, note: nil))),
                        rec("tanaka", .useStarted(UseStartData(registration: "USB-2026-0001", purpose: "作業", place: nil, until: nil)))],
                       "quarantined")
    }

    func test_takeoutOfANoTakeoutMedium_002_別表1_andUnencryptedC3_002_第49条() throws {
        _ = try fixture()
        var m = MediumData(registration: "USB-2026-0050", kind: .usb, category: .business, classification: .c2, restrictions: [.noTakeout])
        let req = TakeoutRequestData(request: "REQ-0099", registration: "USB-2026-0050", destination: "本部", purpose: "会議",
                                     from: epoch + 3600, until: epoch + 86400, transport: nil)
        try expectRule([rec("kanri", .mediumRegistered(m)), rec("tanaka", .takeoutRequested(req))], "持出禁止")
        m.restrictions = []; m.classification = .c3
        try expectRule([rec("kanri", .mediumRegistered(m)), rec("tanaka", .takeoutRequested(req))], "must be encrypted")
    }

    func test_writesByTheWrongRoleOrByNobodyEnrolled_DOMAIN_roles() throws {
        _ = try fixture()
        let m = MediumData(registration: "USB-2026-0050", kind: .usb, category: .business, classification: .c2)
        try expectRule([rec("tanaka", .mediumRegistered(m))], "needs officer")
        try expectRule([rec("kansa", .virusChecked(ScanData(registration: "USB-2026-0001", result: .clean, note: nil)))], "needs clerk or officer")
        try expectRule([rec("intruder", .mediumRegistered(m))], "not enrolled")
        try expectRule([rec("sato", .personEnrolled(PersonData(login: "x", name: "X", roles: [.officer])))], "needs officer")
        try expectRule([rec("kansa", .recordCorrected(CorrectionData(target: 3, reason: "r", note: "n")))], "needs officer or supervisor")
        try expectRule([rec("kanri", .rolesChanged(RolesData(login: "fuku", roles: [.clerk]))),
                        rec("kanri", .rolesChanged(RolesData(login: "kanri", roles: [.clerk])))], "last officer")
    }

    func test_disclosableNotWriteProtected_001_付紙第4_1_1_イ_andADuplicateSerial() throws {
        _ = try fixture()
        try expectRule([rec("kanri", .mediumRegistered(MediumData(registration: "CD-2026-0001", kind: .cdR, category: .disclosable, classification: .c1)))],
                       "not write-protected")
        try expectRule([rec("kanri", .mediumRegistered(MediumData(registration: "USB-2026-0050", kind: .usb, category: .business,
                                                                   classification: .c2, serial: "sn-1")))], "serial")
    }

    func test_withdrawnByAnotherClerk() throws {
        _ = try fixture()
        let req = TakeoutRequestData(request: "REQ-0099", registration: "USB-2026-0001", destination: "本部", purpose: "会議",
                                     from: epoch + 3600, until: epoch + 86400, transport: nil)
        try expectRule([rec("tanaka", .takeoutRequested(req)), rec("sato", .requestWithdrawn(WithdrawalData(request: "REQ-0099", reason: nil)))],
                       "withdrew")
    }

    func test_handoverAndTransferRecordsByTheWrongRole_配布禁止OnAHandover_002_別表1() throws {
        _ = try fixture()
        let draft = HandoverDraftData(handover: "HO-0099", to: "防衛装備庁", contract: nil, returnRequired: false,
                                      items: [HandoverItem(name: "資料A", quantity: "1部")], note: nil)
        try expectRule([rec("kansa", .handoverDrafted(draft))], "needs clerk or officer")
        try expectRule([rec("tanaka", .handoverDrafted(draft)), rec("tanaka", .handoverAcknowledged(HandoverNoteData(handover: "HO-0099", note: "x")))],
                       "needs officer or supervisor")
        try expectRule([rec("tanaka", .transferDrafted(TransferDraftData(transfer: "TO-0099", to: "第2通信隊", media: ["USB-2026-0001"], note: nil)))],
                       "needs officer")
        let m = MediumData(registration: "USB-2026-0050", kind: .usb, category: .business, classification: .c2, restrictions: [.noDistribution])
        var withMedium = draft
        withMedium.items.append(HandoverItem(name: "USBメモリ USB-2026-0050", quantity: "1媒体", registration: "USB-2026-0050"))
        try expectRule([rec("kanri", .mediumRegistered(m)), rec("tanaka", .handoverDrafted(withMedium))], "配布禁止")
    }

    /// A forged edit of a draft (issue 13): by a clerk who did not draft it (002 第19条), of a draft already dispatched,
    /// or putting a 配布禁止 medium on the list (002 別表1).
    func test_forgedDraftEdits_002_第19条_002_別表1() throws {
        _ = try fixture()
        let draft = HandoverDraftData(handover: "HO-0099", to: "防衛装備庁", contract: nil, returnRequired: false,
                                      items: [HandoverItem(name: "資料A", quantity: "1部")], note: nil)
        var edit = draft
        edit.to = "別の宛先"
        try expectRule([rec("tanaka", .handoverDrafted(draft)), rec("sato", .handoverEdited(edit))], "sato edited HO-0099, drafted by tanaka")
        XCTAssertNil(try forge([rec("tanaka", .handoverDrafted(draft)), rec("kanri", .handoverEdited(edit))]), "the officer may edit it")
        try expectRule([rec("tanaka", .handoverDrafted(draft)),
                        rec("tanaka", .handoverDispatched(HandoverDispatchData(handover: "HO-0099", date: Day(ordinal: 20_000), due: Day(ordinal: 20_007), sender: "田中"))),
                        rec("tanaka", .handoverEdited(edit))], "HO-0099 edited when it is not a draft")
        let m = MediumData(registration: "USB-2026-0050", kind: .usb, category: .business, classification: .c2, restrictions: [.noDistribution])
        var withMedium = edit
        withMedium.items.append(HandoverItem(name: "USBメモリ USB-2026-0050", quantity: "1媒体", registration: "USB-2026-0050"))
        try expectRule([rec("kanri", .mediumRegistered(m)), rec("tanaka", .handoverDrafted(draft)), rec("tanaka", .handoverEdited(withMedium))], "配布禁止")
        let transfer = TransferDraftData(transfer: "TO-0099", to: "第2通信隊", media: ["USB-2026-0001"], note: nil)
        var moved = transfer
        moved.to = "第3通信隊"
        try expectRule([rec("kanri", .transferDrafted(transfer)), rec("tanaka", .transferEdited(moved))], "needs officer")
    }

    /// Through the command: a hand-forged, correctly hashed journal is refused by `daicho verify` naming the seq.
    func test_verifyCommandReportsTheForgedRecordsSeq() throws {
        guard Bin.daicho != nil else { throw XCTSkip("no daicho binary") }
        _ = try fixture()
        let n = try records().count
        let req = TakeoutRequestData(request: "REQ-0099", registration: "USB-2026-0001", destination: "本部", purpose: "会議",
                                     from: epoch + 3600, until: epoch + 86400, transport: nil)
        XCTAssertNotNil(try forge([rec("kanri", .takeoutRequested(req)),
                                   rec("kanri", .requestApproved(DecisionData(request: "REQ-0099", confirmed: TakeoutCheck.allCases, comment: nil)))]))
        let v = place.daicho(["verify", "--lang", "en"])
        XCTAssertEqual(v.status, 2, "\(v)")
        XCTAssertTrue(v.stderr.contains("record #\(n + 1)") && v.stderr.contains("own request"), v.stderr)
        let j = place.daicho(["verify", "--json"])
        XCTAssertEqual(try JSONSerialization.jsonObject(with: j.out) as? NSDictionary == nil, false)
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: j.out) as? [String: Any])
        XCTAssertEqual(o["bad_seq"] as? Int, n + 1)
    }
}

final class CheckpointTests: FixtureCase {
    func test_exportAndVerifyKeepCheckpoints_aCutEndIsReported() throws {
        guard Bin.daicho != nil else { throw XCTSkip("no daicho binary") }
        _ = try fixture()
        let full = place.journal()
        let e = place.daicho(["export", "--what", "media", "--format", "csv"], as: "kansa")
        XCTAssertEqual(e.status, 0, "\(e)")
        let v = place.daicho(["verify", "--lang", "en"])
        XCTAssertEqual(v.status, 0, "\(v)")
        XCTAssertTrue(v.stdout.contains("checkpoints: 1 agree"), v.stdout)
        let cps = try Journal(directory: place.data).readCheckpoints().checkpoints
        XCTAssertEqual(cps.map(\.purpose), ["export media csv", "verify"])
        XCTAssertEqual(Set(cps.map(\.records)), [15])
        XCTAssertEqual(place.journal(), full, "a checkpoint never touches the journal")

        // The last two records cut off at a line boundary: a valid chain, but shorter than what was printed.
        let ls = lines(full)
        place.write(joined(Array(ls.dropLast(2))))
        let bad = place.daicho(["verify", "--lang", "en"])
        XCTAssertEqual(bad.status, 2, "\(bad)")
        XCTAssertTrue(bad.stderr.contains("holds 13 records") && bad.stderr.contains("saw 15") && bad.stderr.contains("record #13"), bad.stderr)
        XCTAssertEqual(bad.err.filter { $0 == 0x0A }.count, 1)
        // And nothing may be written: the cut end would otherwise be overwritten by new history.
        let before = place.journal()
        let r = place.daicho(["media", "scan", "USB-2026-0001", "--result", "clean"], as: "tanaka")
        XCTAssertEqual(r.status, 2, "\(r)")
        XCTAssertEqual(place.journal(), before)
    }

    func test_theLastRecordEditedInPlace_disagreesWithTheCheckpoint() throws {
        guard Bin.daicho != nil else { throw XCTSkip("no daicho binary") }
        _ = try fixture()
        XCTAssertEqual(place.daicho(["verify"]).status, 0)
        var ls = lines(place.journal())
        var last = try Record.decode(line: ls[ls.count - 1])
        if case .takeoutReturned(var m) = last.change { m.note = "問題なし"; last.change = .takeoutReturned(m) }
        ls[ls.count - 1] = last.encodedLine()
        place.write(joined(ls))
        let bad = place.daicho(["verify", "--lang", "en"])
        XCTAssertEqual(bad.status, 2, "\(bad)")
        XCTAssertTrue(bad.stderr.contains("record #14") && bad.stderr.contains("altered"), bad.stderr)
    }

    /// What the paper protects, and what it does not (README): a forger who rewrites a record, re-chains
    /// every later one and rewrites the checkpoint file passes `verify`, but not `verify --against` the paper.
    func test_againstAHashFromPaper() throws {
        guard Bin.daicho != nil else { throw XCTSkip("no daicho binary") }
        _ = try fixture()
        let v = place.daicho(["verify", "--lang", "en"])
        let head = try XCTUnwrap(v.stdout.split(separator: "\n").last.map { String($0.dropFirst("head: ".count)) })
        XCTAssertEqual(head.count, 64)
        let j = try Journal(directory: place.data)
        let earlier = try XCTUnwrap(j.hash(ofRecord: 5))

        let h = place.daicho(["verify", "--against", String(head.prefix(16)), "--lang", "en"])
        XCTAssertEqual(h.status, 0, "\(h)")
        XCTAssertTrue(h.stdout.contains("is record #14, the current head"), h.stdout)
        let e = place.daicho(["verify", "--against", earlier.uppercased(), "--lang", "en"])
        XCTAssertEqual(e.status, 0, "\(e)")
        XCTAssertTrue(e.stdout.contains("is record #5; 9 records were written after it"), e.stdout)
        let ej = try XCTUnwrap(try JSONSerialization.jsonObject(with: place.daicho(["verify", "--against", head, "--json"]).out) as? [String: Any])
        XCTAssertEqual((ej["against"] as? [String: Any])?["is_head"] as? Bool, true)
        // Issue 10: 8 hex digits (32 bits) were matched by a rewritten journal in 13 s; 16 (64 bits) at least.
        for bad in ["1234567", "zzzzzzzz", "", String(repeating: "a", count: 65), String(head.prefix(8)), String(head.prefix(15))] {
            let r = place.daicho(["verify", "--against", bad, "--lang", "en"])
            XCTAssertEqual(r.status, 64, "\(bad): \(r)")
            XCTAssertTrue(r.stderr.contains("16 hex digits"), r.stderr)
            XCTAssertEqual(r.err.filter { $0 == 0x0A }.count, 1, "one line")
        }

        // The forger: record 3 rewritten, every later hash recomputed, checkpoints rewritten to match.
        var rs = try lines(place.journal()).map { try Record.decode(line: $0) }
        // (Every later record moved too, so that time still runs forward: a lone earlier time is damage.)
        for i in 3..<rs.count { rs[i].at += 60 }
        place.write(chained(rs))
        let forged = try Journal(directory: place.data)
        XCTAssertNotNil(forged.damage, "the checkpoint file still knows the old head")
        try? FileManager.default.removeItem(atPath: forged.checkpointPath)
        XCTAssertEqual(place.daicho(["verify"]).status, 0, "the chain alone cannot tell")
        let paper = place.daicho(["verify", "--against", head, "--lang", "en"])
        XCTAssertEqual(paper.status, 2, "\(paper)")
        XCTAssertTrue(paper.stderr.contains("no record of this journal has the hash"), paper.stderr)
    }

    func test_checkpointAPI_recordsTheHeadAsReadAndSkipsDamagedOrEmptyJournals() throws {
        let empty = try Journal(directory: place.data)
        XCTAssertNil(try empty.checkpoint(purpose: "nothing"))
        let j = try fixture()
        let c = try XCTUnwrap(try j.checkpoint(purpose: "print handover\tH-0001\u{1B}[2J", now: epoch + 1.5))
        XCTAssertEqual(c.records, 15)
        XCTAssertEqual(c.head, j.headHash)
        let back = try j.readCheckpoints()
        XCTAssertEqual(back.checkpoints.count, 1)
        XCTAssertEqual(back.checkpoints[0].purpose, "print handover H-0001 [2J", "tabs and control characters stored as spaces")
        XCTAssertEqual(back.checkpoints[0].at, epoch + 1)
        // A torn last line (a crash while writing one) is not a checkpoint and not an error.
        let fh = try XCTUnwrap(FileHandle(forWritingAtPath: j.checkpointPath))
        fh.seekToEndOfFile(); fh.write(Data("2026-11-25T00:00:00Z\t3".utf8)); fh.closeFile()
        XCTAssertEqual(try j.readCheckpoints().checkpoints.count, 1)
        XCTAssertEqual(try j.readCheckpoints().unreadableLines, [])
        XCTAssertNil(try Journal(directory: place.data).damage)
    }
}
