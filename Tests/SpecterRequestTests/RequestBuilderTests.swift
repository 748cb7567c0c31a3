import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import TestSupport

func shop() async throws -> APIDocument {
    try await SpecLoader().load(url: Fixtures.package("Tests/SpecterRequestTests/Fixtures/shop.yaml"), displayName: "shop.yaml")
}

func builder(_ operation: String, _ document: APIDocument) throws -> RequestBuilder {
    var builder = RequestBuilder(document: document, operation: try #require(document.operation(named: operation)),
                                 workingDirectory: Fixtures.package("Tests/SpecterRequestTests/Fixtures"))
    builder.boundary = "BOUNDARY"
    return builder
}

@Suite struct ServerChoiceTests {
    @Test func variablesDefaultsAndEnums() async throws {
        let builder = try builder("getItem", try await shop())
        #expect(try builder.baseURL(.first).absoluteString == "https://eu.shop.example/v1")
        #expect(try builder.baseURL(.described(index: 0, variables: ["region": "us", "version": "v2"])).absoluteString == "https://us.shop.example/v2")
        #expect(throws: RequestBuildError.self) { try builder.baseURL(.described(index: 0, variables: ["region": "mars"])) }
        #expect(try builder.baseURL(.url("http://127.0.0.1:9000/api")).absoluteString == "http://127.0.0.1:9000/api")
    }

    @Test func relativeServersNeedAnOverride() async throws {
        let builder = try builder("getItem", try await shop())
        do {
            _ = try builder.baseURL(.described(index: 1, variables: [:]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "the server URL /relative is not an absolute http(s) URL")
            #expect(error.needsServer)
        }
    }
}

@Suite struct RequestBuilderTests {
    @Test func parametersGoToTheirPlaces() async throws {
        let builder = try builder("getItem", try await shop())
        let built = try builder.build(RequestInput(parameters: [
            ParameterValue(name: "itemId", value: 42), ParameterValue(name: "fields", value: ["name", "price"]),
            ParameterValue(name: "X-Request-Id", value: "r-1"), ParameterValue(name: "session", value: "abc"),
        ]))
        #expect(built.request.url.absoluteString == "https://eu.shop.example/v1/items/42?fields=name,price")
        #expect(built.request.headers["X-Request-Id"] == "r-1")
        #expect(built.request.headers["Cookie"] == "session=abc")
        #expect(built.request.headers["Accept"] == "application/json, application/xml, application/problem+json")
        #expect(built.request.method == "GET")
    }

    @Test func missingPathParametersAreRefused() async throws {
        let builder = try builder("getItem", try await shop())
        #expect(throws: RequestBuildError.self) { try builder.build(RequestInput()) }
    }

    @Test func unknownParametersAreSentWithAWarning() async throws {
        let builder = try builder("getItem", try await shop())
        let built = try builder.build(RequestInput(parameters: [ParameterValue(name: "itemId", value: 1), ParameterValue(name: "debug", value: true)]))
        #expect(built.request.url.query == "debug=true")
        #expect(built.warnings == [.unknownParameter("debug")])
        #expect(built.warnings[0].description == "\"debug\" is not a parameter of this operation; it is sent as a query parameter")
    }

    @Test func jsonBodiesByDefault() async throws {
        let builder = try builder("createItem", try await shop())
        let built = try builder.build(RequestInput(body: .value(["name": "Lamp", "price": 9.5])))
        #expect(built.request.headers["Content-Type"] == "application/json")
        #expect(built.request.body == Array(#"{"name":"Lamp","price":9.5}"#.utf8))
    }

    @Test func formBodiesFollowTheEncodingObject() async throws {
        let builder = try builder("createItem", try await shop())
        let built = try builder.build(RequestInput(body: .value(["name": "Desk lamp", "tags": ["a", "b"]]), mediaType: "application/x-www-form-urlencoded"))
        #expect(built.request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(String(decoding: built.request.body ?? [], as: UTF8.self) == "name=Desk+lamp&tags=a,b")
    }

