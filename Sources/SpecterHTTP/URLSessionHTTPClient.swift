import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `HTTPClient` over URLSession (libcurl on Linux).
///
/// Redirects are followed here, not by URLSession, because URLSession on Linux copies every
/// header to the redirect target: credentials must not follow a redirect to another origin.
/// Cookies and caching are off, so every request is exactly what the user built.
public final class URLSessionHTTPClient: HTTPClient {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusingDelegate(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> HTTPResponse {
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .unsupportedURL(request.url.absoluteString)
        }
        let start = ContinuousClock.now
        let control = ExchangeControl()
        // URLSession on Linux does not enforce a total deadline: a timer cancels the exchange when it passes.
        let deadline = DispatchWorkItem { control.expire() }
        DispatchQueue.global().asyncAfter(deadline: .now() + options.totalTimeout.timeInterval, execute: deadline)
        defer { deadline.cancel() }
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
            let exchanged: (data: Data, response: HTTPURLResponse)
            do {
                exchanged = try await exchange(request, idleTimeout: options.idleTimeout, control: control)
            } catch {
                return .failure(Task.isCancelled || control.hasExpired ? .cancelled : TransportError.from(error, url: request.url, timeout: options.idleTimeout))
            }
            let status = exchanged.response.statusCode
            let headers = Self.headers(of: exchanged.response)
            if options.followRedirects, [301, 302, 303, 307, 308].contains(status), let location = headers["Location"],
               let target = URL(string: location, relativeTo: request.url)?.absoluteURL {
                guard hops.count < options.maxRedirects else {
                    return .failure(.tooManyRedirects(limit: options.maxRedirects, lastURL: target.absoluteString))
                }
                if request.url.scheme?.lowercased() == "https", target.scheme?.lowercased() == "http", !options.allowInsecureRedirects {
                    return .failure(.insecureRedirect(from: request.url.absoluteString, to: target.absoluteString))
                }
                let next = RedirectPolicy.nextRequest(after: request, status: status, target: target)
                hops.append(RedirectHop(status: status, from: request.url, to: target, strippedHeaders: next.stripped))
                request = next.request
                continue
            }
            return .success(HTTPResponse(
                status: status, headers: headers, body: Array(exchanged.data), url: request.url, redirects: hops,
                duration: ContinuousClock.now - start))
        }
    }

    /// One request/response over URLSession, cancellable from Swift concurrency.
    private func exchange(_ request: HTTPRequest, idleTimeout: Duration, control: ExchangeControl) async throws -> (data: Data, response: HTTPURLResponse) {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = idleTimeout.timeInterval
        urlRequest.httpShouldHandleCookies = false
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        // URLSession on Linux fails a GET that carries a body; a GET body has no defined meaning anyway.
        if let body = request.body, request.method != "GET" { urlRequest.httpBody = Data(body) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                control.start(task)
            }
        } onCancel: {
            control.cancel()
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

/// The URLSession task an exchange is running, so a cancellation or the deadline can stop it
/// from another thread, whichever comes first, and even before the task has started.
private final class ExchangeControl: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var stopped = false
    private var expired = false

    /// Resumes `task`, or cancels it at once if the exchange was already stopped.
    func start(_ task: URLSessionTask) {
        let alreadyStopped = lock.withLock {
            self.task = task
            return stopped
        }
        alreadyStopped ? task.cancel() : task.resume()
    }

    func cancel() {
        let running = lock.withLock {
            stopped = true
            return task
        }
        running?.cancel()
    }

    /// The total deadline passed.
    func expire() {
        lock.withLock { expired = true }
        cancel()
    }

    var hasExpired: Bool { lock.withLock { expired } }
}

/// Tells URLSession never to follow a redirect, so `URLSessionHTTPClient` decides.
private final class RedirectRefusingDelegate: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
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
