// daicho-bench: how fast a journal opens (read, verify the chain, fold) and
// how much memory that takes, and what one durable append costs. Run with
// `make bench`; numbers are printed, never asserted (they depend on the machine).
//
// Usage: daicho-bench [RECORDS ...]   (default: 1000 10000 100000)

import CellKit
import DaichoCore
import DaichoJournal
import DaichoUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func maxRSSKiB() -> Int {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Int(u.ru_maxrss)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t0 = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

/// Writes a realistic journal of about `count` records straight to a file
/// (registrations, uses, take-outs with approvals), chained as the journal does.
func makeJournal(count: Int, in dir: String) throws {
    let officer = Actor(login: "officer1"), clerk = Actor(login: "clerk1")
    var ledger = Ledger()
    var prev = Record.genesisHash
    var out = Data()
    var now = Date(timeIntervalSince1970: 1_790_000_000)
    let tz = TimeZone(identifier: "Asia/Tokyo")!
    func add(_ change: Change, _ a: Actor) throws {
        let r = Record(seq: ledger.nextSeq, at: now, actor: a.login, prev: prev, change: change)
        try ledger.apply(r)
        let line = r.encodedLine()
        prev = Journal.hash(line)
        out.append(line); out.append(0x0A)
        now += 60
    }
    func run(_ c: Command, _ a: Actor) throws { try add(try ledger.decide(c, by: a, now: now, timeZone: tz), a) }
    try add(try Ledger.initialize(unit: "第1通信隊", officer: "officer1", name: "山田 太郎", title: nil, rank: nil), officer)
    try run(.enroll(login: "clerk1", name: "佐藤 花子", roles: [.clerk], title: nil, rank: nil, section: "通信小隊"), officer)
    var regs: [String] = []
    while ledger.records.count < count {
        if regs.count < 2000 && (regs.count < 10 || ledger.records.count % 7 == 0) {
            var n = NewMedium(kind: .usb, category: .business, classification: .c2)
            n.location = "ロッカーA-\(regs.count % 40)"
            try run(.register(n), officer)
            regs.append(ledger.records.last!.change.registration!)
            continue
        }
        let reg = regs[ledger.records.count % regs.count]
        guard ledger.media[reg]?.status == .stored else { continue }
        if ledger.records.count % 3 == 0 {
            try run(.requestTakeout(registration: reg, destination: "陸上幕僚監部", purpose: "会議資料", from: nil,
                                    until: now + 86400, transport: "手持ち"), clerk)
            let id = ledger.records.last!.change.requestID!
            try run(.approve(request: id, confirmed: TakeoutCheck.allCases, comment: nil), officer)
            try run(.depart(registration: reg), clerk)
            try run(.returnTakeout(registration: reg, note: "異常なし"), clerk)
        } else {
            try run(.startUse(registration: reg, purpose: "資料作成", place: "端末03", until: now + 3600), clerk)
            try run(.endUse(registration: reg, note: nil), clerk)
        }
    }
    try out.write(to: URL(fileURLWithPath: dir + "/" + Journal.fileName))
}

/// The journal behind a Session, read-only for the benchmark.
final class BenchStore: LedgerStore {
    let journal: Journal
    init(_ j: Journal) { journal = j }
    var ledger: Ledger { journal.ledger }
    var headHash: String { journal.headHash }
    func damageMessage(_ lang: Lang) -> String? { nil }
    func record(_ command: Command, actor: Actor, now: Date, timeZone: TimeZone) throws -> Record {
        try journal.append(actor: actor, now: now) { try $0.decide(command, by: actor, now: now, timeZone: timeZone) }
    }
    func initialize(_ header: Change, actor: Actor, now: Date) throws -> Record { try journal.create(header: header, actor: actor, now: now) }
    func refresh() throws -> Bool { try journal.refresh() }
    func describe(_ error: Error, _ lang: Lang) -> String { "\(error)" }
}

/// Time to draw each top-level screen at 80x24 (what a key press costs).
func benchScreens(_ journal: Journal) {
    TextLocale.use("C.UTF-8")
    let session = Session(store: BenchStore(journal), actor: Actor(login: "officer1"), lang: .ja, timeZone: .current, clock: { Date() })
    var parts: [String] = []
    for (key, name) in [("1", "home"), ("2", "register"), ("4", "uses"), ("5", "takeouts"), ("6", "journal")] {
        session.press(.char(Character(key)))
        let t = seconds { for _ in 0..<3 { _ = session.render(Size(rows: 24, cols: 80)) } } / 3
        parts.append(String(format: "%@ %.1f ms", name, t * 1000))
    }
    print("  render 80x24: " + parts.joined(separator: ", "))
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
print("records   bytes        open+verify+fold   per record   max RSS")
for n in sizes.isEmpty ? [1000, 10000, 100000] : sizes {
    let dir = NSTemporaryDirectory() + "daicho-bench-\(getpid())-\(n)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try makeJournal(count: n, in: dir)
    let bytes = (try FileManager.default.attributesOfItem(atPath: dir + "/" + Journal.fileName)[.size] as? Int) ?? 0
    var journal: Journal?
    let t = try seconds { journal = try Journal(directory: dir) }
    precondition(journal?.damage == nil && journal!.ledger.records.count >= n)
    print(String(format: "%7d  %11d  %15.3f s  %9.1f µs  %6d MiB", journal!.ledger.records.count, bytes, t,
                 t / Double(journal!.ledger.records.count) * 1e6, maxRSSKiB() / 1024))
    benchScreens(journal!)
    if n == (sizes.first ?? 1000) {
        // One durable append: lock, re-read, check, write, fsync.
        let reg = journal!.ledger.mediaOrder[0]
        var times: [Double] = []
        for i in 0..<50 {
            let c: Command = i % 2 == 0 ? .startUse(registration: reg, purpose: "計測", place: nil, until: nil) : .endUse(registration: reg, note: nil)
            times.append(try seconds {
                try journal!.append(actor: Actor(login: "clerk1"), now: Date()) {
                    try $0.decide(c, by: Actor(login: "clerk1"), now: Date(), timeZone: .current)
                }
            })
        }
        times.sort()
        print(String(format: "append (lock+refresh+decide+write+fsync): median %.2f ms, p90 %.2f ms over 50", times[25] * 1000, times[45] * 1000))
    }
}
