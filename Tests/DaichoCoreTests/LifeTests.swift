// Issue 12: pledges (001 第4, 付紙第5), keys (001 第2-2), the handler roster
// (000 4, 別記様式第2の2), inventories (001 第6), disposal with a witness
// (001 付紙第4 1(5), 002 第50条) and loss incidents (001 付紙第4 3(5), 付紙第8).
// Each rule is checked by decide and again by the replay of a forged record.

@testable import DaichoCore
import Foundation
import XCTest

final class LifeTests: XCTestCase {
    func life(_ c: LifeCommand) -> Command { .life(c) }

    // MARK: 001 第4, 付紙第5: pledges

    func test_pledge_recordedByTheOfficerOnly_forAnEnrolledPerson_notInTheFuture_001_4() {
        var f = Fixture.staffed()
        XCTAssertEqual(f.ledger.peopleWithoutPledge.count, 6, "enrolling makes a pledge due")
        f.refuse(life(.recordPledge(login: Who.clerk, date: nil)), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.refuse(life(.recordPledge(login: Who.stranger, date: nil)), as: Who.officer, .unknownPerson(login: Who.stranger))
        f.refuse(life(.recordPledge(login: Who.clerk, date: Day(f.now + 2 * day, in: f.tz))), as: Who.officer,
                 .dayInFuture(Day(f.now + 2 * day, in: f.tz).iso))
        f.must(life(.recordPledge(login: Who.clerk, date: Day(year: 2026, month: 11, day: 20))), as: Who.officer)
        XCTAssertEqual(f.ledger.life.pledges[Who.clerk]?.date, Day(year: 2026, month: 11, day: 20))
        XCTAssertFalse(f.ledger.peopleWithoutPledge.contains { $0.login == Who.clerk })
        XCTAssertNotNil(f.violation(.life(.pledgeRecorded(PledgeData(login: Who.clerk2, date: Day(f.now, in: f.tz)))), by: Who.clerk))
    }

    // MARK: 001 第2-2: keys

    func test_keys_lentToOnePersonAtATime_returned_overdue_001_2_2() {
        var f = Fixture.staffed()
        f.refuse(life(.addKey(key: "K1", opens: "ロッカー1", location: nil)), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.must(life(.addKey(key: "K1", opens: "ロッカー1", location: "事務室")), as: Who.officer)
        f.refuse(life(.addKey(key: "K1", opens: "x", location: nil)), as: Who.officer, .life(.keyExists("K1")))
        f.refuse(life(.lendKey(key: "K1", to: Who.stranger, until: f.now + day)), as: Who.clerk, .unknownPerson(login: Who.stranger))
        f.refuse(life(.lendKey(key: "K1", to: Who.clerk2, until: f.now - hour)), as: Who.clerk, .untilInPast)
        f.refuse(life(.lendKey(key: "K1", to: Who.clerk2, until: f.now + day)), as: Who.auditor, .roleRequired(login: Who.auditor, roles: [.clerk, .officer]))
        f.must(life(.lendKey(key: "K1", to: Who.clerk2, until: f.now + day)), as: Who.clerk)
        f.refuse(life(.lendKey(key: "K1", to: Who.clerk, until: f.now + day)), as: Who.clerk, .life(.keyLent("K1", to: Who.clerk2)))
        XCTAssertNotNil(f.violation(.life(.keyLent(KeyLendData(key: "K1", to: Who.clerk, until: f.now + day))), by: Who.clerk))
        XCTAssertEqual(f.ledger.life.keys["K1"]?.loan?.to, Who.clerk2)
        XCTAssertTrue(f.ledger.overdueKeys(at: f.now + 2 * day).map(\.key) == ["K1"])
        XCTAssertTrue(f.ledger.overdueKeys(at: f.now).isEmpty)
        f.must(life(.returnKey(key: "K1")), as: Who.officer)
        f.refuse(life(.returnKey(key: "K1")), as: Who.officer, .life(.keyNotLent("K1")))
        XCTAssertNotNil(f.violation(.life(.keyReturned(KeyReturnData(key: "K1"))), by: Who.clerk))
    }

    // MARK: 000 4, 別記様式第2の2: the roster

    func test_roster_officerFilesIt_numberedInOrder_dutyAToE_readByOfficerSupervisorAuditorOnly_000_4() {
        var f = Fixture.staffed()
        let born = Day(year: 1970, month: 3, day: 1)!
        func add(_ duty: String, as login: String = Who.officer) -> Command {
            life(.addRoster(contract: "C-1", name: "山本 一", kana: "ヤマモト ハジメ", born: born, address: "東京都", nationality: "日本",
                            post: "開発部 主任", duty: duty, result: nil, note: nil))
        }
        f.refuse(add("c"), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.refuse(add("f"), as: Who.officer, .life(.unknownDuty("f")))
        f.must(add("c"), as: Who.officer)
        f.must(add("A"), as: Who.officer)
        XCTAssertEqual(f.ledger.life.rosters["C-1"]?.map(\.data.number), [1, 2])
        XCTAssertEqual(f.ledger.life.rosters["C-1"]?.last?.data.duty, .a)
        XCTAssertTrue(f.ledger.canReadRoster(Who.officer) && f.ledger.canReadRoster(Who.supervisor) && f.ledger.canReadRoster(Who.auditor))
        XCTAssertFalse(f.ledger.canReadRoster(Who.clerk))
        let forged = RosterEntryData(contract: "C-1", number: 7, name: "x", kana: "x", born: born, address: "x", nationality: "x",
                                     post: "x", duty: .e, result: nil, note: nil)
        XCTAssertNotNil(f.violation(.life(.rosterAdded(forged)), by: Who.officer), "numbered out of sequence")
        // The journal is read by every enrolled person: its summary names no one.
        XCTAssertFalse(LifeChange.rosterAdded(forged).summary(.ja, timeZone: f.tz).contains("x（"))
    }

    func test_wareki_readsAndWritesEras() {
        XCTAssertEqual(Wareki.parse("昭和45年3月1日"), Day(year: 1970, month: 3, day: 1))
        XCTAssertEqual(Wareki.parse("H2.4.1"), Day(year: 1990, month: 4, day: 1))
        XCTAssertEqual(Wareki.parse("令和元年5月1日"), Day(year: 2019, month: 5, day: 1))
        XCTAssertNil(Wareki.parse("昭和64年1月8日"), "that day is 平成元年")
        XCTAssertNil(Wareki.parse("S+5.1.1"))
        XCTAssertEqual(Wareki.text(Day(year: 1989, month: 1, day: 8)!), "平成元年1月8日")
    }

    // MARK: 001 第6: inventory

    /// Three media at 保管庫A (one in use), one at 保管庫B.
    func inventoryWorld() -> (Fixture, [String]) {
        var f = Fixture.staffed()
        var regs: [String] = []
        for loc in ["保管庫A", "保管庫A", "保管庫A", "保管庫B"] {
            var n = NewMedium(kind: .usb, category: .business, classification: .c2)
            n.location = loc
            guard case .mediumRegistered(let d)? = f.must(.register(n), as: Who.officer) else { return (f, []) }
            regs.append(d.registration)
            // A clean check before its first use or take-out (001 第3-3).
            f.must(.scan(registration: d.registration, result: .clean, note: nil), as: Who.officer)
        }
        f.must(.startUse(registration: regs[2], purpose: "作業", place: nil, until: nil), as: Who.clerk)
        return (f, regs)
    }

    func test_inventory_expectedAccountedSightedMissingUnexpected_001_6() throws {
        var (f, r) = inventoryWorld()
        f.refuse(life(.startInventory(asOf: nil, locations: ["保管庫A"])), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.must(life(.startInventory(asOf: nil, locations: ["保管庫A"])), as: Who.officer)
        var inv = try f.ledger.inventory("INV-0001")
        XCTAssertEqual(inv.expected, [r[0], r[1]])
        XCTAssertEqual(inv.accounted.map(\.registration), [r[2]], "in use: accounted for by its record")
        XCTAssertEqual(inv.accounted.first?.record.hasPrefix("use #"), true)
        XCTAssertEqual(f.ledger.countVerdict(inv, r[0]), .sighted)
        XCTAssertEqual(f.ledger.countVerdict(inv, r[3]), .elsewhere("保管庫B"))
        XCTAssertEqual(f.ledger.countVerdict(inv, r[2]), .notExpected(.inUse))
        XCTAssertEqual(f.ledger.countVerdict(inv, "USB-1999-9999"), .unknown)
        f.refuse(life(.countInventory(id: "INV-0001", registrations: [r[0], "USB-1999-9999"])), as: Who.clerk,
                 .life(.unknownNumber("USB-1999-9999")))
        // Two people count one inventory (two terminals): each number once.
        f.must(life(.countInventory(id: "INV-0001", registrations: [r[0], r[0]])), as: Who.clerk)
        f.must(life(.countInventory(id: "inv-0001", registrations: [r[3].lowercased(), r[0]])), as: Who.clerk2)
        inv = try f.ledger.inventory("INV-0001")
        XCTAssertEqual(inv.counted.map(\.registration), [r[0], r[3]])
        XCTAssertEqual(f.ledger.countVerdict(inv, r[0]), .alreadyCounted)
        f.refuse(life(.countInventory(id: "INV-0001", registrations: [r[0]])), as: Who.clerk, .life(.nothingCounted))
        XCTAssertNotNil(f.violation(.life(.inventoryCounted(InventoryCountData(inventory: "INV-0001", registrations: [r[0]]))), by: Who.clerk),
                        "a number counted twice")
        XCTAssertEqual(inv.sighted, [r[0]])
        XCTAssertEqual(inv.missing, [r[1]])
        XCTAssertEqual(inv.unexpected, [r[3]])
    }

    func test_inventoryClose_missingMediumIsLostWithAnIncident_nothingChangesAfter_001_6_and_3_5() throws {
        var (f, r) = inventoryWorld()
        f.must(life(.startInventory(asOf: nil, locations: [])), as: Who.officer)
        f.must(life(.countInventory(id: "INV-0001", registrations: [r[0], r[3]])), as: Who.clerk)
        // r[1] taken out meanwhile is accounted for elsewhere, not missing.
        _ = f.takeOut(r[3])
        let forgedClose = Change.life(.inventoryClosed(InventoryCloseData(inventory: "INV-0001", missing: [], incidents: [])))
        XCTAssertNotNil(f.violation(forgedClose, by: Who.officer), "a close that leaves out a missing medium")
        f.refuse(life(.closeInventory(id: "INV-0001")), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        guard case .life(.inventoryClosed(let d))? = f.must(life(.closeInventory(id: "INV-0001")), as: Who.officer) else { return XCTFail() }
        XCTAssertEqual(d.missing, [r[1]])
        XCTAssertEqual(d.incidents, ["INC-0001"])
        XCTAssertEqual(f.status(r[1]), .lost)
        let i = try f.ledger.incident("INC-0001")
        XCTAssertEqual(i.registration, r[1])
        XCTAssertEqual(i.inventory, "INV-0001")
        XCTAssertEqual(f.ledger.nextStep(of: i), "reported")
        // Nothing about a closed inventory changes.
        f.refuse(life(.countInventory(id: "INV-0001", registrations: [r[1]])), as: Who.clerk, .life(.inventoryClosed("INV-0001")))
        f.refuse(life(.closeInventory(id: "INV-0001")), as: Who.officer, .life(.inventoryClosed("INV-0001")))
        XCTAssertNotNil(f.violation(.life(.inventoryCounted(InventoryCountData(inventory: "INV-0001", registrations: [r[1]]))), by: Who.clerk))
        XCTAssertEqual(try f.ledger.inventory("INV-0001").missing, [r[1]])
    }

    func test_selfInspection_baseDate0115_reportByEndOfFebruary_configurable_001_6_1() {
        var f = Fixture.staffed()
        f.now = Date(timeIntervalSince1970: TimeInterval(Civil(year: 2027, month: 1, day: 20, hour: 3).epochSeconds))
        var s = f.ledger.selfInspection(on: Day(f.now, in: f.tz))
        XCTAssertEqual(s.state, .due)
        XCTAssertEqual(s.base, Day(year: 2027, month: 1, day: 15))
        XCTAssertEqual(s.due, Day(year: 2027, month: 2, day: 28))
        XCTAssertEqual(f.ledger.selfInspection(on: Day(year: 2027, month: 3, day: 1)!).state, .overdue)
        f.must(life(.startInventory(asOf: Day(year: 2027, month: 1, day: 15), locations: [])), as: Who.officer)
        f.must(life(.closeInventory(id: "INV-0001")), as: Who.officer)
        s = f.ledger.selfInspection(on: Day(f.now, in: f.tz))
        XCTAssertEqual(s.state, .next)
        XCTAssertEqual(s.base, Day(year: 2028, month: 1, day: 15))
        XCTAssertEqual(s.due, Day(year: 2028, month: 2, day: 29), "end of February in a leap year")
        f.must(.configure(key: "inspection.report_due", value: "03-31"), as: Who.officer)
        XCTAssertEqual(f.ledger.selfInspection(on: Day(f.now, in: f.tz)).due, Day(year: 2028, month: 3, day: 31))
        f.refuse(.configure(key: "inspection.base_date", value: "02-30"), as: Who.officer, .invalidSetting(key: "inspection.base_date", value: "02-30"))
    }

    // MARK: 001 付紙第4 1(5), 002 第50条: disposal

    func test_disposal_onlyInStorage_methodFromTheList_decidedByTheOfficer_neverTheRequester() {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        f.must(.startUse(registration: b, purpose: "作業", place: nil, until: nil), as: Who.clerk)
        f.refuse(life(.requestDisposal(registration: b, kind: .destroy, method: "物理破壊", reason: "不要")), as: Who.clerk,
                 .wrongState(registration: b, status: .inUse))
        f.refuse(life(.requestDisposal(registration: a, kind: .destroy, method: "焼却", reason: "不要")), as: Who.clerk,
                 .life(.unknownMethod("焼却", LifeSettings.defaultMethods)))
        f.must(.configure(key: "disposal.methods", value: LifeSettings.defaultMethods.joined(separator: ",") + ",焼却"), as: Who.officer)
        f.must(life(.requestDisposal(registration: a, kind: .destroy, method: "焼却", reason: "不要")), as: Who.officer)
        f.refuse(life(.requestDisposal(registration: a, kind: .erase, method: "溶解", reason: "x")), as: Who.clerk,
                 .life(.disposalOpen(registration: a, id: "DR-0001")))
        // Default decider: the officer; never the requester (002 第19条).
        f.refuse(.approve(request: "DR-0001", confirmed: [], comment: nil), as: Who.officer, .selfApproval(request: "DR-0001"))
        f.refuse(.approve(request: "DR-0001", confirmed: [], comment: nil), as: Who.supervisor, .roleRequired(login: Who.supervisor, roles: [.officer]))
        XCTAssertNotNil(f.violation(.life(.disposalApproved(DisposalApprovalData(request: "DR-0001", comment: nil))), by: Who.officer))
        XCTAssertEqual(f.ledger.disposalApprovals(for: Who.officer2).map(\.id), ["DR-0001"])
        XCTAssertTrue(f.ledger.disposalApprovals(for: Who.officer).isEmpty)
        f.refuse(life(.completeDisposal(id: "DR-0001", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)), as: Who.clerk,
                 .life(.disposalState("DR-0001", .pending)))
        f.must(.reject(request: "DR-0001", reason: "保存要"), as: Who.officer2)
        XCTAssertEqual(f.ledger.life.disposals["DR-0001"]?.state, .rejected)
        f.must(.configure(key: "approvers.disposal", value: "officer,supervisor"), as: Who.officer)
        f.must(life(.requestDisposal(registration: a, kind: .destroy, method: "物理破壊", reason: "不要")), as: Who.clerk)
        f.must(.approve(request: "DR-0002", confirmed: [], comment: nil), as: Who.supervisor)
    }

    func test_disposalDone_twoDifferentPeople_witnessNotOperator_norRequesterWhereConfigured_certificatesInSequence_001_f4_1_5() throws {
        var f = Fixture.staffed()
        let a = f.register(), b = f.register()
        f.must(life(.requestDisposal(registration: a, kind: .destroy, method: "物理破壊", reason: "故障")), as: Who.clerk)
        f.must(.approve(request: "DR-0001", confirmed: [], comment: nil), as: Who.officer)
        f.refuse(life(.completeDisposal(id: "DR-0001", operatorLogin: Who.clerk2, witness: Who.clerk2, date: nil)), as: Who.clerk, .life(.samePerson))
        f.refuse(life(.completeDisposal(id: "DR-0001", operatorLogin: Who.clerk2, witness: Who.stranger, date: nil)), as: Who.clerk,
                 .unknownPerson(login: Who.stranger))
        let forged = Change.life(.disposalDone(DisposalDoneData(request: "DR-0001", certificate: "CERT-0001", date: Day(f.now, in: f.tz),
                                                                operatorLogin: Who.clerk2, witness: Who.clerk2)))
        XCTAssertNotNil(f.violation(forged, by: Who.clerk), "witness is the operator")
        let outOfSequence = Change.life(.disposalDone(DisposalDoneData(request: "DR-0001", certificate: "CERT-0009", date: Day(f.now, in: f.tz),
                                                                       operatorLogin: Who.clerk2, witness: Who.officer)))
        XCTAssertNotNil(f.violation(outOfSequence, by: Who.clerk), "certificate out of its sequence")
        f.must(.configure(key: "disposal.witness_not_requester", value: "true"), as: Who.officer)
        f.refuse(life(.completeDisposal(id: "DR-0001", operatorLogin: Who.clerk2, witness: Who.clerk, date: nil)), as: Who.clerk,
                 .life(.witnessIsRequester(Who.clerk)))
        guard case .life(.disposalDone(let d))? = f.must(life(.completeDisposal(id: "DR-0001", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)),
                                                          as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(d.certificate, "CERT-0001")
        // Destroyed for ever; its number is never reused.
        XCTAssertEqual(f.status(a), .destroyed)
        f.refuse(life(.requestDisposal(registration: a, kind: .destroy, method: "物理破壊", reason: "x")), as: Who.clerk,
                 .wrongState(registration: a, status: .destroyed))
        XCTAssertNotEqual(f.register(), a)
        // Erased: back in storage empty, same number, data category cleared; the next certificate number follows.
        f.must(life(.requestDisposal(registration: b, kind: .erase, method: "専用ソフトによる上書き消去", reason: "再利用")), as: Who.clerk)
        f.must(.approve(request: "DR-0002", confirmed: [], comment: nil), as: Who.officer)
        guard case .life(.disposalDone(let e))? = f.must(life(.completeDisposal(id: "DR-0002", operatorLogin: Who.clerk2, witness: Who.officer, date: nil)),
                                                          as: Who.clerk) else { return XCTFail() }
        XCTAssertEqual(e.certificate, "CERT-0002")
        XCTAssertEqual(f.status(b), .erased)
        f.must(life(.storeErased(id: "DR-0002")), as: Who.clerk)
        XCTAssertEqual(f.status(b), .stored)
        XCTAssertEqual(f.ledger.life.erased[b], "CERT-0002")
        XCTAssertEqual(try f.ledger.disposal("DR-0002").medium?.registration, b)
    }

    /// 001 付紙第4 1(5), 002 第50条: erased, the medium is 消去済; then back in storage empty, as a recorded step of its
    /// own (who, when), its data category cleared, its registration number kept. Until then it is not used, taken out
    /// or handed over (the rule book's one check), and the replay refuses a forged record that breaks this.
    func test_erased_isErasedUntilPutBackInStorage_byItsOwnStep_notUsedTakenOutOrHandedOverMeanwhile_001_f4_1_5_002_50() throws {
        var f = Fixture.staffed()
        let a = f.register(), other = f.register()
        f.refuse(life(.storeErased(id: a)), as: Who.clerk, .life(.unknownDisposal(a)))
        f.must(life(.requestDisposal(registration: a, kind: .erase, method: "専用ソフトによる上書き消去", reason: "再利用")), as: Who.clerk)
        f.must(.approve(request: "DR-0001", confirmed: [], comment: nil), as: Who.officer)
        f.refuse(life(.storeErased(id: "DR-0001")), as: Who.clerk, .life(.notErased("DR-0001")))
        f.must(life(.completeDisposal(id: "DR-0001", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)), as: Who.clerk)
        XCTAssertEqual(f.status(a), .erased, "消去済 is a resting state")
        XCTAssertEqual(f.ledger.life.erased[a], "CERT-0001", "its data category is cleared")
        // Meanwhile: not used, not taken out, not handed over, not disposed of again.
        f.refuse(.startUse(registration: a, purpose: "x", place: nil, until: nil), as: Who.clerk, .wrongState(registration: a, status: .erased))
        f.refuse(.requestTakeout(registration: a, destination: "x", purpose: "x", from: nil, until: f.now + day, transport: nil), as: Who.clerk,
                 .wrongState(registration: a, status: .erased))
        XCTAssertEqual(f.ledger.exitRefusal(f.ledger.media[a]!, .handover), .wrongState(registration: a, status: .erased))
        XCTAssertEqual(f.ledger.exitRefusal(f.ledger.media[a]!, .transfer), .wrongState(registration: a, status: .erased))
        f.refuse(life(.requestDisposal(registration: a, kind: .destroy, method: "物理破壊", reason: "x")), as: Who.clerk,
                 .wrongState(registration: a, status: .erased))
        // Forged records the replay refuses: a take-out of the erased medium, a use (the fold refuses it), a return
        // to storage by someone without the role, of another medium, or by a request that was no erase.
        let takeout = Change.takeoutRequested(TakeoutRequestData(request: "REQ-9", registration: a, destination: "x", purpose: "x",
                                                                 from: f.now, until: f.now + day, transport: nil))
        XCTAssertNotNil(f.violation(takeout, by: Who.clerk), "a take-out of a 消去済 medium")
        var forgedUse = f.ledger
        XCTAssertThrowsError(try forgedUse.apply(Record(seq: f.ledger.nextSeq, at: f.now, actor: Who.clerk, prev: Record.genesisHash,
                                                        change: .useStarted(UseStartData(registration: a, purpose: "x", place: nil, until: nil, scan: nil)))))
        XCTAssertNotNil(f.violation(.life(.erasedStored(ErasedStoredData(request: "DR-0001", registration: a))), by: Who.auditor), "role")
        XCTAssertNotNil(f.violation(.life(.erasedStored(ErasedStoredData(request: "DR-0001", registration: other))), by: Who.clerk), "another medium")
        XCTAssertNil(f.violation(.life(.erasedStored(ErasedStoredData(request: "DR-0001", registration: a))), by: Who.clerk))
        // Put back by its registration number (the medium in hand): who and when recorded, stored, same number.
        guard case .life(.erasedStored(let st))? = f.must(life(.storeErased(id: a)), as: Who.clerk2) else { return XCTFail() }
        XCTAssertEqual(st, ErasedStoredData(request: "DR-0001", registration: a))
        let d = try f.ledger.disposal("DR-0001")
        XCTAssertEqual(d.storedBy, Who.clerk2)
        XCTAssertEqual(d.storedAt, f.now)
        XCTAssertEqual(f.status(a), .stored)
        XCTAssertEqual(f.ledger.media[a]?.registration, a)
        XCTAssertEqual(f.ledger.life.erased[a], "CERT-0001", "still empty until it holds data again")
        XCTAssertNil(f.ledger.exitRefusal(f.ledger.media[a]!, .handover))
        // Once: a second return, or a forged one, is refused.
        f.refuse(life(.storeErased(id: "DR-0001")), as: Who.clerk, .life(.notErased("DR-0001")))
        XCTAssertNotNil(f.violation(.life(.erasedStored(ErasedStoredData(request: "DR-0001", registration: a))), by: Who.clerk), "twice")
        // A destroyed medium never goes back.
        f.must(life(.requestDisposal(registration: other, kind: .destroy, method: "物理破壊", reason: "故障")), as: Who.clerk)
        f.must(.approve(request: "DR-0002", confirmed: [], comment: nil), as: Who.officer)
        f.must(life(.completeDisposal(id: "DR-0002", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)), as: Who.clerk)
        f.refuse(life(.storeErased(id: "DR-0002")), as: Who.clerk, .life(.notErased("DR-0002")))
        XCTAssertNotNil(f.violation(.life(.erasedStored(ErasedStoredData(request: "DR-0002", registration: other))), by: Who.clerk), "destroyed")
    }

    /// 002 別表1 読後廃棄: one model of "due" (the rule book's `Medium.disposalDue`); completing a disposal, by erasing
    /// or destroying, clears it, and home lists each due medium once.
    func test_destroyAfterReading_oneDue_clearedByEraseOrDestroy_listedOnHomeOnce_002_beppyo1() {
        var f = Fixture.staffed()
        let a = f.register(restrictions: ["読後廃棄"]), b = f.register(restrictions: ["読後廃棄"])
        for reg in [a, b] {
            f.must(.startUse(registration: reg, purpose: "閲覧", place: nil, until: nil), as: Who.clerk)
            f.must(.endUse(registration: reg, note: nil), as: Who.clerk)
        }
        XCTAssertEqual(f.ledger.mediaDueForDisposal.map(\.registration), [a, b])
        XCTAssertEqual(f.ledger.disposalsDue(at: f.now).map(\.due.registration).sorted(), [a, b].sorted())
        func homeLines() -> [String] {
            f.ledger.lifeAttention(for: Who.officer, now: f.now, timeZone: f.tz, lang: .ja).filter { $0.id.hasPrefix("due:") }.compactMap(\.registration)
        }
        XCTAssertEqual(homeLines().sorted(), [a, b].sorted(), "each due medium once")
        f.must(life(.requestDisposal(registration: a, kind: .erase, method: "専用ソフトによる上書き消去", reason: "読後廃棄")), as: Who.clerk)
        f.must(.approve(request: "DR-0001", confirmed: [], comment: nil), as: Who.officer)
        f.must(life(.completeDisposal(id: "DR-0001", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)), as: Who.clerk)
        XCTAssertFalse(f.ledger.media[a]!.disposalDue, "an erase clears the due")
        f.must(life(.storeErased(id: "DR-0001")), as: Who.clerk)
        XCTAssertEqual(homeLines(), [b])
        f.must(life(.requestDisposal(registration: b, kind: .destroy, method: "裁断", reason: "読後廃棄")), as: Who.clerk)
        f.must(.approve(request: "DR-0002", confirmed: [], comment: nil), as: Who.officer)
        f.must(life(.completeDisposal(id: "DR-0002", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)), as: Who.clerk)
        XCTAssertFalse(f.ledger.media[b]!.disposalDue, "a destruction clears the due")
        XCTAssertTrue(homeLines().isEmpty)
        XCTAssertTrue(f.ledger.mediaDueForDisposal.isEmpty)
        // The erased medium, back in storage and checked, is used again; once read, it is due again.
        f.must(.scan(registration: a, result: .clean, note: nil), as: Who.clerk)
        f.must(.startUse(registration: a, purpose: "再利用", place: nil, until: nil), as: Who.clerk)
        f.must(.endUse(registration: a, note: nil), as: Who.clerk)
        XCTAssertEqual(homeLines(), [a])
    }

    func test_destroyAfterReading_becomesDueWhenItsUseEnds_overdueAfterConfiguredDays_002_beppyo1() {
        var f = Fixture.staffed()
        let a = f.register(restrictions: ["読後廃棄"])
        XCTAssertTrue(f.ledger.disposalsDue(at: f.now).isEmpty)
        f.must(.startUse(registration: a, purpose: "閲覧", place: nil, until: nil), as: Who.clerk)
        f.must(.endUse(registration: a, note: nil), as: Who.clerk)
        XCTAssertEqual(f.ledger.disposalsDue(at: f.now).map(\.due.registration), [a])
        XCTAssertEqual(f.ledger.disposalsDue(at: f.now + 8 * day).first?.overdue, true)
        XCTAssertEqual(f.ledger.disposalsDue(at: f.now + 6 * day).first?.overdue, false)
        f.must(life(.requestDisposal(registration: a, kind: .destroy, method: "裁断", reason: "読後廃棄")), as: Who.clerk)
        f.must(.approve(request: "DR-0001", confirmed: [], comment: nil), as: Who.officer)
        f.must(life(.completeDisposal(id: "DR-0001", operatorLogin: Who.clerk, witness: Who.clerk2, date: nil)), as: Who.clerk)
        XCTAssertTrue(f.ledger.disposalsDue(at: f.now).isEmpty)
    }

    // MARK: 001 付紙第4 3(5), 付紙第8: loss incidents

    func test_lossOpensAnIncident_stepsInTheConfiguredOrder_eachWithWhoAndWhen_closedWithAConclusion() throws {
        var f = Fixture.staffed()
        let a = f.register()
        f.must(.reportLost(registration: a, note: "訓練後に所在不明"), as: Who.clerk)
        let i = try f.ledger.incident("INC-0001")
        XCTAssertEqual(i.registration, a)
        XCTAssertEqual(i.openedBy, Who.clerk)
        XCTAssertEqual(i.classification, .c2)
        f.refuse(life(.stepIncident(id: "INC-0001", step: "upward", note: nil)), as: Who.clerk, .life(.stepOutOfOrder("upward", next: "reported")))
        f.refuse(life(.stepIncident(id: "INC-0001", step: "call", note: nil)), as: Who.clerk, .life(.unknownStep("call", LifeSettings.defaultSteps)))
        XCTAssertNotNil(f.violation(.life(.incidentStep(IncidentStepData(incident: "INC-0001", step: "searched", note: nil))), by: Who.clerk))
        f.must(life(.stepIncident(id: "INC-0001", step: "reported", note: "科長へ")), as: Who.clerk)
        f.refuse(life(.stepIncident(id: "INC-0001", step: "reported", note: nil)), as: Who.clerk, .life(.stepDone("reported")))
        f.refuse(life(.closeIncident(id: "INC-0001", conclusion: "x")), as: Who.officer, .life(.stepsOutstanding(["upward", "searched", "result"])))
        f.must(.reportFound(registration: a, note: "車両内"), as: Who.officer)
        XCTAssertNotNil(try f.ledger.incident("INC-0001").foundAt)
        XCTAssertEqual(f.status(a), .quarantined)
        XCTAssertTrue(f.ledger.foundAfterLoss(f.ledger.media[a]!), "labelled found, not infected")
        for s in ["upward", "searched", "result"] { f.must(life(.stepIncident(id: "INC-0001", step: s, note: nil)), as: Who.officer) }
        f.refuse(life(.closeIncident(id: "INC-0001", conclusion: "発見")), as: Who.clerk, .roleRequired(login: Who.clerk, roles: [.officer]))
        f.must(life(.closeIncident(id: "INC-0001", conclusion: "車両内で発見、検査の上使用再開")), as: Who.officer)
        XCTAssertEqual(try f.ledger.incident("INC-0001").status, .closed)
        f.refuse(life(.stepIncident(id: "INC-0001", step: "result", note: nil)), as: Who.clerk, .life(.incidentClosed("INC-0001")))
        // A second loss opens a second incident.
        f.must(.scan(registration: a, result: .clean, note: nil), as: Who.clerk)
        f.must(.reportLost(registration: a, note: "再度"), as: Who.clerk)
        XCTAssertEqual(f.ledger.openIncidents.map(\.id), ["INC-0002"])
    }

    func test_incidentSteps_configurable() throws {
        var f = Fixture.staffed()
        f.must(.configure(key: "incident.steps", value: "通報,捜索,結果"), as: Who.officer)
        let a = f.register()
        f.must(.reportLost(registration: a, note: "x"), as: Who.clerk)
        XCTAssertEqual(f.ledger.nextStep(of: try f.ledger.incident("INC-0001")), "通報")
        f.refuse(.configure(key: "incident.steps", value: " , "), as: Who.officer, .invalidSetting(key: "incident.steps", value: " , "))
    }

    func test_homeAttention_forTheOfficer() {
        var f = Fixture.staffed()
        let a = f.register()
        f.must(.reportLost(registration: a, note: "x"), as: Who.clerk)
        let ids = f.ledger.lifeAttention(for: Who.officer, now: f.now, timeZone: f.tz, lang: .ja).map(\.id)
        XCTAssertTrue(ids.contains("inc:INC-0001"))
        XCTAssertTrue(ids.contains("pledge"))
        XCTAssertTrue(ids.contains("inspection"))
        let clerk = f.ledger.lifeAttention(for: Who.clerk, now: f.now, timeZone: f.tz, lang: .ja).map(\.id)
        XCTAssertFalse(clerk.contains("pledge"))
        XCTAssertFalse(clerk.contains("inc:INC-0001"))
    }
}
