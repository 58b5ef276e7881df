// What every command needs: the global options, who is acting, the data
// directory, the open journal, and how to print and fail.

import ArgumentParser
import DaichoCore
import DaichoJournal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Lang: ExpressibleByArgument {}

/// Options every subcommand accepts, anywhere after the subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory (default: $DAICHO_DATA, $XDG_DATA_HOME/daicho, ~/.local/share/daicho).")
    var data: String?

    @Option(name: .customLong("as"), help: "Act as this enrolled login (only when running as root).")
    var asLogin: String?

    @Option(name: .long, help: "Language of messages: ja or en.")
    var lang: Lang = .ja
}

/// Options of commands that read: `--json` for machines.
struct ReadOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON (stable snake_case field names).")
    var json = false
}

/// A refusal or failure to report in one line, with its exit code.
struct CLIFailure: Error {
    var message: String
    var code: Int32

    static let ruleRefused: Int32 = 1
    static let damaged: Int32 = 2
    static let ioFailed: Int32 = 3
    static let usage: Int32 = 64
}

/// The resolved environment of one command.
struct Context {
    let lang: Lang
    let dataDirectory: String
    let actor: Actor
    let timeZone: TimeZone
    let now: Date

    init(_ g: GlobalOptions) throws {
        lang = g.lang
        if let inst = try Installation.get() {
            // Installed (Installed.swift): nothing the caller controls moves what matters.
            if g.data != nil {
                throw CLIFailure(message: g.lang.pick("導入された daicho では --data は使えません（データは \(inst.configPath) が定めます）",
                                                      "--data is refused by an installed daicho (the data directory is set in \(inst.configPath))"),
                                 code: CLIFailure.usage)
            }
            for n in inst.ignoredEnvironment(g.lang) { printErr(n) }
            timeZone = inst.timeZone
            now = Date()
            dataDirectory = inst.dataDirectory
            actor = try Context.resolveInstalledActor(g.asLogin, lang: g.lang)
            return
        }
        timeZone = TimeZone.current
        now = try Context.checkedClockNow(g.lang)
        dataDirectory = Context.resolveDataDirectory(g.data)
        actor = try Context.resolveActor(g.asLogin, lang: g.lang)
    }

    /// Installed, the actor is the real login (getuid), whatever the effective uid; `--as` only for
    /// a real root, and the record then names both.
    static func resolveInstalledActor(_ asLogin: String?, lang: Lang) throws -> Actor {
        let login = Installation.realLogin()
        guard let asLogin, asLogin != login else { return Actor(login: login) }
        guard getuid() == 0 else {
            throw CLIFailure(message: lang.pick("--as は root として実行した場合のみ使えます", "--as is honoured only when running as root"),
                             code: CLIFailure.ruleRefused)
        }
        do { _ = try FieldText.login(asLogin) } catch { throw CLIFailure(message: error.message(lang), code: CLIFailure.usage) }
        return Actor(login: asLogin, via: login)
    }

    /// Installed, only root creates the ledger (README "Installing for a unit"): otherwise whoever
    /// ran `init` first on a fresh installation would make themselves its officer.
    static func requireRootToInitialize(_ lang: Lang) throws {
        guard Installation.active != nil, getuid() != 0 else { return }
        throw CLIFailure(message: lang.pick("導入された daicho の台帳は root が作成します（sudo daicho init …）",
                                            "an installed daicho's ledger is created by root (sudo daicho init …)"),
                         code: CLIFailure.ruleRefused)
    }

    /// `--data`, else `$DAICHO_DATA`, else `$XDG_DATA_HOME/daicho`, else `~/.local/share/daicho`.
    static func resolveDataDirectory(_ option: String?) -> String {
        let env = ProcessInfo.processInfo.environment
        if let option, !option.isEmpty { return absolute(option) }
        if let d = env["DAICHO_DATA"], !d.isEmpty { return absolute(d) }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return absolute(x) + "/daicho" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeFromPasswd()
        return home + "/.local/share/daicho"
    }

    static func absolute(_ p: String) -> String {
        if p.hasPrefix("/") { return p }
        return FileManager.default.currentDirectoryPath + "/" + p
    }

