import Foundation

/// Sends a plain `http://` request over Specter's own HTTP/1.1 connection, blocking the calling
/// thread until the body is in its sink. `URLSessionHTTPClient` runs it for every exchange it does
/// not hand to URLSession (https, or a proxy): in place on an `ExchangeLane`, else on a thread of its own.
///
/// A connection from the pool may have been closed by the server while it was idle; if it fails
/// before a single byte of the response arrived, the server never answered the request, so it is
/// sent once more on a fresh connection, whatever the method. A repeatable request (GET, PUT …)
/// whose connection is cut before its response is complete is sent once more too.
struct SocketTransport {
    var pool: ConnectionPool = .shared

    func exchange(_ request: HTTPRequest, options: HTTPOptions, stopped: @escaping @Sendable () -> Bool) throws -> (ResponseHead, ResponseBytes) {
        guard let host = request.url.host, !host.isEmpty else { throw SocketFailure.malformed("the URL has no host") }
        let port = request.url.effectivePort
        let patience = Patience(idle: options.idleTimeout, stopped: stopped)
        let exchange = HTTP1Exchange(request: request, limits: options.body)
        let repeatable = Self.repeatableMethods.contains(request.method.uppercased())
        if let pooled = pool.take("\(host.lowercased()):\(port)") {
            pooled.begin(patience, reused: true)
            do {
                return try attempt(exchange, on: pooled)
            } catch SocketFailure.closed where pooled.received == 0 || repeatable {
                // The server closed the idle connection: nothing of this request was answered.
            }
        }
        do {
            return try attempt(exchange, on: connect(host, port, patience))
        } catch SocketFailure.closed where repeatable {
            // A connection cut before the response was complete: a request that changes nothing
            // when repeated is sent once more, as browsers do (seen rarely with Werkzeug under load).
            return try attempt(exchange, on: connect(host, port, patience))
        }
    }

    /// Sends the request, hands its head to `head` and then its body to `chunk` piece by piece as it
    /// arrives, until the body ends, the connection fails or `stopped` says so. Only a pooled
    /// connection that failed before answering is retried: a body already handed over cannot be.
    func stream(_ request: HTTPRequest, options: HTTPOptions, stopped: @escaping @Sendable () -> Bool,
                head: (ResponseHead) -> Void, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let host = request.url.host, !host.isEmpty else { throw SocketFailure.malformed("the URL has no host") }
        let port = request.url.effectivePort
        let patience = Patience(idle: options.idleTimeout, stopped: stopped)
        let exchange = HTTP1Exchange(request: request, limits: options.body)
        var opened: (connection: HTTPConnection, head: ResponseHead)?
        if let pooled = pool.take("\(host.lowercased()):\(port)") {
            pooled.begin(patience, reused: true)
            do {
                opened = (pooled, try exchange.head(on: pooled))
            } catch SocketFailure.closed where pooled.received == 0 {
                pooled.close()
            } catch {
                pooled.close()
                throw error
            }
        }
        if opened == nil {
            let fresh = try connect(host, port, patience)
            do {
                opened = (fresh, try exchange.head(on: fresh))
            } catch {
                fresh.close()
                throw error
            }
        }
        guard let (connection, answered) = opened else { return }
        head(answered)
        do {
            if try exchange.streamBody(after: answered, on: connection, deliver: chunk) { pool.put(connection) } else { connection.close() }
        } catch {
            connection.close()
            throw error
        }
    }

    /// Methods that may be sent again without changing anything more on the server.
    static let repeatableMethods: Set<String> = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]

    private func connect(_ host: String, _ port: Int, _ patience: Patience) throws -> HTTPConnection {
        let connection = try HTTPConnection.connect(host: host, port: port, patience: patience)
        connection.begin(patience, reused: false)
        return connection
    }

    private func attempt(_ exchange: HTTP1Exchange, on connection: HTTPConnection) throws -> (ResponseHead, ResponseBytes) {
        do {
            let outcome = try exchange.run(on: connection)
            if outcome.reusable { pool.put(connection) } else { connection.close() }
            return (outcome.head, outcome.body)
        } catch {
            connection.close()
            throw error
        }
    }
}
