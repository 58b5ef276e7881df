// Records and ledger entries as people read them: one line per record, in
// Japanese or English. Shared by the CLI (`log`, `media show`) and the screens
// (journal, timeline), so both say the same thing.

import Foundation

extension Record {
    /// One line saying what the record did.
    public func summary(_ lang: Lang, timeZone: TimeZone) -> String {
        func t(_ d: Date) -> String { d.minuteText(in: timeZone) }
        switch change {
        case .header(let h):
            return lang.pick("台帳作成: \(h.unit)（責任者 \(h.officer.name) \(h.officer.login)）",
                             "ledger created: \(h.unit) (officer \(h.officer.name) \(h.officer.login))")
        case .personEnrolled(let p):
            let roles = p.roles.map { $0.label(lang) }.joined(separator: lang.pick("・", ", "))
            return lang.pick("要員登録: \(p.name)（\(p.login)）\(roles)", "enrolled \(p.name) (\(p.login)) as \(roles)")
        case .rolesChanged(let d):
            let roles = d.roles.map { $0.label(lang) }.joined(separator: lang.pick("・", ", "))
            return lang.pick("役割変更: \(d.login) を \(roles) に", "roles of \(d.login) set to \(roles)")
        case .personEdited(let d):
            let formal = [d.section, d.title, d.rank, d.name].compactMap { $0 }.joined(separator: " ")
            return lang.pick("要員変更: \(d.login) → \(formal)", "person \(d.login) now \(formal)")
        case .personRetired(let d):
            return lang.pick("要員除籍（転出・退職）: \(d.login) 理由: \(d.reason)", "retired \(d.login): \(d.reason)")
        case .officerChanged(let d):
            return lang.pick("責任者交代: \(d.from) → \(d.to)", "officer changed: \(d.from) -> \(d.to)")
                + (d.reason.map { " — \($0)" } ?? "")
        case .mediumRegistered(let m):
            // An imported entry says where from: the file's first 12 hex digits and the line.
            let from = m.isImported
                ? lang.pick("（移行: ファイル \(m.importFile.map { String($0.prefix(12)) } ?? "?") \(m.importLine.map(String.init) ?? "?")行目）",
                            " (imported: file \(m.importFile.map { String($0.prefix(12)) } ?? "?") line \(m.importLine.map(String.init) ?? "?"))")
                : ""
            return lang.pick("登録: \(m.registration) \(m.kind.label(lang)) \(m.category.label(lang)) \(m.classification.label(lang))\(from)",
                             "registered \(m.registration): \(m.kind.label(lang)), \(m.category.label(lang)), \(m.classification.label(lang))\(from)")
        case .virusChecked(let d):
            return lang.pick("ウイルスチェック: \(d.registration) \(d.result.label(lang))", "virus check of \(d.registration): \(d.result.label(lang))")
                + (d.note.map { " — \($0)" } ?? "")
        case .mediumLost(let d):
            return lang.pick("亡失報告: \(d.registration) — \(d.note)", "reported lost: \(d.registration) — \(d.note)")
        case .mediumFound(let d):
            return lang.pick("発見: \(d.registration)（検査まで使用禁止） — \(d.note)", "found: \(d.registration) (quarantined until checked) — \(d.note)")
        case .useStarted(let d):
            let until = d.until.map { lang.pick("（\(t($0))まで）", " (until \(t($0)))") } ?? ""
            let place = d.place.map { lang.pick(" 場所: \($0)", " at \($0)") } ?? ""
            return lang.pick("使用開始: \(d.registration) 目的: \(d.purpose)\(place)\(until)", "use started: \(d.registration) for \(d.purpose)\(place)\(until)")
        case .useEnded(let d):
            return lang.pick("使用終了: \(d.registration)", "use ended: \(d.registration)") + (d.note.map { " — \($0)" } ?? "")
        case .takeoutRequested(let d):
            return lang.pick("持出申請 \(d.request): \(d.registration) 持出先 \(d.destination)（\(t(d.until))まで）目的: \(d.purpose)",
                             "take-out request \(d.request): \(d.registration) to \(d.destination) until \(t(d.until)), for \(d.purpose)")
        case .correctionRequested(let d):
            return lang.pick("訂正申請 \(d.request): #\(d.target) ", "correction request \(d.request): #\(d.target) ")
                + d.set.map { "\($0.field)=\($0.value)" }.joined(separator: ", ") + lang.pick(" 理由: ", " — ") + d.reason
        case .requestApproved(let d) where Ledger.isCorrection(d.request):
            return lang.pick("訂正承認 \(d.request)", "correction granted \(d.request)") + (d.comment.map { " — \($0)" } ?? "")
        case .requestApproved(let d) where Ledger.isException(d.request):
            return lang.pick("例外措置承認 \(d.request)", "exception granted \(d.request)") + (d.comment.map { " — \($0)" } ?? "")
        case .exceptionRequested(let d):
            return lang.pick("例外措置申請 \(d.exception): \(d.registration ?? d.caseID ?? "") の\(d.rule)（\(t(d.until))まで）理由: \(d.reason)",
                             "exception request \(d.exception): \(d.rule) for \(d.registration ?? d.caseID ?? "") until \(t(d.until)), \(d.reason)")
        case .requestApproved(let d):
            return lang.pick("持出許可 \(d.request)（第3-2の確認\(d.confirmed.count)項目済）",
                             "approved \(d.request) (\(d.confirmed.count) checks of 3-2 confirmed)")
                + (d.comment.map { " — \($0)" } ?? "")
        case .requestRejected(let d):
            return lang.pick("却下 \(d.request) 理由: \(d.reason)", "rejected \(d.request): \(d.reason)")
        case .requestWithdrawn(let d):
            return lang.pick("申請取下げ \(d.request)", "withdrew \(d.request)") + (d.reason.map { " — \($0)" } ?? "")
        case .takeoutDeparted(let d):
            return lang.pick("持出し: \(d.registration)（\(d.request)）", "taken out: \(d.registration) (\(d.request))")
                + (d.exceptions.map { lang.pick(" 例外措置 ", " under exception ") + $0.joined(separator: ",") } ?? "")
        case .takeoutReturned(let d):
            return lang.pick("返却: \(d.registration)（\(d.request)）", "returned: \(d.registration) (\(d.request))") + (d.note.map { " — \($0)" } ?? "")
        case .configured(let d):
            return lang.pick("設定変更: \(d.key) = \(d.value)", "setting \(d.key) = \(d.value)")
        case .handoverLate(let d), .transferLate(let d):
            let what = (d.media + d.items.map { "\($0.name)=\($0.quantity)" }).joined(separator: lang.pick("、", ", "))
            return lang.pick("遅着 \(d.id): \(d.date.iso) \(what)", "arrived late \(d.id) on \(d.date.iso): \(what)")
        case .mediumAmended(let d):
            let what = d.changes.map { c in
                "\(c.field.label(lang)) \(c.from.isEmpty ? lang.pick("（なし）", "(none)") : c.from) → \(c.to.isEmpty ? lang.pick("（なし）", "(none)") : c.to)"
            }.joined(separator: lang.pick("、", ", "))
            return lang.pick("登録内容の変更: \(d.registration) \(what) 理由: \(d.reason)", "amended \(d.registration): \(what); reason: \(d.reason)")
        case .recordCorrected(let d):
            return lang.pick("訂正: レコード #\(d.target) 理由: \(d.reason) — \(d.note)", "correction of record #\(d.target): \(d.reason) — \(d.note)")
        case .handoverDrafted(let d):
            let items = d.items.map { "\($0.name)=\($0.quantity)" }.joined(separator: lang.pick("、", ", "))
            return lang.pick("送付リスト起案 \(d.handover): 宛先 \(d.to)\(d.returnRequired ? "（返却・廃棄要）" : "") \(items)",
                             "handover \(d.handover) drafted to \(d.to)\(d.returnRequired ? " (return required)" : ""): \(items)")
        case .handoverEdited(let d):
            let items = d.items.map { "\($0.name)=\($0.quantity)" }.joined(separator: lang.pick("、", ", "))
            return lang.pick("送付リスト修正 \(d.handover): 宛先 \(d.to) \(items)", "handover \(d.handover) edited, to \(d.to): \(items)")
        case .handoverDispatched(let d):
            return lang.pick("送達 \(d.handover): \(d.date.iso)（受領書期限 \(d.due.iso)）", "dispatched \(d.handover) on \(d.date.iso), receipt due \(d.due.iso)")
        case .handoverReceived(let d):
            return lang.pick("受領書受理 \(d.handover): \(d.date.iso) 受領者 \(d.by)", "receipt for \(d.handover): \(d.date.iso) by \(d.by)")
        case .handoverReminded(let d):
            return lang.pick("督促 \(d.handover)", "reminded \(d.handover)") + (d.note.map { " — \($0)" } ?? "")
        case .handoverAcknowledged(let d):
            return lang.pick("差異確認 \(d.handover)", "discrepancy acknowledged \(d.handover)") + (d.note.map { " — \($0)" } ?? "")
        case .handoverReturned(let d):
            return lang.pick("返却受領 \(d.handover): \(d.items.joined(separator: "、"))", "returned \(d.handover): \(d.items.joined(separator: ", "))")
        case .handoverDestroyed(let d):
            return lang.pick("廃棄・抹消報告 \(d.handover): \(d.items.joined(separator: "、")) 報告 \(d.report ?? "") \(d.signer ?? "")",
                             "destruction reported \(d.handover): \(d.items.joined(separator: ", ")), report \(d.report ?? "") by \(d.signer ?? "")")
        case .handoverRecalled(let d):
            return lang.pick("送付取消 \(d.handover)", "recalled \(d.handover)") + (d.note.map { " — \($0)" } ?? "")
        case .handoverIncoming(let d):
            let items = d.items.map { "\($0.name)=\($0.quantity)" }.joined(separator: lang.pick("、", ", "))
            return lang.pick("受領 \(d.handover): 送付者 \(d.from) \(items)", "received \(d.handover) from \(d.from): \(items)")
        case .transferDrafted(let d):
            return lang.pick("送達票起案 \(d.transfer): \(d.to)へ \(d.media.joined(separator: "、"))",
                             "transfer \(d.transfer) drafted to \(d.to): \(d.media.joined(separator: ", "))")
        case .transferEdited(let d):
            return lang.pick("送達票修正 \(d.transfer): \(d.to)へ \(d.media.joined(separator: "、"))",
                             "transfer \(d.transfer) edited, to \(d.to): \(d.media.joined(separator: ", "))")
        case .transferDispatched(let d):
            return lang.pick("発送 \(d.transfer): \(d.date.iso)", "transfer \(d.transfer) sent on \(d.date.iso)")
        case .transferReceived(let d):
            return lang.pick("受領票受理 \(d.transfer): \(d.date.iso) \(d.by)", "receipt slip for \(d.transfer): \(d.date.iso) by \(d.by)")
        case .life(let c):
            return c.summary(lang, timeZone: timeZone)
        case .transferRecalled(let d):
            return lang.pick("送達取消 \(d.transfer) — \(d.reason)", "transfer recalled \(d.transfer) — \(d.reason)")
        case .transferIncoming(let d):
            let list = d.media.map { "\($0.registration)（\($0.theirs)）" }.joined(separator: lang.pick("、", ", "))
            return lang.pick("媒体受領 \(d.transfer): \(d.from)から \(list)", "media received \(d.transfer) from \(d.from): \(list)")
        }
    }
}

