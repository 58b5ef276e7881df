// Who may do what (DOMAIN.md "Who uses it"): every CLI command against every
// role — clerk, officer, supervisor, auditor, and someone not enrolled. Allowed
// means exit 0; refused means one line on stderr and the journal byte-for-byte
// unchanged. Each row prepares what its command needs afresh for each role, so
// rows are independent; to add a command (handover, transfer …) add a row.

import Foundation
import XCTest

final class RoleTableTests: CLITestCase {
    enum Who: String, CaseIterable {
        case clerk, officer, supervisor, auditor, notEnrolled
        /// The login acting in this role in `setUpUnit`'s world (`gaibu` is never enrolled).
        var login: String {
            switch self {
            case .clerk: "tanaka"
            case .officer: "kanri"
            case .supervisor: "suzuki"
            case .auditor: "kansa"
            case .notEnrolled: "gaibu"
            }
        }
    }

    struct Row {
        var command: String
        /// Who may run it; everyone else is refused.
        var allowed: Set<Who>
        /// Where the rule comes from.
        var source: String
        /// Whether an allowed run appends a record (reads never do).
        var writes: Bool
        /// Makes what the command needs (as other people) and returns its arguments.
        var prepare: (RoleTableTests) -> [String]
    }

    static let keepers: Set<Who> = [.clerk, .officer]
    static let enrolled: Set<Who> = [.clerk, .officer, .supervisor, .auditor]

    private var counter = 0

    /// A person enrolled afresh by the officer, with a name of their own.
    func freshPerson(role: String = "clerk") -> String {
        let n = fresh()
        ok(["people", "add", "p\(n)", "--name", "新人 \(n)号", "--role", role], as: "kanri")
        return "p\(n)"
    }
    func fresh() -> Int { counter += 1; return counter }

    /// A medium in storage, registered by the officer.
    func medium() -> String { register() }
    /// A pending take-out of a new medium, requested by the clerk sato (not in the table).
    func pendingRequest(by login: String = "sato") -> (reg: String, id: String) {
        let reg = medium()
        return (reg, request(reg, as: login))
    }
    /// A handover drafted (and by default dispatched) by the clerk sato.
    func handover(items: [String] = ["資料A=1部"], dispatched: Bool = true) -> String {
        let id = ok(["handover", "new", "--to", "防衛装備庁"] + items.flatMap { ["--item", $0] }, as: "sato").stdout
            .trimmingCharacters(in: .newlines)
        if dispatched { ok(["handover", "dispatch", id], as: "sato") }
        return id
    }
    /// A transfer of a new medium made (and by default dispatched) by the officer fuku.
    func transfer(dispatched: Bool = true) -> String {
        let id = ok(["transfer", "new", "--to", "第2通信隊", "--media", medium()], as: "fuku").stdout.trimmingCharacters(in: .newlines)
        if dispatched { ok(["transfer", "dispatch", id], as: "fuku") }
        return id
    }
    func approvedRequest() -> String {
        let (reg, id) = pendingRequest()
        ok(["approve", id, "--confirm", CLITestCase.checks], as: "fuku")
        return reg
    }

