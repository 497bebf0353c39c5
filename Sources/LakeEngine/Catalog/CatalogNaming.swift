import Foundation
import LakeCore

/// Where things live in the table catalog, SDLF style: one database per dataset for its
/// analytics tables, `<org>_<app>_<env>_<team>_<dataset>_db`, and one for its raw tables,
/// `<org>_<app>_<env>_<team>_<dataset>_raw_db`. Raw tables get a database of their own because
/// a raw table and the analytics table built from it share the name (the third path segment of
/// both zones), and keeping the zones apart keeps analytics databases free of text-format tables.
public struct CatalogNaming: Sendable, Hashable {
    /// Organisation, application and environment from lake.yaml.
    public var org: String
    /// Application name.
    public var app: String
    /// Deployment environment.
    public var environment: String

    /// The naming of a lake.
    public init(config: LakeConfig) {
        org = config.org
        app = config.app
        environment = config.environment
    }

    /// The database of a dataset's analytics tables.
    public func analyticsDatabase(_ dataset: DatasetRef) -> String {
        CatalogDatabase.name(org: org, app: app, environment: environment, dataset: dataset)
    }

    /// The database of a dataset's raw tables.
    public func rawDatabase(_ dataset: DatasetRef) -> String {
        String(analyticsDatabase(dataset).dropLast("_db".count)) + "_raw_db"
    }

    /// Whether a catalog database belongs to this lake (its name starts with
    /// `<org>_<app>_<env>_`): listings leave out the other lakes and environments that share an
    /// account's Glue catalog.
    public func owns(database name: String) -> Bool {
        name.hasPrefix(CatalogDatabase.lakePrefix(org: org, app: app, environment: environment))
    }

    /// The key prefix of a table in its zone: `<team>/<dataset>/<table>/`.
    public static func tablePrefix(_ dataset: DatasetRef, table: String) -> String {
        "\(dataset.team)/\(dataset.dataset)/\(table)/"
    }

    /// The location URI of a key prefix (ending in `/`) in a zone: `s3://bucket/prefix/` or
    /// `file:///.../zone/prefix/`, as catalog tables and partitions record it.
    public static func location(of prefix: String, zone: Zone, objects: any ObjectStore) throws -> String {
        let key = try ObjectKey(prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)
        // A file URL of an existing directory already ends in '/'.
        let uri = objects.uri(for: ObjectLocation(zone, key))
        return uri.hasSuffix("/") ? uri : uri + "/"
    }
}
