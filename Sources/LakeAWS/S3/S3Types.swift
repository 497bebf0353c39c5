import Foundation
import LakeSigV4

/// Server-side encryption for written objects.
public enum S3ServerSideEncryption: Sendable, Hashable {
    /// SSE-S3 (`AES256`).
    case s3Managed
    /// SSE-KMS with the given key (the account's default `aws/s3` key when nil).
    case kms(keyId: String?)

    /// The request headers that ask for it.
    var headers: [HeaderField] {
        switch self {
        case .s3Managed:
            return [HeaderField("x-amz-server-side-encryption", "AES256")]
        case .kms(let keyId):
            var headers = [HeaderField("x-amz-server-side-encryption", "aws:kms")]
            if let keyId { headers.append(HeaderField("x-amz-server-side-encryption-aws-kms-key-id", keyId)) }
            return headers
        }
    }
}

/// One object of a listing.
public struct S3ObjectSummary: Sendable, Hashable {
    /// The key.
    public var key: String
    /// Size in bytes.
    public var size: Int64
    /// When it was last written.
    public var lastModified: Date
    /// The ETag without quotes.
    public var eTag: String
    /// The storage class, when reported.
    public var storageClass: String?
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable, Hashable {
    /// Objects in ascending key order.
    public var objects: [S3ObjectSummary]
    /// Common prefixes, when a delimiter was given.
    public var commonPrefixes: [String]
    /// Pass back as the continuation token; nil on the last page.
    public var nextContinuationToken: String?
}

/// What HEAD (or GET) says about an object.
public struct S3ObjectHead: Sendable, Hashable {
    /// Size in bytes (the whole object, also for ranged reads).
    public var size: Int64
    /// When it was last written.
    public var lastModified: Date
    /// The ETag without quotes.
    public var eTag: String
    /// The content type.
    public var contentType: String?
    /// `x-amz-server-side-encryption`, e.g. `aws:kms`.
    public var serverSideEncryption: String?
    /// User metadata (`x-amz-meta-*`), names without the prefix.
    public var metadata: [String: String]

    /// Reads the fields from response headers.
    init(headers: [String: String], fallbackSize: Int64 = 0) {
        if let range = headers["content-range"], let slash = range.lastIndex(of: "/"),
           let total = Int64(range[range.index(after: slash)...])
        {
            size = total
        } else {
            size = headers["content-length"].flatMap { Int64($0) } ?? fallbackSize
        }
        lastModified = headers["last-modified"].flatMap(AWSDateFormat.parseHTTPDate) ?? Date(timeIntervalSince1970: 0)
        eTag = S3Client.unquote(headers["etag"] ?? "")
        contentType = headers["content-type"]
        serverSideEncryption = headers["x-amz-server-side-encryption"]
        var metadata: [String: String] = [:]
        for (name, value) in headers where name.hasPrefix("x-amz-meta-") {
            metadata[String(name.dropFirst("x-amz-meta-".count))] = value
        }
        self.metadata = metadata
    }
}

/// A key DeleteObjects could not delete.
public struct S3DeleteFailure: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The AWS error code.
    public var code: String
    /// The message.
    public var message: String
}

/// A bucket notification to an SQS queue.
public struct S3QueueNotification: Sendable, Hashable {
    /// The configuration id.
    public var id: String
    /// The queue's ARN.
    public var queueArn: String
    /// Event types, e.g. `s3:ObjectCreated:*`.
    public var events: [String]
    /// Only keys starting with this.
    public var prefix: String?
    /// Only keys ending with this.
    public var suffix: String?

    /// Creates a notification.
    public init(id: String, queueArn: String, events: [String], prefix: String? = nil, suffix: String? = nil) {
        self.id = id
        self.queueArn = queueArn
        self.events = events
        self.prefix = prefix
        self.suffix = suffix
    }
}

/// What S3 answered to a write: the object's ETag (without quotes) and the server's clock when
/// it answered (the HTTP `Date` header), which is within a second of the object's
/// `Last-Modified` stamp however long the answer took to reach us.
public struct S3PutResult: Sendable, Hashable {
    public var eTag: String
    public var serverDate: Date?

    public init(eTag: String, serverDate: Date?) {
        self.eTag = eTag
        self.serverDate = serverDate
    }

    init(eTag: String, response: AWSResponse) {
        self.init(eTag: eTag, serverDate: response.header("date").flatMap(AWSDateFormat.parseHTTPDate))
    }
}
