"""The single writer: order, one transaction per operation, errors through futures, draining close."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from sync.connection import Connection, open_connection
from sync.errors import StoreClosed, StoreError, WrongPassphrase
from sync.store_writer import StoreWriter, immediate_transaction


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def db(tmp_path: Path, key: bytes) -> Path:
    path = tmp_path / "w.db"
    conn = open_connection(path, key)
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT NOT NULL)")
    conn.close()
    return path


@pytest.fixture
def writer(db: Path, key: bytes) -> Iterator[StoreWriter]:
    w = StoreWriter(lambda: open_connection(db, key))
    yield w
    w.close()


def read_values(db: Path, key: bytes) -> list[str]:
    conn = open_connection(db, key)
    try:
        return [v for (v,) in conn.execute("SELECT v FROM t ORDER BY n")]
    finally:
        conn.close()


def insert(value: str) -> Callable[[Connection], str]:
    def operation(conn: Connection) -> str:
        conn.execute("INSERT INTO t (v) VALUES (?)", (value,))
        return value

    return operation


def test_operations_run_in_submission_order(writer: StoreWriter, db: Path, key: bytes) -> None:
    futures = [writer.submit(insert(f"v{i}")) for i in range(200)]
    assert [f.result(timeout=30) for f in futures] == [f"v{i}" for i in range(200)]
    assert read_values(db, key) == [f"v{i}" for i in range(200)]


def test_each_operation_is_one_transaction_and_runs_on_the_writer_thread(writer: StoreWriter) -> None:
    def probe(conn: Connection) -> tuple[bool, int]:
        return conn.in_transaction, threading.get_ident()

    seen = [writer.submit(probe).result(timeout=10) for _ in range(5)]
    assert all(in_tx for in_tx, _ in seen)
    assert len({ident for _, ident in seen}) == 1
    assert seen[0][1] != threading.get_ident()


def test_an_exception_rolls_back_and_reaches_the_future(writer: StoreWriter, db: Path, key: bytes) -> None:
    class Boom(Exception):
        pass

    def failing(conn: Connection) -> None:
        conn.execute("INSERT INTO t (v) VALUES ('half-done')")
        raise Boom("no")

    first = writer.submit(insert("before"))
    bad = writer.submit(failing)
    after = writer.submit(insert("after"))
    with pytest.raises(Boom):
        bad.result(timeout=10)
    assert first.result(timeout=10) == "before" and after.result(timeout=10) == "after"
    assert read_values(db, key) == ["before", "after"]


def test_a_database_error_rolls_back_the_whole_operation(writer: StoreWriter, db: Path, key: bytes) -> None:
    def two_inserts_second_bad(conn: Connection) -> None:
        conn.execute("INSERT INTO t (v) VALUES ('one')")
        conn.execute("INSERT INTO t (v) VALUES (NULL)")

    future = writer.submit(two_inserts_second_bad)
    assert future.exception(timeout=10) is not None
    assert read_values(db, key) == []


def test_an_operation_that_commits_itself_is_an_error(writer: StoreWriter) -> None:
    def commits(conn: Connection) -> None:
        conn.execute("COMMIT")

    with pytest.raises(StoreError, match="must not commit"):
        writer.submit(commits).result(timeout=10)
    assert writer.submit(insert("still works")).result(timeout=10) == "still works"


def test_close_drains_the_queue_then_refuses(db: Path, key: bytes) -> None:
    writer = StoreWriter(lambda: open_connection(db, key))
    gate = threading.Event()
    blocker = writer.submit(lambda conn: gate.wait(10))
    futures = [writer.submit(insert(f"q{i}")) for i in range(50)]
    closer = threading.Thread(target=writer.close)
    closer.start()
    gate.set()
    closer.join(10)
    assert not closer.is_alive()
    assert blocker.result() is True
    assert all(f.done() and f.exception() is None for f in futures)
    assert read_values(db, key) == [f"q{i}" for i in range(50)]
    with pytest.raises(StoreClosed):
        writer.submit(insert("late"))
    writer.close()  # idempotent
    assert writer.closed


def test_a_cancelled_operation_never_runs(writer: StoreWriter, db: Path, key: bytes) -> None:
    gate = threading.Event()
    writer.submit(lambda conn: gate.wait(10))
    cancelled = writer.submit(insert("cancelled"))
    assert cancelled.cancel()
    gate.set()
    writer.submit(insert("kept")).result(timeout=10)
    assert read_values(db, key) == ["kept"]


def test_closing_from_an_operation_is_refused(writer: StoreWriter) -> None:
    with pytest.raises(StoreError, match="cannot be closed"):
        writer.submit(lambda conn: writer.close()).result(timeout=10)


def test_done_callbacks_see_the_result(writer: StoreWriter) -> None:
    got: list[str] = []
    done = threading.Event()
    future = writer.submit(insert("cb"))

    def callback(f: Future[str]) -> None:
        got.append(f.result())
        done.set()

    future.add_done_callback(callback)
    assert done.wait(10) and got == ["cb"]


def test_submits_from_many_threads_keep_each_threads_order(writer: StoreWriter, db: Path, key: bytes) -> None:
    def producer(name: str) -> None:
        for i in range(40):
            writer.submit(insert(f"{name}:{i:02d}"))

    threads = [threading.Thread(target=producer, args=(f"p{k}",)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writer.submit(lambda conn: None).result(timeout=30)
    values = read_values(db, key)
    assert len(values) == 160
    for k in range(4):
        mine = [v for v in values if v.startswith(f"p{k}:")]
        assert mine == [f"p{k}:{i:02d}" for i in range(40)]


def test_a_connection_that_cannot_open_fails_the_constructor(db: Path) -> None:
    with pytest.raises(WrongPassphrase):
        StoreWriter(lambda: open_connection(db, os.urandom(32)))


def test_immediate_transaction_commits_or_rolls_back(db: Path, key: bytes) -> None:
    conn = open_connection(db, key)
    try:
        with immediate_transaction(conn):
            conn.execute("INSERT INTO t (v) VALUES ('kept')")
        with pytest.raises(ZeroDivisionError), immediate_transaction(conn):
            conn.execute("INSERT INTO t (v) VALUES ('dropped')")
            _ = 1 / 0
        assert not conn.in_transaction
    finally:
        conn.close()
    assert read_values(db, key) == ["kept"]
