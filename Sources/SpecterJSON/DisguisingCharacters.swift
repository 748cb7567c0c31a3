extension Unicode.Scalar {
    /// DEL, C1 controls (U+0080–U+009F, which some terminals obey), bidirectional marks, overrides and
    /// isolates, and line/paragraph separators: characters that can act on a terminal or disguise text
    /// in a viewer. Wherever Specter writes outside text (JSON, paths, reports) they are escaped.
    public var canDisguiseText: Bool {
        switch value {
        case 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
