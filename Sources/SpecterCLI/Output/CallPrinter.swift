import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSchema

/// How `call` shows requests and responses: HTTPie-like text, or one JSON record. Everything from
/// outside is sanitised; secrets are masked.
struct CallPrinter {
    let style: TextStyle
    let redactor: Redactor

    func request(_ built: BuiltRequest) -> String {
        var text = style.apply(.method(built.request.method), built.request.method) + " " + TextStyle.safe(redactor.redact(built.request.url.absoluteString)) + "\n"
        for field in redactor.redact(built.request.headers) {
            text += style.apply(.jsonKey, TextStyle.safe(field.name)) + ": " + TextStyle.safe(field.value) + "\n"
        }
        if let body = built.body {
            text += "\n" + bodyText(body.bytes, mediaType: body.contentType, files: body.files) + "\n"
        }
        return text
    }

    func response(_ exchange: Exchange, response: HTTPResponse, savedTo: String?) -> String {
        let statusRole: TextStyle.Role = response.status < 300 ? .success : response.status < 400 ? .emphasis : .error
        var text = style.apply(statusRole, "\(response.status) \(TextStyle.safe(response.reason))")
        text += style.apply(.dim, " · \(response.duration.millisecondsText) · \(ByteCount.text(response.body.count))") + "\n"
        for field in response.headers {
            text += style.apply(.jsonKey, TextStyle.safe(field.name.lowercased())) + ": " + TextStyle.safe(redactor.redact(field.value)) + "\n"
        }
        if let body = exchange.body {
            switch body.content {
            case .empty: break
            case _ where savedTo != nil:
                text += "\n" + style.apply(.dim, "(body: \(TextStyle.safe(body.summary)) — saved to \(TextStyle.safe(savedTo ?? "")))") + "\n"
            case .binary, .large(isText: false):
                text += "\n" + style.apply(.dim, "(binary body: \(TextStyle.safe(body.summary)) — save it with --output FILE)") + "\n"
            case .large(isText: true):
                text += "\n" + style.apply(.dim, "(body: \(TextStyle.safe(body.summary)), too large to print here (over \(ByteCount.text(ResponseBody.inspectionLimit))) — "
                    + "save it with --output FILE)") + "\n"
            case .text(let content):
                if let json = body.json, body.mediaType.map({ MediaType.isJSON($0) || MediaType.isYAML($0) }) ?? true {
                    text += "\n" + JSONPrinter(style: style).pretty(redactor.redact(json)) + "\n"
                } else {
                    text += "\n" + TextStyle.safeLines(redactor.redact(content)).joined(separator: "\n") + "\n"
                }
            }
        }
        if let verdict = exchange.verdict {
            text += "\n" + (verdict.conforms ? style.apply(.success, "✓ " + TextStyle.safe(verdict.summary)) : style.apply(.warning, "✗ " + TextStyle.safe(verdict.summary))) + "\n"
            for mismatch in verdict.mismatches {
                text += "  " + style.apply(.emphasis, TextStyle.safe(mismatch.readablePath.isEmpty ? "(root)" : mismatch.readablePath)) + ": " + TextStyle.safe(mismatch.message) + "\n"
            }
            if verdict.formatWarnings.count > 1 || (!verdict.conforms && !verdict.formatWarnings.isEmpty) {
                for warning in verdict.formatWarnings {
                    text += style.apply(.dim, "  format warning: ") + TextStyle.safe((warning.readablePath.isEmpty ? "" : warning.readablePath + " ") + warning.message) + "\n"
                }
            }
            if verdict.stopped == .cancelled {
                text += style.apply(.dim, "  the --timeout deadline passed while the body was being checked; allow more with --timeout SECONDS") + "\n"
            }
        }
        if !exchange.fieldErrors.isEmpty {
            text += style.apply(.heading, "The server says:") + "\n"
            for error in exchange.fieldErrors { text += "  " + TextStyle.safe(error.description) + "\n" }
        }
        return text
    }

