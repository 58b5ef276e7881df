// Take-outs outside the managed area (持出簿, 001 付紙第4 1(1)ア(ｳ)): 持出禁止
// refuses the request (002 別表1), 暗号化必須 or 機密性3 must be encrypted
// (002 第49条), the officer permits after confirming the four checks (001
// 第3-2), nobody decides their own request (002 第19条).

@testable import DaichoCore
import XCTest

final class TakeoutRequestTests: XCTestCase {
    func test_requestRecordsThePeriodDestinationPurposeTransport_001_付紙第4_1_1_ア_ウ() {
        var f = Fixture.staffed()
        let reg = f.register()
        let until = f.now + 2 * day
        guard case .takeoutRequested(let d)? = f.must(
            .requestTakeout(registration: reg, destination: " 陸上幕僚監部 ", purpose: "会議資料", from: nil, until: until, transport: "手渡し"),
            as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.request, "REQ-0001")
        XCTAssertEqual(d.registration, reg)
        XCTAssertEqual(d.destination, "陸上幕僚監部")
        XCTAssertEqual(d.from, f.now)
        XCTAssertEqual(d.until, until)
        XCTAssertEqual(d.transport, "手渡し")
        let q = f.ledger.requests["REQ-0001"]!
        XCTAssertEqual(q.state, .pending)
        XCTAssertEqual(q.requester, Who.clerk)
        XCTAssertEqual(q.requestedAt, f.now)
        XCTAssertEqual(f.ledger.media[reg]?.openRequest, "REQ-0001")
        // Requesting does not move the medium.
        XCTAssertEqual(f.status(reg), .stored)
    }

    func test_requestIDsAreSequentialAndNeverReused() {
        var f = Fixture.staffed()
        var ids: [String] = []
        for _ in 0..<3 {
            let reg = f.register()
            let id = f.request(reg)
            ids.append(id)
            f.must(.reject(request: id, reason: "不要"), as: Who.officer)
        }
        XCTAssertEqual(ids, ["REQ-0001", "REQ-0002", "REQ-0003"])
        XCTAssertEqual(f.ledger.nextRequestID(), "REQ-0004")
    }

