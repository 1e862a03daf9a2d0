"""An in-memory replica: the reference implementation of the sync rules, used by tests (no storage).

Events are applied in causal order: an event received before the events it depends on (its origin's earlier
events, or anything in its context) is held as *waiting* and applied as soon as they arrive. So the
replica's ``vector`` is always exact ("I have every event up to here"), and a new local write never claims to
have seen a write it has not. Waiting events are kept and passed on, never dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.change_events import ChangeEvent, encode_event
from sync.conflicts import UNSET, Conflict, resolution_event
from sync.errors import (
    BadEventData,
    ReplicaIdReused,
    WriteRejected,
)
from sync.field_policies import RecordType
from sync.local_write_checks import check_local_event, check_resolution, check_write_fields
from sync.record_merge import RecordState, merge_record
from sync.version_vectors import EventId, VersionVector, check_replica_id

RecordKey = tuple[str, str]


@dataclass(frozen=True)
class Backup:
    """A copy of a replica's events at one moment (what a backup file holds)."""

    replica_id: str
    side: str
    events: tuple[ChangeEvent, ...]


@dataclass(frozen=True)
class ReceiveReport:
    """What one :meth:`MemoryReplica.receive` did: new events, duplicates ignored, events still waiting."""

    new: int
    duplicates: int
    waiting: int


