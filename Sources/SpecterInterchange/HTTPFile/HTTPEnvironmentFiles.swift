import SpecterJSON

/// A file's text and the path it is named by in notes.
public struct HTTPSourceFile: Sendable, Equatable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// The environment files that may come with a `.http` file. Any may be missing.
public struct HTTPEnvironmentSources: Sendable, Equatable {
    /// JetBrains `http-client.env.json` (kulala and httpyac read it too).
    public var jetBrains: HTTPSourceFile?
    /// JetBrains `http-client.private.env.json`: its values become secret variables.
    public var jetBrainsPrivate: HTTPSourceFile?
    /// VS Code `settings.json`, whose `rest-client.environmentVariables` REST Client reads.
    public var vsCodeSettings: HTTPSourceFile?

    public init(jetBrains: HTTPSourceFile? = nil, jetBrainsPrivate: HTTPSourceFile? = nil, vsCodeSettings: HTTPSourceFile? = nil) {
        self.jetBrains = jetBrains
        self.jetBrainsPrivate = jetBrainsPrivate
        self.vsCodeSettings = vsCodeSettings
    }
}

/// Reads environment files into `ForeignEnvironment`s. Each file is an object of environments
/// (objects of variables) with an optional `$shared` one whose variables every environment has.
/// Precedence follows the tools: an environment's own variable over a shared one; and, JetBrains'
/// documentation says, a public value over a private one (noted when both are set). What is not a
/// variable (`Security.Auth`, `SSLConfiguration`, kulala's `$default_headers`) is noted.
struct HTTPEnvironmentReader {
    private(set) var notes: [ImportNote] = []

    /// One layer of variables per environment name, in file order.
    private typealias Layer = (shared: [ForeignVariable], environments: [(name: String, variables: [ForeignVariable])])

    mutating func environments(_ sources: HTTPEnvironmentSources) -> [ForeignEnvironment] {
        var result: [ForeignEnvironment] = []
        let publicLayer = sources.jetBrains.flatMap { layer(of: $0, rootKey: nil, isSecret: false) }
        let privateLayer = sources.jetBrainsPrivate.flatMap { layer(of: $0, rootKey: nil, isSecret: true) }
        if publicLayer != nil || privateLayer != nil {
            result += merged(publicLayer, privateLayer, privateFile: sources.jetBrainsPrivate?.path ?? "")
        }
        if let settings = sources.vsCodeSettings, let layer = layer(of: settings, rootKey: "rest-client.environmentVariables", isSecret: false) {
            result += layer.environments.map { ForeignEnvironment(name: $0.name, variables: overlay(layer.shared, with: resolvingShared($0.variables, layer.shared, settings.path))) }
        }
        return result
    }

    private mutating func merged(_ publicLayer: Layer?, _ privateLayer: Layer?, privateFile: String) -> [ForeignEnvironment] {
        let publicEnvironments = publicLayer?.environments ?? []
        let privateEnvironments = privateLayer?.environments ?? []
        var names = publicEnvironments.map(\.name)
        names += privateEnvironments.map(\.name).filter { !names.contains($0) }
        return names.map { name in
            let publicOwn = publicEnvironments.first { $0.name == name }?.variables ?? []
            let privateOwn = privateEnvironments.first { $0.name == name }?.variables ?? []
            let shared = overlay(privateLayer?.shared ?? [], with: publicLayer?.shared ?? [])
            for variable in privateOwn where publicOwn.contains(where: { $0.name == variable.name }) {
                notes.append(ImportNote(place: SourcePlace(file: privateFile), "‘\(variable.name)’ of the environment ‘\(name)’ is set in both files; JetBrains uses the public value"))
            }
            return ForeignEnvironment(name: name, variables: overlay(overlay(shared, with: privateOwn), with: publicOwn))
        }
    }

    /// `base` with `top`'s variables replacing those of the same name (in place) or added after.
    private func overlay(_ base: [ForeignVariable], with top: [ForeignVariable]) -> [ForeignVariable] {
        var result = base
        for variable in top {
            if let index = result.firstIndex(where: { $0.name == variable.name }) { result[index] = variable } else { result.append(variable) }
        }
        return result
    }

