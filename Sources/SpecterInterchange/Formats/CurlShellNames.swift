/// The shell variable each collection variable becomes in a curl script. Its spelling made safe
/// (`x-session-token` → `x_session_token`), except where that would lose a value: a name the shell or
/// every environment already sets (`PATH`, `HOME`, `IFS` …, whose value would win over the collection's
/// or break the script), a name another variable of the script takes (`pet-name` and `pet_name`), or
/// an environment variable the script reads (`{{$env TOKEN}}`). Those get `_` added until they are free,
/// and the export names them.
struct CurlShellNames {
    private var identifiers: [String: String] = [:]
    /// Variables whose shell name is not their own spelling made safe, in the order they are used.
    private(set) var renamed: [(name: String, identifier: String)] = []

    /// Names the shell (POSIX sh, or bash where it is /bin/sh) gives a meaning, or the environment of any
    /// login sets; also every `LC_…` and `BASH…`.
    static let reserved: Set<String> = [
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "PWD", "OLDPWD", "IFS", "PS1", "PS2", "PS4", "ENV", "CDPATH", "OPTIND", "OPTARG",
        "LINENO", "PPID", "LANG", "LANGUAGE", "TERM", "TMPDIR", "MAIL", "MAILCHECK", "MAILPATH", "HOSTNAME", "UID", "EUID",
        "RANDOM", "SECONDS", "SHLVL", "HISTFILE", "TZ", "DISPLAY", "OSTYPE", "HOSTTYPE", "MACHTYPE", "SHELLOPTS", "GROUPS",
        "FUNCNAME", "PIPESTATUS", "DIRSTACK", "EPOCHSECONDS", "EPOCHREALTIME", "SRANDOM", "REPLY", "COLUMNS", "LINES",
    ]

    init(variables: [String], environment: [String]) {
        var taken = Set(environment.map(CurlScript.shellName))
        for name in variables {
            var identifier = CurlScript.shellName(name)
            let safe = identifier
            while taken.contains(identifier) || Self.reserved.contains(identifier) || identifier.hasPrefix("LC_") || identifier.hasPrefix("BASH") { identifier += "_" }
            taken.insert(identifier)
            identifiers[name] = identifier
            if identifier != safe { renamed.append((name, identifier)) }
        }
    }

    /// The shell name of a collection variable (or, for one not listed, its spelling made safe).
    func identifier(for name: String) -> String {
        identifiers[name] ?? CurlScript.shellName(name)
    }

    /// Every shell name the script's variables take.
    var taken: Set<String> { Set(identifiers.values) }
}