    private func bodyText(_ bytes: [UInt8], mediaType: String, files: [String]) -> String {
        if mediaType.hasPrefix("multipart/") {
            return style.apply(.dim, "(multipart body, \(ByteCount.text(bytes.count))" + (files.isEmpty ? "" : "; files: " + files.map(TextStyle.safe).joined(separator: ", ")) + ")")
        }
        if MediaType.isJSON(mediaType), let json = try? JSONParser.parse(bytes) {
            return redactor.redact(JSONPrinter(style: style).pretty(json))
        }
        guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
            return style.apply(.dim, "(binary body: \(ByteCount.text(bytes.count)))")
        }
        return TextStyle.safeLines(redactor.redact(text)).joined(separator: "\n")
    }

    // MARK: - JSON records

    func requestRecord(_ built: BuiltRequest) -> JSONValue {
        var record: JSONObject = [
            "method": .string(built.request.method), "url": .string(redactor.redact(built.request.url.absoluteString)),
            "headers": headers(redactor.redact(built.request.headers)),
        ]
        if let body = built.body {
            if MediaType.isJSON(body.contentType), let json = try? JSONParser.parse(body.bytes) {
                record["body"] = redactor.redact(json)
            } else if let text = String(validating: body.bytes, as: UTF8.self), !body.bytes.contains(0), !body.contentType.hasPrefix("multipart/") {
                record["body"] = .string(redactor.redact(text))
            } else {
                record["bodySize"] = .int(body.bytes.count)
            }
            if !body.files.isEmpty { record["files"] = .array(body.files.map(JSONValue.string)) }
        }
        return .object(record)
    }

    func record(_ exchange: Exchange, response: HTTPResponse) -> JSONValue {
        var responseRecord: JSONObject = [
            "status": .int(response.status), "reason": .string(response.reason), "headers": headers(redactor.redact(response.headers), lowercased: true),
            "size": .int(response.body.count), "mediaType": response.mediaType.map(JSONValue.string) ?? .null,
        ]
        switch exchange.body?.content {
        case .text(let text)?: responseRecord["body"] = redactor.redact(exchange.body?.json ?? .string(text))
        case .binary?, .large(isText: false)?: responseRecord["binary"] = .bool(true)
        case .large(isText: true)?: responseRecord["tooLargeToInclude"] = .bool(true)
        default: break
        }
        var record: JSONObject = [
            "request": requestRecord(exchange.built), "response": .object(responseRecord),
            "timeMs": .double((response.duration.milliseconds * 1000).rounded() / 1000),
            "redirects": .array(response.redirects.map { ["status": .int($0.status), "from": .string(redactor.redact($0.from.absoluteString)),
                                                           "to": .string(redactor.redact($0.to.absoluteString)), "dropped": .array($0.dropped.map(JSONValue.string))] }),
        ]
        if let verdict = exchange.verdict {
            record["verdict"] = [
                "conforms": .bool(verdict.conforms), "documentedStatus": verdict.documentedStatus.map(JSONValue.string) ?? .null,
                "mediaType": verdict.documentedMediaType.map(JSONValue.string) ?? .null,
                "mismatches": .array(verdict.mismatches.map { ["path": .string($0.readablePath), "pointer": .string($0.pointer.description), "keyword": .string($0.keyword), "message": .string($0.message)] }),
                "problems": .array(verdict.problems.map(JSONValue.string)),
                "formatWarnings": .array(verdict.formatWarnings.map { ["path": .string($0.readablePath), "pointer": .string($0.pointer.description), "message": .string($0.message)] }),
                "stopped": Self.stopName(verdict.stopped).map(JSONValue.string) ?? .null,
            ]
        }
        if !exchange.fieldErrors.isEmpty { record["fieldErrors"] = .array(exchange.fieldErrors.map { .string($0.description) }) }
        return .object(record)
    }

    /// Why the check stopped early, in the record's words: in `call` only the deadline cancels it.
    private static func stopName(_ stop: ValidationStop?) -> String? {
        switch stop {
        case .cancelled?: return "deadline"
        case .budget?: return "budget"
        case nil: return nil
        }
    }

    /// Response header names are lower-cased, as the text output shows them (HTTP/2 sends them so).
    private func headers(_ headers: HTTPHeaders, lowercased: Bool = false) -> JSONValue {
        .array(headers.fields.map { [.string(lowercased ? $0.name.lowercased() : $0.name), .string($0.value)] })
    }
}
