import SpecterJSON

/// Reads a HAR log's entries in order, leaving out static assets unless asked, and sums up in one
/// note per file what it left out, so a long recording does not give a note per entry.
struct HARLogReader {
    let file: String
    let creator: String
    let includeAssets: Bool
    private let lines: JSONObjectLines
    private(set) var requests: [ForeignRequest] = []
    private(set) var notes: [ImportNote] = []

    init(file: String, bytes: [UInt8], creator: String, includeAssets: Bool) {
        self.file = file
        self.creator = creator
        self.includeAssets = includeAssets
        lines = JSONObjectLines(bytes) { $0.count == 3 && $0[0] == "log" && $0[1] == "entries" }
    }

    mutating func read(_ entries: [JSONValue]) {
        var leftOut: [String] = []
        var assets = 0
        for (index, entry) in entries.enumerated() {
            let place = SourcePlace(file: file, line: lines.line(at: ["log", "entries", String(index)]))
            let request = entry["request"] ?? .null
            let userAgent = (request["headers"]?.arrayValue ?? []).first { $0["name"]?.stringValue?.lowercased() == "user-agent" }?["value"]?.stringValue
            let reader = HARRequestReader(browserCookies: BrowserHeaders.cookiesAreTheBrowsers(creator: creator, userAgent: userAgent))
            guard let reading = reader.read(request, name: entry["comment"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }, place: place) else {
                notes.append(ImportNote(place: place, "entry \(index + 1) has no request URL: left out"))
                continue
            }
            if !includeAssets && StaticAssets.isAsset(entry, url: reading.request.url) {
                assets += 1
                continue
            }
            requests.append(reading.request)
            leftOut += reading.leftOut
        }
        if let note = Self.leftOutNote(leftOut, file: file) { notes.append(note) }
        if assets > 0 {
            notes.append(ImportNote(place: SourcePlace(file: file), "\(assets) static asset\(assets == 1 ? "" : "s") (images, fonts, style sheets, scripts, media) left out"))
        }
    }

    /// The one note saying how many browser-made headers were left out, and which names.
    static func leftOutNote(_ names: [String], file: String) -> ImportNote? {
        guard !names.isEmpty else { return nil }
        var distinct: [String] = []
        for name in names where !distinct.contains(name) { distinct.append(name) }
        return ImportNote(place: SourcePlace(file: file), "\(names.count) browser-made header\(names.count == 1 ? "" : "s") left out: \(distinct.sorted().joined(separator: ", "))")
    }
}
