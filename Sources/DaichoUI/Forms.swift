// The forms of each workflow, built on FormScreen. Each maps its values to a
// Command; the ledger itself says whether the command would be accepted.

import CellKit
import DaichoCore
import Foundation

enum Forms {
    static func kindOptions(_ l: Lang) -> [(value: String, label: String)] { MediumKind.allCases.map { ($0.rawValue, $0.label(l)) } }

    static func register(_ w: World) -> FormScreen {
        let l = w.lang
        return FormScreen(
            heading: w.t("媒体の登録（可搬記憶媒体登録簿）", "Register a medium"),
            fields: [
                FormField("kind", w.t("種別", "kind"), .choice(kindOptions(l)), required: true),
                FormField("category", w.t("データ区分", "category"), .choice(DataCategory.allCases.map { ($0.rawValue, $0.label(l)) }), required: true),
                FormField("class", w.t("格付", "class"), .choice(Confidentiality.allCases.map { (String($0.rawValue), $0.label(l)) }), required: true),
                FormField("restrict", w.t("取扱制限（,区切り）", "restrictions (comma)")),
                FormField("model", w.t("型式", "model")),
                FormField("serial", w.t("製造番号", "serial")),
                FormField("capacity", w.t("容量", "capacity")),
                FormField("location", w.t("保管場所", "location")),
                FormField("encrypted", w.t("暗号化", "encrypted"), .toggle),
                FormField("wp", w.t("追記禁止措置", "write-protected"), .toggle),
                FormField("secret", w.t("秘以上", "secret or above"), .toggle),
            ],
            success: w.t("登録しました", "registered")
        ) { v, _ in
            var n = NewMedium(kind: MediumKind(rawValue: v["kind"])!, category: DataCategory(rawValue: v["category"])!,
                              classification: Confidentiality(rawValue: Int(v["class"])!)!)
            n.restrictions = v["restrict"].split(whereSeparator: { $0 == "," || $0 == "、" }).map(String.init)
            n.model = v.optional("model"); n.serial = v.optional("serial"); n.capacity = v.optional("capacity")
            n.location = v.optional("location"); n.encrypted = v.flag("encrypted"); n.writeProtected = v.flag("wp")
            n.secret = v.flag("secret")
            return .success(.record(.register(n)))
        }
    }

    /// `checkNeeded`: no clean check on record since the medium last came back, so one is recorded with the use (001 第3-3).
    static func startUse(_ reg: String, _ w: World, checkNeeded: Bool = false) -> FormScreen {
        var fields = [
            FormField("purpose", w.t("目的", "purpose"), required: true, maxLength: Field.purpose.maxLength),
            FormField("where", w.t("使用場所（端末等）", "where (terminal)"), maxLength: Field.place.maxLength),
            FormField("until", w.t("終了予定", "expected end"), .date),
        ]
        if checkNeeded {
            fields += [FormField("scanned", w.t("ウイルスチェックを今実施し異常なし", "checked now: clean"), .toggle),
                       FormField("product", w.t("チェックソフト", "checking product"), maxLength: Field.product.maxLength)]
        }
        return FormScreen(
            heading: w.t("使用開始: \(reg)（使用記録簿）", "Start a use: \(reg)"),
            fields: fields,
            success: w.t("使用開始を記録しました", "use started")
        ) { v, w in
            dateValue(v.optional("until"), w, label: w.t("終了予定", "expected end")).map { until in
                .record(.startUse(registration: reg, purpose: v["purpose"], place: v.optional("where"), until: until,
                                  scanned: checkNeeded && v.flag("scanned") ? .clean : nil, product: checkNeeded ? v.optional("product") : nil))
            }
        }
    }

