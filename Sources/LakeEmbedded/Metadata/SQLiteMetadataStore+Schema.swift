import GRDB

extension SQLiteMetadataStore {
    /// The Octagon database's schema, one named migration per version (SDLF's DynamoDB tables
    /// as SQLite tables, DESIGN §3.1). Arrays and maps are JSON text; times are REAL seconds
    /// since 2001-01-01 (see `SQLiteValues`).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: object metadata, datasets, pipelines") { db in
            try db.execute(sql: """
                CREATE TABLE object (
                    id TEXT NOT NULL PRIMARY KEY,
                    zone TEXT NOT NULL,
                    key TEXT NOT NULL,
                    bucket TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    last_modified REAL NOT NULL,
                    timestamp REAL NOT NULL,
                    content_hash TEXT NOT NULL,
                    team TEXT,
                    dataset TEXT,
                    tbl TEXT,
                    pipeline TEXT,
                    pipeline_stage TEXT,
                    execution_id TEXT
                ) WITHOUT ROWID;
                CREATE INDEX object_zone_key ON object(zone, key);
                CREATE INDEX object_dataset ON object(team, dataset, zone, key);
                CREATE TABLE dataset (
                    id TEXT NOT NULL PRIMARY KEY,
                    team TEXT NOT NULL,
                    name TEXT NOT NULL,
                    pipeline TEXT NOT NULL,
                    stage_a_transform TEXT NOT NULL,
                    stage_b_transform TEXT,
                    min_items INTEGER NOT NULL,
                    max_items INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    updated_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE pipeline (
                    id TEXT NOT NULL PRIMARY KEY,
                    team TEXT NOT NULL,
                    pipeline TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    status TEXT NOT NULL,
                    last_execution_id TEXT,
                    last_execution_date REAL,
                    last_execution_status TEXT,
                    last_execution_duration REAL,
                    version INTEGER NOT NULL,
                    updated_at REAL NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: executions, stage-B claims, events") { db in
            try db.execute(sql: """
                CREATE TABLE execution (
                    id TEXT NOT NULL PRIMARY KEY,
                    pipeline TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    team TEXT NOT NULL,
                    dataset TEXT NOT NULL,
                    status TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    ended_at REAL,
                    updated_at REAL NOT NULL,
                    input_keys TEXT NOT NULL,
                    output_keys TEXT NOT NULL,
                    history TEXT NOT NULL,
                    comment TEXT,
                    error TEXT,
                    details TEXT,
                    attempt INTEGER NOT NULL,
                    slot_group TEXT,
                    expires_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX execution_started ON execution(started_at);
                CREATE INDEX execution_status ON execution(status, started_at);
                CREATE INDEX execution_dataset ON execution(team, dataset, started_at);
                CREATE INDEX execution_slots ON execution(slot_group, status, updated_at);
                CREATE INDEX execution_expiry ON execution(expires_at);
                CREATE TABLE claim (
                    key TEXT NOT NULL PRIMARY KEY,
                    execution_id TEXT NOT NULL,
                    claimed_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX claim_execution ON claim(execution_id);
                CREATE TABLE event (
                    id TEXT NOT NULL PRIMARY KEY,
                    at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    message TEXT NOT NULL,
                    details TEXT
                ) WITHOUT ROWID;
                CREATE INDEX event_at ON event(at);
                CREATE INDEX event_kind ON event(kind, at);
                """)
        }
        migrator.registerMigration("v3: workload-management priorities (octagon-wlm)") { db in
            try db.execute(sql: """
                CREATE TABLE priority (
                    id TEXT NOT NULL PRIMARY KEY,
                    team TEXT NOT NULL,
                    dataset TEXT NOT NULL,
                    tbl TEXT NOT NULL,
                    level TEXT NOT NULL,
                    source TEXT NOT NULL,
                    updated_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX execution_running_group ON execution(status, slot_group, updated_at);
                """)
        }
        migrator.registerMigration("v4: object row counts") { db in
            // Rows of an object when the step that wrote it knows them (stage-B Parquet outputs);
            // the crawler sums them per partition. Older rows stay NULL (unknown).
            try db.execute(sql: "ALTER TABLE object ADD COLUMN row_count INTEGER")
        }
        migrator.registerMigration("v5: execution error code, hint and component") { db in
            // A failed execution keeps its error's meaning, not only its message. Older rows
            // stay NULL.
            try db.execute(sql: """
                ALTER TABLE execution ADD COLUMN error_code TEXT;
                ALTER TABLE execution ADD COLUMN error_hint TEXT;
                ALTER TABLE execution ADD COLUMN error_component TEXT;
                """)
        }
        migrator.registerMigration("v6: execution counts per status") { db in
            // `lake status` and the API's status answer from this table (kept by triggers in the
            // same transactions as the executions) instead of counting every execution.
            try db.execute(sql: """
                CREATE TABLE execution_count (status TEXT NOT NULL PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO execution_count (status, n) SELECT status, COUNT(*) FROM execution GROUP BY status;
                CREATE TRIGGER execution_count_insert AFTER INSERT ON execution BEGIN
                    INSERT INTO execution_count (status, n) VALUES (NEW.status, 1) ON CONFLICT(status) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER execution_count_delete AFTER DELETE ON execution BEGIN
                    UPDATE execution_count SET n = n - 1 WHERE status = OLD.status;
                END;
                CREATE TRIGGER execution_count_update AFTER UPDATE OF status ON execution WHEN OLD.status <> NEW.status BEGIN
                    UPDATE execution_count SET n = n - 1 WHERE status = OLD.status;
                    INSERT INTO execution_count (status, n) VALUES (NEW.status, 1) ON CONFLICT(status) DO UPDATE SET n = n + 1;
                END;
                """)
        }
        migrator.registerMigration("v7: executions in insertion order") { db in
            // The execution table was clustered on its random id (WITHOUT ROWID), so every new
            // execution went into a random page of full rows and its completion rewrote it
            // there. As a rowid table, new rows append and only the small id index takes
            // random inserts: begin and finish do 2.5x the rows per second in SQLite alone
            // (docs/PERFORMANCE.md). Same columns, indexes and counting triggers.
            try db.execute(sql: """
                CREATE TABLE execution_v7 (
                    id TEXT NOT NULL UNIQUE,
                    pipeline TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    team TEXT NOT NULL,
                    dataset TEXT NOT NULL,
                    status TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    ended_at REAL,
                    updated_at REAL NOT NULL,
                    input_keys TEXT NOT NULL,
                    output_keys TEXT NOT NULL,
                    history TEXT NOT NULL,
                    comment TEXT,
                    error TEXT,
                    details TEXT,
                    attempt INTEGER NOT NULL,
                    slot_group TEXT,
                    expires_at REAL NOT NULL,
                    error_code TEXT,
                    error_hint TEXT,
                    error_component TEXT
                );
                INSERT INTO execution_v7 (id, pipeline, stage, team, dataset, status, started_at, ended_at, updated_at, input_keys,
                    output_keys, history, comment, error, details, attempt, slot_group, expires_at, error_code, error_hint, error_component)
                SELECT id, pipeline, stage, team, dataset, status, started_at, ended_at, updated_at, input_keys,
                    output_keys, history, comment, error, details, attempt, slot_group, expires_at, error_code, error_hint, error_component
                FROM execution ORDER BY started_at, id;
                DROP TABLE execution;
                ALTER TABLE execution_v7 RENAME TO execution;
                CREATE INDEX execution_started ON execution(started_at);
                CREATE INDEX execution_status ON execution(status, started_at);
                CREATE INDEX execution_dataset ON execution(team, dataset, started_at);
                CREATE INDEX execution_slots ON execution(slot_group, status, updated_at);
                CREATE INDEX execution_expiry ON execution(expires_at);
                CREATE INDEX execution_running_group ON execution(status, slot_group, updated_at);
                CREATE TRIGGER execution_count_insert AFTER INSERT ON execution BEGIN
                    INSERT INTO execution_count (status, n) VALUES (NEW.status, 1) ON CONFLICT(status) DO UPDATE SET n = n + 1;
                END;
                CREATE TRIGGER execution_count_delete AFTER DELETE ON execution BEGIN
                    UPDATE execution_count SET n = n - 1 WHERE status = OLD.status;
                END;
                CREATE TRIGGER execution_count_update AFTER UPDATE OF status ON execution WHEN OLD.status <> NEW.status BEGIN
                    UPDATE execution_count SET n = n - 1 WHERE status = OLD.status;
                    INSERT INTO execution_count (status, n) VALUES (NEW.status, 1) ON CONFLICT(status) DO UPDATE SET n = n + 1;
                END;
                """)
        }
        return migrator
    }
}
