import Foundation
import LakeAWS
import LakeCore
import LakeTestSupport
import Testing

/// AWSTenantProvisioner against moto: a tenant's key, landing bucket, its encryption, policy
/// and notification; the catalog queue's policy holding the raw bucket and every tenant
/// bucket through re-provisioning and re-bootstrapping; removal with and without purge.
@Suite struct TenantProvisioningTests {
    static let events = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]

    /// A bootstrapped lake on moto (buckets, the catalog queue and the raw bucket's
    /// notification), the bootstrap's plan and the catalog queue.
    static func bootstrappedLake() async throws -> (AWSLake, AWSBootstrapPlan, QueueName) {
        let (lake, queues) = try await AWSLakeTests.connect()
        let catalog = queues[2].name
        let bootstrap = AWSBootstrap(lake: lake)
        let full = bootstrap.plan(
            queues: [queues[2], queues[3]],
            notifications: [(bucket: lake.layout.bucket(for: .raw), queue: catalog, events: events, prefix: nil)])
        let plan = AWSBootstrapPlan(actions: full.actions.filter {
            switch $0 {
            case .createBucket, .createQueue, .notifyQueue: return true
            default: return false
            }
        })
        try await bootstrap.apply(plan)
        return (lake, plan, catalog)
    }

    /// The bucket ARNs the catalog queue's policy lets S3 send from.
    static func allowedBuckets(_ lake: AWSLake, _ queue: QueueName) async throws -> Set<String> {
        let sqs = lake.queues.client
        let url = try #require(try await sqs.queueURL(name: queue.rawValue))
        let policy = try #require(try await sqs.queueAttributes(url: url, names: ["Policy"])["Policy"])
        var arns: Set<String> = []
        for statement in try statements(policy) where (statement["Sid"] as? String) == "swiftlake-s3-events" {
            #expect(statement["Effect"] as? String == "Allow")
            let condition = try #require((statement["Condition"] as? [String: Any])?["ArnLike"] as? [String: Any])
            switch condition["aws:SourceArn"] {
            case let one as String: arns.insert(one)
            case let list as [Any]: arns.formUnion(list.compactMap { $0 as? String })
            default: Issue.record("no aws:SourceArn in \(policy)")
            }
        }
        return arns
    }

    static func statements(_ policy: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(policy.utf8)) as? [String: Any])
        return (object["Statement"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
    }

    static func arn(_ bucket: String) -> String { "arn:aws:s3:::\(bucket)" }

    @Test func provisionReprovisionBootstrapAndRemove() async throws {
        let (lake, plan, catalog) = try await Self.bootstrappedLake()
        defer { Task { try? await lake.shutdown() } }
        let provisioner = AWSTenantProvisioner(lake: lake, environment: lake.environment)
        #expect(!provisioner.denyInsecureTransport, "moto is plain HTTP")
        let s3 = lake.objects.client
        let raw = lake.layout.bucket(for: .raw)
        let acme = AWSTenantLanding(customerId: "acme", bucket: "amc-\(lake.environment)-acme", orangeAccount: "111122223333")
        let globex = AWSTenantLanding(customerId: "globex2", bucket: "amc-\(lake.environment)-globex")

        // First provisioning: everything is created.
        let first = try await provisioner.provision(acme)
        #expect(first.map(\.step) == ["kms-key", "bucket", "bucket-encryption", "bucket-policy", "notification"])
        #expect(first.allSatisfy { $0.outcome == .created }, "\(first)")

        // The key and its alias.
        let alias = "alias/swiftlake-\(lake.environment)-wfm-acme"
        #expect(provisioner.keyAlias(for: "acme") == alias)
        let key = try #require(try await lake.kms.describeKey(alias))
        #expect(key.keyState == "Enabled")
        #expect(key.keyManager == "CUSTOMER")
        #expect(try await lake.kms.aliases(keyId: key.keyId).contains { $0.name == alias && $0.targetKeyId == key.keyId })

        // The bucket, its public access block and default encryption.
        #expect(try await s3.bucketExists(acme.bucket))
        #expect(try await s3.publicAccessBlock(acme.bucket) == .all)
        let encryption = try #require(try await s3.bucketEncryption(acme.bucket))
        #expect(encryption.algorithm == "aws:kms")
        #expect(encryption.kmsKeyId == key.arn || encryption.kmsKeyId == key.keyId, "\(encryption) vs \(key)")

        // The bucket policy: the orange account may write (no TLS denial on moto's plain HTTP).
        let statements = try Self.statements(try #require(try await s3.bucketPolicy(acme.bucket)))
        #expect(statements.count == 1)
        try Self.expectGrant(statements, account: "111122223333", bucket: acme.bucket)

        // The notification to the catalog queue, whose policy allows the raw and the tenant bucket.
        let queueURL = try #require(try await lake.queues.client.queueURL(name: catalog.rawValue))
        let queueArn = try #require(try await lake.queues.client.queueAttributes(url: queueURL, names: ["QueueArn"])["QueueArn"])
        let notifications = try await s3.bucketNotifications(acme.bucket)
        #expect(notifications.contains { $0.queueArn == queueArn && Set($0.events) == Set(Self.events) }, "\(notifications)")
        #expect(try await Self.allowedBuckets(lake, catalog) == [Self.arn(raw), Self.arn(acme.bucket)])

        // A second run finds everything.
        let second = try await provisioner.provision(acme)
        #expect(second.allSatisfy { $0.outcome == .exists }, "\(second)")

        // A second tenant (no orange account) joins the queue policy without dropping the first.
        let other = try await provisioner.provision(globex)
        #expect(other.map(\.outcome) == [.created, .created, .created, .absent, .created], "\(other)")
        #expect(try await Self.allowedBuckets(lake, catalog) == [Self.arn(raw), Self.arn(acme.bucket), Self.arn(globex.bucket)])
        #expect(try await s3.bucketPolicy(globex.bucket) == nil, "no policy without an orange account")

        // Re-running the lake's bootstrap changes nothing and keeps the tenants' buckets.
        let again = try await AWSBootstrap(lake: lake).apply(plan)
        #expect(again.allSatisfy { $0.outcome == .exists }, "\(again.filter { $0.outcome != .exists })")
        #expect(try await Self.allowedBuckets(lake, catalog) == [Self.arn(raw), Self.arn(acme.bucket), Self.arn(globex.bucket)])

        // Removal without purge: notification and grant go; bucket, data and key stay.
        try await s3.putObject(bucket: acme.bucket, key: "results/a.csv", data: Data("a,b\n".utf8))
        let removed = try await provisioner.remove(acme, purge: false)
        #expect(removed.map(\.step) == ["notification", "bucket-policy", "bucket", "kms-key"])
        #expect(removed.map(\.outcome) == [.removed, .removed, .exists, .exists], "\(removed)")
        #expect(try await s3.bucketNotifications(acme.bucket).allSatisfy { $0.queueArn != queueArn })
        #expect(try await s3.bucketExists(acme.bucket))
        #expect(try await s3.headObject(bucket: acme.bucket, key: "results/a.csv") != nil)
        #expect(try await s3.bucketPolicy(acme.bucket) == nil, "the grant was the only statement")
        #expect(try await lake.kms.describeKey(alias)?.keyState == "Enabled")
        #expect(try await Self.allowedBuckets(lake, catalog) == [Self.arn(raw), Self.arn(globex.bucket)])
        let removedAgain = try await provisioner.remove(acme, purge: false)
        #expect(removedAgain.map(\.outcome) == [.absent, .absent, .exists, .exists], "\(removedAgain)")

        // Removal with purge: the bucket (emptied first) and the key's alias go, the key is scheduled for deletion.
        try await s3.putObject(bucket: globex.bucket, key: "results/b.csv", data: Data("b\n".utf8))
        let globexKey = try #require(try await lake.kms.describeKey(provisioner.keyAlias(for: "globex2")))
        let purged = try await provisioner.remove(globex, purge: true)
        #expect(purged.map(\.outcome) == [.removed, .absent, .removed, .removed], "\(purged)")
        #expect(try await s3.bucketExists(globex.bucket) == false)
        #expect(try await lake.kms.describeKey(provisioner.keyAlias(for: "globex2")) == nil)
        #expect(try await lake.kms.describeKey(globexKey.keyId)?.keyState == "PendingDeletion")
        #expect(try await Self.allowedBuckets(lake, catalog) == [Self.arn(raw)])
        let purgedAgain = try await provisioner.remove(globex, purge: true)
        #expect(purgedAgain.map(\.outcome) == [.absent, .absent, .absent, .absent], "\(purgedAgain)")

        // Provisioning the removed tenant again puts it back.
        let back = try await provisioner.provision(acme)
        #expect(back.map(\.outcome) == [.exists, .exists, .exists, .created, .created], "\(back)")
        #expect(try await Self.allowedBuckets(lake, catalog) == [Self.arn(raw), Self.arn(acme.bucket)])
    }

    static func expectGrant(_ statements: [[String: Any]], account: String, bucket: String) throws {
        let grant = try #require(statements.first { ($0["Sid"] as? String) == "swiftlake-amc-orange-write" })
        #expect((grant["Principal"] as? [String: Any])?["AWS"] as? String == "arn:aws:iam::\(account):root")
        #expect(Set(grant["Action"] as? [String] ?? []) == ["s3:PutObject", "s3:PutObjectAcl", "s3:GetBucketLocation", "s3:ListBucket"])
        #expect(Set(grant["Resource"] as? [String] ?? []) == [arn(bucket), arn(bucket) + "/*"])
    }

    /// With the TLS denial on (the default on HTTPS endpoints), moto — plain HTTP — is refused,
    /// and the statements of others in the policy are kept.
    @Test func deniesPlainHTTPWhenAsked() async throws {
        let (lake, _, catalog) = try await Self.bootstrappedLake()
        defer { Task { try? await lake.shutdown() } }
        let s3 = lake.objects.client
        let provisioner = AWSTenantProvisioner(lake: lake, denyInsecureTransport: true)
        let tenant = AWSTenantLanding(customerId: "umbrella", bucket: "amc-\(lake.environment)-umbrella", orangeAccount: "444455556666")
        try await s3.createBucket(tenant.bucket)
        let foreign = #"{"Version":"2012-10-17","Statement":[{"Sid":"theirs","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::\#(tenant.bucket)/*"}]}"#
        try await s3.putBucketPolicy(tenant.bucket, policy: foreign)

        let first = try await provisioner.provision(tenant)
        #expect(first.map(\.outcome) == [.created, .updated, .created, .updated, .created], "\(first)")
        let statements = try Self.statements(try #require(try await s3.bucketPolicy(tenant.bucket)))
        #expect(statements.compactMap { $0["Sid"] as? String } == ["theirs", "swiftlake-amc-orange-write", "swiftlake-deny-insecure-transport"])
        try Self.expectGrant(statements, account: "444455556666", bucket: tenant.bucket)
        let deny = try #require(statements.first { ($0["Effect"] as? String) == "Deny" })
        #expect(deny["Principal"] as? String == "*")
        let secure = ((deny["Condition"] as? [String: Any])?["Bool"] as? [String: Any])?["aws:SecureTransport"]
        #expect(secure as? String == "false")
        do {
            try await s3.putObject(bucket: tenant.bucket, key: "plain-http.csv", data: Data("x\n".utf8))
            Issue.record("moto accepted a PutObject over plain HTTP despite the policy")
        } catch let error as LakeError {
            #expect(error.httpStatus == 403)
        }
        let second = try await provisioner.provision(tenant)
        #expect(second.allSatisfy { $0.outcome == .exists }, "\(second)")
        #expect(try await Self.allowedBuckets(lake, catalog).contains(Self.arn(tenant.bucket)))

        let purged = try await provisioner.remove(tenant, purge: true)
        #expect(purged.map(\.outcome) == [.removed, .removed, .removed, .removed], "\(purged)")
        #expect(try await s3.bucketExists(tenant.bucket) == false)
        #expect(try await Self.allowedBuckets(lake, catalog) == [Self.arn(lake.layout.bucket(for: .raw))])
    }

    @Test func rejectsBadTenants() async throws {
        let (lake, _) = try await AWSLakeTests.connect()
        defer { Task { try? await lake.shutdown() } }
        let provisioner = AWSTenantProvisioner(lake: lake)
        for tenant in [
            AWSTenantLanding(customerId: "Acme", bucket: "amc-acme-bucket"),
            AWSTenantLanding(customerId: "a", bucket: "amc-acme-bucket"),
            AWSTenantLanding(customerId: "acme", bucket: "Bad_Bucket"),
            AWSTenantLanding(customerId: "acme", bucket: "amc-acme-bucket", orangeAccount: "12345"),
            AWSTenantLanding(customerId: "acme", bucket: lake.layout.bucket(for: .raw)),
        ] {
            await #expect(throws: LakeError.self, "\(tenant)") { _ = try await provisioner.provision(tenant) }
            await #expect(throws: LakeError.self, "\(tenant)") { _ = try await provisioner.remove(tenant, purge: true) }
        }
        #expect(try await lake.objects.client.bucketExists("amc-acme-bucket") == false)
    }

    @Test func missingCatalogQueueSaysWhatToDo() async throws {
        let (lake, _) = try await AWSLakeTests.connect()
        defer { Task { try? await lake.shutdown() } }
        let provisioner = AWSTenantProvisioner(lake: lake)
        let tenant = AWSTenantLanding(customerId: "initech", bucket: "amc-\(lake.environment)-initech")
        do {
            _ = try await provisioner.provision(tenant)
            Issue.record("provisioning without the catalog queue succeeded")
        } catch let error as LakeError {
            #expect(error.code == .notFound)
            #expect(error.context["tenant"] == "initech")
            #expect(error.context["step"] == "notification")
            #expect(error.hint?.contains("bootstrap") == true)
        }
    }
}
