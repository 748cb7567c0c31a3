/// A server an API is reachable at; the URL may hold `{variables}`.
public struct APIServer: Sendable, Equatable {
    public var url: String
    public var description: String?
    /// A short name to pick the server by (3.2), such as `production`.
    public var name: String?
    public var variables: [ServerVariable]

    public init(url: String, description: String? = nil, name: String? = nil, variables: [ServerVariable] = []) {
        self.url = url
        self.description = description
        self.name = name
        self.variables = variables
    }

    /// The URL with each variable replaced by the given value or its default.
    public func resolvedURL(values: [String: String] = [:]) -> String {
        var filled: [String: String] = [:]
        for variable in variables { filled[variable.name] = values[variable.name] ?? variable.defaultValue }
        return TemplateFill.fill(url, with: filled)
    }
}

public struct ServerVariable: Sendable, Equatable {
    public var name: String
    public var defaultValue: String
    public var enumValues: [String]
    public var description: String?
}
