import SpecterJSON

/// What one curl command line asked for, option by option, before any file is read: the
/// arguments with their places, so the request can be built and every note can say where.
struct CurlInvocation: Sendable {
    struct Argument: Sendable, Equatable {
        var text: String
        var position: TextPosition
    }

    struct DataArgument: Sendable, Equatable {
        var kind: CurlDataKind
        var argument: Argument
    }

    struct FormArgument: Sendable, Equatable {
        var isLiteral: Bool
        var argument: Argument
    }

    var urls: [Argument] = []
    var method: String?
    var headers: [Argument] = []
    var data: [DataArgument] = []
    var form: [FormArgument] = []
    var user: Argument?
    var authScheme: CurlAuthScheme = .basic
    var bearerToken: String?
    var cookies: [Argument] = []
    var userAgent: String?
    var referer: String?
    var sendsDataInQuery = false
    var urlQueries: [Argument] = []
    var isCompressed = false
    var isHead = false
    var uploadFile: Argument?
    var notes: [ShellRemark] = []
}
