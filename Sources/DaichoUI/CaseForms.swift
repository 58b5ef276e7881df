// The forms of handovers and transfers. Each maps its values to a Command
// and lets the ledger say whether it would be accepted; nothing is written
// before Enter, then `y`.

import CellKit
import DaichoCore
import Foundation

enum CaseForms {
    static func itemColumns(_ w: World) -> [(String, Extent)] {
        [(w.t("名称", "name"), .flexible(3)), (w.t("数量等（枚数・媒体数・容量）", "quantity (sheets, media, size)"), .flexible(2))]
    }
    static func blankItem() -> TableFormRow { TableFormRow([.input(maxLength: 200), .input(maxLength: 100)]) }

    /// The typed item rows (blank ones skipped); an error names the row.
    static func items(_ rows: [TableFormRow], _ w: World) -> Result<[HandoverItem], EffectFailure> {
        var out: [HandoverItem] = []
        for (i, r) in rows.enumerated() where r.tag == nil && !r.isBlank {
            let name = r.cells[0].value.trimmingCharacters(in: .whitespaces), qty = r.cells[1].value.trimmingCharacters(in: .whitespaces)
            if name.isEmpty || qty.isEmpty {
                return .failure(EffectFailure(w.t("品目 \(i + 1)行目: 名称と数量等の両方を入力してください", "item row \(i + 1): both name and quantity are needed")))
            }
            out.append(HandoverItem(name: name, quantity: qty))
        }
        return .success(out)
    }

    /// Stored media in no case that may be handed over (not 配布禁止, 002 別表1), not yet in the rows.
    static func mediaToHand(_ w: World, _ rows: [TableFormRow]) -> [TablePick] {
        let taken = Set(rows.compactMap(\.tag))
        return w.ledger.allMedia.filter { m in
            m.status == .stored && m.openCase == nil && m.openRequest == nil && !m.has(.noDistribution) && !taken.contains(m.registration)
        }.map { m in
            let label = "\(m.registration)  \(m.data.kind.label(w.lang))  \(m.data.classification.label(w.lang))  \(m.data.location ?? "")"
            return TablePick(tag: m.registration, label: label,
                             row: TableFormRow([.fixed("\(m.data.kind.label(.ja)) \(m.registration)"), .fixed(w.t("1媒体", "1 medium"))], tag: m.registration))
        }
    }

    // MARK: Handovers

    static func newHandover(_ w: World) -> TableFormScreen {
        var f = TableFormScreen(
            heading: w.t("送付リストの起案（保護すべき情報の送付）", "Draft a handover (protected information)"),
            fields: [
                FormField("to", w.t("宛先", "addressee"), required: true, maxLength: 200),
                FormField("contract", w.t("契約番号等", "contract number"), maxLength: 100),
                FormField("return", w.t("返却・廃棄要", "return required"), .toggle),
                FormField("note", w.t("備考", "note")),
            ],
            tableTitle: w.t("品目", "Items"), columns: itemColumns(w), rows: [blankItem()], blankRow: blankItem(),
            success: w.t("送付リストを起案しました", "handover drafted")
        ) { v, rows, w in
            items(rows, w).flatMap { typed in
                let media = rows.compactMap(\.tag)
                if typed.isEmpty && media.isEmpty {
                    return .failure(EffectFailure(w.t("品目を1行以上入力してください（Ctrl-N 行追加、Ctrl-O 登録媒体）", "enter at least one item (Ctrl-N row, Ctrl-O medium)")))
                }
                return .success(.record(.newHandover(to: v["to"], contract: v.optional("contract"), returnRequired: v.flag("return"),
                                                     items: typed, media: media, note: v.optional("note"))))
            }
        }
        f.picks = mediaToHand
        return f
    }

