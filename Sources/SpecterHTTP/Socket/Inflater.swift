/// Why a compressed body could not be decoded.
enum InflateError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a valid stream (the reason says where it went wrong).
    case corrupt(String)
    /// The input ended before the stream did.
    case truncated

    var description: String {
        switch self {
        case .corrupt(let reason): return "the compressed body is corrupt (\(reason))"
        case .truncated: return "the compressed body ended before its end"
        }
    }
}

/// Where compressed bytes come from, pulled as the decoder needs them: `read` fills the buffer and
/// says how many bytes it put there, 0 at the end of the input. Pulling (rather than being pushed
/// to) is what bounds memory: nothing is read from the network until the output has been taken.
protocol ByteSource: AnyObject {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A streaming DEFLATE decoder (RFC 1951), with the zlib (RFC 1950) and gzip (RFC 1952) wrappers
/// HTTP's `Content-Encoding: deflate` and `gzip` use; written here because Specter links no zlib.
///
/// Output goes out in chunks of up to 288 KB through `run`'s callback, which may throw to stop
/// (a body limit). Memory is fixed: a 64 KB input buffer, a 32 KB window plus the chunk being
/// built, and two lookup tables. Bits are read 64 at a time from the input and each Huffman symbol
/// is one table load, so the decoder keeps well ahead of a local network.
final class Inflater {
    enum Format: Sendable {
        /// Bare DEFLATE.
        case raw
        /// zlib (what `Content-Encoding: deflate` means); bare DEFLATE is accepted too, as many servers send it.
        case zlib
        /// One or more gzip members, one after the other.
        case gzip
    }

    private let format: Format
    private let source: ByteSource

    private static let inputCapacity = 1 << 16
    private let input = UnsafeMutableRawPointer.allocate(byteCount: Inflater.inputCapacity, alignment: 8)
    private var inputStart = 0
    private var inputEnd = 0
    private var exhausted = false
    /// Compressed bytes taken from the source so far.
    private(set) var consumed = 0

    /// Input bits not yet used, the next one lowest. `bitCount` goes below zero only when a symbol
    /// needed bits past the end of the input: the stream was truncated.
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0

    private static let window = 1 << 15
    private static let outputCapacity = window + (1 << 18)
    /// Past this a match (at most 258 bytes) might not fit: hand the chunk on and slide the window.
    private static let outputLimit = outputCapacity - 258
    private let output = UnsafeMutablePointer<UInt8>.allocate(capacity: Inflater.outputCapacity)
    private var outputEnd = 0
    private var handedOn = 0

    private let literals = UnsafeMutablePointer<UInt16>.allocate(capacity: HuffmanTable.capacity)
    private let distances = UnsafeMutablePointer<UInt16>.allocate(capacity: HuffmanTable.capacity)
    private var checksum = Checksum.none
    private var memberSize: UInt32 = 0

    init(format: Format, source: ByteSource) {
        self.format = format
        self.source = source
    }

    deinit {
        input.deallocate()
        output.deallocate()
        literals.deallocate()
        distances.deallocate()
    }

    /// Decodes the whole input, handing the output on as it is made. No input at all is an empty
    /// body (a server may label an empty answer, or a HEAD's, with its coding), not a truncated stream.
    func run(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if try peekByte() == nil { return }
        switch format {
        case .raw:
            try inflate(emit)
            try handOn(emit)
        case .zlib:
            try zlibStream(emit)
        case .gzip:
            try gzipMember(emit)
            while let next = try peekByte() {
                guard next == 0x1F else {
                    // Some servers pad with zeros; anything else after a member is not gzip.
                    while let padding = try readByte() {
                        if padding != 0 { throw InflateError.corrupt("bytes that are not gzip follow the stream") }
                    }
                    return
                }
                try gzipMember(emit)
            }
        }
    }

    // MARK: Wrappers

    private func zlibStream(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        try refill()
        guard bitCount >= 16 else { throw InflateError.truncated }
        let first = UInt8(truncatingIfNeeded: bitBuffer)
        let second = UInt8(truncatingIfNeeded: bitBuffer >> 8)
        let isZlib = first & 0x0F == 8 && first >> 4 <= 7 && (UInt16(first) << 8 | UInt16(second)) % 31 == 0
        guard isZlib else {
            // Bare DEFLATE: nothing was taken from the bits yet.
            try inflate(emit)
            try handOn(emit)
            return
        }
        try drop(16)
        if second & 0x20 != 0 { throw InflateError.corrupt("the zlib stream asks for a preset dictionary") }
        checksum = .adler32(Adler32())
        try inflate(emit)
        try handOn(emit)
        alignToByte()
        let expected = try readBigEndian32()
        if case .adler32(let adler) = checksum, adler.value != expected {
            throw InflateError.corrupt("the Adler-32 checksum does not match")
        }
    }

