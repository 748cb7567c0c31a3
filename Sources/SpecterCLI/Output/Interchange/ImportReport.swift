import Foundation
import SpecterInterchange
import SpecterRequest

/// What `specter import` says: one line per request (its file, method, and the operation it matched
/// or the URL it keeps), what was not carried over by file and line, the secrets to provide, and a
/// last line `imported N, matched M, raw K` (`read N, …; X new written` when some were there already).
struct ImportReport {
    var imported: CollectionImport
    var folder: URL
    var environment: CLIEnvironment

    /// `written` is what the import wrote, or with `dryRun` what it would write.
    func text(written: ImportWriter.Written, dryRun: Bool = false, style: TextStyle, savedSecrets: Bool = false) -> String {
        var text = ""
        let paths = written.paths
        for (position, (request, path)) in zip(imported.requests, paths).enumerated() {
            let method = request.method
            let mark = request.request.draft.operation.isUnlisted ? style.apply(.warning, "•") : style.apply(.success, "✓")
            var target = request.request.draft.operation.isUnlisted ? "kept as written (no operation matches)" : "→ " + request.request.draft.operation.description
            if written.alreadyThere[position] != nil { target += dryRun ? " (already in the collection: would not be written again)" : " (already in the collection: not written again)" }
            text += "\(mark) \(TextStyle.safe(path))  \(style.apply(.method(method), method)) \(TextStyle.safe(target))\n"
        }
        if !imported.notes.isEmpty {
            text += "\n" + style.apply(.heading, "Not carried over:") + "\n"
            for note in imported.notes { text += "  " + TextStyle.safe(note.description) + "\n" }
        }
        if !written.keptVariables.isEmpty || !written.keptEnvironments.isEmpty {
            text += "\n" + style.apply(.heading, "Kept as they were:") + "\n"
            for name in written.keptVariables { text += "  the variable \(TextStyle.safe(name)) (the collection has its own value)\n" }
            for name in written.keptEnvironments { text += "  the environment \(TextStyle.safe(name)) (it exists)\n" }
        }
        if !imported.secrets.isEmpty {
            let file = SecretsFile.displayPath(environment.variables)
            text += "\n" + style.apply(.heading, savedSecrets ? "Secrets stored in \(TextStyle.safe(file)):" : "Secrets not written (add them to \(TextStyle.safe(file)), or import again with --save-secrets):") + "\n"
            for secret in imported.secrets {
                let state = secret.isStored ? " — already in the file" : secret.value.isEmpty ? " — its value is not in the source: add it yourself" : ""
                text += "  \(TextStyle.safe(secret.name))  \(TextStyle.safe(secret.role)) (\(TextStyle.safe(secret.place.description)))\(state)\n"
            }
        }
        let counts = "matched \(imported.matchedCount), raw \(imported.unlistedCount)"
        let added = imported.requests.count - written.alreadyThere.count
        // "imported 1" would say a request was added when the collection had it already.
        let summary = written.alreadyThere.isEmpty ? "imported \(imported.requests.count), " + counts
            : "read \(imported.requests.count), \(counts); \(added) new " + (dryRun ? "would be written" : "written")
        let location = TextStyle.safe(folder.path)
        text += "\n" + (dryRun ? "Would import into \(location) (dry run, nothing written)" : "Into \(location)") + "\n"
        if !written.alreadyThere.isEmpty {
            let count = written.alreadyThere.count
            text += "\(count) of them \(count == 1 ? "is" : "are") in the collection already, " + (dryRun ? "so would not be written again" : "not written again") + "\n"
        }
        return text + summary + "\n"
    }
}
