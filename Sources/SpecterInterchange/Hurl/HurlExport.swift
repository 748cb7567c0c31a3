import Foundation
import SpecterRequest

/// A `.hurl` file written from requests, and what it could not say.
public struct HurlExportResult: Sendable, Equatable {
    public var text: String
    /// What Hurl cannot carry (a digest credential, a status class, an `in` assertion), each at
    /// the place of the request it belongs to.
    public var notes: [ImportNote]

    public init(text: String, notes: [ImportNote]) {
        self.text = text
        self.notes = notes
    }
}

/// Writes requests as a Hurl file (https://hurl.dev): one entry each, with a response section
/// holding their captures and assertions in Hurl's terms, so `hurl --test` checks what Specter's
/// replay checks. Reading the file back with `HurlImport` gives the same requests.
public enum HurlExport {
    /// `version` (Specter's) heads the file and marks it as Specter's: each entry then says its file
    /// in the collection, and which of its variables are environment variables to Specter, so an
    /// import of the file puts each request back where it was, as it was.
    public static func file(for collection: ForeignCollection, version: String? = nil) -> HurlExportResult {
        var notes: [ImportNote] = []
        var options: [String] = []
        for variable in collection.variables {
            if variable.isSecret {
                notes.append(ImportNote(place: SourcePlace(file: "variables"), "the secret variable \(variable.name) is not written (pass it with --secret)"))
            } else {
                options.append("variable: \(HurlEscaping.value("\(variable.name)=\(variable.value)"))")
            }
        }
        for environment in collection.environments {
            notes.append(ImportNote(place: SourcePlace(file: "environments"), "the environment \(environment.name) is not written (Hurl takes --variables-file)"))
        }
        var result = file(for: collection.requests, firstOptions: options, version: version)
        result.notes = notes + result.notes
        return result
    }

    public static func file(for requests: [ForeignRequest]) -> HurlExportResult {
        file(for: requests, firstOptions: [], version: nil)
    }

    private static func file(for requests: [ForeignRequest], firstOptions: [String], version: String?) -> HurlExportResult {
        var entries: [String] = []
        var notes: [ImportNote] = []
        for request in requests {
            var writer = HurlEntryWriter(request: request, headed: version != nil)
            let lines = writer.lines(options: entries.isEmpty ? firstOptions : [])
            notes += writer.notes.map { ImportNote(place: request.place, $0) }
            guard !lines.isEmpty else { continue }
            // An entry that would not read back (and so would break the file for those after it) is left out, named.
            var templateNotes: [String] = []
            let written = lines.joined(separator: "\n")
            var named: Set<String> = []
            let environment = version == nil ? [] : Placeholders.environmentNames(in: written).filter { named.insert($0).inserted }.map {
                SpecterExportComments.environmentRead(variable: CurlScript.shellName($0), environment: $0)
            }
            let entry = (environment + [HurlTemplates.exported(written, notes: &templateNotes)]).joined(separator: "\n")
            notes += templateNotes.map { ImportNote(place: request.place, $0) }
            do throws(HurlSyntaxError) {
                _ = try HurlImport.collection(from: entry + "\n", file: request.place.file)
                entries.append(entry)
            } catch {
                notes.append(ImportNote(place: request.place, "not written: as a Hurl entry it would not read (\(error.message))"))
            }
        }
        let header = version.map { SpecterExportComments.header(count: entries.count, version: $0) + "\n\n" } ?? ""
        return HurlExportResult(text: header + entries.map { $0 + "\n" }.joined(separator: "\n"), notes: notes)
    }
}

/// One request as a Hurl entry.
struct HurlEntryWriter {
    let request: ForeignRequest
    /// Its heading names its file too (`# Sold pets (pets/sold-pets.yaml)`), as in a file Specter heads.
    let headed: Bool
    private(set) var notes: [String] = []

    init(request: ForeignRequest, headed: Bool) {
        self.request = request
        self.headed = headed
    }

