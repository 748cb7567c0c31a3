import SpecterJSON
import Testing
@testable import SpecterInterchange

@Suite struct CurlShellTokenizerTests {
    func words(_ text: String) throws -> [[String]] {
        try ShellTokenizer.commands(in: text, file: "t.sh").map { $0.words.map(\.text) }
    }

    func failure(_ text: String) -> CurlImportError? {
        do {
            _ = try ShellTokenizer.commands(in: text, file: "t.sh")
            return nil
        } catch {
            return error
        }
    }

    @Test func quotesAreRemovedAsTheShellRemovesThem() throws {
        #expect(try words(#"a 'b c' "d \"e\" \$f \\ \x" g\ h 'i'"j"k"#) == [["a", "b c", #"d "e" $f \ \x"#, "g h", "ijk"]])
        #expect(try words("a '' \"\"") == [["a", "", ""]])
        #expect(try words(#"'it'\''s'"#) == [["it's"]])
    }

    @Test func ansiCQuotingDecodesEscapes() throws {
        #expect(try words(#"$'a\nb\tc\\d\'e\x41\u00e9\101\0101\cA\q'"#) == [["a\nb\tc\\d'eAéA\u{8}1\u{1}\\q"]])
        #expect(try words(#""$'x'""#) == [["$'x'"]])
    }

    @Test func continuationsJoinLinesAndNewlinesSeparateCommands() throws {
        #expect(try words("curl \\\n  -X \\\r\n POST x\ncurl y") == [["curl", "-X", "POST", "x"], ["curl", "y"]])
        #expect(try words("a; b && c || d & e") == [["a"], ["b"], ["c"], ["d"], ["e"]])
        #expect(try words("a \"multi\nline\" b") == [["a", "multi\nline", "b"]])
        #expect(try words("a b\r\nc") == [["a", "b"], ["c"]])
    }

    @Test func commentsStartOnlyAtAWord() throws {
        #expect(try words("# whole line\na b#c # rest\n  # indented") == [["a", "b#c"]])
    }

    @Test func positionsCountCharactersFromOne() throws {
        let commands = try ShellTokenizer.commands(in: "x\n  é 'b'\\\n c", file: "t.sh")
        #expect(commands[1].words.map(\.position) == [TextPosition(line: 2, column: 3), TextPosition(line: 2, column: 5),
                                                       TextPosition(line: 3, column: 2)])
    }

    @Test func variablesBecomeSpecterVariablesAndSubstitutionsStayWritten() throws {
        let commands = try ShellTokenizer.commands(in: #"a "Bearer $TOKEN" ${HOST}/x $(date +%s) `id` '$KEEP' $1 ${A:-b}"#, file: "t.sh")
        #expect(commands[0].words.map(\.text) == ["a", "Bearer {{TOKEN}}", "{{HOST}}/x", "$(date +%s)", "`id`", "$KEEP", "$1", "${A:-b}"])
        #expect(commands[0].remarks.map(\.message) == [
            "shell variable $TOKEN is imported as the variable {{TOKEN}}", "shell variable $HOST is imported as the variable {{HOST}}",
            "command substitution $(date +%s) is not run; kept as written", "command substitution `id` is not run; kept as written",
            "shell parameter $1 is not expanded; kept as written", "parameter expansion ${A:-b} is not expanded; kept as written",
        ])
    }

    @Test func hereDocumentsAndRedirectionsFeedStandardInput() throws {
        let commands = try ShellTokenizer.commands(in: "a <<EOF\nline 1\n  $x\nEOF\nb <<-'END' 2>/dev/null\n\tkept\n\tEND\nc < in.txt\nd <<< word | e", file: "t.sh")
        #expect(commands.map(\.input) == [.text("line 1\n  $x\n"), .text("kept\n"), .file("in.txt"), .text("word\n"), nil])
        #expect(commands.map { $0.words.map(\.text) } == [["a"], ["b"], ["c"], ["d"], ["e"]])
        #expect(commands[0].remarks.map(\.message) == ["expansions in the here-document are not carried out"])
        #expect(commands[1].remarks.map(\.message) == ["redirection 2> /dev/null is not carried out"])
        #expect(commands[3].remarks.map(\.message) == ["its output is piped to another command; the pipe is not followed"])
    }

    @Test func unterminatedQuotesNameWhereTheyOpened() {
        #expect(failure("curl x \\\n  -d 'abc")?.description == "t.sh:2:6: unterminated quote: ' is never closed")
        #expect(failure("a \"b\nc")?.description == "t.sh:1:3: unterminated quote: \" is never closed")
        #expect(failure("a $'b")?.description == "t.sh:1:3: unterminated quote: $' is never closed")
        #expect(failure("é $(b")?.description == "t.sh:1:3: unterminated substitution: $( is never closed")
        #expect(failure("a `b")?.description == "t.sh:1:3: unterminated substitution: ` is never closed")
        #expect(failure("a ${b")?.description == "t.sh:1:3: unterminated substitution: ${ is never closed")
    }

    @Test func oddInputEndsWithoutCrashing() throws {
        #expect(try words("a \\") == [["a", "\\"]])
        #expect(try words("") == [])
        #expect(try words("$") == [["$"]])
        #expect(try words("a <<EOF") == [["a"]])
        #expect(try words(">") == [])
    }
}
