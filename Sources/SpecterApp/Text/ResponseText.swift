import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterTerminal

/// What the response pane says, as lines of text with tones: the summary above the body (status,
/// time, size, the schema verdict, or why there is nothing), and the Headers and Request tabs.
/// `update` counts these lines to page and scroll; the view styles and draws them.
enum ResponseText {
    /// Status, time and size, then the schema verdict and mismatches (or why there is nothing).
    static func summary(_ session: OperationSession, width: Int, now: Duration = .zero) -> [[Run]] {
        switch session.status {
        case .idle:
            return [[Run("Nothing sent yet. ", .dim), Run("F5", .key), Run(" or ", .dim), Run("Ctrl-J", .key), Run(" sends the request.", .dim)]]
        case .cancelled:
            return [[Run("Cancelled. ", .warning), Run("F5", .key), Run(" sends the request again.", .dim)]]
        case .sending(_, let since):
            let elapsed = max(Duration.zero, now - since)
            return [[Run(Spinner.frame(Int(elapsed / .milliseconds(100))) + " ", .accent), Run("Sending… " + seconds(elapsed)), Run("  Esc cancels", .dim)]]
        case .failed(let reason):
            return Markdown.wrap([Run("✗ ", .error), Run(reason, .error)], width: width)
        case .received(let exchange):
            guard case .success(let response) = exchange.result else { return [] }
            var lines: [[Run]] = [[Run("\(response.status) \(response.reason)", Tone(.status(response.status))),
                                   Run(" · " + response.duration.millisecondsText + " · " + ByteCount.text(response.body.count), .dim)]]
            if let verdict = exchange.verdict { lines += verdictLines(verdict) }
            if !exchange.fieldErrors.isEmpty { lines.append([Run("The server's messages are shown on the fields they name.", .dim)]) }
            switch exchange.body?.content {
            case .binary?, .large(isText: false)?:
                lines.append([Run("Binary body: " + (exchange.body?.summary ?? "") + " — ", .dim), Run("s", .key), Run(" saves it to a file", .dim)])
            case .large(isText: true)?:
                lines.append([Run("Large body (\(exchange.body?.summary ?? "")), read from its file: no folding — ", .dim), Run("s", .key), Run(" saves it", .dim)])
            case .empty?, .text?, nil:
                break
            }
            return lines
        }
    }

    private static func verdictLines(_ verdict: ResponseVerdict) -> [[Run]] {
        var lines: [[Run]] = [verdict.conforms ? [Run("✓ " + verdict.summary, .success)] : [Run("✗ " + verdict.summary, .warning)]]
        for mismatch in verdict.mismatches.prefix(5) {
            lines.append([Run("  " + (mismatch.readablePath.isEmpty ? "(body)" : mismatch.readablePath), .bold), Run(": " + mismatch.message)])
        }
        if verdict.mismatches.count > 5 { lines.append([Run("  … \(verdict.mismatches.count - 5) more", .dim)]) }
        if verdict.formatWarnings.count > 1 || !verdict.conforms {
            for warning in verdict.formatWarnings.prefix(3) {
                lines.append([Run("  format: ", .dim), Run(warning.readablePath.isEmpty ? "(body)" : warning.readablePath, .bold), Run(" " + warning.message)])
            }
        }
        return lines
    }

    /// The Headers or Request tab's lines, long ones continued on the next (nothing is cut).
    static func lines(_ session: OperationSession, tab: ResponseViewState.Tab, width: Int) -> [[Run]] {
        guard let exchange = session.exchange else { return [[Run("Nothing sent yet: F5 sends the request.", .dim)]] }
        let lines: [[Run]]
        switch tab {
        case .headers: lines = headerLines(exchange)
        case .request: lines = requestLines(exchange.built)
        case .docs, .body: lines = []
        }
        return lines.flatMap { LineWrap.hard($0, width: width) }
    }

    private static func headerLines(_ exchange: Exchange) -> [[Run]] {
        guard case .success(let response) = exchange.result else { return [] }
        var lines = response.headers.fields.map { [Run($0.name.lowercased(), .jsonKey), Run(": " + $0.value)] }
        for hop in response.redirects {
            lines.append([Run("redirect \(hop.status) → \(hop.to.absoluteString)", .dim)]
                         + (hop.dropped.isEmpty ? [] : [Run("  dropped \(hop.dropped.joined(separator: ", ")) (another origin)", .warning)]))
        }
        return lines.isEmpty ? [[Run("No headers", .dim)]] : lines
    }

    /// Exactly what was sent, credentials masked, and the same as a curl command.
    private static func requestLines(_ built: BuiltRequest) -> [[Run]] {
        let redactor = built.redactor
        var lines: [[Run]] = [[Run(built.request.method, Tone(.method(built.request.method))), Run(" " + redactor.redact(built.request.url.absoluteString))]]
        lines += redactor.redact(built.request.headers).fields.map { [Run($0.name, .jsonKey), Run(": " + $0.value)] }
        if let body = built.body {
            lines.append([])
            if body.contentType.hasPrefix("multipart/") {
                lines.append([Run("(multipart body, \(ByteCount.text(body.bytes.count)); files: \(body.files.joined(separator: ", ")))", .dim)])
            } else if let text = String(validating: body.bytes, as: UTF8.self) {
                let shown = (try? JSONParser.parse(body.bytes)).map { JSONWriter.pretty.string($0) } ?? text
                lines += redactor.redact(shown).split(separator: "\n", omittingEmptySubsequences: false).map { [Run(String($0))] }
            } else {
                lines.append([Run("(binary body, \(ByteCount.text(body.bytes.count)))", .dim)])
            }
        }
        lines += [[], [Run("As curl (y copies it):", .header)]]
        lines += CurlCommand.render(built).split(separator: "\n").map { [Run(String($0), .code)] }
        return lines
    }

    static func seconds(_ duration: Duration) -> String {
        let tenths = Int(duration / .milliseconds(100))
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
