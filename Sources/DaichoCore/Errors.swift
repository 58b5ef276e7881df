// Rule violations of the domain, each with the ids it concerns and a one-line
// message for the person at the terminal in Japanese and English.

import Foundation

/// The text fields a command takes, with their limits.
public enum Field: String, Sendable, CaseIterable {
    case unit, login, name, title, rank, section, model, serial, capacity, location, restriction, product
    case purpose, place, destination, transport, note, comment, reason, scheme
    case addressee, contract, itemName, quantity, recipient, sender, report, signer, toUnit, fromUnit
    case keyNumber, opens, kana, address, nationality, post, result, method, conclusion, step
    /// 登録番号 as an imported register gives it (MediaImport.swift).
    case registration
    /// The roles of a person (not free text: only "at least one" is checked).
    case role

    /// The most characters the field may hold.
    public var maxLength: Int {
        switch self {
        case .login: 32
        case .unit, .name, .title, .rank, .section, .model, .serial, .capacity, .location, .restriction, .product, .transport, .scheme, .role: 100
        case .contract, .quantity, .report, .toUnit, .fromUnit: 100
        case .registration: MediaImport.maxRegistrationLength
        case .keyNumber, .kana, .nationality, .post, .result, .method, .step: 100
        case .opens, .address: 200
        case .conclusion: 500
        case .purpose, .place, .destination, .addressee, .itemName, .recipient, .sender, .signer: 200
        case .note, .comment, .reason: 500
        }
    }

    public func label(_ lang: Lang) -> String {
        switch self {
        case .unit: lang.pick("部隊等名称", "unit")
        case .login: lang.pick("ログイン名", "login")
        case .name: lang.pick("氏名", "name")
        case .title: lang.pick("官職", "title")
        case .rank: lang.pick("階級", "rank")
        case .section: lang.pick("所属", "section")
        case .model: lang.pick("型式", "model")
        case .serial: lang.pick("製造番号", "serial")
        case .capacity: lang.pick("容量", "capacity")
        case .location: lang.pick("保管場所", "location")
        case .restriction: lang.pick("取扱制限", "restriction")
        case .product: lang.pick("チェックソフト", "checking product")
        case .purpose: lang.pick("目的", "purpose")
        case .place: lang.pick("使用場所", "where")
        case .destination: lang.pick("持出先", "destination")
        case .transport: lang.pick("運搬方法", "transport")
        case .note: lang.pick("備考", "note")
        case .comment: lang.pick("コメント", "comment")
        case .reason: lang.pick("理由", "reason")
        case .scheme: lang.pick("登録番号の様式", "registration scheme")
        case .role: lang.pick("役割", "role")
        case .addressee: lang.pick("宛先", "addressee")
        case .contract: lang.pick("調達要求番号・契約番号", "contract number")
        case .itemName: lang.pick("名称", "item name")
        case .quantity: lang.pick("数量等", "quantity")
        case .recipient: lang.pick("受領者", "recipient")
        case .sender: lang.pick("送付者", "sender")
        case .report: lang.pick("報告書番号", "report number")
        case .signer: lang.pick("報告者", "signer")
        case .toUnit: lang.pick("受領部隊等", "receiving unit")
        case .fromUnit: lang.pick("発送元部隊等", "sending unit")
        case .keyNumber: lang.pick("かぎ番号", "key number")
        case .opens: lang.pick("用途（開けるもの）", "what it opens")
        case .kana: lang.pick("フリガナ", "kana")
        case .address: lang.pick("住所", "address")
        case .nationality: lang.pick("国籍", "nationality")
        case .post: lang.pick("所属・役職", "post")
        case .result: lang.pick("確認結果", "result")
        case .method: lang.pick("方法", "method")
        case .conclusion: lang.pick("結論", "conclusion")
        case .step: lang.pick("手順", "step")
        case .registration: lang.pick("登録番号", "registration number")
        }
    }
}

/// What is wrong with a field's text.
public enum FieldProblem: Equatable, Sendable {
    case empty
    case tooLong(max: Int)
    case controlCharacter
    case malformed
}

