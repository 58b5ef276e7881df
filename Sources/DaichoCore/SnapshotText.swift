// Small tables of the ledger kept in the snapshot as one JSON text each (LedgerSnapshot.swift):
// the exception ledger, corrections, approval steps. Sorted keys and whole-second dates, so the
// same state always writes the same bytes; a text that does not decode is a snapshot not used.

import Foundation

enum SnapshotText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        enc.dateEncodingStrategy = .secondsSince1970
        // Plain structs of strings, numbers and dates: encoding cannot fail.
        return String(decoding: try! enc.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .secondsSince1970
        return try? dec.decode(type, from: Data(text.utf8))
    }

    /// Entries by id; nil when an id comes twice (a snapshot this code did not write).
    static func byID<T: Identifiable>(_ list: [T]) -> [T.ID: T]? {
        var out: [T.ID: T] = [:]
        for e in list {
            guard out[e.id] == nil else { return nil }
            out[e.id] = e
        }
        return out
    }
}
