// The journal file as a RecordSource: where each line starts, so that a record
// is read back (one pread, one decode) when a screen shows it, instead of
// every record staying decoded in memory. A million records cost 8 MB of
// offsets here rather than hundreds of MB of decoded records.

import DaichoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Line offsets of a journal file; reads records back by sequence number.
public final class JournalRecords: RecordSource, @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    /// Byte offset where line `seq` starts; `end` is where the last line's newline ends.
    private var starts: [UInt64]
    private var end: UInt64

    public init(path: String, starts: [UInt64] = [], end: UInt64 = 0) {
        self.path = path
        self.starts = starts
        self.end = end
    }

    public var count: Int { lock.withLock { starts.count } }

    /// The offsets and end, to save with a snapshot.
    public var index: (starts: [UInt64], end: UInt64) { lock.withLock { (starts, end) } }

    /// Notes the next line: it starts at `offset` and is `length` bytes with its newline.
    public func add(lineAt offset: UInt64, length: Int) {
        lock.withLock {
            starts.append(offset)
            end = offset + UInt64(length)
        }
    }

    /// Where record `seq`'s line lies (without its newline).
    func span(_ seq: Int) -> Range<UInt64>? {
        lock.withLock {
            guard seq >= 0, seq < starts.count else { return nil }
            let stop = seq + 1 < starts.count ? starts[seq + 1] : end
            return starts[seq]..<(stop - 1)
        }
    }

    public func records(_ seqs: Range<Int>) -> [Record]? {
        guard !seqs.isEmpty else { return [] }
        let (from, to, lineStarts): (UInt64, UInt64, ArraySlice<UInt64>) = lock.withLock {
            guard seqs.lowerBound >= 0, seqs.upperBound <= starts.count else { return (0, 0, []) }
            let to = seqs.upperBound < starts.count ? starts[seqs.upperBound] : end
            return (starts[seqs.lowerBound], to, starts[seqs])
        }
        guard !lineStarts.isEmpty, let bytes = JournalRecords.read(path, from: from, count: Int(to - from)) else { return nil }
        var out: [Record] = []
        out.reserveCapacity(seqs.count)
        for (i, s) in lineStarts.enumerated() {
            let a = Int(s - from)
            let b = i + 1 < lineStarts.count ? Int(lineStarts[lineStarts.startIndex + i + 1] - from) : bytes.count
            guard b > a, bytes[b - 1] == 0x0A, let r = try? Record.decode(line: bytes[a..<(b - 1)]),
                  r.seq == seqs.lowerBound + i else { return nil }
            out.append(r)
        }
        return out
    }

    /// `count` bytes of `path` from `offset`, or nil if they are not all there.
    static func read(_ path: String, from offset: UInt64, count: Int) -> Data? {
        let fd = open(path, O_RDONLY | Journal.safeOpenFlags)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        var data = Data(count: count)
        var done = 0
        let ok = data.withUnsafeMutableBytes { (buf: UnsafeMutableRawBufferPointer) -> Bool in
            while done < count {
                let n = pread(fd, buf.baseAddress! + done, count - done, off_t(offset) + off_t(done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        return ok ? data : nil
    }
}
