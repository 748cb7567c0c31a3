/// A description's path template (`/pets/{petId}`, `/files/{name}.json`) matched against a concrete
/// path: which parameter took which text, and how literal the match was (the more literal text, the
/// better the match, so `/pets/mine` wins over `/pets/{petId}`).
struct PathTemplate {
    private enum Piece: Equatable {
        case literal(String)
        case parameter(String)
    }

    /// Nil for a template no path can be matched against in bounded time (a segment of more than
    /// `maxParameters` parameters, which a hostile description could write to make matching explode).
    private let segments: [[Piece]]?
    static let maxParameters = 8

    init(_ template: String) {
        let segments = template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(Self.pieces)
        let bounded = segments.allSatisfy { pieces in pieces.filter { if case .parameter = $0 { true } else { false } }.count <= Self.maxParameters }
        self.segments = bounded ? segments : nil
    }

    struct Match {
        var values: [String: String]
        /// Characters matched literally.
        var literalLength: Int
    }

    /// The match of decoded path segments, if the template fits them. A trailing empty segment (a
    /// path ending in `/`) is ignored on either side.
    func match(_ path: [String]) -> Match? {
        guard let segments else { return nil }
        let wanted = Self.trimmed(segments, isEmpty: { $0.isEmpty || $0 == [.literal("")] })
        let given = Self.trimmed(path, isEmpty: \.isEmpty)
        guard wanted.count == given.count else { return nil }
        var match = Match(values: [:], literalLength: 0)
        for (pieces, text) in zip(wanted, given) {
            guard let found = Self.match(pieces[...], Substring(text)) else { return nil }
            match.values.merge(found.values) { first, _ in first }
            match.literalLength += found.literalLength
        }
        return match
    }

    private static func trimmed<Element>(_ items: [Element], isEmpty: (Element) -> Bool) -> [Element] {
        guard items.count > 1, let last = items.last, isEmpty(last) else { return items }
        return Array(items.dropLast())
    }

    /// One segment: literals must appear as written; a parameter takes at least one character,
    /// as few as let the rest match. Segments hold few pieces, so the search is small.
    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring) -> Match? {
        guard let first = pieces.first else { return text.isEmpty ? Match(values: [:], literalLength: 0) : nil }
        let rest = pieces.dropFirst()
        switch first {
        case .literal(let literal):
            guard text.hasPrefix(literal), var found = match(rest, text.dropFirst(literal.count)) else { return nil }
            found.literalLength += literal.count
            return found
        case .parameter(let name):
            guard !text.isEmpty else { return nil }
            var end = text.index(after: text.startIndex)
            while true {
                if var found = match(rest, text[end...]) {
                    found.values[name] = String(text[..<end])
                    return found
                }
                guard end < text.endIndex else { return nil }
                end = text.index(after: end)
            }
        }
    }

    private static func pieces(_ segment: Substring) -> [Piece] {
        var pieces: [Piece] = []
        var rest = segment
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            pieces.append(.parameter(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty || pieces.isEmpty { pieces.append(.literal(String(rest))) }
        return pieces
    }
}
