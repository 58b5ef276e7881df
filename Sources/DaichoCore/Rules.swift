// The rule book: what every movement of a medium out of the unit's control
// must pass, in one place. Every exit (take-out, 送付リスト, 送達票, and any
// exit added later) asks `exitRefusal`; `decide` turns its answer into a
// refusal and the replay (Replay.swift) into damage, so the two cannot drift.
//
// Sources:
//   002 別表1 — 取扱制限 is a closed set: 複製禁止, 持出禁止, 配布禁止, 暗号化必須, 読後廃棄,
//               and the local ones the officer declares with the exits each forbids;
//   002 第49条 — 暗号化必須 or 機密性3 leaves only encrypted;
//   001 付紙第4 1(1)ア(ｱ) — 秘 and above is managed under the secrecy regulations, not here;
//   001 第3-3, 第3-2 — a medium that came back is checked (clean) before anything else;
//   002 別表1 読後廃棄 — once its use or take-out ends it is due for disposal.

import Foundation

/// A way a medium leaves the unit's control.
public enum Exit: String, Sendable, CaseIterable, Codable {
    /// 持出し (持出簿, 001 付紙第4 1(1)ア(ｳ)).
    case takeout
    /// 送付リスト (000 別記様式第3).
    case handover
    /// 送達票 (001 付紙第3).
    case transfer

    public func label(_ lang: Lang) -> String {
        switch self {
        case .takeout: lang.pick("持出し", "take-out")
        case .handover: lang.pick("送付", "handover")
        case .transfer: lang.pick("送達", "transfer")
        }
    }
}

/// A restriction the officer declared for the unit, with the exits it forbids (002 別表1 「その他」).
public struct LocalRestriction: Equatable, Sendable {
    public var name: String
    public var forbids: [Exit]
}

/// Settings of the rule book kept by the officer (ledger configuration).
public struct RuleSettings: Equatable, Sendable {
    /// Local 取扱制限, in the order declared.
    public var localRestrictions: [LocalRestriction] = []
    /// The central storage locations the officer keeps (001 付紙第4 1(2)); empty: not kept, any location.
    public var locations: [String] = []
    public init() {}
}

