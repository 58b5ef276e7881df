// A printed form as data: a list of blocks (titles, lines, ruled field tables,
// ruled item tables, the cut line, the journal stamp) that `Sheet.render` lays
// out top to bottom on A4. A new form is a function that returns blocks; it
// gets ruled tables, page breaks (a long table continues on the next page
// under its repeated heading), the cut line placed mid-page when both halves
// fit, and the stamp with the head hash and its QR code for free.
//
//   Sheet(title: "送付リスト", blocks: [.title("送　付　リ　ス　ト"), .line("相手方　殿"), .table(...), .stamp(...), .cut("切　取　線"), ...])

import DaichoCore
import DaichoPaper
import Foundation

/// A column of a ruled table: its heading, its share of the table's width, how its cells align.
public struct Column: Sendable {
    public var heading: String
    public var share: Double
    public var align: TextAlign
    public init(_ heading: String, _ share: Double, align: TextAlign = .left) {
        self.heading = heading; self.share = share; self.align = align
    }
}

/// One piece of a form, drawn in order down the page.
public enum Block: Sendable {
    /// A small centred line above the title (保護すべき情報のリスト等).
    case caption(String)
    /// The form's title, large and centred.
    case title(String)
    /// One line (wrapped if long) aligned left, centred or right, at body size or `size` points.
    case line(String, TextAlign, size: Double? = nil)
    /// Wrapped body text.
    case paragraph(String)
    /// Small wrapped text (notes such as ※ …).
    case note(String)
    /// A ruled two-column table of label and value; `indent` is the share of the width left empty
    /// to its left (signatures sit on the right half, as the seed's forms place them).
    case fields([(String, String)], indent: Double = 0)
    /// A ruled table with a heading row; at least `minRows` rows (blank ones to write in).
    case table([Column], [[String]], minRows: Int = 0)
    /// The cut line 「切取線」 / 「キリトリ」: a dashed rule with its label in the middle.
    case cut(String)
    /// The journal's anchor: case id, record count, time of printing, head hash in text and as QR.
    case stamp(String, Paper.Stamp)
    /// A line to sign on, on the right of the page: its label, what is printed on it (the name, or
    /// nothing), and a rule under it long enough for a hand-written name and seal.
    case signature(String, String)
    /// Vertical space in millimetres.
    case space(Double)
}

/// A form: the blocks of one document and its page size.
public struct Sheet: Sendable {
    public var title: String
    public var size: PageSize
    public var blocks: [Block]
    /// A marking repeated at the top right of every page after the first (the roster's
    /// 「個人情報」「注意」, which its first page carries as a line of the form).
    public var marking: String?
    public init(title: String, size: PageSize = .a4, blocks: [Block]) {
        self.title = title; self.size = size; self.blocks = blocks
    }

    /// The PDF of a form written for paper as text (DaichoPaper's `Page`, captured with
    /// `Paper.capture`): its titles, lines, fields, tables, cut line and stamp drawn as a
    /// sheet, so that every text form has a PDF without a second copy of its content.
    public init(title: String, paper: [Paper.Block]) {
        var out: [Block] = []
        var fields: [(String, String)] = []
        func flush() { if !fields.isEmpty { out.append(.fields(fields)); fields = [] } }
        var titled = false
        for b in paper {
            if case .field(let l, let v) = b { fields.append((l, v)); continue }
            flush()
            switch b {
            case .blank: out.append(.space(2.5))
            // The addressee (…　殿) as the other forms set it.
            case .left(let s): out.append(.line(s, .left, size: s.hasSuffix("殿") ? 12 : nil))
            case .right(let s): out.append(.line(s, .right))
            // A centred line is a title (記 and other short words stay body text).
            case .center(let s):
                if s.count > 3 || !titled { out.append(.title(s)); titled = true } else { out.append(.line(s, .center)) }
            case .wrapped(let s): out.append(.paragraph(s))
            case .cut(let s): out.append(.cut(s))
            case .stamp(let id, let st):
                // Room under the last line to sign on before the stamp.
                if out.last(where: { if case .space = $0 { return false }; return true }).map({ if case .signature = $0 { return true }; return false }) == true {
                    out.append(.space(6))
                }
                out.append(.stamp(id, st))
            case .signature(let l, let v): out.append(.signature(l, v))
            // The text form's widths are for cells; a column is at least wide enough for its heading
            // on one line (a heading is set smaller than a cell), and an empty table keeps one row,
            // as the text form draws it.
            case .table(let headings, let widths, let rows):
                out.append(.table(zip(headings, widths).map { Column($0, max(Double(max(1, $1)), Double(Sheet.columns($0)) * 0.6 + 1)) },
                                  rows, minRows: 1))
            case .field: break
            }
        }
        flush()
        self.init(title: title, blocks: out)
    }

