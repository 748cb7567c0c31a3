/// A `PatternTree` compiled into a Thompson automaton and run over the text once with all its live
/// states together: no backtracking, so a match costs at most (text length × automaton size), and no
/// allocation beyond one scratch buffer per match.
struct PatternAutomaton: Sendable {
    private enum Operation: UInt8 {
        /// Read one scalar in `sets[argument]`.
        case consume
        /// Go on at `argument` and at `alternative`.
        case split
        case jump
        case assertStart
        case assertEnd
        case match
    }

    private struct Instruction {
        var operation: Operation
        var argument: Int32 = 0
        var alternative: Int32 = 0
    }

    private var instructions: [Instruction] = []
    private var sets: [ScalarSet] = []
    private var anchoredAtStart = false
    /// For automata of at most 64 states (nearly all): every state's closure, so a match is bit operations.
    private var closures: [UInt64] = []

    /// Most instructions a pattern may compile to (`{n,m}` repeats its operand).
    static let sizeLimit = 4096

    init?(_ tree: PatternTree) {
        guard emit(tree) else { return nil }
        instructions.append(Instruction(operation: .match))
        anchoredAtStart = instructions.first?.operation == .assertStart
        if instructions.count <= 64 { closures = Self.closures(of: instructions) }
    }

    /// Bit `s` of `closures[4 * state + context]`: state `s` is reached from `state` without reading, where
    /// the context tells whether the position is the start (2) and the end (1) of the text.
    private static func closures(of instructions: [Instruction]) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: instructions.count * 4)
        for state in instructions.indices {
            for context in 0..<4 {
                var reached: UInt64 = 0
                var visited: UInt64 = 0
                var pending = [state]
                while let current = pending.popLast() {
                    guard visited & (1 << UInt64(current)) == 0 else { continue }
                    visited |= 1 << UInt64(current)
                    let instruction = instructions[current]
                    switch instruction.operation {
                    case .consume, .match: reached |= 1 << UInt64(current)
                    case .split: pending += [Int(instruction.alternative), Int(instruction.argument)]
                    case .jump: pending.append(Int(instruction.argument))
                    case .assertStart: if context & 2 != 0 { pending.append(current + 1) }
                    case .assertEnd: if context & 1 != 0 { pending.append(current + 1) }
                    }
                }
                result[state * 4 + context] = reached
            }
        }
        return result
    }

    // MARK: - Compiling

    private mutating func append(_ instruction: Instruction) -> Int {
        instructions.append(instruction)
        return instructions.count - 1
    }

    private mutating func emit(_ tree: PatternTree) -> Bool {
        guard instructions.count < Self.sizeLimit else { return false }
        switch tree {
        case .scalars(let set):
            sets.append(set)
            _ = append(Instruction(operation: .consume, argument: Int32(sets.count - 1)))
        case .start:
            _ = append(Instruction(operation: .assertStart))
        case .end:
            _ = append(Instruction(operation: .assertEnd))
        case .sequence(let items):
            for item in items where !emit(item) { return false }
        case .alternatives(let branches):
            var exits: [Int] = []
            for (position, branch) in branches.enumerated() {
                let isLast = position == branches.count - 1
                let split = isLast ? nil : append(Instruction(operation: .split))
                guard emit(branch) else { return false }
                if let split {
                    exits.append(append(Instruction(operation: .jump)))
                    instructions[split].argument = Int32(split + 1)
                    instructions[split].alternative = Int32(instructions.count)
                }
            }
            for exit in exits { instructions[exit].argument = Int32(instructions.count) }
        case .repeated(let body, let minimum, let maximum):
            guard body.readsCharacters else {
                // It matches only the empty string (`(){1000}`, `(^)*`): any number of times means once.
                return minimum > 0 ? emit(body) : emitOptional(body)
            }
            for _ in 0..<minimum where !emit(body) { return false }
            if let maximum {
                for _ in minimum..<maximum where !emitOptional(body) { return false }
            } else {
                let loop = append(Instruction(operation: .split))
                guard emit(body) else { return false }
                _ = append(Instruction(operation: .jump, argument: Int32(loop)))
                instructions[loop].argument = Int32(loop + 1)
                instructions[loop].alternative = Int32(instructions.count)
            }
        }
        return instructions.count <= Self.sizeLimit
    }

    /// The body, or nothing.
    private mutating func emitOptional(_ body: PatternTree) -> Bool {
        let split = append(Instruction(operation: .split))
        guard emit(body) else { return false }
        instructions[split].argument = Int32(split + 1)
        instructions[split].alternative = Int32(instructions.count)
        return true
    }

    // MARK: - Matching

    /// Whether the pattern matches anywhere in the text.
    func matches(_ text: String) -> Bool {
        closures.isEmpty ? matchesBySearch(text) : matchesByBits(text)
    }

    /// The live states as the bits of one word: no memory touched but the text and the tables.
    private func matchesByBits(_ text: String) -> Bool {
        let matchBit: UInt64 = 1 << UInt64(instructions.count - 1)
        var scalars = text.unicodeScalars.makeIterator()
        var scalar = scalars.next()
        var live = closures[scalar == nil ? 3 : 2]
        while true {
            if live & matchBit != 0 { return true }
            guard let read = scalar else { return false }
            let following = scalars.next()
            let context = following == nil ? 1 : 0
            var next: UInt64 = anchoredAtStart ? 0 : closures[context]
            var pending = live
            while pending != 0 {
                let state = pending.trailingZeroBitCount
                pending &= pending - 1
                if sets[Int(instructions[state].argument)].contains(read.value) { next |= closures[(state + 1) * 4 + context] }
            }
            if next == 0 && anchoredAtStart { return false }
            live = next
            scalar = following
        }
    }

    private func matchesBySearch(_ text: String) -> Bool {
        let size = instructions.count
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: size * 4) { scratch in
            // swiftlint:disable:next force_unwrapping
            let base = scratch.baseAddress!
            var run = Run(current: base, next: base + size, marks: base + 2 * size, stack: base + 3 * size)
            for index in 0..<size { run.marks[index] = -1 }
            return instructions.withUnsafeBufferPointer { program in
                search(text, program, &run)
            }
        }
    }

    /// The scratch lists of one match: states before and after reading a scalar, the generation each
    /// state was last added in (so none is added twice), and the stack `follow` works with.
    private struct Run {
        var current: UnsafeMutablePointer<Int32>
        var next: UnsafeMutablePointer<Int32>
        let marks: UnsafeMutablePointer<Int32>
        let stack: UnsafeMutablePointer<Int32>
        var currentCount = 0
        var nextCount = 0
    }

    private func search(_ text: String, _ program: UnsafeBufferPointer<Instruction>, _ run: inout Run) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        var scalar = scalars.next()
        var generation: Int32 = 0
        var atStart = true
        while true {
            if atStart || !anchoredAtStart {
                let context = Context(generation: generation, atStart: atStart, atEnd: scalar == nil)
                if follow(0, program, run.marks, run.stack, into: run.current, &run.currentCount, context) { return true }
            }
            guard let read = scalar, run.currentCount > 0 || !anchoredAtStart else { return false }
            let following = scalars.next()
            generation += 1
            run.nextCount = 0
            let context = Context(generation: generation, atStart: false, atEnd: following == nil)
            for position in 0..<run.currentCount {
                let state = run.current[position]
                guard sets[Int(program[Int(state)].argument)].contains(read.value) else { continue }
                if follow(state + 1, program, run.marks, run.stack, into: run.next, &run.nextCount, context) { return true }
            }
            swap(&run.current, &run.next)
            run.currentCount = run.nextCount
            scalar = following
            atStart = false
        }
    }

    /// Where in the text states are being added: what the anchors see.
    private struct Context {
        var generation: Int32
        var atStart: Bool
        var atEnd: Bool
    }

    /// Adds the states reachable from `start` without reading (through splits, jumps and anchors that
    /// hold here) to a list; `true` when one of them is the match.
    private func follow(_ start: Int32, _ program: UnsafeBufferPointer<Instruction>, _ marks: UnsafeMutablePointer<Int32>,
                        _ stack: UnsafeMutablePointer<Int32>, into list: UnsafeMutablePointer<Int32>, _ count: inout Int, _ context: Context) -> Bool {
        guard marks[Int(start)] != context.generation else { return false }
        marks[Int(start)] = context.generation
        var depth = 1
        stack[0] = start
        func push(_ target: Int32) {
            guard marks[Int(target)] != context.generation else { return }
            marks[Int(target)] = context.generation
            stack[depth] = target
            depth += 1
        }
        while depth > 0 {
            depth -= 1
            let state = stack[depth]
            let instruction = program[Int(state)]
            switch instruction.operation {
            case .consume:
                list[count] = state
                count += 1
            case .match:
                return true
            case .split:
                // The alternative first, so the preferred branch is followed first.
                push(instruction.alternative)
                push(instruction.argument)
            case .jump:
                push(instruction.argument)
            case .assertStart:
                if context.atStart { push(state + 1) }
            case .assertEnd:
                if context.atEnd { push(state + 1) }
            }
        }
        return false
    }
}
