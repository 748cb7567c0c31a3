import SpecterJSON

/// One request saved in a collection: its draft, a name and a description for people, and what
/// replay uses (`captures`, `asserts`, `order`, and `ignore`: what a comparison with a recorded
/// response leaves out).
///
/// ```yaml
/// name: Create a pet
/// description: The happy path.
/// operation: create_pet_pets_post
/// body: {mediaType: application/json, json: {name: Rex, age: 3}}
/// captures: {pet_id: $.id}
/// asserts: [status == 201]
/// ```
///
/// The draft's fields sit at the top level beside these. Reading and writing keeps member order
/// and every field Specter does not know, so saving an unchanged request changes no byte.
public struct SavedRequest: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Where it goes among its folder's requests, when order matters (replay).
    public var order: Int?
    public var draft: RequestDraft
    public var captures: JSONValue?
    public var asserts: JSONValue?
    public var ignore: JSONValue?

    public init(name: String, description: String? = nil, order: Int? = nil, draft: RequestDraft, captures: JSONValue? = nil, asserts: JSONValue? = nil,
                ignore: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.order = order
        self.draft = draft
        self.captures = captures
        self.asserts = asserts
        self.ignore = ignore
    }

    /// The same saved request with new inputs, each written where the old one was in its file.
    public func updating(_ draft: RequestDraft) -> SavedRequest {
        var copy = self
        copy.draft = draft
        copy.draft.source = self.draft.source
        return copy
    }

    /// The keys this type reads; the draft reads the rest.
    static let ownKeys = ["name", "description", "order", "captures", "asserts", "ignore"]

    /// Every key a saved request's file may have that Specter acts on (others are kept, not read).
    public static let knownKeys = ownKeys + RequestDraft.keys

    public init(json: JSONValue) throws(DraftFormatError) {
        guard case .object(let object) = json else { throw DraftFormatError(at: "", "a saved request is a mapping") }
        guard let written = object["name"] else { throw DraftFormatError(at: "/name", "a saved request needs a name") }
        guard case .string(let name) = written, !name.isEmpty else { throw DraftFormatError(at: "/name", "name is text (quote it: name: '\(written.description)')") }
        self.name = name
        if let text = object["description"] {
            guard case .string(let description) = text else { throw DraftFormatError(at: "/description", "description is text") }
            self.description = description
        }
        if let number = object["order"] {
            guard case .int(let order) = number else { throw DraftFormatError(at: "/order", "order is a whole number") }
            self.order = order
        }
        captures = object["captures"]
        asserts = object["asserts"]
        ignore = object["ignore"]
        draft = try RequestDraft(json: json)
    }

    /// As the file holds it: the draft's fields where they were, these where they were (a new file:
    /// name and description first, captures and asserts last).
    public var json: JSONValue {
        guard case .object(var object) = draft.json else { return draft.json }
        let isNew = draft.source == nil
        if isNew {
            var ordered: JSONObject = ["name": .string(name)]
            if let description { ordered["description"] = .string(description) }
            if let order { ordered["order"] = .int(order) }
            for member in object.members where !Self.ownKeys.contains(member.key) { ordered[member.key] = member.value }
            object = ordered
        } else {
            object["name"] = .string(name)
            object["description"] = description.map(JSONValue.string)
            object["order"] = order.map(JSONValue.int)
            // A key the file did not have goes where a new file would have it: after the name.
            let added = ["description", "order"].filter { object[$0] != nil && draft.source?[$0] == nil }
            if !added.isEmpty {
                var ordered = JSONObject()
                for member in object.members where !added.contains(member.key) {
                    ordered[member.key] = member.value
                    if member.key == "name" { for key in added { ordered[key] = object[key] } }
                }
                object = ordered
            }
        }
        object["captures"] = captures
        object["asserts"] = asserts
        object["ignore"] = ignore
        return .object(object)
    }
}
