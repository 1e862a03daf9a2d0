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

from sync.change_events import ChangeEvent, decode_event
from sync.conflicts import UNSET, Conflict
from sync.device_keys import DeviceIdentity
from sync.errors import BadEventData, ReplicaIdReused
from sync.event_refusals import RefusedEvent, one_is_refusal_of_other
from sync.event_signatures import sign_event
from sync.event_texts import EncodedEvent, encoded_all
from sync.field_policies import RecordType
from sync.local_writes import LocalChange, LocalTarget, known_type, resolve_conflict, write_record
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
    refused: tuple[RefusedEvent, ...] = ()
    """Events the receiver refused and replaced by its refusal (the province: :mod:`sync.event_refusals`)."""


class MemoryReplica:
    """One replica (a workstation or the server) held in memory.

    ``side`` is stamped on every local write (e.g. ``"desk"``, ``"province"``) and checked by owned fields.
    ``now`` is the device clock: recorded on events as information only.
    """

    def __init__(
        self,
        replica_id: str,
        side: str,
        record_types: Iterable[RecordType],
        now: Callable[[], datetime],
        *,
        identity: DeviceIdentity | None = None,
    ) -> None:
        """``identity``: the device keys that sign each event this replica makes (``None``: unsigned)."""
        self.replica_id = check_replica_id(replica_id)
        self._identity = identity
        self.side = side
        self._types = {record_type.name: record_type for record_type in record_types}
        self._now = now
        self._held: dict[EventId, ChangeEvent] = {}
        self._texts: dict[EventId, str] = {}
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

    def waiting_beyond(self, vector: VersionVector) -> bool:
        """Whether a waiting event is one a replica knowing ``vector`` lacks (``missing_encoded`` passes
        waiting events on)."""
        return any(not vector.includes(event_id) for event_id in self._waiting)

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

    def missing_encoded(self, vector: VersionVector) -> list[str]:
        """The canonical texts of the events (applied or waiting) a replica knowing ``vector`` lacks, causes
        first."""
        return [self._texts[event.id] for event in self.missing_for(vector)]

    def missing_for(self, vector: VersionVector) -> list[ChangeEvent]:
        """The events (applied or waiting) a replica that knows ``vector`` lacks, causes first."""
        lacking = (event for event in self._held.values() if not vector.includes(event.id))
        return sorted(lacking, key=ChangeEvent.causal_key)

    # -- writing ---------------------------------------------------------------------------------------------

    def write(self, record_type: str, record_id: str, fields: Mapping[str, Any], author: str) -> ChangeEvent:
        """Make and apply a local change event; raise a :class:`WriteRejected` if it is not allowed."""
        kind = self._type(record_type)
        return write_record(self._target(), kind, record_id, fields, author)

    def resolve(
        self, conflict: Conflict, author: str, *, choose: EventId | None = None, value: Any = UNSET
    ) -> ChangeEvent:
        """Resolve an open conflict by choosing a competing write (``choose``) or writing a new ``value``."""
        kind = self._type(conflict.record_type)
        return resolve_conflict(self._target(), kind, conflict, author, choose=choose, value=value)

    def _target(self) -> LocalTarget:
        """This replica as the local write sequence's target (``side`` is read at each write)."""
        identity = self._identity
        sign = None if identity is None else lambda event: sign_event(event, identity)
        return LocalTarget(self.side, self._now, self._history, self._next_id, self._apply_local, sign)

    def _history(self, record_type: str, record_id: str) -> list[ChangeEvent]:
        return self._by_record.get((record_type, record_id), [])

    def _next_id(self) -> EventId:
        return EventId(self.replica_id, self._known.get(self.replica_id, 0) + 1)

    def _apply_local(self, change: LocalChange) -> None:
        self._add(change.encoded)
        self._states[change.event.record_key] = change.after

    # -- receiving -------------------------------------------------------------------------------------------

    def receive(self, events: Iterable[ChangeEvent]) -> ReceiveReport:
        """Take events from another replica (any order, duplicates allowed); idempotent.

        The batch is checked before anything changes: an event whose id is already held with other content,
        or one made under this replica's own id that it never made, raises and nothing is taken.
        """
        return self.receive_encoded(encoded_all(events))

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveReport:
        """:meth:`receive` for events with their canonical texts (kept as they are)."""
        batch: dict[EventId, EncodedEvent] = {}
        duplicates = 0
        for item in events:
            event_id = item.event.id
            known = self._texts.get(event_id)
            if known is None and event_id in batch:
                known = batch[event_id].text
            if known is not None:
                if known != item.text and not one_is_refusal_of_other(decode_event(known), item.event):
                    raise BadEventData(f"two different events carry the id {event_id}")
                # a refusal of an event held here (or the other way round): the held text stays
                duplicates += 1
                continue
            if event_id.replica_id == self.replica_id:
                raise ReplicaIdReused("received an event under this replica's own id that it never made")
            batch[event_id] = item
        for event_id, item in batch.items():
            self._waiting[event_id] = item.event
            self._held[event_id] = item.event
            self._texts[event_id] = item.text
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
                    self._add(EncodedEvent(event, self._texts[event.id]))
                    self._states.pop(event.record_key, None)
                    progress = True

    def _deliverable(self, event: ChangeEvent) -> bool:
        if self._known.get(event.id.replica_id, 0) != event.id.counter - 1:
            return False
        return all(self._known.get(replica_id, 0) >= counter for replica_id, counter in event.context.items())

    def _add(self, item: EncodedEvent) -> None:
        event = item.event
        self._held[event.id] = event
        self._texts[event.id] = item.text
        self._known[event.id.replica_id] = event.id.counter
        self._by_record.setdefault(event.record_key, []).append(event)

    def _type(self, name: str) -> RecordType:
        return known_type(self._types, name)
