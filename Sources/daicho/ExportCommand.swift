// `daicho export`: the books for spreadsheets and machines. CSV opens in
// Japanese Excel as it is: UTF-8 with a byte-order mark by default, or CP932
// for older Excel (`--encoding cp932`; a character CP932 cannot hold is refused
// with its row and column, never replaced); headings and values in the CLI's
// language; cells a spreadsheet would run as formulas kept as text. `--format
// xlsx` writes a workbook through libxlsxwriter, one sheet per book, the
// journal's head hash in its document properties. Each export is a report:
// its head is kept as a checkpoint (Checkpoints.swift).

import ArgumentParser
import DaichoCore
import DaichoJournal
import DaichoSheets
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct Export: ParsableCommand {
    enum What: String, ExpressibleByArgument, CaseIterable {
        case media, uses, takeouts, handovers, transfers, exceptions, roster
        /// The books a workbook holds unless one is asked for: the handler roster is personal data (000 別記様式第2の2),
        /// exported only when asked for explicitly.
        static let books: [What] = [.media, .uses, .takeouts, .handovers, .transfers, .exceptions]
    }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, xlsx }
    static let configuration = CommandConfiguration(abstract: "Export a ledger as CSV, JSON or an Excel workbook.")
    @Option(help: "media, uses, takeouts, handovers, transfers, exceptions (xlsx: all of them, one sheet each, unless given), or roster (personal data: only when asked for; officer, supervisors, auditors).") var what: What?
    @Option(help: "csv (UTF-8 with BOM, for Excel), json or xlsx.") var format: Format
    @Option(help: "CSV: utf-8 (with BOM, the default) or cp932 (older Excel).") var encoding: String?
    @Option(name: [.customShort("o"), .long], help: "Write to this file (replaced whole) instead of standard output.") var output: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try Context(global)
        let lang = ctx.lang
        var enc = SheetEncoding.utf8
        if let encoding {
            guard let e = SheetEncoding(name: encoding) else {
                throw CLIFailure(message: lang.pick("文字コード「\(encoding)」は使えません（utf-8, cp932）", "no encoding '\(encoding)' (utf-8, cp932)"),
                                 code: CLIFailure.usage)
            }
            guard format == .csv else {
                throw CLIFailure(message: lang.pick("--encoding は CSV にだけ指定できます", "--encoding applies to CSV only"), code: CLIFailure.usage)
            }
            enc = e
        }
        if what == nil && format != .xlsx {
            throw CLIFailure(message: lang.pick("--what を指定してください（media, uses, takeouts, handovers, transfers, exceptions）",
                                                "give --what (media, uses, takeouts, handovers, transfers, exceptions)"), code: CLIFailure.usage)
        }
        // On the screens' `:` line standard output is the result screen, a terminal all the same.
        if format == .xlsx && output == nil && (isatty(1) != 0 || ColonCommands.running) {
            throw CLIFailure(message: lang.pick("xlsx は端末には出力できません。-o ファイル名 を指定してください",
                                                "an xlsx workbook is not written to a terminal: give -o FILE"), code: CLIFailure.usage)
        }
        let j = try ctx.openForReading()
        let l = j.ledger
        // The handler roster is personal data: exported only when asked for, to those who may read it.
        if what == .roster { try ctx.requireRosterReader(l) }
        let books = (what.map { [$0] } ?? What.books).map { ExportBook($0, l, ctx) }
        let bytes: Data
        switch format {
        case .json:
            bytes = Data((jsonString(books[0].rows) + "\n").utf8)
        case .csv:
            bytes = try books[0].csv(lang: lang, encoding: enc)
        case .xlsx:
            bytes = try workbook(books, j, ctx)
        }
        if let output { try writeReplacing(output, bytes, ctx) } else { writeStandardOutput(bytes) }
        ctx.checkpoint(j, purpose: "export \(what?.rawValue ?? books.map(\.what.rawValue).joined(separator: ",")) \(format.rawValue)")
    }

    /// The workbook's bytes (libxlsxwriter writes a file: a private temporary one, read back and removed).
    private func workbook(_ books: [ExportBook], _ j: Journal, _ ctx: Context) throws -> Data {
        let lang = ctx.lang, l = j.ledger
        var p = WorkbookProperties()
        p.title = lang.pick("\(l.unit) 可搬記憶媒体の台帳", "\(l.unit) portable media ledgers")
        p.subject = books.map { $0.title(lang) }.joined(separator: lang.pick("、", ", "))
        p.author = ctx.actor.login
        p.company = l.unit
        p.keywords = "daicho head:\(j.headHash)"
        p.comments = lang.pick("台帳の先頭ハッシュ \(j.headHash)（記録 \(l.records.count)件、\(iso(ctx.now))出力）",
                               "journal head hash \(j.headHash) (\(l.records.count) records, exported \(iso(ctx.now)))")
        p.custom = [("daicho_head_hash", j.headHash), ("daicho_records", String(l.records.count)),
                    ("daicho_exported_at", Timestamp.format(ctx.now))]
        p.pageHeader = "\(l.unit)  head \(j.headHash)"
        let sheets = books.map { $0.sheet(lang: lang) }
        // The person's own temporary file (Installation.asPerson): installed, nothing of the service
        // account's is created where the person points TMPDIR (it is /tmp then anyway).
        return try Installation.asPerson {
            let (fd, path) = try createExclusive(in: FileManager.default.temporaryDirectory.path, prefix: "daicho-export-", suffix: ".xlsx") {
                CLIFailure(message: lang.pick("一時ファイルを作れません", "cannot create a temporary file"), code: CLIFailure.ioFailed)
            }
            close(fd)
            defer { unlink(path) }
            do throws(WorkbookError) { try Workbook.write(sheets, properties: p, to: path) } catch {
                throw CLIFailure(message: lang.pick("xlsx を書けません: ", "cannot write the xlsx: ") + error.message, code: CLIFailure.ioFailed)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIFailure(message: lang.pick("xlsx を読み戻せません", "cannot read the xlsx back"), code: CLIFailure.ioFailed)
            }
            return data
        }
    }
}

