import Foundation

/// A ```` ```graphql ```` body as Hurl sends it: the JSON request a GraphQL server reads,
/// `{"query":"…"}`, with `"variables"` when the block ends with `variables { … }`.
enum HurlGraphQL {
    static func requestJSON(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let variablesIndex = lines.firstIndex { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix("variables") && trimmed.dropFirst("variables".count).drop { $0 == " " || $0 == "\t" }.first == "{"
        }
        let queryLines = lines[..<(variablesIndex ?? lines.endIndex)]
        let query = queryLines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var json = "{\"query\":" + HurlCheckTranslation.jsonString(query)
        if let variablesIndex {
            var variables = lines[variablesIndex...].joined(separator: "\n").drop { $0 == " " || $0 == "\t" }
            variables = variables.dropFirst("variables".count)
            json += ",\"variables\":" + compacted(String(variables))
        }
        return json + "}"
    }

    /// JSON without the spaces and line breaks outside its strings.
    static func compacted(_ json: String) -> String {
        var output = ""
        var inString = false
        var escaped = false
        for character in json {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                output.append(character)
            } else if character == "\"" {
                inString = true
                output.append(character)
            } else if !character.isWhitespace {
                output.append(character)
            }
        }
        return output
    }
}
