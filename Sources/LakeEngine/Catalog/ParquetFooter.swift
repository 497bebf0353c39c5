import Foundation
import LakeCore
import LakeFormats

/// What the crawler takes from one Parquet file's footer: its columns as catalog columns, its
/// row count and its compression codec. Nothing but the footer is read.
struct ParquetFooter: Sendable, Hashable {
    var columns: [CatalogColumn]
    var rows: Int64
    /// The codec of the first column chunk, e.g. `SNAPPY`; nil for a file without row groups.
    var codec: String?

    /// Reads the footer of the object at `location`. The object store hands over a local file
    /// (the object itself on the embedded backend, a download into `scratch` elsewhere, removed
    /// after reading).
    static func read(_ location: ObjectLocation, objects: any ObjectStore, scratch: URL) async throws -> ParquetFooter {
        try await ScratchFile.withLocalCopy(of: location, objects: objects, scratch: scratch) { file in
            try footer(of: file, location: location)
        }
    }

    private static func footer(of file: URL, location: ObjectLocation) throws -> ParquetFooter {
        do {
            let reader = try ParquetReader(url: file)
            // Leaves are named by path, so a flat field finds its own; a nested one is a group.
            let descriptors = Dictionary(reader.metadata.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let columns = reader.schema.fields.map { field in
                let descriptor = field.type.isNested ? nil : descriptors[field.name]
                return CatalogColumn(
                    name: field.name, type: field.type.hiveType,
                    parquetType: descriptor.map { d in d.logicalType.map { "\(d.physicalType)/\($0)" } ?? d.physicalType } ?? "GROUP",
                    nullable: field.nullable)
            }
            return ParquetFooter(
                columns: columns, rows: reader.numRows, codec: reader.metadata.rowGroups.first?.columns.first?.codec)
        } catch {
            throw LakeError(
                .format, "cannot read the Parquet footer of \(location)",
                hint: "the stage-B transform must write Parquet files under analytics/<team>/<dataset>/<table>/",
                context: ["key": location.key.rawValue], underlying: SendableErrorBox(error))
        }
    }
}
