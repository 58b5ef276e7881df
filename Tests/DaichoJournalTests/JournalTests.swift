// The journal (JOURNAL_FORMAT.md; DOMAIN.md "History is never rewritten"):
// append-only, hash-chained, one record per line; a torn tail is cut and kept;
// any other damage makes it read-only naming the record; writers serialise on
// a lock so the chain never forks and numbers are never handed out twice.

@testable import DaichoCore
@testable import DaichoJournal
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class JournalBasicsTests: JournalTestCase {
    func test_hashIsSHA256Hex() {
        XCTAssertEqual(Journal.hash(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(Journal.hash(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func test_missingJournalIsAnEmptyUninitializedLedger_andNothingIsCreated() throws {
        let j = try Journal(directory: dir)
        XCTAssertFalse(j.ledger.isInitialized)
        XCTAssertNil(j.damage)
        XCTAssertEqual(j.headHash, Record.genesisHash)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir))
    }

    func test_createAppendReopen_givesTheSameLedgerAndHeadHash() throws {
        let j = try populated()
        XCTAssertNil(j.damage)
        let again = try Journal(directory: dir)
        XCTAssertNil(again.damage)
        XCTAssertEqual(again.notices, [])
        XCTAssertEqual(again.headHash, j.headHash)
        XCTAssertEqual(again.offset, UInt64(bytes().count))
        assertSameLedger(again.ledger, j.ledger)
        XCTAssertEqual(again.ledger.records.count, 10)
        XCTAssertEqual(again.ledger.media["SD-2026-0001"]?.status, .takenOut)
    }

    func test_eachPrevIsTheSHA256OfThePreviousLine_andHeadIsTheLastLine() throws {
        let j = try populated()
        let ls = lines()
        XCTAssertEqual(ls.count, j.ledger.records.count)
        var prev = Record.genesisHash
        for (i, line) in ls.enumerated() {
            let r = try Record.decode(line: line)
            XCTAssertEqual(r.seq, i)
            XCTAssertEqual(r.prev, prev, "line \(i + 1)")
            XCTAssertEqual(r.encodedLine(), line, "the stored line is the canonical encoding")
            prev = Journal.hash(line)
        }
        XCTAssertEqual(j.headHash, prev)
        XCTAssertEqual(bytes().last, 0x0A, "every record ends with a newline")
    }

    func test_appendReturnsTheRecordWritten_withActorViaAndWholeSecondTime() throws {
        let j = try makeJournal()
        let r = try j.append(actor: Actor(login: "kanri", via: "root"), now: t0 + 0.9) {
            try $0.decide(.register(NewMedium(kind: .usb, category: .business, classification: .c1)),
                          by: Actor(login: "kanri", via: "root"), now: t0, timeZone: tz)
        }
        XCTAssertEqual(r.seq, 2)
        XCTAssertEqual(r.actor, "kanri")
        XCTAssertEqual(r.via, "root")
        XCTAssertEqual(r.at.timeIntervalSince1970, 1_795_564_801)
        XCTAssertEqual(try Record.decode(line: lines().last!), r)
    }

    func test_ledgerAfterAppendIsTheLedgerReadBack_evenWithAFractionalClock() throws {
        // `from` of a take-out defaults to `now`; the journal stores whole seconds, so what the
        // writer keeps in memory must be what any reader folds from the file.
        let j = try makeJournal()
        let reg = try register(j)
        let now = t0 + 0.75
        try run(j, .requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: t0 + 86400, transport: nil), now: now)
        let again = try Journal(directory: dir)
        assertSameLedger(again.ledger, j.ledger)
        XCTAssertEqual(j.ledger.requests["REQ-0001"]?.from, again.ledger.requests["REQ-0001"]?.from)
    }

    func test_createRefusedWhenAJournalExists() throws {
        try makeJournal()
        let before = bytes()
        let j = try Journal(directory: dir)
        let h = try Ledger.initialize(unit: "別", officer: "x", name: "x", title: nil, rank: nil)
        XCTAssertThrowsError(try j.create(header: h, actor: officer, now: t0)) {
            guard case .exists? = $0 as? JournalError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(bytes(), before)
    }

    func test_appendBeforeCreateIsRefused_notInitialized() throws {
        let j = try Journal(directory: dir)
        XCTAssertThrowsError(try register(j)) { XCTAssertEqual($0 as? DomainError, .notInitialized) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: journalPath))
    }

    func test_refusedDecideLeavesTheFileByteForByteUnchanged() throws {
        let j = try populated()
        let before = bytes(), head = j.headHash, count = j.ledger.records.count
        let refusals: [(Command, Actor)] = [
            (.startUse(registration: "USB-2026-0001", purpose: "", place: nil, until: nil), clerk),          // empty field
            (.startUse(registration: "USB-2026-0009", purpose: "x", place: nil, until: nil), clerk),         // unknown medium
            (.register(NewMedium(kind: .usb, category: .business, classification: .c1)), clerk),             // missing role
            (.depart(registration: "USB-2026-0001"), clerk),                                                 // wrong state
            (.endUse(registration: "USB-2026-0001", note: "\u{1B}[31m"), clerk),                             // wrong state first
            (.reportLost(registration: "USB-2026-0001", note: "a\u{202E}b"), clerk),                         // control character
            (.approve(request: "REQ-0001", confirmed: TakeoutCheck.allCases, comment: nil), officer),        // not pending
        ]
        for (c, a) in refusals {
            XCTAssertThrowsError(try run(j, c, as: a)) { XCTAssertTrue($0 is DomainError, "\($0)") }
            XCTAssertEqual(bytes(), before, "\(c)")
        }
        XCTAssertEqual(j.headHash, head)
        XCTAssertEqual(j.ledger.records.count, count)
        XCTAssertNil(j.damage)
        try register(j)
    }

    func test_aChangeTheFoldWouldRefuseIsNeverWritten() throws {
        let j = try populated()
        let before = bytes()
        XCTAssertThrowsError(try j.append(actor: clerk, now: t0) { _ in .useEnded(UseEndData(registration: "USB-2026-0001", note: nil)) }) {
            XCTAssertTrue($0 is InconsistentRecord, "\($0)")
        }
        XCTAssertThrowsError(try j.append(actor: clerk, now: t0) { l in
            .header(HeaderData(unit: "二重", officer: PersonData(login: "x", name: "x", roles: [.officer])))
        })
        XCTAssertEqual(bytes(), before)
        XCTAssertNil(j.damage)
    }

    func test_filesAreOwnerOnly_0600_andDirectory_0700() throws {
        let old = umask(0)
        defer { umask(old) }
        let j = try populated()
        XCTAssertEqual(mode(dir), 0o700)
        XCTAssertEqual(mode(journalPath), 0o600)
        XCTAssertEqual(mode(dir + "/" + Journal.lockName), 0o600)
        try appendRaw(Data("{\"torn".utf8))
        _ = try Journal(directory: dir)
        let side = try XCTUnwrap(sideFiles().first)
        XCTAssertEqual(mode(dir + "/" + side), 0o600)
        _ = j
    }

    func test_sharedGroupGivesGroupReadAccess_0640_0750() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let j = try Journal(directory: dir, group: getgid())
        let h = try Ledger.initialize(unit: "隊", officer: "kanri", name: "管理", title: nil, rank: nil)
        try j.create(header: h, actor: officer, now: t0)
        XCTAssertEqual(mode(dir), 0o750)
        XCTAssertEqual(mode(journalPath), 0o640)
    }

    func test_refreshSeesAnotherInstancesAppends() throws {
        let a = try makeJournal()
        let b = try Journal(directory: dir)
        XCTAssertFalse(try a.refresh())
        let reg = try register(b)
        XCTAssertTrue(try a.refresh())
        XCTAssertNotNil(a.ledger.media[reg])
        XCTAssertEqual(a.headHash, b.headHash)
        XCTAssertFalse(try a.refresh(), "nothing new the second time")
        // And the other way round: a's next number follows b's.
        XCTAssertEqual(try register(a), "USB-2026-0002")
        try b.refresh()
        assertSameLedger(a.ledger, b.ledger)
    }

    func test_appendFoldsInWhatOthersWroteBeforeDeciding() throws {
        let a = try makeJournal()
        let b = try Journal(directory: dir)
        let reg = try register(a)
        // b has not refreshed, but its decide must see the medium a registered.
        try run(b, .startUse(registration: reg, purpose: "作業", place: nil, until: nil, scanned: .clean))
        XCTAssertEqual(b.ledger.media[reg]?.status, .inUse)
        XCTAssertThrowsError(try run(a, .startUse(registration: reg, purpose: "作業", place: nil, until: nil, scanned: .clean))) {
            XCTAssertEqual($0 as? DomainError, .wrongState(registration: reg, status: .inUse))
        }
    }
}

final class TornTailTests: JournalTestCase {
    func test_tornLastLineIsCutOnOpen_savedToASideFile_withANotice_andAppendsContinue() throws {
        let j = try populated()
        let good = bytes()
        let head = j.headHash
        // A writer died half-way through a record: no newline at the end.
        let next = Record(seq: j.ledger.nextSeq, at: t0, actor: "kanri", prev: head,
                          change: .useEnded(UseEndData(registration: "USB-2026-0001", note: "書きかけ"))).encodedLine()
        let torn = next.prefix(next.count / 2 + 1)  // may end inside a multi-byte character
        try appendRaw(torn)

        let k = try Journal(directory: dir)
        XCTAssertNil(k.damage, "a torn tail is not damage")
        XCTAssertEqual(bytes(), good, "the file is cut back to the last whole record")
        XCTAssertEqual(k.headHash, head)
        XCTAssertEqual(k.ledger.records.count, j.ledger.records.count)
        XCTAssertEqual(k.notices.count, 1)
        guard case .tornTailRemoved(let n, let saved)? = k.notices.first else { return XCTFail() }
        XCTAssertEqual(n, torn.count)
        XCTAssertTrue(saved.hasPrefix(dir + "/torn-tail-") && saved.hasSuffix(".bin"), saved)
        XCTAssertEqual(FileManager.default.contents(atPath: saved), Data(torn))
        XCTAssertEqual(sideFiles().count, 1)
        XCTAssertFalse(k.notices[0].message(.ja).contains("\n"))
        XCTAssertTrue(k.notices[0].message(.en).contains(saved))

        // The journal goes on.
        let reg = try register(k)
        XCTAssertEqual(reg, "USB-2026-0002")
        let again = try Journal(directory: dir)
        XCTAssertEqual(again.notices, [])
        XCTAssertNil(again.damage)
        assertSameLedger(again.ledger, k.ledger)
    }

    func test_tornTailSeenByRefreshOfAnOpenJournalIsCutToo() throws {
        let j = try makeJournal()
        let good = bytes()
        try appendRaw(Data("{\"actor\":\"kan".utf8))
        XCTAssertFalse(try j.refresh())
        XCTAssertEqual(bytes(), good)
        XCTAssertEqual(j.notices.count, 1)
        XCTAssertNil(j.damage)
        try register(j)
    }

    func test_tornTailFoundByAnAppendIsCutBeforeWriting() throws {
        let j = try makeJournal()
        let good = bytes()
        try appendRaw(Data([0xE5, 0x8F]))  // half a character
        try register(j)
        XCTAssertEqual(bytes().prefix(good.count), good)
        XCTAssertEqual(j.notices.count, 1)
        XCTAssertNil(try Journal(directory: dir).damage)
    }

    func test_twoTornTailsInTheSameSecondAtTheSameOffsetAreBothKept() throws {
        try makeJournal()
        try appendRaw(Data("first torn".utf8))
        let a = try Journal(directory: dir)
        XCTAssertEqual(a.notices.count, 1)
        try appendRaw(Data("second torn".utf8))
        let b = try Journal(directory: dir)
        XCTAssertEqual(b.notices.count, 1)
        XCTAssertNil(b.damage)
        let saved = sideFiles().compactMap { FileManager.default.contents(atPath: dir + "/" + $0) }.map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(Set(saved), ["first torn", "second torn"])
    }

    func test_tornHeaderOnlyLeavesAnEmptyJournal_thatCanBeCreated() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        writeBytes(Data("{\"actor\":\"kanri\",\"at\":\"2026".utf8))
        let j = try Journal(directory: dir)
        XCTAssertFalse(j.ledger.isInitialized)
        XCTAssertEqual(j.notices.count, 1)
        XCTAssertEqual(bytes(), Data())
        try j.create(header: try Ledger.initialize(unit: "隊", officer: "kanri", name: "管理", title: nil, rank: nil), actor: officer, now: t0)
        XCTAssertTrue(try Journal(directory: dir).ledger.isInitialized)
    }
}

