// The one rule book every exit of a medium passes (Rules.swift): 取扱制限 as a
// closed set (002 別表1), the same check for take-out, 送付リスト and 送達票
// (持出禁止, 配布禁止, 暗号化必須/機密性3 — 002 第49条, 秘 — 001 付紙第4 1(1)ア(ｱ)),
// virus checks as facts (001 第3-3, 第3-2) and 読後廃棄. Each rule is checked
// twice: `decide` refuses it, and the replay (`apply`, as `verify` folds a
// journal written by hand) names the record that breaks it.

@testable import DaichoCore
import XCTest

/// Folds `change` as written by `login` now and returns the replay's reason, or nil when it is accepted.
func replayReason(_ f: Fixture, _ change: Change, by login: String) -> String? {
    var l = f.ledger
    let r = Record(seq: l.nextSeq, at: f.now, actor: login, prev: Record.genesisHash, change: change)
    do { try l.apply(r); return nil } catch { return error.reason }
}

final class RestrictionSetTests: XCTestCase {
    func test_unknownRestrictionIsRefusedWithTheKnownOnes_002_別表1() {
        var f = Fixture.staffed()
        for word in ["持ち出し禁止", "foo"] {
            var n = NewMedium(kind: .usb, category: .business, classification: .c2)
            n.restrictions = [word]
            guard case .rule(.unknownRestriction(let w, let known))? = f.refusal(.register(n), as: Who.officer) else { return XCTFail(word) }
            XCTAssertEqual(w, word)
            XCTAssertEqual(known, ["複製禁止", "持出禁止", "配布禁止", "暗号化必須", "読後廃棄"])
            XCTAssertTrue(DomainError.rule(.unknownRestriction(w, known: known)).message(.ja).contains("持出禁止"))
        }
        // The five and their English spellings are known.
        _ = f.register(restrictions: ["複製禁止", "no-takeout", "配布禁止", "暗号化必須", "destroy-after-reading"], encrypted: true)
    }

    func test_localRestrictionIsDeclaredWithTheExitsItForbids_002_別表1_その他() {
        var f = Fixture.staffed()
        f.must(.configure(key: "restriction.部外秘", value: "handover,transfer"), as: Who.officer)
        XCTAssertEqual(f.ledger.knownRestrictions.last, "部外秘")
        let reg = f.register(restrictions: ["部外秘"])
        // It may be taken out, but not handed over or transferred.
        _ = f.request(reg)
        f.refuse(.newHandover(to: "A社", contract: nil, returnRequired: false, items: [], media: [reg], note: nil),
                 as: Who.clerk, .rule(.exitForbidden(registration: reg, restriction: "部外秘", exit: .handover)))
        // A declaration that cannot be read, or that shadows a standard one, is refused.
        XCTAssertEqual(f.refusal(.configure(key: "restriction.部外秘", value: "lunch"), as: Who.officer),
                       .rule(.badLocalRestriction("restriction.部外秘 lunch")))
        XCTAssertNotNil(f.refusal(.configure(key: "restriction.持出禁止", value: "none"), as: Who.officer))
        // Clerks do not declare restrictions.
        XCTAssertNotNil(f.refusal(.configure(key: "restriction.X", value: "none"), as: Who.clerk))
        XCTAssertTrue(f.ledger.settings.contains { $0.key == "restriction.部外秘" && $0.value == "handover,transfer" })
    }

    func test_legacyFreeTextRestrictionOpensAndIsAWarning_002_別表1() {
        var f = Fixture.staffed()
        // An older daicho wrote free text; the journal still folds, and verify warns.
        let legacy = MediumData(registration: "USB-2026-0099", kind: .usb, category: .business, classification: .c2,
                                restrictions: [Restriction(rawValue: "持ち出し禁止")])
        f.append(.mediumRegistered(legacy), by: Who.officer)
        XCTAssertEqual(f.ledger.unknownRestrictions(of: f.ledger.media["USB-2026-0099"]!).map(\.rawValue), ["持ち出し禁止"])
        XCTAssertEqual(f.ledger.warnings, ["USB-2026-0099: unknown handling restriction 持ち出し禁止"])
    }
}