    /// The draft's own form, filled with what it says; submitting records `handover.edited` (after the usual question).
    static func editHandover(_ h: Handover, _ w: World) -> TableFormScreen {
        let rows = h.items.map { i in
            i.registration.map { reg in TableFormRow([.fixed(i.name), .fixed(i.quantity)], tag: reg) }
                ?? TableFormRow([.input(i.name, maxLength: 200), .input(i.quantity, maxLength: 100)])
        }
        let terms = [h.contract.map { w.t("契約 \($0)", "contract \($0)") }, h.returnRequired ? w.t("返却・廃棄要", "return required") : nil]
            .compactMap { $0 }.joined(separator: " ")
        let build: TableFormBuilder = { v, rows, w in
            items(rows, w).flatMap { typed in
                let media = rows.compactMap(\.tag)
                if typed.isEmpty && media.isEmpty {
                    return .failure(EffectFailure(w.t("品目を1行以上入力してください（Ctrl-N 行追加、Ctrl-O 登録媒体）", "enter at least one item (Ctrl-N row, Ctrl-O medium)")))
                }
                return .success(.record(.editHandover(id: h.id, to: v["to"], items: typed, media: media, note: v["note"])))
            }
        }
        var f = TableFormScreen(
            heading: w.t("送付リストの修正: \(h.id)", "Edit the draft handover \(h.id)") + (terms.isEmpty ? "" : "（\(terms)）"),
            fields: [
                FormField("to", w.t("宛先", "addressee"), required: true, text: h.counterpart, maxLength: 200),
                FormField("note", w.t("備考", "note"), text: h.note ?? ""),
            ],
            tableTitle: w.t("品目", "Items"), columns: itemColumns(w), rows: rows + [blankItem()], blankRow: blankItem(),
            success: w.t("送付リストを修正しました", "draft edited"), build: build)
        f.picks = mediaToHand
        // A decided 機密性3 permission is for what the list said: the edit undoes it (002 第48条3).
        if let p = h.permission {
            f.notice = p.approved
                ? w.t("機密性3の提供は許可済みです。修正すると許可は取り消され、改めて許可が必要です", "機密性3 permitted: an edit undoes the permission, asked again")
                : w.t("機密性3の提供は不許可でした。修正すると改めて許可を求めます", "機密性3 refused: an edit asks for permission again")
        }
        return f
    }

    static func incomingHandover(_ w: World) -> TableFormScreen {
        TableFormScreen(
            heading: w.t("保護すべき情報の受領（当隊の受領書）", "Protected information received (our receipt)"),
            fields: [
                FormField("from", w.t("送付者", "sender"), required: true, maxLength: 200),
                FormField("date", w.t("受領日", "received on"), .day, text: w.today.iso),
                FormField("note", w.t("備考", "note")),
            ],
            tableTitle: w.t("受領した品目", "Items received"), columns: itemColumns(w), rows: [blankItem()], blankRow: blankItem(),
            success: w.t("受領を記録しました", "receipt recorded")
        ) { v, rows, w in
            dayValue(v.optional("date"), w, label: w.t("受領日", "received on")).flatMap { day in
                items(rows, w).flatMap { typed in
                    if typed.isEmpty { return .failure(EffectFailure(w.t("受領した品目を1行以上入力してください", "enter at least one item"))) }
                    return .success(.record(.incomingHandover(from: v["from"], items: typed, date: day, note: v.optional("note"))))
                }
            }
        }
    }

    static func dispatchHandover(_ h: Handover, _ w: World) -> FormScreen {
        var f = FormScreen(
            heading: w.t("送達の記録: \(h.id) \(h.counterpart)", "Dispatch \(h.id) to \(h.counterpart)"),
            fields: [
                FormField("date", w.t("送達日", "sent on"), .day, text: w.today.iso),
                FormField("days", w.t("返送期限（日数）", "due in (days)"), text: String(w.ledger.receiptDueDays), maxLength: 3),
            ],
            success: w.t("送達を記録しました", "dispatch recorded")
        ) { v, w in dispatchCommand(h, v, w).map { .record($0) } }
        f.preview = { v, w in
            guard case .success(let c) = dispatchCommand(h, v, w), case .handoverDispatched(let d)? = w.decided(c) else { return nil }
            return w.t("受領書期限 \(d.due.iso)（\(d.due.reiwa)）  送付者 \(d.sender)", "receipt due \(d.due.iso)  sender \(d.sender)")
        }
        return f
    }

    static func dispatchCommand(_ h: Handover, _ v: FormValues, _ w: World) -> Result<Command, EffectFailure> {
        dayValue(v.optional("date"), w, label: w.t("送達日", "sent on")).flatMap { day in
            let raw = v["days"].trimmingCharacters(in: .whitespaces)
            var days: Int?
            if !raw.isEmpty {
                guard let n = Int(raw.precomposedStringWithCompatibilityMapping) else {
                    return .failure(EffectFailure(w.t("日数「\(raw)」は数字で入力してください（1〜365）", "days '\(raw)' must be a number (1-365)")))
                }
                days = n
            }
            return .success(.dispatchHandover(id: h.id, date: day, dueDays: days))
        }
    }

