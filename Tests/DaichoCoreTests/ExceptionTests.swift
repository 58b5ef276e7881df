// Exceptions (例外措置, 002 第26–27条; 001 付紙第4 1(4) 暗号化機能の無効化): asked for by
// anyone who works with media, decided by the configured deciders (default the
// officer) and never by the requester (002 第19条); while valid they let exactly
// the rule they name through the one exit check, the exit record names them, and
// after their period they let nothing through. Each rule is checked by decide and
// again by the replay of a forged record.

@testable import DaichoCore
import Foundation
import XCTest

final class ExceptionTests: XCTestCase {
    func ask(_ rule: String, medium: String? = nil, caseID: String? = nil, until: Date) -> Command {
        .requestException(rule: rule, medium: medium, caseID: caseID, reason: "演習のため", until: until)
    }

    @discardableResult
    func requestException(_ f: inout Fixture, _ rule: String, medium: String? = nil, caseID: String? = nil,
                          until: Date, as login: String = Who.clerk) -> String {
        guard case .exceptionRequested(let d)? = f.must(ask(rule, medium: medium, caseID: caseID, until: until), as: login) else {
            XCTFail("no exception"); return ""
        }
        return d.exception
    }

    // MARK: 002 第26–27条: asked for, decided by someone else

    func test_request_anyoneWhoWorksWithMedia_decidedByTheOfficer_neverByTheRequester_002_26_19() throws {
        var f = Fixture.staffed()
        let a = f.register(restrictions: ["持出禁止"])
        f.refuse(ask("持出禁止", medium: a, until: f.now + day), as: Who.auditor,
                 .roleRequired(login: Who.auditor, roles: [.clerk, .officer, .supervisor]))
        f.refuse(ask("持出禁止", medium: a, until: f.now - hour), as: Who.clerk, .untilInPast)
        f.refuse(ask("持出禁止", until: f.now + day), as: Who.clerk, .rule(.exceptionSubject))
        f.refuse(ask("持出禁止", medium: a, caseID: "HO-0001", until: f.now + day), as: Who.clerk, .rule(.exceptionSubject))
        f.refuse(ask("持出禁止", caseID: "HO-0099", until: f.now + day), as: Who.clerk, .unknownCase("HO-0099"))
        // Only a rule the ledger keeps can be suspended; 複製禁止 stops no action daicho records.
        guard case .rule(.notExceptable("複製禁止", let known))? = f.refusal(ask("複製禁止", medium: a, until: f.now + day), as: Who.clerk) else {
            return XCTFail("複製禁止 accepted")
        }
        XCTAssertEqual(known, ["持出禁止", "配布禁止", "暗号化"])
        let id = requestException(&f, "持出禁止", medium: a, until: f.now + day)
        XCTAssertEqual(id, "EX-0001")
        XCTAssertEqual(try f.ledger.exception(id).state, .pending)
        XCTAssertEqual(f.ledger.exceptionsToDecide(for: Who.officer).map(\.id), [id])
        XCTAssertEqual(f.ledger.exceptionsToDecide(for: Who.supervisor).map(\.id), [], "default deciders: the officer")
        // The requester never decides, even as an officer.
        let own = requestException(&f, "持出禁止", medium: a, until: f.now + day, as: Who.officer)
        f.refuse(.approve(request: own, confirmed: [], comment: nil), as: Who.officer, .selfApproval(request: own))
        XCTAssertNotNil(f.violation(.requestApproved(DecisionData(request: own, confirmed: [], comment: nil)), by: Who.officer))
        f.refuse(.approve(request: id, confirmed: [], comment: nil), as: Who.supervisor,
                 .roleRequired(login: Who.supervisor, roles: [.officer]))
        XCTAssertNotNil(f.violation(.requestApproved(DecisionData(request: id, confirmed: [], comment: nil)), by: Who.supervisor))
        f.must(.reject(request: own, reason: "不要"), as: Who.officer2)
        f.must(.approve(request: id, confirmed: [], comment: "演習期間のみ"), as: Who.officer)
        f.refuse(.approve(request: id, confirmed: [], comment: nil), as: Who.officer2, .rule(.exceptionNotPending(id: id)))
        XCTAssertEqual(try f.ledger.exception(id).state, .approved)
        XCTAssertEqual(try f.ledger.exception(own).state, .rejected)
        // Configurable: supervisors may decide too.
        f.must(.configure(key: "approvers.exception", value: "officer,supervisor"), as: Who.officer)
        let third = requestException(&f, "持出禁止", medium: a, until: f.now + day)
        f.must(.approve(request: third, confirmed: [], comment: nil), as: Who.supervisor)
    }

