// Rows of an earlier register (MediaImport.swift): their own numbers kept and never
// reused (001 付紙第4 1(1)ア(ｱ)), every rule of `media register` (1(1)イ, 1(3); 002
// 別表1), each row imported once; and a journal forged to break these is damage.

@testable import DaichoCore
import Foundation
import XCTest

final class ImportTests: XCTestCase {
    let sha = String(repeating: "ab", count: 32)

    func imported(_ reg: String, line: Int, kind: MediumKind = .usb, category: DataCategory = .business,
                  serial: String? = nil, writeProtected: Bool = false, on day: Day? = nil) -> ImportedMedium {
        var n = NewMedium(kind: kind, category: category, classification: .c2)
        n.serial = serial; n.writeProtected = writeProtected
        return ImportedMedium(registration: reg, medium: n, registeredOn: day, file: sha, line: line)
    }

    func test_keepsItsNumber_andTheSchemeCounterMovesPastIt_001_付紙第4_1_1_ア() throws {
        var f = Fixture.staffed()
        let c = f.must(.importMedium(imported("usb-2026-0041", line: 2, on: Day(year: 2020, month: 4, day: 1))), as: Who.officer)
        guard case .mediumRegistered(let d)? = c else { return XCTFail("\(String(describing: c))") }
        XCTAssertEqual(d.registration, "USB-2026-0041")
        XCTAssertEqual(d.origin, "import")
        XCTAssertEqual(d.importFile, sha)
        XCTAssertEqual(d.importLine, 2)
        XCTAssertEqual(d.registeredOn, Day(year: 2020, month: 4, day: 1))
        XCTAssertEqual(f.ledger.nextRegistration(kind: .usb, now: f.now, timeZone: f.tz), "USB-2026-0042")
        // A number of another form is never handed out either: it is in the register.
        f.must(.importMedium(imported("USB-2026-0042", line: 3)), as: Who.officer)
        XCTAssertEqual(f.ledger.nextRegistration(kind: .usb, now: f.now, timeZone: f.tz), "USB-2026-0043")
        XCTAssertEqual(f.ledger.imported(file: sha, line: 2), "USB-2026-0041")
    }

