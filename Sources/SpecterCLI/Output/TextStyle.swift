import SpecterText

/// Styles for terminal output, named by role; plain text when colour is off.
struct TextStyle: Sendable {
    let enabled: Bool

    enum Role {
        case heading, dim, emphasis, success, warning, error, method(String), jsonKey, jsonString, jsonNumber, jsonLiteral
    }

    func apply(_ role: Role, _ text: String) -> String {
        guard enabled else { return text }
        return "\u{1B}[\(code(role))m\(text)\u{1B}[0m"
    }

    private func code(_ role: Role) -> String {
        switch role {
        case .heading: return "1"
        case .dim: return "2"
        case .emphasis: return "1;36"
        case .success: return "32"
        case .warning: return "33"
        case .error: return "31"
        case .jsonKey: return "34"
        case .jsonString: return "32"
        case .jsonNumber: return "36"
        case .jsonLiteral: return "35"
        case .method(let method):
            switch method {
            case "GET": return "1;32"
            case "POST": return "1;33"
            case "PUT", "PATCH": return "1;34"
            case "DELETE": return "1;31"
            default: return "1;35"
            }
        }
    }

    /// Text from outside, made safe for the terminal (the one sanitiser).
    static func safe(_ text: String) -> String { TerminalSanitizer.sanitize(text) }

    static func safeLines(_ text: String) -> [String] {
        TerminalSanitizer.sanitize(text, .multiLine).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
