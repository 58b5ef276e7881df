// Ledger text reaching a terminal, an export or paper: records may come from
// an older version or another unit, so text the input checks would refuse
// (control characters, escape sequences, bidirectional overrides) is shown,
// never passed on. Tables and field lists go through TerminalText.sanitize;
// JSON and CSV through these.

import CellKit
import DaichoCore
import DaichoJournal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Control and bidi characters as visible `\u{1B}` text (lossy: for CSV cells).
func neutralized(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: FieldText.isForbidden) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        if FieldText.isForbidden(u) { out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars) } else { out.append(u) }
    }
    return String(out)
}

/// JSON text with every control or bidi character that is still raw written as a `\uXXXX`
/// escape: the same JSON value, but nothing a terminal would act on. Outside strings JSON
/// text is ASCII punctuation, so every such character is inside a string.
func jsonEscapingControls(_ json: String) -> String {
    // Pretty printing puts line breaks between tokens: only something else sends it through the slow path.
    guard json.unicodeScalars.contains(where: { FieldText.isForbidden($0) && $0 != "\n" }) else { return json }
    var out = String.UnicodeScalarView()
    for u in json.unicodeScalars {
        // Line breaks between JSON tokens (pretty printing) stay; inside strings the encoder escapes them already.
        if FieldText.isForbidden(u) && u != "\n" {
            let hex = String(u.value, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        } else {
            out.append(u)
        }
    }
    return String(out)
}

extension Context {
    /// Records that `journal`'s head was printed in a report (Journal.checkpoint). A checkpoint
    /// that cannot be written (a read-only copy, a full disk, a head rolled back by its writer) is
    /// said on stderr in one line and the command exits 3: what was printed is not anchored
    /// (issue 10: export and verify exit non-zero when the checkpoint could not be recorded).
    func checkpoint(_ journal: Journal, purpose: String) {
        let before = journal.notices.count
        do { try journal.checkpoint(purpose: purpose, now: now) } catch {
            // A reader who cannot write here (DAICHO_GROUP's group, root on another user's ledger, an
            // archive) has read everything; what was printed is just not anchored: the head to keep by hand.
            let head = journal.mayWrite ? "" : lang.pick("（先頭ハッシュ \(journal.headHash.prefix(16))）", " (head \(journal.headHash.prefix(16)))")
            printErr("daicho: " + lang.pick("控え（チェックポイント）を記録できませんでした: ", "the checkpoint was not recorded: ") + fail(error).message + head)
            exit(CLIFailure.ioFailed)
        }
        for n in journal.notices.dropFirst(before) { printErr(n.message(lang)) }
    }
}

/// Writes all of `data` to standard output, surviving short writes and EINTR. When it cannot
/// (ENOSPC, EFBIG under a file-size limit, EIO), says so on stderr in one line and exits 3.
func writeStandardOutput(_ data: Data) {
    data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
        var done = 0
        while done < buf.count {
            let n = Glibc.write(1, buf.baseAddress! + done, buf.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                printErr("daicho: 標準出力に書き込めません / cannot write standard output: \(reason)")
                exit(CLIFailure.ioFailed)
            }
            done += n
        }
    }
}
