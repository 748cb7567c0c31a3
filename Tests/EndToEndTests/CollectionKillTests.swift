import Foundation
import Testing
import TestSupport

/// Saving survives `kill -9` at any moment: a process saves one request 200 times, alternating a
/// short and a long version, and is killed at a random point; the file is then always one of the
/// two versions whole (never torn, never empty), and the collection still opens. Ten rounds.
@Suite struct CollectionKillTests {
    static let bench: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("specter-bench").path
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : Fixtures.package(".build/debug/specter-bench").path
    }()

    @Test func everySaveIsWholeWhateverMomentTheProcessIsKilled() async throws {
        let folder = try Fixtures.temporaryFolder("kill").appendingPathComponent("collection")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pets"), withIntermediateDirectories: true)
        try Data("spec: \(Fixtures.package("sample-specs/petstore.yaml").path)\n".utf8).write(to: folder.appendingPathComponent("collection.yaml"))
        let file = folder.appendingPathComponent("pets/find-pet.yaml")
        let original = Data("name: Find pet\noperation: getPetById\n".utf8)
        try original.write(to: file)
        var killedMidway = 0
        for round in 0..<10 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.bench)
            process.arguments = ["saves", folder.path, "pets/find-pet.yaml", "200"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Once it is saving, a random moment in its run (200 saves take longer than the wait).
            await offPool {
                _ = output.fileHandleForReading.availableData
                Thread.sleep(forTimeInterval: Double.random(in: 0.001...0.15))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let versions = [String(decoding: original, as: UTF8.self), "name: Find pet\ndescription: short\noperation: getPetById\n",
                            "name: Find pet\ndescription: \(String(repeating: "x", count: 64 << 10))\noperation: getPetById\n"]
            let whole = versions.contains(text)
            #expect(whole, "round \(round): the file is torn or empty (\(text.utf8.count) bytes)")
            let opened = try #require(try? Data(contentsOf: folder.appendingPathComponent("collection.yaml")))
            #expect(!opened.isEmpty)
        }
        #expect(killedMidway == 10, "every round is killed before its 200 saves end")
    }
}
