// 例外措置台帳 (002 第26–27条; 001 付紙第4 1(4)): every exception with its rule,
// subject, period, decision and uses; one exception with its decision keys for
// those who may decide it (never its requester, 002 第19条); and the form that
// asks for one, from the medium it is for.

import CellKit
import DaichoCore
import Foundation

/// The exception ledger: from the approvals queue (`E`).
public struct ExceptionsScreen: ScreenModel {
    var view = ListView()
    public var scope: Scope { .exceptions }
    public init() {}
    public var capturesText: Bool { view.filtering }

    func rows(_ w: World) -> [ExceptionEntry] {
        w.ledger.allExceptions.reversed().filter { e in
            view.matches([e.id, e.rule, e.subject, e.requester, w.name(e.requester), e.reason])
        }
    }

    public func title(_ w: World) -> String {
        let all = w.ledger.exceptions.count, valid = w.ledger.allExceptions.filter { $0.valid(at: w.now) }.count
        return w.t("例外措置台帳 \(all)件（有効 \(valid)件）新しい順", "Exception ledger: \(all) (\(valid) valid), newest first") + view.filterLabel(w)
    }
    public func hints(_ w: World) -> [UIAction] { [.open, .filter] }

    public mutating func select(_ id: String, record: Record) { view.selectedID = id }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let ids = rows(w).map(\.id)
        if view.handle(key, action: view.filtering ? nil : action, ids: ids, height: w.bodyRows - 1) { return [] }
        switch action {
        case .back?: return [.pop]
        case .open?: if let i = view.index(in: ids) { return [.push(ExceptionScreen(id: ids[i]))] }
        default: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let l = w.lang
        let columns = [TableColumn(l.pick("番号", "id"), width: .fixed(7)), TableColumn(l.pick("規則", "rule"), width: .fixed(8)),
                       TableColumn(l.pick("対象", "subject"), width: .fixed(13)), TableColumn(l.pick("申請者", "requester"), width: .fixed(10)),
                       TableColumn(l.pick("まで", "until"), width: .fixed(16)), TableColumn(l.pick("状態", "status"), width: .flexible(1))]
        let list = rows(w)
        let table = list.map { e in
            let uses = e.uses.isEmpty ? "" : l.pick(" 使用\(e.uses.count)", " used \(e.uses.count)")
            let style: Style = e.valid(at: w.now) ? .role(.accent) : e.state == .pending ? .plain : .role(.muted)
            return TableRow([e.id, e.rule, e.subject, w.name(e.requester), w.time(e.until), e.status(at: w.now, l) + uses], style: style)
        }
        g.render(Table(columns: columns, rows: table, state: view.state(ids: list.map(\.id), height: Table.bodyHeight(for: area)),
                       emptyText: l.pick("例外措置はありません", "no exceptions")), in: area)
    }
}

/// One exception: what it suspends, for what, why, until when, its decision and uses.
public struct ExceptionScreen: ScreenModel {
    /// `a` and `x` are offered to whoever may decide some step of an exception (App.swift); pressing
    /// them says why this one is not theirs now (their own request, an earlier step, decided).
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public let id: String
    public var scope: Scope { .exception }
    public init(id: String) { self.id = id }

    public func title(_ w: World) -> String {
        if let e = w.ledger.exceptions[id], e.state == .pending {
            let step = w.ledger.currentStep(e)
            if step.of > 1 { return w.t("例外措置 \(id)（第\(step.index + 1)段/\(step.of)段）", "Exception \(id) (step \(step.index + 1) of \(step.of))") }
        }
        return w.t("例外措置 \(id)", "Exception \(id)")
    }
    public func hints(_ w: World) -> [UIAction] { [.approve, .reject] }

