/// How many colours a terminal can show.
public enum ColorDepth: Int, Comparable, Sendable, CustomStringConvertible {
    /// No colour at all (`NO_COLOR`, or a monochrome terminal): attributes only.
    case none
    case ansi16
    case indexed256
    case truecolor

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .none: return "no colour"
        case .ansi16: return "16 colours"
        case .indexed256: return "256 colours"
        case .truecolor: return "truecolor"
        }
    }

    /// The depth an environment asks for: `NO_COLOR` wins, then `COLORTERM`, then the terminal's
    /// own colour count (from terminfo).
    public static func from(environment: [String: String], terminfoColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if environment["TERM"] == "dumb" { return .none }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        if terminfoColors >= 256 { return .indexed256 }
        if terminfoColors >= 8 { return .ansi16 }
        return .none
    }
}

/// What the renderer may rely on.
public struct TerminalCapabilities: Sendable, Equatable {
    public var colorDepth: ColorDepth
    /// Erasing fills with the current background colour ("bce"), so a coloured blank run can be
    /// written as one erase instead of many spaces.
    public var backgroundColorErase: Bool

    public init(colorDepth: ColorDepth = .indexed256, backgroundColorErase: Bool = true) {
        self.colorDepth = colorDepth
        self.backgroundColorErase = backgroundColorErase
    }
}
