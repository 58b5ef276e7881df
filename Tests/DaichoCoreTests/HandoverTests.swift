// Handovers of protected information: the 送付リスト / 受領書 lifecycle
// (000 別記様式第3, 第5項), contractor provisions that close only when every
// item is returned or covered by a destruction report (003 8.1(4)(5)),
// incoming deliveries, and every refusal.

@testable import DaichoCore
import Foundation
import XCTest

final class HandoverTests: XCTestCase {
    let items = [HandoverItem(name: "仕様書", quantity: "2部"), HandoverItem(name: "設計データ", quantity: "1媒体 120MB")]

    func draft(_ f: inout Fixture, returnRequired: Bool = false, media: [String] = [], as login: String = Who.clerk,
               file: StaticString = #filePath, line: UInt = #line) -> String {
        // A contract's provision comes back by default (003 8.1(4)(5)); these cases say why not when they do not.
        let c = f.must(.newHandover(to: "株式会社防衛システム 営業部長", contract: "R8-123", returnRequired: returnRequired,
                                    items: items, media: media, note: "至急", noReturn: returnRequired ? nil : "写しの提供のため返却不要"),
                       as: login, file: file, line: line)
        guard case .handoverDrafted(let d)? = c else { XCTFail("draft failed", file: file, line: line); return "" }
        return d.handover
    }

