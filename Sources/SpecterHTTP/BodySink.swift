import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How much of a response body Specter takes, and where it keeps it.
public struct BodyLimits: Sendable, Equatable {
    /// Most bytes a body may have after content decoding; a larger one fails the request.
    public var maxBytes: Int
    /// Bodies up to this size stay in memory; larger ones go to a file.
    public var memoryBytes: Int
    /// Most a compressed body may grow when decoded, as a multiple of its size on the wire, once it
    /// is past `expansionFloor` (so small, well-compressed bodies are never refused).
    public var maxExpansion: Int
    public var expansionFloor: Int
    /// Where the body's file goes: the user's folder for `call -o` (so the file can be renamed into
    /// place), otherwise the temporary folder.
    public var directory: URL?

    public static let defaultMaxBytes = 1 << 30

    public init(maxBytes: Int = BodyLimits.defaultMaxBytes, memoryBytes: Int = 16 << 20, maxExpansion: Int = 50, expansionFloor: Int = 64 << 20,
                directory: URL? = nil) {
        self.maxBytes = maxBytes
        self.memoryBytes = memoryBytes
        self.maxExpansion = maxExpansion
        self.expansionFloor = expansionFloor
        self.directory = directory
    }
}

/// Why a body was refused part-way.
enum BodyLimitError: Error, Sendable {
    case tooLarge(limit: Int)
    case expands(ratio: Int, wireBytes: Int)
    case cannotWrite(path: String, reason: String)
}

/// Takes a body's bytes as they arrive: in memory up to the limit, then in a file created with
/// mode 0600 (what was held so far moves there first). Limits are checked on every chunk.
/// Used from one thread at a time (URLSession's delegate queue, or the thread of an exchange
/// Specter drives itself).
///
/// URLSession on Linux has no flow control: it queues every chunk for its delegate however far
/// behind the delegate is. So chunks bound for the file are gathered and written a megabyte at a
/// time, which keeps the delegate ahead of the network and the queue short. Specter's own transport
/// reads the socket only after `append` returns, so nothing queues there.
final class BodySink {
    private let limits: BodyLimits
    private let isEncoded: Bool
    /// The encoded length the server declared, when the body is content-encoded.
    private let encodedLength: Int?
    /// The body while it is small; once it has a file, what has not been written to it yet.
    private var memory: [UInt8] = []
    private var file: BodyFile?
    private(set) var count = 0
    private static let writeBatch = 1 << 20

    init(limits: BodyLimits, declaredLength: Int?, isEncoded: Bool) throws(BodyLimitError) {
        self.limits = limits
        self.isEncoded = isEncoded
        encodedLength = isEncoded ? declaredLength : nil
        if let declaredLength, !isEncoded, declaredLength > limits.maxBytes { throw .tooLarge(limit: limits.maxBytes) }
    }

    func append(_ data: Data) throws(BodyLimitError) {
        let result: Result<Void, BodyLimitError> = data.withUnsafeBytes { buffer in
            do throws(BodyLimitError) {
                try append(buffer)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Takes decoded bytes. `wireBytes` is how much of the encoded body has been read so far, when
    /// the transport knows it: a compressed body's expansion is measured against that, so a bomb
    /// stops as soon as its output outgrows what arrived (otherwise against the declared length).
    func append(_ bytes: UnsafeRawBufferPointer, wireBytes: Int? = nil) throws(BodyLimitError) {
        count += bytes.count
        if count > limits.maxBytes { throw .tooLarge(limit: limits.maxBytes) }
        if isEncoded, let wire = wireBytes ?? encodedLength, count > limits.expansionFloor, count > wire * limits.maxExpansion {
            throw .expands(ratio: limits.maxExpansion, wireBytes: encodedLength ?? wire)
        }
        memory.append(contentsOf: bytes)
        if let file = try fileOnceTooLarge(), memory.count >= Self.writeBatch {
            try write(memory, to: file)
            memory.removeAll(keepingCapacity: true)
        }
    }

    /// The body, once every byte has arrived.
    func finish() throws(BodyLimitError) -> ResponseBytes {
        guard let file else { return ResponseBytes(memory) }
        try write(memory, to: file)
        memory = []
        if limits.directory != nil, fsync(file.descriptor) != 0 { throw .cannotWrite(path: file.url?.path ?? "", reason: String(cString: strerror(errno))) }
        return ResponseBytes(file: file, count: count)
    }

    /// The body's file once the body is past the memory limit.
    private func fileOnceTooLarge() throws(BodyLimitError) -> BodyFile? {
        if let file { return file }
        guard count > limits.memoryBytes else { return nil }
        let created = try Self.createFile(in: limits.directory)
        file = created
        return created
    }

    /// A new file, mode 0600. In the temporary folder it is unlinked at once (only its descriptor
    /// reaches it); in the user's folder it keeps a hidden name until it is renamed into place.
    private static func createFile(in directory: URL?) throws(BodyLimitError) -> BodyFile {
        let folder = directory ?? FileManager.default.temporaryDirectory
        var template = Array(folder.appendingPathComponent(".specter-body-XXXXXX").path.utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard opened >= 0 else { throw .cannotWrite(path: folder.path, reason: String(cString: strerror(errno))) }
        fchmod(opened, 0o600)
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if directory == nil {
            unlink(path)
            return BodyFile(descriptor: opened, path: nil, removesPath: false)
        }
        return BodyFile(descriptor: opened, path: path, removesPath: true)
    }

    private func write(_ bytes: some ContiguousBytes, to file: BodyFile) throws(BodyLimitError) {
        let descriptor = file.descriptor
        let failure: String? = bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                guard let base = buffer.baseAddress else { return nil }
                let result = Glibc.write(descriptor, base + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                written += result
            }
            return nil
        }
        if let failure { throw .cannotWrite(path: file.url?.path ?? "the temporary folder", reason: failure) }
    }
}
