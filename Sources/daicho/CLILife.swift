// The CLI of the rest of a medium's life and the unit's standing duties
// (issue 12, a contract): disposal with a witness (001 付紙第4 1(5), 002 第50条),
// inventory (001 第6), loss incidents (付紙第4 3(5), 付紙第8), pledges
// (第4, 付紙第5), keys (第2-2) and the contractor's handler roster
// (000 4, 別記様式第2の2). `dispose request` and `inventory start` print only
// the id, `dispose done` only the certificate number.

import ArgumentParser
import DaichoCore
import DaichoJournal
import DaichoPaper
import DaichoPDF
import Foundation

extension DisposalKind: ExpressibleByArgument {}

extension Context {
    func json(_ d: Disposal) -> JSONObject {
        ["id": d.id, "kind": RequestKind.disposal.rawValue, "disposal": d.kind.rawValue, "registration": d.registration,
         "subject": d.registration, "method": d.method, "reason": d.reason, "requester": d.requester,
         "requested_at": iso(d.requestedAt), "state": d.state.rawValue, "decided_by": orNull(d.decidedBy),
         "decided_at": iso(d.decidedAt), "comment": orNull(d.decisionNote), "certificate": orNull(d.certificate),
         "date": orNull(d.date?.iso), "operator": orNull(d.operatorLogin), "witness": orNull(d.witness),
         "stored_at": iso(d.storedAt), "stored_by": orNull(d.storedBy),
         "age_hours": Int(now.timeIntervalSince(d.requestedAt) / 3600)]
    }

    func json(_ i: Incident, in l: Ledger) -> JSONObject {
        ["id": i.id, "registration": i.registration, "status": i.status.rawValue, "opened_at": iso(i.openedAt),
         "opened_by": i.openedBy, "note": i.note, "inventory": orNull(i.inventory), "class": i.classification.rawValue,
         "restrictions": i.restrictions.map(\.rawValue), "secret": i.secret,
         "steps": i.steps.map { ["step": $0.step, "label": incidentStepLabel($0.step, lang), "at": iso($0.at), "by": $0.by,
                                 "note": orNull($0.note)] as JSONObject },
         "next_step": orNull(l.nextStep(of: i)), "found_at": iso(i.foundAt), "found_by": orNull(i.foundBy),
         "found_note": orNull(i.foundNote), "closed_at": iso(i.closedAt), "closed_by": orNull(i.closedBy),
         "conclusion": orNull(i.conclusion), "age_days": Int(now.timeIntervalSince(i.openedAt) / 86400)]
    }

    func json(_ inv: Inventory, in l: Ledger) -> JSONObject {
        let elsewhere = inv.unexpected.filter { reg in
            l.media[reg].map { $0.status == .stored || $0.status == .quarantined } ?? false
        }
        return ["id": inv.id, "status": inv.status.rawValue, "as_of": inv.asOf.iso, "locations": inv.locations,
                "started_at": iso(inv.startedAt), "started_by": inv.startedBy, "expected": inv.expected,
                "sighted": inv.sighted, "missing": inv.missing, "unexpected": inv.unexpected, "wrong_location": elsewhere,
                "accounted": inv.accounted.map { ["registration": $0.registration, "status": $0.status.rawValue, "record": $0.record] as JSONObject },
                "counts": ["expected": inv.expected.count, "sighted": inv.sighted.count, "missing": inv.missing.count,
                           "unexpected": inv.unexpected.count, "wrong_location": elsewhere.count, "accounted": inv.accounted.count] as JSONObject,
                "closed_at": iso(inv.closedAt), "closed_by": orNull(inv.closedBy), "incidents": inv.incidents]
    }

    func json(_ k: KeyEntry) -> JSONObject {
        ["key": k.key, "opens": k.opens, "location": orNull(k.location), "holder": orNull(k.loan?.to),
         "lent_at": iso(k.loan?.at), "lent_by": orNull(k.loan?.by), "until": iso(k.loan?.until), "overdue": k.isOverdue(at: now)]
    }

    func json(_ e: RosterEntry) -> JSONObject {
        let d = e.data
        return ["contract": d.contract, "number": d.number, "name": d.name, "kana": d.kana, "born": d.born.iso,
                "address": d.address, "nationality": d.nationality, "post": d.post, "duty": d.duty.rawValue,
                "result": orNull(d.result), "note": orNull(d.note), "recorded_at": iso(e.recordedAt), "recorded_by": e.recordedBy]
    }

