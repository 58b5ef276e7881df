// `daicho import media FILE`: the register a unit kept in Excel, brought in.
// By default a dry run: what would be registered and each refused row with its
// line and reason. `--commit` (officer) registers the accepted rows, one
// record each, under their own registration numbers (MediaImport.swift).

import ArgumentParser
import DaichoCore
import DaichoJournal
import DaichoSheets
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct ImportGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Bring in a register kept before daicho.",
                                                    subcommands: [Media.self])

    struct Media: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import media from a CSV file saved by Excel (UTF-8 with or without BOM, or Shift_JIS/CP932).",
            discussion: "Without --commit, a dry run: what would be registered, and each refused row with its line and reason.")
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Register the accepted rows (officer only).") var commit = false
        @Option(name: .customLong("map"), help: ArgumentHelp("A column whose heading daicho does not know: HEADING=FIELD (registration, kind, category, class, restrictions, secret, model, serial, capacity, location, encrypted, write_protected, registered_on).", valueName: "COLUMN=FIELD"))
        var maps: [String] = []
        @Option(help: "utf-8 or cp932 (default: UTF-8 if the file is, else CP932).") var encoding: String?
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let lang = ctx.lang
            var mapping: [(column: String, field: String)] = []
            for m in maps {
                guard let eq = m.lastIndex(of: "="), eq != m.startIndex, m.index(after: eq) != m.endIndex else {
                    throw CLIFailure(message: lang.pick("--map は 見出し=項目 の形で指定してください（例 --map 管理番号=registration）",
                                                        "--map takes HEADING=FIELD (e.g. --map 管理番号=registration)"), code: CLIFailure.usage)
                }
                mapping.append((String(m[..<eq]), String(m[m.index(after: eq)...])))
            }
            var forced: SheetEncoding?
            if let encoding {
                guard let e = SheetEncoding(name: encoding) else {
                    throw CLIFailure(message: lang.pick("文字コード「\(encoding)」は使えません（utf-8, cp932）", "no encoding '\(encoding)' (utf-8, cp932)"),
                                     code: CLIFailure.usage)
                }
                forced = e
            }
            let j = try ctx.openForReading()
            if commit {
                if j.isReadOnly { throw ctx.fail(JournalError.readOnly(j.damage!)) }
                do { try j.ledger.require(ctx.actor, [.officer]) } catch { throw ctx.fail(error) }
            }
            let bytes = try readImportFile(file, ctx)
            let sha = Journal.hash(bytes)
            let decoded: DecodedText
            do { decoded = try SheetText.decode(bytes, encoding: forced) } catch { throw CLIFailure(message: error.message(lang), code: CLIFailure.ruleRefused) }
            let table: [SheetRow]
            do { table = try CSVTable.read(decoded.text) } catch { throw CLIFailure(message: error.message(lang), code: CLIFailure.ruleRefused) }

            // The heading row: the first of the opening rows that names the required columns
            // (a register often has its title and a blank row above it).
            let candidates = table.prefix(10).filter { !$0.isBlank }
            var heading: (row: SheetRow, columns: ImportColumns)?
            var firstProblem: ImportProblem?
            for row in candidates {
                do { heading = (row, try MediaImport.columns(headings: row.cells, map: mapping)); break } catch {
                    firstProblem = firstProblem ?? error
                    // --map names columns of the heading row: a row without them is not the heading.
                    if case .unknownField = error { break }
                }
            }
            guard let heading else {
                let p = firstProblem ?? .noRows
                let line = candidates.first.map { lang.pick("\($0.line)行目: ", "line \($0.line): ") } ?? ""
                throw CLIFailure(message: line + p.message(lang), code: p.isUsage ? CLIFailure.usage : CLIFailure.ruleRefused)
            }
            let rows = table.filter { $0.line > heading.row.line && !$0.isBlank }.map { (line: $0.line, cells: $0.cells) }
            guard !rows.isEmpty else { throw CLIFailure(message: ImportProblem.noRows.message(lang), code: CLIFailure.ruleRefused) }

            var plan = j.ledger.planImport(rows: rows, columns: heading.columns, file: sha, now: ctx.now, timeZone: ctx.timeZone)
            var registered = 0
            var failure: CLIFailure?
            if commit {
                for (i, p) in plan.enumerated() {
                    guard case .accepted(let x, _) = p.outcome else { continue }
                    do {
                        let r = try j.append(actor: ctx.actor, now: ctx.now) { ledger in
                            try ledger.decide(.importMedium(x), by: ctx.actor, now: ctx.now, timeZone: ctx.timeZone)
                        }
                        if case .mediumRegistered(let d) = r.change { plan[i].outcome = .accepted(x, d) }
                        registered += 1
                    } catch let e as DomainError {
                        // Someone else registered it in the meantime: refused as it would be now.
                        plan[i].outcome = .refused(.rule(e))
                    } catch {
                        // A write that failed: the rows before it are registered, this one and the rest are not
                        // (a second run registers them: the rows already registered are skipped).
                        failure = ctx.fail(error)
                        plan = Array(plan[..<i])
                        break
                    }
                }
            }
            let summary = ImportSummary(plan: plan, committed: commit, registered: registered)
            if read.json {
                out(jsonString(importJSON(plan, summary: summary, file: file, sha: sha, decoded: decoded,
                                          headingLine: heading.row.line, headings: heading.row.cells, columns: heading.columns, ctx)))
            } else {
                out(importText(plan, summary: summary, decoded: decoded, headingLine: heading.row.line, columns: heading.columns, ctx))
            }
            if let failure { throw failure }
            if summary.refused > 0 {
                throw CLIFailure(message: lang.pick("登録できない行が\(summary.refused)件あります", "\(summary.refused) rows refused"),
                                 code: CLIFailure.ruleRefused)
            }
        }
    }
}

