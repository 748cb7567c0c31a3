import Foundation
import SpecterApp
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// `collection FILE [RUNS]`: a collection of one saved request per operation of FILE (the
/// 1 500-operation synthetic description), one file each, made in a temporary folder. Measures
/// opening it to the first full frame of its pane beside the explorer's first frame on the
/// description alone, saving one request (write, flush, rename, folder sync), and the peak memory
/// of each (in child processes).
enum CollectionBenchmark {
    @MainActor static func run(_ arguments: [String]) async {
        guard let path = arguments.first, FileManager.default.fileExists(atPath: path) else {
            print("usage: specter-bench collection FILE [RUNS]")
            exit(2)
        }
        let runs = arguments.count > 1 ? Int(arguments[1]) ?? 7 : 7
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let document = try! await SpecLoader().load(url.path)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-bench-collection-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var collection = make(for: document, at: folder, spec: url.path)
        print("file: \(path), \(collection.items.count) saved requests (one file each), \(runs) runs each, medians")

        let (bare, opened) = await Timing.interleavedMedians(runs, {
            await firstFrame(url.path, collection: nil)
        }, {
            await firstFrame(url.path, collection: folder)
        })
        print(Timing.row("description alone, first frame", bare))
        print(Timing.row("with the collection, its pane", opened)
              + String(format: "  ratio %.2fx (goal ≤ 1.5x, and ≤ 100 ms; Posting: 1.6 s)", opened / bare))

        let service = DescriptionService(document: document)
        let check = await Timing.median(runs) { CollectionDrift.check(collection, service: service) }
        print(Timing.row("drift check, away from the keys", check) + "  (shown when done; the pane says it is checking)")

        guard let item = collection.items.first else { return }
        var changed = item.request
        var times: [Double] = []
        for round in 0..<200 {
            changed.description = "Saved \(round)"
            let start = ContinuousClock.now
            try! CollectionStore.save(changed, at: item.path, in: &collection)
            times.append((ContinuousClock.now - start).milliseconds)
        }
        times.sort()
        print(Timing.row("save one request, median of 200", times[100]) + String(format: "  (goal < 5 ms; slowest %.2f ms)", times[199]))

        let executable = CommandLine.arguments[0]
        guard let alone = ChildRun.run(executable, ["collection-child", url.path]),
              let with = ChildRun.run(executable, ["collection-child", url.path, folder.path]) else { return }
        print(String(format: "peak memory: description alone %.1f MB, with the collection open %.1f MB, ratio %.2fx (goal < 2x)",
                     alone.peakMB, with.peakMB, with.peakMB / alone.peakMB))
    }

    /// `collection-child FILE [DIR]`: the first frame (with DIR, the collection's pane), then exit.
    @MainActor static func child(_ arguments: [String]) async {
        guard let path = arguments.first else { exit(2) }
        withExtendedLifetime(await firstFrame(path, collection: arguments.count > 1 ? URL(fileURLWithPath: arguments[1]) : nil)) {}
    }

    /// `saves DIR FILE COUNT`: saves one request of the collection COUNT times, alternating a short
    /// and a long (64 KB) version — what the kill test runs and SIGKILLs at a random moment.
    static func saves(_ arguments: [String]) {
        guard arguments.count == 3, let count = Int(arguments[2]), var collection = try? CollectionStore.open(URL(fileURLWithPath: arguments[0])),
              let item = collection.item(at: arguments[1]) else {
            print("usage: specter-bench saves DIR FILE COUNT")
            exit(2)
        }
        let long = String(repeating: "x", count: 64 << 10)
        FileHandle.standardOutput.write(Data("saving\n".utf8))
        for round in 0..<count {
            var request = item.request
            request.description = round.isMultiple(of: 2) ? "short" : long
            do throws(CollectionStore.Failure) {
                try CollectionStore.save(request, at: item.path, in: &collection)
            } catch {
                print(error.description)
                exit(1)
            }
        }
    }

    /// Loads the description (and opens the collection, showing its pane) as the explorer does, and
    /// renders the frame.
    @MainActor static func firstFrame(_ path: String, collection folder: URL?) async -> (AppState, [UInt8]) {
        let size = Size(width: 160, height: 48)
        let (document, collection) = try! await ExplorerLoading.load(path, options: LoadOptions(), client: URLSessionHTTPClient(), collection: folder)
        var state = AppState(size: size, source: path, theme: .colour, collection: collection)
        _ = state.update(.loaded(document, isDemo: false))
        if collection != nil { _ = state.update(.input(.key(KeyPress(.function(4))))) }
        var renderer = FrameRenderer(capabilities: TerminalCapabilities())
        return (state, renderer.render(AppView.render(state)))
    }

    /// One saved request per operation, in a folder per tag, its path parameters from a variable.
    static func make(for document: APIDocument, at folder: URL, spec: String) -> Collection {
        var collection = try! CollectionStore.create(at: folder, manifest: CollectionManifest(spec: spec, variables: ["id": "1"]))
        for operation in document.operations {
            var draft = RequestDraft(operation: OperationReference(operation))
            for parameter in operation.parameters where parameter.location == .path { draft.setParameter(parameter.name, in: .path, to: "{{id}}") }
            let name = operation.summary ?? operation.operationID ?? "\(operation.method) \(operation.path)"
            let tag = operation.tags.first.map { CollectionStore.fileName(for: $0).dropLast(5) + "/" } ?? ""
            var path = tag + CollectionStore.fileName(for: name)
            if collection.item(at: path) != nil { path = tag + CollectionStore.fileName(for: name + " " + operation.method + " " + operation.path) }
            try! CollectionStore.save(SavedRequest(name: name, draft: draft), at: path, in: &collection)
        }
        return collection
    }
}
