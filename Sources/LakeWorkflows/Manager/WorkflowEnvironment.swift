import Foundation
import LakeCore
import LakeEngine
import Logging

/// Everything the workflow manager needs, injected: its stores, the queues, the Octagon events,
/// the tenants' API clients, the clock and a logger. The runtime builds one from the lake's
/// adapters; the manager never knows which.
public struct WorkflowEnvironment: Sendable {
    public var config: LakeConfig
    public var wfm: WFMConfig
    public var stores: any WorkflowStores
    public var queues: any QueueService
    public var events: any EventStore
    public var clients: any AMCClientFactory
    public var clock: any LakeClock
    public var ids: any IDGenerator
    public var logger: Logger
    /// Who this worker is, for leases (`host|pid|start`).
    public var worker: String
    /// Lease on a received request while it is submitted; then it comes back (5 receives, then the DLQ).
    public var visibilityTimeout: Duration
    /// Hears every status change that is not routine (`wfm.notify.routine`).
    public var onStatusChange: (@Sendable (WorkflowStatusChange) -> Void)?

    public init(
        config: LakeConfig, stores: any WorkflowStores, queues: any QueueService, events: any EventStore, clients: any AMCClientFactory,
        clock: any LakeClock, ids: any IDGenerator = RandomIDGenerator(), logger: Logger = Logger(label: "swiftlake.wfm"),
        worker: String = ProcessIdentity.current.description, visibilityTimeout: Duration = .seconds(30)
    ) {
        self.config = config
        self.wfm = config.wfm ?? WFMConfig()
        self.stores = stores
        self.queues = queues
        self.events = events
        self.clients = clients
        self.clock = clock
        self.ids = ids
        self.logger = logger
        self.worker = worker
        self.visibilityTimeout = visibilityTimeout
    }

    /// What the names of the workflow manager's queues start with, `lake-<env>-wfm-` (the
    /// worker role of `lake aws template` is granted them by this prefix: tenants come and go).
    public static func queuePrefix(environment: String) -> String { "lake-\(environment)-wfm-" }

    /// The tenant's request queue (FIFO) and its dead-letter queue.
    public func queue(of tenant: String) -> (queue: QueueName, deadLetter: QueueName) {
        let base = Self.queuePrefix(environment: config.environment) + tenant
        return (QueueName(sanitizing: base + ".fifo"), QueueName(sanitizing: base + "-dlq.fifo"))
    }

    /// Creates the tenant's queues (idempotent): DLQ first, max 5 receives.
    public func createQueues(for tenant: String) async throws {
        let (queue, deadLetter) = queue(of: tenant)
        try await queues.createQueue(deadLetter, options: QueueOptions(visibilityTimeout: visibilityTimeout))
        try await queues.createQueue(queue, options: QueueOptions(visibilityTimeout: visibilityTimeout, maxReceiveCount: 5, deadLetterQueue: deadLetter))
    }
}

/// A workflow execution's status changed (the sync saw it): what the notifiers receive.
public struct WorkflowStatusChange: Sendable, Hashable, Codable {
    public var tenant: String
    public var workflowId: String
    public var workflowExecutionId: String
    /// nil for an execution seen for the first time.
    public var oldStatus: String?
    public var newStatus: String
    public var reason: String?
    public var at: Date
}
