// Dates and times as people type them (ISO 8601, read in the configured time
// zone) and as the journal stores them (UTC). The conversions are done by hand
// (days-from-civil) so that reading a large journal does not go through
// Calendar for every record.

import Foundation

/// A proleptic Gregorian date and time of day, without a time zone.
public struct Civil: Equatable, Sendable {
    public var year, month, day, hour, minute, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year; self.month = month; self.day = day; self.hour = hour; self.minute = minute; self.second = second
    }

    /// Whether the fields name a real moment (month 1-12, a day the month has, …).
    public var isValid: Bool {
        (1...9999).contains(year) && (1...12).contains(month) && (1...Civil.daysIn(month: month, year: year)).contains(day)
            && (0...23).contains(hour) && (0...59).contains(minute) && (0...59).contains(second)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Seconds since 1970 for this civil time read as UTC.
    public var epochSeconds: Int64 {
        // Howard Hinnant's days_from_civil.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public init(epochSeconds t: Int64) {
        var days = t / 86400
        var rem = t % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: Int(y), month: Int(m), day: Int(d), hour: Int(rem / 3600), minute: Int(rem % 3600 / 60), second: Int(rem % 60))
    }

    /// `YYYY-MM-DDTHH:MM:SS` from exactly 19 ASCII bytes.
    init?(isoBytes b: ArraySlice<UInt8>) {
        let a = Array(b)
        guard a.count == 19, let c = a.withUnsafeBufferPointer({ Civil(isoBuffer: $0) }) else { return nil }
        self = c
    }

    /// `YYYY-MM-DDTHH:MM:SS` from exactly 19 ASCII bytes (the record reader's fast path reads its lines in place).
    init?(isoBuffer a: UnsafeBufferPointer<UInt8>) {
        guard a.count == 19, a[4] == 45, a[7] == 45, a[10] == 84, a[13] == 58, a[16] == 58 else { return nil }
        func n(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let c = a[i]; guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard let y = n(0..<4), let mo = n(5..<7), let d = n(8..<10), let h = n(11..<13), let mi = n(14..<16), let s = n(17..<19)
        else { return nil }
        self.init(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        guard isValid else { return nil }
    }

    func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }
    public var iso: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" }
    public var dateText: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    public var minuteText: String { "\(dateText) \(pad(hour, 2)):\(pad(minute, 2))" }

    /// The instant this civil time names in `zone` (the earlier one if ambiguous).
    public func instant(in zone: TimeZone) -> Date {
        let naive = epochSeconds
        var offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive))))
        // A second pass settles offsets that change near a transition.
        offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(naive - offset))))
        return Date(timeIntervalSince1970: TimeInterval(naive - offset))
    }

    /// The civil time of `date` in `zone`.
    public init(_ date: Date, in zone: TimeZone) {
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        self.init(epochSeconds: t + Int64(zone.secondsFromGMT(for: date)))
    }
}

/// Why a date a person typed was refused.
public struct DateInputError: Error, Equatable, Sendable {
    public var input: String
}

/// ISO 8601 as typed: `2026-12-01`, `2026-12-01T17:00`, `2026-12-01 17:00:30`,
/// optionally with `Z` or `+09:00`; without a zone it is read in `timeZone`. Also 令和 dates
/// (`令和8年11月25日`, `R8.11.25`), optionally followed by a time.
public enum DateInput {
    public static func parse(_ raw: String, timeZone: TimeZone, endOfDay: Bool) throws -> Date {
        var s = raw.trimmingCharacters(in: .whitespaces)
        // 令和8年11月25日 and R8.11.25, as on paper forms (EraDate.swift).
        do { if let western = try EraDate.westernize(s) { s = western } } catch { throw DateInputError(input: raw) }
        var b = Array(s.utf8)
        var zone = timeZone
        if b.last == UInt8(ascii: "Z") {
            b.removeLast(); zone = TimeZone(identifier: "UTC")!
        } else if b.count > 16, let signIndex = [b.count - 6].first, b[signIndex] == 43 || b[signIndex] == 45, b[b.count - 3] == 58 {
            let sign = b[signIndex] == 43 ? 1 : -1
            // Exactly two ASCII digits each: `Int("+1")` or `Int("-5")` would let `++1:00` through.
            let digits = b[(signIndex + 1)..<(signIndex + 3)] + b[(signIndex + 4)...]
            guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw DateInputError(input: raw) }
            let hh = Int(String(decoding: b[(signIndex + 1)..<(signIndex + 3)], as: UTF8.self))
            let mm = Int(String(decoding: b[(signIndex + 4)...], as: UTF8.self))
            guard let hh, let mm, hh <= 14, mm < 60, let z = TimeZone(secondsFromGMT: sign * (hh * 3600 + mm * 60))
            else { throw DateInputError(input: raw) }
            zone = z
            b.removeLast(6)
        }
        var fields: [UInt8]
        switch b.count {
        case 10: fields = b + Array(endOfDay ? "T23:59:59".utf8 : "T00:00:00".utf8)
        case 16: fields = b + Array(":00".utf8)
        case 19: fields = b
        default: throw DateInputError(input: raw)
        }
        if fields[10] == UInt8(ascii: " ") { fields[10] = UInt8(ascii: "T") }
        guard let civil = Civil(isoBytes: fields[...]) else { throw DateInputError(input: raw) }
        return civil.instant(in: zone)
    }
}

extension Date {
    /// `2026-12-01 17:00` in the given zone, for people.
    public func minuteText(in zone: TimeZone) -> String { Civil(self, in: zone).minuteText }
    /// `2026-12-01` in the given zone.
    public func dateText(in zone: TimeZone) -> String { Civil(self, in: zone).dateText }
}
