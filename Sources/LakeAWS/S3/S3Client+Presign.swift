import Foundation
import LakeSigV4

extension S3Client {
    /// A presigned URL for `method` (`GET`, `PUT`) on `key`, valid for `expires` (at most 7 days)
    /// from `date`. Anyone holding it can make that one call (while the signing credentials,
    /// temporary ones included, are valid).
    public func presignedURL(
        method: String = "GET", bucket: String, key: String, expires: Duration, at date: Date = Date()
    ) async throws -> String {
        let base = request("Presign", method, bucket: bucket, key: key)
        let endpoint = transport.endpoint(for: base)
        let signer = SigV4Signer(
            credentials: try await transport.credentialProvider.credentials(), region: transport.settings.region, service: "s3")
        let presigned = signer.presign(
            SigV4Request(method: method, host: endpoint.hostHeader, path: base.path, payloadHash: Hex.unsignedPayload),
            at: date, expires: expires)
        return endpoint.origin + base.path + "?" + QueryItem.encode(presigned.query)
    }
}
