// The folded ledger as bytes, so that opening a journal of a million records
// does not fold every record again (issue 6: first screen under 0.5 s).
//
// The snapshot is derived data, never a source of truth: the storage layer
// (DaichoJournal/Snapshot.swift) binds it to the journal's length and the hash
// of the line it was taken at, folds whatever was appended after it, and
// rebuilds it when it does not match. `daicho verify` never uses it; it folds
// every record and compares the snapshot with its own fold.
//
// Layout: varints (LEB128, zig-zag for signed), strings as indexes into a
// table of distinct strings written first (logins, places and purposes repeat
// thousands of times), dates as the bit pattern of their Double. Every field of
// every type is written in declaration order; SnapshotTests fails when a type
// gains a field that is not written here.

import Foundation

/// Why a snapshot could not be read (it is then ignored and rebuilt).
public struct SnapshotFormatError: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Writes the values of a snapshot.
public struct SnapshotWriter {
    var body: [UInt8] = []
    var stringIndex: [String: Int] = [:]
    var strings: [String] = []

    public init() { body.reserveCapacity(1 << 20) }

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { body.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        body.append(UInt8(v))
    }
    mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))) }
    mutating func bool(_ v: Bool) { body.append(v ? 1 : 0) }
    mutating func string(_ s: String) {
        if let i = stringIndex[s] { uint(UInt64(i)); return }
        stringIndex[s] = strings.count
        uint(UInt64(strings.count))
        strings.append(s)
    }
    mutating func string(_ s: String?) {
        guard let s else { body.append(0); return }
        body.append(1); string(s)
    }
    mutating func date(_ d: Date) {
        let bits = d.timeIntervalSinceReferenceDate.bitPattern
        for i in 0..<8 { body.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
    }
    mutating func date(_ d: Date?) {
        guard let d else { body.append(0); return }
        body.append(1); date(d)
    }
    mutating func day(_ d: Day) { int(d.year); uint(UInt64(d.month)); uint(UInt64(d.day)) }
    mutating func day(_ d: Day?) {
        guard let d else { body.append(0); return }
        body.append(1); day(d)
    }
    mutating func ints(_ xs: [Int]) { uint(UInt64(xs.count)); for x in xs { int(x) } }
    mutating func array<T>(_ xs: [T], _ each: (inout SnapshotWriter, T) -> Void) {
        uint(UInt64(xs.count))
        for x in xs { each(&self, x) }
    }
    mutating func optional<T>(_ x: T?, _ each: (inout SnapshotWriter, T) -> Void) {
        guard let x else { body.append(0); return }
        body.append(1); each(&self, x)
    }

    /// The string table and the values, to be written one after the other (without a copy of both).
    public func parts() -> (table: [UInt8], values: [UInt8]) {
        var head = SnapshotWriter()
        head.uint(UInt64(strings.count))
        for s in strings {
            head.uint(UInt64(s.utf8.count))
            head.body.append(contentsOf: s.utf8)
        }
        return (head.body, body)
    }
}

/// Reads the values of a snapshot, in the order they were written.
public struct SnapshotReader: ~Copyable {
    let bytes: UnsafeRawBufferPointer
    var at = 0
    var strings: [String] = []

