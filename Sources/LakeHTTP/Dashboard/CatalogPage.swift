import Foundation
import Hummingbird
import LakeRuntime

/// `/catalog` (databases and their tables with rows, files, size, partitions, updates, schema
/// versions) and `/catalog/{db}.{table}` (columns, partitions, history, DDL).
enum CatalogPage {
    static func render(databases: [CatalogViews.Database], tables: [CatalogViews.TableSummary], csrf: String?, refresh: Int) -> Response {
        let dbRows: [HTML] = databases.map { "<tr><td>\($0.name)</td><td>\($0.zone)</td><td class=\"num\">\($0.tables)</td><td>\(DashboardHTML.time($0.createdAt))</td></tr>" }
        let tableRows: [HTML] = tables.map { t in
            """
            <tr><td><a href="/catalog/\(t.database).\(t.name)">\(t.database).\(t.name)</a></td><td>\(t.format)</td><td class="num">\(t.recordCount.map(String.init) ?? "-")</td>
            <td class="num">\(t.numFiles.map(String.init) ?? "-")</td><td class="num">\(DashboardHTML.bytes(t.sizeBytes))</td>
            <td>\(t.partitionKeys.isEmpty ? "-" : t.partitionKeys.joined(separator: ", "))</td><td class="num">\(t.schemaVersion)</td><td>\(DashboardHTML.time(t.updatedAt))</td></tr>
            """
        }
        return DashboardHTML.page(title: "Catalog", section: "/catalog", body: """
            <h1>Catalog</h1><div class="card"><h2>Databases</h2>\(databases.isEmpty ? "<p class=\"muted\">No databases yet: stage B creates them as it writes tables.</p>" as HTML : "<table><tr><th>Database</th><th>Zone</th><th class=\"num\">Tables</th><th>Created</th></tr>\(dbRows)</table>")</div>
            <div class="card"><h2>Tables</h2>\(tables.isEmpty ? "<p class=\"muted\">No tables.</p>" as HTML : "<table><tr><th>Table</th><th>Format</th><th class=\"num\">Rows</th><th class=\"num\">Files</th><th class=\"num\">Size</th><th>Partitioned by</th><th class=\"num\">Schema</th><th>Updated</th></tr>\(tableRows)</table>")</div>
            """, csrf: csrf, refresh: refresh)
    }

    static func table(_ d: CatalogViews.TableDetail, csrf: String?, refresh: Int) -> Response {
        let t = d.table
        let columns: [HTML] = t.columns.map { "<tr><td>\($0.name)</td><td>\($0.type)</td><td>\($0.parquetType ?? "-")</td><td>\($0.nullable ? "yes" : "no")</td></tr>" }
            + t.partitionKeys.map { "<tr><td>\($0.name)</td><td>\($0.type)</td><td class=\"muted\">partition key</td><td>yes</td></tr>" }
        let partitions: [HTML] = d.partitions.prefix(500).map {
            "<tr><td>\($0.name)</td><td class=\"num\">\($0.fileCount)</td><td class=\"num\">\($0.rowCount)</td><td class=\"num\">\(DashboardHTML.bytes($0.sizeBytes))</td><td>\(DashboardHTML.time($0.updatedAt))</td></tr>"
        }
        let history: [HTML] = d.history.map { "<tr><td class=\"num\">\($0.version)</td><td>\(DashboardHTML.time($0.createdAt))</td><td class=\"wrap\">\($0.change)</td></tr>" }
        return DashboardHTML.page(title: "\(t.database).\(t.name)", section: "/catalog", body: """
            <h1>\(t.database).\(t.name)</h1><div class="card"><p>\(t.format), schema version \(t.schemaVersion), \(t.partitions) partition(s); \(t.location)</p></div>
            <div class="grid"><div class="card"><h2>Columns</h2><table><tr><th>Column</th><th>Type</th><th>Parquet</th><th>Nullable</th></tr>\(columns)</table></div>
            <div class="card"><h2>Schema history</h2><table><tr><th class="num">Version</th><th>At</th><th>Change</th></tr>\(history)</table></div></div>
            <div class="card"><h2>Partitions</h2>\(d.partitions.isEmpty ? "<p class=\"muted\">Not partitioned, or none yet.</p>" as HTML : "<table><tr><th>Partition</th><th class=\"num\">Files</th><th class=\"num\">Rows</th><th class=\"num\">Size</th><th>Updated</th></tr>\(partitions)</table>")</div>
            <div class="card"><h2>DDL</h2><pre>\(d.ddl)</pre></div>
            """, csrf: csrf, refresh: refresh)
    }
}