    static func endUse(_ reg: String, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("使用終了: \(reg)", "End the use: \(reg)"),
                   fields: [FormField("note", w.t("備考", "note"))],
                   success: w.t("使用終了を記録しました", "use ended")) { v, _ in
            .success(.record(.endUse(registration: reg, note: v.optional("note"))))
        }
    }

    static func takeout(_ reg: String, _ w: World) -> FormScreen {
        FormScreen(
            heading: w.t("持出申請: \(reg)（持出簿）", "Request a take-out: \(reg)"),
            fields: [
                FormField("destination", w.t("持出先", "destination"), required: true, maxLength: Field.destination.maxLength),
                FormField("purpose", w.t("目的", "purpose"), required: true, maxLength: Field.purpose.maxLength),
                FormField("until", w.t("期限（返却予定）", "until (return by)"), .date, required: true),
                FormField("transport", w.t("運搬方法", "transport")),
            ],
            success: w.t("持出しを申請しました", "take-out requested")
        ) { v, w in
            guard let raw = v.optional("until") else { return .failure(EffectFailure(w.t("期限を入力してください", "until is required"))) }
            return dateValue(raw, w, label: w.t("期限", "until")).map { until in
                .record(.requestTakeout(registration: reg, destination: v["destination"], purpose: v["purpose"], from: nil,
                                        until: until!, transport: v.optional("transport")))
            }
        }
    }

    static func scan(_ reg: String, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("ウイルスチェックの記録: \(reg)", "Virus check: \(reg)"),
                   fields: [FormField("result", w.t("結果", "result"), .choice(ScanResult.allCases.map { ($0.rawValue, $0.label(w.lang)) }), required: true),
                            FormField("product", w.t("チェックソフト", "checking product"), maxLength: Field.product.maxLength),
                            FormField("definitions", w.t("定義ファイルの日付", "definitions date"), .day),
                            FormField("note", w.t("備考", "note"))],
                   success: w.t("ウイルスチェックを記録しました", "check recorded")) { v, w in
            dayValue(v.optional("definitions"), w, label: w.t("定義ファイルの日付", "definitions date")).map { day in
                .record(.scan(registration: reg, result: ScanResult(rawValue: v["result"])!, note: v.optional("note"),
                              product: v.optional("product"), definitions: day))
            }
        }
    }

    static func lost(_ reg: String, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("亡失報告: \(reg)", "Report lost: \(reg)"),
                   fields: [FormField("note", w.t("状況", "what happened"), required: true)],
                   success: w.t("亡失を記録しました", "loss recorded")) { v, _ in
            .success(.record(.reportLost(registration: reg, note: v["note"])))
        }
    }

    static func found(_ reg: String, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("発見の記録: \(reg)（検査まで使用禁止）", "Found: \(reg) (quarantined until checked)"),
                   fields: [FormField("note", w.t("発見の状況", "where and how"), required: true)],
                   success: w.t("発見を記録しました", "found recorded")) { v, _ in
            .success(.record(.reportFound(registration: reg, note: v["note"])))
        }
    }

    static func depart(_ reg: String, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("持出し（出発）の記録: \(reg)", "Record departure: \(reg)"), fields: [],
                   success: w.t("持出しを記録しました", "departure recorded")) { _, _ in
            .success(.record(.depart(registration: reg)))
        }
    }

    static func returnMedium(_ reg: String, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("返却の記録: \(reg)", "Record return: \(reg)"),
                   fields: [FormField("note", w.t("返却時の確認", "check at return"))],
                   success: w.t("返却を記録しました", "return recorded")) { v, _ in
            .success(.record(.returnTakeout(registration: reg, note: v.optional("note"))))
        }
    }

    /// 許可 after the four checks (001 第3-2): confirmed like every write, with an optional comment.
    static func approve(_ id: String, _ checks: [TakeoutCheck], _ w: World) -> FormScreen {
        // A step of several (Steps.swift) says so, and who takes the next.
        let pending = w.ledger.awaitingDecision(id)
        let next = pending.flatMap { q -> String? in
            let l = w.ledger, done = l.stepsDone(q).count, steps = l.steps(for: q)
            guard done + 1 < steps.count else { return nil }
            let who = steps[done + 1].map { $0.label(w.lang) }.joined(separator: w.t("・", ", "))
            return w.t("第\(done + 1)段を許可しました: \(id)（次の第\(done + 2)段は\(who)、別の人が決裁します）",
                       "step \(done + 1) approved: \(id) (step \(done + 2) is for \(who), someone else)")
        }
        var form = FormScreen(heading: w.t("許可: \(id)", "Approve \(id)"),
                              fields: [FormField("comment", w.t("コメント（任意）", "comment (optional)"), maxLength: Field.comment.maxLength)],
                              success: next ?? w.t("許可しました: \(id)", "approved \(id)"), pops: 2) { v, _ in
            .success(.record(.approve(request: id, confirmed: checks, comment: v.optional("comment"))))
        }
        form.preview = { _, w in
            if let e = w.ledger.exceptions[id] {
                return w.t("\(e.subject) の「\(e.rule)」を \(w.time(e.until)) まで停止することを承認します（例外措置）",
                           "grant the exception: '\(e.rule)' suspended for \(e.subject) until \(w.time(e.until))")
            }
            if let d = w.ledger.life.disposals[id] {
                return w.t("\(d.registration) の\(d.kind.label(w.lang))（\(d.method)）を承認します", "approve the \(d.kind.label(w.lang)) of \(d.registration) (\(d.method))")
            }
            if let c = w.ledger.correctionRequests[id] {
                return w.t("記録 #\(c.target) を訂正します: ", "correct record #\(c.target): ") + c.set.map { "\($0.field)=\($0.value)" }.joined(separator: " ")
            }
            if let h = w.ledger.handovers[id] {
                return w.t("\(id) を \(h.counterpart) へ送付することを許可します（機密性3の提供、002 第48条3）",
                           "permit \(id) to be sent to \(h.counterpart) (C3 information, 002 第48条3)")
            }
            guard let q = w.ledger.requests[id] else { return nil }
            return w.t("\(q.registration) を \(q.destination) へ持ち出すことを許可します（確認1〜4 済み）",
                       "permit \(q.registration) to be taken to \(q.destination) (checks 1-4 done)")
        }
        return form
    }

    static func reject(_ id: String, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("却下: \(id)", "Reject \(id)"),
                   fields: [FormField("reason", w.t("理由", "reason"), required: true, maxLength: Field.reason.maxLength)],
                   success: w.t("却下しました", "rejected"), pops: 2) { v, _ in
            .success(.record(.reject(request: id, reason: v["reason"])))
        }
    }

    static func roleFields(_ w: World, _ current: [Role]) -> [FormField] {
        Role.allCases.map { r in
            var f = FormField("role." + r.rawValue, r.label(w.lang), .toggle)
            f.on = current.contains(r)
            return f
        }
    }
    static func roles(_ v: FormValues) -> [Role] { Role.allCases.filter { v.flag("role." + $0.rawValue) } }

    static func enrol(_ w: World) -> FormScreen {
        FormScreen(
            heading: w.t("要員の登録", "Enrol a person"),
            fields: [FormField("login", w.t("ログイン名", "login"), required: true, maxLength: 32),
                     FormField("name", w.t("氏名", "name"), required: true)]
                + roleFields(w, [.clerk])
                + [FormField("section", w.t("所属", "section")), FormField("title", w.t("官職", "title")), FormField("rank", w.t("階級", "rank"))],
            success: w.t("要員を登録しました", "enrolled")
        ) { v, w in
            let r = roles(v)
            if r.isEmpty { return .failure(EffectFailure(w.t("役割を一つ以上選んでください", "choose at least one role"))) }
            return .success(.record(.enroll(login: v["login"], name: v["name"], roles: r, title: v.optional("title"),
                                            rank: v.optional("rank"), section: v.optional("section"))))
        }
    }

    static func setRoles(_ p: Person, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("役割の変更: \(p.name)（\(p.login)）", "Roles of \(p.name) (\(p.login))"),
                   fields: roleFields(w, p.roles), success: w.t("役割を変更しました", "roles changed")) { v, w in
            let r = roles(v)
            if r.isEmpty { return .failure(EffectFailure(w.t("役割を一つ以上選んでください", "choose at least one role"))) }
            return .success(.record(.setRoles(login: p.login, roles: r)))
        }
    }
}

