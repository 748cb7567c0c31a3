import CYAML
import Foundation
import SpecterJSON

/// Loads YAML text into `JSONValue`s: the same value type JSON documents use.
///
/// Scalars resolve by the YAML 1.2 core schema, member order is kept, merge keys (`<<`)
/// are applied, and anchors/aliases are expanded under a node budget so an alias bomb
/// ("billion laughs") fails fast instead of exhausting memory.
public struct YAMLLoader: Sendable {
    /// Largest number of nodes alias expansion may produce, counted with repeats.
    public var expansionBudget: Int
    /// Deepest nesting accepted, matching the JSON parser's bound.
    public var maxDepth: Int
    /// Whether a key written twice in one mapping is an error (files people edit by hand, where the
    /// second `asserts:` silently replacing the first would drop checks) rather than the last one winning.
    public var rejectsDuplicateKeys: Bool

    public init(expansionBudget: Int = 2_000_000, maxDepth: Int = JSONParser.defaultMaxDepth, rejectsDuplicateKeys: Bool = false) {
        self.expansionBudget = expansionBudget
        self.maxDepth = maxDepth
        self.rejectsDuplicateKeys = rejectsDuplicateKeys
    }

    /// Loads a stream that must hold one document; an empty stream is `null`.
    public func load(_ bytes: [UInt8]) throws(YAMLError) -> JSONValue {
        try loadDocument(bytes).value
    }

    /// Loads a single-document stream and lists the `$ref` strings in it.
    public func loadDocument(_ bytes: [UInt8]) throws(YAMLError) -> ParsedDocument {
        if let split = YAMLSplit.find(in: bytes), let parsed = loadInParallel(bytes, split) { return parsed }
        return try loadWhole(bytes)
    }

    private func loadWhole(_ bytes: [UInt8]) throws(YAMLError) -> ParsedDocument {
        try withCompatibilityRetry(bytes) { builder throws(YAMLError) in
            let value = try builder.buildSingleDocument()
            return ParsedDocument(value: value, references: builder.references)
        }
    }

    /// Parses the two parts of a cut document on two threads and merges them; `nil` if either part
    /// fails (the whole document is then loaded as one, and reports its own errors).
    private func loadInParallel(_ bytes: [UInt8], _ split: YAMLSplit) -> ParsedDocument? {
        var half = self
        half.expansionBudget = expansionBudget / 2
        let ancestors = split.ancestors.flatMap { $0 }
        return bytes.withUnsafeBufferPointer { whole in
            ancestors.withUnsafeBufferPointer { prefix in
                let firstPart = FirstPart(loader: half, text: UnsafeBufferPointer(rebasing: whole[..<split.offset]))
                let thread = Thread { firstPart.parse() }
                thread.stackSize = 8 << 20
                thread.start()
                let second = try? half.loadPart([prefix, UnsafeBufferPointer(rebasing: whole[split.offset...])])
                firstPart.done.wait()
                guard let first = firstPart.result, let second, let value = split.merge(first.value, second.value) else { return nil }
                return ParsedDocument(value: value, references: first.references + second.references)
            }
        }
    }

    /// One part of a cut document: parsed as it is, without the compatibility retry (a part that fails
    /// sends the whole document down the ordinary path).
    fileprivate func loadPart(_ pieces: [UnsafeBufferPointer<UInt8>]) throws(YAMLError) -> ParsedDocument {
        try YAMLEventStream.reading(pieces: pieces) { stream throws(YAMLError) in
            var builder = YAMLTreeBuilder(stream: stream, loader: self)
            let value = try builder.buildSingleDocument()
            return ParsedDocument(value: value, references: builder.references)
        }
    }

    public func load(_ text: String) throws(YAMLError) -> JSONValue {
        try load(Array(text.utf8))
    }

    /// Loads every document of a stream (`---` separated).
    public func loadAll(_ bytes: [UInt8]) throws(YAMLError) -> [JSONValue] {
        try withCompatibilityRetry(bytes) { builder throws(YAMLError) in try builder.buildAllDocuments() }
    }

