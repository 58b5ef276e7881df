// The rules of the lifecycle records (decide), how they fold into the ledger
// (apply), and the same rules replayed on every record (ruleViolation), so
// that a journal forged by hand must keep them too. Sources in each rule.

import Foundation

/// What a person asks for about pledges, keys, rosters, inventories, disposals and incidents.
public enum LifeCommand: Equatable, Sendable {
    case recordPledge(login: String, date: Day?)
    case addKey(key: String, opens: String, location: String?)
    case lendKey(key: String, to: String, until: Date)
    case returnKey(key: String)
    case addRoster(contract: String, name: String, kana: String, born: Day, address: String, nationality: String,
                   post: String, duty: String, result: String?, note: String?)
    case startInventory(asOf: Day?, locations: [String])
    /// Registration numbers sighted; those already counted are left out (nothing is recorded twice).
    case countInventory(id: String, registrations: [String])
    case closeInventory(id: String)
    case requestDisposal(registration: String, kind: DisposalKind, method: String, reason: String)
    case completeDisposal(id: String, operatorLogin: String, witness: String, date: Day?)
    /// An erased medium (消去済) put back in storage, empty (001 付紙第4 1(5)).
    case storeErased(id: String)
    case stepIncident(id: String, step: String, note: String?)
    case closeIncident(id: String, conclusion: String)

    /// Who may issue it. Decisions on disposals go through `approve`/`reject` (`deciders(for: .disposal)`).
    public var roles: [Role] {
        switch self {
        // The officer takes and keeps the pledges (001 第4), registers keys (第2-2), files rosters,
        // opens and closes inventories (第6) and closes incidents.
        case .recordPledge, .addKey, .addRoster, .startInventory, .closeInventory, .closeIncident: [.officer]
        // Lending and returning keys, counting, requesting and carrying out a disposal and recording
        // the reporting steps are done by the officer or a clerk.
        case .lendKey, .returnKey, .countInventory, .requestDisposal, .completeDisposal, .storeErased, .stepIncident: [.clerk, .officer]
        }
    }
}

/// Why a lifecycle command was refused.
public enum LifeError: Equatable, Sendable {
    case unknownKey(String)
    case keyExists(String)
    case keyLent(String, to: String)
    case keyNotLent(String)
    case unknownInventory(String)
    case inventoryClosed(String)
    case unknownNumber(String)
    case nothingCounted
    case unknownDisposal(String)
    case disposalState(String, DisposalState)
    case disposalOpen(registration: String, id: String)
    /// Only an erase carried out and not yet back in storage is put back.
    case notErased(String)
    case unknownMethod(String, [String])
    case samePerson
    case witnessIsRequester(String)
    case unknownIncident(String)
    case incidentClosed(String)
    case unknownStep(String, [String])
    case stepDone(String)
    case stepOutOfOrder(String, next: String)
    case stepsOutstanding([String])
    case unknownDuty(String)
    case bornInFuture(String)
    case rosterRestricted

    public func message(_ lang: Lang) -> String {
        switch self {
        case .unknownKey(let k): lang.pick("かぎ \(k) は登録されていません", "no key \(k)")
        case .keyExists(let k): lang.pick("かぎ \(k) は既に登録されています", "key \(k) is already registered")
        case .keyLent(let k, let to): lang.pick("かぎ \(k) は \(to) に貸出中です", "key \(k) is lent to \(to)")
        case .keyNotLent(let k): lang.pick("かぎ \(k) は貸出中ではありません", "key \(k) is not lent")
        case .unknownInventory(let id): lang.pick("点検 \(id) はありません", "no inventory \(id)")
        case .inventoryClosed(let id): lang.pick("点検 \(id) は完結しています。変更できません", "inventory \(id) is closed: nothing changes now")
        case .unknownNumber(let r): lang.pick("登録番号 \(r) は登録簿にありません（不明）", "\(r) is not in the register (unknown)")
        case .nothingCounted: lang.pick("登録番号を1つ以上入力してください", "give at least one registration number")
        case .unknownDisposal(let id): lang.pick("廃棄・消去の申請 \(id) はありません", "no disposal request \(id)")
        case .disposalState(let id, let s): lang.pick("申請 \(id) は「\(s.label(lang))」のため、この操作はできません", "request \(id) is \(s.label(lang)): not possible now")
        case .disposalOpen(let r, let id): lang.pick("\(r) には処理中の廃棄・消去の申請 \(id) があります", "\(r) already has an open disposal request \(id)")
        case .notErased(let id):
            lang.pick("申請 \(id) は消去済で保管に戻す媒体ではありません（消去して再利用を実施した後に一度だけ）",
                      "request \(id) has no erased medium waiting to go back to storage (once, after an erase is carried out)")
        case .unknownMethod(let m, let all):
            lang.pick("方法「\(m)」は一覧にありません（\(all.joined(separator: "、"))。追加は config set disposal.methods）",
                      "method '\(m)' is not in the list (\(all.joined(separator: ", ")); extend it with config set disposal.methods)")
        case .samePerson: lang.pick("実施者と立会者は別の人にしてください", "the operator and the witness must be two different people")
        case .witnessIsRequester(let l): lang.pick("申請者 \(l) は立会者になれません", "the requester \(l) may not be the witness")
        case .unknownIncident(let id): lang.pick("事案 \(id) はありません", "no incident \(id)")
        case .incidentClosed(let id): lang.pick("事案 \(id) は完結しています", "incident \(id) is closed")
        case .unknownStep(let s, let all):
            lang.pick("手順「\(s)」はありません（\(all.joined(separator: ", "))）", "no step '\(s)' (\(all.joined(separator: ", ")))")
        case .stepDone(let s): lang.pick("手順「\(s)」は記録済みです", "step '\(s)' is already recorded")
        case .stepOutOfOrder(let s, let next): lang.pick("手順「\(s)」の前に「\(next)」を記録してください", "record '\(next)' before '\(s)'")
        case .stepsOutstanding(let s): lang.pick("未記録の手順があります: \(s.joined(separator: ", "))", "steps not yet recorded: \(s.joined(separator: ", "))")
        case .unknownDuty(let d): lang.pick("業務内容「\(d)」は a〜e で指定してください", "duty '\(d)' must be one of a-e")
        case .bornInFuture(let d): lang.pick("生年月日 \(d) は未来の日付です", "date of birth \(d) is in the future")
        case .rosterRestricted:
            lang.pick("取扱者名簿（個人情報）は情報保証責任者・承認者・監査のみ閲覧できます", "the handler roster (personal data) is for the officer, supervisors and auditors only")
        }
    }
}

