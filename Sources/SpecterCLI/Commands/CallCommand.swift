import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterText

/// `specter call`: sends one request for an operation and shows the response and whether it matches the description.
enum CallCommand {
    static let spec = CommandSpec(
        name: "call", summary: "Send one request for an operation (or a collection's saved request) and show the response, checked against the description.",
        arguments: "SPEC_OR_URL OPERATION | SAVED_REQUEST.yaml",
        options: [
            .value("--param", short: "-p", "NAME=VALUE", "A parameter value (repeat for each; repeat a name for an array; location:NAME=VALUE when names clash)."),
            .value("--body", "JSON|@FILE", "The request body: JSON text, @file (JSON or YAML), or @- for standard input."),
            .value("--media-type", "TYPE", "The body's media type when the operation accepts several."),
            .value("--header", short: "-H", "'NAME: VALUE'", "An extra header (repeatable)."),
            .value("--server", "URL", "Send to this URL instead of the description's server."),
            .value("--server-var", "NAME=VALUE", "A value for a server variable (repeatable)."),
            .value("--auth", "SCHEME=VALUE", "A credential for a security scheme; VALUE may be env:VARIABLE, secret:NAME (from your secrets file) or {{variable}}. OAuth2: a JSON object {\"client_id\": …, \"client_secret\": \"env:…\"} (or client_id=…,client_secret=…); with an authorization code or device flow Specter signs in (\"flow\" chooses)."),
            TerminalSignIn.saveTokenOption,
            .value("--var", "NAME=VALUE", "A value for {{NAME}} wherever the request uses it (repeatable)."),
            .value("--draft", "FILE", "Start from a request draft (a JSON or YAML file); the other options change it."),
            .value("--format", "FORMAT", "text (default) or json: one record with request, response, timing and verdict."),
            .flag("--dry-run", "Print the request instead of sending it."),
            .flag("--curl", "Print the request as a curl command instead of sending it."),
            .flag("--check-status", "Exit 1 when the status is 4xx/5xx or the response does not match its schema."),
            .flag("--strict-formats", "Count a response value without its documented format (a date-time without offset …) as a mismatch, not a warning."),
            .flag("--no-validate", "Send even when the input does not match its schemas."),
            .flag("--verbose", short: "-v", "Also show the request sent, the proxy used and redirects followed."),
            .value("--timeout", "SECONDS", "Deadline for the whole exchange (default 120); for a stream, how long to read it (default: until it ends)."),
            .value("--connect-timeout", "SECONDS", "Longest wait for the connection or between bytes (default 30)."),
            .flag("--no-follow", "Do not follow redirects."),
            .value("--max-redirects", "N", "Follow at most N redirects (default 10)."),
            .flag("--allow-insecure-redirects", "Follow a redirect from https to http."),
            .value("--output", short: "-o", "FILE", "Write the response body to FILE as it arrives (only a summary is printed)."),
            .value("--max-body", "SIZE", "Largest response body to accept, after decompression (default 1G; 500M, 2G …)."),
            .flag("--show-secrets", "Show credentials in printed requests (they are masked by default)."),
        ] + EnvironmentOptions.options("Use this environment (the collection's environments/NAME.yaml, or of the --environments file): its server, variables and credentials, where other options do not say.")
            + SpecOptions.options,
        discussion: """
            Exit status: 0 on a response; 1 with --check-status on a 4xx/5xx or a schema mismatch; 2 on usage or load
            errors and invalid input; 3 when no response arrived (connection refused, DNS, timeout, TLS …).
            A stream (text/event-stream, application/jsonl, application/json-seq) is printed event by event as it
            arrives (--format json: one record per line) until the server closes it, --timeout or Ctrl-C: exit 0.
            """,
        positionalCount: 1...2)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        let target: CallTarget
        switch await CallTarget.resolve(arguments, environment) {
        case .success(let resolved): target = resolved
        case .failure(let failure): return failure.status
        }
        let (service, operation) = (target.service, target.operation)
        let format = arguments.value("--format") ?? "text"
        guard format == "text" || format == "json" else {
            environment.stderr.write("specter: unknown --format \(format): use text or json\n")
            return .usage
        }
        guard let named = target.environment(arguments, environment) else { return .usage }
        let resolved: ResolvedDraft
        var draft: RequestDraft
        var variables: [String: String] = [:]
        var scope = VariableScope(environment: environment.variables)
        do {
            draft = try CallDraft.make(arguments, operation: operation, service: service, saved: target.saved, environment)
            if let named { draft = named.applied(to: draft, schemes: operation.securitySchemeNames(in: service.document)) }
            if draft.server == nil, let server = target.server { draft.server = .url(server) }
            // From weakest to strongest: the collection's variables, the environment's, --var.
            let given = try CallDraft.variables(arguments)
            variables = target.variables.merging(named?.variables ?? [:]) { $1 }.merging(given) { $1 }
            scope = VariableScope(files: [target.variables, named?.variables ?? [:]], overrides: given, environment: environment.variables)
            if draft.usesSecrets || scope.needsSecrets { scope.secrets = try SecretsFile(environment: environment.variables).load() }
            resolved = try draft.resolved(in: scope, for: operation, documents: service.document.documents)
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(String(describing: error)))\n")
            return .usage
        }
        if !arguments.flag("--no-validate") {
            let problems = service.problems(in: resolved.input, for: operation)
            if !problems.isEmpty {
                environment.stderr.write("specter: the request does not match the description (--no-validate sends it anyway):\n")
                for problem in problems { environment.stderr.write("  \(TextStyle.safe(problem.description))\n") }
                return .usage
            }
        }
        guard let options = httpOptions(arguments, environment) else { return .usage }
        var runner = RequestRunner(client: environment.httpClient, options: options, signIn: TerminalSignIn.make(arguments, environment))
        runner.strictFormats = arguments.flag("--strict-formats")
        let builder = RequestBuilder(document: service.document, operation: operation, workingDirectory: target.filesFolder ?? environment.workingDirectory)
        var built: BuiltRequest
        do {
            built = try await runner.prepare(builder, input: resolved.input, credentials: resolved.credentials,
                                             sending: !arguments.flag("--dry-run") && !arguments.flag("--curl"))
            // What the environment gave (`env:NAME` references, `{{$env NAME}}` in the request) is kept out of what is printed, as in replay.
            let read = Placeholders.environmentNames(in: JSONWriter.compact.string(draft.json)).compactMap { environment.variables[$0] }
            built.redactor = built.redactor.adding(scope.referencedValues + read)
        } catch {
            var message = error.description
            if case .build(let buildError) = error, buildError.needsServer { message += "; pass --server URL (for example --server http://127.0.0.1:8000)" }
            if case .build(let buildError) = error, let name = buildError.missingPathParameter { message += " (-p \(name)=VALUE)" }
            environment.stderr.write("specter: \(TextStyle.safe(message))\n")
            return .usage
        }
        if let unused = built.warnings.first(where: { if case .unusedCredential = $0 { return true } else { return false } }),
           case .unusedCredential(let scheme, let usable) = unused {
            environment.stderr.write("specter: --auth \(TextStyle.safe(scheme)): \(TextStyle.safe(operation.displayID)) does not use this scheme"
                + (usable.isEmpty ? " (it needs no credential)" : "; pass --auth \(usable.joined(separator: "=… or --auth "))=…") + "\n")
            return .usage
        }
        let redactor = arguments.flag("--show-secrets") ? Redactor.none : built.redactor
        for warning in built.warnings { environment.stderr.write("specter: warning: \(TextStyle.safe(words(warning, operation: operation)))\n") }
        let printer = CallPrinter(style: TextStyle(enabled: environment.usesColor), redactor: redactor)
        if arguments.flag("--curl") {
            environment.stdout.write(TextStyle.safeLines(CurlCommand.render(built, redactor: redactor)).joined(separator: "\n") + "\n")
            return .success
        }
        if arguments.flag("--dry-run") {
            environment.stdout.write(format == "json" ? JSONWriter.pretty.string(["request": printer.requestRecord(built)]) + "\n" : printer.request(built))
            return .success
        }
        let sentAt = ContinuousClock.now
        let exchange: Exchange
        if RequestRunner.expectsStream(operation, request: built.request) {
            switch await runner.open(built, for: operation, service: service) {
            case .whole(let whole):
                exchange = whole
            case .stream(let stream):
                HistoryLog(source: target.source, environment: environment.variables).append(HistoryRecord(draft: draft, exchange: stream.exchange, sentAt: Date(), variables: variables))
                let settings = CallStream.Settings(json: format == "json", limit: arguments.value("--timeout") == nil ? nil : options.totalTimeout,
                                                   checkStatus: arguments.flag("--check-status"))
                return await CallStream.run(stream, settings: settings, printer: StreamPrinter(style: printer.style, redactor: redactor), sentAt: sentAt, environment)
            }
        } else {
            exchange = await runner.send(built, for: operation, service: service)
        }
        HistoryLog(source: target.source, environment: environment.variables).append(HistoryRecord(draft: draft, exchange: exchange, sentAt: Date(), variables: variables))
        switch exchange.result {
        case .failure(let error):
            if format == "json" {
                environment.stdout.write(JSONWriter.pretty.string(["request": printer.requestRecord(built), "error": .string(error.description)]) + "\n")
            }
            environment.stderr.write("specter: \(TextStyle.safe(error.description))\(hint(for: error))\n")
            return .transport
        case .success(let response):
            if let path = arguments.value("--output") {
                do {
                    try response.body.keep(at: outputURL(path, environment))
                } catch {
                    environment.stderr.write("specter: cannot save the body to \(TextStyle.safe(path)): \(error.localizedDescription)\n")
                    return .usage
                }
            }
            if format == "json" {
                environment.stdout.write(JSONWriter.pretty.string(printer.record(exchange, response: response)) + "\n")
            } else {
                if arguments.flag("--verbose") {
                    environment.stdout.write(printer.request(built))
                    if let proxy = ProxyResolver(environment: environment.variables).proxy(for: built.request.url) {
                        environment.stdout.write(printer.style.apply(.dim, "via proxy \(TextStyle.safe(redactor.redact(proxy)))") + "\n")
                    }
                    for hop in response.redirects {
                        environment.stdout.write(printer.style.apply(.dim, "redirect \(hop.status) → \(TextStyle.safe(redactor.redact(hop.to.absoluteString)))"
                            + (hop.dropped.isEmpty ? "" : " (dropped \(hop.dropped.map(TextStyle.safe).joined(separator: ", ")): another origin)")) + "\n")
                    }
                    environment.stdout.write("\n")
                }
                environment.stdout.write(printer.response(exchange, response: response, savedTo: arguments.value("--output")))
            }
            let failed = response.status >= 400 || !(exchange.verdict?.conforms ?? true)
            return arguments.flag("--check-status") && failed ? .failure : .success
        }
    }

    /// A warning in this command's words: what to pass to change it.
    private static func words(_ warning: RequestWarning, operation: APIOperation) -> String {
        switch warning {
        case .missingCredentials(let requirements):
            return "\(operation.displayID) needs " + requirements.map { $0.joined(separator: " + ") }.joined(separator: " or ") + "; pass --auth SCHEME=VALUE"
        case .unknownParameter(let name):
            return "\"\(name)\" is not a parameter of \(operation.displayID)" + Suggestion.phrase(for: name, among: operation.parameters.map(\.name))
                + "; sent as a query parameter"
        case .missingBody:
            return "\(operation.displayID) requires a request body (--body)"
        case .unusedCredential:
            return warning.description
        }
    }

    /// What the user can do about a failure, in this command's options.
    private static func hint(for error: TransportError) -> String {
        switch error {
        case .insecureRedirect: return " Pass --allow-insecure-redirects to follow it."
        case .bodyTooLarge: return " --max-body SIZE raises the limit; --output FILE keeps a large body out of memory."
        case .bodyExpands: return " If the body is genuine, ask for it uncompressed: -H 'Accept-Encoding: identity'."
        default: return ""
        }
    }

    private static func outputURL(_ path: String, _ environment: CLIEnvironment) -> URL {
        URL(fileURLWithPath: path, relativeTo: environment.workingDirectory).absoluteURL
    }

    private static func httpOptions(_ arguments: ParsedArguments, _ environment: CLIEnvironment) -> HTTPOptions? {
        var options = HTTPOptions()
        func seconds(_ name: String) -> Duration?? {
            guard let text = arguments.value(name) else { return .some(nil) }
            guard let value = Double(text), value > 0 else {
                environment.stderr.write("specter: \(name) takes a number of seconds, not \(TextStyle.safe(text))\n")
                return nil
            }
            return .some(.milliseconds(Int(value * 1000)))
        }
        guard let total = seconds("--timeout"), let idle = seconds("--connect-timeout") else { return nil }
        if let total { options.totalTimeout = total }
        if let idle { options.idleTimeout = idle }
        if let text = arguments.value("--max-body") {
            guard let bytes = ByteCount.parse(text), bytes > 0 else {
                environment.stderr.write("specter: --max-body takes a size such as 500M or 2G, not \(TextStyle.safe(text))\n")
                return nil
            }
            options.body.maxBytes = bytes
        }
        if let path = arguments.value("--output") {
            // The body goes to a file beside the destination from its first byte, renamed into place at the end.
            options.body.directory = outputURL(path, environment).deletingLastPathComponent()
            options.body.memoryBytes = 0
        }
        options.followRedirects = !arguments.flag("--no-follow")
        options.allowInsecureRedirects = arguments.flag("--allow-insecure-redirects")
        if let text = arguments.value("--max-redirects") {
            guard let count = Int(text), count >= 0 else {
                environment.stderr.write("specter: --max-redirects takes a number\n")
                return nil
            }
            options.maxRedirects = count
        }
        return options
    }
}
