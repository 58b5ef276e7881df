// What the lifecycle adds to the home screen's 要対応 list, for the person
// logged in: people without a pledge (001 第4), overdue keys (第2-2), the
// inventory and self-inspection due (第6), disposals to decide and 読後廃棄
// media due (付紙第4 1(5)), open loss incidents with their age and next step
// (付紙第4 3(5), 付紙第8), and lost media.

import Foundation

/// One line of the attention list and what it is about.
public struct LifeAttention: Equatable, Sendable {
    public enum Kind: String, Sendable { case decide, overdue, due, info, error }
    public var id: String
    public var text: String
    public var kind: Kind
    /// The medium it concerns, if one (Enter opens it).
    public var registration: String?
    /// The open inventory it concerns, if one (Enter opens its counting screen).
    public var inventory: String? = nil
    /// The loss incident it concerns, if one (Enter opens its page).
    public var incident: String? = nil
    /// The request it asks this person to decide, if one (Enter opens its decision).
    public var request: String? = nil
}

extension Ledger {
    /// Quarantined because it was found after a loss, and not checked since (rather than infected).
    public func foundAfterLoss(_ m: Medium) -> Bool {
        guard m.status == .quarantined else { return false }
        // Found puts it in quarantine and marks it back (Ledger: mediumFound); a check since then decides.
        guard let back = m.backAt, m.lastScan.map({ $0.seq < back }) ?? true else { return false }
        return life.incidents.values.contains { $0.registration == m.registration && $0.foundAt != nil }
    }

    public func lifeAttention(for login: String, now: Date, timeZone: TimeZone, lang: Lang) -> [LifeAttention] {
        guard let p = people[login] else { return [] }
        let officer = p.has(.officer), supervisor = p.has(.supervisor)
        let today = Day(now, in: timeZone)
        func age(_ d: Date) -> String {
            let s = max(0, Int(now.timeIntervalSince(d)))
            if s >= 86400 { return lang.pick("\(s / 86400)日", "\(s / 86400)d") }
            if s >= 3600 { return lang.pick("\(s / 3600)時間", "\(s / 3600)h") }
            return lang.pick("\(s / 60)分", "\(s / 60)m")
        }
        var out: [LifeAttention] = []
        for d in disposalApprovals(for: login) {
            out.append(LifeAttention(id: "dr:" + d.id, text: lang.pick("承認待ち \(d.id) \(d.kind.label(lang)) \(d.registration) 申請者 \(d.requester)（\(age(d.requestedAt))経過）",
                                                                       "approve? \(d.id) \(d.kind.label(lang)) \(d.registration) by \(d.requester) (\(age(d.requestedAt)) old)"),
                                     kind: .decide, registration: d.registration, request: d.id))
        }
        if officer || supervisor {
            for i in openIncidents {
                let next = nextStep(of: i).map { incidentStepLabel($0, lang) } ?? lang.pick("結論", "conclusion")
                out.append(LifeAttention(id: "inc:" + i.id, text: lang.pick("亡失事案 \(i.id) \(i.registration)（\(age(i.openedAt))経過）次: \(next)",
                                                                            "loss incident \(i.id) \(i.registration) (\(age(i.openedAt)) old), next: \(next)"),
                                         kind: .error, registration: i.registration, incident: i.id))
            }
        }
        for d in disposalsDue(at: now) where officer || p.has(.clerk) {
            out.append(LifeAttention(id: "due:" + d.due.registration,
                                     text: lang.pick("読後廃棄\(d.overdue ? "期限超過" : "待ち") \(d.due.registration)（\(age(d.due.since))経過）",
                                                     "destroy after reading\(d.overdue ? " OVERDUE" : "") \(d.due.registration) (\(age(d.due.since)) since read)"),
                                     kind: d.overdue ? .overdue : .due, registration: d.due.registration))
        }
        // Erased (消去済) and not yet put back in storage: `dispose stored` (001 付紙第4 1(5)).
        for d in life.allDisposals where erasedAwaitingStorage(d) && (officer || p.has(.clerk)) {
            out.append(LifeAttention(id: "erased:" + d.registration,
                                     text: lang.pick("消去済・保管復帰待ち \(d.registration) 証明書 \(d.certificate ?? "")（dispose stored \(d.id)）",
                                                     "erased, to go back to storage: \(d.registration) certificate \(d.certificate ?? "") (dispose stored \(d.id))"),
                                     kind: .due, registration: d.registration))
        }
        for k in overdueKeys(at: now) where officer || p.has(.clerk) {
            out.append(LifeAttention(id: "key:" + k.key, text: lang.pick("かぎ返却期限超過 \(k.key) \(people[k.loan!.to]?.name ?? k.loan!.to) 期限 \(k.loan!.until.minuteText(in: timeZone))",
                                                                         "key overdue \(k.key) held by \(k.loan!.to), due \(k.loan!.until.minuteText(in: timeZone))"),
                                     kind: .overdue))
        }
        for inv in life.allInventories where inv.status == .open && (officer || p.has(.clerk)) {
            out.append(LifeAttention(id: "inv:" + inv.id, text: lang.pick("点検中 \(inv.id) 確認 \(inv.sighted.count)/\(inv.expected.count)（\(age(inv.startedAt))経過）Enterで計数",
                                                                          "inventory \(inv.id) open: \(inv.sighted.count)/\(inv.expected.count) sighted (\(age(inv.startedAt)) old), Enter to count"),
                                     kind: .due, inventory: inv.id))
        }
        guard officer else { return out }
        let missing = peopleWithoutPledge
        if !missing.isEmpty {
            let names = missing.prefix(5).map(\.name).joined(separator: lang.pick("、", ", ")) + (missing.count > 5 ? lang.pick(" ほか", " …") : "")
            out.append(LifeAttention(id: "pledge", text: lang.pick("誓約書未提出 \(missing.count)名: \(names)", "no pledge on record: \(missing.count) (\(names))"),
                                     kind: .due))
        }
        let s = selfInspection(on: today)
        switch s.state {
        case .overdue:
            out.append(LifeAttention(id: "inspection", text: lang.pick("自己点検（\(s.year)年）報告期限超過（期限 \(s.due.iso)）", "self-inspection \(s.year) overdue (report due \(s.due.iso))"), kind: .overdue))
        case .due:
            out.append(LifeAttention(id: "inspection", text: lang.pick("自己点検（\(s.year)年）基準日 \(s.base.iso) 報告期限 \(s.due.iso)", "self-inspection \(s.year): base \(s.base.iso), report due \(s.due.iso)"), kind: .due))
        case .next:
            out.append(LifeAttention(id: "inspection", text: lang.pick("次の自己点検 基準日 \(s.base.iso) 報告期限 \(s.due.iso)", "next self-inspection: base \(s.base.iso), report due \(s.due.iso)"), kind: .info))
        }
        return out
    }
}
