import Foundation
import LakeCore

/// The four port adapters on AWS, built from one ``AWSStorageConfig`` over one shared HTTP
/// client: ``objects`` (S3), ``queues`` (SQS), ``metadata`` (DynamoDB), ``catalog`` (Glue), plus
/// ``ssm`` for the bootstrap's parameters.
///
/// Call ``shutdown()`` once when done; it closes the shared HTTP client.
public final class AWSLake: Sendable {
    /// Credentials, region and endpoints in use.
    public let settings: AWSSettings
    /// The shared signed transport.
    public let transport: AWSTransport
    /// Zone-to-bucket mapping.
    public let layout: S3ZoneLayout
    /// The Octagon table names.
    public let tables: DynamoMetadataTables
    /// The deployment environment (`dev`...).
    public let environment: String
    /// The object-store port.
    public let objects: S3ObjectStore
    /// The queue port.
    public let queues: SQSQueueService
    /// The metadata-store port.
    public let metadata: DynamoMetadataStore
    /// The table-catalog port.
    public let catalog: GlueTableCatalog
    /// Parameter Store, for the bootstrap's `/SDLF/...` parameters.
    public let ssm: SSMClient
    /// SNS, for team notifications.
    public let sns: SNSClient
    /// KMS, for the keys of tenants' landing buckets (``AWSTenantProvisioner``).
    public let kms: KMSClient

    init(settings: AWSSettings, transport: AWSTransport, layout: S3ZoneLayout, config: AWSStorageConfig, environment: String, clock: any LakeClock) {
        self.settings = settings
        self.transport = transport
        self.layout = layout
        self.environment = environment
        let tables = DynamoMetadataTables(environment: environment)
        self.tables = tables
        objects = S3ObjectStore(
            client: S3Client(transport: transport), layout: layout, encryption: config.kmsKeyId.map { .kms(keyId: $0) })
        queues = SQSQueueService(client: SQSClient(transport: transport), clock: clock)
        metadata = DynamoMetadataStore(client: DynamoDBClient(transport: transport), tables: tables)
        catalog = GlueTableCatalog(client: GlueClient(transport: transport), clock: clock)
        ssm = SSMClient(transport: transport)
        sns = SNSClient(transport: transport)
        kms = KMSClient(transport: transport)
    }

    /// Connects the adapters: resolves credentials, region and endpoints (environment, shared
    /// AWS files, then `config`; see ``AWSSettings/resolve(environment:profile:configRegion:configEndpoint:)``),
    /// names buckets `<prefix>-raw`... (prefix `<org>-<app>-<env>` unless configured) and tables
    /// `octagon-<Name>-<env>`. Makes no AWS call: run ``AWSBootstrap`` to create what is missing.
    public static func connect(
        config: AWSStorageConfig, environment: String, org: String, app: String, clock: any LakeClock,
        awsEnvironment: AWSEnvironment = .process, profile: String? = nil, retry: RetryPolicy = RetryPolicy()
    ) async throws -> AWSLake {
        let settings = try AWSSettings.resolve(
            environment: awsEnvironment, profile: profile, configRegion: config.region, configEndpoint: config.endpoint)
        let layout = try S3ZoneLayout(config: config, org: org, app: app, environment: environment)
        let transport = AWSTransport(settings: settings, retry: retry)
        return AWSLake(settings: settings, transport: transport, layout: layout, config: config, environment: environment, clock: clock)
    }

    /// Closes the shared HTTP client; the adapters fail afterwards.
    public func shutdown() async throws {
        try await transport.shutdown()
    }
}
