import CellKit

/// How the screen shows colour roles.
public enum ColorMode: Hashable, Sendable {
    /// Colour pairs per role, on top of attributes.
    case color
    /// Attributes only: no colour support, `NO_COLOR` set, or colour turned
    /// off in ``Terminal/Options``.
    case monochrome
}

/// The fixed mapping from colour roles to curses colours and attributes.
///
/// Every role has a monochrome rendering made of attributes alone, so that
/// screens stay readable without colour: titles and selections are reverse
/// video, headers bold and underlined, warnings bold, errors bold and
/// underlined, muted text dim.
enum Palette {
    /// A role's colours (curses colour numbers, -1 for the terminal default)
    /// and the attributes it adds in each mode.
    struct Entry {
        var foreground: Int16
        var background: Int16
        var colorAttributes: TextAttributes
        var monochromeAttributes: TextAttributes
    }

    static let black: Int16 = 0
    static let red: Int16 = 1
    static let green: Int16 = 2
    static let yellow: Int16 = 3
    static let blue: Int16 = 4
    static let magenta: Int16 = 5
    static let cyan: Int16 = 6
    static let white: Int16 = 7
    static let brightBlack: Int16 = 8

    /// The entry for `role`, for a terminal with `colors` colours.
    static func entry(for role: ColorRole, colors: Int) -> Entry {
        switch role {
        case .normal:
            Entry(foreground: -1, background: -1, colorAttributes: [], monochromeAttributes: [])
        case .title:
            Entry(foreground: white, background: blue, colorAttributes: [.bold], monochromeAttributes: [.reverse])
        case .header:
            Entry(foreground: cyan, background: -1, colorAttributes: [.bold], monochromeAttributes: [.bold, .underline])
        case .selected:
            Entry(foreground: black, background: cyan, colorAttributes: [], monochromeAttributes: [.reverse])
        case .warning:
            Entry(foreground: yellow, background: -1, colorAttributes: [.bold], monochromeAttributes: [.bold])
        case .error:
            Entry(foreground: red, background: -1, colorAttributes: [.bold], monochromeAttributes: [.bold, .underline])
        case .ok:
            Entry(foreground: green, background: -1, colorAttributes: [], monochromeAttributes: [])
        case .muted:
            colors >= 16
                ? Entry(foreground: brightBlack, background: -1, colorAttributes: [], monochromeAttributes: [.dim])
                : Entry(foreground: -1, background: -1, colorAttributes: [.dim], monochromeAttributes: [.dim])
        case .accent:
            Entry(foreground: magenta, background: -1, colorAttributes: [.bold], monochromeAttributes: [.bold])
        case .key:
            Entry(foreground: cyan, background: -1, colorAttributes: [.bold], monochromeAttributes: [.bold])
        }
    }

    /// The colour pair number used for `role` (0 is the terminal default).
    static func pairNumber(for role: ColorRole) -> Int16 {
        Int16(ColorRole.allCases.firstIndex(of: role) ?? 0)
    }
}
