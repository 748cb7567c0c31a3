import Foundation
import SpecterInterchange
import SpecterJSON
import Testing
import TestSupport

/// Every Postman file of the corpus imports, with as many requests as the file holds, and
/// Insomnia's expected imports agree with ours except where the reason is listed.
@Suite struct PostmanCorpusTests {
    static let collections = [
        "postman/bruno-roundtrip/Bearer.postman_collection.json", "postman/bruno-roundtrip/Oauth2.postman_collection.json",
        "postman/insomnia-importer/api-key-header-v2_1-input.json", "postman/insomnia-importer/basic-auth-v2_1-input.json",
        "postman/insomnia-importer/bearer-token-v2_0-input.json", "postman/insomnia-importer/complex-v2_0-input.json",
        "postman/insomnia-importer/complex-v2_1-input.json", "postman/insomnia-importer/faker-vars-v2_1-input.json",
        "postman/insomnia-importer/oauth2_0-auth-v2_1-input.json", "postman/insomnia-importer/scripts-import-v2_1-input.json",
        "postman/newman/bom-in-collection-file.postman_collection.json", "postman/newman/custom-http-method.postman_collection.json",
        "postman/newman/dynamic-var-replacement.postman_collection.json", "postman/newman/echo-v2.postman_collection.json",
        "postman/newman/multi-level-folders-v2.postman_collection.json", "postman/newman/multiple-form-values.postman_collection.json",
        "postman/newman/protocol-profile-behavior.postman_collection.json", "postman/newman/sample-collection.json",
        "postman/postman-collection/collection-v2.json",
        "http/kulala-nvim/fixtures/export/export.json", "http/kulala-nvim/fixtures/export/export_1.json",
    ]

    static func imported(_ path: String) throws -> ForeignCollection {
        let text = String(decoding: try Fixtures.bytes(Fixtures.shared("interchange/" + path)), as: UTF8.self)
        return try PostmanImport.read(text, file: path)
    }

    /// Items with a `request`, counted in the file itself (saved example responses not entered).
    static func requestItems(in value: JSONValue) -> Int {
        switch value {
        case .object(let object):
            return (object["request"] == nil ? 0 : 1) + object.members.filter { $0.key != "response" }.map { requestItems(in: $0.value) }.reduce(0, +)
        case .array(let items):
            return items.map(requestItems).reduce(0, +)
        default:
            return 0
        }
    }

    @Test func everyCollectionImportsAllItsRequests() throws {
        var total = 0
        for path in Self.collections {
            let collection = try Self.imported(path)
            let expected = Self.requestItems(in: try JSONParser.parse(try Fixtures.bytes(Fixtures.shared("interchange/" + path))))
            #expect(collection.requests.count == expected, "\(path)")
            #expect(collection.requests.allSatisfy { $0.place.line != nil }, "\(path): every request has its line")
            total += collection.requests.count
        }
        #expect(total == 99)
    }

    @Test func environmentAndGlobalsFilesGiveTheirVariables() throws {
        let environment = try Self.imported("postman/newman/globals-env-data-files.postman_environment.json")
        #expect(environment.environments.map(\.name) == ["testEnv"])
        #expect(environment.environments.first?.variables.map(\.name) == ["hKey", "hburl", "tempKey", "url", "env", "data"])
        #expect(environment.notes.isEmpty)
        let globals = try Self.imported("postman/newman/globals-env-data-files.postman_globals.json")
        #expect(globals.variables.count == 7)
        #expect(globals.variables.first == ForeignVariable(name: "full_global_url", value: "https://postman-echo.com/get"))
    }

    static let insomniaCollections = [
        "api-key-header-v2_1-input.json", "basic-auth-v2_1-input.json", "bearer-token-v2_0-input.json", "complex-v2_0-input.json",
        "complex-v2_1-input.json", "faker-vars-v2_1-input.json", "oauth2_0-auth-v2_1-input.json", "scripts-import-v2_1-input.json",
    ]

