// 登録簿: the media register as a table with live filter, sort and status
// filter, overdue rows marked; and a medium's detail with its whole history
// as a timeline. Both offer the medium's workflows by key.

import CellKit
import DaichoCore
import Foundation

/// Opens the form for a medium workflow, or says at once why it cannot be done.
func mediumAction(_ action: UIAction, _ m: Medium, _ w: World) -> [Outcome]? {
    let reg = m.registration
    let far = w.now.addingTimeInterval(86400 * 365)
    let probe: Command
    var form: FormScreen
    switch action {
    case .startUse:
        // 001 第3-3: a use rests on a clean check since the medium last came back, or one recorded with it.
        let checkNeeded = !m.hasCleanCheck
        probe = .startUse(registration: reg, purpose: "-", place: nil, until: nil, scanned: checkNeeded ? .clean : nil)
        form = Forms.startUse(reg, w, checkNeeded: checkNeeded)
        if checkNeeded {
            form.notice = m.checkDue
                ? w.t("戻った媒体です。ウイルスチェックを実施し、異常なしを記録してから使用してください（第3-3）",
                      "it came back: check it and record the clean result with the use (3-3)")
                : w.t("異常なしのウイルスチェックの記録がありません。今実施したチェックを記録してください（第3-3）",
                      "no clean virus check on record: record the check you do now (3-3)")
        }
    case .endUse: probe = .endUse(registration: reg, note: nil); form = Forms.endUse(reg, w)
    case .requestTakeout:
        probe = .requestTakeout(registration: reg, destination: "-", purpose: "-", from: nil, until: far, transport: nil)
        form = Forms.takeout(reg, w)
    case .scan: probe = .scan(registration: reg, result: .clean, note: nil); form = Forms.scan(reg, w)
    case .lost: probe = .reportLost(registration: reg, note: "-"); form = Forms.lost(reg, w)
    case .found: probe = .reportFound(registration: reg, note: "-"); form = Forms.found(reg, w)
    case .depart: probe = .depart(registration: reg); form = Forms.depart(reg, w)
    case .returnMedium: probe = .returnTakeout(registration: reg, note: nil); form = Forms.returnMedium(reg, w)
    case .amend:
        var a = MediumAmendment()
        a.location = m.data.location ?? ""
        probe = .amend(registration: reg, reason: "-", a)
        // Only who may amend is checked first: the form says what changes.
        if let why = w.check(probe), !why.contains(DomainError.rule(.nothingToAmend(registration: reg)).message(w.lang)) { return [.message(why, .error)] }
        return [.push(Forms.amend(m, w))]
    case .requestException:
        probe = .requestException(rule: w.ledger.exceptableRules.first ?? "", medium: reg, caseID: nil, reason: "-", until: far)
        form = Forms.requestException(reg, w)
    default: return nil
    }
    if let why = w.check(probe) { return [.message(why, .error)] }
    return [.push(form)]
}

/// Who has the medium: the user's name, or the take-out destination.
func holder(_ m: Medium, _ w: World) -> String {
    if let u = m.openUse { return w.name(w.ledger.uses[u].user) }
    return w.ledger.holder(of: m) ?? ""
}

/// What the register's prepared rows depend on.
struct RegisterRowsKey: Hashable {
    var records: Int
    var head: String
    var lang: Lang
    var timeZone: TimeZone
    var minute: Int
    var sort: MediaSort
    var status: MediumStatus?
    var overdue: Bool
    var descending: Bool
}

public enum MediaSort: Int, CaseIterable {
    case registration, status, due, location
    func label(_ w: World) -> String {
        switch self {
        case .registration: w.t("登録番号", "number")
        case .status: w.t("状態", "status")
        case .due: w.t("期限", "due")
        case .location: w.t("保管場所", "location")
        }
    }
}

