// A lost medium found again goes to 使用禁止 (quarantined) until a clean
// virus check (DOMAIN.md "Medium states": lost-and-found pending check;
// 001 第3-3: not used until confirmed free of infection).

@testable import DaichoCore
import XCTest

final class FoundTests: XCTestCase {
    func test_foundMediumIsQuarantinedUntilACleanCheck_001_第3の3() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.reportLost(registration: reg, note: "棚になし"), as: Who.clerk)
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk,
                 .wrongState(registration: reg, status: .lost))
        f.must(.reportFound(registration: reg, note: "別ロッカーで発見"), as: Who.officer)
        XCTAssertEqual(f.status(reg), .quarantined)
        f.refuse(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk, .quarantined(registration: reg))
        f.must(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk)
        XCTAssertEqual(f.status(reg), .stored)
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: Who.clerk)
    }

    func test_onlyALostMediumCanBeFound_andOnlyByTheOfficer() {
        var f = Fixture.staffed()
        let reg = f.register()
        f.refuse(.reportFound(registration: reg, note: "x"), as: Who.officer, .wrongState(registration: reg, status: .stored))
        f.must(.reportLost(registration: reg, note: "棚になし"), as: Who.clerk)
        f.refuse(.reportFound(registration: reg, note: "x"), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.refuse(.reportFound(registration: reg, note: " "), as: Who.officer, .invalidField(.note, .empty))
    }

    func test_foundAfterLostWhileOutClosesTheTakeout() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.takeOut(reg)
        f.must(.reportLost(registration: reg, note: "出張先で紛失"), as: Who.clerk)
        XCTAssertEqual(f.state(id), .departed, "the 持出簿 keeps the take-out as it was")
        f.must(.reportFound(registration: reg, note: "出張先から返送"), as: Who.officer)
        XCTAssertEqual(f.state(id), .returned)
        XCTAssertEqual(f.ledger.requests[id]?.returnNote, "出張先から返送")
        XCTAssertNil(f.ledger.media[reg]?.openRequest)
        XCTAssertEqual(f.status(reg), .quarantined)
    }

    func test_foundRecordRoundTripsAndNamesItsMedium() throws {
        let r = Record(seq: 3, at: baseNow, actor: Who.officer, prev: Record.genesisHash,
                       change: .mediumFound(LostData(registration: "USB-2026-0001", note: "発見")))
        XCTAssertEqual(try Record.decode(line: r.encodedLine()), r)
        XCTAssertEqual(r.change.type, "medium.found")
        XCTAssertEqual(r.change.registration, "USB-2026-0001")
    }
}
