// The CLI of handovers (送付リスト/受領書, 000 別記様式第3), transfers of media
// between units (送達票/受領票, 001 付紙第3) and their printed forms. A
// contract, like the media commands: `new` and `incoming` print only the id.

import ArgumentParser
import DaichoCore
import DaichoJournal
import DaichoPaper
import DaichoPDF
import Foundation

extension Context {
    /// A day as typed: `2026-11-25` or a 令和 date (`令和8年11月25日`, `R8.11.25`).
    func day(_ s: String?, field: Field? = nil) throws -> Day? {
        guard let s else { return nil }
        guard let d = Day(s) else {
            throw CLIFailure(message: DomainError.invalidDay(field: field, input: s).message(lang), code: CLIFailure.usage)
        }
        return d
    }

    func items(_ texts: [String]) throws -> [HandoverItem] {
        do { return try texts.map { text throws(DomainError) in try HandoverItem.parse(text) } } catch { throw fail(error) }
    }

    /// The journal's anchor for a printed form, at this moment.
    func stamp(_ j: Journal) -> Paper.Stamp {
        Paper.Stamp(records: j.ledger.nextSeq, headHash: j.headHash, printedAt: now.minuteText(in: timeZone))
    }

    func json(_ h: Handover, today: Day) -> JSONObject {
        var o: JSONObject = [
            "id": h.id, "direction": h.direction.rawValue, "status": h.status.rawValue, "to": h.counterpart,
            "contract": orNull(h.contract), "return_required": h.returnRequired, "note": orNull(h.note),
            "dispatched": orNull(h.dispatchDate?.iso), "due": orNull(h.due?.iso), "sender": orNull(h.sender),
            "overdue": h.isOverdue(on: today), "created_by": h.createdBy,
            "items": h.items.map { item -> JSONObject in
                var i: JSONObject = ["name": item.name, "quantity": item.quantity, "registration": orNull(item.registration)]
                if let r = h.receipt { i["received"] = orNull(r.items.first { $0.name == item.name }?.quantity) }
                if h.returnRequired {
                    let d = h.disposals.first { $0.item == item.name }
                    i["settled"] = d == nil ? "outstanding" : (d!.isReturn ? "returned" : "destroyed")
                }
                return i
            },
            "differences": h.differences.map { ["name": $0.name, "sent": $0.sent, "received": orNull($0.received)] as JSONObject },
            "reminders": h.reminders.map { ["at": iso($0.at), "by": $0.by, "note": orNull($0.note)] as JSONObject },
            "disposals": h.disposals.map {
                ["item": $0.item, "date": $0.date.iso, "kind": $0.isReturn ? "returned" : "destroyed",
                 "report": orNull($0.report), "signer": orNull($0.signer)] as JSONObject
            },
        ]
        if h.direction == .incoming { o["from"] = h.counterpart }
        if let r = h.receipt { o["receipt"] = ["date": r.date.iso, "by": r.by, "recorded_by": r.recordedBy] as JSONObject } else { o["receipt"] = NSNull() }
        o["acknowledged"] = h.acknowledgement.map { ["by": $0.by, "at": iso($0.at), "note": orNull($0.note)] as JSONObject } ?? NSNull()
        o["missing_media"] = h.missingMedia
        o["late"] = h.late.map { l -> JSONObject in
            ["date": l.date.iso, "media": l.media, "items": l.items.map { ["name": $0.name, "quantity": $0.quantity] as JSONObject }]
        }
        o["recalled"] = h.recall.map { ["by": $0.by, "at": iso($0.at), "reason": orNull($0.note)] as JSONObject } ?? NSNull()
        return o
    }

    func json(_ t: Transfer) -> JSONObject {
        ["id": t.id, "direction": t.direction.rawValue, "status": t.status.rawValue, "to": t.counterpart, "media": t.media,
         "dispatched": orNull(t.dispatchDate?.iso), "sender": orNull(t.sender), "received": orNull(t.receiptDate?.iso),
         "receiver": orNull(t.receiver), "note": orNull(t.note), "missing": t.missing,
         "late": t.late.map { ["date": $0.date.iso, "media": $0.media] as JSONObject },
         "incoming": t.incoming.map { ["registration": $0.registration, "model": $0.model, "theirs": $0.theirs] as JSONObject }]
    }
}

