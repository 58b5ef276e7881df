// The books as paper would show them — 使用記録簿 and 持出簿 — filterable by
// medium, person and period (the filter matches any column, dates included);
// the journal (記録) newest first with verification and the head hash; and
// the people (要員) with their roles.

import CellKit
import DaichoCore
import Foundation

public struct LogScreen: ScreenModel {
    public enum Kind { case uses, takeouts }
    public let kind: Kind
    var view = ListView()
    public init(kind: Kind) { self.kind = kind }
    public var scope: Scope { kind == .uses ? .uses : .takeouts }
    public var capturesText: Bool { view.filtering }

    struct Row {
        var registration: String
        var cells: [String]
        var overdue: Bool
        /// From start to end (or now, while open): what a period filter compares.
        var period: ClosedRange<Date>
    }

    /// The ids of the rows shown, oldest first: an index into the uses, or a request id.
    /// Cells are made only for rows the filter must look at or the screen shows,
    /// so a book of 100 000 lines still draws in a few milliseconds.
    func ids(_ w: World) -> [String] {
        let all = kind == .uses ? w.ledger.uses.indices.map(String.init) : w.ledger.requestOrder
        guard !view.filter.isEmpty else { return all }
        return all.filter { id in
            row(id, w).map { view.matches($0.cells + [$0.registration], period: $0.period, timeZone: w.timeZone) } ?? false
        }
    }

    func row(_ id: String, _ w: World) -> Row? {
        let l = w.ledger
        switch kind {
        case .uses:
            guard let i = Int(id), l.uses.indices.contains(i) else { return nil }
            let u = l.uses[i]
            return Row(registration: u.registration,
                       cells: [u.registration, l.people[u.user]?.name ?? u.user, u.purpose, u.place ?? "", w.time(u.start),
                               u.until.map(w.time) ?? "", u.end.map(w.time) ?? (u.isOverdue(at: w.now) ? w.t("期限超過", "OVERDUE") : w.t("使用中", "in use"))],
                       overdue: u.isOverdue(at: w.now), period: u.start...max(u.start, u.end ?? w.now))
        case .takeouts:
            guard let q = l.requests[id] else { return nil }
            let state = q.isOverdue(at: w.now) ? w.t("期限超過", "OVERDUE") : q.state.label(w.lang)
            return Row(registration: q.registration,
                       cells: [q.id, q.registration, l.people[q.requester]?.name ?? q.requester, q.destination, w.time(q.until), state,
                               q.decision.map { $0.by } ?? "", q.departedAt.map(w.time) ?? "", q.returnedAt.map(w.time) ?? ""],
                       overdue: q.isOverdue(at: w.now), period: q.from...max(q.from, q.returnedAt ?? q.until))
        }
    }

