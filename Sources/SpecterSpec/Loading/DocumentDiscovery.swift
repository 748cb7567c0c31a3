import Foundation
import SpecterHTTP
import SpecterJSON

/// Fetches documents over HTTP, and finds the API description behind a bare server URL.
struct DocumentDiscovery: Sendable {
    /// Where frameworks publish their description (FastAPI, Flask/APIFlask/flasgger, Spring, ASP.NET …), most common first.
    static let wellKnownPaths = [
        "openapi.json", "openapi.yaml", "openapi.yml", "swagger.json", "swagger.yaml", "v3/api-docs", "swagger/v1/swagger.json",
        "apispec_1.json", "api/openapi.json", "api/swagger.json", "v2/api-docs", "api-docs", "docs/openapi.json", "api/v1/openapi.json",
    ]

    static let accept = "application/vnd.oai.openapi+json, application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.5"

    let client: any HTTPClient
    let options: HTTPOptions

    /// The root document at `url`; when `url` is a server (bare or not a description), the well-known places below it.
    func fetchRoot(_ url: URL) async throws(SpecError) -> LoadedDocument {
        var tried: [String] = []
        let path = url.path
        let looksBare = path.isEmpty || path == "/" || URL(fileURLWithPath: path).pathExtension.isEmpty
        if !(path.isEmpty || path == "/") {
            switch await attempt(url) {
            case .found(let document): return document
            case .failed(let error): throw error
            case .notADescription(let reason):
                tried.append("\(url.absoluteString) (\(reason))")
                if !looksBare {
                    throw SpecError("no API description at \(url.absoluteString): \(reason)")
                }
            }
        }
        let base = url.absoluteString.hasSuffix("/") ? url : url.appendingPathComponent("")
        for candidatePath in Self.wellKnownPaths {
            guard let candidate = URL(string: candidatePath, relativeTo: base)?.absoluteURL else { continue }
            switch await attempt(candidate) {
            case .found(let document): return document
            case .failed(let error): throw error
            case .notADescription(let reason): tried.append("\(candidate.path) (\(reason))")
            }
        }
        throw SpecError("found no OpenAPI description at \(url.absoluteString); tried " + tried.joined(separator: ", ")
            + ". Pass the description's URL itself.")
    }

    /// A referenced document: fetched and parsed, no discovery.
    func fetchDocument(_ url: URL) async throws(SpecError) -> LoadedDocument {
        let response = try await get(url)
        guard (200..<300).contains(response.status) else {
            throw SpecError("HTTP \(response.status) \(response.reason) for \(url.absoluteString)")
        }
        return try DocumentParser.parse(try Self.bytes(of: response), url: response.url, mediaType: response.mediaType, displayName: response.url.absoluteString)
    }

    /// The whole body of a fetched description (the client's body limit has already bounded it).
    private static func bytes(of response: HTTPResponse) throws(SpecError) -> [UInt8] {
        guard let bytes = response.body.load(upTo: .max) else {
            throw SpecError("cannot read the \(ByteCount.text(response.body.count)) description fetched from \(response.url.absoluteString)")
        }
        return bytes
    }

    private enum Attempt {
        case found(LoadedDocument)
        case notADescription(String)
        case failed(SpecError)
    }

    private func attempt(_ url: URL) async -> Attempt {
        let response: HTTPResponse
        do {
            response = try await get(url)
        } catch {
            return .failed(error)
        }
        guard (200..<300).contains(response.status) else { return .notADescription("HTTP \(response.status)") }
        if let mediaType = response.mediaType, mediaType.contains("html") { return .notADescription("an HTML page") }
        guard let bytes = try? Self.bytes(of: response),
              let document = try? DocumentParser.parse(bytes, url: response.url, mediaType: response.mediaType, displayName: url.absoluteString) else {
            return .notADescription("not JSON or YAML")
        }
        guard document.value["openapi"] != nil || document.value["swagger"] != nil else {
            return .notADescription("no openapi or swagger field")
        }
        return .found(document)
    }

    private func get(_ url: URL) async throws(SpecError) -> HTTPResponse {
        do {
            return try await client.send(HTTPRequest(url: url, headers: ["Accept": Self.accept]), options: options)
        } catch {
            throw SpecError("cannot fetch the description \(url.absoluteString): \(error.description)", kind: error.meansUnreachable ? .unreachable : .unreadable)
        }
    }
}
