// The spreadsheet a unit already keeps, brought in (`daicho import media`), and
// the books going out to Excel (`daicho export` as CSV with a BOM or in CP932,
// and as .xlsx). Registration numbers are kept as the labels carry them and are
// never reused (001 付紙第4 1(1)ア(ｱ)); every row passes the rules of `media
// register` (1(1)イ, 1(3); 002 別表1).

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Files for the tests: written into the sandbox, in UTF-8 (with or without a BOM) or CP932 (by the system's iconv).
extension CLITestCase {
    func writeFile(_ name: String, _ text: String, bom: Bool = false, cp932: Bool = false) -> String {
        let path = s.root + "/" + name
        var data = Data(text.utf8)
        if cp932 { data = iconv(data, from: "UTF-8", to: "CP932") }
        if bom { data = Data([0xEF, 0xBB, 0xBF]) + data }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: data))
        return path
    }

    /// `iconv -f FROM -t TO` of the system, independent of daicho's own conversion.
    func iconv(_ data: Data, from: String, to: String) -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        p.arguments = ["-f", from, "-t", to]
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output
        try! p.run()
        input.fileHandleForWriting.write(data)
        try! input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "iconv failed")
        return out
    }

    /// `import media ARGS --json`; `status` nil: either 0 or 1 (refused rows).
    func importJSON(_ args: [String], as login: String = "kanri", status: Int32? = 0,
                    file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let r = s.run(["import", "media"] + args + ["--json"], as: login)
        if let status { XCTAssertEqual(r.status, status, "\(r)", file: file, line: line) } else {
            XCTAssertTrue(r.status == 0 || r.status == 1, "\(r)", file: file, line: line)
        }
        return try r.object()
    }

    func rows(_ o: [String: Any]) -> [[String: Any]] { o["rows"] as? [[String: Any]] ?? [] }
    func counts(_ o: [String: Any]) -> [String: Int] { o["counts"] as? [String: Int] ?? [:] }
}

final class ImportCLITests: CLITestCase {
    /// A register as Japanese Excel saves it as "CSV UTF-8": BOM, CRLF, a title row above the headings, a
    /// quoted cell with a comma and one with a line break (in a column daicho does not read).
    static let japaneseRegister = [
        "USBメモリ管理台帳,,,,,,,,,,,,",
        ",,,,,,,,,,,,",
        "登録番号,種別,型式,製造番号,容量,データ区分,格付,取扱制限,保管場所,暗号化,追記禁止,登録日,備考",
        "USB-2026-0042,USBメモリ,\"TS-32G, 黒\",SN-001,32GB,業務用データ,機密性2,複製禁止;持出禁止,ロッカー1,○,×,2026/4/1,",
        "ＤＶＤ－００７,DVD-R,,,4.7GB,開示可能データ,機密性1,,ロッカー2,なし,あり,令和8年5月10日,\"広報用\r\n2枚目\"",
        "SD-2026-0003,SDカード,,SN-SD-9,16GB,市販コンテンツ,2,,,,,平成30年4月1日,",
    ].joined(separator: "\r\n") + "\r\n"