    /// Reads the string table; the values follow.
    public init(_ bytes: UnsafeRawBufferPointer) throws(SnapshotFormatError) {
        self.bytes = bytes
        let n = try count()
        strings.reserveCapacity(SnapshotReader.room(n))
        for _ in 0..<n {
            let len = try count()
            guard at + len <= bytes.count else { throw SnapshotFormatError("string past the end") }
            strings.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<at + len]), as: UTF8.self))
            at += len
        }
    }

    public var isAtEnd: Bool { at == bytes.count }

    mutating func byte() throws(SnapshotFormatError) -> UInt8 {
        guard at < bytes.count else { throw SnapshotFormatError("ends early") }
        defer { at += 1 }
        return bytes[at]
    }
    mutating func uint() throws(SnapshotFormatError) -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw SnapshotFormatError("number too long") }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }
    mutating func int() throws(SnapshotFormatError) -> Int {
        let u = try uint()
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }
    /// A count or index, bounded by what the file could hold.
    mutating func count() throws(SnapshotFormatError) -> Int {
        let u = try uint()
        guard u <= UInt64(bytes.count) else { throw SnapshotFormatError("count \(u) past the end") }
        return Int(u)
    }
    mutating func bool() throws(SnapshotFormatError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let b: throw SnapshotFormatError("bad flag \(b)")
        }
    }
    mutating func string() throws(SnapshotFormatError) -> String {
        let i = try uint()
        guard i < UInt64(strings.count) else { throw SnapshotFormatError("string \(i) not in the table") }
        return strings[Int(i)]
    }
    mutating func optionalString() throws(SnapshotFormatError) -> String? { try bool() ? try string() : nil }
    mutating func date() throws(SnapshotFormatError) -> Date {
        guard at + 8 <= bytes.count else { throw SnapshotFormatError("ends early") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        at += 8
        return Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits))
    }
    mutating func optionalDate() throws(SnapshotFormatError) -> Date? { try bool() ? try date() : nil }
    mutating func day() throws(SnapshotFormatError) -> Day {
        let y = try int(), m = try uint(), d = try uint()
        guard m <= 12, d <= 31, let day = Day(year: y, month: Int(m), day: Int(d)) else { throw SnapshotFormatError("bad day") }
        return day
    }
    mutating func optionalDay() throws(SnapshotFormatError) -> Day? { try bool() ? try day() : nil }
    /// Room to reserve for `n` values: a damaged or forged count must not reserve gigabytes.
    static func room(_ n: Int) -> Int { Swift.min(n, 1 << 20) }

    mutating func ints() throws(SnapshotFormatError) -> [Int] {
        let n = try count()
        var out: [Int] = []
        out.reserveCapacity(SnapshotReader.room(n))
        for _ in 0..<n { out.append(try int()) }
        return out
    }
    mutating func array<T>(_ each: (inout SnapshotReader) throws(SnapshotFormatError) -> T) throws(SnapshotFormatError) -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(SnapshotReader.room(n))
        for _ in 0..<n { out.append(try each(&self)) }
        return out
    }
    mutating func optional<T>(_ each: (inout SnapshotReader) throws(SnapshotFormatError) -> T) throws(SnapshotFormatError) -> T? {
        try bool() ? try each(&self) : nil
    }
    mutating func raw<T: RawRepresentable>(_: T.Type) throws(SnapshotFormatError) -> T where T.RawValue == String {
        let s = try string()
        guard let v = T(rawValue: s) else { throw SnapshotFormatError("unknown \(T.self) \(s)") }
        return v
    }
}

extension SnapshotWriter {
    mutating func raw<T: RawRepresentable>(_ v: T) where T.RawValue == String { string(v.rawValue) }
}

// MARK: - The ledger

extension Ledger {
    /// The names of the ledger's stored properties the snapshot carries (SnapshotTests compares them with the type);
    /// `strings` is not state (a table of shared texts) and is neither written nor compared.
    public static let snapshotFields = [
        "header", "records", "people", "peopleOrder", "media", "mediaOrder", "uses", "requests", "requestOrder",
        "corrections", "handovers", "handoverOrder", "transfers", "transferOrder", "receiptDueDays", "counters",
        "serials", "imports", "life", "strings", "approvers", "rules", "exceptions", "correctionRequests", "approvalSteps", "stepDecisions",
    ]

