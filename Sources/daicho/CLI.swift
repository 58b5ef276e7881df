// The command-line interface: a contract that scripts and acceptance tests call
// exactly so (README "CLI"). Each command resolves its context, asks the
// ledger to decide, and prints one result; refusals are one line on stderr.

import ArgumentParser
import DaichoCore
import DaichoJournal
import Foundation

struct Daicho: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daicho",
        abstract: "台帳: the portable-media register and handover ledger (可搬記憶媒体登録簿).",
        discussion: "Without a subcommand, opens the terminal screens.",
        subcommands: [Init.self, People.self, MediaGroup.self, Use.self, Takeout.self, Approvals.self,
                      Approve.self, Reject.self, HandoverGroup.self, TransferGroup.self, PrintGroup.self,
                      Correct.self, Config.self, Verify.self, Log.self, Export.self, ImportGroup.self,
                      DisposeGroup.self, InventoryGroup.self, IncidentGroup.self, PledgeGroup.self, KeyGroup.self, RosterGroup.self,
                      ExceptionGroup.self])

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runScreens(global)
    }
}

// MARK: - init

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the ledger of a unit, with its officer (部隊等情報保証責任者).")
    @Option(help: "部隊等名称: the unit's name.") var unit: String
    @Option(help: "The officer's login.") var officer: String
    @Option(help: "The officer's name (氏名).") var name: String
    @Option(help: "官職.") var title: String?
    @Option(help: "階級.") var rank: String?
    @Option(help: "所属.") var section: String?
    @Option(help: "Registration-number scheme: {kind}, {year}, {n:4}.") var scheme: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try Context(global)
        try Context.requireRootToInitialize(ctx.lang)
        let j = try ctx.openJournal(mustExist: false)
        if j.ledger.isInitialized || j.damage != nil {
            throw CLIFailure(message: DomainError.alreadyInitialized.message(ctx.lang) + " (\(ctx.dataDirectory))", code: CLIFailure.ruleRefused)
        }
        do {
            let header = try Ledger.initialize(unit: unit, officer: officer, name: name, title: title, rank: rank,
                                               section: section, scheme: scheme)
            try j.create(header: header, actor: ctx.actor, now: ctx.now)
        } catch { throw ctx.fail(error) }
        out(ctx.lang.pick("台帳を作成しました: \(ctx.dataDirectory)", "ledger created in \(ctx.dataDirectory)"))
    }
}

// MARK: - people

