import Foundation
import SpecterHTTP
import SpecterSchema
import SpecterSpec

/// One request and what came of it: the CLI's `call` and the explorer both run requests through this.
public struct Exchange: Sendable {
    public var built: BuiltRequest
    public var result: Result<HTTPResponse, TransportError>
    public var body: ResponseBody?
    public var verdict: ResponseVerdict?
    public var fieldErrors: [ServerFieldError]
}

/// Why a request was not sent.
public enum RequestFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case build(RequestBuildError)
    case credentials(CredentialError)
    /// A placeholder or credential reference in the draft could not be filled.
    case draft(DraftResolutionError)
    /// The draft names an operation the description does not have.
    case unknownOperation(OperationReference)

    public var description: String {
        switch self {
        case .build(let error): return error.description
        case .credentials(let error): return error.description
        case .draft(let error): return error.description
        case .unknownOperation(let reference): return "the description has no operation \(reference)"
        }
    }
}

/// Builds a request (with authentication), sends it, and judges the response.
public struct RequestRunner: Sendable {
    public let client: any HTTPClient
    public var options: HTTPOptions
    public let tokens: OAuthTokens
    /// Makes multipart boundaries predictable (golden frames); random otherwise.
    public var boundary: String?
    /// A response value without its documented `format` is a mismatch (not a warning).
    public var strictFormats = false

    /// `signIn` lets OAuth2 schemes run the interactive grants (authorization code, device); without
    /// it they need an access token given as it is.
    public init(client: any HTTPClient, options: HTTPOptions = HTTPOptions(), signIn: OAuthSignIn? = nil) {
        self.client = client
        self.options = options
        tokens = OAuthTokens(client: client, signIn: signIn)
    }

    /// Builds the request. Without `sending` (a dry run, a curl line, showing what will be sent)
    /// nothing goes over the network: OAuth2 tokens are not fetched and a placeholder stands in.
    public func prepare(_ builder: RequestBuilder, input: RequestInput, credentials: CredentialStore, sending: Bool = true) async throws(RequestFailure) -> BuiltRequest {
        let base: URL
        do {
            base = try builder.baseURL(input.server)
        } catch {
            throw .build(error)
        }
        let security: AppliedSecurity
        do {
            security = try await SecurityApplier(tokens: tokens, fetchesTokens: sending).apply(for: builder.operation, in: builder.document, credentials: credentials, baseURL: base)
        } catch {
            throw .credentials(error)
        }
        do {
            var built = try builder.build(input, security: security, base: base)
            built.redactor = built.redactor.adding(credentials.secrets)
            return built
        } catch {
            throw .build(error)
        }
    }

    /// Builds a draft's request: its placeholders filled from `scope`, its credentials read.
    public func prepare(_ draft: RequestDraft, service: DescriptionService, scope: VariableScope, workingDirectory: URL,
                        sending: Bool = true) async throws(RequestFailure) -> (built: BuiltRequest, operation: APIOperation) {
        guard let operation = service.operation(draft.operation) else { throw .unknownOperation(draft.operation) }
        let resolved: ResolvedDraft
        do {
            resolved = try draft.resolved(in: scope, for: operation, documents: service.document.documents)
        } catch {
            throw .draft(error)
        }
        var builder = RequestBuilder(document: service.document, operation: operation, workingDirectory: workingDirectory)
        builder.boundary = boundary
        var built = try await prepare(builder, input: resolved.input, credentials: resolved.credentials, sending: sending)
        built.redactor = built.redactor.adding(scope.referencedValues)
        return (built, operation)
    }

    /// Builds and sends a draft's request, and judges the response.
    public func run(_ draft: RequestDraft, service: DescriptionService, scope: VariableScope, workingDirectory: URL) async throws(RequestFailure) -> Exchange {
        let prepared = try await prepare(draft, service: service, scope: scope, workingDirectory: workingDirectory)
        return await send(prepared.built, for: prepared.operation, service: service)
    }

    /// Sends the request and judges the response, all within the total deadline: checking a body
    /// against its schema stops when the deadline passes or the task is cancelled.
    public func send(_ built: BuiltRequest, for operation: APIOperation, service: DescriptionService) async -> Exchange {
        exchange(built, received: await transfer(built), for: operation, service: service)
    }

    /// A response as it came (or why none did), not judged yet, and when its request left.
    public struct Received: Sendable {
        /// When the request left: its check has until this plus the total timeout.
        let start: ContinuousClock.Instant
        let result: Result<HTTPResponse, TransportError>

        /// The same response with its check's deadline moved by `wait` (a replay that checked
        /// another response first does not take that time from this one's check).
        public func postponed(by wait: Duration) -> Received {
            Received(start: start + wait, result: result)
        }
    }

    /// Sends the request and waits for its response, without judging it: a replay judges one
    /// response while the next request is with the server.
    public func transfer(_ built: BuiltRequest) async -> Received {
        let start = ContinuousClock.now
        do {
            return Received(start: start, result: .success(try await client.send(built.request, options: options)))
        } catch {
            return Received(start: start, result: .failure(error))
        }
    }

    /// What came of a request: its response judged within what is left of its deadline.
    public func exchange(_ built: BuiltRequest, received: Received, for operation: APIOperation, service: DescriptionService) -> Exchange {
        switch received.result {
        case .success(let response): judged(response, built: built, for: operation, service: service, start: received.start)
        case .failure(let error): Exchange(built: built, result: .failure(error), body: nil, verdict: nil, fieldErrors: [])
        }
    }

    /// The exchange of a response that arrived whole, judged within what is left of the deadline.
    func judged(_ response: HTTPResponse, built: BuiltRequest, for operation: APIOperation, service: DescriptionService,
                start: ContinuousClock.Instant) -> Exchange {
        let body = ResponseBody(response)
        let strictFormats = self.strictFormats
        // Checking stops where the deadline passes or the task is cancelled, with what it found so far.
        let verdict = service.lists(operation)
            ? ValidationDeadline.$instant.withValue(start + options.totalTimeout) {
                service.judge(response, body: body, for: operation, strictFormats: strictFormats)
            } : nil
        return Exchange(built: built, result: .success(response), body: body, verdict: verdict, fieldErrors: ServerFieldErrors.parse(response, body: body))
    }
}