    /// Writes everything but the records themselves (their count is the snapshot's, and they stay in the journal).
    public func writeSnapshot(to w: inout SnapshotWriter) {
        w.optional(header) { $0.header($1) }
        w.uint(UInt64(records.count))
        w.array(peopleOrder.compactMap { people[$0] }) { $0.person($1) }
        w.array(peopleOrder) { $0.string($1) }
        w.array(Array(media.values)) { $0.medium($1) }
        w.array(mediaOrder) { $0.string($1) }
        w.array(uses) { $0.use($1) }
        w.array(Array(requests.values)) { $0.request($1) }
        w.array(requestOrder) { $0.string($1) }
        w.array(corrections.sorted { $0.key < $1.key }) { w, c in w.int(c.key); w.ints(c.value) }
        w.array(Array(handovers.values)) { $0.handover($1) }
        w.array(handoverOrder) { $0.string($1) }
        w.array(Array(transfers.values)) { $0.transfer($1) }
        w.array(transferOrder) { $0.string($1) }
        w.int(receiptDueDays)
        w.array(approvers.sorted { $0.key.rawValue < $1.key.rawValue }) { w, a in w.raw(a.key); w.array(a.value) { $0.raw($1) } }
        w.array(counters.sorted { $0.key < $1.key }) { w, c in w.string(c.key); w.int(c.value) }
        w.array(serials.sorted { $0.key < $1.key }) { w, s in w.string(s.key); w.string(s.value) }
        w.array(imports.sorted { $0.key < $1.key }) { w, s in w.string(s.key); w.string(s.value) }
        w.ruleSettings(rules)
        // The lifecycle tables (Life.swift) as one JSON text: small next to the rest, every field kept by Codable.
        w.string(life.snapshotText())
        // The 例外措置台帳 (Exceptions.swift), likewise.
        w.string(exceptionsSnapshotText())
        w.string(correctionsSnapshotText())
        w.string(stepsSnapshotText())
    }

    /// The ledger a snapshot holds, its records read back from `source` (which must hold at least as many).
    public init(snapshot r: inout SnapshotReader, records source: any RecordSource) throws(SnapshotFormatError) {
        self.init()
        header = try r.optional { r throws(SnapshotFormatError) in try r.header() }
        let n = try r.count()
        guard source.count >= n else { throw SnapshotFormatError("the journal holds fewer records than the snapshot") }
        records = RecordLog(source: source, count: n)
        // Tables are filled as they are read, at their final size: no array of them first, no
        // growing (each would briefly hold a second copy of a table of a hundred thousand entries).
        func table<V>(_ t: inout [String: V], key: (V) -> String,
                      _ each: (inout SnapshotReader) throws(SnapshotFormatError) -> V) throws(SnapshotFormatError) {
            let n = try r.count()
            t.reserveCapacity(SnapshotReader.room(n))
            for _ in 0..<n { let v = try each(&r); t[key(v)] = v }
        }
        try table(&people, key: \.login) { r throws(SnapshotFormatError) in try r.person() }
        peopleOrder = try r.array { r throws(SnapshotFormatError) in try r.string() }
        try table(&media, key: \.registration) { r throws(SnapshotFormatError) in try r.medium() }
        mediaOrder = try r.array { r throws(SnapshotFormatError) in try r.string() }
        uses = try r.array { r throws(SnapshotFormatError) in try r.use() }
        try table(&requests, key: \.id) { r throws(SnapshotFormatError) in try r.request() }
        requestOrder = try r.array { r throws(SnapshotFormatError) in try r.string() }
        for (k, v) in try r.array({ r throws(SnapshotFormatError) in (try r.int(), try r.ints()) }) { corrections[k] = v }
        try table(&handovers, key: \.id) { r throws(SnapshotFormatError) in try r.handover() }
        handoverOrder = try r.array { r throws(SnapshotFormatError) in try r.string() }
        try table(&transfers, key: \.id) { r throws(SnapshotFormatError) in try r.transfer() }
        transferOrder = try r.array { r throws(SnapshotFormatError) in try r.string() }
        receiptDueDays = try r.int()
        for (k, v) in try r.array({ r throws(SnapshotFormatError) in
            (try r.raw(RequestKind.self), try r.array { r throws(SnapshotFormatError) in try r.raw(Role.self) })
        }) { approvers[k] = v }
        for (k, v) in try r.array({ r throws(SnapshotFormatError) in (try r.string(), try r.int()) }) { counters[k] = v }
        for (k, v) in try r.array({ r throws(SnapshotFormatError) in (try r.string(), try r.string()) }) { serials[k] = v }
        for (k, v) in try r.array({ r throws(SnapshotFormatError) in (try r.string(), try r.string()) }) { imports[k] = v }
        rules = try r.ruleSettings()
        guard let l = LifeState.fromSnapshot(try r.string()) else { throw SnapshotFormatError("unreadable lifecycle tables") }
        life = l
        guard let x = Ledger.exceptionsFromSnapshot(try r.string()) else { throw SnapshotFormatError("unreadable exception ledger") }
        exceptions = x
        guard let c = Ledger.correctionsFromSnapshot(try r.string()) else { throw SnapshotFormatError("unreadable corrections") }
        correctionRequests = c
        guard let st = Ledger.stepsFromSnapshot(try r.string()) else { throw SnapshotFormatError("unreadable approval steps") }
        (approvalSteps, stepDecisions) = st
        // Orders name what the tables hold, or the snapshot is not one this code wrote.
        guard peopleOrder.count == people.count, mediaOrder.count == media.count, requestOrder.count == requests.count,
              handoverOrder.count == handovers.count, transferOrder.count == transfers.count,
              peopleOrder.allSatisfy({ people[$0] != nil }), mediaOrder.allSatisfy({ media[$0] != nil }),
              requestOrder.allSatisfy({ requests[$0] != nil }), handoverOrder.allSatisfy({ handovers[$0] != nil }),
              transferOrder.allSatisfy({ transfers[$0] != nil }) else {
            throw SnapshotFormatError("its tables and their orders differ")
        }
        guard r.isAtEnd else { throw SnapshotFormatError("bytes after the end") }
        if let why = brokenLink() { throw SnapshotFormatError("inconsistent: " + why) }
    }