    func dispatched(_ f: inout Fixture, returnRequired: Bool = false, media: [String] = []) -> String {
        let id = draft(&f, returnRequired: returnRequired, media: media)
        f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk)
        return id
    }

    // MARK: lifecycle

    /// 000 別記様式第3: draft → dispatched (receipt due) → 受領書 matching → closed.
    func test_matchingReceiptCloses() throws {
        var f = Fixture.staffed()
        let id = draft(&f)
        XCTAssertEqual(id, "HO-0001")
        XCTAssertEqual(f.ledger.handovers[id]?.status, .draft)
        guard case .handoverDispatched(let d)? = f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.date, Day(year: 2026, month: 11, day: 25))
        // The due day is the configured number of days after dispatch (default 7).
        XCTAssertEqual(d.due, Day(year: 2026, month: 12, day: 2))
        XCTAssertEqual(d.sender, "総務班 事務官 田中 一郎", "the sender is printed as 所属 官職 氏名")
        XCTAssertEqual(f.ledger.handovers[id]?.status, .dispatched)
        f.now += 3 * day
        f.must(.receiveHandover(id: id, by: "営業部 部長 山本 一", date: Day("2026-11-27"), received: nil), as: Who.clerk2)
        let h = try XCTUnwrap(f.ledger.handovers[id])
        XCTAssertEqual(h.status, .closed)
        XCTAssertEqual(h.receipt?.items.map(\.quantity), ["2部", "1媒体 120MB"], "no --received: everything as sent")
        XCTAssertEqual(h.history.count, 3)
    }

    /// A receipt not back by its due day is overdue (derived); reminders (督促) are recorded.
    func test_overdueAndReminders() {
        var f = Fixture.staffed()
        let id = dispatched(&f)
        let due = f.ledger.handovers[id]!.due!
        XCTAssertFalse(f.ledger.handovers[id]!.isOverdue(on: due), "due on the day itself is not yet overdue")
        XCTAssertTrue(f.ledger.handovers[id]!.isOverdue(on: due.adding(days: 1)))
        f.now += 8 * day
        f.must(.remindHandover(id: id, note: "電話で督促"), as: Who.clerk)
        f.must(.remindHandover(id: id, note: nil), as: Who.officer)
        XCTAssertEqual(f.ledger.handovers[id]!.reminders.count, 2)
        XCTAssertEqual(f.ledger.handovers[id]!.reminders.first?.note, "電話で督促")
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: nil), as: Who.clerk)
        XCTAssertFalse(f.ledger.handovers[id]!.isOverdue(on: due.adding(days: 30)), "once received it is never overdue")
        // A reminder once the receipt is back makes no sense.
        f.refuse(.remindHandover(id: id, note: nil), as: Who.clerk, .handoverState(id: id, status: .closed))
    }

    func test_dueDaysAreConfigurableAndOverridable() {
        var f = Fixture.staffed()
        f.must(.configure(key: "handover.due_days", value: "14"), as: Who.officer)
        XCTAssertEqual(f.ledger.receiptDueDays, 14)
        let a = draft(&f), b = draft(&f)
        guard case .handoverDispatched(let da)? = f.must(.dispatchHandover(id: a, date: nil, dueDays: nil), as: Who.clerk),
              case .handoverDispatched(let db)? = f.must(.dispatchHandover(id: b, date: Day("2026-11-20"), dueDays: 3), as: Who.clerk)
        else { return XCTFail() }
        XCTAssertEqual(da.due.iso, "2026-12-09")
        XCTAssertEqual(db.due.iso, "2026-11-23")
        f.refuse(.configure(key: "handover.due_days", value: "0"), as: Who.officer, .invalidSetting(key: "handover.due_days", value: "0"))
        f.refuse(.configure(key: "handover.due_days", value: "400"), as: Who.officer, .invalidSetting(key: "handover.due_days", value: "400"))
        let c = draft(&f)
        f.refuse(.dispatchHandover(id: c, date: nil, dueDays: 0), as: Who.clerk, .invalidDueDays(0))
    }

    /// A missing item or a short quantity is a discrepancy, resolved only by a note a
    /// supervisor (or officer) acknowledges; not the one who recorded the receipt (002 第19条).
    func test_discrepancyNeedsAcknowledgement() throws {
        var f = Fixture.staffed()
        let id = dispatched(&f)
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: [ReceivedItem(name: "仕様書", quantity: "1部")]), as: Who.clerk)
        let h = try XCTUnwrap(f.ledger.handovers[id])
        XCTAssertEqual(h.status, .discrepancy)
        XCTAssertEqual(h.differences, [ItemDifference(name: "仕様書", sent: "2部", received: "1部"),
                                       ItemDifference(name: "設計データ", sent: "1媒体 120MB", received: nil)])
        f.refuse(.acknowledgeHandover(id: id, note: "確認済"), as: Who.clerk2, .roleRequired(login: Who.clerk2, roles: [.officer, .supervisor]))
        f.refuse(.acknowledgeHandover(id: id, note: "確認済"), as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.officer, .supervisor]))
        f.refuse(.acknowledgeHandover(id: id, note: "  "), as: Who.supervisor, .invalidField(.note, .empty))
        f.must(.acknowledgeHandover(id: id, note: "1部は先方で保管中と電話確認。設計データは再送"), as: Who.supervisor)
        XCTAssertEqual(f.ledger.handovers[id]?.status, .closed)
        f.refuse(.acknowledgeHandover(id: id, note: "again"), as: Who.officer, .handoverState(id: id, status: .closed))
    }

    func test_whoRecordedTheReceiptCannotAcknowledgeIt() {
        var f = Fixture.staffed()
        let id = draft(&f, as: Who.officer)
        f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.officer)
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: []), as: Who.officer)
        // 002 第19条: nobody decides their own case.
        f.refuse(.acknowledgeHandover(id: id, note: "ok"), as: Who.officer, .selfApproval(request: id))
        f.must(.acknowledgeHandover(id: id, note: "ok"), as: Who.officer2)
    }

    func test_quantitiesCompareAsPeopleWriteThem() {
        var f = Fixture.staffed()
        let id = dispatched(&f)
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: [ReceivedItem(name: "仕様書", quantity: "２ 部"),
                                                                         ReceivedItem(name: "設計データ", quantity: "1媒体120MB")]), as: Who.clerk)
        XCTAssertEqual(f.ledger.handovers[id]?.status, .closed, "full-width digits and spaces are not a difference")
    }

    // MARK: contractor provisions (003 8.1)

    func test_contractorCaseClosesOnlyWhenEveryItemIsSettled() throws {
        var f = Fixture.staffed()
        let id = dispatched(&f, returnRequired: true)
        f.refuse(.returnHandover(id: id, items: [], date: nil), as: Who.clerk, .handoverState(id: id, status: .dispatched))
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: nil), as: Who.clerk)
        XCTAssertEqual(f.ledger.handovers[id]?.status, .received, "received, but the items are still with the contractor")
        f.must(.returnHandover(id: id, items: ["仕様書"], date: nil), as: Who.clerk)
        XCTAssertEqual(f.ledger.handovers[id]?.outstanding.map(\.name), ["設計データ"])
        XCTAssertEqual(f.ledger.handovers[id]?.status, .received)
        f.refuse(.returnHandover(id: id, items: ["仕様書"], date: nil), as: Who.clerk, .itemAlreadySettled(id: id, name: "仕様書"))
        f.refuse(.returnHandover(id: id, items: ["図面"], date: nil), as: Who.clerk, .unknownItem(id: id, name: "図面"))
        // 003 8.1(4): destruction is reported in writing: number, date and signer are required.
        f.refuse(.destroyHandover(id: id, items: [], report: "", date: nil, by: "山本"), as: Who.clerk, .invalidField(.report, .empty))
        f.refuse(.destroyHandover(id: id, items: [], report: "防シ第12号", date: nil, by: " "), as: Who.clerk, .invalidField(.signer, .empty))
        f.refuse(.destroyHandover(id: id, items: [], report: "防シ第12号", date: Day("2027-01-01"), by: "山本"), as: Who.clerk, .dayInFuture("2027-01-01"))
        f.must(.destroyHandover(id: id, items: [], report: "防シ第12号", date: nil, by: "情報セキュリティ責任者 山本"), as: Who.clerk)
        let h = try XCTUnwrap(f.ledger.handovers[id])
        XCTAssertEqual(h.status, .closed)
        XCTAssertEqual(h.disposals.map(\.report), [nil, "防シ第12号"])
    }

    func test_returnOrDestructionOnlyForContractorCases() {
        var f = Fixture.staffed()
        let id = dispatched(&f)
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: nil), as: Who.clerk)
        f.refuse(.returnHandover(id: id, items: [], date: nil), as: Who.clerk, .notReturnRequired(id))
    }

    /// A registered medium on a 送付リスト goes 送達中 with it, 移管済 once received,
    /// and back to storage when the contractor returns it (or 廃棄済 on a destruction report).
    func test_mediaItemsFollowTheCase() {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        let id = dispatched(&f, returnRequired: true, media: [a, b])
        XCTAssertEqual(f.ledger.handovers[id]?.items.last?.registration, b)
        XCTAssertEqual(f.status(a), .inTransit)
        XCTAssertEqual(f.ledger.holder(of: f.ledger.media[a]!), "株式会社防衛システム 営業部長")
        f.refuse(.startUse(registration: a, purpose: "x", place: nil, until: nil), as: Who.clerk, .wrongState(registration: a, status: .inTransit))
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: nil), as: Who.clerk)
        XCTAssertEqual(f.status(a), .transferred)
        f.must(.returnHandover(id: id, items: ["USBメモリ \(a)"], date: nil), as: Who.clerk)
        f.must(.destroyHandover(id: id, items: ["USBメモリ \(b)"], report: "防シ第13号", date: nil, by: "山本"), as: Who.clerk)
        XCTAssertEqual(f.status(a), .stored)
        XCTAssertEqual(f.status(b), .destroyed)
        XCTAssertNil(f.ledger.media[a]?.openCase)
    }

    /// A medium lost on the way stays lost; the rest of the case goes on.
    func test_mediumLostInTransitStaysLost() {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        let id = dispatched(&f, returnRequired: true, media: [a, b])
        f.must(.reportLost(registration: a, note: "輸送中に紛失"), as: Who.clerk)
        XCTAssertNil(f.ledger.media[a]?.openCase)
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: nil), as: Who.clerk)
        XCTAssertEqual(f.status(a), .lost)
        XCTAssertEqual(f.status(b), .transferred)
        f.must(.returnHandover(id: id, items: [], date: nil), as: Who.clerk)
        XCTAssertEqual(f.status(a), .lost)
        XCTAssertEqual(f.status(b), .stored)
        XCTAssertEqual(f.ledger.handovers[id]?.status, .closed)
    }

    /// 配布禁止 (002 別表1): such a medium cannot be listed on a 送付リスト.
    func test_noDistributionMediumIsRefused() {
        var f = Fixture.staffed()
        let m = f.register(restrictions: ["配布禁止"])
        f.refuse(.newHandover(to: "X社", contract: nil, returnRequired: false, items: [], media: [m], note: nil), as: Who.clerk,
                 .distributionForbidden(registration: m))
    }

    func test_dispatchRefusesMediaNotInStorage() {
        var f = Fixture.staffed()
        let m = f.register()
        let id = draft(&f, media: [m])
        f.must(.startUse(registration: m, purpose: "作業", place: nil, until: nil), as: Who.clerk2)
        f.refuse(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk, .wrongState(registration: m, status: .inUse))
        f.must(.endUse(registration: m, note: nil), as: Who.clerk2)
        f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk)
        let other = draft(&f, media: [m])
        f.refuse(.dispatchHandover(id: other, date: nil, dueDays: nil), as: Who.clerk, .mediumInCase(registration: m, id: id))
    }

    // MARK: recall

    /// A dispatched handover is never deleted: a recall is a new record, and its media come back.
    func test_recallIsANewRecord() {
        var f = Fixture.staffed()
        let m = f.register()
        let id = dispatched(&f, media: [m])
        let before = f.ledger.nextSeq
        f.refuse(.recallHandover(id: id, reason: ""), as: Who.clerk, .invalidField(.reason, .empty))
        f.must(.recallHandover(id: id, reason: "宛先誤り"), as: Who.clerk)
        XCTAssertEqual(f.ledger.nextSeq, before + 1)
        XCTAssertEqual(f.ledger.handovers[id]?.status, .recalled)
        XCTAssertEqual(f.ledger.handovers[id]?.items.count, 3, "nothing of the case is gone")
        XCTAssertEqual(f.status(m), .stored)
        f.refuse(.receiveHandover(id: id, by: "x", date: nil, received: nil), as: Who.clerk, .handoverState(id: id, status: .recalled))
        f.refuse(.recallHandover(id: id, reason: "again"), as: Who.clerk, .handoverState(id: id, status: .recalled))
    }

    // MARK: refusals

    func test_wrongStatesAreRefused() {
        var f = Fixture.staffed()
        let id = draft(&f)
        // A receipt before dispatch.
        f.refuse(.receiveHandover(id: id, by: "山本", date: nil, received: nil), as: Who.clerk, .handoverState(id: id, status: .draft))
        f.refuse(.remindHandover(id: id, note: nil), as: Who.clerk, .handoverState(id: id, status: .draft))
        f.refuse(.acknowledgeHandover(id: id, note: "x"), as: Who.supervisor, .handoverState(id: id, status: .draft))
        f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk)
        f.refuse(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk, .handoverState(id: id, status: .dispatched))
        f.refuse(.receiveHandover(id: "HO-0099", by: "x", date: nil, received: nil), as: Who.clerk, .unknownCase("HO-0099"))
    }

    func test_datesAreChecked() {
        var f = Fixture.staffed()
        let id = draft(&f)
        f.refuse(.dispatchHandover(id: id, date: Day("2026-11-26"), dueDays: nil), as: Who.clerk, .dayInFuture("2026-11-26"))
        f.must(.dispatchHandover(id: id, date: Day("2026-11-20"), dueDays: nil), as: Who.clerk)
        f.refuse(.receiveHandover(id: id, by: "山本", date: Day("2026-11-19"), received: nil), as: Who.clerk,
                 .dayBeforeDispatch("2026-11-19", "2026-11-20"))
    }

    func test_itemsAreChecked() {
        var f = Fixture.staffed()
        func new(_ items: [HandoverItem], to: String = "X社") -> Command {
            .newHandover(to: to, contract: nil, returnRequired: false, items: items, media: [], note: nil)
        }
        f.refuse(new([]), as: Who.clerk, .noItems)
        f.refuse(new(items, to: " "), as: Who.clerk, .invalidField(.addressee, .empty))
        f.refuse(new([HandoverItem(name: "仕様書", quantity: "1部"), HandoverItem(name: "仕様書", quantity: "2部")]), as: Who.clerk, .duplicateItem("仕様書"))
        f.refuse(new([HandoverItem(name: "仕様書", quantity: " ")]), as: Who.clerk, .invalidField(.quantity, .empty))
        f.refuse(new([HandoverItem(name: "仕様\u{1B}[31m書", quantity: "1")]), as: Who.clerk, .invalidField(.itemName, .controlCharacter))
        let id = dispatched(&f)
        f.refuse(.receiveHandover(id: id, by: "山本", date: nil, received: [ReceivedItem(name: "図面", quantity: "1")]), as: Who.clerk,
                 .unknownItem(id: id, name: "図面"))
        f.refuse(.receiveHandover(id: id, by: "", date: nil, received: nil), as: Who.clerk, .invalidField(.recipient, .empty))
    }

    func test_itemTextParses() throws {
        XCTAssertEqual(try HandoverItem.parse("仕様書=2部"), HandoverItem(name: "仕様書", quantity: "2部"))
        XCTAssertEqual(try HandoverItem.parse("a=b=3枚"), HandoverItem(name: "a=b", quantity: "3枚"), "the last = separates")
        XCTAssertEqual(try HandoverItem.parse("図面＝5枚"), HandoverItem(name: "図面", quantity: "5枚"))
        for bad in ["仕様書", "=2部", "仕様書=", " = "] {
            XCTAssertThrowsError(try HandoverItem.parse(bad)) { XCTAssertEqual($0 as? DomainError, .invalidItem(bad)) }
        }
    }

    /// DOMAIN.md roles: clerks draft and dispatch; auditors write nothing; strangers nothing.
    func test_roles() {
        var f = Fixture.staffed()
        let new = Command.newHandover(to: "X社", contract: nil, returnRequired: false, items: items, media: [], note: nil)
        f.refuse(new, as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.clerk, .officer]))
        f.refuse(new, as: Who.supervisor, .roleRequired(login: Who.supervisor, roles: [.clerk, .officer]))
        f.refuse(new, as: Who.stranger, .notEnrolled(login: Who.stranger))
        f.must(new, as: Who.officer)
        f.refuse(.dispatchHandover(id: "HO-0001", date: nil, dueDays: nil), as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.clerk, .officer]))
        f.refuse(.acknowledgeHandover(id: "HO-0001", note: "x"), as: Who.stranger, .notEnrolled(login: Who.stranger))
    }

    // MARK: incoming

    func test_incomingIsRecordedWithOurReceipt() throws {
        var f = Fixture.staffed()
        guard case .handoverIncoming(let d)? = f.must(.incomingHandover(from: "陸上幕僚監部 運用支援課", items: items, date: nil, note: nil), as: Who.clerk)
        else { return XCTFail() }
        XCTAssertEqual(d.handover, "HI-0001")
        XCTAssertEqual(d.by, "総務班 事務官 田中 一郎")
        let h = try XCTUnwrap(f.ledger.handovers["HI-0001"])
        XCTAssertEqual(h.direction, .incoming)
        XCTAssertEqual(h.status, .closed)
        XCTAssertEqual(h.receipt?.items.count, 2)
        f.refuse(.incomingHandover(from: "", items: items, date: nil, note: nil), as: Who.clerk, .invalidField(.sender, .empty))
        f.refuse(.incomingHandover(from: "X", items: items, date: nil, note: nil), as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.clerk, .officer]))
        // Numbers continue per direction; an incoming case cannot be dispatched.
        XCTAssertEqual(draft(&f), "HO-0001")
        f.refuse(.dispatchHandover(id: "HI-0001", date: nil, dueDays: nil), as: Who.clerk, .handoverState(id: "HI-0001", status: .closed))
    }

    // MARK: the fold refuses what decide would

    func test_foldRefusesContradictions() {
        var f = Fixture.staffed()
        let id = draft(&f)
        var l = f.ledger
        let receipt = Record(seq: l.nextSeq, at: f.now, actor: Who.clerk, prev: Record.genesisHash,
                             change: .handoverReceived(HandoverReceiptData(handover: id, date: Day(year: 2026, month: 11, day: 25)!, by: "x", items: [])))
        XCTAssertThrowsError(try l.apply(receipt), "a receipt for a draft contradicts the journal")
        let ack = Record(seq: l.nextSeq, at: f.now, actor: Who.supervisor, prev: Record.genesisHash,
                         change: .handoverAcknowledged(HandoverNoteData(handover: id, note: "x")))
        XCTAssertThrowsError(try l.apply(ack))
    }

    /// A hand-forged but well-chained journal that breaks a rule is refused at that record:
    /// a clerk acknowledging a discrepancy (deciders only), or a 配布禁止 medium on a 送付リスト.
    func test_foldReplaysTheRulesOfHandovers() {
        var f = Fixture.staffed()
        let id = dispatched(&f)
        f.must(.receiveHandover(id: id, by: "山本", date: nil, received: []), as: Who.clerk)
        var l = f.ledger
        let forgedAck = Record(seq: l.nextSeq, at: f.now, actor: Who.clerk2, prev: Record.genesisHash,
                               change: .handoverAcknowledged(HandoverNoteData(handover: id, note: "ok")))
        XCTAssertNotNil(l.ruleViolation(forgedAck))
        XCTAssertThrowsError(try l.apply(forgedAck))
        let m = f.register(restrictions: ["配布禁止"])
        l = f.ledger
        let forgedDraft = Record(seq: l.nextSeq, at: f.now, actor: Who.clerk, prev: Record.genesisHash,
                                 change: .handoverDrafted(HandoverDraftData(handover: "HO-0009", to: "X", contract: nil, returnRequired: false,
                                                                            items: [HandoverItem(name: m, quantity: "1", registration: m)], note: nil)))
        XCTAssertNotNil(l.ruleViolation(forgedDraft))
        let forgedTransfer = Record(seq: l.nextSeq, at: f.now, actor: Who.clerk, prev: Record.genesisHash,
                                    change: .transferDrafted(TransferDraftData(transfer: "TO-0009", to: "X", media: [m], note: nil)))
        XCTAssertNotNil(l.ruleViolation(forgedTransfer), "only the officer moves media out of the register")
    }
}

