import CNcursesw
import CWidth
import CellKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The curses screen of the running process, or nil. Read by the `atexit`
/// safety net; written only by ``Terminal`` on the thread that owns it.
nonisolated(unsafe) private var activeScreen: OpaquePointer?

/// The one thin adapter between CellKit's grids and a real terminal, through
/// ncursesw. Nothing else in daicho knows curses.
///
/// ```swift
/// try Terminal.run { terminal in
///     while terminal.pendingSignal == nil {
///         terminal.draw(render(state, size: terminal.size))
///         if let key = terminal.readKey(timeoutMilliseconds: 500) { ... }
///     }
/// }
/// ```
///
/// ``start(_:)`` checks, in order, that standard input and output are
/// terminals, that `TERM` is set and not `dumb`, that a UTF-8 locale is in
/// force (falling back to `C.UTF-8`), and that curses knows `TERM`; each
/// failure is a ``TerminalError`` and leaves the terminal untouched.
///
/// SIGINT, SIGTERM and SIGHUP only set a flag (``pendingSignal``) that the
/// caller's loop sees on its next tick; it then returns and the terminal is
/// restored. ``stop()`` is idempotent and also runs from ``run(_:_:)``'s
/// `defer`, from `deinit`, and from an `atexit` handler as a last resort.
///
/// Curses is not thread-safe: a `Terminal` is not `Sendable`; create and use
/// it on one thread (the main thread). Nothing may be written to standard
/// output or error while it is active.
public final class Terminal {
    /// How the screen starts.
    public struct Options: Hashable, Sendable {
        /// What Ctrl-C does.
        public enum Interrupt: Hashable, Sendable {
            /// Raw mode: Ctrl-C arrives as the key `.ctrl("c")` (and Ctrl-Z,
            /// Ctrl-\ and Ctrl-S as keys too), for the keymap to decide.
            case key
            /// cbreak mode: Ctrl-C raises SIGINT, which sets
            /// ``Terminal/pendingSignal``; Ctrl-Z suspends the program.
            case signal
        }

        /// What Ctrl-C does.
        public var interrupt: Interrupt
        /// Whether to use colour when the terminal has it. Colour is never
        /// used when `NO_COLOR` is set to a non-empty value.
        public var allowsColor: Bool
        /// How long curses waits after Esc for the rest of a key sequence.
        public var escapeDelayMilliseconds: Int

        /// Creates options.
        public init(interrupt: Interrupt = .key, allowsColor: Bool = true, escapeDelayMilliseconds: Int = 25) {
            self.interrupt = interrupt
            self.allowsColor = allowsColor
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
        }
    }

    /// A signal that asks the program to stop.
    public enum Signal: Hashable, Sendable {
        /// SIGINT (Ctrl-C in ``Options/Interrupt/signal`` mode, or `kill -INT`).
        case interrupt
        /// SIGTERM.
        case terminate
        /// SIGHUP: the terminal went away.
        case hangup

        /// The conventional exit status of a process stopped by this signal
        /// (128 + the signal number).
        public var exitStatus: Int32 {
            switch self {
            case .interrupt: 128 + SIGINT
            case .terminate: 128 + SIGTERM
            case .hangup: 128 + SIGHUP
            }
        }
    }

    /// Whether the screen is active (started and not yet stopped).
    public private(set) var isActive: Bool
    /// Whether roles are shown in colour or with attributes only.
    public let colorMode: ColorMode
    private let screen: OpaquePointer
    private let colors: Int
    private var cursorVisible: Bool?
    private var attributeCache: [Style: (attr_t, Int16)] = [:]

    private init(screen: OpaquePointer, colorMode: ColorMode, colors: Int) {
        self.screen = screen
        self.colorMode = colorMode
        self.colors = colors
        self.isActive = true
    }

    deinit {
        stop()
    }

    /// The checks that need no curses, in the order ``start(_:)`` makes
    /// them: standard input, standard output, `TERM` set, `TERM` not dumb.
    /// Returns the first failure, or nil.
    public static func preflight(
        term: String?, inputIsTerminal: Bool, outputIsTerminal: Bool
    ) -> TerminalError? {
        if !inputIsTerminal { return .notATerminal(.input) }
        if !outputIsTerminal { return .notATerminal(.output) }
        guard let term, !term.isEmpty else { return .terminalTypeNotSet }
        if term == "dumb" { return .dumbTerminal }
        return nil
    }

