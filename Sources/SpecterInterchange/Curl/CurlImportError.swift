import SpecterJSON

/// Why a text of curl command lines could not be read, and where: the user fixes the command,
/// so the message names the file and the line:column of the quote, option or command at fault.
public struct CurlImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// A `'`, `"` or `$'` quote that the text never closes.
        case unterminatedQuote(String)
        /// A `$(`, `${` or backtick that the text never closes.
        case unterminatedSubstitution(String)
        /// An option that takes an argument came last.
        case missingArgument(option: String)
        /// A curl command without a URL.
        case noURL
    }

    public var file: String
    public var position: TextPosition
    public var reason: Reason

    public init(file: String, position: TextPosition, reason: Reason) {
        self.file = file
        self.position = position
        self.reason = reason
    }

    public var message: String {
        switch reason {
        case .unterminatedQuote(let quote): "unterminated quote: \(quote) is never closed"
        case .unterminatedSubstitution(let opening): "unterminated substitution: \(opening) is never closed"
        case .missingArgument(let option): "option \(option) needs an argument"
        case .noURL: "curl command without a URL"
        }
    }

    /// `file:line:column: message`.
    public var description: String { "\(file):\(position): \(message)" }
}
