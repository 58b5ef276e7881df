// The books on paper (001 付紙第4 1(1)ア): 可搬記憶媒体登録簿, 使用記録簿, 持出簿 as
// ruled tables, landscape A4 where their columns need it. Every page carries a
// heading with the unit, the period and the time of printing, the column
// headings again, the page number of the whole, and the journal's head hash in
// text and as a QR code, so that any single page anchors the chain.

import DaichoCore
import DaichoPaper
import Foundation

/// A book: its title, its columns and rows, and what every page says about where it came from.
public struct Book: Sendable {
    public var title: String
    public var unit: String
    /// The period printed, worded (`令和8年11月1日 ～ 令和8年11月30日`), or nil for the whole book.
    public var period: String?
    public var stamp: Paper.Stamp
    public var columns: [Column]
    public var rows: [[String]]
    public var size: PageSize

    public init(title: String, unit: String, period: String?, stamp: Paper.Stamp, columns: [Column], rows: [[String]], size: PageSize = .a4Landscape) {
        self.title = title; self.unit = unit; self.period = period; self.stamp = stamp
        self.columns = columns; self.rows = rows; self.size = size
    }

    static let margin = 12.0
    static let cellSize = 8.0
    static let headSize = 8.0
    static let pad = 1.2
    static let footer = 18.0

    /// The pages: row indices on each (a page holds at least one row, however tall).
    func paginate(_ doc: Document, widths: [Double]) -> (headH: Double, rowH: [Double], pages: [Range<Int>]) {
        let headH = max(7, (zip(columns, widths).map { doc.measure($0.heading, size: Book.headSize, face: .gothic, width: $1 - 2 * Book.pad).height }.max() ?? 0) + 2 * Book.pad)
        let rowH = rows.map { r in
            max(6, (zip(r, widths).map { doc.measure($0, size: Book.cellSize, width: $1 - 2 * Book.pad).height }.max() ?? 0) + 2 * Book.pad)
        }
        let top = Book.margin + 17, bottom = size.height - Book.margin - Book.footer
        var pages: [Range<Int>] = []
        var start = 0, y = top + headH
        for (i, h) in rowH.enumerated() {
            if y + h > bottom, i > start { pages.append(start..<i); start = i; y = top + headH }
            y += h
        }
        pages.append(start..<rows.count)
        return (headH, rowH, pages)
    }

    public func render() throws(PDFError) -> Data {
        let doc = Document(size: size, title: title, subject: unit)
        let width = size.width - 2 * Book.margin
        let total = columns.reduce(0) { $0 + $1.share }
        let widths = columns.map { $0.share / total * width }
        let (headH, rowH, pages) = paginate(doc, widths: widths)
        let left = Book.margin
        let qr = Barcode(stamp.headHash, .qr)
        for (p, range) in pages.enumerated() {
            if p > 0 { doc.newPage(size) }
            // Heading: the book, the unit, the period, the time of printing.
            doc.text(title, x: left, y: Book.margin, width: width, size: 14, face: .gothic, bold: true, align: .center)
            doc.text("部隊等名称　\(unit)", x: left, y: Book.margin + 9, width: width / 2, size: 9, face: .gothic)
            doc.text((period.map { "期間　\($0)　" } ?? "全期間　") + "印刷　\(reiwaTime(stamp.printedAt))",
                     x: left + width / 2, y: Book.margin + 9, width: width / 2, size: 9, face: .gothic, align: .right)
            var y = Book.margin + 17
            var x = left
            for (c, w) in zip(columns, widths) {
                doc.fill(x, y, w, headH, gray: 0.9)
                doc.box(x, y, w, headH)
                let th = doc.measure(c.heading, size: Book.headSize, face: .gothic, width: w - 2 * Book.pad).height
                doc.text(c.heading, x: x + Book.pad, y: y + (headH - th) / 2, width: w - 2 * Book.pad, size: Book.headSize, face: .gothic, align: .center)
                x += w
            }
            let tableTop = y
            y += headH
            if rows.isEmpty {
                doc.box(left, y, width, 8)
                doc.text("記載なし", x: left, y: y + 2, width: width, size: Book.cellSize, align: .center)
                y += 8
            }
            for i in range {
                x = left
                for (c, w) in widths.enumerated() {
                    doc.box(x, y, w, rowH[i])
                    doc.text(c < rows[i].count ? rows[i][c] : "", x: x + Book.pad, y: y + Book.pad, width: w - 2 * Book.pad,
                             size: Book.cellSize, align: columns[c].align)
                    x += w
                }
                y += rowH[i]
            }
            doc.box(left, tableTop, width, y - tableTop, width: 0.5)
            // Footer: the head hash on every page, and where this page stands in the whole.
            let fy = size.height - Book.margin - Book.footer + 3
            doc.line(left, fy, left + width, fy, width: 0.2)
            doc.text("台帳 \(stamp.records)件　先頭ハッシュ（SHA-256）\(stamp.headHash)", x: left, y: fy + 2, width: width - 20, size: 7, face: .mono)
            doc.text("照合: daicho verify --against（先頭ハッシュの16桁以上、または右の QR コード）", x: left, y: fy + 6.5, width: width - 20, size: 7, face: .gothic)
            doc.text("\(p + 1) / \(pages.count) 頁", x: left, y: fy + 11, width: width - 20, size: 8, face: .gothic, align: .center)
            if let qr { doc.qr(qr, x: left + width - 15, y: fy + 0.5, side: 15) }
        }
        return try doc.finish()
    }
}