/// Writes `data` to `path` whole: a new owner-only file beside it, renamed over it (a symlink planted
/// there is replaced, not followed; a reader never sees half a file). With the person's own rights
/// (Installation.asPerson): installed, the file is theirs and goes only where they may write themselves.
func writeReplacing(_ path: String, _ data: Data, _ ctx: Context) throws {
    try Installation.asPerson { try writeReplacingAsPerson(path, data, ctx) }
}

private func writeReplacingAsPerson(_ path: String, _ data: Data, _ ctx: Context) throws {
    let lang = ctx.lang
    let dir = (path as NSString).deletingLastPathComponent
    func failure(_ what: String) -> CLIFailure {
        let reason = String(cString: strerror(errno))
        return CLIFailure(message: lang.pick("\(path) に書き込めません（\(what)）: \(reason)", "cannot write \(path) (\(what)): \(reason)"),
                          code: CLIFailure.ioFailed)
    }
    let (fd, tmp) = try createExclusive(in: dir, prefix: ".daicho-export-", suffix: "") { failure(lang.pick("作成", "create")) }
    var ok = true
    data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
        var done = 0
        while done < buf.count {
            let n = write(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0 { if errno == EINTR { continue }; ok = false; return }
            done += n
        }
    }
    if ok && fsync(fd) != 0 { ok = false }
    let writeError = failure(lang.pick("書込み", "write"))
    close(fd)
    guard ok else { unlink(tmp); throw writeError }
    guard rename(tmp, path) == 0 else { let e = failure(lang.pick("置換", "rename")); unlink(tmp); throw e }
}

/// One book as rows of named values, with its columns' headings in both languages.
struct ExportBook {
    var what: Export.What
    var rows: [JSONObject]
    /// (key in `rows`, Japanese heading); the English heading is the key.
    var columns: [(key: String, ja: String)]

