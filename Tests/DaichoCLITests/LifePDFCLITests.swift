// The lifecycle forms (issue 12) as PDF through the CLI (issue 14): 消去・廃棄証明書,
// 点検結果報告, 誓約書, 取扱者名簿, かぎ管理簿 and 亡失事案報告 with `--pdf FILE`, `--pdf -`
// and `--lp`, each read back as a reader would (pdftotext), its page size and count
// (pdfinfo), its QR code decoded (zbarimg) to the journal's head, and its checkpoint.
// Uses the tools of PDFCLITests (same class, so the helpers are shared).
// DAICHO_PDF_KEEP=DIR keeps a copy of each PDF, to look at it.

import CellKit
import Foundation
import Glibc
import XCTest

extension PDFCLITests {
    /// The text of a PDF as laid out on the page (pdftotext -layout), lines kept, spaces squeezed to one.
    func layoutLines(_ pdf: String) throws -> [String] {
        let (status, out) = try tool("pdftotext", ["-layout", pdf, "-"])
        XCTAssertEqual(status, 0, "pdftotext -layout \(pdf)")
        return out.split(separator: "\n").map { line in
            line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).joined(separator: " ")
        }.filter { !$0.isEmpty }
    }

    func keep(_ pdf: String) {
        guard let dir = ProcessInfo.processInfo.environment["DAICHO_PDF_KEEP"] else { return }
        try? FileManager.default.removeItem(atPath: dir + "/" + (pdf as NSString).lastPathComponent)
        try? FileManager.default.copyItem(atPath: pdf, toPath: dir + "/" + (pdf as NSString).lastPathComponent)
    }

    /// A unit with one of each lifecycle form to print: an inventory closed with one medium
    /// missing (and so a loss incident), an erasure carried out, a key lent, a pledge, a roster.
    func setUpLife() -> (found: String, missing: String) {
        setUpUnit()
        let a = register(["--model", "RUF3-K16GA", "--serial", "SN-0001", "--capacity", "16GB", "--location", "保管庫A"])
        let b = register(["--model", "SanDisk 64GB", "--location", "保管庫A"])
        ok(["inventory", "start", "--location", "保管庫A"], as: "kanri")
        ok(["inventory", "count", "INV-0001", a], as: "tanaka")
        ok(["inventory", "close", "INV-0001"], as: "kanri")
        ok(["incident", "step", "INC-0001", "--step", "reported", "--note", "隊長へ口頭報告"], as: "tanaka")
        ok(["dispose", "request", a, "--kind", "erase", "--method", "専用ソフトによる上書き消去", "--reason", "再利用"], as: "tanaka")
        ok(["approve", "DR-0001"], as: "kanri")
        ok(["dispose", "done", "DR-0001", "--operator", "tanaka", "--witness", "sato", "--date", "2026-11-25"], as: "tanaka")
        ok(["key", "add", "K-01", "--opens", "保管庫A", "--location", "当直室"], as: "kanri")
        ok(["key", "add", "K-02", "--opens", "保管庫B"], as: "kanri")
        ok(["key", "lend", "K-01", "--to", "sato", "--until", "2026-11-26T17:00"], as: "tanaka")
        ok(["pledge", "record", "tanaka", "--date", "2026-11-20"], as: "kanri")
        ok(["roster", "add", "C-2026-1", "--name", "山本 一", "--kana", "ヤマモト ハジメ", "--born", "昭和45年3月1日",
            "--address", "東京都新宿区市谷本村町5-1", "--nationality", "日本", "--post", "開発部 主任", "--duty", "c", "--result", "確認済"], as: "kanri")
        ok(["roster", "add", "C-2026-1", "--name", "川口 二葉", "--kana", "カワグチ フタバ", "--born", "平成2年4月1日",
            "--address", "神奈川県横浜市", "--nationality", "日本", "--post", "開発部 技師", "--duty", "d"], as: "kanri")
        return (a, b)
    }

    /// Each of the six lifecycle forms as one A4 page: its title, its names and values in order,
    /// 令和 dates, the stamp with the head hash, and that hash as a QR code `verify --against` takes.
    func test_lifecycleFormsAsPDF_001_付紙第4_第6_付紙第5_付紙第8_000_別記様式第2の2() throws {
        let (a, b) = setUpLife()
        let h = head()
        let records = try XCTUnwrap(try ok(["verify", "--json"], as: "kansa").object()["records"] as? Int)
        let stamp = { (id: String) in ["案件 \(id)", "台帳 \(records)件", "印刷 令和8年11月25日 09:00", h] }
        func pdf(_ args: [String], as login: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
            let path = s.root + "/" + args.joined(separator: "-") + ".pdf"
            XCTAssertEqual(ok(["print"] + args + ["--pdf", path], as: login, file: file, line: line).stdout, "", "nothing but the file", file: file, line: line)
            XCTAssertEqual(try info(path).size, Self.a4, file: file, line: line)
            XCTAssertEqual(try info(path).pages, 1, file: file, line: line)
            XCTAssertEqual(try barcodes(path), [["QR-Code:" + h]], "the head hash as QR", file: file, line: line)
            keep(path)
            return path
        }

        // 消去・廃棄証明書 (001 付紙第4 1(5), 002 第50条).
        let cert = try pdf(["certificate", "CERT-0001"], as: "kansa")
        assertInOrder(try text(cert), ["消去・廃棄証明書", "証明書番号", "CERT-0001", "令和8年11月25日", "部隊等名称", "第1情報保証隊",
                                       "情報を確実に消去し、再利用のため保管した", "記", "項目", "内容", "登録番号", a, "USBメモリ", "RUF3-K16GA",
                                       "製造番号", "SN-0001", "容量", "16GB", "方法", "専用ソフトによる上書き消去", "実施年月日", "令和8年11月25日",
                                       "実施者", "田中 一郎", "立会者", "佐藤 花子", "承認者", "管理 太郎", "申請番号", "DR-0001",
                                       "実施者", "署名", "立会者", "署名"] + stamp("CERT-0001"))
        // The request id finds the same certificate.
        XCTAssertEqual(try text(try pdf(["certificate", "DR-0001"], as: "kansa")), try text(cert))

        // 点検結果報告 (001 第6): the counts and every difference.
        let inv = try pdf(["inventory", "INV-0001"], as: "kansa")
        assertInOrder(try text(inv), ["点検結果報告（差異報告）", "点検番号", "INV-0001", "完結", "基準日", "令和8年11月25日", "場所", "保管庫A",
                                      "予定 2", "確認 1", "所在不明 1", "所在不明", "登録番号", "種別", "保管場所", "亡失事案", b, "USBメモリ", "保管庫A",
                                      "INC-0001", "確認済み", a] + stamp("INV-0001"))

        // 亡失事案報告 (001 付紙第4 3(5), 付紙第8): every step, recorded or still due.
        let inc = try pdf(["incident", "INC-0001"], as: "kansa")
        assertInOrder(try text(inc), ["亡失事案報告", "事案番号", "INC-0001", "登録番号", b, "SanDisk 64GB", "格付・取扱制限", "機密性2",
                                      "認知", "状況", "INV-0001", "手順", "日時", "記録者", "備考", "田中 一郎", "隊長へ口頭報告", "（未）"] + stamp("INC-0001"))

        // かぎ管理簿 (001 第2-2): who holds each key, until when.
        let keys = try pdf(["keys"], as: "kansa")
        assertInOrder(try text(keys), ["かぎ管理簿", "部隊等名称", "第1情報保証隊", "現在", "かぎ番号", "用途", "保管場所", "保持者", "返却期限",
                                       "K-01", "保管庫A", "当直室", "佐藤 花子", "令和8年11月26日 17:00", "K-02", "保管庫B", "（保管中）"] + stamp("かぎ管理簿"))

        // 取扱者名簿 (000 別記様式第2の2), marked 「個人情報」「注意」 above and below.
        let roster = try pdf(["roster", "C-2026-1"], as: "kansa")
        assertInOrder(try text(roster), ["「個人情報」「注意」", "取扱者名簿", "調達要求番号・契約番号", "C-2026-1", "番号", "氏名（フリガナ）", "生年月日",
                                         "住所", "国籍", "所属・役職", "業務内容", "確認結果", "備考", "1", "山本 一", "ヤマモト ハジメ", "昭和45年3月1日",
                                         "東京都新宿区", "日本", "開発部 主任", "c", "確認済", "2", "川口 二葉", "平成2年4月1日", "d",
                                         "注1", "戸籍上の氏名", "注5", "目的外の利用を禁止する。", "「個人情報」「注意」"] + stamp("C-2026-1"))
        ok(["print", "roster", "C-2026-1", "--pdf", s.root + "/r2.pdf"], as: "suzuki")
        ok(["print", "roster", "C-2026-1", "--pdf", s.root + "/r3.pdf"], as: "kanri")

        let cp = try checkpoints()
        for p in ["print certificate CERT-0001 pdf", "print inventory INV-0001 pdf", "print incident INC-0001 pdf", "print keys pdf",
                  "print roster pdf"] {
            XCTAssertTrue(cp.contains(p), "\(p) in\n\(cp)")
        }
        XCTAssertTrue(ok(["verify", "--against", h], as: "kansa").stdout.contains(h))
    }

    /// 001 付紙第5: the 誓約書 in the seed's words and order: addressee, title, the two sentences,
    /// the date (令和, or blanks to write one in), then 所属, 官職名 and 氏名 to sign.
    func test_pledgeAsPDF_readsAsTheSeed_001_付紙第5() throws {
        _ = setUpLife()
        let h = head()
        let path = s.root + "/pledge.pdf"
        ok(["print", "pledge", "tanaka", "--pdf", path], as: "kanri")
        keep(path)
        XCTAssertEqual(try info(path).pages, 1)
        XCTAssertEqual(try info(path).size, Self.a4)
        assertInOrder(try text(path), ["統合幕僚長　殿", "誓　約　書",
                                       "私は、現在、私有機器により、業務用データを取り扱っていません。",
                                       "また、防衛省職員としての職務を自覚し、その役割を果たすとともに、情報保証に関する規則を遵守し、情報流出防止のための措置をとることに努め、決して業務用データの流出を起こさないことを誓います。",
                                       "令和8年11月20日", "（所　属）", "総務班", "（官職名）", "事務官", "（氏　名）", "田中 一郎", "案件 tanaka", h])
        // As laid out: each label on the line of what it labels, the title on a line of its own.
        let lines = try layoutLines(path)
        XCTAssertTrue(lines.contains("統合幕僚長 殿"), "\(lines)")
        XCTAssertTrue(lines.contains("誓 約 書"), "\(lines)")
        for (label, value) in [("（所 属）", "総務班"), ("（官職名）", "事務官"), ("（氏 名）", "田中 一郎")] {
            XCTAssertTrue(lines.contains { $0.contains(label) && $0.contains(value) }, "\(label) \(value) on one line: \(lines)")
        }
        XCTAssertEqual(try barcodes(path), [["QR-Code:" + h]])
        // Without a pledge on file the date is left to be written in: 令和　年　月　日.
        let blank = s.root + "/pledge-sato.pdf"
        ok(["print", "pledge", "sato", "--pdf", blank], as: "kanri")
        keep(blank)
        assertInOrder(try text(blank), ["誓　約　書", "令和", "年", "月", "日", "（所　属）", "第1情報保証隊", "（氏　名）", "佐藤 花子"])
        XCTAssertFalse(try text(blank).replacingOccurrences(of: "印刷令和8年", with: "").contains("令和8年"), "no date invented")
        XCTAssertTrue(try checkpoints().contains("print pledge tanaka pdf"))
        refused(["print", "pledge", "nobody", "--pdf", blank + "x"], as: "kanri", contains: "nobody")
        XCTAssertFalse(FileManager.default.fileExists(atPath: blank + "x"))
    }

    /// 000 別記様式第2の2: the roster is personal data; a clerk asking for it as PDF is refused by
    /// the same check as the text form, and no file is written (nor anything on standard output).
    func test_rosterPDFRefusedToAClerk_noFileWritten_000_別記様式第2の2() throws {
        _ = setUpLife()
        let path = s.root + "/roster.pdf"
        refused(["print", "roster", "C-2026-1", "--pdf", path], as: "tanaka", contains: "個人情報")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "a refused roster left a file")
        let r = refused(["print", "roster", "C-2026-1", "--pdf", "-"], as: "tanaka", contains: "個人情報")
        XCTAssertTrue(r.out.isEmpty)
        // Not to the printer either: lp is never run.
        let bin = s.root + "/bin", log = s.root + "/lp.log"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho \"$@\" > \(log)\n".write(toFile: bin + "/lp", atomically: true, encoding: .utf8)
        chmod(bin + "/lp", 0o755)
        refused(["print", "roster", "C-2026-1", "--lp"], as: "sato", env: ["PATH": bin + ":/usr/bin:/bin"], contains: "個人情報")
        XCTAssertFalse(FileManager.default.fileExists(atPath: log), "lp ran for a refused roster")
        let files = try FileManager.default.contentsOfDirectory(atPath: s.root).filter { $0.hasPrefix(".daicho-pdf") || $0.hasSuffix(".pdf") }
        XCTAssertEqual(files, [], "nothing half-written")
        XCTAssertFalse(((try? checkpoints()) ?? "").contains("print roster"), "no checkpoint for a refused form")
    }

    /// 000 別記様式第2の2: a roster longer than a page continues under its headings, and every
    /// page is marked 「個人情報」「注意」 and carries the head hash.
    func test_longRosterMarksEveryPage_000_別記様式第2の2() throws {
        setUpUnit()
        for i in 1...24 {
            ok(["roster", "add", "C-9", "--name", "取扱 \(i)郎", "--kana", "トリアツカイ \(i)ロウ", "--born", "H\(i % 30 + 1).4.1",
                "--address", "東京都新宿区市谷本村町\(i)-1 防衛マンション\(i)号室", "--nationality", "日本", "--post", "開発部 技師", "--duty", "d"],
               as: "kanri")
        }
        let h = head()
        let path = s.root + "/roster-long.pdf"
        ok(["print", "roster", "C-9", "--pdf", path], as: "kansa")
        keep(path)
        let pages = try info(path).pages
        XCTAssertGreaterThan(pages, 1)
        for p in 1...pages {
            let t = try text(path, page: p)
            XCTAssertTrue(t.hasPrefix("「個人情報」「注意」"), "page \(p): \(t)")
            // A page with rows of the table has its headings above them.
            if t.contains("（トリアツカイ") { assertInOrder(t, ["「個人情報」「注意」", "番号", "氏名（フリガナ）", "生年月日", "住所", "備考", "（トリアツカイ"]) }
            XCTAssertTrue(t.contains(h) || p < pages, "the stamp closes the form")
        }
        assertInOrder(try text(path), ["取扱 1郎", "取扱 12郎", "取扱 24郎", "注5", "「個人情報」「注意」", h])
    }

    /// A form that cannot be printed (a disposal not yet carried out, an unknown id or login) is
    /// refused in one line and no file is written.
    func test_lifecycleFormRefusalsWriteNoFile() throws {
        _ = setUpLife()
        // A medium in storage (setUpLife's erased one waits to be put back: 消去済).
        let b = register()
        ok(["dispose", "request", b, "--kind", "destroy", "--method", "物理破壊", "--reason", "故障"], as: "tanaka")
        let path = s.root + "/refused.pdf"
        for args in [["certificate", "DR-0002"], ["certificate", "CERT-0099"], ["inventory", "INV-0099"], ["incident", "INC-0099"],
                     ["pledge", "nobody"]] {
            refused(["print"] + args + ["--pdf", path], as: "kansa")
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "\(args) left a file")
        }
    }

    /// `--pdf -` and `--lp [PRINTER]` on the lifecycle forms go the way every form goes.
    func test_lifecycleFormsToStandardOutputAndPrinter() throws {
        _ = setUpLife()
        for args in [["keys"], ["incident", "INC-0001"], ["inventory", "INV-0001"], ["certificate", "CERT-0001"], ["pledge", "tanaka"], ["roster", "C-2026-1"]] {
            let out = ok(["print"] + args + ["--pdf", "-"], as: "kanri").out
            XCTAssertEqual(out.prefix(5), Data("%PDF-".utf8), "\(args)")
        }
        let bin = s.root + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let log = s.root + "/lp.log", copy = s.root + "/lp.pdf"
        try "#!/bin/sh\necho \"$@\" > \(log)\nfor a; do f=$a; done\ncp \"$f\" \(copy)\n".write(toFile: bin + "/lp", atomically: true, encoding: .utf8)
        chmod(bin + "/lp", 0o755)
        ok(["print", "incident", "INC-0001", "--lp", "office-1"], as: "kansa", env: ["PATH": bin + ":/usr/bin:/bin"])
        XCTAssertTrue(try String(contentsOfFile: log, encoding: .utf8).hasPrefix("-d office-1 -t 亡失事案報告 INC-0001 "))
        XCTAssertTrue(try text(copy).contains("亡失事案報告"))
        ok(["print", "keys", "--lp"], as: "kansa", env: ["PATH": bin + ":/usr/bin:/bin"])
        XCTAssertTrue(try String(contentsOfFile: log, encoding: .utf8).hasPrefix("-t かぎ管理簿 "), "bare --lp: the default printer")
        refused(["print", "keys", "--lp"], as: "kansa", env: ["PATH": s.root + "/nowhere"], contains: "lp")
        // The text form stays the default: every line 80 columns, times in 令和 too.
        XCTAssertTrue(ok(["print", "keys"], as: "kansa").stdout.contains("か ぎ 管 理 簿"))
        // (display width counts wide characters two only in a UTF-8 locale)
        XCTAssertNotNil(setlocale(LC_ALL, "C.UTF-8"))
        XCTAssertTrue(TextLocale.isUTF8)
        for args in [["keys"], ["incident", "INC-0001"], ["inventory", "INV-0001"], ["certificate", "CERT-0001"], ["pledge", "tanaka"], ["roster", "C-2026-1"]] {
            let form = ok(["print"] + args, as: "kanri").stdout
            XCTAssertTrue(form.contains(args[0] == "roster" ? "昭和45年" : "令和"), "\(args): \(form)")
            for l in form.split(separator: "\n") { XCTAssertEqual(String(l).displayWidth, 80, "\(args): \(l)") }
        }
        let purposes = try checkpoints().split(separator: "\n").compactMap { $0.split(separator: "\t").last.map(String.init) }
        for p in ["print incident INC-0001 pdf", "print keys pdf", "print keys"] { XCTAssertTrue(purposes.contains(p), "\(p) in \(purposes)") }
    }
}
