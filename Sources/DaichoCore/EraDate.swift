// 令和 dates where a time may also be typed (take-out and use periods): the
// date as paper forms print it (`令和8年11月25日`, `R8.11.25`, read by `Day`),
// optionally followed by a time after a space (`令和8年11月25日 17:00`).

import Foundation

enum EraDate {
    /// The ISO form (`2026-11-25` or `2026-11-25 17:00`) of an era date; nil when `s` is not
    /// written in the era at all. Throws when it is, but names no real date.
    static func westernize(_ s: String) throws(DateInputError) -> String? {
        guard s.hasPrefix("令和") || ((s.hasPrefix("R") || s.hasPrefix("r")) && s.dropFirst().first.map(isDigit) == true) else { return nil }
        let cut = s.firstIndex(of: " ") ?? s.endIndex
        guard let day = Day(String(s[..<cut])) else { throw DateInputError(input: s) }
        return day.iso + s[cut...]
    }

    /// An ASCII or full-width digit.
    private static func isDigit(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || (0xFF10...0xFF19).contains($0.value) }
    }
}
