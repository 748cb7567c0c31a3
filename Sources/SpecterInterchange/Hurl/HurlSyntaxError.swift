/// Why a `.hurl` file could not be read, with the place (file, line:column) so the user can go
/// straight to it. Everything a file says that Specter merely cannot carry is an `ImportNote`
/// instead: only text Hurl itself would refuse is an error.
public struct HurlSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, in Unicode scalars.
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
