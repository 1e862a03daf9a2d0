"""The SQLite backend (stdlib ``sqlite3``): for a one-machine pilot and quick demos.

One connection shared by the server's threads under a lock; each transaction is ``BEGIN IMMEDIATE`` so that
another process (the admin CLI) waits for it. WAL, ``synchronous=FULL``, foreign keys on. Times are stored as
ISO-8601 text in UTC (which sorts in time order), dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from server.errors import DuplicateRow, ServerError, StorageError
from server.storage.interface import Tx
from server.storage.sql_storage import MIGRATIONS_TABLE, SqlMigration, SqlStorage, insert_statement
from server.storage.waiting_tables import MIGRATION_NAME, SQLITE_STATEMENTS

SQLITE_MIGRATIONS: tuple[SqlMigration, ...] = (
    SqlMigration(
        1,
        "communes, enrolment codes, devices and sequence blocks",
        (
            "CREATE TABLE provinces (code TEXT PRIMARY KEY, name TEXT NOT NULL)",
            """CREATE TABLE communes (
                code TEXT PRIMARY KEY,
                province_code TEXT NOT NULL REFERENCES provinces (code),
                name TEXT NOT NULL,
                division_type TEXT NOT NULL,
                agency TEXT NOT NULL
            )""",
            "CREATE INDEX communes_by_province ON communes (province_code)",
            """CREATE TABLE devices (
                id TEXT PRIMARY KEY,
                commune_code TEXT NOT NULL REFERENCES communes (code),
                replica_id TEXT NOT NULL UNIQUE,
                label TEXT NOT NULL,
                signing_key TEXT NOT NULL,
                exchange_key TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                enrolled_at TEXT NOT NULL,
                revoked_at TEXT
            )""",
            "CREATE INDEX devices_by_commune ON devices (commune_code)",
            """CREATE TABLE enrolment_codes (
                id TEXT PRIMARY KEY,
                commune_code TEXT NOT NULL REFERENCES communes (code),
                code_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT,
                device_id TEXT REFERENCES devices (id)
            )""",
            """CREATE TABLE sequence_blocks (
                device_id TEXT PRIMARY KEY REFERENCES devices (id),
                commune_code TEXT NOT NULL REFERENCES communes (code),
                slot INTEGER NOT NULL CHECK (slot >= 0),
                agency TEXT NOT NULL,
                first_number INTEGER NOT NULL CHECK (first_number BETWEEN 1 AND 9999),
                last_number INTEGER NOT NULL CHECK (last_number BETWEEN first_number AND 9999),
                valid_from TEXT NOT NULL,
                released_on TEXT
            )""",
            # A slot of a commune is held by at most one device at a time.
            "CREATE UNIQUE INDEX sequence_blocks_held ON sequence_blocks (commune_code, slot) "
            "WHERE released_on IS NULL",
        ),
    ),
    SqlMigration(
        2,
        "provincial accounts and their login sessions",
        (
            """CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
                province_code TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                disabled_at TEXT
            )""",
            """CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts (id),
                secret_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                revoked_at TEXT
            )""",
            "CREATE INDEX sessions_by_account ON sessions (account_id)",
        ),
    ),
    SqlMigration(
        3,
        "the server's replica: change events, record scopes, device checkpoints, attachments, catalogues",
        (
            """CREATE TABLE sync_events (
                replica_id TEXT NOT NULL,
                counter INTEGER NOT NULL CHECK (counter >= 1),
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL,
                scope TEXT NOT NULL,
                side TEXT NOT NULL,
                applied INTEGER NOT NULL CHECK (applied IN (0, 1)),
                body TEXT NOT NULL,
                received_at TEXT NOT NULL,
                PRIMARY KEY (replica_id, counter)
            )""",
            "CREATE INDEX sync_events_by_record ON sync_events (record_type, record_id, applied)",
            "CREATE INDEX sync_events_waiting ON sync_events (scope, applied)",
            """CREATE TABLE sync_counters (
                replica_id TEXT PRIMARY KEY,
                scope TEXT NOT NULL,
                counter INTEGER NOT NULL CHECK (counter >= 1)
            )""",
            "CREATE INDEX sync_counters_by_scope ON sync_counters (scope)",
            """CREATE TABLE sync_records (
                record_type TEXT NOT NULL,
                record_id TEXT NOT NULL,
                scope TEXT NOT NULL,
                PRIMARY KEY (record_type, record_id)
            )""",
            "CREATE INDEX sync_records_by_scope ON sync_records (scope, record_type)",
            """CREATE TABLE sync_identity (name TEXT PRIMARY KEY, value TEXT NOT NULL)""",
            """CREATE TABLE sync_checkpoints (
                device_id TEXT PRIMARY KEY REFERENCES devices (id),
                last_seen_at TEXT NOT NULL,
                last_push_at TEXT,
                last_pull_at TEXT,
                pushed_events INTEGER NOT NULL DEFAULT 0,
                pulled_events INTEGER NOT NULL DEFAULT 0
            )""",
            """CREATE TABLE attachments (
                commune_code TEXT NOT NULL REFERENCES communes (code),
                sha256 TEXT NOT NULL,
                size INTEGER NOT NULL CHECK (size >= 0),
                received INTEGER NOT NULL CHECK (received >= 0),
                complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
                started_at TEXT NOT NULL,
                completed_at TEXT,
                PRIMARY KEY (commune_code, sha256)
            )""",
            """CREATE TABLE attachment_chunks (
                commune_code TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
                data BLOB NOT NULL,
                PRIMARY KEY (commune_code, sha256, start_offset),
                FOREIGN KEY (commune_code, sha256) REFERENCES attachments (commune_code, sha256)
            )""",
            """CREATE TABLE catalogues (
                version INTEGER PRIMARY KEY,
                body TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                published_at TEXT NOT NULL
            )""",
        ),
    ),
    SqlMigration(
        4,
        "the program and reference-data versions each workstation runs (reported when it fetches updates)",
        (
            """CREATE TABLE device_versions (
                device_id TEXT NOT NULL REFERENCES devices (id),
                kind TEXT NOT NULL,
                version TEXT NOT NULL,
                reported_at TEXT NOT NULL,
                PRIMARY KEY (device_id, kind)
            )""",
        ),
    ),
    SqlMigration(
        5,
        "the province's fee tables (amounts of province-set fees, per commune where they differ)",
        (
            """CREATE TABLE fee_tables (
                version INTEGER PRIMARY KEY,
                body TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                published_at TEXT NOT NULL
            )""",
        ),
    ),
    SqlMigration(6, MIGRATION_NAME, SQLITE_STATEMENTS),
    SqlMigration(
        7,
        "the web workspace: officers' departments, browser sessions, sign-in backoff, the dossier index",
        (
            "ALTER TABLE accounts ADD COLUMN department TEXT",
            """CREATE TABLE web_sessions (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts (id),
                secret_hash TEXT NOT NULL,
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                revoked_at TEXT
            )""",
            "CREATE INDEX web_sessions_by_account ON web_sessions (account_id)",
            """CREATE TABLE sign_in_failures (
                key TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                last_at TEXT NOT NULL
            )""",
            """CREATE TABLE dossier_index (
                record_id TEXT PRIMARY KEY,
                commune_code TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
                procedure_name TEXT NOT NULL,
                status TEXT NOT NULL,
                code TEXT NOT NULL,
                applicant_name TEXT NOT NULL,
                search_text TEXT NOT NULL,
                received_at TEXT NOT NULL,
                appointment TEXT NOT NULL,
                finished_on TEXT NOT NULL,
                open_conflicts INTEGER NOT NULL
            )""",
            "CREATE INDEX dossier_index_by_time ON dossier_index (received_at, record_id)",
            "CREATE INDEX dossier_index_by_commune ON dossier_index (commune_code, received_at, record_id)",
            "CREATE INDEX dossier_index_by_procedure ON dossier_index (procedure_code, received_at)",
            "CREATE INDEX dossier_index_by_status ON dossier_index (status, received_at, record_id)",
            "CREATE INDEX dossier_index_by_appointment ON dossier_index (appointment)",
            "CREATE INDEX dossier_index_open"
            " ON dossier_index (status, appointment, procedure_code, commune_code, open_conflicts)",
            "CREATE INDEX dossier_index_commune_counts"
            " ON dossier_index (commune_code, status, appointment, procedure_code, open_conflicts)",
            "CREATE INDEX dossier_index_conflicts ON dossier_index (open_conflicts) WHERE open_conflicts > 0",
            """CREATE TABLE dossier_words (
                word TEXT NOT NULL,
                record_id TEXT NOT NULL,
                PRIMARY KEY (word, record_id)
            )""",
            "CREATE INDEX dossier_words_by_record ON dossier_words (record_id)",
        ),
    ),
    SqlMigration(
        8,
        "communes merged into another (merge-commune), published to desks with their list",
        ("ALTER TABLE communes ADD COLUMN merged_into TEXT",),
    ),
    SqlMigration(
        9,
        "a revoked workstation's last held counter; the sign-in backoff pruned by age",
        (
            "ALTER TABLE devices ADD COLUMN revoked_counter INTEGER",
            # devices revoked before this migration: what the server holds of them now
            """UPDATE devices SET revoked_counter = MAX(
                COALESCE((SELECT MAX(e.counter) FROM sync_events e WHERE e.replica_id = devices.replica_id),
                         0),
                COALESCE((SELECT MAX(q.counter) FROM sync_quarantine q
                          WHERE q.replica_id = devices.replica_id),
                         0)
            ) WHERE revoked_at IS NOT NULL""",
            "CREATE INDEX sign_in_failures_by_age ON sign_in_failures (last_at)",
            # counts of wrong passwords were named by account names and addresses in clear: forgotten
            "DELETE FROM sign_in_failures",
        ),
    ),
)


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, tuple(params)).fetchall()

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._conn.execute(sql, tuple(params)).rowcount

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, [tuple(row) for row in rows])

    def insert_rows(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        skip_existing: bool = False,
    ) -> None:
        if rows:
            sql = insert_statement(table, columns, 1, skip_existing=skip_existing)
            self._conn.executemany(sql, [tuple(row) for row in rows])


class SqliteStorage(SqlStorage):
    """``ServerStorage`` in one SQLite file."""

    backend = "sqlite"
    migrations = SQLITE_MIGRATIONS

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if str(path) != ":memory:":  # personal data in clear: a new file is its owner's only (SQLite
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))  # gives -wal, -shm its mode)
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"cannot open the SQLite database {self.path}: {exc}") from exc
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()

    @contextmanager
    def _transaction(self) -> Iterator[Tx]:
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StorageError("the database has been closed")
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StorageError(f"the database is not available: {exc}") from exc
            try:
                yield _SqliteTx(conn)
            except BaseException as exc:
                if conn.in_transaction:  # SQLite has rolled back itself after some errors (a full disk)
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc):
                    raise DuplicateRow("a row with this key exists already") from exc
                if isinstance(exc, sqlite3.Error) and not isinstance(exc, ServerError):
                    raise StorageError(f"the database refused the change: {exc}") from exc
                raise
            else:
                try:
                    conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    if conn.in_transaction:  # SQLite has rolled back itself after some errors (a full disk)
                        conn.execute("ROLLBACK")
                    raise StorageError(f"the database could not commit: {exc}") from exc

    def _lock_for_migration(self, tx: Tx) -> None:
        """``BEGIN IMMEDIATE`` already holds the write lock."""

    def _migrations_table_sql(self) -> str:
        return (
            f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
            "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _time_in(self, value: dt.datetime | None) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("times stored by the server must be timezone-aware")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")

    def _time_out(self, value: Any) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)

    def _date_in(self, value: dt.date | None) -> Any:
        return None if value is None else value.isoformat()

    def _date_out(self, value: Any) -> dt.date | None:
        return None if value is None else dt.date.fromisoformat(value)
