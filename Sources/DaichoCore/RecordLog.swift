// The records a ledger was folded from, without keeping them all decoded.
// A ledger of ten years holds a million records; the screens show a handful
// at a time (the latest on the home screen, a window of the journal, one
// medium's history). So the ledger keeps only the records nobody else can give
// back (`recent`), and reads older ones from a `RecordSource` — the journal
// file, which the storage layer indexes by byte offset — when asked.

import Foundation

/// Where records already folded can be read back from, by sequence number.
/// The journal is append-only, so a source only ever grows: a ledger that
/// saw `n` records may ask for any of them later.
public protocol RecordSource: AnyObject, Sendable {
    /// How many records (sequence numbers 0..<count) it can give.
    var count: Int { get }
    /// The records with these sequence numbers, in order; nil if they cannot be
    /// read (the file changed under the reader: the journal notices that on refresh).
    func records(_ seqs: Range<Int>) -> [Record]?
}

/// The records of a ledger in sequence order: the first `stored` come from a
/// source, the rest are held in memory.
public struct RecordLog: Sequence, Sendable {
    private var source: (any RecordSource)?
    private var stored = 0
    private var recent: [Record] = []

    public init() {}

    /// The first `count` records of `source` (a ledger restored from a snapshot).
    public init(source: any RecordSource, count: Int) {
        precondition(source.count >= count, "a record source must cover the records it replaces")
        self.source = source
        self.stored = count
    }

    public var count: Int { stored + recent.count }
    public var isEmpty: Bool { count == 0 }

    /// The record with this sequence number; nil past the end or if it cannot be read.
    public subscript(seq: Int) -> Record? {
        guard seq >= 0, seq < count else { return nil }
        if seq >= stored { return recent[seq - stored] }
        return source?.records(seq..<seq + 1)?.first
    }

    /// The records with these sequence numbers (clamped to what exists); nil if
    /// some cannot be read.
    public func records(_ seqs: Range<Int>) -> [Record]? {
        let lo = Swift.max(0, seqs.lowerBound), hi = Swift.min(count, seqs.upperBound)
        guard lo < hi else { return [] }
        var out: [Record] = []
        out.reserveCapacity(hi - lo)
        if lo < stored {
            guard let head = source?.records(lo..<Swift.min(hi, stored)) else { return nil }
            out.append(contentsOf: head)
        }
        if hi > stored { out.append(contentsOf: recent[(Swift.max(lo, stored) - stored)..<(hi - stored)]) }
        return out
    }

    public var last: Record? { self[count - 1] }

    /// The last `n` records, oldest first (fewer if some cannot be read).
    public func suffix(_ n: Int) -> [Record] { records(Swift.max(0, count - n)..<count) ?? [] }

    mutating func append(_ r: Record) { recent.append(r) }

    /// Counts in the next record of the source instead of holding it (a refold reads the
    /// records of the ledger it replaces: Corrections.swift).
    mutating func advanceInSource() {
        precondition(recent.isEmpty && (source?.count ?? 0) > stored, "the source holds the next record")
        stored += 1
    }

    /// Drops the decoded records `source` can give back. The source must hold
    /// at least every record this log holds.
    public mutating func release(to source: any RecordSource) {
        precondition(source.count >= count, "a record source must cover the records it replaces")
        let n = count
        self.source = source
        stored = n
        recent.removeAll(keepingCapacity: true)
    }

    /// Reads in batches, so walking a long journal costs one read per batch.
    public struct Iterator: IteratorProtocol {
        let log: RecordLog
        var position = 0
        var batch: [Record] = []
        var at = 0
        public mutating func next() -> Record? {
            if at == batch.count {
                // An unreadable batch ends the walk; `records(_:)` says so to those who must know.
                guard position < log.count, let b = log.records(position..<Swift.min(log.count, position + 512)), !b.isEmpty else { return nil }
                batch = b; at = 0; position += b.count
            }
            at += 1
            return batch[at - 1]
        }
    }
    public func makeIterator() -> Iterator { Iterator(log: self) }
    public var underestimatedCount: Int { count }
}

extension RecordLog: Equatable {
    /// Same records in the same order, wherever they are kept.
    public static func == (a: RecordLog, b: RecordLog) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
