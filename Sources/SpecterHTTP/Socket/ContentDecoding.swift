/// Undoes a `gzip` or `deflate` content coding over bytes already at hand, with the decoder
/// Specter's own transport uses on the wire. Public so the decoder can be measured on its own
/// (`specter-bench inflate`) and used on bodies that were kept still encoded.
public enum ContentDecoding {
    /// Why the bytes could not be decoded, in a sentence.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Decodes `bytes` coded as `contentEncoding` (`gzip`, `x-gzip` or `deflate`), handing the
    /// output on in chunks; any other coding is refused.
    public static func decode(_ bytes: [UInt8], contentEncoding: String, into consumer: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let format = HTTP1Exchange.decoding(contentEncoding) else { throw Failure(description: "\(contentEncoding) is not gzip or deflate") }
        do {
            try Inflater(format: format, source: MemorySource(bytes)).run(consumer)
        } catch let error as InflateError {
            throw Failure(description: error.description)
        }
    }

    /// Bytes in memory as a `ByteSource`, 64 KB at a time.
    private final class MemorySource: ByteSource {
        private let bytes: [UInt8]
        private var position = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let count = min(buffer.count, bytes.count - position)
            guard count > 0, let target = buffer.baseAddress else { return 0 }
            bytes.withUnsafeBytes { source in
                if let base = source.baseAddress { target.copyMemory(from: base + position, byteCount: count) }
            }
            position += count
            return count
        }
    }
}
