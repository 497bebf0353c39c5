import Foundation
import LakeCore
import LakeEngine

extension LakeRuntime {
    /// Rewrites `DB.TABLE`'s small Parquet files per partition into files up to the target size
    /// (`lake compact`), first finishing or undoing compactions a crash interrupted.
    public func compact(_ qualified: String, options: CompactionOptions) async throws -> CompactionReport {
        if !options.dryRun { try requireWritable("compact") }
        let (database, table) = try CatalogLookup.split(qualified)
        _ = try await CatalogLookup(catalog: env.catalog, naming: CatalogNaming(config: env.config)).table(qualified)
        return try await TableCompactor(env: env, topology: topology).compact(database: database, table: table, options: options)
    }

    /// Finishes or undoes compactions a crash interrupted (`lake run` at start); returns what it did.
    public func recoverCompactions() async throws -> [String] {
        try requireWritable("recover compactions")
        return try await TableCompactor(env: env, topology: topology).recover()
    }
}
