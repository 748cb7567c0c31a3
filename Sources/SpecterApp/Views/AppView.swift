import SpecterSpec
import SpecterTerminal

/// Draws the whole screen from the state: a pure function, so every screen is a golden frame.
public enum AppView {
    public static func render(_ state: AppState) -> CellBuffer {
        var buffer = CellBuffer(size: state.size)
        let layout = ScreenLayout(size: state.size)
        let theme = state.theme
        if layout.isTooSmall {
            drawTooSmall(state.size, theme: theme, into: &buffer)
            return buffer
        }
        switch state.phase {
        case .loading(let source):
            drawTitle([Span(" Specter", theme.title)], theme: theme, layout: layout, into: &buffer)
            let spinner = Spinner.frame(Int(state.now / .milliseconds(100)))
            let message = [Span(spinner + " ", theme.palette.accent), Span("Loading "), Span(source, .bold), Span(" …")]
            let width = message.displayWidth
            buffer.draw(message, at: Point(x: max(0, (state.size.width - width) / 2), y: state.size.height / 2 - 1))
            StatusBar.draw(left: [], hints: [KeyHint("q", "quit")], palette: theme.palette, in: layout.status, into: &buffer)
        case .failed(let source, let message):
            drawTitle([Span(" Specter", theme.title)], theme: theme, layout: layout, into: &buffer)
            let box = layout.body.inset(by: 1)
            let inner = Box.draw(box, title: "Could not load " + source, style: theme.palette.error, titleStyle: theme.palette.error, into: &buffer)
            var y = inner.y + 1
            for line in Markdown.wrap([Run(message)], width: inner.width - 4).map(theme.spans) where y < inner.maxY - 2 {
                buffer.draw(line, at: Point(x: inner.x + 2, y: y), clip: inner)
                y += 1
            }
            let advice = state.isWatching ? "Watching (\(watchText(state))): it loads as soon as a valid version is there. Ctrl-R tries now; q quits."
                : "Specter exits with status 2. Check the path or URL, or run: specter list " + source
            buffer.draw(advice, at: Point(x: inner.x + 2, y: min(inner.maxY - 1, y + 1)), style: theme.palette.dim, clip: inner)
            StatusBar.draw(left: [], hints: [KeyHint("q", "quit")], palette: theme.palette, in: layout.status, into: &buffer)
        case .ready(let workspace):
            drawWorkspace(workspace, state: state, layout: layout, into: &buffer)
        }
        return buffer
    }

    /// How watching goes, for the title bar.
    static func watchText(_ state: AppState) -> String {
        switch state.watchStatus {
        case .watching: return state.reloadInFlight ? "watching: reloading…" : "watching"
        case .unreachable(let reason, let wait):
            // The retry first: a long reason is cut at the title bar's edge.
            return wait > .zero ? "watching: no answer, again in \(Int(wait.timeInterval.rounded())) s (\(reason))" : "not watching: \(reason)"
        }
    }

    private static func drawTooSmall(_ size: Size, theme: Theme, into buffer: inout CellBuffer) {
        let wide = ["Specter needs a terminal of at least \(AppState.minimumSize.width)×\(AppState.minimumSize.height)",
                    "(this one is \(size.width)×\(size.height)).", "Make the window larger, or press q to quit."]
        let narrow = ["Specter needs at least", "\(AppState.minimumSize.width)×\(AppState.minimumSize.height) (this is \(size.width)×\(size.height)).",
                      "Make it larger,", "or press q to quit."]
        let lines = wide.allSatisfy({ DisplayWidthTable.width(of: $0) <= size.width }) ? wide : narrow
        for (index, line) in lines.enumerated() {
            let fitted = DisplayWidthTable.truncate(line, to: size.width)
            buffer.draw(fitted, at: Point(x: max(0, (size.width - DisplayWidthTable.width(of: fitted)) / 2), y: max(0, size.height / 2 - 1) + index),
                        style: index == 0 ? .bold : .plain)
        }
    }