    public func title(_ w: World) -> String {
        let n = ids(w).count
        let hint = view.filtering && view.filter.isEmpty
            ? w.t("（例: 佐藤 USB-2026-0001 2026-11-01..2026-11-30）", " (e.g. sato USB-2026-0001 2026-11-01..2026-11-30)") : ""
        return (kind == .uses ? w.t("使用記録簿 \(n)件", "Use log: \(n)") : w.t("持出簿 \(n)件", "Take-out log: \(n)")) + view.filterLabel(w) + hint
    }
    public func hints(_ w: World) -> [UIAction] { [.open, .filter] }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let all = ids(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: all, height: w.bodyRows - 1) { return [] }
        if action == .back { return [.pop] }
        if action == .open, let i = view.index(in: all), let r = row(all[i], w) { return [.push(MediumScreen(registration: r.registration))] }
        return []
    }

    /// The columns to show at this width: (column, index into the row's cells).
    /// Below 100 columns the books drop a column or two and times lose the year.
    func layout(_ l: Lang, width: Int) -> [(TableColumn, Int)] {
        let wide = width >= 100, time = wide ? 16 : 11
        switch kind {
        case .uses:
            return [(TableColumn(l.pick("登録番号", "number"), width: .fixed(13)), 0), (TableColumn(l.pick("使用者", "user"), width: .fixed(10)), 1),
                    (TableColumn(l.pick("目的", "purpose"), width: .flexible(2)), 2), (TableColumn(l.pick("場所", "where"), width: .flexible(1)), 3),
                    (TableColumn(l.pick("開始", "start"), width: .fixed(time)), 4), (TableColumn(l.pick("終了予定", "until"), width: .fixed(time)), 5),
                    (TableColumn(l.pick("終了", "end"), width: .fixed(time)), 6)]
        case .takeouts:
            var cols: [(TableColumn, Int)] = [
                (TableColumn(l.pick("申請", "req."), width: .fixed(8)), 0), (TableColumn(l.pick("登録番号", "number"), width: .fixed(13)), 1)]
            if wide { cols.append((TableColumn(l.pick("申請者", "requester"), width: .fixed(10)), 2)) }
            cols += [(TableColumn(l.pick("持出先", "destination"), width: .flexible(1)), 3), (TableColumn(l.pick("期限", "until"), width: .fixed(time)), 4),
                     (TableColumn(l.pick("状態", "state"), width: .fixed(8)), 5)]
            if wide { cols.append((TableColumn(l.pick("許可者", "approver"), width: .fixed(9)), 6)) }
            cols += [(TableColumn(l.pick("持出", "out"), width: .fixed(time)), 7), (TableColumn(l.pick("返却", "back"), width: .fixed(time)), 8)]
            return cols
        }
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let all = ids(w), l = w.lang
        let cols = layout(l, width: area.width)
        let wide = area.width >= 100
        /// `2026-11-25 09:00` → `11-25 09:00` when narrow.
        func fit(_ cell: String) -> String {
            guard !wide, cell.count == 16, cell.dropFirst(4).first == "-", cell.prefix(4).allSatisfy(\.isNumber) else { return cell }
            return String(cell.dropFirst(5))
        }
        let (window, state) = view.window(ids: all, height: Table.bodyHeight(for: area))
        let rows = window.compactMap { row($0, w) }.map { r in TableRow(cols.map { fit(r.cells[$0.1]) }, style: r.overdue ? .overdue : .plain) }
        g.render(Table(columns: cols.map(\.0), rows: rows, state: state, emptyText: l.pick("記録はありません", "nothing recorded")), in: area)
    }
}

public struct JournalScreen: ScreenModel {
    var view = ListView()
    public init() {}
    public var scope: Scope { .journal }
    public var capturesText: Bool { view.filtering }

    /// Sequence numbers, newest first; summaries are made only to filter or to draw.
    func ids(_ w: World) -> [String] {
        let records = w.ledger.records
        guard !view.filter.isEmpty else { return (0..<records.count).reversed().map(String.init) }
        // Filtering reads every record back (the ledger keeps only offsets): one pass, oldest first.
        return records.filter { r in
            view.matches(["#\(r.seq)", w.time(r.at), r.actor, r.change.type, r.summary(w.lang, timeZone: w.timeZone)])
        }.reversed().map { String($0.seq) }
    }

