// The runtime between the app and the journal: it builds the world, passes
// keys to the app, performs the effects the app returns against a store, and
// notices when another process appended. The terminal loop in the executable
// and the key-sequence tests both drive a Session.

import CellKit
import DaichoCore
import Foundation

/// Where records go: the journal in the program, an in-memory fold in tests.
public protocol LedgerStore: AnyObject {
    var ledger: Ledger { get }
    var headHash: String { get }
    /// The damage that makes the store read-only, worded in `lang`.
    func damageMessage(_ lang: Lang) -> String?
    /// Checks and appends the change for `command` (under the store's lock).
    func record(_ command: Command, actor: Actor, now: Date, timeZone: TimeZone) throws -> Record
    /// Creates the ledger.
    func initialize(_ header: Change, actor: Actor, now: Date) throws -> Record
    /// Where and why the store is damaged (record, line, offset), for the damage screen.
    func damageReport(_ lang: Lang) -> DamageReport?
    /// Reads what others appended; whether anything changed.
    func refresh() throws -> Bool
    /// The message for an error this store threw.
    func describe(_ error: Error, _ lang: Lang) -> String
    /// Prints a case's form as PDF where `target` says and records the checkpoint; what to tell the person.
    func printForm(_ id: String, to target: PrintTarget, now: Date, timeZone: TimeZone, lang: Lang) throws -> String
}

/// Stores that cannot print say so.
public struct PrintingUnavailable: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "印刷できません / printing is not available" }
}

extension LedgerStore {
    public func printForm(_ id: String, to target: PrintTarget, now: Date, timeZone: TimeZone, lang: Lang) throws -> String {
        throw PrintingUnavailable()
    }
}

public final class Session {
    public private(set) var app: App
    public let store: LedgerStore
    public let actor: Actor
    public let lang: Lang
    public let timeZone: TimeZone
    let clock: () -> Date
    public private(set) var quit = false
    /// How many times the app rang the bell (the terminal loop beeps when it grows).
    public private(set) var bells = 0

    public init(store: LedgerStore, actor: Actor, lang: Lang, timeZone: TimeZone, clock: @escaping () -> Date) {
        self.store = store; self.actor = actor; self.lang = lang; self.timeZone = timeZone; self.clock = clock
        app = App(world: World(ledger: store.ledger, actor: actor, now: clock(), timeZone: timeZone, lang: lang, headHash: store.headHash))
        if store.ledger.isInitialized && store.ledger.people[actor.login] == nil {
            app.show(DomainError.notEnrolled(login: actor.login).message(lang) + lang.pick("（閲覧も記録もできません）", " (cannot read or record)"), .error)
        }
    }

    /// Runs `:` lines as the CLI's commands; set by the executable, with the CLI's command paths.
    public var commandRunner: CommandRunner? {
        didSet { app.canRunCommands = commandRunner != nil }
    }
    public var commandCatalog: [String] {
        get { app.commandCatalog }
        set { app.commandCatalog = newValue }
    }

    /// The size of the last drawing.
    var lastSize = App.minimumSize

    public var world: World {
        var w = World(ledger: store.ledger, actor: actor, now: clock(), timeZone: timeZone, lang: lang, headHash: store.headHash,
                      damage: store.damageMessage(lang))
        w.damageReport = store.damageReport(lang)
        w.bodyRows = max(1, lastSize.rows - App.chromeRows)
        return w
    }

    /// Passes one key to the app and performs what it asks.
    public func press(_ key: Key) {
        // Below the minimum size the screen shows only a notice: a key acted on
        // there would act on something the user cannot see. Only Ctrl-C works.
        if key != .resize, lastSize.rows < App.minimumSize.rows || lastSize.cols < App.minimumSize.cols {
            if key == .ctrl("c") { quit = true }
            return
        }
        let w = world
        // A person not enrolled sees the setup or nothing; keys other than quit do nothing.
        if w.ledger.isInitialized && w.person == nil {
            if key == .char("q") || key == .escape || key == .ctrl("c") { quit = true }
            return
        }
        for effect in app.handle(key, world: w) { perform(effect) }
    }

