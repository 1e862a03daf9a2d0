"""Sync health per commune for IT: each workstation's last contact and its backlog.

The backlog of a workstation is an estimate of the events the server holds that it lacks: the commune's events
from other replicas the server received after the workstation's last pull (all of them if it never pulled).
The server does not keep each workstation's version vector, so an interrupted pull or events a workstation
got from a peer on the LAN are not seen here; the next pull corrects both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from server.storage.interface import ServerStorage, Tx


@dataclass(frozen=True, slots=True)
class DeviceHealth:
    device_id: str
    commune_code: str
    label: str
    revoked: bool
    last_seen_at: dt.datetime | None
    last_push_at: dt.datetime | None
    last_pull_at: dt.datetime | None
    pushed_events: int
    pulled_events: int
    backlog: int


@dataclass(frozen=True, slots=True)
class CommuneHealth:
    commune_code: str
    events: int
    waiting: int
    """Events received out of order, waiting for their causes."""
    devices: tuple[DeviceHealth, ...]


def _backlog(tx: Tx, commune: str, replica_id: str, since: object) -> int:
    if since is None:
        rows = tx.query(
            "SELECT COUNT(*) FROM sync_events WHERE scope = ? AND replica_id <> ?", (commune, replica_id)
        )
    else:
        rows = tx.query(
            "SELECT COUNT(*) FROM sync_events WHERE scope = ? AND replica_id <> ? AND received_at > ?",
            (commune, replica_id, since),
        )
    return int(rows[0][0])


def commune_health(storage: ServerStorage, commune: str) -> CommuneHealth:
    """The sync health of one commune's workstations (revoked ones included, marked)."""
    devices = storage.list_devices(commune_code=commune)
    found: list[DeviceHealth] = []
    with storage.transaction() as tx:
        events, waiting = (
            int(v)
            for v in tx.query(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN applied = 0 THEN 1 ELSE 0 END), 0)"
                " FROM sync_events WHERE scope = ?",
                (commune,),
            )[0]
        )
        for device in devices:
            rows = tx.query(
                "SELECT last_seen_at, last_push_at, last_pull_at, pushed_events, pulled_events"
                " FROM sync_checkpoints WHERE device_id = ?",
                (device.id,),
            )
            seen, pushed_at, pulled_at, pushed, pulled = rows[0] if rows else (None, None, None, 0, 0)
            found.append(
                DeviceHealth(
                    device_id=device.id,
                    commune_code=commune,
                    label=device.label,
                    revoked=device.revoked,
                    last_seen_at=storage.time_out(seen),
                    last_push_at=storage.time_out(pushed_at),
                    last_pull_at=storage.time_out(pulled_at),
                    pushed_events=int(pushed),
                    pulled_events=int(pulled),
                    backlog=_backlog(tx, commune, device.replica_id, pulled_at),
                )
            )
    return CommuneHealth(commune, events, waiting, tuple(found))


def province_health(storage: ServerStorage, province: str | None = None) -> list[CommuneHealth]:
    """The health of every commune that has workstations (of one province, or all)."""
    with_devices = {d.commune_code for d in storage.list_devices(province_code=province)}
    return [commune_health(storage, code) for code in sorted(with_devices)]


def health_lines(health: CommuneHealth, now: dt.datetime) -> list[str]:
    """The commune's health as lines of text for IT (ages in hours)."""

    def age(value: dt.datetime | None) -> str:
        if value is None:
            return "never"
        hours = (now - value).total_seconds() / 3600
        return f"{hours:.1f} h ago"

    lines = [f"commune {health.commune_code}: {health.events} events, {health.waiting} waiting for causes"]
    for device in health.devices:
        state = "revoked" if device.revoked else "active"
        lines.append(
            f"  {device.device_id} ({state}): last seen {age(device.last_seen_at)}, "
            f"last push {age(device.last_push_at)}, last pull {age(device.last_pull_at)}, "
            f"backlog {device.backlog} events"
        )
    return lines
