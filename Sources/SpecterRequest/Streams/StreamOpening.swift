import SpecterHTTP
import SpecterSpec

/// A response whose body is a stream of items, open and still arriving.
public struct OpenStream: Sendable {
    public var built: BuiltRequest
    /// The response's head (its `body` empty).
    public var head: HTTPResponse
    public var body: HTTPBodyStream
    /// Reads the body in the head's format, checking each item against the description.
    public var reader: StreamReader
    /// When the head arrived: events are timed from here.
    public var openedAt: ContinuousClock.Instant

    /// The exchange as history keeps it: the request and the response's head.
    public var exchange: Exchange {
        Exchange(built: built, result: .success(head), body: nil, verdict: nil, fieldErrors: [])
    }
}

/// What came of opening a request that may answer with a stream.
public enum OpenedResponse: Sendable {
    /// A response whose body arrived whole (not a stream format), judged as `send` judges it.
    case whole(Exchange)
    case stream(OpenStream)
}

extension RequestRunner {
    /// Whether a request for the operation may be answered with a stream (a documented response has
    /// a stream media type, or the request asks for one), so it should be sent with `open`.
    public static func expectsStream(_ operation: APIOperation, request: HTTPRequest) -> Bool {
        if let accept = request.headers["Accept"], accept.split(separator: ",").contains(where: { StreamFormat(contentType: String($0)) != nil }) {
            return true
        }
        return operation.responses.contains { response in response.content.contains { StreamFormat(contentType: $0.name) != nil } }
    }

    /// Sends the request and returns once the head arrived: a stream to read when its content type
    /// is a stream format, otherwise the whole response (its body read within `options.body.maxBytes`)
    /// judged like `send`.
    public func open(_ built: BuiltRequest, for operation: APIOperation, service: DescriptionService) async -> OpenedResponse {
        let start = ContinuousClock.now
        let streamed: StreamedResponse
        do {
            streamed = try await client.stream(built.request, options: options)
        } catch {
            return .whole(Exchange(built: built, result: .failure(error), body: nil, verdict: nil, fieldErrors: []))
        }
        if let format = StreamFormat(contentType: streamed.head.headers["Content-Type"]) {
            let check = StreamItemCheck(service: service, operation: operation, head: streamed.head, format: format)
            return .stream(OpenStream(built: built, head: streamed.head, body: streamed.body, reader: StreamReader(format: format, check: check),
                                      openedAt: .now))
        }
        var bytes: [UInt8] = []
        do throws(TransportError) {
            while let chunk = try await streamed.body.next() {
                bytes += chunk
                if bytes.count > options.body.maxBytes {
                    streamed.body.cancel()
                    let url = streamed.head.url
                    throw .bodyTooLarge(host: url.host ?? "", port: url.effectivePort, limit: options.body.maxBytes)
                }
            }
        } catch {
            return .whole(Exchange(built: built, result: .failure(error), body: nil, verdict: nil, fieldErrors: []))
        }
        var response = streamed.head
        response.body = ResponseBytes(bytes)
        response.duration = ContinuousClock.now - start
        return .whole(judged(response, built: built, for: operation, service: service, start: start))
    }
}
