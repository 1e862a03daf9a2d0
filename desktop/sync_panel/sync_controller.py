"""Sync in the background: sessions over a transport, USB bundles, and the status the desk shows.

:class:`SyncController` (a QObject on the UI thread) runs every sync, export and import on its own worker
thread, one at a time, and reports through signals delivered on the UI thread: ``status_changed``
(:class:`SyncStatus`), ``progress`` (``TransferProgress``, throttled), ``finished`` (the result) and
``failed`` (the error). The work itself is ``workstation.sync_transfers``. The transport is made by a factory
passed in (the provincial server's ``HttpTransport``, a LAN peer's transport, or an in-process one in tests),
so nothing here knows how the bytes travel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.background import Background
from sync.bundle_exchange import BundleExport, BundleImport
from sync.errors import SyncInterrupted
from sync.replica_store import ReplicaStore
from workstation.province_link import TransportFactory
from workstation.sync_keys import (
    StoreCheckpoints,
)
from workstation.sync_transfers import (
    Activity,
    ProgressMeter,
    SyncSnapshot,
    export_for_province,
    import_from_bundle,
    read_snapshot,
    run_sync,
)

log = logging.getLogger(__name__)


class SyncPhase(StrEnum):
    NOT_SET_UP = "not_set_up"
    """No transport configured (no server enrolment, no LAN peer): bundles still work."""
    OFFLINE = "offline"
    SYNCING = "syncing"
    ONLINE = "online"
    FAILED = "failed"


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
        self._peer_sync: Callable[[], object] | None = None
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
        return self._factory is not None or self._peer_sync is not None

    @property
    def has_province(self) -> bool:
        return self._factory is not None

    def set_peer_sync(self, peer_sync: Callable[[], object] | None) -> None:
        """What every sync (F9, the schedule) runs first, on the worker: the paired desks of the commune
        (``workstation.lan_desks.DeskLan.sync_all``); the province follows when this desk is enrolled."""
        self._peer_sync = peer_sync
        if not self.busy and self._factory is None:
            phase = SyncPhase.NOT_SET_UP if peer_sync is None else SyncPhase.OFFLINE
            self._set(replace(self._status, phase=phase, error=None))

    def set_transport_factory(self, factory: TransportFactory | None) -> None:
        """Change where "Sync now" goes (e.g. after enrolment); ``None``: nowhere (bundles still work)."""
        self._factory = factory
        if not self.busy:
            phase = SyncPhase.NOT_SET_UP if not self.can_sync else SyncPhase.OFFLINE
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

    def refresh(self) -> Future[SyncSnapshot] | None:
        """Re-read the waiting count and the last sync time (off the UI thread); ``None`` once shut down."""
        try:
            return self._background.run(self._snapshot, on_success=self._apply_snapshot, owner=self)
        except RuntimeError:  # the desk is closing: nothing left to show
            return None

    def _snapshot(self) -> SyncSnapshot:
        return read_snapshot(self.replica, self.checkpoints)

    def _apply_snapshot(self, snapshot: SyncSnapshot) -> None:
        self._set(replace(self._status, waiting=snapshot.waiting, last_sync=snapshot.last_sync))

    # -- the three activities ------------------------------------------------------------------------------

    def sync_now(self) -> bool:
        """Sync with the paired desks, then the province; ``False`` if busy or there is nowhere to sync."""
        factory = self._factory
        if (factory is None and self._peer_sync is None) or self.busy:
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

    def _start(self, activity: Activity, work: Callable[[ProgressMeter], Any]) -> bool:
        meter = ProgressMeter(activity, self.progress.emit)
        phase = SyncPhase.SYNCING if activity is Activity.SYNC else self._status.phase
        self._set(replace(self._status, phase=phase, activity=activity, error=None))
        self.progress.emit(meter.value)

        def run() -> tuple[Any, SyncSnapshot]:
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

    def _session(self, factory: TransportFactory | None, meter: ProgressMeter) -> object:
        peers = self._peer_sync() if self._peer_sync is not None else None
        if factory is None:
            return peers
        return run_sync(self.replica, factory, meter, now=self._now, checkpoints=self.checkpoints)

    def _export(self, path: Path, meter: ProgressMeter) -> BundleExport:
        return export_for_province(
            self.store, self.replica, self.checkpoints, path, meter, bundle_id=self._new_id(), now=self._now
        )

    def _import(self, path: Path, meter: ProgressMeter) -> BundleImport:
        return import_from_bundle(self.store, self.replica, self.checkpoints, path, meter, now=self._now)

    # -- outcomes (UI thread) ------------------------------------------------------------------------------

    def _done(self, activity: Activity, outcome: tuple[Any, SyncSnapshot]) -> None:
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
