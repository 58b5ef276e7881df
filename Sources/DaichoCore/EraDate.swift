// Dates in the Japanese era, as forms print them and people copy them back:
// 令和8年11月25日 (also 令和元年, full-width digits) and R8.11.25 (also R8/11/25).
// Only 令和 is read: it began on 2019-05-01, so 令和1年4月30日 is no date.
// An optional time may follow after a space: 令和8年11月25日 17:00.

import Foundation

enum EraDate {
    /// 令和1年 = 2019; its first day.
    static let reiwaStartYear = 2019
    static let reiwaFirstDay = (month: 5, day: 1)

    /// The ISO form (`2026-11-25` or `2026-11-25 17:00`) of an era date; nil when `s` is not
    /// written in the era at all. Throws when it is, but names no real date.
    static func westernize(_ s: String) throws(DateInputError) -> String? {
        let t = normalizedDigits(s)
        let datePart: Substring, rest: Substring
        if let sp = t.firstIndex(where: { $0 == " " || $0 == "T" }), t.hasPrefix("令和") || t.hasPrefix("R") || t.hasPrefix("r") {
            datePart = t[..<sp]; rest = t[sp...]
        } else {
            datePart = t[...]; rest = ""
        }
        let fields: [Substring]
        if datePart.hasPrefix("令和") {
            let body = datePart.dropFirst(2).replacingOccurrences(of: "元年", with: "1年")
            guard body.hasSuffix("日") else { throw DateInputError(input: s) }
            let parts = body.dropLast().split(separator: "年", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw DateInputError(input: s) }
            let md = parts[1].split(separator: "月", omittingEmptySubsequences: false)
            guard md.count == 2 else { throw DateInputError(input: s) }
            fields = [parts[0], md[0], md[1]]
        } else if let first = datePart.first, first == "R" || first == "r", datePart.count > 1,
                  datePart.dropFirst().first?.isASCII == true, datePart.dropFirst().first?.isNumber == true {
            let body = datePart.dropFirst()
            let sep: Character = body.contains(".") ? "." : "/"
            fields = body.split(separator: sep, omittingEmptySubsequences: false)
        } else {
            return nil
        }
        guard fields.count == 3 else { throw DateInputError(input: s) }
        var n: [Int] = []
        for f in fields {
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(f) else { throw DateInputError(input: s) }
            n.append(v)
        }
        let year = reiwaStartYear - 1 + n[0], month = n[1], day = n[2]
        guard n[0] >= 1, Civil(year: year, month: month, day: day).isValid else { throw DateInputError(input: s) }
        if n[0] == 1 && (month, day) < reiwaFirstDay { throw DateInputError(input: s) }
        let c = Civil(year: year, month: month, day: day)
        return c.dateText + rest
    }

    /// Full-width digits (as a Japanese input method types them) as ASCII.
    private static func normalizedDigits(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            (0xFF10...0xFF19).contains(u.value) ? Unicode.Scalar(u.value - 0xFF10 + 0x30)! : u
        }))
    }
}