    /// Runs `build` on the text; if libyaml rejects it, once more on its YAML 1.2 repair.
    /// The first error is the one reported when both fail.
    private func withCompatibilityRetry<Result>(
        _ bytes: [UInt8], _ build: (inout YAMLTreeBuilder) throws(YAMLError) -> Result
    ) throws(YAMLError) -> Result {
        do {
            return try YAMLEventStream.reading(bytes) { stream throws(YAMLError) in
                var builder = YAMLTreeBuilder(stream: stream, loader: self)
                return try build(&builder)
            }
        } catch {
            guard error.isSyntaxError, let repaired = YAMLCompatibilityRepair.repaired(bytes) else { throw error }
            let retried = try? YAMLEventStream.reading(repaired) { stream throws(YAMLError) in
                var builder = YAMLTreeBuilder(stream: stream, loader: self)
                return try build(&builder)
            }
            guard let retried else { throw error }
            return retried
        }
    }
}

/// The first part of a cut document, parsed on its own thread.
/// The caller keeps `text` alive until `done` is signalled.
private final class FirstPart: @unchecked Sendable {
    let loader: YAMLLoader
    let text: UnsafeBufferPointer<UInt8>
    /// Set before `done` is signalled, read only after.
    var result: ParsedDocument?
    let done = DispatchSemaphore(value: 0)

    init(loader: YAMLLoader, text: UnsafeBufferPointer<UInt8>) {
        self.loader = loader
        self.text = text
    }

    func parse() {
        result = try? loader.loadPart([text])
        done.signal()
    }
}

/// Turns the event stream into values with an explicit stack (no recursion on input depth),
/// building through `JSONTreeBuilder` so every array and object gets its exact size.
struct YAMLTreeBuilder: ~Copyable {
    private struct Anchored {
        var value: JSONValue
        var nodeCount: Int
        /// The scalar as written, so an aliased scalar can serve as a mapping key.
        var keyText: String?
    }

    private struct Frame {
        var isMapping: Bool
        var valueStart: Int
        var keyStart: Int
        var anchor: String?
        /// `nodeCount` when the collection opened, to size it for alias expansion.
        var nodeStart: Int
        /// Where the first merge key (`<<`) of this mapping is, if it has one.
        var mergePosition: TextPosition?
        /// The keys written so far, when duplicates are refused.
        var writtenKeys: Set<String>?
    }

    /// Stands in for a plain `<<` key until its mapping closes; YAML text cannot contain NUL.
    private static let mergeKey = "\u{0}<<"

    let stream: YAMLEventStream
    let loader: YAMLLoader
    private var tree = JSONTreeBuilder()
    private var anchors: [String: Anchored] = [:]
    private var openAnchors: Set<String> = []
    private var stack: [Frame] = []
    /// Whether the innermost open collection is a mapping, and where its keys and values start:
    /// kept apart from `stack` because every event asks.
    private var inMapping = false
    private var mappingValueStart = 0
    private var mappingKeyStart = 0
    /// Nodes produced so far, counting every alias expansion in full.
    private var nodeCount = 0

    init(stream: YAMLEventStream, loader: YAMLLoader) {
        self.stream = stream
        self.loader = loader
    }

    var references: [String] { tree.references }

    mutating func buildSingleDocument() throws(YAMLError) -> JSONValue {
        var result: JSONValue?
        while true {
            switch try stream.next() {
            case YAML_STREAM_END_EVENT:
                return result ?? .null
            case YAML_DOCUMENT_START_EVENT:
                if result != nil {
                    throw YAMLError(message: "expected a single YAML document, found a second one", position: stream.startPosition)
                }
                result = try buildDocumentBody()
            default:
                continue
            }
        }
    }

    mutating func buildAllDocuments() throws(YAMLError) -> [JSONValue] {
        var documents: [JSONValue] = []
        while true {
            switch try stream.next() {
            case YAML_STREAM_END_EVENT: return documents
            case YAML_DOCUMENT_START_EVENT: documents.append(try buildDocumentBody())
            default: continue
            }
        }
    }

