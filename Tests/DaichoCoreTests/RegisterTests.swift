// Registering media in the 可搬記憶媒体登録簿 (001 付紙第4 1(1)ア(ｱ)): numbers
// unique and never reused, one data category per medium (1(3)), disclosable
// media write-protected (1(1)イ), classification and 取扱制限 (002 別表1).

@testable import DaichoCore
import XCTest

final class RegisterTests: XCTestCase {
    func test_registrationNumberFollowsDefaultScheme_kind_year_n4_001_付紙第4() {
        var f = Fixture.staffed()
        XCTAssertEqual(Ledger.defaultScheme, "{kind}-{year}-{n:4}")
        XCTAssertEqual(f.register(.usb), "USB-2026-0001")
        XCTAssertEqual(f.register(.usb), "USB-2026-0002")
        XCTAssertEqual(f.register(.sd), "SD-2026-0001")
        XCTAssertEqual(f.register(.cdR, .disclosable, writeProtected: true), "CD-2026-0001")
        XCTAssertEqual(f.register(.dvdR), "DVD-2026-0001")
        XCTAssertEqual(f.register(.bdR), "BD-2026-0001")
        XCTAssertEqual(f.register(.hdd), "HDD-2026-0001")
        XCTAssertEqual(f.register(.ssd), "SSD-2026-0001")
        XCTAssertEqual(f.register(.other), "MED-2026-0001")
        XCTAssertEqual(f.register(.usb), "USB-2026-0003")
    }

    func test_yearOfTheNumberIsTheYearInTheConfiguredTimeZone() {
        var f = Fixture.staffed()
        // 2026-12-31T15:30Z is already 2027-01-01 00:30 in Tokyo.
        f.now = Civil(year: 2026, month: 12, day: 31, hour: 15, minute: 30).instant(in: utc)
        XCTAssertEqual(f.register(.usb), "USB-2027-0001")
        XCTAssertEqual(f.ledger.nextRegistration(kind: .usb, now: f.now, timeZone: utc), "USB-2026-0001")
    }

    func test_registrationNumbersNeverReused_evenAfterLoss_001_付紙第4_DOMAIN() {
        var f = Fixture.staffed()
        var seen = Set<String>()
        for i in 0..<30 {
            let reg = f.register(i % 3 == 0 ? .sd : .usb)
            XCTAssertTrue(seen.insert(reg).inserted, "\(reg) reused")
            if i % 4 == 0 { f.must(.reportLost(registration: reg, note: "亡失"), as: Who.officer) }
        }
        XCTAssertEqual(f.ledger.media.count, 30)
        // The last number is never handed out again, even once lost.
        let last = f.register(.usb)
        f.must(.reportLost(registration: last, note: "亡失"), as: Who.officer)
        XCTAssertNotEqual(f.register(.usb), last)
        XCTAssertEqual(f.ledger.nextRegistration(kind: .usb, now: f.now, timeZone: f.tz), "USB-2026-0023")
    }

    func test_counterFollowsTheHighestNumberFolded_soAGapIsNeverFilled() {
        var f = Fixture.staffed()
        // A record carrying a higher number (e.g. written by an older version) moves the counter on.
        f.append(.mediumRegistered(MediumData(registration: "USB-2026-0041", kind: .usb, category: .business, classification: .c1)),
                 by: Who.officer)
        XCTAssertEqual(f.register(.usb), "USB-2026-0042")
        XCTAssertEqual(f.register(.sd), "SD-2026-0001")
    }

    func test_customScheme_isUsed_andMustContainN_DOMAIN_configurableScheme() throws {
        var f = Fixture.bare(scheme: "{kind}{n:3}-{year}")
        XCTAssertEqual(f.register(.usb), "USB001-2026")
        XCTAssertEqual(f.register(.usb), "USB002-2026")
        var g = Fixture.bare(scheme: "台帳{n:6}")
        XCTAssertEqual(g.register(.usb), "台帳000001")
        XCTAssertEqual(g.register(.sd), "台帳000002")
        XCTAssertThrowsError(try Ledger.initialize(unit: "隊", officer: "kanri", name: "管理", title: nil, rank: nil, scheme: "{kind}-{year}")) {
            XCTAssertEqual($0 as? DomainError, .invalidField(.scheme, .malformed))
        }
    }

    func test_disclosableMustBeWriteProtected_001_付紙第4_1_1_イ() {
        var f = Fixture.staffed()
        for kind in MediumKind.allCases {
            f.refuse(.register(NewMedium(kind: kind, category: .disclosable, classification: .c1)), as: Who.officer,
                     .disclosableNotWriteProtected)
        }
        let reg = f.register(.cdR, .disclosable, .c1, writeProtected: true)
        XCTAssertEqual(f.ledger.media[reg]?.data.category, .disclosable)
        XCTAssertEqual(f.ledger.media[reg]?.data.writeProtected, true)
        XCTAssertEqual(DataCategory.disclosable.shortLabel(.ja), "開示")
        // Business and commercial need no write protection.
        _ = f.register(.usb, .business)
        _ = f.register(.dvdR, .commercial)
    }

