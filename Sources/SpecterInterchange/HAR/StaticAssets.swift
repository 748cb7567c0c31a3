import Foundation
import SpecterJSON

/// Entries a page loaded for display (images, fonts, style sheets, scripts, media, the favicon):
/// a browser recording is mostly these, and they are not the API calls a user imports it for.
enum StaticAssets {
    private static let resourceTypes: Set<String> = ["image", "font", "stylesheet", "script", "media", "manifest"]
    private static let mediaTypes: Set<String> = [
        "text/css", "text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript",
        "application/vnd.ms-fontobject", "application/manifest+json",
    ]
    private static let mediaTypePrefixes = ["image/", "font/", "audio/", "video/", "application/font-", "application/x-font-"]
    private static let extensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "avif", "bmp", "woff", "woff2", "ttf", "otf", "eot",
        "css", "js", "mjs", "map", "mp4", "webm", "mp3", "ogg", "wav",
    ]

    /// Judged by Chrome's `_resourceType`, the response's media type, or the URL path's extension.
    static func isAsset(_ entry: JSONValue, url: String) -> Bool {
        if let type = entry["_resourceType"]?.stringValue, resourceTypes.contains(type.lowercased()) { return true }
        let mediaType = (entry["response"]?["content"]?["mimeType"]?.stringValue ?? "").lowercased()
            .split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        if mediaTypes.contains(mediaType) || mediaTypePrefixes.contains(where: mediaType.hasPrefix) { return true }
        let path = URLParts(url).path
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return extensions.contains(path[path.index(after: dot)...].lowercased())
    }
}