final class ExitCheckTests: XCTestCase {
    /// A medium ready to go out, but for the marks given.
    func ready(_ f: inout Fixture, cls: Confidentiality = .c2, restrictions: [String] = [], encrypted: Bool = true, secret: Bool = false) -> String {
        var n = NewMedium(kind: .usb, category: .business, classification: cls)
        n.restrictions = restrictions; n.encrypted = encrypted; n.secret = secret
        guard case .mediumRegistered(let d)? = f.must(.register(n), as: Who.officer) else { return "" }
        f.must(.scan(registration: d.registration, result: .clean, note: nil), as: Who.clerk)
        return d.registration
    }

    func takeout(_ reg: String, _ f: Fixture) -> Command {
        .requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil)
    }
    func handover(_ reg: String) -> Command {
        .newHandover(to: "A社", contract: nil, returnRequired: false, items: [], media: [reg], note: nil)
    }
    func transfer(_ reg: String) -> Command { .newTransfer(to: "第2通信隊", media: [reg], note: nil) }

    func test_noTakeoutRefusesEveryExit_002_別表1_持出禁止() {
        var f = Fixture.staffed()
        let reg = ready(&f, restrictions: ["持出禁止"])
        f.refuse(takeout(reg, f), as: Who.clerk, .takeoutForbidden(registration: reg))
        f.refuse(handover(reg), as: Who.clerk, .rule(.exitForbidden(registration: reg, restriction: "持出禁止", exit: .handover)))
        f.refuse(transfer(reg), as: Who.officer, .rule(.exitForbidden(registration: reg, restriction: "持出禁止", exit: .transfer)))
        // The replay refuses the same records written by hand.
        let item = HandoverItem(name: "USB \(reg)", quantity: "1媒体", registration: reg)
        XCTAssertNotNil(replayReason(f, .handoverDrafted(HandoverDraftData(handover: "HO-0001", to: "A社", returnRequired: false, items: [item])), by: Who.clerk))
        XCTAssertNotNil(replayReason(f, .transferDrafted(TransferDraftData(transfer: "TO-0001", to: "X", media: [reg])), by: Who.officer))
        XCTAssertNotNil(replayReason(f, .takeoutRequested(TakeoutRequestData(request: "REQ-0001", registration: reg, destination: "d", purpose: "p",
                                                                             from: f.now, until: f.now + day)), by: Who.clerk))
    }

    func test_noDistributionRefusesHandoverAndTransferNotTakeout_002_別表1_配布禁止() {
        var f = Fixture.staffed()
        let reg = ready(&f, restrictions: ["配布禁止"])
        f.refuse(handover(reg), as: Who.clerk, .distributionForbidden(registration: reg))
        f.refuse(transfer(reg), as: Who.officer, .distributionForbidden(registration: reg))
        XCTAssertNotNil(replayReason(f, .transferDrafted(TransferDraftData(transfer: "TO-0001", to: "X", media: [reg])), by: Who.officer))
        _ = f.request(reg)
    }

    func test_unencryptedC3OrEncryptionRequiredCannotLeaveByAnyExit_002_第49条() {
        for (cls, marks) in [(Confidentiality.c3, [String]()), (.c2, ["暗号化必須"])] {
            var f = Fixture.staffed()
            let reg = ready(&f, cls: cls, restrictions: marks, encrypted: false)
            f.refuse(takeout(reg, f), as: Who.clerk, .encryptionRequired(registration: reg))
            // A draft may list it; it cannot be dispatched unencrypted.
            f.must(handover(reg), as: Who.clerk)
            f.refuse(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), as: Who.clerk,
                     .rule(.encryptionRequired(registration: reg, exit: .handover)))
            XCTAssertNotNil(replayReason(f, .handoverDispatched(HandoverDispatchData(handover: "HO-0001", date: Day(f.now, in: f.tz),
                                                                                  due: Day(f.now, in: f.tz).adding(days: 7), sender: "s")), by: Who.clerk))
            f.must(.recallHandover(id: "HO-0001", reason: "取りやめ"), as: Who.clerk)
            // A 送達票 lists only media ready to go.
            f.refuse(transfer(reg), as: Who.officer, .rule(.encryptionRequired(registration: reg, exit: .transfer)))
            f.append(.transferDrafted(TransferDraftData(transfer: "TO-0001", to: "X", media: [reg])), by: Who.officer)
            XCTAssertNotNil(replayReason(f, .transferDispatched(TransferDispatchData(transfer: "TO-0001", date: Day(f.now, in: f.tz), sender: "s")),
                                         by: Who.officer))
        }
    }

    func test_secretMediumIsRefusedAtEveryExit_001_付紙第4_1_1_ア_ｱ() {
        var f = Fixture.staffed()
        let reg = ready(&f, secret: true)
        for (c, who) in [(takeout(reg, f), Who.clerk), (handover(reg), Who.clerk), (transfer(reg), Who.officer)] {
            XCTAssertEqual(f.refusal(c, as: who), .rule(.secret(registration: reg)))
        }
        XCTAssertTrue(DomainError.rule(.secret(registration: reg)).message(.ja).contains("秘密保全"))
        XCTAssertNotNil(replayReason(f, .transferDrafted(TransferDraftData(transfer: "TO-0001", to: "X", media: [reg])), by: Who.officer))
    }

    func test_handoverItemsCarryClassificationAndRestrictions_002_第46条_第47条() {
        var f = Fixture.staffed()
        let reg = ready(&f, cls: .c2, restrictions: ["複製禁止"])
        guard case .handoverDrafted(let d)? = f.must(.newHandover(to: "A社", contract: nil, returnRequired: false,
                                                                  items: [HandoverItem(name: "仕様書", quantity: "2部")], media: [reg], note: nil,
                                                                  classification: .c2, restrictions: ["複製禁止"]), as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.items[0].classification, .c2)
        XCTAssertEqual(d.items[0].restrictions, [.noCopy])
        // The medium's own marks are inherited.
        XCTAssertEqual(d.items[1].classification, .c2)
        XCTAssertEqual(d.items[1].restrictions, [.noCopy])
        // A document the drafter marks 配布禁止 is not handed over; an unknown mark is refused.
        XCTAssertEqual(f.refusal(.newHandover(to: "A社", contract: nil, returnRequired: false, items: [HandoverItem(name: "計画", quantity: "1部")],
                                              media: [], note: nil, restrictions: ["配布禁止"]), as: Who.clerk),
                       .rule(.exitForbidden(registration: "計画", restriction: "配布禁止", exit: .handover)))
        guard case .rule(.unknownRestriction)? = f.refusal(.newHandover(to: "A社", contract: nil, returnRequired: false,
                                                                       items: [HandoverItem(name: "計画", quantity: "1部")], media: [], note: nil,
                                                                       restrictions: ["内緒"]), as: Who.clerk) else { return XCTFail() }
    }
}

