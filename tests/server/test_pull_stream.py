"""The streamed pull (``server.pull_stream``): bounded memory whatever the history, first bytes before the
server has read everything, causal order across origins, and a cut mid-pull that keeps what was applied."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from dossiers.dossier_record import DOSSIER_RECORD
from server.communes import load_communes
from server.pull_stream import PullRequest, PullStream
from server.storage.interface import ServerStorage, Tx
from server.storage.sqlite_storage import SqliteStorage
from server.sync_replica import ServerReplica
from sync.errors import SyncInterrupted
from sync.event_texts import EncodedEvent
from sync.protocol_version import protocol_headers
from sync.replica_memory import MemoryReplica
from sync.sync_messages import BATCH, END, PULL, PULL_REPLY, StreamReader, decode_batch, encode_frame
from sync.version_vectors import VersionVector
from tests.helpers.dossier_histories import edits_of, new_dossiers
from tests.helpers.flaky_link import FlakyLink
from tests.helpers.live_desks import Desk, province, ticking
from tests.helpers.server_replicas import enrol_replica
from tests.server.conftest import Clock, Ids, LiveServer, make_config


def fill(replica: ServerReplica, events: Iterator[EncodedEvent], per_batch: int = 1000) -> None:
    batch: list[EncodedEvent] = []
    for item in events:
        batch.append(item)
        if len(batch) == per_batch:
            replica.receive_encoded(batch)
            batch = []
    if batch:
        replica.receive_encoded(batch)


def frames_of(chunks: Iterator[bytes]) -> Iterator[Any]:
    reader = StreamReader(chunks)
    while True:
        frame = reader.read_frame()
        yield frame
        if frame.type == END:
            return


def test_a_history_far_larger_than_a_page_streams_with_one_page_per_origin_held_in_causal_order(
    storage: ServerStorage, communes: list[str]
) -> None:
    commune = communes[0]
    for name in ("desk-a", "desk-b"):
        enrol_replica(storage, commune, name)
    server = province(storage, commune)
    fill(server, new_dossiers("desk-a", commune, 2000))
    fill(server, edits_of("desk-b", "desk-a", commune, 1000))
    stream = PullStream(
        storage,
        commune,
        server.replica_id,
        server.vector(),
        PullRequest("desk-new", VersionVector(), 100),
        page_rows=50,
    )
    desk = MemoryReplica("desk-new", "desk", (DOSSIER_RECORD,), ticking())
    frames = frames_of(stream.frames())
    assert next(frames).header["events"] == 3000
    assert stream.pages_read == 0  # nothing read yet: the reply's head went first
    batches = 0
    for frame in frames:
        if frame.type == BATCH:
            batches += 1
            report = desk.receive_encoded(decode_batch(frame))
            assert report.waiting == 0  # each event came after its causes, across origins
    assert batches == 30 and frame.header["batches"] == 30
    assert desk.vector() == VersionVector({"desk-a": 2000, "desk-b": 1000}) == server.vector()
    assert stream.rows_held_peak <= 2 * 50  # one page per origin, whatever the history's length
    assert stream.pages_read >= 3000 // 50


def test_a_pull_from_a_vector_sends_only_what_is_missing(storage: ServerStorage, communes: list[str]) -> None:
    commune = communes[0]
    enrol_replica(storage, commune, "desk-a")
    server = province(storage, commune)
    fill(server, new_dossiers("desk-a", commune, 700))
    stream = PullStream(
        storage,
        commune,
        server.replica_id,
        server.vector(),
        PullRequest("desk-new", VersionVector({"desk-a": 650}), 500),
    )
    frames = list(frames_of(stream.frames()))
    assert frames[0].header["events"] == 50
    events = decode_batch(frames[1])
    assert [item.event.id.counter for item in events] == list(range(651, 701))
    assert frames[-1].type == END and frames[-1].header["batches"] == 1


class GatedStorage(SqliteStorage):
    """SQLite storage whose event pages wait at a gate after ``open_pages`` pages have been read."""

    def __init__(self, path: Path, open_pages: int) -> None:
        super().__init__(path)
        self.open_pages = open_pages
        self.pages = 0
        self.gate = threading.Event()

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        with super().transaction() as tx:
            yield _GatedTx(tx, self)


class _GatedTx:
    def __init__(self, tx: Tx, storage: GatedStorage) -> None:
        self._tx = tx
        self._storage = storage

    def query(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        if "ORDER BY counter LIMIT" in sql:
            self._storage.pages += 1
            if self._storage.pages > self._storage.open_pages:
                assert self._storage.gate.wait(30)
        return self._tx.query(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)


def test_the_first_batches_reach_the_desk_while_the_server_is_still_reading(
    tmp_path: Path, communes: list[str], clock: Clock, ids: Ids
) -> None:
    commune = communes[0]
    storage = GatedStorage(tmp_path / "server.db", open_pages=10**9)
    storage.migrate()
    load_communes(storage, "01")
    enrol_replica(storage, commune, "desk-a")
    secret = enrol_replica(storage, commune, "desk-new")
    fill(province(storage, commune), new_dossiers("desk-a", commune, 3000))
    storage.open_pages = storage.pages + 2  # the server reads two pages (1,000 events), then waits
    live = LiveServer(make_config(), storage, clock, ids)
    try:
        request = encode_frame(PULL, {"replica": "desk-new", "vector": {}, "batch_size": 100})
        headers = {**protocol_headers(), "Authorization": f"Bearer {secret}"}
        with requests.post(
            live.url + "/v1/sync/pull", data=request, headers=headers, stream=True, timeout=30
        ) as response:
            assert response.status_code == 200
            frames = frames_of(response.iter_content(4096))
            assert next(frames).type == PULL_REPLY
            early = [len(decode_batch(next(frames))) for _ in range(10)]
            assert early == [100] * 10  # the two pages read so far, as batches, at the desk
            deadline = time.monotonic() + 10
            while storage.pages < 3:  # the server goes on to its third page, and waits there
                assert time.monotonic() < deadline
                time.sleep(0.01)
            assert not storage.gate.is_set() and storage.pages == 3
            storage.gate.set()
            assert sum(len(decode_batch(f)) for f in frames if f.type == BATCH) == 2000
    finally:
        storage.gate.set()
        live.stop()
        storage.close()


def test_a_pull_cut_in_the_middle_keeps_the_batches_applied_and_the_next_sync_takes_only_the_rest(
    live: LiveServer, storage: ServerStorage, communes: list[str], tmp_path: Path
) -> None:
    commune = communes[0]
    enrol_replica(storage, commune, "desk-a")
    secret = enrol_replica(storage, commune, "desk-new")
    server = province(storage, commune)
    fill(server, new_dossiers("desk-a", commune, 3000))
    whole = PullStream(
        storage, commune, server.replica_id, server.vector(), PullRequest("desk-new", VersionVector(), 500)
    )
    size = sum(len(frame) for frame in whole.frames())  # the pull reply's bytes
    desk = Desk(tmp_path, "desk-new", commune, {"device_secret": secret})
    target = ("127.0.0.1", int(live.url.rsplit(":", 1)[1]))
    cuts = iter([size // 2, None, None])  # bytes on the first connection: the link dies mid-pull
    try:
        with FlakyLink(target, cut_after=lambda: next(cuts)) as link:
            with pytest.raises(SyncInterrupted):
                desk.sync(link.url)
            kept = desk.replica.vector()["desk-a"]
            assert 0 < kept < 3000 and kept % 500 == 0  # whole batches, committed as they came
            assert len(desk.replica.record_keys()) == kept
            result = desk.sync(link.url)
        assert result.pulled_events == 3000 - kept and result.local_counts.duplicates == 0
        assert desk.replica.vector() == VersionVector({"desk-a": 3000})
        assert link.stats.cuts == 1
    finally:
        desk.close()
