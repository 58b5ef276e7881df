// Commands: what a person asks for. `Ledger.decide` checks every rule against
// the current state and returns the one change to append, or refuses with a
// DomainError. The storage layer calls it under the journal lock, after
// re-reading what other processes appended, so the checks see fresh state.

import Foundation

/// Who is acting: the enrolled login, and the login that really ran the command if different.
public struct Actor: Equatable, Sendable {
    public var login: String
    public var via: String?
    public init(login: String, via: String? = nil) { self.login = login; self.via = via }
}

/// Input for registering a medium (the registration number is assigned on decide).
public struct NewMedium: Equatable, Sendable {
    public var kind: MediumKind
    public var category: DataCategory
    public var classification: Confidentiality
    public var restrictions: [String] = []
    public var secret = false
    public var model: String?
    public var serial: String?
    public var capacity: String?
    public var location: String?
    public var encrypted = false
    public var writeProtected = false
    public init(kind: MediumKind, category: DataCategory, classification: Confidentiality) {
        self.kind = kind; self.category = category; self.classification = classification
    }
}

/// Everything a person can ask the ledger to record.
public enum Command: Equatable, Sendable {
    /// `differentPerson`: the officer confirms that a login under the 氏名 and 所属 of another is someone else.
    case enroll(login: String, name: String, roles: [Role], title: String?, rank: String?, section: String?,
                differentPerson: Bool = false)
    case setRoles(login: String, roles: [Role])
    /// nil keeps a value; an empty 官職, 階級 or 所属 clears it (People.swift).
    case editPerson(login: String, name: String?, title: String?, rank: String?, section: String?)
    /// 転出 or 退職.
    case retirePerson(login: String, reason: String)
    /// 責任者交代: `from` nil is the officer acting.
    case changeOfficer(from: String?, to: String, reason: String?)
    case register(NewMedium)
    /// A virus check (001 第3-3), with the product and its definitions' date when given.
    case scan(registration: String, result: ScanResult, note: String?, product: String? = nil, definitions: Day? = nil)
    /// A row of a register the unit kept before daicho, under its own registration number (MediaImport.swift).
    case importMedium(ImportedMedium)
    case reportLost(registration: String, note: String)
    case reportFound(registration: String, note: String)
    /// `scanned`: a check recorded with the use itself (`--scanned clean [--product P]`), else it rests on one on record.
    case startUse(registration: String, purpose: String, place: String?, until: Date?, scanned: ScanResult? = nil, product: String? = nil)
    case endUse(registration: String, note: String?)
    case requestTakeout(registration: String, destination: String, purpose: String, from: Date?, until: Date, transport: String?)
    case approve(request: String, confirmed: [TakeoutCheck], comment: String?)
    /// An exception to a rule for one medium or case until `until` (Exceptions.swift, 002 第26–27条).
    case requestException(rule: String, medium: String?, caseID: String?, reason: String, until: Date)
    /// Ask that record `target` be read as `set` says (Corrections.swift); decided like every request.
    case requestCorrection(target: Int, reason: String, set: [FieldValue])
    case reject(request: String, reason: String)
    case withdraw(request: String, reason: String?)
    case depart(registration: String)
    case returnTakeout(registration: String, note: String?)
    case correct(target: Int, reason: String, note: String)
    /// Change a setting: `approvers.takeout` = roles, comma-separated; `handover.due_days` = 1…365.
    case configure(key: String, value: String)
    /// The officer amends a register entry with a reason (Amend.swift).
    case amend(registration: String, reason: String, MediumAmendment)

