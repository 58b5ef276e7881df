// Ledger text reaching the terminal, an export or paper is neutralised: a
// journal written by an older version or another unit may hold control
// characters, escape sequences and bidi overrides in any text (the fold does
// not refuse text, only broken rules). Tables show them as \u{1B}; JSON keeps
// the value but escapes it (\u001b); CSV shows them as text.

@testable import DaichoCore
import DaichoJournal
import Foundation
import XCTest

final class NeutralisedOutputTests: FixtureCase {
    static let evil = "\u{1B}[2J\u{1B}]0;owned\u{07}赤\u{202E}txt.exe\u{9B}31m\u{7F}\r\nnext"

    /// Raw scalars no output may carry (a newline is fine between lines of output, never inside a value).
    func assertClean(_ o: ProcResult, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(o.status, 0, "\(what): \(o)", file: file, line: line)
        // CSV separates its records with CRLF (RFC 4180), and starts with the byte-order mark Excel needs
        // (ExportCommand.swift): those are the format's, not a value's.
        var text = what.hasSuffix("csv") ? o.stdout.replacingOccurrences(of: "\r\n", with: "\n") : o.stdout
        if what.hasSuffix("csv") {
            XCTAssertTrue(text.hasPrefix("\u{FEFF}"), "\(what): CSV starts with its byte-order mark", file: file, line: line)
            text = String(text.dropFirst())
        }
        let bad = text.unicodeScalars.filter { $0 != "\n" && FieldText.isForbidden($0) }
        XCTAssertTrue(bad.isEmpty, "\(what) passes on \(bad.map { String($0.value, radix: 16) })", file: file, line: line)
        XCTAssertFalse(o.stdout.contains("owned\n") || o.stdout.contains("\nnext"), "\(what): a value broke its line", file: file, line: line)
    }

    func test_controlsInLedgerTextAreNeutralisedInEveryOutput() throws {
        guard Bin.daicho != nil else { throw XCTSkip("no daicho binary") }
        _ = try fixture()
        var rs = try lines(place.journal()).map { try Record.decode(line: $0) }
        let evil = Self.evil
        func add(_ actor: String, _ c: Change) { rs.append(Record(seq: rs.count, at: epoch + 7200, actor: actor, prev: "", change: c)) }
        add("kanri", .mediumRegistered(MediumData(registration: "USB-2026-0666", kind: .usb, category: .business, classification: .c2,
                                                  restrictions: [Restriction(rawValue: evil)], model: evil, serial: evil, capacity: evil, location: evil)))
        add("tanaka", .useStarted(UseStartData(registration: "USB-2026-0666", purpose: evil, place: evil, until: nil,
                                               scan: UseScanData(result: .clean, product: evil))))
        add("kanri", .personEnrolled(PersonData(login: "ext", name: evil, roles: [.clerk], title: evil, rank: evil, section: evil)))
        add("tanaka", .takeoutRequested(TakeoutRequestData(request: "REQ-0666", registration: "USB-2026-0001", destination: evil, purpose: evil,
                                                           from: epoch + 7200, until: epoch + 86400 * 3, transport: evil)))
        place.write(chained(rs))
        XCTAssertNil(try Journal(directory: place.data).damage, "the text itself is not damage")

        for args in [["media", "list"], ["media", "show", "USB-2026-0666"], ["use", "list"], ["takeout", "list"], ["people", "list"],
                     ["log"], ["approvals"]] {
            assertClean(place.daicho(args, as: "kanri"), args.joined(separator: " "))
            assertClean(place.daicho(args + ["--json"], as: "kanri"), args.joined(separator: " ") + " --json")
        }
        for what in ["media", "uses", "takeouts"] {
            for format in ["csv", "json"] {
                assertClean(place.daicho(["export", "--what", what, "--format", format], as: "kansa"), "export \(what) \(format)")
            }
        }
        // JSON keeps the value itself: parsed back, it is the text as recorded.
        let json = place.daicho(["media", "show", "USB-2026-0666", "--json"], as: "kansa")
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: json.out) as? [String: Any])
        XCTAssertEqual(o["location"] as? String, evil)
        XCTAssertTrue(json.stdout.contains("\\u001b") && json.stdout.contains("\\u202e"), json.stdout)
        // CSV shows it as text, one record per line.
        let csv = place.daicho(["export", "--what", "media", "--format", "csv"], as: "kansa").stdout
        XCTAssertTrue(csv.contains("\\u{1B}[2J") && csv.contains("\\u{202E}"), csv)
        XCTAssertEqual(csv.components(separatedBy: "\r\n").count, 1 + 3 + 1, "a header and three media, each line ending in CRLF")
    }
}
