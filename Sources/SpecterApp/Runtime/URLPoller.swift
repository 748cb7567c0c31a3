import Foundation
import SpecterHTTP

/// Asks a description's URL now and then whether it changed: a conditional GET (`If-None-Match`,
/// `If-Modified-Since` when the server gave validators), then the body's hash. While the server
/// does not answer (a dev server restarting) the waits grow, up to `longestWait`.
struct URLPoller: Sendable {
    enum Signal: Sendable, Equatable {
        case changed
        case reachable
        case unreachable(reason: String, retryIn: Duration)
    }

    let url: URL
    let client: any HTTPClient
    let interval: Duration
    /// Nothing could be loaded from this URL yet: every answer, whatever its status, is a reason
    /// to try loading again (a bare server URL's root may well answer 404), less often each time.
    let untilLoaded: Bool

    static let longestWait: Duration = .seconds(10)

    private struct Baseline {
        var etag: String?
        var lastModified: String?
        var hash: Int?
    }

    /// Polls until the task is cancelled.
    func run(_ signal: @Sendable (Signal) -> Void) async {
        var baseline = Baseline()
        var failures = 0
        var attempts = 0
        while !Task.isCancelled {
            var wait = interval
            let outcome = await ask(baseline)
            if untilLoaded, outcome.isAnAnswer {
                // Any answer: the server is up, so loading is tried again (less often each time).
                if failures > 0 { signal(.reachable) }
                failures = 0
                attempts += 1
                wait = Self.backoff(after: attempts - 1, interval: interval)
                signal(.changed)
                try? await Task.sleep(for: wait)
                continue
            }
            switch outcome {
            case .success(let answer):
                if failures > 0 { signal(.reachable) }
                failures = 0
                if let answer {
                    let changed = baseline.hash.map { $0 != answer.hash } ?? false
                    baseline = answer
                    if changed { signal(.changed) }
                }
            case .answered(let status):
                failures += 1
                wait = Self.backoff(after: failures, interval: interval)
                signal(.unreachable(reason: "it answered HTTP \(status)", retryIn: wait))
            case .failure(let reason):
                failures += 1
                wait = Self.backoff(after: failures, interval: interval)
                signal(.unreachable(reason: reason, retryIn: wait))
            }
            try? await Task.sleep(for: wait)
        }
    }

    /// The wait after `failures` failures in a row: the interval doubled each time, at most `longestWait`.
    static func backoff(after failures: Int, interval: Duration) -> Duration {
        var wait = interval
        for _ in 0..<min(failures, 16) where wait < longestWait { wait = wait * 2 }
        return min(wait, longestWait)
    }

    private enum Outcome {
        /// The new validators and hash; nil when the server said nothing changed (304).
        case success(Baseline?)
        /// A status that is neither success nor 304.
        case answered(Int)
        case failure(String)

        var isAnAnswer: Bool {
            if case .failure = self { return false }
            return true
        }
    }

    private func ask(_ baseline: Baseline) async -> Outcome {
        var headers: HTTPHeaders = ["Accept": "application/json, application/yaml;q=0.9, */*;q=0.5"]
        if let etag = baseline.etag { headers.add("If-None-Match", etag) }
        if let lastModified = baseline.lastModified { headers.add("If-Modified-Since", lastModified) }
        let options = HTTPOptions(idleTimeout: .seconds(5), totalTimeout: .seconds(15), body: BodyLimits(maxBytes: 256 << 20, memoryBytes: 256 << 20))
        do {
            let response = try await client.send(HTTPRequest(method: "GET", url: url, headers: headers), options: options)
            if response.status == 304 { return .success(nil) }
            guard (200..<300).contains(response.status) else { return .answered(response.status) }
            var hasher = Hasher()
            hasher.combine(response.body.inMemory ?? [])
            return .success(Baseline(etag: response.headers["ETag"], lastModified: response.headers["Last-Modified"], hash: hasher.finalize()))
        } catch {
            return .failure(error.description)
        }
    }
}
