// Records: every change round-trips through its line exactly, lines are
// stable bytes (the hash chain depends on it), and the fold refuses records
// that contradict what came before (DOMAIN.md "History is never rewritten").

@testable import DaichoCore
import XCTest

final class RecordCodingTests: XCTestCase {
    static let t0 = Date(timeIntervalSince1970: 1_795_597_200)
    static let t1 = Date(timeIntervalSince1970: 1_795_683_600)

    /// One of every change, with optional fields both filled and empty.
    static var everyChange: [Change] {
        let person = PersonData(login: "tanaka", name: "田中 \"一郎\" \\ /", roles: [.clerk, .supervisor], title: "事務官", rank: nil, section: "総務班")
        return [
            .header(HeaderData(unit: "第1情報保証隊", officer: PersonData(login: "kanri", name: "管理", roles: [.officer], title: "責任者", rank: "2佐"))),
            .header(HeaderData(unit: "u", officer: PersonData(login: "k", name: "n", roles: [.officer]), scheme: "{kind}{n:3}")),
            .personEnrolled(person),
            .personEnrolled(PersonData(login: "x", name: "y", roles: [.auditor])),
            .rolesChanged(RolesData(login: "tanaka", roles: [.clerk, .officer])),
            .rolesChanged(RolesData(login: "tanaka", roles: [])),
            .mediumRegistered(MediumData(registration: "USB-2026-0001", kind: .usb, category: .business, classification: .c3,
                                         restrictions: [.noCopy, .encryptionRequired, Restriction(rawValue: "部内限り")], secret: true,
                                         model: "M-1", serial: "S/N 1", capacity: "32GB", location: "ロッカー1", encrypted: true,
                                         writeProtected: false, origin: "new")),
            .mediumRegistered(MediumData(registration: "CD-2026-0001", kind: .cdR, category: .disclosable, classification: .c1,
                                         writeProtected: true)),
            .virusChecked(ScanData(registration: "USB-2026-0001", result: .infected, note: "検出")),
            .virusChecked(ScanData(registration: "USB-2026-0001", result: .clean, note: nil)),
            .mediumLost(LostData(registration: "USB-2026-0001", note: "所在不明")),
            .useStarted(UseStartData(registration: "USB-2026-0001", purpose: "作業", place: "端末A", until: t1)),
            .useStarted(UseStartData(registration: "USB-2026-0001", purpose: "作業", place: nil, until: nil)),
            .useEnded(UseEndData(registration: "USB-2026-0001", note: "返納")),
            .useEnded(UseEndData(registration: "USB-2026-0001", note: nil)),
            .takeoutRequested(TakeoutRequestData(request: "REQ-0001", registration: "USB-2026-0001", destination: "本部", purpose: "会議",
                                                 from: t0, until: t1, transport: "手渡し")),
            .takeoutRequested(TakeoutRequestData(request: "REQ-0002", registration: "USB-2026-0001", destination: "本部", purpose: "会議",
                                                 from: t0, until: t1, transport: nil)),
            .requestApproved(DecisionData(request: "REQ-0001", confirmed: TakeoutCheck.allCases, comment: "可")),
            .requestApproved(DecisionData(request: "REQ-0001", confirmed: [], comment: nil)),
            .requestRejected(RejectionData(request: "REQ-0001", reason: "不要")),
            .requestWithdrawn(WithdrawalData(request: "REQ-0001", reason: "中止")),
            .requestWithdrawn(WithdrawalData(request: "REQ-0001", reason: nil)),
            .takeoutDeparted(MovementData(registration: "USB-2026-0001", request: "REQ-0001", note: nil)),
            .takeoutReturned(MovementData(registration: "USB-2026-0001", request: "REQ-0001", note: "異常なし")),
            .recordCorrected(CorrectionData(target: 3, reason: "誤記", note: "正しくは…")),
        ]
    }

