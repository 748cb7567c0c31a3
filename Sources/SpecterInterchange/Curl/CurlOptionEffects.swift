import SpecterJSON

/// What each option does to the invocation being read.
extension CurlArgumentParser {
    /// Records the option; false when it ends what this command sends (`--next`).
    mutating func apply(_ option: CurlOption, argument: CurlInvocation.Argument?, written word: ShellWord) -> Bool {
        if let argument {
            applyWithArgument(option.effect, argument, word: word)
        } else {
            return applyFlag(option.effect, word: word)
        }
        return true
    }

    private mutating func applyWithArgument(_ effect: CurlOption.Effect, _ argument: CurlInvocation.Argument, word: ShellWord) {
        switch effect {
        case .method: invocation.method = argument.text
        case .header: invocation.headers.append(argument)
        case .data(let kind): invocation.data.append(CurlInvocation.DataArgument(kind: kind, argument: argument))
        case .form(let literal): invocation.form.append(CurlInvocation.FormArgument(isLiteral: literal, argument: argument))
        case .user: invocation.user = argument
        case .bearerToken: invocation.bearerToken = argument.text
        case .cookie: invocation.cookies.append(argument)
        case .userAgent: invocation.userAgent = argument.text
        case .referer: invocation.referer = argument.text
        case .url: invocation.urls.append(argument)
        case .urlQuery: invocation.urlQueries.append(argument)
        case .uploadFile: invocation.uploadFile = argument
        // The option is named, never its argument: it may be a password (`--proxy-user u:p`, `-E cert:pw`).
        case .notCarried(let message): note("\(message) (\(word.text))", at: word.position)
        default: break
        }
    }

    private mutating func applyFlag(_ effect: CurlOption.Effect, word: ShellWord) -> Bool {
        switch effect {
        case .authScheme(let scheme): invocation.authScheme = scheme
        case .dataInQuery: invocation.sendsDataInQuery = true
        case .compressed: invocation.isCompressed = true
        case .head: invocation.isHead = true
        case .notCarried(let message): note(message, at: word.position)
        case .next:
            note("--next starts another transfer; only the first is imported", at: word.position)
            return false
        default: break
        }
        return true
    }
}
