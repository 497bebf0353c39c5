import Foundation

/// Schedules of workflow executions (the reference's AMCWorkflowSchedules table).
///
/// Guarantees (checked by `ScheduleStoreContract`): upserts keyed by name; recording a fire is a
/// compare-and-set on the last fire time, atomic across processes, so two workers never both
/// fire one schedule for one due time.
public protocol ScheduleStore: Sendable {
    func putSchedule(_ schedule: ScheduleRecord) async throws
    func schedule(name: String) async throws -> ScheduleRecord?
    /// Every schedule, by name.
    func schedules() async throws -> [ScheduleRecord]
    func deleteSchedule(name: String) async throws
    /// Sets the schedule's last fire to `fire` only if it still is `previous`; true when this
    /// call set it (the caller then fires), false when another worker did first or it is gone.
    func recordFire(name: String, fire: Date, previous: Date?) async throws -> Bool
}