    /// The roster is personal data: only the officer, supervisors and auditors read it (000 別記様式第2の2).
    func requireRosterReader(_ l: Ledger) throws {
        guard l.canReadRoster(actor.login) else { throw fail(DomainError.life(.rosterRestricted)) }
    }
}

// MARK: - dispose

struct DisposeGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dispose", abstract: "Erase a medium for reuse or destroy it (001 付紙第4 1(5)).",
                                                    subcommands: [Request.self, Done.self, Stored.self, List.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Request a disposal; prints only the id (decided with approve/reject).")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "erase (消去して再利用) or destroy (破棄).") var kind: DisposalKind
        @Option(help: "方法, one of the configured list (config: disposal.methods).") var method: String
        @Option(help: "理由.") var reason: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let r = try ctx.record(.life(.requestDisposal(registration: registration, kind: kind, method: method, reason: reason)))
            if case .life(.disposalRequested(let d)) = r.change { out(d.request) }
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an approved disposal carried out; prints only the certificate number.")
        @Argument(help: "Disposal request id (DR-…).") var id: String
        @Option(name: .customLong("operator"), help: "Who carried it out (enrolled login).") var operatorLogin: String
        @Option(help: "The witness (another enrolled login).") var witness: String
        @Option(help: "The day (default today; 2026-12-01 or 令和8年12月1日).") var date: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let day = try ctx.day(date)
            let r = try ctx.record(.life(.completeDisposal(id: id, operatorLogin: operatorLogin, witness: witness, date: day)))
            if case .life(.disposalDone(let d)) = r.change { out(d.certificate) }
        }
    }

    struct Stored: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put an erased (消去済) medium back in storage, empty, under its number.")
        @Argument(help: "Disposal request id (DR-…), certificate number (CERT-…) or registration number.") var id: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let r = try ctx.record(.life(.storeErased(id: id)))
            if case .life(.erasedStored(let d)) = r.change {
                out(ctx.lang.pick("保管に戻しました: \(d.registration)（データ区分なし）", "back in storage: \(d.registration) (no data category)"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disposal requests and certificates, and media due under 読後廃棄.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let due = l.disposalsDue(at: ctx.now)
            if read.json {
                return out(jsonString(["disposals": l.life.allDisposals.map(ctx.json),
                                       "due": due.map { ["registration": $0.due.registration, "since": iso($0.due.since), "overdue": $0.overdue] as JSONObject }]
                                      as JSONObject))
            }
            let lang = ctx.lang
            var t = TextTable(headers: lang == .ja ? ["申請", "登録番号", "種類", "方法", "申請者", "状態", "証明書", "実施日", "実施者", "立会者"]
                                                  : ["id", "registration", "kind", "method", "requester", "state", "certificate", "date", "operator", "witness"])
            for d in l.life.allDisposals {
                t.rows.append([d.id, d.registration, d.kind.label(lang), d.method, d.requester, d.state.label(lang), d.certificate ?? "",
                               d.date?.iso ?? "", d.operatorLogin ?? "", d.witness ?? ""])
            }
            out(l.life.disposals.isEmpty ? lang.pick("廃棄・消去の申請はありません", "no disposal requests") : t.render())
            for d in due {
                out(lang.pick("読後廃棄待ち \(d.due.registration)（\(ctx.time(d.due.since))から）", "due under destroy-after-reading: \(d.due.registration) since \(ctx.time(d.due.since))")
                    + (d.overdue ? lang.pick(" 期限超過", " OVERDUE") : ""))
            }
        }
    }
}

// MARK: - inventory