    func test_takeoutRefusedWhenMarkedNoTakeout_002_別表1_持出禁止() {
        var f = Fixture.staffed()
        for spelling in ["持出禁止", "no-takeout"] {
            let reg = f.register(restrictions: [spelling], encrypted: true)
            f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                     as: Who.clerk, .takeoutForbidden(registration: reg))
            f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                     as: Who.officer, .takeoutForbidden(registration: reg))
        }
    }

    func test_takeoutAllowedWithOtherRestrictions_002_別表1() {
        var f = Fixture.staffed()
        let reg = f.register(restrictions: ["複製禁止", "配布禁止", "読後廃棄"])
        _ = f.request(reg)
    }

    func test_unencryptedRefusedWhenEncryptionRequired_002_第49条_暗号化必須() {
        var f = Fixture.staffed()
        let reg = f.register(.usb, .business, .c1, restrictions: ["暗号化必須"])
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .encryptionRequired(registration: reg))
        let ok = f.register(.usb, .business, .c1, restrictions: ["encryption-required"], encrypted: true)
        _ = f.request(ok)
    }

    func test_unencryptedRefusedAtConfidentiality3_002_第49条() {
        var f = Fixture.staffed()
        let reg = f.register(.usb, .business, .c3)
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .encryptionRequired(registration: reg))
        XCTAssertTrue(f.ledger.media[reg]!.encryptionRequiredForTakeout)
        let ok = f.register(.usb, .business, .c3, encrypted: true)
        _ = f.request(ok)
        // 機密性2 without 暗号化必須 may leave unencrypted.
        let c2 = f.register(.usb, .business, .c2)
        XCTAssertFalse(f.ledger.media[c2]!.encryptionRequiredForTakeout)
        _ = f.request(c2)
    }

    func test_openRequestBlocksAnother_pendingApprovedAndDeparted() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        let again = Command.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil)
        f.refuse(again, as: Who.clerk2, .requestPending(registration: reg, request: id))
        f.refuse(again, as: Who.clerk, .requestPending(registration: reg, request: id))
        f.approve(id)
        f.refuse(again, as: Who.clerk2, .requestPending(registration: reg, request: id))
        f.must(.depart(registration: reg), as: Who.clerk)
        f.refuse(again, as: Who.clerk2, .wrongState(registration: reg, status: .takenOut))
        f.must(.returnTakeout(registration: reg, note: nil), as: Who.clerk)
        // Back in storage and checked (001 第3-3): a new request is possible.
        f.must(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk)
        XCTAssertEqual(f.request(reg), "REQ-0002")
    }

    func test_untilBeforeOrAtStartRefused_andUntilInThePastRefused() {
        var f = Fixture.staffed()
        let reg = f.register()
        let from = f.now + day
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: from, until: from - hour, transport: nil),
                 as: Who.clerk, .untilNotAfterStart)
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: from, until: from, transport: nil),
                 as: Who.clerk, .untilNotAfterStart)
        // Starting now with an end already past: the person is told the end is in the past.
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now - 1, transport: nil),
                 as: Who.clerk, .untilInPast)
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: f.now - 2 * day, until: f.now - day, transport: nil),
                 as: Who.clerk, .untilInPast)
        guard case .takeoutRequested(let d)? = f.must(
            .requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: from, until: from + day, transport: nil),
            as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.from, from)
    }

    func test_requestRefusedWhenQuarantinedLostOrOut() {
        var f = Fixture.staffed()
        let sick = f.register()
        f.must(.scan(registration: sick, result: .infected, note: nil), as: Who.clerk)
        f.refuse(.requestTakeout(registration: sick, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .quarantined(registration: sick))
        let lost = f.register()
        f.must(.reportLost(registration: lost, note: "亡失"), as: Who.clerk)
        f.refuse(.requestTakeout(registration: lost, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .wrongState(registration: lost, status: .lost))
    }

    func test_requestWhileInUseIsAllowed_butDepartWaitsForTheEndOfUse() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.startUse(registration: reg, purpose: "準備", place: nil, until: nil), as: Who.clerk)
        let id = f.request(reg)
        f.approve(id)
        f.refuse(.depart(registration: reg), as: Who.clerk, .wrongState(registration: reg, status: .inUse))
        f.must(.endUse(registration: reg, note: nil), as: Who.clerk)
        f.must(.depart(registration: reg), as: Who.clerk)
        XCTAssertEqual(f.status(reg), .takenOut)
    }

    func test_requestFieldsValidated() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.requestTakeout(registration: reg, destination: "", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .invalidField(.destination, .empty))
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "\t", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .invalidField(.purpose, .empty))
        f.refuse(.requestTakeout(registration: reg, destination: String(repeating: "先", count: 201), purpose: "会議", from: nil,
                                 until: f.now + day, transport: nil),
                 as: Who.clerk, .invalidField(.destination, .tooLong(max: 200)))
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day,
                                 transport: "車両\u{202D}"),
                 as: Who.clerk, .invalidField(.transport, .controlCharacter))
    }
}