    /// What in a restored ledger points at nothing (a forged or damaged snapshot): the screens and
    /// the fold look these up without a second thought, so a snapshot with one is not used.
    func brokenLink() -> String? {
        if header == nil && records.count > 0 { return "no header" }
        for (reg, m) in media {
            guard m.registration == reg else { return "\(reg) filed under another number" }
            if let u = m.openUse, !(uses.indices.contains(u) && uses[u].registration == reg && uses[u].end == nil) {
                return "\(reg) in a use that is not its own"
            }
            if let q = m.openRequest, requests[q]?.registration != reg { return "\(reg) with request \(q) not its own" }
            if let c = m.openCase, handovers[c] == nil && transfers[c] == nil { return "\(reg) in unknown case \(c)" }
            if m.history.contains(where: { $0 < 0 || $0 >= records.count }) { return "\(reg) with history past the records" }
        }
        // (Uses and requests naming an unknown medium are looked up optionally everywhere: not checked,
        // as walking a million records' worth of them would cost the open a tenth of a second.)
        for h in handovers.values {
            for reg in h.registrations where media[reg] == nil { return "\(h.id) with unknown \(reg)" }
        }
        for t in transfers.values {
            for reg in t.media where media[reg] == nil { return "\(t.id) with unknown \(reg)" }
        }
        for (target, _) in corrections where target < 0 || target >= records.count { return "correction of record \(target)" }
        for (_, reg) in imports where media[reg] == nil { return "import of unknown \(reg)" }
        if let why = life.brokenLink(media: media, people: people) { return why }
        return nil
    }

    /// The same state, record for record: every property equal, and the same number of records
    /// (the records themselves are the journal's; the chain vouches for them).
    public func sameState(as o: Ledger) -> Bool {
        header == o.header && records.count == o.records.count && people == o.people && peopleOrder == o.peopleOrder
            && media == o.media && mediaOrder == o.mediaOrder && uses == o.uses && requests == o.requests
            && requestOrder == o.requestOrder && corrections == o.corrections && handovers == o.handovers
            && handoverOrder == o.handoverOrder && transfers == o.transfers && transferOrder == o.transferOrder
            && receiptDueDays == o.receiptDueDays && approvers == o.approvers && counters == o.counters && serials == o.serials
            && imports == o.imports
            && rules == o.rules
            && life == o.life
            && exceptions == o.exceptions
            && correctionRequests == o.correctionRequests
            && approvalSteps == o.approvalSteps && stepDecisions == o.stepDecisions
    }
}

// MARK: - Each type, field by field in declaration order

