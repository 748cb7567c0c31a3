/// Produces a string that matches a regular expression, for examples of `pattern`-constrained strings.
///
/// Handles what API patterns use: literals, escapes, character classes and ranges, groups,
/// alternation, anchors and quantifiers. Returns `nil` for what it cannot read (the caller then
/// falls back and checks the result anyway).
struct PatternSampler {
    private indirect enum Node {
        case literal(Character)
        case set([ClosedRange<Unicode.Scalar>], negated: Bool)
        case sequence([Node])
        case alternatives([Node])
        case repeated(Node, minimum: Int, maximum: Int?)
        case empty
    }

    private var characters: [Character]
    private var index = 0

    static func sample(_ pattern: String, minimumLength: Int = 0) -> String? {
        var sampler = PatternSampler(characters: Array(pattern))
        guard let node = sampler.parseAlternatives(), sampler.index == sampler.characters.count else { return nil }
        var emitter = Emitter(stretch: min(max(0, minimumLength), ExampleGenerator.longestString))
        emitter.emit(node)
        return emitter.output
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private mutating func parseAlternatives() -> Node? {
        var options: [Node] = []
        while true {
            guard let sequence = parseSequence() else { return nil }
            options.append(sequence)
            if index < characters.count, characters[index] == "|" {
                index += 1
                continue
            }
            return options.count == 1 ? options[0] : .alternatives(options)
        }
    }

    private mutating func parseSequence() -> Node? {
        var items: [Node] = []
        while index < characters.count, characters[index] != "|", characters[index] != ")" {
            guard var atom = parseAtom() else { return nil }
            if let (minimum, maximum) = parseQuantifier() { atom = .repeated(atom, minimum: minimum, maximum: maximum) }
            items.append(atom)
        }
        return .sequence(items)
    }

    private mutating func parseAtom() -> Node? {
        let character = characters[index]
        index += 1
        switch character {
        case "^", "$": return .empty
        case ".": return .set([Unicode.Scalar("a")...Unicode.Scalar("z")], negated: false)
        case "(":
            if index + 1 < characters.count, characters[index] == "?" {
                index += 1
                guard index < characters.count else { return nil }
                if characters[index] == ":" { index += 1 } else if characters[index] == "=" || characters[index] == "!" || characters[index] == "<" { return nil }
            }
            guard let inner = parseAlternatives(), index < characters.count, characters[index] == ")" else { return nil }
            index += 1
            return inner
        case "[": return parseClass()
        case "\\": return parseEscape()
        case "*", "+", "?", "{", ")": return nil
        default: return .literal(character)
        }
    }

    private mutating func parseEscape() -> Node? {
        guard index < characters.count else { return nil }
        let character = characters[index]
        index += 1
        switch character {
        case "d": return .set(["0"..."9"], negated: false)
        case "w": return .set(["a"..."z", "A"..."Z", "0"..."9", "_"..."_"], negated: false)
        case "s": return .literal(" ")
        case "D", "W", "S": return .literal(character == "D" ? "a" : "-")
        case "b", "B": return .empty
        case "n": return .literal("\n")
        case "t": return .literal("\t")
        case "u":
            guard index + 4 <= characters.count, let value = UInt32(String(characters[index..<index + 4]), radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
            index += 4
            return .literal(Character(scalar))
        default: return .literal(character)
        }
    }

    private mutating func parseClass() -> Node? {
        var negated = false
        if index < characters.count, characters[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while index < characters.count, characters[index] != "]" || first {
            first = false
            var low = characters[index]
            index += 1
            if low == "\\", index < characters.count {
                let escaped = characters[index]
                index += 1
                switch escaped {
                case "d": ranges.append("0"..."9"); continue
                case "w": ranges += ["a"..."z", "A"..."Z", "0"..."9", "_"..."_"]; continue
                case "s": ranges.append(" "..." "); continue
                case "n": low = "\n"
                case "t": low = "\t"
                default: low = escaped
                }
            }
            guard let lowScalar = low.unicodeScalars.first else { return nil }
            if index + 1 < characters.count, characters[index] == "-", characters[index + 1] != "]" {
                let high = characters[index + 1]
                index += 2
                guard let highScalar = high.unicodeScalars.first, lowScalar <= highScalar else { return nil }
                ranges.append(lowScalar...highScalar)
            } else {
                ranges.append(lowScalar...lowScalar)
            }
        }
        guard index < characters.count else { return nil }
        index += 1
        return .set(ranges, negated: negated)
    }

    private mutating func parseQuantifier() -> (Int, Int?)? {
        guard index < characters.count else { return nil }
        var result: (Int, Int?)?
        switch characters[index] {
        case "*": result = (0, nil); index += 1
        case "+": result = (1, nil); index += 1
        case "?": result = (0, 1); index += 1
        case "{":
            guard let close = characters[index...].firstIndex(of: "}") else { return nil }
            let body = String(characters[(index + 1)..<close])
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            guard let minimum = Int(parts[0]) else { return nil }
            let maximum = parts.count == 1 ? minimum : (parts[1].isEmpty ? nil : Int(parts[1]))
            index = close + 1
            result = (minimum, maximum)
        default: return nil
        }
        if index < characters.count, characters[index] == "?" || characters[index] == "+" { index += 1 }
        return result
    }

    /// Writes a matching string; `stretch` asks open-ended repetitions to reach a length when they
    /// can. Bounded whatever the pattern: the output stops at a budget, and a repetition that adds
    /// nothing (`(){1000000000}`, `^+`) is not repeated again.
    private struct Emitter {
        private(set) var output = ""
        private var length = 0
        let stretch: Int
        private let budget: Int

        init(stretch: Int) {
            self.stretch = stretch
            budget = stretch + 4096
        }

        private mutating func append(_ character: Character) {
            guard length < budget else { return }
            output.append(character)
            length += 1
        }

        mutating func emit(_ node: Node) {
            guard length < budget else { return }
            switch node {
            case .empty: break
            case .literal(let character): append(character)
            case .set(let ranges, let negated):
                if negated {
                    let candidates: [Unicode.Scalar] = ["a", "x", "0", "Z", "-", "_"]
                    append(Character(candidates.first { candidate in !ranges.contains { $0.contains(candidate) } } ?? "~"))
                } else if let range = ranges.first {
                    append(Character(range.lowerBound))
                }
            case .sequence(let items):
                for item in items { emit(item) }
            case .alternatives(let options):
                if let first = options.first { emit(first) }
            case .repeated(let inner, let minimum, let maximum):
                var count = max(minimum, 1)
                if let maximum { count = min(count, maximum) }
                var done = 0
                while done < count, length < budget {
                    let before = length
                    emit(inner)
                    done += 1
                    if length == before { return }
                }
                while length < stretch, done < (maximum ?? Int.max) {
                    let before = length
                    emit(inner)
                    done += 1
                    if length == before { return }
                }
            }
        }
    }
}