    func test_japaneseRegisterWithBOM_dryRunThenCommitKeepsNumbers_thenTwiceNothing_001_付紙第4() throws {
        setUpUnit()
        let path = writeFile("台帳.csv", Self.japaneseRegister, bom: true)
        let before = s.journal()

        // The dry run writes nothing and says what would be registered, with the lines of the file.
        let dry = try importJSON([path])
        XCTAssertEqual(s.journal(), before, "a dry run writes nothing")
        XCTAssertEqual(dry["encoding"] as? String, "utf-8")
        XCTAssertEqual(dry["bom"] as? Bool, true)
        XCTAssertEqual(dry["heading_line"] as? Int, 3)
        XCTAssertEqual(counts(dry), ["accepted": 3, "already": 0, "refused": 0, "registered": 0])
        XCTAssertEqual(rows(dry).map { $0["line"] as? Int }, [4, 5, 7], "the DVD row spans lines 5 and 6")
        XCTAssertEqual(rows(dry).map { $0["registration"] as? String }, ["USB-2026-0042", "DVD-007", "SD-2026-0003"])
        let first = try XCTUnwrap(rows(dry)[0]["medium"] as? [String: Any])
        XCTAssertEqual(first["kind"] as? String, "usb")
        XCTAssertEqual(first["model"] as? String, "TS-32G, 黒")
        XCTAssertEqual(first["restrictions"] as? [String], ["複製禁止", "持出禁止"])
        XCTAssertEqual(first["encrypted"] as? Bool, true)
        XCTAssertEqual(first["registered_on"] as? String, "2026-04-01")
        XCTAssertEqual((rows(dry)[2]["medium"] as? [String: Any])?["registered_on"] as? String, "2018-04-01")
        XCTAssertEqual(dry["ignored_columns"] as? [String], ["備考"])
        let text = ok(["import", "media", path], as: "kanri").stdout
        XCTAssertTrue(text.contains("登録可 3件") && text.contains("--commit"), text)

        // Only the officer registers (001 付紙第4: the officer keeps the register).
        refused(["import", "media", path, "--commit"], as: "tanaka", contains: "権限")

        let done = try importJSON([path, "--commit"])
        XCTAssertEqual(counts(done)["registered"], 3)
        XCTAssertEqual(s.journalLines().count, before.split(separator: 0x0A).count + 3, "one record per row")
        let dvd = try show("DVD-007")
        XCTAssertEqual(dvd["category"] as? String, "disclosable")
        XCTAssertEqual(dvd["write_protected"] as? Bool, true)
        XCTAssertEqual(dvd["origin"] as? String, "import")
        let usb = try show("USB-2026-0042")
        XCTAssertEqual(usb["location"] as? String, "ロッカー1")
        let line = try XCTUnwrap(s.journalLines().last.map { String(decoding: $0, as: UTF8.self) })
        XCTAssertTrue(line.contains("\"origin\":\"import\"") && line.contains("\"import_line\":7") && line.contains("\"registered_on\":\"2018-04-01\""), line)
        XCTAssertTrue(line.contains("\"import_sha256\":\"\(dry["sha256"] as! String)\""), line)
        XCTAssertEqual(try ok(["verify", "--json"]).object()["ok"] as? Bool, true)

        // The scheme's counter never hands out a number an import used: the next USB is 0043.
        XCTAssertEqual(register(), "USB-2026-0043")
        XCTAssertEqual(register(kind: "sd"), "SD-2026-0004")

        // The same file again registers nothing: every row is already there.
        let journal = s.journal()
        let again = try importJSON([path, "--commit"])
        XCTAssertEqual(counts(again), ["accepted": 0, "already": 3, "refused": 0, "registered": 0])
        XCTAssertEqual(s.journal(), journal)
    }

    func test_englishHeadingsInCP932_andMap_andUTF8WithoutBOM() throws {
        setUpUnit()
        // Japanese Excel's plain "CSV" is CP932; English headings as daicho's export writes them, and a column
        // daicho does not know, named with --map.
        let csv = "管理番号,kind,category,class,serial,location,write_protected,encrypted\r\n"
            + "HDD-0001,hdd,business,3,ＷＤ－１２３,金庫①,false,true\r\n"
            + "CD-0010,cd-r,disclosable,1,,書庫,yes,no\r\n"
        let path = writeFile("sjis.csv", csv, cp932: true)
        refused(["import", "media", path], as: "kanri", contains: "registration")
        let o = try importJSON([path, "--map", "管理番号=registration"])
        XCTAssertEqual(o["encoding"] as? String, "cp932")
        XCTAssertEqual(counts(o)["accepted"], 2, "\(o)")
        XCTAssertEqual((rows(o)[0]["medium"] as? [String: Any])?["location"] as? String, "金庫①", "CP932's NEC extensions are read")
        XCTAssertEqual((o["columns"] as? [String: String])?["registration"], "管理番号")
        // The Japanese heading works as the field name too.
        XCTAssertEqual(counts(try importJSON([path, "--map", "管理番号=登録番号"]))["accepted"], 2)
        XCTAssertEqual(counts(try importJSON([path, "--map", "管理番号=registration", "--encoding", "cp932", "--commit"]))["registered"], 2)
        XCTAssertEqual(try show("HDD-0001")["serial"] as? String, "WD-123", "full-width text is read half-width")

        let plain = writeFile("utf8.csv", "registration,kind,category,class\nusb-0100,usb,business,2\n")
        let p = try importJSON([plain])
        XCTAssertEqual(p["encoding"] as? String, "utf-8")
        XCTAssertEqual(p["bom"] as? Bool, false)
        XCTAssertEqual(rows(p).first?["registration"] as? String, "USB-0100", "numbers are kept in capitals (the scanner's lookup ignores case)")
    }

