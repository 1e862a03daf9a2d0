"""A sync session between any two replicas, independent of how the bytes travel.

The *initiator* runs :func:`run_session` over a :class:`Transport`; the other side answers through a
:class:`SessionResponder`. One to three round trips, whatever the number of events:

1. ``hello``: both sides' version vectors, and whether the responder holds anything the initiator's vector
   lacks (``more``);
2. ``push``: the events the responder lacks, in compressed batches streamed in one request (the first and
   last batches small: ``batch_frames(small_ends=True)``); the responder commits each batch as it arrives
   and its reply acknowledges the last batch it committed with its vector (skipped if the responder lacks
   nothing);
3. ``pull``: likewise the other way; the initiator commits each batch as it arrives. Skipped when the
   responder's hello said it holds nothing more *and* the push's acknowledgement (if any) shows no event the
   initiator lacks (another replica's events that reached the responder during the push are pulled). A
   responder that does not say (an older one) is always pulled from.

A cut link loses at most the batch in flight: the next session's ``hello`` starts from what was committed,
and re-delivered events are ignored (``receive`` is idempotent). A checkpoint is recorded at the end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sync.errors import (
    BadSyncMessage,
    PeerRefused,
    ProtocolMismatch,
    SyncError,
    SyncInterrupted,
    WrongPeer,
)
from sync.event_refusals import RefusedEvent
from sync.event_texts import EncodedEvent
from sync.pull_reader import PullReader
from sync.sync_checkpoints import Checkpoint, CheckpointStore
from sync.sync_messages import (
    BATCH,
    COMPRESSION_LEVEL,
    DEFAULT_BATCH_SIZE,
    END,
    ERROR,
    HELLO,
    HELLO_REPLY,
    MAX_RAW,
    PULL,
    PULL_REPLY,
    PUSH,
    PUSH_ACK,
    PUSH_COMPRESSION_LEVEL,
    Frame,
    StreamReader,
    batch_frames,
    check_batch_size,
    decode_batch,
    encode_frame,
    int_field,
    text_field,
    vector_field,
)
from sync.version_vectors import VersionVector

ROUTES = (HELLO, PUSH, PULL)
MAX_REFUSALS_LISTED = 100  # per push acknowledgement: a hostile batch cannot make the answer grow without end


class ReceiveResult(Protocol):
    new: int
    duplicates: int
    waiting: int


class Replica(Protocol):
    """What a session needs of a replica (``MemoryReplica``, the desk's ``ReplicaStore`` and the server's).

    Events travel as their stored canonical texts: ``missing_encoded`` gives them as stored, causes first, and
    ``receive_encoded`` takes them with the texts as they arrived.
    """

    @property
    def replica_id(self) -> str: ...

    def vector(self) -> VersionVector: ...

    def missing_encoded(self, vector: VersionVector) -> Sequence[str]: ...

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveResult: ...


class Transport(Protocol):
    """Carries one request to the peer and returns its reply: bytes in, bytes out, both streamed.

    ``call`` may return before the reply has arrived; reading the reply may raise :class:`SyncInterrupted`
    (the link was lost). Implementations count their round trips in ``round_trips``.
    """

    round_trips: int

    def call(self, route: str, body: Iterable[bytes]) -> Iterable[bytes]: ...


@dataclass(frozen=True)
class Counts:
    """What a receiving side did with the events it was sent."""

    new: int = 0
    duplicates: int = 0
    waiting: int = 0
    refused: tuple[RefusedEvent, ...] = ()
    """Events the province refused in words and replaced by its refusal (:mod:`sync.event_refusals`)."""

    def plus(self, report: ReceiveResult) -> Counts:
        refused = self.refused + tuple(getattr(report, "refused", ()))
        return Counts(self.new + report.new, self.duplicates + report.duplicates, report.waiting, refused)


@dataclass(frozen=True)
class SessionResult:
    peer_replica: str
    pushed_events: int
    pushed_batches: int
    pulled_events: int
    pulled_batches: int
    peer_counts: Counts
    """What the peer did with the pushed events (from its acknowledgement)."""
    local_counts: Counts
    """What this side did with the pulled events."""
    round_trips: int
    checkpoint: Checkpoint


def holds_more(replica: Replica, mine: VersionVector, theirs: VersionVector) -> bool:
    """Whether ``replica`` (whose vector is ``mine``) holds events a replica knowing ``theirs`` lacks: events
    above ``theirs`` within ``mine``, or waiting events it passes on (``waiting_beyond(vector)``; a replica
    without that method is assumed to hold some, so that it is always pulled from)."""
    if not theirs.dominates(mine):
        return True
    waiting_beyond = getattr(replica, "waiting_beyond", None)
    return True if waiting_beyond is None else bool(waiting_beyond(theirs))


def _error_frame(code: str, message: str, **fields: Any) -> bytes:
    return encode_frame(ERROR, {"code": code, "message": message, **fields})


def raise_if_error(frame: Frame) -> Frame:
    """Turn an error frame from the peer into the matching :class:`SyncError`."""
    if frame.type != ERROR:
        return frame
    code = frame.header.get("code")
    message = frame.header.get("message")
    code = code if isinstance(code, str) and code else "refused"
    text = message[:300] if isinstance(message, str) else "no reason given"
    if code == "update_required":
        raise ProtocolMismatch(f"the other side needs another sync protocol version: {text}")
    if code == WrongPeer.kind:
        raise WrongPeer(f"the other side refused the sync: {text}")
    raise PeerRefused(f"the other side refused the sync ({code}): {text}", code=code)


class SessionResponder:
    """Answers sessions started by other replicas: ``handle(route, request body) -> reply body``.

    ``lock`` serialises every use of ``replica`` (share it with anything else that uses the replica from
    another thread, e.g. a LAN endpoint running next to the desk's own sessions).
    """

    def __init__(
        self,
        replica: Replica,
        *,
        lock: AbstractContextManager[Any] | None = None,
        level: int = COMPRESSION_LEVEL,
        max_raw: int = MAX_RAW,
    ) -> None:
        self.replica = replica
        self._max_raw = max_raw
        self._lock: AbstractContextManager[Any] = lock if lock is not None else threading.RLock()
        self._level = level

    def handle(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        """The reply to one request, produced lazily as the request body is read."""
        reader = StreamReader(body)
        try:
            if route == HELLO:
                yield self._hello(reader)
            elif route == PUSH:
                yield from self._push(reader)
            elif route == PULL:
                yield from self._pull(reader)
            else:
                yield _error_frame("unknown_route", f"unknown sync request {route[:40]!r}")
        except SyncInterrupted:
            raise
        except ProtocolMismatch as exc:
            yield _error_frame("update_required", str(exc))
        except SyncError as exc:
            yield _error_frame(exc.kind, str(exc))

    def _peer(self, frame: Frame) -> str:
        peer = text_field(frame.header, "replica")
        if peer == self.replica.replica_id:
            raise WrongPeer("a replica cannot sync with itself (the same replica id on both sides)")
        return peer

    def _hello(self, reader: StreamReader) -> bytes:
        frame = reader.read_frame(HELLO)
        if frame.type != HELLO:
            raise BadSyncMessage("expected a hello message")
        self._peer(frame)
        theirs = vector_field(frame.header)
        with self._lock:
            mine = self.replica.vector()
            more = holds_more(self.replica, mine, theirs)
        return encode_frame(
            HELLO_REPLY, {"replica": self.replica.replica_id, "vector": mine.to_dict(), "more": more}
        )

    def _push(self, reader: StreamReader) -> Iterator[bytes]:
        frame = reader.read_frame(PUSH)
        if frame.type != PUSH:
            raise BadSyncMessage("expected a push message")
        self._peer(frame)
        committed = 0
        counts = Counts()
        try:
            while True:
                frame = reader.read_frame(BATCH, END)
                if frame.type == END:
                    if int_field(frame.header, "batches") != committed:
                        raise BadSyncMessage("the push ended with a different batch count than it sent")
                    break
                if frame.type != BATCH or int_field(frame.header, "seq", minimum=1) != committed + 1:
                    raise BadSyncMessage("a pushed batch arrived out of order")
                events = decode_batch(frame, max_raw=self._max_raw)
                with self._lock:
                    counts = counts.plus(self.replica.receive_encoded(events))
                committed += 1
        except SyncInterrupted:
            raise
        except SyncError as exc:
            code = "update_required" if isinstance(exc, ProtocolMismatch) else exc.kind
            yield _error_frame(code, str(exc), last_batch=committed)
            return
        with self._lock:
            mine = self.replica.vector()
        yield encode_frame(
            PUSH_ACK,
            {
                "last_batch": committed,
                "vector": mine.to_dict(),
                "new": counts.new,
                "duplicates": counts.duplicates,
                "waiting": counts.waiting,
                **(
                    {"refused": [item.to_dict() for item in counts.refused[:MAX_REFUSALS_LISTED]]}
                    if counts.refused
                    else {}
                ),
            },
        )

    def _pull(self, reader: StreamReader) -> Iterator[bytes]:
        frame = reader.read_frame(PULL)
        if frame.type != PULL:
            raise BadSyncMessage("expected a pull message")
        self._peer(frame)
        theirs = vector_field(frame.header)
        batch_size = int_field(frame.header, "batch_size", minimum=1)
        try:
            check_batch_size(batch_size)
        except ValueError as exc:
            raise BadSyncMessage(str(exc)) from None
        with self._lock:
            mine = self.replica.vector()
            missing = list(self.replica.missing_encoded(theirs))
        yield encode_frame(PULL_REPLY, {"replica": self.replica.replica_id, "events": len(missing)})
        sent = 0
        for chunk in batch_frames(missing, batch_size, level=self._level):
            sent += 1
            yield chunk
        yield encode_frame(END, {"batches": sent, "vector": mine.to_dict()})


class InProcessTransport:
    """Calls a :class:`SessionResponder` directly; counts round trips and bytes, and can cut the link.

    ``cut_after``: after this many bytes (both directions together) the link is cut: the stream in flight
    ends there and every later call raises :class:`SyncInterrupted`.
    """

    def __init__(self, responder: SessionResponder, *, cut_after: int | None = None) -> None:
        self._responder = responder
        self._budget = cut_after
        self.round_trips = 0
        self.bytes_up = 0
        self.bytes_down = 0
        self.cut = False

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        if self.cut:
            raise SyncInterrupted("the link is down")
        self.round_trips += 1
        return self._reply(self._responder.handle(route, self._meter(body, up=True)))

    def _spend(self, chunk: bytes, *, up: bool) -> bytes:
        if self._budget is not None:
            if len(chunk) >= self._budget:
                chunk = chunk[: self._budget]
                self.cut = True
            self._budget -= len(chunk)
        if up:
            self.bytes_up += len(chunk)
        else:
            self.bytes_down += len(chunk)
        return chunk

    def _meter(self, body: Iterable[bytes], *, up: bool) -> Iterator[bytes]:
        for chunk in body:
            piece = self._spend(chunk, up=up)
            if piece:
                yield piece
            if self.cut:
                return

    def _reply(self, reply: Iterator[bytes]) -> Iterator[bytes]:
        try:
            yield from self._meter(reply, up=False)
        except SyncInterrupted:
            raise SyncInterrupted("the link was cut in the middle of a sync request") from None
        if self.cut:
            raise SyncInterrupted("the link was cut in the middle of a sync reply")


class _Progress:
    def __init__(self, sent: VersionVector, received: VersionVector) -> None:
        self.sent = sent
        self.received = received
        self.peer_after = received
        self.pushed_events = 0
        self.pushed_batches = 0
        self.pulled_events = 0
        self.pulled_batches = 0
        self.peer_counts = Counts()
        self.local_counts = Counts()


def run_session(
    local: Replica,
    transport: Transport,
    *,
    now: Callable[[], datetime],
    batch_size: int = DEFAULT_BATCH_SIZE,
    checkpoints: CheckpointStore | None = None,
    expect_peer: str | None = None,
    level: int = PUSH_COMPRESSION_LEVEL,
    lock: AbstractContextManager[Any] | None = None,
) -> SessionResult:
    """Sync ``local`` with the replica behind ``transport`` (see the module docstring).

    Raises :class:`SyncInterrupted` if the link is lost (an incomplete checkpoint is saved if the vectors
    were exchanged), :class:`WrongPeer` if the peer is ``local`` itself or not ``expect_peer``, and other
    :class:`SessionError` subclasses for damaged messages or a refusal.
    """
    check_batch_size(batch_size)
    guard: AbstractContextManager[Any] = lock if lock is not None else nullcontext()
    calls = 0

    def call(route: str, frames: Iterable[bytes]) -> StreamReader:
        nonlocal calls
        calls += 1
        return StreamReader(transport.call(route, frames))

    with guard:
        sent = local.vector()
    hello = {"replica": local.replica_id, "vector": sent.to_dict()}
    frame = raise_if_error(call(HELLO, [encode_frame(HELLO, hello)]).read_frame(HELLO_REPLY))
    peer = text_field(frame.header, "replica")
    received = vector_field(frame.header)
    if peer == local.replica_id:
        raise WrongPeer("a replica cannot sync with itself (the same replica id on both sides)")
    if expect_peer is not None and peer != expect_peer:
        raise WrongPeer("the other side is not the replica this sync was set up with")

    more = frame.header.get("more") is not False  # an older responder does not say: pull from it

    progress = _Progress(sent, received)
    try:
        with guard:
            missing: Sequence[str] = list(local.missing_encoded(received))
        if missing:
            _push(local, call, missing, batch_size, level, progress)
        if more or not sent.dominates(progress.peer_after):
            _pull(local, call, batch_size, guard, progress)
    except SyncInterrupted:
        if checkpoints is not None:
            checkpoints.save(_checkpoint(local, peer, progress, guard, now, complete=False))
        raise
    checkpoint = _checkpoint(local, peer, progress, guard, now, complete=True)
    if checkpoints is not None:
        checkpoints.save(checkpoint)
    return SessionResult(
        peer_replica=peer,
        pushed_events=progress.pushed_events,
        pushed_batches=progress.pushed_batches,
        pulled_events=progress.pulled_events,
        pulled_batches=progress.pulled_batches,
        peer_counts=progress.peer_counts,
        local_counts=progress.local_counts,
        round_trips=calls,
        checkpoint=checkpoint,
    )


def _push(
    local: Replica,
    call: Callable[[str, Iterable[bytes]], StreamReader],
    missing: Sequence[str],
    batch_size: int,
    level: int,
    progress: _Progress,
) -> None:
    sent = [0]  # batches, counted as they are made (a batch of large events is cut early)

    def frames() -> Iterator[bytes]:
        yield encode_frame(PUSH, {"replica": local.replica_id, "events": len(missing)})
        for frame in batch_frames(missing, batch_size, level=level, small_ends=True):
            sent[0] += 1
            yield frame
        yield encode_frame(END, {"batches": sent[0]})

    reply = call(PUSH, frames())
    frame = reply.read_frame(PUSH_ACK)
    if frame.type == ERROR:
        progress.pushed_batches = int_field(frame.header, "last_batch") if "last_batch" in frame.header else 0
        raise_if_error(frame)
    acked = int_field(frame.header, "last_batch")
    if acked != sent[0]:
        raise BadSyncMessage("the other side acknowledged a different number of batches than were sent")
    progress.pushed_batches = acked
    progress.pushed_events = len(missing)
    progress.peer_after = vector_field(frame.header)
    listed = frame.header.get("refused", [])
    refused = (
        [RefusedEvent.from_dict(item) for item in listed[:MAX_REFUSALS_LISTED]]
        if isinstance(listed, list)
        else []
    )
    progress.peer_counts = Counts(
        int_field(frame.header, "new"),
        int_field(frame.header, "duplicates"),
        int_field(frame.header, "waiting"),
        tuple(item for item in refused if item is not None),
    )


def _pull(
    local: Replica,
    call: Callable[[str, Iterable[bytes]], StreamReader],
    batch_size: int,
    guard: AbstractContextManager[Any],
    progress: _Progress,
) -> None:
    """Ask for what ``local`` lacks and apply it batch by batch while the next batches arrive
    (:class:`sync.pull_reader.PullReader` reads and decodes on its own thread).

    The pull's progress checkpoint is ``progress.pulled_batches`` / ``pulled_events``: raised only after a
    batch is committed by ``local.receive_encoded``, so after a cut they count exactly what was kept (every
    whole batch that arrived before the cut is still applied), and the saved :class:`Checkpoint` says so. A
    later pull resumes from ``local.vector()``, which holds those batches: nothing is asked for twice.
    """
    with guard:
        mine = local.vector()
    request = {"replica": local.replica_id, "vector": mine.to_dict(), "batch_size": batch_size}
    reply = call(PULL, [encode_frame(PULL, request)])
    raise_if_error(reply.read_frame(PULL_REPLY))
    with PullReader(reply) as batches:
        for item in batches:
            if isinstance(item, Frame):
                frame = raise_if_error(item)
                if int_field(frame.header, "batches") != progress.pulled_batches:
                    raise BadSyncMessage("the pull ended with a different batch count than it sent")
                progress.peer_after = progress.peer_after.merge(vector_field(frame.header))
                return
            if item.seq != progress.pulled_batches + 1:
                raise BadSyncMessage("a pulled batch arrived out of order")
            with guard:
                report = local.receive_encoded(item.events)
            progress.local_counts = progress.local_counts.plus(report)
            progress.pulled_batches += 1  # the checkpoint: this batch is committed
            progress.pulled_events += len(item.events)


def _checkpoint(
    local: Replica,
    peer: str,
    progress: _Progress,
    guard: AbstractContextManager[Any],
    now: Callable[[], datetime],
    *,
    complete: bool,
) -> Checkpoint:
    with guard:
        after = local.vector()
    return Checkpoint(
        local_replica=local.replica_id,
        peer_replica=peer,
        sent_vector=progress.sent,
        received_vector=progress.received,
        local_after=after,
        peer_after=progress.peer_after,
        pushed_batches=progress.pushed_batches,
        pulled_batches=progress.pulled_batches,
        complete=complete,
        recorded_at=now().isoformat(),
    )
