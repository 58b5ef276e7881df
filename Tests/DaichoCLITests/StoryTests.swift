// Whole stories through the command-line contract, as acceptance tests call it:
// register (001 付紙第4), use (使用記録簿), take-out request, the officer's
// permission after the four checks (001 第3-2), departure, return (持出簿).

import Foundation
import XCTest

final class StoryTests: CLITestCase {
    func test_registerUseTakeoutApproveDepartReturn_wholeStory_001_付紙第4_第3_2() throws {
        setUpUnit()

        // people list
        let people = try ok(["people", "list", "--json"], as: "kansa").array()
        XCTAssertEqual(people.map { $0["login"] as? String }, ["kanri", "fuku", "tanaka", "sato", "suzuki", "kansa"])
        XCTAssertEqual(people[2]["roles"] as? [String], ["clerk"])
        XCTAssertEqual(people[2]["section"] as? String, "総務班")
        XCTAssertEqual(people[0]["roles"] as? [String], ["officer"])

        // register: stdout is only the number
        let reg = ok(["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--restrict", "複製禁止,no-distribution",
                      "--model", "UM-32", "--serial", "SN001", "--capacity", "32GB", "--location", "ロッカー1", "--encrypted"],
                     as: "kanri").stdout
        XCTAssertEqual(reg, "USB-2026-0001\n")
        let r = "USB-2026-0001"
        var m = try show(r)
        XCTAssertEqual(m["status"] as? String, "stored")
        XCTAssertEqual(m["kind"] as? String, "usb")
        XCTAssertEqual(m["category"] as? String, "business")
        XCTAssertEqual(m["class"] as? Int, 2)
        XCTAssertEqual(m["restrictions"] as? [String], ["複製禁止", "配布禁止"])
        XCTAssertEqual(m["model"] as? String, "UM-32")
        XCTAssertEqual(m["serial"] as? String, "SN001")
        XCTAssertEqual(m["capacity"] as? String, "32GB")
        XCTAssertEqual(m["location"] as? String, "ロッカー1")
        XCTAssertEqual(m["encrypted"] as? Bool, true)
        XCTAssertEqual(m["write_protected"] as? Bool, false)
        XCTAssertEqual(m["registered_by"] as? String, "kanri")
        XCTAssertEqual(m["registered_at"] as? String, "2026-11-25T00:00:00Z")

        let list = try ok(["media", "list", "--json"], as: "tanaka").array()
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list[0]["registration"] as? String, r)
        XCTAssertEqual(list[0]["status"] as? String, "stored")

        // use inside the area (使用記録簿), resting on a clean virus check (001 第3-3)
        ok(["media", "scan", r, "--result", "clean", "--product", "ウイルスバスター", "--definitions", "2026-11-24"], as: "tanaka")
        ok(["use", "start", r, "--purpose", "資料作成", "--where", "端末A", "--until", "2026-11-25T17:00"], as: "tanaka")
        m = try show(r)
        XCTAssertEqual(m["status"] as? String, "in_use")
        XCTAssertEqual(m["holder"] as? String, "tanaka")
        XCTAssertEqual(m["due"] as? String, "2026-11-25T08:00:00Z")
        XCTAssertEqual(try ok(["media", "list", "--status", "in_use", "--json"], as: "kanri").array().count, 1)
        XCTAssertEqual(try ok(["media", "list", "--status", "stored", "--json"], as: "kanri").array().count, 0)
        ok(["use", "end", r], as: "tanaka")
        XCTAssertEqual(try status(r), "stored")

        // take-out request: stdout is only the id
        let req = ok(["takeout", "request", r, "--destination", "陸上幕僚監部", "--purpose", "会議資料", "--until", "2026-11-27",
                      "--transport", "手渡し"], as: "tanaka").stdout
        XCTAssertEqual(req, "REQ-0001\n")
        XCTAssertEqual(try status(r), "stored")