    func test_everyKindOfBadRowIsRefusedWithItsLineAndReason_001_付紙第4_002_別表1() throws {
        setUpUnit()
        let existing = register(["--serial", "SN-TAKEN"])
        let csv = [
            "登録番号,種別,データ区分,格付,製造番号,追記禁止,暗号化,登録日,取扱制限",
            "OK-0001,USBメモリ,業務用データ,機密性2,SN-1,,,,",                     // 2 accepted
            "OK-0002,フロッピー,業務用データ,2,,,,,",                              // 3 unknown kind
            "OK-0003,USB,業務用データ;開示可能データ,2,,,,,",                        // 4 two categories (1(3))
            "OK-0004,USB,開示可能データ,1,,なし,,,",                                // 5 disclosable, not write-protected (1(1)イ)
            "OK-0005,USB,業務用データ,2,sn-taken,,,,",                             // 6 serial of a registered medium
            "OK-0006,USB,業務用データ,2,SN-1,,,,",                                 // 7 serial of line 2
            "\(existing),USB,業務用データ,2,,,,,",                                 // 8 number in use
            "OK-0001,SD,業務用データ,2,,,,,",                                      // 9 number of line 2
            "USB 0009,USB,業務用データ,2,,,,,",                                    // 10 not a label's number
            "登録-10,USB,業務用データ,2,,,,,",                                      // 11 not a label's number
            "OK-0011,USB,業務用データ,,,,,,",                                      // 12 no class
            "OK-0012,USB,業務用データ,機密性4,,,,,",                                // 13 no such class
            "OK-0013,USB,業務用データ,2,,,たぶん,,",                                 // 14 not a flag
            "OK-0014,USB,業務用データ,2,,,,2027-01-01,",                           // 15 registered in the future
            "OK-0015,USB,業務用データ,2,,,,,",                                     // 16 accepted
            ",USB,業務用データ,2,,,,,",                                            // 17 no number
            "OK-0017,USB,業務用データ,2,,,,,,余分",                                  // 18 more cells than headings
        ].joined(separator: "\n")
        let path = writeFile("bad.csv", csv)
        let before = s.journal()
        let o = try importJSON([path], status: 1)
        XCTAssertEqual(s.journal(), before)
        let byLine = Dictionary(uniqueKeysWithValues: rows(o).map { ($0["line"] as! Int, $0) })
        func refusedLine(_ n: Int, _ needle: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(byLine[n]?["result"] as? String, "refused", "line \(n): \(String(describing: byLine[n]))", file: file, line: line)
            let reason = byLine[n]?["reason"] as? String ?? ""
            XCTAssertTrue(reason.contains(needle), "line \(n): '\(reason)' lacks '\(needle)'", file: file, line: line)
        }
        XCTAssertEqual(byLine[2]?["result"] as? String, "accepted")
        XCTAssertEqual(byLine[16]?["result"] as? String, "accepted")
        refusedLine(3, "種別「フロッピー」")
        refusedLine(4, "データ区分は1つ")
        refusedLine(5, "追記禁止")
        refusedLine(6, existing)
        refusedLine(7, "OK-0001")
        refusedLine(8, "既に使われて")
        refusedLine(9, "既に使われて")
        refusedLine(10, "ラベル")
        refusedLine(11, "ラベル")
        refusedLine(12, "格付が空")
        refusedLine(13, "機密性4")
        refusedLine(14, "たぶん")
        refusedLine(15, "未来")
        refusedLine(17, "登録番号が空")
        refusedLine(18, "多い1個")
        XCTAssertEqual(counts(o), ["accepted": 2, "already": 0, "refused": 15, "registered": 0])

        // The text form lists each refused row with its line; stderr says how many, in one line.
        let t = s.run(["import", "media", path], as: "kanri")
        XCTAssertEqual(t.status, 1)
        XCTAssertTrue(t.stdout.contains("13  OK-0012") && t.stdout.contains("不可"), t.stdout)
        XCTAssertEqual(t.stderrLines.count, 1, t.stderr)
        XCTAssertTrue(t.stderr.contains("15件"), t.stderr)
        let en = s.run(["import", "media", path, "--lang", "en"], as: "kanri")
        XCTAssertTrue(en.stdout.contains("one data category per medium") && en.stderr.contains("15 rows refused"), "\(en)")

        // --commit registers the accepted rows only, and still says what it refused.
        let c = try importJSON([path, "--commit"], status: 1)
        XCTAssertEqual(counts(c)["registered"], 2)
        XCTAssertEqual(try status("OK-0001"), "stored")
        XCTAssertEqual(try status("OK-0015"), "stored")
        XCTAssertEqual(s.run(["media", "show", "OK-0004"], as: "kansa").status, 1)
    }

