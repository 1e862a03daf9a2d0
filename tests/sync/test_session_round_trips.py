"""When a session skips its pull: only when the peer said it holds nothing more and its push acknowledgement
shows nothing new; never when the peer cannot say, passes on waiting events, or got events mid-push."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sync.change_events import ChangeEvent, encode_event
from sync.event_texts import EncodedEvent
from sync.sync_messages import HELLO, HELLO_REPLY, PUSH, StreamReader, encode_frame
from sync.sync_session import InProcessTransport, SessionResponder, holds_more, run_session
from sync.version_vectors import EventId, VersionVector
from tests.helpers.record_cases import T0
from tests.helpers.replica_stores import Replicas
from tests.helpers.sync_replicas import NOW, fill, replica, same_state, sync


def elsewhere(origin: str, counter: int, context: VersionVector | None = None) -> ChangeEvent:
    return ChangeEvent(
        id=EventId(origin, counter),
        record_type="case",
        record_id=f"{origin}-{counter}",
        fields={"phone": f"09{counter:08d}"},
        context=context or VersionVector({origin: counter - 1} if counter > 1 else {}),
        device_time=T0,
        author="clerk",
        side="desk",
    )


def test_a_push_to_a_peer_that_holds_nothing_more_costs_two_round_trips() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 30)
    result, transport = sync(a, b, batch_size=10)
    assert transport.round_trips == result.round_trips == 2  # hello, push
    assert (result.pushed_events, result.pulled_events, result.pulled_batches) == (30, 0, 0)
    assert same_state(a, b)
    assert result.checkpoint.complete and result.checkpoint.peer_after == a.vector()


class _ArrivesDuringPush:
    """A transport to ``responder`` whose peer receives ``late`` (from a third replica) as the push begins."""

    def __init__(self, responder: SessionResponder, late: list[ChangeEvent]) -> None:
        self.inner = InProcessTransport(responder)
        self.responder = responder
        self.late = late
        self.routes: list[str] = []

    @property
    def round_trips(self) -> int:
        return self.inner.round_trips

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        self.routes.append(route)
        if route == PUSH:
            self.responder.replica.receive_encoded([EncodedEvent(e, encode_event(e)) for e in self.late])
        return self.inner.call(route, body)


def test_events_that_reach_the_peer_during_the_push_are_pulled_in_the_same_session() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 25)
    transport = _ArrivesDuringPush(SessionResponder(b), [elsewhere("desk-9", 1), elsewhere("desk-9", 2)])
    result = run_session(a, transport, now=NOW, batch_size=10)
    assert transport.routes == [HELLO, PUSH, "pull"]  # the hello said "no more", the acknowledgement did not
    assert result.pulled_events == 2 and a.vector()["desk-9"] == 2
    assert same_state(a, b)


class _OlderResponder(SessionResponder):
    """A responder from before ``more``: its hello reply does not say whether it holds more."""

    def _hello(self, reader: StreamReader) -> bytes:
        frame = StreamReader([super()._hello(reader)]).read_frame(HELLO_REPLY)
        fields = {k: v for k, v in frame.header.items() if k not in ("more", "type", "protocol")}
        return encode_frame(HELLO_REPLY, fields)


def test_a_peer_that_does_not_say_whether_it_holds_more_is_always_pulled_from() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(a, 12)
    transport = InProcessTransport(_OlderResponder(b))
    result = run_session(a, transport, now=NOW)
    assert result.round_trips == 3 and result.pulled_events == 0
    again = run_session(a, InProcessTransport(_OlderResponder(b)), now=NOW)
    assert again.round_trips == 2  # hello, pull (nothing to push)


def test_a_peer_passing_on_waiting_events_says_it_holds_more_and_they_arrive() -> None:
    a, b = replica("desk-1"), replica("desk-2")
    fill(b, 3)
    sync(a, b)
    waiting = elsewhere("desk-9", 2)  # its cause desk-9:1 is missing everywhere
    b.receive_encoded([EncodedEvent(waiting, encode_event(waiting))])
    assert b.vector() == a.vector() and len(b.waiting()) == 1
    assert holds_more(b, b.vector(), a.vector())
    result, transport = sync(a, b)
    assert transport.round_trips == 2 and result.pulled_events == 1  # hello, pull
    assert [event.id for event in a.waiting()] == [waiting.id]
    assert not holds_more(b, b.vector(), a.vector().merge(VersionVector({"desk-9": 2})))


def test_a_replica_without_waiting_beyond_is_assumed_to_hold_more() -> None:
    class Bare:
        replica_id = "desk-2"

    assert holds_more(Bare(), VersionVector({"desk-1": 3}), VersionVector({"desk-1": 3}))  # type: ignore[arg-type]
    assert holds_more(replica("desk-2"), VersionVector({"desk-1": 4}), VersionVector({"desk-1": 3}))
    assert not holds_more(replica("desk-2"), VersionVector({"desk-1": 3}), VersionVector({"desk-1": 5}))


def test_a_desk_store_says_when_it_holds_waiting_events_beyond_a_vector(tmp_path: Path) -> None:
    stores = Replicas(tmp_path, bytes(range(32)))
    try:
        desk = stores.replica("desk-2")
        assert not desk.waiting_beyond(VersionVector())
        late = elsewhere("desk-9", 3)
        desk.receive_encoded([EncodedEvent(late, encode_event(late))])
        assert desk.vector() == VersionVector() and len(desk.waiting()) == 1
        assert desk.waiting_beyond(VersionVector({"desk-9": 2}))
        assert not desk.waiting_beyond(VersionVector({"desk-9": 3}))
    finally:
        stores.close()