    mutating func lines(options: [String]) -> [String] {
        guard !request.method.isEmpty, request.method.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            notes.append("the method \(request.method) cannot be written in Hurl (upper-case letters only); the request is left out")
            return []
        }
        var lines = headed ? [SpecterExportComments.heading(name: request.name ?? request.method + " " + request.url, file: request.place.file)]
            : request.name.map { ["# " + SpecterExportComments.oneLine($0)] } ?? []
        var url = request.url
        var headers = request.headers
        lines.append("\(request.method) \(HurlEscaping.value(credentialsAsRequestParts(url: &url, headers: &headers)))")
        let body = request.body.map(HurlBodyExport.write)
        notes += body?.notes ?? []
        if let declared = declaredMediaType(body), request.header("Content-Type") == nil {
            headers.append(ForeignHeader(name: "Content-Type", value: declared))
        }
        lines += headers.map { "\(HurlEscaping.key($0.name)): \(HurlEscaping.value($0.value))" }
        if !options.isEmpty { lines += ["[Options]"] + options }
        if case .basic(let user, let password)? = request.auth {
            if user.isEmpty {
                // A key-value line needs a key: an empty user goes as the header itself.
                lines.append("Authorization: " + HurlEscaping.value("Basic " + Data((user + ":" + password).utf8).base64EncodedString()))
            } else {
                lines += ["[BasicAuth]", "\(HurlEscaping.key(user)): \(HurlEscaping.value(password))"]
            }
        }
        lines += (body?.sectionLines ?? []) + (body?.bodyLines ?? [])
        return lines + responseLines()
    }

    /// The media type to declare with a header: the body's, when Hurl would not send it by itself.
    private func declaredMediaType(_ body: HurlBodyExport.Written?) -> String? {
        switch request.body {
        case .text(_, let mediaType?)?, .file(_, let mediaType?)?:
            return mediaType == body?.impliedMediaType ? nil : mediaType
        default:
            return nil
        }
    }

    /// Credentials other than Basic become what they send: a header or a query parameter.
    private mutating func credentialsAsRequestParts(url: inout String, headers: inout [ForeignHeader]) -> String {
        switch request.auth {
        case .bearer(let token)?:
            headers.append(ForeignHeader(name: "Authorization", value: "Bearer \(token)"))
            notes.append("the bearer token is written as an Authorization header")
        case .apiKey(let name, let value, let inQuery)?:
            if inQuery {
                url += (url.contains("?") ? "&" : "?") + HurlQueryString.encoded(name, keeping: HurlQueryString.nameSafe) + "=" + HurlQueryString.encoded(value, keeping: HurlQueryString.valueSafe)
            } else {
                headers.append(ForeignHeader(name: name, value: value))
            }
            notes.append("the API key \(name) is written as a \(inQuery ? "query parameter" : "header")")
        case .digest?:
            notes.append("Hurl has no per-request digest credentials (hurl --digest); not written")
        case .basic?, nil:
            break
        }
        return url
    }

    // MARK: Response

    private mutating func responseLines() -> [String] {
        var asserts = request.asserts
        let statusIndex = asserts.firstIndex { Self.exactStatus($0) != nil }
        let status = statusIndex.flatMap { Self.exactStatus(asserts[$0]) }
        if let statusIndex { asserts.remove(at: statusIndex) }
        var captures: [String] = []
        for capture in request.captures { captureLine(capture).map { captures.append($0) } }
        var assertions: [String] = []
        for assertion in asserts { assertionLine(assertion).map { assertions.append($0) } }
        guard status != nil || !captures.isEmpty || !assertions.isEmpty else { return [] }
        var lines = ["HTTP \(status.map(String.init) ?? "*")"]
        if !captures.isEmpty { lines += ["[Captures]"] + captures }
        if !assertions.isEmpty { lines += ["[Asserts]"] + assertions }
        return lines
    }

    /// 200 for `status == 200`.
    private static func exactStatus(_ assertion: String) -> Int? {
        let words = assertion.split(separator: " ")
        guard words.count == 3, words[0] == "status", words[1] == "==", words[2].count == 3 else { return nil }
        return Int(words[2])
    }

    private mutating func captureLine(_ capture: ForeignCapture) -> String? {
        do {
            return "\(HurlEscaping.key(capture.variable)): \(try HurlCheckExport.capture(capture.query))"
        } catch {
            notes.append("capture \(capture.variable): \(error.reason); not written")
            return nil
        }
    }

    private mutating func assertionLine(_ assertion: String) -> String? {
        do {
            return try HurlCheckExport.assertion(assertion)
        } catch {
            notes.append("assert \(assertion): \(error.reason); not written")
            return nil
        }
    }
}
