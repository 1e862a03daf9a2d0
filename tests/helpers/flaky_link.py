"""A TCP proxy on 127.0.0.1 that emulates a poor link: one-way delay, limited bandwidth, cuts after N bytes.

The kernel here has no netem, so the link is emulated in user space: each direction of each connection has a
reader thread that timestamps what arrives (serialised at ``bandwidth`` bytes/s, then ``delay`` seconds of
propagation) and a writer thread that delivers it on time. ``cut_after`` (an int, or a callable giving a
fresh value, or ``None``, for each connection) closes both sides once that many bytes (both directions
together) have been forwarded on a connection.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

_CUT = object()
_EOF = object()


@dataclass
class LinkStats:
    connections: int = 0
    cuts: int = 0
    bytes_up: int = 0
    """Client → server bytes forwarded."""
    bytes_down: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class _Connection:
    def __init__(
        self, link: FlakyLink, client: socket.socket, server: socket.socket, budget: int | None
    ) -> None:
        self.link = link
        self.client = client
        self.server = server
        self.budget = budget
        self.lock = threading.Lock()
        self.closed = False
        self.ended = 0

    def end_one_direction(self) -> None:
        with self.lock:
            self.ended += 1
            both = self.ended == 2
        if both:
            self.close()

    def take(self, data: bytes) -> tuple[bytes, bool]:
        """The part of ``data`` within the budget, and whether the link is cut after it."""
        with self.lock:
            if self.closed:
                return b"", True
            if self.budget is None:
                return data, False
            if len(data) >= self.budget:
                data = data[: self.budget]
                self.budget = 0
                return data, True
            self.budget -= len(data)
            return data, False

    def close(self) -> None:
        with self.lock:
            self.closed = True
        for sock in (self.client, self.server):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


class FlakyLink:
    """Forward 127.0.0.1:<port> to ``target`` through the emulated link. Use as a context manager."""

    def __init__(
        self,
        target: tuple[str, int],
        *,
        delay: float = 0.0,
        bandwidth: float | None = None,
        cut_after: int | Callable[[], int | None] | None = None,
    ) -> None:
        self.target = target
        self.delay = delay
        self.bandwidth = bandwidth
        self.cut_after = cut_after
        self.stats = LinkStats()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FlakyLink:
        self._spawn(self._accept)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._listener.close()

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _budget(self) -> int | None:
        cut = self.cut_after
        return cut() if callable(cut) else cut

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=10)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.stats.lock:
                self.stats.connections += 1
            connection = _Connection(self, client, server, self._budget())
            for source, sink, up in ((client, server, True), (server, client, False)):
                pipe: queue.Queue[tuple[float, object]] = queue.Queue()
                self._spawn(self._read, connection, source, pipe, up)
                self._spawn(self._write, connection, sink, pipe)

    def _read(self, connection: _Connection, source: socket.socket, pipe: queue.Queue, up: bool) -> None:
        link_free = 0.0
        while True:
            try:
                data = source.recv(16384)
            except OSError:
                data = b""
            arrived = time.monotonic()
            if not data:
                pipe.put((arrived + self.delay, _EOF))
                return
            data, cut = connection.take(data)
            if data:
                start = max(arrived, link_free)
                link_free = start + (len(data) / self.bandwidth if self.bandwidth else 0.0)
                with self.stats.lock:
                    if up:
                        self.stats.bytes_up += len(data)
                    else:
                        self.stats.bytes_down += len(data)
                pipe.put((link_free + self.delay, data))
            if cut:
                pipe.put((link_free + self.delay, _CUT))
                return

    def _write(self, connection: _Connection, sink: socket.socket, pipe: queue.Queue) -> None:
        while True:
            deliver_at, item = pipe.get()
            wait = deliver_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            if item is _CUT:
                with self.stats.lock:
                    self.stats.cuts += 1
                connection.close()
                return
            if item is _EOF:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                connection.end_one_direction()
                return
            try:
                sink.sendall(item)  # type: ignore[arg-type]
            except OSError:
                connection.close()
                return
