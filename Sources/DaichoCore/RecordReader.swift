// The fast reader of record lines: a strict, hand-written parser for the
// layout daicho writes (one compact JSON object, keys in any order), mapping
// straight into the Change payloads. JSONDecoder remains the reference
// (`Record.decodeWithFoundation`): whenever this reader meets anything it is
// not sure of — whitespace, an unknown or duplicate key, a number that is not
// a plain integer, an escape in a key, a day or time, a lone surrogate,
// invalid UTF-8, an unknown type or version, a wrong type of value — it
// declines (returns nil) and the line is read by JSONDecoder, which then gives
// the result or the error. So it accepts nothing JSONDecoder refuses, and what
// it accepts it reads exactly as JSONDecoder does:
//   - unknown keys are declined (JSONDecoder would skip them);
//   - an optional field may be absent or null (both nil, as decodeIfPresent);
//     a required field that is absent or null is declined;
//   - a duplicate key is declined.

import Foundation

/// Why the fast reader declined a line (never shown: the line goes to JSONDecoder).
private struct Decline: Error {}

struct RecordReader {
    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var i = 0
    /// Reused for strings with escapes.
    private var scratch: [UInt8] = []

    private init(_ p: UnsafePointer<UInt8>, _ n: Int) { self.p = p; self.n = n }

    /// The record, or nil when the line is not one this reader is sure of.
    static func read(_ line: Data) -> Record? {
        line.withUnsafeBytes { raw -> Record? in
            guard let base = raw.baseAddress, raw.count > 0 else { return nil }
            var r = RecordReader(base.assumingMemoryBound(to: UInt8.self), raw.count)
            return try? r.record()
        }
    }

    // MARK: - Bytes

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

    @inline(__always) private func peek() -> UInt8 { i < n ? p[i] : 0 }

    @inline(__always) private mutating func expect(_ c: UInt8) throws {
        guard i < n, p[i] == c else { throw Decline() }
        i += 1
    }

    @inline(__always) private func req<T>(_ v: T?) throws -> T {
        guard let v else { throw Decline() }
        return v
    }

    // MARK: - Objects

    private struct Object { var first = true; var seen: UInt32 = 0 }

    /// Key tables: a key's index is its bit in `Object.seen`.
    private struct Keys {
        /// The names one after another, and where each starts and how long it is.
        let bytes: [UInt8], starts: [Int], lengths: [Int]
        init(_ names: [String]) {
            precondition(names.count <= 32)
            var bytes: [UInt8] = [], starts: [Int] = [], lengths: [Int] = []
            for s in names { starts.append(bytes.count); lengths.append(s.utf8.count); bytes += Array(s.utf8) }
            self.bytes = bytes; self.starts = starts; self.lengths = lengths
        }
        /// The index of the `len` bytes at `key`, if they are one of the names.
        func index(of key: UnsafePointer<UInt8>, _ len: Int) -> Int? {
            bytes.withUnsafeBufferPointer { b -> Int? in
                for k in 0..<lengths.count where lengths[k] == len && b[starts[k]] == key[0] {
                    if memcmp(b.baseAddress! + starts[k], key, len) == 0 { return k }
                }
                return nil
            }
        }
    }

    private mutating func open() throws -> Object {
        try expect(Self.openBrace)
        return Object()
    }

    /// The index of the next key of `o` in `keys` (its colon consumed), or nil after the closing brace.
    private mutating func key(_ o: inout Object, _ keys: Keys) throws -> Int? {
        guard i < n else { throw Decline() }
        if p[i] == Self.closeBrace { i += 1; return nil }
        if o.first { o.first = false } else {
            guard p[i] == Self.comma else { throw Decline() }
            i += 1
        }
        try expect(Self.quote)
        let start = i
        while i < n, p[i] != Self.quote {
            guard p[i] != Self.backslash, p[i] >= 0x20 else { throw Decline() }
            i += 1
        }
        let len = i - start
        try expect(Self.quote)
        try expect(Self.colon)
        // An unknown key is declined (JSONDecoder would skip it), and so is a duplicate.
        guard let k = keys.index(of: p + start, len) else { throw Decline() }
        let bit: UInt32 = 1 << UInt32(k)
        guard o.seen & bit == 0 else { throw Decline() }
        o.seen |= bit
        return k
    }

    private mutating func array<T>(_ element: (inout RecordReader) throws -> T) throws -> [T] {
        try expect(Self.openBracket)
        var out: [T] = []
        if peek() == Self.closeBracket { i += 1; return out }
        while true {
            out.append(try element(&self))
            guard i < n else { throw Decline() }
            if p[i] == Self.comma { i += 1; continue }
            if p[i] == Self.closeBracket { i += 1; return out }
            throw Decline()
        }
    }

    /// Steps over one value without reading it (for `data` met before `type`); it is read later and must end here.
    private mutating func skipValue() throws {
        var depth = 0
        repeat {
            guard i < n else { throw Decline() }
            let c = p[i]
            switch c {
            case Self.quote:
                i += 1
                while i < n, p[i] != Self.quote { i += p[i] == Self.backslash ? 2 : 1 }
                guard i < n else { throw Decline() }
                i += 1
            case Self.openBrace, Self.openBracket: depth += 1; i += 1
            case Self.closeBrace, Self.closeBracket:
                guard depth > 0 else { throw Decline() }
                depth -= 1; i += 1
            case Self.comma, Self.colon:
                guard depth > 0 else { throw Decline() }
                i += 1
            default:
                // A scalar: letters, digits, signs, dots.
                guard c > 0x20, c < 0x7F else { throw Decline() }
                i += 1
                while i < n {
                    let d = p[i]
                    if d == Self.comma || d == Self.closeBrace || d == Self.closeBracket || d == Self.colon { break }
                    guard d > 0x20, d < 0x7F, d != Self.quote, d != Self.openBrace, d != Self.openBracket else { throw Decline() }
                    i += 1
                }
            }
        } while depth > 0
    }

