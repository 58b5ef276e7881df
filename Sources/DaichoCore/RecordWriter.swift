// The fast writer of record lines: the mirror of RecordReader. It spells a
// record byte for byte as JSONEncoder does with `[.sortedKeys,
// .withoutEscapingSlashes]` and the custom date strategy (`Record
// .encodedLineWithFoundation`, the reference, which the tests compare it with):
//   - keys sorted by their UTF-8 bytes (all keys are ASCII snake_case, so
//     `a_b` < `ab`); the envelope first, then `"data"` as the last key;
//   - an optional field that is nil is left out (synthesized Codable uses
//     encodeIfPresent), never written as `null`;
//   - strings: `"` and `\` escaped, the control characters 0x00-0x1F as
//     `\b \t \n \f \r` or `\u00xx` (lowercase hex); `/`, DEL, U+2028/U+2029
//     and every other character written raw as UTF-8;
//   - integers in plain decimal, Bool as true/false, enums by raw value
//     (Confidentiality as an integer), Day as YYYY-MM-DD, Date as Timestamp.format.
// The key order of every payload is written out below by hand: a field added
// to a payload must be added here too (the tests compare every case with
// every field set against JSONEncoder).
// Nothing here needs JSONEncoder to decide: a Swift String is always valid
// Unicode, and a time or day whose year is outside 0000-9999 (which the fast
// digit path does not spell) is written through `Timestamp.format` / `Day.iso`,
// the very functions the Codable path calls.

import Foundation

struct RecordWriter {
    /// The bytes written so far: `p[0..<n]` of a malloc'd buffer of `cap` bytes, handed over to the Data.
    private var p: UnsafeMutablePointer<UInt8>
    private var cap: Int
    private var n = 0

    private init(capacity: Int) {
        cap = capacity
        p = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    /// The line (without newline) for `r`.
    static func line(_ r: Record) -> Data {
        var w = RecordWriter(capacity: 512)
        w.record(r)
        return Data(bytesNoCopy: w.p, count: w.n, deallocator: .free)
    }

    /// Room for `k` more bytes.
    @inline(__always) private mutating func reserve(_ k: Int) {
        if n + k > cap { grow(n + k) }
    }
    private mutating func grow(_ need: Int) {
        cap = max(cap * 2, need)
        p = realloc(p, cap)!.assumingMemoryBound(to: UInt8.self)
    }
    @inline(__always) private mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        guard let base = b.baseAddress, b.count > 0 else { return }
        reserve(b.count)
        (p + n).update(from: base, count: b.count)
        n += b.count
    }

    // MARK: - Record

    mutating func record(_ r: Record) {
        raw("{\"actor\":"); string(r.actor)
        raw(",\"at\":"); date(r.at)
        if let b = r.clockBehind { raw(",\"clock_behind\":"); int(b) }
        raw(",\"prev\":"); string(r.prev)
        raw(",\"seq\":"); int(r.seq)
        raw(",\"type\":"); string(r.change.type)
        raw(",\"v\":"); int(Record.formatVersion)
        if let via = r.via { raw(",\"via\":"); string(via) }
        raw(",\"data\":")
        change(r.change)
        byte(UInt8(ascii: "}"))
    }