struct InventoryGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inventory", abstract: "Inventories (点検, 001 第6): count the media against the register.",
                                                    subcommands: [Start.self, Count.self, Close.self, Show.self, List.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open an inventory (officer); prints only the id.")
        @Option(name: .customLong("as-of"), help: "The day it is as of (default today).") var asOf: String?
        @Option(parsing: .upToNextOption, help: "Locations counted (default: all).") var location: [String] = []
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let r = try ctx.record(.life(.startInventory(asOf: try ctx.day(asOf), locations: location)))
            if case .life(.inventoryStarted(let d)) = r.change { out(d.inventory) }
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record registration numbers sighted (or one a line on standard input).")
        @Argument(help: "Inventory id (INV-…).") var id: String
        @Argument(help: "Registration numbers sighted.") var registrations: [String] = []
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            var regs = registrations
            if regs.isEmpty {
                while let line = readLine(strippingNewline: true) { regs.append(line) }
            }
            let j = try ctx.openJournal()
            // What each number is, as the counter would see it at a terminal, before recording.
            let before = try? j.ledger.inventory(id)
            var verdicts: [(String, Ledger.CountVerdict)] = []
            if let inv = before {
                var seen = Set<String>()
                for raw in regs {
                    let key = raw.trimmingCharacters(in: .whitespaces)
                    guard !key.isEmpty else { continue }
                    let reg = (try? j.ledger.medium(key).registration) ?? key
                    verdicts.append((reg, seen.contains(reg) ? .alreadyCounted : j.ledger.countVerdict(inv, key)))
                    seen.insert(reg)
                }
            }
            let isNew = verdicts.contains { $0.1 != .alreadyCounted && $0.1 != .unknown }
            if isNew || before == nil || verdicts.isEmpty || verdicts.contains(where: { $0.1 == .unknown }) {
                try ctx.record(.life(.countInventory(id: id, registrations: regs)), in: j)
            }
            for (reg, v) in verdicts { out(v.message(reg, ctx.lang)) }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an inventory (officer): the difference report; each missing medium opens a loss incident.")
        @Argument(help: "Inventory id.") var id: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let r = try ctx.record(.life(.closeInventory(id: id)))
            guard case .life(.inventoryClosed(let d)) = r.change else { return }
            out(ctx.lang.pick("点検を完結しました: \(d.inventory) 所在不明 \(d.missing.count)件", "inventory \(d.inventory) closed: \(d.missing.count) missing"))
            for (reg, inc) in zip(d.missing, d.incidents) { out(ctx.lang.pick("  \(reg) 亡失事案 \(inc)", "  \(reg) loss incident \(inc)")) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An inventory: sighted, missing, unexpected and what is accounted for by a record.")
        @Argument(help: "Inventory id.") var id: String
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let inv: Inventory
            do { inv = try l.inventory(id) } catch { throw ctx.fail(error) }
            if read.json { return out(jsonString(ctx.json(inv, in: l))) }
            out(Paper.inventoryBody(inv, ledger: l, lang: ctx.lang, timeZone: ctx.timeZone).joined(separator: "\n"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every inventory, and the self-inspection due.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            if read.json { return out(jsonString(l.life.allInventories.map { ctx.json($0, in: l) })) }
            let lang = ctx.lang
            var t = TextTable(headers: lang == .ja ? ["点検", "基準日", "場所", "状態", "予定", "確認", "所在不明", "予定外", "開始者"]
                                                  : ["id", "as of", "locations", "status", "expected", "sighted", "missing", "unexpected", "by"])
            for i in l.life.allInventories {
                t.rows.append([i.id, i.asOf.iso, i.locations.isEmpty ? lang.pick("全て", "all") : i.locations.joined(separator: ","),
                               i.status.label(lang), "\(i.expected.count)", "\(i.sighted.count)", "\(i.missing.count)", "\(i.unexpected.count)", i.startedBy])
            }
            out(l.life.inventories.isEmpty ? lang.pick("点検の記録はありません", "no inventories") : t.render())
            let s = l.selfInspection(on: Day(ctx.now, in: ctx.timeZone))
            out(selfInspectionLine(s, lang))
        }
    }
}

func selfInspectionLine(_ s: SelfInspection, _ lang: Lang) -> String {
    switch s.state {
    case .due: lang.pick("自己点検（\(s.year)年）: 基準日 \(s.base.iso)、報告期限 \(s.due.iso)", "self-inspection \(s.year): base date \(s.base.iso), report due \(s.due.iso)")
    case .overdue: lang.pick("自己点検（\(s.year)年）の報告期限 \(s.due.iso) を過ぎています", "self-inspection \(s.year) overdue: report was due \(s.due.iso)")
    case .next: lang.pick("次の自己点検: 基準日 \(s.base.iso)、報告期限 \(s.due.iso)", "next self-inspection: base date \(s.base.iso), report due \(s.due.iso)")
    }
}

// MARK: - incident

struct IncidentGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "incident", abstract: "Loss incidents (001 付紙第4 3(5), 付紙第8) and their reporting steps.",
                                                    subcommands: [List.self, Show.self, Step.self, Close.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every incident, open ones with their next step.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            if read.json { return out(jsonString(l.life.allIncidents.map { ctx.json($0, in: l) })) }
            let lang = ctx.lang
            var t = TextTable(headers: lang == .ja ? ["事案", "登録番号", "状態", "発生", "経過", "次の手順", "発見"]
                                                  : ["id", "registration", "status", "opened", "age", "next step", "found"])
            for i in l.life.allIncidents {
                t.rows.append([i.id, i.registration, i.status.label(lang), ctx.time(i.openedAt), ctx.age(since: i.openedAt),
                               l.nextStep(of: i).map { incidentStepLabel($0, lang) } ?? "", i.foundAt.map(ctx.time) ?? ""])
            }
            out(l.life.incidents.isEmpty ? lang.pick("事案はありません", "no incidents") : t.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An incident with every step, who and when.")
        @Argument(help: "Incident id (INC-…).") var id: String
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let i: Incident
            do { i = try l.incident(id) } catch { throw ctx.fail(error) }
            if read.json { return out(jsonString(ctx.json(i, in: l))) }
            out(Paper.incidentBody(i, ledger: l, lang: ctx.lang, timeZone: ctx.timeZone).joined(separator: "\n"))
        }
    }

    struct Step: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a reporting step as it happened (in the configured order).")
        @Argument(help: "Incident id.") var id: String
        @Option(help: "The step: reported, upward, searched, result (config: incident.steps).") var step: String
        @Option(help: "備考.") var note: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.life(.stepIncident(id: id, step: step, note: note)))
            out(ctx.lang.pick("記録しました: \(id) \(incidentStepLabel(step, ctx.lang))", "recorded: \(id) \(incidentStepLabel(step, ctx.lang))"))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an incident with its conclusion (officer; every step recorded).")
        @Argument(help: "Incident id.") var id: String
        @Option(help: "結論.") var conclusion: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.life(.closeIncident(id: id, conclusion: conclusion)))
            out(ctx.lang.pick("事案を完結しました: \(id)", "incident closed: \(id)"))
        }
    }
}

