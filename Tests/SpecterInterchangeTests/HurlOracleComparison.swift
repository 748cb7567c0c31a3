import Foundation
import SpecterInterchange
import SpecterJSON

/// Compares an imported Hurl request with the curl command `hurl --curl` printed for it: method,
/// URL, headers, cookies, credentials and body, after filling the variables the run had.
struct HurlOracleComparison {
    var variables: [String: String]

    /// What differs; empty when the request says what curl sent.
    func mismatches(_ request: ForeignRequest, _ command: HurlCurlCommand) -> [String] {
        var found: [String] = []
        func expect(_ actual: String?, _ expected: String?, _ what: String) {
            if actual != expected { found.append("\(what): \(actual ?? "nil") ≠ curl's \(expected ?? "nil")") }
        }
        expect(request.method, command.method, "method")
        expect(filled(request.url), command.url, "URL")
        var curlHeaders = command.headers
        let declared = request.header("Content-Type")
        var impliedType: String?? = .none
        if declared == nil, let index = curlHeaders.firstIndex(where: { $0.name.lowercased() == "content-type" }) {
            impliedType = .some(curlHeaders[index].value.isEmpty ? nil : curlHeaders[index].value)
            curlHeaders.remove(at: index)
        }
        if case .basic(let user, let password)? = request.auth, command.user == nil,
           let index = curlHeaders.firstIndex(where: { $0.name == "Authorization" && $0.value == "Basic " + Data((filled("\(user):\(password)") ?? "").utf8).base64EncodedString() }) {
            // [BasicAuth] as this Hurl version sent it: the header rather than --user.
            curlHeaders.remove(at: index)
            expect(nil, command.user, "user")
        } else if case .basic(let user, let password)? = request.auth {
            expect(filled("\(user):\(password)"), command.user, "user")
        } else {
            expect(nil, command.user, "user")
        }
        let headers = request.headers.filter { $0.name != "Cookie" }.map { "\($0.name): \(filled($0.value) ?? "?")" }
        expect(headers.joined(separator: " | "), curlHeaders.map { "\($0.name): \($0.value)" }.joined(separator: " | "), "headers")
        expect(request.headers.last { $0.name == "Cookie" }.flatMap { filled($0.value) }, command.cookie, "cookies")
        // Specter follows redirects as `--location` does; `--location-trusted` it does not do, and must say so.
        let notedTrust = request.notes.contains { $0.message.hasPrefix("option location-trusted") }
        let notedFollow = request.notes.contains { $0.message.hasPrefix("option location: true") }
        if command.trustsRedirects != notedTrust || (command.followsRedirects && notedFollow) {
            found.append("redirects: curl --location \(command.followsRedirects), --location-trusted \(command.trustsRedirects); notes \(request.notes)")
        }
        found += bodyMismatches(request.body, command, mediaType: impliedType.map { $0 } ?? declared)
        return found
    }

    private func bodyMismatches(_ body: ForeignBody?, _ command: HurlCurlCommand, mediaType curlType: String?) -> [String] {
        switch body {
        case nil:
            return command.data.isEmpty && command.dataBinary.isEmpty && command.forms.isEmpty ? [] : ["curl sends a body, the request has none"]
        case .text(let text, let mediaType)?:
            let isJSON = mediaType?.contains("json") == true
            var found: [String] = []
            if [filled(text, json: isJSON)] != command.data.map(Optional.some) { found.append("body: \(text) ≠ curl's \(command.data)") }
            if mediaType != curlType { found.append("media type: \(mediaType ?? "nil") ≠ curl's \(curlType ?? "nil")") }
            return found
        case .form(let fields)?:
            let sent = command.data.map { pair -> String in
                let equals = pair.firstIndex(of: "=") ?? pair.endIndex
                return pair[..<equals] + "=" + (PercentEncoding.decode(String(pair[equals...].dropFirst())) ?? "?")
            }
            let fieldTexts = fields.map { "\($0.name)=\(filled($0.value) ?? "?")" }
            return fieldTexts == sent ? [] : ["form: \(fieldTexts) ≠ curl's \(sent)"]
        case .multipart(let parts)?:
            let matches = parts.count == command.forms.count && zip(parts, command.forms).allSatisfy(partMatches)
            return matches ? [] : ["multipart: \(parts) ≠ curl's \(command.forms)"]
        case .file(let path, let mediaType)?:
            let sent = command.dataBinary.first ?? ""
            var found: [String] = []
            if command.dataBinary.count != 1 || !sent.hasSuffix("/" + (filled(path) ?? "?")) { found.append("file: \(path) ≠ curl's \(sent)") }
            if mediaType != curlType { found.append("media type: \(mediaType ?? "nil") ≠ curl's \(curlType ?? "nil")") }
            return found
        }
    }

    /// `name=value` or `name=@path;type=media/type` (a part without its own media type takes the one curl names).
    private func partMatches(_ part: MultipartPart, _ form: String) -> Bool {
        switch part.content {
        case .text(let value):
            return form == "\(part.name)=\(filled(value) ?? "?")"
        case .file(let path, _):
            let pieces = form.split(separator: ";", maxSplits: 1)
            guard pieces.count == 2, pieces[0].hasPrefix("\(part.name)=@"), pieces[0].hasSuffix("/" + (filled(path) ?? "?")) else { return false }
            return part.mediaType.map { pieces[1] == "type=\($0)" } ?? pieces[1].hasPrefix("type=")
        }
    }

    /// The text with its `{{placeholders}}` filled (inside a JSON body, as JSON string content); nil when one is unknown.
    func filled(_ text: String?, json: Bool = false) -> String? {
        guard let text else { return nil }
        var rest = Substring(text)
        var output = ""
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            guard let value = variables[String(rest[open.upperBound..<close.lowerBound])] else { return nil }
            output += rest[..<open.lowerBound]
            output += json ? value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") : value
            rest = rest[close.upperBound...]
        }
        return output + rest
    }
}
