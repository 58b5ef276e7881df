// The parts of the curses adapter that can be checked without a terminal: the
// order of the start-up checks, the one-line messages, and that every colour
// role stays distinguishable without colour (NO_COLOR, monochrome terminals).
// Drawing and key input are covered end to end in Tests/e2e (tmux).

import CellKit
@testable import DaichoTerminal
import XCTest

final class TerminalTests: XCTestCase {
    func test_preflightChecksInOrder_ttyFirstThenTerm() {
        XCTAssertEqual(Terminal.preflight(term: "xterm", inputIsTerminal: false, outputIsTerminal: true), .notATerminal(.input))
        XCTAssertEqual(Terminal.preflight(term: "xterm", inputIsTerminal: true, outputIsTerminal: false), .notATerminal(.output))
        XCTAssertEqual(Terminal.preflight(term: nil, inputIsTerminal: true, outputIsTerminal: true), .terminalTypeNotSet)
        XCTAssertEqual(Terminal.preflight(term: "", inputIsTerminal: true, outputIsTerminal: true), .terminalTypeNotSet)
        XCTAssertEqual(Terminal.preflight(term: "dumb", inputIsTerminal: true, outputIsTerminal: true), .dumbTerminal)
        XCTAssertNil(Terminal.preflight(term: "xterm-256color", inputIsTerminal: true, outputIsTerminal: true))
    }

    func test_everyStartErrorIsOneLineInBothLanguages() {
        let errors: [TerminalError] = [.notATerminal(.input), .notATerminal(.output), .terminalTypeNotSet, .dumbTerminal,
                                       .localeNotUTF8(codeset: "ANSI_X3.4-1968"), .unknownTerminalType("vt999"), .alreadyActive]
        for e in errors {
            for text in [e.message(.japanese), e.message(.english)] {
                XCTAssertFalse(text.isEmpty)
                XCTAssertFalse(text.contains("\n"), text)
                XCTAssertFalse(text.unicodeScalars.contains("\u{1B}"), text)
            }
            XCTAssertNotEqual(e.message(.japanese), e.message(.english))
        }
        XCTAssertTrue(TerminalError.unknownTerminalType("vt999").message(.japanese).contains("vt999"))
    }

    func test_withoutColourEveryEmphasisedRoleStillShows() {
        // Roles that must stand out keep an attribute in monochrome (NO_COLOR).
        for role in [ColorRole.title, .header, .selected, .warning, .error, .muted, .accent, .key] {
            XCTAssertFalse(Palette.entry(for: role, colors: 8).monochromeAttributes.isEmpty, "\(role) vanishes without colour")
        }
        // The selection and the bars are reverse video; an error is not mistaken for a warning.
        XCTAssertTrue(Palette.entry(for: .selected, colors: 8).monochromeAttributes.contains(.reverse))
        XCTAssertNotEqual(Palette.entry(for: .error, colors: 8).monochromeAttributes,
                          Palette.entry(for: .warning, colors: 8).monochromeAttributes)
    }

    func test_colourPairsAreDistinctPerRole() {
        let pairs = ColorRole.allCases.map(Palette.pairNumber(for:))
        XCTAssertEqual(Set(pairs).count, pairs.count)
        XCTAssertEqual(Palette.pairNumber(for: .normal), 0, "normal text uses the terminal's own colours")
    }
}
