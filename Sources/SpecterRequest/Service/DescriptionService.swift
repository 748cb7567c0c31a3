import SpecterHTTP
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// One loaded description and what both front ends need from it, made once: schemas compiled once
/// and shared (by forms, input checks, examples and response checks, on any thread), the media type
/// a body goes as, the checks of an input against the description, and what to warn about before
/// sending, as typed values each front end words its own way.
public final class DescriptionService: Sendable {
    public let document: APIDocument
    /// Validators for each direction over one registry of compiled schemas.
    public let requestValidator: SchemaValidator
    public let responseValidator: SchemaValidator
    public let neutralValidator: SchemaValidator
    /// Each operation's position, by every reference that names it (its id, and its method and path).
    private let positions: [OperationReference: Int]

    public init(document: APIDocument) {
        self.document = document
        var positions: [OperationReference: Int] = [:]
        for (position, operation) in document.operations.enumerated() {
            if let id = operation.operationID, positions[.id(id)] == nil { positions[.id(id)] = position }
            if positions[.route(method: operation.method, path: operation.path)] == nil { positions[.route(method: operation.method, path: operation.path)] = position }
        }
        self.positions = positions
        let neutral = SchemaValidator(document: document)
        var request = neutral
        request.options.direction = .request
        var response = neutral
        response.options.direction = .response
        neutralValidator = neutral
        requestValidator = request
        responseValidator = response
    }

    public func validator(_ direction: ValidationDirection) -> SchemaValidator {
        switch direction {
        case .request: return requestValidator
        case .response: return responseValidator
        case .neutral: return neutralValidator
        }
    }

    /// The operation a draft is for.
    /// An unlisted reference gets an operation of its own, with nothing to check.
    public func operation(_ reference: OperationReference) -> APIOperation? {
        if case .unlisted(let method, _) = reference { return APIOperation(unlistedMethod: method) }
        return position(of: reference).map { document.operations[$0] }
    }

    /// Whether the operation is one of the description's (not one made for an unlisted request).
    public func lists(_ operation: APIOperation) -> Bool {
        positions[.route(method: operation.method, path: operation.path)] != nil
    }

    /// Where the operation a reference names is in the description's list.
    public func position(of reference: OperationReference) -> Int? {
        if case .route(let method, let path) = reference { return positions[.route(method: HTTPMethod.canonical(method), path: path)] }
        return positions[reference]
    }

    /// Whether two drafts ask for the same request of this description: the same operation however
    /// each names it (its id, or its method and path), a body in the same media type (one naming none
    /// goes as the description's preferred one), and the same inputs otherwise (`hasSameInputs`).
    public func asksTheSame(_ one: RequestDraft, _ other: RequestDraft) -> Bool {
        canonical(one).hasSameInputs(as: canonical(other))
    }

    /// The draft as `asksTheSame` compares it.
    private func canonical(_ draft: RequestDraft) -> RequestDraft {
        guard let position = position(of: draft.operation) else { return draft }
        let operation = document.operations[position]
        var draft = draft
        draft.operation = OperationReference(operation)
        if draft.body?.mediaType == nil, let preferred = operation.requestBody?.content.preferred() {
            draft.body?.mediaType = preferred.name
        }
        return draft
    }

    public func form(for operation: APIOperation, mediaType: String? = nil) -> RequestForm {
        RequestForm(operation: operation, document: document, validator: requestValidator, mediaType: mediaType)
    }

    public func examples(_ direction: ValidationDirection = .neutral) -> ExampleGenerator {
        ExampleGenerator(validator: validator(direction), documents: document.documents)
    }

    /// A whole request body to start from, as Swagger UI pre-fills it: the description's own example
    /// for the media type (`example`, the first of `examples`), else one generated from the schema.
    public func bodyExample(for operation: APIOperation, mediaType: String? = nil) -> JSONValue? {
        guard let media = operation.requestBody?.content.preferred(mediaType) else { return nil }
        if let example = media.example ?? media.examples.lazy.compactMap(\.value).first { return example }
        return media.schema.flatMap { examples(.request).example(for: $0).value }
    }

    public func judge(_ response: HTTPResponse, body: ResponseBody, for operation: APIOperation, strictFormats: Bool = false) -> ResponseVerdict {
        ResponseJudge(validator: responseValidator, strictFormats: strictFormats).judge(response, body: body, for: operation)
    }

    /// What in an input does not match the description: missing required parameters and body,
    /// parameters and the body against their schemas.
    public func problems(in input: RequestInput, for operation: APIOperation) -> [InputProblem] {
        var problems: [InputProblem] = []
        for parameter in operation.parameters {
            let given = input.parameters.first { $0.name == parameter.name && ($0.location == nil || $0.location == parameter.location) }
            let place = InputProblem.Place.parameter(parameter.location, parameter.name)
            guard let given else {
                if parameter.required { problems.append(InputProblem(place: place, path: [], message: "required")) }
                continue
            }
            guard let schema = parameter.schema ?? parameter.content.first?.schema else { continue }
            problems += requestValidator.validate(given.value, against: schema).map { InputProblem(place: place, path: $0.path, message: $0.message) }
        }
        guard let body = operation.requestBody else { return problems }
        guard case .value(let value)? = input.body else {
            if body.required && input.body == nil { problems.append(InputProblem(place: .body, path: [], message: "required")) }
            return problems
        }
        if let media = body.content.preferred(input.mediaType), let schema = media.schema, MediaType.isJSON(media.name) || media.name.contains("form") {
            problems += requestValidator.validate(value, against: schema).map { InputProblem(place: .body, path: $0.path, message: $0.message) }
        }
        return problems
    }
}

/// Something in an input that does not match the description.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Place: Sendable, Equatable {
        case parameter(ParameterLocation, String)
        case body
    }

    public var place: Place
    /// Where inside the value.
    public var path: [PathComponent]
    public var message: String

    /// `query parameter limit: must be at most 100`, `body.items[2].name: required property …`
    public var description: String {
        let inner = ValidationError.readable(path)
        switch place {
        case .parameter(let location, let name):
            return "\(location.rawValue) parameter \(name)\(inner.isEmpty ? "" : "." + inner): \(message)"
        case .body:
            return "body\(inner.isEmpty ? "" : (inner.hasPrefix("[") ? "" : ".") + inner): \(message)"
        }
    }
}
