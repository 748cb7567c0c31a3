import Foundation
import SpecterHTTP
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

    public var description: String {
        switch self {
        case .build(let error): return error.description
        case .credentials(let error): return error.description
        }
    }
}

/// Builds a request (with authentication), sends it, and judges the response.
public struct RequestRunner: Sendable {
    public let client: any HTTPClient
    public var options: HTTPOptions
    public let tokens: OAuthTokens

    public init(client: any HTTPClient, options: HTTPOptions = HTTPOptions()) {
        self.client = client
        self.options = options
        tokens = OAuthTokens(client: client)
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
            var built = try builder.build(input, security: security)
            built.redactor.secrets = Redactor(secrets: built.redactor.secrets + credentials.secrets).secrets
            return built
        } catch {
            throw .build(error)
        }
    }

    public func run(_ builder: RequestBuilder, input: RequestInput, credentials: CredentialStore) async throws(RequestFailure) -> Exchange {
        let built = try await prepare(builder, input: input, credentials: credentials)
        return await send(built, for: builder.operation, in: builder.document)
    }

    /// Sends the request and judges the response, all within the total deadline: checking a body
    /// against its schema stops when the deadline passes or the task is cancelled.
    public func send(_ built: BuiltRequest, for operation: APIOperation, in document: APIDocument) async -> Exchange {
        let start = ContinuousClock.now
        do {
            let response = try await client.send(built.request, options: options)
            let body = ResponseBody(response)
            let remaining = options.totalTimeout - (ContinuousClock.now - start)
            let verdict = await Self.withDeadline(remaining) { ResponseJudge(document: document).judge(response, body: body, for: operation) }
            return Exchange(built: built, result: .success(response), body: body, verdict: verdict, fieldErrors: ServerFieldErrors.parse(response, body: body))
        } catch {
            return Exchange(built: built, result: .failure(error), body: nil, verdict: nil, fieldErrors: [])
        }
    }

    /// Runs synchronous work that watches `Task.isCancelled` on a task of its own, cancelled when
    /// `limit` passes or the caller is cancelled; the work then returns what it has so far.
    static func withDeadline<Value: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () -> Value) async -> Value {
        let worker = Task { work() }
        let timer = Task {
            try? await Task.sleep(for: max(limit, .zero))
            worker.cancel()
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler { await worker.value } onCancel: { worker.cancel() }
    }
}
