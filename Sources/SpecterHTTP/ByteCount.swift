import Foundation

/// Sizes in bytes as people read and write them: `68 bytes`, `1.5 KB`, `500.0 MB`; `500M`, `1G`, `1GiB`.
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) byte\(bytes == 1 ? "" : "s")"
        case ..<(1 << 20): return String(format: "%.1f KB", Double(bytes) / 1024)
        case ..<(1 << 30): return String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
        default: return String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
        }
    }

    /// `1048576`, `512K`, `500M`, `1G` (also `KB`/`KiB`, `MB`/`MiB`, `GB`/`GiB`; binary multiples, any case); `nil` if it is not a size.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        var unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        for suffix in ["IB", "B"] where unit.hasSuffix(suffix) && unit.count > suffix.count - (suffix == "B" ? 1 : 0) {
            unit = String(unit.dropLast(suffix.count))
            break
        }
        let multipliers: [String: Double] = ["": 1, "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024]
        guard let value = Double(digits), value >= 0, let multiplier = multipliers[unit] else { return nil }
        let bytes = value * multiplier
        return bytes < Double(Int.max / 2) ? Int(bytes) : nil
    }
}
