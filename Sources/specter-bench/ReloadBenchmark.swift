import Foundation
import SpecterApp
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// `reload FILE`: `--watch`'s reload of a description with typed values kept, beside a fresh load
/// of the same file (read, model, workspace). The reload reads the file again, works out what
/// changed (the new version's fingerprints; the old one's were worked out in the background after
/// the first load, as the explorer does when watching) and carries 200 typed values over into the
/// new version's forms.
enum ReloadBenchmark {
    static let typedValues = 200

    @MainActor static func run(_ arguments: [String]) async {
        guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
            print("usage: specter-bench reload FILE [RUNS]")
            exit(2)
        }
        let runs = arguments.count > 1 ? Int(arguments[1]) ?? 7 : 7
        let bytes = Array(data)
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let size = Size(width: 160, height: 48)
        let document = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
        let drafts = typedDrafts(document)
        let previous = OperationFingerprints(document)
        var parts: [(read: Duration, compare: Duration, carry: Duration)] = []
        let (fresh, reload) = await Timing.interleavedMedians(runs, {
            let loaded = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
            var state = AppState(size: size, source: path, theme: .colour)
            _ = state.update(.loaded(loaded, isDemo: false))
            return state
        }, {
            var state = AppState(size: size, source: path, theme: .colour)
            _ = state.update(.loaded(document, isDemo: false))
            _ = state.update(.recoveryFound(drafts, savedAt: "now"))
            _ = state.update(.input(.key(.enter)))
            // The clock starts here: what a reload costs with the values typed.
            let start = ContinuousClock.now
            let loaded = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
            let read = ContinuousClock.now
            let fingerprints = OperationFingerprints(loaded)
            let changes = DescriptionChanges(from: document, to: loaded, oldFingerprints: previous, newFingerprints: fingerprints)
            let compared = ContinuousClock.now
            _ = state.update(.reloaded(loaded, changes, fingerprints))
            let end = ContinuousClock.now
            parts.append((read - start, compared - read, end - compared))
            return (state, end - start)
        }, measuringSecondBy: { $0.1 })
        let values = drafts.reduce(0) { $0 + $1.parameters.count }
        print("file: \(path), \(document.operations.count + document.webhooks.count) operations, \(runs) runs each, medians")
        print(Timing.row("fresh load (model + workspace)", fresh))
        print(Timing.row("reload, \(values) values in \(drafts.count) forms", reload) + String(format: "  ratio %.2fx (goal ≤ 1.5x)", reload / fresh))
        let median = { (part: Duration) -> Double in part.milliseconds }
        let sorted = parts.sorted { $0.read + $0.compare + $0.carry < $1.read + $1.compare + $1.carry }[parts.count / 2]
        print(Timing.row("  of which: read the file again", median(sorted.read)))
        print(Timing.row("  fingerprints and changes", median(sorted.compare)))
        print(Timing.row("  carry the forms over (\(drafts.count) forms)", median(sorted.carry)))
    }

    /// Drafts with a typed value in every parameter of the first operations, 200 values in all.
    static func typedDrafts(_ document: APIDocument) -> [RequestDraft] {
        var drafts: [RequestDraft] = []
        var remaining = typedValues
        for operation in document.operations where remaining > 0 && !operation.parameters.isEmpty {
            var draft = RequestDraft(operation: OperationReference(operation))
            for parameter in operation.parameters.prefix(remaining) {
                draft.setParameter(parameter.name, in: parameter.location, to: .string("typed-\(remaining)"))
                remaining -= 1
            }
            drafts.append(draft)
        }
        return drafts
    }
}
