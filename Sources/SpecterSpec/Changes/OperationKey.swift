/// What makes an operation the same one in two versions of a description: its method and path
/// (and whether it is a webhook). Forms, history and selections follow an operation by this key
/// across reloads, where list positions shift.
public struct OperationKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var isWebhook: Bool

    public init(_ operation: APIOperation) {
        self.init(method: operation.method, path: operation.path, isWebhook: operation.isWebhook)
    }

    public init(method: String, path: String, isWebhook: Bool = false) {
        self.method = method
        self.path = path
        self.isWebhook = isWebhook
    }

    public var description: String { (isWebhook ? "webhook " : "") + method + " " + path }

    public static func < (lhs: OperationKey, rhs: OperationKey) -> Bool {
        (lhs.isWebhook ? 1 : 0, lhs.path, lhs.method) < (rhs.isWebhook ? 1 : 0, rhs.path, rhs.method)
    }
}
