"""The local store of one folder: encrypted database, key file and attachments; replica identity; records.

Writes go through the store's single writer (:mod:`sync.store_writer`) and return futures; reads open their
own connection (:meth:`Store.reader`). The store receives the raw 32-byte data key: how it was unwrapped
(passphrase, recovery key) is not its business.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sync.attachments import create_attachment_tables
from sync.connection import (
    KEY_BYTES,
    PAGE_BYTES,
    Connection,
    DriverDatabaseError,
    is_corruption,
    open_connection,
)
from sync.durable_files import fsync_directory
from sync.errors import StoreClosed, StoreDamaged, StoreError, WrongPassphrase
from sync.migrations import Migration, Migrations, apply_migrations, schema_version
from sync.search_index import create_search_tables
from sync.store_writer import StoreWriter, immediate_transaction

T = TypeVar("T")

DATABASE_NAME = "store.db"
KEY_FILE_NAME = "store.key"
ATTACHMENTS_DIR = "attachments"

FINGERPRINT_KEY = "database_fingerprint"
REASONS = ("created", "restored", "copied")


@dataclass(frozen=True)
class StorePaths:
    """Where a store keeps its parts inside its folder."""

    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / DATABASE_NAME

    @property
    def key_file(self) -> Path:
        return self.folder / KEY_FILE_NAME

    @property
    def attachments(self) -> Path:
        return self.folder / ATTACHMENTS_DIR

    def database_files(self) -> tuple[Path, Path, Path]:
        """The database file and its WAL and shared-memory companions."""
        db = self.database
        return db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")


# --- migration 1: meta, replica identity, records --------------------------------------------------------


def _create_core_tables(conn: Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    conn.execute(
        "CREATE TABLE replica ("
        " seq INTEGER PRIMARY KEY,"
        " replica_id TEXT NOT NULL UNIQUE,"
        " assigned_at TEXT NOT NULL,"
        " reason TEXT NOT NULL CHECK (reason IN ('created', 'restored', 'copied')),"
        " previous_id TEXT)"
    )
    conn.execute(
        "CREATE TABLE records ("
        " type TEXT NOT NULL,"
        " id TEXT NOT NULL,"
        " data TEXT NOT NULL CHECK (json_valid(data)),"
        " updated_at TEXT NOT NULL,"
        " PRIMARY KEY (type, id)) WITHOUT ROWID"
    )


# --- migration 4: the sync replica's events, waiting events, vector and derived record states -------------


def _create_replica_tables(conn: Connection) -> None:
    """Tables of :mod:`sync.replica_store`: events are the truth, ``record_states`` a rebuildable cache."""
    for table in ("change_events", "waiting_events"):
        conn.execute(
            f"CREATE TABLE {table} ("
            " replica_id TEXT NOT NULL,"
            " counter INTEGER NOT NULL CHECK (counter >= 1),"
            " record_type TEXT NOT NULL,"
            " record_id TEXT NOT NULL,"
            " context_total INTEGER NOT NULL,"
            " body TEXT NOT NULL,"
            " PRIMARY KEY (replica_id, counter))"
        )
    conn.execute("CREATE INDEX change_events_by_record ON change_events (record_type, record_id)")
    conn.execute(
        "CREATE TABLE replica_vector ("
        " replica_id TEXT PRIMARY KEY,"
        " counter INTEGER NOT NULL CHECK (counter >= 1)) WITHOUT ROWID"
    )
    conn.execute(
        "CREATE TABLE record_states ("
        " record_type TEXT NOT NULL,"
        " record_id TEXT NOT NULL,"
        " scope TEXT,"
        " has_conflicts INTEGER NOT NULL CHECK (has_conflicts IN (0, 1)),"
        " state TEXT NOT NULL CHECK (json_valid(state)),"
        " PRIMARY KEY (record_type, record_id))"
    )
    conn.execute("CREATE INDEX record_states_by_scope ON record_states (record_type, scope)")
    conn.execute(
        "CREATE INDEX record_states_in_conflict ON record_states (record_type, scope, record_id)"
        " WHERE has_conflicts = 1"
    )


# --- migration 5: the search index with word pairs --------------------------------------------------------

# sync.replica_store.CACHE_META_KEY (that module imports this one): without it, a ReplicaStore rebuilds its
# state cache, and with it the search index, when it is next opened.
_REPLICA_CACHE_META_KEY = "replica_state_types"


def _rebuild_search_with_pairs(conn: Connection) -> None:
    """Replace the search index by one with word pairs (:mod:`sync.search_index`).

    The FTS5 table is contentless, so it cannot be re-derived from itself: it is emptied, and the durable
    replica's state cache is marked stale so the next :class:`~sync.replica_store.ReplicaStore` opened on
    this store re-derives every record and re-indexes it (a search finds nothing in between).
    """
    for table in ("search_fts", "search_pairs", "search_terms", "search_records"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    create_search_tables(conn)
    conn.execute("DELETE FROM meta WHERE key = ?", (_REPLICA_CACHE_META_KEY,))


STORE_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core: meta, replica, records", _create_core_tables),
    Migration(2, "attachments", create_attachment_tables),
    Migration(3, "search index", create_search_tables),
    Migration(4, "sync replica: events, waiting events, vector, record states", _create_replica_tables),
    Migration(5, "search index: word pairs (re-indexed from the records)", _rebuild_search_with_pairs),
)


# --- meta and replica identity (functions on a connection; writers call them inside a transaction) --------


def get_meta(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


@dataclass(frozen=True)
class ReplicaIdentity:
    """This store's replica id; ``previous_id`` is the one it was restored or copied from, if any."""

    replica_id: str
    assigned_at: datetime
    reason: str
    previous_id: str | None

    @property
    def restored_from(self) -> str | None:
        return self.previous_id


