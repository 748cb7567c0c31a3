import Foundation
import SpecterHTTP
import SpecterInterchange
import SpecterRequest
import SpecterSpec
import Testing
import TestSupport

/// A collection exported to another tool's format and imported back sends the same requests, byte
/// for byte (variables kept as placeholders), with its captures and asserts where the format holds them.
@Suite struct CollectionRoundTripTests {
    static let spec = Fixtures.package("sample-specs/fastapi-pets.json").path

    /// The replay tests' CRUD and auth chains, anchored to the FastAPI description.
    static func original() throws -> URL {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.package("Tests/SpecterCLITests/Fixtures/replay/pets"), label: "round-trip")
        try Data("spec: \(spec)\nserver: http://127.0.0.1:8000\nvariables:\n  pet_name: Rex\n".utf8).write(to: copy.appendingPathComponent("collection.yaml"))
        return copy
    }

    static func exported(_ root: URL, service: DescriptionService) async throws -> CollectionExport {
        let collection = try CollectionStore.open(root)
        return await CollectionExport(collection, items: collection.ordered, service: service, environment: nil, runner: RequestRunner(client: URLSessionHTTPClient()))
    }

    /// The bytes on the wire, as curl would send the request (placeholders kept).
    static func wire(_ request: ForeignRequest) throws -> CurlWireRequest {
        try CurlWireRequest.render(request) { path in throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// What a format carries besides the wire bytes.
    enum Carries { case wireOnly, namesAndCaptures, everything }

    /// A curl script Specter wrote, imported back into the collection it came from, adds only what
    /// the import changes: its requests name their operations by id where the files name method and
    /// path (or the other way round), name no body media type, and carry no captures or asserts, yet
    /// each is a request the collection holds — all but the sign-in, whose literal password the
    /// import turns into a secret.
    @Test func aCurlExportImportedIntoItsCollectionAddsOnlyWhatTheImportChanges() async throws {
        let service = DescriptionService(document: try await SpecLoader().load(Self.spec))
        let root = try Self.original()
        let exported = try await Self.exported(root, service: service)
        let script = InterchangeFormat.curl.write(exported.requests, variables: exported.variables, version: "test")
        // Said once for the whole collection, not for each of its seven checked requests.
        #expect(script.notes.map(\.description) == ["auth/1-token.yaml: captures and asserts are not carried into a curl script (Hurl and .http keep them); nor those of 6 more requests"])
        let read = try InterchangeFormat.curl.read(InterchangeSource(name: "export.sh", text: script.text), companions: [], options: ImportOptions()) { path in
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        let existing = try CollectionStore.open(root)
        let imported = CollectionImport(read, document: service.document, into: ImportTarget(variables: Set(existing.manifest.variables.keys), server: existing.manifest.server,
                                                                                            namesOperationsByRoute: existing.namesOperationsByRoute(in: service)))
        #expect(imported.requests.count == 7)
        let written = try ImportWriter.write(imported, into: root, existing: existing, spec: nil, service: service)
        #expect(written.alreadyThere.count == 6, "\(written.paths)")
        #expect(written.paths.filter { path in !existing.items.contains { $0.path == path } } == ["auth/sign-in.yaml"])
        // Named by method and path, as every request of this collection names its operation.
        let added = String(decoding: try Fixtures.bytes(root.appendingPathComponent("auth/sign-in.yaml")), as: UTF8.self)
        #expect(added.contains("\noperation: POST /token\n"), "\(added)")
    }

    /// Hurl and `.http` carry some checks and spell them their own way (`contains "json"`); Hurl has
    /// no status class (`status == 2xx`): imported back, a request whose checks are all among those
    /// its collection holds is that request, not a new one. The sign-in comes back new, as through curl.
    @Test(arguments: [InterchangeFormat.hurl, .http])
    func anExportImportedIntoItsCollectionAddsOnlyWhatTheImportChanges(_ format: InterchangeFormat) async throws {
        let service = DescriptionService(document: try await SpecLoader().load(Self.spec))
        let root = try Self.original()
        let exported = try await Self.exported(root, service: service)
        let document = format.write(exported.requests, variables: exported.variables, version: "test")
        let read = try format.read(InterchangeSource(name: "export.\(format.rawValue)", text: document.text), companions: [], options: ImportOptions()) { path in
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        let existing = try CollectionStore.open(root)
        let imported = CollectionImport(read, document: service.document, into: ImportTarget(variables: Set(existing.manifest.variables.keys), server: existing.manifest.server))
        let written = try ImportWriter.write(imported, into: root, existing: existing, spec: nil, service: service)
        #expect(written.alreadyThere.count == 6, "\(written.paths)")
        // Hurl's file comments put the sign-in back in its folder; `.http` has no place for them.
        #expect(written.paths.filter { path in !existing.items.contains { $0.path == path } } == [format == .hurl ? "auth/sign-in.yaml" : "sign-in.yaml"], "\(written.paths)")
    }

    func roundTrip(_ format: InterchangeFormat, carries: Carries) async throws {
        let service = DescriptionService(document: try await SpecLoader().load(Self.spec))
        let first = try await Self.exported(try Self.original(), service: service)
        #expect(first.requests.count == 7 && first.notes.isEmpty)
        let document = format.write(first.requests, variables: first.variables, version: "test")
        #expect(!document.notes.contains { $0.message.contains("read back") || $0.message.hasPrefix("not written") }, "\(document.notes)")
        let read = try format.read(InterchangeSource(name: "export.\(format.rawValue)", text: document.text), companions: [], options: ImportOptions()) { path in
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        let imported = CollectionImport(read, document: service.document)
        #expect(imported.matchedCount == 7, "\(imported.notes)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-round-trip-\(UUID().uuidString)")
        _ = try ImportWriter.write(imported, into: folder, existing: nil, spec: Self.spec, service: service)
        let second = try await Self.exported(folder, service: service)
        // The one change an import makes: a literal secret (the sign-in form's password) becomes a reference to it.
        #expect(imported.secrets.map(\.name) == ["password"] && imported.variables["password"] == "secret:password")
        let filled = second.requests.map { request in
            var request = request
            for secret in imported.secrets {
                if case .text(let text, let type)? = request.body { request.body = .text(text.replacingOccurrences(of: "{{\(secret.name)}}", with: secret.value), mediaType: type) }
                if case .form(let fields)? = request.body {
                    request.body = .form(fields.map { FormField(name: $0.name, value: $0.value.replacingOccurrences(of: "{{\(secret.name)}}", with: secret.value)) })
                }
            }
            return request
        }
        let (sent, wanted) = (try filled.map(Self.wire), try first.requests.map(Self.wire))
        #expect(sent.count == wanted.count)
        for (again, before) in zip(sent, wanted) { #expect(again == before) }
        guard carries != .wireOnly else { return }
        #expect(second.requests.map(\.name) == first.requests.map(\.name))
        #expect(second.requests.map(\.captures) == first.requests.map(\.captures))
        if carries == .everything {
            // The same checks, as Specter reads them (`== bearer` and `== "bearer"` are one), apart from those the export names in a note.
            let read = { (lines: [String]) in
                lines.compactMap { try? ReplayAssertion(parsing: $0) }.map { assertion in
                    let value = assertion.expected
                    let unquoted = value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
                    return "\(assertion.query.description) \(assertion.operator.rawValue) \(unquoted)"
                }
            }
            let dropped = document.notes.map(\.message)
            #expect(second.requests.map { read($0.asserts) } == first.requests.map { request in
                read(request.asserts.filter { line in !dropped.contains { $0.contains(line) } })
            }, "\(document.notes)")
        } else {
            // Each assertion is carried, or named in a note of the export.
            let dropped = document.notes.filter { $0.message.hasPrefix("the assertion") }.count
            #expect(second.requests.map(\.asserts.count).reduce(0, +) + dropped == first.requests.map(\.asserts.count).reduce(0, +), "\(document.notes)")
        }
    }

    @Test func throughHTTPFiles() async throws { try await roundTrip(.http, carries: .namesAndCaptures) }
    @Test func throughCurlScripts() async throws { try await roundTrip(.curl, carries: .wireOnly) }
    @Test func throughHurl() async throws { try await roundTrip(.hurl, carries: .everything) }
    @Test func throughHAR() async throws { try await roundTrip(.har, carries: .wireOnly) }
}
