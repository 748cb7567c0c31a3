import Foundation

/// Runs blocking work (reading a pipe to its end, waiting for a process, installing the test venv) on
/// a thread of its own. Swift's cooperative pool has one thread per core (two here): a test that blocks
/// one of them stalls every async test beside it, and their waits time out.
public func offPool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// `offPool` for work that cannot fail.
public func offPool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
