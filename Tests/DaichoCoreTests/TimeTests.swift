// Dates as people type them (read in the configured time zone) and as the
// journal stores them (UTC instants, whole seconds) — DOMAIN.md "History is
// never rewritten": times are stored as UTC and shown in the configured zone.

@testable import DaichoCore
import XCTest

final class DateInputTests: XCTestCase {
    private func parse(_ s: String, _ tz: TimeZone = tokyo, endOfDay: Bool = true) throws -> Date {
        try DateInput.parse(s, timeZone: tz, endOfDay: endOfDay)
    }
    private func utcText(_ d: Date) -> String { Timestamp.format(d) }

    func test_dateOnlyIsEndOfDayWhenAskedElseStartOfDay_inTheZone() throws {
        XCTAssertEqual(utcText(try parse("2026-12-01", endOfDay: true)), "2026-12-01T14:59:59Z")
        XCTAssertEqual(utcText(try parse("2026-12-01", endOfDay: false)), "2026-11-30T15:00:00Z")
        XCTAssertEqual(utcText(try parse("2026-12-01", utc, endOfDay: true)), "2026-12-01T23:59:59Z")
    }

    func test_timesWithT_orSpace_withAndWithoutSeconds() throws {
        XCTAssertEqual(utcText(try parse("2026-12-01T17:00")), "2026-12-01T08:00:00Z")
        XCTAssertEqual(utcText(try parse("2026-12-01 17:00")), "2026-12-01T08:00:00Z")
        XCTAssertEqual(utcText(try parse("2026-12-01T17:00:30")), "2026-12-01T08:00:30Z")
        XCTAssertEqual(utcText(try parse("2026-12-01 17:00:30")), "2026-12-01T08:00:30Z")
        XCTAssertEqual(utcText(try parse("  2026-12-01T17:00  ")), "2026-12-01T08:00:00Z")
        // endOfDay only matters for a date without a time.
        XCTAssertEqual(utcText(try parse("2026-12-01T00:00", endOfDay: true)), "2026-11-30T15:00:00Z")
    }

    func test_zuluAndOffsets() throws {
        XCTAssertEqual(utcText(try parse("2026-12-01T17:00Z")), "2026-12-01T17:00:00Z")
        XCTAssertEqual(utcText(try parse("2026-12-01T17:00:05Z")), "2026-12-01T17:00:05Z")
        XCTAssertEqual(utcText(try parse("2026-12-01T17:00+09:00", utc)), "2026-12-01T08:00:00Z")
        XCTAssertEqual(utcText(try parse("2026-12-01T17:00-05:00")), "2026-12-01T22:00:00Z")
        XCTAssertEqual(utcText(try parse("2026-12-01T17:00:00+05:30")), "2026-12-01T11:30:00Z")
        XCTAssertEqual(utcText(try parse("2026-12-01 17:00+00:00")), "2026-12-01T17:00:00Z")
        XCTAssertEqual(utcText(try parse("2026-12-01Z")), "2026-12-01T23:59:59Z")
    }

    func test_invalidCalendarDaysAndTimesRefused() {
        for s in ["2026-02-30", "2026-02-29", "2025-13-01", "2026-00-10", "2026-04-31", "2026-12-32", "2026-12-00",
                  "2026-12-01T24:00", "2026-12-01T23:60", "2026-12-01T23:59:60", "0000-01-01", "1900-02-29"] {
            XCTAssertThrowsError(try parse(s), s) { XCTAssertEqual($0 as? DateInputError, DateInputError(input: s)) }
        }
        XCTAssertNoThrow(try parse("2028-02-29"))
        XCTAssertNoThrow(try parse("2000-02-29"))
    }

    func test_wrongFormsRefused() {
        let wrong = ["", " ", "tomorrow", "2026/12/01", "2026-12-1", "26-12-01", "20261201", "2026-12-01T17", "2026-12-01T1700",
                     "2026-12-01T17:00:00.5", "2026-12-01X17:00", "2026-12-01T17:00+9", "2026-12-01T17:00+0900",
                     "2026-12-01T17:00+15:00", "2026-12-01T17:00+09:60", "2026-12-01T17:00++1:00", "2026-12-01T17:00+-1:00",
                     "2026-12-01T17:00+09:-5", "2026-12-01T17:00+0a:00", "２０２６-12-01", "2026-12-01T17:00ZZ",
                     "+2026-12-01", "2026-12-01T17:00 +09:00", "2026-12-01+09:00"]
        for s in wrong {
            XCTAssertThrowsError(try parse(s), "'\(s)' should be refused")
        }
    }

    func test_configuredZoneIsUsed_withDaylightSaving() throws {
        let ny = TimeZone(identifier: "America/New_York")!
        XCTAssertEqual(utcText(try parse("2026-07-01T12:00", ny)), "2026-07-01T16:00:00Z")  // EDT
        XCTAssertEqual(utcText(try parse("2026-12-01T12:00", ny)), "2026-12-01T17:00:00Z")  // EST
    }
}

