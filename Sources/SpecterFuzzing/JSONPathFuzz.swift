import SpecterJSON
import SpecterRequest

/// JSONPath queries and replay's assertions over a document: the input's first line is the query, the
/// rest the JSON it runs on. A query that does not parse must say where (a column inside it); one that
/// does must evaluate within its budget, and each node it selects must be selected again, alone and
/// with the same value, by its normalized path and by its dotted path (what messages print). The line
/// read as an assertion and as a capture must either be refused with a reason or check a response.
enum JSONPathFuzz {
    static func run(_ data: [UInt8]) {
        let split = data.firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
        let text = String(decoding: data[..<split].prefix(512), as: UTF8.self)
        let document = (try? JSONParser.parse(Array(data[split...].dropFirst()))) ?? .null
        checkQuery(text, on: document)
        checkAssertion(text, on: document)
    }

    private static func checkQuery(_ text: String, on document: JSONValue) {
        let query: JSONPathQuery
        do {
            query = try JSONPathQuery(parsing: text)
        } catch {
            FuzzCheck.require(!error.message.isEmpty && error.offset >= 0 && error.offset <= text.unicodeScalars.count,
                              "a refused query without a place: \(error) for \(text)")
            return
        }
        guard let nodes = try? query.select(in: document, budget: JSONPathBudget(maxSteps: 200_000, maxNodes: 2_000)) else { return }
        for node in nodes.prefix(20) {
            for spelling in [node.path.description, node.path.dotted] {
                guard let again = try? JSONPathQuery(parsing: spelling) else {
                    FuzzCheck.require(false, "the path \(spelling) of a selected node does not parse")
                    return
                }
                let found = again.select(in: document)
                FuzzCheck.require(found.count == 1 && found.first?.value == node.value && found.first?.path == node.path,
                                  "\(spelling) does not select the node it names (query \(text))")
            }
        }
    }

    private static func checkAssertion(_ text: String, on document: JSONValue) {
        let facts = ResponseFacts(status: 200, headers: ["Content-Type": "application/json"], bodyText: JSONWriter.compact.string(document), bodyJSON: document)
        do {
            let assertion = try ReplayAssertion(parsing: text)
            let result = assertion.check(facts) { $0 }
            FuzzCheck.require(result.passed == (result.message == nil), "an assertion result and its message disagree: \(text)")
        } catch {
            FuzzCheck.require(!error.message.isEmpty, "an assertion refused without a reason: \(text)")
        }
        if let query = try? ResponseQuery(parsing: text) {
            let capture = ReplayCapture(name: "fuzz", query: query).value(in: facts)
            if case .failure(let failure) = capture { FuzzCheck.require(!failure.message.isEmpty, "a capture failed without a reason: \(text)") }
        }
    }
}
