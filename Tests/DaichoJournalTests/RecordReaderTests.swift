// The fast record reader (RecordReader.swift) against JSONDecoder, the
// reference (`Record.decodeWithFoundation`): for every line, the fast reader
// either declines or reads exactly the record JSONDecoder reads; and
// `Record.decode` accepts and refuses exactly what JSONDecoder does. Lines:
// a generated journal, hand-written lines of every type, and many seeded
// mutations of both.

@testable import DaichoCore
import DaichoBenchKit
import Foundation
import XCTest

final class RecordReaderTests: XCTestCase {
    /// Counts of lines the fast reader read itself, and of lines it declined.
    private var fastRead = 0, declined = 0

    /// Asserts both paths agree on `line`; returns whether the fast reader read it itself.
    @discardableResult
    private func agree(_ line: Data, _ what: @autoclosure () -> String = "", file: StaticString = #filePath,
                       line ln: UInt = #line) -> Bool {
        let reference = Result { try Record.decodeWithFoundation(line: line) }
        let fast = RecordReader.read(line)
        let decoded = Result { try Record.decode(line: line) }
        let text = String(decoding: line, as: UTF8.self)
        switch (reference, decoded) {
        case (.success(let a), .success(let b)):
            XCTAssertEqual(a, b, "\(what()) \(text)", file: file, line: ln)
            XCTAssertEqual(a.encodedLine(), b.encodedLine(), "\(what()) \(text)", file: file, line: ln)
        case (.failure(let a), .failure(let b)):
            XCTAssertTrue(b is RecordDecodingError, "\(what()) \(text): \(b)", file: file, line: ln)
            XCTAssertEqual(a as? RecordDecodingError, b as? RecordDecodingError, "\(what()) \(text)", file: file, line: ln)
        case (.success, .failure(let e)):
            XCTFail("only JSONDecoder reads \(what()) \(text): \(e)", file: file, line: ln)
        case (.failure(let e), .success):
            XCTFail("JSONDecoder refuses \(what()) \(text) (\(e)) but decode read it", file: file, line: ln)
        }
        if let fast {
            fastRead += 1
            switch reference {
            case .success(let a):
                XCTAssertEqual(a, fast, "\(what()) \(text)", file: file, line: ln)
                XCTAssertEqual(a.encodedLine(), fast.encodedLine(), "\(what()) \(text)", file: file, line: ln)
            case .failure(let e):
                XCTFail("the fast reader read \(what()) \(text), which JSONDecoder refuses: \(e)", file: file, line: ln)
            }
            return true
        }
        declined += 1
        return false
    }

    // MARK: - (a) a generated journal

    private static func generatedLines() throws -> [Data] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-rr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        _ = try JournalGenerator(records: 3000, media: 60, seed: 7).write(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        return bytes.split(separator: 0x0A).map { Data($0) }
    }

    func test_generatedJournal_everyLineReadFast_andEqual() throws {
        let lines = try Self.generatedLines()
        XCTAssertGreaterThanOrEqual(lines.count, 3000)
        var types = Set<String>()
        for (n, line) in lines.enumerated() {
            XCTAssertTrue(agree(line, "line \(n + 1)"), "the fast reader reads what daicho writes: line \(n + 1)")
            if let r = try? Record.decodeWithFoundation(line: line) { types.insert(r.change.type) }
        }
        // The generator writes the common types, handovers and transfers among them.
        for t in ["ledger.header", "person.enrolled", "medium.registered", "use.started", "use.ended", "takeout.requested",
                  "request.approved", "takeout.departed", "takeout.returned", "handover.drafted", "handover.dispatched",
                  "transfer.drafted", "transfer.dispatched"] {
            XCTAssertTrue(types.contains(t), "the generated journal has \(t) (it has \(types.sorted()))")
        }
        // Lines as slices of a larger buffer (JournalRecords reads them so).
        let all = lines.prefix(50).reduce(Data()) { $0 + $1 + [0x0A] }
        var a = all.startIndex
        while let nl = all[a...].firstIndex(of: 0x0A) {
            XCTAssertTrue(agree(all[a..<nl], "slice"))
            a = nl + 1
        }
    }

    // MARK: - (b) hand-written lines of every type

    static let prev = String(repeating: "ab", count: 32)