final class ApprovalTests: XCTestCase {
    func test_approveNeedsAllFourChecks_001_第3_2() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        f.refuse(.approve(request: id, confirmed: [], comment: nil), as: Who.officer, .checksMissing(TakeoutCheck.allCases))
        for missing in TakeoutCheck.allCases {
            let given = TakeoutCheck.allCases.filter { $0 != missing }
            f.refuse(.approve(request: id, confirmed: given, comment: nil), as: Who.officer, .checksMissing([missing]))
        }
        XCTAssertEqual(f.state(id), .pending)
        guard case .requestApproved(let d)? = f.must(.approve(request: id, confirmed: [.encrypted, .virusChecked, .noCopyInstructed, .dataMinimal],
                                                              comment: "可"), as: Who.officer) else { return XCTFail() }
        XCTAssertEqual(Set(d.confirmed), Set(TakeoutCheck.allCases))
        let q = f.ledger.requests[id]!
        XCTAssertEqual(q.state, .approved)
        XCTAssertEqual(q.decision?.approved, true)
        XCTAssertEqual(q.decision?.by, Who.officer)
        XCTAssertEqual(q.decision?.comment, "可")
        XCTAssertEqual(Set(q.decision!.confirmed), Set(TakeoutCheck.allCases))
    }

    func test_theFourChecksAreThoseOf_001_第3_2() {
        XCTAssertEqual(TakeoutCheck.allCases.map(\.rawValue), ["data-minimal", "no-copy-instructed", "virus-checked", "encrypted"])
    }

    func test_selfApprovalRefused_002_第19条() {
        var f = Fixture.staffed()
        let reg = f.register()
        // The officer requests; the same officer may not permit it…
        let id = f.request(reg, as: Who.officer)
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.officer, .selfApproval(request: id))
        f.refuse(.reject(request: id, reason: "自分で却下"), as: Who.officer, .selfApproval(request: id))
        // …another officer may.
        f.approve(id, as: Who.officer2)
        XCTAssertEqual(f.state(id), .approved)
    }

    func test_selfApprovalRefusedEvenAfterBecomingOfficer_002_第19条() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg, as: Who.clerk)
        f.must(.setRoles(login: Who.clerk, roles: [.clerk, .officer]), as: Who.officer)
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.clerk, .selfApproval(request: id))
    }

    func test_onlyOfficerDecidesTakeout_supervisorClerkAuditorRefused_001_付紙第4_1_1_ア_ウ() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        for who in [Who.supervisor, Who.clerk2, Who.auditor] {
            f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: who, .roleRequired(login: who, roles: [.officer]))
            f.refuse(.reject(request: id, reason: "否"), as: who, .roleRequired(login: who, roles: [.officer]))
        }
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.stranger, .notEnrolled(login: Who.stranger))
        XCTAssertEqual(f.state(id), .pending)
    }

    func test_approveOrRejectOnlyWhilePending() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        f.approve(id)
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.officer2,
                 .requestNotPending(request: id, state: .approved))
        f.refuse(.reject(request: id, reason: "否"), as: Who.officer, .requestNotPending(request: id, state: .approved))
        f.refuse(.approve(request: "REQ-0099", confirmed: TakeoutCheck.allCases, comment: nil), as: Who.officer, .unknownRequest("REQ-0099"))
        f.refuse(.reject(request: "REQ-0099", reason: "否"), as: Who.officer, .unknownRequest("REQ-0099"))
    }

    func test_approveRechecksTheMedium_quarantinedSinceTheRequest_001_第3_3() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        f.must(.scan(registration: reg, result: .infected, note: nil), as: Who.clerk)
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.officer, .quarantined(registration: reg))
    }

    func test_rejectNeedsAReason_DOMAIN_approvals() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        f.refuse(.reject(request: id, reason: ""), as: Who.officer, .invalidField(.reason, .empty))
        f.refuse(.reject(request: id, reason: "   "), as: Who.officer, .invalidField(.reason, .empty))
        f.refuse(.reject(request: id, reason: "理由\u{1B}"), as: Who.officer, .invalidField(.reason, .controlCharacter))
        f.refuse(.reject(request: id, reason: String(repeating: "理", count: 501)), as: Who.officer, .invalidField(.reason, .tooLong(max: 500)))
        f.must(.reject(request: id, reason: "目的が不明確"), as: Who.officer)
        let q = f.ledger.requests[id]!
        XCTAssertEqual(q.state, .rejected)
        XCTAssertEqual(q.decision?.approved, false)
        XCTAssertEqual(q.decision?.comment, "目的が不明確")
        XCTAssertEqual(q.decision?.confirmed, [])
        // The medium is free for a new request, and cannot depart on the rejected one.
        XCTAssertNil(f.ledger.media[reg]?.openRequest)
        f.refuse(.depart(registration: reg), as: Who.clerk, .noApprovedRequest(registration: reg))
        _ = f.request(reg)
    }

    func test_approveCommentValidated() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: "ok\u{85}"), as: Who.officer, .invalidField(.comment, .controlCharacter))
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: String(repeating: "c", count: 501)), as: Who.officer,
                 .invalidField(.comment, .tooLong(max: 500)))
    }

    func test_requestIDLookupIgnoresCase() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        f.approve("req-0001")
        XCTAssertEqual(f.state(id), .approved)
    }
}