/// First run on an empty data directory: create the ledger.
public struct SetupScreen: ScreenModel {
    var form: FormScreen
    public var scope: Scope { .setup }

    public init(world w: World) {
        form = FormScreen(
            heading: w.t("台帳の作成（初回設定）", "Create the ledger (first run)"),
            fields: [FormField("unit", w.t("部隊等名称", "unit"), required: true),
                     FormField("officer", w.t("責任者のログイン名", "officer's login"), required: true, text: w.actor.login, maxLength: 32),
                     FormField("name", w.t("責任者の氏名", "officer's name"), required: true),
                     FormField("title", w.t("官職", "title")), FormField("rank", w.t("階級", "rank")),
                     FormField("section", w.t("所属", "section")),
                     // The registration-number scheme ({kind}, {year}, {n:W}), checked as `init --scheme` checks it.
                     FormField("scheme", w.t("登録番号の様式", "registration scheme"), required: true, text: Ledger.defaultScheme)],
            success: w.t("台帳を作成しました", "ledger created"), pops: 0
        ) { v, w in
            do {
                _ = try SetupScreen.header(v)
            } catch let e as DomainError { return .failure(EffectFailure(e.message(w.lang))) } catch { return .failure(EffectFailure("\(error)")) }
            return .success(.initialize(unit: v["unit"], officer: v["officer"], name: v["name"], title: v.optional("title"), rank: v.optional("rank"),
                                        section: v.optional("section"), scheme: v.optional("scheme")))
        }
        // The first numbers the scheme gives, as the ledger would give them (Ledger.nextRegistration).
        form.preview = { v, w in
            guard let examples = SetupScreen.nextNumbers(v, w) else {
                return w.t("登録番号の様式: {kind} 種別、{year} 年、{n:4} 連番（4桁）", "scheme: {kind} kind, {year} year, {n:4} number (4 digits)")
            }
            return w.t("最初の登録番号: ", "first numbers: ") + examples.joined(separator: ", ")
        }
    }