/// The reporting steps of a loss incident as people read them (the seed's names for the defaults).
public func incidentStepLabel(_ step: String, _ lang: Lang) -> String {
    switch step {
    case "reported": lang.pick("部隊等情報保証責任者への報告（情報保証担当者経由）", "reported to the officer (through the duty clerk)")
    case "upward": lang.pick("上級部隊等・担当課への報告", "reported upward")
    case "searched": lang.pick("捜索の実施", "search carried out")
    case "result": lang.pick("結果", "result")
    default: step
    }
}

extension Ledger {
    /// Readers of the handler roster (personal data, 000 別記様式第2の2).
    public static let rosterReaders: [Role] = [.officer, .supervisor, .auditor]

    public func canReadRoster(_ login: String) -> Bool {
        people[login].map { p in Ledger.rosterReaders.contains(where: p.has) } ?? false
    }

    public func keyEntry(_ key: String) throws(DomainError) -> KeyEntry {
        let k = key.trimmingCharacters(in: .whitespaces)
        if let e = life.keys[k] { return e }
        throw .life(.unknownKey(k))
    }

    public func inventory(_ id: String) throws(DomainError) -> Inventory {
        let k = id.trimmingCharacters(in: .whitespaces)
        if let i = life.inventories[k] ?? life.inventories[k.uppercased()] { return i }
        throw .life(.unknownInventory(id))
    }

    public func disposal(_ id: String) throws(DomainError) -> Disposal {
        let k = id.trimmingCharacters(in: .whitespaces)
        if let d = life.disposals[k] ?? life.disposals[k.uppercased()] { return d }
        throw .life(.unknownDisposal(id))
    }

    public func incident(_ id: String) throws(DomainError) -> Incident {
        let k = id.trimmingCharacters(in: .whitespaces)
        if let i = life.incidents[k] ?? life.incidents[k.uppercased()] { return i }
        throw .life(.unknownIncident(id))
    }

    /// Whether `id` names a disposal request (decided with approve/reject).
    public func isDisposal(_ id: String) -> Bool {
        let k = id.trimmingCharacters(in: .whitespaces)
        return life.disposals[k] != nil || life.disposals[k.uppercased()] != nil
    }

    /// The media expected at an inventory of `locations` now (in storage), and those accounted for by a record.
    func inventoryScope(_ locations: [String]) -> (expected: [String], where: [String: String], accounted: [AccountedMedium]) {
        var expected: [String] = [], whereAt: [String: String] = [:], accounted: [AccountedMedium] = []
        for m in allMedia {
            let loc = m.data.location ?? ""
            guard locations.isEmpty || locations.contains(loc) else { continue }
            switch m.status {
            case .stored, .quarantined:
                expected.append(m.registration)
                whereAt[m.registration] = loc
            case .inUse, .takenOut, .inTransit:
                let record: String
                if let u = m.openUse { record = "use #\(uses[u].seq)" }
                else if let q = m.openRequest { record = q }
                else { record = m.openCase ?? "" }
                accounted.append(AccountedMedium(registration: m.registration, status: m.status, record: record))
            default: continue
            }
        }
        return (expected, whereAt, accounted)
    }

    /// What a sighted number is at an inventory: for the acknowledgement the counter sees at once.
    public enum CountVerdict: Equatable, Sendable {
        case sighted
        case alreadyCounted
        case unknown
        /// In storage, but at a location this inventory does not count.
        case elsewhere(String)
        /// Not expected in storage at all (out on a record, or gone from the register).
        case notExpected(MediumStatus)

