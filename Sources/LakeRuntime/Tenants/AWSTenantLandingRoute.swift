import Foundation
import LakeAWS
import LakeCore

/// A tenant's landing route on AWS: its bucket (`amcS3BucketName`, default
/// `<bucket prefix>-wfm-<customerId>`) encrypted with its own KMS key, writable by its AMC
/// account (`amcOrangeAwsAccount`), whose object events go to the lake's tenant landing queue
/// `lake-<env>-wfm-landing`, from which ``TenantBucketRouter`` copies each object into raw as
/// `<amcTeamName>/<amcDatasetName>/<key>`.
struct AWSTenantLandingRoute {
    let lake: AWSLake
    let environment: String

    /// The queue the tenants' buckets notify, and its dead-letter queue.
    static func queues(environment: String) -> (queue: QueueName, deadLetter: QueueName) {
        (QueueName(sanitizing: "lake-\(environment)-wfm-landing"), QueueName(sanitizing: "lake-\(environment)-wfm-landing-dlq"))
    }

    static func bucket(of tenant: TenantRecord, layout: S3ZoneLayout) -> String {
        tenant.bucketName ?? "\(layout.bucketPrefix)-wfm-\(tenant.id)"
    }

    func provision(_ tenant: TenantRecord) async throws -> [TenantProvisionStep] {
        let (queue, deadLetter) = Self.queues(environment: environment)
        let existed = try await lake.queues.options(of: queue) != nil
        try await lake.queues.createQueue(deadLetter, options: QueueOptions(visibilityTimeout: .seconds(60)))
        try await lake.queues.createQueue(queue, options: QueueOptions(visibilityTimeout: .seconds(60), maxReceiveCount: 5, deadLetterQueue: deadLetter))
        var steps = [TenantProvisionStep(tenant: tenant.id, step: "landing-queue", status: existed ? .exists : .created, detail: "\(queue) (shared by the tenants' buckets)")]
        let bucket = Self.bucket(of: tenant, layout: lake.layout)
        let provisioner = AWSTenantProvisioner(lake: lake, environment: environment, catalogQueue: queue)
        for (step, outcome) in try await provisioner.provision(AWSTenantLanding(customerId: tenant.id, bucket: bucket, orangeAccount: tenant.orangeAccount)) {
            steps.append(TenantProvisionStep(tenant: tenant.id, step: step, status: Self.status(outcome), detail: Self.detail(step, bucket: bucket, tenant: tenant, provisioner: provisioner)))
        }
        return steps
    }

    func remove(_ tenant: TenantRecord, purge: Bool) async throws -> [TenantProvisionStep] {
        let bucket = Self.bucket(of: tenant, layout: lake.layout)
        let provisioner = AWSTenantProvisioner(lake: lake, environment: environment, catalogQueue: Self.queues(environment: environment).queue)
        return try await provisioner.remove(AWSTenantLanding(customerId: tenant.id, bucket: bucket, orangeAccount: tenant.orangeAccount), purge: purge).map {
            TenantProvisionStep(tenant: tenant.id, step: $0.step, status: Self.status($0.outcome), detail: $0.step == "bucket" && !purge ? "\(bucket) kept with its data; --purge deletes it" : nil)
        }
    }

    static func status(_ outcome: AWSBootstrapOutcome) -> TenantProvisionStep.Status {
        switch outcome {
        case .created: return .created
        case .exists: return .exists
        case .updated: return .updated
        case .removed: return .removed
        case .absent: return .absent
        }
    }

    static func detail(_ step: String, bucket: String, tenant: TenantRecord, provisioner: AWSTenantProvisioner) -> String? {
        switch step {
        case "kms-key": return provisioner.keyAlias(for: tenant.id)
        case "bucket": return "s3://\(bucket)/ -> raw \(tenant.landingTeam)/\(tenant.landingDataset)/"
        case "bucket-policy": return tenant.orangeAccount.map { "writable by account \($0)" }
        default: return nil
        }
    }
}