public struct RegisterScreen: ScreenModel {
    public var view = ListView()
    /// Prepared rows, shared by copies of this screen (keyed by everything they depend on).
    let cache = RowCache<Medium>()
    public var sort = MediaSort.registration
    /// nil: all; else only this status.
    public var status: MediumStatus?
    /// Only media past their due time (the CLI's `media list --overdue`).
    public var overdueOnly = false
    /// The sort reversed (S).
    public var descending = false
    public var scope: Scope { .register }
    public init() {}
    public var capturesText: Bool { view.filtering }
    public mutating func select(_ id: String, record: Record) { view.selectedID = id }

    static let statusCycle: [MediumStatus?] = [nil, .stored, .inUse, .takenOut, .quarantined, .lost, .inTransit, .transferred]
    /// What `f` steps through: all, 期限超過, then each status.
    static let filterCycle: [(status: MediumStatus?, overdue: Bool)] = [(nil, false), (nil, true)] + statusCycle.dropFirst().map { ($0, false) }

    /// The rows after the status filter, the sort and the `/` filter. Kept between keystrokes
    /// (RowCache): typing a filter searches prepared lowercase text instead of
    /// formatting every medium's cells again.
    func rows(_ w: World) -> [Medium] {
        // Overdue marks and due times change with the clock: the prepared rows last a minute at most.
        let key = RegisterRowsKey(records: w.ledger.records.count, head: w.headHash, lang: w.lang, timeZone: w.timeZone,
                                  minute: Int((w.now.timeIntervalSince1970 / 60).rounded(.down)), sort: sort, status: status,
                                  overdue: overdueOnly, descending: descending)
        return cache.rows(key: key, filter: view) { sortedMedia(w).map { ($0, ListView.searchText(cells($0, w))) } }
    }

    /// Every medium in the status filter, in the chosen order.
    func sortedMedia(_ w: World) -> [Medium] {
        let l = w.ledger
        var media = status == nil ? l.allMedia : l.allMedia.filter { $0.status == status }
        if overdueOnly { media = media.filter { l.isOverdue($0, at: w.now) } }
        switch sort {
        case .registration: break
        case .status:
            // In the order of the lifecycle, the same in both languages.
            let order = Dictionary(uniqueKeysWithValues: MediumStatus.allCases.enumerated().map { ($1, $0) })
            media.sort { (order[$0.status]!, $0.registration) < (order[$1.status]!, $1.registration) }
        case .due:
            media.sort { a, b in
                let da = l.due(of: a)?.timeIntervalSince1970 ?? .infinity, db = l.due(of: b)?.timeIntervalSince1970 ?? .infinity
                return (da, a.registration) < (db, b.registration)
            }
        case .location:
            // ロッカー1-3 before ロッカー1-10: numbers inside names compare as numbers.
            media.sort { a, b in
                let c = (a.data.location ?? "").compare(b.data.location ?? "", options: [.numeric])
                return c == .orderedSame ? a.registration < b.registration : c == .orderedAscending
            }
        }
        return descending ? media.reversed() : media
    }

    func cells(_ m: Medium, _ w: World) -> [String] {
        let l = w.ledger
        let overdue = l.isOverdue(m, at: w.now)
        return [m.registration, m.data.kind.shortLabel(w.lang), m.data.category.shortLabel(w.lang), m.data.classification.label(w.lang),
                m.data.location ?? "", (overdue ? "!" : "") + m.status.label(w.lang), holder(m, w),
                l.due(of: m).map { String(w.time($0).dropFirst(5)) } ?? ""]
    }

    public func title(_ w: World) -> String {
        let n = rows(w).count
        var t = w.t("登録簿（可搬記憶媒体）\(n)件  並び: \(sort.label(w))", "Register: \(n) media  sort: \(sort.label(w))")
        if descending { t += w.t("（逆順）", " (reversed)") }
        if let s = status { t += w.t("  状態: ", "  status: ") + s.label(w.lang) }
        if overdueOnly { t += w.t("  期限超過のみ", "  overdue only") }
        return t + view.filterLabel(w)
    }

