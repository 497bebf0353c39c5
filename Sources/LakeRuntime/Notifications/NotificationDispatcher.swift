import Foundation
import LakeCore
import LakeEngine
import Logging

/// Routes the engine's notifications: every one becomes an Octagon event
/// (`notification.<kind>`), then goes, each delivery in a task of its own, to the notifiers of
/// its team whose `on:` lists its kind and to every notifier the binary registered. A delivery
/// that gives up is logged and recorded (`notification.delivery-failed`); nothing waits for it.
struct NotificationDispatcher: Sendable {
    /// A team's notifiers and the kinds it wants.
    struct TeamRoute: Sendable {
        var kinds: Set<String>
        var notifiers: [any LakeNotifier]
    }

    let teams: [String: TeamRoute]
    let everywhere: [any LakeNotifier]
    let events: any EventStore
    let clock: any LakeClock
    let ids: any IDGenerator
    let logger: Logger
    /// Deliveries under way, so closing the runtime can let them finish.
    let inFlight = InFlightTasks()

    /// Posts `notification`; returns at once.
    func post(_ notification: LakeNotification) {
        var targets = everywhere
        if let team = notification.team, let route = teams[team], route.kinds.contains(notification.kind.rawValue) {
            targets += route.notifiers
        }
        let notifiers = targets
        let events = self.events
        let clock = self.clock
        let ids = self.ids
        let logger = self.logger
        inFlight.start {
            var details = ["team": notification.team ?? "", "dataset": notification.dataset ?? ""]
            if let execution = notification.executionId { details["execution"] = execution }
            if let code = notification.errorCode { details["errorCode"] = code }
            details["notifiers"] = notifiers.map(\.name).joined(separator: ", ")
            try? await events.recordEvent(EventRecord(
                id: ids.next(), at: notification.at, kind: "notification.\(notification.kind.rawValue)", message: notification.message, details: details))
            await withTaskGroup(of: Void.self) { group in
                for notifier in notifiers {
                    group.addTask {
                        do {
                            try await notifier.notify(notification)
                        } catch {
                            logger.error("notification not delivered", metadata: ["notifier": "\(notifier.name)", "error": "\(error)"])
                            try? await events.recordEvent(EventRecord(
                                id: ids.next(), at: clock.now(), kind: "notification.delivery-failed",
                                message: "\(notifier.name): \(error)", details: ["kind": notification.kind.rawValue, "team": notification.team ?? ""]))
                        }
                    }
                }
            }
        }
    }
}

/// Tasks still running, which a closing runtime waits for (up to a limit), so a command that
/// ends right after a failure still sends its notification.
final class InFlightTasks: Sendable {
    private let tasks = LockedValue<[UUID: Task<Void, Never>]>([:])

    /// Runs `body` in a task of its own, tracked until it ends.
    func start(_ body: @escaping @Sendable () async -> Void) {
        let id = UUID()
        let task = Task { [tasks] in
            await body()
            tasks.update { $0[id] = nil }
        }
        tasks.update { list in
            if !task.isCancelled { list[id] = task }
        }
    }

    /// Waits for the tasks running now, for at most `limit`.
    func drain(limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let running = tasks.update { Array($0.values) }
            if running.isEmpty { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
