import SpecterJSON

/// Headers, form parts and credentials of the request being built.
extension CurlRequestBuilder {
    mutating func readHeaders() {
        for argument in invocation.headers {
            addHeader(CurlHeaderArgument(argument.text), argument: argument)
        }
        addUnlessSet("User-Agent", invocation.userAgent)
        addUnlessSet("Referer", invocation.referer)
        addCookies()
        if invocation.isCompressed { addUnlessSet("Accept-Encoding", "deflate, gzip") }
        if invocation.data.contains(where: { $0.kind == .json }) {
            addUnlessSet("Content-Type", "application/json")
            addUnlessSet("Accept", "application/json")
        }
    }

    private mutating func addHeader(_ parsed: CurlHeaderArgument, argument: CurlInvocation.Argument) {
        switch parsed {
        case .header(let header):
            headers.append(header)
        case .removal(let name):
            reader.note("-H '\(name):' stops curl sending its own \(name) header; not carried over", at: argument.position)
        case .invalid:
            reader.note("-H '\(argument.text)' is not a header (no colon); ignored", at: argument.position)
        case .file(let path):
            guard let text = reader.text(of: path, at: argument.position) else { return }
            for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
                addHeader(CurlHeaderArgument(String(line)), argument: argument)
            }
        }
    }

    private mutating func addUnlessSet(_ name: String, _ value: String?) {
        guard let value, header(name) == nil else { return }
        headers.append(ForeignHeader(name: name, value: value))
    }

    private mutating func addCookies() {
        var cookies: [String] = []
        for cookie in invocation.cookies {
            if cookie.text.contains("=") {
                cookies.append(cookie.text)
            } else {
                reader.note("-b \(cookie.text) reads cookies from a file; not carried over", at: cookie.position)
            }
        }
        if !cookies.isEmpty { headers.append(ForeignHeader(name: "Cookie", value: cookies.joined(separator: "; "))) }
    }

    mutating func multipartParts() -> [MultipartPart] {
        invocation.form.compactMap { argument in
            guard let parsed = CurlFormArgument(argument.argument.text, isLiteral: argument.isLiteral) else {
                reader.note("-F \(argument.argument.text) has no name=; ignored", at: argument.argument.position)
                return nil
            }
            for message in parsed.ignored {
                reader.note(message, at: argument.argument.position)
            }
            return part(parsed, at: argument.argument.position)
        }
    }

    private mutating func part(_ parsed: CurlFormArgument, at position: TextPosition) -> MultipartPart? {
        switch parsed.source {
        case .attachedFile(let path) where path != "-":
            return MultipartPart(name: parsed.name, content: .file(path: path, filename: parsed.filename), mediaType: parsed.mediaType)
        case .attachedFile(let path), .textFromFile(let path):
            return reader.text(of: path, at: position).map { textPart(parsed, $0, at: position) }
        case .text(let value):
            return textPart(parsed, value, at: position)
        }
    }

    private mutating func textPart(_ parsed: CurlFormArgument, _ value: String, at position: TextPosition) -> MultipartPart {
        if let filename = parsed.filename {
            reader.note("the file name \(filename) of the text part \(parsed.name) is not carried over", at: position)
        }
        return MultipartPart(name: parsed.name, content: .text(value), mediaType: parsed.mediaType)
    }

    mutating func authentication() -> ForeignAuth? {
        if let token = invocation.bearerToken {
            if let user = invocation.user {
                reader.note("both -u and --oauth2-bearer are given; the bearer token is kept", at: user.position)
            }
            return .bearer(token: token)
        }
        guard let user = invocation.user else { return nil }
        guard let colon = user.text.firstIndex(of: ":") else {
            reader.note("-u without a password: curl would ask for it; imported with an empty password", at: user.position)
            return credentials(user: user.text, password: "")
        }
        return credentials(user: String(user.text[..<colon]), password: String(user.text[user.text.index(after: colon)...]))
    }

    private func credentials(user: String, password: String) -> ForeignAuth {
        invocation.authScheme == .digest ? .digest(user: user, password: password) : .basic(user: user, password: password)
    }
}
