import SpecterRequest
import SpecterTerminal

/// An OAuth2 sign-in in the explorer: the dialog says what to do while the request waits; it goes
/// once no request waits any more, and cancelling it cancels the requests waiting.
extension Workspace {
    mutating func showSignIn(_ prompt: OAuthPrompt, browserOpened: Bool) {
        guard hasRequestInFlight else { return }
        var lines: [[Span]]
        switch prompt {
        case .authorize(let url):
            lines = [[Span(browserOpened ? "Sign in in the browser that opened, or open this address on this machine:" : "Open this address in a browser on this machine and sign in:")],
                     [Span(url.absoluteString, .bold)],
                     [Span("Over SSH, use the scheme's device flow instead (\"flow\": \"deviceAuthorization\" in F2).", .dim)]]
        case .enterCode(let code):
            lines = [[Span("On any device, open "), Span(code.verificationURL, .bold)],
                     [Span("and enter the code  "), Span(code.userCode, .bold)]]
            if let complete = code.verificationURLComplete { lines.append([Span("(or open \(complete))", .dim)]) }
        }
        lines.append([Span("Waiting for the sign-in… the request is sent once it is done.", .dim)])
        overlay = .signIn(Dialog(title: "OAuth2 sign-in", lines: lines, choices: ["Hide", "Cancel sign-in"], selected: 0))
    }

    /// Stops every request waiting (for the sign-in, as far as the explorer can tell).
    mutating func cancelSigningIn(_ context: UpdateContext) -> [Effect] {
        overlay = nil
        return sessions.keys.sorted().flatMap { cancel($0, context) }
    }

    /// A request finished: the sign-in dialog goes when nothing waits for it.
    mutating func closeSignInIfDone() {
        if case .signIn? = overlay, !hasRequestInFlight { overlay = nil }
    }
}
