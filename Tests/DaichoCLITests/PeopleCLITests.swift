// People over time through the command line (a contract: README "CLI"):
// `people edit`, `people retire`, `people officer` (責任者交代), `init --section`,
// `people add --different-person`, and the JSON of people and of a medium's history.

import Foundation
import XCTest

final class PeopleCLITests: CLITestCase {
    private func person(_ login: String) throws -> [String: Any] {
        let all = try ok(["people", "list", "--json"], as: "kanri").array()
        return try XCTUnwrap(all.first { $0["login"] as? String == login }, "\(login) not listed")
    }

    func test_peopleListJSON_hasLoginNameRolesRetired_andInitTakesSection() throws {
        ok(["init", "--unit", "第1通信隊", "--officer", "kanri", "--name", "管理 太郎", "--section", "本部"])
        ok(["people", "add", "sato", "--name", "佐藤 花子", "--role", "clerk,supervisor"], as: "kanri")
        let k = try person("kanri")
        XCTAssertEqual(k["section"] as? String, "本部")
        let p = try person("sato")
        XCTAssertEqual(p["login"] as? String, "sato")
        XCTAssertEqual(p["name"] as? String, "佐藤 花子")
        XCTAssertEqual(p["roles"] as? [String], ["clerk", "supervisor"])
        XCTAssertEqual(p["retired"] as? Bool, false)
    }

    func test_editIsANewRecord_laterOutputUsesTheNewValues() throws {
        setUpUnit()
        let before = s.journalLines().count
        ok(["people", "edit", "tanaka", "--name", "田中 一朗", "--rank", "3曹", "--section", "通信班"], as: "kanri")
        XCTAssertEqual(s.journalLines().count, before + 1)
        let last = try XCTUnwrap(try JSONSerialization.jsonObject(with: s.journalLines().last!) as? [String: Any])
        XCTAssertEqual(last["type"] as? String, "person.edited")
        let p = try person("tanaka")
        XCTAssertEqual(p["name"] as? String, "田中 一朗")
        XCTAssertEqual(p["title"] as? String, "事務官", "kept")
        XCTAssertEqual(p["section"] as? String, "通信班")
        refused(["people", "edit", "tanaka", "--name", "x"], as: "tanaka", contains: "権限")
        refused(["people", "edit", "tanaka", "--section", "通信班"], as: "kanri")
        refused(["people", "edit", "nobody", "--name", "x"], as: "kanri")
    }

    func test_retire_listsWhatTheyHold_andTheyCanNoLongerReadOrWrite() throws {
        setUpUnit()
        let used = register(), asked = register()
        ok(["use", "start", used, "--purpose", "資料作成"], as: "sato")
        let q = request(asked, as: "sato")
        let r = ok(["people", "retire", "sato", "--reason", "転出"], as: "kanri")
        XCTAssertTrue(r.stdout.contains(used) && r.stdout.contains(q), "holdings listed:\n\(r.stdout)")
        XCTAssertEqual(try person("sato")["retired"] as? Bool, true)
        XCTAssertEqual(try person("sato")["name"] as? String, "佐藤 花子", "history keeps the name")
        refused(["people", "list"], as: "sato", contains: "転出")
        refused(["media", "list"], as: "sato")
        refused(["use", "end", used], as: "sato")
        refused(["people", "retire", "sato", "--reason", "再"], as: "kanri")
        // The officer closes what they held.
        ok(["use", "end", used], as: "kanri")
        ok(["takeout", "withdraw", q, "--reason", "転出"], as: "kanri")
        ok(["verify"], as: "kansa")
    }

    func test_officerHandover_oneRecord_andAlwaysAnOfficer() throws {
        ok(["init", "--unit", "第1通信隊", "--officer", "kanri", "--name", "管理 太郎"])
        ok(["people", "add", "yamada", "--name", "山田 太郎", "--role", "clerk"], as: "kanri")
        ok(["people", "add", "kansa", "--name", "監査 四郎", "--role", "auditor"], as: "kanri")
        refused(["people", "retire", "kanri", "--reason", "転出"], as: "kanri", contains: "最後")
        refused(["people", "officer", "--to", "kansa"], as: "kanri", contains: "第19条")
        refused(["people", "officer", "--to", "kanri"], as: "yamada")
        ok(["people", "officer", "--to", "yamada", "--reason", "人事異動"], as: "kanri")
        XCTAssertEqual(try person("yamada")["roles"] as? [String], ["clerk", "officer"])
        XCTAssertEqual(try person("kanri")["roles"] as? [String], [])
        ok(["people", "retire", "kanri", "--reason", "転出"], as: "yamada")
        ok(["verify"], as: "yamada")
    }

    func test_auditorTogetherWithAnAuditedRole_refused_002_第19条_2() {
        setUpUnit()
        refused(["people", "add", "kenmu", "--name", "兼務 太郎", "--role", "auditor,clerk"], as: "kanri", contains: "第19条")
        refused(["people", "roles", "kansa", "--role", "auditor,supervisor"], as: "kanri", contains: "第19条")
        refused(["people", "roles", "tanaka", "--role", "clerk,auditor"], as: "kanri", contains: "第19条")
        refused(["people", "roles", "tanaka", "--role", "clerk,auditor", "--lang", "en"], as: "kanri", contains: "art. 19(2)")
    }

    func test_secondLoginOfTheSameNameAndSection_refusedUnlessDifferentPerson() throws {
        setUpUnit()
        refused(["people", "add", "tanaka2", "--name", "田中 一郎", "--role", "officer", "--section", "総務班"], as: "kanri",
                contains: "--different-person")
        ok(["people", "add", "tanaka2", "--name", "田中 一郎", "--role", "officer", "--section", "総務班", "--different-person"], as: "kanri")
        XCTAssertEqual(try person("tanaka2")["different_person"] as? Bool, true)
        // A different person may decide tanaka's request.
        let q = request(register(), as: "tanaka")
        ok(["approve", q, "--confirm", CLITestCase.checks], as: "tanaka2")
    }

    func test_mediaShowJSON_historyEntriesHaveSeqAtActorType() throws {
        setUpUnit()
        let reg = register()
        ok(["use", "start", reg, "--purpose", "資料作成"], as: "tanaka")
        let history = try XCTUnwrap(try show(reg)["history"] as? [[String: Any]])
        // register() records the clean check a first use needs (001 第3-3).
        XCTAssertEqual(history.count, 3)
        for h in history {
            XCTAssertNotNil(h["seq"] as? Int, "\(h)")
            let at = try XCTUnwrap(h["at"] as? String)
            XCTAssertNotNil(at.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#, options: .regularExpression), "UTC ISO 8601: \(at)")
            XCTAssertNotNil(h["actor"] as? String)
            XCTAssertNotNil(h["type"] as? String)
        }
        XCTAssertEqual(history.map { $0["type"] as? String }, ["medium.registered", "medium.scanned", "use.started"])
        XCTAssertEqual(history.map { $0["actor"] as? String }, ["kanri", "kanri", "tanaka"])
        XCTAssertEqual(history[0]["at"] as? String, "2026-11-25T00:00:00Z", "09:00 in Tokyo is 00:00 UTC")
    }
}