struct People: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Enrolled people (要員) and their roles.",
                                                    subcommands: [Add.self, List.self, SetRoles.self, Edit.self, Retire.self,
                                                                  HandOver.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enrol a person (officer only).")
        @Argument(help: "Their login.") var login: String
        @Option(help: "氏名.") var name: String
        @Option(help: "Roles, comma-separated: clerk, officer, supervisor, auditor.") var role: String
        @Option(help: "官職.") var title: String?
        @Option(help: "階級.") var rank: String?
        @Option(help: "所属.") var section: String?
        @Flag(help: "Confirm that this login is a different person from one enrolled under the same 氏名 and 所属.")
        var differentPerson = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let roles = try parseRoles(role, ctx)
            try ctx.record(.enroll(login: login, name: name, roles: roles, title: title, rank: rank, section: section,
                                   differentPerson: differentPerson))
            out(ctx.lang.pick("登録しました: \(login)", "enrolled \(login)"))
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a person's 氏名, 官職, 階級 or 所属 (officer only; a new record: forms printed afterwards use the new values).")
        @Argument(help: "Their login.") var login: String
        @Option(help: "氏名.") var name: String?
        @Option(help: "官職 (empty clears it).") var title: String?
        @Option(help: "階級 (empty clears it).") var rank: String?
        @Option(help: "所属 (empty clears it).") var section: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.editPerson(login: login, name: name, title: title, rank: rank, section: section))
            out(ctx.lang.pick("要員の記載を変更しました: \(login)", "updated \(login)"))
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a person (転出, 退職; officer only): they can no longer read or write; what they still hold is listed.")
        @Argument(help: "Their login.") var login: String
        @Option(help: "Why: 転出, 退職, ….") var reason: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let j = try ctx.openJournal()
            let r = try ctx.record(.retirePerson(login: login, reason: reason), in: j)
            guard case .personRetired(let d) = r.change else { return }
            out(ctx.lang.pick("転出・退職を記録しました: \(d.login)", "retired \(d.login)"))
            let held = j.ledger.holdings(of: d.login)
            if !held.isEmpty {
                out(ctx.lang.pick("まだ保持しているもの（付け替えるか終了してください）:", "still held (reassign or close each):"))
                for h in held { out("  " + h.label(ctx.lang)) }
            }
        }
    }

    struct HandOver: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "officer", abstract: "責任者交代: move the officer role from one person to another (officer only).")
        @Option(help: "The new officer's login.") var to: String
        @Option(help: "The officer handing over (default: you).") var from: String?
        @Option(help: "理由.") var reason: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let r = try ctx.record(.changeOfficer(from: from, to: to, reason: reason))
            guard case .officerChanged(let d) = r.change else { return }
            out(ctx.lang.pick("責任者を交代しました: \(d.from) → \(d.to)", "officer changed: \(d.from) -> \(d.to)"))
        }
    }

    struct SetRoles: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "roles", abstract: "Set a person's roles (officer only).")
        @Argument(help: "Their login.") var login: String
        @Option(help: "Roles, comma-separated.") var role: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.setRoles(login: login, roles: try parseRoles(role, ctx)))
            out(ctx.lang.pick("役割を変更しました: \(login)", "roles of \(login) set"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List enrolled people.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            if read.json { return out(jsonString(l.allPeople.map(ctx.json))) }
            var t = TextTable(headers: ctx.lang == .ja ? ["ログイン", "氏名", "役割", "所属", "官職", "階級", "状態"]
                                                      : ["login", "name", "roles", "section", "title", "rank", "state"])
            for p in l.allPeople {
                t.rows.append([p.login, p.name, p.roles.map { $0.label(ctx.lang) }.joined(separator: ","),
                               p.section ?? "", p.title ?? "", p.rank ?? "",
                               p.retired.map { ctx.lang.pick("転出・退職（\($0.reason)）", "retired (\($0.reason))") } ?? ""])
            }
            out(t.render())
        }
    }
}

func parseRoles(_ s: String, _ ctx: Context) throws -> [Role] {
    var roles: [Role] = []
    for part in s.split(separator: ",") {
        let name = part.trimmingCharacters(in: .whitespaces)
        guard let r = Role(rawValue: name) else {
            throw CLIFailure(message: ctx.lang.pick("役割「\(name)」はありません（clerk, officer, supervisor, auditor）",
                                                    "no role '\(name)' (clerk, officer, supervisor, auditor)"), code: CLIFailure.usage)
        }
        roles.append(r)
    }
    guard !roles.isEmpty else {
        throw CLIFailure(message: ctx.lang.pick("役割を指定してください", "give at least one role"), code: CLIFailure.usage)
    }
    return roles
}

// MARK: - media

extension MediumKind: ExpressibleByArgument {}
extension DataCategory: ExpressibleByArgument {}
extension ScanResult: ExpressibleByArgument {}
extension MediumStatus: ExpressibleByArgument {}

/// `yes` or `no` on the command line.
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no
    var bool: Bool { self == .yes }
}
extension Confidentiality: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: Int(argument) ?? 0) }
}

