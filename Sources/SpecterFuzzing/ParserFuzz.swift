import SpecterJSON
import SpecterYAML

/// JSON: what parses writes back and parses to the same value, compact and pretty.
enum JSONFuzz {
    static func run(_ data: [UInt8]) {
        guard let value = try? JSONParser.parse(data) else { return }
        for writer in [JSONWriter.compact, JSONWriter.pretty] {
            let text = writer.string(value)
            FuzzCheck.require((try? JSONParser.parse(text)) == value, "JSON did not survive a round trip through \(writer)")
        }
    }
}

/// YAML: what loads writes out as JSON that parses to the same value; errors have a position.
enum YAMLFuzz {
    static func run(_ data: [UInt8]) {
        var loader = YAMLLoader()
        loader.expansionBudget = 100_000
        do {
            let value = try loader.load(data)
            FuzzCheck.require((try? JSONParser.parse(JSONWriter.compact.string(value))) == value, "loaded YAML did not survive JSON")
        } catch {
            FuzzCheck.require(!error.message.isEmpty, "a YAML error without a message")
        }
    }
}
