// Issue 12 through the binary: the contract (ids and certificate numbers alone
// on stdout, the JSON fields named in the issue), hostile input in every text
// field of the new commands (refused in one line, journal unchanged), the
// roster kept from those who may not read it, and the printed forms (every
// line 80 columns wide, the head hash, a checkpoint).

import CellKit
import Foundation
import Glibc
import XCTest

final class LifeCLITests: CLITestCase {
    func json(_ r: Result) -> Any? { try? JSONSerialization.jsonObject(with: r.out) }

    func test_contract_idsAlone_jsonFields_andTheWholeLifeOfTwoMedia() throws {
        guard setlocale(LC_ALL, "C.UTF-8") != nil, TextLocale.isUTF8 else { throw XCTSkip("no C.UTF-8 locale") }
        setUpUnit()
        let a = register(["--location", "保管庫A"]), b = register(["--location", "保管庫A"])
        // Inventory (001 第6): the id alone; numbers on the command line or standard input.
        let inv = line(ok(["inventory", "start", "--location", "保管庫A"], as: "kanri"))
        XCTAssertEqual(inv, "INV-0001")
        ok(["inventory", "count", inv, a], as: "tanaka")
        let shown = try XCTUnwrap(json(ok(["inventory", "show", inv, "--json"], as: "kansa")) as? [String: Any])
        for k in ["id", "status", "sighted", "missing", "unexpected", "accounted"] { XCTAssertNotNil(shown[k], k) }
        XCTAssertEqual(shown["status"] as? String, "open")
        XCTAssertEqual(shown["sighted"] as? [String], [a])
        XCTAssertEqual(shown["missing"] as? [String], [b])
        ok(["inventory", "close", inv], as: "kanri")
        refused(["inventory", "count", inv, b], as: "tanaka", contains: "完結")
        // The missing one is lost with an incident (001 付紙第4 3(5)).
        let incidents = try XCTUnwrap(json(ok(["incident", "list", "--json"], as: "suzuki")) as? [[String: Any]])
        XCTAssertEqual(incidents.count, 1)
        for k in ["id", "registration", "status", "opened_at", "steps"] { XCTAssertNotNil(incidents[0][k], k) }
        XCTAssertEqual(incidents[0]["registration"] as? String, b)
        // Disposal (001 付紙第4 1(5)): the id alone, decided in the queue, then the certificate number alone.
        let dr = line(ok(["dispose", "request", a, "--kind", "erase", "--method", "専用ソフトによる上書き消去", "--reason", "再利用"], as: "tanaka"))
        XCTAssertEqual(dr, "DR-0001")
        let queue = ok(["approvals", "list", "--json"], as: "kanri").stdout
        XCTAssertTrue(queue.contains("DR-0001"))
        ok(["approve", dr], as: "kanri")
        refused(["dispose", "done", dr, "--operator", "tanaka", "--witness", "tanaka"], as: "tanaka", contains: "別の人")
        XCTAssertEqual(line(ok(["dispose", "done", dr, "--operator", "tanaka", "--witness", "sato", "--date", "2026-11-25"], as: "tanaka")), "CERT-0001")
        let erased = try XCTUnwrap(json(ok(["media", "show", a, "--json"], as: "kansa")) as? [String: Any])
        XCTAssertEqual(erased["status"] as? String, "erased", "消去済 until put back in storage")
        refused(["use", "start", a, "--purpose", "x"], as: "tanaka", contains: "消去済")
        refused(["dispose", "stored", dr], as: "kansa")
        XCTAssertEqual(line(ok(["dispose", "stored", "CERT-0001"], as: "sato")), "保管に戻しました: \(a)（データ区分なし）")
        refused(["dispose", "stored", dr], as: "sato", contains: "消去済で保管に戻す媒体ではありません")
        let stored = try XCTUnwrap(json(ok(["dispose", "list", "--json"], as: "kansa")) as? [String: Any])
        let d1 = try XCTUnwrap((stored["disposals"] as? [[String: Any]])?.first)
        XCTAssertEqual(d1["stored_by"] as? String, "sato")
        XCTAssertFalse(d1["stored_at"] is NSNull)
        let m = try XCTUnwrap(json(ok(["media", "show", a, "--json"], as: "kansa")) as? [String: Any])
        XCTAssertEqual(m["status"] as? String, "stored", "erased: back in storage")
        XCTAssertTrue(m["category"] is NSNull, "its data category cleared")
        let cert = ok(["print", "certificate", dr], as: "kansa").stdout
        let head = ok(["verify"], as: "kansa").stdout.split(separator: "\n").last.map { String($0.split(separator: " ").last!) } ?? ""
        XCTAssertTrue(cert.contains("消 去 ・ 廃 棄 証 明 書") && cert.contains("CERT-0001") && cert.contains("先頭ハッシュ \(head)"), cert)
        for l in cert.split(separator: "\n") { XCTAssertEqual(String(l).displayWidth, 80, String(l)) }
        XCTAssertTrue((try? String(contentsOfFile: s.data + "/checkpoints.tsv", encoding: .utf8))?.contains("print certificate") == true,
                      "a printed form is a checkpoint")
        // Keys (001 第2-2) and pledges (第4).
        ok(["key", "add", "K-01", "--opens", "保管庫A", "--location", "当直室"], as: "kanri")
        ok(["key", "lend", "K-01", "--to", "sato", "--until", "2026-11-26"], as: "tanaka")
        let keys = try XCTUnwrap(json(ok(["key", "list", "--json"], as: "kansa")) as? [[String: Any]])
        XCTAssertEqual(keys.first?["holder"] as? String, "sato")
        ok(["pledge", "record", "tanaka", "--date", "2026-11-20"], as: "kanri")
        let pledges = try XCTUnwrap(json(ok(["pledge", "list", "--json"], as: "kansa")) as? [[String: Any]])
        XCTAssertEqual(pledges.first { $0["login"] as? String == "tanaka" }?["pledged"] as? Bool, true)
        let form = ok(["print", "pledge", "tanaka"], as: "kanri").stdout
        XCTAssertTrue(form.contains("統合幕僚長　殿") && form.contains("誓　約　書") && form.contains("令和8年11月20日"))
        ok(["config", "set", "pledge.addressee", "第1通信隊長"], as: "kanri")
        XCTAssertTrue(ok(["print", "pledge", "tanaka"], as: "kanri").stdout.contains("第1通信隊長　殿"))
        XCTAssertTrue(ok(["verify"]).status == 0, "verify replays every rule of the new records")
    }