extension SnapshotWriter {
    mutating func personData(_ p: PersonData) {
        string(p.login); string(p.name); array(p.roles) { $0.raw($1) }; string(p.title); string(p.rank); string(p.section)
        optional(p.differentPerson) { $0.bool($1) }
    }
    mutating func header(_ h: HeaderData) { int(h.format); string(h.unit); personData(h.officer); string(h.scheme) }
    mutating func person(_ p: Person) {
        string(p.login); string(p.name); array(p.roles) { $0.raw($1) }; string(p.title); string(p.rank); string(p.section)
        date(p.enrolledAt); string(p.enrolledBy); bool(p.differentPerson)
        optional(p.retired) { w, x in w.date(x.at); w.string(x.by); w.string(x.reason); w.int(x.seq) }
    }
    mutating func mediumData(_ d: MediumData) {
        string(d.registration); raw(d.kind); raw(d.category); int(d.classification.rawValue); array(d.restrictions) { $0.raw($1) }
        bool(d.secret); string(d.model); string(d.serial); string(d.capacity); string(d.location); bool(d.encrypted)
        bool(d.writeProtected); string(d.origin); string(d.fromUnit); string(d.theirRegistration)
        string(d.importFile); optional(d.importLine) { $0.int($1) }; day(d.registeredOn)
    }
    mutating func medium(_ m: Medium) {
        mediumData(m.data); date(m.registeredAt); string(m.registeredBy); raw(m.status)
        optional(m.lastScan) { w, s in w.date(s.at); w.string(s.by); w.raw(s.result); w.int(s.seq) }
        optional(m.openUse) { $0.int($1) }; string(m.openRequest); string(m.openCase); ints(m.history)
        optional(m.backAt) { $0.int($1) }; bool(m.disposalDue)
    }
    mutating func ruleSettings(_ s: RuleSettings) {
        array(s.localRestrictions) { w, l in w.string(l.name); w.array(l.forbids) { $0.raw($1) } }
        array(s.locations) { $0.string($1) }
    }
    mutating func use(_ u: UseEntry) {
        int(u.seq); string(u.registration); string(u.user); string(u.purpose); string(u.place); date(u.start); date(u.until)
        date(u.end); string(u.endedBy); string(u.endNote); optional(u.check) { $0.int($1) }
    }
    mutating func request(_ q: TakeoutRequest) {
        string(q.id); int(q.seq); string(q.registration); string(q.requester); date(q.requestedAt); string(q.destination)
        string(q.purpose); date(q.from); date(q.until); string(q.transport); raw(q.state)
        optional(q.decision) { w, d in
            w.bool(d.approved); w.string(d.by); w.date(d.at); w.array(d.confirmed) { $0.raw($1) }; w.string(d.comment)
        }
        date(q.departedAt); string(q.departedBy); date(q.returnedAt); string(q.returnedBy); string(q.returnNote); date(q.withdrawnAt)
    }
    mutating func event(_ e: HandoverEvent) { int(e.seq); date(e.at); string(e.by); string(e.note) }
    mutating func item(_ i: HandoverItem) {
        string(i.name); string(i.quantity); string(i.registration); optional(i.classification) { $0.int($1.rawValue) }
        optional(i.restrictions) { w, rs in w.array(rs) { $0.raw($1) } }
    }
    mutating func handover(_ h: Handover) {
        string(h.id); raw(h.direction); int(h.seq); date(h.createdAt); string(h.createdBy); string(h.counterpart)
        string(h.contract); bool(h.returnRequired); array(h.items) { $0.item($1) }; string(h.note); day(h.dispatchDate)
        day(h.due); string(h.sender); string(h.dispatchedBy)
        optional(h.receipt) { w, r in
            w.day(r.date); w.string(r.by); w.array(r.items) { w, i in w.string(i.name); w.string(i.quantity) }
            w.string(r.recordedBy); w.date(r.recordedAt)
        }
        array(h.differences) { w, d in w.string(d.name); w.string(d.sent); w.string(d.received) }
        optional(h.acknowledgement) { $0.event($1) }
        array(h.reminders) { $0.event($1) }
        array(h.disposals) { w, d in w.string(d.item); w.day(d.date); w.string(d.report); w.string(d.signer); w.int(d.seq) }
        optional(h.recall) { $0.event($1) }
        ints(h.history)
        array(h.missingMedia) { $0.string($1) }; array(h.late) { $0.late($1) }
        optional(h.permission) { w, d in
            w.bool(d.approved); w.string(d.by); w.date(d.at); w.array(d.confirmed) { $0.raw($1) }; w.string(d.comment)
        }
    }
    mutating func late(_ a: LateArrival) {
        array(a.media) { $0.string($1) }; array(a.items) { w, i in w.string(i.name); w.string(i.quantity) }; day(a.date); int(a.seq)
    }
    mutating func transfer(_ t: Transfer) {
        string(t.id); raw(t.direction); int(t.seq); date(t.createdAt); string(t.createdBy); string(t.counterpart)
        array(t.media) { $0.string($1) }
        array(t.incoming) { w, m in
            w.string(m.registration); w.string(m.model); w.string(m.theirs); w.raw(m.kind); w.raw(m.category)
            w.int(m.classification.rawValue)
        }
        string(t.note); day(t.dispatchDate); string(t.sender); day(t.receiptDate); string(t.receiver)
        optional(t.recall) { $0.event($1) }
        ints(t.history)
        array(t.missing) { $0.string($1) }; array(t.late) { $0.late($1) }
    }
}

