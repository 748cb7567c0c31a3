import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `HTTPClient`: plain `http://` requests that go direct (no proxy applies) over Specter's own
/// HTTP/1.1 transport (`SocketTransport`), everything else (https, proxies) over URLSession (libcurl
/// on Linux). URLSession on Linux cannot pause a transfer, so a large body piles up in memory when
/// the disk falls behind, and it costs about 0.4 ms of CPU a request; the own transport reads only
/// as fast as the body is stored, keeps connections alive in a pool, and costs a fraction of that.
///
/// Redirects are followed here, not by URLSession, because URLSession on Linux copies every
/// header to the redirect target: credentials must not follow a redirect to another origin.
/// Cookies and caching are off, so every request is exactly what the user built. Bodies stream
/// through a `BodySink` (memory, then a file) under `BodyLimits`, so no body is held whole unless small.
public final class URLSessionHTTPClient: HTTPClient {
    private let session: URLSession
    private let transfers: TransferDelegate
    private let proxies = ProxyResolver()
    private let pool: ConnectionPool
    private let ownTransport: Bool

    /// A client whose plain-http connections are kept in the process-wide pool, so every client
    /// in the process reuses them.
    public convenience init() {
        self.init(pool: .shared)
    }

    /// A client with a pool of its own (tests count its connections); without `ownTransport` every
    /// request goes over URLSession (tests of that path against a plain-http server).
    init(pool: ConnectionPool, ownTransport: Bool = true) {
        self.pool = pool
        self.ownTransport = ownTransport
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        transfers = TransferDelegate()
        session = URLSession(configuration: configuration, delegate: transfers, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> HTTPResponse {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .unsupportedURL(request.url.absoluteString)
        }
        let start = ContinuousClock.now
        let control = ExchangeControl(deadline: start + options.totalTimeout)
        defer { control.finish() }
        let outcome = await followingRedirects(request, options: options, start: start, control: control)
        if control.hasExpired {
            throw .timedOut(host: request.url.host ?? "", port: request.url.effectivePort, after: options.totalTimeout)
        }
        return try outcome.get()
    }

    private func followingRedirects(_ original: HTTPRequest, options: HTTPOptions, start: ContinuousClock.Instant,
                                    control: ExchangeControl) async -> Result<HTTPResponse, TransportError> {
        var request = original
        var hops: [RedirectHop] = []
        while true {
            let exchanged: Exchanged
            do {
                exchanged = try await exchange(request, options: options, control: control)
            } catch let error as BodyLimitError {
                return .failure(Self.transportError(error, url: request.url))
            } catch let failure as SocketFailure {
                return .failure(control.isStopped ? .cancelled : failure.transportError(url: request.url, idleTimeout: options.idleTimeout))
            } catch {
                if control.isStopped { return .failure(.cancelled) }
                return .failure(TransportError.from(error, url: request.url, timeout: options.idleTimeout))
            }
            let status = exchanged.status
            let headers = exchanged.headers
            switch Self.redirect(from: request, status: status, headers: headers, options: options, hops: hops) {
            case .failure(let error): return .failure(error)
            case .success(let next?):
                hops.append(next.hop)
                request = next.request
                continue
            case .success(nil): break
            }
            return .success(HTTPResponse(
                status: status, reason: exchanged.reason, headers: headers, body: exchanged.body, url: request.url, redirects: hops,
                duration: ContinuousClock.now - start))
        }
    }

    /// The request a redirect response leads to, when it is to be followed; `nil` when the response is the answer.
    private static func redirect(from request: HTTPRequest, status: Int, headers: HTTPHeaders, options: HTTPOptions,
                                 hops: [RedirectHop]) -> Result<(request: HTTPRequest, hop: RedirectHop)?, TransportError> {
        guard options.followRedirects, [301, 302, 303, 307, 308].contains(status), let location = headers["Location"],
              let target = URL(string: location, relativeTo: request.url)?.absoluteURL else { return .success(nil) }
        guard hops.count < options.maxRedirects else {
            return .failure(.tooManyRedirects(limit: options.maxRedirects, lastURL: target.absoluteString))
        }
        if request.url.scheme?.lowercased() == "https", target.scheme?.lowercased() == "http", !options.allowInsecureRedirects {
            return .failure(.insecureRedirect(from: request.url.absoluteString, to: target.absoluteString))
        }
        let next = RedirectPolicy.nextRequest(after: request, status: status, target: target)
        return .success((next.request, RedirectHop(status: status, from: request.url, to: next.request.url, dropped: next.dropped)))
    }

    // MARK: Streaming

    public func stream(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> StreamedResponse {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .unsupportedURL(request.url.absoluteString)
        }
        let start = ContinuousClock.now
        var request = request
        // A compressing server holds events back until its compressor's buffer fills: ask for none.
        if !request.headers.contains("Accept-Encoding") { request.headers.add("Accept-Encoding", "identity") }
        var hops: [RedirectHop] = []
        while true {
            let opened = try await openStream(request, options: options)
            switch Self.redirect(from: request, status: opened.status, headers: opened.headers, options: options, hops: hops) {
            case .failure(let error):
                opened.body.cancel()
                throw error
            case .success(let next?):
                opened.body.cancel()
                hops.append(next.hop)
                request = next.request
            case .success(nil):
                let head = HTTPResponse(status: opened.status, reason: opened.reason, headers: opened.headers, url: request.url, redirects: hops,
                                        duration: ContinuousClock.now - start)
                return StreamedResponse(head: head, body: opened.body)
            }
        }
    }

    /// One request's head and its body still arriving.
    fileprivate struct OpenedStream: Sendable {
        var status: Int
        var reason: String?
        var headers: HTTPHeaders
        var body: HTTPBodyStream
    }

    private func openStream(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> OpenedStream {
        let body = HTTPBodyStream()
        let result: Result<OpenedStream, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let head = HeadWaiter(continuation)
                if drivesItself(request.url) {
                    startSocketStream(request, options: options, body: body, head: head)
                } else {
                    startURLSessionStream(request, options: options, body: body, head: head)
                }
            }
        } onCancel: {
            body.cancel()
        }
        return try result.get()
    }