/// A command refused by a rule of the domain.
public enum DomainError: Error, Equatable, Sendable {
    case notInitialized
    case alreadyInitialized
    case notEnrolled(login: String)
    case roleRequired(login: String, roles: [Role])
    case alreadyEnrolled(login: String)
    case unknownPerson(login: String)
    case lastOfficer(login: String)
    /// 転出・退職: no more reading or writing.
    case retired(login: String)
    /// The auditor's role held with a role whose actions are audited (002 第19条(2)).
    case auditorConflict(login: String)
    /// A second login under the 氏名 and 所属 of another, not confirmed as a different person.
    case samePersonEnrolled(login: String, other: String)
    case alreadyOfficer(login: String)
    case nothingChanged(login: String)
    case invalidField(Field, FieldProblem)
    case invalidDate(field: Field?, input: String)
    case unknownMedium(String)
    case unknownRequest(String)
    case unknownRecord(Int)
    case wrongState(registration: String, status: MediumStatus)
    /// 開示可能データ must be write-protected (001 付紙第4 1(1)イ).
    case disclosableNotWriteProtected
    /// 持出禁止 (002 別表1, 001 付紙第4).
    case takeoutForbidden(registration: String)
    /// 暗号化必須 or 機密性3 taken out unencrypted (002 第49条).
    case encryptionRequired(registration: String)
    /// An infected medium may not be used until cleaned (001 第3-3).
    case quarantined(registration: String)
    case requestPending(registration: String, request: String)
    case noApprovedRequest(registration: String)
    case requestNotPending(request: String, state: RequestState)
    /// Nobody decides their own request (002 第19条).
    case selfApproval(request: String)
    /// The checks of 001 第3-2 not all confirmed.
    case checksMissing([TakeoutCheck])
    case untilNotAfterStart
    case untilInPast
    case invalidSetting(key: String, value: String)
    case unknownCase(String)
    case handoverState(id: String, status: HandoverStatus)
    /// A draft is edited by who drafted it or by the officer (002 第19条: nobody acts on another's paper in their name).
    case notDrafter(id: String, drafter: String)
    case transferState(id: String, status: TransferStatus)
    case invalidItem(String)
    case invalidMediumSpec(String)
    case noItems
    case duplicateItem(String)
    case unknownItem(id: String, name: String)
    case itemAlreadySettled(id: String, name: String)
    /// Return or destruction applies to provisions to a contractor (003 8.1(4)).
    case notReturnRequired(String)
    /// 配布禁止 (002 別表1).
    case distributionForbidden(registration: String)
    case mediumInCase(registration: String, id: String)
    case invalidDay(field: Field?, input: String)
    case dayInFuture(String)
    case dayBeforeDispatch(String, String)
    case invalidDueDays(Int)
    case alreadyReceived(String, String)
    /// The same 製造番号 on a second medium of the same kind.
    case duplicateSerial(serial: String, registration: String)
    /// The rule book (Rules.swift).
    case rule(RuleRefusal)
    /// A correction asked for or decided (Corrections.swift).
    case correction(CorrectionRefusal)
    /// A registration number already in the register: unique and never reused (001 付紙第4 1(1)ア(ｱ)).
    case registrationTaken(String)
    /// This row of this file was imported before (MediaImport.swift).
    case alreadyImported(registration: String, line: Int)
    /// Pledges, keys, rosters, inventories, disposals and incidents (LifeRules.swift).
    case life(LifeError)

    public func message(_ lang: Lang) -> String { shortened.fullMessage(lang) }

