// Editing a draft 送付リスト (handover.edited) or 送達票 (transfer.edited): only
// while it is a draft, only by its drafter or the officer (002 第19条: nobody acts
// on a paper that goes out in another's name), every medium through the one exit
// check again (002 別表1), and a decided 機密性3 permission undone by the edit
// (002 第48条3: the permission is for what the paper says). The replay refuses a
// forged edit for each of these.

@testable import DaichoCore
import Foundation
import XCTest

final class DraftEditTests: XCTestCase {
    let items = [HandoverItem(name: "仕様書", quantity: "2部")]

    func draft(_ f: inout Fixture, as login: String = Who.clerk, media: [String] = [], classification: Confidentiality? = nil) -> String {
        guard case .handoverDrafted(let d)? = f.must(.newHandover(to: "A社", contract: nil, returnRequired: false, items: items, media: media,
                                                                  note: "至急", classification: classification), as: login) else {
            XCTFail("draft failed"); return ""
        }
        return d.handover
    }

    func edit(_ id: String, to: String? = nil, items: [HandoverItem]? = nil, media: [String]? = nil, note: String? = nil) -> Command {
        .editHandover(id: id, to: to, items: items, media: media, note: note)
    }

    /// The edit replaces the draft's content; what is not given is kept; the record carries the whole draft.
    func test_anEditReplacesTheDraftsContent() throws {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        let id = draft(&f, media: [a])
        guard case .handoverEdited(let d)? = f.must(edit(id, to: "B社 部長", items: [HandoverItem(name: "図面", quantity: "3枚")], media: [b]),
                                                    as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.handover, id)
        XCTAssertEqual(d.note, "至急", "a note not given is kept")
        let h = try XCTUnwrap(f.ledger.handovers[id])
        XCTAssertEqual(h.counterpart, "B社 部長")
        XCTAssertEqual(h.items.map(\.name), ["図面", "USBメモリ \(b)"])
        XCTAssertEqual(h.registrations, [b], "the media given replace the media listed")
        XCTAssertEqual(h.status, .draft)
        XCTAssertEqual(h.history.count, 2)
        // Only the note: items and media kept; "" clears it.
        f.must(edit(id, note: ""), as: Who.clerk)
        XCTAssertNil(f.ledger.handovers[id]?.note)
        XCTAssertEqual(f.ledger.handovers[id]?.registrations, [b])
        // An edit that changes nothing is refused rather than written.
        f.refuse(edit(id, to: "B社 部長"), as: Who.clerk, .nothingChanged(login: id))
        // The edited draft is what goes.
        f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk)
        XCTAssertEqual(f.status(b), .inTransit)
        XCTAssertEqual(f.status(a), .stored)
    }

    /// 002 第19条: the drafter or the officer edits a draft; another clerk, the supervisor, the auditor do not.
    func test_onlyItsDrafterOrTheOfficerEditsADraft_002_第19条() {
        var f = Fixture.staffed()
        let id = draft(&f)
        f.refuse(edit(id, to: "C社"), as: Who.clerk2, .notDrafter(id: id, drafter: Who.clerk))
        f.refuse(edit(id, to: "C社"), as: Who.supervisor, .roleRequired(login: Who.supervisor, roles: [.clerk, .officer]))
        f.refuse(edit(id, to: "C社"), as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.clerk, .officer]))
        XCTAssertEqual(f.ledger.draftEditRefusal(id, by: Actor(login: Who.clerk2)), .notDrafter(id: id, drafter: Who.clerk))
        XCTAssertNil(f.ledger.draftEditRefusal(id, by: Actor(login: Who.clerk)))
        f.must(edit(id, to: "C社"), as: Who.clerk)
        f.must(edit(id, to: "D社"), as: Who.officer2)
        XCTAssertEqual(f.ledger.handovers[id]?.counterpart, "D社")
        // The replay refuses a forged edit by another clerk.
        let forged = Change.handoverEdited(HandoverDraftData(handover: id, to: "E社", contract: nil, returnRequired: false, items: items, note: nil))
        XCTAssertEqual(f.violation(forged, by: Who.clerk2), "\(Who.clerk2) edited \(id), drafted by \(Who.clerk)")
        XCTAssertNotNil(f.violation(forged, by: Who.supervisor))
        XCTAssertNil(f.violation(forged, by: Who.officer))
        XCTAssertNil(f.violation(forged, by: Who.clerk))
    }

    /// Only a draft is edited: once dispatched (or recalled) the 送付リスト is what went (000 別記様式第3).
    func test_onlyADraftIsEdited() {
        var f = Fixture.staffed()
        let id = draft(&f)
        f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk)
        f.refuse(edit(id, to: "C社"), as: Who.clerk, .handoverState(id: id, status: .dispatched))
        f.refuse(edit(id, to: "C社"), as: Who.officer, .handoverState(id: id, status: .dispatched))
        let forged = Change.handoverEdited(HandoverDraftData(handover: id, to: "C社", contract: nil, returnRequired: false, items: items, note: nil))
        XCTAssertEqual(f.violation(forged, by: Who.clerk), "\(id) edited when it is not a draft")
        var l = f.ledger
        XCTAssertThrowsError(try l.apply(Record(seq: l.nextSeq, at: f.now, actor: Who.clerk, prev: Record.genesisHash, change: forged)))
        let other = draft(&f)
        f.must(.recallHandover(id: other, reason: "宛先誤り"), as: Who.clerk)
        f.refuse(edit(other, to: "C社"), as: Who.clerk, .handoverState(id: other, status: .recalled))
        // An incoming delivery is not a draft either.
        f.must(.incomingHandover(from: "B社", items: items, date: nil, note: nil), as: Who.clerk)
        f.refuse(edit("HI-0001", to: "C社"), as: Who.clerk, .handoverState(id: "HI-0001", status: .closed))
    }

    /// 002 別表1: a medium put on a draft by an edit passes the same exit check as one drafted (配布禁止 refused),
    /// and a medium kept on it is checked again (it may have been marked since).
    func test_anEditedMediumPassesTheExitCheck_002_別表1() {
        var f = Fixture.staffed()
        let ok = f.register(), banned = f.register(restrictions: ["配布禁止"])
        let id = draft(&f, media: [ok])
        f.refuse(edit(id, media: [ok, banned]), as: Who.clerk, .distributionForbidden(registration: banned))
        f.refuse(edit(id, media: [ok, ok]), as: Who.clerk, .duplicateItem(ok))
        XCTAssertEqual(f.ledger.handovers[id]?.registrations, [ok], "a refused edit changes nothing")
        // The medium kept becomes 配布禁止 through an amendment: a later edit keeping it is refused.
        var marks = MediumAmendment(); marks.restrictions = ["配布禁止"]
        f.must(.amend(registration: ok, reason: "指定変更", marks), as: Who.officer)
        f.refuse(edit(id, to: "C社"), as: Who.clerk, .distributionForbidden(registration: ok))
        // The replay refuses a forged edit listing a 配布禁止 medium.
        let forged = Change.handoverEdited(HandoverDraftData(handover: id, to: "C社", contract: nil, returnRequired: false,
                                                             items: [HandoverItem(name: banned, quantity: "1", registration: banned)], note: nil))
        XCTAssertNotNil(f.violation(forged, by: Who.clerk))
        // And one that changes the contract's terms is inconsistent (an edit keeps 契約番号 and 返却要否, 003 8.1(4)).
        let id2 = draft(&f)
        var l = f.ledger
        let terms = Change.handoverEdited(HandoverDraftData(handover: id2, to: "A社", contract: "R8-1", returnRequired: true, items: items, note: nil))
        XCTAssertThrowsError(try l.apply(Record(seq: l.nextSeq, at: f.now, actor: Who.clerk, prev: Record.genesisHash, change: terms)))
    }

    /// 002 第48条3: the permission to provide 機密性3 information outside is for what the list says. An edit after
    /// the permission undoes it: the list waits for permission again and cannot be dispatched before.
    func test_anEditUndoesAGrantedC3Permission_002_第48条3() {
        var f = Fixture.staffed()
        let id = draft(&f, classification: .c3)
        f.must(.approve(request: id, confirmed: [], comment: "許可"), as: Who.officer)
        XCTAssertEqual(f.ledger.handovers[id]?.permission?.approved, true)
        f.must(edit(id, to: "別の宛先"), as: Who.clerk)
        XCTAssertNil(f.ledger.handovers[id]?.permission)
        XCTAssertEqual(f.ledger.handovers[id]?.awaitsPermission, true)
        f.refuse(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk, .rule(.permissionRequired(id: id)))
        // An item keeping its name keeps its 機密性3 mark when its quantity is edited.
        f.must(edit(id, items: [HandoverItem(name: "仕様書", quantity: "3部")]), as: Who.clerk)
        XCTAssertEqual(f.ledger.handovers[id]?.items.first?.classification, .c3)
        f.must(.approve(request: id, confirmed: [], comment: "許可"), as: Who.officer)
        f.must(.dispatchHandover(id: id, date: nil, dueDays: nil), as: Who.clerk)
        // A rejected one may be fixed and asked again.
        let other = draft(&f, classification: .c3)
        f.must(.reject(request: other, reason: "宛先不適"), as: Who.officer)
        XCTAssertFalse(f.ledger.handovers[other]!.awaitsPermission)
        f.must(edit(other, to: "適切な宛先"), as: Who.clerk)
        XCTAssertTrue(f.ledger.handovers[other]!.awaitsPermission)
    }

    // MARK: transfers

    func transferDraft(_ f: inout Fixture, _ regs: [String]) -> String {
        guard case .transferDrafted(let d)? = f.must(.newTransfer(to: "第2通信隊", media: regs, note: "管理換え"), as: Who.officer) else {
            XCTFail(); return ""
        }
        return d.transfer
    }

    /// A draft 送達票 is edited by the officer: media replaced, each through the exit check and in storage
    /// (001 付紙第3); a clerk never (the officer keeps the register).
    func test_aDraftTransferIsEditedByTheOfficer_001_付紙第3() throws {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        let id = transferDraft(&f, [a])
        f.refuse(.editTransfer(id: id, to: "第3通信隊", media: nil, note: nil), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        guard case .transferEdited(let d)? = f.must(.editTransfer(id: id, to: "第3通信隊", media: [b], note: nil), as: Who.officer2) else {
            return XCTFail()
        }
        XCTAssertEqual(d.note, "管理換え")
        let t = try XCTUnwrap(f.ledger.transfers[id])
        XCTAssertEqual(t.counterpart, "第3通信隊")
        XCTAssertEqual(t.media, [b])
        f.refuse(.editTransfer(id: id, to: nil, media: [], note: nil), as: Who.officer, .noItems)
        f.refuse(.editTransfer(id: id, to: "第3通信隊", media: nil, note: nil), as: Who.officer, .nothingChanged(login: id))
        // A medium out in use cannot be put on it.
        f.must(.startUse(registration: a, purpose: "作業", place: nil, until: nil), as: Who.clerk)
        f.refuse(.editTransfer(id: id, to: nil, media: [a], note: nil), as: Who.officer, .wrongState(registration: a, status: .inUse))
        f.must(.dispatchTransfer(id: id, date: nil), as: Who.officer)
        f.refuse(.editTransfer(id: id, to: "X", media: nil, note: nil), as: Who.officer, .transferState(id: id, status: .dispatched))
        let forged = Change.transferEdited(TransferDraftData(transfer: id, to: "X", media: [b], note: nil))
        XCTAssertEqual(f.violation(forged, by: Who.officer), "\(id) edited when it is not a draft")
    }

    /// The replay refuses a forged transfer edit: by a clerk, or listing a medium the exit check refuses (002 別表1).
    func test_theReplayRefusesAForgedTransferEdit_002_別表1() {
        var f = Fixture.staffed()
        let a = f.register(), c3 = f.register(.usb, .business, .c3), banned = f.register(restrictions: ["配布禁止"])
        let id = transferDraft(&f, [a])
        let byClerk = Change.transferEdited(TransferDraftData(transfer: id, to: "X", media: [a], note: nil))
        XCTAssertNotNil(f.violation(byClerk, by: Who.clerk), "only the officer moves media out of the register")
        XCTAssertNil(f.violation(byClerk, by: Who.officer))
        let forged = Change.transferEdited(TransferDraftData(transfer: id, to: "X", media: [a, banned], note: nil))
        XCTAssertNotNil(f.violation(forged, by: Who.officer), "a 配布禁止 medium on a 送達票")
        f.refuse(.editTransfer(id: id, to: nil, media: [banned], note: nil), as: Who.officer, .distributionForbidden(registration: banned))
        f.refuse(.editTransfer(id: id, to: nil, media: [c3], note: nil), as: Who.officer,
                 .rule(.encryptionRequired(registration: c3, exit: .transfer)))
    }
}
