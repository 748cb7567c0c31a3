import CYAML
import SpecterJSON

/// libyaml's event parser behind a small Swift surface: one event at a time, errors typed.
///
/// The event API (not the document API) is used because it is the fastest way through
/// libyaml and it gives us the scalar style and marks needed for YAML 1.2 resolution
/// and error positions. Each event stays valid until the next call to `next()`.
final class YAMLEventStream {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let input: UnsafeMutableBufferPointer<UInt8>
    private(set) var event = yaml_event_t()
    private var holdsEvent = false

    init(bytes: [UInt8]) {
        input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        if holdsEvent { yaml_event_delete(&event) }
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// Reads the next event; throws the parser's own message with its position.
    func next() throws(YAMLError) -> yaml_event_type_t {
        if holdsEvent {
            yaml_event_delete(&event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
        holdsEvent = true
        return event.type
    }

    var startPosition: TextPosition { Self.position(event.start_mark) }

    static func position(_ mark: yaml_mark_t) -> TextPosition {
        TextPosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func parserError() -> YAMLError {
        var message = parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML"
        if let context = parser.pointee.context.map({ String(cString: $0) }) {
            message = "\(message) (\(context) at \(Self.position(parser.pointee.context_mark)))"
        }
        var error = YAMLError(message: message, position: Self.position(parser.pointee.problem_mark))
        error.isSyntaxError = true
        return error
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