struct MediaGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "media", abstract: "The media register (登録簿).",
                                                    subcommands: [Register.self, Amend.self, List.self, Show.self, Scan.self, Lost.self, Found.self])

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a medium (officer only); prints the new registration number.")
        @Option(help: "usb, sd, cd-r, dvd-r, bd-r, hdd, ssd, other.") var kind: MediumKind
        @Option(help: "business, disclosable, commercial (one per medium).") var category: DataCategory
        @Option(name: .customLong("class"), help: "機密性: 1, 2 or 3.") var classification: Confidentiality
        @Option(help: "取扱制限, comma-separated: 複製禁止,持出禁止,配布禁止,暗号化必須,読後廃棄 or local ones.") var restrict: String?
        @Option(help: "型式.") var model: String?
        @Option(help: "製造番号.") var serial: String?
        @Option(help: "容量.") var capacity: String?
        @Option(help: "保管場所.") var location: String?
        @Flag(help: "The medium is encrypted.") var encrypted = false
        @Flag(name: .customLong("write-protected"), help: "追記禁止 applied (required for disclosable).") var writeProtected = false
        @Flag(help: "Holds material at 秘 or above (managed under separate secrecy rules).") var secret = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            var n = NewMedium(kind: kind, category: category, classification: classification)
            n.restrictions = (restrict ?? "").split(separator: ",").map(String.init)
            n.model = model; n.serial = serial; n.capacity = capacity; n.location = location
            n.encrypted = encrypted; n.writeProtected = writeProtected; n.secret = secret
            let r = try ctx.record(.register(n))
            out(r.change.registration ?? "")
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Amend a register entry (officer only), with a reason; each change is recorded old → new.")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "Why.") var reason: String
        @Option(help: "保管場所 (one of storage.locations when the officer keeps that list).") var location: String?
        @Option(help: "yes or no.") var encrypted: YesNo?
        @Option(name: .customLong("write-protected"), help: "yes or no.") var writeProtected: YesNo?
        @Option(name: .customLong("class"), help: "機密性: 1, 2 or 3.") var classification: Confidentiality?
        @Option(help: "取扱制限, comma-separated (the whole new set; \"\" for none).") var restrict: String?
        @Option(help: "型式.") var model: String?
        @Option(help: "製造番号.") var serial: String?
        @Option(help: "容量.") var capacity: String?
        @Option(help: "yes or no: holds material at 秘 or above.") var secret: YesNo?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            var a = MediumAmendment()
            a.location = location; a.encrypted = encrypted?.bool; a.writeProtected = writeProtected?.bool
            a.classification = classification; a.restrictions = restrict.map { $0.split(separator: ",").map(String.init) }
            a.model = model; a.serial = serial; a.capacity = capacity; a.secret = secret?.bool
            let r = try ctx.record(.amend(registration: registration, reason: reason, a))
            guard case .mediumAmended(let d) = r.change else { return }
            for c in d.changes {
                out("\(c.field.label(ctx.lang)): \(c.from.isEmpty ? "-" : c.from) → \(c.to.isEmpty ? "-" : c.to)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the register.")
        @Option(help: "Only media in this status.") var status: MediumStatus?
        @Flag(help: "Only media past their expected return.") var overdue = false
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let media = l.allMedia.filter { (status == nil || $0.status == status) && (!overdue || l.isOverdue($0, at: ctx.now)) }
            if read.json { return out(jsonString(media.map { ctx.json($0, in: l) })) }
            let lang = ctx.lang
            var t = TextTable(headers: lang == .ja ? ["登録番号", "種別", "区分", "格付", "保管場所", "状態", "使用者/持出先", "期限"]
                                                  : ["registration", "kind", "category", "class", "location", "status", "holder", "due"])
            for m in media {
                let overdue = l.isOverdue(m, at: ctx.now)
                t.rows.append([m.registration, m.data.kind.label(lang), m.data.category.shortLabel(lang),
                               m.data.classification.label(lang), m.data.location ?? "",
                               m.status.label(lang) + (overdue ? lang.pick("（期限超過）", " (OVERDUE)") : ""),
                               l.holder(of: m) ?? "", l.due(of: m).map(ctx.time) ?? ""])
            }
            out(media.isEmpty ? lang.pick("登録された媒体はありません", "no media") : t.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A medium and its whole history.")
        @Argument(help: "Registration number.") var registration: String
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let m: Medium
            do { m = try l.medium(registration) } catch { throw ctx.fail(error) }
            let history = l.history(of: m.registration)
            if read.json {
                var o = ctx.json(m, in: l)
                o["history"] = history.map { ctx.json($0) }
                return out(jsonString(o))
            }
            let lang = ctx.lang, d = m.data
            var pairs: [(String, String)] = [
                (lang.pick("登録番号", "registration"), d.registration + (d.category == .disclosable ? lang.pick("　「開示」", "  [disclosable]") : "")),
                (lang.pick("種別", "kind"), d.kind.label(lang)),
                (lang.pick("型式", "model"), d.model ?? ""), (lang.pick("製造番号", "serial"), d.serial ?? ""),
                (lang.pick("容量", "capacity"), d.capacity ?? ""),
                (lang.pick("データ区分", "category"), l.life.erased[d.registration].map { lang.pick("なし（消去済 \($0)）", "none (erased, \($0))") } ?? d.category.label(lang)),
                (lang.pick("格付", "class"), d.classification.label(lang) + (d.secret ? lang.pick("（秘以上: 秘密保全の規則により管理）", " (secret: managed under secrecy rules)") : "")),
                (lang.pick("取扱制限", "restrictions"), d.restrictions.map { r in
                    l.unknownRestrictions(of: m).contains(r) ? r.label(lang) + lang.pick("（不明）", " (unknown)") : r.label(lang)
                }.joined(separator: "、")),
                (lang.pick("暗号化", "encrypted"), d.encrypted ? lang.pick("あり", "yes") : lang.pick("なし", "no")),
                (lang.pick("追記禁止", "write-protected"), d.writeProtected ? lang.pick("あり", "yes") : lang.pick("なし", "no")),
                (lang.pick("保管場所", "location"), d.location ?? ""),
                (lang.pick("状態", "status"), m.status.label(lang) + (l.isOverdue(m, at: ctx.now) ? lang.pick("（期限超過）", " (OVERDUE)") : "")),
            ]
            if let h = l.holder(of: m) { pairs.append((lang.pick("使用者/持出先", "holder"), h)) }
            if let due = l.due(of: m) { pairs.append((lang.pick("期限", "due"), ctx.time(due))) }
            pairs.append((lang.pick("ウイルスチェック", "virus check"),
                          (m.lastScan.map { "\(ctx.time($0.at)) \($0.by) \($0.result.label(lang))" } ?? lang.pick("未実施", "never"))
                            + (m.checkDue ? lang.pick("（戻った後のチェックが必要）", " (a check is due since it came back)") : "")))
            if m.disposalDue { pairs.append((lang.pick("読後廃棄", "destroy after reading"), lang.pick("廃棄待ち", "due for disposal"))) }
            pairs.append((lang.pick("登録", "registered"), "\(ctx.time(m.registeredAt)) \(m.registeredBy)"))
            if d.isImported {
                pairs.append((lang.pick("移行元", "imported from"),
                              lang.pick("ファイル SHA-256 \(d.importFile ?? "?") の\(d.importLine.map(String.init) ?? "?")行目",
                                        "line \(d.importLine.map(String.init) ?? "?") of the file with SHA-256 \(d.importFile ?? "?")")))
                if let day = d.registeredOn { pairs.append((lang.pick("登録日（移行元）", "registered on (before)"), day.iso)) }
            }
            out(fieldList(pairs))
            out("")
            out(lang.pick("履歴", "history"))
            var t = TextTable(headers: ["#", lang.pick("日時", "time"), lang.pick("記録者", "by"), lang.pick("内容", "what")])
            for r in history { t.rows.append(["\(r.seq)", ctx.time(r.at), r.actor, r.summary(lang, timeZone: ctx.timeZone)]) }
            out(t.render())
        }
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a virus check (001 第3-3); infected quarantines the medium.")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "clean or infected.") var result: ScanResult
        @Option(help: "The checking product.") var product: String?
        @Option(help: "The date of its definitions: 2026-11-25 or 令和8年11月25日.") var definitions: String?
        @Option(help: "備考.") var note: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.scan(registration: registration, result: result, note: note, product: product,
                                 definitions: try ctx.day(definitions, field: .product)))
            out(ctx.lang.pick("記録しました", "recorded"))
        }
    }

    struct Found: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a lost medium was found (officer); it stays quarantined until a clean check.")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "Where and how it was found.") var note: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.reportFound(registration: registration, note: note))
            out(ctx.lang.pick("発見を記録しました（ウイルスチェックまで使用禁止）", "found: quarantined until a clean check"))
        }
    }

    struct Lost: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report a medium lost (亡失).")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "What happened.") var note: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.reportLost(registration: registration, note: note))
            out(ctx.lang.pick("亡失を記録しました", "loss recorded"))
        }
    }
}

