import Crypto
import Foundation
import LakeCore
import LakeSigV4

/// A bucket's default encryption (one rule of its `ServerSideEncryptionConfiguration`).
public struct S3BucketEncryption: Sendable, Hashable {
    /// `aws:kms`, `aws:kms:dsse` or `AES256`.
    public var algorithm: String
    /// The KMS key (id, ARN or alias) for `aws:kms`; nil for the account's `aws/s3` key.
    public var kmsKeyId: String?
    /// Whether S3 Bucket Keys cut the KMS calls.
    public var bucketKeyEnabled: Bool

    /// Creates an encryption rule.
    public init(algorithm: String, kmsKeyId: String? = nil, bucketKeyEnabled: Bool = false) {
        self.algorithm = algorithm
        self.kmsKeyId = kmsKeyId
        self.bucketKeyEnabled = bucketKeyEnabled
    }

    /// SSE-KMS with `keyId`, Bucket Keys on.
    public static func kms(keyId: String) -> S3BucketEncryption {
        S3BucketEncryption(algorithm: "aws:kms", kmsKeyId: keyId, bucketKeyEnabled: true)
    }
}

/// A bucket's public access block.
public struct S3PublicAccessBlock: Sendable, Hashable {
    /// Reject requests that set public ACLs.
    public var blockPublicAcls: Bool
    /// Ignore public ACLs.
    public var ignorePublicAcls: Bool
    /// Reject bucket policies that grant public access.
    public var blockPublicPolicy: Bool
    /// Restrict access under a public policy to AWS services and the owner's account.
    public var restrictPublicBuckets: Bool

    /// Creates a configuration.
    public init(blockPublicAcls: Bool, ignorePublicAcls: Bool, blockPublicPolicy: Bool, restrictPublicBuckets: Bool) {
        self.blockPublicAcls = blockPublicAcls
        self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy
        self.restrictPublicBuckets = restrictPublicBuckets
    }

    /// All four blocks on.
    public static let all = S3PublicAccessBlock(
        blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true)
}

extension S3Client {
    /// A bucket-configuration PUT with the `Content-MD5` S3 requires for these calls.
    private func putConfiguration(_ operation: String, bucket: String, subresource: String, body: Data, contentType: String) async throws {
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        _ = try await transport.send(
            request(
                operation, "PUT", bucket: bucket, query: [QueryItem(subresource)],
                headers: [HeaderField("content-md5", md5), HeaderField("content-type", contentType)], body: body))
    }

    /// Sets the bucket's default encryption.
    public func putBucketEncryption(_ bucket: String, _ encryption: S3BucketEncryption) async throws {
        var xml = XMLWriter()
        xml.open("ServerSideEncryptionConfiguration", xmlns: S3Client.namespace)
        xml.open("Rule")
        xml.open("ApplyServerSideEncryptionByDefault")
        xml.element("SSEAlgorithm", encryption.algorithm)
        if let key = encryption.kmsKeyId { xml.element("KMSMasterKeyID", key) }
        xml.close("ApplyServerSideEncryptionByDefault")
        xml.element("BucketKeyEnabled", encryption.bucketKeyEnabled ? "true" : "false")
        xml.close("Rule")
        xml.close("ServerSideEncryptionConfiguration")
        try await putConfiguration(
            "PutBucketEncryption", bucket: bucket, subresource: "encryption", body: Data(xml.text.utf8), contentType: "application/xml")
    }

    /// The bucket's default encryption (its first rule), or nil when none is configured.
    public func bucketEncryption(_ bucket: String) async throws -> S3BucketEncryption? {
        let response: AWSResponse
        do {
            response = try await transport.send(request("GetBucketEncryption", "GET", bucket: bucket, query: [QueryItem("encryption")]))
        } catch let error as LakeError where error.awsCode == "ServerSideEncryptionConfigurationNotFoundError" {
            return nil
        }
        let root = try S3Client.xml(response, "GetBucketEncryption")
        guard let rule = root.child("Rule"), let defaults = rule.child("ApplyServerSideEncryptionByDefault"),
              let algorithm = defaults.value("SSEAlgorithm")
        else { return nil }
        return S3BucketEncryption(
            algorithm: algorithm, kmsKeyId: defaults.value("KMSMasterKeyID").flatMap { $0.isEmpty ? nil : $0 },
            bucketKeyEnabled: rule.value("BucketKeyEnabled")?.lowercased() == "true")
    }