    private func gzipMember(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard try requireByte() == 0x1F, try requireByte() == 0x8B else { throw InflateError.corrupt("not a gzip stream") }
        guard try requireByte() == 8 else { throw InflateError.corrupt("a gzip member not compressed with DEFLATE") }
        let flags = try requireByte()
        for _ in 0..<6 { _ = try requireByte() }  // modification time, extra flags, operating system
        if flags & 0x04 != 0 {
            let length = Int(try requireByte()) | Int(try requireByte()) << 8
            for _ in 0..<length { _ = try requireByte() }
        }
        if flags & 0x08 != 0 { while try requireByte() != 0 {} }  // file name
        if flags & 0x10 != 0 { while try requireByte() != 0 {} }  // comment
        if flags & 0x02 != 0 { _ = try requireByte(); _ = try requireByte() }  // header CRC
        checksum = .crc32(CRC32())
        memberSize = 0
        try inflate(emit)
        try handOn(emit)
        alignToByte()
        let crc = try readLittleEndian32()
        let size = try readLittleEndian32()
        if case .crc32(let computed) = checksum, computed.value != crc { throw InflateError.corrupt("the CRC-32 does not match") }
        if size != memberSize { throw InflateError.corrupt("the length in the gzip trailer does not match") }
    }

    // MARK: Blocks

    private func inflate(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var final = false
        while !final {
            if bitCount < 3 { try refill() }
            final = bitBuffer & 1 == 1
            let type = Int(bitBuffer >> 1 & 3)
            try drop(3)
            switch type {
            case 0:
                try storedBlock(emit)
            case 1:
                let fixed = try fixedTables()
                try huffmanBlock(literalBits: fixed.literalBits, distanceBits: fixed.distanceBits, emit)
            case 2:
                let bits = try dynamicTables()
                try huffmanBlock(literalBits: bits.literalBits, distanceBits: bits.distanceBits, emit)
            default:
                throw InflateError.corrupt("a block of the reserved type 3")
            }
        }
    }

    private func storedBlock(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        alignToByte()
        let length = Int(try requireByte()) | Int(try requireByte()) << 8
        let complement = Int(try requireByte()) | Int(try requireByte()) << 8
        guard length ^ complement == 0xFFFF else { throw InflateError.corrupt("a stored block's length does not match its complement") }
        var remaining = length
        while remaining > 0 {
            if outputEnd >= Self.outputLimit { try handOn(emit); slide() }
            if bitCount >= 8 {
                output[outputEnd] = UInt8(truncatingIfNeeded: bitBuffer)
                outputEnd += 1
                try drop(8)
                remaining -= 1
                continue
            }
            if inputStart == inputEnd, try !pull() { throw InflateError.truncated }
            let count = min(remaining, inputEnd - inputStart, Self.outputLimit - outputEnd)
            (output + outputEnd).update(from: input.assumingMemoryBound(to: UInt8.self) + inputStart, count: count)
            outputEnd += count
            inputStart += count
            remaining -= count
        }
    }

    private var fixedBits: (literalBits: Int, distanceBits: Int)?

    private func fixedTables() throws -> (literalBits: Int, distanceBits: Int) {
        // The fixed codes share the tables with dynamic ones, so they are rebuilt when a dynamic block came between.
        if let fixedBits, !dynamicSinceFixed { return fixedBits }
        var lengths = [UInt8](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        let literalBits = try lengths.withUnsafeBufferPointer { buffer throws(InflateError) in try HuffmanTable.build(buffer, into: literals) }
        let distanceLengths = [UInt8](repeating: 5, count: 30)
        let distanceBits = try distanceLengths.withUnsafeBufferPointer { buffer throws(InflateError) in try HuffmanTable.build(buffer, into: distances) }
        fixedBits = (literalBits, distanceBits)
        dynamicSinceFixed = false
        return (literalBits, distanceBits)
    }

    private var dynamicSinceFixed = false

    private static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private func dynamicTables() throws -> (literalBits: Int, distanceBits: Int) {
        dynamicSinceFixed = true
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw InflateError.corrupt("too many codes in a dynamic block") }
        var codeLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengths[Self.codeLengthOrder[index]] = UInt8(try bits(3)) }
        // The code-length code is decoded with the distance table's memory, which is rebuilt below.
        let codeBits = try codeLengths.withUnsafeBufferPointer { buffer throws(InflateError) in try HuffmanTable.build(buffer, into: distances) }
        var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
        var index = 0
        while index < lengths.count {
            if bitCount < 16 { try refill() }
            let entry = distances[Int(truncatingIfNeeded: bitBuffer) & (1 << codeBits - 1)]
            let length = Int(entry & 15)
            guard length > 0 else { throw invalid("an invalid code-length code", bitsLeft: bitCount) }
            try drop(length)
            let symbol = Int(entry >> 4)
            switch symbol {
            case 0...15:
                lengths[index] = UInt8(symbol)
                index += 1
            case 16:
                guard index > 0 else { throw InflateError.corrupt("a repeat with nothing to repeat") }
                let repeated = lengths[index - 1]
                let count = try bits(2) + 3
                guard index + count <= lengths.count else { throw InflateError.corrupt("code lengths run past their count") }
                for _ in 0..<count { lengths[index] = repeated; index += 1 }
            default:
                let count = symbol == 17 ? try bits(3) + 3 : try bits(7) + 11
                guard index + count <= lengths.count else { throw InflateError.corrupt("code lengths run past their count") }
                index += count  // already zero
            }
        }
        guard lengths[256] > 0 else { throw InflateError.corrupt("the block has no end-of-block code") }
        return try lengths.withUnsafeBufferPointer { all throws(InflateError) in
            let literalBits = try HuffmanTable.build(UnsafeBufferPointer(rebasing: all[0..<literalCount]), into: literals)
            let distanceBits = try HuffmanTable.build(UnsafeBufferPointer(rebasing: all[literalCount...]), into: distances)
            return (literalBits, distanceBits)
        }
    }

