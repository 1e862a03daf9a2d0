"""The PostgreSQL backend (psycopg 3): the production database.

A ``psycopg_pool.ConnectionPool`` of autocommit connections per server process (named by ``application_name``
in ``pg_stat_activity``: which worker holds them), each checked before use; each storage call takes one and
runs inside ``conn.transaction()``; when the database is away it answers ``DatabaseUnavailable`` (503).
Rows that a transaction decides on are locked with ``SELECT … FOR UPDATE``; migrations
hold an advisory lock so that two servers starting at once do not both migrate, and a commune's events are
serialised by a transaction-scoped advisory lock (``lock_scope``), which holds across the processes of a
multi-worker server. Session time zone is UTC.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.types.string import StrDumper
from psycopg_pool import ConnectionPool, PoolClosed, PoolTimeout

from server.errors import ConnectionLost, DatabaseUnavailable, DuplicateRow, StorageError
from server.storage.interface import Tx
from server.storage.sql_storage import (
    MIGRATIONS_TABLE,
    PING_TIMEOUT,
    SqlMigration,
    SqlStorage,
    insert_statement,
)
from server.storage.waiting_tables import MIGRATION_NAME, POSTGRES_STATEMENTS

_MIGRATION_LOCK = 7_243_001  # any constant shared by every motcua server
_SCOPE_LOCKS = 7_243_002  # the first key of per-scope advisory locks (the second is a hash of the name)
_SERVER_GONE = frozenset({"57P01", "57P02", "57P03"})  # admin or crash shutdown, cannot connect now

POSTGRES_MIGRATIONS: tuple[SqlMigration, ...] = (
    SqlMigration(
        1,
        "communes, enrolment codes, devices and sequence blocks",
        (
            "CREATE TABLE provinces (code text PRIMARY KEY, name text NOT NULL)",
            """CREATE TABLE communes (
                code text PRIMARY KEY,
                province_code text NOT NULL REFERENCES provinces (code),
                name text NOT NULL,
                division_type text NOT NULL,
                agency text NOT NULL
            )""",
            "CREATE INDEX communes_by_province ON communes (province_code)",
            """CREATE TABLE devices (
                id text PRIMARY KEY,
                commune_code text NOT NULL REFERENCES communes (code),
                replica_id text NOT NULL UNIQUE,
                label text NOT NULL,
                signing_key text NOT NULL,
                exchange_key text NOT NULL,
                secret_hash text NOT NULL,
                enrolled_at timestamptz NOT NULL,
                revoked_at timestamptz
            )""",
            "CREATE INDEX devices_by_commune ON devices (commune_code)",
            """CREATE TABLE enrolment_codes (
                id text PRIMARY KEY,
                commune_code text NOT NULL REFERENCES communes (code),
                code_hash text NOT NULL UNIQUE,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                used_at timestamptz,
                device_id text REFERENCES devices (id)
            )""",
            """CREATE TABLE sequence_blocks (
                device_id text PRIMARY KEY REFERENCES devices (id),
                commune_code text NOT NULL REFERENCES communes (code),
                slot integer NOT NULL CHECK (slot >= 0),
                agency text NOT NULL,
                first_number integer NOT NULL CHECK (first_number BETWEEN 1 AND 9999),
                last_number integer NOT NULL CHECK (last_number BETWEEN first_number AND 9999),
                valid_from date NOT NULL,
                released_on date
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
                id text PRIMARY KEY,
                username text NOT NULL UNIQUE,
                role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
                province_code text NOT NULL,
                password_hash text NOT NULL,
                created_at timestamptz NOT NULL,
                disabled_at timestamptz
            )""",
            """CREATE TABLE sessions (
                id text PRIMARY KEY,
                account_id text NOT NULL REFERENCES accounts (id),
                secret_hash text NOT NULL,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz
            )""",
            "CREATE INDEX sessions_by_account ON sessions (account_id)",
        ),
    ),
    SqlMigration(
        3,
        "the server's replica: change events, record scopes, device checkpoints, attachments, catalogues",
        (
            """CREATE TABLE sync_events (
                replica_id text NOT NULL,
                counter bigint NOT NULL CHECK (counter >= 1),
                record_type text NOT NULL,
                record_id text NOT NULL,
                scope text NOT NULL,
                side text NOT NULL,
                applied smallint NOT NULL CHECK (applied IN (0, 1)),
                body text NOT NULL,
                received_at timestamptz NOT NULL,
                PRIMARY KEY (replica_id, counter)
            )""",
            "CREATE INDEX sync_events_by_record ON sync_events (record_type, record_id, applied)",
            "CREATE INDEX sync_events_waiting ON sync_events (scope, applied)",
            """CREATE TABLE sync_counters (
                replica_id text PRIMARY KEY,
                scope text NOT NULL,
                counter bigint NOT NULL CHECK (counter >= 1)
            )""",
            "CREATE INDEX sync_counters_by_scope ON sync_counters (scope)",
            """CREATE TABLE sync_records (
                record_type text NOT NULL,
                record_id text NOT NULL,
                scope text NOT NULL,
                PRIMARY KEY (record_type, record_id)
            )""",
            "CREATE INDEX sync_records_by_scope ON sync_records (scope, record_type)",
            """CREATE TABLE sync_identity (name text PRIMARY KEY, value text NOT NULL)""",
            """CREATE TABLE sync_checkpoints (
                device_id text PRIMARY KEY REFERENCES devices (id),
                last_seen_at timestamptz NOT NULL,
                last_push_at timestamptz,
                last_pull_at timestamptz,
                pushed_events bigint NOT NULL DEFAULT 0,
                pulled_events bigint NOT NULL DEFAULT 0
            )""",
            """CREATE TABLE attachments (
                commune_code text NOT NULL REFERENCES communes (code),
                sha256 text NOT NULL,
                size bigint NOT NULL CHECK (size >= 0),
                received bigint NOT NULL CHECK (received >= 0),
                complete smallint NOT NULL CHECK (complete IN (0, 1)),
                started_at timestamptz NOT NULL,
                completed_at timestamptz,
                PRIMARY KEY (commune_code, sha256)
            )""",
            """CREATE TABLE attachment_chunks (
                commune_code text NOT NULL,
                sha256 text NOT NULL,
                start_offset bigint NOT NULL CHECK (start_offset >= 0),
                data bytea NOT NULL,
                PRIMARY KEY (commune_code, sha256, start_offset),
                FOREIGN KEY (commune_code, sha256) REFERENCES attachments (commune_code, sha256)
            )""",
            """CREATE TABLE catalogues (
                version bigint PRIMARY KEY,
                body text NOT NULL,
                sha256 text NOT NULL,
                published_at timestamptz NOT NULL
            )""",
        ),
    ),
    SqlMigration(
        4,
        "the program and reference-data versions each workstation runs (reported when it fetches updates)",
        (
            """CREATE TABLE device_versions (
                device_id text NOT NULL REFERENCES devices (id),
                kind text NOT NULL,
                version text NOT NULL,
                reported_at timestamptz NOT NULL,
                PRIMARY KEY (device_id, kind)
            )""",
        ),
    ),
    SqlMigration(
        5,
        "the province's fee tables (amounts of province-set fees, per commune where they differ)",
        (
            """CREATE TABLE fee_tables (
                version bigint PRIMARY KEY,
                body text NOT NULL,
                sha256 text NOT NULL,
                published_at timestamptz NOT NULL
            )""",
        ),
    ),
    SqlMigration(6, MIGRATION_NAME, POSTGRES_STATEMENTS),
    SqlMigration(
        7,
        "the web workspace: officers' departments, browser sessions, sign-in backoff, the dossier index",
        (
            "ALTER TABLE accounts ADD COLUMN department text",
            """CREATE TABLE web_sessions (
                id text PRIMARY KEY,
                account_id text NOT NULL REFERENCES accounts (id),
                secret_hash text NOT NULL,
                csrf_token text NOT NULL,
                created_at timestamptz NOT NULL,
                last_seen_at timestamptz NOT NULL,
                revoked_at timestamptz
            )""",
            "CREATE INDEX web_sessions_by_account ON web_sessions (account_id)",
            """CREATE TABLE sign_in_failures (
                key text PRIMARY KEY,
                failures integer NOT NULL,
                last_at timestamptz NOT NULL
            )""",
            """CREATE TABLE dossier_index (
                record_id text PRIMARY KEY,
                commune_code text NOT NULL,
                procedure_code text NOT NULL,
                procedure_name text NOT NULL,
                status text NOT NULL,
                code text NOT NULL,
                applicant_name text NOT NULL,
                search_text text NOT NULL,
                received_at text NOT NULL,
                appointment text NOT NULL,
                finished_on text NOT NULL,
                open_conflicts integer NOT NULL
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
                word text COLLATE "C" NOT NULL,
                record_id text NOT NULL,
                PRIMARY KEY (word, record_id)
            )""",
            "CREATE INDEX dossier_words_by_record ON dossier_words (record_id)",
        ),
    ),
    SqlMigration(
        8,
        "communes merged into another (merge-commune), published to desks with their list",
        ("ALTER TABLE communes ADD COLUMN merged_into text",),
    ),
    SqlMigration(
        9,
        "a revoked workstation's last held counter; the sign-in backoff pruned by age",
        (
            "ALTER TABLE devices ADD COLUMN revoked_counter bigint",
            # devices revoked before this migration: what the server holds of them now
            """UPDATE devices SET revoked_counter = GREATEST(
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


def _connection_lost(conn: psycopg.Connection[Any], exc: psycopg.Error) -> bool:
    """Whether ``exc`` means the database went away (restart, network), not that it refused the statement."""
    state = exc.sqlstate or ""
    return conn.broken or conn.closed or state.startswith("08") or state in _SERVER_GONE


class _PgTx:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn.execute(sql.replace("?", "%s"), tuple(params))  # type: ignore[arg-type]
        return cur.fetchall() if cur.description is not None else []

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._conn.execute(sql.replace("?", "%s"), tuple(params)).rowcount  # type: ignore[arg-type]

    def run_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), [tuple(row) for row in rows])  # type: ignore[arg-type]

    def insert_rows(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        skip_existing: bool = False,
    ) -> None:
        if not rows:
            return
        insert_statement(table, columns, 1, skip_existing=skip_existing)  # checks the names
        with self._conn.cursor() as cur:
            if not skip_existing:
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[arg-type]
                    for row in rows:
                        copy.write_row(row)
                return
            # one statement whatever the number of rows: a parameter (an array) per column, strings typed as
            # text on this cursor only (psycopg sends them untyped, which unnest cannot resolve)
            cur.adapters.register_dumper(str, StrDumper)
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)})"
                f" SELECT * FROM unnest({', '.join(['%s'] * len(columns))}) ON CONFLICT DO NOTHING"
            )
            cur.execute(sql, [list(column) for column in zip(*rows, strict=True)])  # type: ignore[arg-type]


