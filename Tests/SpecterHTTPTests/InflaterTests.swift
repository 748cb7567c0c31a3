import Foundation
import Testing
@testable import SpecterHTTP
import TestSupport

/// Specter's DEFLATE decoder against streams made by Python's zlib and gzip
/// (`Fixtures/make-inflate-vectors.py`, run into a temporary folder): stored, fixed and dynamic
/// blocks at several levels and strategies, zlib and gzip wrappers, several gzip members, header
/// fields, and input arriving in pieces of every size, plus truncated and corrupt streams.
@Suite(.serialized) struct InflaterTests {
    static let vectors: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-inflate-vectors-\(getpid())")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.package("Tests/SpecterHTTPTests/Fixtures/make-inflate-vectors.py").path, folder.path]
        try? process.run()
        process.waitUntilExit()
        return folder
    }()

    /// Bytes handed to the decoder in pieces of `piece` bytes, counting how many were taken.
    final class Pieces: ByteSource {
        let bytes: [UInt8]
        let piece: Int
        var position = 0

        init(_ bytes: [UInt8], piece: Int) {
            self.bytes = bytes
            self.piece = piece
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let count = min(piece, buffer.count, bytes.count - position)
            bytes.withUnsafeBytes { source in
                guard let base = source.baseAddress, count > 0 else { return }
                buffer.baseAddress?.copyMemory(from: base + position, byteCount: count)
            }
            position += count
            return count
        }
    }

    static func inflate(_ bytes: [UInt8], _ format: Inflater.Format, piece: Int = 1 << 16) throws -> (output: [UInt8], largestChunk: Int) {
        var output: [UInt8] = []
        var largest = 0
        try Inflater(format: format, source: Pieces(bytes, piece: piece)).run { chunk in
            output.append(contentsOf: chunk)
            largest = max(largest, chunk.count)
        }
        return (output, largest)
    }

    static func format(of file: String) -> Inflater.Format {
        file.hasSuffix(".gzip") ? .gzip : file.hasSuffix(".zlib") ? .zlib : .raw
    }

    @Test func everyVectorDecodesToItsOriginal() throws {
        let files = try Fixtures.files(in: Self.vectors).map(\.lastPathComponent).filter { !$0.hasSuffix(".plain") }
        #expect(files.count >= 60, "the vector script did not run: \(files)")
        for file in files {
            let name = String(file.prefix { $0 != "-" })
            let plain = try Fixtures.bytes(Self.vectors.appendingPathComponent(name + ".plain"))
            let decoded = try Self.inflate(try Fixtures.bytes(Self.vectors.appendingPathComponent(file)), Self.format(of: file))
            #expect(decoded.output == plain, "\(file): \(decoded.output.count) bytes, expected \(plain.count)")
            #expect(decoded.largestChunk <= (1 << 15) + (1 << 18), "\(file): handed on in chunks up to 288 KB")
        }
    }

    @Test(arguments: [1, 3, 7, 8, 9, 1000, 4099])
    func inputInPiecesOfAnySize(_ piece: Int) throws {
        for file in ["text-6.gzip", "noise-0.gzip", "runs-fixed.raw", "members-2.gzip", "header-fields.gzip", "text-9.zlib"] {
            let name = String(file.prefix { $0 != "-" })
            let plain = try Fixtures.bytes(Self.vectors.appendingPathComponent(name + ".plain"))
            let compressed = try Fixtures.bytes(Self.vectors.appendingPathComponent(file))
            #expect(try Self.inflate(compressed, Self.format(of: file), piece: piece).output == plain, "\(file) in pieces of \(piece)")
        }
    }

    @Test func anEmptyBodyLabelledWithACodingIsEmpty() throws {
        for format in [Inflater.Format.gzip, .zlib, .raw] { #expect(try Self.inflate([], format).output.isEmpty) }
    }

    @Test func deflateWithoutTheZlibWrapperIsAcceptedAsDeflate() throws {
        let plain = try Fixtures.bytes(Self.vectors.appendingPathComponent("text.plain"))
        #expect(try Self.inflate(try Fixtures.bytes(Self.vectors.appendingPathComponent("text-6.raw")), .zlib).output == plain)
    }

    @Test func aTruncatedStreamSaysSo() throws {
        for file in ["text-6.gzip", "noise-0.gzip", "text-9.zlib", "runs-1.raw"] {
            let compressed = try Fixtures.bytes(Self.vectors.appendingPathComponent(file))
            for cut in [compressed.count / 2, compressed.count - 3, 5] {
                #expect(throws: InflateError.truncated, "\(file) cut at \(cut)") {
                    _ = try Self.inflate(Array(compressed.prefix(cut)), Self.format(of: file))
                }
            }
        }
    }

    @Test func aCorruptStreamIsAClearError() throws {
        // A block of the reserved type 3.
        #expect(throws: InflateError.corrupt("a block of the reserved type 3")) { _ = try Self.inflate([0x07, 0x00, 0x00], .raw) }
        // A stored block's length that does not match its complement.
        #expect(throws: InflateError.corrupt("a stored block's length does not match its complement")) {
            _ = try Self.inflate([0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5], .raw)
        }
        // A changed byte in a stored block: the gzip trailer's CRC-32 catches it.
        var stored = try Fixtures.bytes(Self.vectors.appendingPathComponent("text-0.gzip"))
        stored[stored.count / 2] ^= 0x20
        #expect(throws: InflateError.corrupt("the CRC-32 does not match")) { _ = try Self.inflate(stored, .gzip) }
        // A match reaching back before the start of the output (fixed code 257, distance code 3: 4 bytes back).
        #expect(throws: InflateError.corrupt("a distance reaches back before the start of the output")) {
            _ = try Self.inflate([0x03, 0x62, 0x00, 0x00], .raw)
        }
        // Not gzip at all, and bytes after a gzip member.
        #expect(throws: InflateError.corrupt("not a gzip stream")) { _ = try Self.inflate(Array("{\"a\": 1}".utf8), .gzip) }
        let member = try Fixtures.bytes(Self.vectors.appendingPathComponent("one-6.gzip"))
        #expect(throws: InflateError.corrupt("bytes that are not gzip follow the stream")) { _ = try Self.inflate(member + [0x41], .gzip) }
        #expect(try Self.inflate(member + [0, 0, 0], .gzip).output == Array("x".utf8), "zero padding after a member is allowed")
        #expect(InflateError.corrupt("x").description == "the compressed body is corrupt (x)")
    }

    /// The decoder keeps well ahead of a local network (≥ 150 MB/s is the goal in release builds;
    /// this debug-build check only guards against a pathological slowdown).
    @Test func decodingIsNotPathologicallySlow() throws {
        let compressed = try Fixtures.bytes(Self.vectors.appendingPathComponent("text-6.gzip"))
        let start = ContinuousClock.now
        let decoded = try Self.inflate(compressed, .gzip)
        #expect(decoded.output.count > 1_000_000)
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