        public func message(_ reg: String, _ lang: Lang) -> String {
            switch self {
            case .sighted: lang.pick("\(reg) 確認", "\(reg) sighted")
            case .alreadyCounted: lang.pick("\(reg) は確認済みです", "\(reg) already counted")
            case .unknown: lang.pick("\(reg) は登録簿にありません（不明）", "\(reg) is unknown")
            case .elsewhere(let loc): lang.pick("\(reg) は別の場所（\(loc.isEmpty ? "未指定" : loc)）にあるはずの媒体です", "\(reg) is expected elsewhere (\(loc.isEmpty ? "no location" : loc))")
            case .notExpected(let s): lang.pick("\(reg) は予定外です（\(s.label(lang))）", "\(reg) was not expected (\(s.label(.en)))")
            }
        }
        /// A number counted that needs a second look.
        public var isProblem: Bool { self != .sighted }
    }

    public func countVerdict(_ inv: Inventory, _ raw: String) -> CountVerdict {
        guard let m = try? medium(raw) else { return .unknown }
        if inv.isCounted(m.registration) { return .alreadyCounted }
        if inv.expectedLocation[m.registration] != nil { return .sighted }
        if m.status == .stored || m.status == .quarantined { return .elsewhere(m.data.location ?? "") }
        return .notExpected(m.status)
    }

    // MARK: - decide

