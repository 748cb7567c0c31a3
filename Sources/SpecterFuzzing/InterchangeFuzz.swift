import Foundation
import SpecterInterchange
import SpecterJSON
import SpecterSpec

/// Text from other tools as the importers meet it: the first byte chooses the format (curl, `.http`,
/// Postman, HAR, Hurl), the rest is the file. A source either reads or is refused with its place;
/// what reads is matched to a small description and written back in every export format, and what
/// is written reads again.
enum InterchangeFuzz {
    /// A description with a path parameter, a query parameter and a bearer scheme, for the matcher.
    private static let document: APIDocument? = blocking {
        let text = #"{"openapi": "3.0.3", "info": {"title": "f", "version": "1"}, "servers": [{"url": "http://h/v1"}],"#
            + #""paths": {"/pets/{id}": {"get": {"operationId": "get", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},"#
            + #"{"name": "q", "in": "query", "schema": {"type": "string"}}], "security": [{"b": []}], "responses": {"200": {"description": "ok"}}}}},"#
            + #""components": {"securitySchemes": {"b": {"type": "http", "scheme": "bearer"}}}}"#
        return try? await loader.load(bytes: Array(text.utf8), url: URL(fileURLWithPath: "/fuzz/pets.json"), displayName: "pets.json")
    } ?? nil

    static func run(_ data: [UInt8]) {
        guard let first = data.first, data.count <= 64 << 10 else { return }
        let format = InterchangeFormat.allCases[Int(first) % InterchangeFormat.allCases.count]
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        let read: ForeignCollection
        do throws(InterchangeReadError) {
            read = try format.read(InterchangeSource(name: "fuzz", text: text), companions: [], options: ImportOptions()) { path in
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            FuzzCheck.require(error.description.hasPrefix("fuzz"), "a refusal that does not name the file: \(error.description)")
            return
        }
        if let document {
            let imported = CollectionImport(read, document: document)
            FuzzCheck.require(imported.requests.count == read.requests.count, "an imported request went missing")
        }
        for export in InterchangeFormat.exportable {
            let written = export.write(read.requests, variables: read.variables, version: "fuzz")
            do throws(InterchangeReadError) {
                _ = try export.read(InterchangeSource(name: "fuzz-\(export.rawValue)", text: written.text), companions: [], options: ImportOptions()) { path in
                    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
                }
            } catch {
                FuzzCheck.require(false, "a \(export.rawValue) export does not read back: \(error)\n\(written.text)")
            }
        }
    }
}
