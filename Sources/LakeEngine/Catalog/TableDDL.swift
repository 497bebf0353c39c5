import LakeCore

/// The Athena/Hive `CREATE EXTERNAL TABLE` statement for a catalog table: columns,
/// `PARTITIONED BY`, the storage clause of its format, `LOCATION` and `TBLPROPERTIES`.
///
/// Identifiers are quoted with backticks (a backtick inside is doubled); string literals with
/// single quotes (backslash-escaped). Types are the catalog's Hive types. Parquet tables are
/// `STORED AS PARQUET`; JSON tables use the OpenX JSON SerDe and CSV tables
/// `ROW FORMAT DELIMITED`, both `STORED AS TEXTFILE`. A `file://` location (the embedded
/// backend) gets a comment: on AWS the same table lives at its `s3://` URI.
public enum TableDDL {
    /// The statement for `table`, ending in `;` and a newline.
    public static func createTable(_ table: CatalogTable) -> String {
        var lines: [String] = []
        if !table.location.hasPrefix("s3://") {
            lines.append("-- Location on the embedded backend; on AWS the table's LOCATION is its s3:// URI.")
        }
        let unusual = (table.columns + table.partitionKeys).map(\.name).filter { !isPlainName($0) }
        if !unusual.isEmpty {
            lines.append("-- Athena accepts only lower-case letters, digits and '_' in column names; rename: \(unusual.joined(separator: ", "))")
        }
        lines.append("CREATE EXTERNAL TABLE IF NOT EXISTS \(identifier(table.database)).\(identifier(table.name)) (")
        lines.append(columnList(table.columns))
        lines.append(")")
        if !table.partitionKeys.isEmpty {
            lines.append("PARTITIONED BY (")
            lines.append(columnList(table.partitionKeys))
            lines.append(")")
        }
        var properties: [(String, String)] = [("classification", table.classification)]
        switch table.format {
        case .parquet:
            lines.append("STORED AS PARQUET")
            let codec = (table.parameters["compressionType"] ?? "snappy").uppercased()
            properties.append(("parquet.compression", codec == "NONE" ? "UNCOMPRESSED" : codec))
        case .json:
            lines.append("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'")
            lines.append("STORED AS TEXTFILE")
        case .csv:
            let delimiter = table.parameters["delimiter"] ?? ","
            lines.append("ROW FORMAT DELIMITED FIELDS TERMINATED BY \(literal(delimiter))")
            lines.append("STORED AS TEXTFILE")
            if let skip = table.parameters["skip.header.line.count"] { properties.append(("skip.header.line.count", skip)) }
        }
        lines.append("LOCATION \(literal(table.location))")
        lines.append("TBLPROPERTIES (")
        lines.append(properties.map { "  \(literal($0.0))=\(literal($0.1))" }.joined(separator: ",\n"))
        lines.append(");")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `` `name` `` with inner backticks doubled.
    static func identifier(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// `'text'` with backslashes and quotes escaped.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static func columnList(_ columns: [CatalogColumn]) -> String {
        columns.map { column in
            var line = "  \(identifier(column.name)) \(column.type)"
            if let comment = column.comment { line += " COMMENT \(literal(comment))" }
            return line
        }.joined(separator: ",\n")
    }

    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}
