import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// The F2 picker: an environment, which server requests go to (one of the description's, with its
/// variables, or any URL), and the credential for each security scheme. Choices take effect at once.
struct OptionsPicker: Sendable {
    enum Row: Sendable, Equatable {
        case environment(Int)
        case server(Int)
        case customURL
        case variable(String)
        case credential(String)
    }

    let environments: [RequestEnvironment]
    let servers: [APIServer]
    let schemes: [SecurityScheme]
    private(set) var rows: [Row] = []
    var list = ListState()
    var customURL = TextInput()
    var variableInputs: [String: TextInput] = [:]
    private(set) var isClosed = false

    init(document: APIDocument, settings: Settings, operation: APIOperation?, environments: [RequestEnvironment]) {
        self.environments = environments
        servers = operation.map { $0.servers.isEmpty ? document.servers : $0.servers } ?? document.servers
        schemes = document.securitySchemes
        customURL = TextInput(settings.customURL)
        customURL.moveToEnd()
        rebuildRows(settings)
    }

    /// The rows, with the variables of the server in use (not always the first one's).
    private mutating func rebuildRows(_ settings: Settings) {
        let selected = rows.indices.contains(list.selection) ? rows[list.selection] : nil
        rows = environments.indices.map(Row.environment) + servers.indices.map(Row.server) + [.customURL]
        for variable in variables(settings) {
            rows.append(.variable(variable.name))
            variableInputs[variable.name] = TextInput(settings.variables[variable.name] ?? variable.defaultValue)
        }
        rows += schemes.map { .credential($0.name) }
        if let selected, let position = rows.firstIndex(of: selected) { list.selection = position }
    }

    /// The variables of the server in use.
    func variables(_ settings: Settings) -> [ServerVariable] {
        switch settings.server {
        case .described(let index, _): return servers.indices.contains(index) ? servers[index].variables : []
        case .url: return []
        }
    }

    var selectedRow: Row? { rows.indices.contains(list.selection) ? rows[list.selection] : nil }

    /// Whether the selected row takes text.
    var isTyping: Bool {
        switch selectedRow {
        case .customURL?, .credential?: return true
        case .variable(let name)?: return servers.flatMap(\.variables).first { $0.name == name }?.enumValues.isEmpty ?? true
        default: return false
        }
    }

    mutating func paste(_ text: String, settings: inout Settings) {
        switch selectedRow {
        case .customURL?:
            customURL.insert(text)
            settings.customURL = customURL.text
        case .credential(let scheme)?:
            var input = settings.credentials[scheme] ?? TextInput()
            input.insert(text)
            settings.credentials[scheme] = input
        default:
            break
        }
    }

    mutating func perform(_ action: Action, settings: inout Settings) {
        switch action {
        case .back:
            isClosed = true
            return
        case .up, .down:
            let step = action == .up ? -1 : 1
            list.selection = (list.selection + step + rows.count) % max(1, rows.count)
            return
        default:
            break
        }
        switch selectedRow {
        case .environment(let index)?:
            guard action == .open || action == .toggle else { return }
            settings.apply(environments[index])
            customURL = TextInput(settings.customURL)
            rebuildRows(settings)
            isClosed = action == .open
        case .server(let index)?:
            guard action == .open || action == .toggle else { return }
            settings.server = .described(index: index, variables: [:])
            for variable in servers[index].variables where settings.variables[variable.name] == nil { settings.variables[variable.name] = variable.defaultValue }
            settings.environment = nil
            rebuildRows(settings)
            isClosed = action == .open
        case .customURL?:
            if action == .open || action == .toggle {
                guard !customURL.text.isEmpty else { return }
                settings.server = .url(customURL.text)
                settings.environment = nil
                rebuildRows(settings)
                isClosed = action == .open
            } else if case .type(let key) = action {
                _ = customURL.handle(key)
                // What is typed stays, even when the picker closes before it is chosen.
                settings.customURL = customURL.text
            }
        case .variable(let name)?:
            let choices = variables(settings).first { $0.name == name }?.enumValues ?? []
            if !choices.isEmpty, action == .left || action == .right || action == .toggle {
                let position = choices.firstIndex(of: settings.variables[name] ?? "") ?? -1
                let next = choices[(position + (action == .left ? -1 : 1) + choices.count) % choices.count]
                settings.variables[name] = next
                variableInputs[name] = TextInput(next)
            } else if choices.isEmpty, case .type(let key) = action {
                var input = variableInputs[name] ?? TextInput()
                _ = input.handle(key)
                variableInputs[name] = input
                settings.variables[name] = input.text
            }
        case .credential(let scheme)?:
            if action == .open {
                list.selection = min(rows.count - 1, list.selection + 1)
            } else if case .type(let key) = action {
                var input = settings.credentials[scheme] ?? TextInput()
                _ = input.handle(key)
                settings.credentials[scheme] = input
            }
        case nil:
            break
        }
    }
}
