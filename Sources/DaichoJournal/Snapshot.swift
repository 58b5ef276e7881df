// A snapshot of the folded ledger, so that opening a long journal does not
// fold every record again (issue 6: the first screen of a million records in
// well under a second).
//
// It is derived data, a cache: never trusted blindly, always rebuildable.
// - It names the journal it was taken from by record count, byte length and the
//   SHA-256 of the last line it covers. On open that line is read from the
//   journal and hashed; if the journal is shorter, or the line differs, or the
//   file does not read back exactly (checksum, layout, permissions), the
//   snapshot is ignored and the whole journal is folded, as without one.
// - Records appended after it are read and checked as on any open: the chain
//   continues from the snapshot's head hash, every rule is replayed.
// - `daicho verify` folds every record without it and compares its own fold
//   with the snapshot's state at the snapshot's record count (`.check`).
// - It is rewritten (a new file renamed over the old, mode as the journal) when
//   an open had to fold `snapshotEvery` or more records past it. A failure to
//   write it is not an error: the next open folds a little more.
//
// Layout (little-endian): magic "DAICHO-SNAPSHOT\n", u64 layout version,
// u64 records, u64 journal bytes covered, 64 bytes head hash (hex), u64 line
// starts (records × u64), u64 ledger length, ledger bytes (LedgerSnapshot.swift),
// u64 checksum of everything before it.

import DaichoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What an open did with the snapshot.
public enum SnapshotStatus: Equatable, Sendable {
    /// There was none (or snapshots were not asked for).
    case none
    /// Opened from it: `records` came from it, the rest was folded.
    case used(records: Int)
    /// There was one, but it could not be used: why.
    case ignored(String)
    /// `.check`: the full fold agrees with the snapshot at its record count.
    case matches(records: Int)
    /// `.check`: the full fold differs from the snapshot at its record count (it was altered, or is wrong).
    case differs(records: Int)
}

/// How an open uses the snapshot.
public enum SnapshotUse: Sendable {
    /// Start from it when it matches the journal; rewrite it when it is far behind.
    case use
    /// Fold everything; do not read or write it.
    case ignore
    /// Fold everything, and compare the fold with it (verification).
    case check
}

/// A snapshot read from disk, before it is compared with the journal.
struct LoadedSnapshot {
    var records: Int
    var end: UInt64
    var head: String
    var starts: [UInt64]
    var ledgerBytes: ArraySlice<UInt8>
}

extension Journal {
    /// The snapshot file in the data directory: derived, rebuilt whenever it does not match the journal.
    public static let snapshotName = "daicho.snapshot"
    /// Rewrite the snapshot when an open folds at least this many records past it (about 50 ms of folding).
    public static let defaultSnapshotEvery = 5000

    static let snapshotMagic = Array("DAICHO-SNAPSHOT\n".utf8)
    /// 2: a medium carries where it was imported from (import_sha256, import_line, registered_on) and the ledger its imports.
    /// 3: a person carries different_person and their retirement (People.swift).
    /// 4: the rule book (issue 11): a medium's return and disposal marks, uses' checks, items' marks, cases' missing media,
    /// late arrivals and permissions, and the ledger's rule settings.
    /// 5: the exception ledger (Exceptions.swift).
    static let snapshotLayout: UInt64 = 5

    public var snapshotPath: String { directory + "/" + Journal.snapshotName }

    // MARK: Reading

    /// The largest snapshot a journal of `journalBytes` could produce: its line index is 8 bytes
    /// a record and its ledger holds no more than the records' own text (a record line is over
    /// 100 bytes), so twice the journal and a megabyte is ample. A larger one is not read at all
    /// (a 1 TB sparse file must not be allocated, a 3 GB one not read on every command).
    static func snapshotSizeLimit(journalBytes: UInt64) -> UInt64 { 2 * journalBytes + (1 << 20) }

