// The printed forms of the lifecycle (issue 12), in the style of the other
// forms: 80 columns on every line (wide characters count two), ASCII rules,
// 令和 dates, and the journal's head at printing (Page.stamp).
//
//   certificate: 消去・廃棄証明書                     001 付紙第4 1(5), 002 第50条
//   inventory:   点検結果報告（差異報告）             001 第6
//   pledge:      誓約書                               001 付紙第5
//   roster:      取扱者名簿 「個人情報」「注意」      000 別記様式第2の2
//   keys:        かぎ管理簿                           001 第2-2
//   incident:    亡失事案報告                         001 付紙第4 3(5), 付紙第8

import CellKit
import DaichoCore
import Foundation

extension Paper {
    static let pairColumns = [("項　目", 24), ("内　容", 49)]

    /// `2026-11-25 10:00` (a stamp's time of printing) as 令和8年11月25日 10:00; anything else as it is.
    public static func reiwaTime(_ s: String) -> String {
        let parts = s.split(separator: " ", maxSplits: 1)
        guard let first = parts.first, let d = Day(String(first)) else { return s }
        return d.reiwa + (parts.count > 1 ? " " + parts[1] : "")
    }

    /// A time on paper: 令和8年11月25日 09:00 (ISO in English, as the screens and `show` print it).
    static func eraMinute(_ date: Date, _ zone: TimeZone, _ lang: Lang = .ja) -> String {
        let text = date.minuteText(in: zone)
        guard lang == .ja, let time = text.split(separator: " ").last else { return text }
        return Day(date, in: zone).reiwa + " " + time
    }

    static func person(_ login: String?, _ l: Ledger) -> String {
        guard let login else { return blankName }
        return l.people[login]?.formalName ?? login
    }

    // MARK: 消去・廃棄証明書

    /// The certificate of a disposal carried out: the medium's register fields, method, date,
    /// operator, witness, approver (001 付紙第4 1(5), 002 第50条).
    public static func certificate(_ d: Disposal, ledger l: Ledger, stamp: Stamp) throws(DomainError) -> [String] {
        guard d.state == .done, let cert = d.certificate, let m = d.medium ?? l.media[d.registration]?.data else {
            throw .life(.disposalState(d.id, d.state))
        }
        var p = Page()
        p.center("消 去 ・ 廃 棄 証 明 書")
        p.blank()
        p.right("証明書番号　\(cert)")
        p.right(era(d.date))
        p.blank()
        p.field("部隊等名称", l.unit)
        p.blank()
        let what = d.kind == .erase ? "情報を確実に消去し、再利用のため保管した" : "情報が復元できないよう破棄した"
        p.wrapped("下記の可搬記憶媒体について、\(what)ことを証明する。")
        p.center("記")
        p.table(pairColumns, [
            ["登録番号", m.registration],
            ["種別・型式", [m.kind.label(.ja), m.model].compactMap { $0 }.joined(separator: "　")],
            ["製造番号", m.serial ?? ""],
            ["容量", m.capacity ?? ""],
            ["データ区分", m.category.label(.ja)],
            ["格付", m.classification.label(.ja) + (m.secret ? "（秘以上）" : "")],
            ["取扱制限", m.restrictions.map(\.rawValue).joined(separator: "、")],
            ["保管場所", m.location ?? ""],
            ["処置", d.kind == .erase ? "消去して再利用（消去済、保管へ）" : "破棄（廃棄済）"],
            ["方法", d.method],
            ["理由", d.reason],
            ["実施年月日", era(d.date)],
            ["実施者", person(d.operatorLogin, l)],
            ["立会者", person(d.witness, l)],
            ["申請者", person(d.requester, l)],
            ["承認者", person(d.decidedBy, l)],
            ["申請番号", d.id],
        ])
        p.blank()
        p.sign("実施者　署名", "")
        p.sign("立会者　署名", "")
        p.stamp(cert, stamp)
        return p.lines
    }

    // MARK: 点検結果報告

    /// The difference report of an inventory (001 第6), as printed.
    public static func inventory(_ inv: Inventory, ledger l: Ledger, stamp: Stamp, timeZone: TimeZone) -> [String] {
        var p = Page()
        p.center("点 検 結 果 報 告（差異報告）")
        p.blank()
        for line in inventoryBody(inv, ledger: l, lang: .ja, timeZone: timeZone) { p.add(line) }
        p.stamp(inv.id, stamp)
        return p.lines
    }

