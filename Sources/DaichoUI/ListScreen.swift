// Shared behaviour of the table screens: moving the selection (kept by
// identity across ledger changes), paging, and the live `/` filter.

import CellKit
import DaichoCore
import Foundation

/// Selection by identity plus a live filter, for any table of identified rows.
public struct ListView: Equatable {
    public var list = ListState()
    /// The id of the selected row, so the selection survives new records.
    public var selectedID: String?
    public var filter = LineEditor(maxLength: 100)
    /// The filter is being typed.
    public var filtering = false
    /// The last key offered the filter more than it holds: the characters refused (0 for one typed).
    public var refused: Int?

    public init() {}

    /// The selected index in `ids`, following the selected id.
    public func index(in ids: [String]) -> Int? {
        guard !ids.isEmpty else { return nil }
        if let id = selectedID, let i = ids.firstIndex(of: id) { return i }
        return min(list.selected ?? 0, ids.count - 1)
    }

    /// Whether `texts` (a row's values) match the filter: every word somewhere, case-insensitive.
    ///
    /// With a `period` (the row's span of time), a word like `2026-11-01..2026-11-30`,
    /// `2026-11..2026-12`, `2026-11-15..` or `..2026-11-30` keeps the rows whose span
    /// overlaps that period instead of matching as text.
    public func matches(_ texts: [String], period: ClosedRange<Date>? = nil, timeZone: TimeZone = .current) -> Bool {
        let words = filterWords
        guard !words.isEmpty else { return true }
        let hay = ListView.searchText(texts)
        return zip(words, filter.text.lowercased().split(separator: " ")).allSatisfy { word, text in
            if let period, let range = ListView.dateRange(String(text), timeZone) { return period.overlaps(range) }
            return ListView.contains(hay, word)
        }
    }

    /// The filter's words as searched: NFC, lowercase, UTF-8.
    var filterWords: [[UInt8]] {
        ListView.fold(filter.text).split(separator: UInt8(ascii: " ")).map(Array.init)
    }

    /// A row's values as one text to search: NFC (so が typed and が stored as か+゛ agree), lowercase, UTF-8.
    public static func searchText(_ texts: [String]) -> [UInt8] { fold(texts.joined(separator: " ")) }

