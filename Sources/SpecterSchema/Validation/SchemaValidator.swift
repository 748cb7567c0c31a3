import Foundation
import SpecterJSON
import SpecterSpec

/// Validates JSON instances against schemas: the one entry point forms, `specter validate`,
/// `specter call` and response checking share.
///
/// Compile a schema once (`compile`) and validate many instances against it; validating by
/// `SchemaRef` compiles on first use and caches.
public struct SchemaValidator: Sendable {
    public let registry: SchemaRegistry
    public var options: ValidationOptions
    private let synthetic = SyntheticDocuments()

    public init(registry: SchemaRegistry, options: ValidationOptions = ValidationOptions()) {
        self.registry = registry
        self.options = options
    }

    /// A validator for an API description's schemas, in the dialect of its version.
    public init(document: APIDocument, options: ValidationOptions = ValidationOptions()) {
        let dialect: SchemaDialect = document.version.usesJSONSchema2020 ? .openAPI31 : .openAPI30
        let registry = SchemaRegistry(defaultDialect: dialect)
        for loaded in document.documents.allDocuments {
            registry.addDocument(loaded.value, uri: loaded.url.absoluteString, dialect: dialect, schemasAnywhere: true)
        }
        let documents = document.documents
        registry.explainUnresolved = { reference, place in
            guard let base = URL(string: place.document) else { return nil }
            return documents.problem(following: reference, from: NodeAddress(document: base, pointer: place.pointer.appending("$ref")))?.description
        }
        self.init(registry: registry, options: options)
    }

    /// A schema ready to validate against, compiled once.
    public struct Compiled: Sendable {
        let schema: CompiledSchema
    }

    public func compile(_ schema: SchemaRef) -> Compiled {
        let document = schema.address.document.absoluteString
        if !schema.isSynthesized, let compiled = registry.compile(document: document, pointer: schema.address.pointer) {
            return Compiled(schema: compiled)
        }
        return Compiled(schema: synthetic.compile(schema, in: registry))
    }

    /// Every error (or, with `collectAllErrors` off, at most the first). A check that ended early
    /// ends with the error that says why (keyword `budget` or `cancelled`).
    public func validate(_ instance: JSONValue, against schema: Compiled) -> [ValidationError] {
        report(instance, against: schema).errors
    }

    /// The errors, and whether the check ran to its end.
    public func report(_ instance: JSONValue, against schema: Compiled) -> ValidationReport {
        if verdict(on: instance, against: schema, options: options).verdict == .valid { return ValidationReport(errors: [], stop: nil) }
        var evaluator = Evaluator(registry: registry, options: options)
        _ = evaluator.validate(schema.schema, instance)
        return ValidationReport(errors: evaluator.errors, stop: evaluator.stopReason)
    }

    public func validate(_ instance: JSONValue, against schema: SchemaRef) -> [ValidationError] {
        validate(instance, against: compile(schema))
    }

    /// Every error, within a step budget of the caller's (which shares one budget among many checks),
    /// and the steps the check took.
    func validate(_ instance: JSONValue, against schema: Compiled, stepBudget: Int) -> (errors: [ValidationError], steps: Int) {
        var limited = options
        limited.stepBudget = stepBudget
        let quick = verdict(on: instance, against: schema, options: limited)
        if quick.verdict == .valid { return ([], quick.steps) }
        var evaluator = Evaluator(registry: registry, options: limited)
        _ = evaluator.validate(schema.schema, instance)
        return (evaluator.errors, evaluator.steps)
    }

    /// Yes or no, as fast as possible: stops at the first failure.
    public func isValid(_ instance: JSONValue, against schema: Compiled) -> Bool {
        switch verdict(on: instance, against: schema, options: options).verdict {
        case .valid: return true
        case .invalid: return false
        case .undecided:
            var fast = options
            fast.collectAllErrors = false
            var evaluator = Evaluator(registry: registry, options: fast)
            return evaluator.validate(schema.schema, instance)
        }
    }

    /// The compiled program's answer: a valid instance needs nothing more; an invalid one is explained
    /// by the `Evaluator`, which also decides what the program leaves undecided.
    private func verdict(on instance: JSONValue, against schema: Compiled, options: ValidationOptions) -> (verdict: CheckRun.Verdict, steps: Int) {
        guard let entry = registry.checkEntry(for: schema.schema) else { return (.undecided, 0) }
        return CheckRun.verdict(on: instance, from: entry, in: registry.checkProgram, options: options)
    }
}

/// What one validation found.
public struct ValidationReport: Sendable, Equatable {
    /// The errors, ending with the one that says why the check stopped, if it did.
    public var errors: [ValidationError]
    /// Why the check ended before its end (the instance is then not known to be valid).
    public var stop: ValidationStop?

    /// The errors about the instance itself, without the one about stopping.
    public var mismatches: [ValidationError] { stop == nil ? errors : Array(errors.dropLast()) }
}

/// Why a validation ended early.
public enum ValidationStop: Sendable, Equatable {
    /// It needed more than this many schema applications.
    case budget(Int)
    /// Its task was cancelled (the user stopped it, or a deadline passed).
    case cancelled
}

/// Schemas that exist only in the model (Swagger 2.0 parameters, form bodies): each becomes a small
/// document of its own whose references still resolve against the description it came from.
private final class SyntheticDocuments: @unchecked Sendable {
    private struct Key: Hashable {
        var value: JSONValue
        var base: String
    }

    private let lock = NSLock()
    private var compiled: [Key: CompiledSchema] = [:]

    func compile(_ schema: SchemaRef, in registry: SchemaRegistry) -> CompiledSchema {
        let base = schema.address.document.absoluteString
        let key = Key(value: schema.value, base: base)
        if let existing = lock.withLock({ compiled[key] }) { return existing }
        let uri = lock.withLock { "specter-synthetic:\(compiled.count + 1)" }
        registry.addDocument(schema.value, uri: uri, baseURI: base)
        let result = registry.compile(document: uri, pointer: .root)
            ?? CompiledSchema(place: SchemaPlace(document: uri, pointer: .root), baseURI: uri, dialect: .openAPI30)
        lock.withLock { compiled[key] = result }
        return result
    }
}

extension SchemaValidator {
    /// The schema at the root of a document added to the registry (a plain JSON Schema document).
    public func compileDocumentRoot(_ uri: String) -> Compiled? {
        registry.compile(document: uri, pointer: .root).map(Compiled.init)
    }
}
