"""Sync in the background: sessions over a transport, USB bundles, and the status the desk shows.

:class:`SyncController` (a QObject on the UI thread) runs every sync, export and import on its own worker
thread, one at a time, and reports through signals delivered on the UI thread: ``status_changed``
(:class:`SyncStatus`), ``progress`` (:class:`TransferProgress`, throttled), ``finished`` (the result) and
``failed`` (the error). The transport is made by a factory passed in (the provincial server's
``HttpTransport``, a LAN peer's transport, or an in-process one in tests), so nothing here knows how the bytes
travel.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.background import Background
from desktop.sync_panel.sync_words import ProvinceKeysMissing
from sync.bundle_exchange import BundleExport, BundleImport, export_bundle, import_bundle
from sync.bundle_format import read_bundle_header
from sync.errors import SyncError, SyncInterrupted
from sync.event_texts import EncodedEvent
from sync.replica_store import ReplicaStore
from sync.sync_session import ReceiveResult, SessionResult, Transport, run_session
from sync.version_vectors import VersionVector
from workstation.province_link import TransportFactory
from workstation.sync_keys import (
    StoreCheckpoints,
    device_identity,
    last_successful_sync,
    peer_keys,
    province_keys,
    waiting_events,
)

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1
"""Seconds between two progress reports (the last one is always sent)."""


class SyncPhase(StrEnum):
    NOT_SET_UP = "not_set_up"
    """No transport configured (no server enrolment, no LAN peer): bundles still work."""
    OFFLINE = "offline"
    SYNCING = "syncing"
    ONLINE = "online"
    FAILED = "failed"


class Activity(StrEnum):
    SYNC = "sync"
    EXPORT = "export"
    IMPORT = "import"


@dataclass(frozen=True, slots=True)
class TransferProgress:
    """How far a sync, export or import has got; a total of 0 means not known yet."""

    activity: Activity
    bytes_done: int = 0
    bytes_total: int = 0
    items_done: int = 0
    items_total: int = 0


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status area shows."""

    phase: SyncPhase
    waiting: int | None = None
    """This desk's own changes no peer has acknowledged (``None`` until first read)."""
    last_sync: datetime | None = None
    error: BaseException | None = None
    activity: Activity | None = None
    """What is running now, if anything."""


@dataclass(frozen=True, slots=True)
class _Snapshot:
    waiting: int
    last_sync: datetime | None


class _Meter:
    """Counts bytes and items of one transfer and reports them, at most every PROGRESS_INTERVAL seconds."""

    def __init__(self, activity: Activity, emit: Callable[[TransferProgress], None]) -> None:
        self._emit = emit
        self._lock = threading.Lock()
        self._last = 0.0
        self.value = TransferProgress(activity)

    def update(self, *, force: bool = False, **changes: int) -> None:
        with self._lock:
            self.value = replace(self.value, **changes)
            moment = time.monotonic()
            if not force and moment - self._last < PROGRESS_INTERVAL:
                return
            self._last = moment
            value = self.value
        self._emit(value)

    def add(self, **amounts: int) -> None:
        self.update(**{name: getattr(self.value, name) + amount for name, amount in amounts.items()})