    func decideLife(_ c: LifeCommand, by actor: Actor, now: Date, timeZone: TimeZone) throws(DomainError) -> Change {
        let today = Day(now, in: timeZone)
        switch c {
        case let .recordPledge(login, date):
            let login = login.trimmingCharacters(in: .whitespaces)
            guard people[login] != nil else { throw .unknownPerson(login: login) }
            return .life(.pledgeRecorded(PledgeData(login: login, date: try formDay(date, now: now, timeZone: timeZone))))

        case let .addKey(key, opens, location):
            let key = try FieldText.clean(key, .keyNumber)
            guard life.keys[key] == nil else { throw .life(.keyExists(key)) }
            return .life(.keyAdded(KeyData(key: key, opens: try FieldText.clean(opens, .opens),
                                           location: try FieldText.optional(location, .location))))

        case let .lendKey(key, to, until):
            let k = try keyEntry(key)
            if let loan = k.loan { throw .life(.keyLent(k.key, to: loan.to)) }
            let to = to.trimmingCharacters(in: .whitespaces)
            guard people[to] != nil else { throw .unknownPerson(login: to) }
            guard until > now else { throw .untilInPast }
            return .life(.keyLent(KeyLendData(key: k.key, to: to, until: until)))

        case let .returnKey(key):
            let k = try keyEntry(key)
            guard k.loan != nil else { throw .life(.keyNotLent(k.key)) }
            return .life(.keyReturned(KeyReturnData(key: k.key)))

        case let .addRoster(contract, name, kana, born, address, nationality, post, duty, result, note):
            let contract = try FieldText.clean(contract, .contract)
            guard let d = RosterDuty(rawValue: duty.trimmingCharacters(in: .whitespaces).lowercased()) else { throw .life(.unknownDuty(duty)) }
            guard born <= today else { throw .life(.bornInFuture(born.iso)) }
            return .life(.rosterAdded(RosterEntryData(
                contract: contract, number: (life.rosters[contract]?.count ?? 0) + 1, name: try FieldText.clean(name, .name),
                kana: try FieldText.clean(kana, .kana), born: born, address: try FieldText.clean(address, .address),
                nationality: try FieldText.clean(nationality, .nationality), post: try FieldText.clean(post, .post), duty: d,
                result: try FieldText.optional(result, .result), note: try FieldText.optional(note, .note))))

        case let .startInventory(asOf, locations):
            var locs: [String] = []
            for l in locations {
                let s = try FieldText.clean(l, .location)
                if !locs.contains(s) { locs.append(s) }
            }
            return .life(.inventoryStarted(InventoryStartData(inventory: life.nextID("INV"),
                                                              asOf: try formDay(asOf, now: now, timeZone: timeZone), locations: locs)))

        case let .countInventory(id, regs):
            let inv = try inventory(id)
            guard inv.status == .open else { throw .life(.inventoryClosed(inv.id)) }
            var out: [String] = []
            for raw in regs {
                let key = raw.trimmingCharacters(in: .whitespaces)
                if key.isEmpty { continue }
                guard let m = try? medium(key) else {
                    _ = try FieldText.clean(key, .registration)
                    throw .life(.unknownNumber(key))
                }
                if inv.isCounted(m.registration) || out.contains(m.registration) { continue }
                out.append(m.registration)
            }
            guard !out.isEmpty else {
                if regs.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) { throw .life(.nothingCounted) }
                throw .life(.nothingCounted)
            }
            return .life(.inventoryCounted(InventoryCountData(inventory: inv.id, registrations: out)))

        case let .closeInventory(id):
            let inv = try inventory(id)
            guard inv.status == .open else { throw .life(.inventoryClosed(inv.id)) }
            // Each medium still missing opens a loss incident (001 付紙第4 3(5)).
            let missing = stillMissing(inv)
            var scratch = life
            var incidents: [String] = []
            for _ in missing {
                let i = scratch.nextID("INC")
                scratch.take(i)
                incidents.append(i)
            }
            return .life(.inventoryClosed(InventoryCloseData(inventory: inv.id, missing: missing, incidents: incidents)))

        case let .requestDisposal(reg, kind, method, reason):
            let m = try medium(reg)
            try disposable(m)
            let method = try FieldText.clean(method, .method)
            guard life.settings.methods.contains(method) else { throw .life(.unknownMethod(method, life.settings.methods)) }
            return .life(.disposalRequested(DisposalRequestData(request: life.nextID("DR"), registration: m.registration, kind: kind,
                                                                method: method, reason: try FieldText.clean(reason, .reason))))

        case let .completeDisposal(id, op, witness, date):
            let d = try disposal(id)
            guard d.state == .approved else { throw .life(.disposalState(d.id, d.state)) }
            let op = op.trimmingCharacters(in: .whitespaces), witness = witness.trimmingCharacters(in: .whitespaces)
            guard people[op] != nil else { throw .unknownPerson(login: op) }
            guard people[witness] != nil else { throw .unknownPerson(login: witness) }
            // Carried out with a witness: two different enrolled people (001 付紙第4 1(5)).
            guard op != witness else { throw .life(.samePerson) }
            if life.settings.witnessNotRequester && witness == d.requester { throw .life(.witnessIsRequester(witness)) }
            let m = try medium(d.registration)
            try disposable(m, except: d.id)
            let day = try formDay(date, now: now, timeZone: timeZone)
            if let at = d.decidedAt, day < Day(at, in: timeZone) { throw .dayBeforeDispatch(day.iso, Day(at, in: timeZone).iso) }
            return .life(.disposalDone(DisposalDoneData(request: d.id, certificate: life.nextID("CERT"), date: day,
                                                        operatorLogin: op, witness: witness)))

        case let .storeErased(id):
            // Looked up by request, certificate or registration number: whichever is on the medium in hand.
            let key = id.trimmingCharacters(in: .whitespaces)
            let byNumber = life.allDisposals.last { $0.certificate == key.uppercased() }
                ?? (try? medium(key)).flatMap { m in life.allDisposals.last { $0.registration == m.registration } }
            let d: Disposal
            if let byNumber { d = byNumber } else { d = try disposal(key) }
            guard erasedAwaitingStorage(d) else { throw .life(.notErased(d.id)) }
            return .life(.erasedStored(ErasedStoredData(request: d.id, registration: d.registration)))

        case let .stepIncident(id, step, note):
            let i = try incident(id)
            guard i.status == .open else { throw .life(.incidentClosed(i.id)) }
            let step = step.trimmingCharacters(in: .whitespaces)
            try stepAllowed(i, step)
            return .life(.incidentStep(IncidentStepData(incident: i.id, step: step, note: try FieldText.optional(note, .note))))

        case let .closeIncident(id, conclusion):
            let i = try incident(id)
            guard i.status == .open else { throw .life(.incidentClosed(i.id)) }
            let outstanding = life.settings.steps.filter { s in !i.steps.contains { $0.step == s } }
            guard outstanding.isEmpty else { throw .life(.stepsOutstanding(outstanding)) }
            return .life(.incidentClosed(IncidentCloseData(incident: i.id, conclusion: try FieldText.clean(conclusion, .conclusion))))
        }
    }

    /// What closing an open inventory now would find missing (each becomes 亡失 with an incident), for the form's warning.
    public func missingIfClosed(_ inv: Inventory) -> [String] { inv.status == .open ? stillMissing(inv) : [] }

    /// Expected media not sighted that are still in storage (one taken out or gone meanwhile is accounted for elsewhere).
    func stillMissing(_ inv: Inventory) -> [String] {
        inv.missing.filter { media[$0].map { $0.status == .stored || $0.status == .quarantined } ?? false }
    }

    /// Only a medium in storage, with nothing open on it, is erased or destroyed (001 付紙第4 1(5)).
    func disposable(_ m: Medium, except request: String? = nil) throws(DomainError) {
        guard m.status == .stored || m.status == .quarantined else { throw .wrongState(registration: m.registration, status: m.status) }
        if let c = m.openCase { throw .mediumInCase(registration: m.registration, id: c) }
        if let q = m.openRequest { throw .requestPending(registration: m.registration, request: q) }
        if let open = life.disposalOrder.last(where: { id in
            id != request && life.disposals[id].map { $0.registration == m.registration && ($0.state == .pending || $0.state == .approved) } ?? false
        }) { throw .life(.disposalOpen(registration: m.registration, id: open)) }
    }

    /// An erase carried out whose medium is still 消去済, waiting to be put back in storage.
    func erasedAwaitingStorage(_ d: Disposal) -> Bool {
        d.kind == .erase && d.state == .done && d.storedAt == nil && media[d.registration]?.status == .erased
    }

    /// Steps are recorded in the configured order, each once.
    func stepAllowed(_ i: Incident, _ step: String) throws(DomainError) {
        let all = life.settings.steps
        guard all.contains(step) else { throw .life(.unknownStep(step, all)) }
        guard !i.steps.contains(where: { $0.step == step }) else { throw .life(.stepDone(step)) }
        if let next = all.first(where: { s in !i.steps.contains { $0.step == s } }), next != step {
            throw .life(.stepOutOfOrder(step, next: next))
        }
    }

    /// Approve or reject a disposal request: decided by `deciders(for: .disposal)`, never by the requester (002 第19条).
    func decideDisposal(_ id: String, by actor: Actor, approve: Bool, comment: String?) throws(DomainError) -> Change {
        let d = try disposal(id)
        // Never by the requester, nor under a second login (002 第19条); then the step it waits for (Steps.swift).
        if let why = stepRefusal(d, by: actor.login), case .selfApproval = why { throw why }
        guard d.state == .pending else { throw .life(.disposalState(d.id, d.state)) }
        if let why = stepRefusal(d, by: actor.login) { throw why }
        if approve {
            try disposable(try medium(d.registration), except: d.id)
            return .life(.disposalApproved(DisposalApprovalData(request: d.id, comment: try FieldText.optional(comment, .comment))))
        }
        return .life(.disposalRejected(DisposalRejectionData(request: d.id, reason: try FieldText.clean(comment ?? "", .reason))))
    }

    // MARK: - replay

    /// Why a lifecycle record breaks a rule as things stood before it (Replay.swift calls this).
    func lifeViolation(_ c: LifeChange, _ r: Record, _ p: Person) -> String? {
        func needs(_ roles: [Role]) -> String? {
            roles.contains(where: p.has) ? nil : "\(r.actor) may not write \(c.type): needs \(roles.map(\.rawValue).joined(separator: " or "))"
        }
        let keeper: [Role] = [.clerk, .officer]
        let day = Day(r.at, in: TimeZone(identifier: "UTC")!)
        switch c {
        case .pledgeRecorded(let d):
            if let v = needs([.officer]) { return v }
            if people[d.login] == nil { return "pledge of \(d.login), who is not enrolled" }
        case .keyAdded(let d):
            if let v = needs([.officer]) { return v }
            if life.keys[d.key] != nil { return "key \(d.key) added twice" }
        case .keyLent(let d):
            if let v = needs(keeper) { return v }
            // 001 第2-2: a key is lent to one person at a time, until a time.
            guard let k = life.keys[d.key] else { return "unknown key \(d.key)" }
            if let l = k.loan { return "key \(d.key) lent while held by \(l.to)" }
            if people[d.to] == nil { return "key \(d.key) lent to \(d.to), who is not enrolled" }
            if d.until <= r.at { return "key \(d.key) lent until before now" }
        case .keyReturned(let d):
            if let v = needs(keeper) { return v }
            if life.keys[d.key]?.loan == nil { return "key \(d.key) returned while not lent" }
        case .rosterAdded(let d):
            if let v = needs([.officer]) { return v }
            if d.number != (life.rosters[d.contract]?.count ?? 0) + 1 { return "roster of \(d.contract) numbered \(d.number) out of sequence" }
        case .inventoryStarted(let d):
            // 001 第6: the officer conducts the inventory.
            if let v = needs([.officer]) { return v }
            if life.inventories[d.inventory] != nil { return "inventory \(d.inventory) twice" }
            if d.asOf.adding(days: -1) > day { return "inventory \(d.inventory) as of a future day" }
        case .inventoryCounted(let d):
            if let v = needs(keeper) { return v }
            guard let inv = life.inventories[d.inventory] else { return "unknown inventory \(d.inventory)" }
            // Nothing about a closed inventory changes (001 第6).
            if inv.status == .closed { return "count on closed \(d.inventory)" }
            var seen = Set(inv.counted.map(\.registration))
            for reg in d.registrations {
                if media[reg] == nil { return "\(d.inventory) counted unknown \(reg)" }
                if !seen.insert(reg).inserted { return "\(reg) counted twice in \(d.inventory)" }
            }
        case .inventoryClosed(let d):
            if let v = needs([.officer]) { return v }
            guard let inv = life.inventories[d.inventory] else { return "unknown inventory \(d.inventory)" }
            if inv.status == .closed { return "\(d.inventory) closed twice" }
            let missing = stillMissing(inv)
            // Every missing medium opens a loss incident (001 付紙第4 3(5)); none is left out.
            if d.missing != missing { return "\(d.inventory) closed with missing \(d.missing) but \(missing) were not sighted" }
            var scratch = life
            var expect: [String] = []
            for _ in missing { let i = scratch.nextID("INC"); scratch.take(i); expect.append(i) }
            if d.incidents != expect { return "\(d.inventory) opens incidents \(d.incidents), expected \(expect)" }
        case .disposalRequested(let d):
            if let v = needs(keeper) { return v }
            if life.disposals[d.request] != nil { return "disposal \(d.request) twice" }
            guard let m = media[d.registration] else { return "disposal of unknown \(d.registration)" }
            do { try disposable(m) } catch { return "disposal of \(d.registration) requested: \(error.message(.en))" }
        case .disposalApproved(let d):
            guard let q = life.disposals[d.request] else { return "unknown disposal \(d.request)" }
            if let v = disposalDecisionViolation(q, p) { return v }
        case .disposalRejected(let d):
            guard let q = life.disposals[d.request] else { return "unknown disposal \(d.request)" }
            if let v = disposalDecisionViolation(q, p) { return v }
        case .disposalDone(let d):
            if let v = needs(keeper) { return v }
            guard let q = life.disposals[d.request] else { return "unknown disposal \(d.request)" }
            if q.state != .approved { return "\(d.request) carried out while \(q.state.rawValue)" }
            // Two different enrolled people: operator and witness (001 付紙第4 1(5)).
            if people[d.operatorLogin] == nil || people[d.witness] == nil { return "\(d.request) carried out by someone not enrolled" }
            if d.operatorLogin == d.witness { return "\(d.request) witnessed by its operator \(d.witness)" }
            if life.settings.witnessNotRequester && d.witness == q.requester { return "\(d.request) witnessed by its requester \(d.witness)" }
            // Certificates are numbered from their own sequence.
            if d.certificate != life.nextID("CERT") { return "certificate \(d.certificate) out of sequence (next \(life.nextID("CERT")))" }
            if let m = media[q.registration] {
                do { try disposable(m, except: q.id) } catch { return "\(d.request) carried out: \(error.message(.en))" }
            }
        case .erasedStored(let d):
            if let v = needs(keeper) { return v }
            // Erased: 消去済, then back in storage once, as its own step (001 付紙第4 1(5)).
            guard let q = life.disposals[d.request] else { return "unknown disposal \(d.request)" }
            if q.registration != d.registration { return "\(d.request) is not the disposal of \(d.registration)" }
            if !erasedAwaitingStorage(q) { return "\(d.registration) put back in storage by \(d.request), which left no erased medium waiting" }
        case .incidentStep(let d):
            if let v = needs(keeper) { return v }
            guard let i = life.incidents[d.incident] else { return "unknown incident \(d.incident)" }
            if i.status == .closed { return "step on closed \(d.incident)" }
            do { try stepAllowed(i, d.step) } catch { return "\(d.incident): \(error.message(.en))" }
        case .incidentClosed(let d):
            if let v = needs([.officer]) { return v }
            guard let i = life.incidents[d.incident] else { return "unknown incident \(d.incident)" }
            if i.status == .closed { return "\(d.incident) closed twice" }
            let outstanding = life.settings.steps.filter { s in !i.steps.contains { $0.step == s } }
            if !outstanding.isEmpty { return "\(d.incident) closed with steps outstanding: \(outstanding.joined(separator: ","))" }
        }
        return nil
    }

    private func disposalDecisionViolation(_ q: Disposal, _ p: Person) -> String? {
        if q.state != .pending { return "\(q.id) decided while \(q.state.rawValue)" }
        // 002 第19条: nobody decides their own request; the step it waits for (Steps.swift).
        return stepViolation(q, by: p)
    }

    // MARK: - fold

    mutating func applyLife(_ c: LifeChange, _ r: Record) throws(InconsistentRecord) {
        func bad(_ why: String) -> InconsistentRecord { InconsistentRecord(seq: r.seq, reason: why) }
        switch c {
        case .pledgeRecorded(let d):
            guard people[d.login] != nil else { throw bad("pledge of unknown \(d.login)") }
            life.pledges[d.login] = Pledge(login: d.login, date: d.date, recordedAt: r.at, recordedBy: r.actor, seq: r.seq)
        case .keyAdded(let d):
            guard life.keys[d.key] == nil else { throw bad("key \(d.key) twice") }
            life.keys[d.key] = KeyEntry(key: d.key, opens: d.opens, location: d.location, addedAt: r.at, addedBy: r.actor,
                                        loan: nil, history: [r.seq])
            life.keyOrder.append(d.key)
        case .keyLent(let d):
            guard life.keys[d.key] != nil, life.keys[d.key]!.loan == nil else { throw bad("key \(d.key) not available") }
            life.keys[d.key]!.loan = KeyLoan(to: d.to, until: d.until, at: r.at, by: r.actor)
            life.keys[d.key]!.history.append(r.seq)
        case .keyReturned(let d):
            guard life.keys[d.key]?.loan != nil else { throw bad("key \(d.key) not lent") }
            life.keys[d.key]!.loan = nil
            life.keys[d.key]!.history.append(r.seq)
        case .rosterAdded(let d):
            if life.rosters[d.contract] == nil { life.rosterOrder.append(d.contract) }
            life.rosters[d.contract, default: []].append(RosterEntry(data: d, recordedAt: r.at, recordedBy: r.actor, seq: r.seq))
        case .inventoryStarted(let d):
            guard life.inventories[d.inventory] == nil else { throw bad("inventory \(d.inventory) twice") }
            let scope = inventoryScope(d.locations)
            life.inventories[d.inventory] = Inventory(
                id: d.inventory, seq: r.seq, asOf: d.asOf, locations: d.locations, startedAt: r.at, startedBy: r.actor,
                expected: scope.expected, expectedLocation: scope.where, accounted: scope.accounted, counted: [], status: .open,
                closedAt: nil, closedBy: nil, missingAtClose: [], incidents: [], history: [r.seq])
            life.inventoryOrder.append(d.inventory)
            life.take(d.inventory)
        case .inventoryCounted(let d):
            guard life.inventories[d.inventory]?.status == .open else { throw bad("inventory \(d.inventory) not open") }
            for reg in d.registrations {
                guard media[reg] != nil else { throw bad("unknown medium \(reg)") }
                life.inventories[d.inventory]!.counted.append(InventoryMark(registration: reg, by: r.actor, at: r.at, seq: r.seq))
            }
            life.inventories[d.inventory]!.history.append(r.seq)
        case .inventoryClosed(let d):
            guard life.inventories[d.inventory]?.status == .open, d.missing.count == d.incidents.count else {
                throw bad("inventory \(d.inventory) cannot close")
            }
            for (reg, id) in zip(d.missing, d.incidents) {
                guard let m = media[reg], m.status == .stored || m.status == .quarantined else { throw bad("\(reg) cannot go missing") }
                // Missing at the count: 亡失 from here on, with an incident opened for it; a request
                // not yet gone with it lapses, as with a loss report.
                if let id = m.openRequest, let q = requests[id], q.state == .pending || q.state == .approved {
                    requests[id]!.state = .withdrawn; requests[id]!.withdrawnAt = r.at
                }
                try updateMedium(reg, r) { m in m.status = .lost; m.openRequest = nil }
                openIncident(id, for: reg, note: "点検で所在不明", inventory: d.inventory, r)
            }
            life.inventories[d.inventory]!.status = .closed
            life.inventories[d.inventory]!.closedAt = r.at
            life.inventories[d.inventory]!.closedBy = r.actor
            life.inventories[d.inventory]!.missingAtClose = d.missing
            life.inventories[d.inventory]!.incidents = d.incidents
            life.inventories[d.inventory]!.history.append(r.seq)
        case .disposalRequested(let d):
            guard life.disposals[d.request] == nil, media[d.registration] != nil else { throw bad("disposal \(d.request) cannot be requested") }
            life.disposals[d.request] = Disposal(
                id: d.request, seq: r.seq, registration: d.registration, kind: d.kind, method: d.method, reason: d.reason,
                requester: r.actor, requestedAt: r.at, state: .pending)
            life.disposalOrder.append(d.request)
            life.take(d.request)
            try updateMedium(d.registration, r) { _ in }
        case .disposalApproved(let d):
            // A step of several (Steps.swift): the disposal waits for the next.
            if let q = life.disposals[d.request], q.state == .pending, isIntermediateStep(q) {
                applyStep(q, confirmed: [], comment: d.comment, r)
            } else {
                try decideDisposalFold(d.request, approved: true, note: d.comment, r)
            }
        case .disposalRejected(let d):
            try decideDisposalFold(d.request, approved: false, note: d.reason, r)
        case .disposalDone(let d):
            guard let q = life.disposals[d.request], q.state == .approved, let m = media[q.registration] else {
                throw bad("disposal \(d.request) not approved")
            }
            guard m.status == .stored || m.status == .quarantined else { throw bad("\(q.registration) not in storage") }
            life.disposals[d.request]!.state = .done
            life.disposals[d.request]!.certificate = d.certificate
            life.disposals[d.request]!.date = d.date
            life.disposals[d.request]!.operatorLogin = d.operatorLogin
            life.disposals[d.request]!.witness = d.witness
            life.disposals[d.request]!.doneAt = r.at
            life.disposals[d.request]!.doneBy = r.actor
            life.disposals[d.request]!.medium = m.data
            life.take(d.certificate)
            switch q.kind {
            case .destroy:
                // 廃棄済 for ever; the number stays taken (counters never go back). Disposed of: no longer due.
                try updateMedium(q.registration, r) { m in m.status = .destroyed; m.disposalDue = false }
                life.erased[q.registration] = nil
            case .erase:
                // 消去済 until it is put back in storage (`disposal.stored`); its data category is cleared
                // from here on, and the 読後廃棄 it was due under is done with.
                try updateMedium(q.registration, r) { m in m.status = .erased; m.disposalDue = false }
                life.erased[q.registration] = d.certificate
            }
        case .erasedStored(let d):
            guard let q = life.disposals[d.request], q.registration == d.registration, erasedAwaitingStorage(q) else {
                throw bad("\(d.registration) is not erased and waiting for storage")
            }
            life.disposals[d.request]!.storedAt = r.at
            life.disposals[d.request]!.storedBy = r.actor
            // Back in storage empty, under the same registration number.
            try updateMedium(d.registration, r) { m in m.status = .stored }
        case .incidentStep(let d):
            guard life.incidents[d.incident]?.status == .open else { throw bad("incident \(d.incident) not open") }
            life.incidents[d.incident]!.steps.append(IncidentStepEntry(step: d.step, at: r.at, by: r.actor, note: d.note, seq: r.seq))
            life.incidents[d.incident]!.history.append(r.seq)
            media[life.incidents[d.incident]!.registration]?.history.append(r.seq)
        case .incidentClosed(let d):
            guard life.incidents[d.incident]?.status == .open else { throw bad("incident \(d.incident) not open") }
            life.incidents[d.incident]!.status = .closed
            life.incidents[d.incident]!.closedAt = r.at
            life.incidents[d.incident]!.closedBy = r.actor
            life.incidents[d.incident]!.conclusion = d.conclusion
            life.incidents[d.incident]!.history.append(r.seq)
            let reg = life.incidents[d.incident]!.registration
            if life.openIncident[reg] == d.incident { life.openIncident[reg] = nil }
            media[reg]?.history.append(r.seq)
        }
    }

    private mutating func decideDisposalFold(_ id: String, approved: Bool, note: String?, _ r: Record) throws(InconsistentRecord) {
        guard let q = life.disposals[id], q.state == .pending else { throw InconsistentRecord(seq: r.seq, reason: "disposal \(id) not pending") }
        life.disposals[id]!.state = approved ? .approved : .rejected
        life.disposals[id]!.decidedBy = r.actor
        life.disposals[id]!.decidedAt = r.at
        life.disposals[id]!.decisionNote = note
        try updateMedium(q.registration, r) { _ in }
    }

    private mutating func openIncident(_ id: String, for reg: String, note: String, inventory: String?, _ r: Record) {
        guard let m = media[reg] else { return }
        life.incidents[id] = Incident(
            id: id, seq: r.seq, registration: reg, openedAt: r.at, openedBy: r.actor, note: note, inventory: inventory,
            classification: m.data.classification, restrictions: m.data.restrictions, secret: m.data.secret, steps: [],
            status: .open, history: [r.seq])
        life.incidentOrder.append(id)
        life.openIncident[reg] = id
        life.take(id)
    }

    /// What other records mean for the lifecycle, once they are folded: a loss opens an incident,
    /// and a finding is recorded on it. (読後廃棄 due is the ledger's own `Medium.disposalDue`.)
    mutating func noteLifeEffects(_ r: Record) {
        switch r.change {
        case .mediumLost(let d):
            // `media lost` opens an incident (001 付紙第4 3(5)); a second loss report goes to the open one.
            if life.openIncident[d.registration] == nil {
                openIncident(life.nextID("INC"), for: d.registration, note: d.note, inventory: nil, r)
            }
        case .mediumFound(let d):
            if let id = life.openIncident[d.registration] {
                life.incidents[id]!.foundAt = r.at
                life.incidents[id]!.foundBy = r.actor
                life.incidents[id]!.foundNote = d.note
                life.incidents[id]!.history.append(r.seq)
            }
        case .configured(let d):
            _ = life.settings.set(key: d.key, value: d.value)
        default: break
        }
    }
}

