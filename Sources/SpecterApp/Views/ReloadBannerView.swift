import Foundation
import SpecterSpec
import SpecterTerminal

/// What the last reload changed (or why it failed), over the bottom rows of the screen: a headline,
/// then a line per operation added, removed or changed, as many as fit in a few rows.
enum ReloadBannerView {
    /// At most six lines, and no more than a quarter of the screen.
    static func maximumLines(height: Int) -> Int { min(6, max(2, height / 4)) }

    static func draw(_ banner: ReloadBanner, state: AppState, layout: ScreenLayout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let area = layout.body
        let lines = self.lines(banner, startedAt: state.startedAt, width: area.width - 2, maximum: maximumLines(height: area.height))
        // Above the toast's row, which stays free.
        let top = area.maxY - 1 - lines.count
        guard top > area.y else { return }
        for (offset, line) in lines.enumerated() {
            let row = Rect(x: area.x, y: top + offset, width: area.width, height: 1)
            let style: Style
            switch banner.kind {
            case .failed: style = theme.palette.bar.overlaid(with: theme.palette.error)
            case .changed: style = offset == 0 ? theme.palette.bar.adding(.bold) : theme.palette.bar
            }
            buffer.fill(row, style: style)
            buffer.draw(" " + line, at: Point(x: row.x, y: row.y), style: style, clip: row)
        }
    }

    static func lines(_ banner: ReloadBanner, startedAt: Date, width: Int, maximum: Int) -> [String] {
        let clock = DateFormatter()
        clock.dateFormat = "HH:mm:ss"
        let time = clock.string(from: startedAt.addingTimeInterval(banner.at.timeInterval))
        switch banner.kind {
        case .failed(let message):
            let wrapped = Markdown.wrap([Run("✗ Could not reload (\(time)): \(message)")], width: width).map { $0.map(\.text).joined() }
            return Array(wrapped.prefix(maximum - 1)) + ["  The last good version stays on screen; the next save reloads it."]
        case .changed(let changes, let keptAside):
            var details = changes.added.map { "+ \($0)" } + changes.removed.map { "− \($0)" } + changes.changed.map(changedLine)
            if keptAside > 0 {
                details.append("Input whose field is gone is kept aside in \(keptAside) form\(keptAside == 1 ? "" : "s") (not sent)")
            }
            if details.count > maximum - 1 {
                let hidden = details.count - (maximum - 2)
                details = Array(details.prefix(maximum - 2)) + ["… and \(hidden) more"]
            }
            return [headline(changes, time: time)] + details
        }
    }

    private static func headline(_ changes: DescriptionChanges, time: String) -> String {
        guard !changes.isEmpty else { return "↻ Reloaded at \(time): no operation changed" }
        var parts: [String] = []
        if !changes.added.isEmpty { parts.append("\(changes.added.count) added") }
        if !changes.removed.isEmpty { parts.append("\(changes.removed.count) removed") }
        if !changes.changed.isEmpty { parts.append("\(changes.changed.count) changed") }
        return "↻ Reloaded at \(time): " + parts.joined(separator: ", ")
    }

    private static func changedLine(_ change: OperationChange) -> String {
        guard !change.details.isEmpty else { return "~ \(change.key)" }
        return "~ \(change.key): " + change.details.map(describe).joined(separator: "; ")
    }

    private static func describe(_ detail: OperationChange.Detail) -> String {
        switch detail {
        case .parameterAdded(let name, let location, let required): return "\(location.rawValue) \(name) added" + (required ? " (required)" : "")
        case .parameterNowRequired(let name, let location): return "\(location.rawValue) \(name) now required"
        case .parameterRemoved(let name, let location): return "\(location.rawValue) \(name) removed"
        case .bodyFieldAdded(let name, let required): return "body field \(name) added" + (required ? " (required)" : "")
        case .bodyFieldNowRequired(let name): return "body field \(name) now required"
        case .bodyFieldRemoved(let name): return "body field \(name) removed"
        }
    }
}
