import Testing
import SpecterSpec

/// OpenAPI 3.2 tag `parent`s make the endpoint list a tree.
@Suite struct TagTreeTests {
    @Test func aChildTagFollowsItsParentOneLevelDeeper() async throws {
        let index = EndpointIndex(try await loadFixture("openapi-3.2.yaml"))
        // Untagged operations follow in groups by path.
        let shown = Array(index.groups.prefix(3))
        #expect(index.groups.dropFirst(3).map(\.name) == ["/users", "/search", "/events"])
        // `external` has no operation of its own; it is shown because `partner`, below it, has one.
        #expect(shown.map(\.name) == ["account-updates", "external", "partner"])
        #expect(shown.map(\.title) == ["Account Updates", "External", "Partner"])
        #expect(shown.map(\.depth) == [0, 0, 1])
        #expect(shown.map(\.members.count) == [1, 0, 1])
        #expect(shown.map(\.operationCount) == [1, 1, 1])
    }

    @Test func parentsThatLoopOrAreMissingLeaveTagsAtTheTop() async throws {
        let document = try await loadInline("""
        openapi: 3.2.0
        info: {title: t, version: '1'}
        tags:
          - {name: a, parent: b}
          - {name: b, parent: a}
          - {name: c, parent: a}
          - {name: d, parent: nowhere}
          - {name: e, parent: e}
          - {name: f, parent: c}
        paths:
          /a: {get: {tags: [a], responses: {'200': {description: ok}}}}
          /b: {get: {tags: [b], responses: {'200': {description: ok}}}}
          /c: {get: {tags: [c], responses: {'200': {description: ok}}}}
          /d: {get: {tags: [d], responses: {'200': {description: ok}}}}
          /e: {get: {tags: [e], responses: {'200': {description: ok}}}}
          /f: {get: {tags: [f], responses: {'200': {description: ok}}}}
        """)
        let groups = EndpointIndex(document).groups
        #expect(groups.map(\.name) == ["a", "c", "f", "b", "d", "e"])
        #expect(groups.map(\.depth) == [0, 1, 2, 0, 0, 0])
        #expect(groups.map(\.operationCount) == [3, 2, 1, 1, 1, 1])
    }

    @Test func aLongChainOfParentsIsBuiltWithoutRecursion() async throws {
        let depth = 5_000
        var tags = "tags:\n  - {name: t0}\n"
        for level in 1..<depth { tags += "  - {name: t\(level), parent: t\(level - 1)}\n" }
        let document = try await loadInline("""
        openapi: 3.2.0
        info: {title: t, version: '1'}
        \(tags)paths:
          /leaf: {get: {tags: [t\(depth - 1)], responses: {'200': {description: ok}}}}
        """)
        let groups = EndpointIndex(document).groups
        #expect(groups.count == depth)
        #expect(groups.last?.depth == depth - 1)
        #expect(groups.allSatisfy { $0.operationCount == 1 })
    }
}
