import Testing
import SpecterJSON
import SpecterYAML

@Suite struct YAMLLoaderTests {
    let loader = YAMLLoader()

    @Test func resolvesScalarsByTheYAML12CoreSchema() throws {
        let value = try loader.load("""
            norway: no
            on: on
            yes: yes
            octal: 0o17
            hex: 0x1F
            leadingZero: 0755
            infinity: .inf
            negativeInfinity: -.inf
            tilde: ~
            null: null
            empty:
            float: 1.5
            exponent: 1e3
            dotFloat: .5
            integer: -42
            true: True
            version: 3.0.3
            quoted: "123"
            single: 'true'
            """)
        #expect(value["norway"] == .string("no"))
        #expect(value["on"] == .string("on"))
        #expect(value["yes"] == .string("yes"))
        #expect(value["octal"] == .int(15))
        #expect(value["hex"] == .int(31))
        #expect(value["leadingZero"] == .int(755))
        // JSON has no infinity: they stay as written (a JSON writer could not put them out again).
        #expect(value["infinity"] == .string(".inf"))
        #expect(value["negativeInfinity"] == .string("-.inf"))
        #expect(value["tilde"] == .null)
        #expect(value["null"] == .null)
        #expect(value["empty"] == .null)
        #expect(value["float"] == .double(1.5))
        #expect(value["exponent"] == .double(1000))
        #expect(value["dotFloat"] == .double(0.5))
        #expect(value["integer"] == .int(-42))
        #expect(value["true"] == .bool(true))
        #expect(value["version"] == .string("3.0.3"))
        #expect(value["quoted"] == .string("123"))
        #expect(value["single"] == .string("true"))
    }

    /// Bytes that are not UTF-8 are reported on their own line, not at 1:1.
    @Test func invalidUTF8IsLocated() {
        let bytes = Array("openapi: 3.0.0\ninfo:\n  title: \"caf".utf8) + [0xE9] + Array("\"\n".utf8)
        do {
            _ = try loader.load(bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.position?.line == 3, "\(error)")
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func aKeyWrittenTwiceIsRefusedWhereItIsWrittenAgainWhenAsked() throws {
        let text = "name: A\nasserts: [status == 500]\nnested: {a: 1, b: 2}\nasserts: [status == 200]\n"
        #expect(try loader.load(text)["asserts"] == ["status == 200"], "by default the last one wins")
        do {
            _ = try YAMLLoader(rejectsDuplicateKeys: true).load(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "the key \"asserts\" is written twice in this mapping; keep one")
            #expect(error.position?.line == 4 && error.position?.column == 1, "\(error)")
        }
        let nested = try YAMLLoader(rejectsDuplicateKeys: true).load("a: {x: 1}\nb: {x: 2, <<: {x: 3}}\n")
        #expect(nested["b"]?["x"] == 2, "the same key in two mappings, and a merge key, are no duplicates")
    }

    @Test func keepsKeyOrderAndUsesScalarTextForKeys() throws {
        let value = try loader.load("""
            responses:
              404: {description: missing}
              200: {description: ok}
              default: {description: other}
            """)
        #expect(value["responses"]?.objectValue?.keys == ["404", "200", "default"])
    }

    @Test func honoursCoreTags() throws {
        let value = try loader.load("a: !!str 12\nb: !!int \"7\"\nc: !!float 3\nd: !!null ''\ne: !custom 5")
        #expect(value["a"] == .string("12"))
        #expect(value["b"] == .int(7))
        #expect(value["c"] == .double(3))
        #expect(value["d"] == .null)
        #expect(value["e"] == .string("5"))
        #expect(throws: YAMLError.self) { try loader.load("x: !!int seven") }
    }

    @Test func expandsAnchorsAndMergeKeys() throws {
        let value = try loader.load("""
            base: &base {type: object, description: base}
            extra: &extra {nullable: true, description: extra}
            derived:
              <<: [*base, *extra]
              description: mine
            list: [*base, *base]
            """)
        #expect(value["derived"] == ["type": "object", "description": "mine", "nullable": true])
        #expect(value["derived"]?.objectValue?.keys == ["type", "nullable", "description"])
        #expect(value["list"]?[1]?["type"] == .string("object"))
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let value = try loader.load("\"<<\": {a: 1}")
        #expect(value["<<"] == ["a": 1])
    }

    @Test func aliasBombFailsFast() {
        let bomb = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """
        do {
            _ = try loader.load(bomb)
            Issue.record("expected the alias bomb to be refused")
        } catch {
            #expect(error.message.contains("alias bomb"))
            #expect(error.position != nil)
        }
    }

    @Test func undefinedAliasIsAnError() {
        #expect(throws: YAMLError.self) { try loader.load("a: *nothing") }
    }

    @Test func syntaxErrorsCarryPositions() {
        do {
            _ = try loader.load("a: 1\nb: [1, 2\nc: 3\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.position?.line == 3)
            #expect(error.description.hasPrefix("3:"))
        }
    }

    /// libyaml's own words stay (they can be searched for); what they usually mean follows them.
    @Test func commonSyntaxErrorsSayWhatTheyUsuallyMean() {
        let cases = [
            ("name: broken\noperation: GET /pets\n  asserts: [\n", "3:10: mapping values are not allowed in this context — a `key: value` where none can start: "
                + "is the line indented too far, or does a value hold ': ' and need quotes?"),
            ("server: [oops\n", "2:1: did not find expected ',' or ']' (while parsing a flow sequence at 1:9) — a [ list ] is not closed, or an item in it needs quotes"),
            ("a:\n  b: 1\n c: 2\n", "3:2: did not find expected key (while parsing a block mapping at 1:1) — a line is indented differently from the keys beside it"),
            ("a: \"open\n", "2:1: found unexpected end of stream (while scanning a quoted scalar at 1:4) — a quote is not closed"),
        ]
        for (text, expected) in cases {
            #expect(throws: YAMLError.self) { try loader.load(text) }
            do {
                _ = try loader.load(text)
            } catch {
                #expect(error.description == expected)
            }
        }
    }

    @Test func deepNestingIsBounded() {
        #expect(throws: YAMLError.self) { try loader.load(String(repeating: "[", count: 100_000)) }
    }

    @Test func singleDocumentExpected() throws {
        #expect(throws: YAMLError.self) { try loader.load("a: 1\n---\nb: 2\n") }
        #expect(try loader.loadAll(Array("a: 1\n---\nb: 2\n".utf8)).count == 2)
        #expect(try loader.load("") == .null)
    }

    @Test func locatorFindsKeys() throws {
        let text = Array("openapi: 3.0.0\npaths:\n  /pets:\n    get:\n      responses: {}\nlist:\n  - a\n  - b: 1\n".utf8)
        #expect(YAMLLocator.position(of: JSONPointer("/paths/~1pets/get")!, in: text) == TextPosition(line: 4, column: 5))
        #expect(YAMLLocator.position(of: JSONPointer("/list/1/b")!, in: text) == TextPosition(line: 8, column: 5))
        #expect(YAMLLocator.position(of: JSONPointer("/nothing")!, in: text) == nil)
    }
}