// MARK: - pledge

struct PledgeGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pledge", abstract: "誓約書 (001 第4, 付紙第5): no business data on private devices.",
                                                    subcommands: [Record.self, List.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a person submitted their pledge (officer).")
        @Argument(help: "Their login.") var login: String
        @Option(help: "The day submitted (default today).") var date: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.life(.recordPledge(login: login, date: try ctx.day(date))))
            out(ctx.lang.pick("誓約書を記録しました: \(login)", "pledge recorded: \(login)"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every enrolled person and their pledge.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let rows: [JSONObject] = l.allPeople.map { p in
                let g = l.life.pledges[p.login]
                return ["login": p.login, "name": p.name, "pledged": g != nil, "date": orNull(g?.date.iso),
                        "recorded_at": iso(g?.recordedAt), "recorded_by": orNull(g?.recordedBy)]
            }
            if read.json { return out(jsonString(rows)) }
            let lang = ctx.lang
            var t = TextTable(headers: lang == .ja ? ["ログイン", "氏名", "誓約書", "提出日"] : ["login", "name", "pledge", "date"])
            for p in l.allPeople {
                let g = l.life.pledges[p.login]
                t.rows.append([p.login, p.name, g == nil ? lang.pick("未提出", "MISSING") : lang.pick("提出済", "on file"), g?.date.iso ?? ""])
            }
            out(t.render())
        }
    }
}

// MARK: - key