    public func title(_ w: World) -> String {
        let total = w.ledger.records.count
        // The count follows the filter.
        let count = view.filter.isEmpty ? w.t("\(total)件", "\(total) records") : w.t("\(ids(w).count)件（全\(total)件）", "\(ids(w).count) of \(total) records")
        return w.t("記録（ジャーナル）\(count) 新しい順", "Journal: \(count), newest first") + view.filterLabel(w)
    }
    public func hints(_ w: World) -> [UIAction] { [.open, .filter] }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let all = ids(w)
        // The journal's table sits under two lines of verification and head hash.
        if view.handle(key, action: view.filtering ? nil : action, ids: all, height: w.bodyRows - 3) { return [] }
        if action == .back { return [.pop] }
        // Enter shows the whole record (who, through whom, when, its chain and every field).
        if action == .open, let i = view.index(in: all), let seq = Int(all[i]) { return [.push(RecordScreen(seq: seq))] }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let (head, body) = area.splitTop(2)
        if let d = w.damage {
            g.put(d, row: head.row, col: head.col, width: head.width, style: .role(.error))
        } else {
            g.put(w.t("検証: 正常（\(w.ledger.records.count)件のハッシュ連鎖は改ざんされていません）", "verified: the hash chain of \(w.ledger.records.count) records is intact"),
                  row: head.row, col: head.col, width: head.width, style: .role(.ok))
        }
        g.put(w.t("先頭ハッシュ ", "head ") + w.headHash, row: head.row + 1, col: head.col, width: head.width, style: .role(.muted))
        let all = ids(w), l = w.lang
        let columns = [TableColumn("#", width: .fixed(5), alignment: .right), TableColumn(l.pick("日時", "time"), width: .fixed(16)),
                       TableColumn(l.pick("記録者", "by"), width: .fixed(10)), TableColumn(l.pick("内容", "what"), width: .flexible(1))]
        let (window, state) = view.window(ids: all, height: Table.bodyHeight(for: body))
        // The visible rows are consecutive records: read them back in one go.
        let seqs = window.compactMap { Int($0) }
        let lo = seqs.min() ?? 0, hi = seqs.max() ?? -1
        let shown = hi - lo + 1 == seqs.count ? w.ledger.records.records(lo..<(hi + 1)) ?? [] : seqs.compactMap { w.ledger.records[$0] }
        let bySeq = Dictionary(shown.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = seqs.map { seq in
            guard let rec = bySeq[seq] else { return TableRow(["\(seq)", "", "", w.t("（読み取れません）", "(cannot be read)")]) }
            return TableRow(["\(rec.seq)", w.time(rec.at), rec.actor, rec.summary(l, timeZone: w.timeZone)])
        }
        g.render(Table(columns: columns, rows: rows, state: state), in: body)
    }
}

public struct PeopleScreen: ScreenModel {
    var view = ListView()
    public init() {}
    public var scope: Scope { .people }
    public var capturesText: Bool { view.filtering }

    func rows(_ w: World) -> [Person] {
        w.ledger.allPeople.filter { view.matches([$0.login, $0.name, $0.section ?? "", $0.roles.map { $0.label(w.lang) }.joined()]) }
    }
    public func title(_ w: World) -> String { w.t("要員 \(rows(w).count)名", "People: \(rows(w).count)") + view.filterLabel(w) }
    public func hints(_ w: World) -> [UIAction] {
        w.can([.officer]) ? [.enrol, .roles, .editPerson, .retirePerson, .changeOfficer, .settings, .filter] : [.settings, .filter]
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let ps = rows(w)
        if view.handle(key, action: view.filtering ? nil : action, ids: ps.map(\.login), height: w.bodyRows - 1) { return [] }
        let officerOnly = [Outcome.message(DomainError.roleRequired(login: w.actor.login, roles: [.officer]).message(w.lang), .error)]
        switch action {
        case .back?: return [.pop]
        case .enrol?: return w.can([.officer]) ? [.push(Forms.enrol(w))] : officerOnly
        case .settings?: return [.push(SettingsScreen())]
        case .editPerson?, .retirePerson?:
            guard w.can([.officer]) else { return officerOnly }
            guard let i = view.index(in: ps.map(\.login)) else { return [] }
            let p = ps[i]
            // 転出・退職 ends a person's part: a retired person is neither edited nor retired again.
            if p.isRetired { return [.message(DomainError.retired(login: p.login).message(w.lang), .error)] }
            return action == .editPerson ? [.push(PeopleForms.edit(p, w))] : [.push(RetireScreen(p, world: w))]
        case .changeOfficer?:
            // 責任者交代 to the selected person: the ledger's reason first (an auditor, already an officer, retired).
            guard w.can([.officer]) else { return officerOnly }
            guard let i = view.index(in: ps.map(\.login)) else { return [] }
            if let why = w.check(.changeOfficer(from: nil, to: ps[i].login, reason: nil)) { return [.message(why, .error)] }
            return [.push(PeopleForms.changeOfficer(ps[i], w))]
        case .roles?, .open?:
            guard w.can([.officer]) else { return action == .roles ? officerOnly : [] }
            if let i = view.index(in: ps.map(\.login)) { return [.push(Forms.setRoles(ps[i], w))] }
        default: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let ps = rows(w), l = w.lang
        let columns = [TableColumn(l.pick("ログイン", "login"), width: .fixed(12)), TableColumn(l.pick("氏名", "name"), width: .fixed(16)),
                       TableColumn(l.pick("役割", "roles"), width: .flexible(2)), TableColumn(l.pick("所属", "section"), width: .flexible(1)),
                       TableColumn(l.pick("官職/階級", "title/rank"), width: .flexible(1))]
        // Retired people stay listed (history keeps their name), marked 転出・退職 in place of their roles.
        let rows = ps.map { p in
            TableRow([p.login, p.name,
                      p.isRetired ? l.pick("（転出・退職）", "(retired)") : p.roles.map { w.roleLabel($0) }.joined(separator: "・"),
                      p.section ?? "", [p.title, p.rank].compactMap { $0 }.joined(separator: " ")])
        }
        g.render(Table(columns: columns, rows: rows, state: view.state(ids: ps.map(\.login), height: Table.bodyHeight(for: area))), in: area)
    }
}

/// One record of the journal in full: its number, time, who recorded it and through whom
/// (`via`), the hash it chains to, its summary, and the line as stored. Enter opens what it is about.
public struct RecordScreen: ScreenModel {
    public let seq: Int
    var offset = 0
    public init(seq: Int) { self.seq = seq }
    public var scope: Scope { .result }
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public func title(_ w: World) -> String { w.t("記録 #\(seq)", "Record #\(seq)") }
    public func hints(_ w: World) -> [UIAction] { [.open, .down, .up] }

