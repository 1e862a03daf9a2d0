"""Sync sessions between two replicas in process: round trips, batches, cuts and resumption, checkpoints."""

from __future__ import annotations

import hashlib
import random

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.change_events import ChangeEvent
from sync.errors import (
    BadEventData,
    BadSyncMessage,
    BatchTooLarge,
    PeerRefused,
    ProtocolMismatch,
    ReplicaIdReused,
    SyncError,
    SyncInterrupted,
    WrongPeer,
)
from sync.protocol_version import PROTOCOL_VERSION
from sync.replica_store import ReplicaStore
from sync.store import Store
from sync.sync_checkpoints import (
    Checkpoint,
    MemoryCheckpoints,
    decode_checkpoint,
    encode_checkpoint,
)
from sync.sync_messages import (
    BATCH,
    END,
    ERROR,
    HELLO,
    MAX_RATIO,
    PULL,
    PUSH,
    Frame,
    StreamReader,
    batch_frames,
    check_batch_size,
    decode_batch,
    encode_batch,
    encode_frame,
    parse_header,
)
from sync.sync_session import (
    InProcessTransport,
    SessionResponder,
    raise_if_error,
    run_session,
)
from sync.version_vectors import EventId, VersionVector
from tests.helpers.record_cases import CASE, T0
from tests.helpers.sync_replicas import NOW, Counting, clock, fill, replica, same_state, sync, texts


def test_a_session_pushes_and_pulls_and_records_a_checkpoint() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 1200, seed=1)
    fill(b, 30, prefix="s", seed=2)
    sent, received = a.vector(), b.vector()
    checkpoints = MemoryCheckpoints()
    result, transport = sync(a, b, batch_size=500, checkpoints=checkpoints)
    assert same_state(a, b)
    assert result.round_trips == transport.round_trips == 3
    assert (result.pushed_events, result.pushed_batches) == (1200, 5)  # 50, 500, 500, 100, 50
    assert (result.pulled_events, result.pulled_batches) == (30, 1)
    assert result.peer_counts.new == 1200 and result.local_counts.new == 30
    assert result.peer_counts.duplicates == result.local_counts.duplicates == 0
    checkpoint = checkpoints.load("desk-1", "desk-2")
    assert checkpoint == result.checkpoint
    assert checkpoint.complete and checkpoint.pair == ("desk-1", "desk-2")
    assert checkpoint.sent_vector == sent and checkpoint.received_vector == received
    assert checkpoint.local_after == checkpoint.peer_after == a.vector()
    assert (checkpoint.pushed_batches, checkpoint.pulled_batches) == (5, 1)
    assert checkpoint.recorded_at.startswith("2025-03-01")


def made_elsewhere(origin: str, count: int) -> list[ChangeEvent]:
    """``count`` events made by replica ``origin`` (built directly: quicker than ``write`` for big tests)."""
    return [
        ChangeEvent(
            id=EventId(origin, i + 1),
            record_type="case",
            record_id=f"{origin}-{i}",
            fields={"phone": f"09{(i * 7919) % 10**8:08d}"},
            context=VersionVector(),
            device_time=T0,
            author="clerk",
            side="desk",
        )
        for i in range(count)
    ]