struct KeyGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "key", abstract: "Keys of lockers and wires (001 第2-2): stored, lent, returned.",
                                                    subcommands: [Add.self, Lend.self, Return.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a key (officer).")
        @Argument(help: "Key number.") var number: String
        @Option(help: "What it opens.") var opens: String
        @Option(help: "Where it is kept.") var location: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.life(.addKey(key: number, opens: opens, location: location)))
            out(ctx.lang.pick("かぎを登録しました: \(number)", "key registered: \(number)"))
        }
    }

    struct Lend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lend a key to an enrolled person until a time (officer or clerk).")
        @Argument(help: "Key number.") var number: String
        @Option(help: "Their login.") var to: String
        @Option(help: "Until (ISO 8601 or 令和).") var until: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let end = try ctx.date(until, field: nil)
            try ctx.record(.life(.lendKey(key: number, to: to, until: end)))
            out(ctx.lang.pick("貸出を記録しました: \(number)", "lent: \(number)"))
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a key returned (officer or clerk).")
        @Argument(help: "Key number.") var number: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.life(.returnKey(key: number)))
            out(ctx.lang.pick("返却を記録しました: \(number)", "returned: \(number)"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every key and who holds it now.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            if read.json { return out(jsonString(l.life.allKeys.map(ctx.json))) }
            let lang = ctx.lang
            var t = TextTable(headers: lang == .ja ? ["かぎ番号", "用途", "保管場所", "保持者", "返却期限"] : ["key", "opens", "kept at", "holder", "until"])
            for k in l.life.allKeys {
                t.rows.append([k.key, k.opens, k.location ?? "", k.loan.map { l.people[$0.to]?.name ?? $0.to } ?? lang.pick("（保管中）", "(in store)"),
                               (k.loan.map { ctx.time($0.until) } ?? "") + (k.isOverdue(at: ctx.now) ? lang.pick(" 期限超過", " OVERDUE") : "")])
            }
            out(l.life.keys.isEmpty ? lang.pick("登録されたかぎはありません", "no keys") : t.render())
        }
    }
}

// MARK: - roster

struct RosterGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "roster", abstract: "A contract's 取扱者名簿 (000 別記様式第2の2; personal data).",
                                                    subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a handler the company filed (officer).")
        @Argument(help: "調達要求番号 / 契約番号.") var contract: String
        @Option(help: "氏名 (as in the family register).") var name: String
        @Option(help: "フリガナ.") var kana: String
        @Option(help: "生年月日 (2026-12-01, 昭和45年3月1日, H2.4.1 …).") var born: String
        @Option(help: "住所.") var address: String
        @Option(help: "国籍.") var nationality: String
        @Option(help: "所属・役職.") var post: String
        @Option(help: "業務内容: a 役員, b 営業, c 情報システム関係者, d エンジニア, e その他.") var duty: String
        @Option(help: "確認結果.") var result: String?
        @Option(help: "備考.") var note: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            guard let day = Wareki.parse(born) ?? Day(born) else {
                throw CLIFailure(message: DomainError.invalidDay(field: nil, input: born).message(ctx.lang), code: CLIFailure.usage)
            }
            let r = try ctx.record(.life(.addRoster(contract: contract, name: name, kana: kana, born: day, address: address,
                                                    nationality: nationality, post: post, duty: duty, result: result, note: note)))
            if case .life(.rosterAdded(let d)) = r.change {
                out(ctx.lang.pick("取扱者名簿に追加しました: \(d.contract) 番号\(d.number)", "added to the roster of \(d.contract) as \(d.number)"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A contract's roster (officer, supervisors, auditors).")
        @Argument(help: "調達要求番号 / 契約番号.") var contract: String
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            try ctx.requireRosterReader(l)
            let entries = l.life.rosters[contract.trimmingCharacters(in: .whitespaces)] ?? []
            if read.json { return out(jsonString(entries.map(ctx.json))) }
            out(rosterTable(entries, ctx).render())
        }
    }
}

func rosterTable(_ entries: [RosterEntry], _ ctx: Context) -> TextTable {
    let lang = ctx.lang
    var t = TextTable(headers: lang == .ja ? ["番号", "氏名", "フリガナ", "生年月日", "住所", "国籍", "所属・役職", "業務内容", "確認結果", "備考"]
                                          : ["no", "name", "kana", "born", "address", "nationality", "post", "duty", "result", "note"])
    for e in entries {
        let d = e.data
        t.rows.append(["\(d.number)", d.name, d.kana, Wareki.text(d.born), d.address, d.nationality, d.post, d.duty.rawValue,
                       d.result ?? "", d.note ?? ""])
    }
    return t
}

// MARK: - print

