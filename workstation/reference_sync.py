"""A sync session with the province that also brings its reference data and checks this PC's clock.

:func:`sync_with_province` runs :func:`workstation.sync_transfers.run_sync`; whatever the outcome it notes the
clock offset the ``hello`` answer showed (``sync.server_clock``), and after a successful session it pulls the
catalogue and the commune's fee table (:mod:`workstation.province_reference`), and the commune's desks'
signing keys (:mod:`workstation.origin_keys`), over the session's own connection (no second TLS handshake on
a slow link: two short 304 answers when nothing changed). A failed pull is logged and never fails the sync:
the records matter more, and the next sync tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TypeVar

from sync.errors import SyncError
from sync.replica_store import ReplicaStore
from sync.server_clock import ServerClockReading
from sync.sync_session import SessionResult, Transport
from workstation.errors import WorkstationError
from workstation.origin_keys import OriginSource, refresh_origin_keys
from workstation.province_contact import note_contact
from workstation.province_link import TransportFactory
from workstation.province_reference import ReferenceSource, pull_reference
from workstation.province_refusals import note_refusals, read_refusals, refused_in
from workstation.sync_keys import StoreCheckpoints
from workstation.sync_transfers import ProgressMeter, run_sync

log = logging.getLogger(__name__)
T = TypeVar("T")


def sync_with_province(
    replica: ReplicaStore,
    factory: TransportFactory,
    meter: ProgressMeter,
    *,
    now: Callable[[], datetime],
    checkpoints: StoreCheckpoints,
    run: Callable[[ReplicaStore, TransportFactory, ProgressMeter], T] | None = None,
) -> T | SessionResult:
    """One sync session, then the reference data over the same connection; the clock offset is noted even
    if the session fails. ``run`` is the session (default: one try of :func:`run_sync`; the desk passes its
    resuming one)."""
    made: list[Transport] = []

    def kept_open() -> Transport:
        transport = factory()
        made.append(transport)
        return _KeptOpen(transport)

    folder = replica.store.paths.folder
    try:
        try:
            if run is None:
                result: T | SessionResult = run_sync(
                    replica, kept_open, meter, now=now, checkpoints=checkpoints
                )
            else:
                result = run(replica, kept_open, meter)
        finally:
            readings = [reading for reading in map(_reading, made) if reading is not None]
            if readings:
                offset = readings[-1].offset(now)
                note_contact(
                    folder,
                    contact_at=now().isoformat(timespec="seconds"),
                    clock_offset_seconds=round(offset.total_seconds(), 1) + 0.0,  # never -0.0
                )
        if note_refusals(replica.store, refused_in(result), now()):
            log.warning("the province refused some of this desk's changes (see motcua info)")
            note_contact(folder, refused_changes=len(read_refusals(replica.store)))
        if made and isinstance(made[-1], ReferenceSource):  # the province (a LAN peer has none)
            refresh_reference(replica, made[-1])
        if made and isinstance(made[-1], OriginSource):  # the commune's desks' keys, for LAN checks
            refresh_origin_keys(replica.store, made[-1], now=now)
        return result
    finally:
        for transport in made:
            _close(transport)


class _KeptOpen:
    """A transport whose ``close`` waits for the reference data (it reuses the session's connection)."""

    def __init__(self, inner: Transport) -> None:
        self._inner = inner

    @property
    def round_trips(self) -> int:
        return self._inner.round_trips

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        return self._inner.call(route, body)

    def close(self) -> None:
        """Closed by :func:`sync_with_province` once the reference data came."""

    def __getattr__(self, name: str) -> object:
        """The scans go over the same transport (``workstation.scan_fetching``), when it carries them."""
        if name in _PASSED_THROUGH:
            return getattr(self._inner, name)
        raise AttributeError(name)


_PASSED_THROUGH = frozenset({"missing_attachments", "upload_attachment", "download_attachment"})


def _close(transport: object) -> None:
    close = getattr(transport, "close", None)
    if callable(close):
        close()


def _reading(transport: Transport) -> ServerClockReading | None:
    reading = getattr(transport, "server_clock", None)
    return reading if isinstance(reading, ServerClockReading) else None


def refresh_reference(replica: ReplicaStore, source: ReferenceSource) -> None:
    """Pull the province's reference data; failures are logged (the next sync tries again)."""
    try:
        pulled = pull_reference(replica.store, source)
        note_contact(
            replica.store.paths.folder,
            catalogue_received=pulled.catalogue_version,
            fee_table_received=pulled.fee_version,
        )
    except (SyncError, WorkstationError, OSError) as exc:
        kind = getattr(exc, "kind", type(exc).__name__)
        log.warning("the province's reference data could not be pulled: %s", kind)