    /// Whether the environment asks for no colour (`NO_COLOR` set and not
    /// empty, as no-color.org defines it).
    public static var environmentForbidsColor: Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    /// Starts the screen: checks the environment (see the type's
    /// discussion), sets the locale, starts curses in raw or cbreak mode
    /// with no echo, keypad decoding and a short Esc delay, sets up colours,
    /// and installs the signal handlers.
    public static func start(_ options: Options = Options()) throws(TerminalError) -> Terminal {
        if activeScreen != nil {
            throw .alreadyActive
        }
        let term = getenv("TERM").map { String(cString: $0) }
        if let failure = preflight(term: term, inputIsTerminal: isatty(STDIN_FILENO) == 1,
                                   outputIsTerminal: isatty(STDOUT_FILENO) == 1) {
            throw failure
        }
        guard TextLocale.useEnvironmentLocale() else {
            throw .localeNotUTF8(codeset: TextLocale.codeset)
        }
        guard let screen = newterm(nil, daicho_stdout_file(), daicho_stdin_file()) else {
            throw .unknownTerminalType(term ?? "")
        }
        set_term(screen)
        activeScreen = screen
        registerSafetyNet

        switch options.interrupt {
        case .key: raw()
        case .signal: cbreak()
        }
        noecho()
        nonl()
        let window = daicho_stdscr()
        keypad(window, true)
        intrflush(window, false)
        set_escdelay(Int32(max(0, options.escapeDelayMilliseconds)))

        var mode = ColorMode.monochrome
        var colors = 0
        if options.allowsColor && !environmentForbidsColor && has_colors() {
            if start_color() == OK {
                mode = .color
                colors = Int(daicho_colors())
            }
        }
        let terminal = Terminal(screen: screen, colorMode: mode, colors: colors)
        if mode == .color {
            terminal.setUpColorPairs(defaultColors: use_default_colors() == OK)
        }
        daicho_signals_reset()
        _ = daicho_signals_install()
        terminal.setCursorVisible(false)
        // Bracketed paste: a paste arrives between ESC[200~ and ESC[201~, which curses
        // reports as the two key codes defined here, so pasted text is never keys.
        define_key("\u{1B}[200~", Terminal.pasteStartCode)
        define_key("\u{1B}[201~", Terminal.pasteEndCode)
        Terminal.writeControl(Terminal.bracketedPasteOn)
        return terminal
    }

    /// Starts the screen, runs `body`, and stops the screen however `body`
    /// ends (returning or throwing).
    public static func run<Result>(_ options: Options = Options(), _ body: (Terminal) throws -> Result) throws -> Result {
        let terminal = try start(options)
        defer { terminal.stop() }
        return try body(terminal)
    }

    /// Rings the terminal's bell (ncurses `beep`: audible, or a flash where there is no bell).
    public func beep() { _ = CNcursesw.beep() }

    /// Restores the terminal (`endwin`), frees the screen and puts the
    /// previous signal handlers back. Safe to call more than once.
    public func stop() {
        guard isActive else { return }
        isActive = false
        if cursorVisible != nil {
            curs_set(1)
        }
        Terminal.writeControl(Terminal.bracketedPasteOff)
        endwin()
        delscreen(screen)
        if activeScreen == screen {
            activeScreen = nil
        }
        daicho_signals_restore()
    }

    /// The signal that asked the program to stop, if one arrived since the
    /// screen started. Check it on every tick of the loop.
    public var pendingSignal: Signal? {
        switch daicho_signals_pending() {
        case SIGINT: .interrupt
        case SIGTERM: .terminate
        case SIGHUP: .hangup
        default: nil
        }
    }

    /// The screen's size now (it changes on ``Key/resize``).
    public var size: Size {
        guard isActive else { return Size(rows: 0, cols: 0) }
        var rows: Int32 = 0
        var cols: Int32 = 0
        daicho_getmaxyx(daicho_stdscr(), &rows, &cols)
        return Size(rows: Int(rows), cols: Int(cols))
    }

