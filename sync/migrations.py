"""Explicit, numbered schema migrations recorded in the database itself (table ``schema_migrations``).

Each migration runs in its own transaction together with the row that records it, so a store is always at
exactly one recorded version. Never use sqlite-utils' ``alter=True``: the SQLCipher driver's exceptions do not
subclass sqlite3's, so it fails silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sync.connection import Connection
from sync.errors import SchemaTooNew, StoreError

MIGRATIONS_TABLE = "schema_migrations"


@dataclass(frozen=True)
class Migration:
    """One schema step: ``apply`` gets a connection already inside a transaction and must not commit."""

    number: int
    name: str
    apply: Callable[[Connection], None]


Migrations = Sequence[Migration]


@dataclass(frozen=True)
class AppliedMigration:
    number: int
    name: str
    applied_at: str


TRACK_SIZE = 100
"""Migrations are numbered in tracks of a hundred: 1–99 the store's own, 101–199 the first application's
(e.g. the desk's tables), and so on; each track is numbered without gaps, so either side can grow."""


def _track(number: int) -> int:
    return number // TRACK_SIZE


def check_migrations(migrations: Migrations) -> None:
    """Raise ``ValueError`` unless the migrations are in increasing order, each track numbered without gaps
    from its start (1, 2, 3 … then 101, 102 …), with distinct names."""
    numbers = [m.number for m in migrations]
    if numbers != sorted(set(numbers)) or (numbers and numbers[0] != 1):
        raise ValueError(f"migrations must be numbered 1, 2, 3 … in increasing order, got {numbers}")
    for previous, number in zip(numbers, numbers[1:], strict=False):
        same_track = _track(previous) == _track(number)
        if (same_track and number != previous + 1) or (
            not same_track and number != _track(number) * TRACK_SIZE + 1
        ):
            raise ValueError(f"migrations must be numbered without gaps within each track, got {numbers}")
    names = [m.name for m in migrations]
    if len(set(names)) != len(names) or not all(names):
        raise ValueError("migration names must be non-empty and distinct")


def _has_table(conn: Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    return row is not None


def applied_migrations(conn: Connection) -> list[AppliedMigration]:
    """The migrations recorded in this database, lowest number first (empty for a new database)."""
    if not _has_table(conn):
        return []
    rows = conn.execute(f"SELECT number, name, applied_at FROM {MIGRATIONS_TABLE} ORDER BY number").fetchall()
    return [AppliedMigration(int(n), str(name), str(at)) for n, name, at in rows]


def schema_version(conn: Connection) -> int:
    """The highest recorded migration number (0 for a new database)."""
    if not _has_table(conn):
        return 0
    (version,) = conn.execute(f"SELECT coalesce(max(number), 0) FROM {MIGRATIONS_TABLE}").fetchone()
    return int(version)


def _check_history(applied: list[AppliedMigration], migrations: Migrations) -> None:
    known = {m.number: m for m in migrations}
    newest_known: dict[int, int] = {}
    for number in known:
        newest_known[_track(number)] = max(newest_known.get(_track(number), 0), number)
    for record in applied:
        if record.number not in known:
            track_newest = newest_known.get(_track(record.number))
            if track_newest is None or record.number > track_newest:
                raise SchemaTooNew(
                    f"this store was written by a newer motcua (schema {record.number}); "
                    f"this program knows up to {track_newest or max(known)}; update motcua"
                )
            raise StoreError("this store's schema history has gaps; it cannot be migrated safely")
        expected = known[record.number].name
        if record.name != expected:
            raise StoreError(
                f"this store's migration {record.number} is {record.name!r}; "
                f"this program expects {expected!r}"
            )
    numbers = {record.number for record in applied}
    for number in numbers:
        start = _track(number) * TRACK_SIZE + 1 if _track(number) else 1
        if any(earlier not in numbers for earlier in range(start, number)):
            raise StoreError("this store's schema history has gaps; it cannot be migrated safely")


def _rollback_quietly(conn: Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def apply_migrations(conn: Connection, migrations: Migrations, *, now: Callable[[], datetime]) -> list[int]:
    """Bring the database up to the last of ``migrations``; return the numbers applied now (in order).

    ``conn`` must be in autocommit mode (no open transaction). A database whose recorded schema is newer than
    ``migrations`` raises :class:`SchemaTooNew` before anything is written. A migration that fails is rolled
    back entirely (the ones before it stay applied) and its exception propagates.
    """
    check_migrations(migrations)
    if conn.in_transaction:
        raise StoreError("migrations need a connection without an open transaction")
    # Check before writing anything, so a newer store is left byte-for-byte untouched.
    applied_before = applied_migrations(conn)
    _check_history(applied_before, migrations)
    done: list[int] = []
    already = {record.number for record in applied_before}
    for migration in (m for m in migrations if m.number not in already):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if not _has_table(conn):
                conn.execute(
                    f"CREATE TABLE {MIGRATIONS_TABLE} ("
                    " number INTEGER PRIMARY KEY,"
                    " name TEXT NOT NULL,"
                    " applied_at TEXT NOT NULL)"
                )
            # Re-read inside the write lock: another process may have migrated meanwhile.
            applied = applied_migrations(conn)
            _check_history(applied, migrations)
            if any(record.number == migration.number for record in applied):
                conn.execute("ROLLBACK")
                continue
            migration.apply(conn)
            if not conn.in_transaction:
                raise StoreError(f"migration {migration.number} ended its transaction itself")
            conn.execute(
                f"INSERT INTO {MIGRATIONS_TABLE} (number, name, applied_at) VALUES (?, ?, ?)",
                (migration.number, migration.name, now().isoformat()),
            )
            conn.execute("COMMIT")
        except BaseException:
            _rollback_quietly(conn)
            raise
        done.append(migration.number)
    return done
