import Foundation
import SpecterInterchange
import SpecterJSON

/// One command of a Hurl corpus `.curl` file (the expected `hurl --curl` output), read just well
/// enough to compare with an imported request: single-quoted and `$'…'` words, and the options
/// `hurl --curl` writes.
struct HurlCurlCommand {
    var method = "GET"
    var url = ""
    var headers: [ForeignHeader] = []
    var data: [String] = []
    var dataBinary: [String] = []
    var forms: [String] = []
    var cookie: String?
    var user: String?
    var followsRedirects = false
    /// `--location-trusted`: credentials go to other hosts too.
    var trustsRedirects = false

    init(_ line: String) {
        var words = Self.words(line).dropFirst()
        var explicitMethod: String?
        while let word = words.popFirst() {
            switch word {
            case "--request": explicitMethod = words.popFirst()
            case "--head": explicitMethod = "HEAD"
            case "--header":
                let text = words.popFirst() ?? ""
                let colon = text.firstIndex(of: ":") ?? text.endIndex
                let value = text[colon...].dropFirst().drop { $0 == " " }
                headers.append(ForeignHeader(name: String(text[..<colon]), value: String(value)))
            case "--data": data.append(words.popFirst() ?? "")
            case "--data-binary": dataBinary.append(words.popFirst() ?? "")
            case "--form": forms.append(words.popFirst() ?? "")
            case "--cookie": cookie = words.popFirst()
            case "--user": user = words.popFirst()
            case "--location": followsRedirects = true
            case "--location-trusted": trustsRedirects = true
            case "--globoff": break
            default: url = Self.withoutGlobEscapes(word)
            }
        }
        method = explicitMethod ?? (data.isEmpty && dataBinary.isEmpty && forms.isEmpty ? "GET" : "POST")
    }

    /// curl reads `\{` as a literal brace (it would otherwise glob).
    static func withoutGlobEscapes(_ url: String) -> String {
        var output = ""
        var characters = url.makeIterator()
        while let character = characters.next() {
            if character == "\\", let next = characters.next() { output.append(next) } else { output.append(character) }
        }
        return output
    }

    /// Shell words: `'…'`, `$'…'` (with `\n`, `\t`, `\\`, `\'`, `\xHH`) and bare words.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            while bytes.first == UInt8(ascii: " ") { bytes.removeFirst() }
            guard !bytes.isEmpty else { break }
            var word: [UInt8] = []
            while let byte = bytes.first, byte != UInt8(ascii: " ") {
                if byte == UInt8(ascii: "'") {
                    bytes.removeFirst()
                    while let next = bytes.popFirst(), next != UInt8(ascii: "'") { word.append(next) }
                } else if byte == UInt8(ascii: "$"), bytes.dropFirst().first == UInt8(ascii: "'") {
                    bytes.removeFirst(2)
                    word += ansiQuoted(&bytes)
                } else {
                    word.append(byte)
                    bytes.removeFirst()
                }
            }
            words.append(String(decoding: word, as: UTF8.self))
        }
        return words
    }

    private static func ansiQuoted(_ bytes: inout ArraySlice<UInt8>) -> [UInt8] {
        var word: [UInt8] = []
        while let byte = bytes.popFirst(), byte != UInt8(ascii: "'") {
            guard byte == UInt8(ascii: "\\"), let escape = bytes.popFirst() else {
                word.append(byte)
                continue
            }
            switch escape {
            case UInt8(ascii: "n"): word.append(0x0A)
            case UInt8(ascii: "t"): word.append(0x09)
            case UInt8(ascii: "x"):
                let digits = String(decoding: bytes.prefix(2), as: UTF8.self)
                bytes.removeFirst(2)
                word.append(UInt8(digits, radix: 16) ?? 0)
            default: word.append(escape)
            }
        }
        return word
    }

    /// The commands of a `.curl` file, one a line.
    static func commands(in text: String) -> [HurlCurlCommand] {
        text.split(separator: "\n").filter { $0.hasPrefix("curl") }.map { HurlCurlCommand(String($0)) }
    }
}

/// The `--variable name=value` flags of a corpus `X.sh`.
enum HurlInvocation {
    static func variables(in script: String) -> [String: String] {
        var variables: [String: String] = [:]
        let words = script.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        for (index, word) in words.enumerated() where word == "--variable" && index + 1 < words.count {
            let definition = words[index + 1].replacingOccurrences(of: "\\\\", with: "\\")
            guard let equals = definition.firstIndex(of: "=") else { continue }
            variables[String(definition[..<equals])] = String(definition[definition.index(after: equals)...])
        }
        return variables
    }
}
