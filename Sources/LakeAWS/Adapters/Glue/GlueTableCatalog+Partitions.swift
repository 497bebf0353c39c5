import Foundation
import LakeCore

extension GlueTableCatalog {
    /// Creates up to 100 partitions; existing ones are updated with their creation time kept.
    public func upsertPartitions(database: String, table: String, _ partitions: [CatalogPartition]) async throws {
        guard partitions.count <= 100 else {
            throw LakeError(
                .usage, "Glue takes at most 100 partitions per call, got \(partitions.count)",
                hint: "use upsertAllPartitions, which splits them", context: ["database": database, "table": table])
        }
        guard let glueTable = try await client.table(database: database, name: table) else { throw missingTable(database, table) }
        guard !partitions.isEmpty else { return }
        let storage = glueTable.input.storageDescriptor
        let byValues = Dictionary(partitions.map { ($0.values, $0) }, uniquingKeysWith: { _, last in last })
        let errors: [GluePartitionError]
        do {
            errors = try await client.batchCreatePartitions(
                database: database, table: table,
                byValues.values.map { GlueCatalogMapping.partition($0, tableStorage: storage, createdAt: $0.createdAt) })
        } catch where GlueClient.isNotFound(error) {
            throw missingTable(database, table, error)
        }
        let existing = errors.filter { $0.code == "AlreadyExistsException" }.map(\.values)
        try check(errors.filter { $0.code != "AlreadyExistsException" }, database, table, "create")
        guard !existing.isEmpty else { return }
        // Refresh those that existed, keeping when they were first registered.
        let stored = try await client.batchGetPartitions(database: database, table: table, values: existing)
        var created: [[String]: Date] = [:]
        for partition in stored { created[partition.values] = GlueCatalogMapping.catalogPartition(partition).createdAt }
        let updates = existing.compactMap { values -> GluePartition? in
            guard let partition = byValues[values] else { return nil }
            return GlueCatalogMapping.partition(partition, tableStorage: storage, createdAt: created[values] ?? partition.createdAt)
        }
        try check(try await client.batchUpdatePartitions(database: database, table: table, updates), database, table, "update")
    }

    private func check(_ errors: [GluePartitionError], _ database: String, _ table: String, _ verb: String) throws {
        guard let first = errors.first else { return }
        let listed = errors.prefix(5).map { "[\($0.values.joined(separator: ", "))]: \($0.code) \($0.message)" }.joined(separator: "; ")
        throw LakeError(
            .catalog, "Glue refused to \(verb) \(errors.count) partitions of \(database).\(table): \(listed)",
            hint: "check the partition values match the table's partition keys", context: [
                "database": database, "table": table, "awsCode": first.code,
            ])
    }

    /// Pages over GetPartitions. The token is `<skip>|<Glue token>`: the position inside the Glue
    /// page, so pages stay at most `limit` long even where Glue (or an emulator) answers with more.
    public func partitions(database: String, table: String, after token: String?, limit: Int) async throws -> PartitionPage {
        let wanted = max(1, limit)
        var skip = 0
        var glueToken: String?
        if let token, let bar = token.firstIndex(of: "|") {
            skip = Int(token[..<bar]) ?? 0
            let rest = String(token[token.index(after: bar)...])
            glueToken = rest.isEmpty ? nil : rest
        }
        var collected: [CatalogPartition] = []
        while true {
            let page: (partitions: [GluePartition], nextToken: String?)
            do {
                page = try await client.partitions(
                    database: database, table: table, nextToken: glueToken, maxResults: min(1000, skip + wanted - collected.count))
            } catch where GlueClient.isNotFound(error) {
                throw missingTable(database, table, error)
            }
            let available = page.partitions.dropFirst(skip)
            let taken = available.prefix(wanted - collected.count)
            collected += taken.map(GlueCatalogMapping.catalogPartition)
            if taken.count < available.count {
                return PartitionPage(partitions: collected, nextToken: "\(skip + taken.count)|\(glueToken ?? "")")
            }
            guard let next = page.nextToken else { return PartitionPage(partitions: collected, nextToken: nil) }
            if collected.count >= wanted { return PartitionPage(partitions: collected, nextToken: "0|\(next)") }
            glueToken = next
            skip = 0
        }
    }
}
