// Bringing in the register a unit kept before daicho (USBメモリ管理台帳 and the
// like, exported from Excel): each row becomes one `medium.registered` record
// under the registration number already on the medium's label, marked
// `origin: "import"` with the SHA-256 of the file and the row's line, so that
// the same row is never registered twice. Every rule of `media register`
// applies (`Ledger.checkedMedium`): one data category (001 付紙第4 1(3)),
// disclosable media write-protected (1(1)イ), known 取扱制限 (002 別表1), one
// entry per 製造番号; and the number itself is unique and never reused
// (1(1)ア(ｱ)). The file's bytes and CSV are read elsewhere (DaichoSheets); this
// is the pure part: headings to fields, cells to values, rows to a plan.

import Foundation

/// A row of an earlier register, to be registered under its own number.
public struct ImportedMedium: Equatable, Sendable {
    public var registration: String
    public var medium: NewMedium
    /// 登録日 in the earlier register.
    public var registeredOn: Day?
    /// SHA-256 (64 lowercase hex digits) of the file the row was read from, and the line it starts on.
    public var file: String
    public var line: Int
    public init(registration: String, medium: NewMedium, registeredOn: Day? = nil, file: String, line: Int) {
        self.registration = registration; self.medium = medium; self.registeredOn = registeredOn
        self.file = file; self.line = line
    }
}

/// The fields a column of an imported register can fill.
public enum ImportField: String, Sendable, CaseIterable {
    case registration, kind, category, classification = "class", restrictions, secret, model, serial, capacity, location
    case encrypted, writeProtected = "write_protected", registeredOn = "registered_on"
    /// 状態 in the earlier register: only a medium in storage is registered (below).
    case status

    /// The heading daicho's own Japanese export writes (and an earlier register most likely has).
    public var japanese: String {
        switch self {
        case .registration: "登録番号"
        case .kind: "種別"
        case .category: "データ区分"
        case .classification: "格付"
        case .restrictions: "取扱制限"
        case .secret: "秘以上"
        case .model: "型式"
        case .serial: "製造番号"
        case .capacity: "容量"
        case .location: "保管場所"
        case .encrypted: "暗号化"
        case .writeProtected: "追記禁止"
        case .registeredOn: "登録日"
        case .status: "状態"
        }
    }
    public func heading(_ lang: Lang) -> String { lang.pick(japanese, rawValue) }

    /// Every column a register must have (as `media register` requires these options).
    public static let required: [ImportField] = [.registration, .kind, .category, .classification]

    /// Headings that mean this field, beyond the two above (compared folded: MediaImport.key).
    var synonyms: [String] {
        switch self {
        case .registration: ["registration_number", "登録no", "登録no.", "登録番号(管理番号)"]
        case .kind: ["媒体種別", "媒体の種類", "種類", "type"]
        case .category: ["区分", "category_of_data"]
        case .classification: ["機密性", "格付け", "classification"]
        case .restrictions: ["取扱い制限", "取り扱い制限", "restriction"]
        case .secret: ["秘", "secret_or_above"]
        case .model: ["型番", "製品名"]
        case .serial: ["シリアル番号", "シリアル", "serial_number", "s/n"]
        case .capacity: ["記憶容量"]
        case .location: ["保管場所(ロッカー)", "保管庫"]
        case .encrypted: ["暗号化の有無", "暗号化措置"]
        case .writeProtected: ["追記禁止措置", "write-protected", "書込禁止"]
        case .registeredOn: ["登録年月日", "registration_date"]
        case .status: ["現況", "状況", "保管状況", "state"]
        }
    }

    /// Read from a `--map COLUMN=FIELD` argument: the English name or the Japanese heading.
    public init?(name: String) {
        let k = MediaImport.key(name)
        guard let f = ImportField.allCases.first(where: { MediaImport.key($0.rawValue) == k || MediaImport.key($0.japanese) == k })
        else { return nil }
        self = f
    }
}

