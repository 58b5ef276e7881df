// daicho-stress: a writer for the abuse tests (Tests/DaichoAbuseTests). It opens
// the journal once, as the screens do, and appends COUNT registrations through
// the same path as every daicho command (Journal.append under the lock, with
// Ledger.decide against the fresh state). After each append returns (written
// and fsynced) it writes the new registration number on its own line to
// stdout, unbuffered: a number printed is an append acknowledged.
//
//   daicho-stress DIR LOGIN COUNT [TAG]
//
// TAG goes into the serial (製造番号) of each medium, so a test can tell the
// writers apart. Exit 0 when all were appended; 1 with a message otherwise.

import DaichoCore
import DaichoJournal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

let args = CommandLine.arguments
guard args.count >= 4, let count = Int(args[3]) else {
    FileHandle.standardError.write(Data("usage: daicho-stress DIR LOGIN COUNT [TAG]\n".utf8))
    exit(64)
}
let dir = args[1], actor = Actor(login: args[2]), tag = args.count > 4 ? args[4] : "w"
signal(SIGXFSZ, SIG_IGN)

func say(_ s: String) {
    let bytes = Array((s + "\n").utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes[done...].withUnsafeBytes { write(1, $0.baseAddress!, $0.count) }
        if n < 0 { if errno == EINTR { continue }; exit(1) }
        done += n
    }
}

do {
    let journal = try Journal(directory: dir)
    let zone = TimeZone(identifier: "UTC")!
    for i in 0..<count {
        var n = NewMedium(kind: .usb, category: .business, classification: .c2)
        n.serial = "\(tag)-\(getpid())-\(i)"
        n.location = "ロッカー\(i % 10)"
        let now = Date()
        let r = try journal.append(actor: actor, now: now) { try $0.decide(.register(n), by: actor, now: now, timeZone: zone) }
        say(r.change.registration ?? "?")
    }
} catch let e as DomainError {
    FileHandle.standardError.write(Data("daicho-stress: \(e.message(.en))\n".utf8)); exit(1)
} catch let e as JournalError {
    FileHandle.standardError.write(Data("daicho-stress: \(e.message(.en))\n".utf8)); exit(1)
} catch {
    FileHandle.standardError.write(Data("daicho-stress: \(error)\n".utf8)); exit(1)
}
