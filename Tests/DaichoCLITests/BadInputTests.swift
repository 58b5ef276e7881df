// Bad input of every kind: a one-line reason on stderr, a non-zero exit, nothing
// on stdout, and journal.jsonl byte-for-byte unchanged (the contract).

import Foundation
import XCTest

final class BadInputTests: CLITestCase {
    /// A unit with a stored medium (USB-2026-0001), one in use (USB-2026-0002) and a pending request REQ-0001 on USB-2026-0003.
    private func world() {
        setUpUnit()
        XCTAssertEqual(register(), "USB-2026-0001")
        XCTAssertEqual(register(), "USB-2026-0002")
        ok(["use", "start", "USB-2026-0002", "--purpose", "作業"], as: "tanaka")
        XCTAssertEqual(register(), "USB-2026-0003")
        XCTAssertEqual(request("USB-2026-0003"), "REQ-0001")
    }

    func test_wrongState() {
        world()
        refused(["use", "end", "USB-2026-0001"], as: "tanaka", contains: "USB-2026-0001")
        refused(["use", "start", "USB-2026-0002", "--purpose", "作業"], as: "sato")
        refused(["takeout", "return", "USB-2026-0001"], as: "tanaka")
        refused(["takeout", "depart", "USB-2026-0003"], as: "tanaka")
        refused(["media", "scan", "USB-2026-0002", "--result", "clean"], as: "tanaka")
        ok(["reject", "REQ-0001", "--reason", "不要"], as: "kanri")
        refused(["approve", "REQ-0001", "--confirm", Self.checks], as: "fuku")
    }

    func test_unknownRegistrationOrRequest() {
        world()
        refused(["use", "start", "USB-2026-0099", "--purpose", "作業"], as: "tanaka", contains: "USB-2026-0099")
        refused(["media", "show", "USB-2026-0099"], as: "tanaka")
        refused(["media", "scan", "NOPE", "--result", "clean"], as: "tanaka")
        refused(["approve", "REQ-0099", "--confirm", Self.checks], as: "kanri", contains: "REQ-0099")
        refused(["reject", "REQ-0099", "--reason", "x"], as: "kanri")
    }

