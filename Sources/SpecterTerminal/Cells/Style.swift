/// A colour as views ask for it; the renderer brings it down to what the terminal can show.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case standard
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// One of the 256 xterm palette colours.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.ansi(0), red = Color.ansi(1), green = Color.ansi(2), yellow = Color.ansi(3)
    public static let blue = Color.ansi(4), magenta = Color.ansi(5), cyan = Color.ansi(6), white = Color.ansi(7)
    public static let brightBlack = Color.ansi(8)
}

/// Text attributes. Meaning is always carried by these (or by symbols) as well as by colour,
/// so a screen without colour (`NO_COLOR`, a monochrome terminal) says the same thing.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let reverse = Attributes(rawValue: 8)
    public static let italic = Attributes(rawValue: 16)
}

/// How a cell looks: colours and attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .standard, background: Color = .standard, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
    public static let bold = Style(attributes: .bold)
    public static let dim = Style(attributes: .dim)
    public static let reverse = Style(attributes: .reverse)
    public static let underline = Style(attributes: .underline)

    public func with(foreground: Color) -> Style {
        var copy = self
        copy.foreground = foreground
        return copy
    }

    public func with(background: Color) -> Style {
        var copy = self
        copy.background = background
        return copy
    }

    public func adding(_ attributes: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }

    /// This style with a highlight laid over it: the highlight's colours where it has them, this
    /// style's otherwise, and the attributes of both (a selection keeps a method's colour).
    public func overlaid(with highlight: Style) -> Style {
        Style(foreground: highlight.foreground == .standard ? foreground : highlight.foreground,
              background: highlight.background == .standard ? background : highlight.background,
              attributes: attributes.union(highlight.attributes))
    }

    /// `bold fg:green bg:236`: how golden frames write a style.
    public var description: String {
        var parts: [String] = []
        let names: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse"), (.italic, "italic")]
        for (attribute, name) in names where attributes.contains(attribute) { parts.append(name) }
        if foreground != .standard { parts.append("fg:" + Self.name(foreground)) }
        if background != .standard { parts.append("bg:" + Self.name(background)) }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }

    private static func name(_ color: Color) -> String {
        let ansi = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        switch color {
        case .standard: return "default"
        case .ansi(let index): return index < 8 ? ansi[Int(index)] : "bright-" + ansi[Int(index % 8)]
        case .indexed(let index): return String(index)
        case .rgb(let red, let green, let blue):
            return "#" + [red, green, blue].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
