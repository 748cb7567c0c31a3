import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Says when any of a description's files changes, through inotify. The folders are watched, not
/// the files: editors save by writing a new file and renaming it over the old one, which a watch
/// on the old file would miss. Changes close together (an editor's several writes) are reported once.
final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private let names: [Int32: Set<String>]
    private let lock = NSLock()
    private var stopped = false

    /// How long after a change more changes are waited for before reporting.
    static let settleTime: Int32 = 120

    /// Nil when inotify is not available or no folder can be watched (the caller polls instead).
    init?(files: [URL]) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        var names: [Int32: Set<String>] = [:]
        let events = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_ATTRIB)
        for (folder, files) in Dictionary(grouping: files.map(\.standardizedFileURL), by: { $0.deletingLastPathComponent().path }) {
            let watch = inotify_add_watch(descriptor, folder, events)
            if watch >= 0 { names[watch, default: []].formUnion(files.map(\.lastPathComponent)) }
        }
        guard !names.isEmpty else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.names = names
    }

    /// Watches on a thread of its own until `stop`, calling `changed` after each settled change.
    func start(_ changed: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            run(changed)
            close(descriptor)
        }
        thread.name = "specter-file-watcher"
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func run(_ changed: @Sendable () -> Void) {
        var pending = false
        while !isStopped {
            // Short waits, so stopping takes effect soon; a change waits for the files to settle.
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, pending ? Self.settleTime : 250)
            if ready > 0 {
                if readEvents() { pending = true }
            } else if ready == 0, pending {
                pending = false
                if !isStopped { changed() }
            }
        }
    }

    /// Reads the queued events; whether one was about a watched file.
    private func readEvents() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var relevant = false
        // Bounded: the queue is drained in at most 64 reads per wake-up.
        for _ in 0..<64 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            relevant = relevant || Self.events(in: buffer[0..<count]).contains { names[$0.watch]?.contains($0.name) ?? false }
        }
        return relevant
    }

    /// The watch and file name of each `struct inotify_event` in the bytes read.
    static func events(in bytes: ArraySlice<UInt8>) -> [(watch: Int32, name: String)] {
        var found: [(Int32, String)] = []
        var offset = bytes.startIndex
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= bytes.endIndex {
            let event = bytes[offset..<offset + header].withUnsafeBytes { $0.loadUnaligned(as: inotify_event.self) }
            let nameStart = offset + header
            let nameEnd = min(bytes.endIndex, nameStart + Int(event.len))
            let name = String(decoding: bytes[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
            found.append((event.wd, name))
            offset = nameEnd
        }
        return found
    }
}