    private mutating func change(_ c: Change) {
        switch c {
        case .header(let d):
            raw("{\"format\":"); int(d.format)
            raw(",\"officer\":"); person(d.officer)
            raw(",\"scheme\":"); string(d.scheme)
            raw(",\"unit\":"); string(d.unit)
            close()
        case .personEnrolled(let d): person(d)
        case .rolesChanged(let d):
            raw("{\"login\":"); string(d.login)
            raw(",\"roles\":"); roles(d.roles)
            close()
        case .personEdited(let d):
            raw("{\"login\":"); string(d.login)
            raw(",\"name\":"); string(d.name)
            if let r = d.rank { raw(",\"rank\":"); string(r) }
            if let s = d.section { raw(",\"section\":"); string(s) }
            if let t = d.title { raw(",\"title\":"); string(t) }
            close()
        case .personRetired(let d):
            raw("{\"login\":"); string(d.login)
            raw(",\"reason\":"); string(d.reason)
            close()
        case .officerChanged(let d):
            raw("{\"from\":"); string(d.from)
            if let r = d.reason { raw(",\"reason\":"); string(r) }
            raw(",\"to\":"); string(d.to)
            close()
        case .mediumRegistered(let d): medium(d)
        case .virusChecked(let d):
            var k = Keys(); open()
            if let v = d.definitions { k.key(&self, "definitions"); day(v) }
            k.opt(&self, "note", d.note)
            k.opt(&self, "product", d.product)
            k.str(&self, "registration", d.registration)
            k.str(&self, "result", d.result.rawValue)
            close()
        case .mediumLost(let d), .mediumFound(let d):
            raw("{\"note\":"); string(d.note)
            raw(",\"registration\":"); string(d.registration)
            close()
        case .useStarted(let d):
            raw("{\"purpose\":"); string(d.purpose)
            raw(",\"registration\":"); string(d.registration)
            if let s = d.scan {
                raw(",\"scan\":{")
                if let p = s.product { raw("\"product\":"); string(p); byte(UInt8(ascii: ",")) }
                raw("\"result\":"); string(s.result.rawValue)
                close()
            }
            if let u = d.until { raw(",\"until\":"); date(u) }
            if let p = d.place { raw(",\"where\":"); string(p) }
            close()
        case .useEnded(let d):
            var k = Keys(); open()
            k.opt(&self, "note", d.note)
            k.str(&self, "registration", d.registration)
            close()
        case .takeoutRequested(let d):
            raw("{\"destination\":"); string(d.destination)
            raw(",\"from\":"); date(d.from)
            raw(",\"purpose\":"); string(d.purpose)
            raw(",\"registration\":"); string(d.registration)
            raw(",\"request\":"); string(d.request)
            if let t = d.transport { raw(",\"transport\":"); string(t) }
            raw(",\"until\":"); date(d.until)
            close()
        case .requestApproved(let d):
            var k = Keys(); open()
            k.opt(&self, "comment", d.comment)
            k.key(&self, "confirmed"); array(d.confirmed) { $0.string($1.rawValue) }
            k.str(&self, "request", d.request)
            close()
        case .requestRejected(let d):
            raw("{\"reason\":"); string(d.reason)
            raw(",\"request\":"); string(d.request)
            close()
        case .requestWithdrawn(let d):
            var k = Keys(); open()
            k.opt(&self, "reason", d.reason)
            k.str(&self, "request", d.request)
            close()
        case .takeoutDeparted(let d), .takeoutReturned(let d):
            var k = Keys(); open()
            if let e = d.exceptions { k.key(&self, "exceptions"); array(e) { $0.string($1) } }
            k.opt(&self, "note", d.note)
            k.str(&self, "registration", d.registration)
            k.str(&self, "request", d.request)
            close()
        case .recordCorrected(let d):
            raw("{\"note\":"); string(d.note)
            raw(",\"reason\":"); string(d.reason)
            raw(",\"target\":"); int(d.target)
            close()
        case .configured(let d):
            raw("{\"key\":"); string(d.key)
            raw(",\"value\":"); string(d.value)
            close()
        case .mediumAmended(let d):
            raw("{\"changes\":")
            array(d.changes) { w, c in
                w.raw("{\"field\":"); w.string(c.field.rawValue)
                w.raw(",\"from\":"); w.string(c.from)
                w.raw(",\"to\":"); w.string(c.to)
                w.close()
            }
            raw(",\"reason\":"); string(d.reason)
            raw(",\"registration\":"); string(d.registration)
            close()
        case .handoverDrafted(let d), .handoverEdited(let d):
            var k = Keys(); open()
            k.opt(&self, "contract", d.contract)
            k.str(&self, "handover", d.handover)
            k.key(&self, "items"); array(d.items) { $0.item($1) }
            k.opt(&self, "no_return_reason", d.noReturnReason)
            k.opt(&self, "note", d.note)
            k.key(&self, "return_required"); bool(d.returnRequired)
            k.str(&self, "to", d.to)
            close()
        case .handoverDispatched(let d):
            raw("{\"date\":"); day(d.date)
            raw(",\"due\":"); day(d.due)
            if let e = d.exceptions { raw(",\"exceptions\":"); array(e) { $0.string($1) } }
            raw(",\"handover\":"); string(d.handover)
            raw(",\"sender\":"); string(d.sender)
            close()
        case .handoverReceived(let d):
            raw("{\"by\":"); string(d.by)
            raw(",\"date\":"); day(d.date)
            raw(",\"handover\":"); string(d.handover)
            raw(",\"items\":"); array(d.items) { w, i in
                w.raw("{\"name\":"); w.string(i.name)
                w.raw(",\"quantity\":"); w.string(i.quantity)
                w.close()
            }
            close()
        case .handoverReminded(let d), .handoverAcknowledged(let d), .handoverRecalled(let d):
            raw("{\"handover\":"); string(d.handover)
            if let n = d.note { raw(",\"note\":"); string(n) }
            close()
        case .handoverReturned(let d), .handoverDestroyed(let d):
            raw("{\"date\":"); day(d.date)
            raw(",\"handover\":"); string(d.handover)
            raw(",\"items\":"); array(d.items) { $0.string($1) }
            if let r = d.report { raw(",\"report\":"); string(r) }
            if let s = d.signer { raw(",\"signer\":"); string(s) }
            close()
        case .handoverIncoming(let d):
            raw("{\"by\":"); string(d.by)
            raw(",\"date\":"); day(d.date)
            raw(",\"from\":"); string(d.from)
            raw(",\"handover\":"); string(d.handover)
            raw(",\"items\":"); array(d.items) { $0.item($1) }
            if let n = d.note { raw(",\"note\":"); string(n) }
            close()
        case .transferDrafted(let d), .transferEdited(let d):
            raw("{\"media\":"); array(d.media) { $0.string($1) }
            if let n = d.note { raw(",\"note\":"); string(n) }
            raw(",\"to\":"); string(d.to)
            raw(",\"transfer\":"); string(d.transfer)
            close()
        case .transferDispatched(let d):
            raw("{\"date\":"); day(d.date)
            if let e = d.exceptions { raw(",\"exceptions\":"); array(e) { $0.string($1) } }
            raw(",\"sender\":"); string(d.sender)
            raw(",\"transfer\":"); string(d.transfer)
            close()
        case .transferReceived(let d):
            raw("{\"by\":"); string(d.by)
            raw(",\"date\":"); day(d.date)
            if let got = d.received { raw(",\"received\":"); array(got) { $0.string($1) } }
            raw(",\"transfer\":"); string(d.transfer)
            close()
        case .transferIncoming(let d):
            raw("{\"by\":"); string(d.by)
            raw(",\"date\":"); day(d.date)
            raw(",\"from\":"); string(d.from)
            raw(",\"media\":"); array(d.media) { w, m in
                w.raw("{\"category\":"); w.string(m.category.rawValue)
                w.raw(",\"class\":"); w.int(m.classification.rawValue)
                w.raw(",\"kind\":"); w.string(m.kind.rawValue)
                w.raw(",\"model\":"); w.string(m.model)
                w.raw(",\"registration\":"); w.string(m.registration)
                w.raw(",\"theirs\":"); w.string(m.theirs)
                w.close()
            }
            if let n = d.note { raw(",\"note\":"); string(n) }
            raw(",\"transfer\":"); string(d.transfer)
            close()
        case .transferRecalled(let d):
            raw("{\"reason\":"); string(d.reason)
            raw(",\"transfer\":"); string(d.transfer)
            close()
        case .handoverLate(let d), .transferLate(let d):
            raw("{\"date\":"); day(d.date)
            raw(",\"id\":"); string(d.id)
            raw(",\"items\":"); array(d.items) { w, i in
                w.raw("{\"name\":"); w.string(i.name); w.raw(",\"quantity\":"); w.string(i.quantity); w.close()
            }
            raw(",\"media\":"); array(d.media) { $0.string($1) }
            close()
        case .life(let d): life(d)
        case .exceptionRequested(let d):
            var k = Keys(); open()
            k.opt(&self, "case", d.caseID)
            k.str(&self, "exception", d.exception)
            k.str(&self, "reason", d.reason)
            k.opt(&self, "registration", d.registration)
            k.str(&self, "rule", d.rule)
            k.key(&self, "until"); date(d.until)
            close()
        case .correctionRequested(let d):
            var k = Keys(); open()
            k.str(&self, "reason", d.reason)
            k.str(&self, "request", d.request)
            k.key(&self, "set"); array(d.set) { w, fv in
                w.raw("{\"field\":"); w.string(fv.field)
                w.raw(",\"value\":"); w.string(fv.value)
                w.close()
            }
            k.key(&self, "target"); int(d.target)
            close()
        }
    }