final class DamageTests: JournalTestCase {
    /// Replaces line `i` (0-based) of the journal.
    private func replaceLine(_ i: Int, _ f: (Data) -> Data?) {
        var ls = lines()
        if let new = f(ls[i]) { ls[i] = new } else { ls.remove(at: i) }
        var d = Data()
        for l in ls { d.append(l); d.append(0x0A) }
        writeBytes(d)
    }

    /// Opens the damaged journal and checks it is read-only: append refused, file unchanged.
    private func assertReadOnly(seq: Int?, line: Int, file: StaticString = #filePath, ln: UInt = #line) throws -> JournalDamage {
        let before = bytes()
        let j = try Journal(directory: dir)
        let d = try XCTUnwrap(j.damage, "damage not detected", file: file, line: ln)
        XCTAssertTrue(j.isReadOnly, file: file, line: ln)
        XCTAssertEqual(d.seq, seq, "seq", file: file, line: ln)
        XCTAssertEqual(d.line, line, "line", file: file, line: ln)
        XCTAssertEqual(j.ledger.records.count, line - 1, "every record before the damage is read", file: file, line: ln)
        let offset = lines().prefix(line - 1).reduce(0) { $0 + $1.count + 1 }
        XCTAssertEqual(d.offset, UInt64(offset), "offset of the bad line", file: file, line: ln)
        for lang in Lang.allCases {
            let m = d.message(lang)
            XCTAssertFalse(m.contains("\n"), m, file: file, line: ln)
            if let seq { XCTAssertTrue(m.contains("#\(seq)"), m, file: file, line: ln) }
            XCTAssertTrue(m.contains("\(line)"), m, file: file, line: ln)
        }
        XCTAssertThrowsError(try register(j), file: file, line: ln) { e in
            XCTAssertEqual(e as? JournalError, .readOnly(d), file: file, line: ln)
        }
        XCTAssertThrowsError(try j.create(header: try Ledger.initialize(unit: "隊", officer: "k", name: "k", title: nil, rank: nil),
                                          actor: officer, now: t0), file: file, line: ln)
        XCTAssertEqual(bytes(), before, "a damaged journal is never written", file: file, line: ln)
        XCTAssertEqual(try j.refresh(), false, file: file, line: ln)
        XCTAssertEqual(JournalError.readOnly(d).message(.en).contains("read-only"), true, file: file, line: ln)
        return d
    }