// MARK: - use

struct Use: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Use inside the managed area (使用記録簿).",
                                                    subcommands: [Start.self, End.self, List.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start using a medium.")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "目的.") var purpose: String
        @Option(help: "Where: terminal or system.") var `where`: String?
        @Option(help: "Expected end (ISO 8601).") var until: String?
        @Option(help: "A virus check done now with the use: clean (001 第3-3). Without it the use rests on a clean check on record.")
        var scanned: ScanResult?
        @Option(help: "The checking product, with --scanned.") var product: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let end = try until.map { try ctx.date($0, field: nil) }
            try ctx.record(.startUse(registration: registration, purpose: purpose, place: `where`, until: end, scanned: scanned, product: product))
            out(ctx.lang.pick("使用開始を記録しました", "use started"))
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a use; the medium goes back to storage.")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "備考.") var note: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.endUse(registration: registration, note: note))
            out(ctx.lang.pick("使用終了を記録しました", "use ended"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The use log.")
        @Option(help: "Only this medium.") var medium: String?
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let uses = l.uses.filter { medium == nil || $0.registration == medium }
            if read.json { return out(jsonString(uses.map(ctx.json))) }
            out(useTable(uses, ctx).render())
        }
    }
}

func useTable(_ uses: [UseEntry], _ ctx: Context) -> TextTable {
    let lang = ctx.lang
    var t = TextTable(headers: lang == .ja ? ["登録番号", "使用者", "目的", "場所", "開始", "終了予定", "終了"]
                                          : ["registration", "user", "purpose", "where", "start", "until", "end"])
    for u in uses {
        t.rows.append([u.registration, u.user, u.purpose, u.place ?? "", ctx.time(u.start), u.until.map(ctx.time) ?? "",
                       u.end.map(ctx.time) ?? (u.isOverdue(at: ctx.now) ? lang.pick("期限超過", "OVERDUE") : "")])
    }
    return t
}