class PostgresStorage(SqlStorage):
    """``ServerStorage`` in a PostgreSQL database given by a libpq URL.

    Connections come from a ``psycopg_pool.ConnectionPool`` that checks each one before handing it out, so a
    connection the database dropped (a restart) is replaced instead of failing a request. While the database
    does not answer, a transaction waits up to ``pool_timeout`` seconds for a connection, then raises
    ``DatabaseUnavailable`` (503 with ``Retry-After``); so does a connection lost in the middle of one.
    """

    backend = "postgresql"
    migrations = POSTGRES_MIGRATIONS
    for_update = " FOR UPDATE"

    def __init__(
        self,
        url: str,
        *,
        pool_size: int = 8,
        pool_timeout: float = 30.0,
        connect_timeout: int = 10,
        application_name: str = "motcua-server",
    ) -> None:
        if pool_size < 1:
            raise ValueError("the pool needs at least one connection")
        self.url = url
        self.application_name = application_name
        self._pool_timeout = pool_timeout
        options: dict[str, Any] = {
            "autocommit": True,
            "connect_timeout": connect_timeout,
            "options": "-c TimeZone=UTC",
            "application_name": application_name,
        }
        try:  # fail early, and say why, on a wrong URL or a server that is down
            psycopg.connect(url, **options).close()
        except psycopg.Error as exc:
            raise StorageError(f"cannot connect to PostgreSQL: {type(exc).__name__}") from exc
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            kwargs=options,
            min_size=1,
            max_size=pool_size,
            timeout=pool_timeout,
            check=self._check,
            name=application_name,
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except PoolTimeout as exc:
            self._pool.close()
            raise StorageError(f"cannot connect to PostgreSQL within {connect_timeout} s") from exc

    def _check(self, conn: psycopg.Connection[Any]) -> None:
        """``ConnectionPool.check_connection``, run on each connection before it is handed out. When it finds
        one the database dropped, the others idle in the pool are checked at once too: a restart drops them
        all, and the pool pauses longer after each dead one it hands out (1 s, 2 s, 4 s …)."""
        try:
            ConnectionPool.check_connection(conn)
        except Exception:
            self._pool.check()
            raise

    @contextmanager
    def _transaction(self, timeout: float | None = None) -> Iterator[Tx]:
        wait = self._pool_timeout if timeout is None else timeout
        try:
            with self._pool.connection(timeout=wait) as conn:
                try:
                    with conn.transaction():
                        yield _PgTx(conn)
                except pg_errors.UniqueViolation as exc:
                    raise DuplicateRow("a row with this key exists already") from exc
                except psycopg.Error as exc:
                    if _connection_lost(conn, exc):
                        raise ConnectionLost("the connection to the database was lost") from exc
                    # The driver's message may quote row values: only its class and SQLSTATE go into ours.
                    raise StorageError(
                        f"the database refused the change: {type(exc).__name__} ({exc.sqlstate})"
                    ) from exc
        except PoolClosed as exc:
            raise StorageError("the database has been closed") from exc
        except PoolTimeout as exc:
            raise DatabaseUnavailable(f"no database connection within {wait:g} s") from exc

    def ping(self, timeout: float = PING_TIMEOUT) -> None:
        """Raise ``DatabaseUnavailable`` unless the database answers within about ``timeout`` seconds."""
        try:
            with self._transaction(timeout=timeout) as tx:
                tx.query(f"SELECT count(*) FROM {MIGRATIONS_TABLE}")
        except StorageError as exc:
            if isinstance(exc, DatabaseUnavailable):
                raise
            raise DatabaseUnavailable("the database does not answer") from exc

    def _lock_for_migration(self, tx: Tx) -> None:
        tx.query("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def among(self, column: str, values: Sequence[Any]) -> tuple[str, Any]:
        """A condition "``column`` is one of ``values``" with its single parameter (an array)."""
        super().among(column, ())  # checks the name
        return f"{column} = ANY(?)", list(values)

    def lock_scope(self, tx: Tx, name: str) -> None:
        tx.query("SELECT pg_advisory_xact_lock(?::integer, hashtext(?::text))", (_SCOPE_LOCKS, name))

    def _migrations_table_sql(self) -> str:
        return (
            f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
            "(number integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)"
        )

    def close(self) -> None:
        self._pool.close()