    func test_restrictionsAreCheckedAsMediaRegisterChecksThem_002_別表1() throws {
        // One rule for every registration: whatever `media register --restrict` accepts or refuses, the import does too.
        setUpUnit()
        for value in ["複製禁止", "no-takeout", "部外秘扱い", "暗号化必須"] {
            let path = writeFile("r.csv", "登録番号,種別,データ区分,格付,取扱制限\nR-\(value.count),USB,業務用データ,2,\(value)\n")
            let o = try importJSON([path], status: nil)
            let viaRegister = s.run(["media", "register", "--kind", "usb", "--category", "business", "--class", "2", "--restrict", value],
                                    as: "kanri")
            XCTAssertEqual(rows(o).first?["result"] as? String == "accepted", viaRegister.status == 0, "\(value): \(o) / \(viaRegister)")
        }
    }

    func test_badFilesAreOneLineAndChangeNothing() throws {
        setUpUnit()
        let good = writeFile("good.csv", "登録番号,種別,データ区分,格付\nA-1,USB,業務用データ,2\n")
        refused(["import", "media", s.root + "/none.csv"], as: "kanri", contains: "開けません")
        refused(["import", "media", s.root], as: "kanri", contains: "通常のファイルではありません")
        refused(["import", "media", writeFile("empty.csv", "")], as: "kanri", contains: "空")
        refused(["import", "media", writeFile("nocol.csv", "登録番号,種別,格付\nA-1,USB,2\n")], as: "kanri", contains: "データ区分")
        refused(["import", "media", writeFile("head.csv", "登録番号,種別,データ区分,格付\n")], as: "kanri", contains: "行がありません")
        refused(["import", "media", writeFile("twice.csv", "登録番号,registration,種別,データ区分,格付\n")], as: "kanri", contains: "どちらも")
        refused(["import", "media", writeFile("quote.csv", "登録番号,種別,データ区分,格付\n\"A-1,USB,業務用データ,2\n")], as: "kanri",
                contains: "2行目で始まる引用符")
        refused(["import", "media", good, "--map", "番号=nothing"], as: "kanri", contains: "項目「nothing」")
        refused(["import", "media", good, "--map", "番号=registration"], as: "kanri", contains: "列「番号」")
        refused(["import", "media", good, "--map", "registration"], as: "kanri", contains: "見出し=項目")
        refused(["import", "media", good, "--encoding", "latin1"], as: "kanri", contains: "latin1")
        refused(["import", "media", good, "--commit"], as: "kansa", contains: "権限")
        refused(["import", "media", good], as: "nobody", contains: "登録されていません")

        let zip = s.root + "/book.xlsx"
        FileManager.default.createFile(atPath: zip, contents: Data([0x50, 0x4B, 0x03, 0x04, 0, 0]))
        refused(["import", "media", zip], as: "kanri", contains: "CSV UTF-8")
        let utf16 = s.root + "/u16.txt"
        FileManager.default.createFile(atPath: utf16, contents: Data([0xFF, 0xFE, 0x41, 0x00]))
        refused(["import", "media", utf16], as: "kanri", contains: "UTF-16")
        let broken = s.root + "/broken.csv"
        FileManager.default.createFile(atPath: broken, contents: Data("登録番号,種別,データ区分,格付\n".utf8) + Data([0x82, 0xFF, 0x0A]))
        refused(["import", "media", broken], as: "kanri", contains: "読めません")
        XCTAssertEqual(counts(try importJSON([good, "--encoding", "utf-8"]))["accepted"], 1)
        _ = mkfifo(s.root + "/fifo", 0o600)
        refused(["import", "media", s.root + "/fifo"], as: "kanri", contains: "通常のファイル")
    }

