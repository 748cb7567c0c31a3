import CYAML
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

    public init(expansionBudget: Int = 2_000_000, maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.expansionBudget = expansionBudget
        self.maxDepth = maxDepth
    }

    /// Loads a stream that must hold one document; an empty stream is `null`.
    public func load(_ bytes: [UInt8]) throws(YAMLError) -> JSONValue {
        try withCompatibilityRetry(bytes) { builder throws(YAMLError) in try builder.buildSingleDocument() }
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
        var builder = YAMLTreeBuilder(stream: YAMLEventStream(bytes: bytes), loader: self)
        do {
            return try build(&builder)
        } catch {
            guard error.isSyntaxError, let repaired = YAMLCompatibilityRepair.repaired(bytes) else { throw error }
            var retry = YAMLTreeBuilder(stream: YAMLEventStream(bytes: repaired), loader: self)
            guard let result = try? build(&retry) else { throw error }
            return result
        }
    }
}

/// Turns the event stream into values with an explicit stack (no recursion on input depth).
struct YAMLTreeBuilder {
    private struct Anchored {
        var value: JSONValue
        var nodeCount: Int
        /// The scalar as written, so an aliased scalar can serve as a mapping key.
        var keyText: String?
    }

    /// A completed node on its way to its parent.
    private struct Node {
        var value: JSONValue
        var nodeCount: Int
        /// The text to use when this node is a mapping key (`nil` for collections).
        var keyText: String?
        var isMergeKey = false
    }

    private enum Container {
        case sequence([JSONValue])
        case mapping(YAMLMappingBuilder)
    }

    private struct Frame {
        var container: Container
        var anchor: String?
        var nodeCount = 1
        var position: TextPosition
    }

    let stream: YAMLEventStream
    let loader: YAMLLoader
    private var anchors: [String: Anchored] = [:]
    private var openAnchors: Set<String> = []
    private var stack: [Frame] = []
    private var expandedNodes = 0

    init(stream: YAMLEventStream, loader: YAMLLoader) {
        self.stream = stream
        self.loader = loader
    }

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
        var root: JSONValue = .null
        while true {
            let type = try stream.next()
            let completed: Node?
            switch type {
            case YAML_DOCUMENT_END_EVENT:
                return root
            case YAML_SCALAR_EVENT:
                completed = try scalar()
            case YAML_ALIAS_EVENT:
                completed = try alias()
            case YAML_SEQUENCE_START_EVENT:
                try open(.sequence([]), anchor: YAMLEventStream.string(stream.event.data.sequence_start.anchor))
                completed = nil
            case YAML_MAPPING_START_EVENT:
                try open(.mapping(YAMLMappingBuilder()), anchor: YAMLEventStream.string(stream.event.data.mapping_start.anchor))
                completed = nil
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                completed = try close()
            default:
                completed = nil
            }
            guard let completed else { continue }
            if stack.isEmpty {
                root = completed.value
            } else {
                try attach(completed)
            }
        }
    }

    private mutating func open(_ container: Container, anchor: String?) throws(YAMLError) {
        if case .mapping(let parent)? = stack.last?.container, parent.awaitsKey {
            throw YAMLError(message: "a mapping key must be a scalar; collections as keys are not supported", position: stream.startPosition)
        }
        guard stack.count < loader.maxDepth else {
            throw YAMLError(message: "nesting deeper than \(loader.maxDepth) levels", position: stream.startPosition)
        }
        if let anchor { openAnchors.insert(anchor) }
        stack.append(Frame(container: container, anchor: anchor, position: stream.startPosition))
    }

    private mutating func close() throws(YAMLError) -> Node {
        guard let frame = stack.popLast() else {
            throw YAMLError(message: "unbalanced collection end", position: stream.startPosition)
        }
        let value: JSONValue
        switch frame.container {
        case .sequence(let items): value = .array(items)
        case .mapping(let mapping): value = .object(mapping.finish())
        }
        if let anchor = frame.anchor {
            openAnchors.remove(anchor)
            anchors[anchor] = Anchored(value: value, nodeCount: frame.nodeCount, keyText: nil)
        }
        return Node(value: value, nodeCount: frame.nodeCount, keyText: nil)
    }

    private mutating func scalar() throws(YAMLError) -> Node {
        let data = stream.event.data.scalar
        let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
        let tag = YAMLEventStream.string(data.tag)
        let isPlain = data.style == YAML_PLAIN_SCALAR_STYLE
        let value = try Self.value(of: text, isPlain: isPlain, tag: tag, position: stream.startPosition)
        if let anchor = YAMLEventStream.string(data.anchor) {
            anchors[anchor] = Anchored(value: value, nodeCount: 1, keyText: text)
        }
        return Node(value: value, nodeCount: 1, keyText: text, isMergeKey: isPlain && tag == nil && text == "<<")
    }

    private mutating func alias() throws(YAMLError) -> Node {
        let name = YAMLEventStream.string(stream.event.data.alias.anchor) ?? ""
        guard let anchored = anchors[name] else {
            let reason = openAnchors.contains(name)
                ? "alias *\(name) refers to a node that contains it; recursive structures cannot be represented"
                : "alias *\(name) refers to an anchor that is not defined before it"
            throw YAMLError(message: reason, position: stream.startPosition)
        }
        expandedNodes += anchored.nodeCount
        if expandedNodes > loader.expansionBudget {
            throw YAMLError(
                message: "aliases expand to more than \(loader.expansionBudget) nodes; refusing a possible alias bomb",
                position: stream.startPosition)
        }
        return Node(value: anchored.value, nodeCount: anchored.nodeCount, keyText: anchored.keyText ?? anchored.value.scalarKeyText)
    }

    private mutating func attach(_ node: Node) throws(YAMLError) {
        let last = stack.count - 1
        stack[last].nodeCount += node.nodeCount
        switch stack[last].container {
        case .sequence(var items):
            stack[last].container = .sequence([])
            items.append(node.value)
            stack[last].container = .sequence(items)
        case .mapping(var mapping):
            stack[last].container = .sequence([])
            if mapping.awaitsKey {
                guard let keyText = node.keyText else {
                    throw YAMLError(message: "a mapping key must be a scalar; collections as keys are not supported", position: stream.startPosition)
                }
                mapping.setKey(keyText, isMerge: node.isMergeKey, position: stream.startPosition)
            } else {
                try mapping.setValue(node.value)
            }
            stack[last].container = .mapping(mapping)
        }
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
            guard let number = YAMLScalarResolver.number(text) else { break }
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