    /// Length codes 257…285 and distance codes 0…29: base value | extra bits << 16.
    private static let lengthCodes: [UInt32] = zip(
        [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258] as [UInt32],
        [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0] as [UInt32]).map { $0 | $1 << 16 }
    private static let distanceCodes: [UInt32] = zip(
        [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193,
         12289, 16385, 24577] as [UInt32],
        [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13] as [UInt32]).map { $0 | $1 << 16 }

    /// The hot loop: literals and matches until the end-of-block code, state in locals.
    private func huffmanBlock(literalBits: Int, distanceBits: Int, _ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        let literalMask = (1 << literalBits) - 1
        let distanceMask = (1 << distanceBits) - 1
        let literals = self.literals
        let distances = self.distances
        let output = self.output
        try Self.lengthCodes.withUnsafeBufferPointer { lengthCodes in
            try Self.distanceCodes.withUnsafeBufferPointer { distanceCodes in
                var bits = bitBuffer
                var count = bitCount
                var end = outputEnd
                defer {
                    bitBuffer = bits
                    bitCount = count
                    outputEnd = end
                }
                while true {
                    if end >= Self.outputLimit {
                        outputEnd = end
                        try handOn(emit)
                        slide()
                        end = outputEnd
                    }
                    if count < 48 {
                        if inputEnd - inputStart >= 8 {
                            let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: inputStart, as: UInt64.self))
                            bits |= word << UInt64(count)
                            let taken = (63 - count) >> 3
                            inputStart += taken
                            count += taken << 3
                        } else {
                            bitBuffer = bits
                            bitCount = count
                            try refill()
                            bits = bitBuffer
                            count = bitCount
                        }
                    }
                    let entry = literals[Int(truncatingIfNeeded: bits) & literalMask]
                    let length = Int(entry & 15)
                    if length == 0 { throw invalid("an invalid literal/length code", bitsLeft: count) }
                    bits >>= UInt64(length)
                    count -= length
                    let symbol = Int(entry >> 4)
                    if symbol < 256 {
                        if count < 0 { throw InflateError.truncated }
                        output[end] = UInt8(truncatingIfNeeded: symbol)
                        end += 1
                        continue
                    }
                    if symbol == 256 {
                        if count < 0 { throw InflateError.truncated }
                        return
                    }
                    guard symbol < 286 else { throw invalid("an invalid length code", bitsLeft: count) }
                    let lengthCode = lengthCodes[symbol - 257]
                    let lengthExtra = Int(lengthCode >> 16)
                    let matchLength = Int(lengthCode & 0xFFFF) + Int(truncatingIfNeeded: bits) & ((1 << lengthExtra) - 1)
                    bits >>= UInt64(lengthExtra)
                    count -= lengthExtra
                    let distanceEntry = distances[Int(truncatingIfNeeded: bits) & distanceMask]
                    let distanceLength = Int(distanceEntry & 15)
                    if distanceLength == 0 { throw invalid("an invalid distance code", bitsLeft: count) }
                    bits >>= UInt64(distanceLength)
                    count -= distanceLength
                    let distanceSymbol = Int(distanceEntry >> 4)
                    guard distanceSymbol < 30 else { throw invalid("an invalid distance code", bitsLeft: count) }
                    let distanceCode = distanceCodes[distanceSymbol]
                    let distanceExtra = Int(distanceCode >> 16)
                    let distance = Int(distanceCode & 0xFFFF) + Int(truncatingIfNeeded: bits) & ((1 << distanceExtra) - 1)
                    bits >>= UInt64(distanceExtra)
                    count -= distanceExtra
                    if count < 0 { throw InflateError.truncated }
                    guard distance <= end else { throw InflateError.corrupt("a distance reaches back before the start of the output") }
                    let from = output + end - distance
                    let to = output + end
                    if distance == 1 {
                        to.update(repeating: from.pointee, count: matchLength)
                    } else if distance >= matchLength {
                        to.update(from: from, count: matchLength)
                    } else {
                        for offset in 0..<matchLength { to[offset] = from[offset] }
                    }
                    end += matchLength
                }
            }
        }
    }

    /// A code no table has: corrupt input, unless the input ran out and the bits looked at were
    /// padding past its end (then the stream was cut short).
    private func invalid(_ reason: String, bitsLeft: Int) -> InflateError {
        exhausted && bitsLeft < 48 ? .truncated : .corrupt(reason)
    }

    // MARK: Output

    /// Hands on what was decoded since the last time, adding it to the checksum.
    private func handOn(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard outputEnd > handedOn else { return }
        let chunk = UnsafeRawBufferPointer(start: output + handedOn, count: outputEnd - handedOn)
        checksum.update(chunk)
        memberSize &+= UInt32(truncatingIfNeeded: chunk.count)
        handedOn = outputEnd
        try emit(chunk)
    }

    /// Keeps the last 32 KB (what a match may refer to) at the front of the output buffer.
    private func slide() {
        guard outputEnd > Self.window else { return }
        output.update(from: output + outputEnd - Self.window, count: Self.window)
        outputEnd = Self.window
        handedOn = Self.window
    }

    // MARK: Input

    /// Tops the bit buffer up to at least 57 bits, or as many as the input still has.
    private func refill() throws {
        let bytes = input.assumingMemoryBound(to: UInt8.self)
        while bitCount <= 56 {
            if inputStart == inputEnd, try !pull() { return }
            bitBuffer |= UInt64(bytes[inputStart]) << UInt64(bitCount)
            inputStart += 1
            bitCount += 8
        }
    }

    /// Reads the next piece of input once the last is used up; false at its end.
    private func pull() throws -> Bool {
        if exhausted { return false }
        let got = try source.read(into: UnsafeMutableRawBufferPointer(start: input, count: Self.inputCapacity))
        inputStart = 0
        inputEnd = got
        consumed += got
        if got == 0 { exhausted = true }
        return got > 0
    }

    private func bits(_ wanted: Int) throws -> Int {
        if bitCount < wanted { try refill() }
        guard bitCount >= wanted else { throw InflateError.truncated }
        let value = Int(truncatingIfNeeded: bitBuffer) & ((1 << wanted) - 1)
        bitBuffer >>= UInt64(wanted)
        bitCount -= wanted
        return value
    }

    private func drop(_ count: Int) throws {
        guard bitCount >= count else { throw InflateError.truncated }
        bitBuffer >>= UInt64(count)
        bitCount -= count
    }

    /// Drops the bits left of the current byte. The fast refill leaves copies of the next input
    /// bits above `bitCount`; they are cleared here, because whole bytes are then taken from the
    /// input directly, past them.
    private func alignToByte() {
        let partial = bitCount & 7
        bitBuffer >>= UInt64(partial)
        bitCount -= partial
        if bitCount < 64 { bitBuffer &= (1 << UInt64(bitCount)) - 1 }
    }

    /// The next whole byte (after `alignToByte`), or nil at the end of the input.
    private func readByte() throws -> UInt8? {
        if bitCount >= 8 {
            let byte = UInt8(truncatingIfNeeded: bitBuffer)
            bitBuffer >>= 8
            bitCount -= 8
            return byte
        }
        if inputStart == inputEnd, try !pull() { return nil }
        let byte = input.load(fromByteOffset: inputStart, as: UInt8.self)
        inputStart += 1
        return byte
    }

    private func peekByte() throws -> UInt8? {
        if bitCount >= 8 { return UInt8(truncatingIfNeeded: bitBuffer) }
        if inputStart == inputEnd, try !pull() { return nil }
        return input.load(fromByteOffset: inputStart, as: UInt8.self)
    }

    private func requireByte() throws -> UInt8 {
        guard let byte = try readByte() else { throw InflateError.truncated }
        return byte
    }

    private func readLittleEndian32() throws -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { value |= UInt32(try requireByte()) << UInt32(shift) }
        return value
    }

    private func readBigEndian32() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 { value = value << 8 | UInt32(try requireByte()) }
        return value
    }
}
