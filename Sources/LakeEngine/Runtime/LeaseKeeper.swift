import LakeCore

/// Keeps leases on received messages alive while their work runs: every renew interval it
/// extends the visibility of each held message. A crashed worker stops renewing, so its
/// messages come back to other workers.
public actor LeaseKeeper {
    private struct Held {
        var queue: QueueName
        var receipt: ReceiptHandle
    }
    private let queues: any QueueService
    private let clock: any LakeClock
    private let timeout: Duration
    private let interval: Duration
    private var held: [ReceiptHandle: Held] = [:]
    private var renewer: Task<Void, Never>?

    public init(queues: any QueueService, clock: any LakeClock, timeout: Duration, interval: Duration) {
        self.queues = queues
        self.clock = clock
        self.timeout = timeout
        self.interval = interval
    }

    /// Starts renewing the leases of `messages` until ``release(_:)``.
    public func hold(_ messages: [ReceivedMessage], in queue: QueueName) {
        for m in messages { held[m.receipt] = Held(queue: queue, receipt: m.receipt) }
        if renewer == nil { startRenewing() }
    }

    /// Stops renewing (the messages were deleted or returned).
    public func release(_ receipts: [ReceiptHandle]) {
        for r in receipts { held[r] = nil }
    }

    /// Stops the renewal loop (at shutdown, after work has finished or been abandoned).
    public func shutdown() {
        renewer?.cancel()
        renewer = nil
    }

    private func startRenewing() {
        let interval = self.interval
        let clock = self.clock
        renewer = Task { [weak self] in
            while !Task.isCancelled {
                do { try await clock.sleep(for: interval) } catch { return }
                await self?.renewAll()
            }
        }
    }

    private func renewAll() async {
        for item in held.values {
            // A failed renewal means the message came back or was deleted; the work's own delete
            // tells which, so nothing to do here but carry on.
            try? await queues.changeVisibility(item.receipt, in: item.queue, timeout: timeout)
        }
    }
}
