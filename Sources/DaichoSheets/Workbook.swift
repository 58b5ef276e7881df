// An .xlsx workbook written by libxlsxwriter (Debian's libxlsxwriter-dev): one
// sheet per book, a bold heading row frozen at the top with a filter, and
// document properties that carry what the workbook was made from. Every value
// is written as a string or a number cell, never as a formula, so a text that
// starts with `=` stays text when the workbook is opened.

import CXlsxwriter
import Foundation

/// One cell of a sheet.
public enum SheetCell: Equatable, Sendable {
    case text(String)
    case number(Double)
    case empty
}

/// One sheet: its name on the tab, the heading row and the rows under it.
public struct Sheet: Equatable, Sendable {
    public var name: String
    public var headings: [String]
    public var rows: [[SheetCell]]
    /// Printed landscape when it has many columns.
    public var landscape: Bool
    public init(name: String, headings: [String], rows: [[SheetCell]], landscape: Bool = false) {
        self.name = name; self.headings = headings; self.rows = rows; self.landscape = landscape
    }
}

/// What File > Properties shows, and named custom properties.
public struct WorkbookProperties: Sendable {
    public var title = ""
    public var subject = ""
    public var author = ""
    public var company = ""
    public var keywords = ""
    public var comments = ""
    public var custom: [(name: String, value: String)] = []
    /// The header printed at the top of every page (Excel's `&L`/`&C`/`&R` codes are escaped away).
    public var pageHeader = ""
    public init() {}
}

public struct WorkbookError: Error, Equatable, Sendable {
    public var message: String
}

public enum Workbook {
    /// Excel's limits: 31 characters in a sheet name, 32 767 in a cell, 1 048 576 rows.
    public static let maxRows = 1_048_575
    public static let maxCellLength = 32_767

    /// Writes the sheets as an .xlsx file at `path` (created or replaced; the caller picks a fresh path).
    public static func write(_ sheets: [Sheet], properties p: WorkbookProperties, to path: String) throws(WorkbookError) {
        guard !sheets.isEmpty else { throw WorkbookError(message: "no sheets") }
        for s in sheets where s.rows.count > maxRows { throw WorkbookError(message: "\(s.name): \(s.rows.count) rows, more than a sheet holds") }
        guard let wb = workbook_new(path) else { throw WorkbookError(message: "cannot create \(path)") }
        var failure: String?
        func check(_ e: lxw_error, _ what: String) {
            if e != LXW_NO_ERROR, failure == nil { failure = "\(what): " + String(cString: lxw_strerror(e)) }
        }
        // The strings must live until workbook_close, which writes them out.
        var keep: [UnsafeMutablePointer<CChar>] = []
        func c(_ s: String) -> UnsafeMutablePointer<CChar> { let p = strdup(s)!; keep.append(p); return p }
        defer { for p in keep { free(p) } }

        var props = lxw_doc_properties()
        props.title = c(p.title); props.subject = c(p.subject); props.author = c(p.author)
        props.company = c(p.company); props.keywords = c(p.keywords); props.comments = c(p.comments)
        check(workbook_set_properties(wb, &props), "properties")
        for (name, value) in p.custom { check(workbook_set_custom_property_string(wb, c(name), c(value)), "property \(name)") }

        let bold = workbook_add_format(wb)
        format_set_bold(bold)
        format_set_bg_color(bold, 0xDDEBF7)
        let header = pageHeader(p.pageHeader)

        for s in sheets {
            guard let ws = workbook_add_worksheet(wb, c(String(s.name.prefix(31)))) else {
                failure = failure ?? "cannot add the sheet \(s.name)"; continue
            }
            if s.landscape { worksheet_set_landscape(ws) }
            worksheet_set_paper(ws, 9)   // A4
            if !header.isEmpty { check(worksheet_set_header(ws, c(header)), "page header") }
            for (col, h) in s.headings.enumerated() {
                check(worksheet_write_string(ws, 0, lxw_col_t(col), c(h), bold), "heading")
                // Wide enough for the heading or 10 characters, counting a Japanese character as two.
                let width = Double(max(10, min(40, displayWidth(h) + 2)))
                check(worksheet_set_column(ws, lxw_col_t(col), lxw_col_t(col), width, nil), "column width")
            }
            for (i, row) in s.rows.enumerated() {
                let r = lxw_row_t(i + 1)
                for (col, cell) in row.enumerated() {
                    switch cell {
                    case .empty: break
                    case .number(let x): check(worksheet_write_number(ws, r, lxw_col_t(col), x, nil), "number")
                    case .text(let t):
                        // libxlsxwriter refuses longer strings; a ledger's fields are far shorter.
                        let t = t.count > maxCellLength ? String(t.prefix(maxCellLength)) : t
                        t.withCString { check(worksheet_write_string(ws, r, lxw_col_t(col), $0, nil), "text") }
                    }
                }
            }
            worksheet_freeze_panes(ws, 1, 0)
            if !s.headings.isEmpty {
                check(worksheet_autofilter(ws, 0, 0, lxw_row_t(s.rows.count), lxw_col_t(s.headings.count - 1)), "filter")
            }
        }
        let closed = workbook_close(wb)
        if let failure { throw WorkbookError(message: failure) }
        if closed != LXW_NO_ERROR { throw WorkbookError(message: String(cString: lxw_strerror(closed))) }
    }

    /// `&` starts a control code in Excel's page headers: doubled, it prints itself.
    static func pageHeader(_ s: String) -> String {
        s.isEmpty ? "" : "&L" + s.replacingOccurrences(of: "&", with: "&&")
    }

    /// Columns as Excel counts them, roughly: two for a character outside ASCII.
    static func displayWidth(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1 : 2) } }
}
