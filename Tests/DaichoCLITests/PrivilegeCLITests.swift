// What daicho starts and who may read without writing (issue 10: "drop what the privilege is not
// needed for, keep no file descriptors open that a child could inherit"; 002 第128–132条, least
// privilege). The installed (set-user-ID) half runs with real users in Tests/e2e/installed.sh; these
// are the single-user checks of the same code.

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class PrivilegeCLITests: CLITestCase {
    /// A fake lp that writes down what it was given: its ignored and blocked signals (read by the shell
    /// itself before it starts anything: while it waits for a child its own mask is not lp's), its
    /// descriptors and its environment.
    private func fakeLP() throws -> (env: [String: String], dir: String) {
        let bin = s.root + "/bin", dir = s.root + "/lp-saw"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            while IFS= read -r l; do case $l in Sig*) echo "$l";; esac; done </proc/$$/status >\(dir)/signals
            ls -l /proc/$$/fd >\(dir)/fds
            env >\(dir)/env
            exit 0

            """
        try script.write(toFile: bin + "/lp", atomically: true, encoding: .utf8)
        chmod(bin + "/lp", 0o755)
        return (["PATH": bin + ":/usr/bin:/bin", "FROM_THE_CALLER": "1"], dir)
    }

    /// lp gets only its standard three descriptors: not the journal's, not one the caller left open
    /// without close-on-exec (daicho closes every other one in the child), standard input /dev/null.
    func test_lpChild_inheritsNoDescriptor() throws {
        setUpUnit()
        ok(["handover", "new", "--to", "株式会社防衛システム", "--item", "仕様書=2部"], as: "tanaka")
        let (env, dir) = try fakeLP()
        // A descriptor of the test's, open without O_CLOEXEC: daicho inherits it; lp must not.
        let leaked = open(s.journalPath, O_RDONLY)
        XCTAssertGreaterThan(leaked, 2)
        defer { close(leaked) }
        ok(["print", "handover", "HO-0001", "--lp", "office-1"], as: "kansa", env: env)
        let fds = try String(contentsOfFile: dir + "/fds", encoding: .utf8).split(separator: "\n")
        let others = fds.filter { l in
            !l.hasPrefix("total") && ![" 0 -> ", " 1 -> ", " 2 -> "].contains(where: { l.contains($0) })
                // what the shell opens itself: its script, copies of /dev/null around a redirection, the listing
                && !l.hasSuffix("/bin/lp") && !l.hasSuffix(" -> /dev/null") && !l.hasSuffix("/fds")
        }
        XCTAssertEqual(others, [], "descriptors lp inherited")
        XCTAssertTrue(fds.contains { $0.contains(" 0 -> /dev/null") }, "standard input is /dev/null")
        XCTAssertFalse(fds.contains { $0.contains(s.data) }, "nothing of the data directory")
    }

    /// lp starts with no blocked signal and SIGPIPE and SIGXFSZ at their defaults (daicho ignores
    /// SIGXFSZ itself, so that a file-size limit fails a write instead of killing an append).
    func test_lpChild_getsDefaultSignals() throws {
        setUpUnit()
        ok(["handover", "new", "--to", "株式会社防衛システム", "--item", "仕様書=2部"], as: "tanaka")
        let (env, dir) = try fakeLP()
        ok(["print", "handover", "HO-0001", "--lp"], as: "kansa", env: env)
        var masks: [String: UInt64] = [:]
        for l in try String(contentsOfFile: dir + "/signals", encoding: .utf8).split(separator: "\n") {
            let parts = l.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            masks[parts[0]] = UInt64(parts[1], radix: 16)
        }
        XCTAssertEqual(masks["SigBlk"], 0)
        let bit = { (sig: Int32) -> UInt64 in 1 << UInt64(sig - 1) }
        XCTAssertEqual((masks["SigIgn"] ?? .max) & (bit(SIGXFSZ) | bit(SIGPIPE)), 0, "SIGXFSZ and SIGPIPE at their defaults")
    }

    /// Single-user, lp is the person's own program with the person's environment (nothing is
    /// privileged); installed it gets a clean one (Tests/e2e/installed.sh checks that).
    func test_lpChild_singleUser_keepsThePersonsEnvironment() throws {
        setUpUnit()
        ok(["handover", "new", "--to", "株式会社防衛システム", "--item", "仕様書=2部"], as: "tanaka")
        let (env, dir) = try fakeLP()
        ok(["print", "handover", "HO-0001", "--lp"], as: "kansa", env: env)
        let seen = try String(contentsOfFile: dir + "/env", encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(seen.contains("FROM_THE_CALLER=1"))
    }

    /// DAICHO_GROUP readers (issue 10: "DAICHO_GROUP readers may read"): a member of the group, not
    /// the owner, reads the ledger without write access: no lock is taken and nothing is created in
    /// the directory. A report (export, verify) is printed whole, but its checkpoint cannot be recorded
    /// by someone who may not write, so the command exits 3 (issue 10: "export and verify exit non-zero
    /// when the checkpoint could not be recorded") with one line that names the head to keep by hand.
    func test_groupReader_readsWithoutWriting_reportsExit3NamingTheHead() throws {
        guard geteuid() == 0 else { throw XCTSkip("needs root (to hand the directory to another user and group)") }
        setUpUnit()
        ok(["people", "add", "nobody", "--name", "閲覧 五郎", "--role", "supervisor"], as: "kanri")
        let reg = register()
        // As DAICHO_GROUP leaves it: the owner's, the group may read (0750/0640); the reader is not the owner.
        let owner: uid_t = 4242, group: gid_t = 4243
        let names = try FileManager.default.contentsOfDirectory(atPath: s.data)
        for f in names.map({ s.data + "/" + $0 }) {
            XCTAssertEqual(chown(f, owner, group), 0)
            XCTAssertEqual(chmod(f, 0o640), 0)
        }
        XCTAssertEqual(chown(s.data, owner, group), 0)
        XCTAssertEqual(chmod(s.data, 0o750), 0)
        let before = s.journal()
        func asReader(_ args: [String]) -> Result {
            s.start((args + ["--data", s.data, "--lang", "en"]).map { Array($0.utf8) },
                    through: ["/usr/bin/setpriv", "--reuid=65534", "--regid=\(group)", "--clear-groups"]).wait()
        }
        let list = asReader(["media", "list", "--json"])
        XCTAssertEqual(list.status, 0, "\(list)")
        XCTAssertTrue(list.stdout.contains(reg), list.stdout)
        let e = asReader(["export", "--what", "media", "--format", "csv"])
        XCTAssertEqual(e.status, 3, "\(e)")
        XCTAssertTrue(e.stdout.contains(reg), "the report is printed whole: \(e.stdout)")
        XCTAssertEqual(e.stderrLines.count, 1, e.stderr)
        let head = String(asReader(["verify", "--json"]).stdout.split(separator: "\"").first { $0.count == 64 } ?? "")
        XCTAssertTrue(e.stderr.contains("the checkpoint was not recorded") && e.stderr.contains("(head \(head.prefix(16)))"), e.stderr)
        let v = asReader(["verify"])
        XCTAssertEqual(v.status, 3, "\(v)")
        XCTAssertTrue(v.stdout.contains("OK:"), v.stdout)
        // A write is refused in one line; nothing in the directory changed or appeared.
        let w = asReader(["media", "scan", reg, "--result", "clean"])
        XCTAssertNotEqual(w.status, 0, "\(w)")
        XCTAssertEqual(w.stderrLines.count, 1, w.stderr)
        XCTAssertEqual(s.journal(), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: s.data).sorted(), names.sorted())
    }
}
