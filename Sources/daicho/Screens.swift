// `daicho` with no subcommand opens the terminal screens: the Session (from
// DaichoUI) over the journal, drawn by the one ncurses adapter. The loop
// wakes every 250 ms to notice other terminals' appends and signals.

import CellKit
import DaichoCore
import DaichoJournal
import DaichoPaper
import DaichoPDF
import DaichoTerminal
import DaichoUI
import Foundation

/// The journal as the screens' store.
final class JournalStore: LedgerStore {
    let journal: Journal
    /// An open from the snapshot did not read the records it covers: they are read again on
    /// another thread while the screens are in use, and damage found there makes the journal
    /// read-only within seconds (Snapshot.swift `checkChain`).
    let chainCheck: BackgroundChainCheck
    /// For printing from the preview: writing files and running lp, as the CLI does.
    let context: Context?
    init(_ journal: Journal, context: Context? = nil) {
        self.journal = journal
        self.context = context
        chainCheck = BackgroundChainCheck(journal.trustedPrefix)
    }
    /// The preview's `P` and `l`: the same PDF as `daicho print … --pdf`, and the same checkpoint.
    func printForm(_ id: String, to target: PrintTarget, now: Date, timeZone: TimeZone, lang: Lang) throws -> String {
        guard let ctx = context else { throw PrintingUnavailable() }
        let stamp = Paper.Stamp(records: journal.ledger.nextSeq, headHash: journal.headHash, printedAt: now.minuteText(in: timeZone))
        let sheet = try Forms.sheet(id, ledger: journal.ledger, stamp: stamp)
        let pdf: Data
        do { pdf = try sheet.render() } catch { throw ctx.pdfFailure(error) }
        let said: String
        switch target {
        case .pdf(let path):
            try ctx.writeFile(pdf, to: path)
            said = lang.pick("PDF を書き出しました: ", "PDF written: ") + Context.absolute(path)
        case .printer:
            try ctx.sendToPrinter(pdf, printer: PrintOutput.defaultPrinter, title: sheet.title)
            said = lang.pick("プリンタに送りました: \(id)", "sent to the printer: \(id)")
        }
        do { try journal.checkpoint(purpose: "print \(id) pdf", now: now) } catch {
            return said + lang.pick("（控えを記録できませんでした）", " (the checkpoint was not recorded)")
        }
        return said
    }
    var ledger: Ledger { journal.ledger }
    var headHash: String { journal.headHash }
    func damageMessage(_ lang: Lang) -> String? { journal.damage.map { $0.message(lang) + lang.pick("（読み取り専用）", " (read-only)") } }
    func damageReport(_ lang: Lang) -> DamageReport? {
        journal.damage.map { d in
            var newer = false
            if case .newerVersion = d.reason { newer = true }
            return DamageReport(record: d.seq, line: d.line, offset: d.offset, message: d.message(lang), newerVersion: newer,
                                path: journal.path)
        }
    }
    func record(_ command: Command, actor: Actor, now: Date, timeZone: TimeZone) throws -> Record {
        try journal.append(actor: actor, now: now) { ledger, at in try ledger.decide(command, by: actor, now: at, timeZone: timeZone) }
    }
    func initialize(_ header: Change, actor: Actor, now: Date) throws -> Record {
        try journal.create(header: header, actor: actor, now: now)
    }
    func refresh() throws -> Bool {
        if let d = chainCheck.takeDamage() {
            journal.adopt(d)
            return true
        }
        return try journal.refresh()
    }
    func describe(_ error: Error, _ lang: Lang) -> String {
        switch error {
        case let e as DomainError: e.message(lang)
        case let e as JournalError: e.message(lang)
        case let e as InconsistentRecord: lang.pick("記録できません: \(e.reason)", "cannot record: \(e.reason)")
        case let e as CLIFailure: e.message
        case is PrintingUnavailable: lang.pick("ここでは印刷できません", "printing is not available here")
        default: "\(error)"
        }
    }
}

