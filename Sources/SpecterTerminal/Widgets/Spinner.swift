/// A spinner frame for a tick count: the caller's clock drives it, so frames are deterministic in tests.
public enum Spinner {
    public static let frames: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    public static func frame(_ tick: Int) -> String {
        String(frames[((tick % frames.count) + frames.count) % frames.count])
    }
}
