import SpecterHTTP

/// A large text body read as lines straight from its file, a window at a time: only where every
/// 256th line starts is kept in memory, so a 500 MB body costs a few hundred kilobytes here.
/// A line longer than `maximumLineBytes` continues on the next one (minified JSON is one line).
/// Built and searched by effects (it is I/O), drawn from state.
public struct FileLines: Sendable {
    let body: ResponseBytes
    /// Byte offsets of lines 0, 256, 512 …
    private let checkpoints: [Int]
    let count: Int

    static let checkpointSpacing = 256
    static let maximumLineBytes = 4096
    private static let chunkBytes = 1 << 20

    /// One line as read: its text, and whether it goes on in the next line (it was cut, not ended).
    struct Line: Sendable, Equatable {
        var text: String
        var continues: Bool
    }

    /// Reads the whole body once to find where lines start (off the main loop: it is I/O).
    init(_ body: ResponseBytes) {
        self.body = body
        var checkpoints: [Int] = []
        var count = 0
        Self.scan(body, from: 0) { start, _, _ in
            if count % Self.checkpointSpacing == 0 { checkpoints.append(start) }
            count += 1
            return true
        }
        self.checkpoints = checkpoints
        self.count = count
    }

    /// Up to `length` lines from line `first`.
    func lines(from first: Int, count length: Int) -> [Line] {
        guard first >= 0, first < count, length > 0 else { return [] }
        let checkpoint = first / Self.checkpointSpacing
        var index = checkpoint * Self.checkpointSpacing
        var result: [Line] = []
        Self.scan(body, from: checkpoints[checkpoint]) { _, bytes, continues in
            if index >= first { result.append(Line(text: String(decoding: bytes, as: UTF8.self), continues: continues)) }
            index += 1
            return result.count < length
        }
        return result
    }

    /// The lines containing `term` (case-insensitively), at most `limit` of them, and whether there were more.
    func search(_ term: String, limit: Int = 100_000) -> (lines: [Int], truncated: Bool) {
        let needle = Array(term.lowercased().utf8)
        guard !needle.isEmpty else { return ([], false) }
        var found: [Int] = []
        var truncated = false
        var index = 0
        Self.scan(body, from: 0) { _, bytes, _ in
            if Self.contains(bytes, needle) {
                guard found.count < limit else {
                    truncated = true
                    return false
                }
                found.append(index)
            }
            index += 1
            return !Task.isCancelled
        }
        return (found, truncated)
    }

    /// ASCII case-insensitive search of UTF-8 bytes (other letters must match as typed, lower-cased).
    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var position = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while position <= last {
            if lower(haystack[position]) == first {
                var offset = 1
                while offset < needle.count, lower(haystack[position + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            position += 1
        }
        return false
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    /// Calls `visit` with each line from byte `offset` (its start, its bytes without the newline,
    /// and whether it was cut) until it returns false or the body ends.
    private static func scan(_ body: ResponseBytes, from offset: Int, _ visit: (Int, ArraySlice<UInt8>, Bool) -> Bool) {
        var position = offset
        var pending: [UInt8] = []
        var pendingStart = offset
        while position < body.count {
            let chunk = body.read(at: position, count: chunkBytes)
            guard !chunk.isEmpty else { return }
            pending += chunk
            position += chunk.count
            var lineStart = 0
            var cursor = 0
            while cursor < pending.count {
                if pending[cursor] == UInt8(ascii: "\n") {
                    guard visit(pendingStart + lineStart, pending[lineStart..<cursor], false) else { return }
                    lineStart = cursor + 1
                } else if cursor - lineStart + 1 >= maximumLineBytes, cursor + 1 < pending.count {
                    let cut = characterBoundary(pending, from: lineStart, before: cursor + 1)
                    guard visit(pendingStart + lineStart, pending[lineStart..<cut], true) else { return }
                    lineStart = cut
                    cursor = cut - 1
                }
                cursor += 1
            }
            pending.removeFirst(lineStart)
            pendingStart += lineStart
        }
        if !pending.isEmpty { _ = visit(pendingStart, pending[...], false) }
    }

    /// Where to cut a long line so no UTF-8 character is split: before `end`, past `start`.
    private static func characterBoundary(_ bytes: [UInt8], from start: Int, before end: Int) -> Int {
        var cut = end
        while cut > start + 1, cut < bytes.count, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }
}