    func test_flippedByteInsideARecordBreaksTheChainAtTheNextRecord() throws {
        try populated()
        // Line 5 (seq 4) is use.started: change its purpose without breaking the JSON.
        replaceLine(4) { l in
            var s = String(decoding: l, as: UTF8.self)
            XCTAssertTrue(s.contains("資料作成"))
            s = s.replacingOccurrences(of: "資料作成", with: "資料作製")
            return Data(s.utf8)
        }
        let d = try assertReadOnly(seq: 5, line: 6)
        XCTAssertEqual(d.reason, .badHash)
    }

    func test_flippedBitAnywhereIsDetected() throws {
        try populated()
        let good = bytes()
        let ls = lines()
        // Every byte of a middle line, one at a time (skipping the newline).
        let start = ls.prefix(3).reduce(0) { $0 + $1.count + 1 }
        for i in start..<(start + ls[3].count) {
            var b = good
            b[i] ^= 0x01
            writeBytes(b)
            let j = try Journal(directory: dir)
            XCTAssertNotNil(j.damage, "flipping byte \(i) went unnoticed")
            if let d = j.damage { XCTAssertTrue(d.line == 4 || d.line == 5, "byte \(i): \(d)") }
        }
    }

    func test_removedLineIsASequenceGap() throws {
        try populated()
        replaceLine(3) { _ in nil }
        let d = try assertReadOnly(seq: 4, line: 4)
        XCTAssertEqual(d.reason, .sequenceGap(expected: 3, found: 4))
    }

