extension Unicode.Scalar {
    /// The value of a hexadecimal digit (`0`–`9`, `a`–`f`, `A`–`F`), as JSON's `\u` escapes and
    /// percent-encoding write them; nil for any other character.
    public var hexDigitValue: UInt32? {
        switch self {
        case "0"..."9": return value - 0x30
        case "a"..."f": return value - 0x61 + 10
        case "A"..."F": return value - 0x41 + 10
        default: return nil
        }
    }
}