    /// The stream over Specter's own transport, on a thread of its own for as long as the body lasts.
    private func startSocketStream(_ request: HTTPRequest, options: HTTPOptions, body: HTTPBodyStream, head: HeadWaiter) {
        let pool = self.pool
        ExchangeThreads.shared.runAlone {
            do {
                try SocketTransport(pool: pool).stream(request, options: options, stopped: { body.isCancelled }, head: { answered in
                    head.resume(.success(OpenedStream(status: answered.status, reason: answered.reason, headers: answered.headers, body: body)))
                }, chunk: { bytes in
                    guard body.push(Array(bytes), waitingForRoom: true) else { throw SocketFailure.cancelled }
                })
                body.finish(nil)
            } catch {
                let failure: TransportError
                if body.isCancelled {
                    failure = .cancelled
                } else if let socket = error as? SocketFailure {
                    failure = socket.transportError(url: request.url, idleTimeout: options.idleTimeout)
                } else {
                    failure = TransportError.from(error, url: request.url, timeout: options.idleTimeout)
                }
                if !head.resume(.failure(failure)) { body.finish(failure) }
            }
        }
    }

    /// The stream over URLSession: its data delegate hands each chunk over as it comes (URLSession
    /// cannot be paused, so chunks queue in memory when the reader falls behind).
    private func startURLSessionStream(_ request: HTTPRequest, options: HTTPOptions, body: HTTPBodyStream, head: HeadWaiter) {
        let task = session.dataTask(with: Self.urlRequest(for: request, options: options))
        let transfer = StreamTransfer(url: request.url, options: options, body: body, head: head)
        transfers.register(transfer, for: task)
        body.whenCancelled {
            transfer.unregister()
            task.cancel()
        }
        task.resume()
    }

    /// A response's head and body, from URLSession or from Specter's own transport.
    private struct Exchanged: Sendable {
        var status: Int
        /// The server's own reason phrase, when it could be read (URLSession does not pass it on).
        var reason: String?
        var headers: HTTPHeaders
        var body: ResponseBytes
    }

    /// Whether Specter sends the request itself: plain http with no proxy in the way.
    private func drivesItself(_ url: URL) -> Bool {
        ownTransport && url.scheme?.lowercased() == "http" && proxies.proxy(for: url) == nil
    }