final class DayTests: XCTestCase {
    func test_readsISOAndReiwa() {
        XCTAssertEqual(Day("2026-11-25"), Day(year: 2026, month: 11, day: 25))
        XCTAssertEqual(Day("令和8年11月25日"), Day(year: 2026, month: 11, day: 25))
        XCTAssertEqual(Day("令和８年１１月２５日"), Day(year: 2026, month: 11, day: 25))
        XCTAssertEqual(Day("R8.11.25"), Day(year: 2026, month: 11, day: 25))
        XCTAssertEqual(Day("令和元年5月1日"), Day(year: 2019, month: 5, day: 1))
        for bad in ["2026-02-30", "2026-2-3", "令和元年4月30日", "令和8年13月1日", "R0.1.1", "H31.4.30", "昨日", "", "2026-11-25T10:00"] {
            XCTAssertNil(Day(bad), bad)
        }
    }

    func test_writesReiwa() {
        XCTAssertEqual(Day(year: 2026, month: 11, day: 25)!.reiwa, "令和8年11月25日")
        XCTAssertEqual(Day(year: 2019, month: 5, day: 1)!.reiwa, "令和元年5月1日")
        XCTAssertEqual(Day(year: 2019, month: 4, day: 30)!.reiwa, "2019年4月30日")
        XCTAssertEqual(Day(year: 2026, month: 12, day: 31)!.adding(days: 1).iso, "2027-01-01")
    }
}
