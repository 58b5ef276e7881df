// A CSV file as rows of cells, each with the line it starts on, read by
// yaslab/CSV.swift (RFC 4180: quoted fields may hold commas, doubled quotes and
// line breaks; rows end in CRLF, LF or CR). The line numbers are the file's:
// a row whose cell holds a line break spans several lines, and the next row
// starts after them.

import CSV
import Foundation

/// One row of a CSV file.
public struct SheetRow: Equatable, Sendable {
    /// The line of the file the row starts on (1 for the first).
    public var line: Int
    public var cells: [String]
    public init(line: Int, cells: [String]) { self.line = line; self.cells = cells }
    /// Every cell empty or blank (Excel writes `,,,,` for an empty row that has formatting).
    public var isBlank: Bool { cells.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
}

/// Why text is not a CSV table.
public enum CSVTableError: Error, Equatable, Sendable {
    /// A quoted cell that never closes: it would swallow the rest of the file.
    case unterminatedQuote(line: Int)
    case empty
    /// More rows than an import reads in one go.
    case tooManyRows(max: Int)
}

public enum CSVTable {
    public static let maxRows = 200_000

    /// Every row of `text`, the heading row first; blank rows are kept (callers skip them).
    public static func read(_ text: String) throws(CSVTableError) -> [SheetRow] {
        guard !text.isEmpty else { throw .empty }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false) } catch { throw .empty }
        var rows: [SheetRow] = []
        var line = 1
        while let cells = reader.next() {
            rows.append(SheetRow(line: line, cells: cells))
            if rows.count > maxRows { throw .tooManyRows(max: maxRows) }
            line += 1 + cells.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        // CSV.swift reads an unclosed quote to the end of the file as one cell: refuse that instead.
        if let opened = unclosedQuote(text) { throw .unterminatedQuote(line: opened) }
        guard !rows.isEmpty else { throw .empty }
        return rows
    }

    /// The line of a quote that opens a cell and never closes, if any (RFC 4180: a quote opens a
    /// cell only as its first character; inside, a doubled quote is one quote and a single one closes).
    static func unclosedQuote(_ text: String) -> Int? {
        var line = 1, openedAt = 0, quoted = false, atCellStart = true, pendingQuote = false, afterCR = false
        for u in text.unicodeScalars {
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if u == "\"" { continue }      // a doubled quote
                    quoted = false                 // the quote before closed the cell; u is read below
                } else if u == "\"" { pendingQuote = true; continue }
            }
            if u == "\r" || (u == "\n" && !afterCR) { line += 1 }
            afterCR = u == "\r"
            if quoted { continue }
            if u == "\"" && atCellStart { quoted = true; openedAt = line; atCellStart = false; continue }
            atCellStart = u == "," || u == "\r" || u == "\n"
        }
        return quoted && !pendingQuote ? openedAt : nil
    }

    /// Line breaks inside a cell: CRLF, a lone CR or a lone LF each count one.
    static func lineBreaks(in s: String) -> Int {
        var n = 0, afterCR = false
        for u in s.unicodeScalars {
            if u == "\r" { n += 1; afterCR = true; continue }
            if u == "\n" && !afterCR { n += 1 }
            afterCR = false
        }
        return n
    }
}
