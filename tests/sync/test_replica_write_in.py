"""A local write inside a caller's own writer operation commits, or rolls back, with the caller's writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sync.connection import Connection
from sync.errors import WriteRejected
from sync.store import get_meta, set_meta
from sync.version_vectors import EventId
from tests.helpers.replica_stores import Replicas, dump


def test_write_in_commits_or_rolls_back_with_the_operation(tmp_path: Path) -> None:
    replicas = Replicas(tmp_path, os.urandom(32))
    try:
        check_write_in(replicas)
    finally:
        replicas.close()


def check_write_in(replicas: Replicas) -> None:
    desk = replicas.replica("desk-1")

    def numbered(conn: Connection) -> object:
        set_meta(conn, "last_number", "1")
        return desk.write_in(conn, "case", "r1", {"phone": "0901"}, author="a")

    event = desk.store.write(numbered).result()
    assert event.id == EventId("desk-1", 1) and desk.record("case", "r1").get("phone") == "0901"
    before = dump(desk)

    def refused(conn: Connection) -> None:
        set_meta(conn, "last_number", "2")
        desk.write_in(conn, "case", "r1", {"colour": "red"}, author="a")

    def failing_afterwards(conn: Connection) -> None:
        set_meta(conn, "last_number", "2")
        desk.write_in(conn, "case", "r2", {"phone": "0902"}, author="a")
        raise RuntimeError("a later step of the operation fails")

    with pytest.raises(WriteRejected):
        desk.store.write(refused).result()
    with pytest.raises(RuntimeError):
        desk.store.write(failing_afterwards).result()
    assert dump(desk) == before
    with desk.store.reader() as conn:
        assert get_meta(conn, "last_number") == "1"
