/// What the collection an import goes into already has, which the import must not collide with.
public struct ImportTarget: Sendable {
    /// Its variables' names (a secret's new name never takes one).
    public var variables: Set<String>
    /// Its server: requests that call it need no server of their own.
    public var server: String?
    /// The user's secrets file as it is: a secret's name never takes one holding another value.
    public var storedSecrets: [String: String]
    /// Its requests name their operations by method and path (`Collection.namesOperationsByRoute`):
    /// imported ones do too, reading like them.
    public var namesOperationsByRoute: Bool

    public init(variables: Set<String> = [], server: String? = nil, storedSecrets: [String: String] = [:], namesOperationsByRoute: Bool = false) {
        self.variables = variables
        self.server = server
        self.storedSecrets = storedSecrets
        self.namesOperationsByRoute = namesOperationsByRoute
    }
}

/// How an import reaches the files bodies name (`-d @body.json`, `< ./body.json`, a multipart
/// `file,photo.png;`): each as its source's tool would find it (curl from the working directory, an
/// `.http` or Hurl file from its own folder), and where a saved request refers to it from (the
/// collection's folder, where replay and `call` look).
public struct ImportedFiles: Sendable {
    /// A file's text (`nil` when it cannot be read or is not text).
    public var text: @Sendable (_ path: String, _ source: SourcePlace) -> String?
    /// The path a saved request names the file by.
    public var stored: @Sendable (_ path: String, _ source: SourcePlace) -> String

    public init(text: @escaping @Sendable (_ path: String, _ source: SourcePlace) -> String? = { _, _ in nil },
                stored: @escaping @Sendable (_ path: String, _ source: SourcePlace) -> String = { path, _ in path }) {
        self.text = text
        self.stored = stored
    }
}