// MARK: - takeout

struct Takeout: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Take-outs outside the managed area (持出簿).",
                                                    subcommands: [Request.self, Depart.self, Return.self, Withdraw.self, List.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Request permission to take a medium out; prints the request id.")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "持出先.") var destination: String
        @Option(help: "目的.") var purpose: String
        @Option(help: "Start of the period (default: now).") var from: String?
        @Option(help: "End of the period (ISO 8601).") var until: String
        @Option(help: "運搬方法.") var transport: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let start = try from.map { try ctx.date($0, field: nil, endOfDay: false) }
            let end = try ctx.date(until, field: nil)
            let r = try ctx.record(.requestTakeout(registration: registration, destination: destination, purpose: purpose,
                                                   from: start, until: end, transport: transport))
            out(r.change.requestID ?? "")
        }
    }

    struct Depart: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an approved take-out left.")
        @Argument(help: "Registration number.") var registration: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.depart(registration: registration))
            out(ctx.lang.pick("持出しを記録しました", "departure recorded"))
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the return of a medium taken out.")
        @Argument(help: "Registration number.") var registration: String
        @Option(help: "The check at return.") var note: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.returnTakeout(registration: registration, note: note))
            out(ctx.lang.pick("返却を記録しました", "return recorded"))
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a request not yet gone (requester or officer).")
        @Argument(help: "Request id.") var id: String
        @Option(help: "理由.") var reason: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.withdraw(request: id, reason: reason))
            out(ctx.lang.pick("申請を取り下げました", "request withdrawn"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every take-out request and its course.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            if read.json { return out(jsonString(l.allRequests.map(ctx.json))) }
            out(takeoutTable(l.allRequests, ctx).render())
        }
    }
}

