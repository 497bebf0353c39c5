import Foundation
import LakeCore
import LakeEngine
import LakeWorkflows
import Logging

/// An opened lake: the one composition root of SwiftLake. It chooses the adapters for the
/// config's backend, wires them into a ``LakeEnvironment`` and a ``LakeEngine`` with the
/// extensions' registries, and offers the use cases and read models that the CLI and the HTTP
/// API share (`LakeRuntime+*.swift` in `UseCases/`).
///
/// Two ways to open:
/// - ``open(_:extensions:options:)`` for commands that change the lake: queues are created and
///   registry rows written (``LakeEngine/prepare()``).
/// - ``openReadOnly(_:extensions:options:)`` for commands that only look: nothing is created,
///   written or released; a lake that does not exist yet is a `.notFound` error.
///
/// Call ``close()`` when done (AWS connections, the AWS scratch directory).
public final class LakeRuntime: Sendable {
    /// lake.yaml's configuration with provisioned WFM tenants' teams and datasets added.
    public let config: LakeConfig
    /// lake.yaml's configuration as written.
    public let declaredConfig: LakeConfig
    public let extensions: LakeExtensions
    public let env: LakeEnvironment
    public let engine: LakeEngine
    /// True when opened with ``openReadOnly(_:extensions:options:)``.
    public let isReadOnly: Bool
    let backend: Backend
    /// The workflow manager, when this lake runs one (always on the embedded backend; on AWS
    /// with `wfm:` in lake.yaml).
    public let workflows: WorkflowManager?
    /// Closed with the runtime (connections the notifiers opened).
    let resources: [@Sendable () async -> Void]
    /// The status answer shared by pollers (``status(maxAge:)``).
    let statusCache = StatusCache()

    init(
        config: LakeConfig, declaredConfig: LakeConfig? = nil, extensions: LakeExtensions, env: LakeEnvironment, engine: LakeEngine,
        isReadOnly: Bool, backend: Backend, workflows: WorkflowManager? = nil, resources: [@Sendable () async -> Void] = []
    ) {
        self.config = config
        self.declaredConfig = declaredConfig ?? config
        self.extensions = extensions
        self.env = env
        self.engine = engine
        self.isReadOnly = isReadOnly
        self.backend = backend
        self.workflows = workflows
        self.resources = resources
    }

    /// The topology of the config: team pipelines, datasets and their queues.
    public var topology: Topology { engine.topology }

    /// A local directory for this lake's small state files (the API token): the lake's `state/`
    /// on the embedded backend; `.swiftlake/<env>/` next to lake.yaml on AWS.
    public var localStateDirectory: URL {
        if let lake = backend.embedded { return lake.layout.state }
        return config.baseDirectory.appendingPathComponent(".swiftlake/\(config.environment)", isDirectory: true)
    }

    /// Which backend the lake runs on: `embedded` or `aws`.
    public var backendName: String { backend.name }

    /// Releases what the runtime holds (AWS connections and scratch space); safe to call twice.
    public func close() async {
        for close in resources { await close() }
        await backend.close()
    }

    /// Fails with a usage error when the runtime was opened read-only.
    func requireWritable(_ action: String) throws {
        guard !isReadOnly else {
            throw LakeError(.usage, "cannot \(action) on a lake opened read-only", hint: "open it with LakeRuntime.open")
        }
    }
}
