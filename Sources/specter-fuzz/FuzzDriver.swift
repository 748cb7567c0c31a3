import Foundation
import SpecterFuzzing

// The libFuzzer driver for `scripts/fuzz TARGET SECONDS`. Built with `-D SPECTER_FUZZ` and
// `-sanitize=fuzzer,address` it hands every input to the chosen `FuzzTarget`; an ordinary build
// (which has no libFuzzer to link) only says how to run it.

#if SPECTER_FUZZ
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The target chosen on the command line; libFuzzer's callback is a C function and cannot capture it.
nonisolated(unsafe) private var chosen = FuzzTarget.json

/// SwiftPM names an executable's entry point after its target.
@_cdecl("specter_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    guard argc >= 2, let argv, let name = argv[1].map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("usage: specter-fuzz TARGET [libFuzzer options] [CORPUS…]; targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        return 2
    }
    chosen = target
    // libFuzzer sees the program name and the options after the target.
    var arguments: [UnsafeMutablePointer<CChar>?] = [argv[0]] + (2..<Int(argc)).map { argv[$0] } + [nil]
    var count = argc - 1
    return arguments.withUnsafeMutableBufferPointer { buffer in
        var base = buffer.baseAddress
        return runDriver(&count, &base) { data, size in
            chosen.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        }
    }
}
#else
@main
enum FuzzDriver {
    static func main() {
        print("specter-fuzz is built for fuzzing by scripts/fuzz TARGET SECONDS (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))).")
    }
}
#endif