    /// Types a string (as the terminal delivers it, one character at a time).
    public func type(_ text: String) {
        for c in text { press(.char(c)) }
    }

    func perform(_ effect: Effect) {
        let now = clock()
        do {
            switch effect {
            case .quit: quit = true; return
            case .run(let words):
                let result = commandRunner?(words) ?? CommandRun(output: "", failure: lang.pick("この画面ではコマンドを実行できません", "commands cannot be run here"))
                // What the command appended (through its own open of the journal) shows at once.
                _ = try? store.refresh()
                app.finishedRun(result, world: world)
            case .bell: bells += 1; return
            case .record(let c):
                let r = try store.record(c, actor: actor, now: now, timeZone: timeZone)
                app.finished(.success(r), world: world)
            case let .printForm(id, target):
                app.show(try store.printForm(id, to: target, now: now, timeZone: timeZone, lang: lang), .ok)
            case let .initialize(unit, officer, name, title, rank, section, scheme):
                let header = try Ledger.initialize(unit: unit, officer: officer, name: name, title: title, rank: rank,
                                                   section: section, scheme: scheme)
                let r = try store.initialize(header, actor: actor, now: now)
                app.finished(.success(r), world: world)
            }
        } catch {
            app.finished(.failure(EffectFailure(store.describe(error, lang))), world: world)
        }
    }

    /// Shows a notice in the message line (e.g. a torn tail cut off on open).
    public func notice(_ text: String) { app.showNotice(text) }

    /// Reads other processes' appends; true when the screen should be redrawn.
    public func tick() -> Bool {
        (try? store.refresh()) ?? false
    }

    public func render(_ size: Size) -> Grid {
        lastSize = size
        let w = world
        if w.ledger.isInitialized && w.person == nil {
            var g = Grid(size: size)
            g.put(w.ledger.unit, row: 0, col: 0, width: size.cols, style: .role(.title))
            let why: DomainError = w.ledger.people[actor.login] != nil ? .retired(login: actor.login) : .notEnrolled(login: actor.login)
            g.put(why.message(lang), row: 2, col: 2, width: size.cols - 2, style: .role(.error))
            g.put(lang.pick("情報保証責任者に要員登録を依頼してください。q で終了します。", "Ask the officer to enrol you. q quits."),
                  row: 3, col: 2, width: size.cols - 2)
            return g
        }
        return app.render(size: size, world: w)
    }
}

/// A store that folds records in memory, with no files: for tests and demos.
/// Head hashes are placeholders (`mem-N`), not SHA-256.
public final class InMemoryStore: LedgerStore {
    public private(set) var ledger = Ledger()
    public init() {}
    public var headHash: String { "mem-\(ledger.records.count)" }
    public func damageMessage(_ lang: Lang) -> String? { nil }
    public func record(_ command: Command, actor: Actor, now: Date, timeZone: TimeZone) throws -> Record {
        let change = try ledger.decide(command, by: actor, now: now, timeZone: timeZone)
        return try append(change, actor: actor, now: now)
    }
    public func initialize(_ header: Change, actor: Actor, now: Date) throws -> Record {
        guard !ledger.isInitialized else { throw DomainError.alreadyInitialized }
        return try append(header, actor: actor, now: now)
    }
    /// Appends as another process would (for tests of live updates).
    @discardableResult
    public func append(_ change: Change, actor: Actor, now: Date) throws -> Record {
        let r = Record(seq: ledger.nextSeq, at: now, actor: actor.login, via: actor.via, prev: headHash, change: change)
        try ledger.apply(r)
        pendingRefresh = true
        return r
    }
    var pendingRefresh = false
    public func refresh() throws -> Bool { defer { pendingRefresh = false }; return pendingRefresh }
    public func describe(_ error: Error, _ lang: Lang) -> String {
        (error as? DomainError)?.message(lang) ?? "\(error)"
    }
}
