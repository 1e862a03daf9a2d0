"""A desk's transfers without its windows: a sync session, a USB bundle's export or import, each metered
(bytes and events, for a progress bar), and the snapshot the sync status area shows. These block (disk and
network): the desk runs them on its sync worker thread; nothing here knows Qt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sync.bundle_exchange import BundleExport, BundleImport, export_bundle, import_bundle
from sync.bundle_format import read_bundle_header
from sync.errors import SyncError
from sync.event_texts import EncodedEvent
from sync.replica_store import ReplicaStore
from sync.scan_bundles import DEFAULT_PART_BYTES
from sync.scan_transfer import ScanProgress
from sync.store import Store
from sync.sync_checkpoints import Checkpoint
from sync.sync_session import ReceiveResult, SessionResult, Transport, run_session
from sync.version_vectors import VersionVector
from workstation.errors import WorkstationError
from workstation.province_link import TransportFactory
from workstation.province_scans import waiting_scans
from workstation.scan_fetching import carries_scans, sync_scans
from workstation.sync_keys import (
    StoreCheckpoints,
    device_identity,
    last_successful_sync,
    peer_keys,
    province_keys,
    waiting_events,
)
from workstation.usb_scans import export_scans, import_scans

PROGRESS_INTERVAL = 0.1
"""Seconds between two progress reports (the last one is always sent)."""


class ProvinceKeysMissing(WorkstationError):
    """The province's public keys are not set up on this workstation: no bundle can be made for it."""

    kind = "province_keys_missing"


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
    scans_done: int = 0
    scans_total: int = 0
    """Scans sent or fetched after the records (``workstation.scan_fetching``), and how many there are."""
    scan_bytes_done: int = 0
    scan_bytes_total: int = 0


@dataclass(frozen=True, slots=True)
class SyncSnapshot:
    """This desk's changes no peer has acknowledged, and when a sync last succeeded."""

    waiting: int
    last_sync: datetime | None
    acknowledged: int = 0
    """This desk's own events up to this counter are held by a peer (the queue's "synced" mark)."""
    waiting_scans: int = 0
    """Scans of this desk's dossiers the province has not confirmed holding (``province_scans``)."""
    waiting_scan_bytes: int = 0


class ProgressMeter:
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


class MeteredTransport:
    """Passes calls through to a transport, counting the bytes each way."""

    def __init__(self, inner: Transport, meter: ProgressMeter) -> None:
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


class MeteredReplica:
    """The replica as a session or bundle sees it, counting the events sent and received.

    When a session asks what the peer lacks, the peer's vector tells how many events will come back too.
    """

    def __init__(self, inner: ReplicaStore, meter: ProgressMeter, *, session: bool) -> None:
        self._inner = inner
        self._meter = meter
        self._session = session
        self.exported: list[str] = []
        """The texts of the events an export took (its scans are the ones they name)."""

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
        if not self._session:
            self.exported = events
        return events

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveResult:
        batch = list(events)
        report = self._inner.receive_encoded(batch)
        self._meter.add(items_done=len(batch))
        return report


def read_snapshot(replica: ReplicaStore, checkpoints: StoreCheckpoints) -> SyncSnapshot:
    """How many of this desk's changes wait for a peer, and the last successful sync (reads the store)."""
    held: list[Checkpoint] = checkpoints.all(replica.replica_id)
    acknowledged = max((c.peer_after[replica.replica_id] for c in held), default=0)
    scans = waiting_scans(replica.store)
    return SyncSnapshot(
        waiting_events(replica.replica_id, replica.vector(), held),
        last_successful_sync(held),
        acknowledged,
        scans.count,
        scans.bytes,
    )


def run_sync(
    replica: ReplicaStore,
    factory: TransportFactory,
    meter: ProgressMeter,
    *,
    now: Callable[[], datetime],
    checkpoints: StoreCheckpoints,
) -> SessionResult:
    """One sync session with the peer the factory's transport reaches; the transport is closed after."""
    transport = factory()
    try:
        result = run_session(
            MeteredReplica(replica, meter, session=True),
            MeteredTransport(transport, meter),
            now=now,
            checkpoints=checkpoints,
        )
        if carries_scans(transport):  # the scans follow the records they belong to
            sync_scans(transport, replica.store, lambda p: meter_scans(meter, p))  # type: ignore[arg-type]
        return result
    finally:
        close = getattr(transport, "close", None)
        if callable(close):
            close()


def meter_scans(meter: ProgressMeter, progress: ScanProgress) -> None:
    """Show how far the scans have got in the transfer's progress."""
    meter.update(
        scans_done=progress.done,
        scans_total=progress.total,
        scan_bytes_done=progress.bytes_done,
        scan_bytes_total=progress.bytes_total,
        force=progress.done == progress.total,
    )


def export_for_province(
    store: Store,
    replica: ReplicaStore,
    checkpoints: StoreCheckpoints,
    path: Path,
    meter: ProgressMeter,
    *,
    bundle_id: str,
    now: Callable[[], datetime],
    scan_part_bytes: int = DEFAULT_PART_BYTES,
) -> BundleExport:
    """Write what the province lacks (since the last bundle it acknowledged) to a bundle at ``path``, and
    the scans those records name beside it in parts of at most ``scan_part_bytes``."""
    receiver = province_keys(store)
    if receiver is None:
        raise ProvinceKeysMissing("the province's public keys are not stored on this workstation")
    since = checkpoints.load(replica.replica_id, receiver.replica_id)
    metered = MeteredReplica(replica, meter, session=False)
    identity = device_identity(store)
    written = export_bundle(
        metered, path, identity=identity, receiver=receiver, since=since, bundle_id=bundle_id, now=now
    )
    scans = export_scans(  # the scans these records name, beside the bundle in bounded parts
        store,
        path,
        metered.exported,
        sender=identity,
        receiver=receiver,
        bundle_id=bundle_id,
        now=now,
        max_bytes=scan_part_bytes,
    )
    meter.update(scans_done=scans.scans, scans_total=scans.scans, force=True)
    meter.update(
        items_done=written.events,
        items_total=written.events,
        bytes_done=written.size,
        bytes_total=written.size,
        force=True,
    )
    return written


def import_from_bundle(
    store: Store,
    replica: ReplicaStore,
    checkpoints: StoreCheckpoints,
    path: Path,
    meter: ProgressMeter,
    *,
    now: Callable[[], datetime],
) -> BundleImport:
    """Verify and apply the bundle at ``path`` (all or nothing)."""
    size = path.stat().st_size
    try:
        claimed = read_bundle_header(path).metadata.get("events")
    except (SyncError, OSError, ValueError):
        claimed = None  # import_bundle says what is wrong with the file
    total = claimed if isinstance(claimed, int) and not isinstance(claimed, bool) else 0
    meter.update(bytes_total=size, items_total=max(total, 0), force=True)
    identity, senders = device_identity(store), peer_keys(store)
    result = import_bundle(
        MeteredReplica(replica, meter, session=False),
        path,
        identity=identity,
        known_senders=senders,
        now=now,
        checkpoints=checkpoints,
    )
    scans = import_scans(store, path, receiver=identity, known_senders=senders)  # the parts beside it
    meter.update(bytes_done=size, scans_done=scans, scans_total=scans, force=True)
    return result
