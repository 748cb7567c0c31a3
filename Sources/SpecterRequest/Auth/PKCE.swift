import Foundation

/// Proof Key for Code Exchange (RFC 7636): a secret verifier kept by Specter and its S256 challenge
/// sent with the authorization request, so a code intercepted on its way back is useless to others.
public struct PKCE: Sendable, Equatable {
    /// 64 characters of the unreserved set (RFC 7636 asks for 43 to 128), from the system's CSPRNG.
    public let verifier: String

    /// The only method Specter sends; `plain` would give the verifier away.
    public static let method = "S256"

    public init() {
        verifier = RandomText.unreserved(count: 64)
    }

    /// A known verifier (tests check the challenge against RFC 7636's example).
    public init(verifier: String) {
        self.verifier = verifier
    }

    /// BASE64URL(SHA256(verifier)), without padding.
    public var challenge: String {
        Base64URL.encode(SHA256.digest(Array(verifier.utf8)))
    }
}

/// Unpadded base64url (RFC 4648 §5), as OAuth uses it.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Unguessable text for verifiers and `state`, from `SystemRandomNumberGenerator` (getrandom on Linux).
enum RandomText {
    private static let unreservedCharacters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func unreserved(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in unreservedCharacters[Int(generator.next(upperBound: UInt64(unreservedCharacters.count)))] })
    }
}
