"""The receiving side of a pull, overlapped: a reader thread takes frames off the link and decodes batches
while the session's thread applies the previous ones (each in its own store transaction).

The two meet through a bounded queue (:data:`QUEUE_BATCHES` decoded batches: a few MiB at most), so a desk
whose disk is slower than the link stops reading, and TCP stops the server, instead of buffering the whole
history. Whatever the reader met (the ``end`` frame, an error frame, a cut link, a damaged batch) reaches
the applying side *after* every batch read before it, so a cut mid-pull still applies (and keeps) every
whole batch that arrived.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from sync.event_texts import EncodedEvent
from sync.sync_messages import BATCH, END, Frame, StreamReader, decode_batch

QUEUE_BATCHES = 4
"""Decoded batches waiting to be applied, at most."""
_PUT_WAIT = 0.2


@dataclass(frozen=True)
class PulledBatch:
    """One batch as it arrived: its number and its events, checked and decoded."""

    seq: int
    events: list[EncodedEvent]


@dataclass(frozen=True)
class _Failure:
    error: BaseException


class PullReader:
    """Iterate to get :class:`PulledBatch` items, then the final frame (``end`` or ``error``), in order.

    The reply's frames after ``pull_reply`` are read on a daemon thread; an exception it meets is raised
    from the iteration at the point it happened. ``close`` (or leaving the ``with`` block) tells the thread
    to stop at its next hand-over.
    """

    def __init__(self, reply: StreamReader, *, depth: int = QUEUE_BATCHES) -> None:
        self._reply = reply
        self._queue: queue.Queue[PulledBatch | Frame | _Failure] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="motcua-pull-reader", daemon=True)
        self._thread.start()

    def _hand_over(self, item: PulledBatch | Frame | _Failure) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_PUT_WAIT)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                frame = self._reply.read_frame(BATCH, END)
                if frame.type != BATCH:
                    self._hand_over(frame)
                    return
                seq = frame.header.get("seq")
                batch = PulledBatch(seq if isinstance(seq, int) else -1, decode_batch(frame))
                if not self._hand_over(batch):
                    return
        except BaseException as exc:  # handed to the applying thread, in order
            self._hand_over(_Failure(exc))

    def __iter__(self) -> Iterator[PulledBatch | Frame]:
        while True:
            item = self._queue.get()
            if isinstance(item, _Failure):
                raise item.error
            yield item
            if isinstance(item, Frame):
                return

    @property
    def reading(self) -> bool:
        """Whether the reader thread is still running."""
        return self._thread.is_alive()

    def close(self) -> None:
        self._stop.set()

    def __enter__(self) -> PullReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
