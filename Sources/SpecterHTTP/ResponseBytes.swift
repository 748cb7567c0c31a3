import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A response body as it arrived: in memory when it is small, otherwise in a file, so a 500 MB
/// body never has to fit in memory. A temporary file is created with mode 0600 and removed when
/// the last copy of the value goes away; a file the user asked for (`call -o`) stays.
public struct ResponseBytes: Sendable, Equatable {
    private enum Storage: Sendable, Equatable {
        case memory([UInt8])
        case file(BodyFile)
    }

    private let storage: Storage
    /// How many bytes there are (after content decoding).
    public let count: Int

    public init(_ bytes: [UInt8] = []) {
        storage = .memory(bytes)
        count = bytes.count
    }

    init(file: BodyFile, count: Int) {
        storage = .file(file)
        self.count = count
    }

    public var isEmpty: Bool { count == 0 }

    /// The bytes, when they are held in memory.
    public var inMemory: [UInt8]? {
        if case .memory(let bytes) = storage { return bytes }
        return nil
    }

    /// The file holding the bytes, when they were written to a named one (`call -o`).
    public var file: URL? {
        if case .file(let file) = storage { return file.url }
        return nil
    }

    /// Every byte, read from the file if need be, when there are at most `limit`; otherwise `nil`.
    public func load(upTo limit: Int) -> [UInt8]? {
        guard count <= limit else { return nil }
        switch storage {
        case .memory(let bytes): return bytes
        case .file(let file): return file.read(at: 0, count: count)
        }
    }

    /// Puts the body at `destination`, replacing what is there: a body already in a file of the same
    /// folder is renamed into place, so a failed transfer never leaves a half-written destination.
    public func keep(at destination: URL) throws {
        switch storage {
        case .memory(let bytes): try Data(bytes).write(to: destination, options: .atomic)
        case .file(let file): try file.move(to: destination)
        }
    }

    /// Writes the body to a file that must not exist yet (it is created exclusively, so nothing the
    /// user has is ever overwritten), a megabyte at a time.
    public func write(toNewFile destination: URL) throws {
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.fileError() }
        defer { close(descriptor) }
        var offset = 0
        repeat {
            let chunk = read(at: offset, count: 1 << 20)
            var written = 0
            while written < chunk.count {
                let result = chunk.withUnsafeBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return Glibc.write(descriptor, base + written, chunk.count - written)
                }
                if result < 0, errno == EINTR { continue }
                guard result > 0 else { throw Self.fileError() }
                written += result
            }
            offset += chunk.count
            if chunk.isEmpty { break }
        } while offset < count
    }

    private static func fileError() -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }

    /// Up to `length` bytes from `offset` (fewer at the end).
    public func read(at offset: Int, count length: Int) -> [UInt8] {
        let start = min(max(0, offset), count)
        let end = min(count, start + max(0, length))
        switch storage {
        case .memory(let bytes): return Array(bytes[start..<end])
        case .file(let file): return file.read(at: start, count: end - start)
        }
    }
}

/// A body's file, read through its open descriptor. A spilled body's file is unlinked as soon as
/// it is created, so nothing is left behind however the process ends; a file being written for
/// `call -o` keeps its name until it is renamed into place (or removed, if it never is).
final class BodyFile: @unchecked Sendable, Equatable {
    let descriptor: Int32
    private let lock = NSLock()
    private var path: String?
    private var removesPath: Bool

    init(descriptor: Int32, path: String?, removesPath: Bool) {
        self.descriptor = descriptor
        self.path = path
        self.removesPath = removesPath
    }

    deinit {
        close(descriptor)
        if removesPath, let path { unlink(path) }
    }

    var url: URL? { lock.withLock { path.map { URL(fileURLWithPath: $0) } } }

    static func == (lhs: BodyFile, rhs: BodyFile) -> Bool { lhs === rhs }

    /// Gives the file its final name; it is no longer removed when the body goes.
    func move(to destination: URL) throws {
        try lock.withLock {
            guard let path else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "the body's file has no name to move"]) }
            if rename(path, destination.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
            self.path = destination.path
            removesPath = false
        }
    }

    /// Reads with `pread`, so readers on several threads never share a file position.
    func read(at offset: Int, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return pread(descriptor, base + filled, count - filled, off_t(offset + filled))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            filled += got
        }
        return filled == count ? bytes : Array(bytes.prefix(filled))
    }
}

extension ResponseBytes: ExpressibleByArrayLiteral {
    public init(arrayLiteral bytes: UInt8...) {
        self.init(bytes)
    }
}