extension Ledger {
    /// Enrolled people without a pledge on record (001 第4: every person submits one).
    public var peopleWithoutPledge: [Person] { allPeople.filter { life.pledges[$0.login] == nil } }

    /// Media due for disposal under 読後廃棄 and not yet disposed of, oldest first, with whether overdue.
    /// Whether a medium is due is the rule book's one flag (`Medium.disposalDue`, `mediaDueForDisposal`); since
    /// when is the time of the record that made it due (its use ended or its take-out came back).
    public func disposalsDue(at now: Date) -> [(due: DisposalDue, overdue: Bool)] {
        let limit = TimeInterval(life.settings.disposalOverdueDays * 86400)
        return mediaDueForDisposal.map { m in DisposalDue(registration: m.registration, since: dueSince(m)) }
            .sorted { $0.since != $1.since ? $0.since < $1.since : $0.registration < $1.registration }
            .map { ($0, now.timeIntervalSince($0.since) > limit) }
    }

    /// The time of the latest use ended or take-out returned of a medium due under 読後廃棄.
    func dueSince(_ m: Medium) -> Date {
        for seq in m.history.reversed() {
            guard let r = records[seq] else { continue }
            switch r.change {
            case .useEnded, .takeoutReturned: return r.at
            default: continue
            }
        }
        return m.registeredAt
    }

