import Foundation
import LakeAWS
import LakeCore
import LakeEngine
import Logging

/// Routes what AMC delivers to provisioned tenants' buckets into the data lake (AWS backend):
/// reads the S3 events of `lake-<env>-wfm-landing`, copies each created object server-side into
/// raw as `<amcTeamName>/<amcDatasetName>/<key>` (the raw bucket's own notification then lands
/// it like any file), and deletes the message only after the copy. A copy that fails leaves the
/// message for another try (five, then the dead-letter queue). Objects of buckets no tenant
/// owns, or of tenants whose dataset this process does not route yet, are logged and dropped.
struct TenantBucketRouter: LakeService {
    let name = "wfm-tenant-landing"
    let lake: AWSLake
    let tenants: any TenantStore
    let config: LakeConfig
    let clock: any LakeClock
    let logger: Logger
    /// When the landing queue was last found missing (no tenant provisioned yet): it is looked
    /// for again a minute later, not on every step.
    let missingSince = LockedValue<Date?>(nil)

    func step(drain: Bool) async throws -> Bool {
        let (queue, _) = AWSTenantLandingRoute.queues(environment: config.environment)
        let now = clock.now()
        if let since = missingSince.value, now.timeIntervalSince(since) < 60 { return false }
        let messages: [ReceivedMessage]
        do {
            messages = try await lake.queues.receive(from: queue, maxMessages: 10, visibilityTimeout: nil)
        } catch let error as LakeError where error.code == .notFound {
            missingSince.set(now)
            return false
        }
        missingSince.set(nil)
        guard !messages.isEmpty else { return false }
        let byBucket = Dictionary(
            try await tenants.tenants().map { (AWSTenantLandingRoute.bucket(of: $0, layout: lake.layout), $0) }, uniquingKeysWith: { a, _ in a })
        for message in messages {
            do {
                try await route(message.body, byBucket: byBucket)
                try await lake.queues.delete([message.receipt], from: queue)
            } catch {
                logger.warning("tenant landing: \(error); the event comes back for another try")
                try await lake.queues.fail(message, in: queue, error: "\(error)", retryAfter: .seconds(5))
            }
        }
        return true
    }

    private func route(_ body: String, byBucket: [String: TenantRecord]) async throws {
        guard let notification = try? JSONDecoder().decode(S3EventNotification.self, from: Data(body.utf8)) else {
            logger.error("tenant landing: a message that is not an S3 event was dropped: \(body.prefix(200))")
            return
        }
        for record in notification.records where record.eventName.hasPrefix("ObjectCreated:") {
            let bucket = record.s3.bucket.name
            guard let tenant = byBucket[bucket] else {
                logger.error("tenant landing: s3://\(bucket) belongs to no tenant; its object \(record.s3.object.key) is not routed")
                continue
            }
            guard config.dataset(tenant.landingRef) != nil else {
                throw LakeError(.usage, "tenant \(tenant.id)'s dataset \(tenant.landingRef) is not routed by this process yet", hint: "restart lake run")
            }
            guard let key = S3EventNotification.decodeKey(record.s3.object.key), !key.hasSuffix("/") else { continue }
            guard let rawKey = try? ObjectKey("\(tenant.landingTeam)/\(tenant.landingDataset)/\(key)") else {
                logger.error("tenant landing: s3://\(bucket)/\(key) cannot be a raw key; rename it with lower-case letters, digits, '_', '-' or '.'")
                continue
            }
            try await lake.objects.client.copyObject(
                fromBucket: bucket, fromKey: key, toBucket: lake.layout.bucket(for: .raw),
                toKey: lake.layout.keyPrefix(for: .raw) + rawKey.rawValue, encryption: lake.objects.encryption)
        }
    }
}