    // Handovers (000 別記様式第3) and transfers (001 付紙第3): see CaseRules.swift.
    /// `classification` / `restrictions`: how the drafter marks the documents and data listed (002 第46条); media carry their own.
    /// With a contract the items must come back or be destroyed with a report (003 8.1(4)(5)) unless `noReturn` says why not.
    case newHandover(to: String, contract: String?, returnRequired: Bool, items: [HandoverItem], media: [String], note: String?,
                     classification: Confidentiality? = nil, restrictions: [String] = [], noReturn: String? = nil)
    /// Edit a draft 送付リスト (by its drafter or the officer): what is given replaces, nil keeps it; `items` (the documents
    /// and data) and `media` each replace their list; `note` "" clears it. `classification` / `restrictions` mark the items given.
    case editHandover(id: String, to: String?, items: [HandoverItem]?, media: [String]?, note: String?,
                      classification: Confidentiality? = nil, restrictions: [String] = [])
    case dispatchHandover(id: String, date: Day?, dueDays: Int?)
    /// `received` nil: everything as sent.
    case receiveHandover(id: String, by: String, date: Day?, received: [ReceivedItem]?)
    case remindHandover(id: String, note: String?)
    case acknowledgeHandover(id: String, note: String)
    /// `items` empty: every outstanding item.
    case returnHandover(id: String, items: [String], date: Day?)
    case destroyHandover(id: String, items: [String], report: String, date: Day?, by: String)
    case recallHandover(id: String, reason: String)
    case incomingHandover(from: String, items: [HandoverItem], date: Day?, note: String?)
    case newTransfer(to: String, media: [String], note: String?)
    /// Edit a draft 送達票 (the officer): what is given replaces, nil keeps it; `note` "" clears it.
    case editTransfer(id: String, to: String?, media: [String]?, note: String?)
    case dispatchTransfer(id: String, date: Day?)
    /// `received` nil: every medium arrived; a medium not listed stays 送達中 (Receipts.swift).
    case receiveTransfer(id: String, by: String, date: Day?, received: [String]? = nil)
    /// A late arrival after a receipt that said something had not arrived.
    case lateTransfer(id: String, media: [String], date: Day?)
    case lateHandover(id: String, items: [ReceivedItem], media: [String], date: Day?)
    case recallTransfer(id: String, reason: String)
    case incomingTransfer(from: String, media: [IncomingMediumInput], kind: MediumKind?, category: DataCategory,
                          classification: Confidentiality, date: Day?, note: String?)
    /// Pledges, keys, rosters, inventories, disposals and incidents (LifeRules.swift).
    case life(LifeCommand)
}

extension Ledger {
    /// The header of a new ledger, checked.
    public static func initialize(unit: String, officer: String, name: String, title: String?, rank: String?,
                                  section: String? = nil, scheme: String? = nil) throws(DomainError) -> Change {
        let unit = try FieldText.clean(unit, .unit)
        let login = try FieldText.login(officer)
        let name = try FieldText.clean(name, .name)
        let scheme = try FieldText.optional(scheme, .scheme) ?? defaultScheme
        guard scheme.contains("{n") else { throw .invalidField(.scheme, .malformed) }
        let p = PersonData(login: login, name: name, roles: [.officer],
                           title: try FieldText.optional(title, .title), rank: try FieldText.optional(rank, .rank),
                           section: try FieldText.optional(section, .section))
        return .header(HeaderData(unit: unit, officer: p, scheme: scheme))
    }

    /// The enrolled person acting, or why they may not act.
    public func person(_ actor: Actor) throws(DomainError) -> Person {
        guard isInitialized else { throw .notInitialized }
        guard let p = people[actor.login] else { throw .notEnrolled(login: actor.login) }
        // 転出・退職: no more reading or writing (People.swift).
        if p.isRetired { throw .retired(login: p.login) }
        return p
    }

    /// Refuses unless the actor holds one of `roles`.
    @discardableResult
    public func require(_ actor: Actor, _ roles: [Role]) throws(DomainError) -> Person {
        let p = try person(actor)
        guard roles.contains(where: p.has) else { throw .roleRequired(login: actor.login, roles: roles) }
        return p
    }

    /// Which roles may issue a command (reading needs only enrolment).
    public static func roles(for command: Command) -> [Role] {
        switch command {
        case .enroll, .setRoles, .register, .importMedium, .configure, .reportFound, .amend: [.officer]
        case .editPerson, .retirePerson, .changeOfficer: [.officer]
        case .scan, .reportLost, .startUse, .endUse, .requestTakeout, .withdraw, .depart, .returnTakeout: [.clerk, .officer]
        case .approve, .reject: [] // decided by `deciders(for:)`
        // Anyone enrolled who works with media may ask (the auditor only reads, 002 第19条).
        case .requestException, .requestCorrection: [.clerk, .officer, .supervisor]
        case .correct: [.officer, .supervisor]
        // DOMAIN.md: clerks draft and dispatch 送付リスト, record 受領書 and incoming deliveries.
        case .newHandover, .dispatchHandover, .receiveHandover, .remindHandover, .returnHandover, .destroyHandover,
             .recallHandover, .incomingHandover, .receiveTransfer, .lateTransfer, .lateHandover: [.clerk, .officer]
        // A draft is edited by who drafted it or the officer (decideCase).
        case .editHandover: [.clerk, .officer]
        case .acknowledgeHandover: [] // decided by `deciders(for: .discrepancy)`
        // The officer keeps the register: media leave it or join it only through them (001 付紙第3).
        case .newTransfer, .editTransfer, .dispatchTransfer, .recallTransfer, .incomingTransfer: [.officer]
        case .life(let c): c.roles
        }
    }

