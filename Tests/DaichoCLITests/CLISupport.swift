// Runs the built `daicho` binary in a fresh temporary data directory, with a
// fixed clock (DAICHO_NOW) and time zone, and captures exit status, stdout and
// stderr. Arguments are passed as raw bytes so that invalid UTF-8 can be tested.

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// What one run of the binary gave.
struct Result: CustomStringConvertible {
    var status: Int32
    var out: Data
    var err: Data
    var stdout: String { String(decoding: out, as: UTF8.self) }
    var stderr: String { String(decoding: err, as: UTF8.self) }
    /// Lines of stderr, split on the newline byte (a "\r\n" is one Character in Swift).
    var stderrLines: [Data] { err.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Data($0) } }
    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    func json() throws -> Any { try JSONSerialization.jsonObject(with: out) }
    func object() throws -> [String: Any] { try XCTUnwrap(try json() as? [String: Any], "not a JSON object: \(stdout)") }
    func array() throws -> [[String: Any]] { try XCTUnwrap(try json() as? [[String: Any]], "not a JSON array: \(stdout)") }
}

enum Binary {
    /// The `daicho` executable built next to this test bundle (same scratch path), found robustly.
    static let path: String? = {
        var candidates: [URL] = []
        if let p = ProcessInfo.processInfo.environment["DAICHO_BIN"], !p.isEmpty { candidates.append(URL(fileURLWithPath: p)) }
        // The products directory: where the test executable itself lives.
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("daicho"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("daicho"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("daicho"))
        for b in Bundle.allBundles {
            candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("daicho"))
        }
        if let arg0 = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("daicho"))
        }
        // Walk up from this file to the package and look in the usual scratch paths.
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                for scratch in [".build-tests", ".build"] {
                    candidates.append(dir.appendingPathComponent("\(scratch)/debug/daicho"))
                }
                break
            }
            dir.deleteLastPathComponent()
        }
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) && !$0.hasSuffix(".xctest") }
    }()
}

extension Binary {
    /// Objects of the CLI's modules compiled after the binary was linked: `swift test` compiles
    /// the `daicho` module but does not relink the executable, so the tests would run old code.
    /// (Object files, not sources: the build skips recompiling a touched but unchanged source.)
    static let staleSources: [String] = {
        guard let bin = path, let built = modified(bin) else { return [] }
        let products = (bin as NSString).deletingLastPathComponent
        var stale: [String] = []
        for module in ["daicho", "DaichoCore", "DaichoJournal"] {
            let d = products + "/\(module).build"
            for f in (try? FileManager.default.contentsOfDirectory(atPath: d)) ?? [] where f.hasSuffix(".o") {
                if let m = modified(d + "/" + f), m > built { stale.append("\(module)/\(f)") }
            }
        }
        return stale
    }()

    private static func modified(_ p: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: p))?[.modificationDate] as? Date
    }
}

/// A fresh data directory and a way to run commands against it.
final class Sandbox: @unchecked Sendable {
    let root: String
    let data: String
    var now = "2026-11-25T09:00"
    var timeZone = "Asia/Tokyo"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        data = root + "/data"
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    var journalPath: String { data + "/journal.jsonl" }
    func journal() -> Data { FileManager.default.contents(atPath: journalPath) ?? Data() }
    func journalLines() -> [Data] {
        journal().split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Data($0) }
    }

    /// Runs `daicho ARGS --data DIR [--as LOGIN]`.
    @discardableResult
    func run(_ args: [String], as login: String? = nil, env extra: [String: String] = [:]) -> Result {
        var all = args.map { Array($0.utf8) }
        all += [Array("--data".utf8), Array(data.utf8)]
        if let login { all += [Array("--as".utf8), Array(login.utf8)] }
        return runRaw(all, env: extra)
    }

    /// Runs the binary with raw argument bytes (no `--data` added).
    func runRaw(_ args: [[UInt8]], env extra: [String: String] = [:]) -> Result {
        let p = start(args, env: extra)
        return p.wait()
    }

    /// Runs the binary as the unprivileged user `nobody` (through setpriv), with `--data` added.
    func runAsNobody(_ args: [String]) -> Result {
        let all = (args + ["--data", data]).map { Array($0.utf8) }
        return start(all, through: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]).wait()
    }

    func start(_ args: [[UInt8]], env extra: [String: String] = [:], through wrapper: [String] = []) -> Running {
        guard let bin = Binary.path else {
            XCTFail("the daicho binary was not found next to the tests: run `swift build --product daicho` with the same --scratch-path")
            return Running(pid: -1, outPath: "", errPath: "")
        }
        var env: [String: String] = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": root,
            "TZ": timeZone, "DAICHO_NOW": now,
        ]
        for (k, v) in extra { env[k] = v }
        let id = UUID().uuidString
        let outPath = root + "/out-\(id)", errPath = root + "/err-\(id)"

        func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        }
        let program = wrapper.first ?? bin
        let argv: [UnsafeMutablePointer<CChar>?] = (wrapper + [bin]).map { cString(Array($0.utf8)) } + args.map(cString) + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { cString(Array("\($0.key)=\($0.value)".utf8)) } + [nil]
        defer {
            for p in argv { p?.deallocate() }
            for p in envp { p?.deallocate() }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var pid = pid_t()
        let rc = posix_spawn(&pid, program, &actions, nil, argv, envp)
        if rc != 0 { XCTFail("posix_spawn failed: \(rc)") }
        return Running(pid: rc == 0 ? pid : -1, outPath: outPath, errPath: errPath)
    }
}

/// A started process.
struct Running {
    var pid: pid_t
    var outPath: String
    var errPath: String