    /// The 受領書 as returned: every item sent, ticked and with its quantity as sent, to correct.
    static func receipt(_ h: Handover, _ w: World) -> TableFormScreen {
        var f = TableFormScreen(
            heading: w.t("受領書の記録: \(h.id) \(h.counterpart)", "Receipt for \(h.id) from \(h.counterpart)"),
            fields: [
                FormField("by", w.t("受領者", "received by"), required: true, maxLength: 200),
                FormField("date", w.t("受領日", "received on"), .day, text: w.today.iso),
            ],
            tableTitle: w.t("受領書の品目（届いていない品目は Space でチェックを外す）", "Items on the receipt (untick what did not arrive)"),
            columns: [(w.t("受領", "got"), .fixed(4)), (w.t("名称", "name"), .flexible(3)), (w.t("送付", "sent"), .flexible(1)),
                      (w.t("受領数量", "received"), .flexible(1))],
            rows: h.items.map { TableFormRow([.toggle(true), .fixed($0.name), .fixed($0.quantity), .input($0.quantity, maxLength: 100)], tag: $0.name) },
            success: w.t("受領書を記録しました", "receipt recorded")
        ) { v, rows, w in receiptCommand(h, v, rows, w).map { .record($0) } }
        f.preview = { v, rows, w in
            guard case .success(let c) = receiptCommand(h, v, rows, w), let after = w.simulate(c)?.handovers[h.id] else { return nil }
            if after.differences.isEmpty { return (w.t("送付したとおりに受領（差異なし）", "received as sent (no differences)"), .info) }
            let list = after.differences.map { d in
                "\(d.name) \(d.sent)→\(d.received ?? w.t("なし", "none"))"
            }.joined(separator: w.t("、", ", "))
            return (w.t("差異\(after.differences.count)件（上長の確認が必要）: \(list)", "\(after.differences.count) differ (to be acknowledged): \(list)"), .warning)
        }
        return f
    }

    static func receiptCommand(_ h: Handover, _ v: FormValues, _ rows: [TableFormRow], _ w: World) -> Result<Command, EffectFailure> {
        dayValue(v.optional("date"), w, label: w.t("受領日", "received on")).flatMap { day in
            var received: [ReceivedItem] = []
            for r in rows where r.cells[0].isTicked {
                let name = r.tag ?? r.cells[1].value, qty = r.cells[3].value.trimmingCharacters(in: .whitespaces)
                if qty.isEmpty {
                    return .failure(EffectFailure(w.t("「\(name)」の受領数量がありません（未着ならチェックを外す）",
                                                      "enter the quantity received of '\(name)' (or untick it)")))
                }
                received.append(ReceivedItem(name: name, quantity: qty))
            }
            return .success(.receiveHandover(id: h.id, by: v["by"], date: day, received: received))
        }
    }

    static func remind(_ h: Handover, _ w: World) -> FormScreen {
        var f = FormScreen(heading: w.t("督促の記録: \(h.id) \(h.counterpart)", "Reminder for \(h.id) to \(h.counterpart)"),
                           fields: [FormField("note", w.t("方法・相手", "how, to whom"))],
                           success: w.t("督促を記録しました", "reminder recorded")) { v, _ in
            .success(.record(.remindHandover(id: h.id, note: v.optional("note"))))
        }
        let late = h.daysOverdue(on: w.today).map { w.t("（\($0)日超過）", " (\($0) days late)") } ?? ""
        f.preview = { _, w in
            w.t("受領書期限 \(h.due?.iso ?? "")\(late)  これまでの督促 \(h.reminders.count)回", "receipt due \(h.due?.iso ?? "")\(late), reminders so far \(h.reminders.count)")
        }
        return f
    }

    static func acknowledge(_ h: Handover, _ w: World) -> FormScreen {
        let list = h.differences.map { "\($0.name) \($0.sent)→\($0.received ?? w.t("なし", "none"))" }.joined(separator: w.t("、", ", "))
        var f = FormScreen(heading: w.t("受領差異の確認: \(h.id)", "Acknowledge the discrepancy of \(h.id)"),
                           fields: [FormField("note", w.t("確認内容", "what was found and done"), required: true)],
                           success: w.t("差異を確認しました", "discrepancy acknowledged")) { v, _ in
            .success(.record(.acknowledgeHandover(id: h.id, note: v["note"])))
        }
        f.notice = w.t("差異: ", "differs: ") + list
        return f
    }

