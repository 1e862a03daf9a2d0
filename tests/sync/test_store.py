"""The Store: folder layout, opening (new, old, newer, wrong key), replica identity, records, readers."""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.connection import Connection, open_connection
from sync.errors import SchemaTooNew, StoreClosed, StoreError, WrongPassphrase
from sync.migrations import Migration, applied_migrations, apply_migrations, schema_version
from sync.store import (
    STORE_MIGRATIONS,
    Store,
    StorePaths,
    assign_identity,
    current_identity,
    ensure_identity,
    get_meta,
    get_record,
    list_records,
    put_record,
    set_meta,
)
from sync.store_writer import immediate_transaction


class Clock:
    """A clock that moves one second per reading."""

    def __init__(self) -> None:
        self.t = datetime(2025, 5, 2, 7, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


def ids(prefix: str = "replica") -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{prefix}-{next(counter)}"


def never() -> str:
    raise AssertionError("no new id was expected")


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(folder: Path, key: bytes) -> Iterator[Store]:
    s = Store.open(folder, key, now=Clock(), new_id=ids(), create=True)
    yield s
    s.close()


def folder_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def extra_migration(number: int) -> Migration:
    return Migration(number, f"test extra {number}", lambda c: c.execute(f"CREATE TABLE extra_{number} (x)"))


# --- layout and opening ----------------------------------------------------------------------------------


def test_paths_name_the_parts_of_a_store(tmp_path: Path) -> None:
    paths = StorePaths(tmp_path)
    assert paths.database == tmp_path / "store.db"
    assert paths.key_file == tmp_path / "store.key"
    assert paths.attachments == tmp_path / "attachments"
    assert paths.database_files() == (
        tmp_path / "store.db",
        tmp_path / "store.db-wal",
        tmp_path / "store.db-shm",
    )


def test_a_new_store_is_created_migrated_and_identified(folder: Path, key: bytes) -> None:
    with Store.open(folder, key, now=Clock(), new_id=ids("first"), create=True) as store:
        assert store.replica_id == "first-1"
        assert store.identity.reason == "created" and store.identity.restored_from is None
        assert store.schema_version == len(STORE_MIGRATIONS)
        assert store.paths.database.is_file() and store.paths.attachments.is_dir()
        assert not store.paths.database.read_bytes().startswith(b"SQLite format 3")


def test_opening_a_missing_store_without_create_fails_and_creates_nothing(folder: Path, key: bytes) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store.open(folder, key, now=Clock(), new_id=never)
    assert not folder.exists()


def test_reopening_keeps_the_replica_id_and_data(folder: Path, key: bytes) -> None:
    with Store.open(folder, key, now=Clock(), new_id=ids(), create=True) as store:
        first = store.replica_id
        store.put_record("note", "n1", {"text": "giữ nguyên"}).result()
    with Store.open(folder, key, now=Clock(), new_id=never) as again:
        assert again.replica_id == first
        assert again.get_record("note", "n1").data == {"text": "giữ nguyên"}  # type: ignore[union-attr]


def test_a_wrong_key_is_refused_and_touches_nothing(folder: Path, key: bytes) -> None:
    with Store.open(folder, key, now=Clock(), new_id=ids(), create=True) as store:
        store.put_record("note", "n1", {"v": 1}).result()
    before = folder_digest(folder)
    with pytest.raises(WrongPassphrase):
        Store.open(folder, os.urandom(32), now=Clock(), new_id=never)
    assert folder_digest(folder) == before
    with Store.open(folder, key, now=Clock(), new_id=never) as store:
        assert store.get_record("note", "n1").data == {"v": 1}  # type: ignore[union-attr]


@pytest.mark.parametrize("size", [0, 16, 31, 33, 64])
def test_a_key_of_the_wrong_size_is_refused(folder: Path, size: int) -> None:
    with pytest.raises(StoreError, match="32 bytes"):
        Store.open(folder, b"k" * size, now=Clock(), new_id=never, create=True)
    assert not folder.exists()


# --- migrations of the store -----------------------------------------------------------------------------


def test_migration_1_creates_meta_replica_and_records(tmp_path: Path, key: bytes) -> None:
    conn = open_connection(tmp_path / "m1.db", key)
    try:
        with immediate_transaction(conn):
            STORE_MIGRATIONS[0].apply(conn)
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"meta", "replica", "records"} <= names
        with pytest.raises(sqlcipher3.IntegrityError):  # records hold JSON only
            conn.execute("INSERT INTO records VALUES ('t', 'i', 'not json', 'x')")
        with pytest.raises(sqlcipher3.IntegrityError):  # a replica id is assigned for a known reason
            conn.execute("INSERT INTO replica (replica_id, assigned_at, reason) VALUES ('r', 'x', 'guess')")
        with pytest.raises(sqlcipher3.IntegrityError):  # one (type, id) is one record
            conn.execute("INSERT INTO records VALUES ('t', 'i', '{}', 'x')")
            conn.execute("INSERT INTO records VALUES ('t', 'i', '{}', 'y')")
    finally:
        conn.close()


