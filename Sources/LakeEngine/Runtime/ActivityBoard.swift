import Synchronization

/// Tracks whether the engine's services are quiet: a service counts as idle only if its last
/// finished step began after the most recent work anywhere and found nothing to do.
///
/// Steps still running do not block quiescence: a step that began at the current generation
/// sees what the idle steps saw, and any work it does bumps the generation. (Requiring every
/// service to be between steps at one instant never happens on a loaded machine with many
/// services polling.)
final class ActivityBoard: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var idleAt: [Int: UInt64] = [:]
    }
    private let state = Mutex(State())

    func beginStep() -> UInt64 {
        state.withLock { $0.generation }
    }

    func endStep(service: Int, startedAt generation: UInt64, worked: Bool) {
        state.withLock {
            if worked {
                $0.generation += 1
                $0.idleAt[service] = nil
            } else {
                $0.idleAt[service] = generation
            }
        }
    }

    /// Something happened outside the services (an execution ended): everyone looks again.
    func bump() { state.withLock { $0.generation += 1 } }

    /// The services that have not yet been idle at the current generation.
    func notIdle(serviceCount: Int) -> [Int] {
        state.withLock { s in (0..<serviceCount).filter { s.idleAt[$0] != s.generation } }
    }

    func isQuiescent(serviceCount: Int) -> Bool {
        state.withLock { s in (0..<serviceCount).allSatisfy { s.idleAt[$0] == s.generation } }
    }
}