extension PrintGroup {
    /// Prints a lifecycle form: the text form at the terminal, or the same form drawn as a ruled A4
    /// sheet (`--pdf`, `--lp`; its blocks captured as the text form is written, `Paper.capture`), and
    /// keeps its head as a checkpoint, as the other forms do. `make` runs before anything is written
    /// either way, so a refusal in it (the roster's readers) leaves no file behind.
    static func printLife(_ global: GlobalOptions, _ output: PrintOutput, purpose: String, title: String, marking: String? = nil,
                          _ make: (Ledger, Paper.Stamp, Context) throws -> [String]) throws {
        let ctx = try Context(global)
        let j = try ctx.openForReading()
        let stamp = ctx.stamp(j)
        let lines: [String], blocks: [Paper.Block]
        do { (lines, blocks) = try Paper.capture { try make(j.ledger, stamp, ctx) } } catch { throw ctx.fail(error) }
        if output.wantsPDF {
            var sheet = Sheet(title: title, paper: blocks)
            sheet.marking = marking
            try ctx.deliver(sheet, output)
        } else {
            out(lines.joined(separator: "\n"))
        }
        ctx.checkpoint(j, purpose: purpose + (output.wantsPDF ? " pdf" : ""))
    }

    struct CertificateForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "certificate", abstract: "消去・廃棄証明書 of a disposal carried out.")
        @Argument(help: "Disposal request id (DR-…) or certificate number (CERT-…).") var id: String
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let key = id.trimmingCharacters(in: .whitespaces).uppercased()
            try PrintGroup.printLife(global, output, purpose: "print certificate \(id)", title: "消去・廃棄証明書 \(key)") { l, stamp, _ in
                let d = try l.life.allDisposals.first { $0.certificate == key } ?? l.disposal(key)
                return try Paper.certificate(d, ledger: l, stamp: stamp)
            }
        }
    }

    struct InventoryForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "inventory", abstract: "点検結果報告: the difference report of an inventory.")
        @Argument(help: "Inventory id.") var id: String
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws {
            try PrintGroup.printLife(global, output, purpose: "print inventory \(id)", title: "点検結果報告 \(id)") { l, stamp, ctx in
                Paper.inventory(try l.inventory(id), ledger: l, stamp: stamp, timeZone: ctx.timeZone)
            }
        }
    }

    struct PledgeForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pledge", abstract: "誓約書 (001 付紙第5), ready to be signed.")
        @Argument(help: "Their login.") var login: String
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let who = login.trimmingCharacters(in: .whitespaces)
            try PrintGroup.printLife(global, output, purpose: "print pledge \(login)", title: "誓約書 \(who)") { l, stamp, _ in
                guard let p = l.people[who] else { throw DomainError.unknownPerson(login: login) }
                return Paper.pledge(p, ledger: l, stamp: stamp)
            }
        }
    }

    struct RosterForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "roster", abstract: "取扱者名簿 (000 別記様式第2の2) with 「個人情報」「注意」.")
        @Argument(help: "調達要求番号 / 契約番号.") var contract: String
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let c = contract.trimmingCharacters(in: .whitespaces)
            try PrintGroup.printLife(global, output, purpose: "print roster", title: "取扱者名簿 \(c)",
                                     marking: Paper.rosterMarking) { l, stamp, ctx in
                // Personal data: the same check as `roster list`, before any text or PDF is made.
                try ctx.requireRosterReader(l)
                return Paper.roster(c, l.life.rosters[c] ?? [], ledger: l, stamp: stamp)
            }
        }
    }

    struct KeysForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "keys", abstract: "かぎ管理簿: every key and who holds it (001 第2-2).")
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws {
            try PrintGroup.printLife(global, output, purpose: "print keys", title: "かぎ管理簿") { l, stamp, ctx in
                Paper.keys(l, stamp: stamp, now: ctx.now, timeZone: ctx.timeZone)
            }
        }
    }

    struct IncidentForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "incident", abstract: "亡失事案報告: an incident and its steps.")
        @Argument(help: "Incident id.") var id: String
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws {
            try PrintGroup.printLife(global, output, purpose: "print incident \(id)", title: "亡失事案報告 \(id)") { l, stamp, ctx in
                Paper.incident(try l.incident(id), ledger: l, stamp: stamp, timeZone: ctx.timeZone)
            }
        }
    }
}
