"""Keyset-paged reads of a commune's stored sync events (the same SQL on SQLite and PostgreSQL).

A pull reads one origin's events a page at a time, ``counter > after`` in counter order, through the primary
key ``(replica_id, counter)``; each page is its own short transaction, so a pull that streams for minutes over
a slow link holds no database connection (nor SQLite's lock) between pages, and never more than a page of
rows in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.storage.interface import ServerStorage, Tx
from server.storage.lost_connections import again_if_lost


@dataclass(frozen=True)
class OriginRange:
    """The events of one origin that a pull will send: counters in ``(after, last]``, ``count`` of them."""

    origin: str
    after: int
    last: int
    count: int


def origins_of(tx: Tx, scope: str) -> list[str]:
    """The origins (replica ids) that have events in ``scope``: the commune's counters, plus any origin that
    only has waiting events (rare: looked up through the waiting-events index)."""
    known = {str(r[0]) for r in tx.query("SELECT replica_id FROM sync_counters WHERE scope = ?", (scope,))}
    known |= {
        str(r[0])
        for r in tx.query(
            "SELECT DISTINCT replica_id FROM sync_events WHERE scope = ? AND applied = 0", (scope,)
        )
    }
    return sorted(known)


def pull_ranges(storage: ServerStorage, scope: str, after: dict[str, int]) -> list[OriginRange]:
    """For each origin of ``scope``, the range of counters a receiver holding ``after`` lacks (a snapshot:
    events stored later are left to the next pull), with the count; origins with nothing to send are left
    out. Only applied events are sent: one still waiting for a cause (or quarantined) stays here."""

    def read() -> list[OriginRange]:
        ranges: list[OriginRange] = []
        with storage.transaction() as tx:
            for origin in origins_of(tx, scope):
                start = after.get(origin, 0)
                count, last = tx.query(
                    "SELECT count(*), max(counter) FROM sync_events WHERE replica_id = ? AND counter > ?"
                    " AND scope = ? AND applied = 1",
                    (origin, start, scope),
                )[0]
                if count:
                    ranges.append(OriginRange(origin, start, int(last), int(count)))
        return ranges

    return again_if_lost(read)


def event_page(
    storage: ServerStorage, scope: str, origin: str, *, after: int, last: int, limit: int
) -> list[tuple[int, str]]:
    """Up to ``limit`` (counter, body) of ``origin`` in ``scope`` with ``after < counter <= last``, in
    counter order (one short transaction)."""

    def read() -> list[tuple[int, str]]:
        with storage.transaction() as tx:
            rows = tx.query(
                "SELECT counter, body FROM sync_events WHERE replica_id = ? AND counter > ? AND counter <= ?"
                " AND scope = ? AND applied = 1 ORDER BY counter LIMIT ?",
                (origin, after, last, scope, limit),
            )
        return [(int(r[0]), str(r[1])) for r in rows]

    return again_if_lost(read)
