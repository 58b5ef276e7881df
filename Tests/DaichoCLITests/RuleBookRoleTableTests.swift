// The role table's rows for issue 11 (RoleTableTests runs them with the rest): the
// register amended by the officer (001 付紙第4), late arrivals (001 付紙第3, 000 別記様式第3),
// exceptions (002 第26–27条), corrections that change state (DOMAIN.md "Approvals") and
// the steps of a take-out (002 第47条). Nobody decides their own request (002 第19条):
// every request here is made by sato, who is not in the table.

import Foundation
import XCTest

extension RoleTableTests {
    /// An exception for a new 持出禁止 medium, requested by the clerk sato.
    func exceptionRequest() -> String {
        let reg = register(["--restrict", "持出禁止"])
        return line(ok(["exception", "request", "--rule", "持出禁止", "--medium", reg, "--reason", "演習", "--until", "2026-11-30"], as: "sato"))
    }
    /// A correction of a new medium's virus check, requested by sato.
    func correctionRequest() -> String {
        _ = medium()
        let seq = s.journalLines().count - 1
        return line(ok(["correct", String(seq), "--reason", "記載誤り", "--set", "note=定期検査"], as: "sato"))
    }
    /// A handover whose 受領書 did not list its item (a discrepancy), drafted and dispatched by sato.
    func handoverShort() -> String {
        let id = handover(items: ["資料A=1部", "資料B=1部"])
        ok(["handover", "receipt", id, "--by", "防衛装備庁 課長 山本", "--received", "資料A=1部"], as: "sato")
        return id
    }
    /// A transfer of two media whose 受領票 names only the first (the officer fuku).
    func transferShort() -> (id: String, missing: String) {
        let a = medium(), b = medium()
        let id = line(ok(["transfer", "new", "--to", "第2通信隊", "--media", "\(a),\(b)"], as: "fuku"))
        ok(["transfer", "dispatch", id], as: "fuku")
        ok(["transfer", "receipt", id, "--by", "第2通信隊 隊長 木村", "--received", a], as: "fuku")
        return (id, b)
    }

    static let requesters: Set<Who> = [.clerk, .officer, .supervisor]

    nonisolated(unsafe) static let ruleBookTable: [Row] = [
        Row(command: "media amend", allowed: [.officer], source: "001 付紙第4: the officer keeps the register", writes: true) { t in
            ["media", "amend", t.medium(), "--reason", "移設", "--location", "金庫"]
        },
        Row(command: "handover late", allowed: keepers, source: "000 別記様式第3 第5項: the missing item arrives", writes: true) { t in
            ["handover", "late", t.handoverShort(), "--item", "資料B=1部"]
        },
        Row(command: "transfer late", allowed: keepers, source: "001 付紙第3: the missing medium arrives", writes: true) { t in
            let (id, missing) = t.transferShort()
            return ["transfer", "late", id, "--media", missing]
        },
        Row(command: "exception request", allowed: requesters, source: "002 第26条: asked for by those who work with media", writes: true) { t in
            ["exception", "request", "--rule", "持出禁止", "--medium", t.register(["--restrict", "持出禁止"]), "--reason", "演習", "--until", "2026-11-30"]
        },
        Row(command: "approve EX", allowed: [.officer], source: "002 第27条: decided by the officer (approvers.exception)", writes: true) { t in
            ["approve", t.exceptionRequest()]
        },
        Row(command: "reject EX", allowed: [.officer], source: "002 第27条", writes: true) { t in
            ["reject", t.exceptionRequest(), "--reason", "不要"]
        },
        Row(command: "exception list", allowed: enrolled, source: "DOMAIN.md auditor: the exception ledger", writes: false) { _ in ["exception", "list"] },
        Row(command: "exception show", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { t in ["exception", "show", t.exceptionRequest()] },
        Row(command: "print exceptions", allowed: enrolled, source: "002 第27条: the 例外措置台帳 on paper", writes: false) { _ in ["print", "exceptions"] },
        Row(command: "correct --set", allowed: requesters, source: "DOMAIN.md Approvals: correction of a record is a request", writes: true) { t in
            _ = t.medium()
            return ["correct", String(t.s.journalLines().count - 1), "--reason", "記載誤り", "--set", "note=定期検査"]
        },
        Row(command: "approve COR", allowed: [.officer, .supervisor], source: "DOMAIN.md Approvals: supervisor or officer, not the requester",
            writes: true) { t in ["approve", t.correctionRequest()] },
        Row(command: "config set steps", allowed: [.officer], source: "002 第47条: the officer configures the steps", writes: true) { _ in
            ["config", "set", "steps.takeout.3", "officer;supervisor"]
        },
        Row(command: "config set steps (other kinds)", allowed: [.officer], source: "002 第19条: the officer configures who decides", writes: true) { _ in
            ["config", "set", "steps.disposal.3", "officer;supervisor"]
        },
    ]
}