    init(_ what: Export.What, _ l: Ledger, _ ctx: Context) {
        self.what = what
        switch what {
        case .media:
            rows = l.allMedia.map { ctx.json($0, in: l) }
            func f(_ x: ImportField) -> (String, String) { (x.rawValue, x.japanese) }
            columns = [f(.registration), f(.kind), f(.category), f(.classification), f(.restrictions), f(.secret), f(.model),
                       f(.serial), f(.capacity), f(.location), f(.encrypted), f(.writeProtected), ("status", "状態"),
                       ("holder", "使用者・持出先"), ("due", "期限"), ("overdue", "期限超過"), ("registered_at", "登録日時"),
                       ("registered_by", "登録者"), f(.registeredOn)]
        case .uses:
            rows = l.uses.map(ctx.json)
            columns = [("id", "番号"), ("registration", "登録番号"), ("user", "使用者"), ("purpose", "目的"), ("where", "使用場所"),
                       ("start", "開始"), ("until", "終了予定"), ("end", "終了"), ("ended_by", "終了記録者"), ("note", "備考"),
                       ("overdue", "期限超過")]
        case .takeouts:
            rows = l.allRequests.map(ctx.json)
            columns = [("id", "申請番号"), ("registration", "登録番号"), ("requester", "申請者"), ("requested_at", "申請日時"),
                       ("destination", "持出先"), ("purpose", "目的"), ("from", "持出開始"), ("until", "期限"),
                       ("transport", "運搬方法"), ("state", "状態"), ("decided_by", "決裁者"), ("decided_at", "決裁日時"),
                       ("confirmed", "確認事項"), ("comment", "コメント"), ("departed_at", "持出日時"), ("returned_at", "返却日時"),
                       ("return_note", "返却時の確認"), ("overdue", "期限超過")]
        case .handovers:
            let today = Day(ctx.now, in: ctx.timeZone)
            rows = l.allHandovers.map { h in
                var o = ctx.json(h, today: today)
                // One cell per list in CSV: 名称=数量 joined by ";".
                o["item_list"] = h.items.map { "\($0.name)=\($0.quantity)" }
                o["received_list"] = h.receipt.map { r in r.items.map { "\($0.name)=\($0.quantity)" } } ?? []
                o["receipt_date"] = orNull(h.receipt?.date.iso)
                o["receipt_by"] = orNull(h.receipt?.by)
                o["reminder_count"] = h.reminders.count
                return o
            }
            columns = [("id", "番号"), ("direction", "区分"), ("status", "状態"), ("to", "宛先・送付者"), ("contract", "契約番号"),
                       ("return_required", "返却・廃棄要"), ("dispatched", "送達日"), ("due", "受領書期限"), ("sender", "送付者"),
                       ("overdue", "期限超過"), ("item_list", "品目"), ("receipt_date", "受領日"), ("receipt_by", "受領者"),
                       ("received_list", "受領品目"), ("reminder_count", "督促回数"), ("note", "備考")]
        case .transfers:
            rows = l.allTransfers.map(ctx.json)
            columns = [("id", "番号"), ("direction", "区分"), ("status", "状態"), ("to", "相手部隊等"), ("media", "媒体"),
                       ("dispatched", "発送日"), ("sender", "発送者"), ("received", "受領日"), ("receiver", "受領者"), ("note", "備考")]
        case .exceptions:
            // The 例外措置台帳 (002 第26–27条): every exception, its decision, its uses and its end.
            rows = l.allExceptions.map { e in
                var o = ctx.json(e)
                o["use_list"] = e.uses.map { "#\($0)" }
                return o
            }
            columns = [("id", "番号"), ("rule", "規則"), ("registration", "登録番号"), ("case", "案件"), ("reason", "理由"),
                       ("until", "期間（まで）"), ("requester", "申請者"), ("requested_at", "申請日時"), ("state", "状態"),
                       ("valid", "有効"), ("decided_by", "決定者"), ("decided_at", "決定日時"), ("comment", "所見"), ("use_list", "使用")]
        case .roster:
            rows = l.life.rosterOrder.flatMap { l.life.rosters[$0] ?? [] }.map(ctx.json)
            columns = [("contract", "契約番号"), ("number", "番号"), ("name", "氏名"), ("kana", "フリガナ"), ("born", "生年月日"),
                       ("address", "住所"), ("nationality", "国籍"), ("post", "所属・役職"), ("duty", "業務内容"),
                       ("result", "確認結果"), ("note", "備考"), ("recorded_at", "記録日時"), ("recorded_by", "記録者")]
        }
    }

    func title(_ lang: Lang) -> String {
        switch what {
        case .media: lang.pick("可搬記憶媒体登録簿", "media register")
        case .uses: lang.pick("使用記録簿", "use log")
        case .takeouts: lang.pick("持出簿", "take-out log")
        case .handovers: lang.pick("送付・受領", "handovers")
        case .transfers: lang.pick("送達・受領", "transfers")
        case .exceptions: lang.pick("例外措置台帳", "exception ledger")
        case .roster: lang.pick("取扱者名簿", "handler roster")
        }
    }
    /// The sheet's tab: the book's name (Excel allows 31 characters).
    func sheetName(_ lang: Lang) -> String {
        switch what {
        case .media: lang.pick("登録簿", "media")
        case .uses: lang.pick("使用記録簿", "uses")
        case .takeouts: lang.pick("持出簿", "takeouts")
        case .handovers: lang.pick("送付", "handovers")
        case .transfers: lang.pick("送達", "transfers")
        case .exceptions: lang.pick("例外措置", "exceptions")
        case .roster: lang.pick("取扱者名簿", "roster")
        }
    }

    func headings(_ lang: Lang) -> [String] { columns.map { lang == .ja ? $0.ja : $0.key } }

