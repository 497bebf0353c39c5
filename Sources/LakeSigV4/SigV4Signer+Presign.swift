import Foundation

extension SigV4Signer {
    /// A presigned request: the query to append to the URL, and what was signed.
    public struct Presigned: Sendable, Hashable {
        /// The request's own query plus the `X-Amz-*` parameters and `X-Amz-Signature`, in
        /// wire order.
        public var query: [QueryItem]
        /// The canonical request that was signed.
        public var canonical: Canonical
        /// The string to sign.
        public var stringToSign: String
        /// Hex signature.
        public var signature: String
    }

    /// Signs `request` into its query string, valid for `expires` (1 s ... 7 days) from `date`.
    /// Only `host` and the request's headers are signed; S3 uses `UNSIGNED-PAYLOAD`.
    public func presign(_ request: SigV4Request, at date: Date, expires: Duration) -> Presigned {
        let timestamp = AWSTimestamp(date)
        let (whole, fraction) = expires.components
        let seconds = max(1, min(604_800, Int((Double(whole) + Double(fraction) / 1e18).rounded())))
        var query = request.query
        query.append(QueryItem("X-Amz-Algorithm", SigV4Signer.algorithm))
        query.append(QueryItem("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope(timestamp))"))
        query.append(QueryItem("X-Amz-Date", timestamp.amzDate))
        query.append(QueryItem("X-Amz-Expires", String(seconds)))
        if let token = credentials.sessionToken {
            query.append(QueryItem("X-Amz-Security-Token", token.reveal()))
        }
        var headers = request.headers.filter { $0.name.lowercased() != "host" }
        headers.append(HeaderField("host", request.host))
        let signedNames = Set(headers.map { $0.name.lowercased() }).sorted().joined(separator: ";")
        query.append(QueryItem("X-Amz-SignedHeaders", signedNames))
        var signable = request
        signable.headers = headers
        signable.query = query
        let canonical = canonicalRequest(signable)
        let toSign = stringToSign(canonicalRequest: canonical.request, at: timestamp)
        let signature = signatureHex(stringToSign: toSign, dateStamp: timestamp.dateStamp)
        query.append(QueryItem("X-Amz-Signature", signature))
        return Presigned(query: query, canonical: canonical, stringToSign: toSign, signature: signature)
    }
}
