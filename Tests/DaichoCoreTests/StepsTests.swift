// Approvals in more than one step (issue 11; 002 第47条, 第19条; 001 付紙第4 1(1)ア(ｳ)):
// `steps.takeout.N` makes a take-out of class N need several decisions, each step by the
// roles it names, each decider a different person from the requester and from every
// earlier decider; the officer is in one of the steps; the replay refuses a step taken by
// the wrong person.

@testable import DaichoCore
import Foundation
import XCTest

final class StepsTests: XCTestCase {
    func approve(_ id: String) -> Command { .approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil) }

    func test_aC3TakeOut_needsTheOfficerThenASupervisor_eachADifferentPerson_002_47_19() throws {
        var f = Fixture.staffed()
        f.refuse(.configure(key: "steps.takeout.3", value: "supervisor;supervisor"), as: Who.officer,
                 .rule(.badSteps("steps.takeout.3 supervisor;supervisor")))
        f.refuse(.configure(key: "steps.takeout.3", value: "officer;auditor"), as: Who.officer, .rule(.badSteps("steps.takeout.3 officer;auditor")))
        f.refuse(.configure(key: "steps.takeout.3", value: "officer;supervisor"), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.must(.configure(key: "steps.takeout.3", value: "officer;supervisor,officer"), as: Who.officer)
        let c3 = f.register(.usb, .business, .c3, encrypted: true)
        let c2 = f.register()
        // A class-2 take-out still needs one decision.
        let q2 = f.request(c2)
        f.must(approve(q2), as: Who.officer)
        XCTAssertEqual(f.state(q2), .approved)

        let q = f.request(c3)
        XCTAssertEqual(f.ledger.currentStep(f.ledger.requests[q]!).of, 2)
        XCTAssertTrue(f.ledger.approvals(for: Who.supervisor).isEmpty, "step 1 is the officer's")
        f.refuse(approve(q), as: Who.supervisor, .roleRequired(login: Who.supervisor, roles: [.officer]))
        f.must(approve(q), as: Who.officer)
        XCTAssertEqual(f.state(q), .pending, "one step of two")
        XCTAssertEqual(f.ledger.stepsDone(f.ledger.requests[q]!).map(\.by), [Who.officer])
        XCTAssertEqual(f.ledger.currentStep(f.ledger.requests[q]!).index, 1)
        // The same person never takes two steps, even where their role is allowed.
        f.refuse(approve(q), as: Who.officer, .rule(.sameDecider(request: q)))
        XCTAssertFalse(f.ledger.approvals(for: Who.officer).contains { $0.id == q })
        XCTAssertNotNil(f.ledger.ruleViolation(Record(seq: f.ledger.nextSeq, at: f.now, actor: Who.officer, prev: Record.genesisHash,
                                                      change: .requestApproved(DecisionData(request: q, confirmed: TakeoutCheck.allCases, comment: nil)))))
        f.refuse(.depart(registration: c3), as: Who.clerk, .noApprovedRequest(registration: c3))
        XCTAssertEqual(f.ledger.approvals(for: Who.supervisor).map(\.id), [q])
        f.must(approve(q), as: Who.supervisor)
        XCTAssertEqual(f.state(q), .approved)
        f.must(.depart(registration: c3), as: Who.clerk)
        // Back to one decision.
        f.must(.configure(key: "steps.takeout.3", value: "none"), as: Who.officer)
        XCTAssertEqual(f.ledger.approvalSteps["takeout.3"], nil)
        // A full replay gives the same state.
        var l = Ledger()
        for r in f.ledger.records { try l.apply(r) }
        XCTAssertTrue(l.sameState(as: f.ledger))
    }

    func test_aRejectionAtAnyStepEndsIt() {
        var f = Fixture.staffed()
        f.must(.configure(key: "steps.takeout", value: "officer;supervisor"), as: Who.officer)
        let a = f.register()
        let q = f.request(a)
        f.must(approve(q), as: Who.officer)
        f.must(.reject(request: q, reason: "期間が長すぎる"), as: Who.supervisor)
        XCTAssertEqual(f.state(q), .rejected)
    }
}
