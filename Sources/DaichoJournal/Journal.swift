// The journal: the only state of daicho. One record per line in
// `journal.jsonl`, each naming the SHA-256 of the line before it (see
// JOURNAL_FORMAT.md). Appends take an exclusive flock on `daicho.lock`, re-read
// what other processes appended, check the rules against that fresh state,
// write one line with O_APPEND and fdatasync before reporting success.
//
// On open, a torn last line (a crash mid-write) is cut off and kept in a side
// file; any other damage makes the journal read-only, naming the record.

import Crypto
import DaichoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where in the file something went wrong, and what.
public struct JournalDamage: Error, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// `prev` does not match the hash of the line before.
        case badHash
        /// The sequence number is not the next one.
        case sequenceGap(expected: Int, found: Int)
        /// The line is not a record daicho can read.
        case unreadable(String)
        /// The record contradicts the records before it.
        case inconsistent(String)
        /// Written by a newer daicho (record `v` or header `format` above what this version reads).
        case newerVersion(Int)
        /// The journal has fewer records than a checkpoint saw (its end was cut off).
        case shorterThanCheckpoint(records: Int, checkpoint: Checkpoint)
        /// The record a checkpoint saw as the head has another hash now (it was altered).
        case checkpointMismatch(hash: String, checkpoint: Checkpoint)
    }
    /// The record's sequence number where it could be read.
    public var seq: Int?
    /// 1-based line number.
    public var line: Int
    /// Byte offset of the line's start.
    public var offset: UInt64
    public var reason: Reason

    public func message(_ lang: Lang) -> String {
        let which = seq.map { lang.pick("レコード #\($0)（\(line)行目、オフセット \(offset)）", "record #\($0) (line \(line), offset \(offset))") }
            ?? lang.pick("\(line)行目（オフセット \(offset)）", "line \(line) (offset \(offset))")
        let why: String
        switch reason {
        case .badHash: why = lang.pick("直前のレコードのハッシュと一致しません（改ざんの疑い）", "its prev hash does not match the record before (altered?)")
        case .sequenceGap(let e, let f): why = lang.pick("通し番号が \(e) のはずが \(f) です", "sequence number is \(f), expected \(e)")
        case .unreadable(let r): why = lang.pick("読み取れません: \(r)", "unreadable: \(r)")
        case .inconsistent(let r): why = lang.pick("それまでの記録と矛盾します: \(r)", "contradicts earlier records: \(r)")
        case .newerVersion(let v):
            // Not damage: this version cannot read what a newer one wrote, so it only reads up to there.
            return lang.pick("この台帳は新しい版の daicho で書かれています（\(which) の記録形式 \(v)、この版が読めるのは \(Record.formatVersion) まで）。それより前だけを読み取り専用で開きます。daicho を更新してください",
                             "this journal was written by a newer version of daicho (\(which) has format \(v); this version reads up to \(Record.formatVersion)): opened read-only up to there; update daicho")
        case .shorterThanCheckpoint(let n, let c):
            why = lang.pick("台帳が \(n) 件しかありませんが、\(Timestamp.format(c.at)) の控え（\(c.purpose)）では \(c.records) 件（先頭ハッシュ \(c.head.prefix(16))…）でした。末尾が削除された疑いがあります",
                            "the journal holds \(n) records, but the checkpoint of \(Timestamp.format(c.at)) (\(c.purpose)) saw \(c.records) (head \(c.head.prefix(16))…): its end was cut off?")
        case .checkpointMismatch(let h, let c):
            why = lang.pick("\(Timestamp.format(c.at)) の控え（\(c.purpose)）ではこのレコードのハッシュは \(c.head.prefix(16))… でしたが、今は \(h.prefix(16))… です（改ざんの疑い）",
                            "the checkpoint of \(Timestamp.format(c.at)) (\(c.purpose)) saw its hash as \(c.head.prefix(16))…, now it is \(h.prefix(16))… (altered?)")
        }
        return lang.pick("台帳が損傷しています: \(which) \(why)", "the journal is damaged: \(which): \(why)")
    }
}

