/// A set of Unicode scalars, as a regular expression's class or escape describes it: ranges, with
/// ASCII answered from a bitmap.
struct ScalarSet: Sendable {
    private var ranges: [ClosedRange<UInt32>] = []
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0
    private(set) var isNegated = false

    init() {}

    init(_ ranges: [ClosedRange<UInt32>]) {
        for range in ranges { insert(range) }
    }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
        var scalar = range.lowerBound
        while scalar <= min(range.upperBound, 127) {
            if scalar < 64 { asciiLow |= 1 << UInt64(scalar) } else { asciiHigh |= 1 << UInt64(scalar - 64) }
            scalar += 1
        }
    }

    mutating func formUnion(_ other: ScalarSet) {
        if other.isNegated {
            // Only `\D`, `\W`, `\S` are negated when joined into a class: complement by ranges.
            for range in other.complementRanges() { insert(range) }
        } else {
            for range in other.ranges { insert(range) }
        }
    }

    func negated() -> ScalarSet {
        var copy = self
        copy.isNegated.toggle()
        return copy
    }

    @inline(__always)
    func contains(_ scalar: UInt32) -> Bool {
        let inside: Bool
        if scalar < 64 {
            inside = asciiLow & (1 << UInt64(scalar)) != 0
        } else if scalar < 128 {
            inside = asciiHigh & (1 << UInt64(scalar - 64)) != 0
        } else {
            inside = ranges.contains { $0.contains(scalar) }
        }
        return inside != isNegated
    }

    /// The scalars outside the set's ranges (ignoring `isNegated`).
    private func complementRanges() -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = max(next, range.upperBound &+ 1)
            if range.upperBound == 0x10FFFF { return result }
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return result
    }

    // MARK: - ECMA-262 classes

    static let digits = ScalarSet([0x30...0x39])
    static let wordCharacters = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// `\s`: ECMA-262's WhiteSpace and LineTerminator.
    static let whitespace = ScalarSet([
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
        0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// `.`: anything but a line terminator.
    static let notLineTerminator = ScalarSet([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]).negated()
}
