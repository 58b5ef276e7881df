// `daicho print labels` (labels for the media, 001 付紙第4 1(1)) and
// `daicho print register|uses|takeouts` (the three books of 付紙第4 1(1)ア, for a
// period or in full: a text table by default, PDF with --pdf / --lp).

import ArgumentParser
import DaichoCore
import DaichoJournal
import DaichoPaper
import DaichoPDF
import Foundation

// MARK: - labels

struct LabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "A PDF sheet of labels: registration number as text, Code 128 and/or QR; 「開示」「市販」; the unit's name.",
        discussion: "Built-in sheets (Resources/labels): \(LabelSheet.builtInNames.joined(separator: ", ")); default \(LabelSheet.defaultName). Or --sheet FILE.json of the same shape.")
    @Argument(help: "Registration numbers (none: every medium the filters select).") var registrations: [String] = []
    @Option(name: .customLong("registered-since"), help: ArgumentHelp("Media registered on or after this day (2026-11-25 or 令和8年11月25日).", valueName: "DATE"))
    var registeredSince: String?
    @Option(help: "Media stored at this location (保管場所), exactly.") var location: String?
    @Option(help: ArgumentHelp("Label sheet: a built-in name or a JSON file.", valueName: "NAME|FILE")) var sheet: String = LabelSheet.defaultName
    @Option(help: "Start at this position of the first sheet (1 = top left), to use a partly used sheet.") var start: Int = 1
    @OptionGroup var output: PrintOutput
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try Context(global)
        guard output.wantsPDF else {
            throw CLIFailure(message: ctx.lang.pick("ラベルは PDF で出力します: --pdf FILE または --lp [PRINTER] を指定してください",
                                                    "labels are PDF only: give --pdf FILE or --lp [PRINTER]"), code: CLIFailure.usage)
        }
        let layout: LabelSheet
        // A sheet FILE.json is read with the person's own rights (Installation.asPerson): installed, not a
        // file only the service account may read.
        var loaded: Result<LabelSheet, LabelSheetError>!
        try Installation.asPerson { loaded = Result { () throws(LabelSheetError) in try LabelSheet.load(sheet) } }
        switch loaded! {
        case .success(let l): layout = l
        case .failure(let error): throw CLIFailure(message: error.message(ctx.lang), code: CLIFailure.usage)
        }
        guard (1...layout.perPage).contains(start) else {
            throw CLIFailure(message: ctx.lang.pick("--start は 1〜\(layout.perPage) です（\(layout.name)）", "--start is 1 to \(layout.perPage) (\(layout.name))"),
                             code: CLIFailure.usage)
        }
        let since = try ctx.day(registeredSince)
        let j = try ctx.openForReading()
        let l = j.ledger
        var media: [Medium]
        if registrations.isEmpty {
            guard since != nil || location != nil else {
                throw CLIFailure(message: ctx.lang.pick("登録番号か、--registered-since / --location を指定してください",
                                                        "give registration numbers, or --registered-since / --location"), code: CLIFailure.usage)
            }
            // Media still in the unit's hands (not transferred, destroyed or lost).
            media = l.allMedia.filter { !$0.status.isFinal }
        } else {
            media = []
            for r in registrations {
                do { media.append(try l.medium(r.trimmingCharacters(in: .whitespaces))) } catch { throw ctx.fail(error) }
            }
        }
        if let since { media = media.filter { Day($0.registeredAt, in: ctx.timeZone) >= since } }
        if let location { media = media.filter { $0.data.location == location } }
        guard !media.isEmpty else {
            throw CLIFailure(message: ctx.lang.pick("該当する媒体がありません", "no medium matches"), code: CLIFailure.ruleRefused)
        }
        let pdf: Data
        do { pdf = try Labels.render(media.map { LabelContent($0, unit: l.unit) }, sheet: layout, start: start) } catch { throw ctx.pdfFailure(error) }
        try ctx.deliver(pdf, output, title: "可搬記憶媒体ラベル")
        if output.pdf != "-" { out(ctx.lang.pick("ラベル \(media.count)枚（\(layout.name)）", "\(media.count) labels (\(layout.name))")) }
    }
}

// MARK: - books

protocol BookSpec { static var kind: BookKind { get } }
enum RegisterBook: BookSpec { static let kind = BookKind.register }
enum UsesBook: BookSpec { static let kind = BookKind.uses }
enum TakeoutsBook: BookSpec { static let kind = BookKind.takeouts }

struct BookCommand<K: BookSpec>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: K.kind.rawValue,
                             abstract: "\(K.kind.title) for a period or in full: a text table, or PDF (landscape A4) with --pdf / --lp.")
    }
    @Option(help: ArgumentHelp("From this day (2026-11-01 or 令和8年11月1日).", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("To this day, included.", valueName: "DATE")) var to: String?
    @OptionGroup var output: PrintOutput
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try Context(global)
        let period = Period(from: try ctx.day(from), to: try ctx.day(to))
        if let f = period.from, let t = period.to, f > t {
            throw CLIFailure(message: ctx.lang.pick("--from が --to より後です", "--from is after --to"), code: CLIFailure.usage)
        }
        let j = try ctx.openForReading()
        let (columns, rows) = Books.table(K.kind, ledger: j.ledger, period: period, timeZone: ctx.timeZone)
        let stamp = ctx.stamp(j)
        if output.wantsPDF {
            let book = Book(title: K.kind.title, unit: j.ledger.unit, period: period.text, stamp: stamp, columns: columns, rows: rows)
            let pdf: Data
            do { pdf = try book.render() } catch { throw ctx.pdfFailure(error) }
            try ctx.deliver(pdf, output, title: K.kind.title)
        } else {
            var t = TextTable(headers: columns.map { $0.heading.replacingOccurrences(of: "\n", with: "") })
            t.rows = rows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") } }
            out([K.kind.title + "　" + j.ledger.unit + "　" + (period.text ?? "全期間") + "　印刷 " + stamp.printedAt,
                 t.render(), "台帳 \(stamp.records)件　先頭ハッシュ \(stamp.headHash)"].joined(separator: "\n"))
        }
        ctx.checkpoint(j, purpose: "print \(K.kind.rawValue)" + (output.wantsPDF ? " pdf" : ""))
    }
}