    /// What `inventory show` prints and the report holds: counts, then every difference.
    public static func inventoryBody(_ inv: Inventory, ledger l: Ledger, lang: Lang, timeZone: TimeZone) -> [String] {
        var p = Page()
        let t = lang.pick
        p.field(t("点検番号", "inventory"), "\(inv.id)　\(inv.status.label(lang))")
        p.field(t("基準日", "as of"), lang == .ja ? era(inv.asOf) : inv.asOf.iso)
        p.field(t("場所", "locations"), inv.locations.isEmpty ? t("全保管場所", "every location") : inv.locations.joined(separator: "、"))
        p.field(t("開始", "started"), "\(eraMinute(inv.startedAt, timeZone, lang))　\(person(inv.startedBy, l))")
        if let c = inv.closedAt { p.field(t("完結", "closed"), "\(eraMinute(c, timeZone, lang))　\(person(inv.closedBy, l))") }
        let elsewhere = inv.unexpected.filter { l.media[$0].map { $0.status == .stored || $0.status == .quarantined } ?? false }
        p.wrapped(t("件数　予定 \(inv.expected.count)　確認 \(inv.sighted.count)　所在不明 \(inv.missing.count)　予定外 \(inv.unexpected.count)（うち場所違い \(elsewhere.count)）　記録により所在確認 \(inv.accounted.count)",
                    "counts: expected \(inv.expected.count), sighted \(inv.sighted.count), missing \(inv.missing.count), unexpected \(inv.unexpected.count) (wrong location \(elsewhere.count)), accounted for by a record \(inv.accounted.count)"))
        p.blank()
        p.left(t("所在不明", "missing") + (inv.status == .open ? t("（未確認）", " (not yet sighted)") : ""))
        p.table([(t("登録番号", "registration"), 22), (t("種別", "kind"), 14), (t("保管場所", "location"), 20), (t("亡失事案", "incident"), 12)],
                inv.missing.enumerated().map { i, reg in
                    [reg, l.media[reg]?.data.kind.label(lang) ?? "", inv.expectedLocation[reg] ?? "",
                     i < inv.incidents.count ? inv.incidents[i] : ""]
                })
        p.left(t("予定外（場所違いを含む）", "unexpected (wrong location included)"))
        p.table([(t("登録番号", "registration"), 22), (t("状態", "status"), 14), (t("登録上の保管場所", "registered location"), 35)],
                inv.unexpected.map { reg in
                    let m = l.media[reg]
                    let wrong = elsewhere.contains(reg) ? t("（場所違い）", " (wrong location)") : ""
                    return [reg, (m?.status.label(lang) ?? "") + wrong, m?.data.location ?? ""]
                })
        p.left(t("記録により所在確認（使用中・持出中・送達中）", "accounted for by a record (in use, taken out, in transit)"))
        p.table([(t("登録番号", "registration"), 22), (t("状態", "status"), 14), (t("記録", "record"), 35)],
                inv.accounted.map { [$0.registration, $0.status.label(lang), $0.record] })
        p.left(t("確認済み", "sighted"))
        p.wrapped(inv.sighted.isEmpty ? t("（なし）", "(none)") : inv.sighted.joined(separator: "、"))
        return p.lines
    }

    // MARK: 誓約書

    /// 誓約書 in the seed's words and layout (001 付紙第5), ready to be signed.
    public static func pledge(_ person: Person, ledger l: Ledger, stamp: Stamp) -> [String] {
        var p = Page()
        p.blank()
        p.left("\(l.life.settings.pledgeAddressee)　殿")
        p.blank()
        p.center("誓　約　書")
        p.blank()
        p.wrapped("　私は、現在、私有機器により、業務用データを取り扱っていません。")
        p.wrapped("　また、防衛省職員としての職務を自覚し、その役割を果たすとともに、情報保証に関する規則を遵守し、情報流出防止のための措置をとることに努め、決して業務用データの流出を起こさないことを誓います。")
        p.blank()
        p.left("　\(era(l.life.pledges[person.login]?.date))")
        p.blank()
        p.sign("（所　属）", person.section ?? l.unit)
        p.blank()
        p.sign("（官職名）", [person.title, person.rank].compactMap { $0 }.joined(separator: "　"))
        p.blank()
        p.sign("（氏　名）", "\(person.name)　　　　　　　　")
        p.stamp(person.login, stamp)
        return p.lines
    }

    // MARK: 取扱者名簿

    /// What a filled-in roster is marked with (000 別記様式第2の2), on every page.
    public static let rosterMarking = "「個人情報」「注意」"

    static let rosterColumns = [("番号", 4), ("氏名（フリガナ）", 10), ("生年月日", 8), ("住所", 8), ("国籍", 4),
                                ("所属・役職", 6), ("業務内容", 4), ("確認結果", 4), ("備考", 4)]

