// The fast record writer (RecordWriter.swift, behind `Record.encodedLine`)
// against JSONEncoder, the reference (`Record.encodedLineWithFoundation`):
// for every record both give the same bytes, and the line reads back (through
// `Record.decode`) as the same record. Records: generated journals, every
// change with every optional field set and with every one nil, strings with
// every character JSON escapes (and many it does not), every Unicode scalar,
// seeded random strings, and edge integers, times and days.

@testable import DaichoCore
import DaichoBenchKit
import Foundation
import XCTest

final class RecordWriterTests: XCTestCase {
    static let prev = String(repeating: "ab", count: 32)

    /// Asserts both paths write the same bytes for `r`, and that the line reads back as `r`.
    private func same(_ r: Record, _ what: @autoclosure () -> String = "", roundTrip: Bool = true,
                      file: StaticString = #filePath, line: UInt = #line) {
        let fast = r.encodedLine()
        let reference = r.encodedLineWithFoundation()
        if fast != reference {
            XCTFail("\(what()) \(r.change.type)\n fast: \(String(decoding: fast, as: UTF8.self))\n  ref: \(String(decoding: reference, as: UTF8.self))",
                    file: file, line: line)
        }
        if roundTrip {
            do {
                let back = try Record.decode(line: fast)
                XCTAssertEqual(back, r, "\(what()) round trip", file: file, line: line)
            } catch {
                XCTFail("\(what()) does not read back: \(error)", file: file, line: line)
            }
        }
    }

    // MARK: - Generated journals

