// Which role decides each kind of request is configurable (DOMAIN.md
// "Approvals": defaults take-out → officer); the setting is a record like any
// other, made by the officer, and an auditor (read-only) can never decide.

@testable import DaichoCore
import XCTest

final class ConfigTests: XCTestCase {
    func test_defaultTakeoutDeciderIsTheOfficer_DOMAIN_Approvals() {
        let f = Fixture.staffed()
        XCTAssertEqual(f.ledger.deciders(for: .takeout), [.officer])
        XCTAssertEqual(f.ledger.settings.map(\.key), ["approvers.takeout", "approvers.discrepancy", "handover.due_days"])
        // DOMAIN.md "Approvals": take-out → officer; others → supervisor or officer. The 受領書 is due in 7 days.
        XCTAssertEqual(f.ledger.settings.map(\.value), ["officer", "officer,supervisor", "7"])
    }

    func test_officerLetsSupervisorsDecideTakeouts_thenASupervisorApproves() {
        var f = Fixture.staffed()
        let reg = f.register()
        let id = f.request(reg)
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.supervisor,
                 .roleRequired(login: Who.supervisor, roles: [.officer]))
        XCTAssertTrue(f.ledger.approvals(for: Who.supervisor).isEmpty)
        f.must(.configure(key: "approvers.takeout", value: "supervisor, officer"), as: Who.officer)
        XCTAssertEqual(f.ledger.deciders(for: .takeout), [.officer, .supervisor])
        XCTAssertEqual(f.ledger.approvals(for: Who.supervisor).map(\.id), [id])
        f.approve(id, as: Who.supervisor)
        XCTAssertEqual(f.state(id), .approved)
    }

    func test_onlyTheOfficerChangesSettings() {
        let f = Fixture.staffed()
        for who in [Who.clerk, Who.supervisor, Who.auditor] {
            f.refuse(.configure(key: "approvers.takeout", value: "supervisor"), as: who, .roleRequired(login: who, roles: [.officer]))
        }
    }

    func test_badSettingsAreRefused_auditorCannotDecide() {
        let f = Fixture.staffed()
        for (k, v) in [("approvers.takeout", "auditor"), ("approvers.takeout", ""), ("approvers.takeout", "boss"),
                       ("approvers.disposal", "officer"), ("theme", "dark")] {
            f.refuse(.configure(key: k, value: v), as: Who.officer, .invalidSetting(key: k, value: v))
        }
    }

    func test_settingRoundTripsThroughTheRecordLine() throws {
        var f = Fixture.staffed()
        guard let change = f.must(.configure(key: "approvers.takeout", value: "officer,supervisor"), as: Who.officer) else { return }
        let r = Record(seq: 1, at: baseNow, actor: Who.officer, prev: Record.genesisHash, change: change)
        XCTAssertEqual(try Record.decode(line: r.encodedLine()), r)
        XCTAssertEqual(r.change.type, "ledger.configured")
    }
}