func takeoutTable(_ qs: [TakeoutRequest], _ ctx: Context) -> TextTable {
    let lang = ctx.lang
    var t = TextTable(headers: lang == .ja ? ["申請", "登録番号", "申請者", "持出先", "目的", "期限", "状態", "許可者", "持出", "返却"]
                                          : ["request", "registration", "requester", "destination", "purpose", "until", "state", "approver", "out", "back"])
    for q in qs {
        t.rows.append([q.id, q.registration, q.requester, q.destination, q.purpose, ctx.time(q.until),
                       q.state.label(lang) + (q.isOverdue(at: ctx.now) ? lang.pick("（期限超過）", " (OVERDUE)") : ""),
                       q.decision?.by ?? "", q.departedAt.map(ctx.time) ?? "", q.returnedAt.map(ctx.time) ?? ""])
    }
    return t
}

// MARK: - approvals

struct Approvals: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pending requests the caller may decide, oldest first.",
                                                    subcommands: [List.self], defaultSubcommand: List.self)
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pending requests the caller may decide.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let qs = l.approvals(for: ctx.actor.login)
            // Receipt discrepancies waiting for acknowledgement are decisions too (DOMAIN.md "Approvals").
            let ds = l.discrepancies(for: ctx.actor.login)
            // Disposal requests are decided in the same queue (001 付紙第4 1(5)).
            let dr = l.disposalApprovals(for: ctx.actor.login)
            // 送付リスト with 機密性3 information waiting for permission before dispatch (002 第48条3).
            let ps = l.handoverPermissions(for: ctx.actor.login)
            // Exceptions to a rule (002 第26–27条), and corrections of records.
            let xs = l.exceptionsToDecide(for: ctx.actor.login)
            let cs = l.correctionsToDecide(for: ctx.actor.login)
            // A request of several steps says which it waits for, and who took the earlier ones (Steps.swift).
            func stepped(_ q: some StepDecided, _ o: JSONObject) -> JSONObject {
                var o = o
                let step = l.currentStep(q)
                if step.of > 1 {
                    o["step"] = step.index + 1; o["steps"] = step.of; o["step_roles"] = step.roles.map(\.rawValue)
                    o["decided_steps"] = l.stepsDone(q).map { ["by": $0.by, "at": iso($0.at), "comment": orNull($0.comment)] as JSONObject }
                }
                return o
            }
            if read.json {
                return out(jsonString(qs.map { stepped($0, ctx.json($0)) } + dr.map { stepped($0, ctx.json($0)) }
                    + xs.map { stepped($0, ctx.json($0)) } + cs.map { stepped($0, ctx.json($0)) } + ps.map { h -> JSONObject in
                    stepped(h, ["id": h.id, "kind": RequestKind.handover.rawValue, "subject": h.id, "requester": h.createdBy,
                     "requested_at": iso(h.createdAt), "to": h.counterpart,
                     "items": h.items.map { ["name": $0.name, "quantity": $0.quantity, "class": $0.classification.map { $0.rawValue as Any } ?? NSNull()] as JSONObject }])
                } + ds.map { h -> JSONObject in
                    let at = h.receipt?.recordedAt ?? h.createdAt
                    return ["id": h.id, "kind": RequestKind.discrepancy.rawValue, "subject": h.id, "requester": orNull(h.receipt?.recordedBy),
                            "requested_at": iso(at), "to": h.counterpart,
                            "differences": h.differences.map { ["name": $0.name, "sent": $0.sent, "received": orNull($0.received)] as JSONObject }]
                }))
            }
            if qs.isEmpty && ds.isEmpty && ps.isEmpty && dr.isEmpty && xs.isEmpty && cs.isEmpty { return out(ctx.lang.pick("承認待ちの申請はありません", "nothing waiting for you")) }
            let lang = ctx.lang
            var t = TextTable(headers: lang == .ja ? ["申請", "種類", "対象", "申請者", "申請日時", "経過", "持出先・宛先", "期限"]
                                                  : ["id", "kind", "subject", "requester", "requested", "age", "destination", "until"])
            func kind(_ q: some StepDecided) -> String {
                let step = l.currentStep(q)
                return q.requestKind.label(lang) + (step.of > 1 ? lang.pick("（第\(step.index + 1)/\(step.of)段）", " (step \(step.index + 1)/\(step.of))") : "")
            }
            for q in qs {
                t.rows.append([q.id, kind(q), q.registration, q.requester, ctx.time(q.requestedAt),
                               ctx.age(since: q.requestedAt), q.destination, ctx.time(q.until)])
            }
            for h in ps {
                t.rows.append([h.id, kind(h), h.items.count.description + lang.pick("品目", " items"), h.createdBy,
                               ctx.time(h.createdAt), ctx.age(since: h.createdAt), h.counterpart, ""])
            }
            for d in dr {
                t.rows.append([d.id, kind(d), d.registration, d.requester, ctx.time(d.requestedAt),
                               ctx.age(since: d.requestedAt), "\(d.kind.label(lang)) \(d.method)", ""])
            }
            for c in cs {
                t.rows.append([c.id, kind(c), "#\(c.target)", c.requester, ctx.time(c.requestedAt),
                               ctx.age(since: c.requestedAt), c.set.map { "\($0.field)=\($0.value)" }.joined(separator: " "), ""])
            }
            for e in xs {
                t.rows.append([e.id, kind(e), e.subject, e.requester, ctx.time(e.requestedAt),
                               ctx.age(since: e.requestedAt), e.rule, ctx.time(e.until)])
            }
            for h in ds {
                let at = h.receipt?.recordedAt ?? h.createdAt
                t.rows.append([h.id, RequestKind.discrepancy.label(lang), h.items.count.description + lang.pick("品目", " items"),
                               h.receipt?.recordedBy ?? "", ctx.time(at), ctx.age(since: at), h.counterpart, ""])
            }
            out(t.render())
        }
    }
}

struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Approve a request, confirming the checks of 001 第3-2.")
    @Argument(help: "Request id.") var id: String
    @Option(help: "Checks confirmed, comma-separated: data-minimal,no-copy-instructed,virus-checked,encrypted.") var confirm: String = ""
    @Option(help: "コメント.") var comment: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try Context(global)
        var checks: [TakeoutCheck] = []
        for part in confirm.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let c = TakeoutCheck(rawValue: name) else {
                throw CLIFailure(message: ctx.lang.pick("確認項目「\(name)」はありません（data-minimal, no-copy-instructed, virus-checked, encrypted）",
                                                        "no check '\(name)' (data-minimal, no-copy-instructed, virus-checked, encrypted)"),
                                 code: CLIFailure.usage)
            }
            checks.append(c)
        }
        let j = try ctx.openJournal(snapshot: .ignore)
        try ctx.record(.approve(request: id, confirmed: checks, comment: comment), in: j)
        // A request of several steps (Steps.swift): say which step was taken and who takes the next.
        if let q = j.ledger.awaitingDecision(id), !j.ledger.stepsDone(q).isEmpty {
            let step = j.ledger.currentStep(q)
            let who = step.roles.map { $0.label(ctx.lang) }.joined(separator: ctx.lang.pick("・", ", "))
            return out(ctx.lang.pick("第\(step.index)段を許可しました: \(q.id)（次の第\(step.index + 1)段は\(who)、別の人が決裁します）",
                                     "step \(step.index) approved: \(q.id) (step \(step.index + 1) is for \(who), someone else)"))
        }
        out(ctx.lang.pick("許可しました: \(id)", "approved \(id)"))
    }
}

struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reject a request; a reason is required.")
    @Argument(help: "Request id.") var id: String
    @Option(help: "理由.") var reason: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try Context(global)
        try ctx.record(.reject(request: id, reason: reason))
        out(ctx.lang.pick("却下しました: \(id)", "rejected \(id)"))
    }
}

// MARK: - correct, verify, log (export and import: ExportCommand.swift, ImportCommand.swift)