    func test_secretMedia_areNeverAnException_001_付紙第4_1_1_ア_ｱ() {
        var f = Fixture.staffed()
        var n = NewMedium(kind: .usb, category: .business, classification: .c3)
        n.secret = true
        guard case .mediumRegistered(let d)? = f.must(.register(n), as: Who.officer) else { return XCTFail() }
        f.refuse(ask("暗号化", medium: d.registration, until: f.now + day), as: Who.clerk, .rule(.secret(registration: d.registration)))
        let forged = Change.exceptionRequested(ExceptionRequestData(exception: "EX-0001", rule: "暗号化", registration: d.registration,
                                                                    caseID: nil, reason: "x", until: f.now + day))
        XCTAssertNotNil(f.violation(forged, by: Who.clerk))
    }

    // MARK: While valid it lets exactly what it names through, and the record names it

    func test_takeoutOfA持出禁止Medium_underAValidException_theDepartureNamesIt_002_26_別表1() throws {
        var f = Fixture.staffed()
        let a = f.register(restrictions: ["持出禁止"])
        let other = f.register(restrictions: ["持出禁止"])
        let req = Command.requestTakeout(registration: a, destination: "陸上幕僚監部", purpose: "演習", from: nil, until: f.now + 2 * day, transport: nil)
        f.refuse(req, as: Who.clerk, .takeoutForbidden(registration: a))
        let id = requestException(&f, "持出禁止", medium: a, until: f.now + 3 * day)
        // Pending: nothing goes through yet.
        f.refuse(req, as: Who.clerk, .takeoutForbidden(registration: a))
        f.must(.approve(request: id, confirmed: [], comment: nil), as: Who.officer)
        // Exactly the medium it names: another 持出禁止 medium stays refused.
        f.refuse(.requestTakeout(registration: other, destination: "x", purpose: "y", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .takeoutForbidden(registration: other))
        let q = f.request(a)
        f.approve(q)
        guard case .takeoutDeparted(let d)? = f.must(.depart(registration: a), as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.exceptions, [id], "the record of the exit names the exception")
        XCTAssertEqual(try f.ledger.exception(id).uses, [f.ledger.nextSeq - 1])
        // The replay: a departure that leaves the exception out, or names one it did not need.
        XCTAssertNotNil(f.ledger.exceptionNamingViolation(needed: [id], named: nil, record: "x"))
        XCTAssertNil(f.ledger.exceptionNamingViolation(needed: [id], named: [id], record: "x"))
        XCTAssertNotNil(f.ledger.exceptionNamingViolation(needed: [], named: ["EX-0009"], record: "x"))
    }

    func test_afterItsPeriod_itLetsNothingThrough_andAForgedDepartureIsDamage_002_27() throws {
        var f = Fixture.staffed()
        let a = f.register(restrictions: ["持出禁止"])
        let id = requestException(&f, "持出禁止", medium: a, until: f.now + day)
        f.must(.approve(request: id, confirmed: [], comment: nil), as: Who.officer)
        let q = f.request(a, until: f.now + 3 * day)
        f.approve(q)
        f.now += 2 * day
        f.refuse(.depart(registration: a), as: Who.clerk, .takeoutForbidden(registration: a))
        XCTAssertFalse(try f.ledger.exception(id).valid(at: f.now))
        let forged = Change.takeoutDeparted(MovementData(registration: a, request: q, note: nil, exceptions: [id]))
        XCTAssertNotNil(f.violation(forged, by: Who.clerk), "an ended exception lets nothing through")
        let bare = Change.takeoutDeparted(MovementData(registration: a, request: q, note: nil))
        XCTAssertNotNil(f.violation(bare, by: Who.clerk))
    }

    func test_encryptionException_letsAnUnencryptedC3MediumBeHandedOver_theDispatchNamesIt_002_49_付紙第4_1_4() throws {
        var f = Fixture.staffed()
        let a = f.register(.usb, .business, .c2, restrictions: ["暗号化必須"])
        guard case .handoverDrafted(let h)? = f.must(.newHandover(to: "A社", contract: nil, returnRequired: false, items: [], media: [a], note: nil),
                                                     as: Who.clerk) else { return XCTFail() }
        f.refuse(.dispatchHandover(id: h.handover, date: nil, dueDays: nil), as: Who.clerk,
                 .rule(.encryptionRequired(registration: a, exit: .handover)))
        // By case: the handover it leaves with.
        let id = requestException(&f, "暗号化", caseID: h.handover, until: f.now + day)
        f.must(.approve(request: id, confirmed: [], comment: nil), as: Who.officer)
        let forgedBare = Change.handoverDispatched(HandoverDispatchData(handover: h.handover, date: Day(f.now, in: f.tz),
                                                                         due: Day(f.now, in: f.tz).adding(days: 7), sender: "x"))
        XCTAssertNotNil(f.violation(forgedBare, by: Who.clerk), "a dispatch under an exception that does not name it")
        guard case .handoverDispatched(let d)? = f.must(.dispatchHandover(id: h.handover, date: nil, dueDays: nil), as: Who.clerk) else {
            return XCTFail()
        }
        XCTAssertEqual(d.exceptions, [id])
        XCTAssertEqual(try f.ledger.exception(id).uses.count, 1)
        // 配布禁止 is not what it suspends.
        let b = f.register(restrictions: ["配布禁止"])
        f.refuse(.newHandover(to: "A社", contract: nil, returnRequired: false, items: [], media: [b], note: nil), as: Who.clerk,
                 .distributionForbidden(registration: b))
    }

    func test_aQuarantinedMedium_orOneWithACheckDue_isNeverLetThrough_001_3_3() throws {
        var f = Fixture.staffed()
        let a = f.register(restrictions: ["持出禁止"])
        let id = requestException(&f, "持出禁止", medium: a, until: f.now + 3 * day)
        f.must(.approve(request: id, confirmed: [], comment: nil), as: Who.officer)
        f.must(.scan(registration: a, result: .infected, note: nil), as: Who.clerk)
        f.refuse(.requestTakeout(registration: a, destination: "x", purpose: "y", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .quarantined(registration: a))
    }

    func test_transferOfA配布禁止Medium_underAnException_002_別表1() throws {
        var f = Fixture.staffed()
        let a = f.register(restrictions: ["配布禁止"])
        let draft = Command.newTransfer(to: "第2通信隊", media: [a], note: nil)
        f.refuse(draft, as: Who.officer, .distributionForbidden(registration: a))
        let id = requestException(&f, "配布禁止", medium: a, until: f.now + day)
        f.must(.approve(request: id, confirmed: [], comment: nil), as: Who.officer)
        guard case .transferDrafted(let t)? = f.must(draft, as: Who.officer) else { return XCTFail() }
        guard case .transferDispatched(let d)? = f.must(.dispatchTransfer(id: t.transfer, date: nil), as: Who.officer) else { return XCTFail() }
        XCTAssertEqual(d.exceptions, [id])
    }

    // MARK: The journal: canonical lines

    func test_recordsRoundTripCanonically() throws {
        var f = Fixture.staffed()
        let a = f.register(restrictions: ["持出禁止"])
        let id = requestException(&f, "持出禁止", medium: a, until: f.now + day)
        f.must(.approve(request: id, confirmed: [], comment: nil), as: Who.officer)
        _ = f.takeOut(a)
        let types = f.ledger.records.map(\.change.type)
        XCTAssertTrue(types.contains("exception.requested") && types.contains("takeout.departed"))
        for r in f.ledger.records where r.change.type == "exception.requested" || r.change.type == "takeout.departed" {
            let line = r.encodedLine()
            XCTAssertEqual(line, r.encodedLineWithFoundation(), "the fast writer spells it as JSONEncoder does")
            XCTAssertEqual(try Record.decode(line: line), r)
        }
    }
}
