import Foundation
import Testing
import SpecterJSON
import SpecterRequest
import SpecterSpec

private let address = NodeAddress(document: URL(fileURLWithPath: "/spec.yaml"), pointer: .root)
private let colors: [(String, JSONValue)] = [
    ("empty", .string("")), ("string", "blue"), ("array", ["blue", "black", "brown"]), ("object", ["R": 100, "G": 200, "B": 150]),
]

private func serialize(_ location: ParameterLocation, _ style: ParameterStyle, explode: Bool, _ value: JSONValue, name: String = "color",
                       allowReserved: Bool = false) throws -> SerializedParameter {
    let parameter = APIParameter(name: name, location: location, style: style, explode: explode, allowReserved: allowReserved, address: address)
    return try ParameterSerializer.serialize(parameter, value: value)
}

/// The style-examples table of the OpenAPI specification (3.0.4 / 3.1.1), row by row.
@Suite struct StyleTableTests {
    @Test(arguments: [
        (ParameterStyle.matrix, false, [";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"]),
        (.matrix, true, [";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"]),
        (.label, false, [".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"]),
        (.label, true, [".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"]),
        (.simple, false, ["", "blue", "blue,black,brown", "R,100,G,200,B,150"]),
        (.simple, true, ["", "blue", "blue,black,brown", "R=100,G=200,B=150"]),
    ])
    func pathStyles(_ style: ParameterStyle, _ explode: Bool, _ expected: [String]) throws {
        for ((_, value), want) in zip(colors, expected) {
            #expect(try serialize(.path, style, explode: explode, value) == .path(want), "\(style) \(explode) \(value)")
        }
    }

    @Test(arguments: [
        (ParameterStyle.form, false, ["color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"]),
        (.form, true, ["color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"]),
        (.spaceDelimited, false, [nil, nil, "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"]),
        (.pipeDelimited, false, [nil, nil, "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"]),
        (.deepObject, true, [nil, nil, nil, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"]),
    ])
    func queryStyles(_ style: ParameterStyle, _ explode: Bool, _ expected: [String?]) throws {
        for ((_, value), want) in zip(colors, expected) {
            guard let want else { continue }
            guard case .query(let pairs) = try serialize(.query, style, explode: explode, value) else {
                Issue.record("expected a query parameter")
                continue
            }
            #expect(pairs.joined(separator: "&") == want, "\(style) \(explode) \(value)")
        }
    }

    @Test func headersUseSimpleStyleUnencoded() throws {
        #expect(try serialize(.header, .simple, explode: false, ["blue", "black"]) == .header("blue,black"))
        #expect(try serialize(.header, .simple, explode: true, ["R": 100, "G": 200]) == .header("R=100,G=200"))
        #expect(try serialize(.header, .simple, explode: false, ["R": 100, "G": 200]) == .header("R,100,G,200"))
        #expect(try serialize(.header, .simple, explode: false, "a b/c") == .header("a b/c"))
        #expect(throws: SerializationError.self) { try serialize(.header, .simple, explode: false, "a\r\nInjected: yes") }
    }

    @Test func cookiesUseFormStyle() throws {
        #expect(try serialize(.cookie, .form, explode: false, "blue") == .cookie(["color=blue"]))
        #expect(try serialize(.cookie, .form, explode: true, ["blue", "black"]) == .cookie(["color=blue", "color=black"]))
        #expect(try serialize(.cookie, .form, explode: false, ["blue", "black"]) == .cookie(["color=blue,black"]))
        #expect(try serialize(.cookie, .form, explode: false, "a; b") == .cookie(["color=a%3B%20b"]))
    }
}

@Suite struct PercentEncodingTests {
    @Test func pathValuesEncodeEverythingButUnreserved() throws {
        #expect(try serialize(.path, .simple, explode: false, "a/b c?d#e%f") == .path("a%2Fb%20c%3Fd%23e%25f"))
        #expect(try serialize(.path, .simple, explode: false, "é") == .path("%C3%A9"))
        #expect(try serialize(.path, .label, explode: false, ["a.b", "c"]) == .path(".a.b,c"))
    }

    @Test func queryValuesEncodeReservedUnlessAllowed() throws {
        #expect(try serialize(.query, .form, explode: true, "a+b&c=d", name: "q") == .query(["q=a%2Bb%26c%3Dd"]))
        #expect(try serialize(.query, .form, explode: true, "https://x.org/a?b=c", name: "u", allowReserved: true) == .query(["u=https://x.org/a?b=c"]))
        #expect(try serialize(.query, .form, explode: true, "a&b#c", name: "u", allowReserved: true) == .query(["u=a%26b%23c"]))
        #expect(try serialize(.query, .form, explode: true, "x y", name: "my name") == .query(["my%20name=x%20y"]))
    }

    @Test func formBodiesUsePlusForSpaces() {
        #expect(URLEncoding.formComponent("a b+c&d") == "a+b%2Bc%26d")
    }

    @Test func contentParametersAreJSON() throws {
        let parameter = APIParameter(name: "filter", location: .query, content: [APIMediaType(name: "application/json")], address: address)
        #expect(try ParameterSerializer.serialize(parameter, value: ["a": 1]) == .query(["filter=%7B%22a%22%3A1%7D"]))
    }

    @Test func primitivesAreWrittenAsJSONText() {
        #expect(ParameterSerializer.text(.int(5)) == "5")
        #expect(ParameterSerializer.text(.double(1.5)) == "1.5")
        #expect(ParameterSerializer.text(.bool(true)) == "true")
        #expect(ParameterSerializer.text(.null) == "")
    }
}

@Suite struct CollectionFormatTests {
    /// Swagger 2.0 `collectionFormat`, through the normaliser's mapping to styles.
    @Test func swagger2CollectionFormats() async throws {
        let text = """
            swagger: "2.0"
            info: {title: t, version: "1"}
            host: api.example.com
            paths:
              /x:
                get:
                  parameters:
                    - {name: csv, in: query, type: array, items: {type: string}}
                    - {name: ssv, in: query, type: array, items: {type: string}, collectionFormat: ssv}
                    - {name: tsv, in: query, type: array, items: {type: string}, collectionFormat: tsv}
                    - {name: pipes, in: query, type: array, items: {type: string}, collectionFormat: pipes}
                    - {name: multi, in: query, type: array, items: {type: string}, collectionFormat: multi}
                  responses: {"200": {description: ok}}
            """
        let document = try await SpecLoader().load(bytes: Array(text.utf8), url: URL(fileURLWithPath: "/c.yaml"), displayName: "c.yaml")
        let parameters = document.operations[0].parameters
        let expected = ["csv=a,b", "ssv=a%20b", "tsv=a%09b", "pipes=a%7Cb", "multi=a&multi=b"]
        for (parameter, want) in zip(parameters, expected) {
            guard case .query(let pairs) = try ParameterSerializer.serialize(parameter, value: ["a", "b"]) else { continue }
            #expect(pairs.joined(separator: "&") == want)
        }
    }
}
