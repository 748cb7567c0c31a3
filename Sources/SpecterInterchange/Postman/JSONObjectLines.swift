/// The lines where chosen objects start in JSON text, all found in one pass over the bytes.
///
/// Parsed values carry no positions, and `JSONLocator` walks the text again for every pointer:
/// for each entry of a large HAR that would be quadratic. Importers name the objects they want a
/// line for (a Postman item, a HAR entry) by their path and get every line at once. The text must
/// already have parsed, so it is well formed and no deeper than the parser allows.
struct JSONObjectLines {
    private enum Frame {
        case object(key: String)
        case array(index: Int)

        var token: String {
            switch self {
            case .object(let key): return key
            case .array(let index): return String(index)
            }
        }
    }

    private var lines: [[String]: Int] = [:]

    /// `wanted` is asked for the path of every object (member names and array indices, outermost first).
    init(_ bytes: [UInt8], wanted: ([String]) -> Bool) {
        var frames: [Frame] = []
        var expectingKey = false
        var line = 1
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: "\""):
                let end = Self.endOfString(bytes, openingAt: index)
                if expectingKey, case .object = frames.last {
                    frames[frames.count - 1] = .object(key: String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
                    expectingKey = false
                }
                index = end
            case UInt8(ascii: "{"):
                let path = frames.map(\.token)
                if wanted(path) { lines[path] = line }
                frames.append(.object(key: ""))
                expectingKey = true
            case UInt8(ascii: "["):
                frames.append(.array(index: 0))
            case UInt8(ascii: ","):
                if case .array(let position) = frames.last {
                    frames[frames.count - 1] = .array(index: position + 1)
                } else {
                    expectingKey = true
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !frames.isEmpty { frames.removeLast() }
            default:
                break
            }
            index += 1
        }
    }

    /// The line (1-based) where the object at `path` starts, if it was wanted.
    func line(at path: [String]) -> Int? { lines[path] }

    /// The index of the quote closing the string whose opening quote is at `start` (escapes skipped).
    private static func endOfString(_ bytes: [UInt8], openingAt start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return bytes.count - 1
    }
}
