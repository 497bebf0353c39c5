import Foundation
import LakeCore

/// A WFM tenant's landing zone on AWS: the bucket AMC delivers the tenant's results to, and
/// the AMC ("orange") account allowed to write there.
public struct AWSTenantLanding: Sendable, Hashable {
    /// The tenant's customer id, e.g. `acme` (`[a-z0-9]{2,12}`).
    public var customerId: String
    /// The landing bucket (`amcS3BucketName`); the caller supplies a default when the tenant names none.
    public var bucket: String
    /// The 12-digit AWS account that may write to the bucket (`amcOrangeAwsAccount`); nil for none.
    public var orangeAccount: String?

    /// Creates a landing; nothing is checked until it is provisioned.
    public init(customerId: String, bucket: String, orangeAccount: String? = nil) {
        self.customerId = customerId
        self.bucket = bucket
        self.orangeAccount = orangeAccount
    }
}

/// Creates and removes the per-tenant AWS resources of the AMC quick-start's tenant
/// provisioning: a customer-managed KMS key (alias `alias/swiftlake-<env>-wfm-<customerId>`),
/// the landing bucket (public access blocked, SSE-KMS with that key, a policy letting the
/// orange account write and denying plain HTTP) and the bucket's notification to the lake's
/// catalog queue, whose policy then allows the raw bucket and every tenant bucket.
///
/// The denial of plain HTTP is only written when the lake itself reaches S3 over HTTPS (or
/// when asked with `denyInsecureTransport`): on an `http://` endpoint override (moto, MinIO)
/// it would lock the lake out of the bucket.
///
/// Every step is idempotent and reports, like `lake aws bootstrap`, whether it created,
/// found or updated its resource.
public struct AWSTenantProvisioner: Sendable {
    /// The lake whose catalog queue hears the landing buckets' events.
    public let lake: AWSLake
    /// The deployment environment, part of the key alias.
    public let environment: String
    /// The queue the buckets' events go to; nil for the engine's catalog queue `lake-<env>-catalog`.
    public let catalogQueue: QueueName?
    /// Whether the bucket policy denies requests without TLS (`aws:SecureTransport` false).
    public let denyInsecureTransport: Bool

