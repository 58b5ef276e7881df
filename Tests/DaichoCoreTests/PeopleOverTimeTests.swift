// People over time (People.swift): edited and retired by new records, the
// officer's role handed over (責任者交代), and 002 第19条: nobody decides their own
// request, decided by person (第19条(1)); the auditor holds no audited role (第19条(2)).
// Every rule is checked twice: `decide` refuses the command, and the fold
// (`verify`, Replay.swift) refuses a hand-written record that breaks it.

@testable import DaichoCore
import Foundation
import XCTest

final class PeopleOverTimeTests: XCTestCase {
    /// The record `change` by `login` would be, and why the fold refuses it (nil: accepted).
    private func replay(_ f: Fixture, _ change: Change, by login: String) -> String? {
        var l = f.ledger
        let r = Record(seq: l.nextSeq, at: f.now, actor: login, prev: Record.genesisHash, change: change)
        do { try l.apply(r); return nil } catch { return error.reason }
    }

    // MARK: people edit

    func test_editChangesNameTitleRankSection_asANewRecord_laterFormsUseTheNewValues() throws {
        var f = Fixture.staffed()
        let before = f.ledger.nextSeq
        f.must(.editPerson(login: Who.clerk, name: "田中 一朗", title: nil, rank: "3曹", section: "通信班"), as: Who.officer)
        XCTAssertEqual(f.ledger.nextSeq, before + 1)
        let p = try XCTUnwrap(f.ledger.people[Who.clerk])
        XCTAssertEqual(p.name, "田中 一朗")
        XCTAssertEqual(p.title, "事務官", "a value not given is kept")
        XCTAssertEqual(p.rank, "3曹")
        XCTAssertEqual(p.formalName, "通信班 事務官 3曹 田中 一朗", "forms print the person as they now stand")
        // An empty value clears 官職.
        f.must(.editPerson(login: Who.clerk, name: nil, title: "", rank: nil, section: nil), as: Who.officer)
        XCTAssertNil(f.ledger.people[Who.clerk]?.title)
        // The enrolment record still says what it said (history keeps the old name).
        let enrolment = try XCTUnwrap(f.ledger.records[2])
        guard case .personEnrolled(let d) = enrolment.change else { return XCTFail("not the enrolment") }
        XCTAssertEqual(d.name, "田中 一郎")
    }

    func test_editRefusals_nothingToChange_unknown_retired_badText() {
        var f = Fixture.staffed()
        f.refuse(.editPerson(login: Who.clerk, name: "田中 一郎", title: nil, rank: nil, section: nil), as: Who.officer,
                 .nothingChanged(login: Who.clerk))
        f.refuse(.editPerson(login: Who.stranger, name: "x", title: nil, rank: nil, section: nil), as: Who.officer,
                 .unknownPerson(login: Who.stranger))
        f.refuse(.editPerson(login: Who.clerk, name: "", title: nil, rank: nil, section: nil), as: Who.officer,
                 .invalidField(.name, .empty))
        f.refuse(.editPerson(login: Who.clerk, name: nil, title: nil, rank: nil, section: "班\u{1B}[2J"), as: Who.officer,
                 .invalidField(.section, .controlCharacter))
        f.must(.retirePerson(login: Who.clerk2, reason: "転出"), as: Who.officer)
        f.refuse(.editPerson(login: Who.clerk2, name: "x", title: nil, rank: nil, section: nil), as: Who.officer,
                 .retired(login: Who.clerk2))
    }

    func test_initTakesSection() throws {
        let h = try Ledger.initialize(unit: "隊", officer: "yamada", name: "山田 太郎", title: nil, rank: nil, section: "本部")
        guard case .header(let d) = h else { return XCTFail("not a header") }
        XCTAssertEqual(d.officer.section, "本部")
    }

    // MARK: people retire

