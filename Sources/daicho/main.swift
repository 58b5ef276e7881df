// Entry point: refuse arguments that are not valid UTF-8, parse, run, and turn
// every failure into one line on stderr with a distinct exit code.

import ArgumentParser
import CellKit
import DaichoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The language for messages before the options are parsed.
func earlyLang(_ args: [String]) -> Lang {
    if let i = args.firstIndex(of: "--lang"), i + 1 < args.count, let l = Lang(rawValue: args[i + 1]) { return l }
    if let a = args.first(where: { $0.hasPrefix("--lang=") }), let l = Lang(rawValue: String(a.dropFirst(7))) { return l }
    return .ja
}

/// Swift repairs invalid UTF-8 in arguments silently; look at the raw bytes instead.
func argumentsAreValidUTF8() -> Bool {
    for i in 1..<Int(CommandLine.argc) {
        guard let p = CommandLine.unsafeArgv[i] else { continue }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p))
        if String(validating: bytes, as: UTF8.self) == nil { return false }
    }
    return true
}

// Display widths of Japanese text need a UTF-8 locale. The screens refuse a
// non-UTF-8 one; the CLI falls back to C.UTF-8 for its tables.
environmentLocaleIsUTF8 = TextLocale.use("")
environmentCodeset = TextLocale.codeset
if !environmentLocaleIsUTF8 { TextLocale.use("C.UTF-8") }
// A file-size limit (ulimit -f) must fail a write with EFBIG, not kill the process mid-append.
signal(SIGXFSZ, SIG_IGN)
// Installed (set-user-ID): umask 077, no inherited descriptor passed on (Installed.swift).
if Installation.active != nil || getuid() != geteuid() { Installation.harden() }
let arguments = PrintOutput.normalize(Array(CommandLine.arguments.dropFirst()))
let lang = earlyLang(arguments)
guard argumentsAreValidUTF8() else {
    printErr("daicho: " + lang.pick("引数に不正なUTF-8のバイト列が含まれています", "an argument is not valid UTF-8"))
    exit(CLIFailure.usage)
}

do {
    var command = try Daicho.parseAsRoot(arguments)
    try command.run()
    if Context.exitAfterOutput != 0 { exit(Context.exitAfterOutput) }
} catch let failure as CLIFailure {
    printErr("daicho: " + failure.message)
    exit(failure.code)
} catch {
    let code = Daicho.exitCode(for: error)
    if code == .success {
        // --help and --version print their full text.
        Daicho.exit(withError: error)
    }
    let message = Daicho.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    printErr("daicho: " + lang.pick("引数が正しくありません: ", "bad arguments: ") + message)
    exit(code.rawValue)
}