/// Records of a case, as lines (for `show`).
func history(_ seqs: [Int], _ l: Ledger, _ ctx: Context) -> [String] {
    seqs.compactMap { s in
        guard let r = l.records[s] else { return nil }
        return "#\(s) \(ctx.time(r.at)) \(l.people[r.actor]?.name ?? r.actor): \(r.summary(ctx.lang, timeZone: ctx.timeZone))"
    }
}

extension HandoverStatus: ExpressibleByArgument {}

// MARK: - handover

struct HandoverGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover", abstract: "Handovers of protected information (送付リスト / 受領書).",
        subcommands: [New.self, Edit.self, Dispatch.self, Receipt.self, Late.self, Remind.self, Acknowledge.self, Returned.self, Destroyed.self,
                      Recall.self, Incoming.self, List.self, Show.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Draft a 送付リスト; prints only the id.")
        @Option(help: "宛先 (printed with 殿).") var to: String
        @Option(help: "調達要求番号 / 契約番号.") var contract: String?
        @Flag(name: .customLong("return-required"), help: "A contractor must return or destroy everything at the end of the work (003 8.1).")
        var returnRequired = false
        @Option(name: .customLong("item"), help: "名称=数量 (repeat for each item).") var items: [String] = []
        @Option(name: .customLong("media"), help: "A registered medium to hand over (repeatable, or comma-separated).") var media: [String] = []
        @Option(help: "備考.") var note: String?
        @Option(name: .customLong("class"), help: "機密性 1, 2 or 3 of the documents and data listed with --item (002 第46条); media carry their own.")
        var classification: Confidentiality?
        @Option(help: "取扱制限 of the documents and data listed with --item, comma-separated.") var restrict: String?
        @Option(name: .customLong("no-return"), help: "Why a provision to a contract need not be returned or destroyed (003 8.1(4)); by default it must.")
        var noReturn: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let regs = media.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let r = try ctx.record(.newHandover(to: to, contract: contract, returnRequired: returnRequired, items: try ctx.items(items),
                                                media: regs, note: note, classification: classification,
                                                restrictions: (restrict ?? "").split(separator: ",").map(String.init), noReturn: noReturn))
            out(r.change.caseID ?? "")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Edit a draft 送付リスト (its drafter or the officer); --item and --media given replace their lists, omitted keep them.")
        @Argument(help: "Handover id (HO-…).") var id: String
        @Option(help: "宛先.") var to: String?
        @Option(name: .customLong("item"), help: "名称=数量 (repeat; replaces the documents and data listed).") var items: [String] = []
        @Option(name: .customLong("media"), help: "A registered medium (repeatable, or comma-separated; replaces the media listed; \"\" for none).")
        var media: [String] = []
        @Option(help: "備考 (\"\" clears it).") var note: String?
        @Option(name: .customLong("class"), help: "機密性 1, 2 or 3 of the items given with --item.") var classification: Confidentiality?
        @Option(help: "取扱制限 of the items given with --item, comma-separated.") var restrict: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let regs = media.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
            let r = try ctx.record(.editHandover(id: id, to: to, items: items.isEmpty ? nil : try ctx.items(items),
                                                 media: media.isEmpty ? nil : regs, note: note, classification: classification,
                                                 restrictions: (restrict ?? "").split(separator: ",").map(String.init)))
            let l = try ctx.openForReading().ledger
            let id = r.change.caseID ?? ""
            let again = l.handovers[id]?.awaitsPermission == true
            out(ctx.lang.pick("送付リスト \(id) を修正しました" + (again ? "（機密性3: 改めて許可が必要です）" : ""),
                              "edited \(id)" + (again ? " (機密性3: needs permission again)" : "")))
        }
    }

    struct Dispatch: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a 送付リスト went; its 受領書 is due back in N days.")
        @Argument(help: "Handover id (HO-…).") var id: String
        @Option(help: "送達 date (default today): 2026-11-25 or 令和8年11月25日.") var date: String?
        @Option(name: .customLong("due-days"), help: "Days until the 受領書 is due (default: the ledger's handover.due_days).") var dueDays: Int?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let r = try ctx.record(.dispatchHandover(id: id, date: try ctx.day(date), dueDays: dueDays))
            guard case .handoverDispatched(let d) = r.change else { return }
            out(ctx.lang.pick("送達を記録しました: \(d.handover)（受領書の期限 \(d.due.iso)）", "dispatched \(d.handover); receipt due \(d.due.iso)"))
        }
    }

    struct Receipt: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the returned 受領書. Without --received, everything as sent.")
        @Argument(help: "Handover id.") var id: String
        @Option(help: "受領者 所属 職位 氏名.") var by: String
        @Option(help: "受領 date (default today).") var date: String?
        @Option(name: .customLong("received"), help: "名称=数量 as the 受領書 says (repeat); items not given were not received.")
        var received: [String] = []
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let got = received.isEmpty ? nil : try ctx.items(received).map { ReceivedItem(name: $0.name, quantity: $0.quantity) }
            let r = try ctx.record(.receiveHandover(id: id, by: by, date: try ctx.day(date), received: got))
            let l = try ctx.openForReading().ledger
            guard let h = l.handovers[r.change.caseID ?? ""] else { return }
            if h.status == .discrepancy {
                let list = h.differences.map { "\($0.name) \($0.sent)→\($0.received ?? ctx.lang.pick("なし", "none"))" }.joined(separator: ", ")
                out(ctx.lang.pick("受領書を記録しました。差異があります（承認者の確認が必要）: \(list)",
                                  "receipt recorded, with differences (a supervisor must acknowledge): \(list)"))
            } else {
                out(ctx.lang.pick("受領書を記録しました: \(h.id)（\(h.status.label(.ja))）", "receipt recorded: \(h.id) (\(h.status.label(.en)))"))
            }
        }
    }

    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a reminder (督促) for a 受領書 not back.")
        @Argument(help: "Handover id.") var id: String
        @Option(help: "How, to whom.") var note: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.remindHandover(id: id, note: note))
            out(ctx.lang.pick("督促を記録しました", "reminder recorded"))
        }
    }

    struct Late: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record items or media that arrived after a 受領書 that said they had not.")
        @Argument(help: "Handover id.") var id: String
        @Option(name: .customLong("item"), help: "名称=数量 that arrived (repeatable).") var items: [String] = []
        @Option(name: .customLong("media"), help: "A medium that arrived (repeatable, or comma-separated).") var media: [String] = []
        @Option(help: "When it arrived (default today).") var date: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let regs = media.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let got = try ctx.items(items).map { ReceivedItem(name: $0.name, quantity: $0.quantity) }
            try ctx.record(.lateHandover(id: id, items: got, media: regs, date: try ctx.day(date)))
            out(ctx.lang.pick("遅着を記録しました", "late arrival recorded"))
        }
    }

    struct Acknowledge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge a receipt discrepancy with a note (supervisor or officer).")
        @Argument(help: "Handover id.") var id: String
        @Option(help: "How the difference was resolved.") var note: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.acknowledgeHandover(id: id, note: note))
            out(ctx.lang.pick("差異の確認を記録しました", "discrepancy acknowledged"))
        }
    }

    struct Returned: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record items a contractor returned (default: every outstanding item).")
        @Argument(help: "Handover id.") var id: String
        @Option(name: .customLong("item"), help: "名称 of an item returned (repeat).") var items: [String] = []
        @Option(help: "Date returned (default today).") var date: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.returnHandover(id: id, items: items, date: try ctx.day(date)))
            out(ctx.lang.pick("返却を記録しました", "return recorded"))
        }
    }

    struct Destroyed: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a contractor's destruction/erasure report (003 8.1).")
        @Argument(help: "Handover id.") var id: String
        @Option(help: "The report's document number.") var report: String
        @Option(help: "The report's date.") var date: String
        @Option(help: "Who signed the report.") var by: String
        @Option(name: .customLong("item"), help: "名称 of an item covered (repeat; default every outstanding item).") var items: [String] = []
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.destroyHandover(id: id, items: items, report: report, date: try ctx.day(date), by: by))
            out(ctx.lang.pick("廃棄・抹消報告を記録しました", "destruction report recorded"))
        }
    }

    struct Recall: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recall a draft or dispatched handover (a new record; nothing is deleted).")
        @Argument(help: "Handover id.") var id: String
        @Option(help: "Why.") var reason: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.recallHandover(id: id, reason: reason))
            out(ctx.lang.pick("取消を記録しました", "recall recorded"))
        }
    }

    struct Incoming: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record protected information received; prints only the id (print incoming ID gives our 受領書).")
        @Option(help: "送付者.") var from: String
        @Option(name: .customLong("item"), help: "名称=数量 (repeat).") var items: [String] = []
        @Option(help: "受領 date (default today).") var date: String?
        @Option(help: "備考.") var note: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let r = try ctx.record(.incomingHandover(from: from, items: try ctx.items(items), date: try ctx.day(date), note: note))
            out(r.change.caseID ?? "")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Handovers: id, status, to, due, overdue.")
        @Option(help: "draft, dispatched, received, discrepancy, closed, recalled.") var status: HandoverStatus?
        @Flag(help: "Only those whose 受領書 is past due.") var overdue = false
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let today = Day(ctx.now, in: ctx.timeZone)
            let list = l.allHandovers.filter { (status == nil || $0.status == status) && (!overdue || $0.isOverdue(on: today)) }
            if read.json { return out(jsonString(list.map { ctx.json($0, today: today) })) }
            let lang = ctx.lang
            if list.isEmpty { return out(lang.pick("該当する送付はありません", "no handovers")) }
            var t = TextTable(headers: lang == .ja ? ["番号", "状態", "宛先・送付者", "送達", "期限", "品目"]
                                                  : ["id", "status", "to/from", "dispatched", "due", "items"])
            for h in list {
                let over = h.isOverdue(on: today)
                t.rows.append([h.id, h.status.label(lang) + (over ? lang.pick("（期限超過）", " (OVERDUE)") : ""),
                               h.counterpart, h.dispatchDate?.iso ?? h.receipt?.date.iso ?? "", h.due?.iso ?? "", String(h.items.count)])
            }
            out(t.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One handover with its items and history.")
        @Argument(help: "Handover id.") var id: String
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let h: Handover
            do { h = try l.handover(id) } catch { throw ctx.fail(error) }
            let today = Day(ctx.now, in: ctx.timeZone)
            if read.json {
                var o = ctx.json(h, today: today)
                o["history"] = h.history.compactMap { s in l.records[s].map { ctx.json($0) } }
                // A handover to a contract shows that contract's 取扱者名簿, to those who may read it (000 4).
                if let c = h.contract, l.canReadRoster(ctx.actor.login) { o["roster"] = (l.life.rosters[c] ?? []).map(ctx.json) }
                return out(jsonString(o))
            }
            let lang = ctx.lang
            var lines = ["\(h.id)  \(h.status.label(lang))" + (h.isOverdue(on: today) ? lang.pick("（受領書の期限超過）", " (receipt OVERDUE)") : ""),
                         (h.direction == .outgoing ? lang.pick("宛先: ", "to: ") : lang.pick("送付者: ", "from: ")) + h.counterpart]
            if let c = h.contract { lines.append(lang.pick("契約番号: ", "contract: ") + c) }
            if let d = h.dispatchDate { lines.append(lang.pick("送達: \(d.iso)（\(d.reiwa)） 期限: \(h.due?.iso ?? "")", "dispatched: \(d.iso), due \(h.due?.iso ?? "")")) }
            if let r = h.receipt { lines.append(lang.pick("受領: \(r.date.iso) \(r.by)", "received: \(r.date.iso) by \(r.by)")) }
            var t = TextTable(headers: lang == .ja ? ["名称", "数量等", "受領", "返却・廃棄"] : ["item", "quantity", "received", "settled"])
            for item in h.items {
                let got = h.receipt.map { r in r.items.first { $0.name == item.name }?.quantity ?? lang.pick("（なし）", "(none)") } ?? ""
                let d = h.disposals.first { $0.item == item.name }
                let settled = !h.returnRequired ? "" : d.map { $0.isReturn ? lang.pick("返却 \($0.date.iso)", "returned \($0.date.iso)")
                                                                : lang.pick("廃棄 \($0.report ?? "")", "destroyed \($0.report ?? "")") } ?? lang.pick("未了", "outstanding")
                t.rows.append([item.name, item.quantity, got, settled])
            }
            lines.append(t.render())
            if let n = h.note { lines.append(lang.pick("備考: ", "note: ") + n) }
            if let c = h.contract, l.canReadRoster(ctx.actor.login) {
                let entries = l.life.rosters[c] ?? []
                lines.append(lang.pick("取扱者名簿（個人情報）: ", "handler roster (personal data): ")
                             + (entries.isEmpty ? lang.pick("届出なし", "none filed") : "\(entries.count)" + lang.pick("名", "")))
                if !entries.isEmpty { lines.append(rosterTable(entries, ctx).render()) }
            }
            lines += history(h.history, l, ctx)
            out(lines.joined(separator: "\n"))
        }
    }
}

