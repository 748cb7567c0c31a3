import SpecterHTTP
import SpecterInterchange
import SpecterRequest
import SpecterTerminal

extension Workspace {
    /// A curl command pasted on the list: opened as the form of the operation it calls, filled with
    /// its values (its secrets as typed-in credentials, kept in memory only). Files it names are not
    /// read, and the server stays the one chosen: the command's host is only named, so credentials
    /// typed for this API never go to a host a paste brought.
    mutating func openPastedCurl(_ text: String, _ context: UpdateContext) {
        let read: ForeignCollection
        do throws(CurlImportError) {
            read = try CurlImport.parse(text, file: "pasted command") { path in throw PastedFileRefused(path: path) }
        } catch {
            notify("The pasted curl command does not read: \(error.message)", kind: .error, now: context.now, seconds: 6)
            return
        }
        guard let request = read.requests.first else {
            notify("The paste holds no curl command", kind: .error, now: context.now)
            return
        }
        let imported = CollectionImport(ForeignCollection(requests: [request]), document: document, keepsLiteralSecrets: true)
        guard let draft = imported.requests.first?.request.draft, !draft.operation.isUnlisted, let entry = take(draft) else {
            notify("No operation of this description matches \(request.method) \(request.url)", kind: .error, now: context.now, seconds: 6)
            return
        }
        openOperation(entry, context)
        let bodyLeft = draft.body != nil && operation(entry).requestBody == nil ? " · its body is left out: the operation takes none" : ""
        let left = imported.notes.count
        let elsewhere = imported.server.map { " · it called \($0): F2 picks the server" } ?? ""
        notify("Opened the curl command as \(operation(entry).displayID)" + (left == 0 ? "" : " (\(left) thing\(left == 1 ? "" : "s") it asked for not carried over)") + bodyLeft + elsewhere,
               kind: left == 0 && elsewhere.isEmpty && bodyLeft.isEmpty ? .success : .info, now: context.now, seconds: 6)
    }

    /// y: which format to copy the sent request in.
    mutating func chooseCopyFormat(_ exchange: Exchange) {
        overlay = .copyFormat(Dialog(title: "Copy the request as", lines: [[Span("Credentials are masked (Y copies curl with them).")]],
                                     choices: Self.copyFormats.map(\.label), selected: 0), exchange)
    }

    static let copyFormats: [(label: String, format: InterchangeFormat)] = [("curl", .curl), (".http", .http), ("Hurl", .hurl), ("HAR", .har)]

    /// The chosen format's text of the sent request, copied.
    mutating func copy(_ exchange: Exchange, as format: InterchangeFormat, _ context: UpdateContext) -> [Effect] {
        let text: String
        if format == .curl {
            text = CurlCommand.render(exchange.built)
        } else {
            let built = exchange.built.request
            let request = ForeignRequest(sent: exchange.built, name: built.method + " " + built.url.path, redactor: exchange.built.redactor)
            text = format.write([request], variables: [], version: SpecterVersion.current).text
        }
        let masked = !exchange.built.redactor.secrets.isEmpty
        notify("Copied the request as \(Self.copyFormats.first { $0.format == format }?.label ?? format.rawValue)" + (masked ? " (credentials masked)" : ""),
               kind: .success, now: context.now)
        return [.copyToClipboard(text)]
    }
}

/// A pasted command may not make Specter read a file.
private struct PastedFileRefused: Error, CustomStringConvertible {
    var path: String
    var description: String { "a pasted command's files (\(path)) are not read" }
}
