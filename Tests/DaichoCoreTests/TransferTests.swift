// Media transfers between units with a 送達票 and 受領票 (001 付紙第3):
// 保管中 → 送達中 → 移管済 once the 受領票 is back; receiving registers the
// media with their origin (001 付紙第4: registered when received).

@testable import DaichoCore
import Foundation
import XCTest

final class TransferTests: XCTestCase {
    func test_sendingLifecycle() throws {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register(.sd)
        guard case .transferDrafted(let d)? = f.must(.newTransfer(to: "第2情報保証隊", media: [a, b], note: "定期交換"), as: Who.officer)
        else { return XCTFail() }
        XCTAssertEqual(d.transfer, "TO-0001")
        XCTAssertEqual(f.ledger.transfers["TO-0001"]?.status, .draft)
        XCTAssertEqual(f.status(a), .stored, "a draft moves nothing")
        f.must(.dispatchTransfer(id: "TO-0001", date: nil), as: Who.officer)
        // 001 付紙第3: the media are 送達中 until the 受領票 comes back.
        XCTAssertEqual(f.status(a), .inTransit)
        XCTAssertEqual(f.status(b), .inTransit)
        XCTAssertEqual(f.ledger.transfers["TO-0001"]?.sender, "情報保証責任者 2等陸佐 管理 太郎")
        f.refuse(.requestTakeout(registration: a, destination: "x", purpose: "x", from: nil, until: f.now + day, transport: nil),
                 as: Who.clerk, .wrongState(registration: a, status: .inTransit))
        f.now += 2 * day
        f.must(.receiveTransfer(id: "TO-0001", by: "情報保証責任者 3等陸佐 高橋 五郎", date: nil), as: Who.clerk)
        XCTAssertEqual(f.status(a), .transferred)
        XCTAssertEqual(f.ledger.transfers["TO-0001"]?.status, .received)
        XCTAssertEqual(f.ledger.media[a]?.history.count, 5, "registered, checked, drafted, dispatched, received")
        // 移管済 is final: the medium is out of this unit's hands.
        f.refuse(.reportLost(registration: a, note: "x"), as: Who.clerk, .wrongState(registration: a, status: .transferred))
    }

    func test_refusals() {
        var f = Fixture.staffed()
        let a = f.register()
        f.refuse(.newTransfer(to: "第2隊", media: [a], note: nil), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.refuse(.newTransfer(to: "第2隊", media: [a], note: nil), as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.officer]))
        f.refuse(.newTransfer(to: "第2隊", media: [], note: nil), as: Who.officer, .noItems)
        f.refuse(.newTransfer(to: "第2隊", media: [a, a], note: nil), as: Who.officer, .duplicateItem(a))
        f.refuse(.newTransfer(to: "第2隊", media: ["USB-1999-0001"], note: nil), as: Who.officer, .unknownMedium("USB-1999-0001"))
        f.refuse(.newTransfer(to: "", media: [a], note: nil), as: Who.officer, .invalidField(.toUnit, .empty))
        f.must(.newTransfer(to: "第2隊", media: [a], note: nil), as: Who.officer)
        // The 受領票 answers a 送達票 that went.
        f.refuse(.receiveTransfer(id: "TO-0001", by: "高橋", date: nil), as: Who.officer, .transferState(id: "TO-0001", status: .draft))
        f.must(.scan(registration: a, result: .infected, note: nil), as: Who.clerk)
        f.refuse(.dispatchTransfer(id: "TO-0001", date: nil), as: Who.officer, .quarantined(registration: a))
        f.must(.scan(registration: a, result: .clean, note: nil), as: Who.clerk)
        f.refuse(.dispatchTransfer(id: "TO-0001", date: Day("2026-12-01")), as: Who.officer, .dayInFuture("2026-12-01"))
        f.must(.dispatchTransfer(id: "TO-0001", date: nil), as: Who.officer)
        f.refuse(.receiveTransfer(id: "TO-0001", by: " ", date: nil), as: Who.officer, .invalidField(.recipient, .empty))
        f.refuse(.receiveTransfer(id: "TO-0001", by: "高橋", date: Day("2026-11-24")), as: Who.officer, .dayBeforeDispatch("2026-11-24", "2026-11-25"))
    }

    func test_recallBringsMediaBack() {
        var f = Fixture.staffed()
        let a = f.register()
        f.must(.newTransfer(to: "第2隊", media: [a], note: nil), as: Who.officer)
        f.must(.dispatchTransfer(id: "TO-0001", date: nil), as: Who.officer)
        f.must(.recallTransfer(id: "TO-0001", reason: "送付先誤り"), as: Who.officer)
        XCTAssertEqual(f.status(a), .stored)
        XCTAssertEqual(f.ledger.transfers["TO-0001"]?.status, .recalled)
        f.refuse(.receiveTransfer(id: "TO-0001", by: "x", date: nil), as: Who.officer, .transferState(id: "TO-0001", status: .recalled))
    }

    /// Receiving registers the media (001 付紙第4: on receipt from another unit), with their origin.
    func test_incomingRegistersMedia() throws {
        var f = Fixture.staffed()
        _ = f.register()
        let list = [try IncomingMediumInput.parse("TS-USB32:USB-2025-0003"), try IncomingMediumInput.parse("Verbatim DVD-R:DVD-2024-0010")]
        guard case .transferIncoming(let d)? = f.must(.incomingTransfer(from: "第3部隊", media: list, kind: nil, category: .business,
                                                                        classification: .c2, date: nil, note: nil), as: Who.officer)
        else { return XCTFail() }
        XCTAssertEqual(d.transfer, "TI-0001")
        XCTAssertEqual(d.media.map(\.registration), ["USB-2026-0002", "DVD-2026-0001"], "numbered under our scheme, never reusing one")
        let m = try XCTUnwrap(f.ledger.media["USB-2026-0002"])
        XCTAssertEqual(m.data.origin, "TI-0001")
        XCTAssertEqual(m.data.fromUnit, "第3部隊")
        XCTAssertEqual(m.data.theirRegistration, "USB-2025-0003")
        XCTAssertEqual(m.data.model, "TS-USB32")
        XCTAssertEqual(m.status, .stored)
        XCTAssertEqual(f.register(), "USB-2026-0003", "the next registration continues after received ones")
        // The same medium from the same unit cannot be received twice.
        f.refuse(.incomingTransfer(from: "第3部隊", media: [list[0]], kind: nil, category: .business, classification: .c2, date: nil, note: nil),
                 as: Who.officer, .alreadyReceived("USB-2025-0003", "第3部隊"))
        // 001 付紙第3: the receiving officer registers them.
        f.refuse(.incomingTransfer(from: "第3部隊", media: [list[1]], kind: nil, category: .business, classification: .c2, date: nil, note: nil),
                 as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        XCTAssertThrowsError(try IncomingMediumInput.parse("USB-2025-0003")) { XCTAssertEqual($0 as? DomainError, .invalidMediumSpec("USB-2025-0003")) }
    }
}