    /// Every way our import differs from Insomnia's expected one, and why.
    static let knownDifferences: KeyValuePairs<String, String> = [
        "complex-v2_0-input.json #1: auth": "Insomnia turns an `Authorization: Basic` header into basic auth; we keep the header as written",
        "complex-v2_0-input.json #2: auth": "the same: the header stays a header",
        "complex-v2_0-input.json #6: body": "GraphQL: Insomnia keeps its own application/graphql type with the variables as a JSON string; we send what Postman sends, application/json with the variables as JSON",
        "complex-v2_1-input.json #1: auth": "as in v2.0: the header stays a header",
        "complex-v2_1-input.json #2: auth": "the same",
        "complex-v2_1-input.json #6: url, body": "the file's url object says raw `/graphql/` but path `api`: Postman sends the parts (as we do), Insomnia reads raw; the body as in v2.0",
        "oauth2_0-auth-v2_1-input.json #1: auth": "OAuth 2 is not a Specter auth: a note says so",
        "oauth2_0-auth-v2_1-input.json #2: auth": "OAuth 2, noted",
        "oauth2_0-auth-v2_1-input.json #3: auth": "OAuth 2, noted",
        "oauth2_0-auth-v2_1-input.json #4: auth": "OAuth 2, noted",
        "oauth2_0-auth-v2_1-input.json #5: auth": "OAuth 2, noted",
    ]

    @Test func insomniaExpectsTheSameRequests() throws {
        var agreeing = 0
        var differences: [String] = []
        for name in Self.insomniaCollections {
            let ours = try Self.imported("postman/insomnia-importer/" + name)
            let theirs = InsomniaSnapshot.requests(try InsomniaSnapshot.export("postman > " + name))
            #expect(ours.requests.count == theirs.count, "\(name)")
            for (index, (mine, insomnia)) in zip(ours.requests, theirs).enumerated() {
                let expected = InsomniaSnapshot.foreign(insomnia)
                var aspects: [String] = []
                if mine.method != expected.method { aspects.append("method") }
                if mine.url != expected.url { aspects.append("url") }
                if mine.headers != expected.headers { aspects.append("headers") }
                if mine.body != expected.body { aspects.append("body") }
                let unsupported = InsomniaSnapshot.unsupportedAuth(insomnia)
                if mine.auth != expected.auth || unsupported != nil { aspects.append("auth") }
                if let unsupported {
                    #expect(mine.notes.contains { $0.message.contains("\(unsupported) authorization is not supported") })
                }
                if aspects.isEmpty { agreeing += 1 } else { differences.append("\(name) #\(index + 1): \(aspects.joined(separator: ", "))") }
            }
        }
        #expect(agreeing == 11)
        #expect(differences == Self.knownDifferences.map(\.key))
    }

    @Test func insomniaExpectsTheSameVariables() throws {
        let environment = try Self.imported("postman/insomnia-importer/postman-env-basic-input.json")
        let expected = try InsomniaSnapshot.export("postman-env > basic-input.json")["resources"]?[0]
        #expect(environment.environments.first?.name == expected?["name"]?.stringValue)
        #expect(environment.environments.first?.variables.map { JSONObject.Member(key: $0.name, value: .string($0.value)) }.map(\.key)
            == expected?["data"]?.objectValue?.keys)
        #expect(environment.environments.first?.variables.first?.value == expected?["data"]?["foo"]?.stringValue)
        #expect(environment.notes.map(\.message) == ["variable bar is switched off: left out"])

        let scripts = try Self.imported("postman/insomnia-importer/scripts-import-v2_1-input.json")
        let group = try InsomniaSnapshot.export("postman > scripts-import-v2_1-input.json")["resources"]?[0]
        let theirs = (group?["variable"]?.objectValue?.members ?? []).map {
            ForeignVariable(name: $0.key, value: ($0.value.stringValue ?? "").replacingOccurrences(of: "{{_['env-var-in-global']}}", with: "{{env-var-in-global}}"))
        }
        #expect(scripts.variables.sorted { $0.name < $1.name } == theirs.sorted { $0.name < $1.name })
    }
}