struct Correct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct a record (nothing is edited).",
        discussion: """
        With --set FIELD=VALUE (repeatable): a request, decided with approve/reject by someone else; \
        once approved the ledger is read as if the record had said so (JOURNAL_FORMAT.md "Corrections"). \
        Prints only the request id. Without --set: a note on the record (--note), recorded at once.
        """)
    @Argument(help: "The sequence number of the record corrected.") var seq: Int
    @Option(help: "Why.") var reason: String
    @Option(help: "What is correct (a note; with no --set).") var note: String?
    @Option(name: .customLong("set"), help: "FIELD=VALUE the record should have said (repeatable).") var sets: [String] = []
    @OptionGroup var global: GlobalOptions
    func run() throws {
        let ctx = try Context(global)
        if sets.isEmpty {
            guard let note else {
                throw CLIFailure(message: ctx.lang.pick("--set FIELD=VALUE（状態を訂正する申請）か --note（注記）を指定してください",
                                                        "give --set FIELD=VALUE (a correction request) or --note (a note)"), code: CLIFailure.usage)
            }
            let r = try ctx.record(.correct(target: seq, reason: reason, note: note))
            return out(ctx.lang.pick("訂正を記録しました: #\(r.seq)", "correction recorded: #\(r.seq)"))
        }
        var set: [FieldValue] = []
        for s in sets {
            guard let eq = s.firstIndex(of: "="), eq != s.startIndex else {
                throw CLIFailure(message: ctx.lang.pick("--set は FIELD=VALUE の形で指定します: \(s)", "--set takes FIELD=VALUE: \(s)"), code: CLIFailure.usage)
            }
            set.append(FieldValue(field: String(s[..<eq]), value: String(s[s.index(after: eq)...])))
        }
        let r = try ctx.record(.requestCorrection(target: seq, reason: reason, set: set))
        if case .correctionRequested(let d) = r.change { out(d.request) }
    }
}

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The ledger's settings (who decides each kind of request).",
                                                    subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the settings.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            if read.json {
                return out(jsonString(Dictionary(uniqueKeysWithValues: l.settings.map { ($0.key, $0.value as Any) })))
            }
            out(fieldList(l.settings.map { ($0.key, $0.value) }))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a setting (officer only), e.g. approvers.takeout officer,supervisor.")
        @Argument(help: "The setting: approvers.takeout, approvers.discrepancy (roles) or handover.due_days (1-365).") var key: String
        @Argument(help: "Its value: roles, comma-separated.") var value: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.configure(key: key, value: value))
            out(ctx.lang.pick("設定しました: \(key)", "set \(key)"))
        }
    }
}

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The journal as readable records.")
    @OptionGroup var read: ReadOptions
    @OptionGroup var global: GlobalOptions
    func run() throws {
        let ctx = try Context(global)
        let l = try ctx.openForReading().ledger
        // Read back from the journal file (the ledger keeps only where each record is).
        guard let records = l.records.records(0..<l.records.count) else {
            throw CLIFailure(message: ctx.lang.pick("台帳ファイルを読み直せません（別のプロセスが変更しましたか）",
                                                    "the journal file cannot be read back (changed by another process?)"), code: CLIFailure.ioFailed)
        }
        if read.json {
            // A roster line is personal data (000 別記様式第2の2): who may not read the roster sees only its number.
            let mayReadRoster = l.canReadRoster(ctx.actor.login)
            return out(jsonString(records.map { r -> JSONObject in
                var o = ctx.json(r)
                if !mayReadRoster, case .life(.rosterAdded(let d)) = r.change {
                    o["data"] = ["contract": d.contract, "number": d.number, "withheld": "personal data"] as JSONObject
                }
                return o
            }))
        }
        var t = TextTable(headers: ["#", ctx.lang.pick("日時", "time"), ctx.lang.pick("記録者", "by"), ctx.lang.pick("内容", "what")])
        for r in records {
            let who = r.via.map { "\(r.actor)(\($0))" } ?? r.actor
            t.rows.append(["\(r.seq)", ctx.time(r.at), who, r.summary(ctx.lang, timeZone: ctx.timeZone)])
        }
        out(t.render())
    }
}
