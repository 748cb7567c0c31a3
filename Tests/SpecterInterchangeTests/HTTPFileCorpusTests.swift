import Foundation
import SpecterInterchange
import Testing
import TestSupport

/// Every `.http` file of the shared corpus (`interchange/http`), with the expectations read off the files by hand.
@Suite struct HTTPFileCorpusTests {
    /// Request count and methods of every file, in file order (none of the corpus files is meant to be invalid).
    static let expectedMethods: [String: [String]] = [
        "eshop/Catalog.API.http": ["GET", "GET", "GET", "GET", "GET", "PUT"],
        "httpyac/api/argocd.http": ["POST", "GET", "POST"],
        "httpyac/api/github.http": ["POST", "POST"],
        "httpyac/api/httpbin.http": ["DELETE", "GET", "PATCH", "POST", "PUT", "DELETE", "GET", "PATCH", "POST", "PUT"],
        "httpyac/intellij/postrequestscript.http": ["POST"],
        "httpyac/metaData/name.http": ["GET", "POST"],
        "httpyac/project/auth/clientCertifcate.http": Array(repeating: "GET", count: 6),
        "httpyac/project/formats/multipartFormData.http": ["POST", "POST"],
        "httpyac/project/formats/odata.http": ["POST"],
        "httpyac/project/http/requestAndResponse.http": ["GET", "GET"],
        "httpyac/project/intellijEnvironments/test.http": ["GET"],
        "httpyac/request/requestBody/multipartFormData.http": ["POST"],
        "httpyac/request/requestBody/requestBodyImport.http": ["POST"],
        "httpyac/request/requestlineMultiline.http": ["GET"],
        "httpyac/script/intellij.http": ["POST", "POST"],
        "httpyac/script/intellij_prerequest.http": ["POST"],
        "httpyac/variables/basicAuth.http": ["GET"],
        "httpyac/variables/intellij.http": ["GET"],
        "httpyac/variables/oauth2/intellij/test.http": ["GET"],
        "httpyac/variables/restClient.http": Array(repeating: "GET", count: 25),
        "ktor-docs/auth-jwt-hs256/requests.http": ["POST", "GET"],
        "ktor-docs/call-id/request.http": ["GET"],
        "ktor-docs/migrating-express/7_receive_request/post.http": ["POST", "POST", "POST", "POST", "POST"],
        "ktor-docs/server-websockets/websocket.http": ["WEBSOCKET"],
        "ktor-docs/session-header-server/requests.http": ["GET", "GET", "GET", "GET"],
        "ktor-docs/tutorial-server-restful-api/REST Task Manager.http": ["GET", "POST", "DELETE"],
        "ktor-docs/upload-file/post.http": ["POST"],
        "kulala-nvim/demos/2.variables.http": ["GET", "GET", "GET"],
        "kulala-nvim/demos/3.access-token.http": ["POST", "GET", "GET"],
        "kulala-nvim/demos/5.script.http": ["POST", "POST", "POST", "POST", "POST", "GET", "GET"],
        "kulala-nvim/fixtures/export/export_1.http": ["POST", "GET", "GET", "POST", "POST"],
        "kulala-nvim/fixtures/export/export_2.http": ["POST", "GET", "POST", "POST"],  // the GRAPHQL request is sent as a POST
        "kulala-nvim/fixtures/export/export_3.http": ["POST", "POST"],
        "kulala-nvim/fixtures/format.http": ["GET", "GET", "GET", "GET", "POST", "GET", "GET"],
        "kulala-nvim/fixtures/formatted.http": ["GET", "GET", "GET", "GET", "POST", "GET", "GET"],
        "kulala-nvim/requests/advanced_B.http": ["POST"],
        "kulala-nvim/requests/advanced_C.http": ["POST"],
        "kulala-nvim/requests/advanced_E.http": ["POST", "POST", "POST"],
        "kulala-nvim/requests/chain.http": ["POST", "POST"],
        "kulala-nvim/requests/report.http": ["POST", "GET"],
    ]

    @Test func everyFileReadsWithTheRequestsItHolds() throws {
        let files = try HTTPCorpus.requestFiles()
        #expect(files.sorted() == Self.expectedMethods.keys.sorted())
        var total = 0
        for file in files {
            let collection = try HTTPCorpus.collection(file)
            #expect(collection.requests.map(\.method) == Self.expectedMethods[file], "\(file)")
            total += collection.requests.count
        }
        #expect(files.count == 40)
        #expect(total == 134)
    }

