// swift-tools-version:6.0
// Specter: a terminal API explorer. No package dependencies: system C libraries only.
import PackageDescription

let package = Package(
    name: "Specter",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "specter", targets: ["specter"]),
        .executable(name: "specter-bench", targets: ["specter-bench"]),
        .executable(name: "specter-fuzz", targets: ["specter-fuzz"]),
    ],
    targets: [
        // System libraries (the only C code we link).
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // ncursesw is found without pkg-config, whose -D flags SwiftPM would drop with a warning (the shim defines them).
        .systemLibrary(name: "CNcursesw"),

        // Pure core: no terminal, no global state.
        .target(name: "SpecterText"),
        .target(name: "SpecterJSON"),
        .target(name: "SpecterYAML", dependencies: ["SpecterJSON", "CYAML"]),
        .target(name: "SpecterHTTP", dependencies: ["SpecterJSON"]),
        .target(name: "SpecterSpec", dependencies: ["SpecterJSON", "SpecterYAML", "SpecterHTTP"]),
        .target(name: "SpecterSchema", dependencies: ["SpecterJSON", "SpecterSpec"]),
        .target(name: "SpecterRequest", dependencies: ["SpecterJSON", "SpecterYAML", "SpecterSpec", "SpecterSchema", "SpecterHTTP"]),
        .target(name: "SpecterInterchange", dependencies: ["SpecterJSON", "SpecterHTTP", "SpecterSpec", "SpecterRequest"]),

        // Terminal toolkit (knows nothing of OpenAPI) and its curses backend.
        .target(name: "SpecterTerminal", dependencies: ["SpecterText"]),
        .target(name: "SpecterCurses", dependencies: ["SpecterTerminal", "CNcursesw"]),

        // The explorer and the command line.
        .target(name: "SpecterApp", dependencies: ["SpecterText", "SpecterJSON", "SpecterSpec", "SpecterSchema", "SpecterRequest", "SpecterHTTP", "SpecterTerminal", "SpecterInterchange"]),
        .target(name: "SpecterCLI", dependencies: ["SpecterText", "SpecterJSON", "SpecterYAML", "SpecterSpec", "SpecterSchema", "SpecterRequest", "SpecterHTTP", "SpecterTerminal", "SpecterCurses", "SpecterApp", "SpecterInterchange"]),
        .executableTarget(name: "specter", dependencies: ["SpecterCLI"]),
        // Fuzzing: the targets (a library, so tests replay the crash corpus) and the libFuzzer driver (scripts/fuzz).
        .target(name: "SpecterFuzzing", dependencies: ["SpecterJSON", "SpecterYAML", "SpecterSpec", "SpecterSchema", "SpecterTerminal", "SpecterRequest", "SpecterInterchange"]),
        .executableTarget(name: "specter-fuzz", dependencies: ["SpecterFuzzing"], path: "Sources/specter-fuzz"),
        .executableTarget(name: "specter-bench", dependencies: ["SpecterJSON", "SpecterYAML", "SpecterSpec", "SpecterSchema", "SpecterHTTP", "SpecterRequest", "SpecterTerminal", "SpecterApp", "CYAML"], path: "Sources/specter-bench"),

        .target(name: "TestSupport", dependencies: ["SpecterJSON", "SpecterTerminal"], path: "Tests/TestSupport"),
        .testTarget(name: "SpecterJSONTests", dependencies: ["SpecterJSON", "TestSupport"]),
        .testTarget(name: "SpecterYAMLTests", dependencies: ["SpecterYAML", "TestSupport"]),
        .testTarget(name: "SpecterHTTPTests", dependencies: ["SpecterHTTP", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SpecterSpecTests", dependencies: ["SpecterSpec", "SpecterSchema", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SpecterSchemaTests", dependencies: ["SpecterSchema", "SpecterSpec", "SpecterJSON", "SpecterYAML", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SpecterRequestTests", dependencies: ["SpecterRequest", "SpecterHTTP", "SpecterSpec", "SpecterSchema", "SpecterJSON", "SpecterYAML", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SpecterInterchangeTests", dependencies: ["SpecterInterchange", "SpecterRequest", "SpecterSpec", "SpecterJSON", "SpecterYAML", "SpecterHTTP", "TestSupport"]),
        .testTarget(name: "SpecterTerminalTests", dependencies: ["SpecterTerminal", "SpecterText", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SpecterAppTests", dependencies: ["SpecterApp", "SpecterCLI", "SpecterTerminal", "SpecterSpec", "SpecterRequest", "SpecterHTTP", "SpecterJSON", "TestSupport"],
                    exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "SpecterCLITests", dependencies: ["SpecterCLI", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SpecterFuzzingTests", dependencies: ["SpecterFuzzing", "TestSupport"], exclude: ["Regressions"]),
    ]
)
