"""Sync in the background: sessions over a transport, USB bundles, and the status the desk shows.

:class:`SyncController` (a QObject on the UI thread) runs every sync, export and import on its own worker
thread, one at a time, and reports through signals delivered on the UI thread: ``status_changed``
(:class:`SyncStatus`), ``progress`` (``TransferProgress``, throttled), ``finished`` (the result) and
``failed`` (the error). The work itself is ``workstation.sync_transfers``. The transport is made by a factory
passed in (the provincial server's ``HttpTransport``, a LAN peer's transport, or an in-process one in tests),
so nothing here knows how the bytes travel.

With a transport, the controller also syncs by itself (:class:`workstation.sync_schedule.AutoSync`): on its
timer, a moment after a reception (:meth:`SyncController.sync_soon`), when its probe finds the server again,
and before the desk closes (:meth:`SyncController.sync_before_close`). A sync resumes by itself after a cut
(``sync.resuming_session``); "Sync now" during one joins it. The light (``SyncStatus.phase``) is the last
real contact: the probe's answer or the last sync's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop.background import Background
from sync.bundle_exchange import BundleExport, BundleImport
from sync.errors import SyncError, SyncInterrupted
from sync.replica_store import ReplicaStore
from sync.resuming_session import ResumedSession
from sync.retry_policy import RetryPolicy, Waiter
from workstation.province_link import TransportFactory
from workstation.reference_sync import sync_with_province
from workstation.release_updates import ReleaseFetcher
from workstation.sync_keys import (
    StoreCheckpoints,
)
from workstation.sync_schedule import AutoSync, desk_retry_policy, run_resuming_sync
from workstation.sync_transfers import (
    Activity,
    ProgressMeter,
    SyncSnapshot,
    export_for_province,
    import_from_bundle,
    read_snapshot,
)

log = logging.getLogger(__name__)

NEEDS_A_PERSON = frozenset({"unauthorised", "revoked", "too_old", "sync_update_required"})
"""Errors after which no automatic occasion syncs again (re-enrolment, an update): no retry loop."""
SHUTDOWN_WAIT = 3.0
"""Seconds the desk's shutdown waits for a sync told to stop (a transfer blocked on the network is left)."""


class SyncPhase(StrEnum):
    NOT_SET_UP = "not_set_up"
    """No transport configured (no server enrolment, no LAN peer): bundles still work."""
    OFFLINE = "offline"
    SYNCING = "syncing"
    ONLINE = "online"
    FAILED = "failed"
    CHECKING = "checking"
    """Set up, and the server not asked yet (the first probe is on its way)."""


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
    reachable: bool | None = None
    """The last real contact with the server (a probe or a sync): it answered, or not; ``None``: not yet."""
    last_contact: datetime | None = None
    """When the server last answered."""
    acknowledged: int | None = None
    """This desk's own events up to this counter are held by a peer (``None`` until first read)."""
    retry_in: float | None = None
    """A sync lost its link and resumes by itself in this many seconds."""
    waiting_scans: int = 0
    """Scans of this desk's dossiers not confirmed held by the province yet, and their bytes."""
    waiting_scan_bytes: int = 0


