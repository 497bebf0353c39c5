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

    /// Year, month, day of the UTC calendar for days since 1970-01-01.
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Zero-padded decimal text.
    static func padded(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