/// Why the rule book refuses an action.
public enum RuleRefusal: Error, Equatable, Sendable {
    /// A restriction that is not one of the known ones (002 別表1 plus the local ones).
    case unknownRestriction(String, known: [String])
    /// A restriction forbids this exit.
    case exitForbidden(registration: String, restriction: String, exit: Exit)
    /// 秘 and above: managed under the secrecy regulations (001 付紙第4 1(1)ア(ｱ)).
    case secret(registration: String)
    /// 暗号化必須 or 機密性3 leaving unencrypted (002 第49条).
    case encryptionRequired(registration: String, exit: Exit)
    /// The medium came back (returned, received, found) and has no clean check since (001 第3-3).
    case checkDue(registration: String)
    /// No clean virus check on record since it last came back (001 第3-3, 第3-2).
    case noCleanCheck(registration: String)
    /// 読後廃棄: its use or take-out ended, it is due for disposal (002 別表1).
    case disposalDue(registration: String)
    /// A local restriction's declaration that cannot be read.
    case badLocalRestriction(String)
    /// `approvers.takeout` without the officer (001 付紙第4 1(1)ア(ｳ)).
    case officerRequired
    /// A location not on the central storage list (001 付紙第4 1(2)).
    case unknownLocation(String, known: [String])
    /// `media amend` that changes nothing.
    case nothingToAmend(registration: String)
    /// A 送付リスト with 機密性3 information not yet permitted (002 第48条3).
    case permissionRequired(id: String)
    /// `--return-required` and `--no-return` together.
    case returnConflict
    /// A late arrival of something the receipt did not say was missing.
    case notMissing(id: String, name: String)
    /// An exception naming a rule that cannot be suspended (002 第26条).
    case notExceptable(String, known: [String])
    /// An exception names exactly one medium or one case.
    case exceptionSubject
    /// A decision on an exception that is not pending.
    case exceptionNotPending(id: String)
    /// A second step of a request by someone who took an earlier one (002 第19条).
    case sameDecider(request: String)
    /// `steps.KIND[.N]` that cannot be read, or a take-out's that leaves the officer out.
    case badSteps(String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .unknownRestriction(let w, let known):
            let list = known.joined(separator: lang.pick("、", ", "))
            return lang.pick("取扱制限「\(w)」はありません（使えるもの: \(list)）", "no handling restriction '\(w)' (known: \(list))")
        case .exitForbidden(let r, let res, let exit):
            return lang.pick("\(r) は\(res)のため\(exit.label(lang))できません", "\(r) is marked \(res): no \(exit.label(lang))")
        case .secret(let r):
            return lang.pick("\(r) は秘以上の情報を扱う媒体です。秘密保全に関する達により管理してください（001 付紙第4 1(1)ア(ｱ)）",
                             "\(r) holds material at 秘 or above: it is managed under the secrecy regulations, not here")
        case .encryptionRequired(let r, let exit):
            return lang.pick("\(r) は暗号化が必要です（暗号化必須または機密性3）。暗号化していない媒体は\(exit.label(lang))できません",
                             "\(r) must be encrypted (encryption required or C3) before a \(exit.label(lang))")
        case .checkDue(let r):
            return lang.pick("\(r) は戻った媒体です。先にウイルスチェック（異常なし）を記録してください",
                             "\(r) came back: record a clean virus check first")
        case .noCleanCheck(let r):
            return lang.pick("\(r) には前回戻って以降の異常なしのウイルスチェックの記録がありません（media scan または --scanned clean）",
                             "\(r) has no clean virus check on record since it last came back (media scan, or --scanned clean)")
        case .disposalDue(let r):
            return lang.pick("\(r) は読後廃棄の媒体で、廃棄待ちです", "\(r) is marked 読後廃棄 and is due for disposal")
        case .badLocalRestriction(let v):
            return lang.pick("独自の取扱制限の指定「\(v)」が読めません（例: config set restriction.部外秘 handover,transfer、制限しない場合は none）",
                             "local restriction '\(v)' cannot be read (e.g. config set restriction.NAME handover,transfer, or none)")
        case .unknownLocation(let loc, let known):
            let list = known.joined(separator: lang.pick("、", ", "))
            return lang.pick("保管場所「\(loc)」は集中保管場所の一覧にありません（\(list)）", "'\(loc)' is not a central storage location (\(list))")
        case .nothingToAmend(let r):
            return lang.pick("\(r) の登録内容は変わりません（変更する項目を指定してください）", "nothing about \(r) changes: give a field to amend")
        case .permissionRequired(let id):
            return lang.pick("\(id) には機密性3の情報が含まれます。送達の前に許可が必要です（002 第48条3、承認待ちで決裁）",
                             "\(id) holds C3 information: it needs permission before dispatch (approvals queue)")
        case .returnConflict:
            return lang.pick("--return-required と --no-return は同時に指定できません", "--return-required and --no-return contradict each other")
        case .notMissing(let id, let name):
            return lang.pick("\(id) の受領で「\(name)」は未着ではありません", "'\(name)' was not missing from the receipt of \(id)")
        case .notExceptable(let w, let known):
            let list = known.joined(separator: lang.pick("、", ", "))
            return lang.pick("「\(w)」は例外措置の対象にできません（できるもの: \(list)）", "'\(w)' cannot be suspended by an exception (possible: \(list))")
        case .exceptionSubject:
            return lang.pick("例外措置は媒体（--medium）か案件（--case）のどちらか一つについて申請します",
                             "an exception names exactly one medium (--medium) or one case (--case)")
        case .sameDecider(let id):
            return lang.pick("\(id) の前の段階をあなたが決裁しています。次の段階は別の人が決裁します（002 第19条）",
                             "you decided an earlier step of \(id): the next step is someone else's")
        case .badSteps(let v):
            return lang.pick("決裁の段階「\(v)」が読めません（例: config set steps.takeout.3 \"officer;supervisor\"。種類は takeout・handover・disposal・exception・correction、格付 .N は takeout・disposal・exception のみ、2〜5段、持出しはどこかに officer、戻すときは none）",
                             "cannot read the steps '\(v)' (e.g. steps.takeout.3 \"officer;supervisor\": kinds takeout, handover, disposal, exception, correction; class .N for takeout, disposal, exception only; 2-5 steps; officer in one for a take-out; or none)")
        case .exceptionNotPending(let id):
            return lang.pick("\(id) は承認待ちではありません", "\(id) is not pending")
        case .officerRequired:
            return lang.pick("持出しの許可には情報保証責任者が必要です。approvers.takeout には officer を含めてください（001 付紙第4 1(1)ア(ｳ)）",
                             "take-outs need the officer's permission: approvers.takeout must include officer")
        }
    }

    /// The one-line reason the replay names a record with.
    var replayReason: String { message(.en) }
}

