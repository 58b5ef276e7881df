// The rules of handovers and transfers (decide) and how their records fold
// into the ledger (apply). Sources: 000 別記様式第3 and 第5項 (送付リスト /
// 受領書), 003 8.1 (provision to a contractor, return or destruction with a
// written report), 001 付紙第3 (送達票 / 受領票), 002 別表1 (配布禁止),
// 002 第19条 (nobody decides their own case).

import Foundation

/// A medium listed on an incoming 送達票: 型式 and the sender's 登録番号.
public struct IncomingMediumInput: Equatable, Sendable {
    public var model: String
    public var theirs: String
    public init(model: String, theirs: String) { self.model = model; self.theirs = theirs }

    /// `型式:登録番号` as typed (the last `:` separates them).
    public static func parse(_ text: String) throws(DomainError) -> IncomingMediumInput {
        guard let i = text.lastIndex(of: ":") ?? text.lastIndex(of: "：") else { throw .invalidMediumSpec(text) }
        let model = String(text[..<i]).trimmingCharacters(in: .whitespaces)
        let theirs = String(text[text.index(after: i)...]).trimmingCharacters(in: .whitespaces)
        guard !model.isEmpty, !theirs.isEmpty else { throw .invalidMediumSpec(text) }
        return IncomingMediumInput(model: model, theirs: theirs)
    }
}

extension HandoverItem {
    /// `名称=数量` as typed (the last `=` separates them; `＝` also works).
    public static func parse(_ text: String) throws(DomainError) -> HandoverItem {
        guard let i = text.lastIndex(of: "=") ?? text.lastIndex(of: "＝") else { throw .invalidItem(text) }
        let name = String(text[..<i]).trimmingCharacters(in: .whitespaces)
        let quantity = String(text[text.index(after: i)...]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !quantity.isEmpty else { throw .invalidItem(text) }
        return HandoverItem(name: name, quantity: quantity)
    }
}

extension Ledger {
    public func handover(_ id: String) throws(DomainError) -> Handover {
        let key = id.trimmingCharacters(in: .whitespaces)
        if let h = handovers[key] ?? handovers[key.uppercased()] { return h }
        throw .unknownCase(id)
    }

    public func transfer(_ id: String) throws(DomainError) -> Transfer {
        let key = id.trimmingCharacters(in: .whitespaces)
        if let t = transfers[key] ?? transfers[key.uppercased()] { return t }
        throw .unknownCase(id)
    }

    /// An id as typed (`ex-0001 `) as the ledger keys it (`EX-0001`).
    static func idKey(_ id: String) -> String { id.trimmingCharacters(in: .whitespaces).uppercased() }

    /// Keeps the sequence of a `PREFIX-NNNN` id at least at its number (ids folded from the journal).
    mutating func countID(_ id: String) {
        let parts = id.split(separator: "-")
        if parts.count == 2, let n = Int(parts[1]) { counters[String(parts[0])] = max(counters[String(parts[0])] ?? 0, n) }
    }

