"""Events that wait for a cause, bounded (issue 14, finding 2).

An event whose causes the server lacks (a counter gap, a context it has not seen) is kept *waiting*: its
text in ``sync_events`` (``applied = 0``) and a row in ``sync_waiting`` naming the first cause it lacks
(``need_replica``, ``need_counter``). A push looks again only at the waiting events whose named cause has
just arrived (an index lookup), never at every waiting event of the commune; pulls never send waiting events.

Waiting is bounded per commune and per origin replica, in events and in bytes (``WaitingLimits``), and in
time: an event over a bound, or waiting longer than ``max_age``, is moved to ``sync_quarantine`` with the
reason, where IT sees it (``python -m server.cli quarantine``). A quarantined event is applied after all if
it is pushed again once its causes have arrived. A revoked workstation's events above what the server held of
it at the revocation are quarantined too (``revoked_origin``, :mod:`server.event_origins`), never applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from server.config import ServerConfig
from server.storage.interface import ServerStorage, Tx
from sync.change_events import ChangeEvent, decode_event
from sync.replica_store import deliverable
from sync.version_vectors import EventId

MIB = 1024 * 1024
TOO_MANY = "too_many_waiting"
TOO_OLD = "waited_too_long"
REVOKED_ORIGIN = "revoked_origin"
"""Made by a revoked workstation, above the highest counter of it the server held at the revocation."""
AGE_SWEEP = 500
"""At most this many over-age waiting events are quarantined per push (the rest at the next ones)."""


@dataclass(frozen=True, slots=True)
class WaitingLimits:
    """How many events, and how many bytes of them, may wait per commune and per origin, and for how long."""

    per_commune_events: int = 10_000
    per_commune_bytes: int = 32 * MIB
    per_origin_events: int = 2_000
    per_origin_bytes: int = 8 * MIB
    max_age: dt.timedelta = dt.timedelta(days=14)


@dataclass
class Delivery:
    """What a push's new events came to: applied, left waiting or quarantined, and the earlier waiting
    events they unblocked."""

    applied: set[EventId] = field(default_factory=set)
    waiting: dict[EventId, tuple[str, int]] = field(default_factory=dict)
    quarantined: dict[EventId, str] = field(default_factory=dict)
    unblocked: list[EventId] = field(default_factory=list)
    unblocked_events: dict[EventId, ChangeEvent] = field(default_factory=dict)
    """The unblocked events themselves (the province's dossier index is refreshed from them)."""
    still_waiting: dict[EventId, tuple[str, int]] = field(default_factory=dict)
    released: list[EventId] = field(default_factory=list)
    """Quarantined earlier, pushed again and applied now."""


def waiting_limits_of(config: ServerConfig) -> WaitingLimits:
    """The ``limits.waiting_*`` settings."""
    return WaitingLimits(
        config.waiting_events_per_commune,
        config.waiting_bytes_per_commune,
        config.waiting_events_per_origin,
        config.waiting_bytes_per_origin,
        config.waiting_max_age,
    )


def first_missing(event: ChangeEvent, known: Mapping[str, int]) -> tuple[str, int] | None:
    """The first (replica id, counter) ``event`` needs and ``known`` lacks; ``None`` if it can be applied."""
    origin, counter = event.id
    if known.get(origin, 0) < counter - 1:
        return origin, counter - 1
    for replica_id, needed in event.context.items():
        if known.get(replica_id, 0) < needed:
            return replica_id, needed
    return None


class WaitingEvents:
    """The waiting events and the quarantine of one commune (``scope``), inside transaction ``tx``."""

    def __init__(self, storage: ServerStorage, tx: Tx, scope: str, limits: WaitingLimits) -> None:
        self.storage, self.tx, self.scope, self.limits = storage, tx, scope, limits
        self._sizes: dict[EventId, int] = {}
        """The sizes of the waiting events read again (to keep ``sync_waiting_totals`` right)."""

    # -- deciding -------------------------------------------------------------------------------------------

    def deliver(
        self, incoming: Mapping[EventId, ChangeEvent], sizes: Mapping[EventId, int], known: dict[str, int]
    ) -> Delivery:
        """Decide which of ``incoming`` (new here) are applied, wait or go to quarantine, and which waiting
        events they unblock. ``known`` (the commune's counters) is raised as events are applied."""
        done = Delivery()
        waited = self._waiting_where("w.need_replica = ''", ())  # rows from before migration 4, once
        pending: dict[EventId, ChangeEvent] = {**waited, **incoming}
        while pending:
            before = dict(known)
            for event in deliverable(pending, known):
                done.applied.add(event.id)
                del pending[event.id]
            advanced = [(rid, n) for rid, n in known.items() if before.get(rid) != n]
            found: dict[EventId, ChangeEvent] = {}
            for replica_id, counter in advanced:
                found.update(
                    self._waiting_where("w.need_replica = ? AND w.need_counter <= ?", (replica_id, counter))
                )
            found = {k: v for k, v in found.items() if k not in waited}
            if not found:
                break
            waited.update(found)
            pending.update(found)
        done.unblocked = [event_id for event_id in waited if event_id in done.applied]
        done.unblocked_events = {event_id: waited[event_id] for event_id in done.unblocked}
        for event_id, event in waited.items():
            if event_id not in done.applied:
                need = first_missing(event, known)
                assert need is not None
                done.still_waiting[event_id] = need
        quarantined = self._quarantined(incoming)
        done.released = [event_id for event_id in quarantined if event_id in done.applied]
        new_waiting = sorted(event_id for event_id in incoming if event_id not in done.applied)
        room = self._room({event_id.replica_id for event_id in new_waiting})
        for event_id in new_waiting:
            if event_id in quarantined:
                done.quarantined[event_id] = ""  # held there already: nothing to store again
                continue
            size = sizes[event_id]
            if room.take(event_id.replica_id, size):
                need = first_missing(incoming[event_id], known)
                assert need is not None
                done.waiting[event_id] = need
            else:
                done.quarantined[event_id] = TOO_MANY
        return done

    def _waiting_where(self, condition: str, params: Sequence[object]) -> dict[EventId, ChangeEvent]:
        rows = self.tx.query(
            "SELECT w.replica_id, w.counter, w.size, e.body FROM sync_waiting w JOIN sync_events e"
            " ON e.replica_id = w.replica_id AND e.counter = w.counter"
            f" WHERE w.scope = ? AND {condition}",
            (self.scope, *params),
        )
        found = {}
        for replica_id, counter, size, body in rows:
            event_id = EventId(str(replica_id), int(counter))
            self._sizes[event_id] = int(size)
            found[event_id] = decode_event(str(body))
        return found

    def _quarantined(self, ids: Iterable[EventId]) -> set[EventId]:
        by_origin: dict[str, list[int]] = {}
        for event_id in ids:
            by_origin.setdefault(event_id.replica_id, []).append(event_id.counter)
        found: set[EventId] = set()
        for origin, counters in by_origin.items():
            wanted = set(counters)
            rows = self.tx.query(
                "SELECT counter FROM sync_quarantine WHERE replica_id = ? AND counter BETWEEN ? AND ?",
                (origin, min(counters), max(counters)),
            )
            found.update(EventId(origin, int(r[0])) for r in rows if int(r[0]) in wanted)
        return found

    def _room(self, origins: set[str]) -> _Room:
        if not origins:
            return _Room(self.limits, 0, 0, {})
        total = self._totals()
        among, values = self.storage.among("replica_id", sorted(origins))
        rows = self.tx.query(
            "SELECT replica_id, COUNT(*), COALESCE(SUM(size), 0) FROM sync_waiting"
            f" WHERE scope = ? AND {among} GROUP BY replica_id",
            (self.scope, values),
        )
        return _Room(self.limits, total[0], total[1], {str(r[0]): (int(r[1]), int(r[2])) for r in rows})

    def _totals(self) -> tuple[int, int]:
        rows = self.tx.query("SELECT events, bytes FROM sync_waiting_totals WHERE scope = ?", (self.scope,))
        return (int(rows[0][0]), int(rows[0][1])) if rows else (0, 0)

    def _adjust(self, events: int, size: int) -> None:
        """Add to the commune's waiting totals (negative: take away)."""
        if events or size:
            self.tx.run(
                "INSERT INTO sync_waiting_totals (scope, events, bytes) VALUES (?, ?, ?) ON CONFLICT (scope)"
                " DO UPDATE SET events = sync_waiting_totals.events + excluded.events,"
                " bytes = sync_waiting_totals.bytes + excluded.bytes",
                (self.scope, events, size),
            )

    # -- storing --------------------------------------------------------------------------------------------

    def store(
        self,
        done: Delivery,
        incoming: Mapping[EventId, ChangeEvent],
        bodies: Mapping[EventId, str],
        at: dt.datetime,
    ) -> None:
        """Keep what :meth:`deliver` decided (the caller inserts the applied and waiting events' texts)."""
        stamp = self.storage.time_in(at)
        if done.waiting:
            sizes = {i: len(bodies[i].encode()) for i in done.waiting}
            self.tx.insert_rows(
                "sync_waiting",
                ("replica_id", "counter", "scope", "need_replica", "need_counter", "size", "received_at"),
                [
                    (i.replica_id, i.counter, self.scope, need[0], need[1], sizes[i], stamp)
                    for i, need in done.waiting.items()
                ],
            )
            self._adjust(len(sizes), sum(sizes.values()))
        fresh_quarantine = [(i, reason) for i, reason in done.quarantined.items() if reason]
        if fresh_quarantine:
            self.tx.insert_rows(
                "sync_quarantine",
                _QUARANTINE_COLUMNS,
                [
                    (
                        i.replica_id,
                        i.counter,
                        self.scope,
                        incoming[i].record_type,
                        reason,
                        len(bodies[i].encode()),
                        bodies[i],
                        stamp,
                        stamp,
                    )
                    for i, reason in fresh_quarantine
                ],
            )
        if done.unblocked:
            self.tx.run_many(
                "DELETE FROM sync_waiting WHERE replica_id = ? AND counter = ?",
                [(i.replica_id, i.counter) for i in done.unblocked],
            )
            self._adjust(-len(done.unblocked), -sum(self._sizes.get(i, 0) for i in done.unblocked))
        if done.still_waiting:
            self.tx.run_many(
                "UPDATE sync_waiting SET need_replica = ?, need_counter = ?"
                " WHERE replica_id = ? AND counter = ?",
                [(need[0], need[1], i.replica_id, i.counter) for i, need in done.still_waiting.items()],
            )
        if done.released:
            self.tx.run_many(
                "DELETE FROM sync_quarantine WHERE replica_id = ? AND counter = ?",
                [(i.replica_id, i.counter) for i in done.released],
            )

    def quarantine(
        self, events: Mapping[EventId, tuple[ChangeEvent, str]], reason: str, at: dt.datetime
    ) -> None:
        """Set ``events`` (with their texts) aside in the quarantine with ``reason``, never applied. Those
        held there already are left; at most ``per_origin_events`` of one origin are kept for one reason (the
        rest are still refused, just not kept)."""
        held = self._quarantined(events)
        stamp = self.storage.time_in(at)
        rows = []
        for origin in sorted({event_id.replica_id for event_id in events}):
            kept = int(
                self.tx.query(
                    "SELECT COUNT(*) FROM sync_quarantine WHERE replica_id = ? AND reason = ?",
                    (origin, reason),
                )[0][0]
            )
            for event_id in sorted(i for i in events if i.replica_id == origin and i not in held):
                if kept >= self.limits.per_origin_events:
                    break
                event, body = events[event_id]
                size = len(body.encode())
                rows.append(
                    (
                        origin,
                        event_id.counter,
                        self.scope,
                        event.record_type,
                        reason,
                        size,
                        body,
                        stamp,
                        stamp,
                    )
                )
                kept += 1
        self.tx.insert_rows("sync_quarantine", _QUARANTINE_COLUMNS, rows)

    def sweep_old(self, now: dt.datetime) -> int:
        """Quarantine (at most ``AGE_SWEEP`` of) the events that have waited longer than ``max_age``."""
        rows = self.tx.query(
            "SELECT replica_id, counter, size FROM sync_waiting WHERE scope = ? AND received_at < ?"
            " ORDER BY received_at LIMIT ?",
            (self.scope, self.storage.time_in(now - self.limits.max_age), AGE_SWEEP),
        )
        ids = [(str(r[0]), int(r[1])) for r in rows]
        freed = sum(int(r[2]) for r in rows)
        if not ids:
            return 0
        stamp = self.storage.time_in(now)
        self.tx.run_many(
            f"INSERT INTO sync_quarantine ({', '.join(_QUARANTINE_COLUMNS)})"
            " SELECT e.replica_id, e.counter, e.scope, e.record_type, ?, w.size, e.body, e.received_at, ?"
            " FROM sync_events e JOIN sync_waiting w ON w.replica_id = e.replica_id AND w.counter = e.counter"
            " WHERE e.replica_id = ? AND e.counter = ?",
            [(TOO_OLD, stamp, rid, counter) for rid, counter in ids],
        )
        for table in ("sync_waiting", "sync_events"):
            self.tx.run_many(f"DELETE FROM {table} WHERE replica_id = ? AND counter = ?", ids)
        self._adjust(-len(ids), -freed)
        return len(ids)

    def count(self) -> int:
        """How many events of this commune wait (``sync_waiting_totals``: one row, kept as they change)."""
        return self._totals()[0]


_QUARANTINE_COLUMNS = (
    "replica_id", "counter", "scope", "record_type", "reason", "size", "body", "received_at", "quarantined_at"
)  # fmt: skip


class _Room:
    """The room left for waiting events in a commune and per origin, taken as events are placed."""

    def __init__(
        self, limits: WaitingLimits, events: int, size: int, origins: dict[str, tuple[int, int]]
    ) -> None:
        self.limits, self.events, self.size, self.origins = limits, events, size, origins

    def take(self, origin: str, size: int) -> bool:
        events, held = self.origins.get(origin, (0, 0))
        limits = self.limits
        if (
            self.events + 1 > limits.per_commune_events
            or self.size + size > limits.per_commune_bytes
            or events + 1 > limits.per_origin_events
            or held + size > limits.per_origin_bytes
        ):
            return False
        self.events, self.size = self.events + 1, self.size + size
        self.origins[origin] = (events + 1, held + size)
        return True


@dataclass(frozen=True, slots=True)
class QuarantinedEvent:
    """A quarantined event as IT sees it: no field values (they may hold personal data)."""

    replica_id: str
    counter: int
    scope: str
    record_type: str
    reason: str
    size: int
    received_at: dt.datetime
    quarantined_at: dt.datetime


def list_quarantine(
    storage: ServerStorage, *, commune: str | None = None, limit: int = 1000
) -> list[QuarantinedEvent]:
    """The quarantined events (of one commune, or all), the newest first."""
    where, params = ("WHERE scope = ?", [commune]) if commune is not None else ("", [])
    with storage.transaction() as tx:
        rows = tx.query(
            "SELECT replica_id, counter, scope, record_type, reason, size, received_at, quarantined_at"
            f" FROM sync_quarantine {where} ORDER BY quarantined_at DESC, replica_id, counter LIMIT ?",
            (*params, limit),
        )
    return [
        QuarantinedEvent(
            str(r[0]),
            int(r[1]),
            str(r[2]),
            str(r[3]),
            str(r[4]),
            int(r[5]),
            _time(storage, r[6]),
            _time(storage, r[7]),
        )
        for r in rows
    ]


def count_quarantine(storage: ServerStorage, *, commune: str | None = None) -> int:
    """How many events are quarantined (of one commune, or all)."""
    where, params = ("WHERE scope = ?", [commune]) if commune is not None else ("", [])
    with storage.transaction() as tx:
        return int(tx.query(f"SELECT COUNT(*) FROM sync_quarantine {where}", params)[0][0])


def _time(storage: ServerStorage, value: object) -> dt.datetime:
    out = storage.time_out(value)
    assert out is not None
    return out


REASON_WORDS = {
    TOO_MANY: "more events waited for a cause than the bounds allow (limits.waiting_*)",
    TOO_OLD: "waited for a cause longer than limits.waiting_max_age_days",
    REVOKED_ORIGIN: (
        "made by a revoked workstation after the last of its events the server held when it was revoked: "
        "never taken (a revoked desk's events not pushed before its revocation are lost; re-enter them)"
    ),
}


def quarantine_line(item: QuarantinedEvent) -> str:
    """One quarantined event as a line for IT (ids, sizes and times; never field values)."""
    words = REASON_WORDS.get(item.reason, item.reason)
    return (
        f"{item.scope}\t{item.replica_id}:{item.counter}\t{item.record_type}\t{item.size} bytes\t"
        f"received {item.received_at:%Y-%m-%d %H:%M}\tquarantined {item.quarantined_at:%Y-%m-%d %H:%M}\t"
        f"{words}"
    )