class _MeteredTransport:
    """Passes calls through to a transport, counting the bytes each way."""

    def __init__(self, inner: Transport, meter: _Meter) -> None:
        self._inner = inner
        self._meter = meter

    @property
    def round_trips(self) -> int:
        return self._inner.round_trips

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        reply = self._inner.call(route, self._count(body))
        return self._count(reply)

    def _count(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            self._meter.add(bytes_done=len(chunk))
            yield chunk


class _MeteredReplica:
    """The replica as a session or bundle sees it, counting the events sent and received.

    When a session asks what the peer lacks, the peer's vector tells how many events will come back too.
    """

    def __init__(self, inner: ReplicaStore, meter: _Meter, *, session: bool) -> None:
        self._inner = inner
        self._meter = meter
        self._session = session

    @property
    def replica_id(self) -> str:
        return self._inner.replica_id

    def vector(self) -> VersionVector:
        return self._inner.vector()

    def missing_encoded(self, vector: VersionVector) -> list[str]:
        mine = self._inner.vector()
        events = self._inner.missing_encoded(vector)
        to_come = sum(max(0, vector[rid] - mine[rid]) for rid in vector) if self._session else 0
        self._meter.update(items_total=len(events) + to_come, force=True)
        return events

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveResult:
        batch = list(events)
        report = self._inner.receive_encoded(batch)
        self._meter.add(items_done=len(batch))
        return report


class SyncController(QObject):
    """Runs syncs and bundle transfers off the UI thread, one at a time; keeps :attr:`status` current."""

    status_changed = Signal(object)
    """A :class:`SyncStatus`."""
    progress = Signal(object)
    """A :class:`TransferProgress` (emitted from the worker: Qt queues it to the UI thread)."""
    finished = Signal(object)
    """A ``SessionResult``, ``BundleExport`` or ``BundleImport``."""
    failed = Signal(object)
    """The error (its words: :class:`desktop.sync_panel.sync_words.SyncWords`)."""

    def __init__(
        self,
        replica: ReplicaStore,
        *,
        background: Background,
        now: Callable[[], datetime],
        new_id: Callable[[], str],
        transport_factory: TransportFactory | None = None,
        auto_sync_minutes: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.replica = replica
        self.store = replica.store
        self.checkpoints = StoreCheckpoints(self.store)
        self._background = background
        self._now = now
        self._new_id = new_id
        self._factory = transport_factory
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-sync")
        self._running: Future[Any] | None = None
        phase = SyncPhase.OFFLINE if transport_factory is not None else SyncPhase.NOT_SET_UP
        self._status = SyncStatus(phase)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self.set_auto_sync(auto_sync_minutes)

    # -- state -----------------------------------------------------------------------------------------------

    @property
    def status(self) -> SyncStatus:
        return self._status

    @property
    def busy(self) -> bool:
        return self._running is not None

    @property
    def can_sync(self) -> bool:
        return self._factory is not None

    def set_transport_factory(self, factory: TransportFactory | None) -> None:
        """Change where "Sync now" goes (e.g. after enrolment); ``None``: nowhere (bundles still work)."""
        self._factory = factory
        if not self.busy:
            phase = SyncPhase.NOT_SET_UP if factory is None else SyncPhase.OFFLINE
            self._set(replace(self._status, phase=phase, error=None))

    def set_auto_sync(self, minutes: int) -> None:
        """Sync every ``minutes`` (0: only when asked)."""
        if minutes < 0:
            raise ValueError("the sync interval cannot be negative")
        self._timer.stop()
        if minutes:
            self._timer.start(minutes * 60_000)

    def _set(self, status: SyncStatus) -> None:
        self._status = status
        self.status_changed.emit(status)

    def refresh(self) -> Future[_Snapshot] | None:
        """Re-read the waiting count and the last sync time (off the UI thread); ``None`` once shut down."""
        try:
            return self._background.run(self._snapshot, on_success=self._apply_snapshot, owner=self)
        except RuntimeError:  # the desk is closing: nothing left to show
            return None

    def _snapshot(self) -> _Snapshot:
        held = self.checkpoints.all(self.replica.replica_id)
        waiting = waiting_events(self.replica.replica_id, self.replica.vector(), held)
        return _Snapshot(waiting, last_successful_sync(held))

    def _apply_snapshot(self, snapshot: _Snapshot) -> None:
        self._set(replace(self._status, waiting=snapshot.waiting, last_sync=snapshot.last_sync))

    # -- the three activities ------------------------------------------------------------------------------

    def sync_now(self) -> bool:
        """Start a session with the peer; ``False`` if one is running or no transport is configured."""
        factory = self._factory
        if factory is None or self.busy:
            return False
        return self._start(Activity.SYNC, lambda meter: self._session(factory, meter))

    def export_bundle(self, path: Path | str) -> bool:
        """Write what the province lacks to a bundle at ``path``; ``False`` if something is running."""
        if self.busy:
            return False
        return self._start(Activity.EXPORT, lambda meter: self._export(Path(path), meter))

    def import_bundle(self, path: Path | str) -> bool:
        """Verify and apply a bundle from ``path``; ``False`` if something is running."""
        if self.busy:
            return False
        return self._start(Activity.IMPORT, lambda meter: self._import(Path(path), meter))

    def _start(self, activity: Activity, work: Callable[[_Meter], Any]) -> bool:
        meter = _Meter(activity, self.progress.emit)
        phase = SyncPhase.SYNCING if activity is Activity.SYNC else self._status.phase
        self._set(replace(self._status, phase=phase, activity=activity, error=None))
        self.progress.emit(meter.value)

        def run() -> tuple[Any, _Snapshot]:
            result = work(meter)
            meter.update(force=True)
            return result, self._snapshot()

        self._running = self._background.watch(
            self._worker.submit(run),
            on_success=lambda outcome: self._done(activity, outcome),
            on_failure=lambda error: self._fail(activity, error),
            owner=self,
        )
        return True

    def _session(self, factory: TransportFactory, meter: _Meter) -> SessionResult:
        transport = factory()
        try:
            return run_session(
                _MeteredReplica(self.replica, meter, session=True),
                _MeteredTransport(transport, meter),
                now=self._now,
                checkpoints=self.checkpoints,
            )
        finally:
            close = getattr(transport, "close", None)
            if callable(close):
                close()

    def _export(self, path: Path, meter: _Meter) -> BundleExport:
        receiver = province_keys(self.store)
        if receiver is None:
            raise ProvinceKeysMissing("the province's public keys are not stored on this workstation")
        since = self.checkpoints.load(self.replica.replica_id, receiver.replica_id)
        written = export_bundle(
            _MeteredReplica(self.replica, meter, session=False),
            path,
            identity=device_identity(self.store),
            receiver=receiver,
            since=since,
            bundle_id=self._new_id(),
            now=self._now,
        )
        meter.update(
            items_done=written.events,
            items_total=written.events,
            bytes_done=written.size,
            bytes_total=written.size,
            force=True,
        )
        return written

    def _import(self, path: Path, meter: _Meter) -> BundleImport:
        size = path.stat().st_size
        try:
            claimed = read_bundle_header(path).metadata.get("events")
        except (SyncError, OSError, ValueError):
            claimed = None  # import_bundle says what is wrong with the file
        total = claimed if isinstance(claimed, int) and not isinstance(claimed, bool) else 0
        meter.update(bytes_total=size, items_total=max(total, 0), force=True)
        result = import_bundle(
            _MeteredReplica(self.replica, meter, session=False),
            path,
            identity=device_identity(self.store),
            known_senders=peer_keys(self.store),
            now=self._now,
            checkpoints=self.checkpoints,
        )
        meter.update(bytes_done=size, force=True)
        return result

    # -- outcomes (UI thread) ------------------------------------------------------------------------------

    def _done(self, activity: Activity, outcome: tuple[Any, _Snapshot]) -> None:
        self._running = None
        result, snapshot = outcome
        phase = SyncPhase.ONLINE if activity is Activity.SYNC else self._status.phase
        self._set(SyncStatus(phase, snapshot.waiting, snapshot.last_sync, None, None))
        self.finished.emit(result)

    def _fail(self, activity: Activity, error: BaseException) -> None:
        self._running = None
        log.warning(  # for IT: the redacting logger keeps personal data out of the log file
            "%s failed: %s",
            activity.value,
            getattr(error, "kind", type(error).__name__),
            exc_info=(type(error), error, error.__traceback__),
        )
        phase = self._status.phase
        if activity is Activity.SYNC:
            phase = SyncPhase.OFFLINE if isinstance(error, SyncInterrupted) else SyncPhase.FAILED
        self._set(replace(self._status, phase=phase, error=error, activity=None))
        self.failed.emit(error)
        self.refresh()

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop the timer and the worker (a running transfer finishes first when ``wait``)."""
        self._timer.stop()
        self._worker.shutdown(wait=wait, cancel_futures=True)