/// What is wrong with an imported file or one of its rows.
public enum ImportProblem: Error, Equatable, Sendable {
    /// A column every row needs is not in the heading row.
    case missingColumn(ImportField)
    /// Two columns fill the same field.
    case duplicateColumn(ImportField, String, String)
    /// `--map COLUMN=FIELD`: no such column in the heading row.
    case mapColumnNotFound(String)
    /// `--map COLUMN=FIELD`: no such field.
    case unknownField(String)
    /// The file has a heading row and nothing under it.
    case noRows
    /// A cell that is required is empty.
    case emptyCell(ImportField)
    /// A cell whose value is not one this field takes.
    case badValue(ImportField, String)
    /// More than one data category in one row (001 付紙第4 1(3)).
    case twoCategories(String)
    /// The registration number is not one a label can carry.
    case badRegistration(String)
    /// The row has more cells than the heading row.
    case extraCells(Int)
    /// 状態 says the medium is not in storage (in use, out, disposed of, lost, moved away).
    case notStored(String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .missingColumn(let f):
            return lang.pick("列「\(f.japanese)」（\(f.rawValue)）がありません。別の見出しの列なら --map 見出し=\(f.rawValue) で指定してください",
                             "no column '\(f.rawValue)' (\(f.japanese)): name another heading with --map HEADING=\(f.rawValue)")
        case let .duplicateColumn(f, a, b):
            return lang.pick("列「\(a)」と「\(b)」がどちらも\(f.japanese)です。--map で一方を指定してください",
                             "columns '\(a)' and '\(b)' are both \(f.rawValue): pick one with --map")
        case .mapColumnNotFound(let c):
            return lang.pick("--map の列「\(c)」は見出し行にありません", "--map: no column '\(c)' in the heading row")
        case .unknownField(let f):
            let names = ImportField.allCases.map(\.rawValue).joined(separator: ", ")
            return lang.pick("--map の項目「\(f)」はありません（\(names)）", "--map: no field '\(f)' (\(names))")
        case .noRows:
            return lang.pick("見出し行の下に行がありません", "no rows under the heading row")
        case .emptyCell(let f):
            return lang.pick("\(f.japanese)が空です", "\(f.rawValue) is empty")
        case let .badValue(f, v):
            return lang.pick("\(f.japanese)「\(v)」は読めません（\(MediaImport.accepted(f, .ja))）",
                             "\(f.rawValue) '\(v)' is not understood (\(MediaImport.accepted(f, .en)))")
        case .twoCategories(let v):
            return lang.pick("データ区分「\(v)」: 1つの媒体のデータ区分は1つです（001 付紙第4 1(3)）",
                             "category '\(v)': one data category per medium (001 付紙第4 1(3))")
        case .badRegistration(let v):
            return lang.pick("登録番号「\(v)」はラベルに記載できる形ではありません（英数字と - _ . / で\(MediaImport.maxRegistrationLength)文字以内、英数字で始まる）",
                             "registration number '\(v)' is not one a label carries (letters, digits and - _ . /, at most \(MediaImport.maxRegistrationLength), starting with a letter or digit)")
        case .extraCells(let n):
            return lang.pick("見出し行より多い\(n)個のセルがあります", "\(n) cells more than the heading row")
        case .notStored(let v):
            return lang.pick("状態「\(v)」: 取り込むのは保管中の媒体だけです（使用中・持出中・使用禁止のものは保管に戻し異常なしを確かめてから、廃棄・消去・亡失・移管したものは旧台帳に残します）",
                             "status '\(v)': only media in storage are brought in (put one in use, out or quarantined back in storage, checked clean, first; keep disposed of, lost or transferred ones in the earlier register)")
        }
    }
}

/// Why a row is not registered.
public enum ImportRefusal: Error, Equatable, Sendable {
    case value(ImportProblem)
    case rule(DomainError)
    public func message(_ lang: Lang) -> String {
        switch self {
        case .value(let p): p.message(lang)
        case .rule(let e): e.message(lang)
        }
    }
}

