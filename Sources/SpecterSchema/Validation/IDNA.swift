/// Internationalised host names: Punycode (RFC 3492) and the IDNA2008 label rules (RFC 5891–5893)
/// that decide whether an A-label (`xn--…`) or a U-label (`실례`) is a valid host name label.
enum IDNA {
    // MARK: Punycode

    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    static func decode(_ input: String) -> [Unicode.Scalar]? {
        var output: [Unicode.Scalar] = []
        var rest = Substring(input)
        if let delimiter = input.lastIndex(of: "-") {
            let basic = input[..<delimiter]
            guard basic.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
            output = Array(basic.unicodeScalars)
            rest = input[input.index(after: delimiter)...]
        }
        var n = initialN, i = 0, bias = initialBias
        var digits = rest.unicodeScalars.makeIterator()
        var pending = digits.next()
        while pending != nil {
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard let scalar = pending, let digit = digitValue(scalar) else { return nil }
                pending = digits.next()
                let (product, overflow) = digit.multipliedReportingOverflow(by: weight)
                guard !overflow, i <= Int.max - product else { return nil }
                i += product
                let threshold = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < threshold { break }
                weight *= base - threshold
                k += base
                if pending == nil { return nil }
            }
            bias = adapt(i - oldI, points: output.count + 1, first: oldI == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard let scalar = Unicode.Scalar(n) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        return output
    }

    static func encode(_ input: [Unicode.Scalar]) -> String? {
        var output = String(String.UnicodeScalarView(input.filter(\.isASCII)))
        let basicCount = output.unicodeScalars.count
        var handled = basicCount
        if basicCount > 0 { output += "-" }
        var n = initialN, delta = 0, bias = initialBias
        while handled < input.count {
            guard let next = input.map({ Int($0.value) }).filter({ $0 >= n }).min() else { return nil }
            delta += (next - n) * (handled + 1)
            n = next
            for scalar in input {
                let value = Int(scalar.value)
                if value < n { delta += 1 }
                if value == n {
                    var q = delta
                    var k = base
                    while true {
                        let threshold = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < threshold { break }
                        output.append(digitCharacter(threshold + (q - threshold) % (base - threshold)))
                        q = (q - threshold) / (base - threshold)
                        k += base
                    }
                    output.append(digitCharacter(q))
                    bias = adapt(delta, points: handled + 1, first: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }

    private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x61...0x7A: return Int(scalar.value - 0x61)
        case 0x41...0x5A: return Int(scalar.value - 0x41)
        case 0x30...0x39: return Int(scalar.value - 0x30) + 26
        default: return nil
        }
    }

    private static func digitCharacter(_ digit: Int) -> Character {
        Character(Unicode.Scalar(UInt8(digit < 26 ? 0x61 + digit : 0x30 + digit - 26)))
    }

    // MARK: Host names

    /// Whether `text` is a host name; `international` also accepts U-labels and the ideographic dots.
    static func isHostname(_ text: String, international: Bool, reservedHyphens: Bool) -> Bool {
        let separators: Set<Unicode.Scalar> = international ? [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"] : ["."]
        var labels: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if separators.contains(scalar) { labels.append([]) } else { labels[labels.count - 1].append(scalar) }
        }
        var asciiLength = labels.count - 1
        var unicodeLabels: [[Unicode.Scalar]] = []
        for label in labels {
            guard !label.isEmpty else { return false }
            if label.allSatisfy(\.isASCII) {
                guard isLDHLabel(label) else { return false }
                let lowered = String(String.UnicodeScalarView(label)).lowercased()
                if lowered.hasPrefix("xn--") {
                    guard let decoded = decode(String(lowered.dropFirst(4))), !decoded.allSatisfy(\.isASCII),
                          encode(decoded).map({ "xn--" + $0 }) == lowered, isULabel(decoded) else { return false }
                    unicodeLabels.append(decoded)
                } else if reservedHyphens, label.count >= 4, label[2] == "-", label[3] == "-" {
                    return false
                }
                asciiLength += label.count
            } else {
                guard international, isULabel(label), let encoded = encode(label), encoded.utf8.count + 4 <= 63 else { return false }
                unicodeLabels.append(label)
                asciiLength += encoded.utf8.count + 4
            }
        }
        guard asciiLength <= 253 else { return false }
        if unicodeLabels.contains(where: { $0.contains(where: isRightToLeft) }) {
            return labels.allSatisfy(satisfiesBidiRule)
        }
        return true
    }

    private static func isLDHLabel(_ label: [Unicode.Scalar]) -> Bool {
        guard label.count <= 63, label.first != "-", label.last != "-" else { return false }
        return label.allSatisfy { $0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// RFC 5891 §5.4 with the RFC 5892 contextual rules and exceptions.
    static func isULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard !label.isEmpty, label.first != "-", label.last != "-" else { return false }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        if let first = label.first, isMark(first) { return false }
        let arabicIndic = label.contains { (0x0660...0x0669).contains($0.value) }
        let extendedArabicIndic = label.contains { (0x06F0...0x06F9).contains($0.value) }
        if arabicIndic && extendedArabicIndic { return false }
        for (index, scalar) in label.enumerated() {
            let previous = index > 0 ? label[index - 1] : nil
            let next = index + 1 < label.count ? label[index + 1] : nil
            switch scalar.value {
            case 0x00B7:
                guard previous == "l", next == "l" else { return false }
            case 0x0375:
                guard let next, isGreek(next) else { return false }
            case 0x05F3, 0x05F4:
                guard let previous, isHebrew(previous) else { return false }
            case 0x30FB:
                guard label.contains(where: { isHiraganaKatakanaOrHan($0) && $0.value != 0x30FB }) else { return false }
            case 0x200D:
                guard let previous, previous.properties.canonicalCombiningClass == .virama else { return false }
            case 0x200C:
                let afterVirama = previous?.properties.canonicalCombiningClass == .virama
                let betweenJoiners = label[..<index].last(where: { !isMark($0) }).map(isArabicLetter) == true
                    && label[(index + 1)...].first(where: { !isMark($0) }).map(isArabicLetter) == true
                guard afterVirama || betweenJoiners else { return false }
            case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
                return false
            case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
                continue
            default:
                guard isProtocolValid(scalar) else { return false }
            }
        }
        return true
    }

    private static func isProtocolValid(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "-" { return true }
        switch scalar.properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .decimalNumber: return true
        case .uppercaseLetter, .titlecaseLetter: return scalar.isASCII
        default: return false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool { (0x0370...0x03FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value) }
    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool { (0x0590...0x05FF).contains(scalar.value) }
    private static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool { bidiClass(scalar) == .arabicLetter }

    private static func isHiraganaKatakanaOrHan(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x3040...0x30FF).contains(value) || (0x31F0...0x31FF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x4E00...0x9FFF).contains(value) || (0xF900...0xFAFF).contains(value) || (0x20000...0x2FFFF).contains(value)
    }

    // MARK: Bidi rule (RFC 5893)

    private enum BidiClass {
        case leftToRight, rightToLeft, arabicLetter, arabicNumber, europeanNumber, nonspacingMark, other
    }

    private static func bidiClass(_ scalar: Unicode.Scalar) -> BidiClass {
        let value = scalar.value
        if isMark(scalar) { return .nonspacingMark }
        if (0x30...0x39).contains(value) || (0x06F0...0x06F9).contains(value) { return .europeanNumber }
        if (0x0660...0x0669).contains(value) || value == 0x066B || value == 0x066C { return .arabicNumber }
        if (0x0590...0x05FF).contains(value) || (0x07C0...0x07FF).contains(value) || (0xFB1D...0xFB4F).contains(value) { return .rightToLeft }
        if (0x0600...0x07BF).contains(value) || (0x0860...0x08FF).contains(value) || (0xFB50...0xFDFF).contains(value) || (0xFE70...0xFEFF).contains(value) {
            return .arabicLetter
        }
        if scalar == "-" { return .other }
        return scalar.properties.isAlphabetic ? .leftToRight : .other
    }

    private static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        let bidi = bidiClass(scalar)
        return bidi == .rightToLeft || bidi == .arabicLetter || bidi == .arabicNumber
    }

    private static func satisfiesBidiRule(_ label: [Unicode.Scalar]) -> Bool {
        let scalars: [Unicode.Scalar]
        if label.allSatisfy(\.isASCII), String(String.UnicodeScalarView(label)).lowercased().hasPrefix("xn--") {
            scalars = decode(String(String(String.UnicodeScalarView(label)).dropFirst(4))) ?? label
        } else {
            scalars = label
        }
        let classes = scalars.map(bidiClass)
        guard let first = classes.first else { return false }
        let significant = classes.last { $0 != .nonspacingMark }
        if first == .rightToLeft || first == .arabicLetter {
            guard classes.allSatisfy({ $0 != .leftToRight }) else { return false }
            guard !(classes.contains(.europeanNumber) && classes.contains(.arabicNumber)) else { return false }
            return [BidiClass.rightToLeft, .arabicLetter, .europeanNumber, .arabicNumber].contains(significant)
        }
        guard first == .leftToRight else { return false }
        guard classes.allSatisfy({ $0 != .rightToLeft && $0 != .arabicLetter && $0 != .arabicNumber }) else { return false }
        return significant == .leftToRight || significant == .europeanNumber
    }
}