    /// Reads events up to DOCUMENT-END and returns the document's root value.
    private mutating func buildDocumentBody() throws(YAMLError) -> JSONValue {
        anchors.removeAll(keepingCapacity: true)
        let base = tree.valueCount
        while true {
            switch try stream.next() {
            case YAML_DOCUMENT_END_EVENT:
                return tree.valueCount > base ? tree.popValue() : .null
            case YAML_SCALAR_EVENT:
                try scalar()
            case YAML_ALIAS_EVENT:
                try alias()
            case YAML_SEQUENCE_START_EVENT:
                try open(isMapping: false, anchor: YAMLEventStream.string(stream.event.data.sequence_start.anchor))
            case YAML_MAPPING_START_EVENT:
                try open(isMapping: true, anchor: YAMLEventStream.string(stream.event.data.mapping_start.anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try close()
            default:
                continue
            }
        }
    }

    /// Whether the next node completes a key (rather than a value) of the innermost mapping.
    private var expectsKey: Bool {
        inMapping && tree.keyCount - mappingKeyStart == tree.valueCount - mappingValueStart
    }

    private mutating func cacheInnermostFrame() {
        guard let frame = stack.last else {
            inMapping = false
            return
        }
        inMapping = frame.isMapping
        mappingValueStart = frame.valueStart
        mappingKeyStart = frame.keyStart
    }

    private mutating func open(isMapping: Bool, anchor: String?) throws(YAMLError) {
        if expectsKey {
            throw YAMLError(message: "a mapping key must be a scalar; collections as keys are not supported", position: stream.startPosition)
        }
        guard stack.count < loader.maxDepth else {
            throw YAMLError(message: "nesting deeper than \(loader.maxDepth) levels", position: stream.startPosition)
        }
        if let anchor { openAnchors.insert(anchor) }
        nodeCount += 1
        stack.append(Frame(isMapping: isMapping, valueStart: tree.valueCount, keyStart: tree.keyCount, anchor: anchor, nodeStart: nodeCount,
                           writtenKeys: isMapping && loader.rejectsDuplicateKeys ? [] : nil))
        cacheInnermostFrame()
    }

    private mutating func close() throws(YAMLError) {
        guard let frame = stack.popLast() else {
            throw YAMLError(message: "unbalanced collection end", position: stream.startPosition)
        }
        cacheInnermostFrame()
        var value = frame.isMapping
            ? tree.popObject(valuesFrom: frame.valueStart, keysFrom: frame.keyStart)
            : tree.popArray(from: frame.valueStart)
        if let mergePosition = frame.mergePosition, case .object(let object) = value {
            value = .object(try Self.applyingMerges(object, at: mergePosition))
        }
        if let anchor = frame.anchor {
            openAnchors.remove(anchor)
            anchors[anchor] = Anchored(value: value, nodeCount: nodeCount - frame.nodeStart + 1, keyText: nil)
        }
        tree.push(value)
    }

    private mutating func scalar() throws(YAMLError) {
        let data = stream.event.data.scalar
        let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
        let isPlain = data.style == YAML_PLAIN_SCALAR_STYLE
        nodeCount += 1
        if isPlain, data.tag == nil, data.anchor == nil, !expectsKey {
            tree.push(YAMLScalarResolver.resolve(bytes) ?? .string(tree.string(bytes)))
            return
        }
        let text = tree.string(bytes)
        let tag = YAMLEventStream.string(data.tag)
        if expectsKey {
            if isPlain && tag == nil && text == "<<" {
                stack[stack.count - 1].mergePosition = stack[stack.count - 1].mergePosition ?? stream.startPosition
                tree.pushKey(Self.mergeKey)
            } else {
                try noteKey(text)
                tree.pushKey(text)
            }
            if let anchor = YAMLEventStream.string(data.anchor) {
                anchors[anchor] = Anchored(value: try Self.value(of: text, isPlain: isPlain, tag: tag, position: stream.startPosition), nodeCount: 1, keyText: text)
            }
            return
        }
        let value = try Self.value(of: text, isPlain: isPlain, tag: tag, position: stream.startPosition)
        if let anchor = YAMLEventStream.string(data.anchor) {
            anchors[anchor] = Anchored(value: value, nodeCount: 1, keyText: text)
        }
        tree.push(value)
    }

    private mutating func alias() throws(YAMLError) {
        let name = YAMLEventStream.string(stream.event.data.alias.anchor) ?? ""
        guard let anchored = anchors[name] else {
            let reason = openAnchors.contains(name)
                ? "alias *\(name) refers to a node that contains it; recursive structures cannot be represented"
                : "alias *\(name) refers to an anchor that is not defined before it"
            throw YAMLError(message: reason, position: stream.startPosition)
        }
        nodeCount += anchored.nodeCount
        if nodeCount > loader.expansionBudget {
            throw YAMLError(
                message: "aliases expand to more than \(loader.expansionBudget) nodes; refusing a possible alias bomb",
                position: stream.startPosition)
        }
        if expectsKey {
            guard let key = anchored.keyText ?? anchored.value.scalarKeyText else {
                throw YAMLError(message: "a mapping key must be a scalar; collections as keys are not supported", position: stream.startPosition)
            }
            try noteKey(key)
            tree.pushKey(key)
        } else {
            tree.push(anchored.value)
        }
    }

    /// Refuses a key the innermost mapping already has, when the loader refuses duplicates.
    private mutating func noteKey(_ key: String) throws(YAMLError) {
        guard stack[stack.count - 1].writtenKeys != nil else { return }
        guard stack[stack.count - 1].writtenKeys?.insert(key).inserted == true else {
            throw YAMLError(message: "the key \"\(key)\" is written twice in this mapping; keep one", position: stream.startPosition)
        }
    }

    /// Replaces the merge key with the members it brings: placed where `<<` stood, never overriding a
    /// key the mapping writes itself, earlier sources winning over later ones.
    private static func applyingMerges(_ object: JSONObject, at position: TextPosition) throws(YAMLError) -> JSONObject {
        var merged = JSONObject()
        for member in object.members {
            guard member.key == mergeKey else {
                merged[member.key] = member.value
                continue
            }
            let sources: [JSONValue]
            switch member.value {
            case .object: sources = [member.value]
            case .array(let items): sources = items
            default: throw YAMLError(message: "a merge key (<<) takes a mapping or a list of mappings", position: position)
            }
            for source in sources {
                guard case .object(let sourceObject) = source else {
                    throw YAMLError(message: "a merge key (<<) takes a mapping or a list of mappings", position: position)
                }
                for sourceMember in sourceObject.members where !object.contains(sourceMember.key) && !merged.contains(sourceMember.key) {
                    merged[sourceMember.key] = sourceMember.value
                }
            }
        }
        return merged
    }

    /// The value of a scalar given its style and tag: plain untagged scalars are resolved, others are strings
    /// unless a core tag (`!!int`, `!!bool`, …) says otherwise.
    static func value(of text: String, isPlain: Bool, tag: String?, position: TextPosition) throws(YAMLError) -> JSONValue {
        guard let tag, tag != "!" else {
            return isPlain && tag == nil ? YAMLScalarResolver.resolve(text) : .string(text)
        }
        let core = "tag:yaml.org,2002:"
        guard tag.hasPrefix(core) else { return .string(text) }
        let name = tag.dropFirst(core.count)
        let resolved = YAMLScalarResolver.resolve(text)
        switch name {
        case "str", "binary", "timestamp": return .string(text)
        case "null":
            guard text.isEmpty || resolved == .null else { break }
            return .null
        case "bool":
            guard case .bool = resolved else { break }
            return resolved
        case "int":
            guard case .int = resolved else { break }
            return resolved
        case "float":
            var copy = text
            guard let number = copy.withUTF8({ YAMLScalarResolver.number($0) }) else { break }
            return .double(number.doubleValue ?? .nan)
        default:
            return .string(text)
        }
        throw YAMLError(message: "\"\(text)\" is not a valid !!\(name)", position: position)
    }
}

extension JSONValue {
    /// The text a scalar value would have as a mapping key.
    var scalarKeyText: String? {
        switch self {
        case .string(let text): return text
        case .int, .double, .bool, .null: return description
        case .array, .object: return nil
        }
    }
}
