// The paper forms, as plain text for a monospaced Japanese font: every line
// exactly `Paper.width` columns (wide characters count two), dates in 令和,
// ASCII rules and borders (box-drawing characters and ※ are ambiguous-width
// and print one or two columns wide depending on the font), and on each
// half the case number with the journal's head at printing, so a paper copy
// anchors the hash chain (DOMAIN.md "History is never rewritten").
//
//   handover:  送付リスト / 切取線 / 受領書           000 別記様式第3
//   transfer:  可搬記憶媒体送達票 / キリトリ / 受領票   001 付紙第3
//   incoming:  our 受領書 (protected information received) or our 受領票 (media received)

import CellKit
import DaichoCore
import Foundation

public enum Paper {
    /// Columns of every line: fits A4 portrait at 10.5 pt.
    public static let width = 80

    /// What anchors a printed form to the journal.
    public struct Stamp: Equatable, Sendable {
        public var records: Int
        public var headHash: String
        public var printedAt: String
        public init(records: Int, headHash: String, printedAt: String) {
            self.records = records; self.headHash = headHash; self.printedAt = printedAt
        }
    }

    /// The form for a case id: HO- (送付リスト/受領書), TO- (送達票/受領票), HI-/TI- (our receipt).
    public static func form(_ id: String, ledger: Ledger, stamp: Stamp) throws(DomainError) -> [String] {
        if let h = try? ledger.handover(id) {
            return h.direction == .outgoing ? handover(h, ledger: ledger, stamp: stamp) : incomingHandover(h, ledger: ledger, stamp: stamp)
        }
        let t = try ledger.transfer(id)
        return t.direction == .outgoing ? transfer(t, ledger: ledger, stamp: stamp) : incomingTransfer(t, ledger: ledger, stamp: stamp)
    }

    // MARK: 000 別記様式第3

    public static func handover(_ h: Handover, ledger: Ledger, stamp: Stamp) -> [String] {
        var p = Page()
        p.center("保護すべき情報のリスト等")
        p.blank()
        p.center("送　付　リ　ス　ト")
        p.blank()
        p.left("\(h.counterpart)　殿")
        p.right("送達　\(era(h.dispatchDate))")
        p.right("所属　官職　氏名　\(h.sender ?? blankName)")
        if let c = h.contract { p.left("調達要求番号・契約番号　\(c)") }
        p.blank()
        p.table(itemColumns,
                h.items.map { [$0.name, $0.quantity] })
        p.wrapped("備考　" + (h.note ?? ""))
        if h.returnRequired { p.wrapped("業務終了時に返却し、又は廃棄・抹消のうえ書面で報告されたい。") }
        p.blank()
        p.left("受領書は至急返送されたい。" + (h.due.map { "（返送期限　\($0.reiwa)）" } ?? ""))
        p.stamp(h.id, stamp)
        p.cut("切　取　線")
        p.center("受　領　書")
        p.blank()
        p.left("\(h.sender ?? blankName)　殿")
        p.right("受領　\(era(h.receipt?.date))")
        p.blank()
        let received = h.items.map { item -> [String] in
            guard let r = h.receipt else { return [item.name, ""] }
            return [item.name, r.items.first(where: { $0.name == item.name })?.quantity ?? "（未受領）"]
        }
        p.table(itemColumns, received)
        p.blank()
        p.right("受領者")
        p.right("所属　職位　氏名　\(h.receipt?.by ?? blankName)")
        p.stamp(h.id, stamp)
        return p.lines
    }

    /// Our 受領書 for protected information received (000 第5項(2): show what was received).
    public static func incomingHandover(_ h: Handover, ledger: Ledger, stamp: Stamp) -> [String] {
        var p = Page()
        p.center("受　領　書")
        p.blank()
        p.left("\(h.counterpart)　殿")
        p.right("受領　\(era(h.receipt?.date))")
        p.blank()
        p.table(itemColumns, h.items.map { [$0.name, $0.quantity] })
        if let n = h.note { p.wrapped("備考　" + n) }
        p.blank()
        p.right("受領者")
        p.right("\(ledger.unit)")
        p.right("所属　職位　氏名　\(h.receipt?.by ?? blankName)")
        p.stamp(h.id, stamp)
        return p.lines
    }

