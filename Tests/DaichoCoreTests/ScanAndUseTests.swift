// Virus checks (001 第3-3: an infected medium may not be used until cleaned)
// and use inside the managed area (使用記録簿, 001 付紙第4 1(1)ア(ｲ)).

@testable import DaichoCore
import XCTest

final class ScanTests: XCTestCase {
    func test_infectedQuarantines_cleanReleases_001_第3_3() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.scan(registration: reg, result: .infected, note: "検出"), as: Who.clerk)
        XCTAssertEqual(f.status(reg), .quarantined)
        XCTAssertEqual(f.ledger.media[reg]?.lastScan?.result, .infected)
        XCTAssertEqual(f.ledger.media[reg]?.lastScan?.by, Who.clerk)
        // Still infected: stays quarantined.
        f.must(.scan(registration: reg, result: .infected, note: nil), as: Who.officer)
        XCTAssertEqual(f.status(reg), .quarantined)
        f.must(.scan(registration: reg, result: .clean, note: "駆除済"), as: Who.officer)
        XCTAssertEqual(f.status(reg), .stored)
        XCTAssertEqual(f.ledger.media[reg]?.lastScan?.result, .clean)
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk)
    }

    func test_cleanScanOfStoredMediumKeepsItStored_andRecordsTheCheck_001_第3_3() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.now += hour
        f.must(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk)
        XCTAssertEqual(f.status(reg), .stored)
        XCTAssertEqual(f.ledger.media[reg]?.lastScan?.at, f.now)
    }

    func test_scanOnlyInStorageOrQuarantine() {
        var f = Fixture.staffed()
        let used = f.register()
        f.must(.startUse(registration: used, purpose: "作業", place: nil, until: nil), as: Who.clerk)
        f.refuse(.scan(registration: used, result: .clean, note: nil), as: Who.clerk, .wrongState(registration: used, status: .inUse))
        let out = f.register()
        _ = f.takeOut(out)
        f.refuse(.scan(registration: out, result: .infected, note: nil), as: Who.clerk, .wrongState(registration: out, status: .takenOut))
        let lost = f.register()
        f.must(.reportLost(registration: lost, note: "亡失"), as: Who.clerk)
        f.refuse(.scan(registration: lost, result: .clean, note: nil), as: Who.clerk, .wrongState(registration: lost, status: .lost))
        f.refuse(.scan(registration: "USB-2026-0999", result: .clean, note: nil), as: Who.clerk, .unknownMedium("USB-2026-0999"))
    }

    func test_scanNoteValidated() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.scan(registration: reg, result: .clean, note: "a\u{1B}b"), as: Who.clerk, .invalidField(.note, .controlCharacter))
        f.refuse(.scan(registration: reg, result: .clean, note: String(repeating: "あ", count: 501)), as: Who.clerk,
                 .invalidField(.note, .tooLong(max: 500)))
    }
}

final class UseTests: XCTestCase {
    func test_useStartThenEnd_recordsTheUseLog_001_付紙第4_1_1_ア_イ() {
        var f = Fixture.staffed()
        let reg = f.register()
        let start = f.now
        f.must(.startUse(registration: reg, purpose: " 資料作成 ", place: "端末A", until: start + 4 * hour), as: Who.clerk)
        XCTAssertEqual(f.status(reg), .inUse)
        XCTAssertEqual(f.ledger.holder(of: f.ledger.media[reg]!), Who.clerk)
        XCTAssertEqual(f.ledger.due(of: f.ledger.media[reg]!), start + 4 * hour)
        f.now += 2 * hour
        f.must(.endUse(registration: reg, note: "返納"), as: Who.clerk)
        XCTAssertEqual(f.status(reg), .stored)
        XCTAssertNil(f.ledger.media[reg]?.openUse)
        let u = f.ledger.uses.last!
        XCTAssertEqual(u.registration, reg)
        XCTAssertEqual(u.user, Who.clerk)
        XCTAssertEqual(u.purpose, "資料作成")
        XCTAssertEqual(u.place, "端末A")
        XCTAssertEqual(u.start, start)
        XCTAssertEqual(u.until, start + 4 * hour)
        XCTAssertEqual(u.end, f.now)
        XCTAssertEqual(u.endedBy, Who.clerk)
        XCTAssertEqual(u.endNote, "返納")
        XCTAssertNil(f.ledger.holder(of: f.ledger.media[reg]!))
    }

    func test_useRefusedWhileQuarantined_001_第3_3() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.scan(registration: reg, result: .infected, note: nil), as: Who.clerk)
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk, .quarantined(registration: reg))
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.officer, .quarantined(registration: reg))
    }

    func test_useRefusedUnlessStored() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk)
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk2, .wrongState(registration: reg, status: .inUse))
        let out = f.register()
        _ = f.takeOut(out)
        f.refuse(.startUse(registration: out, purpose: "作業", place: nil, until: nil), as: Who.clerk, .wrongState(registration: out, status: .takenOut))
        let lost = f.register()
        f.must(.reportLost(registration: lost, note: "亡失"), as: Who.clerk)
        f.refuse(.startUse(registration: lost, purpose: "作業", place: nil, until: nil), as: Who.clerk, .wrongState(registration: lost, status: .lost))
    }

    func test_useRefusedWhileAnApprovedTakeoutWaitsToLeave() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        // A pending request does not block use inside the area…
        f.must(.startUse(registration: reg, purpose: "準備", place: nil, until: nil), as: Who.clerk)
        f.must(.endUse(registration: reg, note: nil), as: Who.clerk)
        f.approve(id)
        // …but once approved the medium is reserved for the take-out.
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk, .requestPending(registration: reg, request: id))
    }

    func test_useUntilInThePastOrNowRefused() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: f.now - 1), as: Who.clerk, .untilInPast)
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: f.now), as: Who.clerk, .untilInPast)
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: f.now + 1), as: Who.clerk)
    }

    func test_usePurposeRequiredAndValidated() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.startUse(registration: reg, purpose: "  ", place: nil, until: nil), as: Who.clerk, .invalidField(.purpose, .empty))
        f.refuse(.startUse(registration: reg, purpose: String(repeating: "目", count: 201), place: nil, until: nil), as: Who.clerk,
                 .invalidField(.purpose, .tooLong(max: 200)))
        f.refuse(.startUse(registration: reg, purpose: "作業", place: "端末\u{2066}B", until: nil), as: Who.clerk,
                 .invalidField(.place, .controlCharacter))
        f.must(.startUse(registration: reg, purpose: String(repeating: "目", count: 200), place: "", until: nil), as: Who.clerk)
        XCTAssertNil(f.ledger.uses.last?.place)
    }

    func test_useEndOnlyWhenInUse() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.endUse(registration: reg, note: nil), as: Who.clerk, .wrongState(registration: reg, status: .stored))
        f.refuse(.endUse(registration: "SD-2026-0001", note: nil), as: Who.clerk, .unknownMedium("SD-2026-0001"))
    }

    func test_severalUsesOfOneMediumAreAllLogged_001_付紙第4_1_1_ア_イ() {
        var f = Fixture.staffed()
        let reg = f.register()
        for who in [Who.clerk, Who.clerk2, Who.officer] {
            f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: who)
            f.now += hour
            f.must(.endUse(registration: reg, note: nil), as: who)
        }
        XCTAssertEqual(f.ledger.uses.map(\.user), [Who.clerk, Who.clerk2, Who.officer])
        XCTAssertTrue(f.ledger.uses.allSatisfy { $0.end != nil })
    }
}