    func test_everyChangeRoundTripsThroughItsLine() throws {
        var types = Set<String>()
        for (i, change) in Self.everyChange.enumerated() {
            for via in [nil, "root"] as [String?] {
                let r = Record(seq: i, at: Self.t0, actor: "tanaka", via: via, prev: String(repeating: "ab", count: 32), change: change)
                let line = r.encodedLine()
                XCTAssertFalse(line.contains(0x0A), "a record is one line")
                let back = try Record.decode(line: line)
                XCTAssertEqual(back, r, change.type)
                XCTAssertEqual(back.encodedLine(), line, "encoding is stable: \(change.type)")
            }
            types.insert(change.type)
        }
        XCTAssertEqual(types.count, 15, "every Change case is covered")
    }

    func test_lineLayout_sortedKeys_dataLast_utcTime() throws {
        let r = Record(seq: 7, at: Self.t0, actor: "tanaka", prev: Record.genesisHash,
                       change: .useEnded(UseEndData(registration: "USB-2026-0001", note: "a/b")))
        let s = String(decoding: r.encodedLine(), as: UTF8.self)
        XCTAssertEqual(s, #"{"actor":"tanaka","at":"2026-11-25T09:00:00Z","prev":"\#(Record.genesisHash)","seq":7,"type":"use.ended","v":1,"data":{"note":"a/b","registration":"USB-2026-0001"}}"#)
        let obj = try JSONSerialization.jsonObject(with: r.encodedLine()) as! [String: Any]
        XCTAssertEqual(obj["v"] as? Int, 1)
        XCTAssertNil(obj["via"], "via is left out when the actor ran the command")
    }

    func test_fieldNamesAreSnakeCase() throws {
        let m = Record(seq: 1, at: Self.t0, actor: "k", prev: Record.genesisHash,
                       change: .mediumRegistered(MediumData(registration: "X-1", kind: .usb, category: .business, classification: .c2, writeProtected: true)))
        let s = String(decoding: m.encodedLine(), as: UTF8.self)
        XCTAssertTrue(s.contains(#""write_protected":true"#))
        XCTAssertTrue(s.contains(#""class":2"#))
        let u = Record(seq: 1, at: Self.t0, actor: "k", prev: Record.genesisHash,
                       change: .useStarted(UseStartData(registration: "X-1", purpose: "p", place: "端末", until: nil)))
        XCTAssertTrue(String(decoding: u.encodedLine(), as: UTF8.self).contains(#""where":"端末""#))
    }

    func test_decodeRefusesWhatItCannotRead() {
        let good = String(decoding: Record(seq: 1, at: Self.t0, actor: "k", prev: Record.genesisHash,
                                           change: .useEnded(UseEndData(registration: "X", note: nil))).encodedLine(), as: UTF8.self)
        let bad = [
            "", "not json", "{}", "[]",
            good.replacingOccurrences(of: #""type":"use.ended""#, with: #""type":"use.teleported""#),
            good.replacingOccurrences(of: #""v":1"#, with: #""v":2"#),
            good.replacingOccurrences(of: "2026-11-25T09:00:00Z", with: "2026-11-25 09:00"),
            good.replacingOccurrences(of: #","data":{"registration":"X"}"#, with: ""),
            good.replacingOccurrences(of: #""registration":"X""#, with: #""registration":7"#),
            good.replacingOccurrences(of: #""seq":1"#, with: #""seq":"1""#),
            String(good.dropLast()),
        ]
        for s in bad {
            XCTAssertThrowsError(try Record.decode(line: Data(s.utf8)), s) { XCTAssertTrue($0 is RecordDecodingError, "\($0)") }
        }
        XCTAssertNoThrow(try Record.decode(line: Data(good.utf8)))
    }

    func test_unknownEnumValuesAreRefused_notSkipped() {
        let r = Record(seq: 1, at: Self.t0, actor: "k", prev: Record.genesisHash,
                       change: .virusChecked(ScanData(registration: "X", result: .clean, note: nil)))
        let s = String(decoding: r.encodedLine(), as: UTF8.self).replacingOccurrences(of: "\"clean\"", with: "\"probably-fine\"")
        XCTAssertThrowsError(try Record.decode(line: Data(s.utf8)))
    }
}

final class ApplyTests: XCTestCase {
    private func rec(_ f: Fixture, _ change: Change, seq: Int? = nil, actor: String = Who.officer) -> Record {
        Record(seq: seq ?? f.ledger.nextSeq, at: f.now, actor: actor, prev: Record.genesisHash, change: change)
    }

    /// Asserts the fold refuses `change` naming its seq, and leaves the ledger exactly as it was.
    private func refused(_ f: Fixture, _ change: Change, seq: Int? = nil, file: StaticString = #filePath, line: UInt = #line) {
        var l = f.ledger
        let r = rec(f, change, seq: seq)
        do {
            try l.apply(r)
            XCTFail("apply accepted an inconsistent \(change.type)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.seq, r.seq, file: file, line: line)
            XCTAssertFalse(error.reason.isEmpty, file: file, line: line)
        }
        // Nothing of a refused record stays in the ledger.
        XCTAssertTrue(l.records == f.ledger.records, "records changed by a refused \(change.type)", file: file, line: line)
        XCTAssertTrue(l.media == f.ledger.media, "media changed by a refused \(change.type)", file: file, line: line)
        XCTAssertTrue(l.requests == f.ledger.requests, "requests changed by a refused \(change.type)", file: file, line: line)
        XCTAssertTrue(l.uses == f.ledger.uses, "uses changed by a refused \(change.type)", file: file, line: line)
        XCTAssertTrue(l.people == f.ledger.people, "people changed by a refused \(change.type)", file: file, line: line)
    }

    func test_firstRecordMustBeTheHeader_andThereIsOnlyOne() {
        let empty = Fixture()
        refused(empty, .personEnrolled(PersonData(login: "a", name: "A", roles: [.clerk])))
        let f = Fixture.bare()
        refused(f, .header(HeaderData(unit: "別の隊", officer: PersonData(login: "x", name: "X", roles: [.officer]))))
    }

    func test_sequenceMustBeNext() {
        let f = Fixture.staffed()
        refused(f, .personEnrolled(PersonData(login: "a", name: "A", roles: [.clerk])), seq: f.ledger.nextSeq + 1)
        refused(f, .personEnrolled(PersonData(login: "a", name: "A", roles: [.clerk])), seq: f.ledger.nextSeq - 1)
    }

    func test_useEndedForAMediumNotInUseRefused() {
        var f = Fixture.staffed()
        let reg = f.register()
        refused(f, .useEnded(UseEndData(registration: reg, note: nil)))
        refused(f, .useEnded(UseEndData(registration: "NOPE-1", note: nil)))
    }

    func test_useStartedForAMediumNotStoredRefused() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.startUse(registration: reg, purpose: "x", place: nil, until: nil), as: Who.clerk)
        refused(f, .useStarted(UseStartData(registration: reg, purpose: "x", place: nil, until: nil)))
        refused(f, .useStarted(UseStartData(registration: "NOPE-1", purpose: "x", place: nil, until: nil)))
    }

    func test_duplicatesRefused_registrationPersonRequest() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        refused(f, .mediumRegistered(MediumData(registration: reg, kind: .usb, category: .business, classification: .c1)))
        refused(f, .personEnrolled(PersonData(login: Who.clerk, name: "二重", roles: [.clerk])))
        let other = f.register()
        refused(f, .takeoutRequested(TakeoutRequestData(request: id, registration: other, destination: "d", purpose: "p",
                                                        from: f.now, until: f.now + day, transport: nil)))
    }

    func test_unknownThingsRefused() {
        let f = Fixture.staffed()
        refused(f, .rolesChanged(RolesData(login: "dareka", roles: [.clerk])))
        refused(f, .virusChecked(ScanData(registration: "NOPE-1", result: .clean, note: nil)))
        refused(f, .mediumLost(LostData(registration: "NOPE-1", note: "x")))
        refused(f, .takeoutRequested(TakeoutRequestData(request: "REQ-0001", registration: "NOPE-1", destination: "d", purpose: "p",
                                                        from: f.now, until: f.now + day, transport: nil)))
        refused(f, .requestApproved(DecisionData(request: "REQ-0404", confirmed: TakeoutCheck.allCases, comment: nil)))
        refused(f, .requestRejected(RejectionData(request: "REQ-0404", reason: "x")))
        refused(f, .requestWithdrawn(WithdrawalData(request: "REQ-0404", reason: nil)))
        refused(f, .recordCorrected(CorrectionData(target: 999, reason: "x", note: "y")))
        refused(f, .recordCorrected(CorrectionData(target: -1, reason: "x", note: "y")))
    }

    func test_requestStateMachineEnforced() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        // Not approved yet: cannot depart or return.
        refused(f, .takeoutDeparted(MovementData(registration: reg, request: id, note: nil)))
        refused(f, .takeoutReturned(MovementData(registration: reg, request: id, note: nil)))
        f.approve(id)
        refused(f, .requestApproved(DecisionData(request: id, confirmed: TakeoutCheck.allCases, comment: nil)))
        refused(f, .requestRejected(RejectionData(request: id, reason: "x")))
        refused(f, .takeoutReturned(MovementData(registration: reg, request: id, note: nil)))
        f.must(.depart(registration: reg), as: Who.clerk)
        refused(f, .takeoutDeparted(MovementData(registration: reg, request: id, note: nil)))
        refused(f, .requestWithdrawn(WithdrawalData(request: id, reason: nil)))
    }

    func test_departOfAMediumNotInStorageRefused_andLeavesTheRequestAsItWas() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.startUse(registration: reg, purpose: "x", place: nil, until: nil), as: Who.clerk)
        let id = f.request(reg)
        f.approve(id)
        refused(f, .takeoutDeparted(MovementData(registration: reg, request: id, note: nil)))
        XCTAssertEqual(f.state(id), .approved)
    }

    func test_departOrReturnNamingAnotherMediumThanTheRequestRefused() {
        var f = Fixture.staffed()
        let reg = f.register(), other = f.register()
        let id = f.request(reg)
        f.approve(id)
        refused(f, .takeoutDeparted(MovementData(registration: other, request: id, note: nil)))
        refused(f, .takeoutDeparted(MovementData(registration: "NOPE-1", request: id, note: nil)))
        f.must(.depart(registration: reg), as: Who.clerk)
        refused(f, .takeoutReturned(MovementData(registration: other, request: id, note: nil)))
        refused(f, .takeoutReturned(MovementData(registration: "NOPE-1", request: id, note: nil)))
    }

    func test_returnOfALostMediumRefused() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.takeOut(reg)
        f.must(.reportLost(registration: reg, note: "持出先で亡失"), as: Who.clerk)
        // The request is still `departed`, but the medium is lost: a return record contradicts the loss.
        refused(f, .takeoutReturned(MovementData(registration: reg, request: id, note: nil)))
    }

    func test_lostOfAFinalMediumRefused() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.reportLost(registration: reg, note: "亡失"), as: Who.clerk)
        refused(f, .mediumLost(LostData(registration: reg, note: "再")))
    }

    func test_everyDecidedChangeIsAcceptedByTheFold() {
        // A whole story through decide: `Fixture.must` fails if apply refuses anything decide returned.
        var f = Fixture.staffed()
        let reg = f.register(.ssd, .business, .c3, restrictions: ["no-copy"], encrypted: true)
        f.must(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk)
        f.must(.startUse(registration: reg, purpose: "作業", place: "端末", until: f.now + hour), as: Who.clerk)
        f.must(.endUse(registration: reg, note: nil), as: Who.clerk)
        let id = f.takeOut(reg)
        f.must(.returnTakeout(registration: reg, note: nil), as: Who.clerk)
        f.must(.correct(target: 3, reason: "誤記", note: "訂正"), as: Who.supervisor)
        f.must(.reportLost(registration: reg, note: "亡失"), as: Who.officer)
        XCTAssertEqual(f.state(id), .returned)
        XCTAssertEqual(f.ledger.records.count, f.ledger.nextSeq)
        XCTAssertEqual(f.ledger.records.map(\.seq), Array(0..<f.ledger.nextSeq))
    }
}
