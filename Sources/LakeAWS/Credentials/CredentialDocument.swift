import Foundation
import LakeCore
import LakeSigV4

/// The JSON credentials document that the container endpoint, the instance metadata service
/// and `credential_process` print: `AccessKeyId`, `SecretAccessKey`, `Token` (or
/// `SessionToken`), `Expiration` (ISO 8601); `Code` other than `Success` is an error (IMDS);
/// `Version` must be 1 when present (`credential_process`).
enum CredentialDocument {
    /// Parses `data` into credentials attributed to `source`; errors name `source` and carry `hint`.
    static func parse(_ data: Data, source: String, hint: String, requireVersion: Bool = false) throws(LakeError) -> AWSCredentials {
        func failure(_ what: String) -> LakeError {
            LakeError(.credentials, "\(source) answered \(what)", hint: hint, context: ["credentialSource": source])
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw failure("something that is not a JSON credentials document (\(data.count) bytes)")
        }
        if let code = object["Code"] as? String, code != "Success" {
            throw failure("code \(code)\((object["Message"] as? String).map { ": \($0)" } ?? "")")
        }
        if requireVersion || object["Version"] != nil {
            guard (object["Version"] as? Int) == 1 else {
                throw failure("a document without \"Version\": 1")
            }
        }
        guard let key = object["AccessKeyId"] as? String, !key.isEmpty,
              let secret = object["SecretAccessKey"] as? String, !secret.isEmpty
        else {
            throw failure("a document without AccessKeyId and SecretAccessKey")
        }
        let token = (object["Token"] as? String) ?? (object["SessionToken"] as? String)
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = AWSDateFormat.parseISO8601(text) else {
                throw failure("an Expiration that is not an ISO 8601 time ('\(text)')")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: Secret(secret), sessionToken: token.flatMap { $0.isEmpty ? nil : Secret($0) },
            source: source, expiration: expiration)
    }
}
