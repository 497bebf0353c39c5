import Crypto
import Foundation
import LakeCore
import LakeSigV4

extension S3Client {
    /// Writes `data` at `key`: one PUT below ``multipartThreshold``, else a multipart upload
    /// split exactly as ``putObject(bucket:key:file:contentType:encryption:)`` splits a file, so
    /// equal content gets an equal ETag either way. Returns the ETag without quotes.
    @discardableResult
    public func putObject(
        bucket: String, key: String, data: Data, contentType: String? = nil, encryption: S3ServerSideEncryption? = nil,
        metadata: [String: String] = [:]
    ) async throws -> S3PutResult {
        if Int64(data.count) >= multipartThreshold {
            return try await putMultipart(
                bucket: bucket, key: key, contentType: contentType, encryption: encryption, metadata: metadata
            ) { offset in
                offset >= data.count ? nil : data.subdata(in: offset..<min(offset + partSize, data.count))
            }
        }
        var headers = encryption?.headers ?? []
        if let contentType { headers.append(HeaderField("content-type", contentType)) }
        for (name, value) in metadata { headers.append(HeaderField("x-amz-meta-\(name.lowercased())", value)) }
        let response = try await transport.send(
            request("PutObject", "PUT", bucket: bucket, key: key, headers: headers, body: data),
            timeout: S3Client.transferTimeout(bytes: Int64(data.count)))
        return S3PutResult(eTag: S3Client.unquote(response.header("etag") ?? ""), response: response)
    }

    /// Reads a whole object, or the byte `range` of it (`0...9` is the first ten bytes).
    public func getObject(bucket: String, key: String, range: ClosedRange<Int64>? = nil) async throws -> (Data, S3ObjectHead) {
        var headers: [HeaderField] = []
        if let range { headers.append(HeaderField("range", "bytes=\(range.lowerBound)-\(range.upperBound)")) }
        let response = try await transport.send(
            request("GetObject", "GET", bucket: bucket, key: key, headers: headers), timeout: .seconds(3600),
            maxBodyBytes: Int.max)
        return (response.body, S3ObjectHead(headers: response.headers, fallbackSize: Int64(response.body.count)))
    }

    /// Streams an object into `file` without holding it in memory; the file appears whole or not at all.
    @discardableResult
    public func downloadObject(bucket: String, key: String, to file: URL) async throws -> S3ObjectHead {
        let response = try await transport.download(request("GetObject", "GET", bucket: bucket, key: key), to: file)
        return S3ObjectHead(headers: response.headers)
    }

    /// What S3 knows about `key`, or nil when it does not exist.
    public func headObject(bucket: String, key: String) async throws -> S3ObjectHead? {
        do {
            let response = try await transport.send(request("HeadObject", "HEAD", bucket: bucket, key: key))
            return S3ObjectHead(headers: response.headers)
        } catch let error as LakeError where error.httpStatus == 404 {
            return nil
        }
    }

    /// Deletes `key`; deleting a missing key succeeds.
    public func deleteObject(bucket: String, key: String) async throws {
        _ = try await transport.send(request("DeleteObject", "DELETE", bucket: bucket, key: key))
    }

    /// Copies an object server-side; returns the new ETag without quotes.
    @discardableResult
    public func copyObject(
        fromBucket: String, fromKey: String, toBucket: String, toKey: String, encryption: S3ServerSideEncryption? = nil
    ) async throws -> String {
        var headers = encryption?.headers ?? []
        headers.append(
            HeaderField("x-amz-copy-source", "/" + URIEncoding.encode(fromBucket) + "/" + URIEncoding.encode(fromKey, keepSlash: true)))
        let response = try await transport.send(
            request("CopyObject", "PUT", bucket: toBucket, key: toKey, headers: headers), timeout: .seconds(3600))
        let root = try S3Client.xml(response, "CopyObject")
        if root.name == "Error" {
            throw AWSErrorDetails(response: response).lakeError(
                service: .s3, operation: "CopyObject", status: response.status, attempts: 1)
        }
        return S3Client.unquote(root.value("ETag") ?? "")
    }

    /// Deletes up to 1,000 keys in one DeleteObjects call; returns the keys that failed.
    public func deleteObjects(bucket: String, keys: [String]) async throws -> [S3DeleteFailure] {
        guard !keys.isEmpty else { return [] }
        guard keys.count <= 1000 else {
            throw LakeError(.usage, "DeleteObjects takes at most 1,000 keys, got \(keys.count)", hint: "split the list")
        }
        var xml = XMLWriter()
        xml.open("Delete", xmlns: S3Client.namespace)
        xml.element("Quiet", "true")
        for key in keys {
            xml.open("Object")
            xml.element("Key", key)
            xml.close("Object")
        }
        xml.close("Delete")
        let body = Data(xml.text.utf8)
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        let response = try await transport.send(
            request(
                "DeleteObjects", "POST", bucket: bucket, query: [QueryItem("delete")],
                headers: [HeaderField("content-md5", md5), HeaderField("content-type", "application/xml")], body: body))
        let root = try S3Client.xml(response, "DeleteObjects")
        return root.children("Error").map {
            S3DeleteFailure(key: $0.value("Key") ?? "", code: $0.value("Code") ?? "", message: $0.value("Message") ?? "")
        }
    }

    /// A timeout that grows with the transfer: 60 s plus 1 s per MiB.
    static func transferTimeout(bytes: Int64) -> Duration { .seconds(60 + Int(bytes >> 20)) }
}
