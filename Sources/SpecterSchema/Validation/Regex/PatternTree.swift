/// A regular expression read into a tree, for the part of ECMA-262 that needs no backtracking to
/// decide "does it match": characters, classes, `.`, groups, alternation, quantifiers and the `^`/`$`
/// anchors. Anything else (backreferences, lookaround, word boundaries, Unicode properties, named
/// groups) leaves the pattern to ICU; so does anything this reader is unsure of.
indirect enum PatternTree {
    case scalars(ScalarSet)
    case start
    case end
    case sequence([PatternTree])
    case alternatives([PatternTree])
    case repeated(PatternTree, minimum: Int, maximum: Int?)

    /// Whether a match of it can read a character (otherwise it matches only the empty string).
    var readsCharacters: Bool {
        switch self {
        case .scalars: return true
        case .start, .end: return false
        case .sequence(let items), .alternatives(let items): return items.contains(where: \.readsCharacters)
        case .repeated(let body, _, let maximum): return maximum != 0 && body.readsCharacters
        }
    }

    /// The tree of a pattern, or `nil` when it uses something outside the subset.
    static func read(_ pattern: String) -> PatternTree? {
        var reader = Reader(scalars: Array(pattern.unicodeScalars))
        guard let tree = reader.alternatives(), reader.atEnd else { return nil }
        return tree
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0
        /// Groups open around the current position (bounded, so nesting cannot exhaust the stack).
        var depth = 0

        var atEnd: Bool { position == scalars.count }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        mutating func alternatives() -> PatternTree? {
            var branches: [PatternTree] = []
            while true {
                guard let branch = sequence() else { return nil }
                branches.append(branch)
                guard peek() == "|" else { break }
                position += 1
            }
            return branches.count == 1 ? branches[0] : .alternatives(branches)
        }

        mutating func sequence() -> PatternTree? {
            var items: [PatternTree] = []
            while let next = peek(), next != "|", next != ")" {
                guard let atom = atom() else { return nil }
                guard let quantified = quantifier(on: atom) else { return nil }
                items.append(quantified)
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        mutating func atom() -> PatternTree? {
            guard let scalar = peek() else { return nil }
            position += 1
            switch scalar {
            case "^": return .start
            case "$": return .end
            case ".": return .scalars(.notLineTerminator)
            case "(": return group()
            case "[": return characterClass().map(PatternTree.scalars)
            case "\\": return escape().map { .scalars($0.set) }
            case "*", "+", "?", "{", "}", "]", ")", "|": return nil
            default: return .scalars(ScalarSet([scalar.value...scalar.value]))
            }
        }

        mutating func group() -> PatternTree? {
            if peek() == "?" {
                guard peek(1) == ":" else { return nil }
                position += 2
            }
            depth += 1
            defer { depth -= 1 }
            guard depth <= 64, let inner = alternatives(), peek() == ")" else { return nil }
            position += 1
            return inner
        }

        /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (a lazy `?` after one changes nothing about whether it matches).
        mutating func quantifier(on atom: PatternTree) -> PatternTree? {
            let bounds: (Int, Int?)
            switch peek() {
            case "*": bounds = (0, nil); position += 1
            case "+": bounds = (1, nil); position += 1
            case "?": bounds = (0, 1); position += 1
            case "{":
                guard let braces = braces() else { return nil }
                bounds = braces
            default: return atom
            }
            if case .start = atom { return nil }
            if case .end = atom { return nil }
            if peek() == "?" { position += 1 }
            if let maximum = bounds.1, maximum < bounds.0 { return nil }
            return .repeated(atom, minimum: bounds.0, maximum: bounds.1)
        }

        mutating func braces() -> (Int, Int?)? {
            position += 1
            guard let minimum = number() else { return nil }
            var maximum: Int? = minimum
            if peek() == "," {
                position += 1
                maximum = peek() == "}" ? nil : number()
                if maximum == nil && peek() != "}" { return nil }
            }
            guard peek() == "}" else { return nil }
            position += 1
            return (minimum, maximum)
        }

        mutating func number() -> Int? {
            var value = 0
            var digits = 0
            while let scalar = peek(), ("0"..."9").contains(scalar) {
                value = value * 10 + Int(scalar.value - 48)
                digits += 1
                position += 1
                guard value <= 1000 else { return nil }
            }
            return digits > 0 ? value : nil
        }

        mutating func characterClass() -> ScalarSet? {
            var negated = false
            if peek() == "^" {
                negated = true
                position += 1
            }
            var set = ScalarSet()
            while let scalar = peek(), scalar != "]" {
                guard let member = classMember() else { return nil }
                guard peek() == "-", let next = peek(1), next != "]" else {
                    set.formUnion(member.set)
                    continue
                }
                // A range: both ends must be single characters.
                position += 1
                guard case .scalar(let lower) = member, case .scalar(let upper)? = classMember(), lower <= upper else { return nil }
                set.insert(lower...upper)
            }
            guard peek() == "]" else { return nil }
            position += 1
            return negated ? set.negated() : set
        }

        mutating func classMember() -> Escape? {
            guard let scalar = peek() else { return nil }
            position += 1
            switch scalar {
            case "\\": return escape()
            case "[": return nil
            default: return .scalar(scalar.value)
            }
        }

        /// What a backslash (already read) and the characters after it stand for.
        enum Escape {
            case scalar(UInt32)
            case set(ScalarSet)

            var set: ScalarSet {
                switch self {
                case .scalar(let value): return ScalarSet([value...value])
                case .set(let set): return set
                }
            }
        }

        mutating func escape() -> Escape? {
            guard let letter = peek() else { return nil }
            position += 1
            switch letter {
            case "d": return .set(.digits)
            case "D": return .set(ScalarSet.digits.negated())
            case "w": return .set(.wordCharacters)
            case "W": return .set(ScalarSet.wordCharacters.negated())
            case "s": return .set(.whitespace)
            case "S": return .set(ScalarSet.whitespace.negated())
            case "t": return .scalar(0x09)
            case "n": return .scalar(0x0A)
            case "v": return .scalar(0x0B)
            case "f": return .scalar(0x0C)
            case "r": return .scalar(0x0D)
            case "0":
                guard let next = peek(), ("0"..."9").contains(next) else { return .scalar(0) }
                return nil
            case "x": return hexadecimal(digits: 2).map(Escape.scalar)
            case "u": return hexadecimal(digits: 4).map(Escape.scalar)
            default:
                // Escaped punctuation stands for itself; letters and digits mean things this reader leaves to ICU.
                guard letter.isASCII, !letter.properties.isAlphabetic, !("0"..."9").contains(letter) else { return nil }
                return .scalar(letter.value)
            }
        }

        mutating func hexadecimal(digits: Int) -> UInt32? {
            guard position + digits <= scalars.count else { return nil }
            let text = String(String.UnicodeScalarView(scalars[position..<(position + digits)]))
            guard let value = UInt32(text, radix: 16), text.allSatisfy(\.isHexDigit), !(0xD800...0xDFFF).contains(value) else { return nil }
            position += digits
            return value
        }
    }
}
