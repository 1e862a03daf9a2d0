"""Pushes stream many batches past the global body limit; one batch too large is a 413."""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import os
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.errors import RequestTooLarge
from server.push_limits import BatchSizeGuard
from server.storage.interface import ServerStorage
from server.sync_replica import ServerReplica
from sync.http_transport import HttpTransport
from sync.replica_memory import MemoryReplica
from sync.sync_messages import END, PUSH, batch_frames, encode_batch, encode_frame
from sync.sync_session import run_session
from sync.version_vectors import VersionVector
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
OCTETS = {"Content-Type": "application/octet-stream"}


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


def desk_with(commune: str, count: int, note_bytes: int, name: str = "desk-a") -> MemoryReplica:
    """A desk holding ``count`` dossiers, each with a note that does not compress."""
    desk = MemoryReplica(name, "desk", (DOSSIER_RECORD,), ticking())
    for number in range(count):
        note = base64.b64encode(os.urandom(note_bytes * 3 // 4)).decode()
        desk.write("dossier", f"d{number:05d}", {SCOPE_FIELD: commune, "notes": [note]}, "clerk")
    return desk


def stream(*payload_sizes: int) -> bytes:
    parts = [encode_frame(PUSH, {"replica": "x", "events": 0})]
    parts += [encode_frame("batch", {"seq": i}, b"p" * size) for i, size in enumerate(payload_sizes, 1)]
    parts.append(encode_frame(END, {"batches": len(payload_sizes)}))
    return b"".join(parts)


def feed(guard: BatchSizeGuard, data: bytes, cuts: list[int]) -> bytes:
    """What the guard passes on of ``data`` cut at ``cuts``; raise its refusal as the push route does."""
    points = sorted({min(c, len(data)) for c in cuts} | {0, len(data)})
    passed = b""
    for start, end in itertools.pairwise(points):
        passed += guard.feed(data[start:end])
        if guard.refused is not None:
            assert data.startswith(passed)
            raise guard.refused
    return passed


@given(st.lists(st.integers(0, 3000), max_size=6), st.lists(st.integers(0, 20_000), max_size=30))
def test_the_guard_refuses_exactly_the_frames_over_the_limit_however_the_stream_is_cut(
    sizes: list[int], cuts: list[int]
) -> None:
    data = stream(*sizes)
    guard = BatchSizeGuard(1000)
    if any(size > 1000 for size in sizes):
        with pytest.raises(RequestTooLarge, match="1000 bytes"):
            feed(guard, data, cuts)
    else:
        assert feed(guard, data, cuts) == data


def test_the_guard_leaves_a_damaged_stream_to_the_session_reader() -> None:
    guard = BatchSizeGuard(10)
    damaged = b"\x00\x00\x00\x05{not json and then a lot more" + b"x" * 100
    assert guard.feed(damaged) == damaged
    assert guard.feed(stream(100)) == stream(100)  # not followed: the session refuses the damaged header
    assert guard.refused is None


def test_the_guard_passes_the_frames_before_the_refused_one() -> None:
    guard = BatchSizeGuard(1000)
    data = stream(10, 5000)
    passed = guard.feed(data)
    assert guard.refused is not None and data.startswith(passed)
    assert passed == stream(10)[: len(passed)] and len(passed) < len(data) - 5000


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_push_of_more_than_8_mib_streams_through_in_one_session(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    assert live.config.max_body_bytes == 8 * 1024 * 1024
    enrolled = enrol(live, storage, communes[0], clock, ids, "desk-a")
    desk = desk_with(communes[0], 440, 30_000)
    texts = desk.missing_encoded(VersionVector())
    assert sum(len(frame) for frame in batch_frames(texts, 60)) > 9 * 1024 * 1024
    with HttpTransport(live.url, enrolled["device_secret"], sleep=lambda _: None) as transport:
        result = run_session(desk, transport, now=ticking(), batch_size=60)
    assert result.pushed_events == 440 and result.peer_counts.new == 440
    server = ServerReplica(storage, communes[0], (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
    assert server.vector().to_dict() == {"desk-a": 440}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_batch_over_the_limit_is_413_and_the_batches_before_it_stay(
    serve: Callable[..., LiveServer], storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    live = serve(max_push_batch_bytes=100_000, max_push_bytes=400_000)
    enrolled = enrol(live, storage, communes[0], clock, ids, "desk-a")
    events = desk_with(communes[0], 12, 20_000).missing_encoded(VersionVector())
    small, big = encode_batch(1, events[:2]), encode_batch(2, events[2:10])
    body = (
        encode_frame(PUSH, {"replica": "desk-a", "events": 10})
        + small
        + big
        + encode_frame(END, {"batches": 2})
    )
    answer = live.post("/v1/sync/push", token=enrolled["device_secret"], data=body, headers=OCTETS)
    assert answer.status_code == 413, answer.text
    assert answer.json()["error"] == "request_too_large"
    assert "100000 bytes compressed" in answer.json()["message"]
    server = ServerReplica(storage, communes[0], (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
    assert server.vector().to_dict() == {"desk-a": 2}

    # the whole push is bounded too, before a byte is read
    whole = b"".join(encode_batch(seq, [event]) for seq, event in enumerate(events, 1))
    assert len(whole) * 3 > 400_000
    too_much = encode_frame(PUSH, {"replica": "desk-a", "events": 0}) + whole * 3
    answer = live.post("/v1/sync/push", token=enrolled["device_secret"], data=too_much, headers=OCTETS)
    assert answer.status_code == 413 and "400000 bytes" in answer.json()["message"]
    assert live.get("/v1/me", token=enrolled["device_secret"]).status_code == 200


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_large_events_travel_in_batches_cut_under_the_servers_raw_limit(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> None:
    enrolled = enrol(live, storage, communes[0], clock, ids, "desk-a")
    desk = desk_with(communes[0], 40, 200_000)  # 8 MB of text: over the 6 MiB raw limit as one batch
    texts = desk.missing_encoded(VersionVector())
    assert sum(map(len, texts)) > live.config.max_push_batch_raw_bytes
    with HttpTransport(live.url, enrolled["device_secret"], sleep=lambda _: None) as transport:
        result = run_session(desk, transport, now=ticking())  # the default batch size: 500 events
    assert result.pushed_events == 40 and result.peer_counts.new == 40 and result.pushed_batches > 1