    // MARK: - Scalars

    private mutating func isNull() -> Bool {
        guard i + 4 <= n, p[i] == UInt8(ascii: "n"), p[i + 1] == UInt8(ascii: "u"), p[i + 2] == UInt8(ascii: "l"),
              p[i + 3] == UInt8(ascii: "l") else { return false }
        i += 4
        return true
    }

    private mutating func bool() throws -> Bool {
        if i + 4 <= n, p[i] == UInt8(ascii: "t"), p[i + 1] == UInt8(ascii: "r"), p[i + 2] == UInt8(ascii: "u"),
           p[i + 3] == UInt8(ascii: "e") {
            i += 4
            return true
        }
        if i + 5 <= n, p[i] == UInt8(ascii: "f"), p[i + 1] == UInt8(ascii: "a"), p[i + 2] == UInt8(ascii: "l"),
           p[i + 3] == UInt8(ascii: "s"), p[i + 4] == UInt8(ascii: "e") {
            i += 5
            return false
        }
        throw Decline()
    }

    /// A plain integer: `0`, or an optional minus and 1-18 digits without a leading zero. Anything else
    /// (`-0`, `01`, `1.0`, `1e2`, huge) is declined.
    private mutating func int() throws -> Int {
        var negative = false
        if peek() == UInt8(ascii: "-") { negative = true; i += 1 }
        let start = i
        var v = 0
        // Wrapping: a value past 18 digits is declined below.
        while i < n, p[i] >= 0x30, p[i] <= 0x39 { v = v &* 10 &+ Int(p[i] - 0x30); i += 1 }
        let len = i - start
        guard len >= 1, len <= 18, p[start] != 0x30 || (len == 1 && !negative) else { throw Decline() }
        // The value must end here: `1.5`, `1e2` go to JSONDecoder.
        let c = peek()
        guard c == Self.comma || c == Self.closeBrace || c == Self.closeBracket else { throw Decline() }
        return negative ? -v : v
    }

    private mutating func string() throws -> String {
        try expect(Self.quote)
        let start = i
        var ascii = true
        while i < n {
            let c = p[i]
            if c == Self.quote {
                let buf = UnsafeBufferPointer(start: p + start, count: i - start)
                i += 1
                guard ascii || Self.isWellFormedUTF8(buf) else { throw Decline() }
                return String(decoding: buf, as: UTF8.self)
            }
            if c == Self.backslash { return try escapedString(from: start) }
            guard c >= 0x20 else { throw Decline() }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        throw Decline()
    }

    /// Whether `b` is well-formed UTF-8 (Unicode table 3-7: no overlong forms, surrogates or values past U+10FFFF),
    /// so that `String(decoding:)` repairs nothing.
    static func isWellFormedUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let n = b.count
        @inline(__always) func cont(_ j: Int) -> Bool { j < n && b[j] & 0xC0 == 0x80 }
        while k < n {
            let c = b[k]
            if c < 0x80 { k += 1; continue }
            switch c {
            case 0xC2...0xDF:
                guard cont(k + 1) else { return false }
                k += 2
            case 0xE0...0xEF:
                guard cont(k + 1), cont(k + 2) else { return false }
                let c1 = b[k + 1]
                if c == 0xE0 && c1 < 0xA0 { return false }  // overlong
                if c == 0xED && c1 > 0x9F { return false }  // a surrogate
                k += 3
            case 0xF0...0xF4:
                guard cont(k + 1), cont(k + 2), cont(k + 3) else { return false }
                let c1 = b[k + 1]
                if c == 0xF0 && c1 < 0x90 { return false }  // overlong
                if c == 0xF4 && c1 > 0x8F { return false }  // past U+10FFFF
                k += 4
            default: return false
            }
        }
        return true
    }

