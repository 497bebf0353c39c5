/// One named check of a port's contract, run against an adapter through a ``ContractFixture``.
///
/// Suites (``QueueContract``, ``ObjectStoreContract``, the metadata suites (``ExecutionStoreContract`` and others),
/// ``TableCatalogContract``) return their checks as a list, so a test target can run each as a
/// parameterized test by name. A check throws ``ContractViolation`` when the adapter breaks the
/// contract, or passes on the adapter's own error when an operation fails unexpectedly.
///
/// Running the queue checks against an adapter on a real service, in Swift Testing:
///
/// ```swift
/// @Test(arguments: QueueContract.checks().filter { !$0.tags.contains(.longWait) }.map(\.name))
/// func queueContract(_ name: String) async throws {
///     let check = try #require(QueueContract.checks().named(name))
///     let queues = try await makeSQSAdapter()   // clock: SystemClock()
///     try await check(ContractFixture<any QueueService>(
///         subject: queues, time: RealTimeControl(), timing: ContractTiming(lease: .seconds(2)),
///         scratch: FileManager.default.temporaryDirectory))
/// }
/// ```
///
/// With a ``ManualClock`` shared by the adapter, pass ``ManualTimeControl`` instead and keep
/// every check: time then moves instantly.
public struct ContractCheck<Subject: Sendable>: Sendable, CustomStringConvertible {
    /// A stable, unique name, e.g. `fifo-holds-a-group-while-in-flight`.
    public let name: String
    /// What the check needs from the environment.
    public let tags: Set<ContractTag>
    /// The check's body.
    public let run: @Sendable (ContractFixture<Subject>) async throws -> Void

    /// Creates a check.
    public init(
        _ name: String, tags: Set<ContractTag> = [], run: @escaping @Sendable (ContractFixture<Subject>) async throws -> Void
    ) {
        self.name = name
        self.tags = tags
        self.run = run
    }

    /// The check's name.
    public var description: String { name }

    /// Runs the check, labelling a violation with the check's name.
    public func callAsFunction(_ fixture: ContractFixture<Subject>) async throws {
        do {
            try await run(fixture)
        } catch var violation as ContractViolation {
            violation.check = name
            throw violation
        }
    }
}

/// What a check needs from the environment, so a runner can leave out what it cannot offer.
public struct ContractTag: Hashable, Sendable, CustomStringConvertible {
    /// The tag's name.
    public let rawValue: String
    /// Creates a tag.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The tag's name.
    public var description: String { rawValue }

    /// Moves time forward with ``TimeControl/advance(_:)`` by about the fixture's timing
    /// durations: instant with a manual clock, a few seconds of real time otherwise.
    public static let advancesTime = ContractTag("advances-time")
    /// Moves time forward by minutes (e.g. past a 5-minute deduplication window): skip it when
    /// time is real.
    public static let longWait = ContractTag("long-wait")
    /// Reads totals over the whole backend (e.g. object counts per zone), so it expects no other
    /// writer to change them while it runs: do not run it in parallel with other checks on a
    /// shared backend.
    public static let readsGlobalTotals = ContractTag("reads-global-totals")
    /// Uses several instances of the adapter on one backend (``ContractFixture/instances``).
    public static let concurrent = ContractTag("concurrent")
}

extension Array {
    /// The check called `name`, if any.
    public func named<Subject>(_ name: String) -> ContractCheck<Subject>? where Element == ContractCheck<Subject> {
        first { $0.name == name }
    }
}
