import Foundation

/// Everything the workflow manager keeps: tenants, workflows, schedules, execution statuses and
/// the per-tenant leases. Each is a port of its own with its own contract suite; both adapters
/// implement all of them.
public protocol WorkflowStores: TenantStore, WorkflowStore, ScheduleStore, WorkflowExecutionStore, LeaseStore, WorkflowLibraryStore {}
