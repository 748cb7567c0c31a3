import Testing
import SpecterJSON

@Suite struct JSONWriterTests {
    @Test func compactRoundTripsMemberOrderAndEscapes() throws {
        let text = #"{"z":1,"a":[true,null,1.5,"tab\there \"q\" \\ é /"],"e":{}}"#
        #expect(JSONWriter.compact.string(try JSONParser.parse(text)) == text)
    }

    @Test func prettyUsesTwoSpaces() throws {
        let value: JSONValue = ["name": "Rex", "tags": ["a"], "empty": []]
        #expect(JSONWriter.pretty.string(value) == """
            {
              "name": "Rex",
              "tags": [
                "a"
              ],
              "empty": []
            }
            """)
    }

    @Test func doublesKeepTheirFraction() throws {
        #expect(JSONWriter.compact.string(.double(1.0)) == "1.0")
        #expect(JSONWriter.compact.string(.double(0.1)) == "0.1")
        #expect(try JSONParser.parse(JSONWriter.compact.string(.double(1e-7))) == .double(1e-7))
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONWriter.compact.string(.string("\u{1B}[31m\u{7F}")) == #""\u001b[31m\u007f""#)
    }

    @Test func equalityIsJSONEquality() {
        #expect(JSONValue.int(1) == .double(1.0))
        #expect(JSONValue.int(1) != .double(1.5))
        let first: JSONValue = ["a": 1, "b": 2]
        let second: JSONValue = ["b": 2, "a": 1]
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        #expect(JSONValue.int(Int.max) != .double(9.223372036854775807e18))
    }
}

@Suite struct JSONPointerTests {
    @Test func escapesAndResolves() throws {
        let document = try JSONParser.parse(#"{"a/b": {"m~n": [10, 20]}, "": 1, "%": 2}"#)
        #expect(JSONPointer("/a~1b/m~0n/1")?.resolve(in: document) == .int(20))
        #expect(JSONPointer("/")?.resolve(in: document) == .int(1))
        #expect(JSONPointer(fragment: "#/a~1b/m~0n/0")?.resolve(in: document) == .int(10))
        #expect(JSONPointer(fragment: "#/%25")?.resolve(in: document) == .int(2))
        #expect(JSONPointer("/a~1b/m~0n/01")?.resolve(in: document) == nil)
        #expect(JSONPointer("nope") == nil)
    }

    @Test func printsAsPointerAndFragment() {
        let pointer = JSONPointer.root.appending("paths").appending("/pets/{id}").appending("get")
        #expect(pointer.description == "/paths/~1pets~1{id}/get")
        #expect(pointer.fragment == "#/paths/~1pets~1%7Bid%7D/get")
        #expect(JSONPointer(fragment: pointer.fragment) == pointer)
    }

    @Test func locatorFindsPositionsInText() throws {
        let text = Array("{\n  \"paths\": {\n    \"/pets\": {\n      \"get\": {}\n    }\n  },\n  \"list\": [1, {\"x\": 2}]\n}".utf8)
        #expect(JSONLocator.position(of: JSONPointer("/paths/~1pets/get")!, in: text) == TextPosition(line: 4, column: 7))
        #expect(JSONLocator.position(of: JSONPointer("/list/1/x")!, in: text) == TextPosition(line: 7, column: 16))
        #expect(JSONLocator.position(of: JSONPointer("/missing")!, in: text) == nil)
    }
}