def tables_after(tmp_path: Path, key: bytes, upto: int) -> set[str]:
    conn = open_connection(tmp_path / f"upto{upto}.db", key)
    try:
        apply_migrations(conn, STORE_MIGRATIONS[:upto], now=Clock())
        return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_migration_2_adds_the_attachments_table(tmp_path: Path, key: bytes) -> None:
    assert STORE_MIGRATIONS[1].number == 2
    added = tables_after(tmp_path, key, 2) - tables_after(tmp_path, key, 1)
    assert added == {"attachments"}


def test_migration_3_adds_the_search_index(tmp_path: Path, key: bytes) -> None:
    assert STORE_MIGRATIONS[2].number == 3
    added = tables_after(tmp_path, key, 3) - tables_after(tmp_path, key, 2)
    assert {"search_records", "search_fts"} <= added


def test_a_v1_store_gets_attachments_and_search_on_open(folder: Path, key: bytes) -> None:
    with Store.open(folder, key, now=Clock(), new_id=ids(), create=True, migrations=STORE_MIGRATIONS[:1]):
        pass
    with Store.open(folder, key, now=Clock(), new_id=never) as store, store.reader() as conn:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"attachments", "search_records", "search_fts"} <= names
        assert schema_version(conn) == len(STORE_MIGRATIONS) >= 3


def test_the_store_migrations_are_numbered_and_all_applied(store: Store) -> None:
    assert [m.number for m in STORE_MIGRATIONS] == list(range(1, len(STORE_MIGRATIONS) + 1))
    with store.reader() as conn:
        assert [m.name for m in applied_migrations(conn)] == [m.name for m in STORE_MIGRATIONS]


def test_an_older_store_is_migrated_on_open(folder: Path, key: bytes) -> None:
    with Store.open(
        folder, key, now=Clock(), new_id=ids(), create=True, migrations=STORE_MIGRATIONS[:1]
    ) as v1:
        assert v1.schema_version == 1
        v1.put_record("note", "old", {"v": 1}).result()
        first = v1.replica_id
    newer = (*STORE_MIGRATIONS, extra_migration(len(STORE_MIGRATIONS) + 1))
    with Store.open(folder, key, now=Clock(), new_id=never, migrations=newer) as store:
        assert store.schema_version == len(newer)
        assert store.replica_id == first
        assert store.get_record("note", "old").data == {"v": 1}  # type: ignore[union-attr]
        with store.reader() as conn:
            assert [m.number for m in applied_migrations(conn)] == list(range(1, len(newer) + 1))


def test_a_store_from_a_newer_program_is_refused_untouched(folder: Path, key: bytes) -> None:
    newer = (*STORE_MIGRATIONS, extra_migration(len(STORE_MIGRATIONS) + 1))
    with Store.open(folder, key, now=Clock(), new_id=ids(), create=True, migrations=newer) as store:
        store.put_record("note", "n", {"v": 1}).result()
    before = folder_digest(folder)
    with pytest.raises(SchemaTooNew, match="update motcua") as caught:
        Store.open(folder, key, now=Clock(), new_id=never)
    assert f"schema {len(newer)}" in str(caught.value)
    assert folder_digest(folder) == before