    static func header(_ v: FormValues) throws -> Change {
        try Ledger.initialize(unit: v["unit"], officer: v["officer"], name: v["name"], title: v.optional("title"), rank: v.optional("rank"),
                              section: v.optional("section"), scheme: v.optional("scheme"))
    }

    /// The next number for a USB memory and a CD-R under the typed scheme, nil while it is not acceptable.
    static func nextNumbers(_ v: FormValues, _ w: World) -> [String]? {
        // Unit and officer may still be empty: the preview is about the scheme alone.
        guard let scheme = v.optional("scheme"),
              case .header(let h)? = try? Ledger.initialize(unit: "x", officer: "x", name: "x", title: nil, rank: nil, scheme: scheme)
        else { return nil }
        var l = Ledger()
        guard (try? l.apply(Record(seq: 0, at: w.now, actor: "x", prev: Record.genesisHash, change: .header(h)))) != nil else { return nil }
        return [MediumKind.usb, .cdR].map { l.nextRegistration(kind: $0, now: w.now, timeZone: w.timeZone) }
    }
    public func title(_ w: World) -> String { form.heading }
    public func hints(_ w: World) -> [UIAction] { [.nextField, .submit] }
    public var capturesText: Bool { form.capturesText }
    public var hasUnsavedInput: Bool { form.hasUnsavedInput }
    public mutating func handle(_ key: Key, action: UIAction?, world: World) -> [Outcome] {
        // Esc leaves the program (there is nothing behind the setup), asking first when something was typed.
        if action == .back && !form.confirming && !form.confirmingDiscard && !form.hasUnsavedInput { return [.perform(.quit, success: "", pop: 0)] }
        if form.confirmingDiscard, Answer(key) == .yes { return [.perform(.quit, success: "", pop: 0)] }
        return form.handle(key, action: action, world: world)
    }
    public func render(into g: inout Grid, area: Rect, world w: World) {
        g.put(w.t("まだ台帳がありません。部隊等と責任者を入力してください。",
                  "No ledger in this data directory yet: name the unit and its officer."), row: area.row, col: area.col, width: area.width, style: .role(.accent))
        form.render(into: &g, area: area.inset(top: 1), world: w)
    }
}
