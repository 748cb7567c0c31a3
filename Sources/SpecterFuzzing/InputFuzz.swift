import SpecterTerminal

/// The terminal input decoder over arbitrary bytes cut into arbitrary batches: it never traps, and
/// never makes more events than it was given characters and batches.
enum InputFuzz {
    static func run(_ data: [UInt8]) {
        var decoder = InputDecoder()
        var input = FuzzBytes(data)
        var scalars = 0, batches = 0, events = 0
        while !input.isEmpty {
            let size = input.number(below: 12) + 1
            var batch: [RawInput] = []
            for _ in 0..<size where !input.isEmpty {
                batch.append(.scalar(Unicode.Scalar(input.byte())))
            }
            scalars += batch.count
            batches += 1
            events += decoder.decode(batch).count
        }
        FuzzCheck.require(events <= scalars + batches, "\(events) events from \(scalars) characters")
    }
}
