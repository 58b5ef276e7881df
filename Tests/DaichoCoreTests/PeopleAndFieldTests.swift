// Enrolment and roles (DOMAIN.md "Who uses it"; least privilege, 002 第128-132条),
// and the validation of every text a person types: no control characters or
// bidirectional overrides that could disguise a record, bounded lengths.

@testable import DaichoCore
import XCTest

final class PeopleTests: XCTestCase {
    func test_initializeMakesTheFirstOfficer() throws {
        let c = try Ledger.initialize(unit: " 第1情報保証隊 ", officer: "kanri", name: "管理 太郎", title: "", rank: "2等陸佐")
        guard case .header(let h) = c else { return XCTFail() }
        XCTAssertEqual(h.unit, "第1情報保証隊")
        XCTAssertEqual(h.officer, PersonData(login: "kanri", name: "管理 太郎", roles: [.officer], title: nil, rank: "2等陸佐"))
        XCTAssertEqual(h.scheme, Ledger.defaultScheme)
        XCTAssertEqual(h.format, Record.formatVersion)
        let f = Fixture.bare()
        XCTAssertEqual(f.ledger.people["kanri"]?.roles, [.officer])
        XCTAssertEqual(f.ledger.unit, "第1情報保証隊")
    }

    func test_initializeValidatesItsFields() {
        func refused(_ expected: DomainError, unit: String = "隊", officer: String = "kanri", name: String = "管理",
                     title: String? = nil, rank: String? = nil, line: UInt = #line) {
            XCTAssertThrowsError(try Ledger.initialize(unit: unit, officer: officer, name: name, title: title, rank: rank), line: line) {
                XCTAssertEqual($0 as? DomainError, expected, line: line)
            }
        }
        refused(.invalidField(.unit, .empty), unit: " ")
        refused(.invalidField(.login, .malformed), officer: "9kanri")
        refused(.invalidField(.login, .empty), officer: "")
        refused(.invalidField(.name, .empty), name: "")
        refused(.invalidField(.name, .controlCharacter), name: "管理\u{1B}]0;x\u{7}")
        refused(.invalidField(.title, .tooLong(max: 100)), title: String(repeating: "官", count: 101))
        refused(.invalidField(.rank, .controlCharacter), rank: "\u{202E}佐")
        refused(.invalidField(.unit, .tooLong(max: 100)), unit: String(repeating: "隊", count: 101))
    }

    func test_enrolDedupesAndSortsRoles_andKeepsOptionalFields() {
        var f = Fixture.bare()
        f.must(.enroll(login: "tanaka", name: " 田中 ", roles: [.supervisor, .clerk, .supervisor], title: "事務官", rank: "", section: "総務班"),
               as: Who.officer)
        let p = f.ledger.people["tanaka"]!
        XCTAssertEqual(p.roles, [.clerk, .supervisor])
        XCTAssertEqual(p.name, "田中")
        XCTAssertEqual(p.title, "事務官")
        XCTAssertNil(p.rank)
        XCTAssertEqual(p.section, "総務班")
        XCTAssertEqual(p.enrolledBy, Who.officer)
        XCTAssertEqual(p.formalName, "総務班 事務官 田中")
        XCTAssertEqual(f.ledger.allPeople.map(\.login), ["kanri", "tanaka"])
    }

    func test_enrolRefusesDuplicatesBadLoginsAndNoRoles() {
        var f = Fixture.staffed()
        f.refuse(.enroll(login: Who.clerk, name: "別人", roles: [.clerk], title: nil, rank: nil, section: nil), as: Who.officer,
                 .alreadyEnrolled(login: Who.clerk))
        f.refuse(.enroll(login: " \(Who.clerk) ", name: "別人", roles: [.clerk], title: nil, rank: nil, section: nil), as: Who.officer,
                 .alreadyEnrolled(login: Who.clerk))
        f.refuse(.enroll(login: "a b", name: "x", roles: [.clerk], title: nil, rank: nil, section: nil), as: Who.officer,
                 .invalidField(.login, .malformed))
        // No roles: the message must speak of roles (not of 取扱制限).
        f.refuse(.enroll(login: "newbie", name: "x", roles: [], title: nil, rank: nil, section: nil), as: Who.officer, .invalidField(.role, .empty))
        XCTAssertTrue(DomainError.invalidField(.role, .empty).message(.ja).contains("役割"))
        f.refuse(.enroll(login: "newbie", name: "", roles: [.clerk], title: nil, rank: nil, section: nil), as: Who.officer,
                 .invalidField(.name, .empty))
        f.refuse(.enroll(login: "newbie", name: "x", roles: [.clerk], title: nil, rank: nil, section: "班\u{9}1"), as: Who.officer,
                 .invalidField(.section, .controlCharacter))
        f.must(.enroll(login: "newbie", name: "x", roles: [.auditor], title: nil, rank: nil, section: nil), as: Who.officer)
    }

