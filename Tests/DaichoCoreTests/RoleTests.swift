// Who may do what (DOMAIN.md "Who uses it"): the officer keeps the register and
// enrols people (001 付紙第4 1(1)ア(ｱ)); clerks record uses and request
// take-outs; take-outs are permitted by the officer (001 付紙第4 1(1)ア(ｳ), 第3-2);
// the auditor only reads; every write names an enrolled person.

@testable import DaichoCore
import XCTest

final class RoleTests: XCTestCase {
    /// A world where every command below would be accepted for the right role.
    private struct World {
        var f: Fixture
        var stored = "", inUse = "", pendingReg = "", approvedReg = "", departedReg = ""
        var pending = "", approved = "", departed = ""
    }

    private func world() -> World {
        var f = Fixture.staffed()
        var w = World(f: f)
        w.stored = f.register()
        w.inUse = f.register()
        f.must(.startUse(registration: w.inUse, purpose: "資料作成", place: "端末A", until: nil), as: Who.clerk)
        w.pendingReg = f.register()
        w.pending = f.request(w.pendingReg)
        w.approvedReg = f.register()
        w.approved = f.request(w.approvedReg)
        f.approve(w.approved)
        w.departedReg = f.register()
        w.departed = f.takeOut(w.departedReg)
        w.f = f
        return w
    }

    private func commands(_ w: World) -> [(String, Command, [Role])] {
        [
            ("enroll", .enroll(login: "shinjin", name: "新人", roles: [.clerk], title: nil, rank: nil, section: nil), [.officer]),
            ("setRoles", .setRoles(login: Who.clerk2, roles: [.clerk, .supervisor]), [.officer]),
            ("register", .register(NewMedium(kind: .usb, category: .business, classification: .c1)), [.officer]),
            ("scan", .scan(registration: w.stored, result: .clean, note: nil), [.clerk, .officer]),
            ("reportLost", .reportLost(registration: w.stored, note: "所在不明"), [.clerk, .officer]),
            ("startUse", .startUse(registration: w.stored, purpose: "資料作成", place: nil, until: nil), [.clerk, .officer]),
            ("endUse", .endUse(registration: w.inUse, note: nil), [.clerk, .officer]),
            ("requestTakeout", .requestTakeout(registration: w.stored, destination: "本部", purpose: "会議", from: nil,
                                               until: w.f.now + day, transport: nil), [.clerk, .officer]),
            ("depart", .depart(registration: w.approvedReg), [.clerk, .officer]),
            ("returnTakeout", .returnTakeout(registration: w.departedReg, note: "異常なし"), [.clerk, .officer]),
            // Take-out is decided by the officer by default (001 付紙第4 1(1)ア(ｳ)).
            ("approve", .approve(request: w.pending, confirmed: TakeoutCheck.allCases, comment: nil), [.officer]),
            ("reject", .reject(request: w.pending, reason: "不要"), [.officer]),
            ("correct", .correct(target: 1, reason: "誤記", note: "氏名の誤り"), [.officer, .supervisor]),
            // People over time are the officer's (DOMAIN.md: enrols people and grants roles).
            ("editPerson", .editPerson(login: Who.clerk2, name: nil, title: "技官", rank: nil, section: nil), [.officer]),
            ("retirePerson", .retirePerson(login: Who.clerk2, reason: "転出"), [.officer]),
            ("changeOfficer", .changeOfficer(from: Who.officer2, to: Who.supervisor, reason: "異動"), [.officer]),
        ]
    }

    private let people: [(String, [Role])] = [
        (Who.officer, [.officer]), (Who.clerk, [.clerk]), (Who.supervisor, [.supervisor]), (Who.auditor, [.auditor]),
    ]

    func test_eachCommandAcceptedOnlyForItsRoles_DOMAIN_roles_001_付紙第4() {
        let w = world()
        for (name, command, allowed) in commands(w) {
            for (login, roles) in people {
                let may = roles.contains(where: allowed.contains)
                do {
                    _ = try w.f.ledger.decide(command, by: Actor(login: login), now: w.f.now, timeZone: w.f.tz)
                    XCTAssertTrue(may, "\(name) accepted for \(login) (\(roles)); only \(allowed) may")
                } catch {
                    if may {
                        XCTFail("\(name) refused for \(login): \(error.message(.en))")
                    } else {
                        XCTAssertEqual(error, .roleRequired(login: login, roles: allowed), "\(name) as \(login)")
                    }
                }
            }
        }
    }

    func test_auditorIsReadOnly_everyWriteRefused_DOMAIN_auditor() {
        let w = world()
        for (name, command, _) in commands(w) {
            guard let e = w.f.refusal(command, as: Who.auditor) else { continue }
            guard case .roleRequired(let login, _) = e else { return XCTFail("\(name): \(e)") }
            XCTAssertEqual(login, Who.auditor)
        }
    }

    func test_notEnrolledPersonMayNotWrite_everyWriteNamesAnEnrolledPerson() {
        let w = world()
        for (name, command, _) in commands(w) {
            XCTAssertEqual(w.f.refusal(command, as: Who.stranger), .notEnrolled(login: Who.stranger), name)
        }
    }

    func test_noLedgerYet_everyCommandRefusedAsNotInitialized() {
        let f = Fixture()
        let n = NewMedium(kind: .usb, category: .business, classification: .c1)
        f.refuse(.register(n), as: Who.officer, .notInitialized)
        f.refuse(.enroll(login: "a", name: "A", roles: [.clerk], title: nil, rank: nil, section: nil), as: Who.officer, .notInitialized)
    }

    func test_personWithSeveralRolesMayDoWhatEachAllows() {
        var f = Fixture.staffed()
        f.must(.enroll(login: "kenmu", name: "兼務", roles: [.clerk, .supervisor], title: nil, rank: nil, section: nil), as: Who.officer)
        let reg = f.register()
        f.must(.startUse(registration: reg, purpose: "作業", place: nil, until: nil), as: "kenmu")
        f.must(.correct(target: 1, reason: "誤記", note: "訂正"), as: "kenmu")
        // …but a supervisor-and-clerk still does not permit take-outs (officer only by default).
        let other = f.register()
        let id = f.request(other, as: Who.clerk)
        f.refuse(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), as: "kenmu",
                 .roleRequired(login: "kenmu", roles: [.officer]))
    }

    func test_decidersOfTakeoutAreOfficersByDefault_DOMAIN_approvals() {
        XCTAssertEqual(Fixture.staffed().ledger.deciders(for: .takeout), [.officer])
    }
}
