"""A hostile workstation's events that can never be applied (a counter gap), a replica that pushes them as
they are, and a server storage that counts the rows its queries return (the work a push costs)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from server.storage.interface import ServerStorage, Tx
from sync.change_events import ChangeEvent, encode_event
from sync.event_texts import EncodedEvent
from sync.replica_memory import ReceiveReport
from sync.version_vectors import EventId, VersionVector
from tests.helpers.live_desks import T0, dossier_fields


def gapped_texts(origin: str, commune: str, counters: Iterable[int], *, pad: int = 0) -> list[str]:
    """Events of ``origin`` numbered ``counters`` (none is 1: each waits for ever), each a new dossier;
    ``pad`` characters of filler make an event larger."""
    texts = []
    for counter in counters:
        fields = dossier_fields(commune, counter)
        if pad:
            fields["notes"] = [{"text": os.urandom(pad // 2).hex()}]
        event = ChangeEvent(
            EventId(origin, counter),
            "dossier",
            f"gap-{origin}-{counter}",
            fields,
            VersionVector(),
            T0,
            "h",
            "desk",
        )
        texts.append(encode_event(event))
    return texts


class PushOnly:
    """A replica that offers ``texts`` to its peer and keeps nothing it is sent (a hostile desk)."""

    def __init__(self, replica_id: str, texts: list[str]) -> None:
        self.replica_id = replica_id
        self.texts = texts

    def vector(self) -> VersionVector:
        return VersionVector()

    def missing_encoded(self, vector: VersionVector) -> list[str]:
        return list(self.texts)

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveReport:
        return ReceiveReport(new=0, duplicates=len(list(events)), waiting=0)


class _CountingTx:
    def __init__(self, tx: Tx, owner: CountingStorage) -> None:
        self._tx, self._owner = tx, owner

    def query(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        rows = self._tx.query(sql, params)
        self._owner.rows += len(rows)
        return rows

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


class CountingStorage:
    """``storage`` whose transactions count the rows their queries return (``rows``)."""

    def __init__(self, storage: ServerStorage) -> None:
        self._storage = storage
        self.rows = 0

    @contextmanager
    def transaction(self) -> Iterator[_CountingTx]:
        with self._storage.transaction() as tx:
            yield _CountingTx(tx, self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._storage, name)
