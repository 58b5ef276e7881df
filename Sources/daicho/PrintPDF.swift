// Where a printed form, book or label sheet goes: the text form to standard
// output (the default at the terminal), a PDF file (`--pdf FILE`, `--pdf -` for
// standard output) and/or the system's printer through CUPS (`--lp [PRINTER]`).
// A PDF file is written whole under a temporary name and renamed into place, so a
// failure leaves nothing half-written and a symlink at FILE is replaced, not followed.

import ArgumentParser
import DaichoCore
import DaichoJournal
import DaichoPaper
import DaichoPDF
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `--pdf FILE` and `--lp [PRINTER]`.
struct PrintOutput: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write the form as PDF (A4) to FILE ('-': standard output).", valueName: "FILE"))
    var pdf: String?

    @Option(name: .long, help: ArgumentHelp("Send the PDF to the printer through CUPS lp (the default printer when none is named).",
                                            valueName: "PRINTER"))
    var lp: String?

    var wantsPDF: Bool { pdf != nil || lp != nil }

    /// What a bare `--lp` stands for: the system's default printer (a control character, so no
    /// printer name typed on a command line can be it).
    static let defaultPrinter = "\u{1}default"

    /// `--lp` alone (last, or before another option) means the default printer: main gives it that value.
    static func normalize(_ args: [String]) -> [String] {
        var out: [String] = []
        for (i, a) in args.enumerated() {
            if a == "--lp", i + 1 == args.count || args[i + 1].hasPrefix("-") { out.append("--lp=" + defaultPrinter) } else { out.append(a) }
        }
        return out
    }
}

extension Context {
    /// Writes the PDF where `output` says. Throws a one-line failure; nothing is left half-written.
    func deliver(_ pdf: Data, _ output: PrintOutput, title: String) throws {
        if let path = output.pdf {
            // A PDF's bytes are not for a terminal, nor for the screens' result page (the `:` line).
            if path == "-" && (isatty(1) != 0 || ColonCommands.running) {
                throw CLIFailure(message: lang.pick("PDF は端末には出力できません。--pdf ファイル名 または --lp を指定してください",
                                                    "a PDF is not written to a terminal: give --pdf FILE or --lp"), code: CLIFailure.usage)
            }
            if path == "-" { writeStandardOutput(pdf) } else { try writeFile(pdf, to: path) }
        }
        if let printer = output.lp { try sendToPrinter(pdf, printer: printer, title: title) }
    }

    /// Draws a sheet and writes it where `output` says (the one way a form leaves as PDF).
    func deliver(_ sheet: Sheet, _ output: PrintOutput) throws {
        let pdf: Data
        do { pdf = try sheet.render() } catch { throw pdfFailure(error) }
        try deliver(pdf, output, title: sheet.title)
    }

    /// Writes `data` to `path` whole, with the person's own rights (Installation.asPerson): installed,
    /// the file is theirs and goes only where they may write themselves, never into the data directory
    /// or anywhere else only the service account can write.
    func writeFile(_ data: Data, to path: String) throws {
        let target = Context.absolute(path)
        let dir = (target as NSString).deletingLastPathComponent
        try Installation.asPerson {
            var st = stat()
            if stat(target, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                throw CLIFailure(message: lang.pick("\(path) はディレクトリです", "\(path) is a directory"), code: CLIFailure.usage)
            }
            let (fd, tmp) = try createExclusive(in: dir, prefix: ".daicho-pdf-", suffix: "", failure: { ioFailure(path) })
            var ok = writeAllBytes(fd, data)
            ok = ok && fsync(fd) == 0
            let saved = errno
            close(fd)
            guard ok, rename(tmp, target) == 0 else {
                let e = ok ? errno : saved
                unlink(tmp)
                errno = e
                throw ioFailure(path)
            }
        }
    }

    func ioFailure(_ path: String) -> CLIFailure {
        CLIFailure(message: lang.pick("\(path) に書き込めません: ", "cannot write \(path): ") + String(cString: strerror(errno)), code: CLIFailure.ioFailed)
    }