/// Whether the locale the environment names is UTF-8, and its codeset (set by main before any fallback).
nonisolated(unsafe) var environmentLocaleIsUTF8 = true
nonisolated(unsafe) var environmentCodeset = "UTF-8"

func runScreens(_ global: GlobalOptions) throws {
    let ctx = try Context(global)
    let lang = ctx.lang
    guard environmentLocaleIsUTF8 else {
        throw CLIFailure(message: lang.pick("UTF-8 のロケールが必要です（現在 \(environmentCodeset)）。例: LANG=C.UTF-8",
                                            "a UTF-8 locale is needed (now \(environmentCodeset)); e.g. LANG=C.UTF-8"),
                         code: CLIFailure.usage)
    }
    // Check the terminal before touching the data, so a pipe gets a clear message.
    let term = ProcessInfo.processInfo.environment["TERM"]
    if let e = Terminal.preflight(term: term, inputIsTerminal: isatty(0) == 1, outputIsTerminal: isatty(1) == 1) {
        throw CLIFailure(message: e.message(lang == .ja ? .japanese : .english), code: CLIFailure.usage)
    }
    let journal: Journal
    do {
        journal = try Journal(directory: ctx.dataDirectory, group: try Context.configuredGroup(), snapshotEvery: Context.snapshotEvery)
    } catch { throw ctx.fail(error) }
    if Installation.active != nil {
        // Installed: root creates the ledger (no setup form for whoever comes first), and only an
        // enrolled person still serving reads it (Installed.swift).
        guard journal.ledger.isInitialized || journal.damage != nil else {
            try Context.requireRootToInitialize(lang)
            throw CLIFailure(message: DomainError.notInitialized.message(lang) + " (\(ctx.dataDirectory))", code: CLIFailure.ruleRefused)
        }
        if journal.damage == nil {
            do { _ = try journal.ledger.person(ctx.actor) } catch { throw ctx.fail(error) }
        }
    }
    let notices = journal.notices.map { $0.message(lang) }
    let session = Session(store: JournalStore(journal, context: ctx), actor: ctx.actor, lang: lang, timeZone: ctx.timeZone, clock: { Context.clockNow() })
    if let first = notices.first { session.notice(first) }
    // The `:` line runs the CLI's own commands, with the screens' options.
    session.commandRunner = { words in ColonCommands.run(words, global: global) }
    session.commandCatalog = ColonCommands.catalog

    var signal: Terminal.Signal?
    do {
        try Terminal.run { term in
            var dirty = true
            var lastSize = term.size
            var lastMinute = 0
            while !session.quit {
                if let s = term.pendingSignal { signal = s; break }
                let size = term.size
                // The clock moves too: overdue marks and ages change without a key.
                let minute = Int(Context.clockNow().timeIntervalSince1970) / 60
                if dirty || size != lastSize || minute != lastMinute {
                    term.draw(session.render(size))
                    dirty = false
                    lastSize = size
                    lastMinute = minute
                }
                if let key = term.readKey(timeoutMilliseconds: 250) {
                    let bells = session.bells
                    session.press(key)
                    // The audible acknowledgement of a counted number that needs a second look.
                    if session.bells != bells { term.beep() }
                    // Keys already waiting (typed fast, or pasted by a terminal without bracketed
                    // paste) are handled before the next drawing: one drawing, not one per key.
                    var pending = 0
                    while pending < 10_000, !session.quit, term.pendingSignal == nil,
                          let more = term.readKey(timeoutMilliseconds: 0) {
                        session.press(more)
                        pending += 1
                    }
                    dirty = true
                } else if session.tick() {
                    dirty = true
                }
            }
        }
    } catch let e as TerminalError {
        throw CLIFailure(message: e.message(lang == .ja ? .japanese : .english), code: CLIFailure.usage)
    }
    if let signal { exit(signal.exitStatus) }
}
