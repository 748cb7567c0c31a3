/// Makes text from outside (spec text, response bodies and headers, file names) safe to
/// show on a terminal: the one place every such string passes before it is drawn or printed.
///
/// Control characters and escape sequences are made visible instead of being interpreted
/// (`ESC [31m` becomes `␛[31m`), so a hostile document or server cannot recolour the
/// screen, move the cursor, set the window title or write to the clipboard. Bidirectional
/// overrides are shown as `<U+202E>` so text cannot be visually reordered ("Trojan Source").
public enum TerminalSanitizer {
    /// What may pass through as is.
    public struct Options: Sendable {
        /// Keep `\n` (multi-line bodies and descriptions); otherwise it becomes `␤`.
        public var keepNewlines: Bool
        /// Keep `\t`; otherwise it becomes a space.
        public var keepTabs: Bool

        public init(keepNewlines: Bool = false, keepTabs: Bool = false) {
            self.keepNewlines = keepNewlines
            self.keepTabs = keepTabs
        }

        public static let singleLine = Options()
        public static let multiLine = Options(keepNewlines: true, keepTabs: true)
    }

    public static func sanitize(_ text: String, _ options: Options = .singleLine) -> String {
        // Printable ASCII, the usual case, is seen on its bytes; decoding scalars is for the rest.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where options.keepNewlines:
                output.append(scalar)
            case 0x09:
                output.append(options.keepTabs ? scalar : " ")
            case 0x0D where options.keepNewlines:
                continue
            case 0x00...0x1F:
                output.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F:
                output.append("\u{2421}")
            case 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                output.append(contentsOf: "<U+\(hex(scalar.value))>".unicodeScalars)
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Decodes bytes as UTF-8 for display: invalid sequences become U+FFFD, then sanitises.
    public static func sanitize(bytes: some Collection<UInt8>, _ options: Options = .singleLine) -> String {
        sanitize(String(decoding: Array(bytes), as: UTF8.self), options)
    }

    private static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