final class VirusCheckFactTests: XCTestCase {
    func test_useNeedsACleanCheckOnRecordOrOneRecordedWithIt_001_第3_3() {
        var f = Fixture.staffed()
        let reg = f.register(scanned: false)
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk, .rule(.noCleanCheck(registration: reg)))
        XCTAssertEqual(replayReason(f, .useStarted(UseStartData(registration: reg, purpose: "作業")), by: Who.clerk),
                       "\(reg) used without a clean virus check since it last came back")
        // A check recorded with the use itself: the use names it.
        guard case .useStarted(let d)? = f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil, scanned: .clean, product: "ウイルスバスター"),
                                                as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.scan, UseScanData(result: .clean, product: "ウイルスバスター"))
        let use = f.ledger.uses.last!
        XCTAssertEqual(use.check, use.seq)
        XCTAssertEqual(f.ledger.media[reg]?.lastScan?.by, Who.clerk)
        f.must(.endUse(registration: reg, note: nil), as: Who.clerk)
        // It never left: the next use rests on that check.
        f.must(.startUse(registration: reg, purpose: "再作業", place: nil, until: nil), as: Who.clerk)
        XCTAssertEqual(f.ledger.uses.last?.check, use.seq)
        // An infected result with the use is refused (and never replayed).
        XCTAssertNotNil(replayReason(f, .useStarted(UseStartData(registration: reg, purpose: "x", scan: UseScanData(result: .infected))), by: Who.clerk))
    }

    func test_mediumBackFromTakeoutNeedsACheckBeforeAnythingElse_001_第3_3() {
        var f = Fixture.staffed()
        let reg = f.register(encrypted: true)
        _ = f.takeOut(reg)
        f.must(.returnTakeout(registration: reg, note: nil), as: Who.clerk)
        XCTAssertTrue(f.ledger.media[reg]!.checkDue)
        XCTAssertEqual(f.ledger.mediaDueForCheck.map(\.registration), [reg])
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk, .rule(.checkDue(registration: reg)))
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .rule(.checkDue(registration: reg)))
        f.refuse(.newTransfer(to: "第2通信隊", media: [reg], note: nil), as: Who.officer, .rule(.checkDue(registration: reg)))
        f.must(.scan(registration: reg, result: .clean, note: nil, product: "P", definitions: Day(year: 2026, month: 11, day: 24)), as: Who.clerk)
        XCTAssertFalse(f.ledger.media[reg]!.checkDue)
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk)
    }

    func test_mediaReceivedFromAnotherUnitOrFoundNeedACheck_001_第3_3() {
        var f = Fixture.staffed()
        f.must(.incomingTransfer(from: "第2通信隊", media: [IncomingMediumInput(model: "X", theirs: "USB-2025-0001")], kind: .usb,
                                 category: .business, classification: .c2, date: nil, note: nil), as: Who.officer)
        let reg = f.ledger.mediaOrder.last!
        XCTAssertTrue(f.ledger.media[reg]!.checkDue)
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk, .rule(.checkDue(registration: reg)))
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil, scanned: .clean), as: Who.clerk)
        f.must(.reportLost(registration: reg, note: "紛失"), as: Who.clerk)
        f.must(.reportFound(registration: reg, note: "発見"), as: Who.officer)
        XCTAssertTrue(f.ledger.media[reg]!.checkDue)
    }

    func test_approverCannotConfirmAVirusCheckNotOnRecord_001_第3_2() {
        var f = Fixture.staffed()
        let reg = f.register(scanned: false)
        let id = f.request(reg)
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.officer, .rule(.noCleanCheck(registration: reg)))
        XCTAssertEqual(replayReason(f, .requestApproved(DecisionData(request: id, confirmed: TakeoutCheck.allCases)), by: Who.officer),
                       "\(id) confirmed a virus check of \(reg) that is not on record")
        f.must(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk)
        f.approve(id)
    }

    func test_destroyAfterReadingIsDueForDisposalOnceItsUseEnds_002_別表1_読後廃棄() {
        var f = Fixture.staffed()
        let reg = f.register(restrictions: ["読後廃棄"])
        f.must(.startUse(registration: reg, purpose: "閲覧", place: nil, until: nil), as: Who.clerk)
        XCTAssertFalse(f.ledger.media[reg]!.disposalDue)
        f.must(.endUse(registration: reg, note: nil), as: Who.clerk)
        XCTAssertTrue(f.ledger.media[reg]!.disposalDue)
        XCTAssertEqual(f.ledger.mediaDueForDisposal.map(\.registration), [reg])
        f.refuse(.startUse(registration: reg, purpose: "再閲覧", place: nil, until: nil), as: Who.clerk, .rule(.disposalDue(registration: reg)))
        XCTAssertNotNil(replayReason(f, .useStarted(UseStartData(registration: reg, purpose: "x")), by: Who.clerk))
        // After a take-out too.
        let reg2 = f.register(restrictions: ["読後廃棄"], encrypted: true)
        _ = f.takeOut(reg2)
        f.must(.returnTakeout(registration: reg2, note: nil), as: Who.clerk)
        XCTAssertTrue(f.ledger.media[reg2]!.disposalDue)
    }

    func test_officerAlwaysDecidesTakeouts_001_付紙第4_1_1_ア_ｳ() {
        var f = Fixture.staffed()
        f.refuse(.configure(key: "approvers.takeout", value: "supervisor"), as: Who.officer, .rule(.officerRequired))
        f.must(.configure(key: "approvers.takeout", value: "officer,supervisor"), as: Who.officer)
        XCTAssertEqual(f.ledger.deciders(for: .takeout), [.officer, .supervisor])
        // A journal written before this rule (or by hand) keeps the officer as a decider.
        f.append(.configured(ConfigData(key: "approvers.takeout", value: "supervisor")), by: Who.officer)
        XCTAssertEqual(f.ledger.deciders(for: .takeout), [.officer, .supervisor])
    }
}

