import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSchema

/// How `call` shows a stream as it arrives: one line per event in text (time, position, event name,
/// id, data on one line) with its mismatches below it, or one JSON record per line. Everything from
/// the server is sanitised; secrets are masked.
struct StreamPrinter {
    let style: TextStyle
    let redactor: Redactor

    /// The status line and headers, before the first event.
    func head(_ head: HTTPResponse) -> String {
        let statusRole: TextStyle.Role = head.status < 300 ? .success : head.status < 400 ? .emphasis : .error
        var text = style.apply(statusRole, "\(head.status) \(TextStyle.safe(head.reason))") + style.apply(.dim, " · stream") + "\n"
        for field in head.headers {
            text += style.apply(.jsonKey, TextStyle.safe(field.name.lowercased())) + ": " + TextStyle.safe(redactor.redact(field.value)) + "\n"
        }
        return text + "\n"
    }

    func event(_ event: StreamEvent) -> String {
        var line = style.apply(.dim, Self.seconds(event.time)) + " " + style.apply(.dim, "#\(event.index)")
        if let problem = event.item.problem {
            line += " " + style.apply(.error, "✗ " + (event.item.line.map { "line \($0): " } ?? "") + TextStyle.safe(problem.description))
            if !event.item.data.isEmpty { line += "  " + style.apply(.dim, oneLine(event.item.data)) }
            return line + "\n"
        }
        if let name = event.item.event { line += " " + style.apply(.emphasis, TextStyle.safe(name)) }
        if let id = event.item.id { line += " " + style.apply(.dim, "id=" + TextStyle.safe(id)) }
        if let retry = event.item.retry { line += " " + style.apply(.dim, "retry=\(retry)") }
        line += "  " + (event.item.json.map { JSONWriter.compact.string(redactor.redact($0)) }.map(TextStyle.safe) ?? oneLine(event.item.data))
        var text = line + "\n"
        for mismatch in event.mismatches {
            text += "    " + style.apply(.warning, "✗ ") + style.apply(.emphasis, TextStyle.safe(mismatch.readablePath.isEmpty ? "(root)" : mismatch.readablePath))
                + ": " + TextStyle.safe(mismatch.message) + "\n"
        }
        return text
    }

    /// The closing line (standard error): how the stream ended and what it held.
    func ending(_ state: StreamState, log: StreamLog, check: StreamItemCheck?) -> String {
        var text = "specter: stream \(TextStyle.safe(state.description)) · \(log.received) event\(log.received == 1 ? "" : "s")"
        if let check {
            text += ", \(log.invalid) invalid (checked against the \(check.source.rawValue) of \(TextStyle.safe(check.place)))"
        } else if log.invalid > 0 {
            text += ", \(log.invalid) unreadable"
        }
        return text + "\n"
    }

    // MARK: - JSON records

    func headRecord(_ head: HTTPResponse) -> JSONValue {
        ["response": [
            "status": .int(head.status), "reason": .string(head.reason), "mediaType": head.mediaType.map(JSONValue.string) ?? .null,
            "headers": .array(redactor.redact(head.headers).fields.map { [.string($0.name.lowercased()), .string($0.value)] }),
        ]]
    }

    func record(_ event: StreamEvent) -> JSONValue {
        var record: JSONObject = [
            "index": .int(event.index), "time": .double((event.time.milliseconds).rounded() / 1000),
            "event": event.item.event.map(JSONValue.string) ?? .null, "id": event.item.id.map(JSONValue.string) ?? .null,
            "data": .string(redactor.redact(event.item.data)), "valid": .bool(event.isValid),
        ]
        if let retry = event.item.retry { record["retry"] = .int(retry) }
        if let json = event.item.json { record["json"] = redactor.redact(json) }
        if let line = event.item.line { record["line"] = .int(line) }
        if let problem = event.item.problem { record["problem"] = .string(problem.description) }
        if !event.mismatches.isEmpty {
            record["mismatches"] = .array(event.mismatches.map { ["path": .string($0.readablePath), "pointer": .string($0.pointer.description),
                                                                   "keyword": .string($0.keyword), "message": .string($0.message)] })
        }
        return .object(record)
    }

    func endRecord(_ state: StreamState, log: StreamLog) -> JSONValue {
        var end: JSONObject = ["state": .string(Self.stateName(state)), "events": .int(log.received), "invalid": .int(log.invalid)]
        if case .failed(let error) = state { end["error"] = .string(error.description) }
        return ["end": .object(end)]
    }

    /// A record on one line: JSON strings escape every control character, so no record spans lines.
    func line(_ record: JSONValue) -> String {
        JSONWriter.compact.string(record) + "\n"
    }

    private static func stateName(_ state: StreamState) -> String {
        switch state {
        case .open: return "open"
        case .closedByServer: return "closedByServer"
        case .cancelled: return "cancelled"
        case .timedOut: return "timedOut"
        case .failed: return "failed"
        }
    }

    /// Text data on one line: line breaks shown as `⏎`.
    private func oneLine(_ data: String) -> String {
        TextStyle.safe(redactor.redact(data).replacingOccurrences(of: "\r\n", with: "⏎").replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "\r", with: "⏎"))
    }

    /// `+1.234s`: time since the stream opened.
    static func seconds(_ time: Duration) -> String {
        String(format: "+%.3fs", time.milliseconds / 1000)
    }
}