# --- replica identity ------------------------------------------------------------------------------------


def test_a_copied_store_gets_a_new_identity_remembering_the_old(
    folder: Path, key: bytes, tmp_path: Path
) -> None:
    with Store.open(folder, key, now=Clock(), new_id=ids("orig"), create=True) as store:
        original = store.replica_id
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    with Store.open(copy, key, now=Clock(), new_id=ids("copy")) as copied:
        assert copied.replica_id == "copy-1"
        assert copied.identity.reason == "copied" and copied.identity.previous_id == original
    with Store.open(copy, key, now=Clock(), new_id=never) as again:  # stable from then on
        assert again.replica_id == "copy-1"
    with Store.open(folder, key, now=Clock(), new_id=never) as store:
        assert store.replica_id == original


def test_ensure_identity_creates_once(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "i.db"
    conn = open_connection(path, key)
    try:
        with immediate_transaction(conn):
            STORE_MIGRATIONS[0].apply(conn)
        assert current_identity(conn) is None
        made = ensure_identity(conn, path, new_id=ids("e"), now=Clock())
        assert made.replica_id == "e-1" and made.reason == "created"
        assert ensure_identity(conn, path, new_id=never, now=Clock()) == made
        assert current_identity(conn) == made
    finally:
        conn.close()


def test_assign_identity_rejects_bad_input(store: Store) -> None:
    def attempt(reason: str, new_id: Callable[[], str]) -> None:
        def op(conn: Connection) -> None:
            assign_identity(conn, store.paths.database, new_id=new_id, now=Clock(), reason=reason)

        store.write(op).result()

    with pytest.raises(ValueError, match="reason"):
        attempt("moved", ids())
    with pytest.raises(ValueError, match="non-empty"):
        attempt("restored", lambda: "")
    with store.reader() as conn:
        assert current_identity(conn) == store.identity


# --- meta and records ------------------------------------------------------------------------------------


def test_meta_values_are_set_and_replaced(store: Store) -> None:
    store.write(lambda c: set_meta(c, "greeting", "xin chào")).result()
    store.write(lambda c: set_meta(c, "greeting", "chào")).result()
    with store.reader() as conn:
        assert get_meta(conn, "greeting") == "chào"
        assert get_meta(conn, "absent") is None


def test_records_are_saved_replaced_and_listed_by_type(store: Store) -> None:
    store.put_record("dossier", "b", {"n": 1}).result()
    store.put_record("dossier", "a", {"n": 2, "nested": {"list": [1, "hai", None]}}).result()
    store.put_record("note", "a", {"n": 3}).result()
    store.put_record("dossier", "b", {"n": 4}).result()
    listed = store.list_records("dossier")
    assert [(r.id, r.data) for r in listed] == [
        ("a", {"n": 2, "nested": {"list": [1, "hai", None]}}),
        ("b", {"n": 4}),
    ]
    assert [r.id for r in store.list_records("note")] == ["a"]
    assert store.list_records("nothing") == []
    assert store.get_record("dossier", "zzz") is None
    b = store.get_record("dossier", "b")
    assert b is not None and b.type == "dossier" and b.updated_at > listed[0].updated_at - timedelta(days=1)


def test_record_times_come_from_the_clock(folder: Path, key: bytes) -> None:
    clock = Clock()
    with Store.open(folder, key, now=clock, new_id=ids(), create=True) as store:
        store.put_record("t", "1", {}).result()
        assert store.get_record("t", "1").updated_at == clock.t  # type: ignore[union-attr]


def test_data_changed_after_put_is_not_saved(store: Store) -> None:
    data: dict[str, object] = {"items": ["a"]}
    future = store.put_record("t", "1", data)
    data["items"].append("b")  # type: ignore[attr-defined]
    future.result()
    assert store.get_record("t", "1").data == {"items": ["a"]}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("record_type", "record_id", "data", "error"),
    [
        ("", "1", {}, ValueError),
        ("t", "", {}, ValueError),
        (None, "1", {}, ValueError),
        ("t", 5, {}, ValueError),
        ("t", "1", ["not", "an", "object"], TypeError),
        ("t", "1", {"when": datetime(2025, 1, 1)}, TypeError),
        ("t", "1", {"bad": float("nan")}, TypeError),
        ("t", "1", {(1, 2): "tuple key"}, TypeError),
    ],
)
def test_bad_records_are_refused_at_once(store: Store, record_type: object, record_id: object, data: object,
                                         error: type[Exception]) -> None:  # fmt: skip
    with pytest.raises(error):
        store.put_record(record_type, record_id, data)  # type: ignore[arg-type]
    assert store.list_records("t") == []


