/// Choices an import makes the same way for every format that has them.
public struct ImportOptions: Sendable, Equatable {
    /// HAR: keep requests for images, scripts, styles, fonts and media (left out by default).
    public var includesAssets: Bool

    public init(includesAssets: Bool = false) {
        self.includesAssets = includesAssets
    }
}
