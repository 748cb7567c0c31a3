/// Specter's version: what `--version` prints and what requests say they come from (`User-Agent`).
public enum SpecterVersion {
    public static let current = "0.1.0"

    /// `specter/0.1.0`
    public static var userAgent: String { "specter/" + current }
}
