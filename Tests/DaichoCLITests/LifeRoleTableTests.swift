// The role table's rows for issue 12 (RoleTableTests runs them with the rest):
// pledges (001 第4), keys (第2-2), the roster (000 別記様式第2の2, personal data),
// inventories (第6), disposal (付紙第4 1(5)) and loss incidents (付紙第4 3(5)).

import Foundation
import XCTest

extension RoleTableTests {

    /// A key registered by the officer kanri, lent to sato when `lent`.
    func key(lent: Bool = false) -> String {
        let k = "K-\(fresh())"
        ok(["key", "add", k, "--opens", "ロッカー"], as: "kanri")
        if lent { ok(["key", "lend", k, "--to", "sato", "--until", "2026-11-27"], as: "sato") }
        return k
    }
    func inventory() -> String { line(ok(["inventory", "start"], as: "fuku")) }
    /// A disposal of a new medium requested by the clerk sato (approved by the officer fuku when `approved`).
    func disposal(by login: String = "sato", approved: Bool = false) -> String {
        let id = line(ok(["dispose", "request", medium(), "--kind", "destroy", "--method", "物理破壊", "--reason", "故障"], as: login))
        if approved { ok(["approve", id], as: "fuku") }
        return id
    }
    /// A loss reported by sato: its incident, with every step recorded when `stepped`.
    func incident(stepped: Bool = false) -> String {
        let reg = medium()
        ok(["media", "lost", reg, "--note", "所在不明"], as: "sato")
        let list = ok(["incident", "list", "--json"], as: "sato").stdout
        let all = (try? JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]]) ?? []
        let id = all.first { $0["registration"] as? String == reg }?["id"] as? String ?? "?"
        if stepped { for s in ["reported", "upward", "searched", "result"] { ok(["incident", "step", id, "--step", s], as: "sato") } }
        return id
    }

    static let rosterReaders: Set<Who> = [.officer, .supervisor, .auditor]

    nonisolated(unsafe) static let lifeTable: [Row] = [
        Row(command: "pledge record", allowed: [.officer], source: "001 第4: the officer takes the pledges", writes: true) { _ in
            ["pledge", "record", "sato"]
        },
        Row(command: "pledge list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["pledge", "list"] },
        Row(command: "print pledge", allowed: enrolled, source: "001 付紙第5", writes: false) { _ in ["print", "pledge", "sato"] },
        Row(command: "key add", allowed: [.officer], source: "001 第2-2: the officer keeps the keys", writes: true) { t in
            ["key", "add", "K-\(t.fresh())", "--opens", "ロッカー1", "--location", "当直室"]
        },
        Row(command: "key lend", allowed: keepers, source: "001 第2-2 (issue 12: officer or clerk)", writes: true) { t in
            ["key", "lend", t.key(), "--to", "sato", "--until", "2026-11-27"]
        },
        Row(command: "key return", allowed: keepers, source: "001 第2-2", writes: true) { t in ["key", "return", t.key(lent: true)] },
        Row(command: "key list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["key", "list"] },
        Row(command: "print keys", allowed: enrolled, source: "001 第2-2", writes: false) { _ in ["print", "keys"] },
        Row(command: "roster add", allowed: [.officer], source: "000 4, 別記様式第2の2", writes: true) { _ in
            ["roster", "add", "C-1", "--name", "山本 一", "--kana", "ヤマモト ハジメ", "--born", "S45.3.1", "--address", "東京都",
             "--nationality", "日本", "--post", "主任", "--duty", "c"]
        },
        Row(command: "roster list", allowed: rosterReaders, source: "000 別記様式第2の2: personal data", writes: false) { _ in ["roster", "list", "C-1"] },
        Row(command: "print roster", allowed: rosterReaders, source: "000 別記様式第2の2: personal data", writes: false) { _ in ["print", "roster", "C-1"] },
        Row(command: "inventory start", allowed: [.officer], source: "001 第6", writes: true) { _ in ["inventory", "start"] },
        Row(command: "inventory count", allowed: keepers, source: "001 第6", writes: true) { t in
            let id = t.inventory()
            return ["inventory", "count", id, t.medium()]
        },
        Row(command: "inventory close", allowed: [.officer], source: "001 第6", writes: true) { t in ["inventory", "close", t.inventory()] },
        Row(command: "inventory show", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { t in ["inventory", "show", t.inventory()] },
        Row(command: "inventory list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["inventory", "list"] },
        Row(command: "print inventory", allowed: enrolled, source: "001 第6", writes: false) { t in ["print", "inventory", t.inventory()] },
        Row(command: "dispose request", allowed: keepers, source: "001 付紙第4 1(5)", writes: true) { t in
            ["dispose", "request", t.medium(), "--kind", "erase", "--method", "専用ソフトによる上書き消去", "--reason", "再利用"]
        },
        Row(command: "approve disposal", allowed: [.officer], source: "issue 12: decided by the officer by default", writes: true) { t in
            ["approve", t.disposal()]
        },
        Row(command: "reject disposal", allowed: [.officer], source: "issue 12", writes: true) { t in ["reject", t.disposal(), "--reason", "保存要"] },
        Row(command: "approve own disposal", allowed: [], source: "002 第19条", writes: true) { t in ["approve", t.disposal(by: "kanri")] },
        Row(command: "dispose done", allowed: keepers, source: "001 付紙第4 1(5): operator and witness", writes: true) { t in
            ["dispose", "done", t.disposal(approved: true), "--operator", "sato", "--witness", "fuku"]
        },
        Row(command: "dispose stored", allowed: keepers, source: "001 付紙第4 1(5): erased, then back in storage", writes: true) { t in
            let reg = t.medium()
            let id = t.line(t.ok(["dispose", "request", reg, "--kind", "erase", "--method", "専用ソフトによる上書き消去", "--reason", "再利用"], as: "sato"))
            t.ok(["approve", id], as: "fuku")
            t.ok(["dispose", "done", id, "--operator", "sato", "--witness", "fuku"], as: "sato")
            return ["dispose", "stored", id]
        },
        Row(command: "dispose list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["dispose", "list"] },
        Row(command: "print certificate", allowed: enrolled, source: "issue 12: 消去・廃棄証明書", writes: false) { t in
            let id = t.disposal(approved: true)
            t.ok(["dispose", "done", id, "--operator", "sato", "--witness", "fuku"], as: "sato")
            return ["print", "certificate", id]
        },
        Row(command: "incident step", allowed: keepers, source: "001 付紙第4 3(5)", writes: true) { t in
            ["incident", "step", t.incident(), "--step", "reported", "--note", "科長へ"]
        },
        Row(command: "incident close", allowed: [.officer], source: "001 付紙第8", writes: true) { t in
            ["incident", "close", t.incident(stepped: true), "--conclusion", "発見できず"]
        },
        Row(command: "incident list", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { _ in ["incident", "list"] },
        Row(command: "incident show", allowed: enrolled, source: "DOMAIN.md auditor", writes: false) { t in ["incident", "show", t.incident()] },
        Row(command: "print incident", allowed: enrolled, source: "001 付紙第8", writes: false) { t in ["print", "incident", t.incident()] },
    ]
}