def test_several_records_in_one_operation_are_all_or_nothing(store: Store) -> None:
    def both(conn: Connection) -> None:
        put_record(conn, "t", "1", {"v": 1}, updated_at=store.now())
        put_record(conn, "t", "2", {"v": 2}, updated_at=store.now())

    def first_then_fail(conn: Connection) -> None:
        put_record(conn, "t", "3", {"v": 3}, updated_at=store.now())
        raise KeyError("second failed")

    store.write(both).result()
    with pytest.raises(KeyError):
        store.write(first_then_fail).result()
    assert [r.id for r in store.list_records("t")] == ["1", "2"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def test_any_json_object_round_trips(store: Store) -> None:
    counter = itertools.count()

    @settings(max_examples=60)
    @given(
        data=st.dictionaries(st.text(max_size=10), json_values, max_size=6), record_type=st.text(min_size=1)
    )
    def check(data: dict[str, object], record_type: str) -> None:
        record_id = f"r{next(counter)}"

        def op(conn: Connection) -> None:
            put_record(conn, record_type, record_id, data, updated_at=store.now())

        store.write(op).result()
        with store.reader() as conn:
            got = get_record(conn, record_type, record_id)
            assert got is not None and got.data == data
            assert record_id in [r.id for r in list_records(conn, record_type)]

    check()


# --- readers and closing ---------------------------------------------------------------------------------


def test_a_reader_is_its_own_read_only_connection(store: Store) -> None:
    store.put_record("t", "1", {}).result()
    with store.reader() as conn:
        assert get_record(conn, "t", "1") is not None
        assert schema_version(conn) == len(STORE_MIGRATIONS)
        with pytest.raises(sqlcipher3.OperationalError):
            conn.execute("DELETE FROM records")
    assert store.get_record("t", "1") is not None


def test_a_reader_sees_only_committed_writes(store: Store) -> None:
    import threading

    inside = threading.Event()
    release = threading.Event()

    def slow(conn: Connection) -> None:
        put_record(conn, "t", "pending", {}, updated_at=store.now())
        inside.set()
        release.wait(10)

    future = store.write(slow)
    assert inside.wait(10)
    assert store.get_record("t", "pending") is None
    release.set()
    future.result()
    assert store.get_record("t", "pending") is not None


def test_a_closed_store_refuses_reads_and_writes(store: Store) -> None:
    pending = [store.put_record("t", str(i), {"i": i}) for i in range(20)]
    store.close()
    assert all(f.done() and f.exception() is None for f in pending)
    with pytest.raises(StoreClosed):
        store.put_record("t", "late", {})
    with pytest.raises(StoreClosed), store.reader():
        pass
    store.close()


def test_a_store_is_made_whole_or_not_at_all(tmp_path: Path, key: bytes) -> None:
    """A crash while a store is being created left a half-made temporary file: the next creation replaces
    it; the store's own file never exists half-made (it would be refused as damaged)."""
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "store.db.creating").write_bytes(b"")  # what a kill during the first page would leave
    (folder / "store.db.creating-wal").write_bytes(b"junk")
    with Store.open(folder, key, now=Clock(), new_id=ids("made"), create=True) as store:
        assert store.replica_id == "made-1"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("store.db.")) == []
    with Store.open(folder, key, now=Clock(), new_id=ids("again")) as store:  # the same identity: not a copy
        assert store.replica_id == "made-1"
