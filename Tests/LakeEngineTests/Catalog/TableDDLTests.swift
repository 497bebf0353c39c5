import Foundation
import LakeCore
import LakeEngine
import Testing

/// The DDL text (golden) and its structure, for each format.
@Suite struct TableDDLTests {
    static let at = Date(timeIntervalSince1970: 0)

    @Test func parquetTableGolden() {
        let table = CatalogTable(
            database: "acme_lake_prod_sales_orders_db", name: "orders",
            columns: [
                CatalogColumn(name: "id", type: "bigint", parquetType: "INT64"), CatalogColumn(name: "price", type: "decimal(12,2)"),
                CatalogColumn(name: "at", type: "timestamp", comment: "when it's done"),
            ],
            partitionKeys: [CatalogColumn(name: "region", type: "string"), CatalogColumn(name: "year", type: "string")],
            location: "s3://acme-lake-prod-analytics/sales/orders/orders/", parameters: ["compressionType": "snappy"],
            createdAt: Self.at, updatedAt: Self.at)
        #expect(TableDDL.createTable(table) == """
            CREATE EXTERNAL TABLE IF NOT EXISTS `acme_lake_prod_sales_orders_db`.`orders` (
              `id` bigint,
              `price` decimal(12,2),
              `at` timestamp COMMENT 'when it\\'s done'
            )
            PARTITIONED BY (
              `region` string,
              `year` string
            )
            STORED AS PARQUET
            LOCATION 's3://acme-lake-prod-analytics/sales/orders/orders/'
            TBLPROPERTIES (
              'classification'='parquet',
              'parquet.compression'='SNAPPY'
            );

            """)
    }

    @Test func jsonAndCSVTablesUseTextSerDes() {
        let json = CatalogTable(
            database: "d_raw_db", name: "events", columns: [CatalogColumn(name: "id", type: "int")],
            partitionKeys: [CatalogColumn(name: "dt", type: "string")], location: "file:///lake/raw/t/d/events/", format: .json,
            createdAt: Self.at, updatedAt: Self.at)
        #expect(TableDDL.createTable(json) == """
            -- Location on the embedded backend; on AWS the table's LOCATION is its s3:// URI.
            CREATE EXTERNAL TABLE IF NOT EXISTS `d_raw_db`.`events` (
              `id` int
            )
            PARTITIONED BY (
              `dt` string
            )
            ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
            STORED AS TEXTFILE
            LOCATION 'file:///lake/raw/t/d/events/'
            TBLPROPERTIES (
              'classification'='json'
            );

            """)
        let csv = CatalogTable(
            database: "d_raw_db", name: "clicks", columns: [CatalogColumn(name: "a.b", type: "string"), CatalogColumn(name: "odd`name", type: "int")],
            location: "s3://b/raw/", format: .csv, parameters: ["skip.header.line.count": "1"], createdAt: Self.at, updatedAt: Self.at)
        let text = TableDDL.createTable(csv)
        #expect(text.contains("ROW FORMAT DELIMITED FIELDS TERMINATED BY ','\nSTORED AS TEXTFILE\n"))
        #expect(text.contains("'skip.header.line.count'='1'"))
        #expect(text.contains("`odd``name` int"))
        #expect(text.hasPrefix("-- Athena accepts only lower-case letters, digits and '_' in column names; rename: a.b, odd`name\n"))
        #expect(!text.contains("PARTITIONED BY"))
    }

    /// Every statement parses as the Hive grammar's skeleton: one CREATE, balanced parentheses
    /// and quotes outside comments, a known type for each column, clauses in Hive's order.
    @Test(arguments: TableFormat.allCases)
    func statementsHaveHivesShape(format: TableFormat) {
        let table = CatalogTable(
            database: "db", name: "t",
            columns: ["boolean", "int", "bigint", "double", "float", "string", "binary", "date", "timestamp", "decimal(38,10)"]
                .enumerated().map { CatalogColumn(name: "c\($0.offset)", type: $0.element) },
            partitionKeys: [CatalogColumn(name: "dt", type: "string")], location: "s3://bucket/prefix/", format: format,
            createdAt: Self.at, updatedAt: Self.at)
        let text = TableDDL.createTable(table)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        var depth = 0
        var quoted = false
        for ch in body {
            if ch == "'" { quoted.toggle() }
            if !quoted, ch == "(" { depth += 1 }
            if !quoted, ch == ")" { depth -= 1 }
            #expect(depth >= 0)
        }
        #expect(depth == 0)
        #expect(!quoted)
        let clauses = ["CREATE EXTERNAL TABLE", "PARTITIONED BY", format == .parquet ? "STORED AS PARQUET" : "STORED AS TEXTFILE", "LOCATION", "TBLPROPERTIES"]
        let positions = clauses.compactMap { body.range(of: $0)?.lowerBound }
        #expect(positions.count == clauses.count)
        #expect(positions == positions.sorted())
        let columnLines = body.split(separator: "\n").filter { $0.hasPrefix("  `c") }
        #expect(columnLines.count == 10)
        let known = /^  `[a-z0-9_]+` (boolean|int|bigint|double|float|string|binary|date|timestamp|decimal\(\d+,\d+\)),?$/
        #expect(columnLines.allSatisfy { (try? known.wholeMatch(in: String($0))) != nil })
        #expect(body.hasSuffix(");"))
    }
}
