import SpecterRequest
import SpecterSpec

/// Finds the operation of a description that an imported request calls: the same method, and a
/// path template that fits its path once a server's path prefix (`/v1`, `/api/v3`) is taken off.
/// Of several that fit, the most literal wins.
struct OperationMatcher {
    private let operations: [(operation: APIOperation, template: PathTemplate)]
    /// The servers' path prefixes, longest first (`/api/v3`), without a trailing `/`.
    private let prefixes: [String]

    init(document: APIDocument) {
        operations = document.operations.filter { !$0.isWebhook }.map { ($0, PathTemplate($0.path)) }
        var prefixes: Set<String> = []
        for server in document.servers + document.operations.flatMap(\.servers) {
            let path = URLParts(server.resolvedURL()).path
            let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
            if !trimmed.isEmpty { prefixes.insert(trimmed) }
        }
        self.prefixes = prefixes.sorted { $0.count > $1.count }
    }

    struct Found {
        var operation: APIOperation
        /// Each path parameter's text, decoded.
        var pathValues: [String: String]
        /// The URL up to where the operation's path starts (`https://api.example.com/v1`, `{{baseUrl}}`).
        var base: String
    }

    /// What the request calls, or why it calls nothing the description lists.
    func match(method: String, url: URLParts) -> Result<Found, Miss> {
        var best: (found: Found, score: Int)?
        var otherMethods: [String] = []
        for prefix in [""] + prefixes {
            guard prefix.isEmpty || url.path == prefix || url.path.hasPrefix(prefix + "/") else { continue }
            var rest = url
            rest.path = String(url.path.dropFirst(prefix.count))
            if rest.path.isEmpty { rest.path = "/" }
            for candidate in operations {
                guard let fit = candidate.template.match(rest.segments) else { continue }
                guard candidate.operation.method == method.uppercased() else {
                    otherMethods.append(candidate.operation.method)
                    continue
                }
                // A server's prefix taken off counts as literal text matched.
                let score = fit.literalLength + prefix.count
                if best == nil || score > (best?.score ?? 0) {
                    best = (Found(operation: candidate.operation, pathValues: fit.values, base: url.origin + prefix), score)
                }
            }
        }
        if let best { return .success(best.found) }
        return .failure(otherMethods.isEmpty ? .noPath : .otherMethods(Array(Set(otherMethods)).sorted()))
    }

    /// Why a request matches no operation.
    enum Miss: Error, Equatable {
        case noPath
        /// The path is the description's, for these methods only.
        case otherMethods([String])
    }
}