    @Test func multipartBodiesCarryFilesUnderTheirOwnNames() async throws {
        let builder = try builder("createItem", try await shop())
        let built = try builder.build(RequestInput(body: .value(["photo": "@pixel.png", "meta": ["a": 1], "tags": ["x", "y"]]), mediaType: "multipart/form-data"))
        #expect(built.request.headers["Content-Type"] == "multipart/form-data; boundary=BOUNDARY")
        let pixel = try Fixtures.bytes(Fixtures.package("Tests/SpecterRequestTests/Fixtures/pixel.png"))
        let expected = Array("--BOUNDARY\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"pixel.png\"\r\nContent-Type: image/png\r\n\r\n".utf8) + pixel
            + Array(("\r\n--BOUNDARY\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n"
                + "--BOUNDARY\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nx\r\n--BOUNDARY\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\ny\r\n"
                + "--BOUNDARY--\r\n").utf8)
        #expect(built.request.body == expected)
        #expect(built.body?.files == ["pixel.png"])
        #expect(built.body?.curlArguments.prefix(2) == ["-F", "photo=@pixel.png;type=image/png"])
    }

    @Test func binaryBodiesComeFromFiles() async throws {
        let builder = try builder("uploadRaw", try await shop())
        let built = try builder.build(RequestInput(body: .value("@pixel.png")))
        #expect(built.request.headers["Content-Type"] == "application/octet-stream")
        #expect(built.request.body?.count == 70)
        #expect(throws: RequestBuildError.self) { try builder.build(RequestInput(body: .value("@missing.bin"))) }
    }

    @Test func extraHeadersWin() async throws {
        let builder = try builder("getItem", try await shop())
        let built = try builder.build(RequestInput(parameters: [ParameterValue(name: "itemId", value: 1)], headers: ["Accept": "text/csv"]))
        #expect(built.request.headers["Accept"] == "text/csv")
    }
}

@Suite struct SecurityTests {
    let client = URLSessionHTTPClient()

