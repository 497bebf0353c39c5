import Foundation
import LakeCore
import LakeEngine

/// One file `lake ingest` landed.
public struct LandedFile: Sendable, Codable, Hashable {
    /// The local path it came from.
    public var source: String
    /// Its raw-zone key.
    public var key: String
    public var size: Int64
}

extension LakeRuntime {
    /// Copies local files (directories are walked) into raw as `<team>/<dataset>/[<table>/]<name>`
    /// and emits their landing events. On the embedded backend the raw watcher is told, so it
    /// does not report them a second time.
    public func ingest(paths: [URL], dataset: DatasetRef, table: String? = nil) async throws -> [LandedFile] {
        try requireWritable("ingest")
        let ingestor = Ingestor(env: env)
        let landed = try await ingestor.ingest(try ingestor.plan(paths: paths, dataset: dataset, table: table))
        try await backend.embedded?.watcher.markSeen(landed.map(\.info))
        return landed.map { LandedFile(source: $0.source, key: $0.info.location.key.rawValue, size: $0.info.size) }
    }

    /// Whether lake.yaml defines `dataset` (files of other datasets go to the routing DLQ).
    public func defines(_ dataset: DatasetRef) -> Bool { config.dataset(dataset) != nil }
}