    public func hints(_ w: World) -> [UIAction] {
        [.open, .filter, .sort, .statusFilter, .newMedium, .startUse, .requestTakeout]
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let media = rows(w)
        let ids = media.map(\.registration)
        if view.handle(key, action: view.filtering ? nil : action, ids: ids, height: w.bodyRows - 1) { return [] }
        let selected = view.index(in: ids).map { media[$0] }
        switch action {
        case .back?: return [.pop]
        case .open?: if let m = selected { return [.push(MediumScreen(registration: m.registration))] }
        case .sort?: sort = MediaSort(rawValue: (sort.rawValue + 1) % MediaSort.allCases.count)!
        case .reverseSort?: descending.toggle()
        case .statusFilter?:
            let cycle = RegisterScreen.filterCycle
            let i = cycle.firstIndex { $0.status == status && $0.overdue == overdueOnly } ?? 0
            (status, overdueOnly) = cycle[(i + 1) % cycle.count]
        case .newMedium?:
            if !w.can([.officer]) {
                return [.message(DomainError.roleRequired(login: w.actor.login, roles: [.officer]).message(w.lang), .error)]
            }
            return [.push(Forms.register(w))]
        case let a?:
            if let m = selected, let out = mediumAction(a, m, w) { return out }
        case nil: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let media = rows(w)
        let l = w.lang
        /// As wide as the widest label of the language (and the title), no wider.
        func fit(_ title: String, _ labels: [String]) -> TableColumn {
            TableColumn(title, width: .fixed(([title] + labels).map(\.displayWidth).max()!))
        }
        let columns = [
            TableColumn(l.pick("登録番号", "number"), width: .fixed(13)), TableColumn(l.pick("種別", "kind"), width: .fixed(5)),
            fit(l.pick("区分", "cat."), DataCategory.allCases.map { $0.shortLabel(l) }),
            fit(l.pick("格付", "class"), Confidentiality.allCases.map { $0.label(l) }),
            TableColumn(l.pick("保管場所", "location"), width: .flexible(1)),
            fit(l.pick("状態", "status"), MediumStatus.allCases.map { $0.label(l) } + ["!" + MediumStatus.takenOut.label(l)]),
            TableColumn(l.pick("使用者/持出先", "holder"), width: area.width >= 100 ? .flexible(1) : .fixed(13)), TableColumn(l.pick("期限", "due"), width: .fixed(11)),
        ]
        let rows = media.map { m in
            TableRow(cells(m, w), style: w.ledger.isOverdue(m, at: w.now) ? .overdue : (m.status == .quarantined || m.status == .lost ? .role(.error) : .plain))
        }
        let ids = media.map(\.registration)
        let empty = w.ledger.media.isEmpty
            ? l.pick("登録された媒体はありません（a で登録）", "no media yet (a to register one)")
            : l.pick("条件に合う媒体はありません", "no media match")
        g.render(Table(columns: columns, rows: rows, state: view.state(ids: ids, height: Table.bodyHeight(for: area)), emptyText: empty), in: area)
    }
}

public struct MediumScreen: ScreenModel {
    /// No filter on this screen: `/`, `n`, `N` are not offered.
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public let registration: String
    var offset = 0
    public var scope: Scope { .medium }
    public init(registration: String) { self.registration = registration }

    public func title(_ w: World) -> String {
        guard let m = w.ledger.media[registration] else { return registration }
        let label = m.data.category == .disclosable ? w.t(" 「開示」", " [disclosable]") : ""
        return w.t("媒体 \(registration)\(label) \(m.status.label(w.lang))", "Medium \(registration)\(label) \(m.status.label(w.lang))")
    }

    public func hints(_ w: World) -> [UIAction] {
        guard let m = w.ledger.media[registration] else { return [] }
        switch m.status {
        case .stored: return m.openRequest.flatMap { w.ledger.requests[$0] }?.state == .approved ? [.depart, .scan] : [.startUse, .requestTakeout, .scan, .lost]
        case .inUse: return [.endUse, .lost]
        case .takenOut: return [.returnMedium, .lost]
        case .quarantined: return [.scan, .lost]
        case .lost: return [.found]
        default: return []
        }
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        switch action {
        case .back?: return [.pop]
        case .down?: offset += 1
        case .up?: offset = max(0, offset - 1)
        case .pageDown?: offset += 10
        case .pageUp?: offset = max(0, offset - 10)
        case .top?: offset = 0
        case .bottom?: offset = Int.max / 2
        case let a?:
            if let m = w.ledger.media[registration], let out = mediumAction(a, m, w) { return out }
        case nil: break
        }
        return []
    }