        // The officer's queue shows it; the requester's does not.
        let queue = try ok(["approvals", "list", "--json"], as: "kanri").array()
        XCTAssertEqual(queue.count, 1)
        XCTAssertEqual(queue[0]["id"] as? String, "REQ-0001")
        XCTAssertEqual(queue[0]["kind"] as? String, "takeout")
        XCTAssertEqual(queue[0]["subject"] as? String, r)
        XCTAssertEqual(queue[0]["requester"] as? String, "tanaka")
        XCTAssertEqual(queue[0]["requested_at"] as? String, "2026-11-25T00:00:00Z")
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "tanaka").array().count, 0)

        // Approve as the officer, confirming the four checks.
        s.now = "2026-11-25T10:00"
        ok(["approve", "REQ-0001", "--confirm", Self.checks, "--comment", "許可する"], as: "kanri")
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "kanri").array().count, 0)
        XCTAssertEqual(try status(r), "stored")
        XCTAssertEqual(try show(r)["open_request"] as? String, "REQ-0001")

        // depart
        s.now = "2026-11-25T11:00"
        ok(["takeout", "depart", r], as: "tanaka")
        m = try show(r)
        XCTAssertEqual(m["status"] as? String, "taken_out")
        XCTAssertEqual(m["holder"] as? String, "陸上幕僚監部")
        XCTAssertEqual(m["due"] as? String, "2026-11-27T14:59:59Z", "a date-only --until is the end of that day in TZ")
        XCTAssertEqual(m["overdue"] as? Bool, false)

        // overdue is derived from the clock
        s.now = "2026-11-28T09:00"
        XCTAssertEqual(try show(r)["overdue"] as? Bool, true)

        // return
        ok(["takeout", "return", r, "--note", "返却時点検 異常なし"], as: "tanaka")
        m = try show(r)
        XCTAssertEqual(m["status"] as? String, "stored")
        XCTAssertEqual(m["overdue"] as? Bool, false)
        XCTAssertTrue(m["open_request"] is NSNull)

        let history = try XCTUnwrap(m["history"] as? [[String: Any]])
        XCTAssertEqual(history.map { $0["type"] as? String },
                       ["medium.registered", "medium.scanned", "use.started", "use.ended", "takeout.requested", "request.approved",
                        "takeout.departed", "takeout.returned"])
        XCTAssertEqual(history.map { $0["actor"] as? String }, ["kanri", "tanaka", "tanaka", "tanaka", "tanaka", "kanri", "tanaka", "tanaka"])
        XCTAssertTrue(history.allSatisfy { ($0["via"] as? String) == "root" }, "root ran every command with --as")

        // the take-out log as exported
        let takeouts = try ok(["export", "--what", "takeouts", "--format", "json"], as: "kansa").array()
        XCTAssertEqual(takeouts.count, 1)
        let t = takeouts[0]
        XCTAssertEqual(t["state"] as? String, "returned")
        XCTAssertEqual(t["decided_by"] as? String, "kanri")
        XCTAssertEqual(t["decided_at"] as? String, "2026-11-25T01:00:00Z")
        XCTAssertEqual(t["departed_at"] as? String, "2026-11-25T02:00:00Z")
        XCTAssertEqual(t["returned_at"] as? String, "2026-11-28T00:00:00Z")
        XCTAssertEqual(t["destination"] as? String, "陸上幕僚監部")
        XCTAssertEqual(t["transport"] as? String, "手渡し")
        XCTAssertEqual(t["return_note"] as? String, "返却時点検 異常なし")
        XCTAssertEqual(Set(t["confirmed"] as? [String] ?? []), ["data-minimal", "no-copy-instructed", "virus-checked", "encrypted"])
        XCTAssertEqual(t["comment"] as? String, "許可する")

        // the use log
        let uses = try ok(["export", "--what", "uses", "--format", "json"], as: "kansa").array()
        XCTAssertEqual(uses.count, 1)
        XCTAssertEqual(uses[0]["user"] as? String, "tanaka")
        XCTAssertEqual(uses[0]["where"] as? String, "端末A")
        XCTAssertEqual(uses[0]["purpose"] as? String, "資料作成")

        let v = ok(["verify"], as: "kansa")
        XCTAssertTrue(v.stdout.contains("正常"), v.stdout)
    }

    func test_peopleWithSeveralRoles_andTheirFormalFields() throws {
        setUpUnit()
        ok(["people", "add", "kenmu", "--name", "兼務 五郎", "--role", "supervisor,clerk", "--title", "班長", "--rank", "1等陸尉",
            "--section", "情報班"], as: "kanri")
        let p = try XCTUnwrap(try ok(["people", "list", "--json"], as: "kenmu").array().first { $0["login"] as? String == "kenmu" })
        XCTAssertEqual(p["roles"] as? [String], ["clerk", "supervisor"])
        XCTAssertEqual(p["title"] as? String, "班長")
        XCTAssertEqual(p["rank"] as? String, "1等陸尉")
        XCTAssertEqual(p["section"] as? String, "情報班")
        XCTAssertEqual(p["enrolled_by"] as? String, "kanri")
        let r = register()
        ok(["use", "start", r, "--purpose", "作業"], as: "kenmu")
        XCTAssertTrue(ok(["people", "list"], as: "kanri").stdout.contains("兼務 五郎"))
    }

    func test_selfApprovalRefused_andAnotherOfficerMayApprove_002_第19条() throws {
        setUpUnit()
        let r = register()
        let id = request(r, as: "fuku")
        XCTAssertEqual(id, "REQ-0001")
        // fuku's own queue excludes the request; kanri's includes it.
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "fuku").array().count, 0)
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "kanri").array().map { $0["id"] as? String }, ["REQ-0001"])
        refused(["approve", id, "--confirm", Self.checks], as: "fuku", contains: id)
        refused(["reject", id, "--reason", "自分で却下"], as: "fuku")
        ok(["approve", id, "--confirm", Self.checks], as: "kanri")
        let t = try ok(["export", "--what", "takeouts", "--format", "json"], as: "kanri").array()
        XCTAssertEqual(t.first?["state"] as? String, "approved")
        XCTAssertEqual(t.first?["decided_by"] as? String, "kanri")
    }

    func test_approvalsListForTheRequesterExcludesTheirOwn_002_第19条() throws {
        setUpUnit()
        let a = register(), b = register()
        s.now = "2026-11-25T09:05"
        _ = request(a, as: "kanri")
        s.now = "2026-11-25T09:10"
        _ = request(b, as: "tanaka")
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "kanri").array().map { $0["id"] as? String }, ["REQ-0002"])
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "fuku").array().map { $0["id"] as? String }, ["REQ-0001", "REQ-0002"])
        // Supervisors and clerks do not decide take-outs by default.
        for who in ["suzuki", "tanaka", "sato", "kansa"] {
            XCTAssertEqual(try ok(["approvals", "list", "--json"], as: who).array().count, 0, who)
        }
        let text = ok(["approvals", "list"], as: "fuku").stdout
        XCTAssertTrue(text.contains("REQ-0001") && text.contains("REQ-0002"), text)
    }

    func test_onlyTheOfficerApproves_supervisorAndClerkRefused_001_付紙第4_1_1_ア_ウ() {
        setUpUnit()
        let r = register()
        let id = request(r)
        refused(["approve", id, "--confirm", Self.checks], as: "suzuki")
        refused(["approve", id, "--confirm", Self.checks], as: "sato")
        refused(["approve", id, "--confirm", Self.checks], as: "kansa")
        // All four checks are needed (001 第3-2).
        refused(["approve", id, "--confirm", "data-minimal,no-copy-instructed,virus-checked"], as: "kanri", contains: "encrypted")
        refused(["approve", id], as: "kanri", contains: "data-minimal")
        ok(["approve", id, "--confirm", Self.checks], as: "kanri")
    }

    func test_rejectWithReason_andTheMediumIsFreeAgain() throws {
        setUpUnit()
        let r = register()
        let id = request(r)
        refused(["reject", id, "--reason", ""], as: "kanri")
        refused(["reject", id, "--reason", "  "], as: "kanri")
        refused(["reject", id], as: "kanri")
        ok(["reject", id, "--reason", "目的が不明確"], as: "kanri")
        let t = try ok(["export", "--what", "takeouts", "--format", "json"], as: "kanri").array()
        XCTAssertEqual(t.first?["state"] as? String, "rejected")
        XCTAssertEqual(t.first?["comment"] as? String, "目的が不明確")
        refused(["takeout", "depart", r], as: "tanaka")
        XCTAssertEqual(request(r), "REQ-0002")
    }

    func test_virusCheck_infectedQuarantines_cleanReleases_001_第3_3() throws {
        setUpUnit()
        let r = register()
        ok(["media", "scan", r, "--result", "infected"], as: "tanaka")
        XCTAssertEqual(try status(r), "quarantined")
        XCTAssertEqual((try show(r)["last_scan"] as? [String: Any])?["result"] as? String, "infected")
        refused(["use", "start", r, "--purpose", "作業"], as: "tanaka")
        refused(["takeout", "request", r, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-30"], as: "tanaka")
        ok(["media", "scan", r, "--result", "clean"], as: "tanaka")
        XCTAssertEqual(try status(r), "stored")
        ok(["use", "start", r, "--purpose", "作業"], as: "tanaka")
    }

    func test_lostMedium_andItsPendingRequestLapses() throws {
        setUpUnit()
        let r = register()
        let id = request(r)
        ok(["media", "lost", r, "--note", "所在不明"], as: "tanaka")
        XCTAssertEqual(try status(r), "lost")
        XCTAssertEqual(try ok(["media", "list", "--status", "lost", "--json"], as: "kanri").array().count, 1)
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "kanri").array().count, 0)
        refused(["approve", id, "--confirm", Self.checks], as: "kanri")
        refused(["media", "lost", r, "--note", "再"], as: "tanaka")
        // The number is never reused.
        XCTAssertEqual(register(), "USB-2026-0002")
    }

    func test_foundMediumQuarantinedUntilClean_configurableDeciders() throws {
        setUpUnit()
        let r = register()
        ok(["media", "lost", r, "--note", "所在不明"], as: "tanaka")
        refused(["media", "found", r, "--note", "発見"], as: "tanaka", contains: "権限")
        ok(["media", "found", r, "--note", "書庫で発見"], as: "kanri")
        XCTAssertEqual(try status(r), "quarantined")
        refused(["use", "start", r, "--purpose", "作業"], as: "tanaka", contains: "使用禁止")
        ok(["media", "scan", r, "--result", "clean"], as: "tanaka")
        XCTAssertEqual(try status(r), "stored")
        // Who decides take-outs is a setting the officer changes (DOMAIN.md "Approvals").
        let id = request(r)
        refused(["approve", id, "--confirm", Self.checks], as: "suzuki", contains: "権限")
        refused(["config", "set", "approvers.takeout", "supervisor"], as: "tanaka")
        refused(["config", "set", "approvers.takeout", "auditor"], as: "kanri", contains: "監査は決裁できません")
        ok(["config", "set", "approvers.takeout", "officer,supervisor"], as: "kanri")
        XCTAssertEqual(try ok(["config", "--json"], as: "kansa").object()["approvers.takeout"] as? String, "officer,supervisor")
        XCTAssertEqual(try ok(["approvals", "list", "--json"], as: "suzuki").array().count, 1)
        ok(["approve", id, "--confirm", Self.checks], as: "suzuki")
    }

    func test_registrationNumbersFollowTheSchemePerKind_neverReused_001_付紙第4() {
        setUpUnit()
        XCTAssertEqual(register(kind: "usb"), "USB-2026-0001")
        XCTAssertEqual(register(kind: "sd"), "SD-2026-0001")
        XCTAssertEqual(register(kind: "usb"), "USB-2026-0002")
        for (kind, prefix) in [("dvd-r", "DVD"), ("bd-r", "BD"), ("hdd", "HDD"), ("ssd", "SSD"), ("other", "MED")] {
            XCTAssertEqual(register(kind: kind), "\(prefix)-2026-0001")
        }
        s.now = "2027-01-01T00:30"
        XCTAssertEqual(register(kind: "usb"), "USB-2027-0001")
    }

    func test_registerDisclosable_001_付紙第4_1_1_イ() throws {
        setUpUnit()
        refused(["media", "register", "--kind", "cd-r", "--category", "disclosable", "--class", "1"], as: "kanri")
        let r = ok(["media", "register", "--kind", "cd-r", "--category", "disclosable", "--class", "1", "--write-protected"], as: "kanri")
        XCTAssertEqual(r.stdout, "CD-2026-0001\n")
        XCTAssertEqual(try show("CD-2026-0001")["write_protected"] as? Bool, true)
        XCTAssertTrue(ok(["media", "show", "CD-2026-0001"], as: "kanri").stdout.contains("「開示」"))
    }

    func test_takeoutRefusals_noTakeout_002_別表1_andEncryption_002_第49条() {
        setUpUnit()
        let forbidden = register(["--restrict", "持出禁止"])
        refused(["takeout", "request", forbidden, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-30"], as: "tanaka",
                contains: "持出禁止")
        let alias = register(["--restrict", "no-takeout", "--encrypted"])
        refused(["takeout", "request", alias, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-30"], as: "tanaka")
        let c3 = register(cls: "3")
        refused(["takeout", "request", c3, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-30"], as: "tanaka")
        let enc = register(["--restrict", "暗号化必須"])
        refused(["takeout", "request", enc, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-30"], as: "tanaka")
        let c3ok = register(["--encrypted"], cls: "3")
        XCTAssertEqual(request(c3ok), "REQ-0001")
        // An open request blocks another.
        refused(["takeout", "request", c3ok, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-30"], as: "sato",
                contains: "REQ-0001")
        // depart needs the approval
        refused(["takeout", "depart", c3ok], as: "tanaka")
    }

    func test_timeZoneAndClockComeFromTheEnvironment() throws {
        s.timeZone = "UTC"
        setUpUnit()
        let r = register()
        ok(["use", "start", r, "--purpose", "作業", "--until", "2026-11-25T17:00"], as: "tanaka")
        XCTAssertEqual(try show(r)["due"] as? String, "2026-11-25T17:00:00Z")
        XCTAssertEqual(try show(r)["registered_at"] as? String, "2026-11-25T09:00:00Z")
        // Past the expected end: overdue, derived from DAICHO_NOW.
        s.now = "2026-11-25T18:00"
        XCTAssertEqual(try show(r)["overdue"] as? Bool, true)
        XCTAssertEqual(try ok(["export", "--what", "uses", "--format", "json"], as: "kanri").array().first?["overdue"] as? Bool, true)
    }

    func test_globalOptionsAnywhereAfterTheSubcommand() throws {
        setUpUnit()
        let args = ["media", "register", "--as", "kanri", "--kind", "usb", "--data", s.data, "--category", "business", "--lang", "en",
                    "--class", "1"]
        let r = s.runRaw(args.map { Array($0.utf8) })
        XCTAssertEqual(r.status, 0, "\(r)")
        XCTAssertEqual(r.stdout, "USB-2026-0001\n")
        let u = s.runRaw(["use", "start", "--as", "tanaka", "USB-2026-0001", "--data", s.data, "--purpose", "作業", "--scanned", "clean"].map { Array($0.utf8) })
        XCTAssertEqual(u.status, 0, "\(u)")
        XCTAssertEqual(try status("USB-2026-0001"), "in_use")
    }

    func test_langEnGivesEnglish_andJapaneseIsTheDefault() throws {
        setUpUnit()
        let r = register()
        let ja = s.run(["use", "end", r], as: "tanaka")
        XCTAssertNotEqual(ja.status, 0)
        XCTAssertTrue(ja.stderr.contains("保管中"), ja.stderr)
        let en = s.run(["use", "end", r, "--lang", "en"], as: "tanaka")
        XCTAssertNotEqual(en.status, 0)
        XCTAssertTrue(en.stderr.contains("stored"), en.stderr)
        XCTAssertTrue(en.stderr.unicodeScalars.allSatisfy(\.isASCII), "English message has Japanese: \(en.stderr)")
        let role = s.run(["media", "register", "--kind", "usb", "--category", "business", "--class", "1", "--lang", "en"], as: "tanaka")
        XCTAssertTrue(role.stderr.contains("may not"), role.stderr)
        let show = ok(["media", "show", r, "--lang", "en"], as: "kanri").stdout
        XCTAssertTrue(show.contains("stored") && show.contains("USB memory"), show)
        XCTAssertFalse(show.contains("保管中"))
        let list = ok(["media", "list", "--lang", "en"], as: "kanri").stdout
        XCTAssertTrue(list.contains("registration") && list.contains("stored"), list)
        XCTAssertTrue(ok(["media", "list"], as: "kanri").stdout.contains("保管中"))
        let json = try ok(["media", "show", r, "--json", "--lang", "en"], as: "kanri").object()
        XCTAssertEqual(json["status"] as? String, "stored", "JSON values do not depend on the language")
        XCTAssertEqual(json["status_label"] as? String, "stored")
        let v = ok(["verify", "--lang", "en"], as: "kanri").stdout
        XCTAssertTrue(v.hasPrefix("OK"), v)
        let bad = s.runRaw([Array("use".utf8), Array("start".utf8), [0x55, 0xFF], Array("--lang".utf8), Array("en".utf8)])
        XCTAssertTrue(bad.stderr.contains("not valid UTF-8"), bad.stderr)
    }
}