    /// The same refusal with what was typed shortened (FieldText.shortened): an unknown 128 KB
    /// registration number is echoed as its first characters and its length, and the message
    /// stays one short line (issue 10).
    var shortened: DomainError {
        func q(_ s: String) -> String { FieldText.shortened(s) }
        switch self {
        case .notEnrolled(let l): return .notEnrolled(login: q(l))
        case .roleRequired(let l, let r): return .roleRequired(login: q(l), roles: r)
        case .alreadyEnrolled(let l): return .alreadyEnrolled(login: q(l))
        case .unknownPerson(let l): return .unknownPerson(login: q(l))
        case .lastOfficer(let l): return .lastOfficer(login: q(l))
        case .invalidDate(let f, let i): return .invalidDate(field: f, input: q(i))
        case .unknownMedium(let r): return .unknownMedium(q(r))
        case .unknownRequest(let r): return .unknownRequest(q(r))
        case .wrongState(let r, let s): return .wrongState(registration: q(r), status: s)
        case .takeoutForbidden(let r): return .takeoutForbidden(registration: q(r))
        case .encryptionRequired(let r): return .encryptionRequired(registration: q(r))
        case .quarantined(let r): return .quarantined(registration: q(r))
        case .requestPending(let r, let id): return .requestPending(registration: q(r), request: q(id))
        case .noApprovedRequest(let r): return .noApprovedRequest(registration: q(r))
        case .requestNotPending(let id, let s): return .requestNotPending(request: q(id), state: s)
        case .selfApproval(let id): return .selfApproval(request: q(id))
        case .invalidSetting(let k, let v): return .invalidSetting(key: q(k), value: q(v))
        case .unknownCase(let id): return .unknownCase(q(id))
        case .handoverState(let id, let s): return .handoverState(id: q(id), status: s)
        case .notDrafter(let id, let d): return .notDrafter(id: q(id), drafter: q(d))
        case .transferState(let id, let s): return .transferState(id: q(id), status: s)
        case .invalidItem(let t): return .invalidItem(q(t))
        case .invalidMediumSpec(let t): return .invalidMediumSpec(q(t))
        case .duplicateItem(let t): return .duplicateItem(q(t))
        case .unknownItem(let id, let n): return .unknownItem(id: q(id), name: q(n))
        case .itemAlreadySettled(let id, let n): return .itemAlreadySettled(id: q(id), name: q(n))
        case .notReturnRequired(let id): return .notReturnRequired(q(id))
        case .distributionForbidden(let r): return .distributionForbidden(registration: q(r))
        case .mediumInCase(let r, let id): return .mediumInCase(registration: q(r), id: q(id))
        case .invalidDay(let f, let i): return .invalidDay(field: f, input: q(i))
        case .dayInFuture(let d): return .dayInFuture(q(d))
        case .dayBeforeDispatch(let a, let b): return .dayBeforeDispatch(q(a), q(b))
        case .alreadyReceived(let a, let b): return .alreadyReceived(q(a), q(b))
        case .duplicateSerial(let s, let r): return .duplicateSerial(serial: q(s), registration: q(r))
        default: return self
        }
    }

