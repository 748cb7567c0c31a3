import SpecterJSON
import SpecterRequest
import SpecterYAML

/// A collection's files as the collection reader meets them: bytes read as YAML, then as a saved
/// request, a manifest and an environment. Whatever reads must write back, read again to the same
/// value, and write the same bytes a second time (what makes saving an unchanged request change
/// nothing), and whatever does not read must say why.
enum CollectionFuzz {
    static func run(_ data: [UInt8]) {
        var loader = YAMLLoader()
        loader.expansionBudget = 100_000
        guard let value = try? loader.load(data) else { return }
        do throws(DraftFormatError) {
            let request = try SavedRequest(json: value)
            roundTrip(request.json, "saved request") { value throws(DraftFormatError) in try SavedRequest(json: value).json }
        } catch {
            FuzzCheck.require(!error.message.isEmpty, "a saved request refused without a reason")
        }
        if let manifest = try? CollectionManifest(json: value) {
            roundTrip(manifest.json, "collection.yaml") { value throws(DraftFormatError) in try CollectionManifest(json: value).json }
        }
        if let environment = try? RequestEnvironment(name: "fuzz", json: value) {
            roundTrip(environment.json, "environment") { value throws(EnvironmentFileError) in try RequestEnvironment(name: "fuzz", json: value).json }
        }
    }

    /// Written once, read back and written again: the same bytes.
    private static func roundTrip<Failure: Error>(_ value: JSONValue, _ kind: String, _ reread: (JSONValue) throws(Failure) -> JSONValue) {
        let written = YAMLWriter.string(value)
        guard let loaded = try? YAMLLoader().load(Array(written.utf8)) else {
            FuzzCheck.require(false, "a written \(kind) does not read as YAML:\n\(written)")
            return
        }
        do throws(Failure) {
            let again = try reread(loaded)
            FuzzCheck.require(YAMLWriter.string(again) == written, "a \(kind) written twice differs:\n\(written)")
        } catch {
            FuzzCheck.require(false, "a written \(kind) does not read back: \(error)\n\(written)")
        }
    }
}
