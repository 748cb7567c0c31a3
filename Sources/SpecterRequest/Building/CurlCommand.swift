import SpecterHTTP

/// A request as an equivalent curl command line, for sharing and reproducing it.
public enum CurlCommand {
    /// `curl -X POST 'https://…' -H '…' --data-raw '…'`, one option per line; secrets masked by `redactor`.
    public static func render(_ built: BuiltRequest, redactor: Redactor? = nil) -> String {
        let redactor = redactor ?? built.redactor
        var lines = ["curl" + (built.request.method == "GET" && built.body == nil ? "" : " -X \(built.request.method)") + " " + quote(redactor.redact(built.request.url.absoluteString))]
        for field in redactor.redact(built.request.headers) where !(field.name.caseInsensitiveEquals("Content-Type") && built.body?.curlArguments.first == "-F") {
            lines.append("-H " + quote("\(field.name): \(field.value)"))
        }
        var arguments = built.body?.curlArguments ?? []
        while arguments.count >= 2 {
            lines.append(arguments[0] + " " + quote(redactor.redact(arguments[1])))
            arguments.removeFirst(2)
        }
        return lines.joined(separator: " \\\n  ")
    }

    /// Single-quoted for POSIX shells (`'` becomes `'\''`).
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
