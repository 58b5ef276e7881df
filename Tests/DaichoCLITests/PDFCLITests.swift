// The PDF forms, labels and books through the CLI, checked as a reader would:
// the text (pdftotext: every label and value, in order), the page size and count
// (pdfinfo), the page rendered to an image (pdftoppm) and every barcode on it
// decoded (zbarimg) back to the head hash or the registration number.
// Needs poppler-utils and zbar-tools (`make deps` installs them).

import Foundation
import XCTest

final class PDFCLITests: CLITestCase {
    // MARK: tools

    /// Runs a tool, returning its exit status and standard output (stderr is dropped: zbarimg talks there).
    func tool(_ name: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> (Int32, String) {
        let path = ["/usr/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            XCTFail("\(name) is missing: make deps (poppler-utils, zbar-tools)", file: file, line: line)
            throw XCTSkip("no \(name)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The text of a PDF (or of one page), with every kind of white space taken out.
    func text(_ pdf: String, page: Int? = nil) throws -> String {
        let range = page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []
        // -raw: in the order the page draws it (titles, then each table row left to right).
        let (status, out) = try tool("pdftotext", ["-raw"] + range + [pdf, "-"])
        XCTAssertEqual(status, 0, "pdftotext \(pdf)")
        return squeeze(out)
    }

    func squeeze(_ s: String) -> String { String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }

    /// Asserts that every piece appears in the text, in this order.
    func assertInOrder(_ text: String, _ pieces: [String], file: StaticString = #filePath, line: UInt = #line) {
        var rest = text[...]
        for p in pieces {
            let want = squeeze(p)
            guard let r = rest.range(of: want) else {
                XCTFail("「\(p)」 missing or out of order in:\n\(text)", file: file, line: line)
                return
            }
            rest = rest[r.upperBound...]
        }
    }

    /// Pages and page size in points (pdfinfo).
    func info(_ pdf: String) throws -> (pages: Int, size: String) {
        let (status, out) = try tool("pdfinfo", [pdf])
        XCTAssertEqual(status, 0)
        var pages = 0, size = ""
        for l in out.split(separator: "\n") {
            if l.hasPrefix("Pages:") { pages = Int(l.split(separator: " ").last ?? "") ?? 0 }
            if l.hasPrefix("Page size:") { size = l.dropFirst("Page size:".count).trimmingCharacters(in: .whitespaces) }
        }
        return (pages, size)
    }

    static let a4 = "595.276 x 841.89 pts (A4)"
    static let a4Landscape = "841.89 x 595.276 pts (A4)"

    /// Renders each page with pdftoppm and returns what zbarimg decodes on it, as "QR-Code:…" / "CODE-128:…".
    func barcodes(_ pdf: String, dpi: Int = 200) throws -> [[String]] {
        let prefix = s.root + "/render-\(UUID().uuidString)"
        let (status, _) = try tool("pdftoppm", ["-png", "-r", "\(dpi)", pdf, prefix])
        XCTAssertEqual(status, 0, "pdftoppm")
        let dir = (prefix as NSString).deletingLastPathComponent, base = (prefix as NSString).lastPathComponent
        let pngs = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(base) && $0.hasSuffix(".png") }.sorted()
        XCTAssertFalse(pngs.isEmpty, "pdftoppm rendered nothing")
        return try pngs.map { png in
            let path = dir + "/" + png
            XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0, 1000, "an empty rendering")
            let (_, out) = try tool("zbarimg", ["-q", path])
            return out.split(separator: "\n").map(String.init).sorted()
        }
    }

    func head() -> String {
        ok(["verify"], as: "kansa").stdout.split(separator: "\n").last.map { String($0.split(separator: " ").last!) } ?? ""
    }

    func checkpoints() throws -> String { try String(contentsOfFile: s.data + "/checkpoints.tsv", encoding: .utf8) }

    // MARK: forms

    /// 000 別記様式第3: 送付リスト and 受領書 on one A4 sheet with 切取線; each half stamped with the
    /// case, the record count and the head hash, also as a QR code that `verify --against` takes.
    func test_handoverFormAsPDF_000_別記様式第3() throws {
        setUpUnit()
        let reg = register(["--model", "TDK CD-R80", "--write-protected"], kind: "cd-r", category: "disclosable", cls: "1")
        ok(["handover", "new", "--to", "株式会社防衛システム 営業部長", "--contract", "R8-123", "--item", "仕様書=2部",
            "--item", "図面=15枚", "--media", reg, "--note", "取扱注意"], as: "tanaka")
        ok(["handover", "dispatch", "HO-0001"], as: "tanaka")
        let h = head()
        let records = try XCTUnwrap(try ok(["verify", "--json"], as: "kansa").object()["records"] as? Int)
        let pdf = s.root + "/ho.pdf"
        XCTAssertEqual(ok(["print", "handover", "HO-0001", "--pdf", pdf], as: "kansa").stdout, "")
        XCTAssertEqual(try info(pdf).pages, 1)
        XCTAssertEqual(try info(pdf).size, Self.a4)
        let half: (String) -> [String] = { date in
            ["名称", "数量等", "仕様書", "2部", "図面", "15枚", "CD-R " + reg, "1媒体"] + [date]
        }
        assertInOrder(try text(pdf),
                      ["保護すべき情報のリスト等", "送付リスト", "株式会社防衛システム 営業部長　殿", "送達", "令和8年11月25日", "所属", "官職", "氏名", "総務班 事務官 田中 一郎",
                       "調達要求番号・契約番号", "R8-123"] + half("備考") + ["取扱注意", "受領書は至急返送されたい。", "返送期限", "令和8年12月2日",
                       "案件 HO-0001", "台帳 \(records)件", "印刷 令和8年11月25日 09:00", h,
                       "切取線", "受領書", "総務班 事務官 田中 一郎　殿", "受領", "令和", "年", "月", "日", "名称", "仕様書", "図面",
                       "受領者", "所属", "職位", "氏名", "案件 HO-0001", "台帳 \(records)件", h])
        XCTAssertEqual(try barcodes(pdf), [["QR-Code:" + h, "QR-Code:" + h]], "one QR code of the head hash on each half")
        // What the QR code holds is what verify --against takes.
        XCTAssertTrue(ok(["verify", "--against", h], as: "kansa").stdout.contains(h))
        XCTAssertTrue(try checkpoints().contains("print HO-0001 pdf"))
        // After a receipt, the 受領書 half shows who received what, and when.
        ok(["handover", "receipt", "HO-0001", "--by", "営業部 部長 山本 一", "--date", "2026-11-25", "--received", "仕様書=2部"], as: "sato")
        ok(["print", "handover", "HO-0001", "--pdf", pdf], as: "kansa")
        assertInOrder(try text(pdf), ["切取線", "受領書", "令和8年11月25日", "仕様書", "2部", "図面", "（未受領）", "営業部 部長 山本 一"])
    }

    /// 001 付紙第3: 送達票 and 受領票 with 「キリトリ」 and the note to return the 受領票; our own 受領票 and 受領書.
    func test_transferAndIncomingFormsAsPDF_001_付紙第3() throws {
        setUpUnit()
        let reg = register(["--model", "SanDisk 64GB"], kind: "sd")
        ok(["transfer", "new", "--to", "第2情報保証隊", "--media", reg, "--note", "定期移管"], as: "kanri")
        ok(["transfer", "dispatch", "TO-0001"], as: "kanri")
        ok(["transfer", "incoming", "--from", "第3情報保証隊", "--media", "USB-3A:USB-2025-0099", "--kind", "usb", "--category", "business", "--class", "2"],
           as: "kanri")
        ok(["handover", "incoming", "--from", "補給統制本部", "--item", "技術資料=1式"], as: "tanaka")
        let h = head()
        let to = s.root + "/to.pdf", ti = s.root + "/ti.pdf", hi = s.root + "/hi.pdf"
        ok(["print", "transfer", "TO-0001", "--pdf", to], as: "kansa")
        ok(["print", "incoming", "TI-0001", "--pdf", ti], as: "kansa")
        ok(["print", "incoming", "HI-0001", "--pdf", hi], as: "kansa")
        for f in [to, ti, hi] {
            XCTAssertEqual(try info(f).pages, 1)
            XCTAssertEqual(try info(f).size, Self.a4)
        }
        assertInOrder(try text(to), ["可搬記憶媒体送達票", "発送元部隊等名称", "第1情報保証隊", "発送者", "職名", "階級", "氏名", "情報保証責任者 2等陸佐 管理 太郎",
                                     "送達可搬記憶媒体", "型式、登録番号及び数量", "型式", "登録番号", "数量", "SDカード SanDisk 64GB", reg, "1",
                                     "発送年月日", "令和8年11月25日", "備考", "定期移管", "案件 TO-0001", h, "キリトリ",
                                     "可搬記憶媒体受領票", "受領部隊等名称", "第2情報保証隊", "部隊等情報保証責任者", "受領可搬記憶媒体", reg,
                                     "受領年月日", "令和", "備考", "「キリトリ」線で切り離し", "速やかに本受領票を返信されたい。", "案件 TO-0001", h])
        XCTAssertEqual(try barcodes(to), [["QR-Code:" + h, "QR-Code:" + h]])
        assertInOrder(try text(ti), ["可搬記憶媒体受領票", "第3情報保証隊　殿", "受領部隊等名称", "第1情報保証隊", "USB-3A", "USB-2025-0099", "USB-2026-0001",
                                     "受領年月日", "令和8年11月25日", "案件 TI-0001", h])
        assertInOrder(try text(hi), ["受領書", "補給統制本部　殿", "受領", "令和8年11月25日", "技術資料", "1式", "受領者", "第1情報保証隊", "案件 HI-0001", h])
        XCTAssertEqual(try barcodes(hi), [["QR-Code:" + h]])
        let cp = try checkpoints()
        for id in ["TO-0001", "TI-0001", "HI-0001"] { XCTAssertTrue(cp.contains("print \(id) pdf"), cp) }
    }

    // MARK: labels

    /// 001 付紙第4 1(1): the registration number on the medium (ア(ｱ)), 「開示」 (イ), 「市販」 (ウ(ｲ)); the
    /// barcodes read back exactly the registration number.
    func test_labelsCarryTheNumberAndMarks_001_付紙第4() throws {
        setUpUnit()
        let usb = register(["--model", "RUF3-K16GA", "--location", "保管庫A"])
        let cd = register(["--location", "保管庫A", "--write-protected"], kind: "cd-r", category: "disclosable", cls: "1")
        let dvd = register(["--location", "保管庫B"], kind: "dvd-r", category: "commercial", cls: "1")
        let pdf = s.root + "/labels.pdf"
        XCTAssertEqual(ok(["print", "labels", usb, cd, dvd, "--pdf", pdf], as: "tanaka").stdout, "ラベル 3枚（a4-21）\n")
        XCTAssertEqual(try info(pdf).pages, 1)
        XCTAssertEqual(try info(pdf).size, Self.a4)
        assertInOrder(try text(pdf), [usb, "第1情報保証隊", "USBメモリ RUF3-K16GA", cd, "開示", "第1情報保証隊", dvd, "市販", "第1情報保証隊"])
        XCTAssertEqual(try barcodes(pdf, dpi: 300), [[cd, dvd, usb].map { "CODE-128:" + $0 } + [cd, dvd, usb].map { "QR-Code:" + $0 }])
        // By a filter: one location; QR only on the small sheet; starting further down a used sheet.
        ok(["print", "labels", "--location", "保管庫A", "--sheet", "a4-65", "--start", "7", "--pdf", pdf], as: "tanaka")
        XCTAssertEqual(try barcodes(pdf, dpi: 300), [[cd, usb].map { "QR-Code:" + $0 }])
        ok(["print", "labels", "--registered-since", "2026-11-25", "--sheet", "a4-12", "--pdf", pdf], as: "tanaka")
        XCTAssertEqual(try barcodes(pdf, dpi: 300).first?.count, 6)
        refused(["print", "labels", "--registered-since", "2026-11-26", "--pdf", pdf], as: "tanaka")
    }

    /// A sheet holds columns × rows; more labels go on further pages, and a layout is data in a file.
    func test_labelSheetsFromDataAndPages() throws {
        setUpUnit()
        var regs: [String] = []
        for _ in 0..<5 { regs.append(register()) }
        let layout = s.root + "/sheet.json"
        try #"{"name":"test-2x2","page":{"width":210,"height":297},"label":{"width":90,"height":50},"columns":2,"rows":2,"margin":{"top":20,"left":10},"pitch":{"x":100,"y":60},"barcode":"code128","outline":true}"#
            .write(toFile: layout, atomically: true, encoding: .utf8)
        let pdf = s.root + "/labels.pdf"
        ok(["print", "labels"] + regs + ["--sheet", layout, "--pdf", pdf], as: "tanaka")
        XCTAssertEqual(try info(pdf).pages, 2)
        let codes = try barcodes(pdf, dpi: 300)
        XCTAssertEqual(codes, [regs.prefix(4).map { "CODE-128:" + $0 }.sorted(), ["CODE-128:" + regs[4]]])
        // A layout that does not fit the page, or is not JSON, is refused with a reason.
        try #"{"name":"bad","page":{"width":210,"height":297},"label":{"width":120,"height":50},"columns":2,"rows":2,"margin":{"top":0,"left":0},"barcode":"qr"}"#
            .write(toFile: layout, atomically: true, encoding: .utf8)
        refused(["print", "labels", regs[0], "--sheet", layout, "--pdf", pdf], as: "tanaka", contains: "はみ出します")
        try "{not json".write(toFile: layout, atomically: true, encoding: .utf8)
        refused(["print", "labels", regs[0], "--sheet", layout, "--pdf", pdf], as: "tanaka", contains: "JSON")
        refused(["print", "labels", regs[0], "--sheet", "no-such-sheet", "--pdf", pdf], as: "tanaka", contains: "a4-21")
        refused(["print", "labels", regs[0]], as: "tanaka", contains: "--pdf")
        refused(["print", "labels", "USB-2026-0099", "--pdf", pdf], as: "tanaka", contains: "USB-2026-0099")
        refused(["print", "labels", regs[0], "--start", "99", "--pdf", pdf], as: "tanaka")
    }

    // MARK: books

    /// 001 付紙第4 1(1)ア(ｱ)(ｲ)(ｳ): the three books, landscape, headings as named, the unit and time of
    /// printing on top, the head hash and the page number on every page, a checkpoint.
    func test_booksAsPDF_001_付紙第4() throws {
        s.now = "2026-11-01T08:00"
        setUpUnit()
        let usb = register(["--model", "RUF3", "--serial", "SN1", "--capacity", "16GB", "--location", "保管庫A", "--encrypted"])
        // Long purposes make tall rows, so that a few uses fill more than one page.
        let long = String(repeating: "会議資料の作成と確認、", count: 12)
        for i in 0..<8 {
            ok(["use", "start", usb, "--purpose", "資料作成\(i)" + long, "--where", "業務端末 PC-\(i)"], as: "tanaka", env: ["DAICHO_NOW": "2026-11-\(10 + i)T09:00"])
            ok(["use", "end", usb], as: "tanaka", env: ["DAICHO_NOW": "2026-11-\(10 + i)T10:00"])
        }
        s.now = "2026-11-25T09:00"
        let req = request(usb)
        ok(["media", "scan", usb, "--result", "clean"], as: "tanaka")
        ok(["approve", req, "--confirm", Self.checks], as: "kanri")
        let h = head()
        let pdf = s.root + "/book.pdf"
        ok(["print", "register", "--pdf", pdf], as: "kansa")
        XCTAssertEqual(try info(pdf).size, Self.a4Landscape)
        assertInOrder(try text(pdf), ["可搬記憶媒体登録簿", "部隊等名称", "第1情報保証隊", "全期間", "印刷", "令和8年11月25日 09:00",
                                      "登録番号", "種別", "型式", "製造番号", "容量", "データ区分", "格付", "取扱制限", "暗号化", "追記禁止", "保管場所",
                                      "登録日", "状態", usb, "USBメモリ", "RUF3", "SN1", "16GB", "業務用データ", "機密性2", "○", "保管庫A",
                                      "令和8年11月1日", "保管中", h, "1/1頁"])
        XCTAssertEqual(try barcodes(pdf), [["QR-Code:" + h]])
        // The use log runs over pages: every page has the headings, the hash and its number.
        ok(["print", "uses", "--pdf", pdf], as: "kansa")
        let pages = try info(pdf).pages
        XCTAssertGreaterThan(pages, 1)
        for p in 1...pages {
            assertInOrder(try text(pdf, page: p), ["可搬記憶媒体使用記録簿", "第1情報保証隊", "登録番号", "使用者", "使用目的", "使用場所",
                                                   "使用開始", "終了予定", "使用終了", h, "\(p)/\(pages)頁"])
        }
        XCTAssertEqual(try barcodes(pdf), Array(repeating: ["QR-Code:" + h], count: pages))
        assertInOrder(try text(pdf), ["田中 一郎", "資料作成0", "業務端末 PC-0", "令和8年11月10日 09:00", "令和8年11月10日 10:00", "資料作成7"])
        // A period keeps the entries that overlap it.
        ok(["print", "uses", "--from", "2026-11-12", "--to", "令和8年11月13日", "--pdf", pdf], as: "kansa")
        let t = try text(pdf)
        XCTAssertEqual(try info(pdf).pages, 1)
        assertInOrder(t, ["期間", "令和8年11月12日～令和8年11月13日", "資料作成2", "資料作成3", "1/1頁"])
        XCTAssertFalse(t.contains("資料作成1業務") || t.contains("資料作成4"), t)
        ok(["print", "takeouts", "--pdf", pdf], as: "kansa")
        assertInOrder(try text(pdf), ["可搬記憶媒体持出簿", "申請番号", "登録番号", "申請者", "持出先", "目的", "持出期間", "運搬方法", "許可者",
                                      req, usb, "田中 一郎", "陸上幕僚監部", "会議資料", "手渡し", "管理 太郎", "必要データのみ", "許可済"])
        // Without --pdf the book is a text table at the terminal.
        let text = ok(["print", "register"], as: "kansa").stdout
        XCTAssertTrue(text.hasPrefix("可搬記憶媒体登録簿"), text)
        XCTAssertTrue(text.contains(usb) && text.contains(h))
        let cp = try checkpoints()
        for b in ["print register pdf", "print uses pdf", "print takeouts pdf", "print register"] { XCTAssertTrue(cp.contains(b), cp) }
        refused(["print", "uses", "--from", "2026-11-13", "--to", "2026-11-12", "--pdf", pdf], as: "kansa")
        refused(["print", "uses", "--from", "2026-13-01", "--pdf", pdf], as: "kansa")
    }

    // MARK: where it goes

    /// `--lp [PRINTER]` hands the PDF to CUPS lp; without lp, one line says so and nothing is written.
    func test_lpAndPdfTargets() throws {
        setUpUnit()
        ok(["handover", "new", "--to", "株式会社防衛システム", "--item", "仕様書=2部"], as: "tanaka")
        let bin = s.root + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let log = s.root + "/lp.log", copy = s.root + "/lp.pdf"
        try "#!/bin/sh\necho \"$@\" > \(log)\nfor a; do f=$a; done\ncp \"$f\" \(copy)\n".write(toFile: bin + "/lp", atomically: true, encoding: .utf8)
        chmod(bin + "/lp", 0o755)
        let path = ["PATH": bin + ":/usr/bin:/bin"]
        ok(["print", "handover", "HO-0001", "--lp", "office-1"], as: "kansa", env: path)
        XCTAssertTrue(try String(contentsOfFile: log, encoding: .utf8).hasPrefix("-d office-1 -t "))
        XCTAssertTrue(try text(copy).contains("送付リスト"))
        ok(["print", "handover", "HO-0001", "--lp"], as: "kansa", env: path)
        XCTAssertTrue(try String(contentsOfFile: log, encoding: .utf8).hasPrefix("-t "), "bare --lp: the default printer")
        // No lp: a clear one-line message, exit 3, the journal unchanged.
        let r = refused(["print", "handover", "HO-0001", "--lp"], as: "kansa", env: ["PATH": s.root + "/nowhere"], contains: "lp")
        XCTAssertEqual(r.status, 3)
        // --pdf - writes the PDF to standard output; a directory is refused.
        let out = ok(["print", "handover", "HO-0001", "--pdf", "-"], as: "kansa").out
        XCTAssertEqual(out.prefix(5), Data("%PDF-".utf8))
        refused(["print", "handover", "HO-0001", "--pdf", s.root], as: "kansa")
        // The text form stays the default.
        XCTAssertTrue(ok(["print", "handover", "HO-0001"], as: "kansa").stdout.contains("送　付　リ　ス　ト"))
    }
}
