import Foundation
import SpecterHTTP
import SpecterJSON

/// What a replayed response offers to captures and assertions: its status, headers, cookies, body
/// (as text and, when it is JSON or YAML, as a value) and how long it took.
public struct ResponseFacts: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var bodyText: String?
    public var bodyJSON: JSONValue?
    public var duration: Duration

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), bodyText: String? = nil, bodyJSON: JSONValue? = nil, duration: Duration = .zero) {
        self.status = status
        self.headers = headers
        self.bodyText = bodyText
        self.bodyJSON = bodyJSON
        self.duration = duration
    }

    public init(_ response: HTTPResponse, body: ResponseBody) {
        var text: String?
        if case .text(let decoded) = body.content { text = decoded }
        self.init(status: response.status, headers: response.headers, bodyText: text, bodyJSON: body.json, duration: response.duration)
    }

    /// A cookie the response sets (`Set-Cookie: name=value; Path=/`), by name.
    public func cookie(_ name: String) -> String? {
        for line in headers.values("Set-Cookie") {
            for cookie in Self.cookies(in: line) {
                let pair = cookie.split(separator: ";", maxSplits: 1).first.map(String.init) ?? cookie
                guard let equals = pair.firstIndex(of: "=") else { continue }
                if pair[..<equals].trimmingCharacters(in: .whitespaces) == name {
                    return String(pair[pair.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// The cookies of one `Set-Cookie` field. URLSession on Linux (https) joins repeated fields with ", ",
    /// which an `Expires` date also contains: a new cookie starts only where `, name=` follows.
    static func cookies(in line: String) -> [String] {
        var cookies: [String] = []
        var current = ""
        var rest = Substring(line)
        while let comma = rest.range(of: ", ") {
            current += rest[..<comma.lowerBound]
            let next = rest[comma.upperBound...]
            let startsCookie = next.prefix { $0 != ";" && $0 != "," && $0 != " " }.contains("=")
            if startsCookie {
                cookies.append(current)
                current = ""
            } else {
                current += ", "
            }
            rest = next
        }
        cookies.append(current + rest)
        return cookies
    }
}
