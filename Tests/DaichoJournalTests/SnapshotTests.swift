// The snapshot of the folded ledger (Snapshot.swift, LedgerSnapshot.swift):
// opening from it gives exactly the ledger a full fold gives; it is used only
// when it matches the journal's head; a damaged, foreign, stale or
// others-writable one is ignored and rebuilt; verification compares it with
// its own fold. And the benchmark's generator writes what the program would.

@testable import DaichoCore
@testable import DaichoJournal
import DaichoBenchKit
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class SnapshotTests: JournalTestCase {
    var snapshotPath: String { dir + "/" + Journal.snapshotName }

    /// A generated journal of `records` records (media, uses, take-outs, handovers, transfers).
    @discardableResult
    func generate(_ records: Int = 3000, seed: UInt64 = 7, into directory: String? = nil) throws -> GeneratedJournal {
        let d = directory ?? dir
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return try JournalGenerator(records: records, media: 60, seed: seed).write(to: d + "/" + Journal.fileName)
    }

    func fullFold() throws -> Journal { try Journal(directory: dir, snapshot: .ignore) }

    func assertSame(_ a: Journal, _ b: Journal, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(a.ledger.sameState(as: b.ledger), "the ledgers differ", file: file, line: line)
        XCTAssertEqual(a.headHash, b.headHash, file: file, line: line)
        XCTAssertEqual(a.offset, b.offset, file: file, line: line)
        XCTAssertEqual(a.ledger.records.count, b.ledger.records.count, file: file, line: line)
        XCTAssertEqual(a.ledger.records.suffix(50), b.ledger.records.suffix(50), file: file, line: line)
    }

    // MARK: Every field is carried

    func test_everyStoredPropertyOfTheLedgerIsInTheSnapshot() {
        // A property added to Ledger must be written, read and compared in LedgerSnapshot.swift, then listed there.
        XCTAssertEqual(Mirror(reflecting: Ledger()).children.map { $0.label ?? "?" }, Ledger.snapshotFields)
    }

    func test_everyFieldOfEveryTypeInTheSnapshotIsListedHere_soANewOneIsNoticed() throws {
        try generate()
        let l = try fullFold().ledger
        func labels(_ v: Any) -> [String] { Mirror(reflecting: v).children.map { $0.label ?? "?" } }
        let m = try XCTUnwrap(l.allMedia.first { $0.lastScan != nil })
        XCTAssertTrue(l.allMedia.contains { $0.data.isImported && $0.data.registeredOn != nil }, "imported media are carried too")
        let q = try XCTUnwrap(l.allRequests.first { $0.decision != nil })
        let h = try XCTUnwrap(l.allHandovers.first { $0.receipt != nil })
        let t = try XCTUnwrap(l.allTransfers.first)
        // When one of these fails, a field was added: write and read it in LedgerSnapshot.swift, then add it here.
        XCTAssertEqual(labels(m), ["data", "registeredAt", "registeredBy", "status", "lastScan", "openUse", "openRequest", "openCase", "history",
                                   "backAt", "disposalDue"])
        XCTAssertEqual(labels(m.data), ["registration", "kind", "category", "classification", "restrictions", "secret", "model", "serial",
                                        "capacity", "location", "encrypted", "writeProtected", "origin", "fromUnit", "theirRegistration",
                                        "importFile", "importLine", "registeredOn"])
        XCTAssertEqual(labels(m.lastScan!), ["at", "by", "result", "seq"])
        XCTAssertEqual(labels(l.allPeople[0]), ["login", "name", "roles", "title", "rank", "section", "enrolledAt", "enrolledBy",
                                                 "differentPerson", "retired"])
        let gone = try XCTUnwrap(l.allPeople.first { $0.retired != nil }, "the generator retires someone")
        XCTAssertEqual(labels(gone.retired!), ["at", "by", "reason", "seq"])
        XCTAssertTrue(l.allPeople.contains { $0.differentPerson }, "the generator enrols a confirmed different person")
        XCTAssertEqual(labels(l.header!), ["format", "unit", "officer", "scheme"])
        XCTAssertEqual(labels(l.header!.officer), ["login", "name", "roles", "title", "rank", "section", "differentPerson"])
        XCTAssertEqual(labels(l.uses[0]), ["seq", "registration", "user", "purpose", "place", "start", "until", "end", "endedBy", "endNote", "check"])
        XCTAssertEqual(labels(q), ["id", "seq", "registration", "requester", "requestedAt", "destination", "purpose", "from", "until",
                                   "transport", "state", "decision", "departedAt", "departedBy", "returnedAt", "returnedBy",
                                   "returnNote", "withdrawnAt"])
        XCTAssertEqual(labels(q.decision!), ["approved", "by", "at", "confirmed", "comment"])
        XCTAssertEqual(labels(h), ["id", "direction", "seq", "createdAt", "createdBy", "counterpart", "contract", "returnRequired", "items",
                                   "note", "dispatchDate", "due", "sender", "dispatchedBy", "receipt", "differences",
                                   "acknowledgement", "reminders", "disposals", "recall", "history", "missingMedia", "late", "permission"])
        XCTAssertEqual(labels(h.items[0]), ["name", "quantity", "registration", "classification", "restrictions"])
        XCTAssertEqual(labels(RuleSettings()), ["localRestrictions", "locations"])
        XCTAssertEqual(labels(LocalRestriction(name: "", forbids: [])), ["name", "forbids"])
        XCTAssertEqual(labels(h.receipt!), ["date", "by", "items", "recordedBy", "recordedAt"])
        XCTAssertEqual(labels(h.receipt!.items[0]), ["name", "quantity"])
        XCTAssertEqual(labels(ItemDifference(name: "", sent: "", received: nil)), ["name", "sent", "received"])
        XCTAssertEqual(labels(HandoverEvent(seq: 0, at: t0, by: "", note: nil)), ["seq", "at", "by", "note"])
        XCTAssertEqual(labels(ItemDisposal(item: "", date: Day(t0, in: tz), report: nil, signer: nil, seq: 0)),
                       ["item", "date", "report", "signer", "seq"])
        XCTAssertEqual(labels(t), ["id", "direction", "seq", "createdAt", "createdBy", "counterpart", "media", "incoming", "note",
                                   "dispatchDate", "sender", "receiptDate", "receiver", "recall", "history", "missing", "late"])
        XCTAssertEqual(labels(LateArrival(media: [], items: [], date: Day(t0, in: tz), seq: 0)), ["media", "items", "date", "seq"])
        XCTAssertEqual(labels(IncomingMedium(registration: "", model: "", theirs: "", kind: .usb, category: .business, classification: .c1)),
                       ["registration", "model", "theirs", "kind", "category", "classification"])
    }

    func test_openRequestsAreExactlyTheRequestsPendingApprovedOrOut_asAScanOfEveryRequestFinds() throws {
        try generate(6000)
        let l = try fullFold().ledger
        let scan = l.allRequests.filter { [.pending, .approved, .departed].contains($0.state) }
        XCTAssertGreaterThan(scan.count, 3)
        XCTAssertEqual(l.openRequests, scan)
        XCTAssertEqual(l.pendingRequests, l.allRequests.filter { $0.state == .pending })
    }

    // MARK: Opening from it

    func test_openingFromTheSnapshotGivesTheLedgerTheFullFoldGives() throws {
        let g = try generate()
        let full = try fullFold()
        XCTAssertGreaterThan(full.ledger.handovers.count, 5, "the generated journal has handovers")
        XCTAssertGreaterThan(full.ledger.requests.count, 50)
        XCTAssertEqual(full.headHash, g.headHash)
        XCTAssertFalse(FileManager.default.fileExists(atPath: snapshotPath), "opening without snapshots writes none")

        let first = try Journal(directory: dir, snapshotEvery: 1000)
        XCTAssertEqual(first.snapshotStatus, .none)
        XCTAssertTrue(FileManager.default.fileExists(atPath: snapshotPath), "an open that folded 1000 or more records writes one")
        var st = stat()
        XCTAssertEqual(stat(snapshotPath, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600, "the snapshot is the owner's alone, like the journal")

        let second = try Journal(directory: dir)
        XCTAssertEqual(second.snapshotStatus, .used(records: g.records))
        assertSame(second, full)
        XCTAssertEqual(Array(second.ledger.records), Array(full.ledger.records), "every record reads back from the journal")
    }

    func test_recordsAppendedAfterTheSnapshotAreFoldedOnOpen_andAppendsContinueTheChain() throws {
        try generate()
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        let j = try Journal(directory: dir)
        guard case .used(let n) = j.snapshotStatus else { return XCTFail("\(j.snapshotStatus)") }
        let reg = try XCTUnwrap(j.ledger.allMedia.first { $0.status == .stored && $0.openRequest == nil }?.registration)
        for i in 0..<4 {
            let c: Command = i % 2 == 0 ? .startUse(registration: reg, purpose: "確認", place: nil, until: nil) : .endUse(registration: reg, note: nil)
            try j.append(actor: Actor(login: "clerk01"), now: Date()) { try $0.decide(c, by: Actor(login: "clerk01"), now: Date(), timeZone: tz) }
        }
        let reopened = try Journal(directory: dir)
        XCTAssertEqual(reopened.snapshotStatus, .used(records: n))
        XCTAssertEqual(reopened.ledger.records.count, n + 4)
        assertSame(reopened, try fullFold())
        assertSame(reopened, j)
        XCTAssertNil(try fullFold().damage, "the chain continues from the snapshot's head")
    }

    func test_readingInSmallChunksFoldsTheSameLedger() throws {
        try generate(600)
        let whole = try fullFold()
        let saved = Journal.readChunk
        defer { Journal.readChunk = saved }
        for chunk: UInt64 in [1, 97, 4096] {
            Journal.readChunk = chunk
            assertSame(try fullFold(), whole)
        }
    }

    // MARK: Never trusted blindly

    func test_aSnapshotOfAnotherJournalIsIgnored_andTheLedgerIsTheJournals() throws {
        let other = dir + "-other"
        try generate(1500, seed: 99, into: other)
        try Journal(directory: other, snapshotEvery: 1).writeSnapshot()
        try generate(1500)
        try FileManager.default.copyItem(atPath: other + "/" + Journal.snapshotName, toPath: snapshotPath)
        let j = try Journal(directory: dir, snapshotEvery: 100_000)
        guard case .ignored(let why) = j.snapshotStatus else { return XCTFail("used a foreign snapshot: \(j.snapshotStatus)") }
        XCTAssertTrue(why.contains("not the one") || why.contains("shorter"), why)
        assertSame(j, try fullFold())
    }

    func test_aJournalCutBelowTheSnapshotIgnoresIt() throws {
        try generate(1500)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        let all = lines()
        writeBytes(Data(all.dropLast(3).map { $0 + [0x0A] }.joined()))
        let j = try Journal(directory: dir, snapshotEvery: 100_000)
        XCTAssertEqual(j.snapshotStatus, .ignored("the journal is shorter than the snapshot"))
        XCTAssertEqual(j.ledger.records.count, all.count - 3)
        assertSame(j, try fullFold())
    }

    func test_aLastRecordRewrittenAfterTheSnapshotIgnoresIt() throws {
        try generate(1500)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        var all = lines()
        // Same length, other bytes: the line the snapshot names is not there any more (the journal is then damaged too).
        var last = [UInt8](all.removeLast())
        // A digit of its prev hash (a digit anywhere else might still make a lawful record).
        let prev = Array("\"prev\":\"".utf8)
        let at = try XCTUnwrap((0...(last.count - prev.count)).first { Array(last[$0..<$0 + prev.count]) == prev })
        let i = at + prev.count
        last[i] = last[i] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        writeBytes(Data((all + [Data(last)]).map { $0 + [0x0A] }.joined()))
        let j = try Journal(directory: dir)
        guard case .ignored = j.snapshotStatus else { return XCTFail("\(j.snapshotStatus)") }
        XCTAssertNotNil(j.damage, "the full fold finds the altered record")
    }

    func test_aDamagedSnapshotIsIgnoredAndRebuilt() throws {
        try generate(1500)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: snapshotPath))
        bytes[bytes.count / 2] ^= 0x10
        XCTAssertTrue(FileManager.default.createFile(atPath: snapshotPath, contents: bytes, attributes: [.posixPermissions: 0o600]))
        let j = try Journal(directory: dir, snapshotEvery: 1000)
        XCTAssertEqual(j.snapshotStatus, .ignored("checksum differs"))
        assertSame(j, try fullFold())
        XCTAssertEqual(try Journal(directory: dir).snapshotStatus, .used(records: j.ledger.records.count), "rebuilt by the open that ignored it")
    }

    func test_truncatedOrEmptySnapshotIsIgnored() throws {
        try generate(800)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: snapshotPath))
        for n in [0, 10, bytes.count / 3, bytes.count - 1] {
            XCTAssertTrue(FileManager.default.createFile(atPath: snapshotPath, contents: bytes.prefix(n), attributes: [.posixPermissions: 0o600]))
            let j = try Journal(directory: dir, snapshotEvery: 100_000)
            guard case .ignored = j.snapshotStatus else { return XCTFail("cut at \(n): \(j.snapshotStatus)") }
            assertSame(j, try fullFold())
        }
    }

    func test_aForgedSnapshotWithAValidChecksumNeverCrashesTheProgram_brokenLinksAreRefused() throws {
        try generate(800)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        let original = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: snapshotPath)))
        let records = 800
        let ledgerStart = 16 + 8 * 3 + 64 + 8 + records * 8 + 8
        func write(_ b: [UInt8]) {
            var b = b
            let sum = Journal.checksum(b[0..<(b.count - 8)])
            for i in 0..<8 { b[b.count - 8 + i] = UInt8(truncatingIfNeeded: sum >> (8 * UInt64(i))) }
            XCTAssertTrue(FileManager.default.createFile(atPath: snapshotPath, contents: Data(b), attributes: [.posixPermissions: 0o600]))
        }
        var rng = SplitMix64(seed: 42)
        var used = 0, ignored = 0
        for _ in 0..<250 {
            var b = original
            for _ in 0..<Int(1 + rng.next() % 3) {
                let i = ledgerStart + Int(rng.next() % UInt64(b.count - 8 - ledgerStart))
                b[i] = rng.next() % 4 == 0 ? 0xFF : UInt8(truncatingIfNeeded: rng.next())
            }
            write(b)
            let j = try Journal(directory: dir, snapshotEvery: 100_000)
            switch j.snapshotStatus {
            case .used:
                used += 1
                // What the screens and the fold look up must hold up (no crash is the test).
                let l = j.ledger
                for m in l.allMedia { _ = l.holder(of: m); _ = l.due(of: m); _ = l.history(of: m.registration).count }
                _ = (l.overdueUses(at: t0), l.openRequests, l.approvals(for: "yamada.t"), l.discrepancies(for: "yamada.t"))
            case .ignored: ignored += 1
            default: XCTFail("\(j.snapshotStatus)")
            }
        }
        XCTAssertGreaterThan(ignored, 60, "most forgeries do not read as a ledger")
        print("FIGURES forged snapshots: \(used) read as a ledger, \(ignored) ignored, 0 crashes")

        // A medium said to be in a use that does not exist is refused, not shown.
        let j = try fullFold()
        var forged = j.ledger
        let reg = forged.mediaOrder[0]
        forged.media[reg]!.openUse = forged.uses.count + 5
        j.restore(ledger: forged, lines: j.lines, head: j.headHash, offset: j.offset)
        XCTAssertTrue(j.writeSnapshot())
        guard case .ignored(let why) = try Journal(directory: dir, snapshotEvery: 100_000).snapshotStatus else { return XCTFail("used") }
        XCTAssertTrue(why.contains("inconsistent"), why)
    }

    func test_aSnapshotOthersCanWriteIsIgnored() throws {
        try generate(800)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        XCTAssertEqual(chmod(snapshotPath, 0o622), 0)
        let j = try Journal(directory: dir, snapshotEvery: 100_000)
        guard case .ignored(let why) = j.snapshotStatus else { return XCTFail("\(j.snapshotStatus)") }
        XCTAssertTrue(why.contains("writable by others"), why)
    }

    func test_anEditInsideWhatTheSnapshotCovers_isFoundByTheChainCheck_whichMakesTheJournalReadOnly() throws {
        try generate(1500)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        let intact = try Journal(directory: dir)
        XCTAssertNil(Journal.checkChain(try XCTUnwrap(intact.trustedPrefix)), "an intact journal passes")
        XCTAssertNil(try fullFold().trustedPrefix, "a full fold trusts nothing")

        // Someone changes the time of record #700 in place; the snapshot's head still matches.
        var all = lines()
        var line = [UInt8](all[700])
        let at = try XCTUnwrap(String(decoding: line, as: UTF8.self).range(of: "\"at\":\"")).upperBound.utf16Offset(in: String(decoding: line, as: UTF8.self))
        line[at + 3] = line[at + 3] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        all[700] = Data(line)
        writeBytes(Data(all.map { $0 + [0x0A] }.joined()))

        let j = try Journal(directory: dir)
        XCTAssertEqual(j.snapshotStatus, .used(records: 1500), "opening from the snapshot does not read #700 again …")
        XCTAssertNil(j.damage)
        let found = try XCTUnwrap(Journal.checkChain(try XCTUnwrap(j.trustedPrefix)), "… the chain check does")
        XCTAssertEqual(found.seq, 701)
        XCTAssertEqual(found.reason, .badHash)

        // As the screens run it: on another thread, then adopted.
        let check = BackgroundChainCheck(j.trustedPrefix)
        let deadline = Date() + 30
        while !check.isFinished && Date() < deadline { usleep(10_000) }
        let d = try XCTUnwrap(check.takeDamage())
        XCTAssertNil(check.takeDamage(), "said once")
        j.adopt(d)
        XCTAssertTrue(j.isReadOnly)
        let before = bytes()
        XCTAssertThrowsError(try j.append(actor: officer, now: t0) { _ in .configured(ConfigData(key: "handover.due_days", value: "9")) })
        XCTAssertEqual(bytes(), before, "nothing is written after damage is found")
        XCTAssertNotNil(try fullFold().damage, "and a full fold agrees")
    }

    func test_aForgedSnapshotIsCaughtByVerification_whichComparesItWithItsOwnFold() throws {
        try generate(1500)
        let j = try fullFold()
        // Someone who can write the data directory writes a snapshot with a medium's place changed, and a valid checksum.
        var forged = j.ledger
        let reg = forged.mediaOrder[3]
        forged.media[reg]!.data.location = "改ざんされた保管場所"
        j.restore(ledger: forged, lines: j.lines, head: j.headHash, offset: j.offset)
        XCTAssertTrue(j.writeSnapshot())
        // Screens opened from it would show it (a cache is trusted as far as the head matches) …
        XCTAssertEqual(try Journal(directory: dir).ledger.media[reg]?.data.location, "改ざんされた保管場所")
        // … and verification, which folds every record, says it differs.
        let check = try Journal(directory: dir, snapshot: .check)
        XCTAssertEqual(check.snapshotStatus, .differs(records: 1500))
        XCTAssertNil(check.damage, "the journal itself is intact")
        XCTAssertNotEqual(check.ledger.media[reg]?.data.location, "改ざんされた保管場所")
    }

    func test_verificationAgreesWithAnHonestSnapshot_alsoWhenTheJournalGrewSince() throws {
        try generate(1500)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        XCTAssertEqual(try Journal(directory: dir, snapshot: .check).snapshotStatus, .matches(records: 1500))
        let j = try Journal(directory: dir)
        let reg = try XCTUnwrap(j.ledger.allMedia.first { $0.status == .stored && $0.openRequest == nil }?.registration)
        try j.append(actor: Actor(login: "clerk01"), now: Date()) {
            try $0.decide(.scan(registration: reg, result: .clean, note: nil), by: Actor(login: "clerk01"), now: Date(), timeZone: tz)
        }
        let check = try Journal(directory: dir, snapshot: .check)
        XCTAssertEqual(check.snapshotStatus, .matches(records: 1500))
        XCTAssertEqual(check.ledger.records.count, 1501)
    }

    func test_aSnapshotAheadOfTheJournalDiffersOnVerification() throws {
        try generate(1500)
        try Journal(directory: dir, snapshotEvery: 1).writeSnapshot()
        writeBytes(Data(lines().dropLast(2).map { $0 + [0x0A] }.joined()))
        XCTAssertEqual(try Journal(directory: dir, snapshot: .check).snapshotStatus, .differs(records: 1500))
    }

    // MARK: When it is written

    func test_writtenOnlyWhenAnOpenFoldedManyRecordsPastIt() throws {
        try makeJournal()
        _ = try Journal(directory: dir)
        XCTAssertFalse(FileManager.default.fileExists(atPath: snapshotPath), "a short journal needs no snapshot (default: every 5000 records)")
        let n = try Journal(directory: dir).ledger.records.count
        _ = try Journal(directory: dir, snapshotEvery: n)
        XCTAssertTrue(FileManager.default.fileExists(atPath: snapshotPath))
        let before = try XCTUnwrap(FileManager.default.contents(atPath: snapshotPath))
        let j = try Journal(directory: dir, snapshotEvery: 3)
        XCTAssertEqual(j.snapshotStatus, .used(records: n))
        try register(j, 2)
        _ = try Journal(directory: dir, snapshotEvery: 3)
        XCTAssertEqual(FileManager.default.contents(atPath: snapshotPath), before, "two records behind: kept")
        try register(j, 1)
        let k = try Journal(directory: dir, snapshotEvery: 3)
        XCTAssertEqual(k.snapshotStatus, .used(records: n))
        XCTAssertEqual(try Journal(directory: dir).snapshotStatus, .used(records: n + 3), "three behind: rewritten")
        XCTAssertNil(try? String(contentsOfFile: snapshotPath + ".tmp-\(getpid())", encoding: .utf8), "no temporary file left")
    }

    func test_aDamagedJournalWritesNoSnapshot() throws {
        try generate(800)
        try appendRaw(Data("garbage\n".utf8))
        let j = try Journal(directory: dir, snapshotEvery: 1)
        XCTAssertNotNil(j.damage)
        XCTAssertFalse(FileManager.default.fileExists(atPath: snapshotPath))
        XCTAssertFalse(j.writeSnapshot())
    }

    private func register(_ j: Journal, _ count: Int) throws {
        for _ in 0..<count {
            try j.append(actor: officer, now: t0) {
                try $0.decide(.register(NewMedium(kind: .usb, category: .business, classification: .c2)), by: officer, now: t0, timeZone: tz)
            }
        }
    }

    // MARK: The generator writes what the program writes

    func test_generatedJournalIsWhatAppendingTheSameCommandsThroughTheJournalWrites() throws {
        let g = try generate(700)
        let generated = bytes()
        XCTAssertEqual(g.bytes, generated.count)
        let full = try fullFold()
        XCTAssertNil(full.damage, "the generated journal verifies")
        XCTAssertEqual(full.ledger.records.count, 700)
        XCTAssertGreaterThan(g.handovers, 0)
        // Replay every record through the program's own append (lock, re-read, fold, write, fsync).
        let again = dir + "-replay"
        let j = try Journal(directory: again, snapshot: .ignore)
        for r in full.ledger.records {
            let actor = Actor(login: r.actor, via: r.via)
            if case .header = r.change { try j.create(header: r.change, actor: actor, now: r.at); continue }
            try j.append(actor: actor, now: r.at) { _ in r.change }
        }
        XCTAssertEqual(FileManager.default.contents(atPath: again + "/" + Journal.fileName), generated, "byte for byte the same file")
        try? FileManager.default.removeItem(atPath: again)
    }
}
