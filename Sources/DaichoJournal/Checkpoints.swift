// Checkpoints: the head of the journal as every printed form and report saw
// it. The hash chain shows any edit, deletion or reordering of records, but
// not a journal whose end was cut off (the shorter file is a valid chain), nor
// an edit of the last record. So whenever daicho prints a head hash onto paper
// or into a report it also appends a line to `checkpoints.tsv` in the data
// directory:
//
//     2026-11-25T00:01:00Z <TAB> 12 <TAB> <64 hex head hash> <TAB> export media csv
//
// (UTC time, number of records, head hash, purpose). Opening the journal
// compares it with every checkpoint: fewer records than one saw, or a record
// whose hash differs from what one saw, is damage (read-only, named). A head
// hash copied from a paper form can be looked up with `lookUp(hash:)`.
//
// What this does not protect: whoever can rewrite the journal can rewrite this
// file too. The paper is the anchor; the file only makes the check automatic.

import DaichoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One checkpoint: what a printed form or report showed of the journal.
public struct Checkpoint: Equatable, Sendable {
    /// When it was printed (UTC, whole seconds).
    public var at: Date
    /// How many records the journal held (the head is record `records - 1`).
    public var records: Int
    /// SHA-256 of the last record's line.
    public var head: String
    /// What was printed, e.g. `export media csv`, `verify`, `print handover H-0001`.
    public var purpose: String
    /// 1-based line of `checkpoints.tsv` (0 for one not read from the file).
    public var line: Int

    public init(at: Date, records: Int, head: String, purpose: String, line: Int = 0) {
        self.at = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down))
        self.records = records; self.head = head; self.purpose = purpose; self.line = line
    }

    /// The line it is stored as (without the newline). Tabs and control characters in the purpose become spaces.
    var encoded: String {
        let p = String(String.UnicodeScalarView(purpose.unicodeScalars.map { FieldText.isForbidden($0) ? " " : $0 }))
        return "\(Timestamp.format(at))\t\(records)\t\(head)\t\(p)"
    }

    init?(line text: Substring, number: Int) {
        let f = text.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
        guard f.count == 4, let at = Timestamp.parse(String(f[0])), let n = Int(f[1]), n >= 1,
              f[2].utf8.count == 64, f[2].utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
        else { return nil }
        self.init(at: at, records: n, head: String(f[2]), purpose: String(f[3]), line: number)
    }
}

/// What the checkpoint file holds: the readable checkpoints and the lines that are not.
public struct CheckpointFile: Equatable, Sendable {
    public var checkpoints: [Checkpoint] = []
    /// 1-based numbers of lines that are not checkpoints (a torn last line is not counted).
    public var unreadableLines: [Int] = []
}

/// Where a head hash typed in from a paper form stands in the journal.
public enum HashLookup: Equatable, Sendable {
    /// The record with this hash is the head (the last record).
    case head(seq: Int, hash: String)
    /// The record with this hash is `seq`; `later` records were appended after it.
    case earlier(seq: Int, hash: String, later: Int)
    /// No record has a hash that starts so.
    case notFound
    /// More than one record's hash starts so: type more digits.
    case ambiguous(seqs: [Int])
    /// Not 16 to 64 hexadecimal digits.
    case malformed
}

extension Journal {
    public static let checkpointName = "checkpoints.tsv"
    /// The fewest hex digits of a head hash `verify --against` accepts (64 bits).
    public static let minimumAgainstDigits = 16
    public var checkpointPath: String { directory + "/" + Journal.checkpointName }

