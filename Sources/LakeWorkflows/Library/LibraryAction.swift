import Foundation
import LakeCore

/// One thing a library sync does (or, dry, would do) on one tenant: what, to which item, and
/// how it went. `lake wfm library put|remove|sync --json` prints a list of them.
public struct LibraryAction: Sendable, Hashable, Codable {
    /// What the sync does.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A workflow new to the tenant.
        case deploy
        /// A new version of a deployed workflow, or a changed body.
        case update
        /// The item's default schedule created or changed.
        case schedule
        /// A deployed copy of a removed item (or an old version) deleted.
        case removeWorkflow = "remove-workflow"
        /// The schedule of a removed item deleted.
        case removeSchedule = "remove-schedule"
        /// Held back by one of the tenant's library flags.
        case skip
    }

    /// How it went.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Dry run: what would happen.
        case planned
        case applied
        /// Saved but the tenant's API did not take it yet; `lake run` retries it.
        case pending
        case failed
        /// A flag held it back.
        case skipped
    }

    public var tenant: String
    /// The library's id of the workflow.
    public var workflowId: String
    /// The id on the tenant's API (`<workflowId>_v<version>`), or the schedule's name.
    public var target: String
    public var action: Kind
    public var outcome: Outcome
    public var detail: String?

    public init(tenant: String, workflowId: String, target: String, action: Kind, outcome: Outcome, detail: String? = nil) {
        self.tenant = tenant
        self.workflowId = workflowId
        self.target = target
        self.action = action
        self.outcome = outcome
        self.detail = detail
    }
}