    public func medium(_ reg: String) throws(DomainError) -> Medium {
        // The number as given is the common case; trimming (through Foundation) only when needed.
        if let m = media[reg] { return m }
        let key = reg.trimmingCharacters(in: .whitespaces)
        if let m = media[key] { return m }
        if let m = media[key.uppercased()] { return m }
        throw .unknownMedium(reg)
    }

    public func request(_ id: String) throws(DomainError) -> TakeoutRequest {
        let key = id.trimmingCharacters(in: .whitespaces)
        if let q = requests[key] ?? requests[key.uppercased()] { return q }
        throw .unknownRequest(id)
    }

    /// Checks `command` for `actor` at `now` and returns the change to record.
    public func decide(_ command: Command, by actor: Actor, now: Date, timeZone: TimeZone) throws(DomainError) -> Change {
        // A disposal request is decided in the same queue, by `deciders(for: .disposal)`.
        if case .approve(let id, _, let comment) = command, isDisposal(id) { return try decideDisposal(id, by: actor, approve: true, comment: comment) }
        if case .reject(let id, let reason) = command, isDisposal(id) { return try decideDisposal(id, by: actor, approve: false, comment: reason) }
        // A correction is decided in the same queue, by `deciders(for: .correction)`.
        if case .approve(let id, _, let comment) = command, Ledger.isCorrection(id) { return try decideCorrection(id, by: actor, approve: true, comment: comment) }
        if case .reject(let id, let reason) = command, Ledger.isCorrection(id) { return try decideCorrection(id, by: actor, approve: false, comment: reason) }
        // An exception is decided in the same queue, by `deciders(for: .exception)`.
        if case .approve(let id, _, let comment) = command, Ledger.isException(id) { return try decideException(id, by: actor, approve: true, comment: comment) }
        if case .reject(let id, let reason) = command, Ledger.isException(id) { return try decideException(id, by: actor, approve: false, comment: reason) }
        if case .approve(let id, _, _) = command { return try decideRequest(id, by: actor, approve: true, command, now: now) }
        if case .reject(let id, _) = command { return try decideRequest(id, by: actor, approve: false, command, now: now) }
        if case .acknowledgeHandover = command {
            _ = try person(actor)
            return try decideCase(command, by: actor, now: now, timeZone: timeZone)
        }
        try require(actor, Ledger.roles(for: command))

        switch command {
        case let .enroll(login, name, roles, title, rank, section, differentPerson):
            return try decideEnroll(login: login, name: name, roles: roles, title: title, rank: rank, section: section,
                                    differentPerson: differentPerson)

        case let .setRoles(login, roles):
            return try decideSetRoles(login: login, roles: roles)

        case let .editPerson(login, name, title, rank, section):
            return try decideEdit(login: login, name: name, title: title, rank: rank, section: section)

        case let .retirePerson(login, reason):
            return try decideRetire(login: login, reason: reason)

        case let .changeOfficer(from, to, reason):
            return try decideOfficerChange(from: from, to: to, by: actor, reason: reason)

        case .register(let n):
            var d = try checkedMedium(n)
            d.registration = nextRegistration(kind: n.kind, now: now, timeZone: timeZone)
            return .mediumRegistered(d)

        case .importMedium(let x):
            return .mediumRegistered(try checkedImport(x, now: now, timeZone: timeZone))

        case let .scan(reg, result, note, product, definitions):
            let m = try medium(reg)
            // A check is done in storage, or on a quarantined medium to clear it (001 第3-3).
            guard m.status == .stored || m.status == .quarantined else { throw .wrongState(registration: m.registration, status: m.status) }
            if let definitions, definitions > Day(now, in: timeZone) { throw .dayInFuture(definitions.iso) }
            return .virusChecked(ScanData(registration: m.registration, result: result, note: try FieldText.optional(note, .note),
                                          product: try FieldText.optional(product, .product), definitions: definitions))

        case let .reportLost(reg, note):
            let m = try medium(reg)
            guard !m.status.isFinal else { throw .wrongState(registration: m.registration, status: m.status) }
            return .mediumLost(LostData(registration: m.registration, note: try FieldText.clean(note, .note)))

        case let .reportFound(reg, note):
            let m = try medium(reg)
            guard m.status == .lost else { throw .wrongState(registration: m.registration, status: m.status) }
            return .mediumFound(LostData(registration: m.registration, note: try FieldText.clean(note, .note)))

        case let .startUse(reg, purpose, place, until, scanned, product):
            let m = try medium(reg)
            if m.status == .quarantined { throw .quarantined(registration: m.registration) }
            guard m.status == .stored else { throw .wrongState(registration: m.registration, status: m.status) }
            if m.disposalDue { throw .rule(.disposalDue(registration: m.registration)) }
            if let q = m.openRequest, requests[q]?.state == .approved { throw .requestPending(registration: m.registration, request: q) }
            // A use rests on a clean check since the medium last came back, or one recorded with it (001 第3-3).
            if let scanned, scanned != .clean { throw .rule(.noCleanCheck(registration: m.registration)) }
            if scanned == nil && !m.hasCleanCheck {
                throw .rule(m.checkDue ? .checkDue(registration: m.registration) : .noCleanCheck(registration: m.registration))
            }
            if let until, until <= now { throw .untilInPast }
            let product = try FieldText.optional(product, .product)
            return .useStarted(UseStartData(registration: m.registration, purpose: try FieldText.clean(purpose, .purpose),
                                            place: try FieldText.optional(place, .place), until: until,
                                            scan: scanned.map { UseScanData(result: $0, product: product) }))

        case let .endUse(reg, note):
            let m = try medium(reg)
            guard m.status == .inUse else { throw .wrongState(registration: m.registration, status: m.status) }
            return .useEnded(UseEndData(registration: m.registration, note: try FieldText.optional(note, .note)))

        case let .requestTakeout(reg, destination, purpose, from, until, transport):
            let m = try medium(reg)
            // The one exit check (Rules.swift): 持出禁止, 秘, quarantine, a check due, 暗号化必須/機密性3 (002 別表1, 第49条).
            if let e = exitRefusal(m, .takeout, state: false, at: now) { throw e }
            if m.status == .quarantined { throw .quarantined(registration: m.registration) }
            guard m.status == .stored || m.status == .inUse else { throw .wrongState(registration: m.registration, status: m.status) }
            if let e = exitRefusal(m, .takeout, at: now) { throw e }
            if let q = m.openRequest { throw .requestPending(registration: m.registration, request: q) }
            let start = from ?? now
            guard until > now else { throw .untilInPast }
            guard until > start else { throw .untilNotAfterStart }
            return .takeoutRequested(TakeoutRequestData(
                request: nextRequestID(), registration: m.registration,
                destination: try FieldText.clean(destination, .destination), purpose: try FieldText.clean(purpose, .purpose),
                from: start, until: until, transport: try FieldText.optional(transport, .transport)))

        case let .withdraw(id, reason):
            let q = try request(id)
            guard q.state == .pending || q.state == .approved else { throw .requestNotPending(request: q.id, state: q.state) }
            let p = try person(actor)
            guard q.requester == actor.login || p.has(.officer) else { throw .roleRequired(login: actor.login, roles: [.officer]) }
            return .requestWithdrawn(WithdrawalData(request: q.id, reason: try FieldText.optional(reason, .reason)))

        case .depart(let reg):
            let m = try medium(reg)
            guard let id = m.openRequest, let q = requests[id], q.state == .approved else { throw .noApprovedRequest(registration: m.registration) }
            guard m.status == .stored else { throw .wrongState(registration: m.registration, status: m.status) }
            let check = exitCheck(m, .takeout, at: now, case: q.id)
            if let e = check.refusal { throw e }
            return .takeoutDeparted(MovementData(registration: m.registration, request: q.id, note: nil,
                                                 exceptions: check.exceptions.isEmpty ? nil : check.exceptions.sorted()))

        case let .returnTakeout(reg, note):
            let m = try medium(reg)
            guard m.status == .takenOut, let id = m.openRequest else { throw .wrongState(registration: m.registration, status: m.status) }
            return .takeoutReturned(MovementData(registration: m.registration, request: id, note: try FieldText.optional(note, .note)))

        case let .correct(target, reason, note):
            guard target >= 0, target < records.count else { throw .unknownRecord(target) }
            return .recordCorrected(CorrectionData(target: target, reason: try FieldText.clean(reason, .reason),
                                                   note: try FieldText.clean(note, .note)))

        case let .amend(reg, reason, a):
            return try decideAmend(reg, reason: reason, a)

        case let .configure(key, value):
            guard let setting = Ledger.parseSetting(key: key, value: value) else {
                if key.hasPrefix(Ledger.localRestrictionPrefix) { throw .rule(.badLocalRestriction("\(key) \(value)")) }
                if key.hasPrefix(Ledger.stepsPrefix) { throw .rule(.badSteps("\(key) \(value)")) }
                throw .invalidSetting(key: key, value: value)
            }
            // The officer's permission for a take-out cannot be configured away (001 付紙第4 1(1)ア(ｳ)).
            if case .approvers(.takeout, let roles) = setting, !roles.contains(.officer) { throw .rule(.officerRequired) }
            return .configured(ConfigData(key: setting.key, value: setting.value))

        case .newHandover, .editHandover, .dispatchHandover, .receiveHandover, .remindHandover, .acknowledgeHandover, .returnHandover,
             .destroyHandover, .recallHandover, .incomingHandover, .newTransfer, .editTransfer, .dispatchTransfer, .receiveTransfer,
             .recallTransfer, .incomingTransfer, .lateTransfer, .lateHandover:
            return try decideCase(command, by: actor, now: now, timeZone: timeZone)

        case .life(let c):
            return try decideLife(c, by: actor, now: now, timeZone: timeZone)

        case let .requestCorrection(target, reason, set):
            return try decideCorrectionRequest(target: target, reason: reason, set: set)

        case let .requestException(rule, medium, caseID, reason, until):
            return try decideExceptionRequest(rule: rule, medium: medium, caseID: caseID, reason: reason, until: until, now: now)

        case .approve, .reject:
            fatalError("handled above")
        }
    }