def test_round_trips_do_not_grow_with_the_number_of_events() -> None:
    trips = []
    for count in (10, 10_000):
        a, b = replica("desk-1"), replica("desk-2")
        a.receive(made_elsewhere("desk-8", count))
        b.receive(made_elsewhere("desk-9", count))
        result, transport = sync(a, b, batch_size=500)
        assert a.vector() == b.vector() and len(b.events()) == 2 * count
        assert result.pulled_batches == -(-count // 500)
        assert result.pushed_batches == (1 if count <= 500 else 2 + -(-(count - 100) // 500))  # small ends
        trips.append(transport.round_trips)
    assert trips == [3, 3]


def test_nothing_to_send_or_take_costs_one_round_trip_and_applies_nothing() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 20)
    sync(a, b)
    counted = Counting(b)
    result, transport = sync(a, counted)
    assert transport.round_trips == result.round_trips == 1  # hello only: the peer said it holds no more
    assert result.pushed_events == result.pulled_events == 0
    assert counted.reports == []


def test_events_relay_through_a_third_replica_and_conflicts_converge() -> None:
    a, b, c = replica("desk-1"), replica("desk-2"), replica("server", side="province")
    a.write("case", "r1", {"phone": "0901"}, author="x")
    sync(a, b)
    a.write("case", "r1", {"phone": "0902"}, author="x")
    b.write("case", "r1", {"phone": "0903"}, author="y")  # concurrent with a's second write
    sync(a, c)
    sync(b, c)
    sync(a, c)
    assert same_state(a, b, c)
    assert len(a.open_conflicts()) == 1


def test_syncing_with_itself_or_the_wrong_peer_is_refused() -> None:
    a = replica("desk-1")
    twin = replica("desk-1")
    with pytest.raises(WrongPeer, match="itself"):
        sync(a, twin)
    with pytest.raises(WrongPeer, match="not the replica"):
        sync(a, replica("desk-2"), expect_peer="desk-3")
    result, _ = sync(a, replica("desk-2"), expect_peer="desk-2")
    assert result.peer_replica == "desk-2"


def test_a_bad_batch_size_is_refused() -> None:
    for bad in (0, -1, 10**9, True, 2.5):
        with pytest.raises(ValueError, match="batch size"):
            check_batch_size(bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError):
            sync(replica("desk-1"), replica("desk-2"), batch_size=bad)


# -- cuts and resumption -------------------------------------------------------------------------------------


def test_a_cut_in_the_middle_of_a_push_keeps_every_whole_batch_and_only_those() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 1000, seed=3)
    whole = InProcessTransport(SessionResponder(replica("desk-2")))
    run_session(a, whole, now=NOW, batch_size=100)
    rng = random.Random(7)
    for _ in range(40):
        b = replica("desk-2")
        cut = rng.randrange(1, whole.bytes_up + whole.bytes_down)
        transport = InProcessTransport(SessionResponder(b), cut_after=cut)
        try:
            run_session(a, transport, now=NOW, batch_size=100)
        except SyncInterrupted:
            pass
        else:
            pytest.fail("the link was cut but the session finished")
        # a batch is committed whole or not at all (a push's first and last batches hold 10 events)
        assert b.vector()["desk-1"] in {0, *range(10, 911, 100), 990, 1000}
        assert len(b.events()) == b.vector()["desk-1"]


def test_interrupted_sessions_resume_and_converge_without_applying_anything_twice() -> None:
    a, b = Counting(replica("desk-1")), Counting(replica("desk-2"))
    fill(a.inner, 700, seed=4)
    fill(b.inner, 400, prefix="s", seed=5)
    a.inner.write("case", "s3", {"phone": "0900000000"}, author="x")  # a conflict to carry along
    rng = random.Random(11)
    checkpoints = MemoryCheckpoints()
    interrupted = 0
    for _ in range(200):
        transport = InProcessTransport(SessionResponder(b), cut_after=rng.randrange(1, 3_000))
        try:
            run_session(a, transport, now=NOW, batch_size=50, checkpoints=checkpoints)
        except SyncInterrupted:
            interrupted += 1
            saved = checkpoints.load("desk-1", "desk-2")
            assert saved is not None and not saved.complete
            continue
        break
    else:
        pytest.fail("never converged")
    assert interrupted >= 10
    assert same_state(a.inner, b.inner)
    assert a.applied == 400 and b.applied == 701  # each event applied exactly once
    final = checkpoints.load("desk-1", "desk-2")
    assert final is not None and final.complete


def test_a_session_on_a_dead_link_raises_interrupted() -> None:
    transport = InProcessTransport(SessionResponder(replica("desk-2")), cut_after=0)
    with pytest.raises(SyncInterrupted):
        run_session(replica("desk-1"), transport, now=NOW)
    with pytest.raises(SyncInterrupted, match="down"):
        transport.call(HELLO, [])


def test_redelivered_batches_are_ignored() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 120, seed=6)
    responder = SessionResponder(b)
    frames = [
        encode_frame(PUSH, {"replica": "desk-1", "events": 120}),
        *batch_frames(texts(a), 50),
        encode_frame(END, {"batches": 3}),
    ]
    first = StreamReader(responder.handle(PUSH, frames)).read_frame()
    again = StreamReader(responder.handle(PUSH, frames)).read_frame()
    assert (first.header["new"], first.header["duplicates"], first.header["last_batch"]) == (120, 0, 3)
    assert (again.header["new"], again.header["duplicates"]) == (0, 120)
    assert first.header["vector"] == again.header["vector"] == {"desk-1": 120}