    /// `data` objects for every type: optional fields present, absent and null; escapes; Japanese text.
    static let payloads: [(String, String)] = [
        ("ledger.header", #"{"format":1,"officer":{"login":"kanri","name":"山田 太郎","roles":["officer"]},"scheme":"{kind}-{year}-{n:4}","unit":"第1通信隊"}"#),
        ("ledger.header", #"{"format":1,"officer":{"login":"k","name":"n","rank":"2佐","roles":["officer","clerk"],"section":null,"title":"責任者"},"scheme":"s","unit":"u"}"#),
        ("person.enrolled", #"{"login":"tanaka","name":"田中 \"一郎\" \\ \/ \n\t\r\b\f","roles":["clerk","supervisor"],"title":"事務官","section":"総務班"}"#),
        ("person.enrolled", #"{"login":"x","name":"\u3042\u3044 \ud83d\ude00 😀 \u00e9\u0041","roles":[],"title":null,"rank":null,"section":null}"#),
        ("person.roles_changed", #"{"login":"tanaka","roles":["clerk","officer","supervisor","auditor"]}"#),
        ("person.roles_changed", #"{"roles":[],"login":"\u7530\u4E2D"}"#),
        ("person.edited", #"{"login":"tanaka","name":"田中 一朗","rank":"3曹","section":"通信班","title":"事務官"}"#),
        ("person.edited", #"{"section":null,"name":"\u7530\u4E2D","login":"tanaka"}"#),
        ("person.retired", #"{"login":"sato","reason":"転出"}"#),
        ("person.officer_changed", #"{"from":"kanri","reason":"人事異動","to":"yamada"}"#),
        ("person.officer_changed", #"{"to":"yamada","from":"kanri"}"#),
        ("medium.registered", #"{"capacity":"32GB","category":"business","class":3,"encrypted":true,"kind":"usb","location":"ロッカー1","model":"M-1","origin":"new","registration":"USB-2026-0001","restrictions":["複製禁止","暗号化必須","部内限り"],"secret":true,"serial":"S/N 1","write_protected":false}"#),
        ("medium.registered", #"{"capacity":null,"category":"disclosable","class":1,"encrypted":false,"kind":"cd-r","location":null,"model":null,"origin":"TI-0001","registration":"CD-2026-0001","restrictions":[],"secret":false,"serial":null,"write_protected":true,"from_unit":"第2通信隊","their_registration":"X-9"}"#),
        ("medium.registered", #"{"category":"commercial","class":2,"encrypted":false,"kind":"other","origin":"new","registration":"MED-1","restrictions":[],"secret":false,"write_protected":false,"from_unit":null,"their_registration":null}"#),
        ("medium.scanned", #"{"note":"検出","registration":"USB-2026-0001","result":"infected"}"#),
        ("medium.scanned", #"{"registration":"USB-2026-0001","result":"clean"}"#),
        ("medium.scanned", #"{"note":null,"registration":"USB-2026-0001","result":"clean"}"#),
        ("medium.lost", #"{"note":"所在不明","registration":"USB-2026-0001"}"#),
        ("medium.found", #"{"note":"","registration":"USB-2026-0001"}"#),
        ("use.started", #"{"purpose":"作業","registration":"USB-2026-0001","until":"2026-11-26T09:00:00Z","where":"端末A"}"#),
        ("use.started", #"{"purpose":"作業","registration":"USB-2026-0001"}"#),
        ("use.started", #"{"purpose":"作業","registration":"USB-2026-0001","until":null,"where":null}"#),
        ("use.ended", #"{"note":"返納","registration":"USB-2026-0001"}"#),
        ("use.ended", #"{"registration":"USB-2026-0001"}"#),
        ("use.ended", #"{"note":null,"registration":"USB-2026-0001"}"#),
        ("takeout.requested", #"{"destination":"本部","from":"2026-11-25T00:00:00Z","purpose":"会議","registration":"USB-2026-0001","request":"REQ-0001","transport":"手渡し","until":"2026-12-31T23:59:59Z"}"#),
        ("takeout.requested", #"{"destination":"本部","from":"2024-02-29T00:00:00Z","purpose":"会議","registration":"USB-2026-0001","request":"REQ-0002","until":"2026-11-26T00:00:00Z"}"#),
        ("takeout.requested", #"{"destination":"本部","from":"2026-11-25T00:00:00Z","purpose":"会議","registration":"U","request":"R","transport":null,"until":"2026-11-26T00:00:00Z"}"#),
        ("request.approved", #"{"comment":"可","confirmed":["data-minimal","no-copy-instructed","virus-checked","encrypted"],"request":"REQ-0001"}"#),
        ("request.approved", #"{"confirmed":[],"request":"REQ-0001"}"#),
        ("request.approved", #"{"comment":null,"confirmed":["encrypted"],"request":"REQ-0001"}"#),
        ("request.rejected", #"{"reason":"不要","request":"REQ-0001"}"#),
        ("request.withdrawn", #"{"reason":"中止","request":"REQ-0001"}"#),
        ("request.withdrawn", #"{"request":"REQ-0001"}"#),
        ("request.withdrawn", #"{"reason":null,"request":"REQ-0001"}"#),
        ("takeout.departed", #"{"registration":"USB-2026-0001","request":"REQ-0001"}"#),
        ("takeout.departed", #"{"note":null,"registration":"USB-2026-0001","request":"REQ-0001"}"#),
        ("takeout.returned", #"{"note":"異常なし","registration":"USB-2026-0001","request":"REQ-0001"}"#),
        ("record.corrected", #"{"note":"正しくは…","reason":"誤記","target":3}"#),
        ("record.corrected", #"{"note":"n","reason":"r","target":0}"#),
        ("record.corrected", #"{"note":"n","reason":"r","target":-12}"#),
        ("ledger.configured", #"{"key":"approvers.takeout","value":"officer,supervisor"}"#),
        ("medium.amended", #"{"changes":[{"field":"encrypted","from":"no","to":"yes"},{"field":"class","from":"3","to":"2"}],"reason":"暗号化した","registration":"USB-2026-0001"}"#),
        ("medium.amended", #"{"registration":"R","reason":"r","changes":[]}"#),
        ("handover.late", #"{"date":"2026-11-30","id":"HO-0001","items":[{"name":"仕様書","quantity":"2部"}],"media":["USB-2026-0001"]}"#),
        ("transfer.late", #"{"date":"2026-11-30","id":"TO-0001","items":[],"media":["USB-2026-0002"]}"#),
        ("handover.drafted", #"{"contract":"C-1","handover":"HO-0001","items":[{"name":"図面","quantity":"3枚","registration":"USB-2026-0001"},{"name":"資料","quantity":"1部"}],"note":"至急","return_required":true,"to":"株式会社A"}"#),
        ("handover.drafted", #"{"handover":"HO-0002","items":[],"return_required":false,"to":"B"}"#),
        ("handover.drafted", #"{"contract":null,"handover":"HO-0003","items":[{"name":"a","quantity":"1","registration":null}],"note":null,"return_required":false,"to":"B"}"#),
        ("handover.dispatched", #"{"date":"2026-11-25","due":"2026-12-02","handover":"HO-0001","sender":"総務班 事務官 田中"}"#),
        ("handover.received", #"{"by":"受領者","date":"2026-11-27","handover":"HO-0001","items":[{"name":"図面","quantity":"３枚"}]}"#),
        ("handover.received", #"{"by":"受領者","date":"2026-11-27","handover":"HO-0001","items":[]}"#),
        ("handover.reminded", #"{"handover":"HO-0001","note":"督促"}"#),
        ("handover.reminded", #"{"handover":"HO-0001"}"#),
        ("handover.acknowledged", #"{"handover":"HO-0001","note":"確認済"}"#),
        ("handover.acknowledged", #"{"handover":"HO-0001","note":null}"#),
        ("handover.recalled", #"{"handover":"HO-0001","note":"取消"}"#),
        ("handover.returned", #"{"date":"2026-12-01","handover":"HO-0001","items":["図面","資料"]}"#),
        ("handover.returned", #"{"date":"2026-12-01","handover":"HO-0001","items":[],"report":null,"signer":null}"#),
        ("handover.destroyed", #"{"date":"2026-12-01","handover":"HO-0001","items":["図面"],"report":"報告第1号","signer":"社長"}"#),
        ("handover.incoming", #"{"by":"事務官 田中","date":"2026-11-25","from":"本部","handover":"HI-0001","items":[{"name":"文書","quantity":"1通"}],"note":"受領"}"#),
        ("handover.incoming", #"{"by":"b","date":"2026-11-25","from":"f","handover":"HI-0002","items":[{"name":"文書","quantity":"1通","registration":"USB-2026-0002"}]}"#),
        ("transfer.drafted", #"{"media":["USB-2026-0001","CD-2026-0001"],"note":"移管","to":"第2通信隊","transfer":"TR-0001"}"#),
        ("transfer.drafted", #"{"media":[],"to":"第2通信隊","transfer":"TR-0002"}"#),
        ("transfer.drafted", #"{"media":["a"],"note":null,"to":"t","transfer":"TR-0003"}"#),
        ("transfer.dispatched", #"{"date":"2026-11-25","sender":"1尉 鈴木","transfer":"TR-0001"}"#),
        ("transfer.received", #"{"by":"2佐 佐藤","date":"2026-11-28","transfer":"TR-0001"}"#),
        ("transfer.incoming", #"{"by":"2佐 山田","date":"2026-11-25","from":"第3通信隊","media":[{"category":"business","class":2,"kind":"sd","model":"SD-1","registration":"SD-2026-0001","theirs":"X-1"}],"note":"受領","transfer":"TI-0001"}"#),
        ("transfer.incoming", #"{"by":"b","date":"2026-11-25","from":"f","media":[],"transfer":"TI-0002"}"#),
        ("transfer.incoming", #"{"by":"b","date":"2026-11-25","from":"f","media":[{"category":"disclosable","class":1,"kind":"dvd-r","model":"m","registration":"r","theirs":"t"},{"category":"commercial","class":3,"kind":"bd-r","model":"m2","registration":"r2","theirs":"t2"}],"note":null,"transfer":"TI-0003"}"#),
        ("transfer.recalled", #"{"reason":"中止","transfer":"TR-0001"}"#),
        // Issue 12 (Life.swift): keys in another order, optional ones null or absent.
        ("pledge.recorded", #"{"login":"tanaka","date":"2026-11-30"}"#),
        ("key.added", #"{"opens":"ロッカー\"1\"","key":"K-1","location":null}"#),
        ("key.added", #"{"key":"K-2","opens":"ワイヤー","location":"当直室"}"#),
        ("key.lent", #"{"until":"2026-12-01T08:00:00Z","to":"sato","key":"K-1"}"#),
        ("key.returned", #"{"key":"K-1"}"#),
        ("roster.added", #"{"number":2,"contract":"C-1","name":"山本 一","kana":"ヤマモト","born":"1970-03-01","address":"東京都","nationality":"日本","post":"主任","duty":"c","result":null}"#),
        ("roster.added", #"{"address":"a","born":"1999-12-31","contract":"c","duty":"e","kana":"k","name":"n","nationality":"x","note":"○ C-0","number":1,"post":"p","result":"確認済"}"#),
        ("inventory.started", #"{"locations":[],"inventory":"INV-0001","as_of":"2027-01-15"}"#),
        ("inventory.started", #"{"as_of":"2027-01-15","inventory":"INV-0002","locations":["保管庫A","金庫\u0031"]}"#),
        ("inventory.counted", #"{"registrations":["USB-2026-0001","SD-2026-0002"],"inventory":"INV-0001"}"#),
        ("inventory.closed", #"{"missing":["USB-2026-0003"],"incidents":["INC-0001"],"inventory":"INV-0001"}"#),
        ("disposal.requested", #"{"reason":"故障","method":"物理破壊","kind":"destroy","registration":"USB-2026-0001","request":"DR-0001"}"#),
        ("disposal.approved", #"{"request":"DR-0001","comment":null}"#),
        ("disposal.approved", #"{"comment":"確認済","request":"DR-0001"}"#),
        ("disposal.rejected", #"{"reason":"保存要","request":"DR-0002"}"#),
        ("disposal.done", #"{"witness":"sato","operator":"tanaka","date":"2026-12-01","certificate":"CERT-0001","request":"DR-0001"}"#),
        ("incident.step", #"{"step":"reported","incident":"INC-0001","note":null}"#),
        ("incident.step", #"{"incident":"INC-0001","note":"科長へ","step":"upward"}"#),
        ("incident.closed", #"{"conclusion":"発見","incident":"INC-0001"}"#),
    ]

    /// Envelopes around `data`: sorted as written, via present/null, keys in other orders, data first.
    static func lines(type: String, data: String) -> [String] {
        let base = #""actor":"tanaka","at":"2026-11-25T09:00:00Z","prev":"\#(prev)","seq":7,"type":"\#(type)","v":1"#
        return [
            "{\(base),\"data\":\(data)}",
            "{\(base),\"via\":\"root\",\"data\":\(data)}",
            "{\(base),\"via\":null,\"data\":\(data)}",
            "{\"data\":\(data),\(base)}",
            #"{"v":1,"type":"\#(type)","seq":0,"prev":"\#(Record.genesisHash)","data":\#(data),"at":"1970-01-01T00:00:00Z","actor":"\u3042\"x\""}"#,
            #"{"seq":123456789012345678,"data":\#(data),"via":"r\/t","v":1,"actor":"a","at":"9999-12-31T23:59:59Z","type":"\#(type)","prev":""}"#,
        ]
    }

    func test_handWrittenLines_everyType() {
        var types = Set<String>()
        for (type, data) in Self.payloads {
            types.insert(type)
            for line in Self.lines(type: type, data: data) {
                XCTAssertTrue(agree(Data(line.utf8)), "read fast: \(line)")
            }
        }
        let all = Set(allTypes)
        XCTAssertEqual(types, all, "every record type has hand-written lines")
    }

    /// Every type name `Change` has (from the encoder's side).
    private var allTypes: [String] {
        ["ledger.header", "person.enrolled", "person.roles_changed", "medium.registered", "medium.scanned", "medium.lost",
         "medium.found", "use.started", "use.ended", "takeout.requested", "request.approved", "request.rejected",
         "request.withdrawn", "takeout.departed", "takeout.returned", "record.corrected", "ledger.configured",
         "handover.drafted", "handover.dispatched", "handover.received", "handover.reminded", "handover.acknowledged",
         "handover.returned", "handover.destroyed", "handover.recalled", "handover.incoming", "transfer.drafted",
         "transfer.dispatched", "transfer.received", "transfer.incoming", "transfer.recalled",
         "person.edited", "person.retired", "person.officer_changed", "medium.amended", "handover.late", "transfer.late",
         "pledge.recorded", "key.added", "key.lent", "key.returned", "roster.added", "inventory.started", "inventory.counted",
         "inventory.closed", "disposal.requested", "disposal.approved", "disposal.rejected", "disposal.done", "incident.step",
         "incident.closed"]
    }

    /// Every change with every optional field filled, as the encoder writes it: the fast reader knows every key
    /// the encoder writes (a field added or renamed in a payload without the reader would show here).
    func test_encodedLines_everyCaseWithEveryField_readFast() {
        let day = Day(year: 2026, month: 11, day: 25)!
        let t = Date(timeIntervalSince1970: 1_795_597_200)
        let person = PersonData(login: "l", name: "名前", roles: Role.allCases, title: "t", rank: "r", section: "s", differentPerson: true)
        let item = HandoverItem(name: "n", quantity: "q", registration: "R", classification: .c3, restrictions: [.noCopy, .noTakeout])
        let changes: [Change] = [
            .header(HeaderData(format: 1, unit: "u", officer: person, scheme: "s")),
            .personEnrolled(person),
            .rolesChanged(RolesData(login: "l", roles: [.clerk])),
            .mediumRegistered(MediumData(registration: "R", kind: .ssd, category: .commercial, classification: .c2,
                                         restrictions: Restriction.standard, secret: true, model: "m", serial: "s", capacity: "c",
                                         location: "l", encrypted: true, writeProtected: true, origin: "TI-1", fromUnit: "f",
                                         theirRegistration: "t", importFile: String(repeating: "a", count: 64), importLine: 12,
                                         registeredOn: Day(year: 2018, month: 4, day: 1))),
            .virusChecked(ScanData(registration: "R", result: .clean, note: "n", product: "p", definitions: day)),
            .mediumLost(LostData(registration: "R", note: "n")),
            .mediumFound(LostData(registration: "R", note: "n")),
            .useStarted(UseStartData(registration: "R", purpose: "p", place: "w", until: t, scan: UseScanData(result: .clean, product: "p"))),
            .useEnded(UseEndData(registration: "R", note: "n")),
            .takeoutRequested(TakeoutRequestData(request: "Q", registration: "R", destination: "d", purpose: "p", from: t,
                                                 until: t, transport: "t")),
            .requestApproved(DecisionData(request: "Q", confirmed: TakeoutCheck.allCases, comment: "c")),
            .requestRejected(RejectionData(request: "Q", reason: "r")),
            .requestWithdrawn(WithdrawalData(request: "Q", reason: "r")),
            .takeoutDeparted(MovementData(registration: "R", request: "Q", note: "n")),
            .takeoutReturned(MovementData(registration: "R", request: "Q", note: "n")),
            .recordCorrected(CorrectionData(target: 5, reason: "r", note: "n")),
            .configured(ConfigData(key: "k", value: "v")),
            .mediumAmended(AmendmentData(registration: "R", reason: "r", changes: [FieldChange(field: .location, from: "", to: "l")])),
            .handoverDrafted(HandoverDraftData(handover: "H", to: "t", contract: "c", returnRequired: true, items: [item], note: "n", noReturnReason: "r")),
            .handoverDispatched(HandoverDispatchData(handover: "H", date: day, due: day, sender: "s")),
            .handoverReceived(HandoverReceiptData(handover: "H", date: day, by: "b", items: [ReceivedItem(name: "n", quantity: "q")])),
            .handoverReminded(HandoverNoteData(handover: "H", note: "n")),
            .handoverAcknowledged(HandoverNoteData(handover: "H", note: "n")),
            .handoverReturned(HandoverDisposalData(handover: "H", items: ["n"], date: day, report: "r", signer: "s")),
            .handoverDestroyed(HandoverDisposalData(handover: "H", items: ["n"], date: day, report: "r", signer: "s")),
            .handoverRecalled(HandoverNoteData(handover: "H", note: "n")),
            .handoverIncoming(HandoverIncomingData(handover: "H", from: "f", items: [item], date: day, by: "b", note: "n")),
            .transferDrafted(TransferDraftData(transfer: "T", to: "t", media: ["R"], note: "n")),
            .transferDispatched(TransferDispatchData(transfer: "T", date: day, sender: "s")),
            .transferReceived(TransferReceiptData(transfer: "T", date: day, by: "b", received: ["R"])),
            .handoverLate(LateArrivalData(id: "H", media: ["R"], items: [ReceivedItem(name: "n", quantity: "q")], date: day)),
            .transferLate(LateArrivalData(id: "T", media: ["R"], date: day)),
            .transferIncoming(TransferIncomingData(transfer: "T", from: "f", media: [IncomingMedium(
                registration: "R", model: "m", theirs: "t", kind: .bdR, category: .disclosable, classification: .c3)],
                                                   date: day, by: "b", note: "n")),
            .transferRecalled(TransferRecallData(transfer: "T", reason: "r")),
            .personEdited(PersonEditData(login: "l", name: "n", title: "t", rank: "r", section: "s")),
            .personRetired(RetirementData(login: "l", reason: "r")),
            .officerChanged(OfficerChangeData(from: "a", to: "b", reason: "r")),
        ] + RecordWriterTests.changes("s", optional: true, n: 1).filter { if case .life = $0 { true } else { false } }
        XCTAssertEqual(Set(changes.map(\.type)), Set(allTypes), "every case")
        for c in changes {
            let r = Record(seq: 3, at: t, actor: "a", via: "v", prev: Self.prev, change: c)
            XCTAssertEqual(RecordReader.read(r.encodedLine()), r, c.type)
            XCTAssertTrue(agree(r.encodedLine(), c.type))
        }
    }

    /// Lines the fast reader must decline (JSONDecoder decides), and both paths agree on.
    func test_oddLines_agree() {
        let good = "{\"actor\":\"a\",\"at\":\"2026-11-25T09:00:00Z\",\"prev\":\"p\",\"seq\":1,\"type\":\"use.ended\",\"v\":1,\"data\":{\"registration\":\"X\"}}"
        func variant(_ of: String, _ with: String) -> String {
            let r = good.replacingOccurrences(of: of, with: with)
            precondition(r != good, of)
            return r
        }
        let odd = [
            "", " ", "{}", "[]", "null", "\u{FEFF}" + good, " " + good, good + " ", good + "\n", good + "x", good + "{}",
            variant(":1,", ": 1,"), variant("{\"registration\"", "{ \"registration\""),
            variant("\"seq\":1", "\"seq\":1.0"), variant("\"seq\":1", "\"seq\":1e0"), variant("\"seq\":1", "\"seq\":-0"),
            variant("\"seq\":1", "\"seq\":01"), variant("\"seq\":1", "\"seq\":99999999999999999999"),
            variant("\"seq\":1", "\"seq\":9223372036854775807"), variant("\"seq\":1", "\"seq\":-1"),
            variant("\"seq\":1", "\"seq\":1E+0"), variant("\"seq\":1", "\"seq\":+1"), variant("\"seq\":1", "\"seq\":null"),
            variant("\"v\":1", "\"v\":1.0"), variant("\"v\":1", "\"v\":2"), variant("\"v\":1", "\"v\":true"),
            variant("\"seq\":1", "\"seq\":1,\"seq\":2"), variant("\"v\":1", "\"v\":1,\"extra\":[1,{\"a\":null}]"),
            variant("{\"registration\":\"X\"}", "{\"registration\":\"X\",\"registration\":\"Y\"}"),
            variant("{\"registration\":\"X\"}", "{\"registration\":\"X\",\"other\":1}"),
            variant("{\"registration\":\"X\"}", "{\"registration\":null}"),
            variant("{\"registration\":\"X\"}", "{\"registration\":\"X\",\"note\":5}"),
            variant("{\"registration\":\"X\"}", "{}"), variant("{\"registration\":\"X\"}", "null"),
            variant("\"actor\":\"a\"", "\"act\\u006fr\":\"a\""), variant("\"actor\":\"a\"", "\"actor\":\"\\u0000\""),
            variant("\"actor\":\"a\"", "\"actor\":\"\\ud800\""), variant("\"actor\":\"a\"", "\"actor\":\"\\udc00\\ud800\""),
            variant("\"actor\":\"a\"", "\"actor\":\"\\ud83d\\u0041\""), variant("\"actor\":\"a\"", "\"actor\":\"\\x\""),
            variant("\"actor\":\"a\"", "\"actor\":\"\\u00\""), variant("\"actor\":\"a\"", "\"actor\":\"\t\""),
            variant("\"actor\":\"a\"", "\"actor\":\"\\uFFFF\\uFEFF\""), variant("\"actor\":\"a\"", "\"actor\":\"e\\u0301\""),
            variant("\"type\":\"use.ended\"", "\"type\":\"use.\\u0065nded\""),
            variant("\"type\":\"use.ended\"", "\"type\":\"use.started\""),
            variant("2026-11-25T09:00:00Z", "2026-11-25T09:00:00z"), variant("2026-11-25T09:00:00Z", "2026-02-30T09:00:00Z"),
            variant("2026-11-25T09:00:00Z", "2026-11-25T24:00:00Z"), variant("2026-11-25T09:00:00Z", "2026-11-25T09:00:00+00:00"),
            variant("2026-11-25T09:00:00Z", "2026-11-25T09:00:00.5Z"), variant("\"at\":\"", "\"at\":\"\\u0032"),
            variant(",\"data\":{\"registration\":\"X\"}", ""), variant("{\"actor", "{\"via\":7,\"actor"),
            variant("{\"registration\":\"X\"}", "{\"registration\":\"X\",}"), variant("\"seq\":1,", "\"seq\":1,,"),
            variant("{\"registration\":\"X\"}", "[{\"registration\":\"X\"}]"),
        ]
        for s in odd { agree(Data(s.utf8), "odd") }
        // Invalid UTF-8 in a string, a raw control byte, a NUL.
        var bytes = Array(good.utf8)
        let x = bytes.firstIndex(of: UInt8(ascii: "X"))!
        let utf8: [[UInt8]] = [
            [0xFF], [0xFE], [0x80], [0xBF], [0xE3, 0x81], [0xE3], [0xC0, 0xAF], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF],
            [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
            [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xEF, 0xBB, 0xBF], [0xE3, 0x81, 0x82], [0xE3, 0x81, 0x82, 0x80],
            [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
            [0xF0, 0x9F, 0x98], [0x00], [0x1F], [0x7F], [0xC2, 0x85], [0xE2, 0x80, 0xA8],
        ]
        for b in utf8 {
            XCTAssertEqual(b.withUnsafeBufferPointer { RecordReader.isWellFormedUTF8($0) }, String(validating: b, as: UTF8.self) != nil, "\(b)")
            var m = bytes
            m.replaceSubrange(x...x, with: b)
            agree(Data(m), "bytes \(b)")
        }
        bytes.removeAll()
        // A day: only YYYY-MM-DD.
        let day = "{\"actor\":\"a\",\"at\":\"2026-11-25T09:00:00Z\",\"prev\":\"p\",\"seq\":1,\"type\":\"transfer.received\",\"v\":1,\"data\":{\"by\":\"b\",\"date\":\"DAY\",\"transfer\":\"T\"}}"
        for d in ["2026-11-25", "2026-2-25", "2026-02-29", "2024-02-29", "R8.11.25", "令和8年11月25日", " 2026-11-25", "2026-11-25T00:00:00Z",
                  "２０２６-11-25", "+026-11-25", "0000-01-01", "2026-13-01", "2026-11-2\\u0035"] {
            agree(Data(day.replacingOccurrences(of: "DAY", with: d).utf8), "day \(d)")
        }
        for c in ["1", "2", "3", "0", "4", "-1", "1.0", "\"1\"", "null"] {
            let s = "{\"actor\":\"a\",\"at\":\"2026-11-25T09:00:00Z\",\"prev\":\"p\",\"seq\":1,\"type\":\"medium.registered\",\"v\":1,\"data\":{\"category\":\"business\",\"class\":\(c),\"encrypted\":false,\"kind\":\"usb\",\"origin\":\"new\",\"registration\":\"R\",\"restrictions\":[],\"secret\":false,\"write_protected\":false}}"
            agree(Data(s.utf8), "class \(c)")
        }
    }

    /// The fast reader's UTF-8 check against the standard library's, over every sequence of 2 bytes, every one
    /// of 3 led by E0-EF, and those of 4 led by F0-F7 with continuation bytes at the edges.
    func test_utf8Check_matchesTheStandardLibrary() {
        func check(_ b: [UInt8]) {
            let mine = b.withUnsafeBufferPointer { RecordReader.isWellFormedUTF8($0) }
            if mine != (String(validating: b, as: UTF8.self) != nil) { XCTFail("\(b)") }
        }
        for a in 0...255 { for c in 0...255 { check([UInt8(a), UInt8(c)]) } }
        for a in 0xE0...0xEF { for c in 0...255 { for d in [0x00, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] { check([UInt8(a), UInt8(c), UInt8(d)]) } } }
        let edges = [0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0]
        for a in 0xF0...0xF7 { for c in 0...255 { for d in edges { for e in edges { check([UInt8(a), UInt8(c), UInt8(d), UInt8(e)]) } } } }
    }

    // MARK: - (c) mutations

    func test_mutatedLines_bothPathsAgree() throws {
        var sources = try Self.generatedLines().map { Array($0) }
        for (type, data) in Self.payloads { sources += Self.lines(type: type, data: data).map { Array($0.utf8) } }
        var rng = SplitMix64(seed: 20261130)
        let interesting: [UInt8] = Array("\"\\{}[],:0123456789.-+eEtrufalsn u ".utf8) + [0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE3, 0xFF]
        let values = ["null", "true", "false", "0", "1", "-1", "1.0", "1e2", "-0", "01", "2", "3", "99999999999999999999",
                      "123456789012345678", "\"\"", "\"x\"", "\"clerk\"", "\"usb\"", "\"business\"", "\"clean\"", "\"encrypted\"",
                      "\"2026-11-25\"", "\"2026-11-25T09:00:00Z\"", "\"\\u3042\"", "\"\\ud83d\\ude00\"", "\"\\/\"", "[]", "{}",
                      "[\"a\"]", "{\"name\":\"n\",\"quantity\":\"q\"}", "\"use.ended\"", "\"ledger.header\""]
        let keys = ["v", "seq", "type", "at", "actor", "via", "prev", "data", "note", "registration", "roles", "class", "from",
                    "until", "items", "media", "date", "name", "quantity", "login", "request", "reason", "handover", "transfer",
                    "secret", "target", "format", "officer", "extra"]
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }

        /// Start offsets of the values in a line (after a colon, a bracket or a comma in an array): approximate, which is fine.
        func valueStarts(_ b: [UInt8]) -> [Int] {
            var out: [Int] = [], inString = false, k = 0
            while k < b.count {
                let c = b[k]
                if inString {
                    if c == UInt8(ascii: "\\") { k += 1 } else if c == UInt8(ascii: "\"") { inString = false }
                } else if c == UInt8(ascii: "\"") { inString = true } else if c == UInt8(ascii: ":") { out.append(k + 1) }
                k += 1
            }
            return out
        }
        /// The end of the value starting at `s` (string, scalar, or bracketed), or nil.
        func valueEnd(_ b: [UInt8], _ s: Int) -> Int? {
            guard s < b.count else { return nil }
            var k = s, depth = 0, inString = false
            repeat {
                guard k < b.count else { return nil }
                let c = b[k]
                if inString {
                    if c == UInt8(ascii: "\\") { k += 1 } else if c == UInt8(ascii: "\"") { inString = false; if depth == 0 { return k + 1 } }
                } else {
                    switch c {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if depth == 0 { return k }
                        depth -= 1
                        if depth == 0 { return k + 1 }
                    case UInt8(ascii: ","): if depth == 0 { return k }
                    default: break
                    }
                }
                k += 1
            } while true
        }

        var total = 0, acceptedByReference = 0
        let rounds = 12
        for _ in 0..<rounds {
            for src in sources {
                var b = src
                for _ in 0..<(1 + below(3)) {
                    switch below(10) {
                    case 0: if !b.isEmpty { b[below(b.count)] = pick(interesting) }
                    case 1: if !b.isEmpty { b.remove(at: below(b.count)) }
                    case 2: b.insert(pick(interesting), at: below(b.count + 1))
                    case 3: b.removeLast(min(b.count, 1 + below(b.count / 2 + 1)))
                    case 4, 5: // replace a value
                        let starts = valueStarts(b)
                        if let s = starts.isEmpty ? nil : pick(starts), let e = valueEnd(b, s) {
                            b.replaceSubrange(s..<e, with: Array(pick(values).utf8))
                        }
                    case 6: // swap two values
                        let starts = valueStarts(b)
                        if starts.count >= 2 {
                            var s1 = pick(starts), s2 = pick(starts)
                            if s1 > s2 { swap(&s1, &s2) }
                            if let e1 = valueEnd(b, s1), let e2 = valueEnd(b, s2), e1 <= s2 {
                                let v1 = Array(b[s1..<e1]), v2 = Array(b[s2..<e2])
                                b.replaceSubrange(s2..<e2, with: v1)
                                b.replaceSubrange(s1..<e1, with: v2)
                            }
                        }
                    case 7: // a key (often a duplicate) inserted after an opening brace
                        let braces = b.indices.filter { b[$0] == UInt8(ascii: "{") }
                        if let o = braces.isEmpty ? nil : pick(braces) {
                            let comma = o + 1 < b.count && b[o + 1] != UInt8(ascii: "}") ? "," : ""
                            b.insert(contentsOf: Array("\"\(pick(keys))\":\(pick(values))\(comma)".utf8), at: o + 1)
                        }
                    case 8: // a key-value pair duplicated
                        let starts = valueStarts(b)
                        if let s = starts.isEmpty ? nil : pick(starts), s >= 1, let e = valueEnd(b, s),
                           let q = b[..<(s - 1)].lastIndex(of: UInt8(ascii: ",")) ?? b[..<(s - 1)].lastIndex(of: UInt8(ascii: "{")) {
                            let pair = Array(b[(q + 1)..<e])
                            b.insert(contentsOf: [UInt8(ascii: ",")] + pair, at: e)
                        }
                    default: // a key renamed
                        let starts = valueStarts(b)
                        if let s = starts.isEmpty ? nil : pick(starts), s >= 2,
                           let q = b[..<(s - 2)].lastIndex(of: UInt8(ascii: "\"")) {
                            b.replaceSubrange((q + 1)..<(s - 2), with: Array(pick(keys).utf8))
                        }
                    }
                }
                total += 1
                if (try? Record.decodeWithFoundation(line: Data(b))) != nil { acceptedByReference += 1 }
                agree(Data(b), "mutation")
            }
        }
        // The mutations must exercise both sides: some still read, most refused.
        XCTAssertGreaterThan(acceptedByReference, total / 50, "\(acceptedByReference) of \(total) mutated lines read")
        XCTAssertGreaterThan(fastRead, total / 50, "the fast reader read \(fastRead) of \(total)")
        print("mutations: \(total) lines, \(acceptedByReference) read by JSONDecoder, \(fastRead) by the fast reader, \(declined) declined")
    }
}