final class DepartReturnTests: XCTestCase {
    func test_departNeedsAnApprovedRequest_001_付紙第4_1_1_ア_ウ() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.depart(registration: reg), as: Who.clerk, .noApprovedRequest(registration: reg))
        let id = f.request(reg)
        f.refuse(.depart(registration: reg), as: Who.clerk, .noApprovedRequest(registration: reg))
        f.approve(id)
        guard case .takeoutDeparted(let d)? = f.must(.depart(registration: reg), as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.request, id)
        XCTAssertEqual(f.status(reg), .takenOut)
        XCTAssertEqual(f.state(id), .departed)
        XCTAssertEqual(f.ledger.requests[id]?.departedBy, Who.clerk)
        XCTAssertEqual(f.ledger.holder(of: f.ledger.media[reg]!), "陸上幕僚監部")
        XCTAssertEqual(f.ledger.due(of: f.ledger.media[reg]!), f.ledger.requests[id]?.until)
        f.refuse(.depart(registration: reg), as: Who.clerk, .noApprovedRequest(registration: reg))
    }

    func test_returnPutsTheMediumBackInStorage_001_付紙第4_1_1_ア_ウ() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.returnTakeout(registration: reg, note: nil), as: Who.clerk, .wrongState(registration: reg, status: .stored))
        let id = f.takeOut(reg)
        f.now += day
        f.must(.returnTakeout(registration: reg, note: "返却時点検 異常なし"), as: Who.clerk2)
        XCTAssertEqual(f.status(reg), .stored)
        XCTAssertNil(f.ledger.media[reg]?.openRequest)
        let q = f.ledger.requests[id]!
        XCTAssertEqual(q.state, .returned)
        XCTAssertEqual(q.returnedAt, f.now)
        XCTAssertEqual(q.returnedBy, Who.clerk2)
        XCTAssertEqual(q.returnNote, "返却時点検 異常なし")
        XCTAssertEqual(f.ledger.takeoutLog.map(\.id), [id])
        f.refuse(.returnTakeout(registration: reg, note: nil), as: Who.clerk, .wrongState(registration: reg, status: .stored))
    }

    func test_withdrawByRequesterOrOfficer_notByAnotherClerk() {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register(), c = f.register()
        let qa = f.request(a), qb = f.request(b), qc = f.request(c)
        f.refuse(.withdraw(request: qa, reason: nil), as: Who.clerk2, .roleRequired(login: Who.clerk2, roles: [.officer]))
        f.refuse(.withdraw(request: qa, reason: nil), as: Who.supervisor, .roleRequired(login: Who.supervisor, roles: [.clerk, .officer]))
        f.must(.withdraw(request: qa, reason: "不要になった"), as: Who.clerk)
        f.approve(qb)
        f.must(.withdraw(request: qb, reason: nil), as: Who.officer)
        XCTAssertEqual(f.state(qa), .withdrawn)
        XCTAssertEqual(f.state(qb), .withdrawn)
        XCTAssertNil(f.ledger.media[a]?.openRequest)
        XCTAssertNil(f.ledger.media[b]?.openRequest)
        f.refuse(.withdraw(request: qa, reason: nil), as: Who.clerk, .requestNotPending(request: qa, state: .withdrawn))
        f.refuse(.depart(registration: b), as: Who.clerk, .noApprovedRequest(registration: b))
        f.approve(qc)
        f.must(.depart(registration: c), as: Who.clerk)
        f.refuse(.withdraw(request: qc, reason: nil), as: Who.clerk, .requestNotPending(request: qc, state: .departed))
        // A withdrawn request cannot be decided.
        f.refuse(.approve(request: qa, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.officer, .requestNotPending(request: qa, state: .withdrawn))
    }

    func test_departRechecksRestrictions_002_第49条() throws {
        // An approved request on a medium that may not go cannot come from history any more (the
        // fold replays the rules, see ReplayTests); depart still checks again, as its own guard.
        var f = Fixture.staffed()
        f.append(.mediumRegistered(MediumData(registration: "USB-2026-0100", kind: .usb, category: .business, classification: .c3)),
                 by: Who.officer)
        let forged = Record(seq: f.ledger.nextSeq, at: f.now, actor: Who.clerk, prev: Record.genesisHash,
                            change: .takeoutRequested(TakeoutRequestData(request: "REQ-0100", registration: "USB-2026-0100", destination: "本部",
                                                                         purpose: "会議", from: f.now, until: f.now + day, transport: nil)))
        XCTAssertThrowsError(try f.ledger.apply(forged)) { XCTAssertTrue(($0 as! InconsistentRecord).reason.contains("must be encrypted")) }
        f.refuse(.requestTakeout(registration: "USB-2026-0100", destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .encryptionRequired(registration: "USB-2026-0100"))
        f.refuse(.depart(registration: "USB-2026-0100"), as: Who.clerk, .noApprovedRequest(registration: "USB-2026-0100"))
    }
}

final class LostTests: XCTestCase {
    func test_lostFromEveryLiveState_DOMAIN_mediumStates() {
        var f = Fixture.staffed()
        let stored = f.register()
        let inUse = f.register()
        f.must(.startUse(registration: inUse, purpose: "作業", place: nil, until: nil), as: Who.clerk)
        let out = f.register()
        let outID = f.takeOut(out)
        let sick = f.register()
        f.must(.scan(registration: sick, result: .infected, note: nil), as: Who.clerk)
        f.now += hour
        for reg in [stored, inUse, out, sick] {
            f.must(.reportLost(registration: reg, note: "所在不明"), as: Who.clerk)
            XCTAssertEqual(f.status(reg), .lost, reg)
            XCTAssertNil(f.ledger.media[reg]?.openUse)
            // A lost medium is final: nothing more happens to it.
            f.refuse(.reportLost(registration: reg, note: "再度"), as: Who.clerk, .wrongState(registration: reg, status: .lost))
            f.refuse(.startUse(registration: reg, purpose: "x", place: nil, until: nil), as: Who.clerk, .wrongState(registration: reg, status: .lost))
            f.refuse(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk, .wrongState(registration: reg, status: .lost))
        }
        // The open use is closed by the loss.
        let u = f.ledger.uses.last!
        XCTAssertEqual(u.registration, inUse)
        XCTAssertEqual(u.end, f.now)
        XCTAssertEqual(u.endNote, "所在不明")
        // A take-out already gone stays in the 持出簿 as it was.
        XCTAssertEqual(f.state(outID), .departed)
        f.refuse(.returnTakeout(registration: out, note: nil), as: Who.clerk, .wrongState(registration: out, status: .lost))
        XCTAssertTrue(MediumStatus.lost.isFinal)
    }

    func test_pendingOrApprovedRequestLapsesWhenTheMediumIsLost() {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        let qa = f.request(a), qb = f.request(b)
        f.approve(qb)
        f.must(.reportLost(registration: a, note: "亡失"), as: Who.officer)
        f.must(.reportLost(registration: b, note: "亡失"), as: Who.officer)
        XCTAssertEqual(f.state(qa), .withdrawn)
        XCTAssertEqual(f.state(qb), .withdrawn)
        XCTAssertEqual(f.ledger.requests[qa]?.withdrawnAt, f.now)
        XCTAssertNil(f.ledger.media[a]?.openRequest)
        XCTAssertTrue(f.ledger.approvals(for: Who.officer).isEmpty)
        f.refuse(.approve(request: qa, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.officer,
                 .requestNotPending(request: qa, state: .withdrawn))
        f.refuse(.depart(registration: b), as: Who.clerk, .noApprovedRequest(registration: b))
    }

    func test_lostNeedsANote_001_付紙第8() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.reportLost(registration: reg, note: ""), as: Who.clerk, .invalidField(.note, .empty))
        f.refuse(.reportLost(registration: reg, note: "a\nb"), as: Who.clerk, .invalidField(.note, .controlCharacter))
        f.refuse(.reportLost(registration: "USB-2026-0050", note: "x"), as: Who.clerk, .unknownMedium("USB-2026-0050"))
    }
}
