// What every screen sees: the ledger as folded from the journal, who is
// logged in, the time ("today" is an input, so overdue logic is testable),
// and the journal's head and verification. Screens hold only their own view
// state (selection by identity, filter text); everything they show is
// recomputed from the world on each render (hledger-ui's shape).

import CellKit
import DaichoCore
import Foundation

/// The inputs of every screen.
public struct World: Sendable {
    public var ledger: Ledger
    public var actor: Actor
    public var now: Date
    public var timeZone: TimeZone
    public var lang: Lang
    /// SHA-256 of the last record.
    public var headHash: String
    /// The damage that made the journal read-only, already worded.
    public var damage: String?
    /// Where and why the journal is damaged, when the store can say.
    public var damageReport: DamageReport?
    /// Rows of the body area as last drawn (screen height less the bars), so keys
    /// can page and scroll by what the person actually sees.
    public var bodyRows: Int = App.minimumSize.rows - App.chromeRows

    public init(ledger: Ledger, actor: Actor, now: Date, timeZone: TimeZone, lang: Lang, headHash: String, damage: String? = nil) {
        self.ledger = ledger; self.actor = actor; self.now = now; self.timeZone = timeZone; self.lang = lang
        self.headHash = headHash; self.damage = damage
    }

    /// A person's name for screens (the login when not enrolled).
    public func name(_ login: String) -> String { ledger.people[login]?.name ?? login }

    /// The person logged in, if enrolled.
    /// The person acting, if enrolled and not retired (転出・退職: no more reading or writing).
    public var person: Person? { ledger.people[actor.login].flatMap { $0.isRetired ? nil : $0 } }
    public func can(_ roles: [Role]) -> Bool { roles.contains { person?.has($0) ?? false } }
    /// A role's name as this configuration makes it: a supervisor who decides nothing
    /// (no kind of request, nor any step of one, is theirs) is not called 承認者.
    public func roleLabel(_ r: Role) -> String {
        guard r == .supervisor else { return r.label(lang) }
        let decides = RequestKind.allCases.contains { ledger.possibleDeciders($0).contains(.supervisor) }
        return decides ? r.label(lang) : t("上長（決裁なし）", "supervisor (decides nothing)")
    }

    public func t(_ ja: String, _ en: String) -> String { lang.pick(ja, en) }
    public func time(_ d: Date) -> String { d.minuteText(in: timeZone) }
    public func date(_ d: Date) -> String { d.dateText(in: timeZone) }

    /// How long ago: 3日, 5時間, 12分.
    public func age(since d: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(d)))
        if s >= 86400 { return t("\(s / 86400)日", "\(s / 86400)d") }
        if s >= 3600 { return t("\(s / 3600)時間", "\(s / 3600)h") }
        return t("\(s / 60)分", "\(s / 60)m")
    }

    /// Would the ledger accept this command now? The message if not (forms validate as the user types).
    public func check(_ command: Command) -> String? {
        do { _ = try ledger.decide(command, by: actor, now: now, timeZone: timeZone); return nil } catch { return error.message(lang) }
    }
}

/// What a screen asks the runtime to do.
public enum Effect: Equatable, Sendable {
    /// Append the change this command decides (checked again under the lock).
    case record(Command)
    /// Create the ledger (first run).
    case initialize(unit: String, officer: String, name: String, title: String?, rank: String?, section: String? = nil, scheme: String? = nil)
    /// Leave the program.
    case quit
    /// Run a `:` line's words as the CLI's command (Session.commandRunner).
    case run([String])
    /// Ring the terminal's bell.
    case bell
    /// Print a case's form as PDF: to a file, or to the printer (the store knows how; it records a checkpoint).
    case printForm(id: String, to: PrintTarget)
}

/// Where a form printed from the screens goes.
public enum PrintTarget: Equatable, Sendable {
    /// A PDF file at this path.
    case pdf(String)
    /// The system's default printer (CUPS lp).
    case printer
}