    /// `lp [-d PRINTER] -t TITLE -- FILE` with the PDF in a temporary file of the person's; lp's own
    /// complaint when it fails. Installed, lp is the configured one or the first in /usr/bin:/bin (never
    /// the person's PATH), and it runs as the person alone: spawned with POSIX_SPAWN_RESETIDS, so its
    /// effective ids are the real ones before exec and exec makes the saved ones the same (nothing
    /// of the service account is left to regain), with a clean environment
    /// (Installation.childEnvironment), default signals and no descriptor but its standard three.
    func sendToPrinter(_ data: Data, printer: String, title: String) throws {
        let installed = Installation.active
        if let inst = installed, let configured = inst.lp, inst.lpProgram() == nil {
            throw CLIFailure(message: lang.pick("設定ファイル \(inst.configPath) の lp（\(configured)）は、root 所有で他者が書けない実行ファイルでなければなりません",
                                                "the lp \(configured) named in \(inst.configPath) must be an executable owned by root and writable by nobody else"),
                             code: CLIFailure.ioFailed)
        }
        guard let lp = installed.map({ $0.lpProgram() }) ?? Context.findInPath("lp") else {
            throw CLIFailure(message: lang.pick("lp（CUPS）が見つからないため印刷できません（apt-get install cups-client、または --pdf FILE）",
                                                "cannot print: lp (CUPS) was not found (apt-get install cups-client, or use --pdf FILE)"),
                             code: CLIFailure.ioFailed)
        }
        let tmpDir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let tmp = try Installation.asPerson { () throws -> String in
            let (fd, tmp) = try createExclusive(in: tmpDir, prefix: "daicho-print-", suffix: ".pdf", failure: { ioFailure(tmpDir) })
            close(fd)
            return tmp
        }
        defer { _ = try? Installation.asPerson { unlink(tmp) } }
        try writeFile(data, to: tmp)
        let args = (printer == PrintOutput.defaultPrinter ? [] : ["-d", printer]) + ["-t", title, "--", tmp]
        let env = installed != nil ? Installation.childEnvironment()
            : ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let (status, said) = try spawnDropped(lp, args, env)
        guard status == 0 else {
            let first = String(decoding: said, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(status)"
            throw CLIFailure(message: lang.pick("lp が印刷を受け付けませんでした: ", "lp refused the job: ") + first, code: CLIFailure.ioFailed)
        }
    }

    /// Runs `program` with the real uid and gid as its real, effective and saved ids (POSIX_SPAWN_RESETIDS;
    /// exec copies the effective ids to the saved ones), standard input and output /dev/null, standard error
    /// read back, the signal mask empty and SIGPIPE and SIGXFSZ at their defaults, every other descriptor
    /// closed. Returns its exit status (128 + signal when killed) and what it said on standard error.
    func spawnDropped(_ program: String, _ args: [String], _ env: [String]) throws -> (Int32, Data) {
        func failure() -> CLIFailure {
            CLIFailure(message: lang.pick("lp を起動できません: ", "cannot run lp: ") + String(cString: strerror(errno)), code: CLIFailure.ioFailed)
        }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw failure() }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        defer { if fds[0] >= 0 { close(fds[0]) } }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGXFSZ)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        // Every descriptor is close-on-exec already (FileSafety, harden()); closing each open one in the
        // child as well keeps it so even for one a library opened without the flag.
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in open where fd > 2 && fd != fds[1] { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv = ([program] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, program, &actions, &attr, argv, envp)
        close(fds[1])
        guard rc == 0 else { errno = rc; throw failure() }
        var said = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while said.count < 1 << 20 {
            let n = read(fds[0], &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            said.append(contentsOf: buffer[0..<n])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 { guard errno == EINTR else { throw failure() } }
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), said)
    }

    static func findInPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// A PDF library failure as one line.
    func pdfFailure(_ e: PDFError) -> CLIFailure {
        CLIFailure(message: lang.pick("PDF を作成できません: ", "cannot make the PDF: ") + e.reason, code: CLIFailure.ioFailed)
    }
}

/// Creates a new file `dir/prefix<random>suffix` for writing, exclusively (O_EXCL, O_NOFOLLOW: never an
/// existing file or a link), close-on-exec, mode 0600. Returns its descriptor and path.
func createExclusive(in dir: String, prefix: String, suffix: String, failure: () -> CLIFailure) throws -> (Int32, String) {
    for _ in 0..<100 {
        let name = prefix + String(UInt64.random(in: 0...UInt64.max), radix: 36) + suffix
        let path = (dir.isEmpty ? "." : dir) + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd >= 0 { return (fd, path) }
        if errno != EEXIST { throw failure() }
    }
    throw failure()
}

/// Writes all of `data` to `fd` (short writes and EINTR survived); false on an error (errno says which).
func writeAllBytes(_ fd: Int32, _ data: Data) -> Bool {
    data.withUnsafeBytes { buf -> Bool in
        var done = 0
        while done < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0 { if errno == EINTR { continue }; return false }
            done += n
        }
        return true
    }
}
