import Foundation
import SpecterJSON

extension ResponseQuery {
    /// A query that is the whole text (a capture).
    public init(parsing text: String) throws(ReplaySyntaxError) {
        var scanner = ReplayScanner(text)
        try self.init(scanning: &scanner)
        guard scanner.isAtEnd else {
            throw ReplaySyntaxError("unexpected \"\(scanner.peekWord().abbreviated(to: 30))\" after \(description)")
        }
    }

    /// The query at the start of an assertion; the scanner is left at the operator.
    init(scanning scanner: inout ReplayScanner) throws(ReplaySyntaxError) {
        let start = scanner.rest
        source = try Self.source(&scanner)
        if scanner.take("regex") {
            regex = try ReplayRegex(try scanner.quoted(for: "regex"))
        }
        if let reduction = Reduction(rawValue: scanner.peekWord()) {
            _ = scanner.word()
            self.reduction = reduction
        }
        description = String(start.dropLast(scanner.rest.count)).trimmingCharacters(in: .whitespaces)
    }

    private static func source(_ scanner: inout ReplayScanner) throws(ReplaySyntaxError) -> Source {
        if scanner.rest.first == "$" {
            let text = scanner.jsonPath()
            do {
                return .body(try JSONPathQuery(parsing: text))
            } catch {
                throw ReplaySyntaxError("\(text.abbreviated(to: 40)) is not a JSONPath query: \(error)")
            }
        }
        let word = scanner.word()
        switch word {
        case "status": return .status
        case "duration": return .duration
        case "body": return .bodyText
        case "header", "cookie":
            let name = scanner.word()
            guard !name.isEmpty else { throw ReplaySyntaxError("\(word) needs a name: \(word) NAME") }
            return word == "header" ? .header(name) : .cookie(name)
        case "":
            throw ReplaySyntaxError("empty: write status, header NAME, cookie NAME, body, duration or a JSONPath query such as $.id")
        default:
            throw ReplaySyntaxError("\"\(word.abbreviated(to: 30))\" is not something a response has: use status, header NAME, cookie NAME, body, duration or a JSONPath query such as $.id")
        }
    }
}