    func test_lastOfficerCannotLoseTheRole_DOMAIN() {
        var f = Fixture.bare()
        f.refuse(.setRoles(login: Who.officer, roles: [.clerk]), as: Who.officer, .lastOfficer(login: Who.officer))
        f.refuse(.setRoles(login: Who.officer, roles: []), as: Who.officer, .lastOfficer(login: Who.officer))
        f.must(.setRoles(login: Who.officer, roles: [.officer, .clerk]), as: Who.officer)
        f.must(.enroll(login: Who.officer2, name: "副", roles: [.officer], title: nil, rank: nil, section: nil), as: Who.officer)
        f.must(.setRoles(login: Who.officer, roles: [.clerk]), as: Who.officer)
        XCTAssertEqual(f.ledger.people[Who.officer]?.roles, [.clerk])
        // Now fuku is the last one.
        f.refuse(.setRoles(login: Who.officer2, roles: [.supervisor]), as: Who.officer2, .lastOfficer(login: Who.officer2))
        // And kanri, no longer an officer, may not register media any more.
        f.refuse(.register(NewMedium(kind: .usb, category: .business, classification: .c1)), as: Who.officer,
                 .roleRequired(login: Who.officer, roles: [.officer]))
    }

    func test_setRolesOfUnknownPersonRefused() {
        let f = Fixture.staffed()
        f.refuse(.setRoles(login: "dareka", roles: [.clerk]), as: Who.officer, .unknownPerson(login: "dareka"))
    }
}

final class FieldTextTests: XCTestCase {
    func test_trimsSurroundingSpace_andRefusesEmpty() throws {
        XCTAssertEqual(try FieldText.clean("  台帳  ", .note), "台帳")
        XCTAssertThrowsError(try FieldText.clean("", .note)) { XCTAssertEqual($0 as? DomainError, .invalidField(.note, .empty)) }
        XCTAssertThrowsError(try FieldText.clean("   ", .purpose)) { XCTAssertEqual($0 as? DomainError, .invalidField(.purpose, .empty)) }
        XCTAssertEqual(try FieldText.clean("", .note, required: false), "")
        XCTAssertNil(try FieldText.optional(nil, .note))
        XCTAssertNil(try FieldText.optional("  ", .note))
        XCTAssertEqual(try FieldText.optional(" x ", .note), "x")
    }

    func test_everyFieldEnforcesItsMaxLength_exactlyMaxAcceptedMaxPlusOneRefused() throws {
        for field in Field.allCases where field != .login {
            let ok = String(repeating: "長", count: field.maxLength)
            XCTAssertEqual(try FieldText.clean(ok, field), ok, "\(field)")
            XCTAssertThrowsError(try FieldText.clean(ok + "a", field), "\(field)") {
                XCTAssertEqual($0 as? DomainError, .invalidField(field, .tooLong(max: field.maxLength)))
            }
        }
        XCTAssertEqual(Field.login.maxLength, 32)
        XCTAssertEqual(Field.note.maxLength, 500)
        XCTAssertEqual(Field.purpose.maxLength, 200)
        XCTAssertEqual(Field.name.maxLength, 100)
    }

    func test_lengthIsCountedInCharactersNotBytes() throws {
        // 100 Japanese characters are 300 UTF-8 bytes and fit a 100-character field.
        let name = String(repeating: "漢", count: 100)
        XCTAssertEqual(try FieldText.clean(name, .name), name)
        // A family emoji is one character of several scalars.
        XCTAssertEqual(try FieldText.clean(String(repeating: "👨‍👩‍👧", count: 10), .name).count, 10)
    }

    func test_oneCharacterOfThousandsOfCombiningMarksIsOverLong() {
        // "a" followed by 5000 combining acute accents is one Character: it must not slip past the limit.
        let zalgo = "a" + String(repeating: "\u{301}", count: 5000)
        XCTAssertEqual(zalgo.count, 1)
        XCTAssertThrowsError(try FieldText.clean(zalgo, .name)) {
            XCTAssertEqual($0 as? DomainError, .invalidField(.name, .tooLong(max: 100)))
        }
    }