extension Medium {
    /// Sequence number from which a clean check counts: when it last came back, else its registration.
    public var checkFrom: Int { backAt ?? history.first ?? 0 }
    /// A clean virus check is on record since it last came back (001 第3-3).
    public var hasCleanCheck: Bool {
        guard let s = lastScan, s.result == .clean else { return false }
        return s.seq > checkFrom
    }
    /// It came back (returned, received from another unit or a contractor, found) and was not checked clean since.
    public var checkDue: Bool { backAt != nil && !hasCleanCheck }
    /// 秘 and above (001 付紙第4 1(1)ア(ｱ)).
    public var isSecret: Bool { data.secret }
}

extension Ledger {
    public static let localRestrictionPrefix = "restriction."

    /// Every restriction the ledger knows: the five of 002 別表1, then the local ones.
    public var knownRestrictions: [String] {
        Restriction.standard.map(\.rawValue) + rules.localRestrictions.map(\.name)
    }

    /// Restrictions as typed (Japanese, or the English aliases of the standard ones), each a known one.
    public func parseRestrictions(_ raws: [String]) throws(DomainError) -> [Restriction] {
        var out: [Restriction] = []
        for raw in raws {
            let s = try FieldText.clean(raw, .restriction)
            let r = Restriction.aliases[s.lowercased()] ?? Restriction(rawValue: s)
            guard knownRestrictions.contains(r.rawValue) else { throw .rule(.unknownRestriction(s, known: knownRestrictions)) }
            if !out.contains(r) { out.append(r) }
        }
        return out.sorted()
    }

    /// Restrictions of a medium that the ledger does not know (free text from an earlier version): shown as unknown.
    public func unknownRestrictions(of m: Medium) -> [Restriction] {
        let known = knownRestrictions
        return m.data.restrictions.filter { !known.contains($0.rawValue) }
    }

    /// `verify`'s warnings: values the rules cannot read (not damage: the journal says what it said).
    public var warnings: [String] {
        allMedia.compactMap { m in
            let u = unknownRestrictions(of: m)
            return u.isEmpty ? nil : "\(m.registration): unknown handling restriction \(u.map(\.rawValue).joined(separator: ","))"
        }
    }

    /// The exits a restriction forbids.
    public func exitsForbidden(by r: Restriction) -> [Exit] {
        switch r {
        case .noTakeout: return Exit.allCases            // 持出禁止: every exit (002 別表1)
        case .noDistribution: return [.handover, .transfer] // 配布禁止: not handed to anyone
        default: return rules.localRestrictions.first { $0.name == r.rawValue }?.forbids ?? []
        }
    }

    /// What forbids `m` to leave by `exit`, or nil. The one exit check of daicho.
    /// `state`: also the medium's state (in storage, checked, nothing open); false for a draft listing it.
    /// `at`: exceptions valid then may suspend a rule (nil: none considered); `case`: the case or request it leaves with.
    public func exitRefusal(_ m: Medium, _ exit: Exit, state: Bool = true, at: Date? = nil, case caseID: String? = nil) -> DomainError? {
        exitCheck(m, exit, state: state, at: at, case: caseID).refusal
    }

