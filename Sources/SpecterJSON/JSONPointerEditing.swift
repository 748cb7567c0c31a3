/// Changing a value at a pointer: what keeps input aside when a description drops the field it was
/// typed in, and puts it back when the field returns.
extension JSONValue {
    /// Takes out the value at `pointer` (an object member, or an array element, later ones moving up);
    /// the value taken, or nil when there is none. The root cannot be taken out of itself.
    @discardableResult
    public mutating func remove(at pointer: JSONPointer) -> JSONValue? {
        let tokens = pointer.tokens
        guard let last = tokens.last else { return nil }
        return edit(Array(tokens.dropLast())) { container in
            switch container {
            case .object(var object):
                guard let removed = object[last] else { return nil }
                object[last] = nil
                container = .object(object)
                return removed
            case .array(var items):
                guard let index = JSONPointer.arrayIndex(last), index < items.count else { return nil }
                let removed = items.remove(at: index)
                container = .array(items)
                return removed
            default:
                return nil
            }
        } ?? nil
    }

    /// Puts `value` at `pointer`, making the objects on the way that are missing; an array element
    /// is replaced, or appended when the index is the array's length. False when the way is blocked
    /// (a scalar, an index past the end).
    @discardableResult
    public mutating func set(_ value: JSONValue, at pointer: JSONPointer) -> Bool {
        let tokens = pointer.tokens
        guard let last = tokens.last else {
            self = value
            return true
        }
        return edit(Array(tokens.dropLast()), creating: true) { container in
            switch container {
            case .object(var object):
                object[last] = value
                container = .object(object)
                return true
            case .array(var items):
                guard let index = JSONPointer.arrayIndex(last), index <= items.count else { return false }
                if index == items.count { items.append(value) } else { items[index] = value }
                container = .array(items)
                return true
            default:
                return false
            }
        } ?? false
    }

    /// Runs `change` on the value at `path`; nil when there is no such value (with `creating`,
    /// missing object members on the way are made as empty objects).
    private mutating func edit<Result>(_ path: [String], creating: Bool = false, _ change: (inout JSONValue) -> Result) -> Result? {
        guard let token = path.first else { return change(&self) }
        let rest = Array(path.dropFirst())
        switch self {
        case .object(var object):
            var child = object[token] ?? (creating ? .object(JSONObject()) : .null)
            guard object[token] != nil || creating else { return nil }
            let result = child.edit(rest, creating: creating, change)
            object[token] = child
            self = .object(object)
            return result
        case .array(var items):
            guard let index = JSONPointer.arrayIndex(token), index < items.count else { return nil }
            let result = items[index].edit(rest, creating: creating, change)
            self = .array(items)
            return result
        default:
            return nil
        }
    }
}
