/// Writes a request as a curl command line, to hand it to someone who has curl (a bug report, a
/// README) or run it outside Specter. The command runs as is in a POSIX shell: every value is
/// single-quoted, so `{{variables}}` stay as written and nothing is expanded.
public enum CurlExport {
    /// One option per line, the lines joined with ` \` continuations.
    public static func command(for request: ForeignRequest) -> String {
        var url = request.url
        if case .apiKey(let name, let value, true) = request.auth {
            url = CurlRequestBuilder.appendingQuery(CurlURLEncoding.encodeStrictly(name) + "=" + CurlURLEncoding.encodeStrictly(value), to: url)
        }
        var lines = [url.hasPrefix("-") ? "curl --url " + ShellQuoting.quote(url) : "curl " + ShellQuoting.quote(url)]
        let body = bodyOptions(request)
        lines += methodOptions(request, impliedByBody: body.impliedMethod)
        lines += request.headers.map(headerOption)
        lines += contentTypeOption(request)
        lines += authOptions(request.auth)
        lines += body.options
        return lines.joined(separator: " \\\n  ")
    }

    private static func methodOptions(_ request: ForeignRequest, impliedByBody: String) -> [String] {
        if request.method == impliedByBody { return [] }
        if request.method == "HEAD", request.body == nil { return ["--head"] }
        return ["-X " + ShellQuoting.quoteIfNeeded(request.method)]
    }

    private static func headerOption(_ header: ForeignHeader) -> String {
        "-H " + ShellQuoting.quote(header.value.isEmpty ? header.name + ";" : header.name + ": " + header.value)
    }

    /// A body's media type that curl would not send by itself, as a header.
    private static func contentTypeOption(_ request: ForeignRequest) -> [String] {
        let mediaType: String? = switch request.body {
        case .text(_, let mediaType), .file(_, let mediaType): mediaType
        default: nil
        }
        guard request.header("Content-Type") == nil, let mediaType, mediaType != "application/x-www-form-urlencoded" else { return [] }
        return [headerOption(ForeignHeader(name: "Content-Type", value: mediaType))]
    }

    private static func authOptions(_ auth: ForeignAuth?) -> [String] {
        switch auth {
        case .basic(let user, let password): ["-u " + ShellQuoting.quote(user + ":" + password)]
        case .digest(let user, let password): ["--digest", "-u " + ShellQuoting.quote(user + ":" + password)]
        case .bearer(let token): ["--oauth2-bearer " + ShellQuoting.quote(token)]
        case .apiKey(let name, let value, false): [headerOption(ForeignHeader(name: name, value: value))]
        case .apiKey, nil: []
        }
    }

    /// The options that send the body, and the method curl then uses unless told otherwise.
    private static func bodyOptions(_ request: ForeignRequest) -> (options: [String], impliedMethod: String) {
        switch request.body {
        case nil:
            return ([], "GET")
        case .text(let text, _):
            return (["--data-raw " + ShellQuoting.quote(text)], "POST")
        case .file(let path, _) where request.method == "PUT" && CurlRequestBuilder.appendingFileName(of: path, to: request.url) == request.url:
            return (["-T " + ShellQuoting.quote(path)], "PUT")
        case .file(let path, _):
            return (["--data-binary " + ShellQuoting.quote("@" + path)], "POST")
        case .form(let fields):
            return (fields.map { "--data-urlencode " + ShellQuoting.quote(CurlURLEncoding.encodeStrictly($0.name) + "=" + $0.value) }, "POST")
        case .multipart(let parts):
            return (parts.map(formOption), "POST")
        }
    }

    private static func formOption(_ part: MultipartPart) -> String {
        let type = part.mediaType.map { ";type=" + $0 } ?? ""
        switch part.content {
        case .text(let value) where part.mediaType == nil:
            return "--form-string " + ShellQuoting.quote(part.name + "=" + value)
        case .text(let value):
            return "-F " + ShellQuoting.quote(part.name + "=" + formQuoted(value) + type)
        case .file(let path, let filename):
            let name = filename.map { ";filename=" + formQuoted($0) } ?? ""
            return "-F " + ShellQuoting.quote(part.name + "=@" + formWord(path) + name + type)
        }
    }

    /// A word of a `-F` argument in curl's own quotes (`\` and `"` escaped).
    private static func formQuoted(_ word: String) -> String {
        "\"" + word.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    private static func formWord(_ word: String) -> String {
        word.contains(where: { ";,\"\\ ".contains($0) }) ? formQuoted(word) : word
    }
}
