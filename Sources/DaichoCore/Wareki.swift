// 和暦 for dates of birth on the handler roster (000 別記様式第2の2: 和暦標記を基本とする;
// 「S」・「H」等の標記は可): 明治, 大正, 昭和, 平成 and 令和, read and written.

import Foundation

public enum Wareki {
    /// Eras by their first day, newest first.
    static let eras: [(name: String, letter: String, start: Day)] = [
        ("令和", "R", Day(year: 2019, month: 5, day: 1)!),
        ("平成", "H", Day(year: 1989, month: 1, day: 8)!),
        ("昭和", "S", Day(year: 1926, month: 12, day: 25)!),
        ("大正", "T", Day(year: 1912, month: 7, day: 30)!),
        ("明治", "M", Day(year: 1868, month: 1, day: 25)!),
    ]

    /// `昭和45年3月1日`, `S45.3.1`, `H2.4.1`, `令和元年5月1日`; nil for anything else (ISO is read by `Day`).
    public static func parse(_ raw: String) -> Day? {
        var s = raw.trimmingCharacters(in: .whitespaces)
        guard let i = eras.firstIndex(where: { s.hasPrefix($0.name) || s.uppercased().hasPrefix($0.letter) }) else { return nil }
        let era = eras[i]
        s = s.hasPrefix(era.name) ? String(s.dropFirst(era.name.count)) : String(s.dropFirst(1))
        s = s.replacingOccurrences(of: "元", with: "1")
        let parts = s.split(whereSeparator: { "年月日.-/".contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), y >= 1,
              let day = Day(year: era.start.year + y - 1, month: m, day: d) else { return nil }
        // The day must fall within that era (昭和64年1月8日 is 平成元年).
        guard day >= era.start, i == 0 || day < eras[i - 1].start else { return nil }
        return day
    }

    /// `昭和45年3月1日` (元年 for the first year).
    public static func text(_ d: Day) -> String {
        guard let era = eras.first(where: { d >= $0.start }) else { return d.iso }
        let y = d.year - era.start.year + 1
        return "\(era.name)\(y == 1 ? "元" : String(y))年\(d.month)月\(d.day)日"
    }
}