    /// The one exit check, with the exceptions (Exceptions.swift) it went through under.
    public func exitCheck(_ m: Medium, _ exit: Exit, state: Bool = true, at: Date? = nil,
                          case caseID: String? = nil) -> (refusal: DomainError?, exceptions: [String]) {
        let reg = m.registration
        var used: [String] = []
        /// A valid exception suspends `rule` for this medium or case.
        func exempt(_ rule: ExceptionRule) -> Bool {
            guard let at, let e = exempting(rule, reg, case: caseID, at: at) else { return false }
            if !used.contains(e.id) { used.append(e.id) }
            return true
        }
        // 秘: never by exception (001 付紙第4 1(1)ア(ｱ)).
        if m.isSecret { return (.rule(.secret(registration: reg)), []) }
        for r in m.data.restrictions where exitsForbidden(by: r).contains(exit) {
            if exempt(.restriction(r)) { continue }
            switch (r, exit) {
            case (.noTakeout, .takeout): return (.takeoutForbidden(registration: reg), [])
            case (.noDistribution, _): return (.distributionForbidden(registration: reg), [])
            default: return (.rule(.exitForbidden(registration: reg, restriction: r.rawValue, exit: exit)), [])
            }
        }
        guard state else { return (nil, used) }
        // A quarantine, a check due, 読後廃棄: never by exception (001 第3-3).
        if m.status == .quarantined { return (.quarantined(registration: reg), []) }
        // 消去済: erased, not yet put back in storage (001 付紙第4 1(5), LifeRules.swift `disposal.stored`).
        if m.status == .erased { return (.wrongState(registration: reg, status: .erased), []) }
        if m.checkDue { return (.rule(.checkDue(registration: reg)), []) }
        if m.disposalDue { return (.rule(.disposalDue(registration: reg)), []) }
        // 暗号化必須 or 機密性3: encrypted before it leaves (002 第49条), unless 暗号化機能の無効化 is granted (付紙第4 1(4)).
        if m.encryptionRequiredForTakeout && !m.data.encrypted && !exempt(.encryption) {
            return (exit == .takeout ? .encryptionRequired(registration: reg) : .rule(.encryptionRequired(registration: reg, exit: exit)), [])
        }
        return (nil, used)
    }

    /// What forbids an item of a 送付リスト that is not a registered medium (its declared restrictions, 002 第47条).
    func itemRefusal(_ item: HandoverItem) -> DomainError? {
        for r in item.restrictions ?? [] where exitsForbidden(by: r).contains(.handover) {
            return .rule(.exitForbidden(registration: item.name, restriction: r.rawValue, exit: .handover))
        }
        return nil
    }

    /// The replay's reason for an exit that breaks the rule book, naming the medium.
    func exitViolation(_ m: Medium, _ exit: Exit, state: Bool = true, at: Date? = nil, case caseID: String? = nil) -> String? {
        exitRefusal(m, exit, state: state, at: at, case: caseID).map { "\(m.registration) leaves by \(exit.rawValue): \($0.message(.en))" }
    }

    /// Reads `restriction.NAME` = exits (comma-separated `takeout,handover,transfer`, or `none`).
    static func parseLocalRestriction(key: String, value: String) -> LocalRestriction? {
        guard key.hasPrefix(localRestrictionPrefix) else { return nil }
        let name = String(key.dropFirst(localRestrictionPrefix.count))
        guard (try? FieldText.clean(name, .restriction)) == name, !name.contains(","),
              !Restriction.standard.contains(Restriction(rawValue: name)), Restriction.aliases[name.lowercased()] == nil else { return nil }
        let v = value.trimmingCharacters(in: .whitespaces)
        if v == "none" { return LocalRestriction(name: name, forbids: []) }
        var exits: [Exit] = []
        for part in v.split(separator: ",") {
            guard let e = Exit(rawValue: part.trimmingCharacters(in: .whitespaces)) else { return nil }
            if !exits.contains(e) { exits.append(e) }
        }
        guard !exits.isEmpty else { return nil }
        return LocalRestriction(name: name, forbids: Exit.allCases.filter(exits.contains))
    }

    mutating func declare(_ l: LocalRestriction) {
        if let i = rules.localRestrictions.firstIndex(where: { $0.name == l.name }) { rules.localRestrictions[i] = l }
        else { rules.localRestrictions.append(l) }
    }

    /// Media due for disposal (読後廃棄 after its use or take-out ended), for the home screen and the lifecycle work.
    public var mediaDueForDisposal: [Medium] { allMedia.filter { $0.disposalDue && !$0.status.isFinal } }
    /// Media that came back and wait for a clean check (001 第3-3).
    public var mediaDueForCheck: [Medium] { allMedia.filter { $0.checkDue && !$0.status.isFinal } }
}