    func test_exportedRegisterImportsIntoAnotherLedger_inBothLanguages() throws {
        setUpUnit()
        _ = register(["--model", "=SUM(A1)", "--serial", "S-1", "--restrict", "複製禁止,読後廃棄", "--encrypted", "--location", "ロッカー, 上段"])
        _ = register(["--write-protected"], kind: "dvd-r", category: "disclosable", cls: "1")
        for lang in ["ja", "en"] {
            let csv = ok(["export", "--what", "media", "--format", "csv", "--lang", lang], as: "kansa").out
            let other = try Sandbox()
            defer { other.remove() }
            let path = other.root + "/export.csv"
            FileManager.default.createFile(atPath: path, contents: csv)
            XCTAssertEqual(other.run(["init", "--unit", "第2隊", "--officer", "kanri", "--name", "管理"]).status, 0)
            let r = other.run(["import", "media", path, "--commit", "--json"], as: "kanri")
            XCTAssertEqual(r.status, 0, "\(lang): \(r)")
            let m = try XCTUnwrap(try JSONSerialization.jsonObject(with: other.run(["media", "list", "--json"], as: "kanri").out) as? [[String: Any]])
            XCTAssertEqual(m.map { $0["registration"] as? String }, ["USB-2026-0001", "DVD-2026-0001"], lang)
            XCTAssertEqual(m[0]["model"] as? String, "'=SUM(A1)", "\(lang): the formula guard stays text")
            XCTAssertEqual(m[0]["restrictions"] as? [String], ["複製禁止", "読後廃棄"], lang)
            XCTAssertEqual(m[0]["location"] as? String, "ロッカー, 上段", lang)
            XCTAssertEqual(m[0]["encrypted"] as? Bool, true, lang)
            XCTAssertEqual(m[1]["category"] as? String, "disclosable", lang)
            XCTAssertEqual(m[1]["write_protected"] as? Bool, true, lang)
        }
    }
}

