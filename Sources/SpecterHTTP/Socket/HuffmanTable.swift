/// A canonical Huffman code (RFC 1951 §3.2.2) as one lookup table indexed by the next input bits,
/// least significant first as DEFLATE packs them: one load per symbol instead of a walk down a tree.
///
/// Each entry is `symbol << 4 | length`; length 0 marks bit patterns no code starts with. One full
/// table (not two levels) keeps decoding simple; it is only as wide as the longest code in use.
enum HuffmanTable {
    /// Room a table may need: codes are at most 15 bits long.
    static let capacity = 1 << 15

    /// Fills `table` for symbols `0..<lengths.count` with those code lengths (0: unused) and returns
    /// how many bits index it. Over-subscribed codes are refused; incomplete ones are allowed (their
    /// unused patterns stay invalid, and reaching one is an error while decoding).
    static func build(_ lengths: UnsafeBufferPointer<UInt8>, into table: UnsafeMutablePointer<UInt16>) throws(InflateError) -> Int {
        var counts = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return try withUnsafeMutableBytes(of: &counts) { raw throws(InflateError) -> Int in
            let counts = raw.bindMemory(to: Int.self)
            for length in lengths where length > 0 { counts[Int(length)] += 1 }
            var left = 1
            for length in 1...15 {
                left = (left << 1) - counts[length]
                if left < 0 { throw InflateError.corrupt("a Huffman code is over-subscribed") }
            }
            var longest = 1
            for length in 1...15 where counts[length] > 0 { longest = length }
            // The first code of each length, then the next one to hand out (counts is reused for it).
            var code = 0
            var previous = 0
            for length in 1...15 {
                code = (code + previous) << 1
                previous = counts[length]
                counts[length] = code
            }
            let size = 1 << longest
            table.update(repeating: 0, count: size)
            for symbol in 0..<lengths.count {
                let length = Int(lengths[symbol])
                guard length > 0 else { continue }
                let assigned = counts[length]
                counts[length] += 1
                var reversed = 0
                var rest = assigned
                for _ in 0..<length {
                    reversed = reversed << 1 | rest & 1
                    rest >>= 1
                }
                let entry = UInt16(truncatingIfNeeded: symbol << 4 | length)
                var index = reversed
                while index < size {
                    table[index] = entry
                    index += 1 << length
                }
            }
            return longest
        }
    }
}
