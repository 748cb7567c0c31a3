import Foundation
import SpecterTerminal
import Testing

/// Golden-frame checks: a frame's text form (see `GoldenFrame`) against a file under `Tests/`.
///
/// `SPECTER_RECORD_GOLDEN=1 swift test` writes the files instead, and every recording test fails,
/// so a recording can never pass unnoticed (CI never records). A mismatch shows a line diff.
public enum Golden {
    public static var isRecording: Bool { !(ProcessInfo.processInfo.environment["SPECTER_RECORD_GOLDEN"] ?? "").isEmpty }

    public static func check(_ buffer: CellBuffer, _ name: String, in folder: String, styleName: (Style) -> String = { $0.description },
                             sourceLocation: SourceLocation = #_sourceLocation) {
        check(text: GoldenFrame.text(of: buffer, styleName: styleName), name, in: folder, sourceLocation: sourceLocation)
    }

    public static func check(text actual: String, _ name: String, in folder: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = Fixtures.package(folder).appendingPathComponent(name + ".txt")
        if isRecording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            Issue.record("recorded \(folder)/\(name).txt; run again without SPECTER_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file \(folder)/\(name).txt; record it with SPECTER_RECORD_GOLDEN=1 swift test\n\(actual)", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            Issue.record("frame \(name) differs from \(folder)/\(name).txt:\n\(GoldenFrame.diff(expected: expected, actual: actual))", sourceLocation: sourceLocation)
        }
    }
}