final class AmendTests: XCTestCase {
    func amendment(_ body: (inout MediumAmendment) -> Void) -> MediumAmendment {
        var a = MediumAmendment()
        body(&a)
        return a
    }

    func test_officerAmendsTheRegisterEachFieldOldToNew_001_付紙第4() {
        var f = Fixture.staffed()
        // An unencrypted 機密性3 medium received from another unit: once encrypted it may be taken out (002 第49条).
        let reg = f.register(.usb, .business, .c3)
        f.refuse(.requestTakeout(registration: reg, destination: "本部", purpose: "会議", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .encryptionRequired(registration: reg))
        let a = amendment { $0.encrypted = true; $0.classification = .c2; $0.restrictions = ["複製禁止"]; $0.model = "UM-32"; $0.location = "ロッカー2" }
        f.refuse(.amend(registration: reg, reason: "暗号化した", a), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        guard case .mediumAmended(let d)? = f.must(.amend(registration: reg, reason: "暗号化した", a), as: Who.officer) else { return XCTFail() }
        XCTAssertEqual(d.changes, [FieldChange(field: .location, from: "", to: "ロッカー2"), FieldChange(field: .encrypted, from: "no", to: "yes"),
                                   FieldChange(field: .classification, from: "3", to: "2"), FieldChange(field: .restrictions, from: "", to: "複製禁止"),
                                   FieldChange(field: .model, from: "", to: "UM-32")])
        let m = f.ledger.media[reg]!
        XCTAssertTrue(m.data.encrypted)
        XCTAssertEqual(m.data.classification, .c2)
        XCTAssertEqual(m.data.restrictions, [.noCopy])
        XCTAssertEqual(f.ledger.history(of: reg).last?.change.type, "medium.amended")
        XCTAssertTrue(f.ledger.history(of: reg).last!.summary(.ja, timeZone: f.tz).contains("暗号化 no → yes"))
        _ = f.request(reg)
        // Nothing to change, an unknown restriction, an unprotected disclosable medium are refused.
        f.refuse(.amend(registration: reg, reason: "r", amendment { $0.encrypted = true }), as: Who.officer,
                 .rule(.nothingToAmend(registration: reg)))
        guard case .rule(.unknownRestriction)? = f.refusal(.amend(registration: reg, reason: "r", amendment { $0.restrictions = ["内緒"] }),
                                                           as: Who.officer) else { return XCTFail() }
        let cd = f.register(.cdR, .disclosable, .c1, writeProtected: true)
        f.refuse(.amend(registration: cd, reason: "r", amendment { $0.writeProtected = false }), as: Who.officer, .disclosableNotWriteProtected)
        XCTAssertNotNil(replayReason(f, .mediumAmended(AmendmentData(registration: cd, reason: "r", changes: [
            FieldChange(field: .writeProtected, from: "yes", to: "no")])), by: Who.officer))
        XCTAssertNotNil(replayReason(f, .mediumAmended(AmendmentData(registration: reg, reason: "r", changes: [
            FieldChange(field: .encrypted, from: "yes", to: "no")])), by: Who.clerk))
    }

    func test_locationIsACentralStorageLocationOnceTheListIsKept_001_付紙第4_1_2() {
        var f = Fixture.staffed()
        f.must(.configure(key: "storage.locations", value: "ロッカーA,ロッカーB"), as: Who.officer)
        XCTAssertEqual(f.ledger.rules.locations, ["ロッカーA", "ロッカーB"])
        var n = NewMedium(kind: .usb, category: .business, classification: .c2)
        n.location = "机の上"
        f.refuse(.register(n), as: Who.officer, .rule(.unknownLocation("机の上", known: ["ロッカーA", "ロッカーB"])))
        let reg = f.register()
        f.refuse(.amend(registration: reg, reason: "移動", amendment { $0.location = "机の上" }), as: Who.officer,
                 .rule(.unknownLocation("机の上", known: ["ロッカーA", "ロッカーB"])))
        f.must(.amend(registration: reg, reason: "移動", amendment { $0.location = "ロッカーB" }), as: Who.officer)
        XCTAssertEqual(f.ledger.media[reg]?.data.location, "ロッカーB")
        XCTAssertNotNil(replayReason(f, .mediumAmended(AmendmentData(registration: reg, reason: "r", changes: [
            FieldChange(field: .location, from: "ロッカーB", to: "机の上")])), by: Who.officer))
    }

    func test_amendedSerialIsStillOneMediumOneEntry() {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        f.must(.amend(registration: a, reason: "記載誤り", amendment { $0.serial = "SN-1" }), as: Who.officer)
        f.refuse(.amend(registration: b, reason: "記載誤り", amendment { $0.serial = "sn-1" }), as: Who.officer,
                 .duplicateSerial(serial: "sn-1", registration: a))
        // Once a's serial is corrected again, SN-1 is free.
        f.must(.amend(registration: a, reason: "記載誤り", amendment { $0.serial = "SN-9" }), as: Who.officer)
        f.must(.amend(registration: b, reason: "記載誤り", amendment { $0.serial = "SN-1" }), as: Who.officer)
    }
}

final class ReceiptAccountsForEveryMediumTests: XCTestCase {
    func sent(_ f: inout Fixture) -> (String, String, String) {
        let a = f.register(encrypted: true), b = f.register(encrypted: true)
        f.must(.newTransfer(to: "第2通信隊", media: [a, b], note: nil), as: Who.officer)
        f.must(.dispatchTransfer(id: "TO-0001", date: nil), as: Who.officer)
        return ("TO-0001", a, b)
    }

    func test_aMediumNotOnTheReceiptSlipStaysInTransitAndTheCaseOpen_001_付紙第3() {
        var f = Fixture.staffed()
        let (id, a, b) = sent(&f)
        f.must(.receiveTransfer(id: id, by: "情報保証責任者 3等陸佐 高橋 五郎", date: nil, received: [a]), as: Who.clerk)
        XCTAssertEqual(f.status(a), .transferred)
        XCTAssertEqual(f.status(b), .inTransit)
        XCTAssertEqual(f.ledger.transfers[id]?.status, .discrepancy)
        XCTAssertEqual(f.ledger.transfers[id]?.missing, [b])
        // Only what is missing can arrive late; then the case closes.
        XCTAssertEqual(f.refusal(.lateTransfer(id: id, media: [a], date: nil), as: Who.clerk), .rule(.notMissing(id: id, name: a)))
        f.now += day
        f.must(.lateTransfer(id: id, media: [b], date: nil), as: Who.clerk)
        XCTAssertEqual(f.status(b), .transferred)
        XCTAssertEqual(f.ledger.transfers[id]?.status, .received)
        XCTAssertEqual(f.ledger.transfers[id]?.late.first?.media, [b])
        // The fold refuses a late arrival of a medium that is not missing.
        XCTAssertNotNil(replayReason(f, .transferLate(LateArrivalData(id: id, media: [a], date: Day(f.now, in: f.tz))), by: Who.clerk))
    }

    func test_aMissingMediumReportedLostNoLongerHoldsTheCase_001_付紙第3() {
        var f = Fixture.staffed()
        let (id, a, b) = sent(&f)
        f.must(.receiveTransfer(id: id, by: "受領者", date: nil, received: [a]), as: Who.clerk)
        f.must(.reportLost(registration: b, note: "輸送中に亡失"), as: Who.clerk)
        XCTAssertEqual(f.status(b), .lost)
        XCTAssertEqual(f.ledger.transfers[id]?.status, .received)
    }

    func test_aHandoverMediumNotOnTheReceiptStaysInTransitWhateverIsAcknowledged_000_別記様式第3() {
        var f = Fixture.staffed()
        let reg = f.register(encrypted: true)
        f.must(.newHandover(to: "A社", contract: nil, returnRequired: false, items: [HandoverItem(name: "仕様書", quantity: "2部")],
                            media: [reg], note: nil), as: Who.clerk)
        f.must(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), as: Who.clerk)
        f.must(.receiveHandover(id: "HO-0001", by: "A社 担当 山本", date: nil, received: [ReceivedItem(name: "仕様書", quantity: "2部")]),
               as: Who.clerk)
        XCTAssertEqual(f.status(reg), .inTransit)
        XCTAssertEqual(f.ledger.handovers["HO-0001"]?.missingMedia, [reg])
        f.must(.acknowledgeHandover(id: "HO-0001", note: "後日届く"), as: Who.supervisor)
        XCTAssertEqual(f.ledger.handovers["HO-0001"]?.status, .discrepancy, "a note does not account for a medium")
        f.must(.lateHandover(id: "HO-0001", items: [], media: [reg], date: nil), as: Who.clerk)
        XCTAssertEqual(f.status(reg), .transferred)
        XCTAssertEqual(f.ledger.handovers["HO-0001"]?.status, .closed)
        XCTAssertEqual(f.ledger.handovers["HO-0001"]?.differences, [])
    }
}

final class ContractHandoverTests: XCTestCase {
    func test_aHandoverToAContractMustComeBackByDefault_003_8_1_4_5() {
        var f = Fixture.staffed()
        let items = [HandoverItem(name: "仕様書", quantity: "2部")]
        guard case .handoverDrafted(let d)? = f.must(.newHandover(to: "A社", contract: "第123号", returnRequired: false, items: items,
                                                                  media: [], note: nil), as: Who.clerk) else { return XCTFail() }
        XCTAssertTrue(d.returnRequired)
        guard case .handoverDrafted(let e)? = f.must(.newHandover(to: "A社", contract: "第124号", returnRequired: false, items: items,
                                                                  media: [], note: nil, noReturn: "公開予定の資料"), as: Who.clerk) else { return XCTFail() }
        XCTAssertFalse(e.returnRequired)
        XCTAssertEqual(e.noReturnReason, "公開予定の資料")
        f.refuse(.newHandover(to: "A社", contract: "第125号", returnRequired: true, items: items, media: [], note: nil, noReturn: "x"),
                 as: Who.clerk, .rule(.returnConflict))
    }
}

final class HandoverPermissionTests: XCTestCase {
    func test_aC3HandoverNeedsPermissionBeforeDispatch_byAnotherThanItsDrafter_002_第48条3() {
        var f = Fixture.staffed()
        f.must(.newHandover(to: "A社", contract: nil, returnRequired: false, items: [HandoverItem(name: "計画", quantity: "1部")], media: [],
                            note: nil, classification: .c3), as: Who.clerk)
        XCTAssertEqual(f.ledger.handoverPermissions(for: Who.officer).map(\.id), ["HO-0001"])
        XCTAssertEqual(f.ledger.handoverPermissions(for: Who.clerk).map(\.id), [], "the drafter does not decide it (002 第19条)")
        f.refuse(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), as: Who.clerk, .rule(.permissionRequired(id: "HO-0001")))
        XCTAssertEqual(replayReason(f, .handoverDispatched(HandoverDispatchData(handover: "HO-0001", date: Day(f.now, in: f.tz),
                                                                               due: Day(f.now, in: f.tz).adding(days: 7), sender: "s")), by: Who.clerk),
                       "HO-0001 dispatched with C3 information without permission")
        // A supervisor is not a decider by default; a clerk never.
        f.refuse(.approve(request: "HO-0001", confirmed: [], comment: nil), as: Who.supervisor, .roleRequired(login: Who.supervisor, roles: [.officer]))
        XCTAssertNotNil(replayReason(f, .requestApproved(DecisionData(request: "HO-0001", confirmed: [])), by: Who.supervisor))
        f.must(.approve(request: "HO-0001", confirmed: [], comment: "許可"), as: Who.officer)
        XCTAssertEqual(f.ledger.handovers["HO-0001"]?.permission?.by, Who.officer)
        f.must(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), as: Who.clerk)
    }

    func test_theDrafterCannotPermitTheirOwn_andARejectionStopsTheDispatch_002_第19条() {
        var f = Fixture.staffed()
        f.must(.newHandover(to: "A社", contract: nil, returnRequired: false, items: [HandoverItem(name: "計画", quantity: "1部")], media: [],
                            note: nil, classification: .c3), as: Who.officer)
        f.refuse(.approve(request: "HO-0001", confirmed: [], comment: nil), as: Who.officer, .selfApproval(request: "HO-0001"))
        f.must(.reject(request: "HO-0001", reason: "不要"), as: Who.officer2)
        f.refuse(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), as: Who.officer, .rule(.permissionRequired(id: "HO-0001")))
    }
}
