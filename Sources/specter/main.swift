import Foundation
import SpecterCLI

let status = await Specter.run(Array(CommandLine.arguments.dropFirst()), environment: .process())
exit(status.rawValue)