/// Errors of the storage layer.
public enum JournalError: Error, Equatable, Sendable {
    /// The journal is damaged: nothing may be written after the damage.
    case readOnly(JournalDamage)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// `create` on a directory that already has a journal.
    case exists(path: String)
    /// The journal or its directory can be written by people other than its owner.
    case unsafePermissions(path: String, mode: UInt32)
    /// A path of the data directory is not a regular file (a FIFO, a device, a symbolic link, a directory),
    /// or the data directory is a symbolic link or not a directory (FileSafety.swift).
    case notRegularFile(path: String, kind: FileKind)
    /// A file of the data directory is owned by someone other than the directory's owner.
    case wrongOwner(path: String, owner: uid_t, expected: uid_t)
    /// Writing needs the data directory's owner: this process reads it as a read-only copy.
    case notOwner(path: String, owner: uid_t)
    /// A checkpoint was not recorded: the head this process read is no longer in the journal
    /// (a writer rolled its record back), so it was never durably acknowledged.
    case notAcknowledged(path: String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .readOnly(let d): return d.message(lang) + lang.pick("（読み取り専用）", " (read-only)")
        case .io(let op, let path, let e):
            let reason = String(cString: strerror(e))
            return lang.pick("\(path) の\(op)に失敗しました: \(reason)", "\(op) failed on \(path): \(reason)")
        case .exists(let path): return lang.pick("\(path) には既に台帳があります", "\(path) already holds a journal")
        case .unsafePermissions(let path, let mode):
            let m = String(mode & 0o7777, radix: 8)
            return lang.pick("\(path) は所有者以外も書き込める状態です（モード \(m)）。開きません: chmod go-w で制限してください",
                             "\(path) can be written by others than its owner (mode \(m)): not opened; restrict it (chmod go-w)")
        case .notRegularFile(let path, let kind):
            if kind == .symbolicLink {
                return lang.pick("\(path) はシンボリックリンクです。たどらずに拒否します: 実際のファイルかディレクトリを指定してください",
                                 "\(path) is a symbolic link: refused, never followed; name the real file or directory")
            }
            return lang.pick("\(path) は通常のファイルではありません（\(kind.name(lang))）。開きません",
                             "\(path) is not a regular file (\(kind.name(lang))): not opened")
        case .wrongOwner(let path, let owner, let expected):
            return lang.pick("\(path) の所有者（uid \(owner)）がデータディレクトリの所有者（uid \(expected)）と異なります。開きません",
                             "\(path) is owned by uid \(owner), not by the data directory's owner (uid \(expected)): not opened")
        case .notAcknowledged(let path):
            return lang.pick("\(path) の先頭レコードが読み取った後に取り消されました（書き込みが完了していませんでした）。控えは記録していません。もう一度実行してください",
                             "\(path): the head record read was rolled back by its writer (never acknowledged): no checkpoint recorded; run again")
        case .notOwner(let path, let owner):
            return lang.pick("\(path) はほかの利用者（uid \(owner)）のデータディレクトリです。読み取りのみで、書き込みはその所有者だけが行えます",
                             "\(path) is another user's data directory (uid \(owner)): read-only here; only its owner writes to it")
        }
    }
}

/// Something the person should know about that is not an error.
public enum JournalNotice: Equatable, Sendable {
    /// A torn last record was cut off and its bytes saved.
    case tornTailRemoved(bytes: Int, savedTo: String)
    /// A torn last record was left in place: the directory cannot be written here (a read-only copy).
    case tornTailLeft(bytes: Int)
    /// A torn last line of checkpoints.tsv was cut off and its bytes saved.
    case tornCheckpointRemoved(bytes: Int, savedTo: String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .tornTailLeft(let n):
            lang.pick("注意: 末尾に書きかけのレコード（\(n)バイト）があります。このディレクトリには書き込めないため切り離さず、その手前までを読み取り専用で開きます",
                      "notice: the last record is torn (\(n) bytes); this directory cannot be written here, so it is left in place and the journal is read up to it (read-only)")
        case .tornCheckpointRemoved(let n, let path):
            lang.pick("注意: 控えファイルの書きかけの末尾行（\(n)バイト）を切り離し、\(path) に保存しました",
                      "notice: a torn last line of the checkpoint file (\(n) bytes) was cut off and saved to \(path)")
        case .tornTailRemoved(let n, let path):
            lang.pick("注意: 書きかけの末尾レコード（\(n)バイト）を切り離し、\(path) に保存しました",
                      "notice: a torn last record (\(n) bytes) was cut off and saved to \(path)")
        }
    }
}