    /// Copies `grid` to the screen and updates the terminal: every cell
    /// with its role's colours and attributes, continuation cells skipped,
    /// cells beyond the screen clipped, the cursor shown at
    /// ``Grid/cursor`` or hidden.
    public func draw(_ grid: Grid) {
        guard isActive else { return }
        let window = daicho_stdscr()
        let screenSize = size
        werase(window)
        let rows = min(grid.rows, screenSize.rows)
        let cols = min(grid.cols, screenSize.cols)
        var buffer = [wchar_t](repeating: 0, count: Int(daicho_ccharw_max()) + 1)
        let limit = Int(daicho_ccharw_max())
        var cchar = cchar_t()
        for row in 0..<rows {
            for (col, cell) in grid.row(row).prefix(cols).enumerated() {
                let character: Character
                switch cell.content {
                case .continuation: continue
                case .narrow(let c): character = c
                case .wide(let c):
                    guard col + 1 < cols else { continue }
                    character = c
                }
                var count = 0
                for scalar in character.unicodeScalars where count < limit {
                    buffer[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                buffer[count] = 0
                let (attributes, pair) = curses(for: cell.style)
                setcchar(&cchar, buffer, attributes, pair, nil)
                mvwadd_wch(window, Int32(row), Int32(col), &cchar)
            }
        }
        if let cursor = grid.cursor, cursor.row >= 0, cursor.row < rows, cursor.col >= 0, cursor.col < cols {
            wmove(window, Int32(cursor.row), Int32(cursor.col))
            setCursorVisible(true)
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Waits up to `timeoutMilliseconds` (forever when negative) for a key
    /// and returns it, or nil on timeout, on a signal (see
    /// ``pendingSignal``) or when the screen is stopped.
    ///
    /// Input arrives through `wget_wch`, so a Japanese character from an
    /// input method is one ``Key/char(_:)``. Esc followed at once by a
    /// character (as terminals send Alt-x) is ``Key/alt(_:)``.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard isActive else { return nil }
        let window = daicho_stdscr()
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == KEY_CODE_YES {
            let function = Int32(bitPattern: code)
            if function == Terminal.pasteStartCode { return readPaste() }
            if function == Terminal.pasteEndCode { return .unknown(-1) }
            return Terminal.decodeFunctionKey(function)
        }
        guard result == OK else { return nil }
        guard code == 27 else {
            return Key.decode(code: code) ?? .unknown(Int(code))
        }
        wtimeout(window, 0)
        var next: wint_t = 0
        let following = wget_wch(window, &next)
        // ESC [ or ESC O that curses did not know as a key: the rest of the sequence is read
        // and the whole of it swallowed (or decoded, for Home/End spellings terminfo lacks),
        // so its tail (`31m`, `1~`) never lands in a field.
        if following == OK, next == 0x5B || next == 0x4F {
            var body = String(Character(Unicode.Scalar(UInt8(next))))
            wtimeout(window, 30)
            while !Key.escapeSequenceIsComplete(body) {
                var more: wint_t = 0
                guard wget_wch(window, &more) == OK, let scalar = Unicode.Scalar(more) else { break }
                body.unicodeScalars.append(scalar)
            }
            if body == Key.pasteStartSequence { return readPaste() }
            return Key.decodeEscapeSequence(body)
        }
        if following == OK, case .char(let character)? = Key.decode(code: next) {
            return .alt(character)
        }
        if following == OK {
            unget_wch(wchar_t(bitPattern: next))
        } else if following == KEY_CODE_YES {
            ungetch(Int32(bitPattern: next))
        }
        return .escape
    }

    /// The most characters of one paste kept; the rest of a longer paste is read and dropped
    /// (the field then refuses the paste as too long, whatever it held).
    public static let pasteLimit = 100_000

    /// Reads a bracketed paste up to its end marker (or until the terminal sends nothing for a
    /// second): its characters, line breaks as "\n", other keys inside it dropped.
    private func readPaste() -> Key {
        let window = daicho_stdscr()
        wtimeout(window, 1000)
        var text = String.UnicodeScalarView()
        var count = 0
        var lastWasCR = false
        while true {
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            if result == KEY_CODE_YES {
                let function = Int32(bitPattern: code)
                if function == Terminal.pasteEndCode { break }
                if function == KEY_ENTER, count < Terminal.pasteLimit { text.append("\n"); count += 1 }
                continue
            }
            guard result == OK else { break }
            if code == 27 {
                // An end marker curses did not match (define_key missing): ESC [ 2 0 1 ~.
                var body = ""
                wtimeout(window, 30)
                while !Key.escapeSequenceIsComplete(body) {
                    var more: wint_t = 0
                    guard wget_wch(window, &more) == OK, let scalar = Unicode.Scalar(more) else { break }
                    body.unicodeScalars.append(scalar)
                }
                wtimeout(window, 1000)
                if body == Key.pasteEndSequence { break }
                continue
            }
            // CR, LF and CR LF are one line break each.
            if code == 13 || code == 10 {
                if !(code == 10 && lastWasCR), count < Terminal.pasteLimit { text.append("\n"); count += 1 }
                lastWasCR = code == 13
                continue
            }
            lastWasCR = false
            if code == 9 { if count < Terminal.pasteLimit { text.append("\t"); count += 1 }; continue }
            guard let scalar = Unicode.Scalar(code), count < Terminal.pasteLimit else { continue }
            text.append(scalar)
            count += 1
        }
        return .paste(String(text))
    }

    /// Key codes curses reports for the bracketed-paste markers (beyond its own KEY_MAX).
    static let pasteStartCode: Int32 = KEY_MAX + 1
    static let pasteEndCode: Int32 = KEY_MAX + 2
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Writes a control sequence straight to the terminal (curses has no call for these).
    fileprivate static func writeControl(_ sequence: String) {
        let file = daicho_stdout_file()
        fputs(sequence, file)
        fflush(file)
    }

    /// Decodes a curses function-key code (`get_wch` returned
    /// `KEY_CODE_YES`).
    static func decodeFunctionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME, KEY_A1: .home
        case KEY_END, KEY_C1: .end
        case KEY_PPAGE, KEY_A3: .pageUp
        case KEY_NPAGE, KEY_C3: .pageDown
        case KEY_IC: .insert
        case KEY_DC: .delete
        case KEY_BACKSPACE: .backspace
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case KEY_RESIZE: .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): .function(Int(code - KEY_F0))
        default: .unknown(Int(code))
        }
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    private func setUpColorPairs(defaultColors: Bool) {
        for role in ColorRole.allCases where role != .normal {
            let entry = Palette.entry(for: role, colors: colors)
            let foreground = entry.foreground < 0 && !defaultColors ? Palette.white : entry.foreground
            let background = entry.background < 0 && !defaultColors ? Palette.black : entry.background
            init_pair(Palette.pairNumber(for: role), foreground, background)
        }
    }

    private func curses(for style: Style) -> (attr_t, Int16) {
        if let cached = attributeCache[style] {
            return cached
        }
        let entry = Palette.entry(for: style.role, colors: colors)
        let roleAttributes = colorMode == .color ? entry.colorAttributes : entry.monochromeAttributes
        let all = roleAttributes.union(style.attributes)
        var attributes = daicho_attr_normal()
        if all.contains(.bold) { attributes |= daicho_attr_bold() }
        if all.contains(.reverse) { attributes |= daicho_attr_reverse() }
        if all.contains(.underline) { attributes |= daicho_attr_underline() }
        if all.contains(.dim) { attributes |= daicho_attr_dim() }
        let pair = colorMode == .color ? Palette.pairNumber(for: style.role) : 0
        attributeCache[style] = (attributes, pair)
        return (attributes, pair)
    }

    /// Registers, once per process, an `atexit` handler that restores the
    /// terminal if the program exits while the screen is active.
    private static let registerSafetyNet: Void = {
        atexit {
            if activeScreen != nil {
                Terminal.writeControl(Terminal.bracketedPasteOff)
                endwin()
            }
        }
    }()
}