    /// Why this person may not decide it now, if so.
    func refusal(_ w: World) -> String? {
        guard let e = w.ledger.exceptions[id] else { return DomainError.unknownRequest(id).message(w.lang) }
        if w.ledger.samePerson(e.requester, w.actor.login) { return DomainError.selfApproval(request: id).message(w.lang) }
        if e.state != .pending { return DomainError.rule(.exceptionNotPending(id: id)).message(w.lang) }
        // The step it waits for: its roles, never one who took an earlier step (Steps.swift).
        return w.ledger.stepRefusal(e, by: w.actor.login)?.message(w.lang)
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        switch action {
        case .back?: return [.pop]
        case .approve?:
            if let why = refusal(w) { return [.message(why, .error)] }
            return [.push(Forms.approve(id, [], w))]
        case .reject?:
            if let why = refusal(w) { return [.message(why, .error)] }
            return [.push(Forms.reject(id, w))]
        default: return []
        }
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        guard let e = w.ledger.exceptions[id] else {
            g.put(DomainError.unknownRequest(id).message(w.lang), row: area.row, col: area.col, width: area.width, style: .role(.error))
            return
        }
        let l = w.lang
        var pairs: [(String, String)] = [
            (l.pick("状態", "status"), e.status(at: w.now, l)),
            (l.pick("規則", "rule"), ExceptionRule.encryptionWord == e.rule ? ExceptionRule.encryption.label(l) : e.rule),
            (l.pick("対象", "subject"), e.subject + (e.registration.flatMap { w.ledger.media[$0] }.map { " \($0.data.kind.label(l)) \($0.data.classification.label(l))" } ?? "")),
            (l.pick("理由", "reason"), e.reason),
            (l.pick("期間", "period"), l.pick("承認から \(w.time(e.until)) まで", "from its approval until \(w.time(e.until))")),
            (l.pick("申請", "requested"), "\(w.time(e.requestedAt)) \(w.name(e.requester)) (\(e.requester))"),
        ]
        if let by = e.decidedBy, let at = e.decidedAt {
            pairs.append((l.pick("決定", "decided"), "\(e.state.label(l)) \(w.time(at)) \(w.name(by))" + (e.comment.map { " — \($0)" } ?? "")))
        } else {
            let who = w.ledger.currentStep(e).roles.map { $0.label(l) }.joined(separator: l.pick("・", ", "))
            pairs.append((l.pick("決定", "decided"), l.pick("未決（決定するのは \(who)。申請者以外）", "pending (decided by \(who), not the requester)")))
        }
        pairs += stepLines(e, w)
        pairs.append((l.pick("使用", "uses"), e.uses.isEmpty ? l.pick("なし", "none") : e.uses.map { "#\($0)" }.joined(separator: ", ")))
        var row = area.row
        for (k, v) in pairs where row < area.bottom {
            g.put(k, row: row, col: area.col + 1, width: 10, style: .role(.muted))
            g.put(v, row: row, col: area.col + 12, width: area.width - 12)
            row += 1
        }
        row += 1
        let notes = [l.pick("有効な間だけ、この媒体（案件）のこの規則に限り停止します。", "While valid, only this rule is suspended, for this medium (case) only;"),
                     l.pick("秘・使用禁止・要ウイルスチェックは例外になりません。", "秘, quarantine and a check due never are.")]
        for note in notes where row < area.bottom {
            g.put(note, row: row, col: area.col + 1, width: area.width - 2, style: .role(.muted))
            row += 1
        }
    }
}

extension Forms {
    /// 例外措置の申請 for a medium: the rule (those that can be suspended), the reason and the last day.
    static func requestException(_ reg: String, _ w: World) -> FormScreen {
        let m = w.ledger.media[reg]
        // The rules that bind this medium first, then the rest the ledger can suspend.
        let own = (m?.data.restrictions ?? []).map(\.rawValue).filter { w.ledger.exceptableRules.contains($0) }
            + ((m?.encryptionRequiredForTakeout == true && m?.data.encrypted == false) ? [ExceptionRule.encryptionWord] : [])
        let rules = own + w.ledger.exceptableRules.filter { !own.contains($0) }
        let choices = rules.map { ($0, $0 == ExceptionRule.encryptionWord ? ExceptionRule.encryption.label(w.lang) : $0) }
        var form = FormScreen(
            heading: w.t("例外措置の申請: \(reg)（002 第26条）", "Request an exception: \(reg)"),
            fields: [FormField("rule", w.t("停止する規則", "rule suspended"), .choice(choices), required: true),
                     FormField("reason", w.t("理由", "reason"), required: true, maxLength: Field.reason.maxLength),
                     FormField("until", w.t("期間（この日まで）", "until (this day)"), .day, required: true)],
            success: w.t("例外措置を申請しました", "exception requested")
        ) { v, w in
            guard let raw = v.optional("until") else { return .failure(EffectFailure(w.t("期間を入力してください", "until is required"))) }
            return dateValue(raw, w, label: w.t("期間", "until")).map { until in
                .record(.requestException(rule: v["rule"], medium: reg, caseID: nil, reason: v["reason"], until: until!))
            }
        }
        form.preview = { v, w in
            guard let rule = v.optional("rule") else { return nil }
            return w.t("\(reg) の「\(rule)」を承認から期間の終わりまで停止します",
                       "suspends '\(rule)' for \(reg) from approval to the end of the period")
        }
        return form
    }
}
