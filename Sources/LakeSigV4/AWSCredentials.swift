import Foundation

/// An access key pair, with the session token of temporary credentials.
///
/// Printing it shows the access key id's first four characters and where the credentials came
/// from; the secret key and the token are ``Secret``s and never printed.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The access key id (`AKIA...`, `ASIA...`). Not secret on its own, but printed masked.
    public var accessKeyId: String
    /// The secret access key.
    public var secretAccessKey: Secret
    /// The session token of temporary credentials.
    public var sessionToken: Secret?
    /// Where they were found, e.g. `environment` or `shared credentials file, profile 'dev'`.
    public var source: String
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?

    /// Creates credentials from their parts.
    public init(
        accessKeyId: String, secretAccessKey: Secret, sessionToken: Secret? = nil, source: String = "explicit",
        expiration: Date? = nil
    ) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.source = source
        self.expiration = expiration
    }

    /// `AWSCredentials(AKIA****, from environment)`.
    public var description: String {
        let shown = accessKeyId.prefix(4)
        return "AWSCredentials(\(shown)****, from \(source)\(sessionToken == nil ? "" : ", with session token"))"
    }

    /// A mirror showing only the masked description, so `dump` leaks nothing.
    public var customMirror: Mirror {
        Mirror(self, children: ["masked": description], displayStyle: .struct)
    }
}
