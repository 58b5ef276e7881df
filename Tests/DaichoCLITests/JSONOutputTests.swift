// The CLI writes its JSON itself (Sources/daicho/JSONWriter.swift), fast, in
// exactly the layout Foundation's JSONSerialization gives with sorted keys and
// pretty printing: re-serializing what it printed must give the same text.

import Foundation
import XCTest

final class JSONOutputTests: CLITestCase {
    func test_jsonOutputIsByteForByteWhatJSONSerializationWrites() throws {
        setUpUnit()
        let reg = register(["--location", "保管庫A \"引用\" \\ / 右奥", "--model", "型式/1"])
        ok(["use", "start", reg, "--purpose", "資料「作成」", "--until", "2026-11-26"], as: "tanaka")
        let id = ok(["handover", "new", "--to", "東部方面総監部 情報部長", "--item", "演習計画=1部", "--item", "データ=1.2GB"], as: "tanaka")
            .stdout.trimmingCharacters(in: .newlines)
        for args in [["media", "list", "--json"], ["media", "show", reg, "--json"], ["handover", "show", id, "--json"],
                     ["handover", "list", "--json"], ["people", "list", "--json"], ["approvals", "--json"],
                     ["export", "--what", "uses", "--format", "json"], ["export", "--what", "handovers", "--format", "json"]] {
            let r = ok(args, as: "kanri")
            let parsed = try JSONSerialization.jsonObject(with: r.out)
            let again = try JSONSerialization.data(withJSONObject: parsed, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            XCTAssertEqual(r.stdout, String(decoding: again, as: UTF8.self) + "\n", args.joined(separator: " "))
        }
    }
}