    private func generated(records: Int, media: Int, seed: UInt64) throws -> [Data] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-rw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        _ = try JournalGenerator(records: records, media: media, seed: seed).write(to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path)).split(separator: 0x0A).map { Data($0) }
    }

    func test_generatedJournals_everyRecordSameBytes() throws {
        for (records, media, seed) in [(3000, 60, UInt64(7)), (2000, 25, UInt64(20261130))] {
            let lines = try generated(records: records, media: media, seed: seed)
            XCTAssertGreaterThanOrEqual(lines.count, records)
            var types = Set<String>()
            for (n, line) in lines.enumerated() {
                let r = try Record.decodeWithFoundation(line: line)
                types.insert(r.change.type)
                same(r, "seed \(seed) line \(n + 1)")
                XCTAssertEqual(r.encodedLine(), line, "seed \(seed) line \(n + 1): the stored line again")
            }
            XCTAssertGreaterThanOrEqual(types.count, 13, "seed \(seed): \(types.sorted())")
        }
    }

    // MARK: - Every change, every optional field

    /// Every type name `Change` has.
    static let allTypes: Set<String> = [
        "ledger.header", "person.enrolled", "person.roles_changed", "medium.registered", "medium.scanned", "medium.lost",
        "medium.found", "use.started", "use.ended", "takeout.requested", "request.approved", "request.rejected",
        "request.withdrawn", "takeout.departed", "takeout.returned", "record.corrected", "ledger.configured",
        "handover.drafted", "handover.dispatched", "handover.received", "handover.reminded", "handover.acknowledged",
        "handover.returned", "handover.destroyed", "handover.recalled", "handover.incoming", "transfer.drafted",
        "transfer.dispatched", "transfer.received", "transfer.incoming", "transfer.recalled",
        "person.edited", "person.retired", "person.officer_changed", "medium.amended", "handover.late", "transfer.late",
        // Issue 12 (Life.swift).
        "pledge.recorded", "key.added", "key.lent", "key.returned", "roster.added", "inventory.started", "inventory.counted",
        "inventory.closed", "disposal.requested", "disposal.approved", "disposal.rejected", "disposal.done", "incident.step",
        "incident.closed",
        // Issue 13: drafts edited (CaseRules.swift).
        "handover.edited", "transfer.edited"]

    /// Every change, every string field `s` (each optional one `s` when `optional`, else nil), with the other
    /// fields varied by `n` (enums, Bools, integers, array lengths, days and times).
    static func changes(_ s: String, optional: Bool, n: Int = 0) -> [Change] {
        func o(_ x: String) -> String? { optional ? x : nil }
        func pick<T>(_ a: [T]) -> T { a[n % a.count] }
        let day = Day(ordinal: 20_000 + n * 37)
        let t = Date(timeIntervalSince1970: 1_795_597_200 + Double(n) * 86_461)
        let count = n % 4
        let roles = Array(Role.allCases.prefix(count == 0 ? 0 : count + 1))
        let person = PersonData(login: s, name: s, roles: roles, title: o(s), rank: o(s), section: o(s),
                                differentPerson: optional ? n % 2 == 0 : nil)
        let item = HandoverItem(name: s, quantity: s, registration: o(s), classification: optional ? pick(Confidentiality.allCases) : nil,
                                restrictions: optional ? [Restriction(rawValue: s), .noCopy] : nil)
        let checks = Array(TakeoutCheck.allCases.prefix(count))
        let restrictions = n % 3 == 0 ? Restriction.standard : n % 3 == 1 ? [] : [Restriction(rawValue: s), .noCopy]
        let incoming = IncomingMedium(registration: s, model: s, theirs: s, kind: pick(MediumKind.allCases),
                                      category: pick(DataCategory.allCases), classification: pick(Confidentiality.allCases))
        return [
            .header(HeaderData(format: 1, unit: s, officer: person, scheme: s)),
            .personEnrolled(person),
            .rolesChanged(RolesData(login: s, roles: roles)),
            .mediumRegistered(MediumData(registration: s, kind: pick(MediumKind.allCases), category: pick(DataCategory.allCases),
                                         classification: pick(Confidentiality.allCases), restrictions: restrictions,
                                         secret: n % 2 == 0, model: o(s), serial: o(s), capacity: o(s), location: o(s),
                                         encrypted: n % 3 == 0, writeProtected: n % 2 == 1, origin: s, fromUnit: o(s),
                                         theirRegistration: o(s), importFile: o(s), importLine: optional ? n * 1000 + 1 : nil,
                                         registeredOn: optional ? day : nil)),
            .virusChecked(ScanData(registration: s, result: pick(ScanResult.allCases), note: o(s), product: o(s), definitions: optional ? day : nil)),
            .mediumLost(LostData(registration: s, note: s)),
            .mediumFound(LostData(registration: s, note: s)),
            .useStarted(UseStartData(registration: s, purpose: s, place: o(s), until: optional ? t : nil,
                                     scan: optional ? UseScanData(result: pick(ScanResult.allCases), product: o(s)) : nil)),
            .useEnded(UseEndData(registration: s, note: o(s))),
            .takeoutRequested(TakeoutRequestData(request: s, registration: s, destination: s, purpose: s, from: t,
                                                 until: t.addingTimeInterval(3_600), transport: o(s))),
            .requestApproved(DecisionData(request: s, confirmed: checks, comment: o(s))),
            .requestRejected(RejectionData(request: s, reason: s)),
            .requestWithdrawn(WithdrawalData(request: s, reason: o(s))),
            .takeoutDeparted(MovementData(registration: s, request: s, note: o(s))),
            .takeoutReturned(MovementData(registration: s, request: s, note: o(s))),
            .recordCorrected(CorrectionData(target: pick([0, 5, -12, Int.max, Int.min, 1_234_567]), reason: s, note: s)),
            .configured(ConfigData(key: s, value: s)),
            .mediumAmended(AmendmentData(registration: s, reason: s, changes: Array(repeating: FieldChange(
                field: pick(AmendableField.allCases), from: s, to: o(s) ?? ""), count: count))),
            .handoverDrafted(HandoverDraftData(handover: s, to: s, contract: o(s), returnRequired: n % 2 == 0,
                                               items: Array(repeating: item, count: count), note: o(s), noReturnReason: o(s))),
            .handoverEdited(HandoverDraftData(handover: s, to: s, contract: o(s), returnRequired: n % 2 == 1,
                                              items: Array(repeating: item, count: count), note: o(s), noReturnReason: o(s))),
            .transferEdited(TransferDraftData(transfer: s, to: s, media: Array(repeating: s, count: count), note: o(s))),
            .handoverDispatched(HandoverDispatchData(handover: s, date: day, due: day.adding(days: 7), sender: s)),
            .handoverReceived(HandoverReceiptData(handover: s, date: day, by: s,
                                                  items: Array(repeating: ReceivedItem(name: s, quantity: s), count: count))),
            .handoverReminded(HandoverNoteData(handover: s, note: o(s))),
            .handoverAcknowledged(HandoverNoteData(handover: s, note: o(s))),
            .handoverReturned(HandoverDisposalData(handover: s, items: Array(repeating: s, count: count), date: day,
                                                   report: o(s), signer: o(s))),
            .handoverDestroyed(HandoverDisposalData(handover: s, items: Array(repeating: s, count: count), date: day,
                                                    report: o(s), signer: o(s))),
            .handoverRecalled(HandoverNoteData(handover: s, note: o(s))),
            .handoverIncoming(HandoverIncomingData(handover: s, from: s, items: Array(repeating: item, count: count), date: day,
                                                   by: s, note: o(s))),
            .transferDrafted(TransferDraftData(transfer: s, to: s, media: Array(repeating: s, count: count), note: o(s))),
            .transferDispatched(TransferDispatchData(transfer: s, date: day, sender: s)),
            .transferReceived(TransferReceiptData(transfer: s, date: day, by: s, received: optional ? Array(repeating: s, count: count) : nil)),
            .handoverLate(LateArrivalData(id: s, media: Array(repeating: s, count: count),
                                          items: Array(repeating: ReceivedItem(name: s, quantity: s), count: count), date: day)),
            .transferLate(LateArrivalData(id: s, media: Array(repeating: s, count: count), date: day)),
            .transferIncoming(TransferIncomingData(transfer: s, from: s, media: Array(repeating: incoming, count: count),
                                                   date: day, by: s, note: o(s))),
            .transferRecalled(TransferRecallData(transfer: s, reason: s)),
            .personEdited(PersonEditData(login: s, name: s, title: o(s), rank: o(s), section: o(s))),
            .personRetired(RetirementData(login: s, reason: s)),
            .officerChanged(OfficerChangeData(from: s, to: s, reason: o(s))),
            .life(.pledgeRecorded(PledgeData(login: s, date: day))),
            .life(.keyAdded(KeyData(key: s, opens: s, location: o(s)))),
            .life(.keyLent(KeyLendData(key: s, to: s, until: t))),
            .life(.keyReturned(KeyReturnData(key: s))),
            .life(.rosterAdded(RosterEntryData(contract: s, number: pick([1, 7, 10_000]), name: s, kana: s, born: day, address: s,
                                               nationality: s, post: s, duty: pick(RosterDuty.allCases), result: o(s), note: o(s)))),
            .life(.inventoryStarted(InventoryStartData(inventory: s, asOf: day, locations: Array(repeating: s, count: count)))),
            .life(.inventoryCounted(InventoryCountData(inventory: s, registrations: Array(repeating: s, count: count)))),
            .life(.inventoryClosed(InventoryCloseData(inventory: s, missing: Array(repeating: s, count: count),
                                                      incidents: Array(repeating: s, count: count)))),
            .life(.disposalRequested(DisposalRequestData(request: s, registration: s, kind: pick(DisposalKind.allCases), method: s, reason: s))),
            .life(.disposalApproved(DisposalApprovalData(request: s, comment: o(s)))),
            .life(.disposalRejected(DisposalRejectionData(request: s, reason: s))),
            .life(.disposalDone(DisposalDoneData(request: s, certificate: s, date: day, operatorLogin: s, witness: s))),
            .life(.incidentStep(IncidentStepData(incident: s, step: s, note: o(s)))),
            .life(.incidentClosed(IncidentCloseData(incident: s, conclusion: s))),
        ]
    }

    func test_everyChange_everyOptionalSetAndNil() {
        for optional in [true, false] {
            for n in 0..<12 {
                let cs = Self.changes(n % 2 == 0 ? "x" : "名前 \"q\"", optional: optional, n: n)
                XCTAssertEqual(Set(cs.map(\.type)), Self.allTypes, "every case")
                for c in cs {
                    for via in [nil, "root"] as [String?] {
                        same(Record(seq: n * 1000 + 3, at: Date(timeIntervalSince1970: 1_795_597_200), actor: "a", via: via,
                                    prev: Self.prev, change: c), "optional \(optional) n \(n) via \(via ?? "nil")")
                    }
                }
            }
        }
        // Nil optionals are left out, not written as null.
        let line = String(decoding: Record(seq: 1, at: Date(timeIntervalSince1970: 0), actor: "a", prev: "p",
                                           change: .useEnded(UseEndData(registration: "R", note: nil))).encodedLine(), as: UTF8.self)
        XCTAssertEqual(line, #"{"actor":"a","at":"1970-01-01T00:00:00Z","prev":"p","seq":1,"type":"use.ended","v":1,"data":{"registration":"R"}}"#)
    }

    // MARK: - Strings

    /// Strings JSON escapes, and strings near them it does not.
    static var specialStrings: [String] {
        var controls = ""
        for c in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(c))) }
        var out = ["", controls, "\u{7F}", "\"", "\\", "/", "\\\"", "\"\\/", "a/b//c", "\u{2028}", "\u{2029}", "a\u{2028}b\u{2029}c",
                   "😀", "👨‍👩‍👧‍👦", "🇯🇵", "a😀b", "e\u{301}", "\u{301}", "é", "が", "か\u{3099}", "山田 太郎", "第1通信隊",
                   "ｶﾀｶﾅ", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}", "\u{80}\u{85}\u{A0}\u{AD}", "\u{200B}\u{200D}",
                   "\r\n", "\u{1B}[31m", "tab\there", "{\"a\":[1,2]}", "\\u0041", "null", "true", "0", "-"]
        for c in 0..<0x20 { out.append("x" + String(Unicode.Scalar(UInt8(c))) + "y") }
        // Long ones: the writer's buffer grows (escapes take up to six bytes).
        out += [String(repeating: controls, count: 40), String(repeating: "\u{0}\"\\é😀日", count: 300), String(repeating: "a", count: 5000)]
        return out
    }

    func test_specialStrings_everyField() {
        for (k, s) in Self.specialStrings.enumerated() {
            for optional in [true, false] {
                for c in Self.changes(s, optional: optional, n: k) {
                    same(Record(seq: k, at: Date(timeIntervalSince1970: 1_795_597_200), actor: s, via: s, prev: s, change: c),
                         "string \(s.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
    }

    /// Every Unicode scalar (in chunks of 512), in the envelope and in a payload.
    func test_everyUnicodeScalar() {
        var scalars: [Unicode.Scalar] = []
        for v in 0...0x10FFFF { if let u = Unicode.Scalar(v) { scalars.append(u) } }
        var k = 0
        while k < scalars.count {
            var s = ""
            s.unicodeScalars.append(contentsOf: scalars[k..<min(k + 512, scalars.count)])
            // JSONDecoder reads some strings back as canonically equal but different scalars; compare bytes only here.
            same(Record(seq: k, at: Date(timeIntervalSince1970: 0), actor: s, via: s, prev: s,
                        change: .personEnrolled(PersonData(login: s, name: s, roles: [.clerk], title: s))), "scalars from \(k)",
                 roundTrip: false)
            k += 512
        }
    }

    /// Thousands of seeded random strings, built from the characters that matter most.
    func test_randomStrings() {
        var rng = SplitMix64(seed: 20261130)
        let pools: [[UInt32]] = [
            Array(0..<0x80), Array(0..<0x20) + [0x22, 0x5C, 0x2F, 0x7F], Array(0x80..<0x800),
            [0x2028, 0x2029, 0xFEFF, 0xFFFD, 0x200D, 0x301, 0x3099], Array(0x3040..<0x3100) + Array(0x4E00..<0x4F00),
            Array(0x1F600..<0x1F650) + [0x1F1EF, 0x1F1F5, 0x10FFFF],
        ]
        var strings: [String] = []
        for _ in 0..<4000 {
            var s = ""
            let len = Int(rng.next() % 24)
            for _ in 0..<len {
                if rng.next() % 8 == 0 {
                    // anywhere in Unicode
                    let v = UInt32(rng.next() % 0x110000)
                    if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) }
                } else {
                    let pool = pools[Int(rng.next() % UInt64(pools.count))]
                    s.unicodeScalars.append(Unicode.Scalar(pool[Int(rng.next() % UInt64(pool.count))])!)
                }
            }
            strings.append(s)
        }
        var roundTrips = 0
        for (k, s) in strings.enumerated() {
            let cs = Self.changes(s, optional: k % 3 != 0, n: k)
            let c = cs[k % cs.count]
            let r = Record(seq: k, at: Date(timeIntervalSince1970: Double(k) * 7919), actor: s, via: k % 2 == 0 ? s : nil,
                           prev: Self.prev, change: c)
            // A decoded string may be canonically equal with other scalars (String ==), which still counts as equal.
            same(r, "random \(k) \(s.unicodeScalars.map { String($0.value, radix: 16) })")
            roundTrips += 1
        }
        XCTAssertEqual(roundTrips, 4000)
    }

    // MARK: - Numbers, times, days

    func test_edgeIntegersTimesAndDays() {
        let seqs = [0, 1, 9, 10, 99, 100, 12345, Int(Int32.max), Int.max, -1, -10, Int.min]
        let times: [Double] = [0, -1, 59, 86_399, 86_400, 951_782_400, 1_795_597_200.999, -62_135_596_800, 253_402_300_799,
                               253_402_300_800, -62_135_596_801, -100_000_000_000, 1e12, 4_102_444_800]
        /// Times the journal can read back: years 0001-9999.
        func readable(_ t: Double) -> Bool { (-62_135_596_800..<253_402_300_800).contains(t) }
        for (k, seq) in seqs.enumerated() {
            for t in times {
                let at = Date(timeIntervalSince1970: t)
                same(Record(seq: seq, at: at, actor: "a", prev: "p", change: .useStarted(
                    UseStartData(registration: "R", purpose: "p", place: nil, until: Date(timeIntervalSince1970: t.rounded(.down) + Double(k))))),
                     "seq \(seq) t \(t)", roundTrip: readable(t) && readable(t.rounded(.down) + Double(k)))
                same(Record(seq: seq, at: at, actor: "a", prev: "p", change: .recordCorrected(
                    CorrectionData(target: seqs[(k + 3) % seqs.count], reason: "r", note: "n"))),
                     "seq \(seq) t \(t)", roundTrip: readable(t))
            }
        }
        // Days in and far outside 0001-9999 (a Day made from an ordinal can be anywhere).
        for ordinal in [-719_162, -719_163, -800_000, -1, 0, 1, 10_957, 20_000, 2_932_896, 2_932_897, 4_000_000] {
            let d = Day(ordinal: ordinal)
            let inRange = (1...9999).contains(d.year)
            same(Record(seq: 1, at: Date(timeIntervalSince1970: 0), actor: "a", prev: "p", change: .transferReceived(
                TransferReceiptData(transfer: "T", date: d, by: "b"))), "day \(ordinal)", roundTrip: inRange)
            same(Record(seq: 1, at: Date(timeIntervalSince1970: 0), actor: "a", prev: "p", change: .handoverDispatched(
                HandoverDispatchData(handover: "H", date: d, due: d.adding(days: 7), sender: "s"))), "day \(ordinal)",
                 roundTrip: inRange && (1...9999).contains(d.adding(days: 7).year))
        }
    }
}
