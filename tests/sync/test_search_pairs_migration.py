"""Migration 5: a store whose search index predates the word pairs is re-indexed from its records."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sync.connection import DriverError, open_connection
from sync.field_policies import RecordType, register
from sync.migrations import Migration, applied_migrations, schema_version
from sync.record_merge import RecordState
from sync.replica_store import CACHE_META_KEY, ReplicaStore
from sync.search_index import match_expressions, search
from sync.store import _REPLICA_CACHE_META_KEY, STORE_MIGRATIONS, Store, get_meta

PERSON = RecordType("person", [register("name"), register("phone")])
NAMES = [
    "Nguyễn Thị Hồng Nhung",
    "Nguyễn Thị Hồng",
    "Trần Hồng Nhung",
    "Nguyễn Thịnh Hồng Nhung",
    "Lê Văn An",
]


def clock() -> Callable[[], datetime]:
    ticks = itertools.count()
    return lambda: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=next(ticks))


def texts(record_type: str, state: RecordState) -> list[str]:
    return [state.get("name") or "", state.get("phone") or ""]


def open_store(folder: Path, key: bytes, migrations: tuple[Migration, ...] = STORE_MIGRATIONS) -> Store:
    return Store.open(folder, key, now=clock(), new_id=lambda: "desk-1", create=True, migrations=migrations)


def fts_only(store: Store, query: str) -> list[str]:
    with store.reader() as conn:
        ids = dict(conn.execute("SELECT doc, record_id FROM search_records").fetchall())
        docs: dict[int, None] = {}
        for expression in match_expressions(query):
            sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid"
            docs.update((doc, None) for (doc,) in conn.execute(sql, (expression,)))
    return [ids[doc] for doc in docs]


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def old_store(tmp_path: Path, key: bytes) -> Path:
    """A store at schema 4 whose records were indexed before the word pairs existed."""
    folder = tmp_path / "store"
    with open_store(folder, key, STORE_MIGRATIONS[:4]) as store:
        replica = ReplicaStore(store, "desk", [PERSON], search_texts=texts)
        for n, name in enumerate(NAMES):
            replica.write("person", f"p{n}", {"name": name, "phone": f"0912 345 67{n}"}, author="clerk")
    conn = open_connection(folder / "store.db", key)
    try:  # what migration 3 made before the pairs: no pair table, no vocabulary
        conn.execute("DROP TABLE search_pairs")
        conn.execute("DROP TABLE search_terms")
        assert schema_version(conn) == 4
    finally:
        conn.close()
    return folder


def test_the_store_and_the_replica_name_the_same_cache_key() -> None:
    assert _REPLICA_CACHE_META_KEY == CACHE_META_KEY


def test_migration_5_is_the_next_in_the_store_track() -> None:
    assert STORE_MIGRATIONS[4].number == 5 and "pairs" in STORE_MIGRATIONS[4].name


def test_an_old_index_is_not_searchable_with_pairs(old_store: Path, key: bytes) -> None:
    conn = open_connection(old_store / "store.db", key)
    try:
        with pytest.raises(DriverError):
            search(conn, "nguyen thi hong nhung")
    finally:
        conn.close()


def test_an_old_index_is_rebuilt_when_the_replica_opens(old_store: Path, key: bytes) -> None:
    with open_store(old_store, key) as store:
        assert store.schema_version == 5
        with store.reader() as conn:
            assert [m.number for m in applied_migrations(conn)] == [1, 2, 3, 4, 5]
            assert get_meta(conn, CACHE_META_KEY) is None
            assert search(conn, "nguyen thi hong nhung") == []  # emptied until the replica re-indexes
        replica = ReplicaStore(store, "desk", [PERSON], search_texts=texts)
        assert replica.record("person", "p0").get("name") == NAMES[0]
        with store.reader() as conn:
            assert set(search(conn, "nguyen thi hong nhung")) == {"p0", "p3"}
            assert search(conn, "nguyen thi hong nhung")[0] == "p0"  # exact words first
            assert set(search(conn, "hong nhung")) == {"p0", "p2", "p3"}
            assert set(search(conn, "0912 345 674")) == {"p4"}
            assert conn.execute("SELECT count(*) FROM search_pairs").fetchone()[0] == len(NAMES)
            for query in ["nguyen thi hong nhung", "ng th ho", "hong nhung", "van an", "nguyen hong"]:
                assert search(conn, query) == fts_only(store, query), query
    with open_store(old_store, key) as store, store.reader() as conn:  # nothing more to do on the next open
        assert set(search(conn, "nguyen thi hong nhung")) == {"p0", "p3"}


def test_a_new_store_searches_with_pairs_from_the_start(tmp_path: Path, key: bytes) -> None:
    with open_store(tmp_path / "new", key) as store:
        replica = ReplicaStore(store, "desk", [PERSON], search_texts=texts)
        replica.write("person", "p0", {"name": NAMES[0]}, author="clerk")
        with store.reader() as conn:
            assert search(conn, "nguyen thi hong nhung") == ["p0"]
            assert conn.execute("SELECT count(*) FROM search_pairs").fetchone()[0] == 1
