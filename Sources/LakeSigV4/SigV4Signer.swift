import Crypto
import Foundation

/// Signature Version 4 (`AWS4-HMAC-SHA256`) for one service in one region.
///
/// Every step is exposed so tests can compare each against AWS's published vectors: the
/// canonical request, the string to sign, the signature and the `Authorization` header.
public struct SigV4Signer: Sendable {
    /// How the canonical URI is made from the request path.
    public enum PathMode: Sendable, Hashable {
        /// Every service but S3: normalise the path (`.`/`..`, repeated slashes), then
        /// percent-encode each segment — a second encoding of a wire path that is encoded already.
        case normalizedAndEncoded
        /// S3: the path exactly as sent (the caller percent-encoded it once); no normalisation.
        case asSent
    }

    /// The algorithm name.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The credentials that sign.
    public var credentials: AWSCredentials
    /// The region of the credential scope, e.g. `us-east-1`.
    public var region: String
    /// The signing name of the service: `s3`, `sqs`, `dynamodb`, `glue`, `ssm`.
    public var service: String
    /// ``PathMode/asSent`` for S3, ``PathMode/normalizedAndEncoded`` otherwise.
    public var pathMode: PathMode

    /// Creates a signer; the path mode defaults from the service name.
    public init(credentials: AWSCredentials, region: String, service: String, pathMode: PathMode? = nil) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.pathMode = pathMode ?? (service == "s3" ? .asSent : .normalizedAndEncoded)
    }

    /// The canonical request and its signed-header list (`host;x-amz-date`).
    public struct Canonical: Sendable, Hashable {
        /// The canonical request text.
        public var request: String
        /// Lower-case names of the signed headers, sorted, joined by `;`.
        public var signedHeaders: String
    }

    /// The headers a signed request must carry, and the intermediate strings.
    public struct Signature: Sendable, Hashable {
        /// The canonical request that was signed.
        public var canonical: Canonical
        /// The string to sign.
        public var stringToSign: String
        /// Hex signature.
        public var signature: String
        /// The `Authorization` header value.
        public var authorization: String
        /// Headers to send: `x-amz-date`, `x-amz-security-token` (temporary credentials), `authorization`.
        /// `host` and the request's own headers must be sent as signed.
        public var headers: [HeaderField]
    }

    /// Signs `request` at `date` for the `Authorization` header.
    public func sign(_ request: SigV4Request, at date: Date) -> Signature {
        let timestamp = AWSTimestamp(date)
        var headers = request.headers.filter { header in
            let name = header.name.lowercased()
            return name != "host" && name != "x-amz-date" && name != "authorization"
                && name != "x-amz-security-token"
        }
        var added = [HeaderField("x-amz-date", timestamp.amzDate)]
        if let token = credentials.sessionToken {
            added.append(HeaderField("x-amz-security-token", token.reveal()))
        }
        headers += added
        headers.append(HeaderField("host", request.host))
        var signable = request
        signable.headers = headers
        let canonical = canonicalRequest(signable)
        let toSign = stringToSign(canonicalRequest: canonical.request, at: timestamp)
        let signature = signatureHex(stringToSign: toSign, dateStamp: timestamp.dateStamp)
        let authorization = "\(SigV4Signer.algorithm) Credential=\(credentials.accessKeyId)/\(scope(timestamp)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
        return Signature(
            canonical: canonical, stringToSign: toSign, signature: signature, authorization: authorization,
            headers: added + [HeaderField("authorization", authorization)])
    }

    /// The credential scope: `20150830/us-east-1/service/aws4_request`.
    public func scope(_ timestamp: AWSTimestamp) -> String {
        "\(timestamp.dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// Builds the canonical request from a request whose headers are exactly the signed ones
    /// (including `host` and `x-amz-date`).
    public func canonicalRequest(_ request: SigV4Request) -> Canonical {
        let uri = canonicalURI(request.path)
        let query = canonicalQuery(request.query)
        var merged: [String: [String]] = [:]
        for header in request.headers {
            merged[header.name.lowercased(), default: []].append(SigV4Signer.trimmed(header.value))
        }
        let names = merged.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let headerLines = names.map { "\($0):\(merged[$0, default: []].joined(separator: ","))\n" }.joined()
        let signed = names.joined(separator: ";")
        let text = [request.method, uri, query, headerLines, signed, request.payloadHash].joined(separator: "\n")
        return Canonical(request: text, signedHeaders: signed)
    }

    /// The canonical URI of a wire path, per ``pathMode``.
    public func canonicalURI(_ path: String) -> String {
        let bare = path.isEmpty ? "/" : path
        switch pathMode {
        case .asSent:
            return bare
        case .normalizedAndEncoded:
            return URIEncoding.encode(URIEncoding.normalizePath(bare), keepSlash: true)
        }
    }

    /// Names and values encoded, sorted by encoded name then value, joined with `&`.
    public func canonicalQuery(_ items: [QueryItem]) -> String {
        items.map { (URIEncoding.encode($0.name), URIEncoding.encode($0.value)) }
            .sorted { a, b in
                a.0 == b.0 ? Array(a.1.utf8).lexicographicallyPrecedes(Array(b.1.utf8))
                    : Array(a.0.utf8).lexicographicallyPrecedes(Array(b.0.utf8))
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// `AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of the canonical request>`.
    public func stringToSign(canonicalRequest: String, at timestamp: AWSTimestamp) -> String {
        [SigV4Signer.algorithm, timestamp.amzDate, scope(timestamp), Hex.sha256(canonicalRequest)]
            .joined(separator: "\n")
    }

    /// Hex HMAC of the string to sign with the day's derived key.
    public func signatureHex(stringToSign: String, dateStamp: String) -> String {
        let key = signingKey(dateStamp: dateStamp)
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    func signingKey(dateStamp: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey.reveal()).utf8))
        for part in [dateStamp, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Trims a header value and collapses inner runs of spaces (and folded lines) to one space.
    static func trimmed(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for scalar in value.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