    /// Return (giving back) or destruction report of the items still outstanding (003 8.1(4)(5)).
    static func disposal(_ h: Handover, _ w: World, destroyed: Bool) -> TableFormScreen {
        var fields = [FormField("date", destroyed ? w.t("廃棄・抹消日", "destroyed on") : w.t("返却日", "returned on"), .day, text: w.today.iso)]
        if destroyed {
            fields.insert(FormField("report", w.t("報告書番号", "report number"), required: true, maxLength: 100), at: 0)
            fields.append(FormField("by", w.t("報告者（署名者）", "signed by"), required: true, maxLength: 200))
        }
        return TableFormScreen(
            heading: destroyed ? w.t("廃棄・抹消報告の記録: \(h.id) \(h.counterpart)", "Destruction report for \(h.id)")
                               : w.t("返却の記録: \(h.id) \(h.counterpart)", "Items returned for \(h.id)"),
            fields: fields,
            tableTitle: destroyed ? w.t("報告書にある品目", "Items in the report") : w.t("返却された品目", "Items returned"),
            columns: [(w.t("対象", "this"), .fixed(4)), (w.t("名称", "name"), .flexible(3)), (w.t("数量等", "quantity"), .flexible(1))],
            rows: h.outstanding.map { TableFormRow([.toggle(true), .fixed($0.name), .fixed($0.quantity)], tag: $0.name) },
            success: destroyed ? w.t("廃棄・抹消報告を記録しました", "destruction recorded") : w.t("返却を記録しました", "return recorded")
        ) { v, rows, w in
            let label = destroyed ? w.t("廃棄・抹消日", "destroyed on") : w.t("返却日", "returned on")
            return dayValue(v.optional("date"), w, label: label).flatMap { day in
                let names = rows.filter { $0.cells[0].isTicked }.compactMap(\.tag)
                if names.isEmpty { return .failure(EffectFailure(w.t("対象の品目にチェックを付けてください", "tick at least one item"))) }
                return .success(.record(destroyed
                    ? .destroyHandover(id: h.id, items: names, report: v["report"], date: day, by: v["by"])
                    : .returnHandover(id: h.id, items: names, date: day)))
            }
        }
    }

