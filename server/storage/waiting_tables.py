"""The tables of bounded waiting events and their quarantine (migration 4; see ``server.waiting_events``)."""

from __future__ import annotations

SQLITE_STATEMENTS = (
    """CREATE TABLE sync_waiting (
        replica_id TEXT NOT NULL,
        counter INTEGER NOT NULL,
        scope TEXT NOT NULL,
        need_replica TEXT NOT NULL,
        need_counter INTEGER NOT NULL,
        size INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (replica_id, counter)
    )""",
    "CREATE INDEX sync_waiting_by_need ON sync_waiting (scope, need_replica, need_counter)",
    "CREATE INDEX sync_waiting_by_origin ON sync_waiting (scope, replica_id)",
    "CREATE INDEX sync_waiting_by_age ON sync_waiting (scope, received_at)",
    """INSERT INTO sync_waiting (replica_id, counter, scope, need_replica, need_counter, size, received_at)
       SELECT replica_id, counter, scope, '', 0, length(CAST(body AS BLOB)), received_at
       FROM sync_events WHERE applied = 0""",
    """CREATE TABLE sync_waiting_totals (
        scope TEXT PRIMARY KEY,
        events INTEGER NOT NULL,
        bytes INTEGER NOT NULL
    )""",
    """INSERT INTO sync_waiting_totals (scope, events, bytes)
       SELECT scope, COUNT(*), SUM(size) FROM sync_waiting GROUP BY scope""",
    """CREATE TABLE sync_quarantine (
        replica_id TEXT NOT NULL,
        counter INTEGER NOT NULL,
        scope TEXT NOT NULL,
        record_type TEXT NOT NULL,
        reason TEXT NOT NULL,
        size INTEGER NOT NULL,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL,
        quarantined_at TEXT NOT NULL,
        PRIMARY KEY (replica_id, counter)
    )""",
    "CREATE INDEX sync_quarantine_by_scope ON sync_quarantine (scope, quarantined_at)",
)
"""Migration 4 on SQLite (waiting events from before it are looked at once, at their commune's next push)."""

POSTGRES_STATEMENTS = tuple(
    s.replace("TEXT", "text")
    .replace("INTEGER", "bigint")
    .replace("received_at text", "received_at timestamptz")
    .replace("quarantined_at text", "quarantined_at timestamptz")
    .replace("length(CAST(body AS BLOB))", "octet_length(body)")
    for s in SQLITE_STATEMENTS
)
"""Migration 4 on PostgreSQL."""

MIGRATION_NAME = "bounded waiting events: sync_waiting (what each waits for) and sync_quarantine"
