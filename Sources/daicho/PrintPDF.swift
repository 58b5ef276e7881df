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

    func writeFile(_ data: Data, to path: String) throws {
        let target = Context.absolute(path)
        let dir = (target as NSString).deletingLastPathComponent
        var st = stat()
        if stat(target, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw CLIFailure(message: lang.pick("\(path) はディレクトリです", "\(path) is a directory"), code: CLIFailure.usage)
        }
        var template = Array((dir + "/.daicho-pdf-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ioFailure(path) }
        let tmp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = data.withUnsafeBytes { buf -> Bool in
            var done = 0
            while done < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; return false }
                done += n
            }
            return true
        }
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

    func ioFailure(_ path: String) -> CLIFailure {
        CLIFailure(message: lang.pick("\(path) に書き込めません: ", "cannot write \(path): ") + String(cString: strerror(errno)), code: CLIFailure.ioFailed)
    }

    /// `lp [-d PRINTER] -t TITLE FILE` with the PDF in a temporary file; lp's own complaint when it fails.
    func sendToPrinter(_ data: Data, printer: String, title: String) throws {
        guard let lp = Context.findInPath("lp") else {
            throw CLIFailure(message: lang.pick("lp（CUPS）が見つからないため印刷できません（apt-get install cups-client、または --pdf FILE）",
                                                "cannot print: lp (CUPS) was not found (apt-get install cups-client, or use --pdf FILE)"),
                             code: CLIFailure.ioFailed)
        }
        let tmpDir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((tmpDir + "/daicho-print-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ioFailure(tmpDir) }
        close(fd)
        let tmp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(tmp) }
        try writeFile(data, to: tmp)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: lp)
        p.arguments = (printer == PrintOutput.defaultPrinter ? [] : ["-d", printer]) + ["-t", title, "--", tmp]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        do { try p.run() } catch {
            throw CLIFailure(message: lang.pick("lp を起動できません: \(error)", "cannot run lp: \(error)"), code: CLIFailure.ioFailed)
        }
        let said = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let first = String(decoding: said, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(p.terminationStatus)"
            throw CLIFailure(message: lang.pick("lp が印刷を受け付けませんでした: ", "lp refused the job: ") + first, code: CLIFailure.ioFailed)
        }
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
