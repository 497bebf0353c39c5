import Foundation
import LakeCore

/// What one stage-B batch wrote to one analytics table, read from the files' footers and paths:
/// the merged columns, the partition keys and the partitions touched.
struct TableScan: Sendable {
    /// A partition directory below the table: its values (unescaped) and its path as stored.
    struct Partition: Hashable, Sendable {
        /// One value per partition key, in key order.
        var values: [String]
        /// `k=v/k2=v2/`, escaped as on storage.
        var path: String
    }

    var table: String
    /// The columns of the batch's files, merged.
    var columns: [CatalogColumn]
    /// Incompatible types between files of the batch itself.
    var conflicts: [SchemaMerge.Conflict]
    /// Partition key names, outermost first (empty: unpartitioned).
    var partitionKeys: [String]
    /// The partitions the batch wrote to.
    var partitions: [Partition]
    /// Rows written by the batch.
    var rows: Int64
    /// Compression of the files, e.g. `SNAPPY`.
    var codec: String?

    /// Reads the footers of a table's written files.
    static func read(table: String, files: [WrittenObject], objects: any ObjectStore, scratch: URL) async throws -> TableScan {
        var scan = TableScan(table: table, columns: [], conflicts: [], partitionKeys: [], partitions: [], rows: 0, codec: nil)
        var seen: Set<Partition> = []
        for (index, file) in files.sorted(by: { $0.name < $1.name }).enumerated() {
            let footer = try await ParquetFooter.read(file.info.location, objects: objects, scratch: scratch)
            let (keys, partition) = try parsePath(file.name, table: table)
            if index == 0 {
                scan.partitionKeys = keys
                scan.columns = SchemaMerge.initial(footer.columns).columns
                scan.codec = footer.codec
            } else {
                guard keys == scan.partitionKeys else {
                    throw LakeError(
                        .catalog, "files of table \(table) have different partition keys: \(scan.partitionKeys) and \(keys)",
                        hint: "a stage-B transform must partition every file of a table the same way", context: ["table": table])
                }
                let merged = SchemaMerge.merge(scan.columns, with: footer.columns)
                scan.columns = merged.columns
                scan.conflicts += merged.conflicts
            }
            scan.rows += footer.rows
            if !keys.isEmpty, seen.insert(partition).inserted { scan.partitions.append(partition) }
        }
        return scan
    }

    /// Splits `k=v/k2=v2/part-x.parquet` into keys and the partition (values unescaped).
    static func parsePath(_ name: String, table: String) throws -> ([String], Partition) {
        let segments = name.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var keys: [String] = []
        var values: [String] = []
        var path = ""
        for segment in segments {
            guard let equals = segment.firstIndex(of: "="), equals != segment.startIndex else {
                throw LakeError(
                    .catalog, "output '\(name)' of table \(table) lies in '\(segment)', which is not a key=value partition directory",
                    hint: "write table files as [k=v/...]/file.parquet below the table folder", context: ["table": table])
            }
            keys.append(String(segment[..<equals]))
            values.append(unescape(segment[segment.index(after: equals)...]))
            path += segment + "/"
        }
        return (keys, Partition(values: values, path: path))
    }

    /// Undoes Hive's `%XX` escaping of partition values.
    static func unescape(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            if byte == UInt8(ascii: "%"), utf8.count >= 3,
               let high = hexValue(utf8[utf8.startIndex + 1]), let low = hexValue(utf8[utf8.startIndex + 2]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
                utf8 = utf8.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