/// An open journal: the ledger folded from it, its head hash, and a way to append.
public final class Journal {
    public static let fileName = "journal.jsonl"
    public static let lockName = "daicho.lock"

    public let directory: String
    public var path: String { directory + "/" + Journal.fileName }
    var lockPath: String { directory + "/" + Journal.lockName }

    /// The state folded from every record read so far.
    public private(set) var ledger = Ledger()
    /// SHA-256 (hex) of the last record's line; the genesis hash when empty.
    public private(set) var headHash = Record.genesisHash
    /// Set when the journal is damaged: it is then read-only.
    public internal(set) var damage: JournalDamage?
    /// Things noticed while opening (a torn tail cut off).
    public internal(set) var notices: [JournalNotice] = []
    /// Bytes of the file consumed so far (always at a line boundary).
    public private(set) var offset: UInt64 = 0
    /// Where each record's line starts: the ledger reads old records back through it.
    public private(set) var lines: JournalRecords
    /// The time of the last record read or written: the next one is stamped no earlier.
    public private(set) var lastAt: Date?

    /// Mode bits for files and the directory: owner-only unless a group shares them.
    let fileMode: mode_t
    let dirMode: mode_t
    let group: gid_t?
    /// The data directory's owner (nil until it exists): every file in it must be theirs (FileSafety.swift).
    public private(set) var owner: uid_t?
    /// Whether this process may write here: it runs as the directory's owner, and the directory is
    /// writable (not an archive copy or a read-only mount). Otherwise nothing is ever created or
    /// written: no lock file, no snapshot, no torn-tail file, no checkpoint.
    public var mayWrite: Bool {
        guard let owner else { return true }
        return owner == geteuid() && faccessat(AT_FDCWD, directory, W_OK, AT_EACCESS) == 0
    }

    /// What this open did with the snapshot (Snapshot.swift).
    public internal(set) var snapshotStatus: SnapshotStatus = .none
    /// What an open from the snapshot took on trust: the records it did not read (nil when it read every one).
    public internal(set) var trustedPrefix: SnapshotPrefix?
    /// `.check`: the snapshot's state, compared with the fold when it reaches the snapshot's record count.
    var pendingCheck: (records: Int, head: String, ledger: Ledger)?

    /// Opens (without creating anything) the journal in `directory`. A missing
    /// journal gives an empty, uninitialized ledger. `snapshot` says whether to
    /// start from the snapshot of the folded ledger (and rewrite it when it is
    /// `snapshotEvery` or more records behind), ignore it, or check it (Snapshot.swift).
    public init(directory: String, group: gid_t? = nil, snapshot: SnapshotUse = .use,
                snapshotEvery: Int = Journal.defaultSnapshotEvery) throws {
        self.directory = directory
        self.group = group
        self.fileMode = group == nil ? 0o600 : 0o640
        self.dirMode = group == nil ? 0o700 : 0o750
        self.lines = JournalRecords(path: directory + "/" + Journal.fileName)
        // A journal others can write proves nothing; a planted link or FIFO is refused (FileSafety.swift).
        self.owner = try Journal.checkPermissions(directory: directory)
        switch snapshot {
        case .use: try startFromSnapshot()
        case .check: pendingCheck = try snapshotToCheck()
        case .ignore: break
        }
        try refresh()
        if let c = pendingCheck {
            // The journal ended before the snapshot's record: it holds fewer records than the snapshot saw.
            if damage == nil { snapshotStatus = .differs(records: c.records) }
            pendingCheck = nil
        }
        // A journal shorter than, or different from, what a printed form saw is damage (Checkpoints.swift).
        checkAgainstCheckpoints()
        if snapshot == .use, damage == nil {
            let fromSnapshot: Int
            if case .used(let n) = snapshotStatus { fromSnapshot = n } else { fromSnapshot = 0 }
            if ledger.records.count - fromSnapshot >= max(1, snapshotEvery) { writeSnapshot() }
        }
    }