    private mutating func optString() throws -> String? {
        isNull() ? nil : try string()
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= n else { throw Decline() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = p[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw Decline()
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// The rest of a string that has escapes; `i` is at the first backslash.
    private mutating func escapedString(from start: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
        while i < n {
            let c = p[i]
            if c == Self.quote {
                i += 1
                return try scratch.withUnsafeBufferPointer { buf in
                    guard Self.isWellFormedUTF8(buf) else { throw Decline() }
                    return String(decoding: buf, as: UTF8.self)
                }
            }
            guard c >= 0x20 else { throw Decline() }
            if c != Self.backslash { scratch.append(c); i += 1; continue }
            i += 1
            guard i < n else { throw Decline() }
            let e = p[i]
            i += 1
            switch e {
            case Self.quote: scratch.append(Self.quote)
            case Self.backslash: scratch.append(Self.backslash)
            case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4()
                if (0xD800...0xDBFF).contains(v) {
                    // A high surrogate must be followed by an escaped low one.
                    guard i + 2 <= n, p[i] == Self.backslash, p[i + 1] == UInt8(ascii: "u") else { throw Decline() }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw Decline() }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(v) {
                    throw Decline()
                }
                guard let u = Unicode.Scalar(v) else { throw Decline() }
                scratch.append(contentsOf: UTF8.encode(u)!)
            default: throw Decline()
            }
        }
        throw Decline()
    }

    /// The raw bytes of a string without escapes or non-ASCII (times, days, type names).
    private mutating func plainASCII() throws -> UnsafeBufferPointer<UInt8> {
        try expect(Self.quote)
        let start = i
        while i < n, p[i] != Self.quote {
            guard p[i] >= 0x20, p[i] < 0x80, p[i] != Self.backslash else { throw Decline() }
            i += 1
        }
        let buf = UnsafeBufferPointer(start: p + start, count: i - start)
        try expect(Self.quote)
        return buf
    }

    /// A UTC instant as `Timestamp.parse` reads it.
    private mutating func instant() throws -> Date {
        let b = try plainASCII()
        guard b.count == 20, b[19] == UInt8(ascii: "Z"),
              let c = Civil(isoBuffer: UnsafeBufferPointer(rebasing: b[0..<19])) else { throw Decline() }
        return Date(timeIntervalSince1970: TimeInterval(c.epochSeconds))
    }

    private mutating func optInstant() throws -> Date? {
        isNull() ? nil : try instant()
    }

    /// A day as `Day`'s decoder reads it: exactly `YYYY-MM-DD` in ASCII digits, a real date.
    private mutating func day() throws -> Day {
        let b = try plainASCII()
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { throw Decline() }
        func num(_ r: Range<Int>) throws -> Int {
            var v = 0
            for k in r {
                guard b[k] >= 0x30, b[k] <= 0x39 else { throw Decline() }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        return try req(Day(year: try num(0..<4), month: try num(5..<7), day: try num(8..<10)))
    }

    private mutating func raw<T: RawRepresentable>(_: T.Type) throws -> T where T.RawValue == String {
        try req(T(rawValue: try string()))
    }

    // MARK: - The record

    private static let envelopeKeys = Keys(["actor", "at", "prev", "seq", "type", "v", "via", "clock_behind", "data"])
    private static let types: [[UInt8]] = ([
        "ledger.header", "person.enrolled", "person.roles_changed", "medium.registered", "medium.scanned",
        "medium.lost", "medium.found", "use.started", "use.ended", "takeout.requested", "request.approved",
        "request.rejected", "request.withdrawn", "takeout.departed", "takeout.returned", "record.corrected",
        "ledger.configured", "handover.drafted", "handover.dispatched", "handover.received", "handover.reminded",
        "handover.acknowledged", "handover.returned", "handover.destroyed", "handover.recalled", "handover.incoming",
        "transfer.drafted", "transfer.dispatched", "transfer.received", "transfer.incoming", "transfer.recalled",
        "person.edited", "person.retired", "person.officer_changed",
        "medium.amended", "handover.late", "transfer.late",
    ] + LifeReader.types).map { Array($0.utf8) }

    private mutating func record() throws -> Record {
        var o = try open()
        var actor: String?, at: Date?, prev: String?, seq: Int?, type: Int?, v: Int?, via: String?, behind: Int?
        var change: Change?
        var dataAt: Range<Int>?
        while let k = try key(&o, Self.envelopeKeys) {
            switch k {
            case 0: actor = try string()
            case 1: at = try instant()
            case 2: prev = try string()
            case 3: seq = try int()
            case 4:
                let b = try plainASCII()
                type = try req(Self.types.firstIndex { $0.elementsEqual(b) })
            case 5: v = try int()
            case 6: via = try optString()
            case 7: behind = try int()
            default:
                if let type { change = try self.change(type) } else {
                    let start = i
                    try skipValue()
                    dataAt = start..<i
                }
            }
        }
        guard i == n, v == Record.formatVersion else { throw Decline() }
        guard let type, let seq, let at, let actor, let prev else { throw Decline() }
        if change == nil, let r = dataAt {
            let end = i
            i = r.lowerBound
            change = try self.change(type)
            guard i == r.upperBound else { throw Decline() }
            i = end
        }
        guard let change else { throw Decline() }
        return Record(seq: seq, at: at, actor: actor, via: via, prev: prev, change: change, clockBehind: behind)
    }

    private mutating func change(_ type: Int) throws -> Change {
        switch type {
        case 0: .header(try header())
        case 1: .personEnrolled(try person())
        case 2: .rolesChanged(try roles())
        case 3: .mediumRegistered(try medium())
        case 4: .virusChecked(try scan())
        case 5: .mediumLost(try lost())
        case 6: .mediumFound(try lost())
        case 7: .useStarted(try useStart())
        case 8: .useEnded(try useEnd())
        case 9: .takeoutRequested(try takeoutRequest())
        case 10: .requestApproved(try decision())
        case 11: .requestRejected(try rejection())
        case 12: .requestWithdrawn(try withdrawal())
        case 13: .takeoutDeparted(try movement())
        case 14: .takeoutReturned(try movement())
        case 15: .recordCorrected(try correction())
        case 16: .configured(try config())
        case 17: .handoverDrafted(try handoverDraft())
        case 18: .handoverDispatched(try handoverDispatch())
        case 19: .handoverReceived(try handoverReceipt())
        case 20: .handoverReminded(try handoverNote())
        case 21: .handoverAcknowledged(try handoverNote())
        case 22: .handoverReturned(try handoverDisposal())
        case 23: .handoverDestroyed(try handoverDisposal())
        case 24: .handoverRecalled(try handoverNote())
        case 25: .handoverIncoming(try handoverIncoming())
        case 26: .transferDrafted(try transferDraft())
        case 27: .transferDispatched(try transferDispatch())
        case 28: .transferReceived(try transferReceipt())
        case 29: .transferIncoming(try transferIncoming())
        case 30: .transferRecalled(try transferRecall())
        case 31: .personEdited(try personEdit())
        case 32: .personRetired(try retirement())
        case 33: .officerChanged(try officerChange())
        case 34: .mediumAmended(try amendment())
        case 35: .handoverLate(try late())
        case 36: .transferLate(try late())
        case 37..<(37 + LifeReader.types.count): .life(try life(type - 37))
        default: throw Decline()
        }
    }

    // MARK: - Payloads (key order as declared; field names as the CodingKeys spell them)

    private static let personKeys = Keys(["login", "name", "roles", "title", "rank", "section", "different_person"])
    private mutating func person() throws -> PersonData {
        var o = try open()
        var login: String?, name: String?, roles: [Role]?, title: String?, rank: String?, section: String?
        var differentPerson: Bool?
        while let k = try key(&o, Self.personKeys) {
            switch k {
            case 0: login = try string()
            case 1: name = try string()
            case 2: roles = try array { try $0.raw(Role.self) }
            case 3: title = try optString()
            case 4: rank = try optString()
            case 5: section = try optString()
            default: differentPerson = try bool()
            }
        }
        return PersonData(login: try req(login), name: try req(name), roles: try req(roles), title: title, rank: rank,
                          section: section, differentPerson: differentPerson)
    }

    private static let personEditKeys = Keys(["login", "name", "title", "rank", "section"])
    private mutating func personEdit() throws -> PersonEditData {
        var o = try open()
        var login: String?, name: String?, title: String?, rank: String?, section: String?
        while let k = try key(&o, Self.personEditKeys) {
            switch k {
            case 0: login = try string()
            case 1: name = try string()
            case 2: title = try optString()
            case 3: rank = try optString()
            default: section = try optString()
            }
        }
        return PersonEditData(login: try req(login), name: try req(name), title: title, rank: rank, section: section)
    }

    private static let retirementKeys = Keys(["login", "reason"])
    private mutating func retirement() throws -> RetirementData {
        var o = try open()
        var login: String?, reason: String?
        while let k = try key(&o, Self.retirementKeys) {
            switch k {
            case 0: login = try string()
            default: reason = try string()
            }
        }
        return RetirementData(login: try req(login), reason: try req(reason))
    }

    private static let officerChangeKeys = Keys(["from", "to", "reason"])
    private mutating func officerChange() throws -> OfficerChangeData {
        var o = try open()
        var from: String?, to: String?, reason: String?
        while let k = try key(&o, Self.officerChangeKeys) {
            switch k {
            case 0: from = try string()
            case 1: to = try string()
            default: reason = try optString()
            }
        }
        return OfficerChangeData(from: try req(from), to: try req(to), reason: reason)
    }

    private static let headerKeys = Keys(["format", "unit", "officer", "scheme"])
    private mutating func header() throws -> HeaderData {
        var o = try open()
        var format: Int?, unit: String?, officer: PersonData?, scheme: String?
        while let k = try key(&o, Self.headerKeys) {
            switch k {
            case 0: format = try int()
            case 1: unit = try string()
            case 2: officer = try person()
            default: scheme = try string()
            }
        }
        return HeaderData(format: try req(format), unit: try req(unit), officer: try req(officer), scheme: try req(scheme))
    }

    private static let rolesKeys = Keys(["login", "roles"])
    private mutating func roles() throws -> RolesData {
        var o = try open()
        var login: String?, roles: [Role]?
        while let k = try key(&o, Self.rolesKeys) {
            switch k {
            case 0: login = try string()
            default: roles = try array { try $0.raw(Role.self) }
            }
        }
        return RolesData(login: try req(login), roles: try req(roles))
    }

    private static let mediumKeys = Keys([
        "registration", "kind", "category", "class", "restrictions", "secret", "model", "serial", "capacity", "location",
        "encrypted", "write_protected", "origin", "from_unit", "their_registration", "import_sha256", "import_line",
        "registered_on",
    ])
    private mutating func medium() throws -> MediumData {
        var o = try open()
        var registration: String?, kind: MediumKind?, category: DataCategory?, classification: Confidentiality?
        var restrictions: [Restriction]?, secret: Bool?, model: String?, serial: String?, capacity: String?
        var location: String?, encrypted: Bool?, writeProtected: Bool?, origin: String?, fromUnit: String?
        var theirRegistration: String?, importFile: String?, importLine: Int?, registeredOn: Day?
        while let k = try key(&o, Self.mediumKeys) {
            switch k {
            case 0: registration = try string()
            case 1: kind = try raw(MediumKind.self)
            case 2: category = try raw(DataCategory.self)
            case 3: classification = try req(Confidentiality(rawValue: try int()))
            case 4: restrictions = try array { try $0.raw(Restriction.self) }
            case 5: secret = try bool()
            case 6: model = try optString()
            case 7: serial = try optString()
            case 8: capacity = try optString()
            case 9: location = try optString()
            case 10: encrypted = try bool()
            case 11: writeProtected = try bool()
            case 12: origin = try string()
            case 13: fromUnit = try optString()
            case 14: theirRegistration = try optString()
            case 15: importFile = try optString()
            case 16: importLine = isNull() ? nil : try int()
            default: registeredOn = isNull() ? nil : try day()
            }
        }
        return MediumData(
            registration: try req(registration), kind: try req(kind), category: try req(category),
            classification: try req(classification), restrictions: try req(restrictions), secret: try req(secret),
            model: model, serial: serial, capacity: capacity, location: location, encrypted: try req(encrypted),
            writeProtected: try req(writeProtected), origin: try req(origin), fromUnit: fromUnit,
            theirRegistration: theirRegistration, importFile: importFile, importLine: importLine, registeredOn: registeredOn)
    }

    private static let scanKeys = Keys(["registration", "result", "note", "product", "definitions"])
    private mutating func scan() throws -> ScanData {
        var o = try open()
        var registration: String?, result: ScanResult?, note: String?, product: String?, definitions: Day?
        while let k = try key(&o, Self.scanKeys) {
            switch k {
            case 0: registration = try string()
            case 1: result = try raw(ScanResult.self)
            case 2: note = try optString()
            case 3: product = try optString()
            default: definitions = isNull() ? nil : try day()
            }
        }
        return ScanData(registration: try req(registration), result: try req(result), note: note, product: product,
                        definitions: definitions)
    }

    private static let useScanKeys = Keys(["result", "product"])
    private mutating func useScan() throws -> UseScanData? {
        if isNull() { return nil }
        var o = try open()
        var result: ScanResult?, product: String?
        while let k = try key(&o, Self.useScanKeys) {
            switch k {
            case 0: result = try raw(ScanResult.self)
            default: product = try optString()
            }
        }
        return UseScanData(result: try req(result), product: product)
    }

    private static let lostKeys = Keys(["registration", "note"])
    private mutating func lost() throws -> LostData {
        var o = try open()
        var registration: String?, note: String?
        while let k = try key(&o, Self.lostKeys) {
            switch k {
            case 0: registration = try string()
            default: note = try string()
            }
        }
        return LostData(registration: try req(registration), note: try req(note))
    }

    private static let useStartKeys = Keys(["registration", "purpose", "where", "until", "scan"])
    private mutating func useStart() throws -> UseStartData {
        var o = try open()
        var registration: String?, purpose: String?, place: String?, until: Date?, scan: UseScanData?
        while let k = try key(&o, Self.useStartKeys) {
            switch k {
            case 0: registration = try string()
            case 1: purpose = try string()
            case 2: place = try optString()
            case 3: until = try optInstant()
            default: scan = try useScan()
            }
        }
        return UseStartData(registration: try req(registration), purpose: try req(purpose), place: place, until: until, scan: scan)
    }

    private static let noteKeys = Keys(["registration", "note"])
    private mutating func useEnd() throws -> UseEndData {
        var o = try open()
        var registration: String?, note: String?
        while let k = try key(&o, Self.noteKeys) {
            switch k {
            case 0: registration = try string()
            default: note = try optString()
            }
        }
        return UseEndData(registration: try req(registration), note: note)
    }

    private static let takeoutKeys = Keys(["request", "registration", "destination", "purpose", "from", "until", "transport"])
    private mutating func takeoutRequest() throws -> TakeoutRequestData {
        var o = try open()
        var request: String?, registration: String?, destination: String?, purpose: String?
        var from: Date?, until: Date?, transport: String?
        while let k = try key(&o, Self.takeoutKeys) {
            switch k {
            case 0: request = try string()
            case 1: registration = try string()
            case 2: destination = try string()
            case 3: purpose = try string()
            case 4: from = try instant()
            case 5: until = try instant()
            default: transport = try optString()
            }
        }
        return TakeoutRequestData(request: try req(request), registration: try req(registration),
                                  destination: try req(destination), purpose: try req(purpose), from: try req(from),
                                  until: try req(until), transport: transport)
    }

    private static let decisionKeys = Keys(["request", "confirmed", "comment"])
    private mutating func decision() throws -> DecisionData {
        var o = try open()
        var request: String?, confirmed: [TakeoutCheck]?, comment: String?
        while let k = try key(&o, Self.decisionKeys) {
            switch k {
            case 0: request = try string()
            case 1: confirmed = try array { try $0.raw(TakeoutCheck.self) }
            default: comment = try optString()
            }
        }
        return DecisionData(request: try req(request), confirmed: try req(confirmed), comment: comment)
    }

    private static let reasonKeys = Keys(["request", "reason"])
    private mutating func rejection() throws -> RejectionData {
        var o = try open()
        var request: String?, reason: String?
        while let k = try key(&o, Self.reasonKeys) {
            switch k {
            case 0: request = try string()
            default: reason = try string()
            }
        }
        return RejectionData(request: try req(request), reason: try req(reason))
    }

    private mutating func withdrawal() throws -> WithdrawalData {
        var o = try open()
        var request: String?, reason: String?
        while let k = try key(&o, Self.reasonKeys) {
            switch k {
            case 0: request = try string()
            default: reason = try optString()
            }
        }
        return WithdrawalData(request: try req(request), reason: reason)
    }

    private static let movementKeys = Keys(["registration", "request", "note"])
    private mutating func movement() throws -> MovementData {
        var o = try open()
        var registration: String?, request: String?, note: String?
        while let k = try key(&o, Self.movementKeys) {
            switch k {
            case 0: registration = try string()
            case 1: request = try string()
            default: note = try optString()
            }
        }
        return MovementData(registration: try req(registration), request: try req(request), note: note)
    }

    private static let correctionKeys = Keys(["target", "reason", "note"])
    private mutating func correction() throws -> CorrectionData {
        var o = try open()
        var target: Int?, reason: String?, note: String?
        while let k = try key(&o, Self.correctionKeys) {
            switch k {
            case 0: target = try int()
            case 1: reason = try string()
            default: note = try string()
            }
        }
        return CorrectionData(target: try req(target), reason: try req(reason), note: try req(note))
    }

    private static let amendmentKeys = Keys(["registration", "reason", "changes"])
    private static let fieldChangeKeys = Keys(["field", "from", "to"])
    private mutating func amendment() throws -> AmendmentData {
        var o = try open()
        var registration: String?, reason: String?, changes: [FieldChange]?
        while let k = try key(&o, Self.amendmentKeys) {
            switch k {
            case 0: registration = try string()
            case 1: reason = try string()
            default:
                changes = try array { r in
                    var o = try r.open()
                    var field: AmendableField?, from: String?, to: String?
                    while let k = try r.key(&o, Self.fieldChangeKeys) {
                        switch k {
                        case 0: field = try r.raw(AmendableField.self)
                        case 1: from = try r.string()
                        default: to = try r.string()
                        }
                    }
                    return FieldChange(field: try r.req(field), from: try r.req(from), to: try r.req(to))
                }
            }
        }
        return AmendmentData(registration: try req(registration), reason: try req(reason), changes: try req(changes))
    }

    private static let configKeys = Keys(["key", "value"])
    private mutating func config() throws -> ConfigData {
        var o = try open()
        var key: String?, value: String?
        while let k = try self.key(&o, Self.configKeys) {
            switch k {
            case 0: key = try string()
            default: value = try string()
            }
        }
        return ConfigData(key: try req(key), value: try req(value))
    }

    // MARK: Handovers

    private static let itemKeys = Keys(["name", "quantity", "registration", "class", "restrictions"])
    private mutating func handoverItem() throws -> HandoverItem {
        var o = try open()
        var name: String?, quantity: String?, registration: String?, classification: Confidentiality?, restrictions: [Restriction]?
        while let k = try key(&o, Self.itemKeys) {
            switch k {
            case 0: name = try string()
            case 1: quantity = try string()
            case 2: registration = try optString()
            case 3: classification = isNull() ? nil : try req(Confidentiality(rawValue: try int()))
            default: restrictions = isNull() ? nil : try array { try $0.raw(Restriction.self) }
            }
        }
        return HandoverItem(name: try req(name), quantity: try req(quantity), registration: registration,
                            classification: classification, restrictions: restrictions)
    }

    private static let receivedItemKeys = Keys(["name", "quantity"])
    private mutating func receivedItem() throws -> ReceivedItem {
        var o = try open()
        var name: String?, quantity: String?
        while let k = try key(&o, Self.receivedItemKeys) {
            switch k {
            case 0: name = try string()
            default: quantity = try string()
            }
        }
        return ReceivedItem(name: try req(name), quantity: try req(quantity))
    }

    private static let handoverDraftKeys = Keys(["handover", "to", "contract", "return_required", "items", "note", "no_return_reason"])
    private mutating func handoverDraft() throws -> HandoverDraftData {
        var o = try open()
        var handover: String?, to: String?, contract: String?, returnRequired: Bool?, items: [HandoverItem]?, note: String?
        var noReturn: String?
        while let k = try key(&o, Self.handoverDraftKeys) {
            switch k {
            case 0: handover = try string()
            case 1: to = try string()
            case 2: contract = try optString()
            case 3: returnRequired = try bool()
            case 4: items = try array { try $0.handoverItem() }
            case 5: note = try optString()
            default: noReturn = try optString()
            }
        }
        return HandoverDraftData(handover: try req(handover), to: try req(to), contract: contract,
                                 returnRequired: try req(returnRequired), items: try req(items), note: note, noReturnReason: noReturn)
    }

    private static let handoverDispatchKeys = Keys(["handover", "date", "due", "sender"])
    private mutating func handoverDispatch() throws -> HandoverDispatchData {
        var o = try open()
        var handover: String?, date: Day?, due: Day?, sender: String?
        while let k = try key(&o, Self.handoverDispatchKeys) {
            switch k {
            case 0: handover = try string()
            case 1: date = try day()
            case 2: due = try day()
            default: sender = try string()
            }
        }
        return HandoverDispatchData(handover: try req(handover), date: try req(date), due: try req(due), sender: try req(sender))
    }

    private static let handoverReceiptKeys = Keys(["handover", "date", "by", "items"])
    private mutating func handoverReceipt() throws -> HandoverReceiptData {
        var o = try open()
        var handover: String?, date: Day?, by: String?, items: [ReceivedItem]?
        while let k = try key(&o, Self.handoverReceiptKeys) {
            switch k {
            case 0: handover = try string()
            case 1: date = try day()
            case 2: by = try string()
            default: items = try array { try $0.receivedItem() }
            }
        }
        return HandoverReceiptData(handover: try req(handover), date: try req(date), by: try req(by), items: try req(items))
    }

    private static let handoverNoteKeys = Keys(["handover", "note"])
    private mutating func handoverNote() throws -> HandoverNoteData {
        var o = try open()
        var handover: String?, note: String?
        while let k = try key(&o, Self.handoverNoteKeys) {
            switch k {
            case 0: handover = try string()
            default: note = try optString()
            }
        }
        return HandoverNoteData(handover: try req(handover), note: note)
    }

    private static let handoverDisposalKeys = Keys(["handover", "items", "date", "report", "signer"])
    private mutating func handoverDisposal() throws -> HandoverDisposalData {
        var o = try open()
        var handover: String?, items: [String]?, date: Day?, report: String?, signer: String?
        while let k = try key(&o, Self.handoverDisposalKeys) {
            switch k {
            case 0: handover = try string()
            case 1: items = try array { try $0.string() }
            case 2: date = try day()
            case 3: report = try optString()
            default: signer = try optString()
            }
        }
        return HandoverDisposalData(handover: try req(handover), items: try req(items), date: try req(date), report: report,
                                    signer: signer)
    }

    private static let handoverIncomingKeys = Keys(["handover", "from", "items", "date", "by", "note"])
    private mutating func handoverIncoming() throws -> HandoverIncomingData {
        var o = try open()
        var handover: String?, from: String?, items: [HandoverItem]?, date: Day?, by: String?, note: String?
        while let k = try key(&o, Self.handoverIncomingKeys) {
            switch k {
            case 0: handover = try string()
            case 1: from = try string()
            case 2: items = try array { try $0.handoverItem() }
            case 3: date = try day()
            case 4: by = try string()
            default: note = try optString()
            }
        }
        return HandoverIncomingData(handover: try req(handover), from: try req(from), items: try req(items),
                                    date: try req(date), by: try req(by), note: note)
    }

    // MARK: Transfers

    private static let transferDraftKeys = Keys(["transfer", "to", "media", "note"])
    private mutating func transferDraft() throws -> TransferDraftData {
        var o = try open()
        var transfer: String?, to: String?, media: [String]?, note: String?
        while let k = try key(&o, Self.transferDraftKeys) {
            switch k {
            case 0: transfer = try string()
            case 1: to = try string()
            case 2: media = try array { try $0.string() }
            default: note = try optString()
            }
        }
        return TransferDraftData(transfer: try req(transfer), to: try req(to), media: try req(media), note: note)
    }

    private static let transferDispatchKeys = Keys(["transfer", "date", "sender"])
    private mutating func transferDispatch() throws -> TransferDispatchData {
        var o = try open()
        var transfer: String?, date: Day?, sender: String?
        while let k = try key(&o, Self.transferDispatchKeys) {
            switch k {
            case 0: transfer = try string()
            case 1: date = try day()
            default: sender = try string()
            }
        }
        return TransferDispatchData(transfer: try req(transfer), date: try req(date), sender: try req(sender))
    }

    private static let transferReceiptKeys = Keys(["transfer", "date", "by", "received"])
    private mutating func transferReceipt() throws -> TransferReceiptData {
        var o = try open()
        var transfer: String?, date: Day?, by: String?, received: [String]?
        while let k = try key(&o, Self.transferReceiptKeys) {
            switch k {
            case 0: transfer = try string()
            case 1: date = try day()
            case 2: by = try string()
            default: received = isNull() ? nil : try array { try $0.string() }
            }
        }
        return TransferReceiptData(transfer: try req(transfer), date: try req(date), by: try req(by), received: received)
    }

    private static let lateKeys = Keys(["id", "media", "items", "date"])
    private mutating func late() throws -> LateArrivalData {
        var o = try open()
        var id: String?, media: [String]?, items: [ReceivedItem]?, date: Day?
        while let k = try key(&o, Self.lateKeys) {
            switch k {
            case 0: id = try string()
            case 1: media = try array { try $0.string() }
            case 2: items = try array { try $0.receivedItem() }
            default: date = try day()
            }
        }
        return LateArrivalData(id: try req(id), media: try req(media), items: try req(items), date: try req(date))
    }

    private static let incomingMediumKeys = Keys(["registration", "model", "theirs", "kind", "category", "class"])
    private mutating func incomingMedium() throws -> IncomingMedium {
        var o = try open()
        var registration: String?, model: String?, theirs: String?, kind: MediumKind?, category: DataCategory?
        var classification: Confidentiality?
        while let k = try key(&o, Self.incomingMediumKeys) {
            switch k {
            case 0: registration = try string()
            case 1: model = try string()
            case 2: theirs = try string()
            case 3: kind = try raw(MediumKind.self)
            case 4: category = try raw(DataCategory.self)
            default: classification = try req(Confidentiality(rawValue: try int()))
            }
        }
        return IncomingMedium(registration: try req(registration), model: try req(model), theirs: try req(theirs),
                              kind: try req(kind), category: try req(category), classification: try req(classification))
    }

    private static let transferIncomingKeys = Keys(["transfer", "from", "media", "date", "by", "note"])
    private mutating func transferIncoming() throws -> TransferIncomingData {
        var o = try open()
        var transfer: String?, from: String?, media: [IncomingMedium]?, date: Day?, by: String?, note: String?
        while let k = try key(&o, Self.transferIncomingKeys) {
            switch k {
            case 0: transfer = try string()
            case 1: from = try string()
            case 2: media = try array { try $0.incomingMedium() }
            case 3: date = try day()
            case 4: by = try string()
            default: note = try optString()
            }
        }
        return TransferIncomingData(transfer: try req(transfer), from: try req(from), media: try req(media),
                                    date: try req(date), by: try req(by), note: note)
    }

    private static let transferRecallKeys = Keys(["transfer", "reason"])
    private mutating func transferRecall() throws -> TransferRecallData {
        var o = try open()
        var transfer: String?, reason: String?
        while let k = try key(&o, Self.transferRecallKeys) {
            switch k {
            case 0: transfer = try string()
            default: reason = try string()
            }
        }
        return TransferRecallData(transfer: try req(transfer), reason: try req(reason))
    }
}

// MARK: - Lifecycle records (Life.swift)

private enum LifeReader {
    /// In the order of `RecordReader.life(_:)`, after the 31 types above.
    static let types = ["pledge.recorded", "key.added", "key.lent", "key.returned", "roster.added", "inventory.started",
                        "inventory.counted", "inventory.closed", "disposal.requested", "disposal.approved", "disposal.rejected",
                        "disposal.done", "incident.step", "incident.closed", "disposal.stored"]
}

extension RecordReader {
    private static let pledgeKeys = Keys(["login", "date"])
    private static let keyKeys = Keys(["key", "opens", "location"])
    private static let keyLendKeys = Keys(["key", "to", "until"])
    private static let keyReturnKeys = Keys(["key"])
    private static let rosterKeys = Keys(["contract", "number", "name", "kana", "born", "address", "nationality", "post", "duty",
                                          "result", "note"])
    private static let inventoryStartKeys = Keys(["inventory", "as_of", "locations"])
    private static let inventoryCountKeys = Keys(["inventory", "registrations"])
    private static let inventoryCloseKeys = Keys(["inventory", "missing", "incidents"])
    private static let disposalRequestKeys = Keys(["request", "registration", "kind", "method", "reason"])
    private static let disposalApprovalKeys = Keys(["request", "comment"])
    private static let disposalRejectionKeys = Keys(["request", "reason"])
    private static let disposalDoneKeys = Keys(["request", "certificate", "date", "operator", "witness"])
    private static let incidentStepKeys = Keys(["incident", "step", "note"])
    private static let incidentCloseKeys = Keys(["incident", "conclusion"])
    private static let erasedStoredKeys = Keys(["request", "registration"])

    private mutating func strings() throws -> [String] { try array { try $0.string() } }

    fileprivate mutating func life(_ t: Int) throws -> LifeChange {
        var o = try open()
        switch t {
        case 0:
            var login: String?, date: Day?
            while let k = try key(&o, Self.pledgeKeys) { if k == 0 { login = try string() } else { date = try day() } }
            return .pledgeRecorded(PledgeData(login: try req(login), date: try req(date)))
        case 1:
            var key: String?, opens: String?, location: String?
            while let k = try self.key(&o, Self.keyKeys) {
                switch k {
                case 0: key = try string()
                case 1: opens = try string()
                default: location = try optString()
                }
            }
            return .keyAdded(KeyData(key: try req(key), opens: try req(opens), location: location))
        case 2:
            var key: String?, to: String?, until: Date?
            while let k = try self.key(&o, Self.keyLendKeys) {
                switch k {
                case 0: key = try string()
                case 1: to = try string()
                default: until = try instant()
                }
            }
            return .keyLent(KeyLendData(key: try req(key), to: try req(to), until: try req(until)))
        case 3:
            var key: String?
            while try self.key(&o, Self.keyReturnKeys) != nil { key = try string() }
            return .keyReturned(KeyReturnData(key: try req(key)))
        case 4:
            var v = [String?](repeating: nil, count: 11), number: Int?, born: Day?, duty: RosterDuty?
            while let k = try key(&o, Self.rosterKeys) {
                switch k {
                case 1: number = try int()
                case 4: born = try day()
                case 8: duty = try raw(RosterDuty.self)
                case 9, 10: v[k] = try optString()
                default: v[k] = try string()
                }
            }
            return .rosterAdded(RosterEntryData(contract: try req(v[0]), number: try req(number), name: try req(v[2]), kana: try req(v[3]),
                                                born: try req(born), address: try req(v[5]), nationality: try req(v[6]), post: try req(v[7]),
                                                duty: try req(duty), result: v[9], note: v[10]))
        case 5:
            var inventory: String?, asOf: Day?, locations: [String]?
            while let k = try key(&o, Self.inventoryStartKeys) {
                switch k {
                case 0: inventory = try string()
                case 1: asOf = try day()
                default: locations = try strings()
                }
            }
            return .inventoryStarted(InventoryStartData(inventory: try req(inventory), asOf: try req(asOf), locations: try req(locations)))
        case 6:
            var inventory: String?, regs: [String]?
            while let k = try key(&o, Self.inventoryCountKeys) { if k == 0 { inventory = try string() } else { regs = try strings() } }
            return .inventoryCounted(InventoryCountData(inventory: try req(inventory), registrations: try req(regs)))
        case 7:
            var inventory: String?, missing: [String]?, incidents: [String]?
            while let k = try key(&o, Self.inventoryCloseKeys) {
                switch k {
                case 0: inventory = try string()
                case 1: missing = try strings()
                default: incidents = try strings()
                }
            }
            return .inventoryClosed(InventoryCloseData(inventory: try req(inventory), missing: try req(missing), incidents: try req(incidents)))
        case 8:
            var v = [String?](repeating: nil, count: 5), kind: DisposalKind?
            while let k = try key(&o, Self.disposalRequestKeys) { if k == 2 { kind = try raw(DisposalKind.self) } else { v[k] = try string() } }
            return .disposalRequested(DisposalRequestData(request: try req(v[0]), registration: try req(v[1]), kind: try req(kind),
                                                          method: try req(v[3]), reason: try req(v[4])))
        case 9:
            var request: String?, comment: String?
            while let k = try key(&o, Self.disposalApprovalKeys) { if k == 0 { request = try string() } else { comment = try optString() } }
            return .disposalApproved(DisposalApprovalData(request: try req(request), comment: comment))
        case 10:
            var request: String?, reason: String?
            while let k = try key(&o, Self.disposalRejectionKeys) { if k == 0 { request = try string() } else { reason = try string() } }
            return .disposalRejected(DisposalRejectionData(request: try req(request), reason: try req(reason)))
        case 11:
            var v = [String?](repeating: nil, count: 5), date: Day?
            while let k = try key(&o, Self.disposalDoneKeys) { if k == 2 { date = try day() } else { v[k] = try string() } }
            return .disposalDone(DisposalDoneData(request: try req(v[0]), certificate: try req(v[1]), date: try req(date),
                                                  operatorLogin: try req(v[3]), witness: try req(v[4])))
        case 12:
            var incident: String?, step: String?, note: String?
            while let k = try key(&o, Self.incidentStepKeys) {
                switch k {
                case 0: incident = try string()
                case 1: step = try string()
                default: note = try optString()
                }
            }
            return .incidentStep(IncidentStepData(incident: try req(incident), step: try req(step), note: note))
        case 13:
            var incident: String?, conclusion: String?
            while let k = try key(&o, Self.incidentCloseKeys) { if k == 0 { incident = try string() } else { conclusion = try string() } }
            return .incidentClosed(IncidentCloseData(incident: try req(incident), conclusion: try req(conclusion)))
        default:
            var request: String?, registration: String?
            while let k = try key(&o, Self.erasedStoredKeys) { if k == 0 { request = try string() } else { registration = try string() } }
            return .erasedStored(ErasedStoredData(request: try req(request), registration: try req(registration)))
        }
    }
}
