"""The local write and resolution sequence every replica shares: merge → check → build the event → apply.

The in-memory reference (:class:`~sync.replica_memory.MemoryReplica`), the desk's store
(:class:`~sync.replica_store.ReplicaStore`) and the server's replica each give a :class:`LocalTarget`,
bound to whatever transaction or lock they hold for one change. The sequence reads the record's events from
it, checks the change, builds the event under the target's next id and hands the target a
:class:`LocalChange` (the event, its canonical text and the record's state after it) to store; a refused
change reaches no target.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.change_events import ChangeEvent
from sync.conflicts import UNSET, Conflict, resolution_event
from sync.errors import WriteRejected
from sync.event_texts import EncodedEvent, encoded
from sync.field_policies import RecordType
from sync.local_write_checks import check_local_event, check_resolution, check_write_fields
from sync.record_merge import RecordState, merge_record
from sync.version_vectors import EventId

BuildFields = Callable[[RecordState], Mapping[str, Any]]
CheckFields = Callable[[RecordState, Mapping[str, Any]], None]


@dataclass(frozen=True)
class LocalChange:
    """A local event that passed every check, with its canonical text and its record's state after it."""

    encoded: EncodedEvent
    after: RecordState

    @property
    def event(self) -> ChangeEvent:
        return self.encoded.event


@dataclass(frozen=True)
class LocalTarget:
    """What the sequence needs of a replica for the time of one change (e.g. bound to its transaction)."""

    side: str
    """Stamped on the event and checked by owned fields."""
    now: Callable[[], datetime]
    """The device clock: the event's device time (information only)."""
    history: Callable[[str, str], Sequence[ChangeEvent]]
    """The applied events of one record (record type, record id)."""
    next_id: Callable[[], EventId]
    """The id of this replica's next event."""
    apply: Callable[[LocalChange], None]
    """Store a checked local event and its record's new state."""
    sign: Callable[[ChangeEvent], ChangeEvent] | None = None
    """The event signed by this replica's device key (:mod:`sync.event_signatures`), or ``None``: unsigned."""


def known_type(types: Mapping[str, RecordType], name: str) -> RecordType:
    """The record type called ``name``, or the :class:`WriteRejected` a write of an unknown type gets."""
    try:
        return types[name]
    except (KeyError, TypeError):
        raise WriteRejected(f"unknown record type {name!r}", reason="unknown_record_type") from None


def write_record(
    target: LocalTarget,
    kind: RecordType,
    record_id: str,
    fields: Mapping[str, Any],
    author: str,
) -> ChangeEvent:
    """Make, check and apply a local change of ``fields``; a :class:`WriteRejected` if it is not allowed."""
    return write_record_from(target, kind, record_id, lambda _current: fields, author)


def write_record_from(
    target: LocalTarget,
    kind: RecordType,
    record_id: str,
    build: BuildFields,
    author: str,
    *,
    check: CheckFields | None = None,
) -> ChangeEvent:
    """Make, check and apply a local change of the fields ``build`` gives from the record's current state.

    ``check(current, fields)`` is a replica's own extra check (e.g. the server's record scope).
    """
    history = list(target.history(kind.name, record_id))
    current = merge_record(kind, record_id, history)
    fields = build(current)
    if check is not None:
        check(current, fields)
    check_write_fields(kind, target.side, current, fields)
    event = ChangeEvent(
        id=target.next_id(),
        record_type=kind.name,
        record_id=record_id,
        fields=fields,
        context=current.vector,
        device_time=target.now(),
        author=author,
        side=target.side,
    )
    return _apply(target, kind, history, event)


def resolve_conflict(
    target: LocalTarget,
    kind: RecordType,
    conflict: Conflict,
    author: str,
    *,
    choose: EventId | None = None,
    value: Any = UNSET,
) -> ChangeEvent:
    """Make, check and apply the resolution of ``conflict``: a competing write (``choose``) or a ``value``."""
    history = list(target.history(kind.name, conflict.record_id))
    current = merge_record(kind, conflict.record_id, history)
    check_resolution(kind, target.side, current, conflict)
    event = resolution_event(
        conflict,
        event_id=target.next_id(),
        context=current.vector,
        author=author,
        side=target.side,
        device_time=target.now(),
        choose=choose,
        value=value,
    )
    return _apply(target, kind, history, event)


def _apply(
    target: LocalTarget, kind: RecordType, history: list[ChangeEvent], event: ChangeEvent
) -> ChangeEvent:
    """Check what ``event`` does to its record, then hand it to ``target`` (or raise and change nothing)."""
    after = merge_record(kind, event.record_id, [*history, event])
    check_local_event(after, event)
    if target.sign is not None:
        event = target.sign(event)
    target.apply(LocalChange(encoded(event), after))
    return event
