import LakeCore

/// Merges the columns of newly written files into a catalog table's columns (DESIGN §3.1
/// step 6), matching names without regard to case (Hive, Athena and Glue ignore case; lake.yaml
/// forbids names that differ only in case). Names are kept as the first file wrote them, which
/// is what DuckDB or Spark report for the files.
///
/// - Same name and type: nothing changes.
/// - A new column is appended: "added column x (bigint)".
/// - A type that widens (``HiveType``) makes the catalog type the wider one:
///   "widened y int -> bigint". A file with a narrower type than the catalog's changes nothing.
///   A struct that gains a field widens too; a leaf of a nested column that changes
///   incompatibly is a conflict naming its path (`column 'user.address.zip' changed ...`).
/// - Anything else is a ``Conflict``. The result then takes the new file's type (what a Glue
///   crawler updating the table in place does), so under `schema_policy: log` the catalog
///   describes the files being written from now on; under `fail` the caller throws instead.
/// - A column missing from the new files stays (nullable: the files simply have no values);
///   a non-nullable one becomes nullable. A column that becomes optional becomes nullable.
public struct SchemaMerge: Sendable, Hashable {
    /// An incompatible type change of one column.
    public struct Conflict: Sendable, Hashable, CustomStringConvertible {
        /// The column's name.
        public var column: String
        /// The catalog's type.
        public var from: String
        /// The new files' type.
        public var to: String
        /// `column 'x' changed from bigint to string`.
        public var description: String { "column '\(column)' changed from \(from) to \(to)" }
    }

    /// The merged columns.
    public var columns: [CatalogColumn]
    /// What changed, one entry per column; empty when nothing did.
    public var changes: [String]
    /// Incompatible changes (already reflected in ``columns`` with the new file's type).
    public var conflicts: [Conflict]

    /// True when the merged columns differ from the current ones.
    public var changed: Bool { !changes.isEmpty }

    /// Merges `incoming` into `current`.
    public static func merge(_ current: [CatalogColumn], with incoming: [CatalogColumn]) -> SchemaMerge {
        var columns = current
        var changes: [String] = []
        var conflicts: [Conflict] = []
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() { index[column.name.lowercased()] = i }
        var seen: Set<String> = []
        for column in incoming {
            let name = column.name.lowercased()
            seen.insert(name)
            guard let i = index[name] else {
                index[name] = columns.count
                columns.append(column)
                changes.append("added column \(column.name) (\(column.type))")
                continue
            }
            let stored = columns[i]
            let from = HiveType(stored.type)
            let to = HiveType(column.type)
            do {
                let wider = try from.merge(with: to, path: stored.name)
                if wider != from {
                    columns[i].type = wider.description
                    columns[i].parquetType = wider == to ? column.parquetType : nil
                    changes.append("widened \(stored.name) \(from) -> \(wider)")
                }
            } catch {
                conflicts.append(Conflict(column: error.path, from: error.from.description, to: error.to.description))
                columns[i].type = column.type
                columns[i].parquetType = column.parquetType
                changes.append("column \(stored.name) changed from \(stored.type) to \(column.type) (incompatible)")
            }
            if column.nullable && !columns[i].nullable {
                columns[i].nullable = true
                changes.append("column \(stored.name) became nullable")
            }
        }
        for i in columns.indices where !seen.contains(columns[i].name.lowercased()) && !columns[i].nullable {
            columns[i].nullable = true
            changes.append("column \(columns[i].name) is missing from new files; now nullable")
        }
        return SchemaMerge(columns: columns, changes: changes, conflicts: conflicts)
    }

    /// Columns for a new table; a name repeated without regard to case is merged like a later
    /// file's column.
    public static func initial(_ incoming: [CatalogColumn]) -> SchemaMerge {
        var result = merge([], with: incoming)
        result.changes = ["created with \(result.columns.count) column(s)"] + result.conflicts.map(\.description)
        return result
    }
}