    /// A contract's 取扱者名簿 in the layout of 000 別記様式第2の2, marked 「個人情報」「注意」.
    public static func roster(_ contract: String, _ entries: [RosterEntry], ledger l: Ledger, stamp: Stamp) -> [String] {
        var p = Page()
        p.right(rosterMarking)
        p.blank()
        p.center("取　扱　者　名　簿")
        p.blank()
        p.field("調達要求番号・契約番号", contract)
        p.table(rosterColumns, entries.map { e in
            let d = e.data
            return ["\(d.number)", "\(d.name)（\(d.kana)）", Wareki.text(d.born), d.address, d.nationality, d.post, d.duty.rawValue,
                    d.result ?? "", d.note ?? ""]
        })
        p.wrapped("注1　氏名欄は、戸籍上の氏名を記載すること。")
        p.wrapped("注2　生年月日欄は和暦標記を基本とする。")
        p.wrapped("注3　業務内容は、a：役員、b：営業、c：情報システム関係者、d：エンジニア（情報システム関係者を除く。）、e：その他、の記号で記載する。")
        p.wrapped("注4　備考欄には、現在履行中の他の契約での取扱者として承認されている場合は、その旨及び当該調達要求番号を記載する。")
        p.wrapped("注5　本名簿に記載された個人情報は、取扱者としての確認手続にのみ使用し、目的外の利用を禁止する。")
        p.blank()
        p.right(rosterMarking)
        p.stamp(contract, stamp)
        return p.lines
    }

    // MARK: かぎ管理簿

    public static func keys(_ l: Ledger, stamp: Stamp, now: Date, timeZone: TimeZone) -> [String] {
        var p = Page()
        p.center("か ぎ 管 理 簿")
        p.blank()
        p.field("部隊等名称", l.unit)
        p.field("現在", eraMinute(now, timeZone))
        p.table([("かぎ番号", 8), ("用途", 14), ("保管場所", 10), ("保持者", 10), ("返却期限", 22)], l.life.allKeys.map { k in
            [k.key, k.opens, k.location ?? "", k.loan.map { l.people[$0.to]?.name ?? $0.to } ?? "（保管中）",
             (k.loan.map { eraMinute($0.until, timeZone) } ?? "") + (k.isOverdue(at: now) ? "　期限超過" : "")]
        })
        p.stamp("かぎ管理簿", stamp)
        return p.lines
    }

    // MARK: 亡失事案報告

    public static func incident(_ i: Incident, ledger l: Ledger, stamp: Stamp, timeZone: TimeZone) -> [String] {
        var p = Page()
        p.center("亡 失 事 案 報 告")
        p.blank()
        for line in incidentBody(i, ledger: l, lang: .ja, timeZone: timeZone) { p.add(line) }
        p.stamp(i.id, stamp)
        return p.lines
    }

    public static func incidentBody(_ i: Incident, ledger l: Ledger, lang: Lang, timeZone: TimeZone) -> [String] {
        var p = Page()
        let t = lang.pick
        let m = l.media[i.registration]?.data
        p.field(t("事案番号", "incident"), "\(i.id)　\(i.status.label(lang))")
        p.field(t("登録番号", "registration"), i.registration + (m.map { "　\($0.kind.label(lang))" + ($0.model.map { " \($0)" } ?? "") } ?? ""))
        p.field(t("格付・取扱制限", "class, restrictions"),
                ([i.classification.label(lang)] + (i.secret ? [t("秘以上", "secret")] : []) + i.restrictions.map { $0.label(lang) }).joined(separator: "、"))
        p.field(t("認知", "noticed"), "\(eraMinute(i.openedAt, timeZone, lang))　\(person(i.openedBy, l))")
        p.field(t("状況", "what happened"), i.note + (i.inventory.map { t("（点検 \($0)）", " (inventory \($0))") } ?? ""))
        p.blank()
        p.table([(t("手順", "step"), 26), (t("日時", "when"), 22), (t("記録者", "by"), 10), (t("備考", "note"), 9)],
                l.life.settings.steps.map { s in
                    let e = i.steps.first { $0.step == s }
                    return [incidentStepLabel(s, lang), e.map { eraMinute($0.at, timeZone, lang) } ?? t("（未）", "(due)"),
                            e.map { l.people[$0.by]?.name ?? $0.by } ?? "", e?.note ?? ""]
                } + i.steps.filter { !l.life.settings.steps.contains($0.step) }.map { e in
                    [incidentStepLabel(e.step, lang), eraMinute(e.at, timeZone, lang), l.people[e.by]?.name ?? e.by, e.note ?? ""]
                })
        if let f = i.foundAt {
            p.field(t("発見", "found"), "\(eraMinute(f, timeZone, lang))　\(person(i.foundBy, l))　\(i.foundNote ?? "")")
            p.wrapped(t("　発見した媒体はウイルスチェック（異常なし）まで使用禁止。", "  The medium found is quarantined until a clean virus check."))
        }
        if let c = i.conclusion { p.field(t("結論", "conclusion"), "\(c)（\(i.closedAt.map { eraMinute($0, timeZone, lang) } ?? "")　\(person(i.closedBy, l))）") }
        return p.lines
    }
}