    func lines(_ w: World) -> [Line] {
        guard let r = w.ledger.records[seq] else { return [Line([Span(w.t("（読み取れません）", "(cannot be read)"), style: .role(.error))])] }
        func pair(_ k: String, _ v: String) -> Line { Line([Span(k.padded(toWidth: 14), style: .role(.muted)), Span(v)]) }
        var out = [pair(w.t("通し番号", "seq"), "#\(r.seq)"), pair(w.t("日時", "time"), w.time(r.at) + "  " + Timestamp.format(r.at)),
                   pair(w.t("記録者", "by"), "\(w.name(r.actor)) (\(r.actor))")]
        if let via = r.via { out.append(pair(w.t("実行者", "via"), via + w.t("（この者が記録者として実行）", " (ran it as the recorder)"))) }
        out += [pair(w.t("種類", "type"), r.change.type), pair(w.t("内容", "what"), r.summary(w.lang, timeZone: w.timeZone)),
                pair(w.t("直前ハッシュ", "prev"), r.prev), Line([]),
                Line([Span(w.t("記録された行", "The line as stored"), style: Style(role: .header, attributes: [.bold]))]),
                Line([Span(String(decoding: r.encodedLine(), as: UTF8.self))])]
        return out
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        switch action {
        case .back?: return [.pop]
        case .down?: offset += 1
        case .up?: offset = max(0, offset - 1)
        case .open?:
            guard let change = w.ledger.records[seq]?.change else { return [] }
            if let id = change.caseID {
                if w.ledger.handovers[id] != nil { return [.push(HandoverScreen(id: id))] }
                if w.ledger.transfers[id] != nil { return [.push(TransferScreen(id: id))] }
            }
            if let reg = change.registration ?? change.requestID.flatMap({ w.ledger.requests[$0]?.registration }) {
                return [.push(MediumScreen(registration: reg))]
            }
            return [.message(w.t("この記録には開く対象がありません", "nothing to open for this record"), .info)]
        default: break
        }
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let wrapped = TextView.wrap(lines(w), width: area.width)
        g.render(TextView(wrapped, offset: min(offset, TextView.maxOffset(count: wrapped.count, height: area.height))), in: area)
    }
}