    private func fullMessage(_ lang: Lang) -> String {
        switch self {
        case .notInitialized:
            return lang.pick("台帳がまだありません。先に daicho init で作成してください", "no ledger here yet: create one with daicho init")
        case .alreadyInitialized:
            return lang.pick("台帳は既に作成されています", "a ledger already exists here")
        case .notEnrolled(let l):
            return lang.pick("\(l) は要員として登録されていません", "\(l) is not enrolled")
        case .roleRequired(let l, let roles):
            let r = roles.map { $0.label(lang) }.joined(separator: lang.pick("・", ", "))
            return lang.pick("\(l) にはこの操作の権限がありません（必要な役割: \(r)）", "\(l) may not do this (needs role: \(r))")
        case .alreadyEnrolled(let l):
            return lang.pick("\(l) は既に登録されています", "\(l) is already enrolled")
        case .unknownPerson(let l):
            return lang.pick("要員 \(l) は登録されていません", "no enrolled person \(l)")
        case .retired(let l):
            return lang.pick("\(l) は転出・退職済みです（読み書きできません）", "\(l) has retired (can no longer read or write)")
        case .auditorConflict(let l):
            return lang.pick("\(l): 監査は監査を受ける役割と兼務できません（002 第19条(2)）",
                             "\(l): the auditor role cannot be held with a role it audits (002 art. 19(2))")
        case .samePersonEnrolled(let l, let other):
            return lang.pick("\(l): 同じ氏名・所属の \(other) が登録済みです。別人であれば --different-person を付けてください",
                             "\(l): \(other) is enrolled under the same name and section; if this is a different person, add --different-person")
        case .alreadyOfficer(let l):
            return lang.pick("\(l) は既に情報保証責任者です", "\(l) is already an officer")
        case .nothingChanged(let l):
            return lang.pick("\(l): 変更する項目がありません", "\(l): nothing to change")
        case .lastOfficer(let l):
            return lang.pick("\(l) は最後の情報保証責任者です。先に別の責任者を指定してください", "\(l) is the last officer: appoint another first")
        case .invalidField(let f, let p):
            let name = f.label(lang)
            switch p {
            case .empty: return lang.pick("\(name)を入力してください", "\(name) is required")
            case .tooLong(let m): return lang.pick("\(name)は\(m)文字以内で入力してください", "\(name) must be at most \(m) characters")
            case .controlCharacter: return lang.pick("\(name)に制御文字は使えません", "\(name) must not contain control characters")
            case .malformed: return lang.pick("\(name)の形式が正しくありません", "\(name) is not in a valid form")
            }
        case .invalidDate(let f, let input):
            let name = f.map { $0.label(lang) } ?? lang.pick("日時", "date")
            return lang.pick("\(name)「\(input)」は日付として読めません（例 2026-12-01T17:00）",
                             "\(name) '\(input)' is not a date (e.g. 2026-12-01T17:00)")
        case .unknownMedium(let r):
            return lang.pick("登録番号 \(r) の媒体はありません", "no medium with registration number \(r)")
        case .unknownRequest(let id):
            return lang.pick("申請 \(id) はありません", "no request \(id)")
        case .unknownRecord(let s):
            return lang.pick("レコード #\(s) はありません", "no record #\(s)")
        case .wrongState(let r, let s):
            return lang.pick("\(r) は現在「\(s.label(lang))」のため、この操作はできません", "\(r) is \(s.label(lang)): not possible now")
        case .disclosableNotWriteProtected:
            return lang.pick("開示可能データの媒体は追記禁止措置が必要です（--write-protected）", "a disclosable medium must be write-protected (--write-protected)")
        case .takeoutForbidden(let r):
            return lang.pick("\(r) は持出禁止です", "\(r) is marked no take-out (持出禁止)")
        case .encryptionRequired(let r):
            return lang.pick("\(r) は暗号化が必要です（暗号化必須または機密性3）。暗号化していない媒体は持ち出せません",
                             "\(r) must be encrypted to be taken out (encryption required or C3)")
        case .quarantined(let r):
            return lang.pick("\(r) はウイルス感染のため使用禁止です。駆除後に異常なしのチェックを記録してください",
                             "\(r) is quarantined (infected): record a clean check first")
        case .requestPending(let r, let id):
            return lang.pick("\(r) には処理中の持出申請 \(id) があります", "\(r) already has an open take-out request \(id)")
        case .noApprovedRequest(let r):
            return lang.pick("\(r) には許可済みの持出申請がありません", "\(r) has no approved take-out request")
        case .requestNotPending(let id, let s):
            return lang.pick("申請 \(id) は「\(s.label(lang))」です。承認待ちではありません", "request \(id) is \(s.label(lang)), not pending")
        case .selfApproval(let id):
            return lang.pick("自分の申請 \(id) は自分で決裁できません", "you cannot decide your own request \(id)")
        case .checksMissing(let checks):
            let list = checks.map(\.rawValue).joined(separator: ",")
            return lang.pick("持出許可の前に確認が必要です: \(list)", "confirm before permitting: \(list)")
        case .untilNotAfterStart:
            return lang.pick("期限は開始より後にしてください", "the end must be after the start")
        case .untilInPast:
            return lang.pick("期限が過去の日時です", "the end is in the past")
        case .invalidSetting(let k, let v):
            return lang.pick("設定「\(k) = \(v)」は使えません（例: approvers.takeout = officer,supervisor。監査は決裁できません。handover.due_days は1〜365）",
                             "setting '\(k) = \(v)' is not valid (e.g. approvers.takeout = officer,supervisor; auditors cannot decide; handover.due_days 1-365)")
        case .unknownCase(let id):
            return lang.pick("\(id) という送付・送達の記録はありません", "no handover or transfer \(id)")
        case .notDrafter(let id, let d):
            return lang.pick("\(id) を修正できるのは起案者（\(d)）か情報保証責任者です", "only the drafter (\(d)) or the officer may edit \(id)")
        case .handoverState(let id, let st):
            return lang.pick("\(id) は「\(st.label(lang))」のため、この操作はできません", "\(id) is \(st.label(lang)): not possible now")
        case .transferState(let id, let st):
            return lang.pick("\(id) は「\(st.label(lang))」のため、この操作はできません", "\(id) is \(st.label(lang)): not possible now")
        case .invalidItem(let t):
            return lang.pick("品目「\(t)」は 名称=数量 の形で入力してください（例 仕様書=2部）", "item '\(t)' must be name=quantity (e.g. spec=2 copies)")
        case .invalidMediumSpec(let t):
            return lang.pick("媒体「\(t)」は 型式:登録番号 の形で入力してください", "medium '\(t)' must be model:registration")
        case .noItems:
            return lang.pick("品目を1つ以上入力してください", "at least one item is required")
        case .duplicateItem(let n):
            return lang.pick("「\(n)」が二重に指定されています", "'\(n)' is given twice")
        case .unknownItem(let id, let n):
            return lang.pick("\(id) に品目「\(n)」はありません", "\(id) has no item '\(n)'")
        case .itemAlreadySettled(let id, let n):
            return lang.pick("\(id) の「\(n)」は返却・廃棄の記録が済んでいます", "item '\(n)' of \(id) is already returned or destroyed")
        case .notReturnRequired(let id):
            return lang.pick("\(id) は返却・廃棄を求める送付ではありません", "\(id) does not require return or destruction")
        case .distributionForbidden(let r):
            return lang.pick("\(r) は配布禁止です", "\(r) is marked no distribution (配布禁止)")
        case .mediumInCase(let r, let id):
            return lang.pick("\(r) は \(id) で送付・送達中です", "\(r) is out with \(id)")
        case .invalidDay(let f, let input):
            let name = f.map { $0.label(lang) } ?? lang.pick("日付", "date")
            return lang.pick("\(name)「\(input)」は日付として読めません（例 2026-12-01 または 令和8年12月1日）",
                             "\(name) '\(input)' is not a date (e.g. 2026-12-01 or R8.12.1)")
        case .dayInFuture(let d):
            return lang.pick("日付 \(d) は未来の日付です", "the date \(d) is in the future")
        case .dayBeforeDispatch(let d, let sent):
            return lang.pick("日付 \(d) は送達日 \(sent) より前です", "the date \(d) is before the dispatch \(sent)")
        case .invalidDueDays(let n):
            return lang.pick("受領書の返送期限は1〜365日で指定してください（\(n)）", "the receipt due days must be 1-365 (\(n))")
        case .alreadyReceived(let theirs, let from):
            return lang.pick("\(from) の \(theirs) は既に受領・登録されています", "\(theirs) from \(from) is already registered")
        case .life(let e):
            return e.message(lang)
        case .duplicateSerial(let serial, let reg):
            return lang.pick("製造番号 \(serial) の媒体は既に \(reg) として登録されています", "a medium with serial \(serial) is already registered as \(reg)")
        case .correction(let c):
            return c.message(lang)
        case .rule(let r):
            return r.message(lang)
        case .registrationTaken(let reg):
            return lang.pick("登録番号 \(reg) は既に使われています（登録番号は再使用しません）", "registration number \(reg) is already used (numbers are never reused)")
        case let .alreadyImported(reg, line):
            return lang.pick("\(line)行目は既に \(reg) として登録されています", "line \(line) is already registered as \(reg)")
        }
    }
}