    /// One request/response, cancellable from Swift concurrency.
    private func exchange(_ request: HTTPRequest, options: HTTPOptions, control: ExchangeControl) async throws -> Exchanged {
        if drivesItself(request.url) { return try await socketExchange(request, options: options, control: control) }
        let (body, response) = try await urlSessionExchange(request, options: options, control: control)
        return Exchanged(status: response.statusCode, reason: nil, headers: Self.headers(of: response), body: body)
    }

    /// The exchange over Specter's own transport: in place on an `ExchangeLane`, otherwise on a
    /// thread of its own (it blocks while it waits for the server or the disk, see `ExchangeThreads`);
    /// cancelling stops it within `Patience.step`.
    private func socketExchange(_ request: HTTPRequest, options: HTTPOptions, control: ExchangeControl) async throws -> Exchanged {
        let pool = self.pool
        let exchange: @Sendable () throws -> Exchanged = {
            if control.isStopped { throw SocketFailure.cancelled }
            let (head, body) = try SocketTransport(pool: pool).exchange(request, options: options) { control.isStopped }
            return Exchanged(status: head.status, reason: head.reason, headers: head.headers, body: body)
        }
        return try await withTaskCancellationHandler {
            if ExchangeLane.isCurrentThreadALane { return try exchange() }
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Exchanged, Error>) in
                ExchangeThreads.shared.run { continuation.resume(with: Result { try exchange() }) }
            }
        } onCancel: {
            control.cancel()
        }
    }

    private func urlSessionExchange(_ request: HTTPRequest, options: HTTPOptions, control: ExchangeControl) async throws -> (body: ResponseBytes, response: HTTPURLResponse) {
        let urlRequest = Self.urlRequest(for: request, options: options)
        let transfers = self.transfers
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                control.armTimer()
                let task = session.dataTask(with: urlRequest)
                let transfer = Transfer(limits: options.body, continuation: continuation)
                transfers.register(transfer, for: task)
                control.start(task, transfer)
            }
        } onCancel: {
            control.cancel()
        }
    }

    private static func urlRequest(for request: HTTPRequest, options: HTTPOptions) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        // URLSession on Linux keeps whole seconds of it (0.5 would be 0: an instant timeout); the total
        // deadline, kept here, honours fractions.
        urlRequest.timeoutInterval = max(1, options.idleTimeout.timeInterval.rounded(.up))
        urlRequest.httpShouldHandleCookies = false
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        // URLSession on Linux fails a GET that carries a body; a GET body has no defined meaning anyway.
        if let body = request.body, request.method != "GET" { urlRequest.httpBody = Data(body) }
        return urlRequest
    }

    private static func transportError(_ error: BodyLimitError, url: URL) -> TransportError {
        let host = url.host ?? url.absoluteString
        switch error {
        case .tooLarge(let limit): return .bodyTooLarge(host: host, port: url.effectivePort, limit: limit)
        case .expands(let ratio, let wireBytes): return .bodyExpands(host: host, port: url.effectivePort, ratio: ratio, wireBytes: wireBytes)
        case .cannotWrite(let path, let reason): return .bodyNotWritten(path: path, reason: reason)
        }
    }

    static func headers(of response: HTTPURLResponse) -> HTTPHeaders {
        // URLSession on Linux hands headers over as a dictionary: the wire order is lost, so sort for stable output.
        let fields = response.allHeaderFields.compactMap { key, value -> HTTPHeaders.Field? in
            guard let name = key as? String else { return nil }
            return HTTPHeaders.Field(name: name, value: String(describing: value))
        }
        return HTTPHeaders(fields.sorted { $0.name.lowercased() < $1.name.lowercased() })
    }
}

/// How an exchange is stopped from another thread, by a cancellation or the deadline, whichever
/// comes first, even before it has started: the URLSession task it runs is cancelled, and Specter's
/// own transport looks at `isStopped` between waits (every `Patience.step`), which is also where it
/// meets the deadline. URLSession on Linux enforces no total deadline, so only an exchange that goes
/// over it arms a timer (one per `send`, on its first URLSession hop): a timer per request costs a
/// wake-up of dispatch's timer thread, about a tenth of a plain-http exchange's CPU.
private final class ExchangeControl: @unchecked Sendable {
    private let lock = NSLock()
    private let deadline: ContinuousClock.Instant
    private var timer: DispatchWorkItem?
    private var task: URLSessionTask?
    private var transfer: Transfer?
    private var stopped = false
    private var expired = false

    init(deadline: ContinuousClock.Instant) {
        self.deadline = deadline
    }

