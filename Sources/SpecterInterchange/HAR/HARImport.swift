import SpecterJSON

/// Reads HAR 1.2 (what browsers' developer tools, Charles, mitmproxy and Insomnia save) so that
/// recorded traffic becomes requests to replay: one request per entry, without what the browser
/// added by itself, and without the page's static assets unless asked for.
public enum HARImport {
    /// Reads a HAR log, or a bare HAR request object. `includeAssets` keeps images, fonts, style
    /// sheets, scripts and media, which are otherwise left out (a note counts them). `file` names
    /// the file in notes and errors; a UTF-8 byte order mark at the start is accepted.
    public static func read(_ text: String, file: String, includeAssets: Bool = false) throws(JSONSourceError) -> ForeignCollection {
        let bytes = Array(text.utf8)
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw JSONSourceError(file: file, position: error.position, message: "not JSON: \(error.message)")
        }
        if root["method"] != nil && root["url"] != nil {
            return try bareRequest(root, file: file)
        }
        guard let entries = root["log"]?["entries"]?.arrayValue else {
            throw JSONSourceError(file: file, message: "not a HAR log (no log.entries list) nor a HAR request (no method and url)")
        }
        var reader = HARLogReader(file: file, bytes: bytes, creator: root["log"]?["creator"]?["name"]?.stringValue ?? "", includeAssets: includeAssets)
        reader.read(entries)
        return ForeignCollection(requests: reader.requests, notes: reader.notes)
    }

    private static func bareRequest(_ request: JSONValue, file: String) throws(JSONSourceError) -> ForeignCollection {
        let userAgent = (request["headers"]?.arrayValue ?? []).first { $0["name"]?.stringValue?.lowercased() == "user-agent" }?["value"]?.stringValue
        let reader = HARRequestReader(browserCookies: BrowserHeaders.cookiesAreTheBrowsers(creator: "", userAgent: userAgent))
        guard let reading = reader.read(request, name: request["comment"]?.stringValue, place: SourcePlace(file: file, line: 1)) else {
            throw JSONSourceError(file: file, message: "the HAR request has no URL")
        }
        return ForeignCollection(requests: [reading.request], notes: HARLogReader.leftOutNote(reading.leftOut, file: file).map { [$0] } ?? [])
    }
}
