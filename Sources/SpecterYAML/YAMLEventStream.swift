import CYAML
import SpecterJSON

/// libyaml's event parser behind a small Swift surface: one event at a time, errors typed.
///
/// The event API (not the document API) is used because it is the fastest way through
/// libyaml and it gives us the scalar style and marks needed for YAML 1.2 resolution
/// and error positions. Each event stays valid until the next call to `next()`.
/// The parser and event live behind pointers (not stored properties) so reading them in the
/// per-event hot path costs no exclusivity check.
final class YAMLEventStream {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let current = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)

    private let input: Pieces

    /// Reads the pieces in place: the stream must not outlive them (see `reading(_:_:)`).
    private init(pieces: [UnsafeBufferPointer<UInt8>]) {
        input = Pieces(pieces)
        current.initialize(to: yaml_event_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_input(parser, Pieces.read, Unmanaged.passUnretained(input).toOpaque())
    }

    deinit {
        yaml_event_delete(current)
        current.deallocate()
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// Runs `body` with a stream over `bytes`, without copying them.
    static func reading<Result>(_ bytes: [UInt8], _ body: (YAMLEventStream) throws(YAMLError) -> Result) throws(YAMLError) -> Result {
        let outcome: Swift.Result<Result, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(YAMLError) {
                return .success(try reading(pieces: [buffer], body))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Runs `body` with a stream over text given as consecutive pieces, read without joining them.
    static func reading<Result>(pieces: [UnsafeBufferPointer<UInt8>], _ body: (YAMLEventStream) throws(YAMLError) -> Result) throws(YAMLError) -> Result {
        try body(YAMLEventStream(pieces: pieces))
    }

    /// The event `next()` read last.
    var event: yaml_event_t { current.pointee }

    /// Reads the next event; throws the parser's own message with its position.
    func next() throws(YAMLError) -> yaml_event_type_t {
        yaml_event_delete(current)
        guard yaml_parser_parse(parser, current) == 1 else { throw parserError() }
        return current.pointee.type
    }

    var startPosition: TextPosition { Self.position(current.pointee.start_mark) }

    static func position(_ mark: yaml_mark_t) -> TextPosition {
        TextPosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func parserError() -> YAMLError {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.pointee.context.map({ String(cString: $0) }) {
            message = "\(message) (\(context) at \(Self.position(parser.pointee.context_mark)))"
        }
        if let hint = YAMLSyntaxHint.hint(for: problem) { message += " — " + hint }
        // A reader error (bytes that are not UTF-8) has no mark, only the offset of the byte.
        let position = parser.pointee.error == YAML_READER_ERROR
            ? input.position(ofByte: Int(parser.pointee.problem_offset))
            : Self.position(parser.pointee.problem_mark)
        var error = YAMLError(message: message, position: position)
        error.isSyntaxError = true
        return error
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}

/// The text libyaml reads, as consecutive byte ranges, fed through its read handler.
private final class Pieces {
    private let pieces: [UnsafeBufferPointer<UInt8>]
    private var index = 0
    private var offset = 0

    init(_ pieces: [UnsafeBufferPointer<UInt8>]) {
        self.pieces = pieces
    }

    /// The line and column of a byte offset into the pieces taken together.
    func position(ofByte offset: Int) -> TextPosition {
        var line = 1, column = 1, remaining = offset
        for piece in pieces {
            for byte in piece.prefix(remaining) {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            remaining -= min(remaining, piece.count)
            if remaining == 0 { break }
        }
        return TextPosition(line: line, column: column)
    }

    /// libyaml's `yaml_read_handler_t`: copies up to `size` bytes and reports how many (0 at the end).
    static let read: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?) -> Int32 = {
        context, buffer, size, sizeRead in
        guard let context, let buffer, let sizeRead else { return 0 }
        let input = Unmanaged<Pieces>.fromOpaque(context).takeUnretainedValue()
        var written = 0
        while written < size, input.index < input.pieces.count {
            let piece = input.pieces[input.index]
            let count = min(size - written, piece.count - input.offset)
            if count > 0, let base = piece.baseAddress {
                (buffer + written).update(from: base + input.offset, count: count)
                written += count
                input.offset += count
            }
            if input.offset == piece.count {
                input.index += 1
                input.offset = 0
            }
        }
        sizeRead.pointee = written
        return 1
    }
}
