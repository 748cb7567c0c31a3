import SpecterJSON

/// A Postman auth block (`{type, <type>: …}`) as the credentials Specter carries, or the reason it cannot.
///
/// v2.1 writes a type's settings as a list of `{key, value}`, v2.0 as an object; both are read.
enum PostmanAuth {
    enum Outcome: Equatable {
        /// `noauth`: no credentials, and none inherited either.
        case none
        case credentials(ForeignAuth)
        /// A type Specter does not have (`oauth2`, `hawk`, …), by name.
        case unsupported(String)
    }

    static func read(_ block: JSONValue) -> Outcome {
        let type = block["type"]?.stringValue ?? ""
        let settings = settings(block[type])
        switch type {
        case "noauth":
            return .none
        case "basic":
            return .credentials(.basic(user: settings["username"] ?? "", password: settings["password"] ?? ""))
        case "digest":
            return .credentials(.digest(user: settings["username"] ?? "", password: settings["password"] ?? ""))
        case "bearer":
            return .credentials(.bearer(token: settings["token"] ?? ""))
        case "apikey":
            return .credentials(.apiKey(name: settings["key"] ?? "", value: settings["value"] ?? "", inQuery: settings["in"] == "query"))
        default:
            return .unsupported(type.isEmpty ? "untyped" : type)
        }
    }

    private static func settings(_ value: JSONValue?) -> [String: String] {
        if let list = value?.arrayValue {
            return list.reduce(into: [:]) { settings, entry in
                if let key = entry["key"]?.stringValue, let text = entry["value"]?.scalarText { settings[key] = text }
            }
        }
        return (value?.objectValue?.members ?? []).reduce(into: [:]) { settings, member in
            if let text = member.value.scalarText { settings[member.key] = text }
        }
    }
}
