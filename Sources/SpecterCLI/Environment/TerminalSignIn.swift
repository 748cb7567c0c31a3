import Foundation
import SpecterApp
import SpecterRequest

/// OAuth2 sign-in for `call` and `replay` (the authorization code and device grants): what the user
/// must do goes to standard error, so standard output stays the response; a browser opens where
/// there is a display to open it on; a refresh token is kept in the secrets file only with
/// `--save-token`. Tokens themselves are never written here.
enum TerminalSignIn {
    static let saveTokenOption = OptionSpec.flag(
        "--save-token", "After an OAuth2 sign-in (authorization code or device), keep the refresh token in your secrets file so later runs need no sign-in.")

    static func make(_ arguments: ParsedArguments, _ environment: CLIEnvironment) -> OAuthSignIn {
        let opener = BrowserOpener.find(environment.variables)
        let keeper = OAuthTokenKeeper.secretsFile(SecretsFile(environment: environment.variables), saves: arguments.flag(saveTokenOption.name))
        let stderr = environment.stderr
        return OAuthSignIn(prefersBrowser: opener != nil, keeper: keeper) { prompt in
            stderr.write(words(prompt, opening: opener != nil))
            if case .authorize(let url) = prompt, let opener { BrowserOpener.open(url, with: opener) }
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
}
