// Which role decides each kind of request is configurable (DOMAIN.md
// "Approvals": defaults take-out → officer); the setting is a record like any
// other, made by the officer, and an auditor (read-only) can never decide.

@testable import DaichoCore
import XCTest

final class ConfigTests: XCTestCase {
    func test_defaultTakeoutDeciderIsTheOfficer_DOMAIN_Approvals() {
        let f = Fixture.staffed()
        XCTAssertEqual(f.ledger.deciders(for: .takeout), [.officer])
        XCTAssertEqual(f.ledger.settings.map(\.key), ["approvers.takeout", "approvers.discrepancy", "approvers.handover", "approvers.disposal",
                                                     "approvers.exception", "approvers.correction", "handover.due_days"] + LifeSettings.keys)
        // DOMAIN.md "Approvals": take-out → officer; others → supervisor or officer. The 受領書 is due in 7 days.
        // 002 第48条3: a 機密性3 handover → officer. Issue 12: disposals → officer; the lifecycle's defaults
        // (001 第6: 1月15日, 2月末日; 付紙第5: 統合幕僚長). Issue 11: exceptions → officer (002 第26条); corrections → officer or supervisor.
        XCTAssertEqual(f.ledger.settings.map(\.value), ["officer", "officer,supervisor", "officer", "officer", "officer", "officer,supervisor", "7",
                                                        "専用ソフトによる上書き消去,物理破壊,溶解,裁断", "false", "7",
                                                        "reported,upward,searched,result", "統合幕僚長", "01-15", "02-end"])
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
                       ("approvers.nothing", "officer"), ("theme", "dark"),
                       ("disposal.overdue_days", "0"), ("disposal.witness_not_requester", "yes"), ("inspection.report_due", "13-01")] {
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