final class CivilTests: XCTestCase {
    func test_epochRoundTrip_acrossCenturiesAndLeapDays() {
        let samples: [Int64] = [0, -1, 86399, 86400, 951_782_400 /* 2000-02-29 */, 1_709_164_800 /* 2024-02-29 */,
                                4_102_444_799, -2_208_988_800 /* 1900-01-01 */, 253_402_300_799 /* 9999-12-31T23:59:59 */]
        for t in samples {
            let c = Civil(epochSeconds: t)
            XCTAssertTrue(c.isValid, "\(t) → \(c)")
            XCTAssertEqual(c.epochSeconds, t, "\(c)")
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let t = Int64.random(in: -2_000_000_000...250_000_000_000, using: &rng)
            let c = Civil(epochSeconds: t)
            XCTAssertEqual(c.epochSeconds, t)
            XCTAssertEqual(Timestamp.parse(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(t))))?.timeIntervalSince1970,
                           TimeInterval(t))
        }
    }

    func test_everyDayOfSomeYearsRoundTripsAndIsConsecutive() {
        for year in [1900, 2000, 2024, 2026, 2100] {
            var expected = Civil(year: year, month: 1, day: 1).epochSeconds
            for month in 1...12 {
                for d in 1...Civil.daysIn(month: month, year: year) {
                    let c = Civil(year: year, month: month, day: d)
                    XCTAssertEqual(c.epochSeconds, expected, "\(c)")
                    XCTAssertEqual(Civil(epochSeconds: expected), c)
                    expected += 86400
                }
            }
            XCTAssertEqual(Civil(epochSeconds: expected), Civil(year: year + 1, month: 1, day: 1))
        }
    }

    func test_knownInstants() {
        XCTAssertEqual(Civil(year: 1970, month: 1, day: 1).epochSeconds, 0)
        XCTAssertEqual(Civil(year: 2026, month: 11, day: 25, hour: 9, minute: 0, second: 0).epochSeconds, 1_795_597_200)
        XCTAssertEqual(Civil(year: 2026, month: 11, day: 25, hour: 9).iso, "2026-11-25T09:00:00")
        XCTAssertEqual(Civil(year: 2026, month: 1, day: 5, hour: 7, minute: 3).minuteText, "2026-01-05 07:03")
        XCTAssertEqual(Civil(year: 2026, month: 1, day: 5).dateText, "2026-01-05")
    }

    func test_leapYearRules() {
        XCTAssertEqual(Civil.daysIn(month: 2, year: 2024), 29)
        XCTAssertEqual(Civil.daysIn(month: 2, year: 2026), 28)
        XCTAssertEqual(Civil.daysIn(month: 2, year: 1900), 28)
        XCTAssertEqual(Civil.daysIn(month: 2, year: 2000), 29)
        XCTAssertFalse(Civil(year: 2026, month: 2, day: 29).isValid)
        XCTAssertTrue(Civil(year: 2028, month: 2, day: 29).isValid)
        XCTAssertFalse(Civil(year: 2026, month: 6, day: 31).isValid)
        XCTAssertFalse(Civil(year: 2026, month: 6, day: 1, hour: 24).isValid)
    }

    func test_zoneConversionsRoundTrip() {
        let d = Date(timeIntervalSince1970: 1_795_597_200)
        XCTAssertEqual(Civil(d, in: tokyo), Civil(year: 2026, month: 11, day: 25, hour: 18))
        XCTAssertEqual(Civil(year: 2026, month: 11, day: 25, hour: 18).instant(in: tokyo), d)
        XCTAssertEqual(d.minuteText(in: tokyo), "2026-11-25 18:00")
        XCTAssertEqual(d.dateText(in: utc), "2026-11-25")
        let ny = TimeZone(identifier: "America/New_York")!
        for h in stride(from: 0, to: 24 * 400, by: 7) {
            let t = Date(timeIntervalSince1970: 1_767_225_600 + TimeInterval(h) * 3600)  // through 2026
            let c = Civil(t, in: ny)
            // Every instant outside the repeated autumn hour comes back to itself.
            let back = c.instant(in: ny)
            XCTAssertTrue(back == t || back == t - 3600, "\(c.iso)")
        }
    }
}

final class TimestampTests: XCTestCase {
    func test_formatIsUTCWholeSeconds() {
        XCTAssertEqual(Timestamp.format(Date(timeIntervalSince1970: 1_795_597_200.9)), "2026-11-25T09:00:00Z")
        XCTAssertEqual(Timestamp.format(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00Z")
    }

    func test_parseOnlyTheExactForm() {
        XCTAssertEqual(Timestamp.parse("2026-11-25T09:00:00Z"), Date(timeIntervalSince1970: 1_795_597_200))
        for s in ["2026-11-25T09:00:00", "2026-11-25T09:00Z", "2026-11-25 09:00:00Z", "2026-11-25T09:00:00+00:00", "2026-02-30T00:00:00Z",
                  "2026-11-25T09:00:00z", " 2026-11-25T09:00:00Z"] {
            XCTAssertNil(Timestamp.parse(s), s)
        }
    }

    func test_recordTimeIsTruncatedToWholeSeconds() {
        let r = Record(seq: 0, at: Date(timeIntervalSince1970: 100.75), actor: "a", prev: Record.genesisHash,
                       change: .useEnded(UseEndData(registration: "x", note: nil)))
        XCTAssertEqual(r.at, Date(timeIntervalSince1970: 100))
    }
}