    /// `HO-0001` (outgoing handover), `HI-` (incoming), `TO-` (outgoing transfer), `TI-` (incoming).
    public func nextCaseID(_ prefix: String) -> String {
        let s = String((counters[prefix] ?? 0) + 1)
        return prefix + "-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// 所属 官職 階級 氏名 of an enrolled person, as forms print them.
    func formalName(_ login: String) -> String { people[login]?.formalName ?? login }

    /// A day typed for a form: today when omitted, never in the future.
    func formDay(_ day: Day?, now: Date, timeZone: TimeZone) throws(DomainError) -> Day {
        let today = Day(now, in: timeZone)
        guard let day else { return today }
        guard day <= today else { throw .dayInFuture(day.iso) }
        return day
    }

    func checkItems(_ items: [HandoverItem]) throws(DomainError) -> [HandoverItem] {
        guard !items.isEmpty else { throw .noItems }
        var out: [HandoverItem] = []
        for item in items {
            let name = try FieldText.clean(item.name, .itemName)
            let quantity = try FieldText.clean(item.quantity, .quantity)
            guard !out.contains(where: { $0.name == name }) else { throw .duplicateItem(name) }
            out.append(HandoverItem(name: name, quantity: quantity, registration: item.registration,
                                    classification: item.classification, restrictions: item.restrictions))
        }
        return out
    }

    /// A medium that can leave the unit's hands by `exit` now: the one exit check (Rules.swift), and in storage.
    /// `at`, `caseID`: the exceptions valid then for the medium or the case may suspend a rule (Exceptions.swift).
    func mediumReadyToGo(_ reg: String, _ exit: Exit, at: Date? = nil, case caseID: String? = nil) throws(DomainError) -> Medium {
        let m = try medium(reg)
        // 配布禁止, 持出禁止, 秘 (002 別表1, 001 付紙第4 1(1)ア(ｱ)).
        if let e = exitRefusal(m, exit, state: false, at: at, case: caseID) { throw e }
        if let c = m.openCase { throw .mediumInCase(registration: m.registration, id: c) }
        if m.status == .quarantined { throw .quarantined(registration: m.registration) }
        guard m.status == .stored else { throw .wrongState(registration: m.registration, status: m.status) }
        if let q = m.openRequest { throw .requestPending(registration: m.registration, request: q) }
        // A check due, 読後廃棄, 暗号化必須 or 機密性3 unencrypted (001 第3-3, 002 第49条).
        if let e = exitRefusal(m, exit, at: at, case: caseID) { throw e }
        return m
    }

    /// The exceptions the media of a case leave under at `at` (named on the dispatch record), or nil when none.
    func exceptionsUsed(_ regs: [String], _ exit: Exit, at: Date, case caseID: String) -> [String]? {
        var out: [String] = []
        for reg in regs {
            guard let m = media[reg] else { continue }
            for e in exitCheck(m, exit, at: at, case: caseID).exceptions where !out.contains(e) { out.append(e) }
        }
        return out.isEmpty ? nil : out.sorted()
    }

    func decideCase(_ command: Command, by actor: Actor, now: Date, timeZone: TimeZone) throws(DomainError) -> Change {
        switch command {
        case let .newHandover(to, contract, returnRequiredFlag, items, mediaRegs, note, classification, restrictionWords, noReturn):
            let contract = try FieldText.optional(contract, .contract)
            let noReturn = try FieldText.optional(noReturn, .reason)
            if returnRequiredFlag && noReturn != nil { throw .rule(.returnConflict) }
            // A provision to a contract comes back or is destroyed with a report by default (003 8.1(4)(5)).
            let returnRequired = returnRequiredFlag || (contract != nil && noReturn == nil)
            // Documents and data carry the marks the drafter gives them (002 第46条); media carry their own (第46条2).
            let marks = try parseRestrictions(restrictionWords)
            var all = items.map { i in
                HandoverItem(name: i.name, quantity: i.quantity, registration: i.registration,
                             classification: i.classification ?? classification, restrictions: i.restrictions ?? (marks.isEmpty ? nil : marks))
            }
            try addDraftMedia(mediaRegs, to: &all, now: now)
            return .handoverDrafted(HandoverDraftData(
                handover: nextCaseID("HO"), to: try FieldText.clean(to, .addressee),
                contract: contract, returnRequired: returnRequired,
                items: try checkItems(all), note: try FieldText.optional(note, .note), noReturnReason: noReturn))

        case let .editHandover(id, to, items, mediaRegs, note, classification, restrictionWords):
            let h = try handover(id)
            // Only a draft changes: once dispatched, the 送付リスト is what went (000 別記様式第3).
            guard h.direction == .outgoing, h.status == .draft else { throw .handoverState(id: h.id, status: h.status) }
            try requireDrafterOrOfficer(h.id, drafter: h.createdBy, actor)
            let marks = try parseRestrictions(restrictionWords)
            // Items given replace the documents and data; one keeping its name keeps its marks unless new ones are given.
            var all = items.map { given in given.map { i in
                let before = h.items.first { $0.registration == nil && $0.name == i.name.trimmingCharacters(in: .whitespaces) }
                return HandoverItem(name: i.name, quantity: i.quantity, registration: nil,
                                    classification: i.classification ?? classification ?? before?.classification,
                                    restrictions: i.restrictions ?? (marks.isEmpty ? before?.restrictions : marks))
            } } ?? h.items.filter { $0.registration == nil }
            // Every medium, kept or new, passes the same exit check as when drafted (002 別表1).
            try addDraftMedia(mediaRegs ?? h.registrations, to: &all, now: now)
            let d = HandoverDraftData(handover: h.id, to: try FieldText.clean(to ?? h.counterpart, .addressee),
                                      contract: h.contract, returnRequired: h.returnRequired, items: try checkItems(all),
                                      note: try note.map { n throws(DomainError) in try FieldText.optional(n, .note) } ?? h.note,
                                      noReturnReason: nil)
            guard d.to != h.counterpart || d.items != h.items || d.note != h.note else { throw .nothingChanged(login: h.id) }
            return .handoverEdited(d)

        case let .dispatchHandover(id, date, dueDays):
            let h = try handover(id)
            guard h.direction == .outgoing, h.status == .draft else { throw .handoverState(id: h.id, status: h.status) }
            for reg in h.registrations { _ = try mediumReadyToGo(reg, .handover, at: now, case: h.id) }
            // 機密性3 information goes outside only with permission (002 第48条3).
            if h.needsPermission && h.permission?.approved != true { throw .rule(.permissionRequired(id: h.id)) }
            let day = try formDay(date, now: now, timeZone: timeZone)
            let days = dueDays ?? receiptDueDays
            guard (1...365).contains(days) else { throw .invalidDueDays(days) }
            return .handoverDispatched(HandoverDispatchData(handover: h.id, date: day, due: day.adding(days: days),
                                                            sender: formalName(actor.login),
                                                            exceptions: exceptionsUsed(h.registrations, .handover, at: now, case: h.id)))

        case let .receiveHandover(id, by, date, received):
            let h = try handover(id)
            // A 受領書 answers a dispatched 送付リスト (000 第5項(2)).
            guard h.direction == .outgoing, h.status == .dispatched else { throw .handoverState(id: h.id, status: h.status) }
            let day = try formDay(date, now: now, timeZone: timeZone)
            if let sent = h.dispatchDate, day < sent { throw .dayBeforeDispatch(day.iso, sent.iso) }
            var items: [ReceivedItem] = []
            for r in received ?? h.items.map({ ReceivedItem(name: $0.name, quantity: $0.quantity) }) {
                let name = r.name.trimmingCharacters(in: .whitespaces)
                guard h.items.contains(where: { $0.name == name }) else { throw .unknownItem(id: h.id, name: name) }
                guard !items.contains(where: { $0.name == name }) else { throw .duplicateItem(name) }
                items.append(ReceivedItem(name: name, quantity: try FieldText.clean(r.quantity, .quantity)))
            }
            return .handoverReceived(HandoverReceiptData(handover: h.id, date: day, by: try FieldText.clean(by, .recipient), items: items))

        case let .remindHandover(id, note):
            let h = try handover(id)
            guard h.status == .dispatched else { throw .handoverState(id: h.id, status: h.status) }
            return .handoverReminded(HandoverNoteData(handover: h.id, note: try FieldText.optional(note, .note)))

        case let .acknowledgeHandover(id, note):
            let h = try handover(id)
            try require(actor, deciders(for: .discrepancy))
            // A note resolves differences of items, once; a missing medium is resolved only by its arrival or loss (Receipts.swift).
            guard h.status == .discrepancy, h.acknowledgement == nil, !h.differences.isEmpty else { throw .handoverState(id: h.id, status: h.status) }
            // The one who recorded the 受領書 does not acknowledge its differences (002 第19条).
            if h.receipt?.recordedBy == actor.login { throw .selfApproval(request: h.id) }
            return .handoverAcknowledged(HandoverNoteData(handover: h.id, note: try FieldText.clean(note, .note)))

        case let .returnHandover(id, names, date):
            let (h, items) = try outstandingItems(id, names)
            let day = try formDay(date, now: now, timeZone: timeZone)
            return .handoverReturned(HandoverDisposalData(handover: h.id, items: items, date: day, report: nil, signer: nil))

        case let .destroyHandover(id, names, report, date, by):
            let (h, items) = try outstandingItems(id, names)
            let day = try formDay(date, now: now, timeZone: timeZone)
            if let r = h.receipt, day < r.date { throw .dayBeforeDispatch(day.iso, r.date.iso) }
            // 003 8.1(4)(5): destruction or erasure is reported in writing, and that report is recorded.
            return .handoverDestroyed(HandoverDisposalData(handover: h.id, items: items, date: day,
                                                           report: try FieldText.clean(report, .report),
                                                           signer: try FieldText.clean(by, .signer)))

        case let .recallHandover(id, reason):
            let h = try handover(id)
            guard h.status == .draft || h.status == .dispatched else { throw .handoverState(id: h.id, status: h.status) }
            return .handoverRecalled(HandoverNoteData(handover: h.id, note: try FieldText.clean(reason, .reason)))

        case let .incomingHandover(from, items, date, note):
            return .handoverIncoming(HandoverIncomingData(
                handover: nextCaseID("HI"), from: try FieldText.clean(from, .sender), items: try checkItems(items),
                date: try formDay(date, now: now, timeZone: timeZone), by: formalName(actor.login),
                note: try FieldText.optional(note, .note)))

        case let .newTransfer(to, regs, note):
            guard !regs.isEmpty else { throw .noItems }
            var media: [String] = []
            for reg in regs {
                let m = try mediumReadyToGo(reg, .transfer, at: now)
                guard !media.contains(m.registration) else { throw .duplicateItem(m.registration) }
                media.append(m.registration)
            }
            return .transferDrafted(TransferDraftData(transfer: nextCaseID("TO"), to: try FieldText.clean(to, .toUnit),
                                                      media: media, note: try FieldText.optional(note, .note)))

        case let .editTransfer(id, to, regs, note):
            let t = try transfer(id)
            guard t.direction == .outgoing, t.status == .draft else { throw .transferState(id: t.id, status: t.status) }
            try requireDrafterOrOfficer(t.id, drafter: t.createdBy, actor)
            let list = regs ?? t.media
            guard !list.isEmpty else { throw .noItems }
            var media: [String] = []
            for reg in list {
                let m = try mediumReadyToGo(reg, .transfer, at: now)
                guard !media.contains(m.registration) else { throw .duplicateItem(m.registration) }
                media.append(m.registration)
            }
            let d = TransferDraftData(transfer: t.id, to: try FieldText.clean(to ?? t.counterpart, .toUnit), media: media,
                                      note: try note.map { n throws(DomainError) in try FieldText.optional(n, .note) } ?? t.note)
            guard d.to != t.counterpart || d.media != t.media || d.note != t.note else { throw .nothingChanged(login: t.id) }
            return .transferEdited(d)

        case let .dispatchTransfer(id, date):
            let t = try transfer(id)
            guard t.direction == .outgoing, t.status == .draft else { throw .transferState(id: t.id, status: t.status) }
            for reg in t.media { _ = try mediumReadyToGo(reg, .transfer, at: now, case: t.id) }
            return .transferDispatched(TransferDispatchData(transfer: t.id, date: try formDay(date, now: now, timeZone: timeZone),
                                                            sender: formalName(actor.login),
                                                            exceptions: exceptionsUsed(t.media, .transfer, at: now, case: t.id)))

        case let .receiveTransfer(id, by, date, received):
            let t = try transfer(id)
            // The 受領票 comes back for a 送達票 that went (001 付紙第3).
            guard t.direction == .outgoing, t.status == .dispatched else { throw .transferState(id: t.id, status: t.status) }
            let day = try formDay(date, now: now, timeZone: timeZone)
            if let sent = t.dispatchDate, day < sent { throw .dayBeforeDispatch(day.iso, sent.iso) }
            // It says of each medium whether it arrived (Receipts.swift).
            return .transferReceived(TransferReceiptData(transfer: t.id, date: day, by: try FieldText.clean(by, .recipient),
                                                         received: try receivedMedia(t, received)))

        case let .lateTransfer(id, regs, date):
            return try decideLate(id, media: regs, items: [], date: date, now: now, timeZone: timeZone, transfer: true)

        case let .lateHandover(id, items, regs, date):
            return try decideLate(id, media: regs, items: items, date: date, now: now, timeZone: timeZone, transfer: false)

        case let .recallTransfer(id, reason):
            let t = try transfer(id)
            guard t.direction == .outgoing, t.status == .draft || t.status == .dispatched else { throw .transferState(id: t.id, status: t.status) }
            return .transferRecalled(TransferRecallData(transfer: t.id, reason: try FieldText.clean(reason, .reason)))

        case let .incomingTransfer(from, list, kind, category, classification, date, note):
            let from = try FieldText.clean(from, .fromUnit)
            guard !list.isEmpty else { throw .noItems }
            // Disclosable ⇒ write-protected (001 付紙第4 1(1)イ): a received medium cannot be marked so here.
            if category == .disclosable { throw .disclosableNotWriteProtected }
            var taken = Set<String>()
            var out: [IncomingMedium] = []
            var scratch = self
            for item in list {
                let model = try FieldText.clean(item.model, .model)
                let theirs = try FieldText.clean(item.theirs, .serial)
                if out.contains(where: { $0.theirs == theirs }) || media.values.contains(where: {
                    $0.data.theirRegistration == theirs && $0.data.fromUnit == from
                }) { throw .alreadyReceived(theirs, from) }
                let k = kind ?? MediumKind.guess(fromRegistration: theirs)
                let reg = scratch.nextRegistration(kind: k, now: now, timeZone: timeZone)
                guard !taken.contains(reg) else { throw .duplicateItem(reg) }
                taken.insert(reg)
                if let (prefix, n) = Ledger.split(registration: reg) { scratch.counters[prefix] = max(scratch.counters[prefix] ?? 0, n) }
                out.append(IncomingMedium(registration: reg, model: model, theirs: theirs, kind: k, category: category,
                                          classification: classification))
            }
            return .transferIncoming(TransferIncomingData(
                transfer: nextCaseID("TI"), from: from, media: out, date: try formDay(date, now: now, timeZone: timeZone),
                by: formalName(actor.login), note: try FieldText.optional(note, .note)))

        default:
            fatalError("not a handover or transfer command")
        }
    }

    /// The registered media of a 送付リスト as its lines, each through the one exit check (Rules.swift):
    /// 配布禁止 and the rest by the medium's own marks (002 別表1), never a medium gone for good.
    private func addDraftMedia(_ regs: [String], to all: inout [HandoverItem], now: Date) throws(DomainError) {
        for item in all where item.registration == nil { if let e = itemRefusal(item) { throw e } }
        for reg in regs {
            let m = try medium(reg)
            if let e = exitRefusal(m, .handover, state: false, at: now) { throw e }
            guard !m.status.isFinal else { throw .wrongState(registration: m.registration, status: m.status) }
            if all.contains(where: { $0.registration == m.registration }) { throw .duplicateItem(m.registration) }
            all.append(HandoverItem(name: "\(m.data.kind.label(.ja)) \(m.registration)", quantity: "1媒体", registration: m.registration,
                                    classification: m.data.classification,
                                    restrictions: m.data.restrictions.isEmpty ? nil : m.data.restrictions))
        }
    }

    /// Why `actor` may not edit the draft case `id` now (the screens ask before opening its form), or nil.
    public func draftEditRefusal(_ id: String, by actor: Actor) -> DomainError? {
        do throws(DomainError) {
            if let h = handovers[id] {
                try require(actor, Ledger.roles(for: .editHandover(id: id, to: nil, items: nil, media: nil, note: nil)))
                guard h.direction == .outgoing, h.status == .draft else { throw .handoverState(id: h.id, status: h.status) }
                try requireDrafterOrOfficer(h.id, drafter: h.createdBy, actor)
            } else {
                let t = try transfer(id)
                try require(actor, Ledger.roles(for: .editTransfer(id: id, to: nil, media: nil, note: nil)))
                guard t.direction == .outgoing, t.status == .draft else { throw .transferState(id: t.id, status: t.status) }
                try requireDrafterOrOfficer(t.id, drafter: t.createdBy, actor)
            }
            return nil
        } catch { return error }
    }

    /// A draft is edited by who drafted it (the same human, People.swift) or by the officer; nobody else
    /// changes a paper that goes out in another's name (002 第19条).
    private func requireDrafterOrOfficer(_ id: String, drafter: String, _ actor: Actor) throws(DomainError) {
        let p = try person(actor)
        guard samePerson(drafter, actor.login) || p.has(.officer) else { throw .notDrafter(id: id, drafter: drafter) }
    }

    /// Why an edit of a draft written by `p` breaks a rule (the replay): not the drafter nor the officer, not a draft,
    /// or a contract's terms changed (an edit keeps 契約番号 and 返却要否, 003 8.1(4)).
    func draftEditViolation(_ id: String, drafter: String, isDraft: Bool, by p: Person) -> String? {
        if !isDraft { return "\(id) edited when it is not a draft" }
        if !samePerson(drafter, p.login) && !p.has(.officer) { return "\(p.login) edited \(id), drafted by \(drafter)" }
        return nil
    }

    /// Items of a contractor handover still to be returned or destroyed (003 8.1(4)).
    private func outstandingItems(_ id: String, _ names: [String]) throws(DomainError) -> (Handover, [String]) {
        let h = try handover(id)
        guard h.returnRequired else { throw .notReturnRequired(h.id) }
        guard h.receipt != nil, h.status == .received || h.status == .discrepancy else {
            throw .handoverState(id: h.id, status: h.status)
        }
        let open = h.outstanding.map(\.name)
        if names.isEmpty { return (h, open) }
        var out: [String] = []
        for raw in names {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard h.items.contains(where: { $0.name == name }) else { throw .unknownItem(id: h.id, name: name) }
            guard open.contains(name) else { throw .itemAlreadySettled(id: h.id, name: name) }
            if !out.contains(name) { out.append(name) }
        }
        return (h, out)
    }

    // MARK: - The fold

    mutating func applyCase(_ r: Record) throws(InconsistentRecord) {
        func bad(_ why: String) -> InconsistentRecord { InconsistentRecord(seq: r.seq, reason: why) }
        func open(_ id: String, _ status: HandoverStatus...) throws(InconsistentRecord) -> Handover {
            guard let h = handovers[id] else { throw bad("unknown handover \(id)") }
            guard status.contains(h.status) else { throw bad("handover \(id) is \(h.status.rawValue)") }
            return h
        }
        func openTransfer(_ id: String, _ status: TransferStatus...) throws(InconsistentRecord) -> Transfer {
            guard let t = transfers[id] else { throw bad("unknown transfer \(id)") }
            guard status.contains(t.status) else { throw bad("transfer \(id) is \(t.status.rawValue)") }
            return t
        }
        func count(_ id: String) { countID(id) }
        /// Moves the media of a case, checking each is where the case says it is.
        func move(_ all: [String], from: [MediumStatus], to: MediumStatus, openCase: String?) throws(InconsistentRecord) {
            guard let id = r.change.caseID else { return }
            var regs: [String] = []
            for reg in all {
                guard let m = media[reg] else { throw bad("unknown medium \(reg)") }
                // A medium reported lost while out with the case has left it: the loss stands.
                if from != [.stored] && m.openCase != id { continue }
                guard from.contains(m.status) else { throw bad("\(reg) is \(m.status.rawValue)") }
                regs.append(reg)
            }
            for reg in regs {
                media[reg]!.status = to
                media[reg]!.openCase = openCase
                media[reg]!.history.append(r.seq)
                // Back in the unit's hands from outside (a recall from transit, a contractor's return): checked first (001 第3-3).
                if to == .stored { media[reg]!.backAt = r.seq }
            }
        }

        switch r.change {
        case .handoverDrafted(let d):
            guard handovers[d.handover] == nil else { throw bad("handover \(d.handover) twice") }
            for reg in d.items.compactMap(\.registration) where media[reg] == nil { throw bad("unknown medium \(reg)") }
            handovers[d.handover] = Handover(id: d.handover, direction: .outgoing, seq: r.seq, createdAt: r.at, createdBy: r.actor,
                                             counterpart: d.to, contract: d.contract, returnRequired: d.returnRequired,
                                             items: d.items, note: d.note, history: [r.seq])
            handoverOrder.append(d.handover)
            count(d.handover)
        case .handoverEdited(let d):
            // The edit is the draft's whole content; contract and return stay as drafted.
            let h = try open(d.handover, .draft)
            guard h.direction == .outgoing else { throw bad("handover \(h.id) is incoming") }
            guard d.contract == h.contract, d.returnRequired == h.returnRequired else { throw bad("edit of \(h.id) changes its contract") }
            for reg in d.items.compactMap(\.registration) where media[reg] == nil { throw bad("unknown medium \(reg)") }
            handovers[h.id]!.counterpart = d.to
            handovers[h.id]!.items = d.items
            handovers[h.id]!.note = d.note
            // A decided permission was for what the draft said (002 第48条3): an edit undoes it, and a 機密性3
            // list waits for permission again, from its first step (Steps.swift; the earlier steps stay in the journal).
            handovers[h.id]!.permission = nil
            stepDecisions[h.id] = nil
            handovers[h.id]!.history.append(r.seq)
        case .handoverDispatched(let d):
            let h = try open(d.handover, .draft)
            guard d.due >= d.date else { throw bad("due before dispatch") }
            try move(h.registrations, from: [.stored], to: .inTransit, openCase: h.id)
            handovers[h.id]!.dispatchDate = d.date
            handovers[h.id]!.due = d.due
            handovers[h.id]!.sender = d.sender
            handovers[h.id]!.dispatchedBy = r.actor
            handovers[h.id]!.history.append(r.seq)
            try applyExceptionUses(d.exceptions, r)
        case .handoverReceived(let d):
            let h = try open(d.handover, .dispatched)
            for item in d.items where !h.items.contains(where: { $0.name == item.name }) { throw bad("no item \(item.name) in \(h.id)") }
            // A registered medium not on the 受領書 stays 送達中 with the case (Receipts.swift).
            let arrived = h.items.filter { i in i.registration != nil && d.items.contains { $0.name == i.name } }.compactMap(\.registration)
            try move(arrived, from: [.inTransit], to: .transferred, openCase: h.id)
            handovers[h.id]!.missingMedia = h.registrations.filter { !arrived.contains($0) && media[$0]?.openCase == h.id }
            handovers[h.id]!.receipt = HandoverReceipt(date: d.date, by: d.by, items: d.items, recordedBy: r.actor, recordedAt: r.at)
            handovers[h.id]!.differences = differences(sent: h.items, received: d.items)
            handovers[h.id]!.history.append(r.seq)
        case .handoverReminded(let d):
            let h = try open(d.handover, .dispatched)
            handovers[h.id]!.reminders.append(HandoverEvent(seq: r.seq, at: r.at, by: r.actor, note: d.note))
            handovers[h.id]!.history.append(r.seq)
        case .handoverAcknowledged(let d):
            let h = try open(d.handover, .discrepancy)
            if h.acknowledgement != nil { throw bad("\(h.id) acknowledged twice") }
            if h.receipt?.recordedBy == r.actor { throw bad("\(h.id) acknowledged by who recorded the receipt") }
            handovers[h.id]!.acknowledgement = HandoverEvent(seq: r.seq, at: r.at, by: r.actor, note: d.note)
            handovers[h.id]!.history.append(r.seq)
        case .handoverReturned(let d), .handoverDestroyed(let d):
            let h = try open(d.handover, .received, .discrepancy)
            let outstanding = h.outstanding.map(\.name)
            for name in d.items where !outstanding.contains(name) { throw bad("item \(name) of \(h.id) is not outstanding") }
            let regs = h.items.filter { d.items.contains($0.name) }.compactMap(\.registration)
            if d.report == nil {
                try move(regs, from: [.transferred], to: .stored, openCase: nil)
            } else {
                try move(regs, from: [.transferred], to: .destroyed, openCase: nil)
            }
            for name in d.items {
                handovers[h.id]!.disposals.append(ItemDisposal(item: name, date: d.date, report: d.report, signer: d.signer, seq: r.seq))
            }
            handovers[h.id]!.history.append(r.seq)
        case .handoverLate(let d):
            try applyLate(d, r, transfer: false)
        case .transferLate(let d):
            try applyLate(d, r, transfer: true)
        case .handoverRecalled(let d):
            let h = try open(d.handover, .draft, .dispatched)
            if h.status == .dispatched { try move(h.registrations, from: [.inTransit], to: .stored, openCase: nil) }
            handovers[h.id]!.recall = HandoverEvent(seq: r.seq, at: r.at, by: r.actor, note: d.note)
            handovers[h.id]!.history.append(r.seq)
        case .handoverIncoming(let d):
            guard handovers[d.handover] == nil else { throw bad("handover \(d.handover) twice") }
            handovers[d.handover] = Handover(
                id: d.handover, direction: .incoming, seq: r.seq, createdAt: r.at, createdBy: r.actor, counterpart: d.from,
                contract: nil, returnRequired: false, items: d.items, note: d.note,
                receipt: HandoverReceipt(date: d.date, by: d.by, items: d.items.map { ReceivedItem(name: $0.name, quantity: $0.quantity) },
                                         recordedBy: r.actor, recordedAt: r.at),
                history: [r.seq])
            handoverOrder.append(d.handover)
            count(d.handover)
        case .transferDrafted(let d):
            guard transfers[d.transfer] == nil else { throw bad("transfer \(d.transfer) twice") }
            for reg in d.media where media[reg] == nil { throw bad("unknown medium \(reg)") }
            transfers[d.transfer] = Transfer(id: d.transfer, direction: .outgoing, seq: r.seq, createdAt: r.at, createdBy: r.actor,
                                             counterpart: d.to, media: d.media, note: d.note, history: [r.seq])
            transferOrder.append(d.transfer)
            count(d.transfer)
            for reg in d.media { media[reg]!.history.append(r.seq) }
        case .transferEdited(let d):
            let t = try openTransfer(d.transfer, .draft)
            guard t.direction == .outgoing else { throw bad("transfer \(t.id) is incoming") }
            for reg in d.media where media[reg] == nil { throw bad("unknown medium \(reg)") }
            transfers[t.id]!.counterpart = d.to
            transfers[t.id]!.media = d.media
            transfers[t.id]!.note = d.note
            transfers[t.id]!.history.append(r.seq)
            for reg in d.media where !t.media.contains(reg) { media[reg]!.history.append(r.seq) }
            for reg in t.media { media[reg]!.history.append(r.seq) }
        case .transferDispatched(let d):
            let t = try openTransfer(d.transfer, .draft)
            try move(t.media, from: [.stored], to: .inTransit, openCase: t.id)
            transfers[t.id]!.dispatchDate = d.date
            transfers[t.id]!.sender = d.sender
            transfers[t.id]!.history.append(r.seq)
            try applyExceptionUses(d.exceptions, r)
        case .transferReceived(let d):
            let t = try openTransfer(d.transfer, .dispatched)
            for reg in d.received ?? [] where !t.media.contains(reg) { throw bad("\(reg) is not on \(t.id)") }
            let arrived = d.received.map { got in t.media.filter(got.contains) } ?? t.media
            try move(arrived, from: [.inTransit], to: .transferred, openCase: t.id)
            transfers[t.id]!.missing = t.media.filter { !arrived.contains($0) && media[$0]?.openCase == t.id }
            transfers[t.id]!.receiptDate = d.date
            transfers[t.id]!.receiver = d.by
            transfers[t.id]!.history.append(r.seq)
        case .transferRecalled(let d):
            let t = try openTransfer(d.transfer, .draft, .dispatched)
            if t.status == .dispatched { try move(t.media, from: [.inTransit], to: .stored, openCase: nil) }
            transfers[t.id]!.recall = HandoverEvent(seq: r.seq, at: r.at, by: r.actor, note: d.reason)
            transfers[t.id]!.history.append(r.seq)
        case .transferIncoming(let d):
            guard transfers[d.transfer] == nil else { throw bad("transfer \(d.transfer) twice") }
            for m in d.media {
                guard media[m.registration] == nil else { throw bad("\(m.registration) registered twice") }
                let data = MediumData(registration: m.registration, kind: m.kind, category: m.category, classification: m.classification,
                                      model: m.model, origin: d.transfer, fromUnit: d.from, theirRegistration: m.theirs)
                // Received from another unit: checked before anything else (001 第3-3).
                media[m.registration] = Medium(data: data, registeredAt: r.at, registeredBy: r.actor, status: .stored,
                                               lastScan: nil, openUse: nil, openRequest: nil, history: [r.seq], backAt: r.seq)
                mediaOrder.append(m.registration)
                if let (prefix, n) = Ledger.split(registration: m.registration) { counters[prefix] = max(counters[prefix] ?? 0, n) }
            }
            transfers[d.transfer] = Transfer(
                id: d.transfer, direction: .incoming, seq: r.seq, createdAt: r.at, createdBy: r.actor, counterpart: d.from,
                media: d.media.map(\.registration), incoming: d.media, note: d.note, receiptDate: d.date, receiver: d.by,
                history: [r.seq])
            transferOrder.append(d.transfer)
            count(d.transfer)
        default:
            throw bad("not a handover or transfer record")
        }
    }
}

extension MediumKind {
    /// The kind a registration number's prefix names (`USB-2025-0003` → USB), else その他.
    public static func guess(fromRegistration reg: String) -> MediumKind {
        let head = reg.uppercased().split(whereSeparator: { !$0.isLetter }).first.map(String.init) ?? ""
        return MediumKind.allCases.first { $0.prefix == head || $0.rawValue.uppercased() == head } ?? .other
    }
}
