import Foundation

/// A response body's bytes as its framing delimits them (RFC 9112 §6): a `Content-Length`, chunked
/// transfer coding (chunk sizes, extensions and trailers taken off), or everything until the server
/// closes. Read on demand, so the server is never read ahead of whoever takes the bytes.
final class BodyReader: ByteSource {
    enum Framing: Equatable {
        /// No body whatever the headers say (HEAD, 1xx, 204, 304).
        case none
        case length(Int)
        case chunked
        /// Until the server closes the connection (which then cannot be reused).
        case untilClose
    }

    let framing: Framing
    private let connection: HTTPConnection
    /// Bytes left in the body (`length`) or in the current chunk (`chunked`).
    private var remaining = 0
    private var inChunk = false
    /// Body bytes handed out so far: the "wire" size the expansion limit of a compressed body is measured against.
    private(set) var delivered = 0
    /// Whether the end of the body was reached as its framing says (not cut short).
    private(set) var isComplete = false

    init(connection: HTTPConnection, framing: Framing) {
        self.connection = connection
        self.framing = framing
        if case .length(let length) = framing { remaining = length }
    }

    /// The framing of a response to `method` with this head.
    static func framing(method: String, head: ResponseHead) throws(SocketFailure) -> Framing {
        if method == "HEAD" || (100..<200).contains(head.status) || head.status == 204 || head.status == 304 { return .none }
        if let coding = head.headers.fields.last(where: { $0.name.caseInsensitiveEquals("Transfer-Encoding") })?.value {
            let last = coding.split(separator: ",").last.map { $0.withoutOptionalWhitespace.lowercased() }
            return last == "chunked" ? .chunked : .untilClose
        }
        return try declaredLength(head.headers).map { .length($0) } ?? .untilClose
    }

    /// The length the `Content-Length` fields declare, read on their bytes (every response has one).
    /// Repeated or comma-separated lengths are accepted when they all give the same number (RFC 9112
    /// §6.3 speaks of identical values; `10` and `010` frame the body alike, so both are read). Each
    /// item is digits with optional whitespace around; an empty one between commas is no item.
    private static func declaredLength(_ headers: HTTPHeaders) throws(SocketFailure) -> Int? {
        let notANumber = SocketFailure.malformed("the response's Content-Length is not a number")
        var length: Int?
        for field in headers.fields where field.name.caseInsensitiveEquals("Content-Length") {
            var item: Int?, itemHasBytes = false, itemEnded = false
            func close() throws(SocketFailure) {
                defer { (item, itemHasBytes, itemEnded) = (nil, false, false) }
                guard itemHasBytes else { return }
                guard let value = item else { throw notANumber }
                guard length == nil || length == value else { throw .malformed("the response gives two different Content-Lengths") }
                length = value
            }
            for byte in field.value.utf8 {
                if byte == UInt8(ascii: ",") {
                    try close()
                    continue
                }
                itemHasBytes = true
                if OptionalWhitespace.contains(byte) {
                    itemEnded = item != nil
                    continue
                }
                guard (48...57).contains(byte), !itemEnded else { throw notANumber }
                let (tens, overflowed) = (item ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, overflowedAgain) = tens.addingReportingOverflow(Int(byte) - 48)
                guard !overflowed, !overflowedAgain else { throw notANumber }
                item = sum
            }
            try close()
        }
        return length
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try next(into: buffer)
    }

    func next(into buffer: UnsafeMutableRawBufferPointer) throws(SocketFailure) -> Int {
        switch framing {
        case .none:
            isComplete = true
            return 0
        case .untilClose:
            let got = try connection.read(into: buffer)
            if got == 0 { isComplete = true }
            delivered += got
            return got
        case .length:
            if remaining == 0 {
                isComplete = true
                return 0
            }
            return try counted(into: buffer)
        case .chunked:
            while remaining == 0 {
                if isComplete { return 0 }
                try nextChunk()
            }
            return try counted(into: buffer)
        }
    }

    private func counted(into buffer: UnsafeMutableRawBufferPointer) throws(SocketFailure) -> Int {
        let got = try connection.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, remaining)]))
        guard got > 0 else { throw .closed }
        remaining -= got
        delivered += got
        return got
    }

    /// Reads the next chunk's size line (after the previous chunk's CRLF); at the last chunk, the trailers.
    private func nextChunk() throws(SocketFailure) {
        if inChunk {
            guard try connection.readLine().isEmpty else { throw .malformed("a chunk is longer than its size") }
        }
        let line = ResponseHead.latin1(try connection.readLine())
        let sizeText = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first.map(\.withoutOptionalWhitespace) ?? ""
        guard !sizeText.isEmpty, sizeText.utf8.allSatisfy({ $0 < 128 && Character(Unicode.Scalar($0)).isHexDigit }), let size = Int(sizeText, radix: 16) else {
            throw .malformed("a chunk size is not hexadecimal")
        }
        inChunk = true
        if size == 0 {
            while try !connection.readLine().isEmpty {}
            isComplete = true
            return
        }
        remaining = size
    }
}
