// Installed for a unit (`make install`, README "Installing for a unit"): the
// executable is set-user-ID to a service account that alone owns the data
// directory, and a root-owned configuration file names that directory and the
// time zone. Then nothing a person controls moves what matters: the actor is the
// real login (getuid), the clock is the system clock, the data directory is the
// configured one; `--data` is refused, `--as` is for root only, and DAICHO_NOW,
// DAICHO_DATA, DAICHO_SNAPSHOT_EVERY, DAICHO_GROUP are ignored with a notice
// (HOME and XDG_* are never consulted). A copy of the executable that is not
// set-user-ID and has no root-owned configuration beside it is single-user
// daicho, exactly as before.

import DaichoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The configuration of an installed daicho.
struct Installation: Sendable {
    /// Where it was read from.
    let configPath: String
    /// The data directory (owned by the service account, mode 0700).
    let dataDirectory: String
    let timeZone: TimeZone
    /// The service account the executable is set-user-ID to.
    let user: String
    /// The real uid differs from the effective one (the executable is set-user-ID).
    let setUserID: Bool
    /// The `lp` program the configuration names (absolute), if any (`lpProgram`).
    var lp: String? = nil

    /// The environment variables that change nothing once installed.
    static let ignoredVariables = ["DAICHO_NOW", "DAICHO_DATA", "DAICHO_SNAPSHOT_EVERY", "DAICHO_GROUP"]

    /// This process's installation, read once: nil for single-user daicho, or why an installed
    /// daicho cannot run (a set-user-ID copy without a safe configuration).
    static let current: Result<Installation?, CLIFailure> = {
        do { return .success(try detect()) } catch let e as CLIFailure { return .failure(e) } catch {
            return .failure(CLIFailure(message: "\(error)", code: CLIFailure.ioFailed))
        }
    }()

    /// The installation if there is a usable one.
    static var active: Installation? { (try? current.get()) ?? nil }

    /// The installation, or nil for single-user use; an unusable one is an error.
    static func get() throws -> Installation? { try current.get() }

