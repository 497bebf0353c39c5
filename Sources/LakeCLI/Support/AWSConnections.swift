import LakeAWS
import LakeCore

/// The AWS connections a command opened, shut down (with their clean-up actions) by
/// ``LakeCLI`` once the command returns, whether it succeeded or threw.
enum AWSConnections {
    private static let open = LockedValue<[AWSLake]>([])
    private static let cleanups = LockedValue<[@Sendable () -> Void]>([])

    /// Keeps `lake` to shut down later.
    static func register(_ lake: AWSLake) {
        open.update { $0.append(lake) }
    }

    /// Runs `cleanup` after the connections are shut down.
    static func onClose(_ cleanup: @escaping @Sendable () -> Void) {
        cleanups.update { $0.append(cleanup) }
    }

    /// Shuts every registered connection down and runs the clean-ups; safe to call twice.
    static func closeAll() async {
        let lakes = open.update { list -> [AWSLake] in
            defer { list = [] }
            return list
        }
        for lake in lakes { try? await lake.shutdown() }
        let actions = cleanups.update { list -> [@Sendable () -> Void] in
            defer { list = [] }
            return list
        }
        for action in actions { action() }
    }
}
