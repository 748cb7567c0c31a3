/// A terminal in memory: tests script its input and read back what it shows.
///
/// Written bytes go through `ScreenEmulator`, which interprets exactly the sequences
/// `FrameRenderer` emits, so a test sees the screen a real terminal would show, not the frame
/// the program meant to draw.
public final class MemoryTerminal: Terminal {
    public var size: Size {
        didSet { screen.resize(size) }
    }
    public var capabilities: TerminalCapabilities
    /// Input batches still to deliver, in order.
    public var script: [[RawInput]] = []
    public private(set) var written: [UInt8] = []
    public private(set) var screen: ScreenEmulator
    public private(set) var suspensions = 0
    public private(set) var restored = false

    public init(size: Size, capabilities: TerminalCapabilities = TerminalCapabilities()) {
        self.size = size
        self.capabilities = capabilities
        screen = ScreenEmulator(size: size)
    }

    public func readInput(timeout: Duration) -> [RawInput] {
        script.isEmpty ? [] : script.removeFirst()
    }

    public func write(_ bytes: [UInt8]) {
        written += bytes
        screen.apply(bytes)
    }

    public func suspend() {
        suspensions += 1
    }

    public func releasing<Result>(_ body: () throws -> Result) rethrows -> Result {
        try body()
    }

    public func restore() {
        restored = true
    }
}