    func wait() -> Result {
        guard pid > 0 else { return Result(status: -1, out: Data(), err: Data()) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand (the macros are not imported).
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let out = FileManager.default.contents(atPath: outPath) ?? Data()
        let err = FileManager.default.contents(atPath: errPath) ?? Data()
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return Result(status: code, out: out, err: err)
    }
}

/// Base class: a sandbox per test, and the people of the stories.
class CLITestCase: XCTestCase {
    var s: Sandbox!

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard Binary.path != nil else {
            XCTFail("the daicho binary was not found: build it first (swift build --scratch-path .build-tests --product daicho)")
            throw XCTSkip("no binary")
        }
        if !Binary.staleSources.isEmpty {
            XCTFail("\(Binary.path!) is older than its compiled modules \(Binary.staleSources): "
                    + "rebuild it first (swift build --scratch-path … --product daicho)")
        }
        s = try Sandbox()
    }

    override func tearDown() {
        s?.remove()
        super.tearDown()
    }

    /// Asserts success with nothing on stderr.
    @discardableResult
    /// What a command printed, without the surrounding space (an id, one message).
    func line(_ r: Result) -> String { r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    func ok(_ args: [String], as login: String? = nil, env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) -> Result {
        let r = s.run(args, as: login, env: env)
        XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")) failed:\n\(r)", file: file, line: line)
        XCTAssertEqual(r.stderr, "", "\(args.joined(separator: " ")) wrote to stderr", file: file, line: line)
        return r
    }

    /// Asserts refusal: non-zero exit, exactly one line on stderr, nothing on stdout, and the
    /// journal byte-for-byte unchanged.
    @discardableResult
    func refused(_ args: [String], as login: String? = nil, env: [String: String] = [:], contains: String? = nil,
                 file: StaticString = #filePath, line: UInt = #line) -> Result {
        let before = s.journal()
        let r = s.run(args, as: login, env: env)
        checkRefusal(r, before: before, what: args.joined(separator: " "), contains: contains, file: file, line: line)
        return r
    }

    func checkRefusal(_ r: Result, before: Data, what: String, contains: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(r.status, 0, "\(what) was accepted:\n\(r)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasSuffix("\n"), "stderr should be one line: \(r)", file: file, line: line)
        XCTAssertEqual(r.err.filter { $0 == 0x0A }.count, 1, "\(what): stderr should be exactly one line:\n\(r)", file: file, line: line)
        XCTAssertFalse(r.err.contains(0x0D), "\(what): stderr carries a carriage return", file: file, line: line)
        XCTAssertGreaterThan(r.stderr.count, 10, "\(what): the reason is missing", file: file, line: line)
        XCTAssertFalse(r.err.contains(0x1B), "\(what): stderr carries an escape character", file: file, line: line)
        XCTAssertEqual(r.stdout, "", "\(what): stdout should be empty on refusal", file: file, line: line)
        XCTAssertEqual(s.journal(), before, "\(what): the journal changed", file: file, line: line)
        if let contains { XCTAssertTrue(r.stderr.contains(contains), "\(what): stderr lacks '\(contains)':\n\(r)", file: file, line: line) }
    }

    // MARK: the standard world

    static let checks = "data-minimal,no-copy-instructed,virus-checked,encrypted"

    /// init + officer kanri, second officer fuku, clerks tanaka and sato, supervisor suzuki, auditor kansa.
    func setUpUnit(file: StaticString = #filePath, line: UInt = #line) {
        ok(["init", "--unit", "第1情報保証隊", "--officer", "kanri", "--name", "管理 太郎", "--title", "情報保証責任者", "--rank", "2等陸佐"],
           file: file, line: line)
        ok(["people", "add", "fuku", "--name", "副 次郎", "--role", "officer"], as: "kanri", file: file, line: line)
        ok(["people", "add", "tanaka", "--name", "田中 一郎", "--role", "clerk", "--title", "事務官", "--section", "総務班"], as: "kanri",
           file: file, line: line)
        ok(["people", "add", "sato", "--name", "佐藤 花子", "--role", "clerk"], as: "kanri", file: file, line: line)
        ok(["people", "add", "suzuki", "--name", "鈴木 三郎", "--role", "supervisor"], as: "kanri", file: file, line: line)
        ok(["people", "add", "kansa", "--name", "監査 四郎", "--role", "auditor"], as: "kanri", file: file, line: line)
    }

    /// Registers a medium and returns its number (stdout is only the number).
    func register(_ extra: [String] = [], kind: String = "usb", category: String = "business", cls: String = "2",
                  scanned: Bool = true, file: StaticString = #filePath, line: UInt = #line) -> String {
        let r = ok(["media", "register", "--kind", kind, "--category", category, "--class", cls] + extra, as: "kanri", file: file, line: line)
        XCTAssertTrue(r.stdout.hasSuffix("\n"), file: file, line: line)
        let reg = r.stdout.trimmingCharacters(in: .newlines)
        // A clean virus check on record, as a use or a take-out needs (001 第3-3, 第3-2).
        if scanned { ok(["media", "scan", reg, "--result", "clean"], as: "kanri", file: file, line: line) }
        return reg
    }

    func request(_ reg: String, as login: String = "tanaka", until: String = "2026-11-27", file: StaticString = #filePath, line: UInt = #line) -> String {
        let r = ok(["takeout", "request", reg, "--destination", "陸上幕僚監部", "--purpose", "会議資料", "--until", until, "--transport", "手渡し"],
                   as: login, file: file, line: line)
        return r.stdout.trimmingCharacters(in: .newlines)
    }

    func show(_ reg: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try ok(["media", "show", reg, "--json"], as: "kansa", file: file, line: line).object()
    }

    func status(_ reg: String, file: StaticString = #filePath, line: UInt = #line) throws -> String? {
        try show(reg, file: file, line: line)["status"] as? String
    }
}
