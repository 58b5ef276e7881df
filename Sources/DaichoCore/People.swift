// People over time: edited (氏名, 官職, 階級, 所属) and retired (転出, 退職) by new
// records, never removed; the officer role handed from one person to another
// (責任者交代); and the rules of 002 第19条 that decide who may be whom:
//   (1) nobody decides their own request — decided by person, not by login, so
//       one human with two logins still cannot approve their own request;
//   (2) nobody holds the auditor's role together with a role whose actions are audited.
// The checks of `decide` and the replay of `verify` (Replay.swift) both call
// the functions here, so a command and a hand-written record meet the same rule.

import Foundation

/// 氏名, 官職, 階級, 所属 of an enrolled person after an edit (every value as it now stands).
public struct PersonEditData: Codable, Equatable, Sendable {
    public var login: String
    public var name: String
    public var title: String?
    public var rank: String?
    public var section: String?
    public init(login: String, name: String, title: String?, rank: String?, section: String?) {
        self.login = login; self.name = name; self.title = title; self.rank = rank; self.section = section
    }
}

/// 転出 or 退職: the person can no longer read or write; their history keeps their name.
public struct RetirementData: Codable, Equatable, Sendable {
    public var login: String
    public var reason: String
}

/// 責任者交代: the officer's role moves from one person to another in one record.
public struct OfficerChangeData: Codable, Equatable, Sendable {
    public var from: String
    public var to: String
    public var reason: String?
}

/// When, by whom and why a person was retired.
public struct Retirement: Equatable, Sendable {
    public var at: Date
    public var by: String
    public var reason: String
    public var seq: Int
}

/// What a person still holds when they retire: to be reassigned or closed by the officer.
public enum Holding: Equatable, Sendable {
    /// A use they started that has not ended (使用記録簿).
    case use(registration: String, seq: Int)
    /// A take-out they requested that is pending, approved or out (持出簿).
    case request(id: String, registration: String, state: RequestState)
    /// A handover or transfer they drafted that is not yet dispatched.
    case draft(id: String)

    public func label(_ lang: Lang) -> String {
        switch self {
        case let .use(reg, _): lang.pick("使用中: \(reg)（daicho use end \(reg) で終了）", "in use: \(reg) (close: daicho use end \(reg))")
        case let .request(id, reg, state):
            switch state {
            case .departed:
                lang.pick("持出中: \(id) \(reg)（daicho takeout return \(reg) で返却）", "taken out: \(id) \(reg) (close: daicho takeout return \(reg))")
            default:
                lang.pick("持出申請 \(id) \(reg) \(state.label(lang))（daicho takeout withdraw \(id) で取下げ）",
                          "take-out \(id) \(reg) \(state.label(lang)) (close: daicho takeout withdraw \(id))")
            }
        case let .draft(id): lang.pick("起案中: \(id)", "draft: \(id)")
        }
    }
}

extension Person {
    /// Retired people (転出・退職) can no longer read or write.
    public var isRetired: Bool { retired != nil }
}

extension Ledger {
    /// Roles that may be held together with no other: the auditor audits the others' actions (002 第19条(2)).
    public static func auditorConflict(_ roles: [Role]) -> Bool {
        roles.contains(.auditor) && roles.contains(where: { $0 != .auditor })
    }