struct ImportSummary {
    var accepted = 0, already = 0, refused = 0, registered = 0
    var committed: Bool
    init(plan: [PlannedRow], committed: Bool, registered: Int) {
        self.committed = committed
        self.registered = registered
        for p in plan {
            switch p.outcome {
            case .accepted: accepted += 1
            case .already: already += 1
            case .refused: refused += 1
            }
        }
        if committed { accepted = 0 }
    }
}

extension ImportProblem {
    /// A problem with the command line rather than the file.
    var isUsage: Bool {
        switch self {
        case .unknownField, .mapColumnNotFound: true
        default: false
        }
    }
}

extension SheetTextError {
    func message(_ lang: Lang) -> String {
        switch self {
        case .utf16:
            return lang.pick("UTF-16 のファイルは読めません。Excel で「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存してください",
                             "a UTF-16 file cannot be read: save it from Excel as 'CSV UTF-8' or 'CSV'")
        case .workbook:
            return lang.pick("Excel のブック（.xlsx）です。Excel で「CSV UTF-8（コンマ区切り）」として保存してから読み込んでください",
                             "this is an Excel workbook (.xlsx): save it as 'CSV UTF-8' first")
        case .binary(let at):
            return lang.pick("テキストファイルではありません（\(at)バイト目に NUL）", "not a text file (NUL at byte \(at))")
        case let .invalid(enc, at):
            switch enc {
            case .utf8?: return lang.pick("UTF-8 として読めません（\(at)バイト目）", "not valid UTF-8 (at byte \(at))")
            case .cp932?: return lang.pick("Shift_JIS（CP932）として読めません（\(at)バイト目）", "not valid Shift_JIS/CP932 (at byte \(at))")
            case nil: return lang.pick("UTF-8 としても Shift_JIS（CP932）としても読めません（\(at)バイト目）",
                                       "neither UTF-8 nor Shift_JIS/CP932 (at byte \(at))")
            }
        }
    }
}

extension CSVTableError {
    func message(_ lang: Lang) -> String {
        switch self {
        case .unterminatedQuote(let line):
            return lang.pick("\(line)行目で始まる引用符（\"）が閉じられていません", "the quote (\") opened on line \(line) is never closed")
        case .empty: return lang.pick("ファイルが空です", "the file is empty")
        case .tooManyRows(let n): return lang.pick("行が多すぎます（\(n)行まで）", "too many rows (at most \(n))")
        }
    }
}

/// The import file's bytes: a regular file of at most 64 MiB (not a FIFO, a device or a directory,
/// which would block or never end), opened with the person's own rights (Installation.asPerson):
/// installed, a clerk cannot read the journal, or any file only the service account may read, through import.
func readImportFile(_ path: String, _ ctx: Context) throws -> Data {
    try Installation.asPerson { try readImportFileAsPerson(path, ctx) }
}

private func readImportFileAsPerson(_ path: String, _ ctx: Context) throws -> Data {
    let lang = ctx.lang
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
        let reason = String(cString: strerror(errno))
        throw CLIFailure(message: lang.pick("\(path) を開けません: \(reason)", "cannot open \(path): \(reason)"), code: CLIFailure.ioFailed)
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
        throw CLIFailure(message: lang.pick("\(path) は通常のファイルではありません", "\(path) is not a regular file"), code: CLIFailure.ruleRefused)
    }
    let limit = 64 << 20
    guard st.st_size <= limit else {
        throw CLIFailure(message: lang.pick("\(path) は大きすぎます（64 MiB まで）", "\(path) is too large (at most 64 MiB)"), code: CLIFailure.ruleRefused)
    }
    var data = Data(count: Int(st.st_size))
    var done = 0
    let ok = data.withUnsafeMutableBytes { (buf: UnsafeMutableRawBufferPointer) -> Bool in
        while done < buf.count {
            let n = read(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { break }
            done += n
        }
        return true
    }
    guard ok else {
        let reason = String(cString: strerror(errno))
        throw CLIFailure(message: lang.pick("\(path) を読めません: \(reason)", "cannot read \(path): \(reason)"), code: CLIFailure.ioFailed)
    }
    return data.prefix(done)
}

