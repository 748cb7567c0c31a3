/// FNV-1a, 64 bits: enough to tell whether content changed (a file since it was read, a description
/// since a collection was synced with it, a name made into a file name). Not for security.
public enum ContentFingerprint {
    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// As 16 hex digits.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let text = String(of(bytes), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
