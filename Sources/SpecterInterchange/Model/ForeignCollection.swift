/// Everything one import read: requests in file order, shared variables, environments, and notes
/// that belong to no single request (an unreadable environment file, a pre-request script on a folder).
public struct ForeignCollection: Sendable, Equatable {
    public var requests: [ForeignRequest]
    /// Variables every request may use, in the order defined.
    public var variables: [ForeignVariable]
    public var environments: [ForeignEnvironment]
    public var notes: [ImportNote]

    public init(requests: [ForeignRequest] = [], variables: [ForeignVariable] = [], environments: [ForeignEnvironment] = [], notes: [ImportNote] = []) {
        self.requests = requests
        self.variables = variables
        self.environments = environments
        self.notes = notes
    }

    /// Every note, the requests' included, in file order.
    public var allNotes: [ImportNote] { notes + requests.flatMap(\.notes) }
}

public struct ForeignVariable: Sendable, Equatable {
    public var name: String
    public var value: String
    /// Its value must not be written down (a private env file's, a Postman `secret` variable's): it becomes `secret:NAME`.
    public var isSecret: Bool

    public init(name: String, value: String, isSecret: Bool = false) {
        self.name = name
        self.value = value
        self.isSecret = isSecret
    }
}

public struct ForeignEnvironment: Sendable, Equatable {
    public var name: String
    public var variables: [ForeignVariable]

    public init(name: String, variables: [ForeignVariable]) {
        self.name = name
        self.variables = variables
    }
}