    func test_retiredPersonCanNeitherReadNorWrite_historyKeepsTheirName() throws {
        var f = Fixture.staffed()
        let reg = f.register()
        f.must(.startUse(registration: reg, purpose: "資料作成", place: nil, until: nil), as: Who.clerk2)
        f.must(.retirePerson(login: Who.clerk2, reason: "退職"), as: Who.officer)
        let p = try XCTUnwrap(f.ledger.people[Who.clerk2])
        XCTAssertEqual(p.name, "佐藤 花子", "the person stays in the ledger")
        XCTAssertEqual(p.retired?.reason, "退職")
        XCTAssertEqual(f.ledger.uses.last?.user, Who.clerk2, "their history is unchanged")
        // Reading needs an enrolled person still serving.
        XCTAssertThrowsError(try f.ledger.person(Actor(login: Who.clerk2))) { XCTAssertEqual($0 as? DomainError, .retired(login: Who.clerk2)) }
        f.refuse(.scan(registration: reg, result: .clean, note: nil), as: Who.clerk2, .retired(login: Who.clerk2))
        XCTAssertTrue(f.ledger.approvals(for: Who.clerk2).isEmpty)
        // verify refuses a record written by them after their retirement.
        XCTAssertNotNil(replay(f, .useEnded(UseEndData(registration: reg, note: nil)), by: Who.clerk2))
        // and twice retired is refused both ways.
        f.refuse(.retirePerson(login: Who.clerk2, reason: "再"), as: Who.officer, .retired(login: Who.clerk2))
        XCTAssertNotNil(replay(f, .personRetired(RetirementData(login: Who.clerk2, reason: "再")), by: Who.officer))
    }

    func test_retireListsWhatTheyStillHold_useTakeoutDraft() {
        var f = Fixture.staffed()
        let used = f.register(), asked = f.register(), out = f.register()
        f.must(.startUse(registration: used, purpose: "資料作成", place: nil, until: nil), as: Who.clerk)
        let q = f.request(asked)
        f.approve(q)
        let o = f.takeOut(out)
        f.must(.newHandover(to: "業者", contract: nil, returnRequired: false, items: [HandoverItem(name: "資料", quantity: "1部")],
                            media: [], note: nil), as: Who.clerk)
        let held = f.ledger.holdings(of: Who.clerk)
        XCTAssertTrue(held.contains { if case .use(used, _) = $0 { true } else { false } }, "\(held)")
        XCTAssertTrue(held.contains(.request(id: q, registration: asked, state: .approved)), "\(held)")
        XCTAssertTrue(held.contains { if case .request(o, out, .departed) = $0 { true } else { false } }, "\(held)")
        XCTAssertTrue(held.contains { if case .draft = $0 { true } else { false } }, "\(held)")
        XCTAssertTrue(f.ledger.holdings(of: Who.clerk2).isEmpty)
        // Retiring does not close them: the officer closes or reassigns each.
        f.must(.retirePerson(login: Who.clerk, reason: "転出"), as: Who.officer)
        XCTAssertEqual(f.ledger.holdings(of: Who.clerk).count, held.count)
        f.must(.endUse(registration: used, note: "転出に伴い終了"), as: Who.officer)
        f.must(.withdraw(request: q, reason: "転出"), as: Who.officer)
        XCTAssertEqual(f.ledger.holdings(of: Who.clerk).count, held.count - 2)
    }

    // MARK: 責任者交代: a ledger always has an officer

