import Foundation
import LakeAWS
import LakeCore

/// A tenant's landing route on AWS: its bucket (`amcS3BucketName`, default
/// `<env>-wfm-<customerId>-results`) encrypted with its own KMS key, writable by its AMC account
/// (`amcOrangeAwsAccount`), notifying the lake's catalog queue.
struct AWSTenantLandingRoute {
    let lake: AWSLake
    let environment: String

    func provision(_ tenant: TenantRecord) async throws -> [TenantProvisionStep] {
        throw LakeError(.usage, "tenant landing on AWS is not wired yet", context: ["tenant": tenant.id])
    }

    func remove(_ tenant: TenantRecord, purge: Bool) async throws -> [TenantProvisionStep] {
        throw LakeError(.usage, "tenant landing on AWS is not wired yet", context: ["tenant": tenant.id])
    }
}