    /// The configuration file belonging to this executable: /etc/daicho/daicho.conf when it is installed
    /// under /usr or /usr/local, else PREFIX/etc/daicho/daicho.conf (the Makefile follows the same rule).
    static func configPath(forExecutable exe: String) -> String {
        let prefix = ((exe as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        return prefix == "/usr" || prefix == "/usr/local" ? "/etc/daicho/daicho.conf" : prefix + "/etc/daicho/daicho.conf"
    }

    /// The executable as the kernel started it (not argv[0], which the caller chooses).
    static func executablePath() -> String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func detect() throws -> Installation? {
        let setUID = getuid() != geteuid()
        func refuse(_ ja: String, _ en: String) -> CLIFailure {
            // The language option is not parsed yet: both, in one line.
            CLIFailure(message: "\(ja) / \(en)", code: CLIFailure.ioFailed)
        }
        guard let exe = executablePath() else {
            if setUID { throw refuse("実行ファイルの場所が分かりません", "cannot find this executable") }
            return nil
        }
        let path = configPath(forExecutable: exe)
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if !setUID { return nil }
            throw refuse("導入時の設定ファイル \(path) を開けません（make install）", "cannot open the configuration \(path) of this installed daicho (make install)")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw refuse("\(path) を確認できません", "cannot check \(path)") }
        // Root-owned, a regular file nobody else can write, in directories only root can change.
        let safe = st.st_mode & S_IFMT == S_IFREG && st.st_uid == 0 && st.st_mode & 0o022 == 0 && safeDirectories(of: path)
        guard safe else {
            if !setUID { return nil } // someone's own file: not an installation
            throw refuse("設定ファイル \(path) は root 所有で他者が書けないものでなければなりません",
                         "the configuration \(path) must be owned by root and writable by nobody else")
        }
        guard st.st_size < 65536 else { throw refuse("\(path) が大きすぎます", "\(path) is too large") }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        let got = bytes.isEmpty ? 0 : read(fd, &bytes, bytes.count)
        guard got == bytes.count else { throw refuse("\(path) を読めません", "cannot read \(path)") }
        var values: [String: String] = [:]
        for (i, raw) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else { throw refuse("\(path):\(i + 1) が読めません", "\(path):\(i + 1): not key = value") }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces), value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard ["data", "time_zone", "user", "lp"].contains(key), values[key] == nil else {
                throw refuse("\(path):\(i + 1): 不明な項目 \(key)", "\(path):\(i + 1): unknown or repeated key \(key)")
            }
            values[key] = value
        }
        guard let data = values["data"], data.hasPrefix("/"), !data.split(separator: "/").contains("..") else {
            throw refuse("\(path): data（絶対パス）がありません", "\(path): no absolute data directory")
        }
        guard let tzName = values["time_zone"], let tz = TimeZone(identifier: tzName) else {
            throw refuse("\(path): time_zone が正しくありません", "\(path): bad or missing time_zone")
        }
        guard let user = values["user"], !user.isEmpty else { throw refuse("\(path): user がありません", "\(path): no user") }
        if setUID {
            // The executable must be set-user-ID to the configured account, and never to root.
            guard geteuid() != 0, let pw = getpwuid(geteuid()), String(cString: pw.pointee.pw_name) == user else {
                throw refuse("この実行ファイルは \(user) に set-user-ID されていません", "this executable is not set-user-ID to \(user)")
            }
        }
        if let lp = values["lp"], !lp.hasPrefix("/") || lp.split(separator: "/").contains("..") {
            throw refuse("\(path): lp は絶対パスで指定してください", "\(path): lp must be an absolute path")
        }
        return Installation(configPath: path, dataDirectory: data, timeZone: tz, user: user, setUserID: setUID, lp: values["lp"])
    }

    /// Every directory above `path` belongs to root and only root can change its entries
    /// (a root-owned sticky directory such as /tmp keeps others from replacing root's entries).
    static func safeDirectories(of path: String) -> Bool {
        var dir = (path as NSString).deletingLastPathComponent
        while true {
            var st = stat()
            guard lstat(dir, &st) == 0, st.st_mode & S_IFMT == S_IFDIR, st.st_uid == 0 else { return false }
            if st.st_mode & 0o022 != 0 && st.st_mode & S_ISVTX == 0 { return false }
            if dir == "/" || dir.isEmpty { return true }
            dir = (dir as NSString).deletingLastPathComponent
        }
    }

    /// The login of the real uid: the person at the terminal.
    static func realLogin() -> String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid\(getuid())"
    }

    /// What a person's environment would have moved, and is ignored: one notice line each.
    func ignoredEnvironment(_ lang: Lang) -> [String] {
        let env = ProcessInfo.processInfo.environment
        return Installation.ignoredVariables.filter { env[$0].map { !$0.isEmpty } ?? false }.map {
            lang.pick("\($0) は導入された daicho では無視されます（\(configPath)）", "\($0) is ignored by an installed daicho (\(configPath))")
        }
    }

    /// The only directories an installed daicho takes `lp` from (the person's PATH is not consulted),
    /// unless the root-owned configuration names it (`lp = /path/to/lp`).
    static let trustedPath = "/usr/bin:/bin"

    /// What an installed daicho keeps of the person's environment: the terminal, the language, the
    /// printer choice for lp, and the variables it ignores (kept only to say that they are ignored).
    static let keptVariables = ["TERM", "COLORTERM", "NO_COLOR", "COLUMNS", "LINES", "ESCDELAY",
                                "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_COLLATE", "LC_NUMERIC",
                                "LC_TIME", "LC_MONETARY", "PRINTER", "LPDEST"] + ignoredVariables

    /// Once at start: files made are the service account's alone (umask 077), and no descriptor the
    /// caller left open is passed on to anything this process might start. The environment is cut to
    /// `keptVariables`, with PATH /usr/bin:/bin, TMPDIR /tmp and HOME /nonexistent: the libraries
    /// read their own variables with the service account's rights (fontconfig took FONTCONFIG_FILE,
    /// XDG_CACHE_HOME or HOME and wrote its font cache into the data directory; GLib, Pango, cairo
    /// and libxlsxwriter have theirs), and none of them may be the person's to choose.
    static func harden() {
        umask(0o077)
        for fd in Int32(3)..<Int32(1024) {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
        var kept: [(String, String)] = []
        for name in keptVariables { if let v = getenv(name) { kept.append((name, String(cString: v))) } }
        clearenv()
        for (name, value) in kept { setenv(name, value, 1) }
        setenv("PATH", trustedPath, 1)
        setenv("TMPDIR", "/tmp", 1)
        setenv("HOME", "/nonexistent", 1)
    }

    // MARK: Acting with the person's own rights

    /// A call of setfsuid(2) / setfsgid(2) (glibc has them; Swift's Glibc module does not import <sys/fsuid.h>).
    private typealias IDCall = @convention(c) (UInt32) -> Int32
    private static let fsCalls: (uid: IDCall, gid: IDCall)? = {
        guard let u = dlsym(nil, "setfsuid"), let g = dlsym(nil, "setfsgid") else { return nil }
        return (unsafeBitCast(u, to: IDCall.self), unsafeBitCast(g, to: IDCall.self))
    }()

    /// The file-system uid and gid of the calling thread (setfsuid with an invalid id only reports it).
    static func fileSystemIDs() -> (uid: uid_t, gid: gid_t)? {
        guard let f = fsCalls else { return nil }
        return (uid_t(bitPattern: f.uid(UInt32.max)), gid_t(bitPattern: f.gid(UInt32.max)))
    }

    /// Runs `body` (synchronous file work on behalf of the person: writing a PDF or an export, reading a
    /// file to import, the temporary file lp prints) with the person's own rights. When the executable
    /// is set-user-ID, the calling thread's file-system uid and gid become the real ones for the
    /// duration: every open, create, rename and unlink in `body` is checked as the person's, and what
    /// it creates is theirs. Only this thread changes (fsuid is per thread on Linux), so the screens'
    /// background chain check keeps reading the journal meanwhile; the saved set-user-ID stays, so
    /// the journal can be written after. Single-user, `body` just runs.
    static func asPerson<T>(_ body: () throws -> T) throws -> T {
        let ruid = getuid(), rgid = getgid(), euid = geteuid(), egid = getegid()
        if ruid == euid && rgid == egid { return try body() }
        guard let f = fsCalls else {
            throw CLIFailure(message: "利用者本人の権限に切り替えられません / cannot act with the person's own rights (no setfsuid)",
                             code: CLIFailure.ioFailed)
        }
        // Back to what the thread had (the effective ids, or the person's when nested).
        let before = fileSystemIDs() ?? (euid, egid)
        _ = f.gid(rgid)
        _ = f.uid(ruid)
        defer {
            _ = f.uid(before.uid)
            _ = f.gid(before.gid)
            if fileSystemIDs().map({ $0.uid != before.uid || $0.gid != before.gid }) ?? true {
                // Cannot happen (the effective ids are always allowed back); if it did, stop rather than go on.
                printErr("daicho: 権限を戻せません / cannot restore the file-system ids")
                exit(CLIFailure.ioFailed)
            }
        }
        guard fileSystemIDs().map({ $0.uid == ruid && $0.gid == rgid }) ?? false else {
            throw CLIFailure(message: "利用者本人の権限に切り替えられません / cannot act with the person's own rights (setfsuid)",
                             code: CLIFailure.ioFailed)
        }
        return try body()
    }

    /// The `lp` an installed daicho runs: the configured one, else the first in the trusted PATH. The
    /// configured one must be a root-owned regular file nobody else can write, in root-owned directories.
    func lpProgram() -> String? {
        if let lp {
            // A link (an alternatives entry) is followed once, here; what it leads to is checked and run.
            guard let resolved = realpath(lp, nil) else { return nil }
            defer { free(resolved) }
            let path = String(cString: resolved)
            var st = stat()
            guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == 0, st.st_mode & 0o022 == 0,
                  st.st_mode & 0o111 != 0, Installation.safeDirectories(of: path) else { return nil }
            return path
        }
        for dir in Installation.trustedPath.split(separator: ":") where access("\(dir)/lp", X_OK) == 0 { return "\(dir)/lp" }
        return nil
    }

    /// The environment a child of an installed daicho gets: a trusted PATH, the person's HOME from the
    /// password file, and only the person's language and printer choices (nothing else of theirs).
    static func childEnvironment() -> [String] {
        let env = ProcessInfo.processInfo.environment
        var out = ["PATH=" + trustedPath]
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { out.append("HOME=" + String(cString: dir)) }
        for k in ["LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "PRINTER", "LPDEST"] {
            if let v = env[k], !v.isEmpty, !v.contains("/") { out.append("\(k)=\(v)") }
        }
        return out
    }
}
