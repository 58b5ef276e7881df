// The `:` command line: the same verbs as the CLI, typed inside the screens,
// e.g. `:use start USB-2026-0001 --purpose 資料作成 --until 2026-12-01`.

import DaichoCore
import Foundation

enum CommandLineParser {
    enum Parsed {
        case effect(Effect, String)
        case go(UIAction)
        case open(String)
        case openCase(String)
        case quit
    }

    /// The verbs this parser knows, for Tab and `:help` when the CLI's own definitions are not at hand (tests).
    static let builtinVerbs = ["home", "register", "approvals", "media list", "media show", "media register", "media scan", "media lost",
                               "media found", "use list", "use start", "use end", "takeout list", "takeout request", "takeout depart",
                               "takeout return", "approve", "reject", "people list", "people add", "handover list", "handover show",
                               "transfer list", "transfer show", "print", "log", "verify",
                               "key list", "inventory list", "incident list"]

    /// Splits on spaces, keeping "quoted strings" and 「」 together.
    static func tokenize(_ s: String) -> [String] {
        var out: [String] = [], cur = "", quote: Character?
        var hadToken = false
        for c in s {
            if let q = quote {
                if c == q { quote = nil } else { cur.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c; hadToken = true
            } else if c == " " || c == "\u{3000}" {
                if hadToken || !cur.isEmpty { out.append(cur) }
                cur = ""; hadToken = false
            } else {
                cur.append(c); hadToken = true
            }
        }
        if hadToken || !cur.isEmpty { out.append(cur) }
        return out
    }

    static func parse(_ text: String, world w: World) -> Result<Parsed, EffectFailure> {
        let tokens = tokenize(text)
        var positional: [String] = []
        var options: [String: String] = [:]
        var flags: Set<String> = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.hasPrefix("--") {
                let name = String(t.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    options[String(name[..<eq])] = String(name[name.index(after: eq)...])
                } else if i + 1 < tokens.count, !tokens[i + 1].hasPrefix("--"), !["encrypted", "write-protected", "secret"].contains(name) {
                    options[name] = tokens[i + 1]; i += 1
                } else {
                    flags.insert(name)
                }
            } else {
                positional.append(t)
            }
            i += 1
        }
        func fail(_ ja: String, _ en: String) -> Result<Parsed, EffectFailure> { .failure(EffectFailure(w.t(ja, en))) }
        func need(_ name: String) -> String? { options[name] }
        func date(_ s: String?) -> Result<Date?, EffectFailure> { dateValue(s, w) }
        func record(_ c: Command, _ ok: (String, String)) -> Result<Parsed, EffectFailure> { .success(.effect(.record(c), w.t(ok.0, ok.1))) }
        let verb = positional.first ?? ""
        let sub = positional.count > 1 ? positional[1] : ""
        let arg = positional.count > 2 ? positional[2] : (positional.count > 1 ? positional[1] : "")
        let missing = fail("引数が足りません。:help でキー一覧、CLI と同じ書式です", "missing arguments: the syntax is the CLI's")

        switch (verb, sub) {
        case ("q", _), ("quit", _): return .success(.quit)
        case ("home", _): return .success(.go(.home))
        case ("media", "list"), ("register", _): return .success(.go(.register))
        case ("approvals", _): return .success(.go(.approvals))
        case ("use", "list"): return .success(.go(.uses))
        case ("takeout", "list"): return .success(.go(.takeouts))
        case ("log", _), ("verify", _): return .success(.go(.journal))
        case ("people", "list"): return .success(.go(.people))
        case ("handover", "list"): return .success(.go(.handovers))
        case ("transfer", "list"): return .success(.go(.transfers))
        case ("key", "list"): return .success(.go(.keys))
        case ("inventory", "list"): return .success(.go(.inventories))
        case ("incident", "list"): return .success(.go(.incidents))
        case ("exception", "list"): return .success(.go(.exceptionLedger))
        // A case's form opens its preview; the lifecycle forms (print certificate, inventory, pledge,
        // roster, keys, incident) have no screen of their own and run as the CLI's (text, --pdf, --lp).
        case ("handover", "show"), ("transfer", "show"), ("print", "handover"), ("print", "transfer"), ("print", "incoming"):
            return positional.count > 2 ? .success(.openCase(positional[2])) : missing
        case ("media", "show"): return positional.count > 2 ? .success(.open(positional[2])) : missing
        case ("media", "scan"):
            guard positional.count > 2, let r = need("result").flatMap(ScanResult.init(rawValue:)) else { return missing }
            let defs = need("definitions")
            guard defs == nil || Day(defs!) != nil else { return fail("定義ファイルの日付が読めません", "the definitions date cannot be read") }
            return record(.scan(registration: arg, result: r, note: need("note"), product: need("product"), definitions: defs.flatMap(Day.init)),
                          ("ウイルスチェックを記録しました", "check recorded"))
        case ("media", "lost"):
            guard positional.count > 2, let note = need("note") else { return missing }
            return record(.reportLost(registration: arg, note: note), ("亡失を記録しました", "loss recorded"))
        case ("media", "found"):
            guard positional.count > 2, let note = need("note") else { return missing }
            return record(.reportFound(registration: arg, note: note), ("発見を記録しました", "found recorded"))
        case ("media", "register"):
            guard let k = need("kind").flatMap(MediumKind.init(rawValue:)), let c = need("category").flatMap(DataCategory.init(rawValue:)),
                  let cl = need("class").flatMap(Int.init).flatMap(Confidentiality.init(rawValue:)) else { return missing }
            var n = NewMedium(kind: k, category: c, classification: cl)
            n.restrictions = (need("restrict") ?? "").split(separator: ",").map(String.init)
            n.model = need("model"); n.serial = need("serial"); n.capacity = need("capacity"); n.location = need("location")
            n.encrypted = flags.contains("encrypted"); n.writeProtected = flags.contains("write-protected"); n.secret = flags.contains("secret")
            return record(.register(n), ("登録しました", "registered"))
        case ("use", "start"):
            guard positional.count > 2, let p = need("purpose") else { return missing }
            let scanned = need("scanned").flatMap(ScanResult.init(rawValue:))
            if need("scanned") != nil && scanned == nil { return missing }
            return date(need("until")).flatMap { u in
                record(.startUse(registration: arg, purpose: p, place: need("where"), until: u, scanned: scanned, product: need("product")),
                       ("使用開始を記録しました", "use started"))
            }
        case ("use", "end"):
            guard positional.count > 2 else { return missing }
            return record(.endUse(registration: arg, note: need("note")), ("使用終了を記録しました", "use ended"))
        case ("takeout", "request"):
            guard positional.count > 2, let d = need("destination"), let p = need("purpose"), let u = need("until") else { return missing }
            return date(u).flatMap { until in
                date(need("from")).flatMap { from in
                    record(.requestTakeout(registration: arg, destination: d, purpose: p, from: from, until: until!, transport: need("transport")),
                           ("持出しを申請しました", "take-out requested"))
                }
            }
        case ("takeout", "depart"):
            guard positional.count > 2 else { return missing }
            return record(.depart(registration: arg), ("持出しを記録しました", "departure recorded"))
        case ("takeout", "return"):
            guard positional.count > 2 else { return missing }
            return record(.returnTakeout(registration: arg, note: need("note")), ("返却を記録しました", "return recorded"))
        case ("approve", _):
            guard positional.count > 1 else { return missing }
            var checks: [TakeoutCheck] = []
            for name in (need("confirm") ?? "").split(separator: ",") {
                guard let c = TakeoutCheck(rawValue: String(name)) else { return fail("確認項目「\(name)」はありません", "no check '\(name)'") }
                checks.append(c)
            }
            return record(.approve(request: positional[1], confirmed: checks, comment: need("comment")), ("許可しました", "approved"))
        case ("reject", _):
            guard positional.count > 1, let r = need("reason") else { return missing }
            return record(.reject(request: positional[1], reason: r), ("却下しました", "rejected"))
        case ("people", "add"):
            guard positional.count > 2, let name = need("name"), let rs = need("role") else { return missing }
            let roles = rs.split(separator: ",").compactMap { Role(rawValue: String($0)) }
            return record(.enroll(login: arg, name: name, roles: roles, title: need("title"), rank: need("rank"), section: need("section"),
                                  differentPerson: flags.contains("different-person")),
                          ("要員を登録しました", "enrolled"))
        case ("people", "edit"):
            guard positional.count > 2 else { return missing }
            return record(.editPerson(login: arg, name: need("name"), title: need("title"), rank: need("rank"), section: need("section")),
                          ("要員の記載を変更しました", "person updated"))
        case ("people", "retire"):
            guard positional.count > 2, let r = need("reason") else { return missing }
            return record(.retirePerson(login: arg, reason: r), ("転出・退職を記録しました", "retired"))
        case ("people", "officer"):
            guard let to = need("to") else { return missing }
            return record(.changeOfficer(from: need("from"), to: to, reason: need("reason")), ("責任者を交代しました", "officer changed"))
        default:
            return fail("コマンド「\(text)」は分かりません（例: use start 登録番号 --purpose 目的）", "unknown command '\(text)' (e.g. use start REG --purpose P)")
        }
    }
}
