import Foundation

/// `standard`: event capture, stage A per object, stage B per batch (SDLF's standard pipeline).
public struct StandardPipelineKind: PipelineKind {
    public init() {}
    public var name: String { "standard" }
    public var summary: String { "stage A per object, then stage B per batch (Parquet, catalog)" }
    public var runsStageB: Bool { true }
}

/// `custom`: stage A only (the DDK's custom pipeline); a pipeline of this kind cannot have
/// `stage_b`, and datasets on it cannot override stage B.
public struct CustomPipelineKind: PipelineKind {
    public init() {}
    public var name: String { "custom" }
    public var summary: String { "stage A per object only" }
    public var runsStageB: Bool { false }

    public func check(_ pipeline: PipelineConfig) -> [PipelineKindIssue] {
        guard pipeline.stageBWritten else { return [] }
        return [PipelineKindIssue(
            path: "stage_b", message: "a custom pipeline runs stage A only and cannot have stage_b",
            hint: "remove stage_b, or set `type: standard` to run stage B too")]
    }
}

extension PipelineKind where Self == StandardPipelineKind {
    /// The `standard` kind.
    public static var standard: StandardPipelineKind { StandardPipelineKind() }
}

extension PipelineKind where Self == CustomPipelineKind {
    /// The `custom` kind.
    public static var custom: CustomPipelineKind { CustomPipelineKind() }
}