    /// Records that the journal's current head was printed on a form or in a report.
    ///
    /// Call it whenever a head hash leaves the program on paper or in a file meant to be
    /// kept: `daicho export` and `daicho verify` do, and so must every printed form
    /// (the 送付リスト/受領書 and 送達票/受領票 of `print handover` and `print transfer`).
    /// It appends one line (UTC time, record count, head hash, `purpose`) to
    /// `checkpoints.tsv` in the data directory, under the journal lock, fsynced; it never
    /// changes the journal. The count and hash are those of this `Journal` as last read,
    /// which is what the caller printed: call it after rendering from `ledger`/`headHash`,
    /// without refreshing in between.
    ///
    /// It anchors only records that are durably acknowledged: a reader may have read a line
    /// whose writer was still waiting on fdatasync (and later rolled it back). Under the lock no
    /// writer is between its write and its fdatasync, so the journal is checked there to still
    /// hold, at this process's head, the very line it read; if not, nothing is recorded and
    /// `JournalError.notAcknowledged` is thrown.
    ///
    /// - Parameters:
    ///   - purpose: what was printed, one short line, e.g. `"print handover H-0001"`
    ///     (tabs and control characters are stored as spaces).
    ///   - now: the time to record (UTC, whole seconds).
    /// - Returns: the checkpoint written, or nil when there is nothing to anchor: an
    ///   empty (uninitialized) journal, or a damaged one, whose head proves nothing.
    /// - Throws: `JournalError.io` when the file cannot be written (nothing half-written stays).
    @discardableResult
    public func checkpoint(purpose: String, now: Date = Date()) throws -> Checkpoint? {
        guard damage == nil, ledger.isInitialized else { return nil }
        let c = Checkpoint(at: now, records: ledger.records.count, head: headHash, purpose: purpose)
        try withLock {
            try confirmHeadUnderLock()
            try appendCheckpointLine(Data((c.encoded + "\n").utf8))
        }
        return c
    }

    /// Every checkpoint recorded in the data directory, oldest first.
    public func readCheckpoints() throws -> CheckpointFile {
        guard let data = try Journal.readChecked(checkpointPath, owner: owner) else { return CheckpointFile() }
        var file = CheckpointFile()
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // The last piece is empty after a final newline, or a line torn by a crash: neither is a checkpoint.
        lines.removeLast()
        for (i, l) in lines.enumerated() {
            if let c = Checkpoint(line: l, number: i + 1) { file.checkpoints.append(c) } else { file.unreadableLines.append(i + 1) }
        }
        return file
    }

    /// SHA-256 of record `seq`'s line, for a verified journal (the next record names it; the head is kept).
    public func hash(ofRecord seq: Int) -> String? {
        let records = ledger.records
        guard seq >= 0, seq < records.count else { return nil }
        return seq + 1 < records.count ? records[seq + 1]?.prev : headHash
    }

    /// Finds the record whose hash is `typed` (the full hash or a unique prefix of at least 16
    /// hex digits, as copied from a paper form; spaces and case do not matter). Fewer are refused:
    /// a rewritten journal can be ground to match 8 hex digits (32 bits) in seconds, not 64 bits.
    public func lookUp(hash typed: String) -> HashLookup {
        let key = String(typed.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\u{3000}" })
        guard (Journal.minimumAgainstDigits...64).contains(key.utf8.count),
              key.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return .malformed }
        // Hash the lines read so far (one pass over the file, as verification does) rather than
        // reading every record back: record i is line i of a verified journal.
        var found: [(seq: Int, hash: String)] = []
        if let data = try? readJournalPrefix() {
            let bytes = [UInt8](data)
            var start = 0, seq = 0
            while seq < ledger.records.count, let nl = bytes[start...].firstIndex(of: 0x0A) {
                let h = Journal.hash(Data(bytes[start..<nl]))
                if h.hasPrefix(key) { found.append((seq, h)) }
                start = nl + 1; seq += 1
            }
        }
        switch found.count {
        case 0: return .notFound
        case 1:
            let (seq, h) = found[0]
            let later = ledger.records.count - 1 - seq
            return later == 0 ? .head(seq: seq, hash: h) : .earlier(seq: seq, hash: h, later: later)
        default: return .ambiguous(seqs: found.map(\.seq))
        }
    }

    /// Compares the journal as read with every checkpoint; the first disagreement becomes its damage.
    /// An unreadable checkpoint file is left to `verify` to report (it does not make the journal read-only).
    func checkAgainstCheckpoints() {
        guard damage == nil, let file = try? readCheckpoints() else { return }
        let n = ledger.records.count
        // The one that saw the most records tells most about a cut end.
        if let longest = file.checkpoints.max(by: { $0.records < $1.records }), longest.records > n {
            damage = JournalDamage(seq: n, line: n + 1, offset: offset,
                                   reason: .shorterThanCheckpoint(records: n, checkpoint: longest))
            return
        }
        for c in file.checkpoints {
            let seq = c.records - 1
            if let h = hash(ofRecord: seq), h != c.head {
                damage = JournalDamage(seq: seq, line: seq + 1, offset: lineOffset(ofLine: seq + 1),
                                       reason: .checkpointMismatch(hash: h, checkpoint: c))
                return
            }
        }
    }

