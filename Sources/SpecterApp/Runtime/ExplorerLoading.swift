import Foundation
import SpecterHTTP
import SpecterRequest
import SpecterSpec

/// Loads the description and, at the same time on another core, reads the collection opened with it
/// — so a large collection costs the first frame little more than the description alone.
public enum ExplorerLoading {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func load(_ argument: String, options: LoadOptions, client: any HTTPClient, collection folder: URL?) async throws(Failure) -> (APIDocument, Collection?) {
        let opening = folder.map { folder in
            Task.detached { () -> Result<Collection, CollectionStore.Failure> in
                do throws(CollectionStore.Failure) {
                    return .success(try CollectionStore.open(folder))
                } catch {
                    return .failure(error)
                }
            }
        }
        let document: APIDocument
        do throws(SpecError) {
            document = try await SpecLoader(client: client, options: options).load(argument)
        } catch {
            opening?.cancel()
            throw Failure(description: error.description)
        }
        switch await opening?.value {
        case .success(let collection)?: return (document, collection)
        case .failure(let failure)?: throw Failure(description: failure.description)
        case nil: return (document, nil)
        }
    }
}