    /// The steps' names, in the order ``provision(_:)`` runs them.
    public static let steps = ["kms-key", "bucket", "bucket-encryption", "bucket-policy", "notification"]
    /// The events a landing bucket sends to the catalog queue.
    public static let events = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]
    /// The `Sid` of the bucket-policy statement granting the orange account.
    static let orangeStatementId = "swiftlake-amc-orange-write"
    /// The `Sid` of the bucket-policy statement denying requests without TLS.
    static let secureTransportStatementId = "swiftlake-deny-insecure-transport"

    /// Creates a provisioner for `lake`; `environment` defaults to the lake's. Without
    /// `denyInsecureTransport`, plain HTTP is denied when the lake's S3 endpoint is HTTPS.
    public init(lake: AWSLake, environment: String? = nil, catalogQueue: QueueName? = nil, denyInsecureTransport: Bool? = nil) {
        self.lake = lake
        self.environment = environment ?? lake.environment
        self.catalogQueue = catalogQueue
        self.denyInsecureTransport = denyInsecureTransport ?? (lake.settings.endpoint(for: .s3).scheme == "https")
    }

    /// The KMS alias of `customerId`'s key: `alias/swiftlake-<env>-wfm-<customerId>`.
    public func keyAlias(for customerId: String) -> String {
        "alias/swiftlake-\(environment)-wfm-\(customerId)"
    }

    /// The queue the landing buckets notify.
    public func resolvedCatalogQueue() throws -> QueueName {
        if let catalogQueue { return catalogQueue }
        return try QueueName(validating: "lake-\(environment)-catalog")
    }

    /// Creates or checks the tenant's resources; returns each step (``steps``) with its outcome.
    /// Idempotent: a second run reports every step `.exists` (the bucket policy `.absent` when
    /// the bucket needs none: no orange account and no TLS denial). Stops at the first failure.
    public func provision(_ tenant: AWSTenantLanding) async throws -> [(step: String, outcome: AWSBootstrapOutcome)] {
        try validate(tenant)
        let queue = try resolvedCatalogQueue()
        var results: [(step: String, outcome: AWSBootstrapOutcome)] = []
        do {
            let (keyOutcome, key) = try await ensureKey(tenant)
            results.append(("kms-key", keyOutcome))
            let bucketOutcome = try await ensureBucket(tenant.bucket)
            results.append(("bucket", bucketOutcome))
            results.append(("bucket-encryption", try await ensureEncryption(tenant.bucket, key: key, bucketCreated: bucketOutcome == .created)))
            results.append(("bucket-policy", try await ensureBucketPolicy(tenant)))
            results.append((
                "notification",
                try await AWSBootstrap(lake: lake).notify(bucket: tenant.bucket, queue: queue, events: Self.events, prefix: nil)
            ))
        } catch let error as LakeError {
            throw error.adding([
                "tenant": tenant.customerId, "bucket": tenant.bucket, "step": Self.steps[min(results.count, Self.steps.count - 1)],
            ])
        }
        return results
    }

    /// Takes the tenant off the lake: removes the bucket's notification and the bucket from the
    /// catalog queue's policy ("notification"), and the orange account's grant from the bucket
    /// policy ("bucket-policy"). With `purge` it also empties and deletes the bucket ("bucket")
    /// and deletes the key's alias and schedules the key's deletion in 7 days ("kms-key");
    /// without it the bucket, its data and the key stay (reported `.exists`). Steps with
    /// nothing to remove report `.absent`.
    public func remove(_ tenant: AWSTenantLanding, purge: Bool) async throws -> [(step: String, outcome: AWSBootstrapOutcome)] {
        try validate(tenant)
        let queue = try resolvedCatalogQueue()
        let s3 = lake.objects.client
        var results: [(step: String, outcome: AWSBootstrapOutcome)] = []
        let order = ["notification", "bucket-policy", "bucket", "kms-key"]
        do {
            results.append(("notification", try await AWSBootstrap(lake: lake).unnotify(bucket: tenant.bucket, queue: queue)))
            let exists = try await s3.bucketExists(tenant.bucket)
            results.append(("bucket-policy", exists ? try await removeBucketPolicy(tenant.bucket, purge: purge) : .absent))
            if purge {
                if exists {
                    try await s3.emptyBucket(tenant.bucket)
                    results.append(("bucket", try await s3.deleteBucket(tenant.bucket) ? .removed : .absent))
                } else {
                    results.append(("bucket", .absent))
                }
                results.append(("kms-key", try await removeKey(tenant)))
            } else {
                results.append(("bucket", exists ? .exists : .absent))
                results.append(("kms-key", try await lake.kms.describeKey(keyAlias(for: tenant.customerId)) == nil ? .absent : .exists))
            }
        } catch let error as LakeError {
            throw error.adding([
                "tenant": tenant.customerId, "bucket": tenant.bucket, "step": order[min(results.count, order.count - 1)],
            ])
        }
        return results
    }

    // MARK: - Steps

    /// Finds the key by its alias, or creates the key and the alias. A key scheduled for
    /// deletion is saved and enabled again (`.updated`).
    func ensureKey(_ tenant: AWSTenantLanding) async throws -> (AWSBootstrapOutcome, KMSKeyMetadata) {
        let kms = lake.kms
        let alias = keyAlias(for: tenant.customerId)
        if let key = try await kms.describeKey(alias) {
            switch key.keyState {
            case "PendingDeletion":
                try await kms.cancelKeyDeletion(key.keyId)
                try await kms.enableKey(key.keyId)
                return (.updated, try await kms.describeKey(key.keyId) ?? key)
            case "Disabled":
                try await kms.enableKey(key.keyId)
                return (.updated, key)
            default:
                return (.exists, key)
            }
        }
        let key = try await kms.createKey(
            description: "SwiftLake \(environment) WFM landing bucket of tenant \(tenant.customerId)",
            tags: ["swiftlake:environment": environment, "swiftlake:tenant": tenant.customerId, "swiftlake:purpose": "wfm-landing"])
        do {
            try await kms.createAlias(alias, targetKeyId: key.keyId)
        } catch let error as LakeError where error.awsCode == "AlreadyExistsException" {
            // Another provisioner made the alias meanwhile: use its key, drop ours.
            try? await kms.scheduleKeyDeletion(key.keyId)
            guard let theirs = try await kms.describeKey(alias) else {
                throw LakeError(
                    .conflict, "the KMS alias \(alias) was created and removed while provisioning tenant \(tenant.customerId)",
                    hint: "run the provisioning again", context: ["alias": alias], underlying: error)
            }
            return (.exists, theirs)
        }
        return (.created, key)
    }

    /// Creates the bucket when missing and blocks public access (skipped where the store lacks it).
    func ensureBucket(_ bucket: String) async throws -> AWSBootstrapOutcome {
        let s3 = lake.objects.client
        let created = try await s3.createBucket(bucket)
        do {
            if try await s3.publicAccessBlock(bucket) != .all {
                try await s3.putPublicAccessBlock(bucket, .all)
                if !created { return .updated }
            }
        } catch let error as LakeError where Self.isUnsupported(error) {
            // An S3-compatible store without public access blocks: nothing to block.
        }
        return created ? .created : .exists
    }

    /// Sets default SSE-KMS with the tenant's key unless the bucket already has it.
    func ensureEncryption(_ bucket: String, key: KMSKeyMetadata, bucketCreated: Bool) async throws -> AWSBootstrapOutcome {
        let s3 = lake.objects.client
        let keyId = key.arn ?? key.keyId
        let current = try await s3.bucketEncryption(bucket)
        if let current, current.algorithm == "aws:kms", current.bucketKeyEnabled,
           let currentKey = current.kmsKeyId, [key.keyId, key.arn].contains(currentKey)
        {
            return .exists
        }
        try await s3.putBucketEncryption(bucket, .kms(keyId: keyId))
        // New buckets on AWS come with SSE-S3 already: replacing that default is creating ours.
        return current == nil || bucketCreated ? .created : .updated
    }

    /// Writes SwiftLake's statements into the bucket policy (others kept) unless they are
    /// there; `.absent` when the bucket needs no policy and has none.
    func ensureBucketPolicy(_ tenant: AWSTenantLanding) async throws -> AWSBootstrapOutcome {
        let s3 = lake.objects.client
        let current = try await s3.bucketPolicy(tenant.bucket).flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let wanted = try Self.bucketPolicy(
            bucket: tenant.bucket, orangeAccount: tenant.orangeAccount, denyInsecureTransport: denyInsecureTransport, existing: current)
        switch (current, wanted) {
        case (nil, nil):
            return .absent
        case (.some, nil):
            try await s3.deleteBucketPolicy(tenant.bucket)
            return .removed
        case (nil, .some(let wanted)):
            try await s3.putBucketPolicy(tenant.bucket, policy: wanted)
            return .created
        case (.some(let current), .some(let wanted)):
            if AWSBootstrap.normalizedJSON(current) == AWSBootstrap.normalizedJSON(wanted) { return .exists }
            try await s3.putBucketPolicy(tenant.bucket, policy: wanted)
            return .updated
        }
    }

    /// Drops the orange account's grant (with `purge`, the whole policy).
    func removeBucketPolicy(_ bucket: String, purge: Bool) async throws -> AWSBootstrapOutcome {
        let s3 = lake.objects.client
        guard let current = try await s3.bucketPolicy(bucket), !current.isEmpty else { return .absent }
        if purge {
            try await s3.deleteBucketPolicy(bucket)
            return .removed
        }
        let object = try Self.policyObject(current, bucket: bucket)
        let statements = AWSBootstrap.statements(object)
        let kept = statements.filter { ($0["Sid"] as? String) != Self.orangeStatementId }
        guard kept.count != statements.count else { return .absent }
        if kept.isEmpty {
            try await s3.deleteBucketPolicy(bucket)
        } else {
            var policy = object
            policy["Statement"] = kept
            try await s3.putBucketPolicy(bucket, policy: try Self.encode(policy, bucket: bucket))
        }
        return .removed
    }

    /// Deletes the key's alias and schedules the key's deletion in 7 days.
    func removeKey(_ tenant: AWSTenantLanding) async throws -> AWSBootstrapOutcome {
        let kms = lake.kms
        let alias = keyAlias(for: tenant.customerId)
        guard let key = try await kms.describeKey(alias) else { return .absent }
        if !key.isPendingDeletion { try await kms.scheduleKeyDeletion(key.keyId, pendingWindowInDays: 7) }
        try await kms.deleteAlias(alias)
        return .removed
    }

    // MARK: - Checks and policies

    /// Rejects a malformed customer id, bucket name or account, and the lake's own buckets.
    func validate(_ tenant: AWSTenantLanding) throws {
        let id = tenant.customerId
        guard (2...12).contains(id.count), id.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else {
            throw LakeError(
                .invalidName, "the tenant id '\(id)' is not 2 to 12 lower-case letters or digits",
                hint: "use the tenant's customerId as AMC knows it, e.g. acme", context: ["tenant": id])
        }
        let bucket = tenant.bucket
        let allowed = bucket.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        guard (3...63).contains(bucket.count), allowed, bucket.first.map({ $0 != "-" && $0 != "." }) ?? false,
              bucket.last.map({ $0 != "-" && $0 != "." }) ?? false
        else {
            throw LakeError(
                .invalidName, "the landing bucket name '\(bucket)' of tenant \(id) is not a valid S3 bucket name",
                hint: "use 3 to 63 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (amcS3BucketName)",
                context: ["tenant": id, "bucket": bucket])
        }
        guard !lake.layout.buckets.contains(bucket) else {
            throw LakeError(
                .usage, "tenant \(id)'s landing bucket '\(bucket)' is one of the lake's own buckets",
                hint: "give the tenant a bucket of its own (amcS3BucketName)", context: ["tenant": id, "bucket": bucket])
        }
        if let account = tenant.orangeAccount {
            guard account.count == 12, account.allSatisfy({ ("0"..."9").contains($0) }) else {
                throw LakeError(
                    .invalidConfig, "the AMC account '\(account)' of tenant \(id) is not a 12-digit AWS account id",
                    hint: "set amcOrangeAwsAccount to the account id AMC gave the tenant", context: ["tenant": id, "bucket": bucket])
            }
        }
    }

    /// The bucket policy `existing` with SwiftLake's statements replaced: the orange account's
    /// grant (when `orangeAccount` is set) and the denial of requests without TLS (when
    /// `denyInsecureTransport`), after the statements of others (kept as they are). Nil when
    /// no statement is left.
    static func bucketPolicy(bucket: String, orangeAccount: String?, denyInsecureTransport: Bool, existing: String?) throws -> String? {
        var policy: [String: Any] = ["Version": "2012-10-17"]
        if let existing, !existing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            policy = try policyObject(existing, bucket: bucket)
        }
        let ours: Set<String> = [orangeStatementId, secureTransportStatementId]
        var statements = AWSBootstrap.statements(policy).filter { !ours.contains(($0["Sid"] as? String) ?? "") }
        let resources = ["arn:aws:s3:::\(bucket)", "arn:aws:s3:::\(bucket)/*"]
        if let orangeAccount {
            statements.append([
                "Sid": orangeStatementId, "Effect": "Allow", "Principal": ["AWS": "arn:aws:iam::\(orangeAccount):root"],
                "Action": ["s3:PutObject", "s3:PutObjectAcl", "s3:GetBucketLocation", "s3:ListBucket"],
                "Resource": resources,
            ] as [String: Any])
        }
        if denyInsecureTransport {
            statements.append([
                "Sid": secureTransportStatementId, "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": resources,
                "Condition": ["Bool": ["aws:SecureTransport": "false"]],
            ] as [String: Any])
        }
        guard !statements.isEmpty else { return nil }
        policy["Statement"] = statements
        if policy["Version"] == nil { policy["Version"] = "2012-10-17" }
        return try encode(policy, bucket: bucket)
    }

    /// Parses a bucket policy.
    static func policyObject(_ text: String, bucket: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw LakeError(
                .storage, "the policy of bucket \(bucket) is not a JSON object, so SwiftLake cannot merge its statements into it",
                hint: "fix or delete the bucket policy, then run the command again", context: ["bucket": bucket])
        }
        return object
    }

    /// A policy as JSON text with sorted keys.
    static func encode(_ policy: [String: Any], bucket: String) throws -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: policy, options: [.sortedKeys]) else {
            throw LakeError(.format, "cannot encode the policy of bucket \(bucket)", context: ["bucket": bucket])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether an error says the store does not implement the call (an S3-compatible store).
    static func isUnsupported(_ error: LakeError) -> Bool {
        error.awsCode == "NotImplemented" || error.awsCode == "MethodNotAllowed" || error.httpStatus == 501
            || error.httpStatus == 405
    }
}
