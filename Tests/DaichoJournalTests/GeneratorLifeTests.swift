// The benchmark's generator writes the lifecycle records of issue 12 (pledges,
// keys, the roster, inventories, disposals, incidents) among the others, so the
// million-record figures include them; the journal it writes replays clean.

import DaichoBenchKit
import DaichoCore
import DaichoJournal
import Foundation
import XCTest

final class GeneratorLifeTests: JournalTestCase {
    func test_generatedJournal_holdsEveryLifecycleRecordType_inRealisticProportions_andReplaysClean() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let g = try JournalGenerator(records: 20000, seed: 12).write(to: dir + "/" + Journal.fileName)
        let j = try Journal(directory: dir, snapshot: .ignore)
        XCTAssertNil(j.damage)
        XCTAssertEqual(j.headHash, g.headHash)
        for type in ["pledge.recorded", "key.added", "key.lent", "key.returned", "roster.added", "inventory.started",
                     "inventory.counted", "inventory.closed", "disposal.requested", "disposal.approved", "disposal.done",
                     "disposal.stored", "incident.step", "incident.closed"] {
            XCTAssertGreaterThan(g.lifecycle[type] ?? 0, 0, "\(type): \(g.lifecycle)")
        }
        // Each erase carried out is followed by its return to storage; no medium is left 消去済 but one in the last episodes.
        let l = j.ledger
        let erased = l.life.allDisposals.filter { $0.kind == .erase && $0.state == .done }
        XCTAssertGreaterThan(erased.count, 0)
        XCTAssertLessThanOrEqual(erased.filter { $0.storedAt == nil }.count, 2, "erased media go back to storage")
        // 読後廃棄 media read are disposed of, not left due for ever.
        XCTAssertLessThanOrEqual(l.mediaDueForDisposal.count, 3, l.mediaDueForDisposal.map(\.registration).joined(separator: ","))
        // Proportions: the lifecycle is a small share of a busy unit's journal, uses and take-outs the bulk.
        let life = g.lifecycle.values.reduce(0, +)
        XCTAssertGreaterThan(life, g.records / 100, "\(life) of \(g.records)")
        XCTAssertLessThan(life, g.records / 5, "\(life) of \(g.records)")
    }
}
