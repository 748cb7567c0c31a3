import Foundation
import SpecterInterchange
import Testing

@Suite struct HTTPFileDumpTests {
    @Test func dump() throws {
        for file in try HTTPCorpus.requestFiles() {
            print("==== \(file)")
            do {
                let c = try HTTPCorpus.collection(file)
                for v in c.variables { print("  var \(v.name) = \(v.value)") }
                for e in c.environments { print("  env \(e.name): \(e.variables.map { "\($0.name)=\($0.value)\($0.isSecret ? "(s)" : "")" })") }
                for r in c.requests {
                    print("  [\(r.place.line ?? 0)] \(r.name ?? "-") | \(r.method) \(r.url) | h=\(r.headers.map { "\($0.name): \($0.value)" }) auth=\(String(describing: r.auth))")
                    print("     body=\(String(describing: r.body).prefix(300))")
                    if !r.captures.isEmpty { print("     captures=\(r.captures.map { "\($0.variable): \($0.query)" })") }
                    if !r.asserts.isEmpty { print("     asserts=\(r.asserts)") }
                }
                for n in c.allNotes { print("  NOTE \(n)".replacingOccurrences(of: HTTPCorpus.folder.path, with: "")) }
                let exported = HTTPFileExport.file(for: c)
                for n in exported.notes { print("  EXPORT NOTE \(n)".replacingOccurrences(of: HTTPCorpus.folder.path, with: "")) }
            } catch {
                print("  ERROR \(error)")
            }
        }
    }
}
