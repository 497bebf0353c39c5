import Foundation
import LakeCore
import Logging

/// The SDLF engine: wires the catalog step, a stage-A service per team pipeline and a stage-B
/// router per team pipeline over the ports in a ``LakeEnvironment``, and runs them either until
/// the lake is idle (`lake process --until-idle`) or until asked to stop (`lake run`).
public final class LakeEngine: Sendable {
    public let env: LakeEnvironment
    public let topology: Topology
    let leases: LeaseKeeper
    let tracker: ExecutionTracker
    /// Table priorities (WLM levels), shared by routing, stage A and redrive.
    public let priorities: PriorityBook
    let services: [any LakeService]
    let board = ActivityBoard()

    /// Wires the services for `env.config`. `crawler` runs at the end of every stage-B
    /// execution; `extraServices` (the partition job in `lake run`) run beside the others.
    public init(
        env: LakeEnvironment, landingSources: [any LandingSource] = [], crawler: (any StageBCrawler)? = nil,
        extraServices: [any LakeService] = []
    ) {
        // Every execution's end also goes to the metrics, and a failure to the notifications.
        var env = env
        let onEnd = env.onExecutionEnd
        let notify = env.onNotification
        env.onExecutionEnd = { record in
            LakeMetrics.ended(record)
            if record.status == .failed { notify?(.failed(record)) }
            onEnd?(record)
        }
        self.env = env
        let topology = Topology(config: env.config, kinds: env.pipelineKinds)
        self.topology = topology
        let leases = LeaseKeeper(queues: env.queues, clock: env.clock, timeout: env.tuning.visibilityTimeout, interval: env.tuning.leaseRenewInterval)
        self.leases = leases
        let tracker = ExecutionTracker()
        self.tracker = tracker
        let priorities = PriorityBook(metadata: env.metadata, clock: env.clock, config: env.config, refresh: env.tuning.priorityRefresh)
        self.priorities = priorities
        var services: [any LakeService] = landingSources.map { LandingService(env: env, topology: topology, source: $0) }
        services.append(CatalogService(env: env, topology: topology, priorities: priorities))
        for unit in topology.stageA {
            // Each dataset is one FIFO group with one batch in flight: lanes past the number of
            // datasets would only poll for batches that cannot be handed out.
            let groups = topology.datasets.values.filter { $0.ref.team == unit.team && $0.pipeline.name == unit.pipeline.name }.count
            for _ in 0..<max(1, min(env.tuning.stageALanes, groups)) {
                services.append(StageAService(env: env, topology: topology, unit: unit, leases: leases, priorities: priorities))
            }
        }
        for unit in topology.stageA where unit.runsStageB {
            services.append(StageBRouter(env: env, topology: topology, unit: unit, leases: leases, tracker: tracker, priorities: priorities, crawler: crawler))
        }
        self.services = services + extraServices
    }

    /// Creates queues and registry rows for the config, and frees the slots of stage-B
    /// executions whose worker on this host was killed. Call once before running.
    public func prepare() async throws {
        try await LakeSetup.apply(env, topology: topology)
        _ = try await releaseStoppedWorkers()
    }

    /// Marks RUNNING stage-B executions whose worker process on this host no longer runs as
    /// stale (their heartbeat set back past `staleAfter`), so their slots free up and the
    /// router resumes their batches as soon as the messages come back. Returns how many.
    public func releaseStoppedWorkers() async throws -> Int {
        let running = try await env.metadata.executions(matching: ExecutionQuery(status: .running, stage: .b))
        let now = env.clock.now()
        let released = running.filter(WorkerLiveness.workerIsGone).map { record in
            var record = record
            record.record("StageB Worker stopped", component: "router", at: now)
            record.updatedAt = now.adding(.zero - env.tuning.staleAfter - .seconds(1))
            return record
        }
        guard !released.isEmpty else { return 0 }
        try await env.metadata.saveExecutions(released)
        env.logger.info("released stage-B executions of stopped workers", metadata: ["count": "\(released.count)"])
        return released.count
    }