extension Ledger {
    /// Who has the medium now, or where it went: the user of the open use or the take-out destination.
    public func holder(of m: Medium) -> String? {
        if let u = m.openUse { return uses[u].user }
        if let c = m.openCase { return handovers[c]?.counterpart ?? transfers[c]?.counterpart }
        if m.status == .takenOut, let id = m.openRequest, let q = requests[id] { return q.destination }
        return nil
    }

    /// When the medium is due back: the expected end of its use or take-out.
    public func due(of m: Medium) -> Date? {
        if let u = m.openUse { return uses[u].until }
        if m.status == .takenOut, let id = m.openRequest { return requests[id]?.until }
        return nil
    }

    /// Past the expected end of use or take-out (derived, never stored).
    public func isOverdue(_ m: Medium, at now: Date) -> Bool {
        guard m.status == .inUse || m.status == .takenOut, let due = due(of: m) else { return false }
        return due < now
    }

    /// Uses still open past their expected end, oldest first.
    public func overdueUses(at now: Date) -> [UseEntry] { uses.filter { $0.isOverdue(at: now) } }

    /// Take-outs still out past their end, oldest first.
    /// (A medium reported lost while out is an incident, no longer a late return.)
    public func overdueTakeouts(at now: Date) -> [TakeoutRequest] {
        openRequests.filter { $0.isOverdue(at: now) && media[$0.registration]?.status == .takenOut }
    }

