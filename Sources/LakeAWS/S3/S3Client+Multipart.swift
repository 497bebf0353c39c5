import Foundation
import LakeCore
import LakeSigV4

extension S3Client {
    /// Uploads a local file: one PUT below ``multipartThreshold``, otherwise a multipart upload
    /// reading one part (``partSize``) at a time, so the file is never wholly in memory. A
    /// failed multipart upload is aborted.
    @discardableResult
    public func putObject(
        bucket: String, key: String, file: URL, contentType: String? = nil, encryption: S3ServerSideEncryption? = nil
    ) async throws -> S3PutResult {
        let size = try S3Client.fileSize(file)
        if size < multipartThreshold {
            let data: Data
            do {
                data = try Data(contentsOf: file)
            } catch {
                throw LakeError(
                    .io, "cannot read \(file.path) to upload it", context: ["file": file.path], underlying: SendableErrorBox(error))
            }
            return try await putObject(bucket: bucket, key: key, data: data, contentType: contentType, encryption: encryption)
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: file)
        } catch {
            throw LakeError(
                .io, "cannot open \(file.path) to upload it", context: ["file": file.path], underlying: SendableErrorBox(error))
        }
        defer { try? handle.close() }
        return try await putMultipart(bucket: bucket, key: key, contentType: contentType, encryption: encryption) { _ in
            do {
                guard let chunk = try handle.read(upToCount: partSize), !chunk.isEmpty else { return nil }
                return chunk
            } catch {
                throw LakeError(
                    .io, "cannot read \(file.path) to upload it", context: ["file": file.path], underlying: SendableErrorBox(error))
            }
        }
    }

    /// Uploads the parts `nextPart` returns (given the byte offset reached; nil when done) as
    /// one multipart upload, aborting it on failure. Returns the ETag without quotes.
    func putMultipart(
        bucket: String, key: String, contentType: String?, encryption: S3ServerSideEncryption?, metadata: [String: String] = [:],
        nextPart: (Int) throws -> Data?
    ) async throws -> S3PutResult {
        let uploadId = try await createMultipartUpload(
            bucket: bucket, key: key, contentType: contentType, encryption: encryption, metadata: metadata)
        do {
            var parts: [(Int, String)] = []
            var offset = 0
            while let chunk = try nextPart(offset) {
                let eTag = try await uploadPart(bucket: bucket, key: key, uploadId: uploadId, partNumber: parts.count + 1, data: chunk)
                parts.append((parts.count + 1, eTag))
                offset += chunk.count
            }
            return try await completeMultipartUpload(bucket: bucket, key: key, uploadId: uploadId, parts: parts)
        } catch {
            try? await abortMultipartUpload(bucket: bucket, key: key, uploadId: uploadId)
            throw error
        }
    }

    /// Starts a multipart upload; returns its upload id.
    public func createMultipartUpload(
        bucket: String, key: String, contentType: String? = nil, encryption: S3ServerSideEncryption? = nil,
        metadata: [String: String] = [:]
    ) async throws -> String {
        var headers = encryption?.headers ?? []
        if let contentType { headers.append(HeaderField("content-type", contentType)) }
        for (name, value) in metadata { headers.append(HeaderField("x-amz-meta-\(name.lowercased())", value)) }
        let response = try await transport.send(
            request("CreateMultipartUpload", "POST", bucket: bucket, key: key, query: [QueryItem("uploads")], headers: headers))
        guard let uploadId = try S3Client.xml(response, "CreateMultipartUpload").value("UploadId") else {
            throw LakeError(.format, "CreateMultipartUpload answered without an UploadId", context: ["key": key])
        }
        return uploadId
    }

    /// Uploads part `partNumber` (1-based); returns its ETag without quotes.
    public func uploadPart(bucket: String, key: String, uploadId: String, partNumber: Int, data: Data) async throws -> String {
        let response = try await transport.send(
            request(
                "UploadPart", "PUT", bucket: bucket, key: key,
                query: [QueryItem("partNumber", String(partNumber)), QueryItem("uploadId", uploadId)], body: data),
            timeout: S3Client.transferTimeout(bytes: Int64(data.count)))
        return S3Client.unquote(response.header("etag") ?? "")
    }

    /// Completes an upload from its parts' numbers and ETags; returns the object's ETag and S3's answer time.
    public func completeMultipartUpload(bucket: String, key: String, uploadId: String, parts: [(Int, String)]) async throws -> S3PutResult {
        var xml = XMLWriter()
        xml.open("CompleteMultipartUpload", xmlns: S3Client.namespace)
        for (number, eTag) in parts {
            xml.open("Part")
            xml.element("PartNumber", String(number))
            xml.element("ETag", "\"\(eTag)\"")
            xml.close("Part")
        }
        xml.close("CompleteMultipartUpload")
        let response = try await transport.send(
            request(
                "CompleteMultipartUpload", "POST", bucket: bucket, key: key, query: [QueryItem("uploadId", uploadId)],
                headers: [HeaderField("content-type", "application/xml")], body: Data(xml.text.utf8)),
            timeout: .seconds(900))
        // S3 may answer 200 and still report an error in the body.
        let root = try S3Client.xml(response, "CompleteMultipartUpload")
        if root.name == "Error" {
            throw AWSErrorDetails(response: response).lakeError(
                service: .s3, operation: "CompleteMultipartUpload", status: response.status, attempts: 1)
        }
        return S3PutResult(eTag: S3Client.unquote(root.value("ETag") ?? ""), response: response)
    }

    /// Abandons an upload and frees its parts.
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) async throws {
        _ = try await transport.send(
            request("AbortMultipartUpload", "DELETE", bucket: bucket, key: key, query: [QueryItem("uploadId", uploadId)]))
    }

    static func fileSize(_ file: URL) throws -> Int64 {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            return (attributes[.size] as? NSNumber)?.int64Value ?? 0
        } catch {
            throw LakeError(
                .io, "cannot read \(file.path)", hint: "check the file exists", context: ["file": file.path],
                underlying: SendableErrorBox(error))
        }
    }
}