    /// Starts from a ledger restored from a snapshot (Snapshot.swift).
    func restore(ledger: Ledger, lines: JournalRecords, head: String, offset: UInt64) {
        self.ledger = ledger
        self.lines = lines
        self.headHash = head
        self.offset = offset
        self.lastAt = ledger.records.count > 0 ? ledger.records[ledger.records.count - 1]?.at : nil
    }

    /// Whether appends are refused.
    public var isReadOnly: Bool { damage != nil }

    // MARK: Reading

    /// Reads what was appended since the last read (by this or another
    /// process) and folds it in. Returns whether anything new was read.
    @discardableResult
    public func refresh() throws -> Bool {
        try refresh(holdingLock: false)
    }

    private func refresh(holdingLock: Bool) throws -> Bool {
        guard damage == nil else { return false }
        guard let fd = try Journal.openChecked(path, O_RDONLY, owner: owner) else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalError.io(operation: "stat", path: path, errno: errno) }
        let size = UInt64(st.st_size)
        guard size != offset else { return false }
        if size < offset {
            // The file shrank under us: only a torn tail may be cut, and we never keep one.
            damage = JournalDamage(seq: nil, line: ledger.records.count + 1, offset: size,
                                   reason: .unreadable("the file is shorter than what was read before"))
            return false
        }
        // Read in chunks, so that folding a long journal does not hold all of it in memory.
        // Lines are slices of the chunk (no copy each), found with memchr.
        var changed = false
        var carry = Data()
        var position = offset
        while position < size {
            let chunk = try readAll(fd, from: position, count: Int(min(size - position, Journal.readChunk)))
            if chunk.isEmpty { break }
            position += UInt64(chunk.count)
            let bytes = carry.isEmpty ? chunk : carry + chunk
            carry = Data()
            let ends = Journal.newlines(in: bytes)
            var lineStart = bytes.startIndex
            for nl in ends {
                if let d = fold(line: bytes[lineStart..<nl], offset: offset) {
                    damage = d
                    return changed
                }
                changed = true
                offset += UInt64(nl + 1 - lineStart)
                lineStart = nl + 1
            }
            carry = Data(bytes[lineStart...])
        }
        if !carry.isEmpty {
            // Bytes after the last newline: a writer is mid-append, or died mid-append.
            if holdingLock {
                try cutTornTail(carry)
            } else if !mayWrite {
                // A read-only copy (an archive, another user's directory): read up to the tear, cut nothing.
                if !notices.contains(.tornTailLeft(bytes: carry.count)) { notices.append(.tornTailLeft(bytes: carry.count)) }
            } else {
                try withLock { _ = try refresh(holdingLock: true) }
            }
        }
        return changed
    }

    /// The indexes of the newlines in `data`.
    static func newlines(in data: Data) -> [Int] {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Int] in
            guard let base = raw.baseAddress else { return [] }
            var out: [Int] = []
            var p = 0
            while p < raw.count, let q = memchr(base + p, 0x0A, raw.count - p) {
                let i = base.distance(to: UnsafeRawPointer(q))
                out.append(data.startIndex + i)
                p = i + 1
            }
            return out
        }
    }

    /// How much of the file a refresh reads at a time.
    nonisolated(unsafe) static var readChunk: UInt64 = 4 << 20

    /// Verifies and folds one line; returns the damage if it is bad.
    private func fold(line: Data, offset lineOffset: UInt64) -> JournalDamage? {
        let lineNo = ledger.records.count + 1
        let record: Record
        do { record = try Record.decode(line: line) } catch let e as RecordDecodingError {
            // A layout this version does not know may be a newer one's, not damage (Versions.swift).
            if let v = Journal.newerVersion(of: line) {
                return JournalDamage(seq: Journal.peekSeq(line), line: lineNo, offset: lineOffset, reason: .newerVersion(v))
            }
            return JournalDamage(seq: nil, line: lineNo, offset: lineOffset, reason: .unreadable(e.reason))
        } catch {
            return JournalDamage(seq: nil, line: lineNo, offset: lineOffset, reason: .unreadable("\(error)"))
        }
        // Exactly the bytes daicho writes, or damage: a duplicate key that another reader (jq,
        // Python) reads as its last value, an unknown field, keys out of order or extra whitespace.
        if let why = Journal.nonCanonical(line, record) {
            return JournalDamage(seq: record.seq, line: lineNo, offset: lineOffset, reason: .unreadable(why))
        }
        guard record.seq == ledger.nextSeq else {
            return JournalDamage(seq: record.seq, line: lineNo, offset: lineOffset,
                                 reason: .sequenceGap(expected: ledger.nextSeq, found: record.seq))
        }
        guard record.prev == headHash else {
            return JournalDamage(seq: record.seq, line: lineNo, offset: lineOffset, reason: .badHash)
        }
        if case .header(let h) = record.change, h.format > Record.formatVersion {
            return JournalDamage(seq: record.seq, line: lineNo, offset: lineOffset, reason: .newerVersion(h.format))
        }
        // Time only moves forward: a record is never earlier than the one before it (a clock
        // stepped back is stamped at its predecessor's time with clock_behind; issue 10).
        if let why = Journal.timeViolation(record, after: lastAt) {
            return JournalDamage(seq: record.seq, line: lineNo, offset: lineOffset, reason: .inconsistent(why))
        }
        do { try ledger.apply(record) } catch {
            return JournalDamage(seq: record.seq, line: lineNo, offset: lineOffset, reason: .inconsistent(error.reason))
        }
        lines.add(lineAt: lineOffset, length: line.count + 1)
        lastAt = record.at
        // The ledger holds the latest records decoded and hands them to the file's index in
        // batches (a record read back is one pread away; a batch costs less than one each).
        if ledger.records.count % 1024 == 0 { ledger.releaseRecords(to: lines) }
        headHash = Journal.hash(line)
        if let c = pendingCheck, c.records == ledger.records.count {
            snapshotStatus = c.head == headHash && c.ledger.sameState(as: ledger) ? .matches(records: c.records) : .differs(records: c.records)
            pendingCheck = nil
        }
        return nil
    }

    /// Why `r`'s time breaks "time only moves forward" after a record of time `previous`, or nil.
    static func timeViolation(_ r: Record, after previous: Date?) -> String? {
        if let b = r.clockBehind, b < 1 { return "clock_behind is \(b): it must be at least 1 second when present" }
        guard let previous else { return nil }
        if r.at < previous {
            return "time runs backwards: \(Timestamp.format(r.at)) is earlier than the record before it (\(Timestamp.format(previous)))"
        }
        return nil
    }

    /// The time the next record is stamped with when the clock reads `now`: `now` in whole
    /// seconds, or the last record's time when the clock reads earlier (then also how many
    /// seconds the clock was behind).
    public func stamp(_ now: Date) -> (at: Date, behind: Int?) {
        let t = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        guard let lastAt, t < lastAt else { return (t, nil) }
        return (lastAt, Int(lastAt.timeIntervalSince1970 - t.timeIntervalSince1970))
    }

    /// Why `line` is not the canonical encoding of `record` (the bytes daicho writes for it:
    /// JOURNAL_FORMAT.md "Canonical form"), or nil when it is. Every version of daicho wrote
    /// exactly this form, so no other is accepted.
    static func nonCanonical(_ line: Data, _ record: Record) -> String? {
        let canonical = record.encodedLine()
        if canonical.count == line.count, canonical.elementsEqual(line) { return nil }
        var at = 0
        for (a, b) in zip(canonical, line) { if a != b { break }; at += 1 }
        return "not in the canonical form daicho writes (it differs at byte \(at) of the line: a duplicate or unknown key, keys out of order, extra whitespace or another spelling of a value)"
    }

    /// SHA-256 of a line, lowercase hex.
    public static func hash(_ line: Data) -> String {
        let digest = SHA256.hash(data: line)
        var s = ""
        s.reserveCapacity(64)
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(64)
        for b in digest { out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)]) }
        s = String(decoding: out, as: UTF8.self)
        return s
    }

    private func cutTornTail(_ tail: Data) throws {
        let stamp = Timestamp.format(Date()).replacingOccurrences(of: ":", with: "")
        // Never overwrite an earlier side file (a second tear at the same offset in the same second).
        let base = directory + "/torn-tail-\(stamp)-at-\(offset)"
        var side = base + ".bin"
        for n in 1... {
            do { try writeNewFile(side, tail); break } catch JournalError.io(_, _, let e) where e == EEXIST && n < 1000 {
                side = base + "-\(n).bin"
            }
        }
        guard let fd = try Journal.openChecked(path, O_WRONLY, owner: owner) else {
            throw JournalError.io(operation: "open", path: path, errno: ENOENT)
        }
        defer { close(fd) }
        guard ftruncate(fd, off_t(offset)) == 0 else { throw JournalError.io(operation: "truncate", path: path, errno: errno) }
        guard fsync(fd) == 0 else { throw JournalError.io(operation: "fsync", path: path, errno: errno) }
        notices.append(.tornTailRemoved(bytes: tail.count, savedTo: side))
    }

    // MARK: Writing

    /// Creates the journal with its header. Refuses if one exists.
    @discardableResult
    public func create(header: Change, actor: Actor, now: Date) throws -> Record {
        try ensureDirectory()
        return try withLock {
            _ = try refresh(holdingLock: true)
            if ledger.isInitialized || damage != nil { throw JournalError.exists(path: path) }
            return try write(change: header, actor: actor, now: now)
        }
    }

    /// Appends the change `decide` returns for the fresh state, under the lock.
    /// `decide` may throw (a rule refuses): then nothing is written.
    @discardableResult
    public func append(actor: Actor, now: Date, _ decide: (Ledger) throws -> Change) throws -> Record {
        try append(actor: actor, now: now) { ledger, _ in try decide(ledger) }
    }

    /// Appends the change `decide` returns for the fresh state and the time the record will bear
    /// (`now`, or the previous record's time when the clock reads earlier: `stamp`), under the lock.
    @discardableResult
    public func append(actor: Actor, now: Date, _ decide: (Ledger, Date) throws -> Change) throws -> Record {
        try withLock {
            // A write is never decided on state the journal did not give: a ledger restored from
            // daicho.snapshot (which anyone who could write the directory could have forged, with a
            // valid checksum and the journal's own head) is folded again from the journal first
            // (JOURNAL_FORMAT.md "The snapshot"; its cost is in `make bench`).
            if trustedPrefix != nil { try reloadHoldingLock() }
            _ = try refresh(holdingLock: true)
            if let damage { throw JournalError.readOnly(damage) }
            let change = try decide(ledger, stamp(now).at)
            return try write(change: change, actor: actor, now: now)
        }
    }

    private func write(change: Change, actor: Actor, now: Date) throws -> Record {
        let (at, behind) = stamp(now)
        let line = Record(seq: ledger.nextSeq, at: at, actor: actor.login, via: actor.via, prev: headHash, change: change,
                          clockBehind: behind).encodedLine()
        // Fold the record as the line says it (times in whole seconds), so that what this
        // process keeps is exactly what any reader folds from the file.
        let record = try Record.decode(line: line)
        // Never appends what the fold would refuse. The fold refuses without changing
        // anything, so folding in place first costs no copy of a large ledger.
        try ledger.apply(record)
        var bytes = line
        bytes.append(0x0A)
        do {
            var lst = stat()
            let existed = lstat(path, &lst) == 0
            guard let fd = try Journal.openChecked(path, O_WRONLY | O_APPEND | O_CREAT, mode: fileMode, owner: owner) else {
                throw JournalError.io(operation: "open", path: path, errno: ENOENT)
            }
            defer { close(fd) }
            if !existed { try applyGroup(fd: fd) }
            do {
                try writeAll(fd, bytes)
                // fdatasync: the line and the file's new size reach the disk (what reading it back
                // needs), without waiting for the modification time as fsync would.
                guard fdatasync(fd) == 0 else { throw JournalError.io(operation: "fdatasync", path: path, errno: errno) }
            } catch {
                // Leave no partial line behind.
                _ = ftruncate(fd, off_t(offset))
                throw error
            }
            if !existed { fsyncDirectory() }
        } catch {
            // The record is not in the file: fold the file again so the ledger says what it says.
            try? reloadHoldingLock()
            throw error
        }
        lines.add(lineAt: offset, length: bytes.count)
        ledger.releaseRecords(to: lines)
        lastAt = record.at
        headHash = Journal.hash(line)
        offset += UInt64(bytes.count)
        return record
    }

    /// Forgets what was folded and reads the whole file again (after a failed write).
    private func reloadHoldingLock() throws {
        ledger = Ledger()
        lines = JournalRecords(path: path)
        headHash = Record.genesisHash
        offset = 0
        lastAt = nil
        damage = nil
        trustedPrefix = nil
        _ = try refresh(holdingLock: true)
    }

    // MARK: Files

    func withLock<T>(_ body: () throws -> T) throws -> T {
        try ensureDirectory()
        // Only the directory's owner creates files in it (root included: never in another user's directory).
        if let owner, owner != geteuid() { throw JournalError.notOwner(path: directory, owner: owner) }
        guard let fd = try Journal.openChecked(lockPath, O_RDWR | O_CREAT, mode: fileMode, owner: owner) else {
            throw JournalError.io(operation: "open", path: lockPath, errno: ENOENT)
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw JournalError.io(operation: "flock", path: lockPath, errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Set once the directory is known to exist (it is never removed under an open journal).
    private var directoryExists = false

    private func ensureDirectory() throws {
        if directoryExists { return }
        if let o = try Journal.checkDirectory(directory) { owner = o; directoryExists = true; return }
        // The parents as any program makes them; the directory itself with its final mode at once
        // (never 0777 then chmod), fsynced into its parent so that it survives a power loss.
        let parent = (directory as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
                throw JournalError.io(operation: "mkdir", path: parent, errno: errno == 0 ? EACCES : errno)
            }
        }
        // Root never creates the data directory inside a directory another user controls (they could
        // swap it for a link between the mkdir and its use); anyone may create it in a root-owned one.
        var pst = stat()
        if !parent.isEmpty, lstat(parent, &pst) == 0, pst.st_uid != geteuid(), pst.st_uid != 0 {
            throw JournalError.notOwner(path: parent, owner: pst.st_uid)
        }
        if mkdir(directory, dirMode) != 0 && errno != EEXIST {
            throw JournalError.io(operation: "mkdir", path: directory, errno: errno)
        }
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        if dfd >= 0 {
            _ = fchmod(dfd, dirMode)
            if let group { _ = fchown(dfd, uid_t.max, group) }
            close(dfd)
        }
        owner = try Journal.checkDirectory(directory)
        directoryExists = true
        if !parent.isEmpty { Journal.fsyncDirectory(parent) }
    }

    private func applyGroup(fd: Int32) throws {
        _ = fchmod(fd, fileMode)
        if let group { _ = fchown(fd, uid_t.max, group) }
    }

    func fsyncDirectory() { Journal.fsyncDirectory(directory) }

    func writeNewFile(_ file: String, _ data: Data) throws {
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, fileMode)
        guard fd >= 0 else { throw JournalError.io(operation: "open", path: file, errno: errno) }
        defer { close(fd) }
        try applyGroup(fd: fd)
        try writeAll(fd, data)
        guard fsync(fd) == 0 else { throw JournalError.io(operation: "fsync", path: file, errno: errno) }
        fsyncDirectory()
    }

    private func writeAll(_ fd: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            var done = 0
            while done < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw JournalError.io(operation: "write", path: path, errno: errno)
                }
                done += n
            }
        }
    }

    private func readAll(_ fd: Int32, from start: UInt64, count: Int) throws -> Data {
        var data = Data(count: count)
        var done = 0
        try data.withUnsafeMutableBytes { (buf: UnsafeMutableRawBufferPointer) in
            while done < count {
                let n = pread(fd, buf.baseAddress! + done, count - done, off_t(start) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw JournalError.io(operation: "read", path: path, errno: errno)
                }
                if n == 0 { break }
                done += n
            }
        }
        if done < count { data.count = done }
        return data
    }
}