// MARK: - transfer

struct TransferGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer", abstract: "Media moving between units (送達票 / 受領票).",
        subcommands: [New.self, Edit.self, Dispatch.self, Receipt.self, Late.self, Recall.self, Incoming.self, List.self, Show.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Draft a 送達票 (officer); prints only the id.")
        @Option(help: "受領部隊等名称.") var to: String
        @Option(help: "Registration numbers, comma-separated (or repeat).") var media: [String] = []
        @Option(help: "備考.") var note: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let regs = media.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let r = try ctx.record(.newTransfer(to: to, media: regs, note: note))
            out(r.change.caseID ?? "")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Edit a draft 送達票 (officer); --media given replaces the list, omitted keeps it.")
        @Argument(help: "Transfer id (TO-…).") var id: String
        @Option(help: "受領部隊等名称.") var to: String?
        @Option(help: "Registration numbers, comma-separated (or repeat); replaces the list.") var media: [String] = []
        @Option(help: "備考 (\"\" clears it).") var note: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let regs = media.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
            let r = try ctx.record(.editTransfer(id: id, to: to, media: media.isEmpty ? nil : regs, note: note))
            out(ctx.lang.pick("送達票 \(r.change.caseID ?? "") を修正しました", "edited \(r.change.caseID ?? "")"))
        }
    }

    struct Dispatch: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the media went (they are 送達中 until the 受領票 is back).")
        @Argument(help: "Transfer id (TO-…).") var id: String
        @Option(help: "発送年月日 (default today).") var date: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.dispatchTransfer(id: id, date: try ctx.day(date)))
            out(ctx.lang.pick("発送を記録しました", "dispatch recorded"))
        }
    }

    struct Receipt: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the returned 受領票: the media are 移管済.")
        @Argument(help: "Transfer id.") var id: String
        @Option(help: "The receiving officer: 職名 階級 氏名.") var by: String
        @Option(help: "受領年月日 (default today).") var date: String?
        @Option(name: .customLong("received"), help: "A medium the 受領票 lists (repeatable, or comma-separated); without it every medium.")
        var received: [String] = []
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let got = received.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let r = try ctx.record(.receiveTransfer(id: id, by: by, date: try ctx.day(date), received: received.isEmpty ? nil : got))
            let l = try ctx.openForReading().ledger
            if let t = l.transfers[r.change.caseID ?? ""], !t.missing.isEmpty {
                out(ctx.lang.pick("受領票を記録しました。未着（送達中のまま）: \(t.missing.joined(separator: "、"))",
                                  "receipt slip recorded; not arrived (still in transit): \(t.missing.joined(separator: ", "))"))
            } else {
                out(ctx.lang.pick("受領票を記録しました（移管済）", "receipt slip recorded (transferred)"))
            }
        }
    }

    struct Late: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record media that arrived after a 受領票 that said they had not.")
        @Argument(help: "Transfer id.") var id: String
        @Option(name: .customLong("media"), help: "A medium that arrived (repeatable, or comma-separated).") var media: [String] = []
        @Option(help: "When it arrived (default today).") var date: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let regs = media.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            try ctx.record(.lateTransfer(id: id, media: regs, date: try ctx.day(date)))
            out(ctx.lang.pick("遅着を記録しました", "late arrival recorded"))
        }
    }

    struct Recall: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recall a draft or dispatched transfer; its media come back to storage.")
        @Argument(help: "Transfer id.") var id: String
        @Option(help: "Why.") var reason: String
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            try ctx.record(.recallTransfer(id: id, reason: reason))
            out(ctx.lang.pick("取消を記録しました", "recall recorded"))
        }
    }

    struct Incoming: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Receive media from another unit (officer): registers them; prints the new registration numbers.")
        @Option(help: "発送元部隊等名称.") var from: String
        @Option(name: .customLong("media"), help: "型式:登録番号 as the 送達票 lists it (repeat).") var media: [String] = []
        @Option(help: "usb, sd, cd-r, … (default: from the sender's registration number).") var kind: MediumKind?
        @Option(help: "business or commercial (default business).") var category: DataCategory = .business
        @Option(name: .customLong("class"), help: "機密性 1, 2 or 3 (default 2).") var classification: Confidentiality = .c2
        @Option(help: "受領年月日 (default today).") var date: String?
        @Option(help: "備考.") var note: String?
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let list: [IncomingMediumInput]
            do { list = try media.map { text throws(DomainError) in try IncomingMediumInput.parse(text) } } catch { throw ctx.fail(error) }
            let r = try ctx.record(.incomingTransfer(from: from, media: list, kind: kind, category: category,
                                                     classification: classification, date: try ctx.day(date), note: note))
            guard case .transferIncoming(let d) = r.change else { return }
            out(d.media.map(\.registration).joined(separator: "\n"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Transfers: id, status, unit, media.")
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            if read.json { return out(jsonString(l.allTransfers.map(ctx.json))) }
            let lang = ctx.lang
            if l.allTransfers.isEmpty { return out(lang.pick("送達の記録はありません", "no transfers")) }
            var t = TextTable(headers: lang == .ja ? ["番号", "状態", "相手部隊等", "発送", "受領", "媒体"] : ["id", "status", "unit", "sent", "received", "media"])
            for x in l.allTransfers {
                t.rows.append([x.id, x.status.label(lang), x.counterpart, x.dispatchDate?.iso ?? "", x.receiptDate?.iso ?? "",
                               x.media.joined(separator: ",")])
            }
            out(t.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One transfer and its history.")
        @Argument(help: "Transfer id.") var id: String
        @OptionGroup var read: ReadOptions
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ctx = try Context(global)
            let l = try ctx.openForReading().ledger
            let t: Transfer
            do { t = try l.transfer(id) } catch { throw ctx.fail(error) }
            if read.json {
                var o = ctx.json(t)
                o["history"] = t.history.compactMap { s in l.records[s].map { ctx.json($0) } }
                return out(jsonString(o))
            }
            out(([ "\(t.id)  \(t.status.label(ctx.lang))  \(t.counterpart)", t.media.joined(separator: ", ")] + history(t.history, l, ctx))
                .joined(separator: "\n"))
        }
    }
}