    static func homeFromPasswd() -> String {
        guard let pw = getpwuid(geteuid()), let dir = pw.pointee.pw_dir else { return "/" }
        return String(cString: dir)
    }

    /// The login of the effective uid.
    static func systemLogin() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid\(geteuid())"
    }

    /// The actor is the OS login; `--as` is honoured only for root, and the
    /// record then shows both.
    static func resolveActor(_ asLogin: String?, lang: Lang) throws -> Actor {
        let login = systemLogin()
        guard let asLogin else { return Actor(login: login) }
        if asLogin == login { return Actor(login: login) }
        guard geteuid() == 0 else {
            throw CLIFailure(message: lang.pick("--as は root として実行した場合のみ使えます", "--as is honoured only when running as root"),
                             code: CLIFailure.ruleRefused)
        }
        do { _ = try FieldText.login(asLogin) } catch { throw CLIFailure(message: error.message(lang), code: CLIFailure.usage) }
        return Actor(login: asLogin, via: login)
    }

    /// The clock. `DAICHO_NOW` (an ISO 8601 instant) fixes it for tests and demos.
    static func clockNow() -> Date {
        if Installation.active != nil { return Date() }
        if let s = ProcessInfo.processInfo.environment["DAICHO_NOW"], !s.isEmpty,
           let d = try? DateInput.parse(s, timeZone: TimeZone.current, endOfDay: false) {
            return d
        }
        return Date()
    }

    /// `clockNow`, refusing a malformed `DAICHO_NOW` (or one no record can bear) as a usage error.
    static func checkedClockNow(_ lang: Lang) throws -> Date {
        if let s = ProcessInfo.processInfo.environment["DAICHO_NOW"], !s.isEmpty {
            guard let d = try? DateInput.parse(s, timeZone: TimeZone.current, endOfDay: false),
                  Timestamp.parse(Timestamp.format(d)) != nil, d.timeIntervalSince1970 >= 0 else {
                throw CLIFailure(message: lang.pick("DAICHO_NOW「\(FieldText.shortened(s))」は日時として読めません（例: 2026-12-01T09:00:00Z）",
                                                    "DAICHO_NOW '\(FieldText.shortened(s))' is not a time (e.g. 2026-12-01T09:00:00Z)"),
                                 code: CLIFailure.usage)
            }
        }
        return clockNow()
    }

    /// The group files are shared with, from `$DAICHO_GROUP`; none means owner-only.
    static func configuredGroup() throws -> gid_t? {
        if Installation.active != nil { return nil }
        guard let name = ProcessInfo.processInfo.environment["DAICHO_GROUP"], !name.isEmpty else { return nil }
        guard let gr = getgrnam(name) else {
            throw CLIFailure(message: "DAICHO_GROUP: unknown group \(name)", code: CLIFailure.usage)
        }
        return gr.pointee.gr_gid
    }

    nonisolated(unsafe) static var keptUntilExit: [Journal] = []
    /// The exit code of a command that printed what it could (a read of a damaged journal: 2).
    nonisolated(unsafe) static var exitAfterOutput: Int32 = 0

    /// `DAICHO_SNAPSHOT_EVERY`: how many records an open may fold past the snapshot before it
    /// rewrites it (default 5000; the end-to-end tests use 1 to get one on a small journal).
    static var snapshotEvery: Int {
        if Installation.active != nil { return Journal.defaultSnapshotEvery }
        return ProcessInfo.processInfo.environment["DAICHO_SNAPSHOT_EVERY"].flatMap { Int($0) }.map { max(1, $0) }
            ?? Journal.defaultSnapshotEvery
    }

    /// Opens the journal, printing notices (a torn tail cut off) to stderr.
    func openJournal(mustExist: Bool = true, snapshot: SnapshotUse = .use) throws -> Journal {
        let j: Journal
        do {
            j = try Journal(directory: dataDirectory, group: try Context.configuredGroup(), snapshot: snapshot,
                            snapshotEvery: Context.snapshotEvery)
        } catch {
            throw fail(error)
        }
        for n in j.notices { printErr(n.message(lang)) }
        // A command ends the process right after: freeing the ledger of a million records first
        // would cost a tenth of a second or more for nothing. The journal lives until exit.
        Context.keptUntilExit.append(j)
        if mustExist && !j.ledger.isInitialized && j.damage == nil {
            throw CLIFailure(message: DomainError.notInitialized.message(lang) + " (\(dataDirectory))", code: CLIFailure.ruleRefused)
        }
        return j
    }

    /// Opens the journal for reading: the actor must be enrolled (any role).
    func openForReading() throws -> Journal {
        let j = try openJournal()
        if let d = j.damage {
            printErr(d.message(lang) + lang.pick("（読み取り専用）", " (read-only)"))
            // What could be read is printed, and the exit says the journal is damaged (exit 2);
            // a newer version's journal is not damage (read-only up to there, exit 0).
            if case .newerVersion = d.reason {} else { Context.exitAfterOutput = CLIFailure.damaged }
        }
        do { _ = try j.ledger.person(actor) } catch { throw fail(error) }
        return j
    }

    /// Installed, people cannot read the files, so even `verify` is for enrolled people still serving
    /// (single-user, whoever can read the file can hash it anyway, so it needs no enrolment).
    func requireReaderIfInstalled(_ j: Journal) throws {
        guard Installation.active != nil else { return }
        do { _ = try j.ledger.person(actor) } catch { throw fail(error) }
    }

    /// Runs a command through the journal: checked under the lock, appended, fsynced.
    @discardableResult
    func record(_ command: Command, in journal: Journal? = nil) throws -> Record {
        // A write folds the journal itself (Journal.append): the snapshot would only be read for nothing.
        let j = try journal ?? openJournal(snapshot: .ignore)
        do {
            // Decided at the time the record will bear (never earlier than the record before it).
            return try j.append(actor: actor, now: now) { ledger, at in
                try ledger.decide(command, by: actor, now: at, timeZone: timeZone)
            }
        } catch { throw fail(error) }
    }

    /// Turns any error into a one-line failure in the chosen language.
    func fail(_ error: Error) -> CLIFailure {
        switch error {
        case let e as CLIFailure: return e
        case let e as DomainError: return CLIFailure(message: e.message(lang), code: CLIFailure.ruleRefused)
        case let e as JournalError:
            if case .readOnly = e { return CLIFailure(message: e.message(lang), code: CLIFailure.damaged) }
            return CLIFailure(message: e.message(lang), code: CLIFailure.ioFailed)
        case let e as JournalDamage: return CLIFailure(message: e.message(lang), code: CLIFailure.damaged)
        case let e as InconsistentRecord:
            return CLIFailure(message: lang.pick("記録できません: \(e.reason)", "cannot record: \(e.reason)"), code: CLIFailure.ruleRefused)
        default: return CLIFailure(message: "\(error)", code: CLIFailure.ioFailed)
        }
    }

    /// Reads a TIME or DATE argument in the configured time zone. `field` names it in the
    /// message; nil says 日時/date (no text field is a date, so none is borrowed for one).
    func date(_ s: String, field: Field?, endOfDay: Bool = true) throws -> Date {
        do { return try DateInput.parse(s, timeZone: timeZone, endOfDay: endOfDay) } catch {
            throw CLIFailure(message: DomainError.invalidDate(field: field, input: s).message(lang), code: CLIFailure.usage)
        }
    }

    func time(_ d: Date) -> String { d.minuteText(in: timeZone) }
}

/// Writes one line to standard error. Messages may echo what was typed (an unknown
/// registration number): control characters are shown as `\u{1B}` so the reason stays
/// one line and cannot drive the terminal.
func printErr(_ s: String) {
    var line = ""
    for u in s.unicodeScalars {
        if FieldText.isForbidden(u) { line += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" } else { line.unicodeScalars.append(u) }
    }
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Writes to standard output without buffering surprises. Output that cannot be written (a full
/// disk, a file-size limit) is one line on stderr and exit 3, not a crash (Neutralize.swift).
func out(_ s: String) {
    writeStandardOutput(Data((s + "\n").utf8))
}