    /// Reads and checks the snapshot file's own layout; nil (with why) if it is missing or unusable.
    /// Throws when it is not a regular file of the directory's owner (a FIFO must not hang an
    /// open, a link is never followed: FileSafety.swift); one others can write is ignored.
    func readSnapshot() throws -> (LoadedSnapshot?, String?) {
        let opened: Int32?
        do { opened = try Journal.openChecked(snapshotPath, O_RDONLY, owner: owner) } catch JournalError.unsafePermissions(_, let mode) {
            // Derived data: one others could have written is not read, and is rebuilt (renamed over).
            return (nil, "writable by others (mode \(String(mode & 0o7777, radix: 8)))")
        }
        guard let fd = opened else { return (nil, nil) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return (nil, "stat failed") }
        var jst = stat()
        let journalBytes: UInt64 = stat(path, &jst) == 0 ? UInt64(jst.st_size) : 0
        guard UInt64(st.st_size) <= Journal.snapshotSizeLimit(journalBytes: journalBytes) else {
            return (nil, "larger (\(st.st_size) bytes) than a journal of \(journalBytes) bytes could produce")
        }
        let size = Int(st.st_size)
        guard size >= 16 + 8 * 4 + 64 + 16 else { return (nil, "too short") }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, size - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return (nil, "read failed") }
            done += n
        }
        var at = 0
        func u64() -> UInt64? {
            guard at + 8 <= bytes.count else { return nil }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
            at += 8
            return v
        }
        guard Array(bytes[0..<16]) == Journal.snapshotMagic else { return (nil, "not a snapshot") }
        at = size - 8
        guard Journal.checksum(bytes[0..<(size - 8)]) == u64()! else { return (nil, "checksum differs") }
        at = 16
        guard let layout = u64(), layout == Journal.snapshotLayout else { return (nil, "another layout") }
        guard let records = u64(), let end = u64(), records > 0, records < UInt64(size) else { return (nil, "bad counts") }
        let head = String(decoding: bytes[at..<(at + 64)], as: UTF8.self)
        at += 64
        guard let nStarts = u64(), nStarts == records, at + Int(nStarts) * 8 <= size - 8 else { return (nil, "bad line index") }
        var starts = [UInt64](repeating: 0, count: Int(nStarts))
        starts.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[at..<(at + Int(nStarts) * 8)])) }
        }
        if UInt16(littleEndian: 1) != 1 { for i in starts.indices { starts[i] = UInt64(littleEndian: starts[i]) } }
        at += Int(nStarts) * 8
        guard let len = u64(), at + Int(len) == size - 8 else { return (nil, "bad ledger length") }
        // Line starts rise, and the last line ends where the snapshot says the journal did.
        guard starts.first == 0, zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }), starts.last! < end else {
            return (nil, "bad line index")
        }
        return (LoadedSnapshot(records: Int(records), end: end, head: head, starts: starts,
                               ledgerBytes: bytes[at..<(at + Int(len))]), nil)
    }

    /// Whether the journal file still holds, at the snapshot's last line, the line whose hash it names.
    func snapshotMatchesJournal(_ s: LoadedSnapshot) -> String? {
        let lastStart = s.starts.last!
        guard let line = JournalRecords.read(path, from: lastStart, count: Int(s.end - lastStart)) else {
            return "the journal is shorter than the snapshot"
        }
        guard line.last == 0x0A, Journal.hash(line.dropLast()) == s.head else {
            return "the journal's record #\(s.records - 1) is not the one the snapshot was taken at"
        }
        return nil
    }

    /// Decodes the ledger of a snapshot, its records read back through `lines`.
    static func snapshotLedger(_ s: LoadedSnapshot, lines: JournalRecords) throws -> Ledger {
        try s.ledgerBytes.withUnsafeBytes { buf in
            var r = try SnapshotReader(buf)
            return try Ledger(snapshot: &r, records: lines)
        }
    }

    /// Opens from the snapshot when it matches the journal: sets the ledger, head, offset and line index.
    func startFromSnapshot() throws {
        let (loaded, why) = try readSnapshot()
        guard let s = loaded else {
            snapshotStatus = why.map { .ignored($0) } ?? .none
            return
        }
        if let why = snapshotMatchesJournal(s) { snapshotStatus = .ignored(why); return }
        let lines = JournalRecords(path: path, starts: s.starts, end: s.end)
        do {
            let ledger = try Journal.snapshotLedger(s, lines: lines)
            restore(ledger: ledger, lines: lines, head: s.head, offset: s.end)
            snapshotStatus = .used(records: s.records)
            trustedPrefix = SnapshotPrefix(path: path, records: s.records, end: s.end, head: s.head)
        } catch {
            snapshotStatus = .ignored((error as? SnapshotFormatError)?.reason ?? "\(error)")
        }
    }

    /// For `.check`: the snapshot's state, to compare with the full fold when it reaches the same record.
    func snapshotToCheck() throws -> (records: Int, head: String, ledger: Ledger)? {
        let (loaded, why) = try readSnapshot()
        guard let s = loaded else {
            snapshotStatus = why.map { .ignored($0) } ?? .none
            return nil
        }
        do {
            return (s.records, s.head, try Journal.snapshotLedger(s, lines: JournalRecords(path: path, starts: s.starts, end: s.end)))
        } catch {
            snapshotStatus = .ignored((error as? SnapshotFormatError)?.reason ?? "\(error)")
            return nil
        }
    }

    // MARK: Writing

    /// Writes the snapshot of what is folded now. Best effort: returns whether it was written.
    /// Written piece by piece (header, line index, string table, values, checksum), so that a
    /// million records cost one copy of the ledger's bytes, not three.
    @discardableResult
    public func writeSnapshot() -> Bool {
        guard damage == nil, ledger.isInitialized, ledger.records.count > 0, mayWrite else { return false }
        let index = lines.index
        guard index.starts.count == ledger.records.count, index.end == offset else { return false }
        var w = SnapshotWriter()
        ledger.writeSnapshot(to: &w)
        let (table, values) = w.parts()
        var head: [UInt8] = []
        func u64(_ v: UInt64, _ out: inout [UInt8]) { for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
        head += Journal.snapshotMagic
        u64(Journal.snapshotLayout, &head)
        u64(UInt64(ledger.records.count), &head)
        u64(offset, &head)
        head += Array(headHash.utf8)
        u64(UInt64(index.starts.count), &head)
        var starts: [UInt8] = []
        if UInt16(littleEndian: 1) == 1 {
            starts = index.starts.withUnsafeBytes { Array($0) }
        } else {
            for s in index.starts { u64(s, &starts) }
        }
        var length: [UInt8] = []
        u64(UInt64(table.count + values.count), &length)
        var sum = Checksum()
        for piece in [head, starts, length, table, values] { sum.add(piece) }
        var tail: [UInt8] = []
        u64(sum.value, &tail)

        // A new file (O_EXCL: nothing planted under its name is opened), fsynced, renamed over the
        // old one, and the directory fsynced: after a crash the snapshot is the old one or the new one.
        let tmp = snapshotPath + ".tmp-\(getpid())"
        unlink(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, fileMode)
        guard fd >= 0 else { return false }
        var ok = fchmod(fd, fileMode) == 0
        if let group { _ = fchown(fd, uid_t.max, group) }
        for piece in [head, starts, length, table, values, tail] where ok {
            var done = 0
            while ok && done < piece.count {
                let n = piece.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, piece.count - done) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false } else { done += n }
            }
        }
        if ok { ok = fsync(fd) == 0 }
        close(fd)
        guard ok, rename(tmp, snapshotPath) == 0 else { unlink(tmp); return false }
        fsyncDirectory()
        return true
    }

    /// The checksum of a whole snapshot held in memory (as read back).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var c = Checksum()
        c.add(bytes)
        return c.value
    }
}

