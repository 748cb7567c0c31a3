import Foundation

/// A terminal in memory: tests script a user's input and read back what the screen shows.
///
/// Written bytes go through `ScreenEmulator`, which interprets exactly the sequences
/// `FrameRenderer` emits, so a test sees the screen a real terminal would show, not the frame
/// the program meant to draw. The script is a user who waits to see something before typing.
public final class MemoryTerminal: Terminal {
    /// Input to give once the screen shows a text (at once, without one), or after a pause.
    public struct Step: Sendable {
        public var waitingFor: String?
        public var input: [RawInput]
        /// How long after the previous step this one comes, at the least.
        public var pause: Duration = .zero

        public init(after text: String? = nil, _ input: [RawInput]) {
            waitingFor = text
            self.input = input
        }

        /// Nothing typed for a while (a user reading, a body arriving).
        public static func wait(_ pause: Duration) -> Step {
            var step = Step([])
            step.pause = pause
            return step
        }

        /// Keys to press once `text` shows.
        public static func keys(after text: String? = nil, _ keys: KeyPress...) -> Step {
            Step(after: text, keys.map(RawInput.key))
        }

        /// Text to type once `text` shows.
        public static func type(after text: String? = nil, _ typed: String) -> Step {
            Step(after: text, typed.unicodeScalars.map(RawInput.scalar))
        }
    }

    public var size: Size {
        didSet { screen.resize(size) }
    }
    public var capabilities: TerminalCapabilities
    /// What the user does, in order; when it runs out, the terminal's input ends.
    public var script: [Step] = []
    /// How long a step waits for its text before the script gives up (and input ends).
    public var patience: Duration = .seconds(20)
    /// The text a step waited for in vain, with the screen at that moment.
    public private(set) var stalled: (text: String, screen: String)?
    /// When each step's input was handed over, in order (to time how soon the screen answers).
    public private(set) var deliveries: [ContinuousClock.Instant] = []
    public private(set) var written: [UInt8] = []
    /// When each write came (with `deliveries`, how long a key took to reach the screen).
    public private(set) var writeTimes: [ContinuousClock.Instant] = []
    public private(set) var screen: ScreenEmulator
    public private(set) var suspensions = 0
    public private(set) var restored = false
    private var waitingSince: ContinuousClock.Instant?

    public init(size: Size, capabilities: TerminalCapabilities = TerminalCapabilities()) {
        self.size = size
        self.capabilities = capabilities
        screen = ScreenEmulator(size: size)
    }

    public func readInput(timeout: Duration) -> [RawInput] {
        guard let step = script.first else { return [.endOfInput] }
        if let previous = deliveries.last, ContinuousClock.now - previous < step.pause {
            Thread.sleep(forTimeInterval: 0.005)
            return []
        }
        if let text = step.waitingFor, !screen.frame.text.contains(text) {
            let since = waitingSince ?? .now
            waitingSince = since
            if ContinuousClock.now - since > patience {
                stalled = (text, screen.frame.text)
                script = []
                return [.endOfInput]
            }
            // Like a terminal with no key pressed yet: wait a little, not the whole timeout.
            Thread.sleep(forTimeInterval: 0.005)
            return []
        }
        waitingSince = nil
        script.removeFirst()
        deliveries.append(.now)
        return step.input
    }

    public func write(_ bytes: [UInt8]) {
        writeTimes.append(.now)
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
