// A realistic journal of N records for the benchmark: a unit's register over
// years — people enrolled, about one medium per 200 records, uses as
// start/end pairs, take-outs requested, approved (sometimes rejected or
// withdrawn), carried out and returned, virus checks, the rare infection,
// loss, find and correction — with Japanese names and free text.
//
// Every record goes through the project's own path: `Ledger.decide` checks the
// rules, `Record.encodedLine` spells the line, `Journal.hash` chains it, and
// the ledger folds it. Only the file writing is bulk (one buffered write
// instead of lock + fsync per record); a test replays a generated journal
// through `Journal.append` and gets the identical file.
//
// Episodes interleave: several media are in use or out at any time, so the
// journal reads like a busy unit's, not like one medium after another.
// Handovers (送付リスト with their 受領書, some short and acknowledged, some
// reminded, contractor cases returned), incoming deliveries and transfers of
// media to and from other units (送達票/受領票) are episodes too. A new kind of
// episode is one more case of `Episode`, its weight in `Episode.weights` and
// its steps in `steps(for:)`.

import DaichoCore
import DaichoJournal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small, fast, seeded random number generator (SplitMix64), so a journal of N records is always the same journal.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What the generator wrote.
public struct GeneratedJournal: Sendable {
    public var records: Int
    public var bytes: Int
    public var media: Int
    public var people: Int
    public var uses: Int
    public var requests: Int
    /// 送付リスト (outgoing and incoming) and 送達票 (out and in).
    public var handovers: Int
    public var transfers: Int
    /// Records of the lifecycle (issue 12) by type: pledges, keys, rosters, inventories, disposals, incident steps.
    public var lifecycle: [String: Int] = [:]
    /// Commands the rules refused (an episode on a medium that changed meanwhile); they write nothing.
    public var refused: Int
    public var headHash: String
}

public struct JournalGenerator {
    public var records: Int
    public var media: Int
    public var seed: UInt64

    /// `media` defaults to one per 200 records (5 000 at a million), at least 20.
    public init(records: Int, media: Int? = nil, seed: UInt64 = 2026) {
        self.records = records
        self.media = media ?? Swift.max(20, records / 200)
        self.seed = seed
    }