    /// Requests pending, approved or out, oldest first. Each is its medium's `openRequest`
    /// (the fold and the replayed rules keep one open request per medium), so this looks at the
    /// media, not at every request of ten years.
    public var openRequests: [TakeoutRequest] {
        var out: [TakeoutRequest] = []
        for m in media.values {
            if let id = m.openRequest, let q = requests[id], q.state == .pending || q.state == .approved || q.state == .departed {
                out.append(q)
            }
        }
        return out.sorted { $0.seq < $1.seq }
    }

    /// Pending requests `login` may decide: right role, not their own (002 第19条); oldest first.
    public func approvals(for login: String) -> [TakeoutRequest] {
        guard let p = people[login] else { return [] }
        guard !p.isRetired else { return [] }
        return openRequests.filter { q in
            q.state == .pending && stepRefusal(q, by: login) == nil
        }
    }

    /// Handovers whose 受領書 differs from what was sent, waiting for `login` to acknowledge:
    /// they may decide discrepancies and did not record that receipt (002 第19条). Oldest first.
    public func discrepancies(for login: String) -> [Handover] {
        guard let p = people[login] else { return [] }
        return allHandovers.filter { h in
            h.status == .discrepancy && h.acknowledgement == nil && !h.differences.isEmpty
                && !(h.receipt.map { samePerson($0.recordedBy, login) } ?? false)
                && deciders(for: .discrepancy).contains(where: p.has)
        }
    }

    /// Outgoing handovers whose 受領書 is past due on `today`, oldest due first.
    public func overdueReceipts(on today: Day) -> [Handover] {
        allHandovers.filter { $0.isOverdue(on: today) }.sorted { ($0.due ?? today) < ($1.due ?? today) }
    }

    /// Every pending request, oldest first.
    public var pendingRequests: [TakeoutRequest] { openRequests.filter { $0.state == .pending } }

    /// The records about a medium, oldest first.
    public func history(of registration: String) -> [Record] {
        (media[registration]?.history ?? []).compactMap { records[$0] }
    }

    /// Take-outs as the 持出簿 shows them: every request that was approved, oldest first.
    public var takeoutLog: [TakeoutRequest] {
        allRequests.filter { $0.decision?.approved == true }
    }

    /// Media counted by status.
    public func countsByStatus() -> [(MediumStatus, Int)] {
        var c: [MediumStatus: Int] = [:]
        for m in media.values { c[m.status, default: 0] += 1 }
        return MediumStatus.allCases.map { ($0, c[$0] ?? 0) }
    }
}