    func test_duplicatedOrSwappedLinesAreDetected() throws {
        try populated()
        let ls = lines()
        var d = Data()
        for l in ls.prefix(5) + [ls[4]] + ls.dropFirst(5) { d.append(l); d.append(0x0A) }
        writeBytes(d)
        XCTAssertEqual(try assertReadOnly(seq: 4, line: 6).reason, .sequenceGap(expected: 5, found: 4))

        d = Data()
        for l in ls.prefix(3) + [ls[4], ls[3]] + ls.dropFirst(5) { d.append(l); d.append(0x0A) }
        writeBytes(d)
        XCTAssertEqual(try assertReadOnly(seq: 4, line: 4).reason, .sequenceGap(expected: 3, found: 4))
    }

    func test_garbageLineMakesTheJournalReadOnly() throws {
        try populated()
        replaceLine(5) { _ in Data("this is not a record".utf8) }
        let d = try assertReadOnly(seq: nil, line: 6)
        guard case .unreadable = d.reason else { return XCTFail("\(d.reason)") }
    }

    func test_emptyLineInTheMiddleIsDamage() throws {
        try populated()
        replaceLine(2) { _ in Data() }
        _ = try assertReadOnly(seq: nil, line: 3)
    }

    func test_damageInTheHeaderLeavesNothingUsable() throws {
        try populated()
        replaceLine(0) { l in Data(String(decoding: l, as: UTF8.self).replacingOccurrences(of: "\"v\":1", with: "\"v\":\"1\"").utf8) }
        let d = try assertReadOnly(seq: nil, line: 1)
        XCTAssertEqual(d.offset, 0)
    }

