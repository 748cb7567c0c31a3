/// How a collection's requests name their operations, so a request added to it reads like the rest.
extension Collection {
    /// Whether every request that names an operation does so by method and path (`GET /pets/{pet_id}`),
    /// as hand-written collections often do. Otherwise requests name it by operationId, which outlives
    /// a renamed path.
    public var namesOperationsByRoute: Bool {
        var routes = 0
        for item in items {
            switch item.request.draft.operation {
            case .id: return false
            case .route: routes += 1
            case .unlisted: continue
            }
        }
        return routes > 0
    }

    /// `reference` spelled as this collection's requests spell theirs.
    public func spelling(_ reference: OperationReference, in service: DescriptionService) -> OperationReference {
        guard namesOperationsByRoute, case .id = reference, let operation = service.operation(reference) else { return reference }
        return .route(method: operation.method, path: operation.path)
    }
}
