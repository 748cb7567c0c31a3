import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// The F2 picker: which server requests go to (one of the description's, or any URL), the server's
/// variables, and the credential for each security scheme.
struct OptionsPicker: Sendable {
    enum Row: Sendable, Equatable {
        case environment(Int)
        case server(Int)
        case customURL
        case variable(String)
        case credential(String)
    }

    let environments: [ExplorerEnvironment]
    let servers: [APIServer]
    let schemes: [SecurityScheme]
    private(set) var rows: [Row] = []
    var list = ListState()
    var customURL = TextInput()
    var variableInputs: [String: TextInput] = [:]
    private(set) var isClosed = false

    init(document: APIDocument, settings: Settings, operation: APIOperation?, environments: [ExplorerEnvironment]) {
        self.environments = environments
        servers = operation.map { $0.servers.isEmpty ? document.servers : $0.servers } ?? document.servers
        schemes = document.securitySchemes
        if case .url(let url, _) = settings.server { customURL = TextInput(url) }
        rows = environments.indices.map(Row.environment) + servers.indices.map(Row.server) + [.customURL]
        for variable in servers.first?.variables ?? [] {
            rows.append(.variable(variable.name))
            variableInputs[variable.name] = TextInput(settings.variables[variable.name] ?? variable.defaultValue)
        }
        rows += schemes.map { .credential($0.name) }
    }

    var selectedRow: Row? { rows.indices.contains(list.selection) ? rows[list.selection] : nil }

    /// Keys for the selected row; Esc closes. Choices take effect at once.
    mutating func handle(_ event: InputEvent, settings: inout Settings, document: APIDocument) -> [Effect] {
        if case .paste(let text) = event {
            switch selectedRow {
            case .customURL?: customURL.insert(text)
            case .credential(let scheme)?:
                var input = settings.credentials[scheme] ?? TextInput()
                input.insert(text)
                settings.credentials[scheme] = input
            default: break
            }
            return []
        }
        guard case .key(let key) = event else { return [] }
        switch key {
        case .escape:
            isClosed = true
            return []
        case .up, .down, .tab, .backTab:
            let step = key == .up || key == .backTab ? -1 : 1
            list.selection = (list.selection + step + rows.count) % max(1, rows.count)
            return []
        default:
            break
        }
        switch selectedRow {
        case .environment(let index)?:
            if key == .enter || key == .character(" ") {
                settings.apply(environments[index])
                if case .url(let url, _) = settings.server { customURL = TextInput(url) }
                isClosed = key == .enter
            }
        case .server(let index)?:
            if key == .enter || key == .character(" ") {
                settings.server = .described(index: index, variables: [:])
                settings.environment = nil
                isClosed = key == .enter
            }
        case .customURL?:
            if key == .enter {
                guard !customURL.text.isEmpty else { return [] }
                settings.server = .url(customURL.text)
                settings.environment = nil
                isClosed = true
            } else {
                _ = customURL.handle(key)
            }
        case .variable(let name)?:
            let choices = servers.first?.variables.first { $0.name == name }?.enumValues ?? []
            if !choices.isEmpty, key == .left || key == .right || key == .character(" ") {
                let position = choices.firstIndex(of: settings.variables[name] ?? "") ?? -1
                let next = choices[(position + (key == .left ? -1 : 1) + choices.count) % choices.count]
                settings.variables[name] = next
                variableInputs[name] = TextInput(next)
            } else if choices.isEmpty {
                var input = variableInputs[name] ?? TextInput()
                _ = input.handle(key)
                variableInputs[name] = input
                settings.variables[name] = input.text
            }
        case .credential(let scheme)?:
            if key == .enter {
                list.selection = min(rows.count - 1, list.selection + 1)
                return []
            }
            var input = settings.credentials[scheme] ?? TextInput()
            _ = input.handle(key)
            settings.credentials[scheme] = input
        case nil:
            break
        }
        return []
    }
}