    /// A value as a spreadsheet shows it: in Japanese the labels daicho shows (USBメモリ,
    /// 業務用データ, 機密性2, あり/なし); in English the values as JSON has them (usb, business, 2, true).
    func text(_ v: Any?, key: String, lang: Lang) -> String {
        switch v {
        case nil, is NSNull: return ""
        case let b as Bool: return lang == .ja ? (b ? "あり" : "なし") : (b ? "true" : "false")
        case let a as [String]: return a.joined(separator: ";")
        case let s as String where lang == .ja:
            switch (what, key) {
            case (.media, "kind"): return MediumKind(rawValue: s)?.label(.ja) ?? s
            case (.media, "category"): return DataCategory(rawValue: s)?.label(.ja) ?? s
            case (.media, "status"): return MediumStatus(rawValue: s)?.label(.ja) ?? s
            case (.takeouts, "state"): return RequestState(rawValue: s)?.label(.ja) ?? s
            case (.handovers, "status"): return HandoverStatus(rawValue: s)?.label(.ja) ?? s
            case (.transfers, "status"): return TransferStatus(rawValue: s)?.label(.ja) ?? s
            case (.exceptions, "state"): return ExceptionState(rawValue: s)?.label(.ja) ?? s
            case (_, "direction"): return s == "outgoing" ? "送付" : s == "incoming" ? "受領" : s
            default: return s
            }
        case let n as Int where lang == .ja && what == .media && key == "class":
            return Confidentiality(rawValue: n)?.label(.ja) ?? String(n)
        case let x?: return "\(x)"
        }
    }

    /// CSV (RFC 4180, CRLF): the heading row and one row per entry, in `encoding` (UTF-8 with a BOM).
    func csv(lang: Lang, encoding: SheetEncoding) throws -> Data {
        let heads = headings(lang)
        var lines = [heads.map { csvCell($0) }.joined(separator: ",")]
        for r in rows { lines.append(columns.map { csvCell(text(r[$0.key], key: $0.key, lang: lang)) }.joined(separator: ",")) }
        let body = lines.joined(separator: "\r\n") + "\r\n"
        switch encoding {
        case .utf8: return Data(utf8BOM) + Data(body.utf8)
        case .cp932:
            guard let c = CP932(toCP932: true) else {
                throw CLIFailure(message: lang.pick("この環境の iconv は CP932 に変換できません", "this system's iconv has no CP932"), code: CLIFailure.ioFailed)
            }
            if case .success(let b) = c.encode(body) { return Data(b) }
            // Name the first cell that cannot be written: its row as Excel numbers it, the entry and the column.
            for (i, r) in ([nil] + rows.map { Optional($0) }).enumerated() {
                for (k, col) in columns.enumerated() {
                    let cell = r.map { text($0[col.key], key: col.key, lang: lang) } ?? heads[k]
                    if case .failure(let bad) = c.encode(cell) {
                        let id = r.flatMap { ($0["registration"] ?? $0["id"]).map { "\($0)" } } ?? ""
                        let u = bad.character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
                        throw CLIFailure(message: lang.pick(
                            "\(i + 1)行目\(id.isEmpty ? "" : "（\(id)）")の列「\(heads[k])」の文字「\(bad.character)」（\(u)）は CP932 で表せません。--encoding utf-8 で出力してください",
                            "row \(i + 1)\(id.isEmpty ? "" : " (\(id))"), column '\(heads[k])': '\(bad.character)' (\(u)) cannot be written in CP932; export with --encoding utf-8"),
                            code: CLIFailure.ruleRefused)
                    }
                }
            }
            throw CLIFailure(message: lang.pick("CP932 に変換できません", "cannot convert to CP932"), code: CLIFailure.ruleRefused)
        }
    }

    /// The sheet for a workbook: text cells (never formulas), whole numbers as numbers.
    func sheet(lang: Lang) -> Sheet {
        let cells: [[SheetCell]] = rows.map { r in
            columns.map { col in
                let v = r[col.key]
                if let n = v as? Int, !(lang == .ja && what == .media && col.key == "class") { return .number(Double(n)) }
                let s = neutralized(text(v, key: col.key, lang: lang))
                return s.isEmpty ? .empty : .text(s)
            }
        }
        return Sheet(name: sheetName(lang), headings: headings(lang), rows: cells, landscape: columns.count > 8)
    }
}

/// One CSV cell, RFC 4180: quoted when it holds a comma, quote or line break.
func csvCell(_ raw: String) -> String {
    // Records may come from older versions or other units: control characters are shown, never passed on.
    var s = neutralized(raw)
    // A cell a spreadsheet would run as a formula is kept as text (units open these in spreadsheets).
    let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    if let first = s.unicodeScalars.first, formulaStarts.contains(first) { s = "'" + s }
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}