    // MARK: 001 付紙第3

    public static func transfer(_ t: Transfer, ledger: Ledger, stamp: Stamp) -> [String] {
        let rows = t.media.map { reg -> [String] in
            let m = ledger.media[reg]
            return [m.map { [$0.data.kind.label(.ja), $0.data.model].compactMap { $0 }.joined(separator: " ") } ?? "", reg, "1"]
        }
        var p = Page()
        p.center("可搬記憶媒体送達票")
        p.blank()
        p.field("発送元部隊等名称", ledger.unit)
        p.field("発送者　職名　階級　氏名", t.sender ?? blankName)
        p.left("送達可搬記憶媒体　型式、登録番号及び数量")
        p.table(mediaColumns, rows)
        p.field("発送年月日", era(t.dispatchDate))
        p.wrapped("備考　" + (t.note ?? ""))
        p.stamp(t.id, stamp)
        p.cut("キ　リ　ト　リ")
        p.center("可搬記憶媒体受領票")
        p.blank()
        p.field("受領部隊等名称", t.counterpart)
        p.field("部隊等情報保証責任者　職名　階級　氏名", t.receiver ?? blankName)
        p.left("受領可搬記憶媒体　型式、登録番号及び数量")
        p.table(mediaColumns, rows)
        p.field("受領年月日", era(t.receiptDate))
        p.left("備考")
        p.blank()
        p.wrapped("（注）上記の可搬記憶媒体を受領したならば、「キリトリ」線で切り離し、必要事項を記入の後、速やかに本受領票を返信されたい。")
        p.stamp(t.id, stamp)
        return p.lines
    }

    /// Our 受領票 for media received from another unit.
    public static func incomingTransfer(_ t: Transfer, ledger: Ledger, stamp: Stamp) -> [String] {
        var p = Page()
        p.center("可搬記憶媒体受領票")
        p.blank()
        p.left("\(t.counterpart)　殿")
        p.blank()
        p.field("受領部隊等名称", ledger.unit)
        p.field("部隊等情報保証責任者　職名　階級　氏名", t.receiver ?? blankName)
        p.left("受領可搬記憶媒体　型式、登録番号及び数量")
        p.table([("型式", 28), ("登録番号（当隊の登録番号）", 35), ("数量", 8)],
                t.incoming.map { [$0.model, "\($0.theirs)（\($0.registration)）", "1"] })
        p.field("受領年月日", era(t.receiptDate))
        p.wrapped("備考　" + (t.note ?? ""))
        p.stamp(t.id, stamp)
        return p.lines
    }

    // MARK: pieces

    // Column widths add up to width - 1 - 3 × columns, so a ruled row is exactly `width`.
    static let itemColumns = [("名　称", 42), ("数量等（枚数、媒体数等）、データの場合は容量等", 31)]
    static let mediaColumns = [("型式", 32), ("登録番号", 31), ("数量", 8)]
    /// Room for a hand-written name.
    static let blankName = "　　　　　　　　　　　　"

    /// 令和 date, or blanks to write one in: 令和　　年　　月　　日.
    static func era(_ day: Day?) -> String { day?.reiwa ?? "令和　　年　　月　　日" }

    /// What a form is made of, as the text page was told it: the same form can then be drawn as
    /// PDF with real rules and boxes (DaichoPDF `Sheet(title:paper:)`), with no second copy of its
    /// content. Recorded only while `capture` runs.
    public enum Block: Equatable, Sendable {
        case blank
        case left(String)
        case right(String)
        case center(String)
        case wrapped(String)
        case field(String, String)
        /// A line to sign on: `（氏　名）　value`, with room for a hand-written name or seal.
        case signature(String, String)
        case cut(String)
        case stamp(String, Stamp)
        case table(headings: [String], widths: [Int], rows: [[String]])
    }

    /// Collects the blocks of the pages written during `capture`.
    public final class Recorder: @unchecked Sendable {
        public private(set) var blocks: [Block] = []
        func append(_ b: Block) { blocks.append(b) }
    }

