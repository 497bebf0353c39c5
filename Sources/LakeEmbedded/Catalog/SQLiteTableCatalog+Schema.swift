import GRDB

extension SQLiteTableCatalog {
    /// The catalog database's schema, one named migration per version. Columns, partition keys,
    /// parameters and partition values are JSON text; times are REAL seconds since 2001-01-01.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: databases, tables, schema versions") { db in
            try db.execute(sql: """
                CREATE TABLE catalog_database (
                    name TEXT NOT NULL PRIMARY KEY,
                    description TEXT,
                    created_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE catalog_table (
                    database TEXT NOT NULL,
                    name TEXT NOT NULL,
                    columns TEXT NOT NULL,
                    partition_keys TEXT NOT NULL,
                    location TEXT NOT NULL,
                    format TEXT NOT NULL,
                    classification TEXT NOT NULL,
                    parameters TEXT,
                    schema_version INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (database, name)
                ) WITHOUT ROWID;
                CREATE TABLE schema_version (
                    database TEXT NOT NULL,
                    tbl TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    columns TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    change TEXT NOT NULL,
                    PRIMARY KEY (database, tbl, version)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: partitions") { db in
            try db.execute(sql: """
                CREATE TABLE catalog_partition (
                    database TEXT NOT NULL,
                    tbl TEXT NOT NULL,
                    vals TEXT NOT NULL,
                    location TEXT NOT NULL,
                    file_count INTEGER NOT NULL,
                    row_count INTEGER NOT NULL,
                    size_bytes INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (database, tbl, vals)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