def _first_phase(factory: TransportFactory | None) -> SyncPhase:
    """Before any contact: not set up, checking (a server probe is on its way), or offline (a peer that
    cannot be probed: nothing known until a sync)."""
    if factory is None:
        return SyncPhase.NOT_SET_UP
    return SyncPhase.CHECKING if callable(getattr(factory, "probe", None)) else SyncPhase.OFFLINE


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
    releases_staged = Signal(list)
    """The province's releases fetched and verified after a sync (``["reference 2026.12"]``): next start."""
    closing = Signal()
    """The desk is closing and waits (a bounded time) for a last sync."""
    _retrying = Signal(object, float)

    def __init__(
        self,
        replica: ReplicaStore,
        *,
        background: Background,
        now: Callable[[], datetime],
        new_id: Callable[[], str],
        transport_factory: TransportFactory | None = None,
        auto_sync_minutes: float = 0,
        auto_sync: AutoSync | None = None,
        retry_policy: Callable[[Waiter], RetryPolicy] | None = None,
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
        self._closed = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-sync")
        self._running: Future[Any] | None = None
        self._activity: Activity | None = None
        self._waiter: Waiter | None = None
        self._retry_policy = retry_policy if retry_policy is not None else desk_retry_policy
        self.last_session: ResumedSession | None = None
        """The last sync that completed, with its tries."""
        self.started_by: list[str] = []
        """Why each sync started (``timer``, ``network``, ``reception``, ``close``, ``manual``), in order."""
        self._status = SyncStatus(_first_phase(transport_factory))
        self._plan = auto_sync if auto_sync is not None else AutoSync(auto_sync_minutes * 60)
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self._auto("timer"))
        self._probe_timer = QTimer(self)
        self._probe_timer.timeout.connect(self.probe)
        self._probing = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(lambda: self._auto("reception"))
        self._retrying.connect(self._show_retry)
        self._arm()
        self._releases: ReleaseFetcher | None = None
        self._staged: list[str] = []

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

    @property
    def transport_factory(self) -> TransportFactory | None:
        """Where a sync goes (``None``: nowhere); the desk's scan fetching uses the same."""
        return self._factory

    @property
    def syncing(self) -> bool:
        return self._running is not None and self._activity is Activity.SYNC

    def set_peer_sync(self, peer_sync: Callable[[], object] | None) -> None:
        """What every sync (F9, the schedule) runs first, on the worker: the paired desks of the commune
        (``workstation.lan_desks.DeskLan.sync_all``); the province follows when this desk is enrolled."""
        self._peer_sync = peer_sync
        if not self.busy and self._factory is None:
            phase = SyncPhase.NOT_SET_UP if peer_sync is None else SyncPhase.OFFLINE
            self._set(replace(self._status, phase=phase, error=None))
        self._arm()

    def set_transport_factory(self, factory: TransportFactory | None) -> None:
        """Change where "Sync now" goes (e.g. after enrolment); ``None``: nowhere (bundles still work)."""
        self._factory = factory
        if not self.busy:
            phase = (
                _first_phase(factory) if factory is not None or self._peer_sync is None else SyncPhase.OFFLINE
            )
            self._set(replace(self._status, phase=phase, error=None, reachable=None))
        self._arm()

    def set_auto_sync(self, minutes: float) -> None:
        """Sync every ``minutes`` (0: only on the other occasions and when asked; fractions allowed)."""
        if minutes < 0:
            raise ValueError("the sync interval cannot be negative")
        self.set_auto_sync_plan(AutoSync.every(minutes * 60))

    def set_auto_sync_plan(self, plan: AutoSync) -> None:
        """The occasions' timings (see :class:`workstation.sync_schedule.AutoSync`)."""
        if plan.interval < 0:
            raise ValueError("the sync interval cannot be negative")
        self._plan = plan
        self._arm()

    def _arm(self) -> None:
        """Start (or stop) the periodic sync and the probe: only with somewhere to sync to."""
        self._timer.stop()
        self._probe_timer.stop()
        if self._closed or (self._factory is None and self._peer_sync is None):
            return
        if self._plan.interval:  # the paired desks follow the same schedule as the province (issue 16)
            self._timer.start(int(self._plan.interval * 1000))
        if callable(getattr(self._factory, "probe", None)):
            self._probe_timer.start(int(self._plan.probe * 1000))
            QTimer.singleShot(0, self, self.probe)  # the light tells the truth from the start

    def sync_soon(self) -> None:
        """A reception was saved: sync a few seconds later (several receptions in a row make one sync)."""
        if not self._closed and (self._factory is not None or self._peer_sync is not None):
            self._soon.start(int(self._plan.after_reception * 1000))

    def _auto(self, reason: str) -> None:
        error = self._status.error
        if getattr(error, "kind", None) in NEEDS_A_PERSON:
            return  # the server refused this desk: only a person's "Sync now" (after IT acted) tries again
        if not self.syncing:
            self.sync_now(reason=reason)

    # -- the probe -----------------------------------------------------------------------------------------

    def probe(self) -> None:
        """Ask the server whether it answers (off the UI thread); the light follows, and a server found
        again after it did not answer starts a sync."""
        probe = getattr(self._factory, "probe", None)
        if not callable(probe) or self._probing:
            return
        self._probing = True
        try:
            self._background.run(
                probe, on_success=self._probed, on_failure=lambda _e: self._probed(False), owner=self
            )
        except RuntimeError:  # the desk is closing
            self._probing = False

    def _probed(self, answered: object) -> None:
        self._probing = False
        reachable = bool(answered)
        came_back = reachable and self._status.reachable is False
        self._contact(reachable)
        if came_back and self._factory is not None:
            if self.syncing and self._waiter is not None:
                self._waiter.wake()  # a sync waiting before its next try: now
            else:
                self._auto("network")

    def _contact(self, reachable: bool) -> None:
        status = self._status
        last = self._now() if reachable else status.last_contact
        phase = status.phase
        if self.syncing:
            if reachable and phase is SyncPhase.OFFLINE:
                phase = SyncPhase.SYNCING  # a sync waiting to try again: it tries now (see _probed)
        elif self._factory is not None and phase is not SyncPhase.FAILED:
            phase = SyncPhase.ONLINE if reachable else SyncPhase.OFFLINE
        elif phase is SyncPhase.FAILED and not reachable:
            phase = SyncPhase.OFFLINE
        retry_in = None if reachable else status.retry_in
        self._set(replace(status, phase=phase, reachable=reachable, last_contact=last, retry_in=retry_in))

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
        self._set(
            replace(
                self._status,
                waiting=snapshot.waiting,
                last_sync=snapshot.last_sync,
                acknowledged=snapshot.acknowledged,
                waiting_scans=snapshot.waiting_scans,
                waiting_scan_bytes=snapshot.waiting_scan_bytes,
            )
        )

    # -- the three activities ------------------------------------------------------------------------------

    def sync_now(self, *, reason: str = "manual") -> bool:
        """Sync with the paired desks, then the province; ``False`` if a bundle transfer is running or
        there is nowhere to sync. A sync already running is joined: its pause before the next try ends."""
        factory = self._factory
        if self._closed or (factory is None and self._peer_sync is None):
            return False
        if self.syncing:
            if self._waiter is not None:
                self._waiter.wake()
            return True
        if self.busy:
            return False
        self.started_by.append(reason)
        waiter = self._waiter = Waiter()
        return self._start(Activity.SYNC, lambda meter: self._session(factory, meter, waiter))

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
        self._activity = activity
        self._set(replace(self._status, phase=phase, activity=activity, error=None, retry_in=None))
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

    def set_release_fetcher(self, fetcher: ReleaseFetcher | None) -> None:
        """After each successful sync, also fetch and verify the province's releases with ``fetcher``."""
        self._releases = fetcher

    def _session(self, factory: TransportFactory | None, meter: ProgressMeter, waiter: Waiter) -> object:
        peers = self._peer_sync() if self._peer_sync is not None else None  # the commune's other desks first
        if factory is None:
            return peers

        def resuming(
            replica: ReplicaStore, transports: TransportFactory, metered: ProgressMeter
        ) -> ResumedSession:
            return run_resuming_sync(
                replica,
                transports,
                metered,
                now=self._now,
                checkpoints=self.checkpoints,
                waiter=waiter,
                policy=self._retry_policy(waiter),
                on_retry=self._retrying.emit,  # from the worker: Qt queues it to the UI thread
            )

        # the province's catalogue and fees, and the clock check, come with the session
        session = sync_with_province(
            self.replica, factory, meter, now=self._now, checkpoints=self.checkpoints, run=resuming
        )
        releases = self._releases
        if releases is not None:  # the records first; a release never makes the sync fail
            try:
                self._staged = [f"{r.kind} {r.version}" for r in releases.check_all()]
            except Exception as exc:  # noqa: BLE001 - logged for IT; the next sync tries again
                log.warning("fetching the province's releases failed: %s", type(exc).__name__)
        return session

    def _show_retry(self, error: SyncError, pause: float) -> None:
        """A try failed and the sync waits before the next: the light says what the failure says."""
        if self.syncing:
            offline = isinstance(error, SyncInterrupted)
            status = replace(self._status, retry_in=pause, error=None)
            if offline:
                status = replace(status, phase=SyncPhase.OFFLINE, reachable=False)
            self._set(status)

    def _export(self, path: Path, meter: ProgressMeter) -> BundleExport:
        return export_for_province(
            self.store, self.replica, self.checkpoints, path, meter, bundle_id=self._new_id(), now=self._now
        )

    def _import(self, path: Path, meter: ProgressMeter) -> BundleImport:
        return import_from_bundle(self.store, self.replica, self.checkpoints, path, meter, now=self._now)

    # -- outcomes (UI thread) ------------------------------------------------------------------------------

    def _done(self, activity: Activity, outcome: tuple[Any, SyncSnapshot]) -> None:
        self._running = None
        self._activity = None
        result, snapshot = outcome
        status = self._status
        if isinstance(result, ResumedSession):
            self.last_session = result
            result = result.result
            status = replace(status, reachable=True, last_contact=self._now())
        phase = SyncPhase.ONLINE if activity is Activity.SYNC else self._status.phase
        self._set(
            replace(
                status,
                phase=phase,
                waiting=snapshot.waiting,
                last_sync=snapshot.last_sync,
                acknowledged=snapshot.acknowledged,
                waiting_scans=snapshot.waiting_scans,
                waiting_scan_bytes=snapshot.waiting_scan_bytes,
                error=None,
                activity=None,
                retry_in=None,
            )
        )
        staged, self._staged = self._staged, []
        if staged:
            self.releases_staged.emit(staged)
        self.finished.emit(result)

    def _fail(self, activity: Activity, error: BaseException) -> None:
        self._running = None
        self._activity = None
        log.warning(  # for IT: the redacting logger keeps personal data out of the log file
            "%s failed: %s",
            activity.value,
            getattr(error, "kind", type(error).__name__),
            exc_info=(type(error), error, error.__traceback__),
        )
        status = self._status
        phase = status.phase
        if activity is Activity.SYNC:
            offline = isinstance(error, SyncInterrupted)
            phase = SyncPhase.OFFLINE if offline else SyncPhase.FAILED
            if offline:
                status = replace(status, reachable=False)
        self._set(replace(status, phase=phase, error=error, activity=None, retry_in=None))
        self.failed.emit(error)
        self.refresh()

    def sync_before_close(self, timeout: float | None = None) -> bool:
        """The desk is closing: send what waits, waiting at most ``timeout`` seconds (the plan's by default)
        while the UI keeps painting; then whatever is still running is told to stop. Never refuses the close.
        Returns whether a sync completed."""
        reception_pending = self._soon.isActive()  # saved a moment ago: the count may not show it yet
        self._stop_timers()
        if self._factory is None:
            return False
        if not self.syncing and self._status.waiting == 0 and not reception_pending:
            return False
        if not self.syncing and not self.sync_now(reason="close"):
            return False
        running = self._running
        if running is None:
            return False
        self.closing.emit()
        deadline = time.monotonic() + (self._plan.close_wait if timeout is None else timeout)
        while not running.done() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            wait_for([running], timeout=0.05)
        self._cancel_running()
        return running.done() and not running.cancelled() and running.exception() is None

    def _stop_timers(self) -> None:
        for timer in (self._timer, self._probe_timer, self._soon):
            timer.stop()

    def _cancel_running(self) -> None:
        if self._waiter is not None:
            self._waiter.cancel()

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop the timers and the worker (a running transfer finishes first when ``wait``; a sync is told
        to stop at its next chunk)."""
        self._closed = True  # nothing re-arms a timer from now on (a late set_peer_sync, an enrolment)
        self._stop_timers()
        self._cancel_running()
        running = self._running
        if wait and running is not None and self.syncing:
            wait_for([running], timeout=SHUTDOWN_WAIT)
            wait = running.done()  # a read blocked on a dead link ends with its timeout, on its own
        self._worker.shutdown(wait=wait, cancel_futures=True)