/// Which column fills which field.
public struct ImportColumns: Equatable, Sendable {
    /// Column index → field.
    public var fields: [Int: ImportField]
    /// Headings of the columns nothing reads (shown in the dry run, so a misspelt heading is seen).
    public var ignored: [String]
    public var count: Int
    public func column(of f: ImportField) -> Int? { fields.first(where: { $0.value == f })?.key }
}

/// One row's fate in an import.
public struct PlannedRow: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        /// Would be registered (dry run) or is to be (commit) as this entry.
        case accepted(ImportedMedium, MediumData)
        /// Already in the register from an earlier import of this row: nothing to do.
        case already(String)
        case refused(ImportRefusal)
    }
    public var line: Int
    /// The registration number as the row gives it (for messages).
    public var registration: String
    public var outcome: Outcome
}

public enum MediaImport {
    public static let maxRegistrationLength = 40

    /// How headings and values are compared: full-width ASCII as half-width, ideographic space as
    /// space, letters in lower case, spaces, hyphens and underscores inside removed, trimmed.
    public static func key(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in fold(s).lowercased().unicodeScalars where !(u == " " || u == "_" || u == "-" || u == "\u{3000}") {
            out.append(u)
        }
        return String(out)
    }

    /// Full-width ASCII (Ａ１－) as ASCII, the ideographic space as a space; trimmed.
    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value) { out.append(Unicode.Scalar(u.value - 0xFEE0)!) }
            else if u.value == 0x3000 { out.append(" ") }
            else { out.append(u) }
        }
        return String(out).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Finds each field's column from the heading row; `map` (COLUMN → FIELD name) comes first.
    public static func columns(headings: [String], map: [(column: String, field: String)]) throws(ImportProblem) -> ImportColumns {
        var fields: [Int: ImportField] = [:]
        var mapped = Set<Int>()
        for (column, name) in map {
            guard let f = ImportField(name: name) else { throw .unknownField(name) }
            guard let i = headings.firstIndex(where: { key($0) == key(column) }) else { throw .mapColumnNotFound(column) }
            if let j = fields.first(where: { $0.value == f })?.key, j != i { throw .duplicateColumn(f, headings[j], headings[i]) }
            fields[i] = f
            mapped.insert(i)
        }
        // Then the headings themselves: the Japanese or English name, or a common synonym.
        // daicho's export also writes 登録日時 / registered_at, read as the day when no 登録日 column is there.
        var fallbackDay: Int?
        for (i, h) in headings.enumerated() where !mapped.contains(i) {
            let k = key(h)
            if k == key("registered_at") || k == key("登録日時") { fallbackDay = fallbackDay ?? i; continue }
            guard let f = ImportField.allCases.first(where: { f in
                k == key(f.rawValue) || k == key(f.japanese) || f.synonyms.contains(where: { key($0) == k })
            }) else { continue }
            if fields.values.contains(f) {
                // A mapped column wins over a heading; two headings for one field are ambiguous.
                if let j = fields.first(where: { $0.value == f })?.key, !mapped.contains(j) { throw .duplicateColumn(f, headings[j], h) }
                continue
            }
            fields[i] = f
        }
        if let i = fallbackDay, !fields.values.contains(.registeredOn) { fields[i] = .registeredOn }
        for f in ImportField.required where !fields.values.contains(f) { throw .missingColumn(f) }
        let ignored = headings.indices.filter { fields[$0] == nil && !key(headings[$0]).isEmpty }.map { headings[$0] }
        return ImportColumns(fields: fields, ignored: ignored, count: headings.count)
    }

    // MARK: - Values

    static func table<T>(_ pairs: [(T, [String])]) -> [String: T] {
        var t: [String: T] = [:]
        for (v, names) in pairs { for n in names { t[key(n)] = v } }
        return t
    }

    static let kinds: [String: MediumKind] = table(MediumKind.allCases.map { k in
        var names = [k.rawValue, k.label(.ja), k.label(.en), k.shortLabel(.ja), k.shortLabel(.en), k.prefix]
        switch k {
        case .usb: names += ["USBメモリー", "USBフラッシュメモリ", "USB memory stick"]
        case .sd: names += ["microSD", "microSDカード", "SDメモリカード"]
        case .cdR: names += ["CD", "CD-RW"]
        case .dvdR: names += ["DVD", "DVD-RW", "DVD-RAM"]
        case .bdR: names += ["BD", "BD-RE", "ブルーレイ"]
        case .hdd: names += ["ハードディスク", "外付けハードディスク", "外付HDD", "HDD"]
        case .ssd: names += ["外付SSD"]
        case .other: names += ["他"]
        }
        return (k, names)
    })

    static let categories: [String: DataCategory] = table(DataCategory.allCases.map { c in
        var names = [c.rawValue, c.label(.ja), c.label(.en), c.shortLabel(.ja), c.shortLabel(.en)]
        switch c {
        case .business: names += ["業務用", "業務データ"]
        case .disclosable: names += ["開示可能", "開示用データ"]
        case .commercial: names += ["市販", "市販品"]
        }
        return (c, names)
    })

    /// 状態 values that mean the medium is in storage.
    static let stored = Set([MediumStatus.stored.rawValue, MediumStatus.stored.label(.ja), MediumStatus.stored.label(.en),
                             "保管", "在庫", "格納中", "保管庫", "in storage"].map(key))

    static let yes = Set(["○", "◯", "〇", "●", "あり", "有", "有り", "済", "はい", "yes", "y", "true", "1", "✓", "✔", "レ"].map(key))
    static let no = Set(["×", "✕", "✖", "なし", "無", "無し", "いいえ", "no", "n", "false", "0", "-", "−", "ー", "―"].map(key))

    /// What a field takes, for the message about a value it does not.
    static func accepted(_ f: ImportField, _ lang: Lang) -> String {
        switch f {
        case .kind: return MediumKind.allCases.map { lang == .ja ? $0.label(.ja) : $0.rawValue }.joined(separator: ", ")
        case .category: return DataCategory.allCases.map { lang == .ja ? $0.label(.ja) : $0.rawValue }.joined(separator: ", ")
        case .classification: return lang.pick("機密性1〜3 または 1〜3", "1-3 or 機密性1-3")
        case .secret, .encrypted, .writeProtected: return lang.pick("○/あり/yes または ×/なし/no/空欄", "○/あり/yes/true or ×/なし/no/false/empty")
        case .registeredOn: return lang.pick("2026-11-25、2026/11/25、令和8年11月25日、平成30年4月1日", "2026-11-25, 2026/11/25, R8.11.25, H30.4.1")
        default: return ""
        }
    }

    static func flag(_ s: String, _ f: ImportField) throws(ImportProblem) -> Bool {
        let k = key(s)
        if k.isEmpty || no.contains(k) { return false }
        if yes.contains(k) { return true }
        throw .badValue(f, s)
    }

    static func classification(_ s: String) throws(ImportProblem) -> Confidentiality {
        var k = key(s)
        for p in ["機密性", "class", "c"] where k.hasPrefix(p) { k = String(k.dropFirst(p.count)); break }
        if k.hasSuffix("情報") { k = String(k.dropLast(2)) }
        guard let n = Int(k), let c = Confidentiality(rawValue: n) else { throw .badValue(.classification, s) }
        return c
    }

    static let separators: Set<Character> = [";", "；", "、", ",", "，", "/", "／", "・", "\n", "\r", "\r\n"]

    static func category(_ s: String) throws(ImportProblem) -> DataCategory {
        let parts = s.split(whereSeparator: { separators.contains($0) }).map { key(String($0)) }.filter { !$0.isEmpty }
        var found: [DataCategory] = []
        for p in parts {
            guard let c = categories[p] else { throw .badValue(.category, s) }
            if !found.contains(c) { found.append(c) }
        }
        guard let first = found.first else { throw .emptyCell(.category) }
        if found.count > 1 { throw .twoCategories(s) }
        return first
    }

    static func restrictions(_ s: String) -> [String] {
        let parts = s.split(whereSeparator: { separators.contains($0) }).map { fold(String($0)) }.filter { !$0.isEmpty }
        // 「なし」 or 「-」 in the column means none.
        return parts.filter { !no.contains(key($0)) }
    }

    /// 登録日: `2026-11-25`, `2026/11/25`, `2026年11月25日`, 令和 or 平成 dates, or an instant as daicho exports it.
    static func day(_ raw: String, timeZone: TimeZone) throws(ImportProblem) -> Day? {
        let s = fold(raw)
        if s.isEmpty { return nil }
        if let d = Day(s) { return d }
        if s.count == 20, s.hasSuffix("Z"), let t = try? DateInput.parse(s, timeZone: timeZone, endOfDay: false) {
            return Day(t, in: timeZone)
        }
        let parts = s.replacingOccurrences(of: "元年", with: "1年")
            .split(whereSeparator: { "年月日/.-".contains($0) }).map(String.init)
        func ymd(_ y: Int, _ m: String, _ d: String) -> Day? {
            guard let m = Int(m), let d = Int(d) else { return nil }
            return Day(year: y, month: m, day: d)
        }
        if parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let d = ymd(y, parts[1], parts[2]) { return d }
        // 平成 (1989-01-08 to 2019-04-30): registers kept before 令和 date their entries so.
        if parts.count == 3 {
            var era = parts[0]
            for p in ["平成", "H", "h"] where era.hasPrefix(p) {
                era = String(era.dropFirst(p.count))
                if let hy = Int(era), hy >= 1, let d = ymd(1988 + hy, parts[1], parts[2]),
                   d >= Day(year: 1989, month: 1, day: 8)!, d <= Day(year: 2019, month: 4, day: 30)! { return d }
                break
            }
        }
        throw .badValue(.registeredOn, raw)
    }

    /// A registration number as a label carries it: half-width, capitals, letters, digits and `- _ . /`.
    public static func registration(_ raw: String) throws(ImportProblem) -> String {
        let s = fold(raw).uppercased()
        guard !s.isEmpty else { throw .emptyCell(.registration) }
        let ok = s.count <= maxRegistrationLength && s.unicodeScalars.enumerated().allSatisfy { i, u in
            guard u.isASCII else { return false }
            let c = Character(u)
            if c.isLetter || c.isNumber { return true }
            return i > 0 && "-_./".contains(c)
        }
        guard ok else { throw .badRegistration(raw) }
        return s
    }

    /// The row's cells read as an imported medium.
    public static func medium(_ cells: [String], columns: ImportColumns, file: String, line: Int,
                              timeZone: TimeZone) throws(ImportProblem) -> ImportedMedium {
        if cells.count > columns.count {
            let extra = cells[columns.count...].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
            if extra > 0 { throw .extraCells(extra) }
        }
        func cell(_ f: ImportField) -> String {
            guard let i = columns.column(of: f), i < cells.count else { return "" }
            return cells[i]
        }
        func required(_ f: ImportField) throws(ImportProblem) -> String {
            let v = cell(f)
            if fold(v).isEmpty { throw .emptyCell(f) }
            return v
        }
        let reg = try registration(try required(.registration))
        let kindText = try required(.kind)
        guard let kind = kinds[key(kindText)] else { throw .badValue(.kind, kindText) }
        let category = try category(try required(.category))
        let classification = try classification(try required(.classification))
        var n = NewMedium(kind: kind, category: category, classification: classification)
        n.restrictions = restrictions(cell(.restrictions))
        n.secret = try flag(cell(.secret), .secret)
        n.encrypted = try flag(cell(.encrypted), .encrypted)
        n.writeProtected = try flag(cell(.writeProtected), .writeProtected)
        func text(_ f: ImportField) -> String? { let v = fold(cell(f)); return v.isEmpty ? nil : v }
        n.model = text(.model); n.serial = text(.serial); n.capacity = text(.capacity); n.location = text(.location)
        // A row the earlier register says is not in storage is not registered as if it were: the imported
        // medium starts 保管中, and an inventory would then count a destroyed or lost one as missing.
        let status = fold(cell(.status))
        if !status.isEmpty && !stored.contains(key(status)) { throw .notStored(status) }
        return ImportedMedium(registration: reg, medium: n, registeredOn: try day(cell(.registeredOn), timeZone: timeZone),
                              file: file, line: line)
    }

    public static func isSHA256(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

extension Ledger {
    static func importKey(_ d: MediumData) -> String? {
        guard d.isImported, let f = d.importFile, let l = d.importLine else { return nil }
        return importKey(file: f, line: l)
    }
    static func importKey(file: String, line: Int) -> String { file + ":" + String(line) }

    /// The medium line `line` of the file with this SHA-256 was imported as, if it was.
    public func imported(file: String, line: Int) -> String? { imports[Ledger.importKey(file: file, line: line)] }

    /// The entry for an imported row: its own number kept, every rule of `media register` checked.
    func checkedImport(_ x: ImportedMedium, now: Date, timeZone: TimeZone) throws(DomainError) -> MediumData {
        guard MediaImport.isSHA256(x.file), x.line >= 1 else { throw .invalidField(.registration, .malformed) }
        if let reg = imported(file: x.file, line: x.line) { throw .alreadyImported(registration: reg, line: x.line) }
        let reg: String
        do { reg = try MediaImport.registration(x.registration) } catch { throw .invalidField(.registration, .malformed) }
        // Unique and never reused (001 付紙第4 1(1)ア(ｱ)): not even a medium since destroyed or transferred.
        if media[reg] != nil { throw .registrationTaken(reg) }
        if let day = x.registeredOn, day > Day(now, in: timeZone) { throw .dayInFuture(day.iso) }
        var d = try checkedMedium(x.medium)
        d.registration = reg
        d.origin = MediumData.importOrigin
        d.importFile = x.file
        d.importLine = x.line
        d.registeredOn = x.registeredOn
        return d
    }

    /// What importing `rows` (line and cells, the heading row not among them) would do, row by row,
    /// as the officer: each accepted row is folded into a copy of the ledger, so a later row that
    /// repeats its number or serial is refused as it would be at commit.
    public func planImport(rows: [(line: Int, cells: [String])], columns: ImportColumns, file: String,
                           now: Date, timeZone: TimeZone) -> [PlannedRow] {
        var scratch = self
        let officer = allPeople.first(where: { $0.has(.officer) })?.login ?? header?.officer.login ?? ""
        var out: [PlannedRow] = []
        for (line, cells) in rows {
            let given = columns.column(of: .registration).flatMap { $0 < cells.count ? MediaImport.fold(cells[$0]) : nil } ?? ""
            if let reg = imported(file: file, line: line) {
                out.append(PlannedRow(line: line, registration: reg, outcome: .already(reg))); continue
            }
            let x: ImportedMedium
            do { x = try MediaImport.medium(cells, columns: columns, file: file, line: line, timeZone: timeZone) } catch {
                out.append(PlannedRow(line: line, registration: given, outcome: .refused(.value(error)))); continue
            }
            // The same medium from an earlier import of another version of the file: nothing to do.
            if let m = media[x.registration], m.data.isImported, m.data.kind == x.medium.kind,
               m.data.serial.map(MediaImport.key) == x.medium.serial.map(MediaImport.key) {
                out.append(PlannedRow(line: line, registration: x.registration, outcome: .already(x.registration))); continue
            }
            do {
                let d = try scratch.checkedImport(x, now: now, timeZone: timeZone)
                try? scratch.apply(Record(seq: scratch.nextSeq, at: now, actor: officer, prev: "", change: .mediumRegistered(d)))
                out.append(PlannedRow(line: line, registration: x.registration, outcome: .accepted(x, d)))
            } catch {
                out.append(PlannedRow(line: line, registration: x.registration, outcome: .refused(.rule(error))))
            }
        }
        return out
    }
}