final class ExportCLITests: CLITestCase {
    func test_csvOpensInJapaneseExcel_BOM_JapaneseHeadingsAndValues_orEnglish() throws {
        setUpUnit()
        _ = register(["--restrict", "複製禁止"])
        let ja = ok(["export", "--what", "media", "--format", "csv"], as: "kansa").out
        XCTAssertEqual(Array(ja.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 with a byte-order mark by default")
        let text = String(decoding: ja.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("登録番号,種別,データ区分,格付,取扱制限,秘以上,型式,製造番号,容量,保管場所,暗号化,追記禁止,状態,"), text)
        XCTAssertTrue(text.contains("\r\nUSB-2026-0001,USBメモリ,業務用データ,機密性2,複製禁止,なし,,,,,なし,なし,保管中,"), text)
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let en = String(decoding: ok(["export", "--what", "media", "--format", "csv", "--lang", "en"], as: "kansa").out.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(en.hasPrefix("registration,kind,category,class,restrictions,secret,"), en)
        XCTAssertTrue(en.contains("\r\nUSB-2026-0001,usb,business,2,複製禁止,false,"), en)
        let uses = String(decoding: ok(["export", "--what", "takeouts", "--format", "csv"], as: "kansa").out.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(uses.hasPrefix("申請番号,登録番号,申請者,"), uses)
        // JSON is for machines: no mark.
        XCTAssertEqual(ok(["export", "--what", "media", "--format", "json"], as: "kansa").out.first, UInt8(ascii: "["))
    }

    func test_cp932ForOlderExcel_andACharacterItCannotHoldIsRefusedByRowAndColumn() throws {
        setUpUnit()
        _ = register(["--location", "金庫①　髙島"])
        let sjis = ok(["export", "--what", "media", "--format", "csv", "--encoding", "cp932"], as: "kansa").out
        let utf8 = ok(["export", "--what", "media", "--format", "csv"], as: "kansa").out.dropFirst(3)
        XCTAssertEqual(iconv(sjis, from: "CP932", to: "UTF-8"), Data(utf8), "the same text, in CP932")
        XCTAssertNotEqual(sjis.prefix(3), Data([0xEF, 0xBB, 0xBF]))

        _ = register(["--model", "𠮷野家モデル"])
        let cps = try String(contentsOfFile: s.data + "/checkpoints.tsv", encoding: .utf8)
        let r = refused(["export", "--what", "media", "--format", "csv", "--encoding", "cp932"], as: "kansa", contains: "3行目（USB-2026-0002）の列「型式」")
        XCTAssertTrue(r.stderr.contains("𠮷") && r.stderr.contains("U+20BB7"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: s.data + "/checkpoints.tsv", encoding: .utf8), cps, "nothing exported, nothing checkpointed")
        let en = s.run(["export", "--what", "media", "--format", "csv", "--encoding", "cp932", "--lang", "en"], as: "kansa")
        XCTAssertTrue(en.stderr.contains("row 3 (USB-2026-0002), column 'model'"), en.stderr)
        refused(["export", "--what", "media", "--format", "json", "--encoding", "cp932"], as: "kansa", contains: "CSV")
        refused(["export", "--format", "csv"], as: "kansa", contains: "--what")
    }

    func test_formulaCellsStayText_inJapaneseToo() throws {
        setUpUnit()
        for v in ["=1+1", "+81", "-5", "@A1"] { _ = register(["--model=\(v)"]) }
        let text = String(decoding: ok(["export", "--what", "media", "--format", "csv"], as: "kansa").out, as: UTF8.self)
        for v in ["'=1+1", "'+81", "'-5", "'@A1"] { XCTAssertTrue(text.contains(",\(v),"), "\(v) in \(text)") }
    }

    /// Reads an .xlsx with python3's zipfile: sheet names, the cells of each sheet (shared strings resolved),
    /// whether any cell is a formula, and the document properties.
    static let xlsxReader = #"""
    import json, re, sys, zipfile
    z = zipfile.ZipFile(sys.argv[1])
    ss = re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode())
    ss = [re.sub(r'<[^>]+>', '', s).replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"') for s in ss]
    wb = z.read('xl/workbook.xml').decode()
    names = re.findall(r'<sheet name="([^"]+)"', wb)
    sheets = []
    for i, n in enumerate(names):
        x = z.read('xl/worksheets/sheet%d.xml' % (i + 1)).decode()
        rows = []
        for row in re.findall(r'<row [^>]*>(.*?)</row>', x):
            cells = {}
            for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', row):
                col = 0
                for ch in re.search(r'r="([A-Z]+)', attrs).group(1): col = col * 26 + ord(ch) - 64
                v = re.search(r'<v>(.*?)</v>', body or '')
                if v is None: cells[col - 1] = None
                elif 't="s"' in attrs: cells[col - 1] = ss[int(v.group(1))]
                else: cells[col - 1] = float(v.group(1))
            rows.append([cells.get(i) for i in range(max(cells) + 1 if cells else 0)])
        sheets.append({'name': n, 'rows': rows, 'formulas': '<f>' in x})
    print(json.dumps({'sheets': sheets, 'core': z.read('docProps/core.xml').decode(),
                      'custom': z.read('docProps/custom.xml').decode() if 'docProps/custom.xml' in z.namelist() else ''}))
    """#

    func readXLSX(_ path: String) throws -> [String: Any] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", Self.xlsxReader, path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "the workbook could not be read")
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func test_xlsxIsARealWorkbook_oneSheetPerBook_headHashInProperties_noFormulas() throws {
        setUpUnit()
        let reg = register(["--model", "=HYPERLINK(\"http://x\")", "--location", "ロッカー1"])
        ok(["use", "start", reg, "--purpose", "資料作成"], as: "tanaka")
        let path = s.root + "/台帳.xlsx"
        ok(["export", "--format", "xlsx", "-o", path], as: "kansa")
        let head = try XCTUnwrap(try ok(["verify", "--json"]).object()["head"] as? String)
        let x = try readXLSX(path)
        let sheets = try XCTUnwrap(x["sheets"] as? [[String: Any]])
        XCTAssertEqual(sheets.map { $0["name"] as? String }, ["登録簿", "使用記録簿", "持出簿", "送付", "送達", "例外措置"])
        let media = try XCTUnwrap(sheets[0]["rows"] as? [[Any]])
        XCTAssertEqual(media.first?.first as? String, "登録番号")
        XCTAssertEqual(media.count, 2)
        XCTAssertEqual(media[1][0] as? String, reg)
        XCTAssertEqual(media[1][1] as? String, "USBメモリ")
        XCTAssertEqual(media[1][6] as? String, "=HYPERLINK(\"http://x\")", "a text cell, kept as typed")
        XCTAssertTrue(sheets.allSatisfy { $0["formulas"] as? Bool == false }, "no cell is a formula")
        let uses = try XCTUnwrap(sheets[1]["rows"] as? [[Any]])
        XCTAssertEqual(uses[1][0] as? Double, 8, "whole numbers are numbers (the use's record number, after the medium's virus check)")
        XCTAssertTrue((x["core"] as? String ?? "").contains(head), "the head hash is in the document properties")
        XCTAssertTrue((x["custom"] as? String ?? "").contains(head))
        let cps = try String(contentsOfFile: s.data + "/checkpoints.tsv", encoding: .utf8)
        XCTAssertTrue(cps.contains("export media,uses,takeouts,handovers,transfers,exceptions xlsx"), cps)

        // One book, English, to standard output when it is not a terminal.
        let one = ok(["export", "--what", "uses", "--format", "xlsx", "--lang", "en"], as: "kansa").out
        XCTAssertEqual(Array(one.prefix(2)), [0x50, 0x4B], "a zip archive")
        let onePath = s.root + "/one.xlsx"
        FileManager.default.createFile(atPath: onePath, contents: one)
        let y = try XCTUnwrap(try readXLSX(onePath)["sheets"] as? [[String: Any]])
        XCTAssertEqual(y.map { $0["name"] as? String }, ["uses"])
        XCTAssertEqual((y[0]["rows"] as? [[Any]])?.first?.first as? String, "id")

        // -o replaces a planted symlink instead of writing through it.
        let target = s.root + "/victim"
        FileManager.default.createFile(atPath: target, contents: Data("keep".utf8))
        try FileManager.default.createSymbolicLink(atPath: s.root + "/link.csv", withDestinationPath: target)
        ok(["export", "--what", "media", "--format", "csv", "-o", s.root + "/link.csv"], as: "kansa")
        XCTAssertEqual(FileManager.default.contents(atPath: target), Data("keep".utf8))
        XCTAssertEqual(FileManager.default.contents(atPath: s.root + "/link.csv")?.prefix(3), Data([0xEF, 0xBB, 0xBF]))
        refused(["export", "--format", "xlsx", "-o", s.root + "/no/such/dir.xlsx"], as: "kansa", contains: "dir.xlsx")
    }
}