extension SnapshotReader {
    typealias E = SnapshotFormatError
    mutating func roles() throws(E) -> [Role] { try array { r throws(E) in try r.raw(Role.self) } }
    mutating func classification() throws(E) -> Confidentiality {
        guard let c = Confidentiality(rawValue: try int()) else { throw E("bad classification") }
        return c
    }
    mutating func personData() throws(E) -> PersonData {
        PersonData(login: try string(), name: try string(), roles: try roles(), title: try optionalString(),
                   rank: try optionalString(), section: try optionalString(),
                   differentPerson: try optional { r throws(E) in try r.bool() })
    }
    mutating func header() throws(E) -> HeaderData {
        HeaderData(format: try int(), unit: try string(), officer: try personData(), scheme: try string())
    }
    mutating func person() throws(E) -> Person {
        Person(login: try string(), name: try string(), roles: try roles(), title: try optionalString(), rank: try optionalString(),
               section: try optionalString(), enrolledAt: try date(), enrolledBy: try string(), differentPerson: try bool(),
               retired: try optional { r throws(E) in
                   Retirement(at: try r.date(), by: try r.string(), reason: try r.string(), seq: try r.int())
               })
    }
    mutating func mediumData() throws(E) -> MediumData {
        MediumData(registration: try string(), kind: try raw(MediumKind.self), category: try raw(DataCategory.self),
                   classification: try classification(), restrictions: try array { r throws(E) in try r.raw(Restriction.self) },
                   secret: try bool(), model: try optionalString(), serial: try optionalString(), capacity: try optionalString(),
                   location: try optionalString(), encrypted: try bool(), writeProtected: try bool(), origin: try string(),
                   fromUnit: try optionalString(), theirRegistration: try optionalString(),
                   importFile: try optionalString(), importLine: try optional { r throws(E) in try r.int() },
                   registeredOn: try optionalDay())
    }
    mutating func medium() throws(E) -> Medium {
        Medium(data: try mediumData(), registeredAt: try date(), registeredBy: try string(), status: try raw(MediumStatus.self),
               lastScan: try optional { r throws(E) in
                   ScanEntry(at: try r.date(), by: try r.string(), result: try r.raw(ScanResult.self), seq: try r.int())
               },
               openUse: try optional { r throws(E) in try r.int() }, openRequest: try optionalString(),
               openCase: try optionalString(), history: try ints(), backAt: try optional { r throws(E) in try r.int() },
               disposalDue: try bool())
    }
    mutating func ruleSettings() throws(E) -> RuleSettings {
        var s = RuleSettings()
        s.localRestrictions = try array { r throws(E) in
            LocalRestriction(name: try r.string(), forbids: try r.array { r throws(E) in try r.raw(Exit.self) })
        }
        s.locations = try array { r throws(E) in try r.string() }
        return s
    }
    mutating func use() throws(E) -> UseEntry {
        UseEntry(seq: try int(), registration: try string(), user: try string(), purpose: try string(), place: try optionalString(),
                 start: try date(), until: try optionalDate(), end: try optionalDate(), endedBy: try optionalString(),
                 endNote: try optionalString(), check: try optional { r throws(E) in try r.int() })
    }
    mutating func request() throws(E) -> TakeoutRequest {
        TakeoutRequest(
            id: try string(), seq: try int(), registration: try string(), requester: try string(), requestedAt: try date(),
            destination: try string(), purpose: try string(), from: try date(), until: try date(), transport: try optionalString(),
            state: try raw(RequestState.self),
            decision: try optional { r throws(E) in
                Decision(approved: try r.bool(), by: try r.string(), at: try r.date(),
                         confirmed: try r.array { r throws(E) in try r.raw(TakeoutCheck.self) }, comment: try r.optionalString())
            },
            departedAt: try optionalDate(), departedBy: try optionalString(), returnedAt: try optionalDate(),
            returnedBy: try optionalString(), returnNote: try optionalString(), withdrawnAt: try optionalDate())
    }
    mutating func event() throws(E) -> HandoverEvent {
        HandoverEvent(seq: try int(), at: try date(), by: try string(), note: try optionalString())
    }
    mutating func item() throws(E) -> HandoverItem {
        HandoverItem(name: try string(), quantity: try string(), registration: try optionalString(),
                     classification: try optional { r throws(E) in try r.classification() },
                     restrictions: try optional { r throws(E) in try r.array { r throws(E) in try r.raw(Restriction.self) } })
    }
    mutating func handover() throws(E) -> Handover {
        Handover(
            id: try string(), direction: try raw(HandoverDirection.self), seq: try int(), createdAt: try date(),
            createdBy: try string(), counterpart: try string(), contract: try optionalString(), returnRequired: try bool(),
            items: try array { r throws(E) in try r.item() }, note: try optionalString(), dispatchDate: try optionalDay(),
            due: try optionalDay(), sender: try optionalString(), dispatchedBy: try optionalString(),
            receipt: try optional { r throws(E) in
                HandoverReceipt(date: try r.day(), by: try r.string(),
                                items: try r.array { r throws(E) in ReceivedItem(name: try r.string(), quantity: try r.string()) },
                                recordedBy: try r.string(), recordedAt: try r.date())
            },
            differences: try array { r throws(E) in
                ItemDifference(name: try r.string(), sent: try r.string(), received: try r.optionalString())
            },
            acknowledgement: try optional { r throws(E) in try r.event() },
            reminders: try array { r throws(E) in try r.event() },
            disposals: try array { r throws(E) in
                ItemDisposal(item: try r.string(), date: try r.day(), report: try r.optionalString(), signer: try r.optionalString(),
                             seq: try r.int())
            },
            recall: try optional { r throws(E) in try r.event() },
            history: try ints(), missingMedia: try array { r throws(E) in try r.string() },
            late: try array { r throws(E) in try r.late() },
            permission: try optional { r throws(E) in
                Decision(approved: try r.bool(), by: try r.string(), at: try r.date(),
                         confirmed: try r.array { r throws(E) in try r.raw(TakeoutCheck.self) }, comment: try r.optionalString())
            })
    }
    mutating func late() throws(E) -> LateArrival {
        LateArrival(media: try array { r throws(E) in try r.string() },
                    items: try array { r throws(E) in ReceivedItem(name: try r.string(), quantity: try r.string()) },
                    date: try day(), seq: try int())
    }
    mutating func transfer() throws(E) -> Transfer {
        Transfer(
            id: try string(), direction: try raw(HandoverDirection.self), seq: try int(), createdAt: try date(),
            createdBy: try string(), counterpart: try string(), media: try array { r throws(E) in try r.string() },
            incoming: try array { r throws(E) in
                IncomingMedium(registration: try r.string(), model: try r.string(), theirs: try r.string(),
                               kind: try r.raw(MediumKind.self), category: try r.raw(DataCategory.self),
                               classification: try r.classification())
            },
            note: try optionalString(), dispatchDate: try optionalDay(), sender: try optionalString(),
            receiptDate: try optionalDay(), receiver: try optionalString(), recall: try optional { r throws(E) in try r.event() },
            history: try ints(), missing: try array { r throws(E) in try r.string() }, late: try array { r throws(E) in try r.late() })
    }
}
