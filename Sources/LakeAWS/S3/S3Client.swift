import Foundation
import LakeCore
import LakeSigV4

/// The S3 calls SwiftLake needs, over REST/XML with SigV4.
///
/// Addressing is virtual-hosted (`bucket.s3.region.amazonaws.com`) on AWS, and path-style
/// (`endpoint/bucket/key`) for an endpoint override or a bucket name with dots. Keys are
/// percent-encoded once in the path, as S3's canonical request expects.
public struct S3Client: Sendable {
    /// The transport that signs and sends.
    public let transport: AWSTransport
    /// Objects at least this large go up in parts (``putObject(bucket:key:file:contentType:encryption:)``).
    public var multipartThreshold: Int64
    /// The part size of multipart uploads (at least 5 MiB).
    public var partSize: Int

    /// The S3 XML namespace.
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    /// Creates a client; multipart above 16 MiB with 16 MiB parts by default.
    public init(transport: AWSTransport, multipartThreshold: Int64 = 16 << 20, partSize: Int = 16 << 20) {
        self.transport = transport
        self.multipartThreshold = multipartThreshold
        self.partSize = max(partSize, 5 << 20)
    }

    /// Whether calls use path-style addressing for `bucket`.
    public func usesPathStyle(_ bucket: String) -> Bool {
        transport.settings.endpoint(for: .s3).isCustom || bucket.contains(".")
    }

    /// Builds a request for `bucket` and optional `key`.
    func request(
        _ operation: String, _ method: String, bucket: String, key: String? = nil, query: [QueryItem] = [],
        headers: [HeaderField] = [], body: Data = Data(), payloadHash: String? = nil
    ) -> AWSRequest {
        let encodedKey = key.map { "/" + URIEncoding.encode($0, keepSlash: true) } ?? "/"
        let endpoint = transport.settings.endpoint(for: .s3)
        let pathStyle = usesPathStyle(bucket)
        let path = pathStyle ? "/" + URIEncoding.encode(bucket) + (key == nil ? "" : encodedKey) : encodedKey
        return AWSRequest(
            service: .s3, operation: operation, method: method, host: pathStyle ? nil : "\(bucket).\(endpoint.host)",
            path: path, query: query, headers: headers, body: body, payloadHash: payloadHash)
    }

    /// `s3://bucket/key`.
    public static func uri(bucket: String, key: String) -> String { "s3://\(bucket)/\(key)" }

    /// An ETag without its quotes.
    static func unquote(_ eTag: String) -> String {
        var tag = Substring(eTag)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count >= 2 { tag = tag.dropFirst().dropLast() }
        return String(tag)
    }

    /// Parses an XML answer, naming the operation when it is malformed.
    static func xml(_ response: AWSResponse, _ operation: String) throws -> XMLNode {
        do {
            return try XMLNodeParser.parse(response.body)
        } catch {
            throw error.adding(["operation": operation, "service": "s3", "requestId": response.requestId ?? "-"])
        }
    }
}
