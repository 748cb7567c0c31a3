import Foundation
import SpecterCLI
import TestSupport

/// Runs `specter` in-process with captured output.
struct CLIRun {
    var status: ExitStatus
    var stdout: String
    var stderr: String
}

func specter(_ arguments: String..., terminal: Bool = false, variables: [String: String] = [:]) async -> CLIRun {
    await specter(arguments, terminal: terminal, variables: variables)
}

func specter(_ arguments: [String], terminal: Bool = false, variables: [String: String] = [:], input: String? = nil) async -> CLIRun {
    let out = BufferSink(), err = BufferSink()
    let environment = CLIEnvironment(
        stdout: out, stderr: err, variables: variables, stdoutIsTerminal: terminal, workingDirectory: Fixtures.packageRoot,
        standardInput: { limit in input.map { Array($0.utf8) }.flatMap { $0.count <= limit ? $0 : nil } })
    let status = await Specter.run(arguments, environment: environment)
    return CLIRun(status: status, stdout: out.text, stderr: err.text)
}
