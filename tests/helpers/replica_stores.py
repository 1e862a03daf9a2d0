"""Durable replicas on real SQLCipher files for the sync tests: stores opened in a test's folder (each its
own replica id), closed at the end, and a dump of a replica's tables."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sync.field_policies import RecordType
from sync.replica_store import ReplicaStore
from sync.store import Store
from tests.helpers.record_cases import CASE, T0

TABLES = ("change_events", "waiting_events", "replica_vector", "record_states", "search_records")


def clock(start: datetime = T0) -> Callable[[], datetime]:
    ticks = itertools.count()
    return lambda: start + timedelta(seconds=next(ticks))


class Replicas:
    """Opens stores in ``root`` (each its own folder and replica id) and closes them at the end."""

    def __init__(self, root: Path, key: bytes) -> None:
        self.root, self.key = root, key
        self.stores: list[Store] = []

    def open(self, name: str, *, create: bool = True, new_id: Callable[[], str] | None = None) -> Store:
        store = Store.open(
            self.root / name, self.key, now=clock(), new_id=new_id or (lambda: name), create=create
        )
        self.stores.append(store)
        return store

    def replica(
        self, name: str, side: str = "desk", types: tuple[RecordType, ...] = (CASE,), **options: Any
    ) -> ReplicaStore:
        return ReplicaStore(self.open(name), side, types, now=clock(), **options)

    def close(self) -> None:
        for store in self.stores:
            store.close()


def dump(replica: ReplicaStore) -> dict[str, list[tuple[Any, ...]]]:
    with replica.store.reader() as conn:
        return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) for table in TABLES}
