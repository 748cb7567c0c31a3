import SpecterJSON

/// The differences between two JSON values as people read them, one line each:
/// `$.name: "Rex" → "Rexy"`, `$.tags[1]: added "cat"`, `$.age: removed (was 3)`.
/// Arrays compare item by item; objects by key. At most `limit` lines, then a count of the rest.
struct JSONDiff {
    /// Places left out of the comparison.
    var ignored: Set<NormalizedPath> = []
    var limit = 30

    func lines(from old: JSONValue, to new: JSONValue) -> [String] {
        var lines: [String] = []
        var more = 0
        walk(old, new, at: NormalizedPath(), into: &lines, more: &more)
        if more > 0 { lines.append("… and \(more) more difference\(more == 1 ? "" : "s")") }
        return lines
    }

    private func walk(_ old: JSONValue, _ new: JSONValue, at location: NormalizedPath, into lines: inout [String], more: inout Int) {
        guard !ignored.contains(location) else { return }
        func add(_ line: String) {
            if lines.count < limit { lines.append(line) } else { more += 1 }
        }
        switch (old, new) {
        case (.object(let before), .object(let after)):
            for member in before.members {
                let place = location.appending(.name(member.key))
                guard !ignored.contains(place) else { continue }
                if let value = after[member.key] {
                    walk(member.value, value, at: place, into: &lines, more: &more)
                } else {
                    add("\(place.dotted): removed (was \(member.value.shownAsIs))")
                }
            }
            for member in after.members where before[member.key] == nil {
                let place = location.appending(.name(member.key))
                if !ignored.contains(place) { add("\(place.dotted): added \(member.value.shownAsIs)") }
            }
        case (.array(let before), .array(let after)):
            for index in 0..<max(before.count, after.count) {
                let place = location.appending(.index(index))
                guard !ignored.contains(place) else { continue }
                if index >= after.count {
                    add("\(place.dotted): removed (was \(before[index].shownAsIs))")
                } else if index >= before.count {
                    add("\(place.dotted): added \(after[index].shownAsIs)")
                } else {
                    walk(before[index], after[index], at: place, into: &lines, more: &more)
                }
            }
        default:
            if old != new { add("\(location.dotted): \(old.shownAsIs) → \(new.shownAsIs)") }
        }
    }
}

