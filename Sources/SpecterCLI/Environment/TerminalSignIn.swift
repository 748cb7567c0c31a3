import Foundation
import SpecterRequest

/// OAuth2 sign-in for `call` and `replay` (the authorization code and device grants): what the user
/// must do goes to standard error, so standard output stays the response; a browser opens where
/// there is a display to open it on; a refresh token is kept in the secrets file only with
/// `--save-token`. Tokens themselves are never written here.
enum TerminalSignIn {
    static let saveTokenOption = OptionSpec.flag(
        "--save-token", "After an OAuth2 sign-in (authorization code or device), keep the refresh token in your secrets file so later runs need no sign-in.")

    static func make(_ arguments: ParsedArguments, _ environment: CLIEnvironment) -> OAuthSignIn {
        let opener = browserOpener(environment.variables)
        let keeper = OAuthTokenKeeper.secretsFile(SecretsFile(environment: environment.variables), saves: arguments.flag(saveTokenOption.name))
        let stderr = environment.stderr
        return OAuthSignIn(prefersBrowser: opener != nil, keeper: keeper) { prompt in
            stderr.write(words(prompt, opening: opener != nil))
            if case .authorize(let url) = prompt, let opener { open(url, with: opener) }
        }
    }

    /// What the user must do, in this command's words; everything the server sent is sanitised.
    static func words(_ prompt: OAuthPrompt, opening: Bool) -> String {
        switch prompt {
        case .authorize(let url):
            return "specter: sign in \(opening ? "in the browser that opens, or open" : "by opening") this address in a browser on this machine:\n"
                + "  \(TextStyle.safe(url.absoluteString))\n"
                + "specter: waiting for the sign-in (Ctrl-C stops); over SSH, use the scheme's device flow instead (\"flow\": \"deviceAuthorization\")\n"
        case .enterCode(let code):
            let minutes = max(1, Int(code.expiresIn.components.seconds / 60))
            return "specter: to sign in, open \(TextStyle.safe(code.verificationURL)) on any device and enter the code \(TextStyle.safe(code.userCode))\n"
                + (code.verificationURLComplete.map { "  (or open \(TextStyle.safe($0)))\n" } ?? "")
                + "specter: waiting for the sign-in, at most \(minutes) min (Ctrl-C stops)\n"
        }
    }

    /// `xdg-open`, when there is a display for it to open a browser on.
    static func browserOpener(_ variables: [String: String]) -> URL? {
        guard !(variables["DISPLAY"] ?? "").isEmpty || !(variables["WAYLAND_DISPLAY"] ?? "").isEmpty else { return nil }
        let folders = (variables["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return folders.lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent("xdg-open") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Starts the browser and leaves it running; its own output would only clutter the terminal.
    private static func open(_ url: URL, with opener: URL) {
        let process = Process()
        process.executableURL = opener
        process.arguments = [url.absoluteString]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
