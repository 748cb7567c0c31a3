import Foundation

/// Opens a sign-in page in the user's browser, where there is a display to open it on (never over
/// SSH without one: the device grant is for that).
public enum BrowserOpener {
    /// `xdg-open`, when there is a display for it to open a browser on.
    public static func find(_ variables: [String: String]) -> URL? {
        guard !(variables["DISPLAY"] ?? "").isEmpty || !(variables["WAYLAND_DISPLAY"] ?? "").isEmpty else { return nil }
        let folders = (variables["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return folders.lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent("xdg-open") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Starts the browser and leaves it running; its own output would only clutter the terminal.
    public static func open(_ url: URL, with opener: URL) {
        let process = Process()
        process.executableURL = opener
        process.arguments = [url.absoluteString]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