def current_identity(conn: Connection) -> ReplicaIdentity | None:
    row = conn.execute(
        "SELECT replica_id, assigned_at, reason, previous_id FROM replica ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return ReplicaIdentity(row[0], datetime.fromisoformat(row[1]), row[2], row[3])


def database_fingerprint(database: Path) -> str:
    """What tells this database file from a copy of it: its file number (inode / NTFS file id)."""
    return str(os.stat(database).st_ino)


def assign_identity(
    conn: Connection,
    database: Path,
    *,
    new_id: Callable[[], str],
    now: Callable[[], datetime],
    reason: str,
    previous_id: str | None = None,
) -> ReplicaIdentity:
    """Give the store a new replica id (in the caller's transaction) and remember the file's fingerprint."""
    if reason not in REASONS:
        raise ValueError(f"unknown reason {reason!r}; expected one of {REASONS}")
    replica_id = new_id()
    if not isinstance(replica_id, str) or not replica_id:
        raise ValueError("the id factory must return a non-empty string")
    assigned_at = now()
    conn.execute(
        "INSERT INTO replica (replica_id, assigned_at, reason, previous_id) VALUES (?, ?, ?, ?)",
        (replica_id, assigned_at.isoformat(), reason, previous_id),
    )
    set_meta(conn, FINGERPRINT_KEY, database_fingerprint(database))
    return ReplicaIdentity(replica_id, assigned_at, reason, previous_id)


def ensure_identity(
    conn: Connection, database: Path, *, new_id: Callable[[], str], now: Callable[[], datetime]
) -> ReplicaIdentity:
    """The store's identity: a first one for a new store, a fresh one when the file is a copy."""
    identity = current_identity(conn)
    if identity is not None and get_meta(conn, FINGERPRINT_KEY) == database_fingerprint(database):
        return identity
    with immediate_transaction(conn):
        identity = current_identity(conn)
        if identity is None:
            return assign_identity(conn, database, new_id=new_id, now=now, reason="created")
        if get_meta(conn, FINGERPRINT_KEY) == database_fingerprint(database):
            return identity
        return assign_identity(
            conn, database, new_id=new_id, now=now, reason="copied", previous_id=identity.replica_id
        )


# --- records ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    type: str
    id: str
    data: dict[str, Any]
    updated_at: datetime


def _check_name(what: str, value: object) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"a record {what} is a non-empty string")


