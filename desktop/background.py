"""The bridge from background work to the UI thread: the UI thread never waits on the disk or the network.

:class:`Background` runs a callable on a small thread pool (:meth:`Background.run`), or follows a future
made elsewhere (:meth:`Background.watch`: the store writer's, later the network's), and calls
``on_success(result)`` or ``on_failure(error)`` back *on the UI thread*, through a queued Qt signal.
Modelled on Anki's ``QueryOp`` / ``taskman``: the caller says what to do with the result, never blocks for it.

A callback whose ``owner`` widget has been deleted meanwhile is dropped, so a dialog closed while its save
was running does not crash the desk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

from sync.connection import Connection
from sync.store import Store

T = TypeVar("T")

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class Background(QObject):
    """Runs work off the UI thread and delivers its outcome on the UI thread."""

    failed = Signal(object)
    """An error for which the caller gave no ``on_failure`` (the desk shows it in words)."""
    busy_changed = Signal(bool)
    """True while at least one watched operation is pending (for a busy indicator)."""

    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None, *, max_workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="motcua-background")
        self._pending = 0
        self._closed = False
        self._deliver.connect(self._on_deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        """Operations started and not yet delivered."""
        return self._pending

    def run(
        self,
        function: Callable[[], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Failure | None = None,
        owner: QObject | None = None,
    ) -> Future[T]:
        """Run ``function()`` on a worker thread; its result or error comes back on the UI thread."""
        if self._closed:
            raise RuntimeError("the background runner is shut down")
        return self.watch(
            self._pool.submit(function), on_success=on_success, on_failure=on_failure, owner=owner
        )

    def write(
        self,
        store: Store,
        operation: Callable[[Connection], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Failure | None = None,
        owner: QObject | None = None,
    ) -> Future[T]:
        """Submit ``operation(conn)`` to the store's single writer; deliver its outcome on the UI thread."""
        return self.watch(store.write(operation), on_success=on_success, on_failure=on_failure, owner=owner)

    def watch(
        self,
        future: Future[T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Failure | None = None,
        owner: QObject | None = None,
    ) -> Future[T]:
        """Deliver the outcome of ``future`` (made anywhere) on the UI thread; returns the same future."""
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def done(finished: Future[T]) -> None:  # runs on whichever thread completed the future
            self._deliver.emit((finished, on_success, on_failure, owner))

        future.add_done_callback(done)
        return future

    @property
    def closed(self) -> bool:
        """Whether :meth:`shutdown` was called (new work is refused)."""
        return self._closed

    def shutdown(self, *, wait: bool = True) -> None:
        """Refuse new work, drop work not yet started, and (by default) wait for running work."""
        self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=True)

    def _on_deliver(self, item: tuple[Future[Any], Success | None, Failure | None, QObject | None]) -> None:
        future, on_success, on_failure, owner = item
        self._pending -= 1
        try:
            if owner is not None and not shiboken6.isValid(owner):
                return
            if future.cancelled():
                return
            error = future.exception()
            if error is None:
                if on_success is not None:
                    on_success(future.result())
            elif on_failure is not None:
                on_failure(error)
            else:
                log.error("background operation failed: %s", type(error).__name__)
                self.failed.emit(error)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)