    /// REST Client's `{{$shared name}}` in an environment's values: the shared value itself.
    private mutating func resolvingShared(_ variables: [ForeignVariable], _ shared: [ForeignVariable], _ file: String) -> [ForeignVariable] {
        variables.map { variable in
            var variable = variable
            variable.value = HTTPDynamicVariables.replacePlaceholders(in: variable.value) { inner in
                guard inner.hasPrefix("$shared ") else { return nil }
                let name = inner.dropFirst("$shared ".count).trimmingHTTPWhitespace()
                guard let value = shared.first(where: { $0.name == name })?.value else {
                    notes.append(ImportNote(place: SourcePlace(file: file), "{{\(inner)}} in ‘\(variable.name)’ names no shared variable; kept as written"))
                    return nil
                }
                return value
            }
            return variable
        }
    }

    private mutating func layer(of source: HTTPSourceFile, rootKey: String?, isSecret: Bool) -> Layer? {
        // VS Code's settings.json may hold comments and trailing commas; they are blanked out in place, so places stay true.
        let bytes = Array((rootKey == nil ? source.text : HTTPJSONC.blankingComments(source.text)).utf8)
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            notes.append(ImportNote(place: SourcePlace(file: source.path, line: error.position.line), "not JSON: \(error.message) (column \(error.position.column)); its environments are not read"))
            return nil
        }
        var pointer = JSONPointer.root
        var top = root
        if let rootKey {
            guard let settings = root[rootKey] else {
                notes.append(ImportNote(place: SourcePlace(file: source.path), "there is no \(rootKey) in it"))
                return nil
            }
            top = settings
            pointer = pointer.appending(rootKey)
        }
        guard let object = top.objectValue else {
            notes.append(ImportNote(place: SourcePlace(file: source.path), "its environments are not an object of environments"))
            return nil
        }
        var layer: Layer = ([], [])
        let reader = VariableReader(file: source.path, bytes: bytes, isSecret: isSecret)
        for member in object where member.key != "$schema" {
            let place = pointer.appending(member.key)
            guard let variables = member.value.objectValue else {
                notes.append(reader.note(place, "‘\(member.key)’ is not an object of variables; left out"))
                continue
            }
            let read = reader.variables(variables, prefix: "", at: place)
            notes += read.notes
            if member.key == "$shared" { layer.shared = read.variables } else { layer.environments.append((member.key, read.variables)) }
        }
        return layer
    }
}

/// The variables of one environment object: text, numbers and booleans as text; nested objects as
/// dotted names (`deep.nested.var`, as kulala reads them).
private struct VariableReader {
    let file: String
    let bytes: [UInt8]
    let isSecret: Bool

    func variables(_ object: JSONObject, prefix: String, at pointer: JSONPointer) -> (variables: [ForeignVariable], notes: [ImportNote]) {
        var variables: [ForeignVariable] = []
        var notes: [ImportNote] = []
        for member in object {
            let place = pointer.appending(member.key)
            let name = prefix + member.key
            switch member.value {
            case .string(let text): variables.append(ForeignVariable(name: name, value: HTTPDynamicVariables.toSpecter(text).text, isSecret: isSecret))
            case .int, .double, .bool: variables.append(ForeignVariable(name: name, value: member.value.description, isSecret: isSecret))
            case .object(let nested) where !member.key.hasPrefix("$") && !["Security", "SSLConfiguration"].contains(member.key):
                let read = self.variables(nested, prefix: name + ".", at: place)
                variables += read.variables
                notes += read.notes
            case .object:
                notes.append(note(place, "‘\(name)’ (\(Self.meaning(of: member.key))) is not carried over"))
            case .null, .array:
                notes.append(note(place, "‘\(name)’ is \(member.value.arrayValue == nil ? "null" : "a list"), not a value a placeholder can take; left out"))
            }
        }
        return (variables, notes)
    }

    private static func meaning(of key: String) -> String {
        switch key {
        case "Security": return "auth configurations"
        case "SSLConfiguration": return "TLS settings"
        case "$default_headers": return "kulala's headers for every request"
        default: return "a setting of the tool"
        }
    }

    func note(_ pointer: JSONPointer, _ message: String) -> ImportNote {
        ImportNote(place: SourcePlace(file: file, line: JSONLocator.position(of: pointer, in: bytes)?.line), message)
    }
}