    @Test func urlsAsWritten() throws {
        let expected: [String: [String]] = [
            "eshop/Catalog.API.http": ["{{Catalog.API_HostAddress}}/openapi/v1.json", "{{Catalog.API_HostAddress}}/api/catalog/items?api-version={{ApiVersion}}",
                                       "{{Catalog.API_HostAddress}}/api/catalog/items/type/1/brand/2?api-version={{ApiVersion}}",
                                       "{{Catalog.API_HostAddress}}/api/catalog/items/463/pic?api-version=99",
                                       "{{Catalog.API_HostAddress}}/api/catalog/items/463/pic?api-version={{ApiVersion}}",
                                       "{{Catalog.API_HostAddress}}/api/catalog/items?api-version={{ApiVersion}}"],
            "httpyac/request/requestlineMultiline.http": ["https://httpbin.org/get"],
            "httpyac/project/http/requestAndResponse.http": ["/json", "/json"],
            "httpyac/variables/intellij.http": ["https://httpbin.org/anything?$timestamp={{$timestamp}}&$uuid={{$uuid}}&$random.uuid={{$uuid}}&$randomInt={{$randomInt}}"
                + "&$isoTimestamp={{$isoTimestamp}}&$random.integer={{$randomInt 2 7}}&$random.float={{$random.float(2, 8)}}"
                + "&$random.alphabetic={{$random.alphabetic(50)}}&$random.email={{$random.email}}&$random.hexadecimal={{$random.hexadecimal(3)}}"],
            "kulala-nvim/fixtures/export/export_2.http": ["https://httpbin.org/post", "https://httpbin.org/get?param1=value1&param2=value",
                                                          "https://swapi-graphql.netlify.app/graphql", "{{URL}}/post"],
            "kulala-nvim/fixtures/export/export_1.http": ["https://httpbin.org/post", "https://httpbin.org/get?param1=value1&param2=value",
                                                          "https://httpbin.org:443/get?param1=value1&param2=value#fragment", "httpbin.org/post", "https://httpbin.org/post"],
            "ktor-docs/tutorial-server-restful-api/REST Task Manager.http": ["http://0.0.0.0:8080/tasks/byPriority/Medium", "http://0.0.0.0:8080/tasks", "http://0.0.0.0:8080/tasks/gardening"],
            "ktor-docs/server-websockets/websocket.http": ["ws://0.0.0.0:8080/echo"],
        ]
        for (file, urls) in expected {
            #expect(try HTTPCorpus.collection(file).requests.map(\.url) == urls, "\(file)")
        }
        let restClient = try HTTPCorpus.collection("httpyac/variables/restClient.http").requests.map(\.url)
        #expect(Array(restClient.prefix(5)) == ["/anything?q={{$uuid}}", "/anything?q={{$randomInt 100 199}}", "/anything?q={{$randomInt -100 99}}",
                                                "/anything?q={{$randomInt -100 -51}}", "/anything?q={{$randomInt -50 -100}}"])
        #expect(restClient[9] == "/anything?q={{$isoTimestamp}}")
        #expect(restClient.suffix(2) == ["/anything?q={{$env USER2}}", "/anything?q={{$env USER2}}"])
    }

    @Test func namesVariablesAndEnvironments() throws {
        let jwt = try HTTPCorpus.collection("ktor-docs/auth-jwt-hs256/requests.http")
        #expect(jwt.requests.map(\.name) == ["Step 1. Retrieve and save a JWT token.", "Step 2. Use a JWT token to authorize."])
        #expect(jwt.requests[0].captures == [ForeignCapture(variable: "auth_token", query: "$.token")])
        #expect(jwt.requests[1].auth == .bearer(token: "{{auth_token}}"))

        let eshop = try HTTPCorpus.collection("eshop/Catalog.API.http")
        #expect(eshop.variables == [ForeignVariable(name: "Catalog.API_HostAddress", value: "http://localhost:5222"), ForeignVariable(name: "ApiVersion", value: "1.0")])

        let private_ = try HTTPCorpus.collection("httpyac/variables/oauth2/intellij/test.http")
        #expect(private_.environments.map(\.name) == ["local"])
        #expect(private_.environments[0].variables.allSatisfy { $0.isSecret })
        #expect(private_.environments[0].variables.map(\.name) == ["username", "password", "tokenUrl", "authUrl", "clientSecret"])

        let kulala = try HTTPCorpus.collection("kulala-nvim/requests/advanced_B.http")
        #expect(kulala.environments.map(\.name) == ["dev", "prod"])
        #expect(kulala.environments[1].variables.map(\.name) == ["DEFAULT_TIMEOUT", "PASSWORD", "USERNAME", "auth_header", "pokemon"])
        #expect(kulala.environments[0].variables.contains(ForeignVariable(name: "deep.nested.var", value: "deep-nested-variable")))
    }

    @Test func scriptsCapturesAndReferences() throws {
        let intellij = try HTTPCorpus.collection("httpyac/script/intellij.http")
        #expect(intellij.requests[0].captures == [ForeignCapture(variable: "email", query: "$.form.email")])  // from ./intellij.js
        #expect(intellij.requests[0].asserts == ["status == 200"])
        #expect(intellij.requests[1].captures == [ForeignCapture(variable: "email", query: "$.form.email")])

        let session = try HTTPCorpus.collection("ktor-docs/session-header-server/requests.http")
        #expect(session.requests[0].captures == [ForeignCapture(variable: "cart_session_header", query: "header cart_session")])

        let token = try HTTPCorpus.collection("kulala-nvim/demos/3.access-token.http")
        #expect(token.requests[0].captures == [ForeignCapture(variable: "login_json_access_token", query: "$.json.access_token"),
                                               ForeignCapture(variable: "login_json_username", query: "$.json.username")])
        #expect(token.requests[1].auth == .bearer(token: "{{login_json_access_token}}"))

        let argocd = try HTTPCorpus.collection("httpyac/api/argocd.http")
        #expect(argocd.requests[0].captures == [ForeignCapture(variable: "session_token", query: "$.token")])
        #expect(argocd.allNotes.isEmpty)  // `# @ref session` is what the capture carries out

        let report = try HTTPCorpus.collection("kulala-nvim/requests/report.http")
        #expect(report.requests.flatMap(\.asserts).isEmpty)
        #expect(report.allNotes.filter { $0.message.contains("response handler") }.map(\.place.line) == [14, 47])
    }

    /// The kulala formatter's oracle: `format.http` and its formatted form hold the same requests.
    @Test func formattedFileHoldsTheSameRequests() throws {
        let messy = try HTTPCorpus.collection("kulala-nvim/fixtures/format.http")
        let formatted = try HTTPCorpus.collection("kulala-nvim/fixtures/formatted.http")
        let collapse = { (name: String?) in name?.split(separator: " ").joined(separator: " ") }
        #expect(messy.requests.map { collapse($0.name) } == formatted.requests.map { collapse($0.name) })
        #expect(messy.requests.map(\.url) == formatted.requests.map(\.url))
        #expect(messy.requests.map { $0.headers.map { $0.name.lowercased() } } == formatted.requests.map { $0.headers.map { $0.name.lowercased() } })
        #expect(Set(messy.variables.map(\.name)) == Set(formatted.variables.map(\.name)))
        #expect(messy.variables.sorted { $0.name < $1.name } == formatted.variables.sorted { $0.name < $1.name })
    }

    /// Import → export → import gives the same requests, variables, captures and assertions for every file.
    @Test func everyFileRoundTrips() throws {
        var requests = 0
        var captures = 0
        var asserts = 0
        var exportNotes: [String] = []
        for file in try HTTPCorpus.requestFiles() {
            let first = try HTTPCorpus.collection(file)
            let exported = HTTPFileExport.file(for: first)
            exportNotes += exported.notes.map { "\(file): \($0.message)" }
            let second = try HTTPFileImport().collection(text: exported.text, file: "exported.http")
            #expect(second.requests.map(Self.comparable) == first.requests.map(Self.comparable), "\(file)")
            #expect(second.variables == first.variables, "\(file)")
            requests += second.requests.count
            captures += second.requests.flatMap(\.captures).count
            asserts += second.requests.flatMap(\.asserts).count
        }
        #expect(requests == 134)
        #expect(captures == 12)
        #expect(asserts == 2)
        #expect(exportNotes.isEmpty)
    }

    /// Robustness: every other text file of the corpus (curl, Hurl, HAR, Postman, Bruno) read as `.http`
    /// gives requests or an error whose place is inside the file, never a crash or a hang.
    @Test func foreignFilesGiveRequestsOrALocatedError() throws {
        let root = Fixtures.shared("interchange")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var read = 0
        var refused = 0
        while let path = enumerator?.nextObject() as? String {
            guard !path.hasPrefix("http/"), let text = try? String(contentsOfFile: root.appendingPathComponent(path).path, encoding: .utf8) else { continue }
            do {
                _ = try HTTPFileImport().collection(text: text, file: path)
                read += 1
            } catch {
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).count
                #expect((1...max(lines, 1)).contains(error.line) && error.column >= 1, "\(error)")
                refused += 1
            }
        }
        #expect(read == 68)  // curl command files and Hurl entries often read as a request line
        #expect(refused == 263)
    }

    private static func comparable(_ request: ForeignRequest) -> ForeignRequest {
        var request = request
        request.place = SourcePlace(file: "")
        request.notes = []
        return request
    }
}