def encode_record_data(data: Mapping[str, Any]) -> str:
    """The canonical JSON text of a record's data (a JSON object); ``TypeError`` if it is not one."""
    if not isinstance(data, Mapping):
        raise TypeError("record data is a mapping (a JSON object)")
    try:
        return json.dumps(
            dict(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
        )
    except (TypeError, ValueError) as exc:
        raise TypeError(f"record data is not JSON-serialisable ({type(exc).__name__})") from None


def _put_encoded(conn: Connection, record_type: str, record_id: str, text: str, updated_at: datetime) -> None:
    conn.execute(
        "INSERT INTO records (type, id, data, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (type, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
        (record_type, record_id, text, updated_at.isoformat()),
    )


def put_record(
    conn: Connection, record_type: str, record_id: str, data: Mapping[str, Any], *, updated_at: datetime
) -> None:
    """Insert or replace one record (inside the caller's transaction). ``data`` must be a JSON object."""
    _check_name("type", record_type)
    _check_name("id", record_id)
    _put_encoded(conn, record_type, record_id, encode_record_data(data), updated_at)


def _record(row: tuple[str, str, str, str]) -> Record:
    return Record(row[0], row[1], json.loads(row[2]), datetime.fromisoformat(row[3]))


def get_record(conn: Connection, record_type: str, record_id: str) -> Record | None:
    row = conn.execute(
        "SELECT type, id, data, updated_at FROM records WHERE type = ? AND id = ?", (record_type, record_id)
    ).fetchone()
    return None if row is None else _record(row)


def list_records(conn: Connection, record_type: str) -> list[Record]:
    """All records of one type, ordered by id."""
    rows = conn.execute(
        "SELECT type, id, data, updated_at FROM records WHERE type = ? ORDER BY id", (record_type,)
    ).fetchall()
    return [_record(row) for row in rows]


# --- damaged stores --------------------------------------------------------------------------------------


def check_database_file(database: Path) -> None:
    """Refuse (:class:`StoreDamaged`) a database file that cannot hold a store: empty, or cut off mid-page.

    A store's file is never empty once opened (WAL mode writes its first page at once).
    """
    size = database.stat().st_size
    if size == 0:
        raise StoreDamaged("the store's database file is empty (0 bytes)", reason="empty")
    if size % PAGE_BYTES:
        raise StoreDamaged(
            f"the store's database file is cut short ({size} bytes is not a whole number of pages)",
            reason="truncated",
        )


def check_database_pages(conn: Connection) -> None:
    """``PRAGMA quick_check`` (every page read and decrypted); :class:`StoreDamaged` if one is damaged."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except DriverDatabaseError as exc:
        if not is_corruption(exc):
            raise
        raise StoreDamaged(
            "the store's database is damaged (its pages fail to decrypt)", reason="corrupt"
        ) from None
    if rows != [("ok",)]:
        raise StoreDamaged(f"the store's database is damaged ({rows[0][0]})", reason="corrupt")


MISSING_DATABASE = "the store's key file is here but its database file is missing"


def _connect_checked(database: Path, data_key: bytes, *, key_checked: bool) -> Connection:
    """A connection to an existing database once it passed :func:`check_database_file` and
    :func:`check_database_pages`; with ``key_checked``, a database the key does not open is damaged."""
    check_database_file(database)
    try:
        conn = open_connection(database, data_key)
    except WrongPassphrase:
        if not key_checked:
            raise
        raise StoreDamaged(
            "the store's key is right but its database does not open (its first page is damaged)",
            reason="unreadable",
        ) from None
    try:
        check_database_pages(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def check_database(database: Path, data_key: bytes) -> None:
    """Check a store's database with the key its key file gave (as :meth:`Store.open` does, changing nothing).

    Raises :class:`StoreDamaged` if it is missing, empty, cut short or damaged.
    """
    if not database.is_file():
        raise StoreDamaged(MISSING_DATABASE, reason="missing")
    _connect_checked(database, data_key, key_checked=True).close()


# --- the store -------------------------------------------------------------------------------------------


def _create_database(
    database: Path,
    data_key: bytes,
    migrations: Migrations,
    *,
    now: Callable[[], datetime],
    new_id: Callable[[], str],
) -> None:
    """Make a new store's database under a temporary name, then rename it into place: a crash while it is
    being made leaves no half-made ``store.db`` (which would be refused as damaged), only a temporary file
    the next creation replaces. The rename keeps the file's number, so its identity stays its own."""
    partial = database.with_name(database.name + ".creating")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    conn = open_connection(partial, data_key)
    try:
        apply_migrations(conn, migrations, now=now)
        ensure_identity(conn, partial, new_id=new_id, now=now)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything into the file itself before the rename
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    os.replace(partial, database)
    fsync_directory(database.parent)


class Store:
    """One open store. Use :meth:`open`; close it (or use ``with``) to finish pending writes."""

    def __init__(
        self,
        paths: StorePaths,
        data_key: bytes,
        identity: ReplicaIdentity,
        schema: int,
        writer: StoreWriter,
        now: Callable[[], datetime],
    ) -> None:
        self.paths = paths
        self._key = data_key
        self.identity = identity
        self.schema_version = schema
        self.writer = writer
        self.now = now

    @classmethod
    def open(
        cls,
        folder: Path | str,
        data_key: bytes,
        *,
        now: Callable[[], datetime],
        new_id: Callable[[], str],
        create: bool = False,
        key_checked: bool = False,
        migrations: Migrations = STORE_MIGRATIONS,
    ) -> Store:
        """Open the store in ``folder`` (``create=True`` makes a new one if there is none), migrated to date.

        An existing database is checked first (:func:`check_database_file`, :func:`check_database_pages`):
        one that is empty, cut short or damaged raises :class:`~sync.errors.StoreDamaged`, and is never
        replaced by a new store. ``key_checked``: the caller checked ``data_key`` against the store's key file
        (:func:`sync.keys.unlock` does), so a database it does not open is damaged, not a wrong key.

        Raises :class:`~sync.errors.WrongPassphrase` if the key does not open it and
        :class:`~sync.errors.SchemaTooNew` if a newer motcua wrote it; in every case nothing is changed.
        """
        if len(data_key) != KEY_BYTES:
            raise StoreError(f"a store key has {KEY_BYTES} bytes, not {len(data_key)}")
        paths = StorePaths(Path(folder))
        existing = paths.database.exists()
        if existing:
            conn = _connect_checked(paths.database, data_key, key_checked=key_checked)
        elif not create:
            if paths.key_file.exists():
                raise StoreDamaged(MISSING_DATABASE, reason="missing")
            raise StoreError("there is no store in this folder")
        else:
            paths.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            _create_database(paths.database, data_key, migrations, now=now, new_id=new_id)
            conn = open_connection(paths.database, data_key)
        try:
            apply_migrations(conn, migrations, now=now)
            identity = ensure_identity(conn, paths.database, new_id=new_id, now=now)
            schema = schema_version(conn)
        finally:
            conn.close()
        paths.attachments.mkdir(mode=0o700, exist_ok=True)
        writer = StoreWriter(lambda: open_connection(paths.database, data_key), name="motcua-store-writer")
        return cls(paths, data_key, identity, schema, writer, now)

    @property
    def replica_id(self) -> str:
        return self.identity.replica_id

    @property
    def data_key(self) -> bytes:
        """The raw data key (for a backup of this store, which keeps the same encryption)."""
        return self._key

    @contextmanager
    def reader(self) -> Iterator[Connection]:
        """A read-only connection of its own, closed at the end of the block."""
        if self.writer.closed:
            raise StoreClosed("the store is closed")
        conn = open_connection(self.paths.database, self._key)
        try:
            conn.execute("PRAGMA query_only = ON")
            yield conn
        finally:
            conn.close()

    def write(self, operation: Callable[[Connection], T]) -> Future[T]:
        """Run ``operation(conn)`` on the writer thread in one transaction; see :class:`StoreWriter`."""
        return self.writer.submit(operation)

    def put_record(self, record_type: str, record_id: str, data: Mapping[str, Any]) -> Future[None]:
        """Save one record; the future completes once it is committed."""
        _check_name("type", record_type)
        _check_name("id", record_id)
        text = encode_record_data(data)  # now: bad data fails here, and later changes to ``data`` don't count

        def operation(conn: Connection) -> None:
            _put_encoded(conn, record_type, record_id, text, self.now())

        return self.write(operation)

    def get_record(self, record_type: str, record_id: str) -> Record | None:
        with self.reader() as conn:
            return get_record(conn, record_type, record_id)

    def list_records(self, record_type: str) -> list[Record]:
        with self.reader() as conn:
            return list_records(conn, record_type)

    def close(self) -> None:
        """Finish the queued writes and close the writer connection. Idempotent."""
        self.writer.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
