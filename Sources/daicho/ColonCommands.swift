// The `:` line of the screens runs the CLI's own commands: the same
// ArgumentParser definitions (Daicho's subcommands), parsed and run in this
// process with the screens' --data, --as and --lang, their output captured and
// shown on a result screen. There is no second list of verbs to drift from
// the CLI; the verbs for Tab completion come from the same definitions.

import ArgumentParser
import DaichoCore
import DaichoUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum ColonCommands {
    /// Every command path of the CLI ("media register", "use start", "verify", …), from its definitions.
    static let catalog: [String] = {
        var out: [String] = []
        func walk(_ type: ParsableCommand.Type, _ prefix: [String]) {
            let config = type.configuration
            let name = type._commandName
            let path = prefix + (name.isEmpty ? [] : [name])
            if config.subcommands.isEmpty {
                if !path.isEmpty { out.append(path.joined(separator: " ")) }
            } else {
                for sub in config.subcommands { walk(sub, path) }
            }
        }
        for sub in Daicho.configuration.subcommands { walk(sub, []) }
        return out
    }()

    /// A `:` line is being run: its standard output goes to the result screen, not to a file or pipe
    /// (so `:export --format xlsx` without `-o` is refused as on a terminal). Only the screens' thread runs them.
    nonisolated(unsafe) static var running = false
    /// The language of the `:` line being run (for what the capture itself says).
    nonisolated(unsafe) static var lang = Lang.ja
    /// How much of a command's output the result page holds.
    static let captureLimit = 4_000_000

    /// Runs `args` (a `:` line split into words) as `daicho ARGS --data … --as … --lang …`.
    static func run(_ args: [String], global: GlobalOptions) -> CommandRun {
        // `--lp` alone means the default printer, as on the command line (main.swift).
        var full = PrintOutput.normalize(args)
        if !args.contains("--data"), !args.contains(where: { $0.hasPrefix("--data=") }), let d = global.data { full += ["--data", d] }
        if !args.contains("--as"), !args.contains(where: { $0.hasPrefix("--as=") }), let a = global.asLogin { full += ["--as", a] }
        if !args.contains("--lang"), !args.contains(where: { $0.hasPrefix("--lang=") }) { full += ["--lang", global.lang.rawValue] }
        let lang = global.lang
        var failure: String?
        ColonCommands.lang = lang
        running = true
        defer { running = false }
        let output = capturingOutput {
            do {
                var command = try Daicho.parseAsRoot(full)
                // The screens are already open: `daicho` with no verb (or `--data` alone) is not run again.
                if command is Daicho {
                    failure = lang.pick("コマンドを指定してください（:help で一覧）", "name a command (:help lists them)")
                    return
                }
                try command.run()
            } catch let f as CLIFailure {
                failure = f.message
            } catch {
                if Daicho.exitCode(for: error) == .success {
                    // --help: its text is the output.
                    writeStandardOutput(Data((Daicho.fullMessage(for: error) + "\n").utf8))
                } else {
                    let message = Daicho.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
                    failure = lang.pick("引数が正しくありません: ", "bad arguments: ") + message
                }
            }
        }
        return CommandRun(output: output, failure: failure)
    }

    /// Runs `body` with standard output and error going to a temporary file (nothing may reach
    /// the terminal while curses draws on it), and returns what was written.
    static func capturingOutput(_ body: () -> Void) -> String {
        // The CLI writes with write(2) (Neutralize.swift), so no C stream needs flushing around this.
        // Close-on-exec: a program the command starts (lp) gets the capture as its output, never this descriptor.
        var template = Array((NSTemporaryDirectory() + "daicho-colon-XXXXXX").utf8CString)
        // (mkostemp is not in Swift's Glibc module; nothing forks between these two calls.)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { body(); return "" }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let path = String(cString: template)
        unlink(path)
        let savedOut = fcntl(1, F_DUPFD_CLOEXEC, 3), savedErr = fcntl(2, F_DUPFD_CLOEXEC, 3)
        dup2(fd, 1); dup2(fd, 2)
        body()
        dup2(savedOut, 1); dup2(savedErr, 2)
        close(savedOut); close(savedErr)
        var bytes: [UInt8] = []
        let size = lseek(fd, 0, SEEK_END)
        lseek(fd, 0, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < captureLimit {
            let n = read(fd, &buffer, min(buffer.count, captureLimit - bytes.count))
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        close(fd)
        var text = String(decoding: bytes, as: UTF8.self)
        // Nothing is cut silently: the result page says how much it leaves out, and where to get it all.
        if size > captureLimit {
            text += ColonCommands.lang.pick("\n（出力が \(size) バイトあり、先頭の \(captureLimit) バイトのみ表示しています。全体は端末で daicho を実行するか -o ファイル名 で）\n",
                                            "\n(the output is \(size) bytes; only the first \(captureLimit) are shown: run daicho at a shell, or give -o FILE, for all of it)\n")
        }
        return text
    }
}