    /// Runs every service until all queues are empty and nothing runs, firing schedules (and
    /// ignoring batch minimums) as soon as nothing else is pending. Queues of INACTIVE pipelines
    /// are left waiting and reported.
    ///
    /// `alongside` (landing files, say) runs while the services do, as `lake ingest` beside
    /// `lake run`: the lake is idle only once it has returned. Its error stops the run and is
    /// thrown.
    public func runUntilIdle(timeout: Duration? = nil, alongside work: (@Sendable () async throws -> Void)? = nil) async throws -> IdleReport {
        let started = env.clock.now()
        var stop = StopSignal()
        var loops = startLoops(stop)
        defer { loops.cancel() }
        let workDone = LockedValue(work == nil)
        let side = work.map { work in Task { defer { workDone.set(true) }; try await work() } }
        defer { side?.cancel() }
        var drains = 0
        while true {
            if workDone.value, let side {
                do {
                    try await side.value
                } catch {
                    stop.request()
                    await loops.value
                    await tracker.waitAll()
                    await leases.shutdown()
                    throw error
                }
            }
            if let timeout, env.clock.now().timeIntervalSince(started) > timeout.seconds {
                stop.request()
                let running = await tracker.activeCount
                let notIdle = board.notIdle(serviceCount: services.count).map { services[$0].name }
                env.logger.error("not idle", metadata: ["services": "\(notIdle)"])
                let pending = (try? await pendingWork().byQueue) ?? [:]
                let busy = pending.filter { $0.value.total > 0 }.sorted { $0.key < $1.key }
                    .map { "\($0.key): \($0.value.visible) visible, \($0.value.inFlight) in flight, \($0.value.delayed) delayed" }
                await tracker.waitAll()
                throw LakeError(
                    .timeout, "the lake did not become idle within \(DurationText.format(timeout)): \(running) stage-B execution(s) running"
                        + (busy.isEmpty ? "" : "; " + busy.joined(separator: "; ")),
                    hint: "see `lake status` and `lake executions --status RUNNING` for what is still going on")
            }
            try await Task.sleep(for: .milliseconds(5))
            guard workDone.value, board.isQuiescent(serviceCount: services.count), await tracker.activeCount == 0 else { continue }
            let pending = try await pendingWork()
            if pending.active > 0 {
                board.bump()
                await env.queues.awaitActivity(timeout: .milliseconds(50))
                continue
            }
            // Nothing else pending: fire schedules and drain batches below their minimum.
            var drained = false
            for service in services where try await service.step(drain: true) { drained = true }
            if drained {
                drains += 1
                board.bump()
                continue
            }
            guard board.isQuiescent(serviceCount: services.count), await tracker.activeCount == 0 else { continue }
            stop.request()
            await loops.value
            if await tracker.activeCount > 0 {
                // A service loop started an execution between the check and the stop: the lake
                // is idle only once it has finished (returning now killed it mid-batch, its
                // files written and its crawl not). Wait for it, then go on as before.
                await tracker.waitAll()
                stop = StopSignal()
                loops = startLoops(stop)
                board.bump()
                continue
            }
            await leases.shutdown()
            return IdleReport(elapsedSeconds: env.clock.now().timeIntervalSince(started), waitingInactive: pending.waitingInactive, drains: drains)
        }
    }

    /// Runs the services until `stop` is requested, then stops taking work, lets running
    /// executions finish (up to `grace`), and returns leases of anything unfinished.
    public func run(stop: StopSignal, grace: Duration = .seconds(30)) async {
        await runLoops(stop: stop)
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.tracker.waitAll(); return true }
            group.addTask { try? await Task.sleep(for: grace); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !finished { env.logger.warning("stopping with stage-B executions still running; their messages come back after the lease") }
        await leases.shutdown()
    }

    /// The service loops, run until `stop` is requested.
    private func startLoops(_ stop: StopSignal) -> Task<Void, Never> {
        Task { await self.runLoops(stop: stop) }
    }

