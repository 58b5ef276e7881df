// What the abuse tests share: the built binaries (`daicho` and the writer
// `daicho-stress`, found next to this test bundle as DaichoCLITests finds
// `daicho`), processes started and killed by pid, fresh data directories,
// ledgers built in-process, and the figures each test prints at its end.

import DaichoCore
import DaichoJournal
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

let utc = TimeZone(identifier: "UTC")!
let tokyoZone = TimeZone(identifier: "Asia/Tokyo")!
/// 2026-11-25T00:00:00Z: the clock of ledgers built in-process.
let epoch = Date(timeIntervalSince1970: 1_795_564_800)

enum Bin {
    /// A product built next to the test bundle (or named by DAICHO_BIN's directory).
    static func find(_ name: String) -> String? {
        var dirs: [URL] = []
        if let p = ProcessInfo.processInfo.environment["DAICHO_BIN"], !p.isEmpty {
            dirs.append(URL(fileURLWithPath: p).deletingLastPathComponent())
        }
        dirs.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        for b in Bundle.allBundles { dirs.append(b.bundleURL.deletingLastPathComponent()) }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                dirs.append(dir.appendingPathComponent(".build/debug"))
                break
            }
            dir.deleteLastPathComponent()
        }
        return dirs.map { $0.appendingPathComponent(name).path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static let daicho = find("daicho")
    static let stress = find("daicho-stress")
}

/// What a finished process gave.
struct ProcResult: CustomStringConvertible {
    var status: Int32
    /// Killed by this signal (0 if it exited).
    var signal: Int32
    var out: Data
    var err: Data
    var stdout: String { String(decoding: out, as: UTF8.self) }
    var stderr: String { String(decoding: err, as: UTF8.self) }
    var description: String { "exit \(status) signal \(signal)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// A started process, its output going to files.
final class Proc {
    let pid: pid_t
    let outPath: String
    let errPath: String

    /// Starts `argv[0]` with raw argument bytes (so invalid UTF-8 can be passed).
    init(_ argv: [[UInt8]], env: [String: String], in dir: String) {
        let id = UUID().uuidString
        outPath = dir + "/.out-\(id)"; errPath = dir + "/.err-\(id)"
        func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        }
        let cargv: [UnsafeMutablePointer<CChar>?] = argv.map(cString) + [nil]
        let cenv: [UnsafeMutablePointer<CChar>?] = env.map { cString(Array("\($0.key)=\($0.value)".utf8)) } + [nil]
        defer { for p in cargv { p?.deallocate() }; for p in cenv { p?.deallocate() } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var p = pid_t()
        let rc = posix_spawn(&p, cargv[0]!, &actions, nil, cargv, cenv)
        pid = rc == 0 ? p : -1
    }

    func kill(_ sig: Int32 = SIGKILL) { if pid > 0 { _ = Glibc.kill(pid, sig) } }

    func wait() -> ProcResult {
        guard pid > 0 else { return ProcResult(status: -1, signal: 0, out: Data(), err: Data()) }
        var st: Int32 = 0
        while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
        let sig = st & 0x7F
        let out = FileManager.default.contents(atPath: outPath) ?? Data()
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return ProcResult(status: sig == 0 ? (st >> 8) & 0xFF : 128 + sig, signal: sig, out: out, err: err)
    }
}

/// A fresh directory with a data directory inside, removed at the end.
final class Place {
    let root: String
    var data: String { root + "/data" }
    var journalPath: String { data + "/" + Journal.fileName }

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-abuse-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }
    func remove() {
        _ = chmod(data, 0o700)
        try? FileManager.default.removeItem(atPath: root)
    }
    func journal() -> Data { FileManager.default.contents(atPath: journalPath) ?? Data() }
    /// Replaces the journal's bytes in place (not atomically: a test's own hand on the file).
    func write(_ d: Data) {
        let fd = open(journalPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        XCTAssertGreaterThanOrEqual(fd, 0)
        d.withUnsafeBytes { b in XCTAssertEqual(Glibc.write(fd, b.baseAddress!, b.count), b.count) }
        close(fd)
    }
    func sideFiles(_ prefix: String = "torn-tail-") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
    }

    var env: [String: String] {
        ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": root, "TZ": "Asia/Tokyo",
         "DAICHO_NOW": "2026-11-25T09:00"]
    }

    /// Runs `daicho ARGS --data DIR [--as LOGIN]` to the end.
    @discardableResult
    func daicho(_ args: [String], as login: String? = nil, env extra: [String: String] = [:], through wrapper: [String] = []) -> ProcResult {
        daichoRaw(args.map { Array($0.utf8) }, as: login, env: extra, through: wrapper)
    }

    func daichoRaw(_ args: [[UInt8]], as login: String? = nil, env extra: [String: String] = [:], through wrapper: [String] = []) -> ProcResult {
        guard let bin = Bin.daicho else { XCTFail("daicho binary not found"); return ProcResult(status: -1, signal: 0, out: Data(), err: Data()) }
        var all = args + [Array("--data".utf8), Array(data.utf8)]
        if let login { all += [Array("--as".utf8), Array(login.utf8)] }
        var e = env
        for (k, v) in extra { e[k] = v }
        return Proc((wrapper + [bin]).map { Array($0.utf8) } + all, env: e, in: root).wait()
    }

    /// Starts the writer: `daicho-stress DIR LOGIN COUNT TAG`.
    func stress(as login: String = "kanri", count: Int, tag: String) -> Proc {
        Proc([Bin.stress ?? "/nonexistent", data, login, String(count), tag].map { Array($0.utf8) }, env: env, in: root)
    }

    /// A unit built in-process: officer kanri (and fuku), clerks tanaka and sato, supervisor suzuki, auditor kansa.
    func unit() throws {
        let j = try Journal(directory: data)
        let officer = Actor(login: "kanri")
        try j.create(header: try Ledger.initialize(unit: "第1情報保証隊", officer: "kanri", name: "管理 太郎", title: "情報保証責任者", rank: "2等陸佐"),
                     actor: Actor(login: "root"), now: epoch)
        for (login, name, role) in [("fuku", "副 次郎", Role.officer), ("tanaka", "田中 一郎", .clerk), ("sato", "佐藤 花子", .clerk),
                                    ("suzuki", "鈴木 三郎", .supervisor), ("kansa", "監査 四郎", .auditor)] {
            try record(j, .enroll(login: login, name: name, roles: [role], title: nil, rank: nil, section: nil), by: officer)
        }
    }

    @discardableResult
    func record(_ j: Journal, _ c: Command, by actor: Actor, at: Date = epoch) throws -> Record {
        try j.append(actor: actor, now: at) { try $0.decide(c, by: actor, now: at, timeZone: utc) }
    }
}

/// The lines of a journal (without newlines) and back.
func lines(_ d: Data) -> [Data] { d.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Data($0) } }
func joined(_ ls: [Data]) -> Data { Data(ls.map { $0 + Data([0x0A]) }.joined()) }

/// Re-chains records (as a forger with the file would): each `prev` is the hash of the line before.
func chained(_ records: [Record]) -> Data {
    var prev = Record.genesisHash
    var out: [Data] = []
    for var r in records {
        r.prev = prev
        let line = r.encodedLine()
        prev = Journal.hash(line)
        out.append(line)
    }
    return joined(out)
}

/// Figures printed at the end of a test, one line, so a run shows what was proved and how fast.
func figures(_ name: String, _ pairs: [(String, Any)], since start: Date) {
    let time = String(format: "%.1f s", Date().timeIntervalSince(start))
    print("FIGURES \(name): " + pairs.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ", time \(time)")
}
