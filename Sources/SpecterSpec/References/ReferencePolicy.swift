/// Whether references may leave a description's sandbox (see `ReferenceSandbox`): by default a
/// spec must not make Specter read `~/.ssh` or call an arbitrary host. `--allow-external-refs` lifts it.
public struct ReferencePolicy: Sendable, Equatable {
    public var allowExternal: Bool

    public init(allowExternal: Bool = false) {
        self.allowExternal = allowExternal
    }
}