    func test_officerRoleMovesByOneRecord_andTheLastOfficerCannotRetireOrLoseIt() throws {
        var f = Fixture.bare()
        f.must(.enroll(login: "yamada", name: "山田 太郎", roles: [.clerk], title: nil, rank: nil, section: nil), as: Who.officer)
        f.refuse(.retirePerson(login: Who.officer, reason: "転出"), as: Who.officer, .lastOfficer(login: Who.officer))
        XCTAssertNotNil(replay(f, .personRetired(RetirementData(login: Who.officer, reason: "転出")), by: Who.officer))
        f.refuse(.setRoles(login: Who.officer, roles: [.clerk]), as: Who.officer, .lastOfficer(login: Who.officer))
        let before = f.ledger.nextSeq
        f.must(.changeOfficer(from: nil, to: "yamada", reason: "人事異動"), as: Who.officer)
        XCTAssertEqual(f.ledger.nextSeq, before + 1, "one record")
        XCTAssertFalse(f.ledger.people[Who.officer]!.has(.officer))
        XCTAssertEqual(f.ledger.people["yamada"]!.roles, [.clerk, .officer])
        XCTAssertEqual(f.ledger.activeOfficers.map(\.login), ["yamada"])
        // The old officer may no longer act as one; the new one may.
        f.refuse(.register(NewMedium(kind: .usb, category: .business, classification: .c1)), as: Who.officer,
                 .roleRequired(login: Who.officer, roles: [.officer]))
        f.must(.retirePerson(login: Who.officer, reason: "転出"), as: "yamada")
        f.refuse(.changeOfficer(from: nil, to: Who.officer, reason: nil), as: "yamada", .retired(login: Who.officer))
    }

    func test_officerChangeRefusals_replayed() {
        let f = Fixture.staffed()
        f.refuse(.changeOfficer(from: nil, to: Who.officer2, reason: nil), as: Who.officer, .alreadyOfficer(login: Who.officer2))
        f.refuse(.changeOfficer(from: Who.clerk, to: Who.clerk2, reason: nil), as: Who.officer, .roleRequired(login: Who.clerk, roles: [.officer]))
        // 002 第19条(2): the auditor does not become the officer whose actions they audit.
        f.refuse(.changeOfficer(from: nil, to: Who.auditor, reason: nil), as: Who.officer, .auditorConflict(login: Who.auditor))
        XCTAssertNotNil(replay(f, .officerChanged(OfficerChangeData(from: Who.officer, to: Who.auditor, reason: nil)), by: Who.officer))
        XCTAssertNotNil(replay(f, .officerChanged(OfficerChangeData(from: Who.clerk, to: Who.clerk2, reason: nil)), by: Who.officer))
        XCTAssertNotNil(replay(f, .officerChanged(OfficerChangeData(from: Who.officer, to: Who.clerk, reason: nil)), by: Who.clerk),
                        "only an officer writes it")
        XCTAssertNil(replay(f, .officerChanged(OfficerChangeData(from: Who.officer, to: Who.clerk, reason: nil)), by: Who.officer))
    }

    // MARK: 002 第19条(2): the auditor holds no role it audits

    func test_auditorWithAnAuditedRole_refusedAtEnrolAndRoleChange_andByVerify_002_第19条_2() {
        var f = Fixture.staffed()
        for other in [Role.clerk, .officer, .supervisor] {
            f.refuse(.enroll(login: "kenmu", name: "兼務 太郎", roles: [.auditor, other], title: nil, rank: nil, section: nil), as: Who.officer,
                     .auditorConflict(login: "kenmu"))
            f.refuse(.setRoles(login: Who.auditor, roles: [.auditor, other]), as: Who.officer, .auditorConflict(login: Who.auditor))
            f.refuse(.setRoles(login: Who.clerk, roles: [.clerk, .auditor].map { $0 == .clerk ? other : $0 }), as: Who.officer,
                     .auditorConflict(login: Who.clerk))
            XCTAssertNotNil(replay(f, .personEnrolled(PersonData(login: "kenmu", name: "兼務", roles: [.auditor, other])), by: Who.officer))
            XCTAssertNotNil(replay(f, .rolesChanged(RolesData(login: Who.auditor, roles: [.auditor, other])), by: Who.officer))
        }
        // Auditor alone, or the audited roles together, are fine.
        f.must(.enroll(login: "kansa2", name: "監査 五郎", roles: [.auditor], title: nil, rank: nil, section: nil), as: Who.officer)
        f.must(.setRoles(login: Who.clerk, roles: [.clerk, .supervisor]), as: Who.officer)
    }

