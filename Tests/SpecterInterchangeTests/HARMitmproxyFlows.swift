import Foundation
import SpecterInterchange
import SpecterJSON

/// mitmproxy's flows (`har/mitmproxy/X.json`, its import of `X.har`): each request's method,
/// scheme, host, port, path, headers and body (length and SHA-256, which is all a flow dump keeps).
struct MitmproxyFlow {
    var method: String
    var scheme: String
    var host: String
    var port: Int
    var path: String
    var headers: [ForeignHeader]
    var contentLength: Int
    var contentHash: String

    init(_ flow: JSONValue) {
        let request = flow["request"] ?? .null
        method = request["method"]?.stringValue ?? ""
        scheme = request["scheme"]?.stringValue ?? ""
        host = request["host"]?.stringValue ?? ""
        port = request["port"]?.intValue ?? 0
        path = request["path"]?.stringValue ?? ""
        headers = (request["headers"]?.arrayValue ?? []).map { ForeignHeader(name: $0[0]?.stringValue ?? "", value: $0[1]?.stringValue ?? "") }
        contentLength = request["contentLength"]?.intValue ?? -1
        contentHash = request["contentHash"]?.stringValue ?? ""
    }

    /// Our request's URL cut the way a flow keeps it (default ports filled in).
    static func parts(of url: String) -> (scheme: String, host: String, port: Int, path: String)? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = String(url[..<schemeEnd.lowerBound])
        let rest = url[schemeEnd.upperBound...]
        let pathStart = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<pathStart]
        var path = String(rest[pathStart...])
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.hasPrefix("?") || path.isEmpty { path = "/" + path }
        let colon = authority.lastIndex(of: ":")
        let host = colon.map { String(authority[..<$0]) } ?? String(authority)
        let port = colon.flatMap { Int(authority[authority.index(after: $0)...]) } ?? (scheme == "https" ? 443 : 80)
        return (scheme, host, port, path)
    }
}

/// SHA-256 (FIPS 180-4), to check a body against the hash a flow dump keeps.
enum SHA256 {
    private static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    static func hex(_ message: [UInt8]) -> String {
        var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var padded = message + [0x80]
        while padded.count % 64 != 56 { padded.append(0) }
        let bits = UInt64(message.count) * 8
        padded += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
        for blockStart in stride(from: 0, to: padded.count, by: 64) {
            var words = (0..<16).map { index in
                padded[(blockStart + 4 * index)..<(blockStart + 4 * index + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            }
            for index in 16..<64 {
                let s0 = rotate(words[index - 15], 7) ^ rotate(words[index - 15], 18) ^ (words[index - 15] >> 3)
                let s1 = rotate(words[index - 2], 17) ^ rotate(words[index - 2], 19) ^ (words[index - 2] >> 10)
                words.append(words[index - 16] &+ s0 &+ words[index - 7] &+ s1)
            }
            var work = state
            for index in 0..<64 {
                let sum1 = rotate(work[4], 6) ^ rotate(work[4], 11) ^ rotate(work[4], 25)
                let choice = (work[4] & work[5]) ^ (~work[4] & work[6])
                let first = work[7] &+ sum1 &+ choice &+ roundConstants[index] &+ words[index]
                let sum0 = rotate(work[0], 2) ^ rotate(work[0], 13) ^ rotate(work[0], 22)
                let majority = (work[0] & work[1]) ^ (work[0] & work[2]) ^ (work[1] & work[2])
                work = [first &+ sum0 &+ majority, work[0], work[1], work[2], work[3] &+ first, work[4], work[5], work[6]]
            }
            state = zip(state, work).map { $0 &+ $1 }
        }
        return state.map { String(format: "%08x", $0) }.joined()
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { value >> count | value << (32 - count) }
}
