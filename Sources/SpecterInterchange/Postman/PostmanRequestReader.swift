import Foundation
import SpecterJSON

/// Turns one Postman request item into a `ForeignRequest`, with its scope's auth and tests and a
/// note for everything it cannot carry.
struct PostmanRequestReader {
    let item: JSONValue
    let name: String?
    let label: String
    let scope: PostmanScope
    let place: SourcePlace

    enum Outcome {
        case request(ForeignRequest)
        /// The item has nothing to send; the note says so.
        case skipped(ImportNote)
    }

    func read() -> Outcome {
        guard let request = item["request"], let url = request.stringValue ?? request["url"].flatMap(PostmanURL.text), !url.isEmpty else {
            return .skipped(note("it has no request URL: left out"))
        }
        var notes: [ImportNote] = []
        let headers = Self.headers(request["header"])
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value
        let body = request["body"].map { PostmanBody.read($0, contentType: contentType) } ?? PostmanBody.Reading()
        notes += body.problems.map { note($0 + ": body left out") }
        var foreign = ForeignRequest(name: name, method: (request["method"]?.stringValue ?? "GET").uppercased(), url: url,
                                     headers: headers, body: body.body, place: place)
        foreign.folder = scope.folders
        foreign.auth = auth(request["auth"], notes: &notes)
        for translation in scope.tests {
            foreign.asserts += translation.asserts
            foreign.captures += translation.captures
        }
        for script in PostmanScript.events(item["event"]) {
            if let translation = script.translation {
                foreign.asserts += translation.asserts
                foreign.captures += translation.captures
            } else {
                notes.append(note(Self.scriptNote(script)))
            }
        }
        notes += Self.optionNotes(item).map(note)
        var dynamic = PostmanDynamicVariables()
        foreign = dynamic.rewrite(foreign)
        notes += Self.dynamicNotes(dynamic).map(note)
        foreign.notes = notes
        return .request(foreign)
    }

    private func note(_ message: String) -> ImportNote {
        ImportNote(place: place, "\(label): \(message)")
    }

    private func auth(_ own: JSONValue?, notes: inout [ImportNote]) -> ForeignAuth? {
        guard let block = own.flatMap({ $0.isNull ? nil : $0 }) ?? scope.auth else { return nil }
        switch PostmanAuth.read(block) {
        case .none: return nil
        case .credentials(let auth): return auth
        case .unsupported(let type):
            notes.append(note("\(type) authorization is not supported: not carried over"))
            return nil
        }
    }

    /// Headers in order, switched-off ones left out; v2.0 may write them as one `Name: value` text.
    static func headers(_ value: JSONValue?) -> [ForeignHeader] {
        if let text = value?.stringValue {
            return text.split(whereSeparator: \.isNewline).compactMap { line in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return ForeignHeader(name: line[..<colon].trimmingCharacters(in: .whitespaces),
                                     value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
        }
        return (value?.arrayValue ?? []).filter { !$0.isSwitchedOff }.compactMap { header in
            header["key"]?.scalarText.map { ForeignHeader(name: $0, value: header["value"]?.scalarText ?? "") }
        }
    }

    static func scriptNote(_ script: PostmanScript) -> String {
        let kind = script.listen == .test ? "test script" : "pre-request script"
        return "\(kind) not carried over (\(script.lines.count) line\(script.lines.count == 1 ? "" : "s"), starting \(script.summary))"
    }

    /// Settings of an item, folder or collection that change how Postman sends and Specter does not keep.
    /// `disableBodyPruning` is left unsaid: Specter sends a GET's body anyway.
    static func optionNotes(_ level: JSONValue) -> [String] {
        var notes: [String] = []
        let behavior = (level["protocolProfileBehavior"]?.objectValue?.keys ?? []).filter { $0 != "disableBodyPruning" }
        if !behavior.isEmpty { notes.append("protocol settings not carried over: \(behavior.joined(separator: ", "))") }
        for setting in ["proxy", "certificate"] where level[setting] != nil {
            notes.append("its \(setting) setting is not carried over")
        }
        return notes
    }

    static func dynamicNotes(_ dynamic: PostmanDynamicVariables) -> [String] {
        var notes: [String] = []
        if dynamic.boundedRandomInt {
            notes.append("Postman's {{$randomInt}} has no bounds (0 to 1000): written {{$randomInt \(PostmanDynamicVariables.randomIntBounds)}}")
        }
        if !dynamic.unknown.isEmpty {
            notes.append("Postman's dynamic variables \(dynamic.unknown.map { "{{\($0)}}" }.joined(separator: ", ")) have no Specter equivalent: kept as written")
        }
        return notes
    }
}
