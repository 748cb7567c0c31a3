/// What the toolkit needs from a terminal. Two implementations: the curses one (`SpecterCurses`)
/// and `MemoryTerminal`, which tests drive.
public protocol Terminal: AnyObject {
    var size: Size { get }
    var capabilities: TerminalCapabilities { get }
    /// Waits up to `timeout` for input and returns everything available at once (empty on timeout).
    func readInput(timeout: Duration) -> [RawInput]
    /// Writes rendered bytes (from `FrameRenderer`) to the screen.
    func write(_ bytes: [UInt8])
    /// Gives the terminal back to the shell until the process is resumed (Ctrl-Z), then takes it again.
    func suspend()
    /// Gives the terminal back for a child program (an editor) while `body` runs, then takes it again.
    func releasing<Result>(_ body: () throws -> Result) rethrows -> Result
    /// Leaves the terminal as it was found.
    func restore()
}

/// Draws frames on a terminal: a renderer that knows what the terminal shows, and the terminal.
public final class Screen {
    public let terminal: any Terminal
    private var renderer: FrameRenderer

    public init(terminal: any Terminal) {
        self.terminal = terminal
        renderer = FrameRenderer(capabilities: terminal.capabilities)
    }

    public var size: Size { terminal.size }

    public func present(_ frame: CellBuffer) {
        terminal.write(renderer.render(frame))
    }

    /// The next frame is drawn whole (after a resize, or when something else drew on the terminal).
    public func invalidate() {
        renderer.invalidate()
    }
}
