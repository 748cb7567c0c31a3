import Foundation

/// Checks for the string formats forms need, with the JSON-Schema-Test-Suite as judge.
/// Unknown formats are not checked (they pass), as JSON Schema requires.
enum Formats {
    /// `modern` selects the 2020-12 readings (IDNA2008 host names) over draft 4's (RFC 1123).
    static func checker(for format: String, modern: Bool) -> ((String) -> Bool)? {
        switch format {
        case "date": return isDate
        case "date-time": return isDateTime
        case "time": return isTime
        case "duration": return isDuration
        case "email": return { isEmail($0, international: false) }
        case "idn-email": return { isEmail($0, international: true) }
        case "hostname": return { IDNA.isHostname($0, international: false, reservedHyphens: modern) }
        case "idn-hostname": return { IDNA.isHostname($0, international: true, reservedHyphens: true) }
        case "ipv4": return isIPv4
        case "ipv6": return isIPv6
        case "uri": return { isURI($0, requireScheme: true, international: false) }
        case "uri-reference": return { isURI($0, requireScheme: false, international: false) }
        case "iri": return { isURI($0, requireScheme: true, international: true) }
        case "iri-reference": return { isURI($0, requireScheme: false, international: true) }
        case "uuid": return isUUID
        case "regex": return { SchemaRegex($0) != nil }
        case "json-pointer": return isJSONPointer
        case "relative-json-pointer": return isRelativeJSONPointer
        case "uri-template": return isURITemplate
        default: return nil
        }
    }

    /// What exactly is wrong with a value, when one thing is (a date and time without its offset,
    /// as Python writes a naive `datetime`); `nil` for the general message.
    static func problem(for format: String, _ text: String) -> String? {
        switch format {
        case "date-time" where isDateTime(text + "Z"): return "has no time-zone offset (Z or +HH:MM)"
        case "time" where isTime(text + "Z"): return "has no time-zone offset (Z or +HH:MM)"
        default: return nil
        }
    }

    /// What a value of the format looks like, for messages.
    static func phrase(for format: String) -> String {
        switch format {
        case "date": return "a date (YYYY-MM-DD)"
        case "date-time": return "a date and time (YYYY-MM-DDTHH:MM:SSZ)"
        case "time": return "a time with offset (HH:MM:SSZ)"
        case "duration": return "an ISO 8601 duration (P1DT2H)"
        case "email", "idn-email": return "an email address"
        case "hostname", "idn-hostname": return "a host name"
        case "ipv4": return "an IPv4 address"
        case "ipv6": return "an IPv6 address"
        case "uri", "iri": return "an absolute URI"
        case "uri-reference", "iri-reference": return "a URI reference"
        case "uuid": return "a UUID"
        case "regex": return "a regular expression"
        case "json-pointer": return "a JSON pointer"
        case "relative-json-pointer": return "a relative JSON pointer"
        case "uri-template": return "a URI template"
        default: return "a valid \(format)"
        }
    }

    // MARK: - Dates and times (RFC 3339, ISO 8601 durations)

    /// Part of a string's UTF-8 bytes, read in place.
    typealias UTF8Bytes = Slice<UnsafeBufferPointer<UInt8>>

