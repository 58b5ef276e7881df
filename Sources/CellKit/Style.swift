/// Text attributes a cell can carry, independent of colour.
///
/// The terminal adapter maps each to the matching curses attribute. Attributes
/// survive when colour is unavailable, so anything that must stay readable
/// without colour should use an attribute or a ``ColorRole`` whose
/// monochrome fallback is an attribute.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bold (or bright) text.
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Reverse video: foreground and background swapped.
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    /// Underlined text.
    public static let underline = TextAttributes(rawValue: 1 << 2)
    /// Dim (half-bright) text.
    public static let dim = TextAttributes(rawValue: 1 << 3)
}

/// The meaning of a piece of text, which the terminal turns into a colour.
///
/// Screens say *what* text is (a header, a selected row, an overdue warning),
/// never which colour it has. The terminal adapter maps every role to a colour
/// pair, or, when there is no colour (or `NO_COLOR` is set), to attributes
/// only, so every role stays distinguishable in monochrome.
public enum ColorRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text in the terminal's default colours.
    case normal
    /// Title and status bars, modal frames.
    case title
    /// Column headers and section headings.
    case header
    /// The selected row of a list or table.
    case selected
    /// Something that needs attention soon (for example an overdue item).
    case warning
    /// Something that went wrong.
    case error
    /// A confirmation that something succeeded.
    case ok
    /// Secondary text: timestamps, hints, empty-state notes.
    case muted
    /// Emphasis inside ordinary text.
    case accent
    /// Key names in key-hint bars and help.
    case key

    /// The one-character code used by ``Grid/roleMask``.
    public var maskCharacter: Character {
        switch self {
        case .normal: "."
        case .title: "T"
        case .header: "H"
        case .selected: "S"
        case .warning: "W"
        case .error: "E"
        case .ok: "O"
        case .muted: "M"
        case .accent: "A"
        case .key: "K"
        }
    }
}

/// How one cell looks: a semantic colour role plus attributes.
public struct Style: Hashable, Sendable {
    /// What the text means; the terminal picks the colour.
    public var role: ColorRole
    /// Attributes added on top of the role's own rendering.
    public var attributes: TextAttributes

    /// Creates a style from a role and attributes.
    public init(role: ColorRole = .normal, attributes: TextAttributes = []) {
        self.role = role
        self.attributes = attributes
    }

    /// Normal text with no attributes.
    public static let plain = Style()

    /// A style with the given role and no extra attributes.
    public static func role(_ role: ColorRole) -> Style {
        Style(role: role)
    }

    /// This style with `attributes` added.
    public func adding(_ attributes: TextAttributes) -> Style {
        Style(role: role, attributes: self.attributes.union(attributes))
    }
}

/// A run of text drawn in one style.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The text; it is sanitized when drawn.
    public var text: String
    /// How the text looks.
    public var style: Style

    /// Creates a span.
    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// A plain span from a literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The number of terminal columns the span takes.
    public var displayWidth: Int {
        text.displayWidth
    }
}

/// One line of styled text: a sequence of spans.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The spans, drawn left to right.
    public var spans: [Span]

    /// Creates a line from spans.
    public init(_ spans: [Span]) {
        self.spans = spans
    }

    /// Creates a line of one span.
    public init(_ text: String, style: Style = .plain) {
        self.spans = [Span(text, style: style)]
    }

    /// A plain line from a literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The number of terminal columns the line takes.
    public var displayWidth: Int {
        spans.reduce(0) { $0 + $1.displayWidth }
    }

    /// The line's text without styles.
    public var plainText: String {
        spans.map(\.text).joined()
    }
}