    /// Columns of a heading as the text form counts them (a wide character two).
    static func columns(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } }

    /// Body text size in points, and the margins in millimetres.
    static let body = 10.5
    static let margin = (top: 15.0, side: 20.0, bottom: 15.0)
    /// Extra room between the wrapped lines of a paragraph, in millimetres.
    static let leading = 1.2
    /// Signature lines start this share of the width from the left margin.
    static let signatureIndent = 0.42
    /// Rows in which something is to be written by hand are at least this tall.
    static let rowHeight = 8.5
    static let pad = 1.6

    /// Draws the sheet into a new document and returns the PDF.
    public func render() throws(PDFError) -> Data {
        let doc = Document(size: size, title: title)
        var layout = Flow(doc: doc, size: size, marking: marking)
        layout.run(blocks)
        return try doc.finish()
    }

    /// Several sheets in one document, each starting on a new page.
    public static func render(_ sheets: [Sheet], title: String) throws(PDFError) -> Data {
        guard let first = sheets.first else { throw PDFError("nothing to print") }
        let doc = Document(size: first.size, title: title)
        for (i, s) in sheets.enumerated() {
            if i > 0 { doc.newPage(s.size) }
            var layout = Flow(doc: doc, size: s.size, marking: s.marking)
            layout.run(s.blocks)
        }
        return try doc.finish()
    }
}

/// Lays blocks out down the page, breaking pages where they no longer fit.
struct Flow {
    let doc: Document
    let size: PageSize
    var marking: String? = nil
    var y: Double
    var left: Double { Sheet.margin.side }
    var width: Double { size.width - 2 * Sheet.margin.side }
    var bottom: Double { size.height - Sheet.margin.bottom }

    init(doc: Document, size: PageSize, marking: String? = nil) {
        self.doc = doc; self.size = size; self.marking = marking; y = Sheet.margin.top
    }

    mutating func run(_ blocks: [Block]) {
        for (i, b) in blocks.enumerated() {
            if case .cut(let label) = b {
                // The cut goes mid-page when what follows fits below it (the two halves of one A4 sheet).
                let rest = blocks[(i + 1)...].reduce(0.0) { $0 + height($1) }
                let middle = size.height / 2
                if y < middle - 2, middle + 8 + rest <= bottom { y = middle - 4 }
                else if y + 8 + min(rest, 40) > bottom { newPage() }
                cut(label)
                continue
            }
            if case .table(let cols, let rows, let minRows) = b {
                table(cols, rows, minRows: minRows)
                continue
            }
            let h = height(b)
            if y + h > bottom, y > Sheet.margin.top { newPage() }
            draw(b)
            y += h
        }
    }

    mutating func newPage() {
        doc.newPage(size)
        y = Sheet.margin.top
        if let marking {
            doc.text(marking, x: left, y: y, width: width, size: Sheet.body, align: .right)
            y += doc.measure(marking, size: Sheet.body, width: width).height + 3
        }
    }

    // MARK: sizes