    /// The register entry for `n`, every rule of `media register` checked; the registration
    /// number is left for the caller (the scheme's next, or an imported one).
    func checkedMedium(_ n: NewMedium) throws(DomainError) -> MediumData {
        // One data category per medium (付紙第4 1(3)) is guaranteed by the type.
        // Disclosable ⇒ write-protected and labelled 「開示」 (付紙第4 1(1)イ).
        if n.category == .disclosable && !n.writeProtected { throw .disclosableNotWriteProtected }
        // 取扱制限 is a closed set (002 別表1 and the local ones declared): an unknown word is refused.
        let restrictions = try parseRestrictions(n.restrictions)
        let serial = try FieldText.optional(n.serial, .serial)
        // One medium, one register entry: a serial already registered is another entry for the same medium.
        if let serial, let other = mediumWithSerial(serial, kind: n.kind) { throw .duplicateSerial(serial: serial, registration: other) }
        return MediumData(
            registration: "", kind: n.kind, category: n.category, classification: n.classification,
            restrictions: restrictions.sorted(), secret: n.secret,
            model: try FieldText.optional(n.model, .model), serial: serial,
            capacity: try FieldText.optional(n.capacity, .capacity), location: try storageLocation(n.location),
            encrypted: n.encrypted, writeProtected: n.writeProtected)
    }