class MemoryReplica:
    """One replica (a workstation or the server) held in memory.

    ``side`` is stamped on every local write (e.g. ``"desk"``, ``"province"``) and checked by owned fields.
    ``now`` is the device clock: recorded on events as information only.
    """

    def __init__(
        self, replica_id: str, side: str, record_types: Iterable[RecordType], now: Callable[[], datetime]
    ) -> None:
        self.replica_id = check_replica_id(replica_id)
        self.side = side
        self._types = {record_type.name: record_type for record_type in record_types}
        self._now = now
        self._held: dict[EventId, ChangeEvent] = {}
        self._waiting: dict[EventId, ChangeEvent] = {}
        self._known: dict[str, int] = {}
        self._by_record: dict[RecordKey, list[ChangeEvent]] = {}
        self._states: dict[RecordKey, RecordState] = {}

    # -- backups -------------------------------------------------------------------------------------------

    def backup(self) -> Backup:
        """A copy of everything this replica holds now."""
        return Backup(
            self.replica_id, self.side, tuple(sorted(self._held.values(), key=ChangeEvent.causal_key))
        )

    @classmethod
    def restore(
        cls,
        backup: Backup,
        new_replica_id: str,
        record_types: Iterable[RecordType],
        now: Callable[[], datetime],
    ) -> MemoryReplica:
        """Restore ``backup`` under a new, never used id (the old id's counters are taken)."""
        used = {backup.replica_id}
        for event in backup.events:
            used.add(event.id.replica_id)
            used.update(event.context)
        if new_replica_id in used:
            raise ReplicaIdReused("a restored replica needs a replica id that was never used")
        replica = cls(new_replica_id, backup.side, record_types, now)
        replica.receive(backup.events)
        return replica

    # -- what it knows ---------------------------------------------------------------------------------------

    @property
    def vector(self) -> VersionVector:
        """Every event up to these counters has been applied here."""
        return VersionVector(self._known)

    def events(self) -> tuple[ChangeEvent, ...]:
        """Every applied event, in causal order."""
        applied = (event for event in self._held.values() if event.id not in self._waiting)
        return tuple(sorted(applied, key=ChangeEvent.causal_key))

    def waiting(self) -> tuple[ChangeEvent, ...]:
        """Events held but not applied yet, because an event they depend on has not arrived."""
        return tuple(sorted(self._waiting.values(), key=ChangeEvent.causal_key))

    def record_keys(self) -> list[RecordKey]:
        """(record type, record id) of every record with applied events, sorted."""
        return sorted(self._by_record)

    def record(self, record_type: str, record_id: str) -> RecordState:
        """The current state of one record (an empty state if it has no events yet)."""
        key = (record_type, record_id)
        state = self._states.get(key)
        if state is None:
            state = merge_record(self._type(record_type), record_id, self._by_record.get(key, ()))
            self._states[key] = state
        return state

    def open_conflicts(self) -> tuple[Conflict, ...]:
        """Every open conflict, by record then field."""
        return tuple(
            conflict
            for key in self.record_keys()
            if key[0] in self._types
            for conflict in self.record(*key).conflicts
        )

    def missing_for(self, vector: VersionVector) -> list[ChangeEvent]:
        """The events (applied or waiting) a replica that knows ``vector`` lacks, causes first."""
        lacking = (event for event in self._held.values() if not vector.includes(event.id))
        return sorted(lacking, key=ChangeEvent.causal_key)

    # -- writing ---------------------------------------------------------------------------------------------

    def write(self, record_type: str, record_id: str, fields: Mapping[str, Any], author: str) -> ChangeEvent:
        """Make and apply a local change event; raise a :class:`WriteRejected` if it is not allowed."""
        kind = self._type(record_type)
        current = self.record(record_type, record_id)
        check_write_fields(kind, self.side, current, fields)
        event = ChangeEvent(
            id=self._next_id(),
            record_type=record_type,
            record_id=record_id,
            fields=fields,
            context=current.vector,
            device_time=self._now(),
            author=author,
            side=self.side,
        )
        self._apply_local(event)
        return event

    def resolve(
        self, conflict: Conflict, author: str, *, choose: EventId | None = None, value: Any = UNSET
    ) -> ChangeEvent:
        """Resolve an open conflict by choosing a competing write (``choose``) or writing a new ``value``."""
        kind = self._type(conflict.record_type)
        current = self.record(conflict.record_type, conflict.record_id)
        check_resolution(kind, self.side, current, conflict)
        event = resolution_event(
            conflict,
            event_id=self._next_id(),
            context=current.vector,
            author=author,
            side=self.side,
            device_time=self._now(),
            choose=choose,
            value=value,
        )
        self._apply_local(event)
        return event

    def _next_id(self) -> EventId:
        return EventId(self.replica_id, self._known.get(self.replica_id, 0) + 1)

    def _apply_local(self, event: ChangeEvent) -> None:
        """Check what ``event`` would do to its record, then apply it (or raise and change nothing)."""
        key = event.record_key
        after = merge_record(
            self._type(event.record_type), event.record_id, [*self._by_record.get(key, ()), event]
        )
        check_local_event(after, event)
        self._add(event)
        self._states[key] = after

    # -- receiving -------------------------------------------------------------------------------------------

    def receive(self, events: Iterable[ChangeEvent]) -> ReceiveReport:
        """Take events from another replica (any order, duplicates allowed); idempotent.

        The batch is checked before anything changes: an event whose id is already held with other content,
        or one made under this replica's own id that it never made, raises and nothing is taken.
        """
        batch: dict[EventId, ChangeEvent] = {}
        duplicates = 0
        for event in events:
            if not isinstance(event, ChangeEvent):
                raise BadEventData("receive takes ChangeEvent objects")
            known = self._held.get(event.id) or batch.get(event.id)
            if known is not None:
                if known is not event and encode_event(known) != encode_event(event):
                    raise BadEventData(f"two different events carry the id {event.id}")
                duplicates += 1
                continue
            if event.id.replica_id == self.replica_id:
                raise ReplicaIdReused("received an event under this replica's own id that it never made")
            batch[event.id] = event
        self._waiting.update(batch)
        self._held.update(batch)
        self._deliver()
        return ReceiveReport(new=len(batch), duplicates=duplicates, waiting=len(self._waiting))

    def _deliver(self) -> None:
        """Apply every waiting event whose causes are all applied, until none is left that can be."""
        progress = True
        while progress and self._waiting:
            progress = False
            for event in sorted(self._waiting.values(), key=ChangeEvent.causal_key):
                if self._deliverable(event):
                    del self._waiting[event.id]
                    self._add(event)
                    self._states.pop(event.record_key, None)
                    progress = True

    def _deliverable(self, event: ChangeEvent) -> bool:
        if self._known.get(event.id.replica_id, 0) != event.id.counter - 1:
            return False
        return all(self._known.get(replica_id, 0) >= counter for replica_id, counter in event.context.items())

    def _add(self, event: ChangeEvent) -> None:
        self._held[event.id] = event
        self._known[event.id.replica_id] = event.id.counter
        self._by_record.setdefault(event.record_key, []).append(event)

    def _type(self, name: str) -> RecordType:
        try:
            return self._types[name]
        except KeyError:
            raise WriteRejected(f"unknown record type {name!r}", reason="unknown_record_type") from None