    func test_controlCharactersRefused_C0_DEL_C1_ESC() {
        let bad: [Unicode.Scalar] = ["\u{0}", "\u{7}", "\u{8}", "\u{9}", "\u{A}", "\u{D}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9B}", "\u{9F}"]
        for u in bad {
            XCTAssertTrue(FieldText.isForbidden(u), String(format: "U+%04X", u.value))
            XCTAssertThrowsError(try FieldText.clean("前\(Character(u))後", .note), String(format: "U+%04X", u.value)) {
                XCTAssertEqual($0 as? DomainError, .invalidField(.note, .controlCharacter))
            }
        }
        // An ANSI escape sequence that would recolour a terminal.
        XCTAssertThrowsError(try FieldText.clean("\u{1B}[2J消去", .purpose)) {
            XCTAssertEqual($0 as? DomainError, .invalidField(.purpose, .controlCharacter))
        }
    }

    func test_bidiOverridesAndLineSeparatorsRefused() {
        for v: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029, 0xFEFF] {
            let u = Unicode.Scalar(v)!
            XCTAssertTrue(FieldText.isForbidden(u), String(format: "U+%04X", v))
            XCTAssertThrowsError(try FieldText.clean("USB\(Character(u))exe.txt", .model), String(format: "U+%04X", v)) {
                XCTAssertEqual($0 as? DomainError, .invalidField(.model, .controlCharacter))
            }
        }
    }

    func test_ordinaryTextAccepted_japaneseFullwidthSpaceQuotes() throws {
        for s in ["第１情報保証隊　本部", "\"quoted\" & <tags> 'x' \\ /", "ＵＳＢメモリ（黒）", "α β γ", "🙂"] {
            XCTAssertEqual(try FieldText.clean(s, .note), s)
        }
        XCTAssertFalse(FieldText.isForbidden(" "))
        XCTAssertFalse(FieldText.isForbidden("\u{3000}"))
    }

    func test_loginSyntax() throws {
        for ok in ["kanri", "_svc", "a", "a.b-c_1", "Tanaka2", String(repeating: "a", count: 32)] {
            XCTAssertEqual(try FieldText.login(ok), ok)
        }
        XCTAssertEqual(try FieldText.login(" kanri "), "kanri")
        for bad in ["1abc", "-a", ".a", "a b", "a@b", "a/b", "田中", "ａｂｃ", "a:b", "a\u{1B}"] {
            XCTAssertThrowsError(try FieldText.login(bad), bad) {
                let e = $0 as? DomainError
                XCTAssertTrue(e == .invalidField(.login, .malformed) || e == .invalidField(.login, .controlCharacter), "\(bad): \(String(describing: e))")
            }
        }
        XCTAssertThrowsError(try FieldText.login(String(repeating: "a", count: 33))) {
            XCTAssertEqual($0 as? DomainError, .invalidField(.login, .tooLong(max: 32)))
        }
        XCTAssertThrowsError(try FieldText.login("")) { XCTAssertEqual($0 as? DomainError, .invalidField(.login, .empty)) }
    }

    func test_everyDomainErrorHasAOneLineMessageInBothLanguages() {
        let errors: [DomainError] = [
            .notInitialized, .alreadyInitialized, .notEnrolled(login: "x"), .roleRequired(login: "x", roles: [.officer, .clerk]),
            .alreadyEnrolled(login: "x"), .unknownPerson(login: "x"), .lastOfficer(login: "x"),
            .invalidField(.note, .empty), .invalidField(.note, .tooLong(max: 5)), .invalidField(.note, .controlCharacter),
            .invalidField(.login, .malformed), .invalidDate(field: nil, input: "x"), .invalidDate(field: .purpose, input: "x"),
            .unknownMedium("x"), .unknownRequest("x"), .unknownRecord(3), .wrongState(registration: "x", status: .lost),
            .disclosableNotWriteProtected, .takeoutForbidden(registration: "x"), .encryptionRequired(registration: "x"),
            .quarantined(registration: "x"), .requestPending(registration: "x", request: "y"), .noApprovedRequest(registration: "x"),
            .requestNotPending(request: "x", state: .approved), .selfApproval(request: "x"), .checksMissing([.encrypted]),
            .untilNotAfterStart, .untilInPast,
        ]
        for e in errors {
            let ja = e.message(.ja), en = e.message(.en)
            XCTAssertFalse(ja.isEmpty); XCTAssertFalse(en.isEmpty)
            XCTAssertFalse(ja.contains("\n") || en.contains("\n"), "\(e)")
            XCTAssertNotEqual(ja, en, "\(e) is not translated")
            XCTAssertTrue(en.unicodeScalars.allSatisfy { $0.isASCII || "持出禁止".unicodeScalars.contains($0) }, "English message has Japanese: \(en)")
        }
        XCTAssertTrue(DomainError.selfApproval(request: "REQ-0001").message(.ja).contains("REQ-0001"))
    }
}
