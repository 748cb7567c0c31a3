import SpecterJSON

/// Builds the request one curl invocation sends, deciding what curl decides: the method from
/// the options given, the default Content-Type, where `-G` data goes, which headers the options add.
struct CurlRequestBuilder {
    let invocation: CurlInvocation
    var reader: CurlFileReader
    var headers: [ForeignHeader] = []

    init(invocation: CurlInvocation, reader: CurlFileReader) {
        self.invocation = invocation
        self.reader = reader
        for remark in invocation.notes {
            self.reader.note(remark.message, at: remark.position)
        }
    }

    mutating func request(at position: TextPosition) throws(CurlImportError) -> ForeignRequest {
        guard let first = invocation.urls.first else {
            throw CurlImportError(file: reader.file, position: position, reason: .noURL)
        }
        for extra in invocation.urls.dropFirst() {
            reader.note("curl would also request \(extra.text); only the first URL is imported", at: extra.position)
        }
        readHeaders()
        var url = withQueries(Self.withScheme(first.text))
        let (method, body) = methodAndBody(url: &url)
        let auth = authentication()
        return ForeignRequest(method: invocation.method ?? method, url: url, headers: headers, body: body, auth: auth,
                              place: SourcePlace(file: reader.file, line: position.line), notes: reader.notes)
    }

    /// curl reads a URL without a scheme as `http://`.
    static func withScheme(_ url: String) -> String {
        url.contains("://") ? url : "http://" + url
    }

    private mutating func withQueries(_ url: String) -> String {
        let pieces = invocation.urlQueries.compactMap { query in
            query.text.hasPrefix("+") ? String(query.text.dropFirst()) : reader.urlEncodedPiece(query.text, at: query.position)
        }
        return Self.appendingQuery(pieces.joined(separator: "&"), to: url)
    }

    static func appendingQuery(_ query: String, to url: String) -> String {
        guard !query.isEmpty else { return url }
        guard url.contains("?") else { return url + "?" + query }
        return url.hasSuffix("?") || url.hasSuffix("&") ? url + query : url + "&" + query
    }

    private mutating func methodAndBody(url: inout String) -> (String, ForeignBody?) {
        let defaultMethod = invocation.isHead ? "HEAD" : "GET"
        if let upload = invocation.uploadFile {
            if !invocation.data.isEmpty || !invocation.form.isEmpty {
                reader.note("-T sends the file; the data and form options are not sent with it", at: upload.position)
            }
            return ("PUT", uploadBody(upload, url: &url))
        }
        if !invocation.form.isEmpty {
            if let data = invocation.data.first {
                reader.note("curl refuses -d together with -F; the data is left out", at: data.argument.position)
            }
            return ("POST", .multipart(multipartParts()))
        }
        guard !invocation.data.isEmpty else { return (defaultMethod, nil) }
        if invocation.sendsDataInQuery {
            url = Self.appendingQuery(reader.joinedData(invocation.data), to: url)
            return (defaultMethod, nil)
        }
        return (invocation.isHead ? "HEAD" : "POST", dataBody())
    }

    private mutating func dataBody() -> ForeignBody {
        let sendsJSON = invocation.data.contains { $0.kind == .json }
        let mediaType = header("Content-Type") ?? (sendsJSON ? "application/json" : "application/x-www-form-urlencoded")
        if invocation.data.count == 1, let path = CurlFileReader.fileSentAsIs(invocation.data[0]) {
            return .file(path: path, mediaType: mediaType)
        }
        return .text(reader.joinedData(invocation.data), mediaType: mediaType)
    }

    private mutating func uploadBody(_ upload: CurlInvocation.Argument, url: inout String) -> ForeignBody? {
        let mediaType = header("Content-Type")
        guard upload.text != "-", upload.text != "." else {
            switch reader.input {
            case .file(let path): return .file(path: path, mediaType: mediaType)
            default: return reader.standardInput(at: upload.position).map { .text($0, mediaType: mediaType) }
            }
        }
        url = Self.appendingFileName(of: upload.text, to: url)
        return .file(path: upload.text, mediaType: mediaType)
    }

    /// curl names the upload after the file when the URL's path is empty or ends with `/`.
    static func appendingFileName(of path: String, to url: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let queryStart = url.firstIndex(of: "?") ?? url.endIndex
        let beforeQuery = url[..<queryStart]
        let afterScheme = beforeQuery.firstRange(of: "://").map { beforeQuery[$0.upperBound...] } ?? beforeQuery
        if !afterScheme.contains("/") { return beforeQuery + "/" + name + url[queryStart...] }
        return beforeQuery.hasSuffix("/") ? beforeQuery + name + url[queryStart...] : url
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