    var rows: [Row] { Self.table + Self.lifeTable + Self.ruleBookTable + Self.draftEditTable }
    nonisolated(unsafe) static let table: [Row] = [
        // The officer keeps the register and enrols people (DOMAIN.md roles; 001 付紙第4).
        Row(command: "people add", allowed: [.officer], source: "DOMAIN.md roles: officer enrols people", writes: true) { t in
            let n = t.fresh()
            return ["people", "add", "p\(n)", "--name", "新人 \(n)号", "--role", "clerk"]
        },
        Row(command: "people roles", allowed: [.officer], source: "DOMAIN.md roles: officer grants roles", writes: true) { t in
            let login = t.freshPerson()
            return ["people", "roles", login, "--role", "clerk,supervisor"]
        },
        // People over time (People.swift): edited, retired and the officer's role handed over by the officer.
        Row(command: "people edit", allowed: [.officer], source: "DOMAIN.md: people are edited by new records", writes: true) { t in
            ["people", "edit", t.freshPerson(), "--section", "通信班"]
        },
        Row(command: "people retire", allowed: [.officer], source: "DOMAIN.md: people are retired (転出・退職) by new records", writes: true) { t in
            ["people", "retire", t.freshPerson(), "--reason", "転出"]
        },
        Row(command: "people officer", allowed: [.officer], source: "issue 10: 責任者交代 by a record", writes: true) { t in
            let from = t.freshPerson(role: "officer"), to = t.freshPerson()
            return ["people", "officer", "--from", from, "--to", to]
        },
        Row(command: "media register", allowed: [.officer], source: "001 付紙第4: the officer keeps the register", writes: true) { _ in
            ["media", "register", "--kind", "usb", "--category", "business", "--class", "2"]
        },
        // The register a unit kept before: the officer registers its rows; anyone enrolled may look at the dry run.
        Row(command: "import media --commit", allowed: [.officer], source: "001 付紙第4: the officer keeps the register", writes: true) { t in
            ["import", "media", t.writeFile("i\(t.fresh()).csv", "登録番号,種別,データ区分,格付\nOLD-\(t.fresh()),USB,業務用データ,2\n"), "--commit"]
        },
        Row(command: "import media (dry run)", allowed: enrolled, source: "DOMAIN.md auditor: read-only", writes: false) { t in
            ["import", "media", t.writeFile("i\(t.fresh()).csv", "登録番号,種別,データ区分,格付\nOLD-\(t.fresh()),USB,業務用データ,2\n")]
        },
        Row(command: "media found", allowed: [.officer], source: "DOMAIN.md medium states (亡失)", writes: true) { t in
            let reg = t.medium()
            t.ok(["media", "lost", reg, "--note", "紛失"], as: "sato")
            return ["media", "found", reg, "--note", "発見"]
        },
        Row(command: "config set", allowed: [.officer], source: "DOMAIN.md approvals: configurable", writes: true) { _ in
            ["config", "set", "approvers.takeout", "officer"]
        },
        Row(command: "config set restriction.NAME (a local 取扱制限)", allowed: [.officer], source: "002 別表1 その他", writes: true) { t in
            ["config", "set", "restriction.部外秘\(t.fresh())", "handover,transfer"]
        },
        Row(command: "media scan --product --definitions", allowed: keepers, source: "001 第3-3", writes: true) { t in
            ["media", "scan", t.medium(), "--result", "clean", "--product", "ウイルスバスター", "--definitions", "2026-11-24"]
        },
        Row(command: "use start --scanned clean", allowed: keepers, source: "001 第3-3", writes: true) { t in
            ["use", "start", t.register(scanned: false), "--purpose", "資料作成", "--scanned", "clean", "--product", "P"]
        },
        // Clerks (取扱者) record use, returns and requests; the officer may too.
        Row(command: "media scan", allowed: keepers, source: "001 第3-3", writes: true) { t in
            ["media", "scan", t.medium(), "--result", "clean"]
        },
        Row(command: "media lost", allowed: keepers, source: "001 付紙第8", writes: true) { t in
            ["media", "lost", t.medium(), "--note", "所在不明"]
        },
        Row(command: "use start", allowed: keepers, source: "001 付紙第4 1(1)ア(ｲ)", writes: true) { t in
            ["use", "start", t.medium(), "--purpose", "資料作成"]
        },
        Row(command: "use end", allowed: keepers, source: "001 付紙第4 1(1)ア(ｲ)", writes: true) { t in
            let reg = t.medium()
            t.ok(["use", "start", reg, "--purpose", "資料作成"], as: "sato")
            return ["use", "end", reg]
        },
        Row(command: "takeout request", allowed: keepers, source: "001 付紙第4 1(1)ア(ｳ)", writes: true) { t in
            ["takeout", "request", t.medium(), "--destination", "本部", "--purpose", "会議", "--until", "2026-11-27"]
        },
        Row(command: "takeout depart", allowed: keepers, source: "001 付紙第4 1(1)ア(ｳ)", writes: true) { t in
            ["takeout", "depart", t.approvedRequest()]
        },
        Row(command: "takeout return", allowed: keepers, source: "001 付紙第4 1(1)ア(ｳ)", writes: true) { t in
            let reg = t.approvedRequest()
            t.ok(["takeout", "depart", reg], as: "sato")
            return ["takeout", "return", reg, "--note", "異常なし"]
        },
        // Only the requester or an officer withdraws; here the request is sato's, not the clerk tanaka's.
        Row(command: "takeout withdraw (another's request)", allowed: [.officer], source: "DOMAIN.md approvals", writes: true) { t in
            ["takeout", "withdraw", t.pendingRequest().id]
        },
        // Take-outs are permitted by the officer by default (001 付紙第4 1(1)ア(ｳ), 第3-2).
        Row(command: "approve", allowed: [.officer], source: "001 付紙第4 1(1)ア(ｳ) / DOMAIN.md approvals default", writes: true) { t in
            ["approve", t.pendingRequest().id, "--confirm", CLITestCase.checks]
        },
        Row(command: "reject", allowed: [.officer], source: "DOMAIN.md approvals", writes: true) { t in
            ["reject", t.pendingRequest().id, "--reason", "目的が不明確"]
        },
        // Nobody decides a request they made (002 第19条): the officer kanri's own request is refused to all.
        Row(command: "approve own request", allowed: [], source: "002 第19条", writes: true) { t in
            ["approve", t.pendingRequest(by: "kanri").id, "--confirm", CLITestCase.checks]
        },
        Row(command: "reject own request", allowed: [], source: "002 第19条", writes: true) { t in
            ["reject", t.pendingRequest(by: "kanri").id, "--reason", "自分で却下"]
        },
        // Configured so: supervisors decide take-outs too (still never their own).
        Row(command: "approve (approvers.takeout = officer,supervisor)", allowed: [.officer, .supervisor],
            source: "DOMAIN.md approvals: configurable", writes: true) { t in
            t.ok(["config", "set", "approvers.takeout", "officer,supervisor"], as: "kanri")
            let id = t.pendingRequest().id
            return ["approve", id, "--confirm", CLITestCase.checks]
        },
        Row(command: "correct", allowed: [.officer, .supervisor], source: "DOMAIN.md history is never rewritten (corrections)", writes: true) { _ in
            ["correct", "3", "--reason", "氏名の誤記", "--note", "田中 一朗"]
        },
        Row(command: "init (a ledger exists)", allowed: [], source: "one ledger per data directory", writes: true) { _ in
            ["init", "--unit", "第2隊", "--officer", "kanri", "--name", "管理 太郎"]
        },
        // Handovers (送付リスト / 受領書, 000 別記様式第3): clerks draft, dispatch, record receipts and incoming deliveries.
        Row(command: "handover new", allowed: keepers, source: "DOMAIN.md clerk: drafts 送付リスト", writes: true) { _ in
            ["handover", "new", "--to", "防衛装備庁", "--item", "資料A=1部"]
        },
        Row(command: "handover dispatch", allowed: keepers, source: "DOMAIN.md clerk: dispatches 送付リスト", writes: true) { t in
            ["handover", "dispatch", t.handover(dispatched: false)]
        },
        Row(command: "handover receipt", allowed: keepers, source: "DOMAIN.md clerk: records 受領書", writes: true) { t in
            ["handover", "receipt", t.handover(), "--by", "装備庁 係長 山本"]
        },
        Row(command: "handover remind", allowed: keepers, source: "DOMAIN.md handovers: each 督促 recorded", writes: true) { t in
            ["handover", "remind", t.handover(), "--note", "電話で督促"]
        },
        Row(command: "handover recall", allowed: keepers, source: "DOMAIN.md handovers: a recall is a new record", writes: true) { t in
            ["handover", "recall", t.handover(), "--reason", "宛先誤り"]
        },
        Row(command: "handover incoming", allowed: keepers, source: "DOMAIN.md clerk: records incoming deliveries", writes: true) { _ in
            ["handover", "incoming", "--from", "第2通信隊", "--item", "資料B=2部"]
        },
        // A discrepancy is resolved by a supervisor (or officer), never by whoever recorded the receipt (002 第19条).
        Row(command: "handover acknowledge", allowed: [.officer, .supervisor], source: "DOMAIN.md handovers; 002 第19条", writes: true) { t in
            let id = t.handover(items: ["資料A=1部", "資料B=2部"])
            t.ok(["handover", "receipt", id, "--by", "装備庁 係長 山本", "--received", "資料A=1部"], as: "sato")
            return ["handover", "acknowledge", id, "--note", "資料Bは後日受領"]
        },
        // Transfers of media (送達票 / 受領票, 001 付紙第3): the officer sends and registers; receipts may be recorded by clerks.
        Row(command: "transfer new", allowed: [.officer], source: "001 付紙第3; the officer keeps the register", writes: true) { t in
            ["transfer", "new", "--to", "第2通信隊", "--media", t.medium()]
        },
        Row(command: "transfer dispatch", allowed: [.officer], source: "001 付紙第3", writes: true) { t in
            ["transfer", "dispatch", t.transfer(dispatched: false)]
        },
        Row(command: "transfer receipt", allowed: keepers, source: "001 付紙第3: the 受領票 comes back", writes: true) { t in
            ["transfer", "receipt", t.transfer(), "--by", "情報保証責任者 1尉 佐々木"]
        },
        Row(command: "transfer recall", allowed: [.officer], source: "001 付紙第3", writes: true) { t in
            ["transfer", "recall", t.transfer(), "--reason", "宛先誤り"]
        },
        Row(command: "transfer incoming", allowed: [.officer], source: "001 付紙第3, 付紙第4: the receiving officer registers", writes: true) { t in
            ["transfer", "incoming", "--from", "第2通信隊", "--media", "UFD-32:USB-2026-\(9000 + t.fresh())"]
        },
        Row(command: "handover list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["handover", "list"] },
        Row(command: "handover show", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { t in ["handover", "show", t.handover()] },
        Row(command: "transfer list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["transfer", "list"] },
        Row(command: "print handover", allowed: enrolled, source: "DOMAIN.md: forms are printed", writes: false) { t in ["print", "handover", t.handover()] },
        Row(command: "print transfer", allowed: enrolled, source: "DOMAIN.md: forms are printed", writes: false) { t in ["print", "transfer", t.transfer()] },
        Row(command: "print handover --pdf", allowed: enrolled, source: "DOMAIN.md: forms are printed", writes: false) { t in
            ["print", "handover", t.handover(), "--pdf", t.s.root + "/form.pdf"]
        },
        Row(command: "print labels", allowed: enrolled, source: "001 付紙第4 1(1)ア(ｱ): the number shown on the medium", writes: false) { t in
            ["print", "labels", t.medium(), "--pdf", t.s.root + "/labels.pdf"]
        },
        Row(command: "print register", allowed: enrolled, source: "001 付紙第4 1(1)ア: the books on paper", writes: false) { t in
            ["print", "register", "--pdf", t.s.root + "/book.pdf"]
        },
        Row(command: "print uses", allowed: enrolled, source: "001 付紙第4 1(1)ア(ｲ)", writes: false) { _ in ["print", "uses"] },
        Row(command: "print takeouts", allowed: enrolled, source: "001 付紙第4 1(1)ア(ｳ)", writes: false) { t in
            ["print", "takeouts", "--pdf", t.s.root + "/book.pdf"]
        },
        // Reading: every enrolled role; the auditor reads everything (DOMAIN.md auditor).
        Row(command: "people list", allowed: enrolled, source: "DOMAIN.md auditor: read-only", writes: false) { _ in ["people", "list"] },
        Row(command: "media list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["media", "list"] },
        Row(command: "media show", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { t in ["media", "show", t.medium()] },
        Row(command: "use list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["use", "list"] },
        Row(command: "takeout list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["takeout", "list"] },
        Row(command: "approvals", allowed: enrolled, source: "DOMAIN.md supervisor: the queue", writes: false) { _ in ["approvals"] },
        Row(command: "config show", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["config", "show"] },
        Row(command: "log", allowed: enrolled, source: "DOMAIN.md auditor: the journal", writes: false) { _ in ["log"] },
        Row(command: "export", allowed: enrolled, source: "DOMAIN.md auditor: exports", writes: false) { _ in
            ["export", "--what", "takeouts", "--format", "csv"]
        },
        Row(command: "export xlsx", allowed: enrolled, source: "DOMAIN.md auditor: exports", writes: false) { t in
            ["export", "--format", "xlsx", "-o", t.s.root + "/x\(t.fresh()).xlsx"]
        },
        // Verification needs no enrolment: it proves the file, which whoever can read it can hash anyway.
        Row(command: "verify", allowed: Set(Who.allCases), source: "DOMAIN.md auditor: verification", writes: false) { _ in ["verify"] },
    ]

    func test_everyCommandAgainstEveryRole_DOMAIN_whoUsesIt() {
        setUpUnit()
        var checked = 0
        for row in rows {
            for who in Who.allCases {
                let args = row.prepare(self)
                let what = "\(row.command) as \(who.rawValue) (\(row.source))"
                if row.allowed.contains(who) {
                    let before = s.journal()
                    let r = s.run(args, as: who.login)
                    XCTAssertEqual(r.status, 0, "\(what) should be allowed:\n\(r)")
                    if row.writes {
                        XCTAssertEqual(s.journalLines().count, before.split(separator: 0x0A).count + 1, "\(what) appends one record")
                    } else {
                        XCTAssertEqual(s.journal(), before, "\(what) only reads")
                    }
                } else {
                    let r = refused(args, as: who.login)
                    XCTAssertEqual(r.status, 1, "\(what): a rule refuses (exit 1)")
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, rows.count * Who.allCases.count)
        print("FIGURES role table: \(rows.count) commands x \(Who.allCases.count) roles = \(checked) cases")
    }

    /// The auditor writes nothing, whatever the command (DOMAIN.md auditor: read-only).
    func test_auditorCanWriteNothing() {
        setUpUnit()
        for row in rows where row.writes {
            XCTAssertFalse(row.allowed.contains(.auditor), row.command)
        }
    }

    /// The requester can never approve their own request, even after becoming an officer (002 第19条).
    func test_requesterNeverApprovesOwnRequest_evenWithTheRole_002_第19条() {
        setUpUnit()
        let (_, id) = pendingRequest(by: "tanaka")
        ok(["people", "roles", "tanaka", "--role", "clerk,officer"], as: "kanri")
        refused(["approve", id, "--confirm", CLITestCase.checks], as: "tanaka", contains: "自分の申請")
        ok(["config", "set", "approvers.takeout", "officer,supervisor"], as: "kanri")
        ok(["people", "roles", "tanaka", "--role", "clerk,supervisor"], as: "kanri")
        refused(["approve", id, "--confirm", CLITestCase.checks], as: "tanaka", contains: "自分の申請")
        refused(["reject", id, "--reason", "取消"], as: "tanaka", contains: "自分の申請")
        ok(["approve", id, "--confirm", CLITestCase.checks], as: "suzuki")
    }
}