    private mutating func person(_ d: PersonData) {
        byte(UInt8(ascii: "{"))
        if let dp = d.differentPerson { raw("\"different_person\":"); bool(dp); byte(UInt8(ascii: ",")) }
        raw("\"login\":"); string(d.login)
        raw(",\"name\":"); string(d.name)
        if let r = d.rank { raw(",\"rank\":"); string(r) }
        raw(",\"roles\":"); roles(d.roles)
        if let s = d.section { raw(",\"section\":"); string(s) }
        if let t = d.title { raw(",\"title\":"); string(t) }
        close()
    }

    private mutating func medium(_ d: MediumData) {
        var k = Keys(); open()
        k.opt(&self, "capacity", d.capacity)
        k.str(&self, "category", d.category.rawValue)
        k.key(&self, "class"); int(d.classification.rawValue)
        k.key(&self, "encrypted"); bool(d.encrypted)
        k.opt(&self, "from_unit", d.fromUnit)
        if let line = d.importLine { k.key(&self, "import_line"); int(line) }
        k.opt(&self, "import_sha256", d.importFile)
        k.str(&self, "kind", d.kind.rawValue)
        k.opt(&self, "location", d.location)
        k.opt(&self, "model", d.model)
        k.str(&self, "origin", d.origin)
        if let day = d.registeredOn { k.key(&self, "registered_on"); self.day(day) }
        k.str(&self, "registration", d.registration)
        k.key(&self, "restrictions"); array(d.restrictions) { $0.string($1.rawValue) }
        k.key(&self, "secret"); bool(d.secret)
        k.opt(&self, "serial", d.serial)
        k.opt(&self, "their_registration", d.theirRegistration)
        k.key(&self, "write_protected"); bool(d.writeProtected)
        close()
    }