    /// Byte offset where 1-based `line` starts (read again from the file; only asked on damage).
    private func lineOffset(ofLine line: Int) -> UInt64 {
        guard line > 1, let data = try? readJournalPrefix() else { return 0 }
        var seen = 1
        for (i, b) in data.enumerated() where b == 0x0A {
            seen += 1
            if seen == line { return UInt64(i + 1) }
        }
        return UInt64(data.count)
    }

    /// The journal's bytes read so far (the verified records), through a checked descriptor.
    func readJournalPrefix() throws -> Data {
        guard let fd = try Journal.openChecked(path, O_RDONLY, owner: owner) else { return Data() }
        defer { close(fd) }
        return try Journal.readBytes(fd, path: path, from: 0, count: Int(offset))
    }

    /// Under the lock: the journal still holds, ending at `offset`, the line whose hash is `headHash`
    /// (no record this process read was rolled back by a writer whose fdatasync failed).
    func confirmHeadUnderLock() throws {
        let n = ledger.records.count
        guard let fd = try Journal.openChecked(path, O_RDONLY, owner: owner) else { throw JournalError.notAcknowledged(path: path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalError.io(operation: "stat", path: path, errno: errno) }
        guard n > 0, UInt64(st.st_size) >= offset, let span = lines.span(n - 1), span.upperBound + 1 == offset else {
            throw JournalError.notAcknowledged(path: path)
        }
        let line = try Journal.readBytes(fd, path: path, from: span.lowerBound, count: Int(offset - span.lowerBound))
        guard line.count == Int(offset - span.lowerBound), line.last == 0x0A, Journal.hash(line.dropLast()) == headHash else {
            throw JournalError.notAcknowledged(path: path)
        }
    }

    /// `count` bytes from `start` (fewer at the end of the file).
    static func readBytes(_ fd: Int32, path: String, from start: UInt64, count: Int) throws -> Data {
        var data = Data(count: count)
        var done = 0
        try data.withUnsafeMutableBytes { (buf: UnsafeMutableRawBufferPointer) in
            while done < count {
                let n = Glibc.pread(fd, buf.baseAddress! + done, count - done, off_t(start) + off_t(done))
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

    /// Appends one line to the checkpoint file, fsynced; on failure the file is cut back to where it was.
    /// A torn last line (a crash while one was written) is first cut off and its bytes kept in
    /// `torn-checkpoint-<time>-at-<offset>.bin`, as the journal's torn tail is; a new file is
    /// fsynced into the directory.
    private func appendCheckpointLine(_ bytes: Data) throws {
        let p = checkpointPath
        var lst = stat()
        let existed = lstat(p, &lst) == 0
        guard let fd = try Journal.openChecked(p, O_RDWR | O_APPEND | O_CREAT, mode: fileMode, owner: owner) else {
            throw JournalError.io(operation: "open", path: p, errno: ENOENT)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalError.io(operation: "stat", path: p, errno: errno) }
        if !existed {
            _ = fchmod(fd, fileMode)
            if let group { _ = fchown(fd, uid_t.max, group) }
        }
        if st.st_size > 0 {
            let all = try Journal.readBytes(fd, path: p, from: 0, count: Int(st.st_size))
            if all.last != 0x0A {
                let keep = (all.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
                let tail = all[keep...]
                let stamp = Timestamp.format(Date()).replacingOccurrences(of: ":", with: "")
                let base = directory + "/torn-checkpoint-\(stamp)-at-\(keep)"
                var side = base + ".bin"
                for n in 1... {
                    do { try writeNewFile(side, Data(tail)); break } catch JournalError.io(_, _, let e) where e == EEXIST && n < 1000 {
                        side = base + "-\(n).bin"
                    }
                }
                guard ftruncate(fd, off_t(keep)) == 0 else { throw JournalError.io(operation: "truncate", path: p, errno: errno) }
                guard fsync(fd) == 0 else { throw JournalError.io(operation: "fsync", path: p, errno: errno) }
                notices.append(.tornCheckpointRemoved(bytes: tail.count, savedTo: side))
                st.st_size = off_t(keep)
            }
        }
        let start = st.st_size
        do {
            try bytes.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
                var done = 0
                while done < buf.count {
                    let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw JournalError.io(operation: "write", path: p, errno: errno)
                    }
                    done += n
                }
            }
            guard fsync(fd) == 0 else { throw JournalError.io(operation: "fsync", path: p, errno: errno) }
        } catch {
            _ = ftruncate(fd, start)
            throw error
        }
        if !existed { fsyncDirectory() }
    }
}