    /// Replaces the bucket's policy with `policy` (JSON text).
    public func putBucketPolicy(_ bucket: String, policy: String) async throws {
        try await putConfiguration(
            "PutBucketPolicy", bucket: bucket, subresource: "policy", body: Data(policy.utf8), contentType: "application/json")
    }

    /// The bucket's policy (JSON text), or nil when it has none.
    public func bucketPolicy(_ bucket: String) async throws -> String? {
        do {
            let response = try await transport.send(request("GetBucketPolicy", "GET", bucket: bucket, query: [QueryItem("policy")]))
            return String(decoding: response.body, as: UTF8.self)
        } catch let error as LakeError where error.awsCode == "NoSuchBucketPolicy" {
            return nil
        }
    }

    /// Deletes the bucket's policy; deleting a missing policy succeeds.
    public func deleteBucketPolicy(_ bucket: String) async throws {
        do {
            _ = try await transport.send(request("DeleteBucketPolicy", "DELETE", bucket: bucket, query: [QueryItem("policy")]))
        } catch let error as LakeError where error.awsCode == "NoSuchBucketPolicy" {
            return
        }
    }

    /// Sets the bucket's public access block.
    public func putPublicAccessBlock(_ bucket: String, _ block: S3PublicAccessBlock) async throws {
        var xml = XMLWriter()
        xml.open("PublicAccessBlockConfiguration", xmlns: S3Client.namespace)
        xml.element("BlockPublicAcls", block.blockPublicAcls ? "true" : "false")
        xml.element("IgnorePublicAcls", block.ignorePublicAcls ? "true" : "false")
        xml.element("BlockPublicPolicy", block.blockPublicPolicy ? "true" : "false")
        xml.element("RestrictPublicBuckets", block.restrictPublicBuckets ? "true" : "false")
        xml.close("PublicAccessBlockConfiguration")
        try await putConfiguration(
            "PutPublicAccessBlock", bucket: bucket, subresource: "publicAccessBlock", body: Data(xml.text.utf8),
            contentType: "application/xml")
    }

    /// The bucket's public access block, or nil when none is configured.
    public func publicAccessBlock(_ bucket: String) async throws -> S3PublicAccessBlock? {
        let response: AWSResponse
        do {
            response = try await transport.send(
                request("GetPublicAccessBlock", "GET", bucket: bucket, query: [QueryItem("publicAccessBlock")]))
        } catch let error as LakeError where error.awsCode == "NoSuchPublicAccessBlockConfiguration" {
            return nil
        }
        let root = try S3Client.xml(response, "GetPublicAccessBlock")
        func flag(_ name: String) -> Bool { root.value(name)?.lowercased() == "true" }
        return S3PublicAccessBlock(
            blockPublicAcls: flag("BlockPublicAcls"), ignorePublicAcls: flag("IgnorePublicAcls"),
            blockPublicPolicy: flag("BlockPublicPolicy"), restrictPublicBuckets: flag("RestrictPublicBuckets"))
    }

    /// Deletes every object of the bucket (1,000 per call); returns how many were deleted.
    /// Throws when S3 refuses to delete some of them.
    @discardableResult
    public func emptyBucket(_ bucket: String) async throws -> Int {
        var deleted = 0
        while true {
            let page = try await listObjects(bucket: bucket, maxKeys: 1000)
            guard !page.objects.isEmpty else { return deleted }
            let failures = try await deleteObjects(bucket: bucket, keys: page.objects.map(\.key))
            if let failure = failures.first {
                throw LakeError(
                    .storage, "could not delete \(failures.count) object(s) of s3://\(bucket) while emptying it (\(failure.code): \(failure.message))",
                    hint: "check the credentials may delete objects in the bucket and that no object lock holds them",
                    context: ["bucket": bucket, "key": failure.key])
            }
            deleted += page.objects.count
        }
    }

    /// Deletes an empty bucket; returns false when it did not exist.
    @discardableResult
    public func deleteBucket(_ bucket: String) async throws -> Bool {
        do {
            _ = try await transport.send(request("DeleteBucket", "DELETE", bucket: bucket))
            return true
        } catch let error as LakeError where error.awsCode == "NoSuchBucket" || error.httpStatus == 404 {
            return false
        } catch let error as LakeError where error.awsCode == "BucketNotEmpty" {
            throw LakeError(
                .storage, "the S3 bucket '\(bucket)' is not empty", hint: "empty it first (emptyBucket) and retry",
                context: ["bucket": bucket], underlying: error)
        }
    }
}