@settings(max_examples=25, deadline=None)
@given(
    writes=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 5), st.text("ab", max_size=3)), max_size=40),
    syncs=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(1, 7)), max_size=10),
)
def test_any_writes_and_syncs_converge_once_everyone_has_synced(writes, syncs) -> None:
    replicas = [replica(f"desk-{i}") for i in range(3)]
    ops = iter(syncs)
    for who, record, text in writes:
        replicas[who].write("case", f"r{record}", {"notes": [text or "-"]}, author="x")
        step = next(ops, None)
        if step is not None and step[0] != step[1]:
            sync(replicas[step[0]], replicas[step[1]], batch_size=step[2])
    for _ in range(2):
        sync(replicas[0], replicas[1], batch_size=3)
        sync(replicas[2], replicas[1], batch_size=5)
    sync(replicas[0], replicas[1])
    assert same_state(*replicas)


# -- what the responder refuses ------------------------------------------------------------------------------


def reply_to(responder: SessionResponder, route: str, frames: list[bytes]) -> Frame:
    return StreamReader(responder.handle(route, frames)).read_frame()


def test_a_damaged_batch_is_refused_and_earlier_batches_stay_committed() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 30, seed=8)
    good, bad = list(batch_frames(texts(a), 10))[:2]
    damaged = bad[:-5] + bytes(5)
    reply = reply_to(
        SessionResponder(b),
        PUSH,
        [encode_frame(PUSH, {"replica": "desk-1"}), good, damaged, encode_frame(END)],
    )
    assert reply.type == ERROR and reply.header["last_batch"] == 1
    assert "checksum" in reply.header["message"]
    assert b.vector() == VersionVector({"desk-1": 10})
    with pytest.raises(PeerRefused, match="checksum") as caught:
        raise_if_error(reply)
    assert caught.value.code == "sync_bad_message"


def test_out_of_order_batches_and_a_wrong_end_count_are_refused() -> None:
    a = replica("desk-1")
    fill(a, 20, seed=9)
    first, second = batch_frames(texts(a), 10)
    responder = SessionResponder(replica("desk-2"))
    start = encode_frame(PUSH, {"replica": "desk-1"})
    reply = reply_to(responder, PUSH, [start, second, first, encode_frame(END, {"batches": 2})])
    assert reply.type == ERROR and "out of order" in reply.header["message"]
    reply = reply_to(responder, PUSH, [start, first, encode_frame(END, {"batches": 5})])
    assert reply.type == ERROR and "batch count" in reply.header["message"]


def test_the_responder_refuses_bad_requests_with_error_frames() -> None:
    responder = SessionResponder(replica("desk-2"))
    hello = encode_frame(HELLO, {"replica": "desk-1", "vector": {}})
    assert reply_to(responder, "nonsense", [hello]).header["code"] == "unknown_route"
    assert reply_to(responder, HELLO, [encode_frame(HELLO, {"replica": " x", "vector": {}})]).type == ERROR
    assert (
        reply_to(responder, HELLO, [encode_frame(HELLO, {"replica": "a", "vector": {"b": -1}})]).type == ERROR
    )
    assert reply_to(responder, HELLO, [encode_frame(PULL, {"replica": "a"})]).type == ERROR
    assert (
        reply_to(responder, HELLO, [encode_frame(HELLO, {"replica": "desk-2", "vector": {}})]).header["code"]
        == "sync_wrong_peer"
    )
    pull = encode_frame(PULL, {"replica": "desk-1", "vector": {}, "batch_size": 10**9})
    assert reply_to(responder, PULL, [pull]).type == ERROR
    newer = hello.replace(b'"protocol":1', b'"protocol":9')
    assert reply_to(responder, HELLO, [newer]).header["code"] == "update_required"


def test_an_event_under_the_receivers_own_id_is_refused_through_the_session() -> None:
    a = replica("desk-1")
    fill(a, 3)
    impostor = replica("desk-1")  # another replica wrongly using desk-1's id, responding as desk-2 would
    frames = [
        encode_frame(PUSH, {"replica": "desk-9"}),
        *batch_frames(texts(a), 10),
        encode_frame(END, {"batches": 1}),
    ]
    reply = reply_to(SessionResponder(impostor), PUSH, frames)
    assert reply.header["code"] == ReplicaIdReused.kind
    assert impostor.vector() == VersionVector()


def test_error_frames_become_sync_errors() -> None:
    def error(code: str) -> Frame:
        return StreamReader([encode_frame(ERROR, {"code": code, "message": "why"})]).read_frame()

    with pytest.raises(ProtocolMismatch):
        raise_if_error(error("update_required"))
    with pytest.raises(WrongPeer):
        raise_if_error(error(WrongPeer.kind))
    with pytest.raises(PeerRefused) as caught:
        raise_if_error(error("sync_bad_message"))
    assert caught.value.code == "sync_bad_message" and isinstance(caught.value, SyncError)
    ok = StreamReader([encode_frame(HELLO)]).read_frame()
    assert raise_if_error(ok) is ok


