"""The single writer: one thread owns the write connection and runs submitted operations in order.

Each operation runs in one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back if it raises) and its
result or exception is delivered through a :class:`concurrent.futures.Future`. A future's done-callbacks run
on the writer thread: a Qt user interface turns them into queued signals.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

from sync.connection import Connection
from sync.errors import StoreClosed, StoreError

T = TypeVar("T")

log = logging.getLogger(__name__)


@contextmanager
def immediate_transaction(conn: Connection) -> Iterator[Connection]:
    """Run the block in ``BEGIN IMMEDIATE`` … ``COMMIT``; roll back and re-raise if it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        if not conn.in_transaction:
            raise StoreError("the operation ended the transaction itself; operations must not commit")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except Exception:  # the original error matters more; the connection rolls back on close anyway
                log.exception("rollback failed")
        raise


_STOP = object()


class StoreWriter:
    """Owns one write connection on one thread; ``submit`` operations, ``close`` when done."""

    def __init__(self, connect: Callable[[], Connection], *, name: str = "motcua-store-writer") -> None:
        """Start the thread, which opens its connection with ``connect`` (whose errors are raised here)."""
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(connect,), name=name, daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._start_error is not None:
            self._thread.join()
            self._closed = True
            error, self._start_error = self._start_error, None
            raise error

    @property
    def closed(self) -> bool:
        return self._closed

    def submit(self, operation: Callable[[Connection], T]) -> Future[T]:
        """Queue ``operation(conn)`` to run in its own transaction after everything submitted before it.

        The operation must not commit or roll back itself, nor wait for another submitted operation.
        Raises :class:`StoreClosed` once :meth:`close` has been called.
        """
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise StoreClosed("the store writer is closed")
            self._queue.put((operation, future))
        return future

    def close(self, timeout: float | None = None) -> None:
        """Refuse new operations, finish the queued ones, then close the connection. Idempotent."""
        if threading.current_thread() is self._thread:
            raise StoreError("the store writer cannot be closed from one of its own operations")
        with self._lock:
            if not self._closed:
                self._closed = True
                self._queue.put(_STOP)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise StoreError("the store writer did not finish its queued operations in time")

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _run(self, connect: Callable[[], Connection]) -> None:
        try:
            conn = connect()
        except BaseException as exc:
            self._start_error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    break
                operation, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    with immediate_transaction(conn):
                        result = operation(conn)
                except BaseException as exc:
                    future.set_exception(exc)
                else:
                    future.set_result(result)
        finally:
            conn.close()