private func describe(_ d: MediumData, _ lang: Lang) -> String {
    var parts = [d.kind.label(lang), d.category.label(lang), d.classification.label(lang)]
    if !d.restrictions.isEmpty { parts.append(d.restrictions.map { $0.label(lang) }.joined(separator: lang.pick("、", ","))) }
    if let s = d.serial { parts.append(lang.pick("製造番号 ", "serial ") + s) }
    if let day = d.registeredOn { parts.append(lang.pick("登録日 ", "registered ") + day.iso) }
    return parts.joined(separator: lang.pick("　", ", "))
}

private func importText(_ plan: [PlannedRow], summary s: ImportSummary, decoded: DecodedText, headingLine: Int,
                        columns: ImportColumns, _ ctx: Context) -> String {
    let lang = ctx.lang
    var lines: [String] = []
    lines.append(lang.pick("文字コード: \(decoded.encoding.label)\(decoded.hadBOM ? "（BOM付き）" : "")　見出し: \(headingLine)行目",
                           "encoding: \(decoded.encoding.label)\(decoded.hadBOM ? " (with BOM)" : ""); headings on line \(headingLine)"))
    if !columns.ignored.isEmpty {
        lines.append(lang.pick("読まない列: ", "columns not read: ") + columns.ignored.map(neutralized).joined(separator: lang.pick("、", ", ")))
    }
    var t = TextTable(headers: lang == .ja ? ["行", "登録番号", "結果", "内容"] : ["line", "registration", "result", "details"])
    for p in plan {
        switch p.outcome {
        case .accepted(_, let d):
            t.rows.append(["\(p.line)", d.registration, s.committed ? lang.pick("登録しました", "registered") : lang.pick("登録可", "to register"),
                           describe(d, lang)])
        case .already(let reg):
            t.rows.append(["\(p.line)", reg, lang.pick("登録済", "already registered"), ""])
        case .refused(let why):
            t.rows.append(["\(p.line)", p.registration, lang.pick("不可", "refused"), why.message(lang)])
        }
    }
    lines.append(t.render())
    let tail = s.committed
        ? lang.pick("登録 \(s.registered)件、登録済 \(s.already)件、不可 \(s.refused)件",
                    "\(s.registered) registered, \(s.already) already registered, \(s.refused) refused")
        : lang.pick("登録可 \(s.accepted)件、登録済 \(s.already)件、不可 \(s.refused)件（確認のみ。登録するには --commit）",
                    "\(s.accepted) to register, \(s.already) already registered, \(s.refused) refused (dry run: --commit registers)")
    lines.append(tail)
    return lines.joined(separator: "\n")
}

private func importJSON(_ plan: [PlannedRow], summary s: ImportSummary, file: String, sha: String, decoded: DecodedText,
                        headingLine: Int, headings: [String], columns: ImportColumns, _ ctx: Context) -> JSONObject {
    let lang = ctx.lang
    var cols: JSONObject = [:]
    for (i, f) in columns.fields where i < headings.count { cols[f.rawValue] = headings[i] }
    let rows: [JSONObject] = plan.map { p in
        var o: JSONObject = ["line": p.line]
        switch p.outcome {
        case .accepted(_, let d):
            o["registration"] = d.registration
            o["result"] = s.committed ? "registered" : "accepted"
            o["medium"] = ["kind": d.kind.rawValue, "category": d.category.rawValue, "class": d.classification.rawValue,
                           "restrictions": d.restrictions.map(\.rawValue), "secret": d.secret, "model": orNull(d.model),
                           "serial": orNull(d.serial), "capacity": orNull(d.capacity), "location": orNull(d.location),
                           "encrypted": d.encrypted, "write_protected": d.writeProtected,
                           "registered_on": orNull(d.registeredOn?.iso)] as JSONObject
        case .already(let reg):
            o["registration"] = reg
            o["result"] = "already"
        case .refused(let why):
            o["registration"] = p.registration
            o["result"] = "refused"
            o["reason"] = why.message(lang)
        }
        return o
    }
    return ["file": file, "sha256": sha, "encoding": decoded.encoding.rawValue, "bom": decoded.hadBOM, "heading_line": headingLine,
            "columns": cols, "ignored_columns": columns.ignored, "commit": s.committed, "rows": rows,
            "counts": ["accepted": s.accepted, "already": s.already, "refused": s.refused, "registered": s.registered] as JSONObject]
}