    static func recallHandover(_ h: Handover, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("送付の取消: \(h.id) \(h.counterpart)", "Recall \(h.id)"),
                   fields: [FormField("reason", w.t("理由", "reason"), required: true)],
                   success: w.t("送付を取り消しました", "handover recalled")) { v, _ in
            .success(.record(.recallHandover(id: h.id, reason: v["reason"])))
        }
    }

    // MARK: Transfers

    /// Media in storage that can go to another unit, to tick.
    static func newTransfer(_ w: World) -> TableFormScreen {
        let ready = w.ledger.allMedia.filter { $0.status == .stored && $0.openCase == nil && $0.openRequest == nil }
        return TableFormScreen(
            heading: w.t("送達票の起案（可搬記憶媒体を他部隊等へ）", "Draft a media transfer to another unit"),
            fields: [FormField("to", w.t("受領部隊等名称", "receiving unit"), required: true, maxLength: 200),
                     FormField("note", w.t("備考", "note"))],
            tableTitle: w.t("送る媒体にチェック（保管中のもの）", "Tick the media to send (stored)"),
            columns: [(w.t("送る", "send"), .fixed(4)), (w.t("登録番号", "number"), .fixed(14)), (w.t("種別・型式", "kind, model"), .flexible(2)),
                      (w.t("格付", "class"), .fixed(7)), (w.t("保管場所", "location"), .flexible(1))],
            rows: ready.map { m in
                TableFormRow([.toggle(false), .fixed(m.registration), .fixed([m.data.kind.label(w.lang), m.data.model].compactMap { $0 }.joined(separator: " ")),
                              .fixed(m.data.classification.label(w.lang)), .fixed(m.data.location ?? "")], tag: m.registration)
            },
            success: w.t("送達票を起案しました", "transfer drafted")
        ) { v, rows, w in
            let media = rows.filter { $0.cells[0].isTicked }.compactMap(\.tag)
            if media.isEmpty { return .failure(EffectFailure(w.t("送る媒体にチェックを付けてください（Space）", "tick the media to send (Space)"))) }
            return .success(.record(.newTransfer(to: v["to"], media: media, note: v.optional("note"))))
        }
    }

    /// The draft 送達票 filled with what it says: its media ticked, the other stored media to add; records `transfer.edited`.
    static func editTransfer(_ t: Transfer, _ w: World) -> TableFormScreen {
        let ready = t.media.compactMap { w.ledger.media[$0] }
            + w.ledger.allMedia.filter { $0.status == .stored && $0.openCase == nil && $0.openRequest == nil && !t.media.contains($0.registration) }
        return TableFormScreen(
            heading: w.t("送達票の修正: \(t.id)", "Edit the draft transfer \(t.id)"),
            fields: [FormField("to", w.t("受領部隊等名称", "receiving unit"), required: true, text: t.counterpart, maxLength: 200),
                     FormField("note", w.t("備考", "note"), text: t.note ?? "")],
            tableTitle: w.t("送る媒体にチェック（保管中のもの）", "Tick the media to send (stored)"),
            columns: [(w.t("送る", "send"), .fixed(4)), (w.t("登録番号", "number"), .fixed(14)), (w.t("種別・型式", "kind, model"), .flexible(2)),
                      (w.t("格付", "class"), .fixed(7)), (w.t("保管場所", "location"), .flexible(1))],
            rows: ready.map { m in
                TableFormRow([.toggle(t.media.contains(m.registration)), .fixed(m.registration),
                              .fixed([m.data.kind.label(w.lang), m.data.model].compactMap { $0 }.joined(separator: " ")),
                              .fixed(m.data.classification.label(w.lang)), .fixed(m.data.location ?? "")], tag: m.registration)
            },
            success: w.t("送達票を修正しました", "draft edited")
        ) { v, rows, w in
            let media = rows.filter { $0.cells[0].isTicked }.compactMap(\.tag)
            if media.isEmpty { return .failure(EffectFailure(w.t("送る媒体にチェックを付けてください（Space）", "tick the media to send (Space)"))) }
            return .success(.record(.editTransfer(id: t.id, to: v["to"], media: media, note: v["note"])))
        }
    }

    static func dispatchTransfer(_ t: Transfer, _ w: World) -> FormScreen {
        var f = FormScreen(heading: w.t("発送の記録: \(t.id) \(t.counterpart)へ", "Dispatch \(t.id) to \(t.counterpart)"),
                           fields: [FormField("date", w.t("発送年月日", "sent on"), .day, text: w.today.iso)],
                           success: w.t("発送を記録しました", "dispatch recorded")) { v, w in
            dayValue(v.optional("date"), w, label: w.t("発送年月日", "sent on")).map { .record(.dispatchTransfer(id: t.id, date: $0)) }
        }
        f.preview = { _, w in
            w.t("発送者 \(w.person?.formalName ?? w.actor.login)  媒体 \(t.media.joined(separator: " "))（送達中になります）",
                "sender \(w.person?.formalName ?? w.actor.login), media \(t.media.joined(separator: " ")) (go in transit)")
        }
        return f
    }

    /// The 受領票 names every medium the other unit received: each is ticked, like the 受領書's items
    /// (001 付紙第3). A medium not ticked was not received: the slip records it as 未着, the case stays
    /// open for it (差異), and the confirmation says so before anything is written.
    static func receiveTransfer(_ t: Transfer, _ w: World) -> TableFormScreen {
        var f = TableFormScreen(
            heading: w.t("受領票の記録: \(t.id) \(t.counterpart)", "Receipt slip for \(t.id) from \(t.counterpart)"),
            fields: [FormField("by", w.t("先方責任者", "their officer"), required: true, maxLength: 200),
                     FormField("date", w.t("受領年月日", "received on"), .day, text: w.today.iso)],
            tableTitle: w.t("受領された媒体にチェック（Space）", "Tick each medium received (Space)"),
            columns: [(w.t("受領", "got"), .fixed(4)), (w.t("登録番号", "number"), .fixed(14)), (w.t("種別・型式", "kind, model"), .flexible(1))],
            rows: t.media.map { reg in
                let m = w.ledger.media[reg]
                return TableFormRow([.toggle(false), .fixed(reg),
                                     .fixed([m?.data.kind.label(w.lang), m?.data.model].compactMap { $0 }.joined(separator: " "))], tag: reg)
            },
            success: w.t("受領票を記録しました（媒体は移管済）", "receipt slip recorded (media transferred)")
        ) { v, rows, w in
            let got = rows.filter { $0.cells[0].isTicked }.compactMap(\.tag)
            if got.isEmpty {
                return .failure(EffectFailure(w.t("受領された媒体がありません: 1つ以上チェックしてください（Space）",
                                                  "no medium ticked as received: tick at least one (Space)")))
            }
            let received: [String]? = got.count == rows.count ? nil : got
            return dayValue(v.optional("date"), w, label: w.t("受領年月日", "received on"))
                .map { .record(.receiveTransfer(id: t.id, by: v["by"], date: $0, received: received)) }
        }
        f.preview = { _, rows, w in
            let missing = rows.filter { !$0.cells[0].isTicked }.compactMap(\.tag)
            guard !missing.isEmpty, missing.count < rows.count else { return nil }
            return (w.t("未着として記録します: \(missing.joined(separator: " "))（差異として送達は完結しません）",
                        "recorded as not arrived: \(missing.joined(separator: " ")) (the transfer stays open as a discrepancy)"), .warning)
        }
        return f
    }

    static func recallTransfer(_ t: Transfer, _ w: World) -> FormScreen {
        FormScreen(heading: w.t("送達の取消: \(t.id)", "Recall \(t.id)"),
                   fields: [FormField("reason", w.t("理由", "reason"), required: true)],
                   success: w.t("送達を取り消しました", "transfer recalled")) { v, _ in
            .success(.record(.recallTransfer(id: t.id, reason: v["reason"])))
        }
    }

    /// Media received from another unit with their 送達票: registered here with their origin.
    static func incomingTransfer(_ w: World) -> TableFormScreen {
        let l = w.lang
        let kinds = [("", l.pick("登録番号から推定", "guess from their number"))] + MediumKind.allCases.map { ($0.rawValue, $0.label(l)) }
        let blank = TableFormRow([.input(maxLength: 100), .input(maxLength: 100)])
        var f = TableFormScreen(
            heading: w.t("他部隊等からの媒体の受領（当隊の受領票）", "Media received from another unit (our receipt slip)"),
            fields: [
                FormField("from", w.t("発送元部隊等名称", "sending unit"), required: true, maxLength: 200),
                FormField("date", w.t("受領年月日", "received on"), .day, text: w.today.iso),
                FormField("kind", w.t("種別", "kind"), .choice(kinds)),
                FormField("category", w.t("データ区分", "category"),
                          .choice(DataCategory.allCases.filter { $0 != .disclosable }.map { ($0.rawValue, $0.label(l)) })),
                FormField("class", w.t("格付", "class"), .choice(Confidentiality.allCases.map { (String($0.rawValue), $0.label(l)) })),
                FormField("note", w.t("備考", "note")),
            ],
            tableTitle: w.t("送達票にある媒体", "Media on their form"),
            columns: [(w.t("型式", "model"), .flexible(1)), (w.t("登録番号（発送元）", "their number"), .flexible(1))],
            rows: [blank], blankRow: blank,
            success: w.t("媒体を受領し登録しました", "media received and registered")
        ) { v, rows, w in incomingTransferCommand(v, rows, w).map { .record($0) } }
        f.preview = { v, rows, w in
            guard case .success(let c) = incomingTransferCommand(v, rows, w), case .transferIncoming(let d)? = w.decided(c) else { return nil }
            return (w.t("当隊の登録番号: ", "our numbers: ") + d.media.map(\.registration).joined(separator: " "), .info)
        }
        return f
    }

    static func incomingTransferCommand(_ v: FormValues, _ rows: [TableFormRow], _ w: World) -> Result<Command, EffectFailure> {
        dayValue(v.optional("date"), w, label: w.t("受領年月日", "received on")).flatMap { day in
            var list: [IncomingMediumInput] = []
            for (i, r) in rows.enumerated() where !r.isBlank {
                let model = r.cells[0].value.trimmingCharacters(in: .whitespaces), theirs = r.cells[1].value.trimmingCharacters(in: .whitespaces)
                if model.isEmpty || theirs.isEmpty {
                    return .failure(EffectFailure(w.t("媒体 \(i + 1)行目: 型式と登録番号の両方を入力してください", "row \(i + 1): both model and number are needed")))
                }
                list.append(IncomingMediumInput(model: model, theirs: theirs))
            }
            if list.isEmpty { return .failure(EffectFailure(w.t("受領した媒体を1行以上入力してください", "enter at least one medium"))) }
            return .success(.incomingTransfer(from: v["from"], media: list, kind: MediumKind(rawValue: v["kind"]),
                                              category: DataCategory(rawValue: v["category"])!, classification: Confidentiality(rawValue: Int(v["class"])!)!,
                                              date: day, note: v.optional("note")))
        }
    }
}
