import Foundation
import SpecterSpec

/// The parsers and engines the fuzzer drives, each a function from bytes to a checked outcome.
///
/// A target traps (through `FuzzCheck.require`) when a property it checks fails, so libFuzzer records
/// the input; the same functions replay the saved crash corpus in the test suite, without libFuzzer.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case json
    case yaml
    case references
    case validator
    case examples
    case form
    case input
    case collection
    case jsonpath
    case interchange

    /// Runs one input. Every target is bounded: inputs are capped and evaluations have budgets.
    public func run(_ data: [UInt8]) {
        switch self {
        case .json: JSONFuzz.run(data)
        case .yaml: YAMLFuzz.run(data)
        case .references: ReferencesFuzz.run(data)
        case .validator: ValidatorFuzz.run(data)
        case .examples: ExamplesFuzz.run(data)
        case .form: FormFuzz.run(data)
        case .input: InputFuzz.run(data)
        case .collection: CollectionFuzz.run(data)
        case .jsonpath: JSONPathFuzz.run(data)
        case .interchange: InterchangeFuzz.run(data)
        }
    }
}

/// A property that must hold; when it does not, the process stops so the fuzzer keeps the input.
public enum FuzzCheck {
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        guard !condition() else { return }
        FileHandle.standardError.write(Data("fuzz property failed: \(message())\n".utf8))
        abort()
    }
}

/// Bytes read as a sequence of small decisions (which field, which edit, how long a text).
struct FuzzBytes {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isEmpty: Bool { position >= bytes.count }

    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func number(below limit: Int) -> Int {
        limit <= 1 ? 0 : Int(byte()) % limit
    }

    /// Up to `maximum` bytes as text (invalid UTF-8 repaired).
    mutating func text(maximum: Int = 16) -> String {
        let length = number(below: maximum + 1)
        let end = min(bytes.count, position + length)
        defer { position = end }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    /// What is left.
    mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return Array(bytes[min(position, bytes.count)...])
    }
}

/// One loader for every input: its HTTP client (never used for local files) is made once.
let loader = SpecLoader()

/// Runs an async loader from the synchronous fuzz callback (`nil` only if it never finished).
func blocking<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value? {
    let box = ResultBox<Value>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.value = await work()
        done.signal()
    }
    done.wait()
    return box.value
}

private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}