    private mutating func item(_ i: HandoverItem) {
        var k = Keys(); open()
        if let c = i.classification { k.key(&self, "class"); int(c.rawValue) }
        k.str(&self, "name", i.name)
        k.str(&self, "quantity", i.quantity)
        k.opt(&self, "registration", i.registration)
        if let rs = i.restrictions { k.key(&self, "restrictions"); array(rs) { $0.string($1.rawValue) } }
        close()
    }

    private mutating func roles(_ rs: [Role]) { array(rs) { $0.string($1.rawValue) } }

    // MARK: - Objects whose first key may be absent

    /// Writes `{` … keys with the right commas, when the first key is optional.
    private struct Keys {
        var first = true
        mutating func key(_ w: inout RecordWriter, _ name: StaticString) {
            if first { first = false } else { w.byte(UInt8(ascii: ",")) }
            w.byte(UInt8(ascii: "\""))
            w.raw(name)
            w.byte(UInt8(ascii: "\"")); w.byte(UInt8(ascii: ":"))
        }
        mutating func str(_ w: inout RecordWriter, _ name: StaticString, _ v: String) { key(&w, name); w.string(v) }
        mutating func opt(_ w: inout RecordWriter, _ name: StaticString, _ v: String?) {
            if let v { key(&w, name); w.string(v) }
        }
    }
    private mutating func open() { byte(UInt8(ascii: "{")) }
    private mutating func close() { byte(UInt8(ascii: "}")) }

    // MARK: - Values

    @inline(__always) private mutating func byte(_ b: UInt8) {
        reserve(1)
        p[n] = b
        n += 1
    }

    /// ASCII bytes written as they are (keys and punctuation).
    @inline(__always) private mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    private mutating func array<T>(_ a: [T], _ each: (inout RecordWriter, T) -> Void) {
        byte(UInt8(ascii: "["))
        for (n, x) in a.enumerated() {
            if n > 0 { byte(UInt8(ascii: ",")) }
            each(&self, x)
        }
        byte(UInt8(ascii: "]"))
    }

    private mutating func bool(_ b: Bool) { if b { raw("true") } else { raw("false") } }

    mutating func int(_ v: Int) {
        if v >= 0 && v < 10 { byte(UInt8(ascii: "0") + UInt8(v)); return }
        reserve(20)
        if v < 0 { p[n] = UInt8(ascii: "-"); n += 1 }
        var m = v.magnitude, width = 1, t = m
        while t >= 10 { t /= 10; width += 1 }
        var k = n + width - 1
        repeat { p[k] = UInt8(ascii: "0") + UInt8(m % 10); m /= 10; k -= 1 } while m > 0
        n += width
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string as JSONEncoder writes it (see the top of the file).
    mutating func string(_ s: String) {
        byte(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var start = 0
            for k in 0..<u.count {
                let c = u[k]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                if k > start { append(UnsafeBufferPointer(rebasing: u[start..<k])) }
                start = k + 1
                byte(UInt8(ascii: "\\"))
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte(c)
                case 0x08: byte(UInt8(ascii: "b"))
                case 0x09: byte(UInt8(ascii: "t"))
                case 0x0A: byte(UInt8(ascii: "n"))
                case 0x0C: byte(UInt8(ascii: "f"))
                case 0x0D: byte(UInt8(ascii: "r"))
                default:
                    raw("u00")
                    byte(Self.hex[Int(c >> 4)]); byte(Self.hex[Int(c & 0xF)])
                }
            }
            if u.count > start { append(UnsafeBufferPointer(rebasing: u[start..<u.count])) }
        }
        byte(UInt8(ascii: "\""))
    }