    func test_roster_personalData_readByOfficerSupervisorAuditorOnly_keptOutOfTheLog_000_beki2no2() throws {
        guard setlocale(LC_ALL, "C.UTF-8") != nil, TextLocale.isUTF8 else { throw XCTSkip("no C.UTF-8 locale") }
        setUpUnit()
        ok(["roster", "add", "C-2026-1", "--name", "山本 一", "--kana", "ヤマモト ハジメ", "--born", "昭和45年3月1日", "--address", "東京都新宿区",
            "--nationality", "日本", "--post", "開発部 主任", "--duty", "c", "--result", "確認済"], as: "kanri")
        refused(["roster", "list", "C-2026-1"], as: "tanaka", contains: "個人情報")
        refused(["print", "roster", "C-2026-1"], as: "tanaka", contains: "個人情報")
        let form = ok(["print", "roster", "C-2026-1"], as: "kansa").stdout
        XCTAssertTrue(form.contains("「個人情報」「注意」") && form.contains("昭和45年") && form.contains("取　扱　者　名　簿"))
        for l in form.split(separator: "\n") { XCTAssertEqual(String(l).displayWidth, 80, String(l)) }
        // The journal is readable by every enrolled person: for a clerk the roster's record names no one.
        let log = ok(["log", "--json"], as: "tanaka").stdout
        XCTAssertFalse(log.contains("山本") || log.contains("新宿"), "roster data shown to a clerk")
        XCTAssertTrue(ok(["log", "--json"], as: "kansa").stdout.contains("新宿"))
        // Left out of exports unless asked for explicitly, and then only for those who may read it.
        for what in ["media", "uses", "takeouts", "handovers", "transfers"] {
            XCTAssertFalse(ok(["export", "--what", what, "--format", "json"], as: "kansa").stdout.contains("山本"), what)
        }
        refused(["export", "--what", "roster", "--format", "csv"], as: "tanaka", contains: "個人情報")
        XCTAssertTrue(ok(["export", "--what", "roster", "--format", "csv"], as: "kansa").stdout.contains("山本 一"))
        // A handover to that contract shows its roster (to those who may read it).
        let ho = line(ok(["handover", "new", "--to", "株式会社〇〇", "--contract", "C-2026-1", "--item", "仕様書=1部"], as: "sato"))
        XCTAssertTrue(ok(["handover", "show", ho], as: "suzuki").stdout.contains("山本 一"))
        XCTAssertFalse(ok(["handover", "show", ho], as: "tanaka").stdout.contains("山本 一"))
    }