    func height(_ b: Block) -> Double {
        switch b {
        case .caption(let s): return doc.measure(s, size: 9, face: .gothic, width: width).height + 2
        case .title(let s): return doc.measure(s, size: 16, face: .gothic, bold: true, width: width).height + 5
        case .line(let s, _, let size): return doc.measure(s, size: size ?? Sheet.body, width: width).height + 1.5
        case .paragraph(let s): return doc.measure(s, size: Sheet.body, width: width, spacing: Sheet.leading).height + 2
        case .note(let s): return doc.measure(s, size: 8.5, width: width).height + 2
        case .fields(let rows, let indent): return fieldRows(rows, indent: indent).reduce(0) { $0 + $1.height } + 2
        case .table(let cols, let rows, let minRows):
            let widths = cols.map { $0.share / cols.reduce(0) { $0 + $1.share } * width }
            return rowHeight(cols.map(\.heading), widths, heading: true)
                + rows.reduce(0) { $0 + rowHeight($1, widths, heading: false) }
                + Double(max(0, minRows - rows.count)) * Sheet.rowHeight + 2
        case .cut: return 8
        case .stamp: return 27
        case .signature(let l, let v):
            return max(12, doc.measure(l + "　" + v, size: Sheet.body, width: width * (1 - Sheet.signatureIndent)).height + 5)
        case .space(let h): return h
        }
    }

    func rowHeight(_ cells: [String], _ widths: [Double], heading: Bool) -> Double {
        let size = heading ? 9.0 : Sheet.body
        let h = zip(cells, widths).map { doc.measure($0, size: size, face: heading ? .gothic : .mincho, width: $1 - 2 * Sheet.pad).height }.max() ?? 0
        return max(heading ? 7 : Sheet.rowHeight, h + 2 * Sheet.pad)
    }

    struct FieldRow { var label: String; var value: String; var height: Double }

    /// The label column: as wide as the widest label, at most 40% of the table.
    func labelWidth(_ rows: [(String, String)], tableWidth: Double) -> Double {
        let widest = rows.map { doc.measure($0.0, size: 9.5, face: .gothic).width }.max() ?? 0
        return min(tableWidth * 0.5, widest + 2 * Sheet.pad + 1)
    }

    func fieldRows(_ rows: [(String, String)], indent: Double) -> [FieldRow] {
        let w = width * (1 - indent)
        let lw = labelWidth(rows, tableWidth: w)
        return rows.map { r in
            let hl = doc.measure(r.0, size: 9.5, face: .gothic, width: lw - 2 * Sheet.pad).height
            let hv = doc.measure(r.1, size: Sheet.body, width: w - lw - 2 * Sheet.pad).height
            return FieldRow(label: r.0, value: r.1, height: max(Sheet.rowHeight, max(hl, hv) + 2 * Sheet.pad))
        }
    }

    // MARK: drawing

    mutating func draw(_ b: Block) {
        switch b {
        case .caption(let s): doc.text(s, x: left, y: y, width: width, size: 9, face: .gothic, align: .center)
        case .title(let s): doc.text(s, x: left, y: y + 1.5, width: width, size: 16, face: .gothic, bold: true, align: .center)
        case .line(let s, let a, let size): doc.text(s, x: left, y: y, width: width, size: size ?? Sheet.body, align: a)
        case .paragraph(let s): doc.text(s, x: left, y: y, width: width, size: Sheet.body, spacing: Sheet.leading)
        case .note(let s): doc.text(s, x: left, y: y, width: width, size: 8.5)
        case .fields(let rows, let indent):
            let x0 = left + width * indent, w = width * (1 - indent)
            let lw = labelWidth(rows, tableWidth: w)
            var yy = y
            for r in fieldRows(rows, indent: indent) {
                doc.fill(x0, yy, lw, r.height, gray: 0.93)
                doc.box(x0, yy, lw, r.height)
                doc.box(x0 + lw, yy, w - lw, r.height)
                doc.text(r.label, x: x0 + Sheet.pad, y: yy + Sheet.pad, width: lw - 2 * Sheet.pad, size: 9.5, face: .gothic)
                doc.text(r.value, x: x0 + lw + Sheet.pad, y: yy + Sheet.pad, width: w - lw - 2 * Sheet.pad, size: Sheet.body)
                yy += r.height
            }
            doc.box(x0, y, w, yy - y, width: 0.5)
        case .stamp(let id, let s): stamp(id, s)
        case .signature(let l, let v):
            let x0 = left + width * Sheet.signatureIndent, w = width * (1 - Sheet.signatureIndent)
            let h = height(b)
            let text = l + "　" + v
            let th = doc.measure(text, size: Sheet.body, width: w).height
            doc.text(text, x: x0, y: y + h - th - 2, width: w, size: Sheet.body)
            doc.line(x0, y + h - 1, x0 + w, y + h - 1, width: 0.3)
        case .space, .table, .cut: break
        }
    }

