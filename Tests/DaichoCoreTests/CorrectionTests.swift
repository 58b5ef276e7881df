// Corrections that change state (DOMAIN.md "Approvals": correction of a record, a
// request decided by someone else, 002 第19条): once approved the ledger is folded as
// if the corrected record had said what the correction says, the original stays in the
// journal marked corrected, and an approval that would make a later record break a rule
// is refused. A full replay of the journal gives the same state.

@testable import DaichoCore
import Foundation
import XCTest

final class CorrectionTests: XCTestCase {
    func ask(_ target: Int, _ set: [String: String]) -> Command {
        .requestCorrection(target: target, reason: "記録の誤り", set: set.sorted { $0.key < $1.key }.map { FieldValue(field: $0.key, value: $0.value) })
    }

    @discardableResult
    func request(_ f: inout Fixture, _ target: Int, _ set: [String: String], as login: String = Who.clerk) -> String {
        guard case .correctionRequested(let d)? = f.must(ask(target, set), as: login) else { XCTFail("no request"); return "" }
        return d.request
    }

    func test_aVirusCheckOnTheWrongMedium_correctedByRequest_decidedBySomeoneElse_foldedAsIfRight() throws {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        f.must(.scan(registration: a, result: .infected, note: "定期検査"), as: Who.clerk)
        let wrong = f.ledger.nextSeq - 1
        XCTAssertEqual(f.status(a), .quarantined)
        let id = request(&f, wrong, ["registration": b])
        XCTAssertEqual(id, "COR-0001")
        XCTAssertEqual(f.status(a), .quarantined, "nothing changes before the decision")
        XCTAssertEqual(f.ledger.correctionsToDecide(for: Who.supervisor).map(\.id), [id])
        // Not the requester, not an auditor or another clerk (002 第19条).
        f.refuse(.approve(request: id, confirmed: [], comment: nil), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer, .supervisor]))
        f.refuse(.approve(request: id, confirmed: [], comment: nil), as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.officer, .supervisor]))
        let own = request(&f, try XCTUnwrap(f.ledger.media[b]?.history.first), ["location": "金庫"], as: Who.officer)
        f.refuse(.approve(request: own, confirmed: [], comment: nil), as: Who.officer, .selfApproval(request: own))
        XCTAssertNotNil(f.violation(.requestApproved(DecisionData(request: own, confirmed: [], comment: nil)), by: Who.officer))
        f.must(.reject(request: own, reason: "不要"), as: Who.supervisor)
        f.must(.approve(request: id, confirmed: [], comment: "取り違えを確認"), as: Who.supervisor)
        XCTAssertEqual(f.status(a), .stored, "the check was never of this medium")
        XCTAssertEqual(f.status(b), .quarantined, "the check the record should have named")
        XCTAssertEqual(f.ledger.records[wrong]?.change.registration, a, "the original stays in the journal")
        XCTAssertTrue(f.ledger.corrections[wrong]?.contains(f.ledger.correctionRequests[id]!.seq) == true, "marked corrected")
        XCTAssertEqual(f.ledger.correctionRequests[id]?.state, .approved)
        // A full replay of the journal gives the same state.
        XCTAssertTrue(try f.replayed().sameState(as: f.ledger))
        // And the register goes on from the corrected state: a, checked clean, may be used.
        f.must(.startUse(registration: a, purpose: "作業", place: nil, until: nil), as: Who.clerk)
    }

    func test_theWrongResult_andARegisterField_001_3_3_付紙第4() throws {
        var f = Fixture.staffed()
        let a = f.register()
        f.must(.scan(registration: a, result: .infected, note: nil), as: Who.clerk)
        let scan = f.ledger.nextSeq - 1
        let registered = try XCTUnwrap(f.ledger.media[a]?.history.first)
        f.must(.approve(request: request(&f, scan, ["result": "clean"]), confirmed: [], comment: nil), as: Who.officer)
        XCTAssertEqual(f.status(a), .stored)
        f.must(.approve(request: request(&f, registered, ["class": "3", "location": "金庫"]), confirmed: [], comment: nil), as: Who.supervisor)
        XCTAssertEqual(f.ledger.media[a]?.data.classification, .c3)
        XCTAssertEqual(f.ledger.media[a]?.data.location, "金庫")
        XCTAssertTrue(try f.replayed().sameState(as: f.ledger))
    }

    func test_aCorrectionThatWouldBreakALaterRecord_isRefused_andAForgedApprovalIsDamage() throws {
        var f = Fixture.staffed()
        let a = f.register(scanned: false)
        f.must(.scan(registration: a, result: .clean, note: nil), as: Who.clerk)
        let scan = f.ledger.nextSeq - 1
        // The use rests on that check (001 第3-3).
        f.must(.startUse(registration: a, purpose: "作業", place: nil, until: nil), as: Who.clerk)
        let id = request(&f, scan, ["result": "infected"])
        guard case .correction(.breaksLater(let why))? = f.refusal(.approve(request: id, confirmed: [], comment: nil), as: Who.officer) else {
            return XCTFail("approved a correction that makes the use unlawful")
        }
        XCTAssertTrue(why.contains("quarantined") || why.contains("check"), why)
        XCTAssertEqual(f.ledger.correctionRequests[id]?.state, .pending)
        // A forged approval folds into an inconsistent ledger: the journal is damaged there.
        var forged = f.ledger
        let r = Record(seq: forged.nextSeq, at: f.now, actor: Who.officer, prev: Record.genesisHash,
                       change: .requestApproved(DecisionData(request: id, confirmed: [], comment: nil)))
        XCTAssertThrowsError(try forged.apply(r))
    }

    func test_whatCannotBeCorrected_isRefusedWithTheList() throws {
        var f = Fixture.staffed()
        let a = f.register()
        let scan = f.ledger.nextSeq - 1
        guard case .correction(.notCorrectable(let t, _))? = f.refusal(ask(0, ["unit": "x"]), as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(t, "ledger.header")
        guard case .correction(.fieldNotCorrectable("at", _, let known))? = f.refusal(ask(scan, ["at": "x"]), as: Who.clerk) else { return XCTFail() }
        XCTAssertTrue(known.contains("result"))
        f.refuse(ask(scan, ["result": "clean"]), as: Who.clerk, .correction(.nothingChanges))
        guard case .correction(.badValue)? = f.refusal(ask(scan, ["result": "maybe"]), as: Who.clerk) else { return XCTFail() }
        f.refuse(ask(9999, ["result": "infected"]), as: Who.clerk, .unknownRecord(9999))
        f.refuse(ask(scan, ["result": "infected"]), as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.clerk, .officer, .supervisor]))
        let id = request(&f, scan, ["note": "定期"])
        f.refuse(ask(scan, ["note": "x"]), as: Who.clerk2, .correction(.alreadyPending(target: scan, id: id)))
        _ = a
    }

    func test_recordsRoundTripCanonically() throws {
        var f = Fixture.staffed()
        let a = f.register()
        _ = a
        request(&f, f.ledger.nextSeq - 1, ["note": "定期検査", "product": "ウイルスバスター\"2026\""])
        let r = try XCTUnwrap(f.ledger.records.last)
        XCTAssertEqual(r.encodedLine(), r.encodedLineWithFoundation())
        XCTAssertEqual(try Record.decode(line: r.encodedLine()), r)
    }
}