    private mutating func digits(_ v: Int, _ width: Int) {
        var d = 1
        for _ in 1..<width { d *= 10 }
        var v = v
        while d > 0 { byte(UInt8(ascii: "0") + UInt8(v / d)); v %= d; d /= 10 }
    }

    /// A Date as `Timestamp.format` spells it.
    mutating func date(_ d: Date) {
        let c = Civil(epochSeconds: Int64(d.timeIntervalSince1970.rounded(.down)))
        guard (0...9999).contains(c.year) else { string(Timestamp.format(d)); return }
        // Civil(epochSeconds:) gives month 1-12, day 1-31, and a time of day in range.
        byte(UInt8(ascii: "\""))
        digits(c.year, 4); byte(UInt8(ascii: "-")); digits(c.month, 2); byte(UInt8(ascii: "-")); digits(c.day, 2)
        byte(UInt8(ascii: "T")); digits(c.hour, 2); byte(UInt8(ascii: ":")); digits(c.minute, 2)
        byte(UInt8(ascii: ":")); digits(c.second, 2)
        raw("Z\"")
    }

    /// A Day as its Codable writes it (`iso`).
    mutating func day(_ d: Day) {
        guard (0...9999).contains(d.year), (0...99).contains(d.month), (0...99).contains(d.day) else {
            string(d.iso); return
        }
        byte(UInt8(ascii: "\""))
        digits(d.year, 4); byte(UInt8(ascii: "-")); digits(d.month, 2); byte(UInt8(ascii: "-")); digits(d.day, 2)
        byte(UInt8(ascii: "\""))
    }
}

// MARK: - Lifecycle records (Life.swift), keys in sorted order

extension RecordWriter {
    private mutating func life(_ c: LifeChange) {
        var k = Keys(); open()
        switch c {
        case .pledgeRecorded(let d):
            k.key(&self, "date"); day(d.date)
            k.str(&self, "login", d.login)
        case .keyAdded(let d):
            k.str(&self, "key", d.key)
            k.opt(&self, "location", d.location)
            k.str(&self, "opens", d.opens)
        case .keyLent(let d):
            k.str(&self, "key", d.key)
            k.str(&self, "to", d.to)
            k.key(&self, "until"); date(d.until)
        case .keyReturned(let d):
            k.str(&self, "key", d.key)
        case .rosterAdded(let d):
            k.str(&self, "address", d.address)
            k.key(&self, "born"); day(d.born)
            k.str(&self, "contract", d.contract)
            k.str(&self, "duty", d.duty.rawValue)
            k.str(&self, "kana", d.kana)
            k.str(&self, "name", d.name)
            k.str(&self, "nationality", d.nationality)
            k.opt(&self, "note", d.note)
            k.key(&self, "number"); int(d.number)
            k.str(&self, "post", d.post)
            k.opt(&self, "result", d.result)
        case .inventoryStarted(let d):
            k.key(&self, "as_of"); day(d.asOf)
            k.str(&self, "inventory", d.inventory)
            k.key(&self, "locations"); array(d.locations) { $0.string($1) }
        case .inventoryCounted(let d):
            k.str(&self, "inventory", d.inventory)
            k.key(&self, "registrations"); array(d.registrations) { $0.string($1) }
        case .inventoryClosed(let d):
            k.key(&self, "incidents"); array(d.incidents) { $0.string($1) }
            k.str(&self, "inventory", d.inventory)
            k.key(&self, "missing"); array(d.missing) { $0.string($1) }
        case .disposalRequested(let d):
            k.str(&self, "kind", d.kind.rawValue)
            k.str(&self, "method", d.method)
            k.str(&self, "reason", d.reason)
            k.str(&self, "registration", d.registration)
            k.str(&self, "request", d.request)
        case .disposalApproved(let d):
            k.opt(&self, "comment", d.comment)
            k.str(&self, "request", d.request)
        case .disposalRejected(let d):
            k.str(&self, "reason", d.reason)
            k.str(&self, "request", d.request)
        case .disposalDone(let d):
            k.str(&self, "certificate", d.certificate)
            k.key(&self, "date"); day(d.date)
            k.str(&self, "operator", d.operatorLogin)
            k.str(&self, "request", d.request)
            k.str(&self, "witness", d.witness)
        case .erasedStored(let d):
            k.str(&self, "registration", d.registration)
            k.str(&self, "request", d.request)
        case .incidentStep(let d):
            k.str(&self, "incident", d.incident)
            k.opt(&self, "note", d.note)
            k.str(&self, "step", d.step)
        case .incidentClosed(let d):
            k.str(&self, "conclusion", d.conclusion)
            k.str(&self, "incident", d.incident)
        }
        close()
    }
}