# -- messages ------------------------------------------------------------------------------------------------


def test_a_batch_round_trips_and_carries_the_protocol_version() -> None:
    a = replica("desk-1")
    fill(a, 25, seed=10)
    frame = StreamReader([encode_batch(4, texts(a))]).read_frame(BATCH)
    assert frame.header["protocol"] == PROTOCOL_VERSION and frame.header["seq"] == 4
    assert frame.header["count"] == 25
    assert [item.text for item in decode_batch(frame)] == texts(a)
    assert [item.event for item in decode_batch(frame)] == list(a.events())
    assert len(frame.payload) < frame.header["raw_size"] / 2


def test_batch_frames_split_by_size() -> None:
    a = replica("desk-1")
    fill(a, 23)
    frames = [StreamReader([raw]).read_frame() for raw in batch_frames(texts(a), 10)]
    assert [frame.header["seq"] for frame in frames] == [1, 2, 3]
    assert [frame.header["count"] for frame in frames] == [10, 10, 3]
    assert list(batch_frames([], 10)) == []
    with pytest.raises(BadSyncMessage):
        encode_batch(1, [])


def test_a_push_sends_its_first_and_last_events_in_small_batches() -> None:
    a = replica("desk-1")
    fill(a, 47)

    def counts(held: object, size: int) -> list[int]:
        frames = batch_frames(held, size, small_ends=True)  # type: ignore[arg-type]
        return [StreamReader([raw]).read_frame().header["count"] for raw in frames]

    assert counts(texts(a), 20) == [2, 20, 20, 3, 2]
    assert counts(texts(a), 10) == [1, 10, 10, 10, 10, 5, 1]
    assert counts(texts(a), 47) == [47]  # one batch: nothing to hide behind the link
    assert counts(iter(texts(a)), 20) == [20, 20, 7]  # an iterator's length is not known: plain batches


def test_damaged_batches_are_refused() -> None:
    a = replica("desk-1")
    fill(a, 5)
    frame = StreamReader([encode_batch(1, texts(a))]).read_frame()

    def altered(**changes: object) -> Frame:
        return Frame({**frame.header, **changes}, frame.payload)

    with pytest.raises(BadSyncMessage, match="checksum"):
        decode_batch(Frame(frame.header, frame.payload[:-1] + b"\x00"))
    with pytest.raises(BadSyncMessage, match="sizes"):
        decode_batch(altered(raw_size=frame.header["raw_size"] + 1))
    with pytest.raises(BadSyncMessage, match="count"):
        decode_batch(altered(count=4))
    with pytest.raises(BadSyncMessage, match="out of range"):
        decode_batch(altered(count=0))
    with pytest.raises(BadSyncMessage, match="expected a batch"):
        decode_batch(Frame({**frame.header, "type": END}, frame.payload))


def test_a_batch_over_the_receivers_raw_limit_or_expanding_too_much_is_refused_unopened() -> None:
    a = replica("desk-1")
    fill(a, 5)
    frame = StreamReader([encode_batch(1, texts(a))]).read_frame()
    raw_size = frame.header["raw_size"]
    assert len(decode_batch(frame, max_raw=raw_size)) == 5
    with pytest.raises(BatchTooLarge, match=f"accepts \\({raw_size - 1} bytes uncompressed\\)"):
        decode_batch(frame, max_raw=raw_size - 1)
    bomb = b"[" + b"0," * 1_000_000 + b"0]"
    payload = zstandard.ZstdCompressor().compress(bomb)
    assert len(bomb) > MAX_RATIO * len(payload)
    header = {**frame.header, "raw_size": len(bomb), "sha256": hashlib.sha256(payload).hexdigest()}
    with pytest.raises(BadSyncMessage, match=f"expand more than {MAX_RATIO} times"):
        decode_batch(Frame(header, payload))


