/// Why the terminal screen could not start, with a one-line message for the
/// person at the terminal in Japanese (the default) and English.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A standard stream the screen needs.
    public enum Stream: String, Hashable, Sendable {
        /// Standard input.
        case input
        /// Standard output.
        case output
    }

    /// Standard input or output is not a terminal (a pipe, a file, a cron job).
    case notATerminal(Stream)
    /// `TERM` is unset or empty.
    case terminalTypeNotSet
    /// `TERM=dumb`: a terminal that cannot position the cursor.
    case dumbTerminal
    /// No UTF-8 locale, even after falling back to `C.UTF-8`.
    case localeNotUTF8(codeset: String)
    /// curses does not know `TERM` (no terminfo entry).
    case unknownTerminalType(String)
    /// A terminal screen is already running in this process.
    case alreadyActive

    /// The language of a message.
    public enum Language: Hashable, Sendable {
        /// 日本語.
        case japanese
        /// English.
        case english
    }

    /// The one-line message in `language`.
    public func message(_ language: Language = .japanese) -> String {
        switch language {
        case .japanese: japanese
        case .english: english
        }
    }

    /// The one-line message in Japanese.
    public var japanese: String {
        switch self {
        case .notATerminal(.input):
            "標準入力が端末ではありません。画面は端末から起動してください。"
        case .notATerminal(.output):
            "標準出力が端末ではありません。画面は端末から起動してください。"
        case .terminalTypeNotSet:
            "環境変数 TERM が設定されていません (例: TERM=xterm-256color)。"
        case .dumbTerminal:
            "TERM=dumb の端末では画面を表示できません。"
        case .localeNotUTF8(let codeset):
            "UTF-8 のロケールが使えません (文字コード: \(codeset))。LANG=C.UTF-8 などを設定してください。"
        case .unknownTerminalType(let term):
            "端末の種類 TERM=\(term) を認識できません (terminfo がありません)。"
        case .alreadyActive:
            "端末画面はすでに起動しています。"
        }
    }

    /// The one-line message in English.
    public var english: String {
        switch self {
        case .notATerminal(.input):
            "standard input is not a terminal; start the screen from a terminal."
        case .notATerminal(.output):
            "standard output is not a terminal; start the screen from a terminal."
        case .terminalTypeNotSet:
            "the TERM environment variable is not set (for example TERM=xterm-256color)."
        case .dumbTerminal:
            "cannot show the screen on a TERM=dumb terminal."
        case .localeNotUTF8(let codeset):
            "no UTF-8 locale is available (codeset: \(codeset)); set LANG=C.UTF-8 or similar."
        case .unknownTerminalType(let term):
            "unknown terminal type TERM=\(term) (no terminfo entry)."
        case .alreadyActive:
            "the terminal screen is already active."
        }
    }

    /// The Japanese message.
    public var description: String {
        japanese
    }
}
