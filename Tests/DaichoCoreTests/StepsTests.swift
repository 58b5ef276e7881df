// Approvals in more than one step (issue 11; 002 第47条, 第19条; 001 付紙第4 1(1)ア(ｳ)):
// `steps.KIND[.N]` makes a request of that kind (and class) need several decisions — a
// take-out, a 機密性3 handover's permission (002 第48条3), a disposal (001 付紙第4 1(5)),
// an exception (002 第26–27条), a correction — each step by the roles it names, each
// decider a different person from the requester and from every earlier decider; the
// officer is in one of a take-out's steps; nothing the request allows happens before its
// last step; the replay refuses a step taken by the wrong person.

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

    func plain(_ id: String) -> Command { .approve(request: id, confirmed: [], comment: nil) }

    func test_theKindsAndClassesThatMayHaveSteps() {
        var f = Fixture.staffed()
        // A discrepancy is acknowledged, not approved; a handover or a correction is about no one medium's class.
        for key in ["steps.discrepancy", "steps.handover.3", "steps.correction.2", "steps.disposal.4", "steps.nothing", "steps.exception.3.1"] {
            f.refuse(.configure(key: key, value: "officer;supervisor"), as: Who.officer, .rule(.badSteps("\(key) officer;supervisor")))
        }
        // Only a take-out's steps must hold the officer's permission (001 付紙第4 1(1)ア(ｳ)).
        f.refuse(.configure(key: "steps.takeout", value: "supervisor;supervisor"), as: Who.officer, .rule(.badSteps("steps.takeout supervisor;supervisor")))
        for key in ["steps.handover", "steps.correction", "steps.disposal", "steps.disposal.3", "steps.exception", "steps.exception.2"] {
            f.must(.configure(key: key, value: "supervisor;officer"), as: Who.officer)
        }
        f.must(.configure(key: "steps.correction", value: "supervisor;supervisor"), as: Who.officer)
        XCTAssertEqual(f.ledger.approvalSteps["correction"], [[.supervisor], [.supervisor]])
        XCTAssertTrue(f.ledger.settings.contains { $0.key == "steps.disposal.3" && $0.value == "supervisor;officer" })
        XCTAssertTrue(try f.replayed().sameState(as: f.ledger))
    }

    /// 002 第26–27条 and 第19条: an exception of two steps lets nothing through before its second.
    func test_anExceptionInTwoSteps_grantsNothingBeforeTheLast_002_26_19() throws {
        var f = Fixture.staffed()
        f.must(.configure(key: "steps.exception", value: "officer;supervisor,officer"), as: Who.officer)
        let a = f.register(restrictions: ["持出禁止"])
        guard case .exceptionRequested(let d)? = f.must(.requestException(rule: "持出禁止", medium: a, caseID: nil, reason: "演習", until: f.now + 86400),
                                                        as: Who.clerk) else { return XCTFail("no exception") }
        let id = d.exception
        XCTAssertEqual(f.ledger.exceptionsToDecide(for: Who.supervisor).map(\.id), [], "step 1 is the officer's")
        f.refuse(plain(id), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.refuse(plain(id), as: Who.supervisor, .roleRequired(login: Who.supervisor, roles: [.officer]))
        XCTAssertNotNil(f.violation(.requestApproved(DecisionData(request: id, confirmed: [], comment: nil)), by: Who.supervisor))
        f.must(plain(id), as: Who.officer)
        XCTAssertEqual(f.ledger.exceptions[id]?.state, .pending, "one step of two")
        XCTAssertEqual(f.ledger.currentStep(f.ledger.exceptions[id]!).index, 1)
        // Not valid yet: it suspends nothing.
        let rule = ExceptionRule.restriction(Restriction(rawValue: "持出禁止"))
        XCTAssertNil(f.ledger.exempting(rule, a, case: nil, at: f.now))
        // The officer who took step 1 never takes step 2, not under a second login either.
        f.refuse(plain(id), as: Who.officer, .rule(.sameDecider(request: id)))
        XCTAssertNotNil(f.violation(.requestApproved(DecisionData(request: id, confirmed: [], comment: nil)), by: Who.officer))
        var twin = f
        twin.must(.editPerson(login: Who.officer2, name: "管理 太郎", title: nil, rank: nil, section: nil), as: Who.officer)
        XCTAssertTrue(twin.ledger.samePerson(Who.officer, Who.officer2))
        twin.refuse(plain(id), as: Who.officer2, .rule(.sameDecider(request: id)))
        XCTAssertEqual(f.ledger.exceptionsToDecide(for: Who.supervisor).map(\.id), [id])
        XCTAssertEqual(f.ledger.exceptionsToDecide(for: Who.officer).map(\.id), [])
        f.must(plain(id), as: Who.supervisor)
        XCTAssertEqual(f.ledger.exceptions[id]?.state, .approved)
        XCTAssertEqual(f.ledger.exceptions[id]?.decidedBy, Who.supervisor)
        XCTAssertEqual(f.ledger.exempting(rule, a, case: nil, at: f.now)?.id, id)
        XCTAssertTrue(try f.replayed().sameState(as: f.ledger))
    }

    /// A correction of two steps changes the register only at its second (DOMAIN.md "Approvals": correction of a record).
    func test_aCorrectionInTwoSteps_foldsOnlyAtTheLast() throws {
        var f = Fixture.staffed()
        f.must(.configure(key: "steps.correction", value: "supervisor;officer"), as: Who.officer)
        let a = f.register(), b = f.register()
        f.must(.scan(registration: a, result: .infected, note: nil), as: Who.clerk)
        let wrong = f.ledger.nextSeq - 1
        guard case .correctionRequested(let d)? = f.must(.requestCorrection(target: wrong, reason: "取り違え", set: [FieldValue(field: "registration", value: b)]),
                                                         as: Who.clerk) else { return XCTFail("no correction") }
        let id = d.request
        f.refuse(plain(id), as: Who.officer, .roleRequired(login: Who.officer, roles: [.supervisor]))
        f.must(plain(id), as: Who.supervisor)
        XCTAssertEqual(f.ledger.correctionRequests[id]?.state, .pending)
        XCTAssertEqual(f.status(a), .quarantined, "not corrected before the last step")
        XCTAssertEqual(f.ledger.correctionsToDecide(for: Who.officer).map(\.id), [id])
        XCTAssertEqual(f.ledger.correctionsToDecide(for: Who.supervisor).map(\.id), [])
        f.must(plain(id), as: Who.officer)
        XCTAssertEqual(f.status(a), .stored)
        XCTAssertEqual(f.status(b), .quarantined)
        XCTAssertTrue(try f.replayed().sameState(as: f.ledger))
    }

    /// 001 付紙第4 1(5): a 機密性3 medium's disposal in two steps; a 機密性2 one still in one. Not carried out before the last.
    func test_aDisposalInStepsPerClass_001_付紙第4_1_5() throws {
        var f = Fixture.staffed()
        f.must(.configure(key: "steps.disposal.3", value: "officer;officer,supervisor"), as: Who.officer)
        let c3 = f.register(.usb, .business, .c3, encrypted: true), c2 = f.register()
        f.must(.life(.requestDisposal(registration: c2, kind: .destroy, method: "物理破壊", reason: "故障")), as: Who.clerk)
        f.must(plain("DR-0001"), as: Who.officer)
        XCTAssertEqual(f.ledger.life.disposals["DR-0001"]?.state, .approved)
        f.must(.life(.requestDisposal(registration: c3, kind: .destroy, method: "物理破壊", reason: "故障")), as: Who.clerk)
        XCTAssertEqual(f.ledger.disposalApprovals(for: Who.supervisor).map(\.id), [])
        f.must(plain("DR-0002"), as: Who.officer)
        XCTAssertEqual(f.ledger.life.disposals["DR-0002"]?.state, .pending)
        f.refuse(.life(.completeDisposal(id: "DR-0002", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)), as: Who.clerk,
                 .life(.disposalState("DR-0002", .pending)))
        f.refuse(plain("DR-0002"), as: Who.officer, .rule(.sameDecider(request: "DR-0002")))
        XCTAssertNotNil(f.violation(.life(.disposalApproved(DisposalApprovalData(request: "DR-0002", comment: nil))), by: Who.officer))
        XCTAssertEqual(f.ledger.disposalApprovals(for: Who.supervisor).map(\.id), ["DR-0002"])
        f.must(plain("DR-0002"), as: Who.supervisor)
        XCTAssertEqual(f.ledger.life.disposals["DR-0002"]?.state, .approved)
        f.must(.life(.completeDisposal(id: "DR-0002", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)), as: Who.clerk)
        XCTAssertTrue(try f.replayed().sameState(as: f.ledger))
    }

    /// 002 第48条3: a 機密性3 送付リスト permitted in two steps is dispatched only after both; an edit starts it again.
    func test_aC3HandoverPermissionInTwoSteps_002_48_3() throws {
        var f = Fixture.staffed()
        f.must(.configure(key: "steps.handover", value: "officer;officer,supervisor"), as: Who.officer)
        guard case .handoverDrafted(let d)? = f.must(.newHandover(to: "A社", contract: nil, returnRequired: false,
                                                                 items: [HandoverItem(name: "仕様書", quantity: "2部")], media: [],
                                                                 note: nil, classification: .c3), as: Who.clerk) else { return XCTFail("no draft") }
        let id = d.handover
        f.refuse(plain(id), as: Who.supervisor, .roleRequired(login: Who.supervisor, roles: [.officer]))
        f.must(plain(id), as: Who.officer)
        XCTAssertNil(f.ledger.handovers[id]?.permission)
        f.refuse(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk, .rule(.permissionRequired(id: id)))
        XCTAssertEqual(f.ledger.handoverPermissions(for: Who.supervisor).map(\.id), [id])
        // An edit undoes the steps taken: the permission is for what the list says.
        var edited = f
        edited.must(.editHandover(id: id, to: "B社", items: nil, media: nil, note: nil), as: Who.clerk)
        XCTAssertEqual(edited.ledger.stepsDone(edited.ledger.handovers[id]!).count, 0)
        XCTAssertEqual(edited.ledger.handoverPermissions(for: Who.supervisor).map(\.id), [])
        XCTAssertTrue(try edited.replayed().sameState(as: edited.ledger))
        f.refuse(plain(id), as: Who.officer, .rule(.sameDecider(request: id)))
        f.must(plain(id), as: Who.supervisor)
        XCTAssertEqual(f.ledger.handovers[id]?.permission?.by, Who.supervisor)
        f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk)
        XCTAssertTrue(try f.replayed().sameState(as: f.ledger))
    }
}