    func fieldLines(_ m: Medium, _ w: World) -> [(String, String)] {
        let d = m.data, l = w.ledger
        var pairs: [(String, String)] = [
            (w.t("種別", "kind"), d.kind.label(w.lang) + [d.model, d.serial, d.capacity].compactMap { $0 }.map { " " + $0 }.joined()),
            (w.t("区分/格付", "category"), d.category.label(w.lang) + " " + d.classification.label(w.lang)
                + (d.secret ? w.t(" 秘以上（秘密保全の規則で管理）", " secret (secrecy rules apply)") : "")),
            (w.t("取扱制限", "restrictions"), d.restrictions.isEmpty ? "-" : d.restrictions.map { $0.label(w.lang) }.joined(separator: "、")),
            (w.t("暗号化/追記禁止", "encrypted/WP"), (d.encrypted ? w.t("暗号化あり", "encrypted") : w.t("暗号化なし", "not encrypted")) + " / "
                + (d.writeProtected ? w.t("追記禁止", "write-protected") : w.t("追記可", "writable"))),
            (w.t("保管場所", "location"), d.location ?? "-"),
            (w.t("ウイルスチェック", "virus check"), m.lastScan.map { "\(w.time($0.at)) \($0.by) \($0.result.label(w.lang))" } ?? w.t("未実施", "never")),
        ]
        if l.holder(of: m) != nil {
            let h = holder(m, w)
            let due = l.due(of: m).map { w.t(" 期限 ", " due ") + w.time($0) } ?? ""
            pairs.append((w.t("使用者/持出先", "holder"), h + due + (l.isOverdue(m, at: w.now) ? w.t("  期限超過", "  OVERDUE") : "")))
        }
        // A medium out with a handover or transfer names its case (8送付 / 9送達 open it).
        if let c = m.openCase, let counterpart = l.handovers[c]?.counterpart ?? l.transfers[c]?.counterpart {
            pairs.append((w.t("案件", "case"), "\(c) \(counterpart)"))
        }
        if let id = m.openRequest, let q = l.requests[id], q.state == .pending || q.state == .approved {
            pairs.append((w.t("持出申請", "request"), "\(q.id) \(q.state.label(w.lang)) " + w.t("持出先 ", "to ") + q.destination))
        }
        return pairs
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        guard let m = w.ledger.media[registration] else {
            g.put(DomainError.unknownMedium(registration).message(w.lang), row: area.row, col: area.col, width: area.width, style: .role(.error))
            return
        }
        var row = area.row
        for (label, value) in fieldLines(m, w) where row < area.bottom {
            g.put(label, row: row, col: area.col + 1, width: 16, style: .role(.muted))
            g.put(value, row: row, col: area.col + 18, width: area.width - 18,
                  style: value.contains(w.t("期限超過", "OVERDUE")) ? .overdue : .plain)
            row += 1
        }
        g.put(w.t("履歴（時系列）", "History"), row: row, col: area.col, width: area.width, style: Style(role: .header, attributes: [.bold]))
        row += 1
        let lines: [Line] = w.ledger.history(of: registration).map { r in
            Line([Span("#\(r.seq) ", style: .role(.muted)), Span(w.time(r.at) + " ", style: .role(.muted)),
                  Span(r.actor + " ", style: .role(.accent)), Span(r.summary(w.lang, timeZone: w.timeZone))])
        }
        let rect = Rect(row: row, col: area.col + 1, height: max(0, area.bottom - row), width: area.width - 1)
        // Long entries wrap rather than lose their end (a reason, a destination).
        let wrapped = TextView.wrap(lines, width: rect.width)
        let maxOffset = TextView.maxOffset(count: wrapped.count, height: rect.height)
        g.render(TextView(wrapped, offset: min(offset, maxOffset)), in: rect)
    }
}
