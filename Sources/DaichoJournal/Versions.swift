// Records written by a newer daicho: a record whose `v` is above
// `Record.formatVersion`. This version cannot read it, but it is not damage:
// the journal opens read-only up to there, with a message saying so.

import DaichoCore
import Foundation

extension Journal {
    /// The `v` of a line that carries one above this version's, if it does (only asked of lines that did not decode).
    static func newerVersion(of line: Data) -> Int? {
        guard let o = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { return nil }
        if let v = o["v"] as? Int, v > Record.formatVersion { return v }
        if o["type"] as? String == "ledger.header", let d = o["data"] as? [String: Any], let f = d["format"] as? Int,
           f > Record.formatVersion {
            return f
        }
        return nil
    }

    /// The `seq` of a line, if it has one.
    static func peekSeq(_ line: Data) -> Int? {
        (try? JSONSerialization.jsonObject(with: line) as? [String: Any])?["seq"] as? Int
    }
}