    func test_restrictionsNormalised_englishAliases_duplicates_order_002_別表1() {
        var f = Fixture.staffed()
        // A local restriction is declared by the officer before it is used (002 別表1 「その他」).
        f.must(.configure(key: "restriction.部内限り", value: "none"), as: Who.officer)
        let reg = f.register(restrictions: ["読後廃棄", "no-copy", " NO-TAKEOUT ", "複製禁止", "Encryption-Required", "no-distribution",
                                            "destroy-after-reading", "部内限り", "持出禁止"], encrypted: true)
        XCTAssertEqual(f.ledger.media[reg]?.data.restrictions.map(\.rawValue),
                       ["複製禁止", "持出禁止", "配布禁止", "暗号化必須", "読後廃棄", "部内限り"])
        XCTAssertTrue(f.ledger.media[reg]!.has(.noTakeout))
    }

    func test_everyStandardRestrictionHasAnAlias_002_別表1() {
        XCTAssertEqual(Set(Restriction.aliases.values), Set(Restriction.standard))
        XCTAssertEqual(Restriction.standard.map(\.rawValue), ["複製禁止", "持出禁止", "配布禁止", "暗号化必須", "読後廃棄"])
        XCTAssertEqual(Restriction.noTakeout.label(.en), "no-takeout")
        XCTAssertEqual(Restriction(rawValue: "部内限り").label(.en), "部内限り")
    }

    func test_restrictionTextIsValidated() {
        let f = Fixture.staffed()
        var n = NewMedium(kind: .usb, category: .business, classification: .c2)
        n.restrictions = ["複製禁止", " "]
        f.refuse(.register(n), as: Who.officer, .invalidField(.restriction, .empty))
        n.restrictions = ["\u{1B}[31m赤"]
        f.refuse(.register(n), as: Who.officer, .invalidField(.restriction, .controlCharacter))
        n.restrictions = [String(repeating: "制", count: Field.restriction.maxLength + 1)]
        f.refuse(.register(n), as: Who.officer, .invalidField(.restriction, .tooLong(max: Field.restriction.maxLength)))
    }

    func test_registeredFieldsAreKept_andOptionalBlankIsNil_001_付紙第4() {
        var f = Fixture.staffed()
        var n = NewMedium(kind: .ssd, category: .business, classification: .c3)
        n.model = " SSD-X1 "; n.serial = "SN-123"; n.capacity = "1TB"; n.location = "   "; n.encrypted = true; n.secret = true
        guard case .mediumRegistered(let d)? = f.must(.register(n), as: Who.officer) else { return XCTFail() }
        XCTAssertEqual(d.model, "SSD-X1")
        XCTAssertEqual(d.serial, "SN-123")
        XCTAssertEqual(d.capacity, "1TB")
        XCTAssertNil(d.location)
        XCTAssertTrue(d.encrypted)
        XCTAssertTrue(d.secret)
        XCTAssertEqual(d.classification, .c3)
        XCTAssertEqual(d.origin, "new")
        let m = f.ledger.media[d.registration]!
        XCTAssertEqual(m.status, .stored)
        XCTAssertEqual(m.registeredBy, Who.officer)
        XCTAssertEqual(m.registeredAt, f.now)
        XCTAssertNil(m.lastScan)
    }

    func test_registerFieldsValidated_controlCharactersAndLength() {
        let f = Fixture.staffed()
        var n = NewMedium(kind: .usb, category: .business, classification: .c1)
        n.model = "X\u{202E}gpj.exe"
        f.refuse(.register(n), as: Who.officer, .invalidField(.model, .controlCharacter))
        n.model = nil; n.serial = String(repeating: "9", count: 101)
        f.refuse(.register(n), as: Who.officer, .invalidField(.serial, .tooLong(max: 100)))
        n.serial = nil; n.location = "ロッカー\u{0}1"
        f.refuse(.register(n), as: Who.officer, .invalidField(.location, .controlCharacter))
        n.location = nil; n.capacity = "1\u{7F}GB"
        f.refuse(.register(n), as: Who.officer, .invalidField(.capacity, .controlCharacter))
    }

    func test_lookupByRegistrationIgnoresCaseAndSurroundingSpace() throws {
        var f = Fixture.staffed()
        let reg = f.register()
        XCTAssertEqual(try f.ledger.medium(" usb-2026-0001 ").registration, reg)
        XCTAssertThrowsError(try f.ledger.medium("USB-2026-0099")) { XCTAssertEqual($0 as? DomainError, .unknownMedium("USB-2026-0099")) }
        f.refuse(.startUse(registration: "USB-9999-0001", purpose: "x", place: nil, until: nil), as: Who.clerk, .unknownMedium("USB-9999-0001"))
    }
}
