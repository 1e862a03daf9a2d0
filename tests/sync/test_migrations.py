"""Numbered migrations: applied in order, one transaction each, recorded; newer schemas refused untouched."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import given
from hypothesis import strategies as st

from sync.connection import Connection, open_connection
from sync.errors import SchemaTooNew, StoreError
from sync.migrations import (
    Migration,
    applied_migrations,
    apply_migrations,
    check_migrations,
    schema_version,
)

T0 = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)


def clock() -> datetime:
    return T0


def make(number: int, table: str) -> Migration:
    return Migration(number, f"create {table}", lambda conn: conn.execute(f"CREATE TABLE {table} (x)"))


THREE = (make(1, "a"), make(2, "b"), make(3, "c"))


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def conn(tmp_path: Path, key: bytes) -> Iterator[Connection]:
    c = open_connection(tmp_path / "m.db", key)
    yield c
    c.close()


def tables(conn: Connection) -> set[str]:
    return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_gets_every_migration_recorded(conn: Connection) -> None:
    assert schema_version(conn) == 0 and applied_migrations(conn) == []
    assert apply_migrations(conn, THREE, now=clock) == [1, 2, 3]
    assert {"a", "b", "c", "schema_migrations"} <= tables(conn)
    assert schema_version(conn) == 3
    recorded = applied_migrations(conn)
    assert [(m.number, m.name) for m in recorded] == [(1, "create a"), (2, "create b"), (3, "create c")]
    assert all(m.applied_at == T0.isoformat() for m in recorded)


def test_applying_again_does_nothing(conn: Connection) -> None:
    apply_migrations(conn, THREE, now=clock)
    assert apply_migrations(conn, THREE, now=clock) == []
    assert schema_version(conn) == 3


def test_an_older_schema_is_brought_up_to_date(conn: Connection) -> None:
    assert apply_migrations(conn, THREE[:1], now=clock) == [1]
    assert tables(conn) == {"a", "schema_migrations"}
    assert apply_migrations(conn, THREE, now=clock) == [2, 3]
    assert schema_version(conn) == 3


def test_a_failing_migration_leaves_no_trace_and_earlier_ones_stay(conn: Connection) -> None:
    def half_then_fail(c: Connection) -> None:
        c.execute("CREATE TABLE b (x)")
        raise RuntimeError("migration bug")

    broken = (THREE[0], Migration(2, "create b", half_then_fail), THREE[2])
    with pytest.raises(RuntimeError, match="migration bug"):
        apply_migrations(conn, broken, now=clock)
    assert not conn.in_transaction
    assert schema_version(conn) == 1
    assert "b" not in tables(conn)
    assert apply_migrations(conn, THREE, now=clock) == [2, 3]


def test_a_failing_sql_statement_rolls_back_the_migration(conn: Connection) -> None:
    def bad_sql(c: Connection) -> None:
        c.execute("CREATE TABLE b (x)")
        c.execute("THIS IS NOT SQL")

    with pytest.raises(sqlcipher3.OperationalError):
        apply_migrations(conn, (THREE[0], Migration(2, "create b", bad_sql)), now=clock)
    assert schema_version(conn) == 1 and "b" not in tables(conn)


def test_a_migration_that_commits_itself_is_refused(conn: Connection) -> None:
    def commits(c: Connection) -> None:
        c.execute("CREATE TABLE a (x)")
        c.execute("COMMIT")

    with pytest.raises(StoreError, match="ended its transaction"):
        apply_migrations(conn, (Migration(1, "create a", commits),), now=clock)
    assert schema_version(conn) == 0


def test_a_newer_schema_is_refused_and_nothing_changes(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "new.db"
    c = open_connection(path, key)
    apply_migrations(c, THREE, now=clock)
    c.close()
    before = digest(path)
    c = open_connection(path, key)
    try:
        with pytest.raises(SchemaTooNew) as caught:
            apply_migrations(c, THREE[:2], now=clock)
        assert schema_version(c) == 3
    finally:
        c.close()
    message = str(caught.value)
    assert "newer motcua (schema 3)" in message and "knows up to 2" in message and "update motcua" in message
    assert digest(path) == before


def test_a_history_that_does_not_match_is_refused(conn: Connection) -> None:
    apply_migrations(conn, THREE[:2], now=clock)
    renamed = (THREE[0], make(2, "other"), THREE[2])
    with pytest.raises(StoreError, match="migration 2"):
        apply_migrations(conn, renamed, now=clock)
    assert "c" not in tables(conn)


def test_a_history_with_gaps_is_refused(conn: Connection) -> None:
    apply_migrations(conn, THREE[:1], now=clock)
    conn.execute("INSERT INTO schema_migrations VALUES (3, 'create c', 'x')")
    with pytest.raises(StoreError, match="gaps"):
        apply_migrations(conn, THREE, now=clock)


def test_an_open_transaction_is_refused(conn: Connection) -> None:
    conn.execute("BEGIN")
    with pytest.raises(StoreError, match="open transaction"):
        apply_migrations(conn, THREE, now=clock)
    conn.execute("ROLLBACK")


@pytest.mark.parametrize(
    "migrations",
    [
        (make(2, "a"),),
        (make(1, "a"), make(3, "c")),
        (make(2, "b"), make(1, "a")),
        (make(1, "a"), Migration(2, "create a", lambda c: None)),
        (Migration(1, "", lambda c: None),),
    ],
)
def test_bad_lists_are_rejected(migrations: tuple[Migration, ...], conn: Connection) -> None:
    with pytest.raises(ValueError):
        check_migrations(migrations)
    with pytest.raises(ValueError):
        apply_migrations(conn, migrations, now=clock)
    assert tables(conn) == set()


def schema_of(conn: Connection) -> list[tuple[str, str]]:
    return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE name <> 'schema_migrations'"))


@given(steps=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=4))
def test_migrating_in_stages_gives_the_same_schema_as_at_once(steps: list[int]) -> None:
    migrations = tuple(make(i + 1, f"t{i}") for i in range(5))
    at_once = sqlcipher3.connect(":memory:", isolation_level=None)
    staged = sqlcipher3.connect(":memory:", isolation_level=None)
    apply_migrations(at_once, migrations, now=clock)
    for step in steps:
        apply_migrations(staged, migrations[: max(step, schema_version(staged))], now=clock)
    apply_migrations(staged, migrations, now=clock)
    assert schema_of(staged) == schema_of(at_once)
    assert [m.number for m in applied_migrations(staged)] == [1, 2, 3, 4, 5]


def test_an_application_track_and_the_store_track_grow_independently(conn: Connection) -> None:
    """The desk's migrations (101…) and the store's (1…) each grow without renumbering the other."""
    first = (make(1, "core"), make(101, "desk_queue"))
    assert apply_migrations(conn, first, now=clock) == [1, 101]
    later = (make(1, "core"), make(2, "store_grew"), make(101, "desk_queue"), make(102, "desk_grew"))
    assert apply_migrations(conn, later, now=clock) == [2, 102]
    assert {"core", "store_grew", "desk_queue", "desk_grew"} <= tables(conn)


def test_a_newer_application_track_is_refused(conn: Connection) -> None:
    apply_migrations(conn, (make(1, "core"), make(101, "desk_queue"), make(102, "desk_grew")), now=clock)
    with pytest.raises(SchemaTooNew, match="update motcua"):
        apply_migrations(conn, (make(1, "core"), make(101, "desk_queue")), now=clock)


@pytest.mark.parametrize("numbers", [[1, 3], [1, 102], [2], [1, 101, 103], [1, 1]])
def test_tracks_must_start_at_their_first_number_and_have_no_gaps(numbers: list[int]) -> None:
    with pytest.raises(ValueError):
        check_migrations(tuple(make(n, f"t{i}") for i, n in enumerate(numbers)))