    static let family = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
                         "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水"]
    static let given = ["太郎", "花子", "健一", "美咲", "翔太", "陽子", "大輔", "由美", "誠", "恵", "拓也", "彩"]
    static let sections = ["通信小隊", "本部管理中隊", "第1通信中隊", "第2通信中隊", "電子整備小隊", "情報保証班"]
    static let purposes = ["会議資料の作成", "演習計画の修正", "報告書の印刷", "端末間のデータ移動", "定期整備記録の転記",
                           "教育資料の準備", "業務用データのバックアップ", "受領文書の確認"]
    static let places = ["第2会議室 端末03", "本部庁舎2階 事務室", "通信所 作業端末", "教育隊 講堂", "整備工場 事務所"]
    static let destinations = ["陸上幕僚監部 防衛部", "東部方面総監部 情報部", "第1師団司令部", "補給統制本部",
                               "朝霞駐屯地 第3通信中隊", "市ヶ谷 統合幕僚監部 J6"]
    static let transports = ["手持ち（施錠鞄）", "公用車", "簡易書留"]
    static let returnNotes = ["異常なし", "封印確認済み", "持出先でのデータ消去を確認", "ケース破損なし"]
    static let locations = ["保管庫A-", "保管庫B-", "金庫1-", "ロッカーC-"]
    static let addressees = ["東部方面総監部 情報部長", "第1師団司令部 第2部長", "株式会社〇〇システムズ 防衛事業部長",
                             "補給統制本部 通信電子部長", "第12旅団司令部 第3部長"]
    static let documents = [("演習計画（案）", "1部（12枚）"), ("通信電子運用規則の改正資料", "2部"), ("定期整備記録", "1冊"),
                            ("調達仕様書", "1部（48枚）"), ("業務用データ", "1.2GB"), ("会議資料", "3部")]
    static let receivers = ["東部方面総監部 情報部 2等陸尉 小林 誠", "第1師団司令部 第2部 1等陸曹 加藤 陽子",
                            "株式会社〇〇システムズ 防衛事業部 主任 松本 拓也"]
    static let units = ["第2通信隊", "東部方面通信群", "第1師団通信大隊", "中央情報隊"]

    /// The id a case will get when the next command creates it, kept for the episode's later steps.
    final class CaseID { var id = "" }

    /// One kind of thing that happens to a medium, a few records long.
    enum Episode: CaseIterable {
        case use, takeout, takeoutRejected, takeoutWithdrawn, scan, infection, lostAndFound, correction
        case handover, handoverShort, contractorHandover, incomingHandover, transferOut, transferIn, amendment
        // Issue 12: keys lent and returned, erasure (back to storage by its own record) and destruction with a
        // witness, an inventory; a 読後廃棄 medium once read goes to one of the two disposals.
        case keyLoan, erase, destroy, inventory

        /// Relative frequency.
        static let weights: [(Episode, Int)] = [
            (.use, 560), (.takeout, 200), (.takeoutRejected, 25), (.takeoutWithdrawn, 20), (.scan, 80),
            (.infection, 3), (.lostAndFound, 1), (.correction, 2),
            (.handover, 12), (.handoverShort, 2), (.contractorHandover, 3), (.incomingHandover, 6), (.transferOut, 1), (.transferIn, 1), (.amendment, 2),
            (.keyLoan, 10), (.erase, 2), (.destroy, 1),
        ]
        // Inventories are not drawn by weight: one when daicho takes the register over, then one a year
        // at the self-inspection's base date (001 第6: 1月15日), counted by two clerks in batches.
    }

    /// One step of an episode: the command and who gives it, read off the ledger
    /// as it is when the step runs (nil: the episode ends here).
    typealias Step = (Ledger, Date) -> (Command, Actor)?

    /// Writes the journal to `path` (replacing it) and returns what it wrote.
    @discardableResult
    public func write(to path: String) throws -> GeneratedJournal {
        var w = try Writer(path: path, seed: seed, records: records)
        let officer = Actor(login: "yamada.t")
        try w.add(Ledger.initialize(unit: "第1通信隊", officer: officer.login, name: "山田 太郎", title: "情報保証責任者", rank: "2等陸佐"), officer)
        // The people: two more officers, supervisors, clerks and an auditor.
        var clerks: [Actor] = [], deciders: [Actor] = [officer]
        var roster: [(String, String, [Role])] = [("suzuki.k", "鈴木 健一", [.officer, .clerk]), ("takahashi.m", "高橋 美咲", [.officer])]
        for i in 0..<3 { roster.append(("sup\(i + 1)", "\(Self.family[(i * 7) % 20]) \(Self.given[(i * 5) % 12])", [.supervisor])) }
        let clerkCount = Swift.max(4, Swift.min(60, media / 80))
        for i in 0..<clerkCount {
            roster.append(("clerk\(String(format: "%02d", i + 1))", "\(Self.family[i % 20]) \(Self.given[(i * 7 + 3) % 12])", [.clerk]))
        }
        roster.append(("kansa1", "監査 一郎", [.auditor]))
        for (i, (login, name, roles)) in roster.enumerated() {
            let section = Self.sections[i % Self.sections.count]
            // Namesakes in one section are different people, as the officer confirms (People.swift).
            let namesake = w.ledger.sameNameAndSection(name: name, section: section, except: login) != nil
            try w.run(.enroll(login: login, name: name, roles: roles, title: nil, rank: nil, section: section, differentPerson: namesake), officer)
            if roles.contains(.clerk) { clerks.append(Actor(login: login)) }
            if roles.contains(.officer) || roles.contains(.supervisor) { deciders.append(Actor(login: login)) }
        }
        // People over time: a namesake confirmed as a different person, who later moves away (転出).
        let first = roster[0]
        try w.run(.enroll(login: "namesake1", name: first.1, roles: [.clerk], title: nil, rank: nil, section: Self.sections[0],
                          differentPerson: true), officer)
        try w.run(.editPerson(login: "namesake1", name: nil, title: "事務官", rank: nil, section: nil), officer)
        try w.run(.retirePerson(login: "namesake1", reason: "転出"), officer)
        try w.run(.configure(key: "approvers.takeout", value: "officer,supervisor"), officer)
        // Pledges (001 第4), keys (第2-2) and a contractor's roster (000 別記様式第2の2).
        for p in w.ledger.allPeople where p.login != "kansa1" {
            try w.run(.life(.recordPledge(login: p.login, date: nil)), officer)
        }
        for k in 1...Swift.max(3, clerkCount / 2) {
            try w.run(.life(.addKey(key: "K-\(String(format: "%03d", k))", opens: Self.locations[k % Self.locations.count] + "\(k)",
                                    location: "当直室 キーボックス")), officer)
        }
        for i in 0..<3 {
            try w.run(.life(.addRoster(contract: "契約第2026-0001号", name: "\(Self.family[i + 3]) \(Self.given[i + 2])", kana: "カナ シメイ",
                                       born: Day(year: 1970 + i * 7, month: i + 2, day: 10 + i)!, address: "東京都千代田区\(i + 1)-1",
                                       nationality: "日本", post: "防衛事業部 技術担当", duty: ["a", "c", "d"][i], result: "確認済",
                                       note: nil)), officer)
        }

        // A fifth of the media are there from the start; the rest arrive over the years.
        var registered: [String] = []
        let initialCount = Swift.max(10, media / 5)
        func register() throws {
            let n = registered.count
            let kinds: [MediumKind] = [.usb, .usb, .usb, .sd, .dvdR, .hdd, .ssd, .cdR]
            var m = NewMedium(kind: kinds[n % kinds.count], category: n % 23 == 0 ? .disclosable : .business,
                              classification: n % 9 == 0 ? .c3 : (n % 3 == 0 ? .c1 : .c2))
            m.writeProtected = m.category == .disclosable
            m.encrypted = n % 2 == 0 || m.classification == .c3
            // About one in a hundred is 読後廃棄 (002 別表1): read once, then erased or destroyed.
            m.restrictions = n % 31 == 0 ? ["持出禁止"] : (n % 97 == 7 ? ["読後廃棄"] : (n % 5 == 0 ? ["複製禁止"] : []))
            m.model = ["BUFFALO RUF3-K32GA", "ELECOM MF-MSU3B16G", "SanDisk Extreme 64GB", "I-O DATA HDPH-UT2"][n % 4]
            m.serial = String(format: "SN%08d", 10_000_000 + n * 37)
            m.capacity = ["16GB", "32GB", "64GB", "1TB"][n % 4]
            m.location = Self.locations[n % Self.locations.count] + "\(n % 40 + 1)"
            // Some of those there from the start came from the register kept before daicho (MediaImport.swift).
            if n < initialCount && n % 7 == 3 {
                try w.run(.importMedium(ImportedMedium(registration: "OLD-\(m.kind.prefix)-\(1000 + n)", medium: m,
                                                       registeredOn: Day(year: 2015 + n % 9, month: 4, day: 1),
                                                       file: String(repeating: "5e", count: 32), line: n + 2)), officer)
            } else {
                try w.run(.register(m), officer)
            }
            if let reg = w.ledger.mediaOrder.last, w.ledger.mediaOrder.count > registered.count { registered.append(reg) }
        }
        let initial = Swift.max(10, media / 5)
        for _ in 0..<Swift.min(initial, media) { try register() }
        let registerEvery = Swift.max(1, (records - w.ledger.records.count) / Swift.max(1, media - registered.count + 1))
        var nextRegistration = w.ledger.records.count + registerEvery

        var active: [(reg: String, steps: [Step])] = []
        var busy = Set<String>()
        let totalWeight = Episode.weights.reduce(0) { $0 + $1.1 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = w.tz
        func nextBaseDate(after d: Date) -> Date {
            let y = calendar.component(.year, from: d)
            return [y, y + 1].lazy.compactMap { calendar.date(from: DateComponents(year: $0, month: 1, day: 15, hour: 9)) }.first { $0 > d }!
        }
        var nextInventory = w.now
        // Every kind of episode happens once early on, so that even a short journal holds every record type.
        var firstRound = Episode.weights.map(\.0)
        let inventoryKey = "#inventory"

        while w.ledger.records.count < records {
            if registered.count < media && w.ledger.records.count >= nextRegistration {
                try register()
                nextRegistration += registerEvery
                continue
            }
            // Advance an open episode half the time (always when many are open), else start one.
            func advance(_ i: Int) throws {
                let step = active[i].steps.removeFirst()
                var ended = active[i].steps.isEmpty
                if let (command, actor) = step(w.ledger, w.now) {
                    if try !w.run(command, actor) { ended = true }
                } else { ended = true }
                if ended { busy.remove(active[i].reg); active.remove(at: i) }
            }
            if !active.isEmpty && (active.count >= 40 || w.rng.next() % 2 == 0) {
                try advance(Int(w.rng.next() % UInt64(active.count)))
                continue
            }
            if !busy.contains(inventoryKey), w.now >= nextInventory {
                nextInventory = nextBaseDate(after: w.now)
                var steps = inventorySteps(counters: [clerks[0], clerks[clerks.count > 1 ? 1 : 0]], officer: officer, media: registered.count)
                let first = steps.removeFirst()
                if let (command, actor) = first(w.ledger, w.now), try w.run(command, actor) {
                    active.append((inventoryKey, steps)); busy.insert(inventoryKey)
                }
                continue
            }
            var pick = Int(w.rng.next() % UInt64(totalWeight))
            var episode = Episode.use
            for (e, weight) in Episode.weights { if pick < weight { episode = e; break }; pick -= weight }
            if !firstRound.isEmpty { episode = firstRound.removeFirst() }
            // A medium that is in storage and not in the middle of another episode.
            var reg: String?
            for _ in 0..<12 {
                let r = registered[Int(w.rng.next() % UInt64(registered.count))]
                if !busy.contains(r), w.ledger.media[r]?.status == .stored { reg = r; break }
            }
            guard let reg else {
                // Everything picked is busy: let the oldest open episode move on (or, with none, register one more).
                if active.isEmpty { try register() } else { try advance(0) }
                continue
            }
            // A 読後廃棄 medium that has been read is due for disposal: that is what happens to it next.
            if w.ledger.media[reg]?.disposalDue == true { episode = w.rng.next() % 3 == 0 ? .destroy : .erase }
            let clerk = clerks[Int(w.rng.next() % UInt64(clerks.count))]
            let decider = deciders[Int(w.rng.next() % UInt64(deciders.count))]
            var steps = self.steps(for: episode, reg: reg, clerk: clerk, decider: decider, officer: officer, w: &w)
            guard !steps.isEmpty else { continue }
            // A use, take-out or exit rests on a clean virus check since the medium last came back (001 第3-3):
            // the clerk checks it first when none is on record.
            if ![.scan, .infection, .lostAndFound, .correction, .amendment].contains(episode), w.ledger.media[reg]?.hasCleanCheck == false {
                steps.insert({ _, _ in (.scan(registration: reg, result: .clean, note: "使用前の検査"), clerk) }, at: 0)
            }
            let first = steps.removeFirst()
            guard let (command, actor) = first(w.ledger, w.now), try w.run(command, actor) else { continue }
            if !steps.isEmpty { active.append((reg, steps)); busy.insert(reg) }
        }
        return try w.finish(media: registered.count)
    }

    /// An inventory of the whole register (001 第6): started by the officer, counted by `counters` in turn, sixty
    /// numbers a record (as `inventory count` takes a scanner's batch), while the unit goes on working; what went
    /// out meanwhile is accounted for by its record, what came back is counted before the close, so nothing is missing.
    func inventorySteps(counters: [Actor], officer: Actor, media: Int) -> [Step] {
        let c = CaseID()
        var steps: [Step] = [{ l, _ in c.id = l.life.nextID("INV"); return (.life(.startInventory(asOf: nil, locations: [])), officer) }]
        for i in 0..<(media / 60 + 3) {
            steps.append { l, _ in
                guard let inv = l.life.inventories[c.id], inv.status == .open else { return nil }
                let left = l.missingIfClosed(inv)
                if left.isEmpty { return (.life(.closeInventory(id: c.id)), officer) }
                return (.life(.countInventory(id: c.id, registrations: Array(left.prefix(60)))), counters[i % counters.count])
            }
        }
        return steps
    }

    /// The steps of an episode on medium `reg`, the first of which runs at once.
    func steps(for episode: Episode, reg: String, clerk: Actor, decider: Actor, officer: Actor, w: inout Writer) -> [Step] {
        let purpose = Self.purposes[Int(w.rng.next() % UInt64(Self.purposes.count))]
        let place = Self.places[Int(w.rng.next() % UInt64(Self.places.count))]
        let destination = Self.destinations[Int(w.rng.next() % UInt64(Self.destinations.count))]
        let transport = Self.transports[Int(w.rng.next() % UInt64(Self.transports.count))]
        let note = Self.returnNotes[Int(w.rng.next() % UInt64(Self.returnNotes.count))]
        let hours = Double(2 + w.rng.next() % 7), days = Double(1 + w.rng.next() % 14)
        // A decider never decides their own request (002 第19条): the officer steps in.
        let approver = decider == clerk ? (clerk == officer ? Actor(login: "takahashi.m") : officer) : decider
        let request: (Ledger) -> String? = { $0.media[reg]?.openRequest }
        let endNote: String? = note == "異常なし" ? nil : note
        switch episode {
        case .use:
            return [
                { _, now in (.startUse(registration: reg, purpose: purpose, place: place, until: now + hours * 3600), clerk) },
                { _, _ in (.endUse(registration: reg, note: endNote), clerk) },
            ]
        case .takeout:
            return [
                { _, now in (.requestTakeout(registration: reg, destination: destination, purpose: purpose, from: nil,
                                             until: now + days * 86400, transport: transport), clerk) },
                { l, _ in request(l).map { (.approve(request: $0, confirmed: TakeoutCheck.allCases, comment: "第3-2 の確認済み"), approver) } },
                { _, _ in (.depart(registration: reg), clerk) },
                { _, _ in (.returnTakeout(registration: reg, note: note), clerk) },
            ]
        case .takeoutRejected:
            return [
                { _, now in (.requestTakeout(registration: reg, destination: destination, purpose: purpose, from: nil,
                                             until: now + days * 86400, transport: transport), clerk) },
                { l, _ in request(l).map { (.reject(request: $0, reason: "必要なデータのみに絞ってから再申請すること"), approver) } },
            ]
        case .takeoutWithdrawn:
            return [
                { _, now in (.requestTakeout(registration: reg, destination: destination, purpose: purpose, from: nil,
                                             until: now + days * 86400, transport: transport), clerk) },
                { l, _ in request(l).map { (.withdraw(request: $0, reason: "会議が延期になったため"), clerk) } },
            ]
        case .scan:
            return [{ _, _ in (.scan(registration: reg, result: .clean, note: "定期検査"), clerk) }]
        case .infection:
            return [
                { _, _ in (.scan(registration: reg, result: .infected, note: "マルウェア検知、隔離"), clerk) },
                { _, _ in (.scan(registration: reg, result: .clean, note: "駆除後の再検査で異常なし"), clerk) },
            ]
        case .lostAndFound:
            // The loss opens an incident (001 付紙第4 3(5)); its steps are recorded as they happen.
            let incident: (Ledger) -> String? = { $0.life.openIncident[reg] }
            func step(_ s: String, _ by: Actor) -> Step { { l, _ in incident(l).map { (.life(.stepIncident(id: $0, step: s, note: nil)), by) } } }
            return [
                { _, _ in (.reportLost(registration: reg, note: "定期点検で所在不明を確認"), clerk) },
                step("reported", clerk),
                step("upward", officer),
                { _, _ in (.reportFound(registration: reg, note: "別の保管庫で発見"), officer) },
                step("searched", clerk),
                { _, _ in (.scan(registration: reg, result: .clean, note: "発見後の検査"), clerk) },
                step("result", officer),
                { l, _ in incident(l).map { (.life(.closeIncident(id: $0, conclusion: "保管庫の取り違え。発見し検査の上使用再開")), officer) } },
            ]
        case .keyLoan:
            let keys = w.ledger.life.keyOrder
            guard !keys.isEmpty else { return [] }
            let key = keys[Int(w.rng.next() % UInt64(keys.count))]
            return [
                { l, now in l.life.keys[key]?.loan == nil ? (.life(.lendKey(key: key, to: clerk.login, until: now + hours * 3600)), clerk) : nil },
                { _, _ in (.life(.returnKey(key: key)), clerk) },
            ]
        case .erase, .destroy:
            // Requested, approved by the officer, carried out with a witness (001 付紙第4 1(5)).
            let kind: DisposalKind = episode == .erase ? .erase : .destroy
            let method = kind == .erase ? "専用ソフトによる上書き消去" : "物理破壊"
            let request: (Ledger) -> String? = { l in
                l.life.disposalOrder.last.flatMap { id in l.life.disposals[id]?.registration == reg ? id : nil }
            }
            let witness = Actor(login: clerk.login == "clerk01" ? "clerk02" : "clerk01")
            return [
                { _, _ in (.life(.requestDisposal(registration: reg, kind: kind, method: method,
                                                  reason: kind == .erase ? "再利用のため" : "故障のため")), clerk) },
                { l, _ in request(l).map { (.approve(request: $0, confirmed: [], comment: nil), officer) } },
                { l, _ in request(l).map { (.life(.completeDisposal(id: $0, operatorLogin: clerk.login, witness: witness.login, date: nil)), clerk) } },
                // Erased: 消去済 until it is put back in storage, empty, by its own record.
                { l, _ in kind == .erase ? request(l).map { (.life(.storeErased(id: $0)), witness) } : nil },
            ]
        case .inventory:
            return inventorySteps(counters: [clerk], officer: officer, media: w.ledger.media.count)
        case .handover, .handoverShort:
            let doc = Self.documents[Int(w.rng.next() % UInt64(Self.documents.count))]
            let other = Self.documents[Int(w.rng.next() % UInt64(Self.documents.count))]
            let to = Self.addressees[Int(w.rng.next() % 2)]
            let by = Self.receivers[Int(w.rng.next() % 2)]
            let items = [HandoverItem(name: doc.0, quantity: doc.1)] + (other.0 == doc.0 ? [] : [HandoverItem(name: other.0, quantity: other.1)])
            let reminded = w.rng.next() % 8 == 0
            let c = CaseID()
            var steps: [Step] = [
                { l, _ in c.id = l.nextCaseID("HO")
                    return (.newHandover(to: to, contract: nil, returnRequired: false, items: items, media: [], note: nil), clerk) },
                { _, _ in (.dispatchHandover(id: c.id, date: nil, dueDays: nil), clerk) },
            ]
            if reminded { steps.append({ _, _ in (.remindHandover(id: c.id, note: "電話で督促"), clerk) }) }
            if episode == .handoverShort {
                // One sheet short: a discrepancy, settled by a note that the officer or a supervisor acknowledges.
                steps.append({ _, _ in (.receiveHandover(id: c.id, by: by, date: nil,
                                                         received: [ReceivedItem(name: items[0].name, quantity: "受領数不足")]), clerk) })
                steps.append({ _, _ in (.acknowledgeHandover(id: c.id, note: "先方に確認し、残りは後送で受領済み"), approver) })
            } else {
                steps.append({ _, _ in (.receiveHandover(id: c.id, by: by, date: nil, received: nil), clerk) })
            }
            return steps
        case .contractorHandover:
            // A medium lent to a contractor (003 8.1): returned at the end of the work.
            let c = CaseID()
            let contract = "契約第\(2000 + Int(w.rng.next() % 997))号"
            return [
                { l, _ in c.id = l.nextCaseID("HO")
                    return (.newHandover(to: Self.addressees[2], contract: contract, returnRequired: true, items: [],
                                         media: [reg], note: "作業終了後返却"), officer) },
                { _, _ in (.dispatchHandover(id: c.id, date: nil, dueDays: 14), officer) },
                { _, _ in (.receiveHandover(id: c.id, by: Self.receivers[2], date: nil, received: nil), clerk) },
                { _, _ in (.returnHandover(id: c.id, items: [], date: nil), clerk) },
            ]
        case .incomingHandover:
            let doc = Self.documents[Int(w.rng.next() % UInt64(Self.documents.count))]
            let from = Self.addressees[Int(w.rng.next() % UInt64(Self.addressees.count))]
            return [{ _, _ in (.incomingHandover(from: from, items: [HandoverItem(name: doc.0, quantity: doc.1)], date: nil, note: nil), clerk) }]
        case .transferOut:
            let unit = Self.units[Int(w.rng.next() % UInt64(Self.units.count))]
            let c = CaseID()
            return [
                { l, _ in c.id = l.nextCaseID("TO"); return (.newTransfer(to: unit, media: [reg], note: "管理換え"), officer) },
                { _, _ in (.dispatchTransfer(id: c.id, date: nil), officer) },
                { _, _ in (.receiveTransfer(id: c.id, by: "\(unit) 情報保証責任者 1等陸尉 林 大輔", date: nil), clerk) },
            ]
        case .transferIn:
            let unit = Self.units[Int(w.rng.next() % UInt64(Self.units.count))]
            let theirs = "USB-\(2015 + Int(w.rng.next() % 10))-\(String(format: "%04d", Int(w.rng.next() % 9000) + 1))"
            return [{ _, _ in (.incomingTransfer(from: unit, media: [IncomingMediumInput(model: "BUFFALO RUF3-K32GA", theirs: theirs)],
                                                 kind: .usb, category: .business, classification: .c2, date: nil, note: "管理換えにより受入れ"), officer) }]
        case .amendment:
            let location = Self.locations[Int(w.rng.next() % UInt64(Self.locations.count))] + "\(w.rng.next() % 40 + 1)"
            var a = MediumAmendment()
            a.location = location
            return [{ _, _ in (.amend(registration: reg, reason: "集中保管場所の変更", a), officer) }]
        case .correction:
            return [{ l, _ in
                guard let target = l.media[reg]?.history.last else { return nil }
                return (.correct(target: target, reason: "記載誤り", note: "保管場所の記載を訂正"), officer)
            }]
        }
    }
}