    /// Disposal requests the person may decide, oldest first.
    public func disposalApprovals(for login: String) -> [Disposal] {
        life.allDisposals.filter { $0.state == .pending && stepRefusal($0, by: login) == nil }
    }

    /// The next step due of an incident, if any.
    public func nextStep(of i: Incident) -> String? {
        i.status == .open ? life.settings.steps.first { s in !i.steps.contains { $0.step == s } } : nil
    }

    public var openIncidents: [Incident] { life.allIncidents.filter { $0.status == .open } }

    /// The self-inspection that matters on `today` (001 第6 1: base date 1月15日, report by 2月末日, both configurable):
    /// the latest one whose base date has come, unless it is done (then the next one), and whether it is overdue.
    /// Cycles whose report was due before the ledger existed are not asked for.
    public func selfInspection(on today: Day) -> SelfInspection {
        let s = life.settings
        func cycle(_ y: Int) -> (Day, Day) {
            let base = s.inspectionBase.day(in: y)
            let due = s.reportDue.day(in: y)
            return (base, due < base ? s.reportDue.day(in: y + 1) : due)
        }
        let created = header.flatMap { people[$0.officer.login]?.enrolledAt }.map { Day($0, in: TimeZone(identifier: "UTC")!) } ?? today
        let year = today >= s.inspectionBase.day(in: today.year) ? today.year : today.year - 1
        let (base, due) = cycle(year)
        let done = life.allInventories.contains { $0.status == .closed && $0.asOf >= base && $0.asOf <= due }
        if done || due < created {
            let (b, d) = cycle(year + 1)
            return SelfInspection(year: year + 1, base: b, due: d, state: .next)
        }
        return SelfInspection(year: year, base: base, due: due, state: today > due ? .overdue : .due)
    }

    /// Keys lent past their time.
    public func overdueKeys(at now: Date) -> [KeyEntry] { life.allKeys.filter { $0.isOverdue(at: now) } }
}

/// Where the self-inspection stands (001 第6 1).
public struct SelfInspection: Equatable, Sendable {
    public enum State: String, Sendable { case due, overdue, next }
    public var year: Int
    public var base: Day
    public var due: Day
    public var state: State
}
