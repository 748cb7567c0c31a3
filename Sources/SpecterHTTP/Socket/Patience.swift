/// How long a socket operation may wait for the other side, and how it learns it should stop:
/// every wait is cut into short steps (25 ms) that look at `stopped`, so cancelling (Esc, Ctrl-C, the total
/// deadline) ends an exchange within `step` even while the server sends nothing.
struct Patience: Sendable {
    /// The longest wait for a connection, for the next bytes, or for room to send.
    var idle: Duration
    /// Whether the exchange was cancelled or its deadline passed.
    var stopped: @Sendable () -> Bool
    /// Milliseconds between looks at `stopped`.
    static let step: Int32 = 25
}