/// Spells, chains, folds and buffers the records.
struct Writer {
    var ledger = Ledger()
    var rng: SplitMix64
    var prev = Record.genesisHash
    var now: Date
    var refused = 0
    var lifecycle: [String: Int] = [:]
    var bytes = 0
    let fd: Int32
    let path: String
    var buffer = Data()
    let lines: JournalRecords
    let tz = TimeZone(identifier: "Asia/Tokyo")!

    init(path: String, seed: UInt64, records: Int) throws {
        self.path = path
        rng = SplitMix64(seed: seed)
        // About five and a half minutes per record, ending in late 2025: a million records span ten years.
        now = Date(timeIntervalSince1970: 1_764_000_000 - Double(records) * 330)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalError.io(operation: "open", path: path, errno: errno) }
        lines = JournalRecords(path: path)
    }

    /// The next record's time: one to ten minutes later.
    mutating func tick() { now += Double(60 + rng.next() % 540) }

    /// Appends the change as the journal would.
    mutating func add(_ change: Change, _ actor: Actor) throws {
        let record = Record(seq: ledger.records.count, at: now, actor: actor.login, via: actor.via, prev: prev, change: change)
        try ledger.apply(record)
        if case .life(let c) = change { lifecycle[c.type, default: 0] += 1 }
        let line = record.encodedLine()
        prev = Journal.hash(line)
        lines.add(lineAt: UInt64(bytes), length: line.count + 1)
        buffer.append(line)
        buffer.append(0x0A)
        bytes += line.count + 1
        // The ledger reads old records back from the file, like the program's.
        ledger.releaseRecords(to: lines)
        if buffer.count >= 1 << 22 { try flush() }
        tick()
    }

    /// Decides and appends; false if the rules refuse (nothing is written).
    @discardableResult
    mutating func run(_ command: Command, _ actor: Actor) throws -> Bool {
        if case .correct = command { try flush() } // the fold reads the corrected record back
        let change: Change
        do { change = try ledger.decide(command, by: actor, now: now, timeZone: tz) } catch { refused += 1; return false }
        try add(change, actor)
        return true
    }

    mutating func flush() throws {
        var done = 0
        try buffer.withUnsafeBytes { (b: UnsafeRawBufferPointer) in
            while done < b.count {
                let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw JournalError.io(operation: "write", path: path, errno: errno) }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish(media: Int) throws -> GeneratedJournal {
        try flush()
        guard fsync(fd) == 0 else { throw JournalError.io(operation: "fsync", path: path, errno: errno) }
        close(fd)
        return GeneratedJournal(records: ledger.records.count, bytes: bytes, media: media, people: ledger.people.count,
                                uses: ledger.uses.count, requests: ledger.requestOrder.count,
                                handovers: ledger.handoverOrder.count, transfers: ledger.transferOrder.count, lifecycle: lifecycle,
                                refused: refused, headHash: prev)
    }
}