    func test_wellChainedButContradictoryRecordIsDamage() throws {
        let j = try populated()
        // Correctly chained, but it ends a use that is not open.
        let r = Record(seq: j.ledger.nextSeq, at: t0, actor: "tanaka", prev: j.headHash,
                       change: .useEnded(UseEndData(registration: "USB-2026-0001", note: nil)))
        var line = r.encodedLine(); line.append(0x0A)
        try appendRaw(line)
        let d = try assertReadOnly(seq: r.seq, line: r.seq + 1)
        guard case .inconsistent = d.reason else { return XCTFail("\(d.reason)") }
    }

    func test_rewrittenRecordWithRechainedFollowersStillFailsAtTheFirstChangedRecordsSuccessor() throws {
        try populated()
        // Tampering with one record and re-chaining only that record leaves the next prev stale.
        var ls = lines()
        var r = try Record.decode(line: ls[2])
        r.at += 60 // a change no rule refuses: only the chain shows it
        ls[2] = r.encodedLine()
        var d = Data()
        for l in ls { d.append(l); d.append(0x0A) }
        writeBytes(d)
        XCTAssertEqual(try assertReadOnly(seq: 3, line: 4).reason, .badHash)
    }

    func test_fileShorterThanWhatWasReadIsDamage() throws {
        let j = try populated()
        let ls = lines()
        writeBytes(Data(ls.prefix(4).map { $0 + Data([0x0A]) }.joined()))
        XCTAssertFalse(try j.refresh())
        XCTAssertNotNil(j.damage)
        XCTAssertThrowsError(try register(j)) { guard case .readOnly? = $0 as? JournalError else { return XCTFail("\($0)") } }
    }

    func test_damageIsReportedAlsoToAnAlreadyOpenJournal() throws {
        let j = try populated()
        let r = Record(seq: j.ledger.nextSeq, at: t0, actor: "kanri", prev: String(repeating: "f", count: 64),
                       change: .useEnded(UseEndData(registration: "USB-2026-0001", note: nil)))
        var line = r.encodedLine(); line.append(0x0A)
        try appendRaw(line)
        let before = bytes()
        XCTAssertThrowsError(try register(j)) { e in
            guard case .readOnly(let d)? = e as? JournalError else { return XCTFail("\(e)") }
            XCTAssertEqual(d.seq, r.seq)
            XCTAssertEqual(d.reason, .badHash)
        }
        XCTAssertEqual(bytes(), before)
    }
}

