// Receipts that account for every medium (000 別記様式第3 第5項, 001 付紙第3):
// a 受領票 or 受領書 says of each registered medium whether it arrived. One
// that did not stays 送達中 and keeps the case open as a discrepancy, whatever
// note is acknowledged, until it arrives late (recorded with its date) or is
// reported lost (the loss record then stands). Unregistered items of a
// 送付リスト keep the acknowledged-note resolution (CaseRules.swift).

import Foundation

/// `transfer.late` / `handover.late`: what arrived after a receipt that said it had not.
public struct LateArrivalData: Codable, Equatable, Sendable {
    /// The case (`TO-…` or `HO-…`).
    public var id: String
    /// Registered media that arrived.
    public var media: [String]
    /// Items of a 送付リスト (名称 and 数量) that arrived.
    public var items: [ReceivedItem]
    /// When they arrived.
    public var date: Day
    public init(id: String, media: [String], items: [ReceivedItem] = [], date: Day) {
        self.id = id; self.media = media; self.items = items; self.date = date
    }
}

/// A late arrival as the case keeps it.
public struct LateArrival: Codable, Equatable, Sendable {
    public var media: [String]
    public var items: [ReceivedItem]
    public var date: Day
    public var seq: Int
}

extension Ledger {
    /// The media of `t` the 受領票 names as received (`nil`: every medium), checked.
    func receivedMedia(_ t: Transfer, _ regs: [String]?) throws(DomainError) -> [String]? {
        guard let regs else { return nil }
        var out: [String] = []
        for raw in regs {
            let m = try medium(raw)
            guard t.media.contains(m.registration) else { throw .unknownItem(id: t.id, name: m.registration) }
            guard !out.contains(m.registration) else { throw .duplicateItem(m.registration) }
            out.append(m.registration)
        }
        return out
    }

    /// A late arrival for a case in discrepancy: the media still 送達中 with it, and (for a 送付リスト) items not yet received.
    func decideLate(_ id: String, media regs: [String], items: [ReceivedItem], date: Day?, now: Date, timeZone: TimeZone,
                    transfer: Bool) throws(DomainError) -> Change {
        let day = try formDay(date, now: now, timeZone: timeZone)
        var media: [String] = []
        let missing: [String], caseID: String, receiptDay: Day?
        if transfer {
            let t = try self.transfer(id)
            guard t.status == .discrepancy else { throw .transferState(id: t.id, status: t.status) }
            (missing, caseID, receiptDay) = (t.missing, t.id, t.receiptDate)
        } else {
            let h = try handover(id)
            guard h.status == .discrepancy else { throw .handoverState(id: h.id, status: h.status) }
            (missing, caseID, receiptDay) = (h.missingMedia, h.id, h.receipt?.date)
        }
        if let r = receiptDay, day < r { throw .dayBeforeDispatch(day.iso, r.iso) }
        for raw in regs {
            let m = try medium(raw)
            guard missing.contains(m.registration) else { throw .rule(.notMissing(id: caseID, name: m.registration)) }
            guard !media.contains(m.registration) else { throw .duplicateItem(m.registration) }
            media.append(m.registration)
        }
        var late: [ReceivedItem] = []
        if !transfer, let h = handovers[caseID] {
            for item in items {
                let name = item.name.trimmingCharacters(in: .whitespaces)
                guard let sent = h.items.first(where: { $0.name == name }), sent.registration == nil else {
                    throw .unknownItem(id: h.id, name: name)
                }
                guard h.differences.contains(where: { $0.name == name }) else { throw .rule(.notMissing(id: h.id, name: name)) }
                guard !late.contains(where: { $0.name == name }) else { throw .duplicateItem(name) }
                late.append(ReceivedItem(name: name, quantity: try FieldText.clean(item.quantity, .quantity)))
            }
        }
        guard !media.isEmpty || !late.isEmpty else { throw .noItems }
        let d = LateArrivalData(id: caseID, media: media, items: late, date: day)
        return transfer ? .transferLate(d) : .handoverLate(d)
    }

    /// Folds a late arrival: the media are 移管済, the items join what the 受領書 said.
    mutating func applyLate(_ d: LateArrivalData, _ r: Record, transfer: Bool) throws(InconsistentRecord) {
        func bad(_ why: String) -> InconsistentRecord { InconsistentRecord(seq: r.seq, reason: why) }
        let missing = transfer ? transfers[d.id]?.missing : handovers[d.id]?.missingMedia
        guard let missing else { throw bad("unknown case \(d.id)") }
        for reg in d.media {
            guard missing.contains(reg), media[reg]?.status == .inTransit, media[reg]?.openCase == d.id else {
                throw bad("\(reg) is not missing from \(d.id)")
            }
        }
        for reg in d.media {
            media[reg]!.status = .transferred
            media[reg]!.history.append(r.seq)
        }
        let arrival = LateArrival(media: d.media, items: d.items, date: d.date, seq: r.seq)
        if transfer {
            transfers[d.id]!.missing.removeAll { d.media.contains($0) }
            transfers[d.id]!.late.append(arrival)
            transfers[d.id]!.history.append(r.seq)
        } else {
            guard let h = handovers[d.id], let receipt = h.receipt else { throw bad("\(d.id) has no receipt") }
            var got = receipt.items
            for item in d.items {
                guard h.items.contains(where: { $0.name == item.name && $0.registration == nil }) else { throw bad("no item \(item.name) in \(h.id)") }
                got.removeAll { $0.name == item.name }
                got.append(item)
            }
            for reg in d.media { if let item = h.items.first(where: { $0.registration == reg }) { got.append(ReceivedItem(name: item.name, quantity: item.quantity)) } }
            handovers[d.id]!.missingMedia.removeAll { d.media.contains($0) }
            handovers[d.id]!.differences = differences(sent: h.items, received: got)
            handovers[d.id]!.late.append(arrival)
            handovers[d.id]!.history.append(r.seq)
        }
    }

    /// A medium reported lost while out with a case no longer keeps that case waiting for it (the loss record stands).
    mutating func forgetMissing(_ reg: String, case id: String) {
        transfers[id]?.missing.removeAll { $0 == reg }
        handovers[id]?.missingMedia.removeAll { $0 == reg }
    }
}
