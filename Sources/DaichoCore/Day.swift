// A calendar day, as forms carry dates (送達 令和8年11月25日): no time, no
// zone. Stored in records as `YYYY-MM-DD`.

import Foundation

public struct Day: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard Civil(year: year, month: month, day: day).isValid else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// The day `date` falls on in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        let c = Civil(date, in: zone)
        year = c.year; month = c.month; day = c.day
    }

    /// `2026-11-25`, or a 令和 date: `令和8年11月25日`, `R8.11.25`, `R8-11-25` (元年 for year 1).
    public init?(_ text: String) {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let d = Day.iso(s) { self = d; return }
        if let d = Day.reiwa(s) { self = d; return }
        return nil
    }

    private static func iso(_ s: String) -> Day? {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// 令和 began on 2019-05-01 (令和元年 = 2019).
    private static func reiwa(_ raw: String) -> Day? {
        // Full-width digits as typed on a Japanese keyboard count as digits.
        var s = String(String.UnicodeScalarView(raw.unicodeScalars.map { u in
            (0xFF10...0xFF19).contains(u.value) ? Unicode.Scalar(u.value - 0xFF10 + 0x30)! : u
        }))
        s = s.replacingOccurrences(of: "元年", with: "1年")
        var rest: Substring
        if s.hasPrefix("令和") { rest = s.dropFirst(2) }
        else if s.hasPrefix("R") || s.hasPrefix("r") { rest = s.dropFirst() }
        else { return nil }
        let parts = rest.split(whereSeparator: { "年月日.-/".contains($0) })
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let ry = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), ry >= 1,
              let day = Day(year: 2018 + ry, month: m, day: d), day >= Day.reiwaStart else { return nil }
        return day
    }

    static let reiwaStart = Day(year: 2019, month: 5, day: 1)!

    public var iso: String { Civil(year: year, month: month, day: day).dateText }
    public var description: String { iso }

    /// `令和8年11月25日`; dates before 令和 are written in the Western calendar.
    public var reiwa: String {
        guard self >= Day.reiwaStart else { return "\(year)年\(month)月\(day)日" }
        let ry = year - 2018
        return "令和\(ry == 1 ? "元" : String(ry))年\(month)月\(day)日"
    }

    /// Days since 1970-01-01.
    public var ordinal: Int { Int(Civil(year: year, month: month, day: day).epochSeconds / 86400) }
    public init(ordinal: Int) {
        let c = Civil(epochSeconds: Int64(ordinal) * 86400)
        year = c.year; month = c.month; day = c.day
    }
    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = Day.iso(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a day: \(s)"))
        }
        self = d
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