    static let hostile: [(String, String)] = [
        ("ESC colour", "赤\u{1B}[31m字"), ("OSC title", "\u{1B}]0;pwned\u{07}"), ("C1 CSI", "a\u{9B}31m"), ("LF", "a\nb"),
        ("RLO", "abc\u{202E}fed"), ("huge", String(repeating: "長", count: 20_000)),
    ]

    func test_hostileInputInEveryTextFieldOfTheNewCommands_refusedInOneLine_journalUnchanged() {
        setUpUnit()
        let reg = register()
        let dr = line(ok(["dispose", "request", register(), "--kind", "destroy", "--method", "物理破壊", "--reason", "故障"], as: "sato"))
        ok(["media", "lost", register(), "--note", "所在不明"], as: "sato")
        let inv = line(ok(["inventory", "start"], as: "kanri"))
        ok(["key", "add", "K-1", "--opens", "x"], as: "kanri")
        let roster = ["roster", "add", "C-1", "--name", "n", "--kana", "k", "--born", "1970-01-01", "--address", "a",
                      "--nationality", "日本", "--post", "p", "--duty", "c"]
        func rosterWith(_ option: String) -> [String] {
            if let i = roster.firstIndex(of: option) { var r = roster; r[i + 1] = "%"; return r }
            return roster + [option, "%"]
        }
        let fields: [(String, [String], String)] = [
            ("key number", ["key", "add", "%", "--opens", "x"], "kanri"),
            ("opens", ["key", "add", "K-2", "--opens", "%"], "kanri"),
            ("key location", ["key", "add", "K-2", "--opens", "x", "--location", "%"], "kanri"),
            ("lend to", ["key", "lend", "K-1", "--to", "%", "--until", "2026-11-27"], "tanaka"),
            ("contract", rosterWith("C-1").map { $0 == "C-1" ? "%" : $0 }, "kanri"),
            ("roster name", rosterWith("--name"), "kanri"), ("kana", rosterWith("--kana"), "kanri"),
            ("address", rosterWith("--address"), "kanri"), ("nationality", rosterWith("--nationality"), "kanri"),
            ("post", rosterWith("--post"), "kanri"), ("duty", rosterWith("--duty"), "kanri"),
            ("result", rosterWith("--result"), "kanri"), ("roster note", rosterWith("--note"), "kanri"),
            ("born", rosterWith("--born"), "kanri"),
            ("inventory location", ["inventory", "start", "--location", "%"], "kanri"),
            ("counted number", ["inventory", "count", inv, "%"], "tanaka"),
            ("method", ["dispose", "request", reg, "--kind", "erase", "--method", "%", "--reason", "r"], "tanaka"),
            ("dispose reason", ["dispose", "request", reg, "--kind", "erase", "--method", "溶解", "--reason", "%"], "tanaka"),
            ("disposal comment", ["approve", dr, "--comment", "%"], "kanri"),
            ("disposal reject reason", ["reject", dr, "--reason", "%"], "kanri"),
            ("operator", ["dispose", "done", dr, "--operator", "%", "--witness", "sato"], "tanaka"),
            ("step", ["incident", "step", "INC-0001", "--step", "%"], "tanaka"),
            ("step note", ["incident", "step", "INC-0001", "--step", "reported", "--note", "%"], "tanaka"),
            ("conclusion", ["incident", "close", "INC-0001", "--conclusion", "%"], "kanri"),
            ("pledge login", ["pledge", "record", "%"], "kanri"),
            ("methods setting", ["config", "set", "disposal.methods", "%"], "kanri"),
        ]
        var cases = 0
        for (field, args, login) in fields {
            for (what, text) in Self.hostile {
                let r = refused(args.map { $0 == "%" ? text : $0 }, as: login)
                XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B || $0.value == 0x07 },
                               "\(field) \(what): stderr passes a control on: \(r.stderr)")
                cases += 1
            }
        }
        // Dates: impossible, future, or a birth date after today.
        refused(["pledge", "record", "tanaka", "--date", "2026-02-30"], as: "kanri")
        refused(["pledge", "record", "tanaka", "--date", "2030-01-01"], as: "kanri", contains: "未来")
        refused(rosterWith("--born").map { $0 == "%" ? "2030-01-01" : $0 }, as: "kanri", contains: "未来")
        refused(["inventory", "start", "--as-of", "2030-01-01"], as: "kanri", contains: "未来")
        refused(["key", "lend", "K-1", "--to", "sato", "--until", "2020-01-01"], as: "tanaka")
        print("FIGURES hostile lifecycle text: \(cases) field x value cases refused")
    }
}
