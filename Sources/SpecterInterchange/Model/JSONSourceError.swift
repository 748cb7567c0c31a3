import SpecterJSON

/// Why a JSON file another tool wrote (a Postman collection, environment or globals file, a HAR
/// log) could not be read; the place names the file and, for text that is not JSON, the line and column.
public struct JSONSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var position: TextPosition?
    public var message: String

    public init(file: String, position: TextPosition? = nil, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String { position.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
