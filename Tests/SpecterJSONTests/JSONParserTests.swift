import Testing
import SpecterJSON

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5, 3e2, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}}"#)
        #expect(value["a"]?[0] == .int(1))
        #expect(value["a"]?[1] == .double(-2.5))
        #expect(value["a"]?[2] == .double(300))
        #expect(value["a"]?[3] == .bool(true))
        #expect(value["a"]?[5] == .null)
        #expect(value["a"]?[6] == .string("x\né😀"))
        #expect(value["b"] == .object(JSONObject()))
    }

    @Test func keepsMemberOrder() throws {
        let value = try JSONParser.parse(#"{"zebra": 1, "apple": 2, "mango": 3}"#)
        #expect(value.objectValue?.keys == ["zebra", "apple", "mango"])
    }

    @Test func repeatedKeyKeepsFirstPositionAndLastValue() throws {
        let value = try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == .int(3))
    }

    @Test func largeObjectsAreIndexedAndStillOrdered() throws {
        let members = (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
        let value = try JSONParser.parse("{\(members)}")
        #expect(value["k77"] == .int(77))
        #expect(value.objectValue?.keys.first == "k0")
        #expect(value.objectValue?.keys.last == "k99")
    }

    @Test func bigIntegersBecomeDoublesAndHugeNumbersAreRejected() throws {
        #expect(try JSONParser.parse("123456789012345678") == .int(123_456_789_012_345_678))
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int.max))
        #expect(try JSONParser.parse("92233720368547758070") == .double(9.223372036854775807e19))
        #expect(throws: JSONParseError.self) { try JSONParser.parse("1e400") }
    }

    @Test func errorsNameLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": tru\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.position == TextPosition(line: 3, column: 8))
            #expect(error.description == "3:8: unexpected 't', expected a value")
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        do {
            _ = try JSONParser.parse("[\"漢字\", x]")
            Issue.record("expected an error")
        } catch {
            #expect(error.position == TextPosition(line: 1, column: 8))
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        do {
            _ = try JSONParser.parse(deep)
        } catch {
            #expect(error.message == "nested deeper than 512 levels, more than Specter reads")
            #expect(error.isTooDeep)
        }
    }

    /// A value too large to use is named in a message of reasonable length, not echoed whole.
    @Test func aHugeNumberIsCutInItsMessage() {
        do {
            _ = try JSONParser.parse("[" + String(repeating: "9", count: 5_000_000) + "]")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.count < 120, "\(error.message.prefix(200))")
            #expect(error.message.hasSuffix("(5000000 characters) is out of range"))
        }
    }

    @Test func aSyntaxErrorIsNotCalledTooDeep() {
        do {
            _ = try JSONParser.parse("[1,]")
            Issue.record("expected an error")
        } catch {
            #expect(!error.isTooDeep)
        }
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = JSONParser.defaultMaxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try JSONParser.parse(text)
    }

    @Test func rejectsInvalidUTF8InStrings() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object(JSONObject()))
    }
}