    @TaskLocal static var recorder: Recorder?

    /// Runs `body` (which writes a form with `Page`) and returns its result with the blocks its
    /// pages were made of, in order. Lines a page takes ready-made (`add`) are not blocks: a form
    /// that copies another page's lines (a report's body) gets that page's blocks instead.
    public static func capture<T>(_ body: () throws -> T) rethrows -> (T, [Block]) {
        let r = Recorder()
        let value = try $recorder.withValue(r) { try body() }
        return (value, r.blocks)
    }

    /// A page of lines, each exactly `width` columns.
    struct Page {
        var lines: [String] = []
        let w = Paper.width

        private func record(_ b: Block) { Paper.recorder?.append(b) }
        mutating func add(_ s: String) { lines.append(TerminalText.pad(s, toWidth: w)) }
        mutating func blank() { record(.blank); add("") }
        mutating func left(_ s: String) { record(.left(s)); for l in wrap(s, w) { add(l) } }
        mutating func right(_ s: String) { record(.right(s)); for l in wrap(s, w) { add(TerminalText.pad(l, toWidth: w, alignment: .right)) } }
        mutating func center(_ s: String) { record(.center(s)); add(TerminalText.pad(s, toWidth: w, alignment: .center)) }
        mutating func wrapped(_ s: String) { record(.wrapped(s)); for l in wrap(s, w) { add(l) } }
        /// `label　value`, the value wrapped under itself.
        mutating func field(_ label: String, _ value: String) {
            record(.field(label, value))
            let head = label + "　"
            let indent = min(head.displayWidth, w / 2)
            for (i, l) in wrap(value, w - indent).enumerated() {
                add((i == 0 ? head : String(repeating: " ", count: indent)) + l)
            }
        }
        /// A line to sign on (the 誓約書's 所属・官職名・氏名, a certificate's 署名).
        mutating func sign(_ label: String, _ value: String) {
            record(.signature(label, value))
            for l in wrap("　" + label + "　" + value, w) { add(l) }
        }
        mutating func cut(_ label: String) {
            record(.cut(label))
            let side = (w - label.displayWidth - 2) / 2
            let dashes = String(repeating: "- ", count: w)
            add(String(dashes.prefix(side)) + " " + label + " " + String(dashes.suffix(w - side - label.displayWidth - 2)))
        }
        mutating func stamp(_ id: String, _ s: Stamp) {
            record(.stamp(id, s))
            add("")
            // In 令和 as every date on the form, as the PDF prints it (Sheet.swift).
            add("案件 \(id)　台帳 \(s.records)件　印刷 \(Paper.reiwaTime(s.printedAt))")
            add("先頭ハッシュ \(s.headHash)")
        }
        /// An ASCII-ruled table; cells wrap within their column.
        mutating func table(_ columns: [(String, Int)], _ rows: [[String]]) {
            record(.table(headings: columns.map(\.0), widths: columns.map(\.1), rows: rows))
            // The last column takes what is left, so a ruled row is exactly `w` wide.
            var widths = columns.map(\.1)
            widths[widths.count - 1] = w - 1 - 3 * widths.count - widths.dropLast().reduce(0, +)
            let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
            func row(_ cells: [String]) {
                let wrappedCells = cells.enumerated().map { wrap($1, widths[$0]) }
                let height = max(1, wrappedCells.map(\.count).max() ?? 1)
                for i in 0..<height {
                    add("| " + wrappedCells.enumerated().map { c, lines in
                        TerminalText.pad(i < lines.count ? lines[i] : "", toWidth: widths[c])
                    }.joined(separator: " | ") + " |")
                }
            }
            add(rule)
            row(columns.map(\.0))
            add(rule)
            for r in rows { row(r) }
            if rows.isEmpty { row(columns.map { _ in "" }) }
            add(rule)
        }
    }

    /// Cuts text into lines of at most `width` columns, never splitting a wide character.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = []
        var current = "", used = 0
        for g in TerminalText.glyphs(text) {
            if used + g.width > width { lines.append(current); current = ""; used = 0 }
            current.append(g.character); used += g.width
        }
        lines.append(current)
        return lines
    }
}