    /// Makes sure the deadline stops a URLSession task that is still running when it passes.
    func armTimer() {
        let item = DispatchWorkItem { [weak self] in self?.expire() }
        let armed = lock.withLock {
            guard timer == nil else { return false }
            timer = item
            return true
        }
        guard armed else { return }
        let remaining = max(.zero, deadline - ContinuousClock.now)
        DispatchQueue.global().asyncAfter(deadline: .now() + remaining.timeInterval, execute: item)
    }

    /// The exchange is over: its timer, if any, is not needed.
    func finish() {
        lock.withLock { timer }?.cancel()
    }

    /// Resumes `task`, or stops it at once if the exchange was already stopped.
    func start(_ task: URLSessionTask, _ transfer: Transfer) {
        let alreadyStopped = lock.withLock {
            self.task = task
            self.transfer = transfer
            return stopped
        }
        if alreadyStopped {
            transfer.fail(URLError(.cancelled), cancelling: task)
        } else {
            task.resume()
        }
    }

    func cancel() {
        let running = lock.withLock {
            stopped = true
            return (task, transfer)
        }
        if let task = running.0, let transfer = running.1 { transfer.fail(URLError(.cancelled), cancelling: task) }
    }

    /// The total deadline passed.
    private func expire() {
        lock.withLock { expired = true }
        cancel()
    }

    var hasExpired: Bool { lock.withLock { expired } }

    /// Cancelled, or past the deadline (noticed here by the own transport, by the timer for URLSession).
    var isStopped: Bool {
        if lock.withLock({ stopped }) { return true }
        guard ContinuousClock.now >= deadline else { return false }
        expire()
        return true
    }
}

/// What URLSession's delegate reports about one task, to whoever runs it.
private protocol TaskEvents: AnyObject, Sendable {
    var unregister: @Sendable () -> Void { get set }
    func received(_ response: HTTPURLResponse, task: URLSessionTask)
    func received(_ data: Data, task: URLSessionTask)
    func completed(_ error: Error?)
}

/// Resumes the wait for a stream's head once: with the head, or with why none came.
private final class HeadWaiter: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<URLSessionHTTPClient.OpenedStream, TransportError>, Never>?

    init(_ continuation: CheckedContinuation<Result<URLSessionHTTPClient.OpenedStream, TransportError>, Never>) {
        self.continuation = continuation
    }

    /// False when the head was already answered (the failure is then the body's).
    @discardableResult
    func resume(_ result: Result<URLSessionHTTPClient.OpenedStream, TransportError>) -> Bool {
        let waiting = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: result)
        return waiting != nil
    }
}

/// One streamed exchange over URLSession: the head answers the `HeadWaiter`, each chunk goes to the
/// `HTTPBodyStream` as it arrives.
private final class StreamTransfer: TaskEvents, @unchecked Sendable {
    private let url: URL
    private let options: HTTPOptions
    private let body: HTTPBodyStream
    private let head: HeadWaiter
    var unregister: @Sendable () -> Void = {}

    init(url: URL, options: HTTPOptions, body: HTTPBodyStream, head: HeadWaiter) {
        self.url = url
        self.options = options
        self.body = body
        self.head = head
    }

    func received(_ response: HTTPURLResponse, task: URLSessionTask) {
        head.resume(.success(URLSessionHTTPClient.OpenedStream(status: response.statusCode, reason: nil, headers: URLSessionHTTPClient.headers(of: response), body: body)))
    }

    func received(_ data: Data, task: URLSessionTask) {
        if !body.push(Array(data), waitingForRoom: false) { DispatchQueue.global().async { task.cancel() } }
    }

    func completed(_ error: Error?) {
        unregister()
        let failure = error.map { body.isCancelled ? TransportError.cancelled : TransportError.from($0, url: url, timeout: options.idleTimeout) }
        if head.resume(.failure(failure ?? .connectionReset(host: url.host ?? "", port: url.effectivePort))) { return }
        body.finish(failure)
    }
}

/// One exchange in flight: where its body goes, and the continuation waiting for it, resumed once.
private final class Transfer: TaskEvents, @unchecked Sendable {
    typealias Outcome = (body: ResponseBytes, response: HTTPURLResponse)

