extension CompiledSchema {
    /// The schema of a property as this schema declares it in `properties`, or as a schema it
    /// combines does (`allOf`, `anyOf`, `oneOf`, a `$ref`): a `required` beside a `oneOf` often names
    /// properties only its alternatives declare, and whether one of them is read-only decides whether
    /// a request must send it. Breadth first, each schema once, at most 256 of them.
    func declaredProperty(_ name: String, in registry: SchemaRegistry) -> CompiledSchema? {
        var queue: [CompiledSchema] = [self]
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        var next = 0
        while next < queue.count, next < 256 {
            let schema = queue[next]
            next += 1
            for keyword in schema.keywords {
                switch keyword {
                case .properties(let group):
                    if let found = group.named[name] { return found }
                case .allOf(let schemas), .anyOf(let schemas, _), .oneOf(let schemas, _):
                    for combined in schemas where seen.insert(ObjectIdentifier(combined)).inserted { queue.append(combined) }
                case .reference(let link):
                    if case .success(let target) = link.target(in: registry), seen.insert(ObjectIdentifier(target)).inserted { queue.append(target) }
                default:
                    continue
                }
            }
        }
        return nil
    }
}
