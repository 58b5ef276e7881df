// Derived views: overdue is derived from `now`, never stored (DOMAIN.md
// "Medium states"); the approvals queue shows a person only what they may
// decide and never their own requests (002 第19条); a medium's history.

@testable import DaichoCore
import XCTest

final class QueryTests: XCTestCase {
    func test_overdueUseIsDerivedFromNow_DOMAIN_derivedNeverStored() {
        var f = Fixture.staffed()
        let reg = f.register()
        let noEnd = f.register()
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: f.now + 2 * hour), as: Who.clerk)
        f.must(.startUse(registration: noEnd, purpose: "作業", place: nil, until: nil), as: Who.clerk)
        let m = f.ledger.media[reg]!
        XCTAssertFalse(f.ledger.isOverdue(m, at: f.now + hour))
        XCTAssertFalse(f.ledger.isOverdue(m, at: f.now + 2 * hour), "due at exactly the end is not yet overdue")
        XCTAssertTrue(f.ledger.isOverdue(m, at: f.now + 2 * hour + 1))
        XCTAssertEqual(f.ledger.overdueUses(at: f.now + 3 * hour).map(\.registration), [reg])
        XCTAssertTrue(f.ledger.overdueUses(at: f.now + hour).isEmpty)
        // Without an expected end a use is never overdue.
        XCTAssertFalse(f.ledger.isOverdue(f.ledger.media[noEnd]!, at: f.now + 365 * day))
        // Ending the use clears it, whatever the clock says.
        f.now += 5 * hour
        f.must(.endUse(registration: reg, note: nil), as: Who.clerk)
        XCTAssertTrue(f.ledger.overdueUses(at: f.now + day).isEmpty)
        XCTAssertFalse(f.ledger.isOverdue(f.ledger.media[reg]!, at: f.now + day))
    }

    func test_overdueTakeoutIsDerivedFromNow_onlyOnceDeparted() {
        var f = Fixture.staffed()
        let reg = f.register()
        let until = f.now + day
        let id = f.request(reg, until: until)
        XCTAssertTrue(f.ledger.overdueTakeouts(at: until + 1).isEmpty, "a pending request is not out")
        f.approve(id)
        XCTAssertTrue(f.ledger.overdueTakeouts(at: until + 1).isEmpty, "an approved request is not out")
        f.must(.depart(registration: reg), as: Who.clerk)
        XCTAssertTrue(f.ledger.overdueTakeouts(at: until).isEmpty)
        XCTAssertEqual(f.ledger.overdueTakeouts(at: until + 1).map(\.id), [id])
        XCTAssertTrue(f.ledger.isOverdue(f.ledger.media[reg]!, at: until + 1))
        XCTAssertTrue(f.ledger.requests[id]!.isOverdue(at: until + 1))
        f.now = until + 2 * day
        f.must(.returnTakeout(registration: reg, note: "遅延"), as: Who.clerk)
        XCTAssertTrue(f.ledger.overdueTakeouts(at: f.now).isEmpty)
        XCTAssertFalse(f.ledger.isOverdue(f.ledger.media[reg]!, at: f.now))
    }

    func test_takeoutLostWhileOutIsAnIncidentNotAnOverdueReturn() {
        var f = Fixture.staffed()
        let reg = f.register()
        let until = f.now + day
        let id = f.request(reg, until: until)
        f.approve(id)
        f.must(.depart(registration: reg), as: Who.clerk)
        XCTAssertEqual(f.ledger.overdueTakeouts(at: until + 1).map(\.id), [id])
        f.must(.reportLost(registration: reg, note: "移動中に紛失"), as: Who.clerk)
        XCTAssertTrue(f.ledger.overdueTakeouts(at: until + 1).isEmpty, "a lost medium is reported as lost, not as late")
        XCTAssertEqual(f.ledger.takeoutLog.map(\.id), [id], "the 持出簿 keeps the take-out as it was")
    }

    func test_approvalsForExcludesOwnRequests_002_第19条() {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register(), c = f.register()
        f.now += 1
        let qa = f.request(a, as: Who.officer)
        f.now += 1
        let qb = f.request(b, as: Who.clerk)
        f.now += 1
        let qc = f.request(c, as: Who.officer2)
        XCTAssertEqual(f.ledger.approvals(for: Who.officer).map(\.id), [qb, qc])
        XCTAssertEqual(f.ledger.approvals(for: Who.officer2).map(\.id), [qa, qb])
        XCTAssertEqual(f.ledger.pendingRequests.map(\.id), [qa, qb, qc])
    }

    func test_approvalsForExcludesNonDeciders_supervisorClerkAuditorStranger() {
        var f = Fixture.staffed()
        let a = f.register()
        _ = f.request(a, as: Who.officer)
        for who in [Who.supervisor, Who.clerk, Who.clerk2, Who.auditor, Who.stranger] {
            XCTAssertEqual(f.ledger.approvals(for: who), [], who)
        }
    }

    func test_approvalsForShowsOnlyPendingOldestFirst() {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register(), c = f.register()
        let qa = f.request(a), qb = f.request(b), qc = f.request(c)
        f.approve(qa)
        f.must(.reject(request: qb, reason: "否"), as: Who.officer)
        XCTAssertEqual(f.ledger.approvals(for: Who.officer).map(\.id), [qc])
        f.must(.withdraw(request: qc, reason: nil), as: Who.clerk)
        XCTAssertEqual(f.ledger.approvals(for: Who.officer), [])
    }

    func test_historyOfAMediumListsEveryRecordAboutIt_inOrder() {
        var f = Fixture.staffed()
        let reg = f.register(scanned: false)
        let other = f.register(scanned: false)
        let first = f.ledger.nextSeq - 2
        f.must(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk)
        f.must(.startUse(registration: other, purpose: "別", place: nil, until: nil, scanned: .clean), as: Who.clerk)
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk)
        f.must(.endUse(registration: reg, note: nil), as: Who.clerk)
        let id = f.request(reg)
        f.approve(id)
        f.must(.depart(registration: reg), as: Who.clerk)
        f.must(.returnTakeout(registration: reg, note: nil), as: Who.clerk)
        f.must(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk)
        let id2 = f.request(reg)
        f.must(.withdraw(request: id2, reason: nil), as: Who.clerk)
        let correctedTarget = f.ledger.nextSeq - 1
        f.must(.correct(target: correctedTarget, reason: "誤記", note: "取下げ理由の追記"), as: Who.officer)
        f.must(.reportLost(registration: reg, note: "亡失"), as: Who.officer)
        let types = f.ledger.history(of: reg).map(\.change.type)
        XCTAssertEqual(types, ["medium.registered", "medium.scanned", "use.started", "use.ended", "takeout.requested",
                               "request.approved", "takeout.departed", "takeout.returned", "medium.scanned", "takeout.requested",
                               "request.withdrawn", "record.corrected", "medium.lost"])
        XCTAssertEqual(f.ledger.history(of: reg).first?.seq, first)
        let seqs = f.ledger.history(of: reg).map(\.seq)
        XCTAssertEqual(seqs, seqs.sorted())
        XCTAssertEqual(Set(seqs).count, seqs.count, "a record appears once")
        XCTAssertFalse(f.ledger.history(of: other).contains { $0.change.registration == reg })
        XCTAssertEqual(f.ledger.corrections[correctedTarget]?.count, 1)
        XCTAssertEqual(f.ledger.history(of: "NOPE"), [])
    }

    func test_countsByStatusCoverEveryStatus() {
        var f = Fixture.staffed()
        _ = f.register()
        let u = f.register()
        f.must(.startUse(registration: u, purpose: "x", place: nil, until: nil), as: Who.clerk)
        let counts = Dictionary(uniqueKeysWithValues: f.ledger.countsByStatus().map { ($0.0, $0.1) })
        XCTAssertEqual(counts.count, MediumStatus.allCases.count)
        XCTAssertEqual(counts[.stored], 1)
        XCTAssertEqual(counts[.inUse], 1)
        XCTAssertEqual(counts[.lost], 0)
    }

    func test_summariesAreOneLineInBothLanguages() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        f.must(.reject(request: id, reason: "不要"), as: Who.officer)
        for r in f.ledger.records {
            for lang in Lang.allCases {
                let s = r.summary(lang, timeZone: tokyo)
                XCTAssertFalse(s.isEmpty)
                XCTAssertFalse(s.contains("\n"))
            }
        }
    }

    func test_statusJSONNamesAreTheContract() {
        XCTAssertEqual(MediumStatus.allCases.map(\.rawValue),
                       ["stored", "in_use", "taken_out", "in_transit", "transferred", "quarantined", "erased", "destroyed", "lost"])
        XCTAssertEqual(MediumKind.allCases.map(\.rawValue), ["usb", "sd", "cd-r", "dvd-r", "bd-r", "hdd", "ssd", "other"])
        XCTAssertEqual(DataCategory.allCases.map(\.rawValue), ["business", "disclosable", "commercial"])
        XCTAssertEqual(Confidentiality.allCases.map(\.rawValue), [1, 2, 3])
    }
}