    private let lock = NSLock()
    private let limits: BodyLimits
    private var continuation: CheckedContinuation<Outcome, Error>?
    /// Forgets the transfer in the delegate (a cancelled task may never report its end).
    var unregister: @Sendable () -> Void = {}
    private var response: HTTPURLResponse?
    /// Touched only on the session's delegate queue.
    private var sink: BodySink?

    init(limits: BodyLimits, continuation: CheckedContinuation<Outcome, Error>) {
        self.limits = limits
        self.continuation = continuation
    }

    /// The head arrived: decide where the body goes (and refuse one declared too large).
    func received(_ response: HTTPURLResponse, task: URLSessionTask) {
        let isEncoded = response.value(forHTTPHeaderField: "Content-Encoding").map { !$0.isEmpty && $0.lowercased() != "identity" } ?? false
        let declared = response.value(forHTTPHeaderField: "Content-Length").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        do {
            sink = try BodySink(limits: limits, declaredLength: declared, isEncoded: isEncoded)
            lock.withLock { self.response = response }
        } catch {
            fail(error, cancelling: task)
        }
    }

    func received(_ data: Data, task: URLSessionTask) {
        guard let sink, !isFinished else { return }
        do {
            try sink.append(data)
        } catch {
            fail(error, cancelling: task)
        }
    }

    func completed(_ error: Error?) {
        if let error {
            resume(.failure(error))
            return
        }
        guard let response = lock.withLock({ self.response }) else {
            resume(.failure(URLError(.badServerResponse)))
            return
        }
        do {
            let body = try sink?.finish() ?? ResponseBytes()
            resume(.success((body, response)))
        } catch {
            resume(.failure(error))
        }
    }

    /// Ends the exchange with an error now: URLSession on Linux may never report a task cancelled
    /// from its own delegate queue, and keeps decoding, so the task is cancelled from elsewhere.
    func fail(_ error: Error, cancelling task: URLSessionTask) {
        resume(.failure(error))
        DispatchQueue.global().async { task.cancel() }
    }

    private var isFinished: Bool { lock.withLock { continuation == nil } }

    private func resume(_ result: Result<Outcome, Error>) {
        let waiting = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        guard let waiting else { return }
        unregister()
        waiting.resume(with: result)
    }
}

/// URLSession's delegate: hands each task's events to its `Transfer`, never follows a redirect
/// (`URLSessionHTTPClient` decides), and ends an exchange at a Basic or Digest challenge's 401.
private final class TransferDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var transfers: [Int: any TaskEvents] = [:]

    func register(_ transfer: any TaskEvents, for task: URLSessionTask) {
        let identifier = task.taskIdentifier
        transfer.unregister = { [weak self] in self?.forget(identifier) }
        lock.withLock { transfers[identifier] = transfer }
    }

    private func forget(_ identifier: Int) {
        lock.withLock { _ = transfers.removeValue(forKey: identifier) }
    }

    private func transfer(for task: URLSessionTask) -> (any TaskEvents)? {
        lock.withLock { transfers[task.taskIdentifier] }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if let response = response as? HTTPURLResponse {
            transfer(for: dataTask)?.received(response, task: dataTask)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        transfer(for: dataTask)?.received(data, task: dataTask)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        transfer(for: task)?.completed(error)
    }

    /// A 401 with a Basic or Digest challenge. Whatever the answer, URLSession on Linux sends the
    /// request again with an empty Basic credential, and again, until the deadline. So the 401 (its
    /// body already delivered: on Linux the challenge comes after it on this queue) is the response:
    /// the transfer ends with it and the task is cancelled, leaving the handler unanswered because
    /// any answer starts the retry. Other challenges (a server's certificate, on other platforms)
    /// get the default handling.
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        #if os(Linux)
        let method = challenge.protectionSpace.authenticationMethod
        if method == NSURLAuthenticationMethodHTTPBasic || method == NSURLAuthenticationMethodHTTPDigest, let transfer = transfer(for: task) {
            transfer.completed(nil)
            DispatchQueue.global().async { task.cancel() }
            return
        }
        #endif
        completionHandler(.performDefaultHandling, nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

extension URL {
    /// The port, or the scheme's default.
    public var effectivePort: Int { port ?? (scheme?.lowercased() == "https" ? 443 : 80) }

    /// `scheme://host:port`, the unit credentials are scoped to.
    public var origin: String { "\(scheme?.lowercased() ?? "")://\(host?.lowercased() ?? ""):\(effectivePort)" }
}