    private func runLoops(stop: StopSignal) async {
        await withTaskGroup(of: Void.self) { group in
            for (index, service) in services.enumerated() {
                group.addTask { await self.loop(service, index: index, stop: stop) }
            }
        }
    }

    private func loop(_ service: any LakeService, index: Int, stop: StopSignal) async {
        var failures = 0
        while !stop.isRequested && !Task.isCancelled {
            // Taken before the step looks at its queues: a send after it ends the idle wait.
            let mark = env.queues.activityMark()
            let generation = board.beginStep()
            var worked = false
            do {
                worked = try await service.step(drain: false)
                failures = 0
            } catch {
                failures += 1
                env.logger.error("service step failed", metadata: ["service": "\(service.name)", "error": "\(error)"])
            }
            board.endStep(service: index, startedAt: generation, worked: worked)
            if failures > 0 {
                try? await Task.sleep(for: .milliseconds(min(5000, 100 << min(failures, 6))))
            } else if !worked {
                await stop.wait(orActivityOn: env.queues, after: mark, timeout: env.tuning.idleWait)
            }
        }
    }

    /// Messages still to be processed (visible, in flight or delayed) outside dead-letter
    /// queues, excluding queues of INACTIVE pipelines (reported separately) and visible
    /// stage-B messages, which wait for their trigger. `byQueue` has the counts read of the
    /// queues of active pipelines.
    func pendingWork() async throws -> (active: Int, waitingInactive: [String: Int], byQueue: [String: QueueCounts]) {
        var active = 0
        var waiting: [String: Int] = [:]
        var byQueue: [String: QueueCounts] = [:]
        let inactive = Set(try await env.metadata.pipelines().filter { $0.status == .inactive }.map(\.id))
        let names = topology.names
        var queues: [(QueueName, String?, batched: Bool)] = [(names.catalog, nil, false)]
        for unit in topology.stageA {
            for (_, queue) in unit.queues {
                queues.append((queue, PipelineRecord.id(team: unit.team, pipeline: unit.pipeline.name, stage: .a), false))
            }
        }
        for dataset in topology.sortedDatasets where dataset.hasStageB {
            let pipelineId = PipelineRecord.id(team: dataset.ref.team, pipeline: dataset.pipeline.name, stage: .b)
            for (_, queue) in dataset.stageBQueues { queues.append((queue, pipelineId, true)) }
        }
        for (queue, pipelineId, batched) in queues {
            let counts = try await env.queues.counts(queue)
            if let pipelineId, inactive.contains(pipelineId) {
                if counts.total > 0 { waiting[queue.rawValue] = counts.total }
                continue
            }
            byQueue[queue.rawValue] = counts
            if batched {
                // Visible stage-B messages that an idle router left are waiting for their
                // trigger (schedule, minimum, batch window): the drain step takes them.
                active += counts.inFlight + counts.delayed
            } else {
                active += counts.total
            }
        }
        return (active, waiting, byQueue)
    }
}

/// What `runUntilIdle` saw.
public struct IdleReport: Sendable, Codable {
    public var elapsedSeconds: Double
    /// Messages left in queues of INACTIVE pipelines, by queue.
    public var waitingInactive: [String: Int]
    /// How many times schedules were fired early to drain.
    public var drains: Int
}

/// A one-way flag to stop the runtime, settable from a signal handler's task.
public final class StopSignal: Sendable {
    private let flag = LockedValue(false)
    public init() {}
    public var isRequested: Bool { flag.value }
    public func request() { flag.set(true) }

    /// Waits for activity on the queues since `mark`, the timeout, or a stop request (checked
    /// every 50 ms).
    func wait(orActivityOn queues: any QueueService, after mark: QueueActivityMark, timeout: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !isRequested {
            let remaining = deadline - clock.now
            if remaining <= .zero { return }
            let slice = min(Duration.milliseconds(50), remaining)
            let start = clock.now
            await queues.awaitActivity(after: mark, timeout: slice)
            // Woken before the slice ran out: there is activity.
            if clock.now - start < slice - .milliseconds(2) { return }
        }
    }
}