def test_frames_are_checked_before_use() -> None:
    with pytest.raises(ProtocolMismatch, match="update"):
        parse_header(b'{"protocol":2,"type":"hello"}')
    for raw in (b"not json", b"[1]", b'{"type":"hello"}', b'{"protocol":true,"type":"x"}', b'{"protocol":1}'):
        with pytest.raises(BadSyncMessage):
            parse_header(raw)
    with pytest.raises(BadSyncMessage, match="header size"):
        StreamReader([bytes(4)]).read_frame()
    with pytest.raises(BadSyncMessage, match="expected a hello"):
        StreamReader([encode_frame(PULL)]).read_frame(HELLO)
    with pytest.raises(SyncInterrupted):
        StreamReader([encode_frame(HELLO)[:-1]]).read_frame()
    reader = StreamReader(iter([b"ab", b"", b"cd"]))
    assert reader.read_exact(3) == b"abc" and not reader.at_end() and reader.read_exact(1) == b"d"
    assert reader.at_end() and reader.consumed == 4


# -- checkpoints ---------------------------------------------------------------------------------------------


def checkpoint(**changes: object) -> Checkpoint:
    fields: dict[str, object] = {
        "local_replica": "desk-1",
        "peer_replica": "desk-2",
        "sent_vector": VersionVector({"desk-1": 3}),
        "received_vector": VersionVector({"desk-2": 1}),
        "local_after": VersionVector({"desk-1": 3, "desk-2": 1}),
        "peer_after": VersionVector({"desk-1": 3, "desk-2": 1}),
        "pushed_batches": 1,
        "pulled_batches": 1,
        "complete": True,
        "recorded_at": "2025-03-01T08:00:00+00:00",
    }
    fields.update(changes)
    return Checkpoint(**fields)  # type: ignore[arg-type]


def test_checkpoints_round_trip_and_are_kept_per_pair() -> None:
    one = checkpoint()
    assert decode_checkpoint(encode_checkpoint(one)) == one
    store = MemoryCheckpoints()
    store.save(one)
    store.save(checkpoint(local_replica="desk-2", peer_replica="desk-1"))
    store.save(checkpoint(pushed_batches=7))
    assert store.load("desk-1", "desk-2").pushed_batches == 7
    assert store.load("desk-1", "desk-9") is None
    assert [c.pair for c in store.all()] == [("desk-1", "desk-2"), ("desk-2", "desk-1")]


@pytest.mark.parametrize(
    "changes",
    [
        {"peer_replica": "desk-1"},
        {"local_replica": ""},
        {"sent_vector": {"desk-1": 3}},
        {"pushed_batches": -1},
        {"pulled_batches": True},
        {"complete": "yes"},
    ],
)
def test_bad_checkpoints_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(BadEventData):
        checkpoint(**changes)


def test_bad_checkpoint_text_is_refused() -> None:
    good = checkpoint().to_dict()
    for text in (
        "nope",
        "[]",
        '{"format": 2}',
        encode_checkpoint(checkpoint()).replace('"complete":true,', ""),
    ):
        with pytest.raises(BadEventData):
            decode_checkpoint(text)
    assert Checkpoint.from_dict(good) == checkpoint()


def test_the_transport_counts_bytes_both_ways() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 50)
    fill(b, 50, prefix="s")
    _, transport = sync(a, b)
    assert transport.bytes_up > 0 and transport.bytes_down > 0 and not transport.cut


# -- the durable replica -------------------------------------------------------------------------------------


def test_durable_replicas_sync_through_cuts_and_converge(tmp_path) -> None:
    key = bytes(range(32))
    opened = []

    def durable(name: str) -> ReplicaStore:
        store = Store.open(tmp_path / name, key, now=clock(), new_id=lambda: name, create=True)
        opened.append(store)
        return ReplicaStore(store, "desk", [CASE], now=clock())

    try:
        a, b = durable("desk-1"), durable("desk-2")
        assert a.replica_id == "desk-1"
        for i in range(150):
            a.write("case", f"r{i}", {"phone": f"09{i:08d}"}, author="x")
        for i in range(60):
            b.write("case", f"s{i}", {"notes": [f"n{i}"]}, author="y")
        b.write("case", "r3", {"phone": "0900000000"}, author="y")
        rng = random.Random(5)
        interrupted = 0
        for _ in range(300):
            transport = InProcessTransport(SessionResponder(b), cut_after=rng.randrange(1, 2000))
            try:
                result = run_session(a, transport, now=NOW, batch_size=20)
            except SyncInterrupted:
                interrupted += 1
                continue
            break
        else:
            pytest.fail("never converged")
        assert interrupted >= 5 and result.round_trips <= 3
        assert a.vector() == b.vector() == VersionVector({"desk-1": 150, "desk-2": 61})
        assert a.events() == b.events() and len(a.open_conflicts()) == len(b.open_conflicts()) == 1
        again, _ = sync(a, b)
        assert again.pushed_events == again.pulled_events == 0
    finally:
        for store in opened:
            store.close()
