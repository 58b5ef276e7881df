// Hostile input through the command line: every text field of every writing
// command given control characters, terminal escape sequences, bidi overrides,
// 100 000 characters, or only white space; invalid UTF-8 anywhere; impossible
// and 令和 dates; numbers out of range; duplicate serials; registration numbers
// of other units. Each is refused with one line saying why, the journal
// byte-for-byte unchanged.

import Foundation
import XCTest

final class HostileInputTests: CLITestCase {
    static let hostile: [(String, String)] = [
        ("ESC colour", "赤\u{1B}[31m字"), ("clear screen", "\u{1B}[2J\u{1B}[H"), ("OSC title", "\u{1B}]0;pwned\u{07}"),
        ("C1 CSI", "a\u{9B}31m"), ("BEL", "ring\u{07}"), ("CR", "a\rb"), ("LF", "a\nb"), ("TAB", "a\tb"), ("NUL-free DEL", "a\u{7F}"),
        ("RLO", "abc\u{202E}fed"), ("isolate", "\u{2066}x\u{2069}"), ("line separator", "a\u{2028}b"), ("BOM", "\u{FEFF}x"),
    ]

    /// Every text option of every writing command, with the command that takes it.
    func textFields(_ reg: String, _ id: String) -> [(field: String, args: [String], as: String)] {
        let reqBase = ["takeout", "request", reg, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-27", "--transport", "手渡し"]
        return [
            ("unit", ["init", "--unit", "%", "--officer", "x", "--name", "y"], "kanri"),
            ("name", ["people", "add", "newp", "--name", "%", "--role", "clerk"], "kanri"),
            ("title", ["people", "add", "newp", "--name", "n", "--role", "clerk", "--title", "%"], "kanri"),
            ("rank", ["people", "add", "newp", "--name", "n", "--role", "clerk", "--rank", "%"], "kanri"),
            ("section", ["people", "add", "newp", "--name", "n", "--role", "clerk", "--section", "%"], "kanri"),
            ("login", ["people", "add", "%", "--name", "n", "--role", "clerk"], "kanri"),
            ("model", ["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--model", "%"], "kanri"),
            ("serial", ["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--serial", "%"], "kanri"),
            ("capacity", ["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--capacity", "%"], "kanri"),
            ("location", ["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--location", "%"], "kanri"),
            ("restrict", ["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--restrict", "%"], "kanri"),
            ("scan note", ["media", "scan", reg, "--result", "clean", "--note", "%"], "tanaka"),
            ("scan product", ["media", "scan", reg, "--result", "clean", "--product", "%"], "tanaka"),
            ("scan definitions", ["media", "scan", reg, "--result", "clean", "--definitions", "%"], "tanaka"),
            ("use product", ["use", "start", reg, "--purpose", "p", "--scanned", "clean", "--product", "%"], "tanaka"),
            ("local restriction", ["config", "set", "restriction.%", "handover"], "kanri"),
            ("local restriction exits", ["config", "set", "restriction.部外秘", "%"], "kanri"),
            ("handover restrict", ["handover", "new", "--to", "A社", "--item", "仕様書=1部", "--restrict", "%"], "tanaka"),
            ("lost note", ["media", "lost", reg, "--note", "%"], "tanaka"),
            ("purpose", ["use", "start", reg, "--purpose", "%"], "tanaka"),
            ("where", ["use", "start", reg, "--purpose", "p", "--where", "%"], "tanaka"),
            ("destination", ["takeout", "request", reg, "--destination", "%", "--purpose", "p", "--until", "2026-11-27"], "tanaka"),
            ("takeout purpose", ["takeout", "request", reg, "--destination", "d", "--purpose", "%", "--until", "2026-11-27"], "tanaka"),
            ("transport", reqBase.dropLast() + ["%"], "tanaka"),
            ("comment", ["approve", id, "--confirm", CLITestCase.checks, "--comment", "%"], "kanri"),
            ("reject reason", ["reject", id, "--reason", "%"], "kanri"),
            ("withdraw reason", ["takeout", "withdraw", id, "--reason", "%"], "sato"),
            ("correct reason", ["correct", "3", "--reason", "%", "--note", "n"], "kanri"),
            ("correct note", ["correct", "3", "--reason", "r", "--note", "%"], "kanri"),
            ("registration", ["use", "start", "%", "--purpose", "p"], "tanaka"),
            ("request id", ["approve", "%", "--confirm", CLITestCase.checks], "kanri"),
            ("config value", ["config", "set", "approvers.takeout", "%"], "kanri"),
            ("steps value", ["config", "set", "steps.disposal", "%"], "kanri"),
            ("steps key", ["config", "set", "steps.%", "officer;supervisor"], "kanri"),
            // People over time (People.swift).
            ("init section", ["init", "--unit", "u", "--officer", "x", "--name", "y", "--section", "%"], "kanri"),
            ("edit name", ["people", "edit", "sato", "--name", "%"], "kanri"),
            ("edit title", ["people", "edit", "sato", "--title", "%"], "kanri"),
            ("edit rank", ["people", "edit", "sato", "--rank", "%"], "kanri"),
            ("edit section", ["people", "edit", "sato", "--section", "%"], "kanri"),
            ("edit login", ["people", "edit", "%", "--name", "n"], "kanri"),
            ("retire reason", ["people", "retire", "sato", "--reason", "%"], "kanri"),
            ("retire login", ["people", "retire", "%", "--reason", "転出"], "kanri"),
            ("officer to", ["people", "officer", "--to", "%"], "kanri"),
            ("officer reason", ["people", "officer", "--to", "tanaka", "--reason", "%"], "kanri"),
            // The rule book (issue 11): amendments, exceptions, corrections that change state.
            ("amend reason", ["media", "amend", reg, "--reason", "%", "--location", "金庫"], "kanri"),
            ("amend location", ["media", "amend", reg, "--reason", "移設", "--location", "%"], "kanri"),
            ("amend model", ["media", "amend", reg, "--reason", "訂正", "--model", "%"], "kanri"),
            ("exception rule", ["exception", "request", "--rule", "%", "--medium", reg, "--reason", "r", "--until", "2026-11-30"], "tanaka"),
            ("exception reason", ["exception", "request", "--rule", "持出禁止", "--medium", reg, "--reason", "%", "--until", "2026-11-30"], "tanaka"),
            ("exception medium", ["exception", "request", "--rule", "持出禁止", "--medium", "%", "--reason", "r", "--until", "2026-11-30"], "tanaka"),
            ("exception case", ["exception", "request", "--rule", "持出禁止", "--case", "%", "--reason", "r", "--until", "2026-11-30"], "tanaka"),
            ("exception until", ["exception", "request", "--rule", "持出禁止", "--medium", reg, "--reason", "r", "--until", "%"], "tanaka"),
            // Record 7 is the virus check of `reg` (hostileWorld).
            ("correct set value", ["correct", "7", "--reason", "r", "--set", "note=%"], "tanaka"),
            ("correct set field", ["correct", "7", "--reason", "r", "--set", "%=x"], "tanaka"),
            ("correct set reason", ["correct", "7", "--reason", "%", "--set", "note=x"], "tanaka"),
            // The lifecycle (issue 12).
            ("dispose method", ["dispose", "request", reg, "--kind", "destroy", "--method", "%", "--reason", "故障"], "tanaka"),
            ("dispose reason", ["dispose", "request", reg, "--kind", "destroy", "--method", "物理破壊", "--reason", "%"], "tanaka"),
            ("inventory location", ["inventory", "start", "--location", "%"], "kanri"),
            ("key number", ["key", "add", "%", "--opens", "ロッカー"], "kanri"),
            ("key opens", ["key", "add", "K-1", "--opens", "%"], "kanri"),
            ("key location", ["key", "add", "K-1", "--opens", "ロッカー", "--location", "%"], "kanri"),
            ("pledge login", ["pledge", "record", "%"], "kanri"),
            ("roster name", ["roster", "add", "C-1", "--name", "%", "--kana", "ヤマ", "--born", "1970-01-01", "--address", "東京",
                             "--nationality", "日本", "--post", "社員", "--duty", "a"], "kanri"),
            ("roster address", ["roster", "add", "C-1", "--name", "山本", "--kana", "ヤマ", "--born", "1970-01-01", "--address", "%",
                                "--nationality", "日本", "--post", "社員", "--duty", "a"], "kanri"),
        ]
    }

    /// `value` in place of `%` in an argument: the whole argument, a setting's name (`restriction.%`),
    /// or either side of `FIELD=VALUE` (`note=%`, `%=x`).
    static func put(_ value: String, in arg: String) -> String {
        if arg == "%" { return value }
        if arg.hasSuffix(".%") || arg.hasSuffix("=%") { return String(arg.dropLast()) + value }
        if arg.hasPrefix("%=") { return value + String(arg.dropFirst()) }
        return arg
    }

    func hostileWorld() -> (String, String) {
        setUpUnit()
        let reg = register()
        let other = register()
        let id = request(other, as: "sato")
        return (reg, id)
    }

    /// Each row's command with a plain value in place of `%` is accepted: the hostile value alone is what is refused.
    func test_everyRowIsAcceptedWithAPlainValue() {
        for (field, args, login) in textFields("", "") where !["unit", "init section", "registration", "request id", "config value", "steps value", "steps key", "local restriction exits",
                                                                "officer to", "retire login", "edit login", "correct set field", "exception case", "login", "handover restrict", "dispose method",
                                                                "exception until", "exception medium", "pledge login", "restrict", "exception rule",
                                                                "scan definitions"].contains(field) {
            let (reg, id) = hostileWorld()
            let plain = textFields(reg, id).first { $0.field == field }!.args
            _ = args
            let r = s.run(plain.map { Self.put("平文", in: $0) }, as: login)
            XCTAssertEqual(r.status, 0, "\(field): \(r.stderr)")
            s.remove()
            s = try! Sandbox()
        }
    }

    func test_controlCharactersEscapeSequencesAndBidiInEveryTextField() {
        let (reg, id) = hostileWorld()
        var cases = 0
        for (field, args, login) in textFields(reg, id) {
            for (what, text) in Self.hostile {
                let r = refused(args.map { Self.put(text, in: $0) }, as: login)
                XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B || $0.value == 0x07 },
                               "\(field) \(what): stderr passes a control on: \(r.stderr)")
                cases += 1
            }
        }
        print("FIGURES hostile text: \(cases) field x value cases refused")
    }

    func test_hundredThousandCharacters_andBlankValues_inEveryTextField() {
        let (reg, id) = hostileWorld()
        let huge = String(repeating: "a", count: 100_000)
        for (_, args, login) in textFields(reg, id) {
            refused(args.map { Self.put(huge, in: $0) }, as: login)
        }
        // Blank: refused where the field is required (an optional blank field is simply absent).
        let required = ["unit", "name", "login", "purpose", "destination", "takeout purpose", "reject reason", "lost note",
                        "correct reason", "correct note", "registration", "request id", "config value",
                        "edit name", "edit login", "retire reason", "retire login", "officer to",
                        "amend reason", "exception rule", "exception reason", "exception medium", "exception until", "correct set reason",
                        "dispose method", "dispose reason", "key number", "key opens", "pledge login", "roster name", "roster address"]
        for (field, args, login) in textFields(reg, id) where required.contains(field) {
            for blank in ["", "   ", " \u{3000} ", "\t"] {
                refused(args.map { Self.put(blank, in: $0) }, as: login)
            }
            _ = field
        }
    }

    func test_invalidUTF8InEveryArgumentPosition() {
        let (reg, _) = hostileWorld()
        let before = s.journal()
        let base = ["takeout", "request", reg, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-27", "--as", "tanaka", "--data", s.data]
        for i in base.indices {
            for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80]] {
                var args = base.map { Array($0.utf8) }
                args[i] += bad
                checkRefusal(s.runRaw(args), before: before, what: "invalid UTF-8 in argument \(i)", contains: "UTF-8")
            }
        }
    }

    func test_impossibleDatesRefused_令和DatesRead() throws {
        let (reg, _) = hostileWorld()
        for bad in ["2026-02-30", "2026-13-01", "2026-11-31", "2027-02-29", "令和8年2月30日", "令和1年4月30日", "令和0年5月1日", "R8.13.01",
                    "R8.2.30", "令和八年十一月二十七日", "H30.1.1", "2026-11-27T25:00", "99999-01-01", "2026-11-27\u{1B}[31m"] {
            refused(["takeout", "request", reg, "--destination", "本部", "--purpose", "会議", "--until", bad], as: "tanaka")
        }
        // 令和8年 = 2026: the era date as a paper form prints it, and its short form, are read (end of that day).
        for (i, good) in ["令和8年11月27日", "R8.11.28", "令和８年１１月２９日 17:00"].enumerated() {
            let m = register()
            let id = ok(["takeout", "request", m, "--destination", "本部", "--purpose", "会議", "--until", good], as: "tanaka")
                .stdout.trimmingCharacters(in: .newlines)
            let q = try XCTUnwrap(try ok(["takeout", "list", "--json"], as: "kansa").array().first { $0["id"] as? String == id })
            XCTAssertEqual(q["until"] as? String, ["2026-11-27T14:59:59Z", "2026-11-28T14:59:59Z", "2026-11-29T08:00:00Z"][i], good)
        }
        // A real era date that has passed is a date, and refused as such.
        refused(["use", "start", register(), "--purpose", "作業", "--until", "令和元年5月1日"], as: "tanaka", contains: "過去")
    }

    func test_numbersOutOfRange() {
        setUpUnit()
        for cls in ["0", "4", "-1", "99999999999999999999", "1.5", "三"] {
            refused(["media", "register", "--kind", "usb", "--category", "business", "--class", cls], as: "kanri")
        }
        for seq in ["-1", "99999", "99999999999999999999", "x"] {
            refused(["correct", seq, "--reason", "r", "--note", "n"], as: "kanri")
        }
        for id in ["REQ-99999999999999999999", "REQ--1", "REQ-0"] {
            refused(["approve", id, "--confirm", CLITestCase.checks], as: "kanri")
        }
    }

    func test_duplicateSerialRefused_namingTheMediumThatHasIt() {
        setUpUnit()
        let first = register(["--serial", "SN-0042", "--model", "UFD-32"])
        refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--serial", "sn-0042 "], as: "kanri",
                contains: first)
        let en = refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--serial", "SN-0042", "--lang", "en"],
                         as: "kanri")
        XCTAssertTrue(en.stderr.contains("already registered as \(first)"), en.stderr)
        // Another kind of medium may carry the same manufacturer's number.
        XCTAssertFalse(register(["--serial", "SN-0042"], kind: "sd").isEmpty)
    }

    func test_registrationNumbersOfOtherUnitsOrUnknownAreRefused() {
        setUpUnit()
        _ = register()
        for reg in ["第2通信隊-USB-2026-0001", "USB-2026-9999", "USB-2025-0001", "USB-2026-0001-X", "../USB-2026-0001"] {
            refused(["use", "start", reg, "--purpose", "作業"], as: "tanaka", contains: "登録番号")
            refused(["takeout", "request", reg, "--destination", "本部", "--purpose", "会議", "--until", "2026-11-27"], as: "tanaka")
            let show = s.run(["media", "show", reg], as: "kansa")
            XCTAssertEqual(show.status, 1, "\(reg): \(show)")
        }
    }
}
