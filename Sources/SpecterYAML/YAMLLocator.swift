import CYAML
import SpecterJSON

/// Finds where a JSON pointer's value is written in YAML text, for error messages.
///
/// Like `JSONLocator`, this re-reads the text only when an error needs a position.
public enum YAMLLocator {
    private struct Level {
        var isMapping: Bool
        var path: [String]
        var nextIndex = 0
        var pendingKey: String?
    }

    /// The position of the mapping key (or sequence item) the pointer names, or `nil`.
    public static func position(of pointer: JSONPointer, in bytes: [UInt8]) -> TextPosition? {
        if let position = walk(to: pointer, in: bytes) { return position }
        return YAMLCompatibilityRepair.repaired(bytes).flatMap { walk(to: pointer, in: $0) }
    }

    private static func walk(to pointer: JSONPointer, in bytes: [UInt8]) -> TextPosition? {
        (try? YAMLEventStream.reading(bytes) { stream in walk(to: pointer, in: stream) }) ?? nil
    }

    private static func walk(to pointer: JSONPointer, in stream: YAMLEventStream) -> TextPosition? {
        let target = pointer.tokens
        if target.isEmpty { return TextPosition(line: 1, column: 1) }
        var levels: [Level] = []
        while let type = try? stream.next(), type != YAML_STREAM_END_EVENT {
            switch type {
            case YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                var nodePath: [String]?
                if var parent = levels.popLast() {
                    if parent.isMapping {
                        if let key = parent.pendingKey {
                            nodePath = parent.path + [key]
                            parent.pendingKey = nil
                        } else if type == YAML_SCALAR_EVENT {
                            let data = stream.event.data.scalar
                            let key = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
                            parent.pendingKey = key
                            if parent.path + [key] == target { return stream.startPosition }
                        }
                    } else {
                        nodePath = parent.path + [String(parent.nextIndex)]
                        parent.nextIndex += 1
                        if nodePath == target { return stream.startPosition }
                    }
                    levels.append(parent)
                } else {
                    nodePath = []
                }
                if type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT {
                    levels.append(Level(isMapping: type == YAML_MAPPING_START_EVENT, path: nodePath ?? ["?"]))
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                levels.removeLast()
            case YAML_DOCUMENT_END_EVENT:
                return nil
            default:
                continue
            }
        }
        return nil
    }
}