    /// A string's UTF-8 bytes in place (a string from JSON is already contiguous: nothing is copied).
    static func utf8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var contiguous = text
        return contiguous.withUTF8(body)
    }

    private static let monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// The value of exactly `count` ASCII digits at `offset`, or `nil`.
    private static func digits(_ bytes: UTF8Bytes, at offset: Int, _ count: Int) -> Int? {
        let start = bytes.startIndex + offset
        guard start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    static func isDate(_ text: String) -> Bool {
        utf8(text) { isDate($0[...]) }
    }

    private static func isDate(_ bytes: UTF8Bytes) -> Bool {
        guard bytes.count == 10, bytes[bytes.startIndex + 4] == UInt8(ascii: "-"), bytes[bytes.startIndex + 7] == UInt8(ascii: "-"),
              let year = digits(bytes, at: 0, 4), let month = digits(bytes, at: 5, 2), let day = digits(bytes, at: 8, 2) else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return day <= (month == 2 ? (leap ? 29 : 28) : monthLengths[month - 1])
    }

    static func isDateTime(_ text: String) -> Bool {
        utf8(text) { bytes in
            guard bytes.count > 10, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
            return isDate(bytes[..<10]) && isTime(bytes[11...])
        }
    }

    static func isTime(_ text: String) -> Bool {
        utf8(text) { isTime($0[...]) }
    }

    /// `HH:MM:SS[.fraction](Z|±HH:MM)`; a leap second is allowed only at 23:59:60 UTC.
    private static func isTime(_ bytes: UTF8Bytes) -> Bool {
        guard bytes.count >= 9, bytes[bytes.startIndex + 2] == UInt8(ascii: ":"), bytes[bytes.startIndex + 5] == UInt8(ascii: ":"),
              let hour = digits(bytes, at: 0, 2), let minute = digits(bytes, at: 3, 2), let second = digits(bytes, at: 6, 2) else { return false }
        var index = bytes.startIndex + 8
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.endIndex, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            if index == start { return false }
        }
        guard index < bytes.endIndex else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.endIndex else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let offset = bytes[(index + 1)...]
            guard offset.count == 5, offset[offset.startIndex + 2] == UInt8(ascii: ":"), let offsetHour = digits(offset, at: 0, 2),
                  let offsetMinute = digits(offset, at: 3, 2), offsetHour <= 23, offsetMinute <= 59 else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        guard hour <= 23, minute <= 59, second <= 60 else { return false }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// `P[nY][nM][nW][nD][T[nH][nM][nS]]`, with weeks alone and at least one element.
    static func isDuration(_ text: String) -> Bool {
        guard text.hasPrefix("P"), text.count > 1 else { return false }
        let body = text.dropFirst()
        let parts = body.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let datePart = parts[0]
        let timePart = parts.count > 1 ? parts[1] : nil
        if let timePart, timePart.isEmpty { return false }
        func elements(_ part: Substring, allowed: [Character]) -> [Character]? {
            var found: [Character] = []
            var number = ""
            for character in part {
                if character.isASCII && character.isNumber {
                    number.append(character)
                } else {
                    guard !number.isEmpty, let position = allowed.firstIndex(of: character) else { return nil }
                    // Each element may only be followed by the next smaller one (P1Y2D and PT1H2S are invalid).
                    if let last = found.last, let lastPosition = allowed.firstIndex(of: last), position != lastPosition + 1 { return nil }
                    found.append(character)
                    number = ""
                }
            }
            return number.isEmpty ? found : nil
        }
        let timeElements = timePart.flatMap { elements($0, allowed: ["H", "M", "S"]) }
        if timePart != nil && timeElements == nil { return false }
        if datePart.hasSuffix("W") {
            // Weeks stand alone: P2W.
            return timePart == nil && elements(datePart, allowed: ["W"]) == ["W"]
        }
        guard let dateElements = elements(datePart, allowed: ["Y", "M", "D"]) else { return false }
        return !dateElements.isEmpty || !(timeElements ?? []).isEmpty
    }

    // MARK: - Internet names and addresses

    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part), value <= 255 else { return false }
            return part.count == 1 || part.first != "0"
        }
    }

    static func isIPv6(_ text: String) -> Bool {
        guard text.count >= 2, text.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else { return false }
        var address = text
        if let lastColon = address.lastIndex(of: ":"), address[address.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(address[address.index(after: lastColon)...])) else { return false }
            address = String(address[...lastColon]) + "0:0"
        }
        func groups(_ part: String) -> [String]? {
            guard !part.isEmpty else { return [] }
            let groups = part.components(separatedBy: ":")
            return groups.allSatisfy { !$0.isEmpty && $0.count <= 4 } ? groups : nil
        }
        let halves = address.components(separatedBy: "::")
        switch halves.count {
        case 1: return groups(address)?.count == 8
        case 2:
            guard let left = groups(halves[0]), let right = groups(halves[1]) else { return false }
            return left.count + right.count <= 7
        default: return false
        }
    }

    static func isEmail(_ text: String, international: Bool) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else { return false }
        if local.hasPrefix("\"") {
            guard local.count >= 2, local.hasSuffix("\"") else { return false }
        } else {
            let atext = "!#$%&'*+-/=?^_`{|}~"
            guard local.first != ".", local.last != ".", !local.contains("..") else { return false }
            guard local.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber || atext.contains($0) || $0 == ".")) || (international && !$0.isASCII) }) else { return false }
        }
        if domain.hasPrefix("[") {
            guard domain.hasSuffix("]") else { return false }
            let literal = domain.dropFirst().dropLast()
            if literal.lowercased().hasPrefix("ipv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(String(literal))
        }
        return IDNA.isHostname(String(domain), international: international, reservedHyphens: false)
    }

    // MARK: - URIs and pointers

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
    }

    static func isJSONPointer(_ text: String) -> Bool {
        guard text.isEmpty || text.hasPrefix("/") else { return false }
        var characters = text.makeIterator()
        while let character = characters.next() {
            if character == "~" {
                guard let next = characters.next(), next == "0" || next == "1" else { return false }
            }
        }
        return true
    }

    static func isRelativeJSONPointer(_ text: String) -> Bool {
        let number = text.prefix { $0.isASCII && $0.isNumber }
        guard !number.isEmpty, number.count == 1 || number.first != "0" else { return false }
        let rest = text.dropFirst(number.count)
        return rest == "#" || isJSONPointer(String(rest))
    }

    /// RFC 6570 level 4: literals, and `{[operator]varspec,…}` expressions with `:prefix` or `*` modifiers.
    static func isURITemplate(_ text: String) -> Bool {
        let forbiddenLiterals = Set<Unicode.Scalar>(["\"", "<", ">", "\\", "^", "`", "|", "}", " "])
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.first {
            if scalar == "{" {
                guard let close = scalars.firstIndex(of: "}") else { return false }
                guard isTemplateExpression(scalars[(scalars.startIndex + 1)..<close]) else { return false }
                scalars = scalars[(close + 1)...]
                continue
            }
            if scalar.value < 0x20 || scalar.value == 0x7F || forbiddenLiterals.contains(scalar) { return false }
            if scalar == "%" {
                guard scalars.count >= 3, scalars.dropFirst().prefix(2).allSatisfy({ $0.properties.isASCIIHexDigit }) else { return false }
                scalars = scalars.dropFirst(3)
                continue
            }
            scalars = scalars.dropFirst()
        }
        return true
    }

    private static func isTemplateExpression(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
        var body = body
        if let first = body.first, "+#./;?&=,!@|".unicodeScalars.contains(first) { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        let specs = body.split(separator: ",", omittingEmptySubsequences: false)
        return specs.allSatisfy { spec in
            var name = spec[...]
            if name.last == "*" {
                name = name.dropLast()
            } else if let colon = name.firstIndex(of: ":") {
                let length = name[(colon + 1)...]
                guard let first = length.first, ("1"..."9").contains(first), length.count <= 4,
                      length.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
                name = name[..<colon]
            }
            guard let first = name.first, first != ".", name.last != "." else { return false }
            var previousWasDot = false
            var index = name.startIndex
            while index < name.endIndex {
                let scalar = name[index]
                if scalar == "." {
                    if previousWasDot { return false }
                    previousWasDot = true
                } else if scalar == "%" {
                    guard name.distance(from: index, to: name.endIndex) >= 3,
                          name[index + 1].properties.isASCIIHexDigit, name[index + 2].properties.isASCIIHexDigit else { return false }
                    index += 2
                    previousWasDot = false
                } else {
                    guard ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" else { return false }
                    previousWasDot = false
                }
                index += 1
            }
            return true
        }
    }
}
