// daicho-fuzz: the journal reader under libFuzzer. Built by `make fuzz` with
//   swift build -Xswiftc -sanitize=fuzzer -Xswiftc -DDAICHO_LIBFUZZER --product daicho-fuzz
// each input is written as `journal.jsonl` of a scratch data directory and
// opened as daicho opens it (torn tail, chain, sequence, record types, rules,
// checkpoints). Built normally (as in `make test`), it replays the files named
// on its command line through the same function, so a crashing input found by
// the fuzzer can be run again under the debugger.

import DaichoCore
import DaichoJournal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum JournalFuzz {
    /// A scratch data directory of this process.
    static let directory: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // libFuzzer ends with exit(): leave no scratch directory behind.
        atexit { try? FileManager.default.removeItem(atPath: JournalFuzz.directory) }
        return d
    }()

    /// Opens `bytes` as a journal. What must hold for every input: opening does not crash;
    /// damage is named in both languages; an undamaged journal opens again to the same head.
    static func one(_ bytes: Data) {
        let path = directory + "/" + Journal.fileName
        for f in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where f.hasPrefix("torn-tail-") {
            try? FileManager.default.removeItem(atPath: directory + "/" + f)
        }
        guard FileManager.default.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600]) else { fatalError("cannot write \(path)") }
        guard let j = try? Journal(directory: directory) else { return }
        if let d = j.damage {
            precondition(!d.message(.ja).isEmpty && !d.message(.en).isEmpty && d.line >= 1)
            return
        }
        precondition(j.ledger.records.map(\.seq) == Array(0..<j.ledger.records.count), "records out of sequence")
        guard let again = try? Journal(directory: directory) else { preconditionFailure("a journal that opened once does not open again") }
        precondition(again.damage == nil && again.headHash == j.headHash, "the same file opened to another head")
    }
}

#if DAICHO_LIBFUZZER
@_cdecl("LLVMFuzzerTestOneInput")
public func daichoFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    JournalFuzz.one(size == 0 ? Data() : Data(bytes: data!, count: size))
    return 0
}

/// SwiftPM links an executable's entry point as `<module>_main`, so libFuzzer's own `main` is not
/// used: this one hands the arguments to libFuzzer's driver (LLVMFuzzerRunDriver, libFuzzer ≥ 11).
@_cdecl("daicho_fuzz_main")
public func daichoFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    typealias Driver = @convention(c) (UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>, Callback) -> CInt
    guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver") else {
        FileHandle.standardError.write(Data("daicho-fuzz: libFuzzer's driver is missing (build with -sanitize=fuzzer)\n".utf8))
        return 70
    }
    var c = argc, v = argv
    return unsafeBitCast(sym, to: Driver.self)(&c, &v, daichoFuzzOne)
}
#else
@main
struct Replay {
    static func main() {
        let files = CommandLine.arguments.dropFirst()
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("usage: daicho-fuzz FILE… (build with -sanitize=fuzzer to fuzz: make fuzz)\n".utf8))
            exit(64)
        }
        for f in files {
            guard let d = FileManager.default.contents(atPath: f) else { FileHandle.standardError.write(Data("cannot read \(f)\n".utf8)); exit(66) }
            JournalFuzz.one(d)
            print("ok \(f)")
        }
    }
}
#endif