    func apply(_ operation: String, _ credentials: [String: String]) async throws -> AppliedSecurity {
        let document = try await shop()
        let store = CredentialStore(credentials.mapValues { Credential(value: $0) })
        return try await SecurityApplier(tokens: OAuthTokens(client: client)).apply(
            for: try #require(document.operation(named: operation)), in: document, credentials: store, baseURL: nil)
    }

    @Test func documentRequirementAppliesWhenTheOperationHasNone() async throws {
        let applied = try await apply("getItem", ["apiKey": "k-1"])
        #expect(applied.headers.map { "\($0.name): \($0.value)" } == ["X-API-Key: k-1"])
        #expect(applied.secrets == ["k-1"])
    }

    @Test func theFirstSatisfiableRequirementIsUsed() async throws {
        let bearer = try await apply("createItem", ["bearer": "tok", "basic": "ann:pw"])
        #expect(bearer.headers.map(\.value) == ["Bearer tok"])
        let basic = try await apply("createItem", ["basic": "ann:pw"])
        #expect(basic.headers.map(\.value) == ["Basic " + Data("ann:pw".utf8).base64EncodedString()])
    }

    @Test func missingCredentialsAreExplained() async throws {
        let applied = try await apply("createItem", [:])
        #expect(applied.missing == [["bearer"], ["basic"]])
        let anonymous = try await apply("publicThing", [:])
        #expect(anonymous.missing == nil)
    }

    @Test func credentialsComeFromTheEnvironment() throws {
        let store = try CredentialStore.parse(["bearer=env:SHOP_TOKEN"], environment: ["SHOP_TOKEN": "secret-1"])
        #expect(store["bearer"] == Credential(value: "secret-1", environmentVariable: "SHOP_TOKEN"))
        #expect(throws: CredentialError.self) { try CredentialStore.parse(["bearer=env:NOPE"], environment: [:]) }
        #expect(throws: CredentialError.self) { try CredentialStore.parse(["justatoken"], environment: [:]) }
    }

    @Test func secretsAreRedactedWhereverTheRequestIsShown() async throws {
        let document = try await shop()
        var builder = try builder("getItem", document)
        builder.boundary = nil
        let applied = try await apply("getItem", ["apiKey": "k-12345"])
        let built = try builder.build(RequestInput(parameters: [ParameterValue(name: "itemId", value: 1)]), security: applied)
        #expect(built.request.headers["X-API-Key"] == "k-12345")
        let curl = CurlCommand.render(built)
        #expect(!curl.contains("k-12345"))
        #expect(curl.contains("-H 'X-API-Key: ••••••'"))
        #expect(built.redactor.redact(built.request.headers)["X-API-Key"] == "••••••")
    }
}

@Suite struct CurlCommandTests {
    @Test func rendersAReproducibleCommand() async throws {
        let builder = try builder("createItem", try await shop())
        let built = try builder.build(RequestInput(body: .value(["name": "it's"])))
        #expect(CurlCommand.render(built) == """
            curl -X POST 'https://eu.shop.example/v1/items' \\
              -H 'Accept: application/json' \\
              -H 'Content-Type: application/json' \\
              -H 'User-Agent: specter/0.1.0' \\
              --data-raw '{"name":"it'\\''s"}'
            """)
    }

    @Test func aSecretIsMaskedAsAURLOrAFormSpellsItToo() {
        let redactor = Redactor(secrets: ["Ab+cD/ef==", "a b&c"])
        #expect(redactor.redact("?api_key=Ab%2BcD%2Fef%3D%3D&q=a%20b%26c&f=a+b%26c") == "?api_key=••••••&q=••••••&f=••••••")
        #expect(redactor.redact("Bearer Ab+cD/ef==") == "Bearer ••••••")
    }

    @Test func aSecretIsMaskedAsAServersJSONEscapesIt() {
        let redactor = Redactor(secrets: [#"tok"en\x"#, "p/ss é<&>", "Ab+cD/ef==", "k🔑y", "é"])
        #expect(redactor.redact(#"{"q":"tok\"en\\x"}"#) == #"{"q":"••••••"}"#)
        #expect(redactor.redact(#"{"a":"p\/ss é<&>","b":"p/ss \u00e9<&>","c":"p\/ss \u00E9<&>","d":"p/ss é\u003c\u0026\u003e"}"#)
                == #"{"a":"••••••","b":"••••••","c":"••••••","d":"••••••"}"#, "Python, PHP (both escapes at once), Go")
        #expect(redactor.redact(#"{"t":"Ab\u002BcD\/ef==","u":"\u0074ok\u0022en\\x"}"#) == #"{"t":"••••••","u":"••••••"}"#, "ASP.NET, any character escaped")
        #expect(redactor.redact(#"{"k":"k\ud83d\udd11y"}"#) == #"{"k":"••••••"}"#, "a surrogate pair")
        #expect(redactor.redact(#"{"body":"{\"s\":\"tok\\\"en\\\\x\"}"}"#) == #"{"body":"{\"s\":\"••••••\"}"}"#, "a JSON body echoed as a string")
        #expect(redactor.redact("GET /e?q=Ab%2BcD/ef%3D%3D&r=p%2Fss%20%C3%A9%3C&%3E") == "GET /e?q=••••••&r=••••••", "a URL encoding some characters only")
        let nested = Redactor(secrets: ["abc", "abcdef"])
        #expect(nested.redact(#"{"v":"abc\u0064ef","w":"abc"}"#) == #"{"v":"••••••","w":"••••••"}"#, "a shorter secret inside a longer one's spelling")
        #expect(Redactor(secrets: [#"C:\new"#]).redact("path=C%3A\\new") == "path=••••••", "percent-encoded only, a backslash left as it is")
        let literal = Redactor(secrets: [#"a\u00e9b"#])
        #expect(literal.redact(#"{"v":"a\\u00e9b"}"#) == #"{"v":"••••••"}"#, "a secret holding an escape itself, escaped once")
        #expect(redactor.redact(#"{"cafe":"caf\u00e9 é"}"#) == #"{"cafe":"caf\u00e9 é"}"#, "a secret shorter than three characters is not searched for")
        #expect(redactor.adding([]).secrets == redactor.secrets && Redactor(secrets: redactor.secrets).secrets == redactor.secrets,
                "secrets are kept as given, so a redactor made from another's does not spell spellings again")
    }
}