// MARK: - print

struct PrintGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a form as fixed-width text (80 columns, 令和 dates, the journal's head on each half), or as PDF (--pdf, --lp); labels and the books.",
        subcommands: [HandoverForm.self, TransferForm.self, IncomingForm.self, LabelsCommand.self,
                      BookCommand<RegisterBook>.self, BookCommand<UsesBook>.self, BookCommand<TakeoutsBook>.self,
                      CertificateForm.self, InventoryForm.self, PledgeForm.self, RosterForm.self, KeysForm.self, IncidentForm.self,
                      ExceptionsForm.self])

    static func print(_ id: String, prefixes: [String], _ global: GlobalOptions, _ output: PrintOutput) throws {
        let ctx = try Context(global)
        let j = try ctx.openForReading()
        let key = id.trimmingCharacters(in: .whitespaces).uppercased()
        guard prefixes.contains(where: { key.hasPrefix($0 + "-") }) else {
            throw CLIFailure(message: DomainError.unknownCase(id).message(ctx.lang), code: CLIFailure.ruleRefused)
        }
        let stamp = ctx.stamp(j)
        if output.wantsPDF {
            let sheet: Sheet
            do { sheet = try Forms.sheet(key, ledger: j.ledger, stamp: stamp) } catch { throw ctx.fail(error) }
            try ctx.deliver(sheet, output)
        } else {
            let lines: [String]
            do { lines = try Paper.form(key, ledger: j.ledger, stamp: stamp) } catch { throw ctx.fail(error) }
            out(lines.joined(separator: "\n"))
        }
        // The head on paper anchors the chain: remember it, so verify can tell a journal shorter than a form.
        ctx.checkpoint(j, purpose: "print \(key)" + (output.wantsPDF ? " pdf" : ""))
    }

    struct HandoverForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "handover", abstract: "送付リスト and 受領書 on one sheet, with 切取線.")
        @Argument(help: "Handover id (HO-…).") var id: String
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws { try PrintGroup.print(id, prefixes: ["HO"], global, output) }
    }

    struct TransferForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "transfer", abstract: "送達票 and 受領票, with キリトリ.")
        @Argument(help: "Transfer id (TO-…).") var id: String
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws { try PrintGroup.print(id, prefixes: ["TO"], global, output) }
    }

    struct IncomingForm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "incoming", abstract: "Our 受領書 (HI-…) or 受領票 (TI-…) for what we received.")
        @Argument(help: "Incoming id (HI-… or TI-…).") var id: String
        @OptionGroup var output: PrintOutput
        @OptionGroup var global: GlobalOptions
        func run() throws { try PrintGroup.print(id, prefixes: ["HI", "TI"], global, output) }
    }
}
