// The print preview's PDF keys: `P` asks the store for the PDF of the case
// previewed in a file named after the case and the minute, `l` for the printer;
// what the store answers is shown; a store that cannot print says so.

import CellKit
import DaichoCore
@testable import DaichoUI
import Foundation
import XCTest

/// The in-memory store, remembering what it was asked to print.
final class PrintingStore: LedgerStore {
    let inner: InMemoryStore
    var printed: [(String, PrintTarget)] = []
    init(_ inner: InMemoryStore) { self.inner = inner }
    var ledger: Ledger { inner.ledger }
    var headHash: String { inner.headHash }
    func damageMessage(_ lang: Lang) -> String? { nil }
    func record(_ command: Command, actor: Actor, now: Date, timeZone: TimeZone) throws -> Record {
        try inner.record(command, actor: actor, now: now, timeZone: timeZone)
    }
    func initialize(_ header: Change, actor: Actor, now: Date) throws -> Record { try inner.initialize(header, actor: actor, now: now) }
    func refresh() throws -> Bool { false }
    func describe(_ error: Error, _ lang: Lang) -> String { inner.describe(error, lang) }
    func printForm(_ id: String, to target: PrintTarget, now: Date, timeZone: TimeZone, lang: Lang) throws -> String {
        printed.append((id, target))
        return "printed \(id)"
    }
}

final class PrintKeysTests: CaseTestCase {
    func test_previewWritesPDFOrPrints() throws {
        try caseUnit()
        let printing = PrintingStore(store)
        let c = clock
        let s = Session(store: printing, actor: Actor(login: "sato"), lang: .ja, timeZone: tokyo, clock: { c.now })
        press(s, .char("8"), .char("/"), .ctrl("u"))
        s.type("HO-0004")
        press(s, .enter, .enter, .char("p"))
        XCTAssertTrue(row(s, 1).contains("印刷プレビュー HO-0004"), row(s, 1))
        XCTAssertTrue(text(s).contains("PDF"), "the keys are offered:\n\(text(s))")
        press(s, .char("P"))
        XCTAssertEqual(printing.printed.map(\.0), ["HO-0004"])
        XCTAssertEqual(printing.printed.last?.1, .pdf("HO-0004-20261125-0900.pdf"))
        XCTAssertTrue(text(s).contains("printed HO-0004"), text(s))
        press(s, .char("l"))
        XCTAssertEqual(printing.printed.last?.1, .printer)
        XCTAssertEqual(printing.printed.count, 2)
        // Nothing was recorded: printing only reads (its checkpoint is the store's business).
        XCTAssertEqual(printing.ledger.nextSeq, store.ledger.nextSeq)
        // The in-memory store cannot print, and says so instead of pretending.
        let plain = session("sato")
        press(plain, .char("8"), .char("/"), .ctrl("u"))
        plain.type("HO-0004")
        press(plain, .enter, .enter, .char("p"), .char("P"))
        XCTAssertTrue(text(plain).contains("印刷できません"), text(plain))
    }
}
