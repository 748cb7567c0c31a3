import Foundation
import SpecterHTTP
import SpecterRequest

/// `specter replay`'s options, read and checked before anything runs.
struct ReplayOptions {
    /// A report and where it goes (standard output when `file` is nil).
    struct Report {
        var format: ReplayReportFormat
        var file: String?
    }

    var settings = ReplaySettings()
    var http = HTTPOptions(totalTimeout: .seconds(30))
    var variables: [String: String] = [:]
    var reports: [Report] = []
    var strictFormats = false

    /// The options; nil after reporting a problem.
    static func read(_ arguments: ParsedArguments, _ environment: CLIEnvironment) -> ReplayOptions? {
        var options = ReplayOptions()
        func fail(_ message: String) -> ReplayOptions? {
            environment.stderr.write("specter: \(message)\n")
            return nil
        }
        func count(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int? {
            guard let text = arguments.value(name) else { return fallback }
            guard let value = Int(text), range.contains(value) else { return nil }
            return value
        }
        guard let jobs = count("--jobs", default: 1, range: 1...256) else { return fail("--jobs takes a number from 1 to 256") }
        guard let retries = count("--retries", default: 0, range: 0...100) else { return fail("--retries takes a number from 0 to 100") }
        guard let delay = count("--delay", default: 0, range: 0...3_600_000) else { return fail("--delay takes milliseconds (0 to 3600000)") }
        guard let repeatCount = count("--repeat", default: 1, range: 1...100_000) else { return fail("--repeat takes a number from 1 to 100000") }
        options.settings.jobs = jobs
        options.settings.retries = retries
        options.settings.delay = .milliseconds(delay)
        options.settings.repeatCount = repeatCount
        options.settings.failFast = arguments.flag("--fail-fast")
        options.settings.checksDescription = !arguments.flag("--no-check")
        options.strictFormats = arguments.flag("--strict-formats")
        if arguments.flag("--record"), arguments.flag("--compare") { return fail("--record and --compare do not go together: record once, then compare") }
        if arguments.flag("--record") { options.settings.recording = .record }
        if arguments.flag("--compare") { options.settings.recording = .compare }
        if options.settings.recording != .off, repeatCount > 1 { return fail("--record and --compare take one response per request: leave out --repeat") }
        if let text = arguments.value("--timeout") {
            guard let seconds = Double(text), seconds > 0, seconds <= 86_400 else { return fail("--timeout takes a number of seconds, not \(TextStyle.safe(text))") }
            options.http.totalTimeout = .milliseconds(Int(seconds * 1000))
            options.http.idleTimeout = min(options.http.idleTimeout, options.http.totalTimeout)
        }
        for text in arguments.all("--var") {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return fail("--var takes NAME=VALUE, not \"\(TextStyle.safe(text))\"") }
            options.variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        guard let reports = reports(arguments, fail: { environment.stderr.write("specter: \($0)\n") }) else { return nil }
        options.reports = reports
        return options
    }

    /// `--report FORMAT[:FILE]`, with `--output FILE` for the last one without a file; at most one to standard output.
    private static func reports(_ arguments: ParsedArguments, fail: (String) -> Void) -> [Report]? {
        var reports: [Report] = []
        for text in arguments.all("--report") {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard let format = parts.first.flatMap(ReplayReportFormat.init(rawValue:)) else {
                fail("unknown --report \(TextStyle.safe(text)): use json, junit, tap or text (FORMAT:FILE writes it to FILE)")
                return nil
            }
            let file = parts.count > 1 ? parts[1] : nil
            if file?.isEmpty == true {
                fail("--report \(format.rawValue): names no file after the colon (leave it out, or use \(format.rawValue):- for standard output)")
                return nil
            }
            reports.append(Report(format: format, file: file == "-" ? nil : file))
        }
        if let output = arguments.value("--output") {
            guard let last = reports.lastIndex(where: { $0.file == nil }) else {
                fail("--output names the file of a --report: add --report json, junit or tap")
                return nil
            }
            reports[last].file = output
        }
        if reports.filter({ $0.file == nil && $0.format != .text }).count > 1 {
            fail("only one report can go to standard output: give the others a file (--report junit:report.xml)")
            return nil
        }
        return reports
    }
}