/// Checks and cleans the text of a field: trims surrounding white space, refuses
/// control characters (C0, DEL, C1, and the bidirectional overrides that can
/// disguise text), and enforces the field's length.
public enum FieldText {
    /// `s` as echoed in a message: at most `limit` characters, the rest replaced by "…" and the
    /// length (a message stays one short line whatever was typed).
    public static func shortened(_ s: String, limit: Int = 64) -> String {
        guard s.count > limit else { return s }
        return String(s.prefix(limit)) + "…(\(s.count))"
    }
    public static func clean(_ raw: String, _ field: Field, required: Bool = true) throws(DomainError) -> String {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.isEmpty {
            if required { throw .invalidField(field, .empty) }
            return s
        }
        for u in s.unicodeScalars where isForbidden(u) { throw .invalidField(field, .controlCharacter) }
        // Characters as people count them; and scalars too, so one character of thousands
        // of combining marks cannot carry an unbounded text past the limit.
        if s.count > field.maxLength || s.unicodeScalars.count > 4 * field.maxLength {
            throw .invalidField(field, .tooLong(max: field.maxLength))
        }
        return s
    }

    /// An optional field: nil or blank gives nil.
    public static func optional(_ raw: String?, _ field: Field) throws(DomainError) -> String? {
        guard let raw else { return nil }
        let s = try clean(raw, field, required: false)
        return s.isEmpty ? nil : s
    }

    public static func isForbidden(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        case 0x2028, 0x2029, 0xFEFF: true
        default: false
        }
    }

    /// A login: letters, digits, `_`, `.`, `-`, starting with a letter or `_`; at most 32.
    public static func login(_ raw: String) throws(DomainError) -> String {
        let s = try clean(raw, .login)
        let ok = s.unicodeScalars.enumerated().allSatisfy { i, u in
            let c = Character(u)
            if u.isASCII && (c.isLetter || c == "_") { return true }
            return i > 0 && u.isASCII && (c.isNumber || c == "." || c == "-")
        }
        guard ok else { throw .invalidField(.login, .malformed) }
        return s
    }
}
