import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// One saved request ready to replay: its draft with the environment applied, what it captures and
/// asserts, what a comparison ignores, and the earlier steps whose captured variables it uses.
///
/// A class: every claim, outcome and report line of a run refers to its step, and copying the whole
/// draft and operation for each showed in a replay's profile.
public final class ReplayStep: Sendable {
    /// The file inside the collection (`pets/get-a-pet.yaml`).
    public let path: String
    public let name: String
    public let draft: RequestDraft
    public let operation: APIOperation
    public let captures: [ReplayCapture]
    public let assertions: [ReplayAssertion]
    public let ignore: CompareIgnore
    /// The variables this step takes from earlier steps' captures, and the step each comes from.
    public let needs: [StepNeed]
    /// Variables used as credentials here.
    let credentialVariables: Set<String>
    /// Environment variables the request reads (`{{$env NAME}}`, `env:NAME` credentials): their values
    /// are kept out of reports.
    public let environmentNames: Set<String>
    /// Variables used here that no step of this run captures but a request left out of it does, and
    /// that request's path: why `{{pet_id}}` may be undefined under `--select`.
    public let capturedOutside: [String: String]

    init(path: String, name: String, draft: RequestDraft, operation: APIOperation, captures: [ReplayCapture], assertions: [ReplayAssertion],
         ignore: CompareIgnore, needs: [StepNeed], credentialVariables: Set<String>, environmentNames: Set<String>, capturedOutside: [String: String]) {
        self.path = path
        self.name = name
        self.draft = draft
        self.operation = operation
        self.captures = captures
        self.assertions = assertions
        self.ignore = ignore
        self.needs = needs
        self.credentialVariables = credentialVariables
        self.environmentNames = environmentNames
        self.capturedOutside = capturedOutside
    }
}

/// A problem with a saved request's replay fields, with its file and JSON pointer.
public struct ReplayPlanProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var pointer: JSONPointer
    public var message: String

    public var description: String { "\(file): \(pointer.isRoot ? "" : pointer.description + ": ")\(message)" }
}

/// A variable a step takes from an earlier step's capture.
public struct StepNeed: Sendable, Equatable {
    public var variable: String
    /// The index of the step that captures it.
    public var step: Int
}

/// The steps of a replay, in collection order.
public struct ReplayPlan: Sendable {
    public var steps: [ReplayStep]
    /// For each step, the earlier step of its chain (steps linked by captured variables), which must
    /// finish first: a chain keeps its order when other requests run concurrently.
    public var previousInChain: [Int?]
    /// Variables used as credentials anywhere in the collection (not only the steps chosen): a value
    /// captured into one is a secret.
    public var secretVariables: Set<String>

