// The printed forms as PDF sheets, the same content as the text forms of
// DaichoPaper (Paper.swift), ruled like the seed's forms:
//
//   handover:  送付リスト / 切取線 / 受領書           000 別記様式第3
//   transfer:  可搬記憶媒体送達票 / キリトリ / 受領票   001 付紙第3
//   incoming:  our 受領書 (000 第5項(2)) or our 受領票 (001 付紙第3) for what we received
//
// Each half carries the stamp: case, record count, head hash and its QR code.

import DaichoCore
import DaichoPaper
import Foundation

public enum Forms {
    /// The sheet for a case id: HO- (送付リスト/受領書), TO- (送達票/受領票), HI-/TI- (our receipt).
    public static func sheet(_ id: String, ledger: Ledger, stamp: Paper.Stamp) throws(DomainError) -> Sheet {
        if let h = try? ledger.handover(id) {
            return h.direction == .outgoing ? handover(h, ledger: ledger, stamp: stamp) : incomingHandover(h, ledger: ledger, stamp: stamp)
        }
        let t = try ledger.transfer(id)
        return t.direction == .outgoing ? transfer(t, ledger: ledger, stamp: stamp) : incomingTransfer(t, ledger: ledger, stamp: stamp)
    }

    static let itemColumns = [Column("名　称", 0.6), Column("数量等（枚数、媒体数等）、\nデータの場合は容量等", 0.4)]
    static let mediaColumns = [Column("型式", 0.42), Column("登録番号", 0.42), Column("数量", 0.16, align: .right)]
    static func era(_ day: Day?) -> String { day?.reiwa ?? "令和　　年　　月　　日" }

    // MARK: 000 別記様式第3

    public static func handover(_ h: Handover, ledger: Ledger, stamp: Paper.Stamp) -> Sheet {
        var b: [Block] = [
            .caption("保護すべき情報のリスト等"),
            .title("送　付　リ　ス　ト"),
            .line("\(h.counterpart)　殿", .left, size: 12),
            .line("送達　\(era(h.dispatchDate))", .right),
            .fields([("所属　官職　氏名", h.sender ?? "")], indent: 0.4),
        ]
        if let c = h.contract { b.append(.fields([("調達要求番号・契約番号", c)])) }
        b.append(.space(2))
        b.append(.table(itemColumns, h.items.map { [$0.name, $0.quantity] }, minRows: 3))
        var note = h.note ?? ""
        if h.returnRequired { note += (note.isEmpty ? "" : "\n") + "業務終了時に返却し、又は廃棄・抹消のうえ書面で報告されたい。" }
        b.append(.fields([("備考", note)]))
        b.append(.line("受領書は至急返送されたい。" + (h.due.map { "（返送期限　\($0.reiwa)）" } ?? ""), .left))
        b.append(.stamp(h.id, stamp))
        b.append(.cut("切　取　線"))
        b.append(.title("受　領　書"))
        b.append(.line("\(h.sender ?? "　　　　　　　　")　殿", .left, size: 12))
        b.append(.line("受領　\(era(h.receipt?.date))", .right))
        let received = h.items.map { item -> [String] in
            guard let r = h.receipt else { return [item.name, ""] }
            return [item.name, r.items.first(where: { $0.name == item.name })?.quantity ?? "（未受領）"]
        }
        b.append(.table(itemColumns, received, minRows: 3))
        b.append(.fields([("受領者\n所属　職位　氏名", h.receipt?.by ?? "")], indent: 0.4))
        b.append(.stamp(h.id, stamp))
        return Sheet(title: "送付リスト・受領書 \(h.id)", blocks: b)
    }

    /// Our 受領書 for protected information received (000 第5項(2): show what was received).
    public static func incomingHandover(_ h: Handover, ledger: Ledger, stamp: Paper.Stamp) -> Sheet {
        var b: [Block] = [
            .title("受　領　書"),
            .line("\(h.counterpart)　殿", .left, size: 12),
            .line("受領　\(era(h.receipt?.date))", .right),
            .space(2),
            .table(itemColumns, h.items.map { [$0.name, $0.quantity] }, minRows: 3),
        ]
        if let n = h.note { b.append(.fields([("備考", n)])) }
        b.append(.fields([("受領者", ledger.unit), ("所属　職位　氏名", h.receipt?.by ?? "")], indent: 0.4))
        b.append(.stamp(h.id, stamp))
        return Sheet(title: "受領書 \(h.id)", blocks: b)
    }

    // MARK: 001 付紙第3

    public static func transfer(_ t: Transfer, ledger: Ledger, stamp: Paper.Stamp) -> Sheet {
        let rows = t.media.map { reg -> [String] in
            let m = ledger.media[reg]
            return [m.map { [$0.data.kind.label(.ja), $0.data.model].compactMap { $0 }.joined(separator: " ") } ?? "", reg, "1"]
        }
        let b: [Block] = [
            .title("可搬記憶媒体送達票"),
            .fields([("発送元部隊等名称", ledger.unit), ("発送者\n職名　階級　氏名", t.sender ?? "")]),
            .line("送達可搬記憶媒体　型式、登録番号及び数量", .left),
            .table(mediaColumns, rows, minRows: 2),
            .fields([("発送年月日", era(t.dispatchDate)), ("備考", t.note ?? "")]),
            .stamp(t.id, stamp),
            .cut("キ　リ　ト　リ"),
            .title("可搬記憶媒体受領票"),
            .fields([("受領部隊等名称", t.counterpart), ("部隊等情報保証責任者\n職名　階級　氏名", t.receiver ?? "")]),
            .line("受領可搬記憶媒体　型式、登録番号及び数量", .left),
            .table(mediaColumns, rows, minRows: 2),
            .fields([("受領年月日", era(t.receiptDate)), ("備考", "")]),
            .note("※ 上記の可搬記憶媒体を受領したならば、「キリトリ」線で切り離し、必要事項を記入の後、速やかに本受領票を返信されたい。"),
            .stamp(t.id, stamp),
        ]
        return Sheet(title: "可搬記憶媒体送達票・受領票 \(t.id)", blocks: b)
    }

    /// Our 受領票 for media received from another unit.
    public static func incomingTransfer(_ t: Transfer, ledger: Ledger, stamp: Paper.Stamp) -> Sheet {
        let b: [Block] = [
            .title("可搬記憶媒体受領票"),
            .line("\(t.counterpart)　殿", .left, size: 12),
            .fields([("受領部隊等名称", ledger.unit), ("部隊等情報保証責任者\n職名　階級　氏名", t.receiver ?? "")]),
            .line("受領可搬記憶媒体　型式、登録番号及び数量", .left),
            .table([Column("型式", 0.34), Column("登録番号（発送元）", 0.3), Column("当隊の登録番号", 0.24), Column("数量", 0.12, align: .right)],
                   t.incoming.map { [$0.model, $0.theirs, $0.registration, "1"] }, minRows: 2),
            .fields([("受領年月日", era(t.receiptDate)), ("備考", t.note ?? "")]),
            .stamp(t.id, stamp),
        ]
        return Sheet(title: "可搬記憶媒体受領票 \(t.id)", blocks: b)
    }
}
