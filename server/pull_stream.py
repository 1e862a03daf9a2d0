"""The server's answer to a pull, streamed: it starts sending while it reads, in bounded memory.

The reply is the frames :mod:`sync.sync_session` expects (``pull_reply`` with the event count, numbered
batches, ``end`` with the batch count and the server's vector), but nothing is prepared ahead:

1. two short transactions take the snapshot: the commune's vector, then for each origin the counters the
   workstation lacks (``after < counter <= last``) and how many events that is
   (``server.storage.event_pages``); the ``pull_reply`` goes out at once;
2. each origin's events are then read a page at a time (keyset on the primary key, each page its own
   transaction) and merged in causal order: an origin's events in counter order (no gap for the receiver to
   wait on), and an event only after the events its context names, where the stream holds them; among the
   events ready, the lowest causal key first (``ChangeEvent.causal_key``, read from the text);
3. every ``batch_size`` events (or :data:`sync.sync_messages.MAX_BATCH_CHARS`) a compressed batch frame is
   yielded; the web server sends it before the next one is made (uvicorn's flow control stops asking while
   the socket is full).

What is held at once: one page per origin (:data:`PAGE_ROWS` rows; a commune has a few desks) plus the
batch being made, whatever the history's length. ``PullStream.rows_held_peak`` records the most rows held.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from server.storage.event_pages import OriginRange, event_page, pull_ranges
from server.storage.interface import ServerStorage
from sync.change_events import decode_event
from sync.errors import BadSyncMessage
from sync.sync_messages import (
    COMPRESSION_LEVEL,
    END,
    MAX_BATCH_CHARS,
    PULL,
    PULL_REPLY,
    StreamReader,
    check_batch_size,
    encode_batch,
    encode_frame,
    int_field,
    text_field,
    vector_field,
)
from sync.version_vectors import VersionVector

PAGE_ROWS = 500
"""Rows of one origin read per page (one short transaction each)."""
_CONTEXT_KEY = ',"context":'
_DECODER = json.JSONDecoder()

__all__ = ["PAGE_ROWS", "PullRequest", "PullStream", "context_of", "read_pull_request"]


@dataclass(frozen=True)
class PullRequest:
    """A workstation's pull: its replica id, its vector and the batch size it wants."""

    replica: str
    vector: VersionVector
    batch_size: int


def read_pull_request(body: bytes) -> PullRequest:
    """The pull request in ``body``, or :class:`BadSyncMessage` / ``ProtocolMismatch``."""
    frame = StreamReader([body]).read_frame(PULL)
    if frame.type != PULL:
        raise BadSyncMessage("expected a pull message")
    batch_size = int_field(frame.header, "batch_size", minimum=1)
    try:
        check_batch_size(batch_size)
    except ValueError as exc:
        raise BadSyncMessage(str(exc)) from None
    return PullRequest(text_field(frame.header, "replica"), vector_field(frame.header), batch_size)


def context_of(text: str) -> dict[str, int]:
    """An event's context (replica id → counter) read from its canonical text without decoding the rest (in
    canonical text only ``author``, a string in which ``,"`` cannot occur, comes before it)."""
    at = text.find(_CONTEXT_KEY) if text.startswith('{"author":') else -1
    if at > 0:
        try:
            context, _ = _DECODER.raw_decode(text, at + len(_CONTEXT_KEY))
        except (ValueError, RecursionError):
            context = None
        if isinstance(context, dict) and all(
            isinstance(n, int) and not isinstance(n, bool) for n in context.values()
        ):
            return context
    return dict(decode_event(text).context.items())  # a text in another shape: decoded whole


@dataclass
class _Origin:
    """One origin's events still to send: a page in memory, and where the next page starts."""

    range: OriginRange
    page: list[tuple[int, str, dict[str, int]]] = field(default_factory=list)
    at: int = 0
    read_up_to: int = 0

    @property
    def done(self) -> bool:
        return self.at >= len(self.page) and self.read_up_to >= self.range.last


class PullStream:
    """The frames of one pull reply for ``scope``, produced lazily (see the module docstring)."""

    def __init__(
        self,
        storage: ServerStorage,
        scope: str,
        replica_id: str,
        vector: VersionVector,
        request: PullRequest,
        *,
        level: int = COMPRESSION_LEVEL,
        page_rows: int = PAGE_ROWS,
    ) -> None:
        self._storage = storage
        self._scope = scope
        self._replica_id = replica_id
        self._vector = vector
        self._request = request
        self._level = level
        self._page_rows = page_rows
        theirs = request.vector
        self.ranges = pull_ranges(storage, scope, dict(theirs.items()))
        self.events = sum(r.count for r in self.ranges)
        self.rows_held_peak = 0
        self.pages_read = 0

    def frames(self) -> Iterator[bytes]:
        """``pull_reply``, the batches, ``end``."""
        yield encode_frame(PULL_REPLY, {"replica": self._replica_id, "events": self.events})
        sent = 0
        pending: list[str] = []
        chars = 0
        for text in self._events():
            pending.append(text)
            chars += len(text)
            if len(pending) == self._request.batch_size or chars >= MAX_BATCH_CHARS:
                sent += 1
                yield encode_batch(sent, pending, level=self._level)
                pending, chars = [], 0
        if pending:
            sent += 1
            yield encode_batch(sent, pending, level=self._level)
        yield encode_frame(END, {"batches": sent, "vector": self._vector.to_dict()})

    def _fill(self, origin: _Origin) -> None:
        if origin.at < len(origin.page) or origin.read_up_to >= origin.range.last:
            return
        rows = event_page(
            self._storage,
            self._scope,
            origin.range.origin,
            after=origin.read_up_to,
            last=origin.range.last,
            limit=self._page_rows,
        )
        self.pages_read += 1
        origin.page = [(counter, body, context_of(body)) for counter, body in rows]
        origin.at = 0
        origin.read_up_to = rows[-1][0] if rows else origin.range.last

    def _events(self) -> Iterator[str]:
        """The events' texts in causal order (see the module docstring)."""
        known = dict(self._request.vector.items())  # what the receiver will hold once these are applied
        origins = [_Origin(r, read_up_to=r.after) for r in self.ranges]
        last = {r.origin: r.last for r in self.ranges}
        while True:
            for origin in origins:
                self._fill(origin)
            live = [o for o in origins if not o.done]
            if not live:
                return
            held = sum(len(o.page) - o.at for o in live)
            self.rows_held_peak = max(self.rows_held_peak, held)
            best: tuple[tuple[int, str, int], _Origin] | None = None
            fallback: tuple[tuple[int, str, int], _Origin] | None = None
            for origin in live:
                counter, _, context = origin.page[origin.at]
                key = (sum(context.values()), origin.range.origin, counter)
                if fallback is None or key < fallback[0]:
                    fallback = (key, origin)
                ready = all(
                    known.get(rid, 0) >= needed or needed > last.get(rid, 0)  # beyond: not in this stream
                    for rid, needed in context.items()
                )
                if ready and (best is None or key < best[0]):
                    best = (key, origin)
            chosen = (best or fallback)[1]  # type: ignore[index]  # no ready event: a cause the server lacks
            counter, body, _ = chosen.page[chosen.at]
            chosen.at += 1
            known[chosen.range.origin] = max(known.get(chosen.range.origin, 0), counter)
            yield body
