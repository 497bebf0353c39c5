/// Hive-style partition path segments: `key=value` with the value escaped the way Hive (and so
/// Glue, Athena, Spark and DuckDB) escape it, and `__HIVE_DEFAULT_PARTITION__` for null.
public enum HivePartitionPath {
    /// The directory name Hive uses for a null (or empty) partition value.
    public static let defaultPartition = "__HIVE_DEFAULT_PARTITION__"

    /// Escapes a partition value: control characters and `"#%'*/:=?\{[]^` and DEL become
    /// `%XX` (upper-case hex of each UTF-8 byte).
    public static func escape(_ value: String) -> String {
        if value.isEmpty { return defaultPartition }
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in value.utf8 {
            if b < 0x20 || b == 0x7F || Self.special.contains(b) {
                out.append(37)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let special: Set<UInt8> = Set("\"#%'*/:=?\\{[]^".utf8)

    /// `key=escaped(value)`, or the default partition for nil.
    public static func segment(_ key: String, _ value: String?) -> String {
        "\(escape(key))=\(value.map(escape) ?? defaultPartition)"
    }
}