    func test_theRulesOfMediaRegister_andTheNumber() {
        var f = Fixture.staffed()
        f.must(.register(NewMedium(kind: .usb, category: .business, classification: .c2)), as: Who.officer)
        f.must(.importMedium(imported("OLD-1", line: 2, serial: "SN-9")), as: Who.officer)
        // Disclosable ⇒ write-protected (001 付紙第4 1(1)イ).
        f.refuse(.importMedium(imported("OLD-2", line: 3, category: .disclosable)), as: Who.officer, .disclosableNotWriteProtected)
        // One medium, one entry: the serial of another medium of this kind.
        f.refuse(.importMedium(imported("OLD-3", line: 4, serial: " sn-9 ")), as: Who.officer, .duplicateSerial(serial: "sn-9", registration: "OLD-1"))
        // Unique, never reused: a number daicho assigned, or one imported before.
        f.refuse(.importMedium(imported("USB-2026-0001", line: 5)), as: Who.officer, .registrationTaken("USB-2026-0001"))
        f.refuse(.importMedium(imported("old-1", line: 6)), as: Who.officer, .registrationTaken("OLD-1"))
        f.refuse(.importMedium(imported("OLD 7", line: 7)), as: Who.officer, .invalidField(.registration, .malformed))
        f.refuse(.importMedium(imported("OLD-8", line: 8, on: Day(year: 2026, month: 11, day: 26))), as: Who.officer, .dayInFuture("2026-11-26"))
        // The same row of the same file, again.
        f.refuse(.importMedium(imported("OLD-9", line: 2)), as: Who.officer, .alreadyImported(registration: "OLD-1", line: 2))
        // Only the officer keeps the register (001 付紙第4).
        f.refuse(.importMedium(imported("OLD-10", line: 10)), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
    }

    /// A row whose 状態 is not 保管中 is not registered as if it were in storage: an imported medium starts
    /// 保管中, so a destroyed or lost one would be counted missing at every inventory (001 第6), and one in
    /// use or out would skip the check it needs when it comes back (001 第3-3).
    func test_onlyARowInStorageIsBroughtIn_theStatusColumn() throws {
        let c = try MediaImport.columns(headings: ["登録番号", "種別", "データ区分", "格付", "現況"], map: [])
        XCTAssertEqual(c.column(of: .status), 4)
        XCTAssertTrue(c.ignored.isEmpty)
        for v in ["", "保管中", "保管", "stored", "ｓｔｏｒｅｄ", "在庫"] {
            XCTAssertNoThrow(try MediaImport.medium(["OLD-1", "USB", "業務用", "2", v], columns: c, file: sha, line: 2, timeZone: .current), v)
        }
        for v in ["廃棄済", "消去済", "亡失", "使用中", "持出中", "使用禁止", "移管済", "貸出中", "destroyed"] {
            XCTAssertThrowsError(try MediaImport.medium(["OLD-1", "USB", "業務用", "2", v], columns: c, file: sha, line: 2, timeZone: .current)) { e in
                XCTAssertEqual(e as? ImportProblem, .notStored(v))
            }
        }
        // The plan says so for the row, and registers the others.
        let f = Fixture.staffed()
        let plan = f.ledger.planImport(rows: [(2, ["OLD-1", "USB", "業務用", "2", "保管中"]), (3, ["OLD-2", "USB", "業務用", "2", "廃棄済"])],
                                       columns: c, file: sha, now: f.now, timeZone: f.tz)
        guard case .accepted = plan[0].outcome, case .refused(.value(.notStored("廃棄済"))) = plan[1].outcome else { return XCTFail("\(plan)") }
        XCTAssertTrue(ImportProblem.notStored("廃棄済").message(.ja).contains("保管中の媒体だけ"))
    }

    func test_headingsAndValuesInEitherLanguage() throws {
        let c = try MediaImport.columns(headings: ["ＮＯ", "登録番号", "Kind", "data区分", "格付", "Write-Protected", "登録日時", "Category"],
                                        map: [])
        XCTAssertEqual(c.column(of: .registration), 1)
        XCTAssertEqual(c.column(of: .kind), 2)
        XCTAssertEqual(c.column(of: .writeProtected), 5)
        XCTAssertEqual(c.column(of: .registeredOn), 6, "registered_at, as daicho exports it, gives the day")
        XCTAssertEqual(c.column(of: .category), 7)
        XCTAssertEqual(c.ignored, ["ＮＯ", "data区分"])
        XCTAssertThrowsError(try MediaImport.columns(headings: ["登録番号", "種別", "区分", "データ区分", "格付"], map: [])) {
            XCTAssertEqual($0 as? ImportProblem, .duplicateColumn(.category, "区分", "データ区分"))
        }
        // --map wins over a heading that names the same field.
        let m = try MediaImport.columns(headings: ["登録番号", "管理番号", "種別", "データ区分", "格付"], map: [("管理番号", "registration")])
        XCTAssertEqual(m.column(of: .registration), 1)
        XCTAssertEqual(m.ignored, ["登録番号"])

        for (text, kind) in [("USBメモリ", MediumKind.usb), ("ＵＳＢメモリー", .usb), ("usb", .usb), ("USB memory", .usb), ("dvd-r", .dvdR),
                             ("外付けHDD", .hdd), ("その他", .other)] {
            XCTAssertEqual(MediaImport.kinds[MediaImport.key(text)], kind, text)
        }
        XCTAssertEqual(try MediaImport.category("開示可能データ"), .disclosable)
        XCTAssertEqual(try MediaImport.category("business"), .business)
        XCTAssertThrowsError(try MediaImport.category("業務用データ、市販コンテンツ")) { XCTAssertEqual($0 as? ImportProblem, .twoCategories("業務用データ、市販コンテンツ")) }
        XCTAssertEqual(try MediaImport.classification("機密性３"), .c3)
        XCTAssertEqual(try MediaImport.classification("C1"), .c1)
        for yes in ["○", "あり", "yes", "TRUE", "有"] { XCTAssertEqual(try MediaImport.flag(yes, .encrypted), true, yes) }
        for no in ["×", "なし", "no", "false", "", " "] { XCTAssertEqual(try MediaImport.flag(no, .encrypted), false, no) }
        XCTAssertThrowsError(try MediaImport.flag("要確認", .encrypted))
        XCTAssertEqual(try MediaImport.day("2026/4/1", timeZone: tokyo), Day(year: 2026, month: 4, day: 1))
        XCTAssertEqual(try MediaImport.day("平成31年4月30日", timeZone: tokyo), Day(year: 2019, month: 4, day: 30))
        XCTAssertEqual(try MediaImport.day("2026-11-24T15:30:00Z", timeZone: tokyo), Day(year: 2026, month: 11, day: 25))
        XCTAssertThrowsError(try MediaImport.day("平成32年1月1日", timeZone: tokyo), "平成 ended in 2019")
        XCTAssertEqual(MediaImport.restrictions("複製禁止、持出禁止;なし"), ["複製禁止", "持出禁止"])
    }

    func test_aForgedImportRecordIsDamage_whenFolded() throws {
        var f = Fixture.staffed()
        f.must(.importMedium(imported("OLD-1", line: 2)), as: Who.officer)
        func forged(_ d: MediumData) -> String? {
            f.ledger.ruleViolation(Record(seq: f.ledger.nextSeq, at: f.now, actor: Who.officer, prev: "", change: .mediumRegistered(d)))
        }
        var d = MediumData(registration: "OLD-2", kind: .usb, category: .business, classification: .c2, origin: "import",
                           importFile: sha, importLine: 3)
        XCTAssertNil(forged(d))
        d.importLine = 2
        XCTAssertNotNil(forged(d), "the same row imported twice")
        d.importLine = nil
        XCTAssertNotNil(forged(d), "an import that does not say where it came from")
        d.importLine = 3; d.importFile = "not a hash"
        XCTAssertNotNil(forged(d))
        d.importFile = sha; d.registration = "old 2"
        XCTAssertNotNil(forged(d), "a number no label carries")
        d.registration = "OLD-2"; d.registeredOn = Day(year: 2027, month: 1, day: 1)
        XCTAssertNotNil(forged(d), "registered on a day after it was imported")
    }

    func test_planFoldsEachAcceptedRow_soALaterRowRepeatingItIsRefused() throws {
        let f = Fixture.staffed()
        let cols = try MediaImport.columns(headings: ["登録番号", "種別", "データ区分", "格付", "製造番号"], map: [])
        let rows: [(line: Int, cells: [String])] = [(2, ["A-1", "USB", "業務用データ", "2", "S1"]), (3, ["A-2", "USB", "業務用データ", "2", "s1"]),
                                                    (4, ["a-1", "SD", "業務用データ", "2", ""]), (5, ["A-3", "USB", "業務用データ", "9", ""])]
        let plan = f.ledger.planImport(rows: rows, columns: cols, file: sha, now: f.now, timeZone: f.tz)
        XCTAssertEqual(plan.map(\.line), [2, 3, 4, 5])
        guard case .accepted = plan[0].outcome else { return XCTFail("\(plan[0])") }
        XCTAssertEqual(plan[1].outcome, .refused(.rule(.duplicateSerial(serial: "s1", registration: "A-1"))))
        XCTAssertEqual(plan[2].outcome, .refused(.rule(.registrationTaken("A-1"))))
        XCTAssertEqual(plan[3].outcome, .refused(.value(.badValue(.classification, "9"))))
        XCTAssertEqual(f.ledger.media.count, 0, "planning changes nothing")
    }
}
