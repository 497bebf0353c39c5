import GRDB

extension SQLiteQueueService {
    /// The queue database's schema, one named migration per version.
    ///
    /// - `queue`: one row per queue, its options fixed at creation.
    /// - `message`: every message of every queue. `seq` (the rowid) is the send order; new rows
    ///   always get a larger rowid than every existing row, which is all FIFO ordering needs.
    ///   `visible_at` is when the message can next be received (send time + delay, or the end of
    ///   its lease); `receive_count > 0 AND visible_at > now` means in flight. `receipt` is the
    ///   nonce of the current lease, `lease_owner` the process holding it.
    /// - `dedup`: FIFO deduplication ids and when they stop counting.
    /// - `activity`: a counter bumped by every send, so waiting processes notice each other's sends.
    /// - v2 adds `message_sent` (queue, send time) for ``readiness(_:)``.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: queues, messages, dedup, activity") { db in
            try db.execute(sql: """
                CREATE TABLE queue (
                    name TEXT NOT NULL PRIMARY KEY,
                    fifo INTEGER NOT NULL,
                    visibility_timeout REAL NOT NULL,
                    max_receive_count INTEGER,
                    dead_letter_queue TEXT,
                    delay REAL NOT NULL,
                    dedup_window REAL NOT NULL,
                    created_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE message (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    group_id TEXT,
                    body TEXT NOT NULL,
                    attributes TEXT,
                    sent_at REAL NOT NULL,
                    visible_at REAL NOT NULL,
                    receive_count INTEGER NOT NULL DEFAULT 0,
                    receipt TEXT,
                    lease_owner TEXT,
                    last_error TEXT
                );
                CREATE INDEX message_ready ON message(queue, visible_at, seq);
                CREATE INDEX message_group ON message(queue, group_id, seq);
                CREATE INDEX message_owner ON message(lease_owner) WHERE lease_owner IS NOT NULL;
                CREATE TABLE dedup (
                    queue TEXT NOT NULL,
                    dedup_id TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    expires_at REAL NOT NULL,
                    PRIMARY KEY (queue, dedup_id)
                ) WITHOUT ROWID;
                CREATE INDEX dedup_expiry ON dedup(expires_at);
                CREATE TABLE activity (id INTEGER PRIMARY KEY CHECK (id = 1), sends INTEGER NOT NULL);
                INSERT INTO activity (id, sends) VALUES (1, 0);
                """)
        }
        migrator.registerMigration("v2: send-time index for readiness") { db in
            // Lets `readiness` find the oldest ready message by walking send times from the
            // oldest, stopping at the first one not in flight, instead of counting the queue.
            try db.execute(sql: "CREATE INDEX message_sent ON message(queue, sent_at)")
        }
        return migrator
    }
}
