"""A sync session with the province that also brings its reference data and checks this PC's clock.

:func:`sync_with_province` runs :func:`workstation.sync_transfers.run_sync`; whatever the outcome it notes the
clock offset the ``hello`` answer showed (``sync.server_clock``), and after a successful session it pulls the
catalogue and the commune's fee table (:mod:`workstation.province_reference`). A failed pull is logged and
never fails the sync: the records matter more, and the next sync tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sync.errors import SyncError
from sync.replica_store import ReplicaStore
from sync.server_clock import ServerClockReading
from sync.sync_session import SessionResult, Transport
from workstation.errors import WorkstationError
from workstation.province_contact import note_contact
from workstation.province_link import TransportFactory
from workstation.province_reference import ReferenceSource, pull_reference
from workstation.sync_keys import StoreCheckpoints
from workstation.sync_transfers import ProgressMeter, run_sync

log = logging.getLogger(__name__)


def sync_with_province(
    replica: ReplicaStore,
    factory: TransportFactory,
    meter: ProgressMeter,
    *,
    now: Callable[[], datetime],
    checkpoints: StoreCheckpoints,
) -> SessionResult:
    """One sync session, then the reference data; the clock offset is noted even if the session fails."""
    made: list[Transport] = []

    def remembering() -> Transport:
        transport = factory()
        made.append(transport)
        return transport

    folder = replica.store.paths.folder
    try:
        result = run_sync(replica, remembering, meter, now=now, checkpoints=checkpoints)
    finally:
        readings = [reading for reading in map(_reading, made) if reading is not None]
        if readings:
            offset = readings[-1].offset(now)
            note_contact(
                folder,
                contact_at=now().isoformat(timespec="seconds"),
                clock_offset_seconds=round(offset.total_seconds(), 1) + 0.0,  # never -0.0
            )
    if any(isinstance(transport, ReferenceSource) for transport in made):  # the province, not a LAN peer
        refresh_reference(replica, factory)
    return result


def _reading(transport: Transport) -> ServerClockReading | None:
    reading = getattr(transport, "server_clock", None)
    return reading if isinstance(reading, ServerClockReading) else None


def refresh_reference(replica: ReplicaStore, factory: TransportFactory) -> None:
    """Pull the province's reference data if the peer gives it (a LAN peer does not); failures are logged."""
    transport = factory()
    try:
        if not isinstance(transport, ReferenceSource):
            return
        pulled = pull_reference(replica.store, transport)
        note_contact(
            replica.store.paths.folder,
            catalogue_received=pulled.catalogue_version,
            fee_table_received=pulled.fee_version,
        )
    except (SyncError, WorkstationError, OSError) as exc:
        kind = getattr(exc, "kind", type(exc).__name__)
        log.warning("the province's reference data could not be pulled: %s", kind)
    finally:
        close = getattr(transport, "close", None)
        if callable(close):
            close()
