// The CLI of exceptions (例外措置, 002 第26–27条; 001 付紙第4 1(4)), a contract:
//   daicho exception request --rule R (--medium REG | --case ID) --reason R --until DATE   # prints only the id
//   daicho exception list [--json] | exception show ID [--json]
//   daicho print exceptions
// Decided with `approve ID` / `reject ID` like every request.

import ArgumentParser
import DaichoCore
import DaichoJournal
import DaichoPaper
import Foundation

extension Context {
    func json(_ e: ExceptionEntry) -> JSONObject {
        ["id": e.id, "kind": RequestKind.exception.rawValue, "rule": e.rule, "registration": orNull(e.registration),
         "case": orNull(e.caseID), "subject": e.subject, "reason": e.reason, "until": iso(e.until), "requester": e.requester,
         "requested_at": iso(e.requestedAt), "state": e.state.rawValue, "valid": e.valid(at: now),
         "decided_by": orNull(e.decidedBy), "decided_at": iso(e.decidedAt), "comment": orNull(e.comment), "uses": e.uses,
         "age_hours": Int(now.timeIntervalSince(e.requestedAt) / 3600)]
    }
}

extension Context {
    func json(_ c: CorrectionEntry) -> JSONObject {
        ["id": c.id, "kind": RequestKind.correction.rawValue, "subject": "#\(c.target)", "target": c.target, "reason": c.reason,
         "set": c.set.map { ["field": $0.field, "value": $0.value] as JSONObject }, "requester": c.requester,
         "requested_at": iso(c.requestedAt), "state": c.state.rawValue, "decided_by": orNull(c.decidedBy),
         "decided_at": iso(c.decidedAt), "comment": orNull(c.comment), "age_hours": Int(now.timeIntervalSince(c.requestedAt) / 3600)]
    }
}

struct ExceptionGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exception",
                                                    abstract: "Exceptions to a rule for one medium or case (例外措置, 002 第26–27条).",
                                                    subcommands: [Request.self, List.self, Show.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Request an exception; prints only the id (decided with approve/reject).")
        @Option(help: "The rule it suspends: 持出禁止, 配布禁止, a local restriction, or 暗号化 (the encryption requirement).") var rule: String
        @Option(help: "Registration number of the medium.") var medium: String?
        @Option(name: .customLong("case"), help: "The case or request (HO-…, TO-…, REQ-…).") var caseID: String?
        @Option(help: "理由.") var reason: String
        @Option(help: "End of the period (a day: valid through it; or a time).") var until: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let end = try ctx.date(until, field: nil)
            let r = try ctx.record(.requestException(rule: rule, medium: medium, caseID: caseID, reason: reason, until: end))
            if case .exceptionRequested(let d) = r.change { out(d.exception) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The exception ledger (例外措置台帳): every exception, its decision, uses and end.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            if read.json { return out(jsonString(l.allExceptions.map(ctx.json))) }
            let lang = ctx.lang
            guard !l.exceptions.isEmpty else { return out(lang.pick("例外措置はありません", "no exceptions")) }
            var t = TextTable(headers: lang == .ja ? ["番号", "規則", "対象", "申請者", "まで", "状態", "決定者", "使用"]
                                                  : ["id", "rule", "subject", "requester", "until", "status", "decided by", "uses"])
            for e in l.allExceptions {
                t.rows.append([e.id, e.rule, e.subject, e.requester, ctx.time(e.until), e.status(at: ctx.now, lang), e.decidedBy ?? "",
                               e.uses.map { "#\($0)" }.joined(separator: ",")])
            }
            out(t.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One exception.")
        @Argument(help: "Exception id (EX-…).") var id: String
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let e: ExceptionEntry
            do { e = try l.exception(id) } catch { throw ctx.fail(error) }
            if read.json { return out(jsonString(ctx.json(e))) }
            let t = ctx.lang.pick
            var lines = [
                t("番号", "id") + "      " + e.id + "  " + e.status(at: ctx.now, ctx.lang),
                t("規則", "rule") + "      " + e.rule,
                t("対象", "subject") + "      " + e.subject,
                t("理由", "reason") + "      " + e.reason,
                t("期間", "until") + "      " + ctx.time(e.until) + t(" まで", ""),
                t("申請", "requested") + "      " + "\(ctx.time(e.requestedAt)) \(l.people[e.requester]?.name ?? e.requester)",
            ]
            if let by = e.decidedBy, let at = e.decidedAt {
                lines.append(t("決定", "decided") + "      " + "\(e.state.label(ctx.lang)) \(ctx.time(at)) \(l.people[by]?.name ?? by)"
                             + (e.comment.map { " — \($0)" } ?? ""))
            }
            lines.append(t("使用", "uses") + "      " + (e.uses.isEmpty ? t("なし", "none") : e.uses.map { "#\($0)" }.joined(separator: ", ")))
            out(lines.joined(separator: "\n"))
        }
    }
}

extension PrintGroup {
    struct ExceptionsForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "exceptions", abstract: "例外措置台帳 with the head hash.")
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws {
            try PrintGroup.printLife(global, output, purpose: "print exceptions", title: "例外措置台帳") { l, stamp, ctx in
                Paper.exceptions(l, stamp: stamp, now: ctx.now, timeZone: ctx.timeZone)
            }
        }
    }
}