/// A 64-bit checksum (FNV-1a over 8-byte words, fed in pieces): catches a snapshot damaged on
/// disk, not one forged (verification catches that: it compares the snapshot with its own fold).
struct Checksum {
    private var h: UInt64 = 0xcbf2_9ce4_8422_2325
    private var pending: [UInt8] = []
    private var count: UInt64 = 0

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }
    mutating func add(_ bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { add($0) } }

    mutating func add(_ raw: UnsafeRawBufferPointer) {
        count += UInt64(raw.count)
        var at = 0
        // Fill a word begun by the last piece.
        while !pending.isEmpty && at < raw.count {
            pending.append(raw[at]); at += 1
            if pending.count == 8 { word(pending.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }); pending = [] }
        }
        let words = (raw.count - at) / 8
        for i in 0..<words { word(raw.loadUnaligned(fromByteOffset: at + i * 8, as: UInt64.self)) }
        at += words * 8
        pending += raw[at...]
    }

    private mutating func word(_ w: UInt64) {
        h = (h ^ w) &* 0x0000_0100_0000_01b3
        h ^= h >> 29
    }

    var value: UInt64 {
        var v = h
        for b in pending { v = (v ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return v ^ count
    }
}

// MARK: - Re-reading what the snapshot covers

/// The part of the journal an open from the snapshot did not read: its first `records` lines,
/// ending at byte `end` with the line whose hash is `head`.
public struct SnapshotPrefix: Sendable, Equatable {
    public var path: String
    public var records: Int
    public var end: UInt64
    public var head: String
}

extension Journal {
    /// Reads the lines an open from the snapshot did not: each must be a record with the next
    /// sequence number naming the hash of the line before, and the last must be the snapshot's
    /// head. An edit anywhere in them shows here (the rules are replayed by `daicho verify`).
    /// Independent of any open journal: the screens run it on another thread after the first
    /// screen is drawn. Returns the damage found, or nil.
    public static func checkChain(_ p: SnapshotPrefix) -> JournalDamage? {
        let fd = open(p.path, O_RDONLY | Journal.safeOpenFlags)
        var st = stat()
        guard fd >= 0, fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            if fd >= 0 { close(fd) }
            return JournalDamage(seq: nil, line: 1, offset: 0, reason: .unreadable("cannot open the journal again")) }
        defer { close(fd) }
        var prev = Record.genesisHash
        var seq = 0
        var position: UInt64 = 0
        var carry = Data()
        while position < p.end {
            let want = Int(min(p.end - position, 4 << 20))
            var chunk = Data(count: want)
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(position)) }
            guard got > 0 else { break }
            chunk.count = got
            let bytes = carry.isEmpty ? chunk : carry + chunk
            var lineStart = bytes.startIndex
            let lineOffsetBase = position - UInt64(carry.count)
            for nl in newlines(in: bytes) {
                let line = bytes[lineStart..<nl]
                let at = lineOffsetBase + UInt64(lineStart - bytes.startIndex)
                guard let r = try? Record.decode(line: line), Journal.nonCanonical(line, r) == nil else {
                    return JournalDamage(seq: nil, line: seq + 1, offset: at, reason: .unreadable("no longer a record"))
                }
                guard r.seq == seq else {
                    return JournalDamage(seq: r.seq, line: seq + 1, offset: at, reason: .sequenceGap(expected: seq, found: r.seq))
                }
                guard r.prev == prev else { return JournalDamage(seq: r.seq, line: seq + 1, offset: at, reason: .badHash) }
                prev = hash(line)
                seq += 1
                lineStart = nl + 1
            }
            carry = Data(bytes[lineStart...])
            position += UInt64(got)
        }
        guard seq == p.records, carry.isEmpty, prev == p.head else {
            return JournalDamage(seq: seq > 0 ? seq - 1 : nil, line: max(1, seq), offset: p.end,
                                 reason: .unreadable("the records the snapshot was taken from have changed"))
        }
        return nil
    }

    /// Makes the journal read-only with damage found by `checkChain` (no-op if already damaged).
    public func adopt(_ found: JournalDamage) {
        if damage == nil { damage = found }
    }
}

/// `Journal.checkChain` on another thread; `damage()` says what it found once it is done.
public final class BackgroundChainCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var found: JournalDamage?
    private var finished = false

    /// Starts checking `prefix` (nothing to do when nil).
    public init(_ prefix: SnapshotPrefix?) {
        guard let prefix else { finished = true; return }
        Thread.detachNewThread { [self] in
            let d = Journal.checkChain(prefix)
            lock.withLock { found = d; finished = true }
        }
    }

    public var isFinished: Bool { lock.withLock { finished } }

    /// The damage found, once (later calls return nil).
    public func takeDamage() -> JournalDamage? {
        lock.withLock { defer { found = nil }; return found }
    }
}