    static func drawTitle(_ spans: [Span], theme: Theme, layout: ScreenLayout, into buffer: inout CellBuffer) {
        buffer.fill(layout.title, style: theme.title)
        buffer.draw(spans, at: Point(x: 0, y: 0), clip: layout.title)
        // Cut at the edge: an ellipsis says there is more (the window, wider, shows it).
        if spans.reduce(0, { $0 + DisplayWidthTable.width(of: $1.text) }) > layout.title.width, layout.title.width > 0 {
            buffer.draw("…", at: Point(x: layout.title.x + layout.title.width - 1, y: layout.title.y), style: theme.title)
        }
    }

    private static func drawWorkspace(_ workspace: Workspace, state: AppState, layout: ScreenLayout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let info = workspace.document.info
        var title = [Span(" Specter ", theme.title), Span("│ ", theme.title), Span(info.title + " " + info.version, theme.title),
                     Span(" │ " + workspace.document.version.description, theme.title),
                     Span(" │ " + workspace.serverURL(for: workspace.selectedEntry), theme.title), Span(" │ env: " + (workspace.settings.environment ?? "none"), theme.title)]
        if let pane = workspace.collectionPane { title.append(Span(" │ collection: \(pane.collection.root.lastPathComponent) (F4)", theme.title)) }
        if workspace.isDemo { title.append(Span(" │ demo: specter FILE|URL opens yours", theme.title)) }
        if state.isWatching { title.append(Span(" │ " + watchText(state), theme.title)) }
        drawTitle(title, theme: theme, layout: layout, into: &buffer)
        switch workspace.screen {
        case .browse:
            BrowseView.draw(workspace, theme: theme, layout: layout, into: &buffer)
        case .operation(let entry):
            if let session = workspace.sessions[entry] {
                OperationView.draw(session, workspace: workspace, state: state, layout: layout, into: &buffer)
            }
        case .history:
            HistoryView.draw(workspace, state: state, layout: layout, into: &buffer)
        case .collection:
            CollectionView.draw(workspace, theme: theme, layout: layout, into: &buffer)
        case .overview:
            Box.draw(layout.body, title: "About " + workspace.document.info.title, style: theme.palette.focusedBorder, titleStyle: .bold, into: &buffer)
            DocsView.draw(workspace.overview, focused: false, theme: theme, in: layout.history, into: &buffer)
        }
        drawStatus(workspace, theme: theme, layout: layout, into: &buffer)
        if let banner = workspace.reloadBanner, banner.isShown(at: state.now) {
            ReloadBannerView.draw(banner, state: state, layout: layout, into: &buffer)
        }
        if let toast = workspace.toast {
            Toast(toast.text, kind: toast.kind, expires: 0).draw(palette: theme.palette, in: layout.body.inset(bottom: -1), into: &buffer)
        }
        if let overlay = workspace.overlay {
            buffer.cursor = nil
            OverlayView.draw(overlay, workspace: workspace, theme: theme, layout: layout, into: &buffer)
        }
    }

    private static func drawStatus(_ workspace: Workspace, theme: Theme, layout: ScreenLayout, into buffer: inout CellBuffer) {
        var left: [Span]
        switch workspace.screen {
        case .browse: left = [Span(workspace.browser.isFiltering ? "FILTER" : "BROWSE", theme.palette.bar.adding(.bold))]
        case .history: left = [Span("HISTORY", theme.palette.bar.adding(.bold))]
        case .collection: left = [Span("COLLECTION", theme.palette.bar.adding(.bold))]
        case .overview: left = [Span("ABOUT", theme.palette.bar.adding(.bold))]
        case .operation(let entry):
            left = [Span(workspace.focus == .response ? "RESPONSE" : "REQUEST", theme.palette.bar.adding(.bold))]
            if let session = workspace.sessions[entry] {
                let invalid = session.invalidCount
                left.append(invalid == 0 ? Span("  ✓ valid", theme.palette.bar) : Span("  ✗ \(invalid) invalid", theme.palette.bar.overlaid(with: theme.palette.error)))
                if session.warned != .nothing { left.append(Span("  F5 again sends anyway", theme.palette.bar.overlaid(with: theme.palette.warning))) }
            }
        }
        StatusBar.draw(left: left, hints: Keymap.statusHints(workspace.place), palette: theme.palette, in: layout.status, into: &buffer)
    }
}