    /// Steps for `items` (already selected and ordered); every problem in their captures, asserts and
    /// ignore rules is collected, so one run of the command shows them all.
    public init(items: [Collection.Item], collection: Collection, environment: RequestEnvironment?, service: DescriptionService) throws(ReplayPlanFailure) {
        var steps: [ReplayStep] = []
        var problems: [ReplayPlanProblem] = []
        let shared: CompareIgnore
        do {
            shared = try CompareIgnore(json: collection.manifest.ignore)
        } catch {
            shared = CompareIgnore()
            problems.append(ReplayPlanProblem(file: CollectionStore.manifestName, pointer: JSONPointer(tokens: ["ignore"] + error.tokens), message: error.message))
        }
        var providers: [String: Int] = [:]
        let capturers = Self.capturers(in: collection, leavingOut: Set(items.map(\.path)))
        for item in items {
            guard let operation = service.operation(item.request.draft.operation) else {
                problems.append(ReplayPlanProblem(file: item.path, pointer: JSONPointer(tokens: ["operation"]),
                                                  message: "the description has no operation \(item.request.draft.operation) (specter collection check lists what changed)"))
                continue
            }
            do {
                let texts = Self.texts(of: item.request)
                let used = Set(texts.flatMap(Placeholders.names))
                let links = StepLinks(ignore: shared, needs: used.sorted().compactMap { name in providers[name].map { StepNeed(variable: name, step: $0) } },
                                      capturedOutside: capturers.filter { used.contains($0.key) && providers[$0.key] == nil })
                let step = try Self.step(item, texts: texts, links: links, operation: operation, collection: collection, environment: environment, service: service)
                for capture in step.captures { providers[capture.name] = steps.count }
                steps.append(step)
            } catch {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw ReplayPlanFailure(problems: problems) }
        // From the whole collection, not only the requests chosen: a token captured here may be used only by a request left out.
        var secretVariables = steps.reduce(into: Set<String>()) { $0.formUnion($1.credentialVariables) }
        for item in collection.items { secretVariables.formUnion(Self.credentialVariables(item.request.draft)) }
        for value in (environment?.credentials ?? [:]).values { secretVariables.formUnion(Placeholders.names(in: value)) }
        self.secretVariables = secretVariables
        self.steps = steps
        previousInChain = Self.chains(steps)
    }

    /// What a step takes from the collection and the steps before it.
    private struct StepLinks {
        var ignore: CompareIgnore
        var needs: [StepNeed]
        var capturedOutside: [String: String]
    }

    private static func step(_ item: Collection.Item, texts: [String], links: StepLinks, operation: APIOperation, collection: Collection, environment: RequestEnvironment?,
                             service: DescriptionService) throws(ReplayPlanFailure) -> ReplayStep {
        let saved = item.request
        var problems: [ReplayPlanProblem] = []
        func problem(_ tokens: [String], _ message: String) {
            problems.append(ReplayPlanProblem(file: item.path, pointer: JSONPointer(tokens: tokens), message: message))
        }
        var captures: [ReplayCapture] = []
        switch saved.captures {
        case nil: break
        case .object(let object)?:
            for member in object.members {
                guard case .string(let text) = member.value else {
                    problem(["captures", member.key], "a capture is a query in text: status, header NAME, cookie NAME, body or a JSONPath such as $.id")
                    continue
                }
                do { captures.append(ReplayCapture(name: member.key, query: try ResponseQuery(parsing: text))) } catch { problem(["captures", member.key], error.message) }
            }
        default: problem(["captures"], "captures is a mapping of variable names to queries (pet_id: $.id)")
        }
        var assertions: [ReplayAssertion] = []
        switch saved.asserts {
        case nil: break
        case .array(let lines)?:
            for (index, line) in lines.enumerated() {
                guard case .string(let text) = line else {
                    problem(["asserts", String(index)], "an assertion is one line of text (status == 200); quote it if YAML read it as something else")
                    continue
                }
                do { assertions.append(try ReplayAssertion(parsing: text)) } catch { problem(["asserts", String(index)], error.message) }
            }
        default: problem(["asserts"], "asserts is a list of lines such as status == 200")
        }
        var ignore = CompareIgnore()
        do { ignore = try CompareIgnore(json: saved.ignore) } catch { problem(["ignore"] + error.tokens, error.message) }
        guard problems.isEmpty else { throw ReplayPlanFailure(problems: problems) }
        var draft = saved.draft
        if let environment { draft = environment.applied(to: draft, schemes: operation.securitySchemeNames(in: service.document)) }
        if draft.server == nil, let server = collection.manifest.server { draft.server = .url(server) }
        return ReplayStep(path: item.path, name: saved.name, draft: draft, operation: operation, captures: captures, assertions: assertions,
                          ignore: ignore.adding(links.ignore), needs: links.needs, credentialVariables: Self.credentialVariables(draft),
                          environmentNames: Set(texts.flatMap(Placeholders.environmentNames)).union(Self.credentialEnvironmentNames(draft)),
                          capturedOutside: links.capturedOutside)
    }

    /// Each step's previous step in its chain: the steps joined, directly or through others, by a
    /// captured variable one of them uses.
    static func chains(_ steps: [ReplayStep]) -> [Int?] {
        var chain = Array(steps.indices)
        func root(_ index: Int) -> Int {
            var current = index
            while chain[current] != current { current = chain[current] }
            return current
        }
        for (index, step) in steps.enumerated() {
            for need in step.needs { chain[root(index)] = root(need.step) }
        }
        var last: [Int: Int] = [:]
        return steps.indices.map { index in
            let group = root(index)
            defer { last[group] = index }
            return last[group]
        }
    }

    /// Which request of the collection, outside the run, captures each variable (the first in collection order).
    private static func capturers(in collection: Collection, leavingOut run: Set<String>) -> [String: String] {
        var found: [String: String] = [:]
        for item in collection.ordered where !run.contains(item.path) {
            guard case .object(let captures)? = item.request.captures else { continue }
            for name in captures.keys where found[name] == nil { found[name] = item.path }
        }
        return found
    }

    /// Every text of a saved request but its captures, keys too, where the variables it uses are
    /// written (its draft and its assertions; what captures take is not used here). Made once a request.
    static func texts(of saved: SavedRequest) -> [String] {
        var texts: [String] = []
        func visit(_ value: JSONValue) {
            switch value {
            case .string(let text): texts.append(text)
            case .array(let items): items.forEach(visit)
            case .object(let object):
                for member in object.members {
                    texts.append(member.key)
                    visit(member.value)
                }
            default: break
            }
        }
        // Anything deeper named `captures` is used.
        guard case .object(let object) = saved.json else { return texts }
        for member in object.members where member.key != "captures" { visit(member.value) }
        return texts
    }

    /// The environment variables a draft's credentials are read from (`env:NAME`).
    private static func credentialEnvironmentNames(_ draft: RequestDraft) -> Set<String> {
        var names = Set<String>()
        func visit(_ reference: CredentialReference) {
            switch reference {
            case .environment(let name): names.insert(name)
            case .fields(let fields): fields.forEach { visit($0.1) }
            case .variable, .literal, .secret: break
            }
        }
        draft.credentials.forEach { visit($0.reference) }
        return names
    }

    private static func credentialVariables(_ draft: RequestDraft) -> Set<String> {
        var names = Set<String>()
        func visit(_ reference: CredentialReference) {
            switch reference {
            case .variable(let name): names.insert(name)
            case .fields(let fields): fields.forEach { visit($0.1) }
            case .literal(let text): names.formUnion(Placeholders.names(in: text))
            case .environment, .secret: break
            }
        }
        draft.credentials.forEach { visit($0.reference) }
        let credentialHeaders = Set(RedirectPolicy.credentialHeaders.map { $0.lowercased() })
        for header in draft.headers where header.isCredential || credentialHeaders.contains(header.name.lowercased()) {
            names.formUnion(Placeholders.names(in: header.value))
        }
        return names
    }
}

/// Every problem found while planning a replay.
public struct ReplayPlanFailure: Error, Sendable {
    public var problems: [ReplayPlanProblem]
}