    static func fold(_ s: String) -> [UInt8] {
        // ASCII needs no normalization, and lowercasing it byte by byte is exact.
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 } }
        return Array(s.precomposedStringWithCanonicalMapping.lowercased().utf8)
    }

    /// Whether `needle` occurs in `hay` (both from `fold`): UTF-8 is self-synchronizing, so a byte
    /// match of whole encoded characters is a match of characters.
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard hay.count >= needle.count else { return false }
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let last = h.count - n.count
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count && h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// `FROM..TO` with days (`2026-11-01`) or months (`2026-11`); either end may be left open.
    static func dateRange(_ word: String, _ tz: TimeZone) -> ClosedRange<Date>? {
        let parts = word.components(separatedBy: "..")
        guard parts.count == 2, !(parts[0].isEmpty && parts[1].isEmpty) else { return nil }
        func bound(_ s: String, end: Bool) -> Date? {
            if s.isEmpty { return end ? .distantFuture : .distantPast }
            var text = s
            if s.count == 7, let y = Int(s.prefix(4)), let m = Int(s.suffix(2)), (1...12).contains(m) {
                text += end ? "-\(Civil.daysIn(month: m, year: y))" : "-01"
            }
            return try? DateInput.parse(text, timeZone: tz, endOfDay: end)
        }
        guard let lo = bound(parts[0], end: false), let hi = bound(parts[1], end: true), lo <= hi else { return nil }
        return lo...hi
    }

    /// Why a word written as a period (`2026-02-30..`, `2026-12-01..2026-11-01`) matches nothing,
    /// or nil when it is not one or reads fine.
    static func periodProblem(_ word: String, _ w: World) -> String? {
        let parts = word.components(separatedBy: "..")
        guard parts.count == 2, !(parts[0].isEmpty && parts[1].isEmpty),
              word.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == ".") }) else { return nil }
        guard dateRange(word, w.timeZone) == nil else { return nil }
        func reads(_ s: String) -> Bool {
            if s.isEmpty { return true }
            if s.count == 7, let m = Int(s.suffix(2)), Int(s.prefix(4)) != nil, s.dropFirst(4).first == "-" { return (1...12).contains(m) }
            return (try? DateInput.parse(s, timeZone: w.timeZone, endOfDay: false)) != nil
        }
        for s in parts where !reads(s) {
            return w.t("「\(s)」は日付として読めません", "'\(s)' is not a date")
        }
        return w.t("期間「\(word)」は始まりが終わりより後です", "the period '\(word)' ends before it starts")
    }

    /// Handles movement and filter keys for a list shown in `height` rows;
    /// returns whether the key was used. The scroll position is kept, so moving
    /// inside the visible rows moves the highlight, not the list.
    public mutating func handle(_ key: Key, action: UIAction?, ids: [String], height: Int) -> Bool {
        refused = nil
        if filtering {
            switch key {
            case .enter: filtering = false
            case .escape: filtering = false; filter.setText("")
            case .paste(let text):
                // A filter is words: line breaks in a paste separate them. Refused whole when too long.
                let words = text.split(whereSeparator: \.isNewline).joined(separator: " ")
                if !filter.insertWhole(words) { refused = LineEditor.cleanedCount(words) }
            case .char where filter.isFull: refused = 0
            default: _ = filter.handle(key)
            }
            list = ListState(selected: 0, offset: 0)
            selectedID = nil
            return true
        }
        let pageSize = max(1, height - 1)
        var i = index(in: ids) ?? 0
        switch action {
        case .up?: i -= 1
        case .down?, .nextMatch?: i += 1
        case .prevMatch?: i -= 1
        case .top?: i = 0
        case .bottom?: i = ids.count - 1
        case .pageUp?: i -= pageSize
        case .pageDown?: i += pageSize
        case .filter?: filtering = true; return true
        // Esc (or q) clears a committed filter before it leaves the screen.
        case .back? where !filter.isEmpty:
            filter.setText("")
            list = ListState(selected: 0, offset: 0)
            selectedID = nil
            return true
        default: return false
        }
        guard !ids.isEmpty else { return true }
        i = min(max(0, i), ids.count - 1)
        list.selected = i
        selectedID = ids[i]
        list.scrollToSelection(count: ids.count, height: height)
        return true
    }

    /// The table state to draw with, the selection following its id.
    public func state(ids: [String], height: Int) -> ListState {
        var s = list
        s.select(index(in: ids), count: ids.count)
        s.scrollToSelection(count: ids.count, height: height)
        return s
    }

    /// Only the ids on screen, with the state to draw them by: the rows of a long
    /// book are made for the visible window alone.
    public func window(ids: [String], height: Int) -> (ArraySlice<String>, ListState) {
        let full = state(ids: ids, height: height)
        let first = full.visibleOffset(count: ids.count, height: height)
        let slice = ids[first..<min(ids.count, first + max(0, height))]
        return (slice, ListState(selected: full.selected.map { $0 - first }, offset: 0))
    }

    /// The filter prompt for the heading, if any.
    public func filterLabel(_ w: World) -> String {
        if let n = refused {
            let limit = filter.maxLength ?? 0
            let why = n > 0 ? w.t("（絞込は\(limit)文字まで: \(n)文字は貼り付けていません）", " (a filter holds \(limit) characters: the \(n) pasted were refused)")
                            : w.t("（絞込は\(limit)文字まで）", " (a filter holds \(limit) characters)")
            // The refusal before the text, so a long filter does not push it off the line.
            return "  " + why.trimmingCharacters(in: .whitespaces) + w.t(" 絞込: ", " filter: ") + filter.text + (filtering ? "_" : "")
        }
        // A period that cannot match says why instead of showing 0件.
        if let why = filter.text.split(separator: " ").lazy.compactMap({ ListView.periodProblem(String($0), w) }).first {
            return w.t("  （" + why + "）絞込: ", "  (" + why + ") filter: ") + filter.text + (filtering ? "_" : "")
        }
        if filtering { return w.t("  絞込: ", "  filter: ") + filter.text + "_" }
        return filter.isEmpty ? "" : w.t("  絞込: ", "  filter: ") + filter.text
    }
}

extension Style {
    static let overdue = Style(role: .warning, attributes: [.bold])
}

/// Rows of a list screen prepared once (each with its search text) and filtered as the filter
/// is typed: a keystroke searches prepared bytes, and a filter that only grew searches only the
/// rows the shorter one kept. Shared by copies of a screen; `key` names everything the rows
/// depend on, so a new record, another language or another sort prepares them again.
public final class RowCache<Row>: @unchecked Sendable {
    private let lock = NSLock()
    private var key: AnyHashable?
    private var prepared: [(row: Row, text: [UInt8])] = []
    private var lastFilter: String?
    private var lastFolded: [UInt8] = []
    private var lastKept: [Int] = []
    private var lastRows: [Row] = []

    public init() {}

    public func rows(key: AnyHashable, filter: ListView, prepare: () -> [(Row, [UInt8])]) -> [Row] {
        lock.lock(); defer { lock.unlock() }
        if self.key != key {
            prepared = prepare().map { (row: $0.0, text: $0.1) }
            self.key = key
            lastFilter = nil
        }
        let text = filter.filter.text
        // The same filter again (the title, the keys and the drawing of one keystroke): the same array.
        if text == lastFilter { return lastRows }
        let folded = ListView.fold(text)
        let words = folded.split(separator: UInt8(ascii: " ")).map(Array.init)
        // A filter that extends the last one (as searched: か then が does not extend) keeps a subset
        // of its rows: each of its words contains the word it grew from.
        let extends = lastFilter != nil && !lastFolded.isEmpty && folded.starts(with: lastFolded)
        let candidates = extends ? lastKept : Array(prepared.indices)
        let kept = words.isEmpty ? candidates : candidates.filter { i in words.allSatisfy { ListView.contains(prepared[i].text, $0) } }
        lastFilter = text
        lastFolded = folded
        lastKept = kept
        lastRows = kept.map { prepared[$0].row }
        return lastRows
    }
}