final class ConcurrentWriterTests: JournalTestCase {
    private func assertIntactChain(expectMedia n: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let j = try Journal(directory: dir)
        XCTAssertNil(j.damage, "\(String(describing: j.damage))", file: file, line: line)
        XCTAssertEqual(j.notices, [], file: file, line: line)
        let regs = j.ledger.allMedia.map(\.registration)
        XCTAssertEqual(regs.count, n, file: file, line: line)
        XCTAssertEqual(Set(regs).count, n, "a registration number was handed out twice", file: file, line: line)
        XCTAssertEqual(Set(regs), Set((1...n).map { String(format: "USB-2026-%04d", $0) }), "numbers are consecutive", file: file, line: line)
        var prev = Record.genesisHash
        for (i, l) in lines().enumerated() {
            let r = try Record.decode(line: l)
            XCTAssertEqual(r.seq, i, file: file, line: line)
            XCTAssertEqual(r.prev, prev, "fork at line \(i + 1)", file: file, line: line)
            prev = Journal.hash(l)
        }
    }

    func test_twoInstancesAppendingAlternately() throws {
        let a = try makeJournal()
        let b = try Journal(directory: dir)
        var got: [String] = []
        for i in 0..<20 { got.append(try register(i % 2 == 0 ? a : b)) }
        XCTAssertEqual(got, (1...20).map { String(format: "USB-2026-%04d", $0) })
        try assertIntactChain(expectMedia: 20)
        try a.refresh(); try b.refresh()
        XCTAssertEqual(a.headHash, b.headHash)
    }

    func test_twoInstancesAppendingConcurrentlyFromThreads_neverForkNorDuplicate() throws {
        try makeJournal()
        // Both instances are open (and have read the same head) before either appends.
        let journals = Unchecked([try Journal(directory: dir), try Journal(directory: dir)])
        let failures = Collected<String>()
        let numbers = Collected<String>()
        let perThread = 100
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let j = journals.value[i]  // each instance is used by one thread only
            do {
                for _ in 0..<perThread {
                    let r = try j.append(actor: officer, now: t0) {
                        try $0.decide(.register(NewMedium(kind: .usb, category: .business, classification: .c1)),
                                      by: officer, now: t0, timeZone: tz)
                    }
                    numbers.add(r.change.registration!)
                }
            } catch { failures.add("\(error)") }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(numbers.all.count, 2 * perThread)
        XCTAssertEqual(Set(numbers.all).count, 2 * perThread)
        try assertIntactChain(expectMedia: 2 * perThread)
        let (a, b) = (journals.value[0], journals.value[1])
        try a.refresh(); try b.refresh()
        XCTAssertEqual(a.headHash, b.headHash)
    }

    func test_manyShortLivedInstancesFromThreads_stateRulesHoldUnderContention() throws {
        // Eight threads race to start using the same medium: exactly one may.
        let j = try makeJournal()
        let reg = try register(j)
        let directory = dir
        let ok = Collected<Int>(), refused = Collected<String>()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            do {
                let k = try Journal(directory: directory)
                try k.append(actor: clerk, now: t0) {
                    try $0.decide(.startUse(registration: reg, purpose: "作業\(i)", place: nil, until: nil, scanned: .clean), by: clerk, now: t0, timeZone: tz)
                }
                ok.add(i)
            } catch let e as DomainError {
                refused.add(e.message(.en))
            } catch { refused.add("unexpected \(error)") }
        }
        XCTAssertEqual(ok.all.count, 1)
        XCTAssertEqual(refused.all.count, 7)
        XCTAssertTrue(refused.all.allSatisfy { $0.contains("in use") }, "\(refused.all)")
        let again = try Journal(directory: dir)
        XCTAssertNil(again.damage)
        XCTAssertEqual(again.ledger.uses.count, 1)
    }
}