    func test_missingRoleOrNotEnrolled() {
        world()
        refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "1"], as: "tanaka")
        refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "1"], as: "suzuki")
        refused(["people", "add", "x", "--name", "x", "--role", "clerk"], as: "tanaka")
        refused(["use", "start", "USB-2026-0001", "--purpose", "作業"], as: "kansa")
        refused(["use", "start", "USB-2026-0001", "--purpose", "作業"], as: "suzuki")
        refused(["use", "start", "USB-2026-0001", "--purpose", "作業"], as: "nanashi", contains: "nanashi")
        refused(["media", "list"], as: "nanashi")
        refused(["approve", "REQ-0001", "--confirm", Self.checks], as: "suzuki")
    }

    func test_selfApproval_002_第19条() {
        world()
        let id = request("USB-2026-0001", as: "kanri")
        refused(["approve", id, "--confirm", Self.checks], as: "kanri", contains: id)
    }

    func test_emptyAndBlankFields() {
        world()
        refused(["use", "start", "USB-2026-0001", "--purpose", ""], as: "tanaka")
        refused(["use", "start", "USB-2026-0001", "--purpose", "   "], as: "tanaka")
        refused(["takeout", "request", "USB-2026-0001", "--destination", "", "--purpose", "会議", "--until", "2026-11-30"], as: "tanaka")
        refused(["media", "lost", "USB-2026-0001", "--note", ""], as: "tanaka")
        refused(["people", "add", "newbie", "--name", "", "--role", "clerk"], as: "kanri")
        refused(["people", "add", "newbie", "--name", "新人", "--role", ""], as: "kanri")
        refused(["reject", "REQ-0001", "--reason", ""], as: "kanri")
    }

    func test_overLongFields_perFieldMaxLength() {
        world()
        refused(["use", "start", "USB-2026-0001", "--purpose", String(repeating: "目", count: 201)], as: "tanaka")
        refused(["use", "start", "USB-2026-0001", "--purpose", "作業", "--where", String(repeating: "w", count: 201)], as: "tanaka")
        refused(["people", "add", "newbie", "--name", String(repeating: "名", count: 101), "--role", "clerk"], as: "kanri")
        refused(["people", "add", String(repeating: "a", count: 33), "--name", "x", "--role", "clerk"], as: "kanri")
        refused(["media", "lost", "USB-2026-0001", "--note", String(repeating: "n", count: 501)], as: "tanaka")
        refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "1", "--model", String(repeating: "m", count: 101)],
                as: "kanri")
        refused(["reject", "REQ-0001", "--reason", "a" + String(repeating: "\u{301}", count: 2000)], as: "kanri")
        // Exactly the limit is fine.
        ok(["use", "start", "USB-2026-0001", "--purpose", String(repeating: "目", count: 200)], as: "tanaka")
    }

    func test_controlCharacters_escBidiNewlineTab() {
        world()
        for bad in ["\u{1B}[31m赤", "会議\u{202E}exe", "a\nb", "a\tb", "a\rb", "\u{7}", "a\u{85}b", "a\u{2066}b", "x\u{1}y"] {
            refused(["use", "start", "USB-2026-0001", "--purpose", bad], as: "tanaka")
            refused(["takeout", "request", "USB-2026-0001", "--destination", bad, "--purpose", "会議", "--until", "2026-11-30"], as: "tanaka")
            refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "1", "--location", bad], as: "kanri")
        }
        refused(["people", "add", "newbie", "--name", "新\u{1B}]0;pwned\u{7}人", "--role", "clerk"], as: "kanri")
    }

    func test_controlCharactersInAnIdentifierStillGiveOneCleanLine() {
        world()
        // The registration number is echoed in the message: it must not break the line or colour the terminal.
        refused(["use", "end", "USB\nINJECTED"], as: "tanaka")
        refused(["use", "end", "USB\u{1B}[2J"], as: "tanaka")
        refused(["approve", "REQ\r\n-0001", "--confirm", Self.checks], as: "kanri")
        refused(["media", "show", "X\u{1B}]0;title\u{7}"], as: "kanri")
    }

    func test_invalidUTF8BytesInAnArgument() {
        world()
        let before = s.journal()
        for bytes: [UInt8] in [[0xFF, 0xFE], [0xE5, 0x8F], [0xC0, 0xAF], [0x61, 0x80, 0x62], [0xED, 0xA0, 0x80]] {
            let args: [[UInt8]] = [Array("use".utf8), Array("start".utf8), Array("USB-2026-0001".utf8), Array("--purpose".utf8), bytes,
                                   Array("--data".utf8), Array(s.data.utf8), Array("--as".utf8), Array("tanaka".utf8)]
            checkRefusal(s.runRaw(args), before: before, what: "invalid UTF-8 \(bytes)")
            let reg: [[UInt8]] = [Array("use".utf8), Array("end".utf8), [0x55, 0x53, 0x42, 0xFF],
                                  Array("--data".utf8), Array(s.data.utf8), Array("--as".utf8), Array("tanaka".utf8)]
            checkRefusal(s.runRaw(reg), before: before, what: "invalid UTF-8 registration \(bytes)")
        }
    }

    func test_malformedDates() {
        world()
        for bad in ["2026-02-30", "tomorrow", "2026/12/01", "2026-12-01T25:00", "2026-13-01", "12/01", "", "2026-12-01T17:00+9"] {
            refused(["use", "start", "USB-2026-0001", "--purpose", "作業", "--until", bad], as: "tanaka")
            refused(["takeout", "request", "USB-2026-0001", "--destination", "本部", "--purpose", "会議", "--until", bad], as: "tanaka")
        }
        let r = refused(["takeout", "request", "USB-2026-0001", "--destination", "本部", "--purpose", "会議", "--until", "2026-02-30"], as: "tanaka")
        XCTAssertTrue(r.stderr.contains("2026-02-30"), r.stderr)
        XCTAssertFalse(r.stderr.contains("持出先"), "the date is not the destination: \(r.stderr)")
        let u = refused(["use", "start", "USB-2026-0001", "--purpose", "作業", "--until", "tomorrow", "--lang", "en"], as: "tanaka")
        XCTAssertFalse(u.stderr.contains("purpose"), "the date is not the purpose: \(u.stderr)")
    }

    func test_datesInThePastOrBeforeTheStart() {
        world()
        refused(["use", "start", "USB-2026-0001", "--purpose", "作業", "--until", "2026-11-25T08:59"], as: "tanaka")
        refused(["takeout", "request", "USB-2026-0001", "--destination", "本部", "--purpose", "会議", "--until", "2026-11-24"], as: "tanaka")
        refused(["takeout", "request", "USB-2026-0001", "--destination", "本部", "--purpose", "会議", "--from", "2026-12-02", "--until",
                 "2026-12-01T12:00"], as: "tanaka")
    }

    func test_badChoicesAndMissingOptions() {
        world()
        refused(["media", "register", "--kind", "floppy", "--category", "business", "--class", "1"], as: "kanri")
        refused(["media", "register", "--kind", "usb", "--category", "secret", "--class", "1"], as: "kanri")
        refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "4"], as: "kanri")
        refused(["media", "register", "--kind", "usb", "--category", "business"], as: "kanri")
        refused(["media", "scan", "USB-2026-0001", "--result", "maybe"], as: "tanaka")
        refused(["media", "list", "--status", "missing"], as: "tanaka")
        refused(["people", "add", "newbie", "--name", "新人", "--role", "admin"], as: "kanri")
        refused(["people", "add", "1newbie", "--name", "新人", "--role", "clerk"], as: "kanri")
        refused(["people", "add", "tanaka", "--name", "二重", "--role", "clerk"], as: "kanri")
        refused(["approve", "REQ-0001", "--confirm", "data-minimal,looked-fine"], as: "kanri")
        refused(["export", "--what", "everything", "--format", "csv"], as: "kanri")
        refused(["use", "start", "USB-2026-0001"], as: "tanaka")
        refused(["frobnicate"], as: "kanri")
        refused(["media", "list", "--as", "a b"])
        refused(["init", "--unit", "別の隊", "--officer", "x", "--name", "x"], contains: "既に")
    }

    func test_noLedgerYet_andInitValidatesItsFields() {
        refused(["init", "--unit", "隊\u{1B}[31m", "--officer", "kanri", "--name", "管理"])
        refused(["init", "--unit", "", "--officer", "kanri", "--name", "管理"])
        refused(["init", "--unit", "隊", "--officer", "9kanri", "--name", "管理"])
        refused(["init", "--unit", "隊", "--officer", "kanri", "--name", String(repeating: "名", count: 101)])
        refused(["init", "--unit", "隊", "--officer", "kanri", "--name", "管理", "--scheme", "{kind}-{year}"])
        refused(["media", "list"], as: "kanri")
        refused(["media", "register", "--kind", "usb", "--category", "business", "--class", "1"], as: "kanri")
        refused(["verify"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: s.journalPath))
    }

    func test_lastOfficerCannotLoseTheRole() {
        setUpUnit()
        ok(["people", "roles", "fuku", "--role", "clerk"], as: "kanri")
        refused(["people", "roles", "kanri", "--role", "clerk"], as: "kanri")
    }
}