    /// How a person is told apart: 氏名 and 所属, spaces (ASCII and ideographic) and case ignored.
    static func identity(name: String, section: String?) -> String {
        func fold(_ s: String) -> String {
            String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)).lowercased()
        }
        return fold(name) + "\u{1F}" + fold(section ?? "")
    }

    /// Another login still serving under the same 氏名 and 所属. (Someone who retired and comes back
    /// is enrolled again without `--different-person`, and stays one person with their old login.)
    public func sameNameAndSection(name: String, section: String?, except login: String) -> Person? {
        let key = Ledger.identity(name: name, section: section)
        return allPeople.first { $0.login != login && !$0.isRetired && Ledger.identity(name: $0.name, section: $0.section) == key }
    }

    /// Whether two logins are one human (002 第19条(1) is decided by person): the same login, or
    /// the same 氏名 and 所属 where neither was enrolled as a different person (`--different-person`).
    public func samePerson(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let p = people[a], let q = people[b], !p.differentPerson, !q.differentPerson else { return false }
        return Ledger.identity(name: p.name, section: p.section) == Ledger.identity(name: q.name, section: q.section)
    }

    /// People who hold the officer role and are not retired.
    public var activeOfficers: [Person] { allPeople.filter { $0.has(.officer) && !$0.isRetired } }

    /// What `login` still holds: open uses, open take-outs they requested, drafts they made.
    public func holdings(of login: String) -> [Holding] {
        var out: [Holding] = []
        for m in allMedia {
            if let u = m.openUse, uses.indices.contains(u), uses[u].user == login, uses[u].end == nil {
                out.append(.use(registration: m.registration, seq: uses[u].seq))
            }
        }
        for q in openRequests where q.requester == login {
            out.append(.request(id: q.id, registration: q.registration, state: q.state))
        }
        for h in allHandovers where h.createdBy == login && h.status == .draft { out.append(.draft(id: h.id)) }
        for t in allTransfers where t.createdBy == login && t.status == .draft { out.append(.draft(id: t.id)) }
        return out
    }

    // MARK: - Deciding

    /// Enrolment: the auditor alone (002 第19条(2)); one login per human unless confirmed otherwise.
    func decideEnroll(login rawLogin: String, name: String, roles: [Role], title: String?, rank: String?, section: String?,
                      differentPerson: Bool) throws(DomainError) -> Change {
        let login = try FieldText.login(rawLogin)
        guard people[login] == nil else { throw .alreadyEnrolled(login: login) }
        guard !roles.isEmpty else { throw .invalidField(.role, .empty) }
        let roles = Array(Set(roles)).sorted()
        if Ledger.auditorConflict(roles) { throw .auditorConflict(login: login) }
        let name = try FieldText.clean(name, .name)
        let section = try FieldText.optional(section, .section)
        if !differentPerson, let other = sameNameAndSection(name: name, section: section, except: login) {
            throw .samePersonEnrolled(login: login, other: other.login)
        }
        return .personEnrolled(PersonData(
            login: login, name: name, roles: roles,
            title: try FieldText.optional(title, .title), rank: try FieldText.optional(rank, .rank),
            section: section, differentPerson: differentPerson ? true : nil))
    }

    func decideSetRoles(login: String, roles: [Role]) throws(DomainError) -> Change {
        let p = try activePerson(login)
        let newRoles = Array(Set(roles)).sorted()
        if Ledger.auditorConflict(newRoles) { throw .auditorConflict(login: p.login) }
        if p.has(.officer), !newRoles.contains(.officer), !activeOfficers.contains(where: { $0.login != p.login }) {
            throw .lastOfficer(login: p.login)
        }
        return .rolesChanged(RolesData(login: p.login, roles: newRoles))
    }

    /// An edit keeps what is not given; an empty 官職, 階級 or 所属 clears it.
    func decideEdit(login: String, name: String?, title: String?, rank: String?, section: String?) throws(DomainError) -> Change {
        let p = try activePerson(login)
        func keep(_ given: String?, _ old: String?, _ f: Field) throws(DomainError) -> String? {
            guard let given else { return old }
            return try FieldText.optional(given, f)
        }
        let newName = try name.map { n throws(DomainError) in try FieldText.clean(n, .name) } ?? p.name
        let d = PersonEditData(login: p.login, name: newName, title: try keep(title, p.title, .title),
                               rank: try keep(rank, p.rank, .rank), section: try keep(section, p.section, .section))
        guard d.name != p.name || d.title != p.title || d.rank != p.rank || d.section != p.section else { throw .nothingChanged(login: p.login) }
        return .personEdited(d)
    }

    func decideRetire(login: String, reason: String) throws(DomainError) -> Change {
        let p = try activePerson(login)
        // A ledger always has an officer: the last one hands over first (責任者交代).
        if p.has(.officer), !activeOfficers.contains(where: { $0.login != p.login }) { throw .lastOfficer(login: p.login) }
        return .personRetired(RetirementData(login: p.login, reason: try FieldText.clean(reason, .reason)))
    }

    func decideOfficerChange(from: String?, to: String, by actor: Actor, reason: String?) throws(DomainError) -> Change {
        let old = try activePerson(from ?? actor.login)
        let new = try activePerson(to)
        guard old.has(.officer) else { throw .roleRequired(login: old.login, roles: [.officer]) }
        guard old.login != new.login, !new.has(.officer) else { throw .alreadyOfficer(login: new.login) }
        // The officer's actions are audited: an auditor cannot become one (002 第19条(2)).
        if new.has(.auditor) { throw .auditorConflict(login: new.login) }
        return .officerChanged(OfficerChangeData(from: old.login, to: new.login, reason: try FieldText.optional(reason, .reason)))
    }

    /// An enrolled person who has not retired.
    func activePerson(_ login: String) throws(DomainError) -> Person {
        let key = login.trimmingCharacters(in: .whitespaces)
        guard let p = people[key] else { throw .unknownPerson(login: login) }
        if p.isRetired { throw .retired(login: p.login) }
        return p
    }

    // MARK: - The fold

    mutating func applyPeople(_ r: Record) throws(InconsistentRecord) {
        func bad(_ why: String) -> InconsistentRecord { InconsistentRecord(seq: r.seq, reason: why) }
        switch r.change {
        case .personEdited(let d):
            guard people[d.login] != nil else { throw bad("unknown person \(d.login)") }
            people[d.login]!.name = d.name
            people[d.login]!.title = d.title
            people[d.login]!.rank = d.rank
            people[d.login]!.section = d.section
        case .personRetired(let d):
            guard let p = people[d.login], !p.isRetired else { throw bad("\(d.login) is not an enrolled person still serving") }
            people[d.login]!.retired = Retirement(at: r.at, by: r.actor, reason: d.reason, seq: r.seq)
        case .officerChanged(let d):
            guard people[d.from] != nil, people[d.to] != nil else { throw bad("officer change between unknown people") }
            people[d.from]!.roles.removeAll { $0 == .officer }
            if !people[d.to]!.roles.contains(.officer) { people[d.to]!.roles = (people[d.to]!.roles + [.officer]).sorted() }
        default:
            break
        }
    }

    // MARK: - Replay (verify)

    /// The rules about people, checked again for every record (Replay.swift).
    func peopleRuleViolation(_ r: Record, by p: Person) -> String? {
        switch r.change {
        case .personEnrolled(let d):
            if Ledger.auditorConflict(d.roles) { return "\(d.login) enrolled as auditor with \(d.roles.map(\.rawValue).joined(separator: ",")) (002 第19条(2))" }
            if d.differentPerson != true, let other = sameNameAndSection(name: d.name, section: d.section, except: d.login) {
                return "\(d.login) enrolled under the name and section of \(other.login) without --different-person"
            }
        case .rolesChanged(let d):
            if Ledger.auditorConflict(d.roles) { return "\(d.login) given auditor with \(d.roles.map(\.rawValue).joined(separator: ",")) (002 第19条(2))" }
            if people[d.login]?.isRetired == true { return "roles of retired \(d.login) changed" }
            if let old = people[d.login], old.has(.officer), !d.roles.contains(.officer),
               !activeOfficers.contains(where: { $0.login != d.login }) {
                return "\(d.login), the last officer, lost the role"
            }
        case .personEdited(let d):
            if !p.has(.officer) { return "\(r.actor) may not write \(r.change.type): needs officer" }
            guard let old = people[d.login] else { return "edit of unknown person \(d.login)" }
            if old.isRetired { return "retired \(d.login) edited" }
        case .personRetired(let d):
            if !p.has(.officer) { return "\(r.actor) may not write \(r.change.type): needs officer" }
            guard let old = people[d.login] else { return "retirement of unknown person \(d.login)" }
            if old.isRetired { return "\(d.login) retired twice" }
            if old.has(.officer), !activeOfficers.contains(where: { $0.login != d.login }) {
                return "\(d.login), the last officer, retired (a ledger always has an officer)"
            }
        case .officerChanged(let d):
            if !p.has(.officer) { return "\(r.actor) may not write \(r.change.type): needs officer" }
            guard let old = people[d.from], let new = people[d.to] else { return "officer change between unknown people" }
            if !old.has(.officer) { return "\(d.from) handed over an officer role they did not hold" }
            if old.isRetired || new.isRetired { return "officer change with a retired person" }
            if d.from == d.to || new.has(.officer) { return "\(d.to) is already an officer" }
            if new.has(.auditor) { return "\(d.to), an auditor, made officer (002 第19条(2))" }
        default:
            break
        }
        return nil
    }
}