    private func decideRequest(_ id: String, by actor: Actor, approve: Bool, _ command: Command, now: Date) throws(DomainError) -> Change {
        // A 送付リスト waiting for the permission of 002 第48条3 is decided in the same queue.
        let key = id.trimmingCharacters(in: .whitespaces).uppercased()
        if requests[key] == nil, let h = handovers[key] { return try decidePermission(h, by: actor, approve: approve, command) }
        let q = try request(id)
        _ = try person(actor)
        guard q.state == .pending else {
            if let e = stepRefusal(q, by: actor.login), case .selfApproval = e { throw e }
            throw .requestNotPending(request: q.id, state: q.state)
        }
        // The step it waits for (Steps.swift): its roles; nobody decides their own request
        // (002 第19条(1)), decided by person; each step by a different person.
        if let e = stepRefusal(q, by: actor.login) { throw e }
        switch command {
        case let .approve(_, confirmed, comment):
            // The four checks of 001 第3-2, each confirmed by the approver.
            let missing = TakeoutCheck.allCases.filter { !confirmed.contains($0) }
            guard missing.isEmpty else { throw .checksMissing(missing) }
            let m = try medium(q.registration)
            if let e = exitRefusal(m, .takeout, at: now, case: q.id) { throw e }
            guard m.status == .stored || m.status == .inUse else { throw .wrongState(registration: m.registration, status: m.status) }
            // 「ウイルスチェックを実施した」 rests on a clean check on record since it last came back (001 第3-2, 第3-3).
            if !m.hasCleanCheck { throw .rule(.noCleanCheck(registration: m.registration)) }
            return .requestApproved(DecisionData(request: q.id, confirmed: TakeoutCheck.allCases,
                                                 comment: try FieldText.optional(comment, .comment)))
        case let .reject(_, reason):
            return .requestRejected(RejectionData(request: q.id, reason: try FieldText.clean(reason, .reason)))
        default:
            fatalError("only approve and reject are decisions")
        }
    }
}
