/// The `specter` command line: dispatches to a command and renders usage errors and help.
public enum Specter {
    public static let version = "0.1.0"

    static let commands: [(spec: CommandSpec, run: @Sendable (ParsedArguments, CLIEnvironment) async -> ExitStatus)] = [
        (ListCommand.spec, ListCommand.run),
        (ShowCommand.spec, ShowCommand.run),
        (ValidateCommand.spec, ValidateCommand.run),
        (ExampleCommand.spec, ExampleCommand.run),
        (CallCommand.spec, CallCommand.run),
    ]

    static var overview: String {
        var text = """
            Specter \(version): explore and call HTTP APIs from their OpenAPI description, in the terminal.

            Usage: specter <command> [options] [arguments]

            Commands:

            """
        for command in commands {
            text += "  " + command.spec.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.spec.summary + "\n"
        }
        text += "\nRun 'specter <command> --help' for a command's options.\n"
        return text
    }

    /// Runs a whole command line and returns the exit status; all output goes through `environment`.
    public static func run(_ arguments: [String], environment: CLIEnvironment) async -> ExitStatus {
        guard let first = arguments.first else {
            environment.stdout.write(overview)
            return .success
        }
        if first == "--help" || first == "-h" || first == "help" {
            if arguments.count > 1, let command = commands.first(where: { $0.spec.name == arguments[1] }) {
                environment.stdout.write(command.spec.help)
            } else {
                environment.stdout.write(overview)
            }
            return .success
        }
        if first == "--version" {
            environment.stdout.write("specter \(version)\n")
            return .success
        }
        guard let command = commands.first(where: { $0.spec.name == first }) else {
            environment.stderr.write("specter: unknown command '\(first)'\n\n" + overview)
            return .usage
        }
        do {
            let parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), for: command.spec)
            if parsed.wantsHelp {
                environment.stdout.write(command.spec.help)
                return .success
            }
            return await command.run(parsed, environment)
        } catch {
            environment.stderr.write("specter: \(error.message)\nRun 'specter \(command.spec.name) --help' for usage.\n")
            return .usage
        }
    }
}
