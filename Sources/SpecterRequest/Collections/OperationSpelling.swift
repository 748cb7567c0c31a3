/// How a collection's requests name their operations, so a request added to it reads like the rest.
extension Collection {
    /// Whether its requests name by method and path (`GET /pets/{pet_id}`) operations the description
    /// gives ids, as hand-written collections often do: then every one naming such an operation does.
    /// An operation without an id can only be named by its route, so such requests tell nothing;
    /// without any to go by, requests name operations by id, which outlives a renamed path.
    public func namesOperationsByRoute(in service: DescriptionService) -> Bool {
        var routes = 0
        for item in items {
            switch item.request.draft.operation {
            case .id: return false
            case .route where service.operation(item.request.draft.operation)?.operationID != nil: routes += 1
            case .route, .unlisted: continue
            }
        }
        return routes > 0
    }

    /// `reference` spelled as this collection's requests spell theirs.
    public func spelling(_ reference: OperationReference, in service: DescriptionService) -> OperationReference {
        guard case .id = reference, namesOperationsByRoute(in: service), let operation = service.operation(reference) else { return reference }
        return .route(method: operation.method, path: operation.path)
    }
}
