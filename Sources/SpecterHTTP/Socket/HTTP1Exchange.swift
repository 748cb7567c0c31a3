import Foundation

/// One request and its response over one HTTP/1.1 connection, on the calling thread.
///
/// The body is read only as fast as its `BodySink` takes it (memory, then a file), so a body larger
/// than memory never piles up: back-pressure comes from doing one thing at a time. `gzip` and
/// `deflate` bodies are decoded on the way (`Inflater`), their expansion measured against the bytes
/// read so far. The connection may carry another request only when the body was read to its end
/// and the server did not say `Connection: close`.
struct HTTP1Exchange {
    let request: HTTPRequest
    let limits: BodyLimits

    struct Outcome {
        var head: ResponseHead
        var body: ResponseBytes
        /// Whether the connection can go back to the pool.
        var reusable: Bool
    }

    func run(on connection: HTTPConnection) throws -> Outcome {
        let head = try head(on: connection)
        let reader = BodyReader(connection: connection, framing: try BodyReader.framing(method: request.method, head: head))
        let coding = Self.decoding(head.headers["Content-Encoding"])
        var declared: Int?
        if case .length(let length) = reader.framing { declared = length }
        let sink = try BodySink(limits: limits, declaredLength: declared, isEncoded: coding != nil)
        if let coding {
            do {
                try Inflater(format: coding, source: reader).run { chunk in try sink.append(chunk, wireBytes: reader.delivered) }
            } catch let error as InflateError {
                throw SocketFailure.undecodable(error)
            }
            try discardRest(of: reader, buffer: connection.bodyBuffer)
        } else {
            try copy(reader, into: sink, buffer: connection.bodyBuffer)
        }
        let body = try sink.finish()
        let reusable = reader.isComplete && reader.framing != .untilClose && head.keepsAlive && head.status != 101 && !connection.hasLeftover
        return Outcome(head: head, body: body, reusable: reusable)
    }

    /// Sends the request and reads the response's head, leaving the body on the connection.
    func head(on connection: HTTPConnection) throws -> ResponseHead {
        try send(on: connection)
        return try ResponseHead.read(from: connection)
    }

    /// Reads the body after `head` as it arrives, each piece (decoded) handed to `deliver` before the
    /// next is read; true when the connection may carry another request.
    func streamBody(after head: ResponseHead, on connection: HTTPConnection, deliver: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        let reader = BodyReader(connection: connection, framing: try BodyReader.framing(method: request.method, head: head))
        if let coding = Self.decoding(head.headers["Content-Encoding"]) {
            do {
                try Inflater(format: coding, source: reader).run(deliver)
            } catch let error as InflateError {
                throw SocketFailure.undecodable(error)
            }
            try discardRest(of: reader, buffer: connection.bodyBuffer)
        } else {
            let buffer = connection.bodyBuffer
            while true {
                let got = try reader.next(into: buffer)
                if got == 0 { break }
                try deliver(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
            }
        }
        return reader.isComplete && reader.framing != .untilClose && head.keepsAlive && head.status != 101 && !connection.hasLeftover
    }

    private func send(on connection: HTTPConnection) throws {
        var bytes = try RequestHead.bytes(for: request)
        let body = RequestHead.sentBody(of: request) ?? []
        // A small body goes in the same write as the head: one segment, one wake-up for the server.
        if body.count <= 1 << 16 {
            bytes += body
            try bytes.withUnsafeBytes { buffer in try connection.send(buffer) }
        } else {
            try bytes.withUnsafeBytes { buffer in try connection.send(buffer) }
            try body.withUnsafeBytes { buffer in try connection.send(buffer) }
        }
    }

    /// The decoder for a content coding Specter asked for; `nil` leaves the body as it came
    /// (identity, or a coding the request asked for itself).
    static func decoding(_ contentEncoding: String?) -> Inflater.Format? {
        switch contentEncoding?.withoutOptionalWhitespace.lowercased() {
        case "gzip", "x-gzip": return .gzip
        case "deflate": return .zlib
        default: return nil
        }
    }

    private func copy(_ reader: BodyReader, into sink: BodySink, buffer: UnsafeMutableRawBufferPointer) throws {
        while true {
            let got = try reader.next(into: buffer)
            if got == 0 { return }
            try sink.append(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
        }
    }

    /// Reads what follows a compressed stream's end up to the body's end, so the connection stays usable.
    private func discardRest(of reader: BodyReader, buffer: UnsafeMutableRawBufferPointer) throws {
        guard !reader.isComplete, reader.framing != .untilClose else { return }
        var discarded = 0, reads = 0
        while case let got = try reader.next(into: buffer), got > 0 {
            discarded += got
            reads += 1
            if discarded > 1 << 16 || reads > 32 { return }  // not worth reading on: the connection is closed instead
        }
    }
}