    /// A ruled table; rows that do not fit continue on the next page under the heading again.
    mutating func table(_ cols: [Column], _ rows: [[String]], minRows: Int) {
        let total = cols.reduce(0) { $0 + $1.share }
        let widths = cols.map { $0.share / total * width }
        let all = rows + Array(repeating: cols.map { _ in "" }, count: max(0, minRows - rows.count))
        let headH = rowHeight(cols.map(\.heading), widths, heading: true)
        var top = y
        func heading(_ flow: inout Flow) {
            top = flow.y
            var x = flow.left
            for (c, w) in zip(cols, widths) {
                flow.doc.fill(x, flow.y, w, headH, gray: 0.93)
                flow.doc.box(x, flow.y, w, headH)
                let th = flow.doc.measure(c.heading, size: 9, face: .gothic, width: w - 2 * Sheet.pad).height
                flow.doc.text(c.heading, x: x + Sheet.pad, y: flow.y + (headH - th) / 2, width: w - 2 * Sheet.pad, size: 9, face: .gothic, align: .center)
                x += w
            }
            flow.y += headH
        }
        func close(_ flow: Flow) { flow.doc.box(flow.left, top, flow.width, flow.y - top, width: 0.5) }
        if y + headH + (all.first.map { rowHeight($0, widths, heading: false) } ?? 0) > bottom { newPage() }
        heading(&self)
        for r in all {
            let h = rowHeight(r, widths, heading: false)
            if y + h > bottom {
                close(self)
                newPage()
                heading(&self)
            }
            var x = left
            for (i, w) in widths.enumerated() {
                doc.box(x, y, w, h)
                let cell = i < r.count ? r[i] : ""
                doc.text(cell, x: x + Sheet.pad, y: y + Sheet.pad, width: w - 2 * Sheet.pad, size: Sheet.body, align: cols[i].align)
                x += w
            }
            y += h
        }
        close(self)
        y += 2
    }

    mutating func cut(_ label: String) {
        let mid = y + 4
        let lw = doc.measure(label, size: 9, face: .gothic).width + 6
        let cx = size.width / 2
        // Edge to edge of the paper, as the seed's cut line runs across the sheet.
        doc.line(8, mid, cx - lw / 2, mid, width: 0.3, dash: (2, 1.5))
        doc.line(cx + lw / 2, mid, size.width - 8, mid, width: 0.3, dash: (2, 1.5))
        doc.text(label, x: cx - lw / 2, y: mid - 2, width: lw, size: 9, face: .gothic, align: .center)
        y += 8
    }

    /// The stamp of 「History is never rewritten」: case, records, time, head hash and its QR code
    /// (scanned, it is what `daicho verify --against` takes).
    mutating func stamp(_ id: String, _ s: Paper.Stamp) {
        let h = 25.0, side = 23.0
        let top = y + 1
        doc.box(left, top, width, h, width: 0.35)
        let tx = left + 2.5, tw = width - side - 6
        doc.text("案件 \(id)　台帳 \(s.records)件　印刷 \(reiwaTime(s.printedAt))", x: tx, y: top + 2, width: tw, size: 8.5, face: .gothic)
        doc.text("先頭ハッシュ（SHA-256）", x: tx, y: top + 7.5, width: tw, size: 7.5, face: .gothic)
        doc.text(s.headHash, x: tx, y: top + 11, width: tw, size: 9, face: .mono)
        doc.text("照合: daicho verify --against " + String(s.headHash.prefix(16)) + "…（右の QR コードに全桁）",
                 x: tx, y: top + 17.5, width: tw, size: 7, face: .gothic)
        if let code = Barcode(s.headHash, .qr) {
            doc.qr(code, x: left + width - side - 1, y: top + 1, side: side)
        }
        y = top + h + 1
    }
}

/// `2026-11-25 10:00` (the stamp's time of printing) as 令和8年11月25日 10:00, as the text forms print it.
func reiwaTime(_ s: String) -> String { Paper.reiwaTime(s) }
