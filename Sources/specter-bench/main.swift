import Foundation
import SpecterSpec

let manifest = try! String(contentsOfFile: "../shared/edge/MANIFEST.tsv", encoding: .utf8)
for line in manifest.split(separator: "\n").dropFirst() {
    let f = line.split(separator: "\t", omittingEmptySubsequences: false)
    let path = String(f[0]); let version = String(f[6]); let ops = String(f[7])
    do {
        let d = try await SpecLoader().load(url: URL(fileURLWithPath: "../shared/edge/" + path), displayName: path)
        let webhookCount = d.webhooks.count
        if version == "ERROR" { print("LOADED-ERROR\t\(path)\t\(d.operations.count)") }
        else if let n = Int(ops), n != d.operations.count { print("COUNT\t\(path)\t\(n) vs \(d.operations.count) (+\(webhookCount) webhooks)") }
    } catch {
        if version != "ERROR" && version != "fragment" && version != "empty" { print("FAIL\t\(version)\t\(error)") }
    }
}
