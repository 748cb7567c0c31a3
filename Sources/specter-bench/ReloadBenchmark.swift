import Foundation
import SpecterApp
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// `reload FILE`: `--watch`'s reload of a description with typed values kept, beside a fresh load
/// of the same file (read, model, workspace). The version reloaded differs from the one the values
/// were typed in (one operation's `limit` parameter renamed, so its value is kept aside), and one of
/// the 80 forms is open. As in the explorer, the new version goes on screen with every value carried
/// over (the open form built on it, the others parked until opened) while what changed is worked out
/// on another thread; the banner shows when both are done. The old version's fingerprints were
/// worked out after the first load.
enum ReloadBenchmark {
    static let typedValues = 200

    struct Reload {
        var read: Duration
        var onScreen: Duration
        var withBanner: Duration
    }

    @MainActor static func run(_ arguments: [String]) async {
        guard let path = arguments.first, let data = FileManager.default.contents(atPath: path),
              let changedText = String(data: data, encoding: .utf8), let renamed = changedText.range(of: #""name": "limit""#) else {
            print("usage: specter-bench reload FILE [RUNS] (a description with a parameter named limit)")
            exit(2)
        }
        let runs = arguments.count > 1 ? Int(arguments[1]) ?? 7 : 7
        let original = Array(data)
        let changed = Array(changedText.replacingCharacters(in: renamed, with: #""name": "limits""#).utf8)
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let size = Size(width: 160, height: 48)
        let document = try! await SpecLoader().load(bytes: original, url: url, displayName: path)
        let drafts = typedDrafts(document)
        let openFilter = document.operations.first { !$0.parameters.isEmpty }?.operationID ?? ""
        let previous = OperationFingerprints(document)
        var reloads: [Reload] = []
        let (fresh, _) = await Timing.interleavedMedians(runs, {
            let loaded = try! await SpecLoader().load(bytes: changed, url: url, displayName: path)
            var state = AppState(size: size, source: path, theme: .colour)
            _ = state.update(.loaded(loaded, isDemo: false))
            return state
        }, {
            var state = AppState(size: size, source: path, theme: .colour)
            _ = state.update(.loaded(document, isDemo: false))
            _ = state.update(.recoveryFound(drafts, savedAt: "now"))
            _ = state.update(.input(.key(.enter)))
            // One typed-in form is open, as when editing the description beside the explorer.
            for key in [Key.character("/")] + openFilter.map(Key.character) + [Key.enter] { _ = state.update(.input(.key(KeyPress(key)))) }
            let reload = await reload(&state, from: document, previous: previous, to: changed, url: url, path: path)
            reloads.append(reload)
            return reload
        }, measuringSecondBy: { $0.withBanner })
        let median = reloads.sorted { $0.onScreen < $1.onScreen }[reloads.count / 2]
        let banner = reloads.map(\.withBanner.milliseconds).sorted()[reloads.count / 2]
        let values = drafts.reduce(0) { $0 + $1.parameters.count }
        print("file: \(path), \(document.operations.count + document.webhooks.count) operations, \(runs) runs each, medians")
        print(Timing.row("fresh load (model + workspace)", fresh))
        print(Timing.row("reload on screen, \(values) values kept", median.onScreen.milliseconds)
              + String(format: "  ratio %.2fx (goal ≤ 1.5x)", median.onScreen.milliseconds / fresh))
        print(Timing.row("  of which: read the file again", median.read.milliseconds))
        print(Timing.row("  carry \(drafts.count) forms over", (median.onScreen - median.read).milliseconds))
        print(Timing.row("reload with its banner", banner) + String(format: "  ratio %.2fx", banner / fresh))
    }

    /// One reload as the explorer runs it: the description read, the new version on screen, what
    /// changed worked out beside it, then the banner.
    @MainActor static func reload(_ state: inout AppState, from document: APIDocument, previous: OperationFingerprints, to bytes: [UInt8], url: URL, path: String) async -> Reload {
        let start = ContinuousClock.now
        let loaded = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
        let read = ContinuousClock.now
        let changes = Task.detached {
            let fingerprints = OperationFingerprints(loaded)
            return (DescriptionChanges(from: document, to: loaded, oldFingerprints: previous, newFingerprints: fingerprints), fingerprints)
        }
        // As the explorer's runner does: the old version is freed on another thread.
        let replaced = state.workspace
        _ = state.update(.reloaded(loaded))
        Task.detached { withExtendedLifetime(replaced) {} }
        let onScreen = ContinuousClock.now
        let (found, fingerprints) = await changes.value
        _ = state.update(.changesFound(found, fingerprints))
        let end = ContinuousClock.now
        return Reload(read: read - start, onScreen: onScreen - start, withBanner: end - start)
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
