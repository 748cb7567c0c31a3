import Foundation

/// Sends a plain `http://` request over Specter's own HTTP/1.1 connection, blocking the calling
/// thread until the body is in its sink. `URLSessionHTTPClient` runs it on a thread of its own for
/// every exchange it does not hand to URLSession (https, or a proxy).
///
/// A connection from the pool may have been closed by the server while it was idle; if it fails
/// before a single byte of the response arrived, the server never answered the request, so it is
/// sent once more on a fresh connection, whatever the method.
struct SocketTransport {
    var pool: ConnectionPool = .shared

    func exchange(_ request: HTTPRequest, options: HTTPOptions, stopped: @escaping @Sendable () -> Bool) throws -> (ResponseHead, ResponseBytes) {
        guard let host = request.url.host, !host.isEmpty else { throw SocketFailure.malformed("the URL has no host") }
        let port = request.url.effectivePort
        let patience = Patience(idle: options.idleTimeout, stopped: stopped)
        let exchange = HTTP1Exchange(request: request, limits: options.body)
        if let pooled = pool.take("\(host.lowercased()):\(port)") {
            pooled.begin(patience, reused: true)
            do {
                return try attempt(exchange, on: pooled)
            } catch SocketFailure.closed where pooled.received == 0 {
                // The server closed the idle connection: nothing of this request was answered.
            }
        }
        let fresh = try HTTPConnection.connect(host: host, port: port, patience: patience)
        fresh.begin(patience, reused: false)
        return try attempt(exchange, on: fresh)
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
