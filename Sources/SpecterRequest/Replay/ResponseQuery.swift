import Foundation
import SpecterJSON

/// A place in a response that captures read and assertions test, as written in a collection:
///
/// - `status`, `duration` (milliseconds), `body` (the whole body as text)
/// - `header NAME`, `cookie NAME`
/// - a JSONPath query into the body (RFC 9535): `$.items[0].id`, `$..name`
///
/// followed, optionally, by `regex "PATTERN"` (the first group of the first match, else the match)
/// and one of `count` (how many values the query selected; the items of the array a singular query
/// such as `$.items` selected), `length` (of a text, array or object)
/// or `type` (`string`, `integer`, `number`, `boolean`, `array`, `object`, `null`).
public struct ResponseQuery: Sendable, CustomStringConvertible {
    public enum Source: Sendable {
        case status
        case duration
        case bodyText
        case header(String)
        case cookie(String)
        case body(JSONPathQuery)
    }

    public enum Reduction: String, Sendable, CaseIterable {
        case count, length, type
    }

    public var source: Source
    public var regex: ReplayRegex?
    public var reduction: Reduction?
    /// As written.
    public var description: String

    /// What the values it selects are counted in, for messages: `duration` is in milliseconds.
    var unit: String {
        if case .duration = source, regex == nil, reduction == nil { return " ms" }
        return ""
    }
}

/// Why a capture or an assertion could not be read.
public struct ReplaySyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// A regular expression from a collection (ICU syntax, as `NSRegularExpression` reads it), compiled once.
public final class ReplayRegex: @unchecked Sendable {
    public let pattern: String
    private let expression: NSRegularExpression
    /// Longest text a pattern runs over: a response is outside input, and a pattern may backtrack.
    static let textLimit = 1 << 20

    public init(_ pattern: String) throws(ReplaySyntaxError) {
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw ReplaySyntaxError("\"\(pattern.abbreviated())\" is not a valid regular expression")
        }
        self.pattern = pattern
    }

    /// Whether the pattern matches anywhere in the text.
    public func matches(_ text: String) -> Bool {
        firstMatch(in: text) != nil
    }

    /// The first group of the first match, or the whole match when the pattern has no group.
    public func extract(from text: String) -> String? {
        guard let match = firstMatch(in: text) else { return nil }
        let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
        guard let found = Range(range, in: text) else { return nil }
        return String(text[found])
    }

    private func firstMatch(in text: String) -> NSTextCheckingResult? {
        let bounded = text.utf16.count > Self.textLimit ? String(text.prefix(Self.textLimit)) : text
        return expression.firstMatch(in: bounded, range: NSRange(bounded.startIndex..<bounded.endIndex, in: bounded))
    }
}
