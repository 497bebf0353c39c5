import Foundation
import LakeCore

/// What a stage-A transform gets: one raw object as a local file, and a directory for outputs.
public struct LightTransformInput: Sendable {
    public var location: ObjectLocation
    /// A readable local copy of the object (the object itself on the embedded backend: do not modify).
    public var file: URL
    public var dataset: DatasetRef
    public var table: String
    public var executionId: String
    public var options: TransformOptions
    /// Write outputs here; the engine moves them into the stage zone.
    public var outputDirectory: URL
    /// When the execution started, by the engine's clock (for dated output names; never `Date()`).
    public var startedAt: Date
    public init(
        location: ObjectLocation, file: URL, dataset: DatasetRef, table: String, executionId: String, options: TransformOptions, outputDirectory: URL,
        startedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.location = location
        self.file = file
        self.dataset = dataset
        self.table = table
        self.executionId = executionId
        self.options = options
        self.outputDirectory = outputDirectory
        self.startedAt = startedAt
    }

    /// The input file's name without its extension.
    public var baseName: String {
        let name = location.key.name
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

/// One file a transform wrote: the table it belongs to and its name in the table's folder.
public struct TransformOutput: Sendable, Hashable {
    public var table: String
    /// File name, or a relative path below the table folder (e.g. `year=2026/part-x.parquet`).
    public var name: String
    public var file: URL
    /// Rows in the file, when the transform knows.
    public var rows: Int64?
    /// Whether a remote engine already wrote the file at its analytics location (a Glue job):
    /// stage B records it where it is instead of uploading `file`.
    public var inPlace: Bool
    public init(table: String, name: String, file: URL, rows: Int64? = nil) {
        self.table = table
        self.name = name
        self.file = file
        self.rows = rows
        inPlace = false
    }

    /// An output a remote engine wrote to `analytics/<team>/<dataset>/<table>/<name>`.
    public static func inPlace(table: String, name: String, rows: Int64? = nil) -> TransformOutput {
        var output = TransformOutput(table: table, name: name, file: URL(fileURLWithPath: "/dev/null"), rows: rows)
        output.inPlace = true
        return output
    }
}

/// A stage-A (light, per-object) transform. Must be deterministic in its output names: the same
/// input gives the same names, so a retry overwrites its own outputs.
public protocol LightTransform: Sendable {
    func run(_ input: LightTransformInput) async throws -> [TransformOutput]
}
