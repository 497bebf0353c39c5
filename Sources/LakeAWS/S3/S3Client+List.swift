import Foundation
import LakeCore
import LakeSigV4

extension S3Client {
    /// One page of ListObjectsV2: keys under `prefix`, after `startAfter`, continuing from
    /// `continuationToken`, at most `maxKeys` (1...1000). Keys travel URL-encoded
    /// (`encoding-type=url`) so any key survives XML.
    public func listObjects(
        bucket: String, prefix: String = "", delimiter: String? = nil, startAfter: String? = nil,
        continuationToken: String? = nil, maxKeys: Int = 1000
    ) async throws -> S3ListPage {
        var query = [
            QueryItem("list-type", "2"), QueryItem("encoding-type", "url"),
            QueryItem("max-keys", String(min(max(maxKeys, 1), 1000))),
        ]
        if !prefix.isEmpty { query.append(QueryItem("prefix", prefix)) }
        if let delimiter { query.append(QueryItem("delimiter", delimiter)) }
        if let startAfter { query.append(QueryItem("start-after", startAfter)) }
        if let continuationToken { query.append(QueryItem("continuation-token", continuationToken)) }
        let response = try await transport.send(request("ListObjectsV2", "GET", bucket: bucket, query: query))
        let root = try S3Client.xml(response, "ListObjectsV2")
        let encoded = root.value("EncodingType")?.lowercased() == "url"
        func key(_ raw: String) -> String { encoded ? URIEncoding.decode(raw, plusIsSpace: true) : raw }
        let objects = root.children("Contents").map { node in
            S3ObjectSummary(
                key: key(node.value("Key") ?? ""), size: node.value("Size").flatMap { Int64($0) } ?? 0,
                lastModified: node.value("LastModified").flatMap(AWSDateFormat.parseISO8601) ?? Date(timeIntervalSince1970: 0),
                eTag: S3Client.unquote(node.value("ETag") ?? ""), storageClass: node.value("StorageClass"))
        }
        let prefixes = root.children("CommonPrefixes").compactMap { $0.value("Prefix").map(key) }
        let truncated = root.value("IsTruncated")?.lowercased() == "true"
        let token = truncated ? root.value("NextContinuationToken").flatMap { $0.isEmpty ? nil : $0 } : nil
        return S3ListPage(objects: objects, commonPrefixes: prefixes, nextContinuationToken: token)
    }

    /// Every object under `prefix`, following continuation tokens.
    public func listAllObjects(bucket: String, prefix: String = "") async throws -> [S3ObjectSummary] {
        var all: [S3ObjectSummary] = []
        var token: String?
        repeat {
            let page = try await listObjects(bucket: bucket, prefix: prefix, continuationToken: token)
            all += page.objects
            token = page.nextContinuationToken
        } while token != nil
        return all
    }
}