    // MARK: one human, one login (002 第19条(1) decided by person)

    func test_secondLoginUnderTheSameNameAndSection_refusedUnlessDifferentPerson() throws {
        var f = Fixture.staffed()
        // 田中 一郎 of 総務班 is enrolled as tanaka; spacing differs, same person.
        f.refuse(.enroll(login: "tanaka2", name: "田中　一郎", roles: [.supervisor], title: nil, rank: nil, section: "総務班"), as: Who.officer,
                 .samePersonEnrolled(login: "tanaka2", other: Who.clerk))
        XCTAssertNotNil(replay(f, .personEnrolled(PersonData(login: "tanaka2", name: "田中 一郎", roles: [.supervisor], section: "総務班")),
                               by: Who.officer))
        // Another section is another person; so is one the officer confirms.
        f.must(.enroll(login: "tanaka3", name: "田中 一郎", roles: [.clerk], title: nil, rank: nil, section: "通信班"), as: Who.officer)
        let c = f.must(.enroll(login: "tanaka4", name: "田中 一郎", roles: [.officer], title: nil, rank: nil, section: "総務班",
                               differentPerson: true), as: Who.officer)
        guard case .personEnrolled(let d)? = c else { return XCTFail("not enrolled") }
        XCTAssertEqual(d.differentPerson, true)
        XCTAssertTrue(f.ledger.people["tanaka4"]!.differentPerson)
        XCTAssertFalse(f.ledger.samePerson(Who.clerk, "tanaka4"))
        // The confirmed different person decides tanaka's request.
        let reg = f.register()
        let q = f.request(reg, as: Who.clerk)
        f.approve(q, as: "tanaka4")
    }

    func test_someoneWhoRetiredAndComesBack_isOnePersonWithTheirOldLogin_002_第19条_1() {
        // Enrolled again under a new login as themselves (no --different-person): they cannot decide
        // what they asked for under the old one.
        var f = Fixture.staffed()
        let q2 = f.request(f.register(), as: Who.clerk)
        f.must(.retirePerson(login: Who.clerk, reason: "転出"), as: Who.officer)
        f.must(.enroll(login: "tanaka_new", name: "田中 一郎", roles: [.officer], title: nil, rank: nil, section: "総務班"), as: Who.officer)
        XCTAssertTrue(f.ledger.samePerson(Who.clerk, "tanaka_new"))
        f.refuse(.approve(request: q2, confirmed: TakeoutCheck.allCases, comment: nil), as: "tanaka_new", .selfApproval(request: q2))
    }

    func test_twoLoginsOfOneHuman_cannotApproveTheirOwnRequest_002_第19条_1() throws {
        // An edit can make two logins one 氏名・所属 (a human who holds a second login): one person.
        var f = Fixture.staffed()
        f.must(.editPerson(login: Who.officer2, name: "田中　一郎", title: nil, rank: nil, section: "総務班"), as: Who.officer)
        XCTAssertTrue(f.ledger.samePerson(Who.clerk, Who.officer2))
        let reg = f.register()
        let q = f.request(reg, as: Who.clerk)
        f.refuse(.approve(request: q, confirmed: TakeoutCheck.allCases, comment: nil), as: Who.officer2, .selfApproval(request: q))
        f.refuse(.reject(request: q, reason: "x"), as: Who.officer2, .selfApproval(request: q))
        XCTAssertFalse(f.ledger.approvals(for: Who.officer2).contains { $0.id == q })
        XCTAssertTrue(f.ledger.approvals(for: Who.officer).contains { $0.id == q })
        // verify refuses the hand-written approval by the other login.
        XCTAssertNotNil(replay(f, .requestApproved(DecisionData(request: q, confirmed: TakeoutCheck.allCases, comment: nil)), by: Who.officer2))
        XCTAssertNil(replay(f, .requestApproved(DecisionData(request: q, confirmed: TakeoutCheck.allCases, comment: nil)), by: Who.officer))
        f.approve(q, as: Who.officer)
    }
}
