// The lifecycle forms have no screen of their own (no screen shows a 消去・廃棄証明書, 点検結果報告,
// 誓約書, 取扱者名簿, かぎ管理簿 or 亡失事案報告 — the count screen takes every key as a registration
// number): at the `:` line, `print …` of one of them runs as the CLI's command, so `--pdf FILE` and
// `--lp` work there as at a shell; only a case's form (handover, transfer, incoming) opens the preview.

import CellKit
import DaichoCore
import DaichoUI
import XCTest

final class LifePrintColonTests: ScreenTestCase {
    func test_colonPrintOfALifecycleFormRunsTheCLI_aCaseFormOpensThePreview() throws {
        try staffUnit()
        let s = session("yamada")
        var ran: [[String]] = []
        s.commandRunner = { words in ran.append(words); return CommandRun(output: "か ぎ 管 理 簿") }
        for line in ["print keys", "print pledge sato --pdf pledge.pdf", "print inventory INV-0001 --lp", "print roster C-1 --pdf -"] {
            press(s, .char(":"))
            s.type(line)
            press(s, .enter)
            XCTAssertEqual(ran.last, line.split(separator: " ").map(String.init), "\(line) ran as the CLI's")
            XCTAssertFalse(text(s).contains("送付・送達の記録はありません") || text(s).contains("引数が足りません"), "\(line): \(text(s))")
            press(s, .escape)
        }
        XCTAssertEqual(ran.count, 4)
        // A case's form still opens the print preview (the case is looked up by the screens).
        try record(.newHandover(to: "株式会社防衛システム", contract: nil, returnRequired: false,
                                items: [HandoverItem(name: "仕様書", quantity: "2部")], media: [], note: nil), as: "sato")
        press(s, .char(":"))
        s.type("print handover HO-0001")
        press(s, .enter)
        XCTAssertTrue(row(s, 1).contains("印刷プレビュー HO-0001"), row(s, 1))
        XCTAssertEqual(ran.count, 4)
    }
}
