"""The checks every replica makes before it accepts a local write (memory, durable store and server alike)."""

from __future__ import annotations

from collections.abc import Iterable

from sync.change_events import ChangeEvent
from sync.conflicts import Conflict
from sync.errors import ConflictOpen, TransitionRefused, WriteRejected, WrongSide
from sync.field_policies import RecordType
from sync.record_merge import RecordState


def check_write_fields(kind: RecordType, side: str, current: RecordState, fields: Iterable[str]) -> None:
    """The checks of a local write that need no new event: known field, right side, no open conflict."""
    for name in fields:
        spec = kind.field(name)
        if spec is None:
            raise WriteRejected(
                f"record type {kind.name!r} has no field {name!r}", field=name, reason="unknown_field"
            )
        if not spec.writable_by(side):
            raise WrongSide(f"only the {spec.owner} side may write {name!r}", field=name)
        if current.conflict(name) is not None:
            raise ConflictOpen(f"field {name!r} has an open conflict: resolve it first", field=name)


def check_local_event(after: RecordState, event: ChangeEvent) -> None:
    """Refuse a local event the merge would reject or put in conflict (as :class:`MemoryReplica` does)."""
    for rejected in after.rejected:
        if rejected.event_id == event.id:
            if rejected.reason == "transition_refused":
                raise TransitionRefused(
                    f"field {rejected.field!r}: this transition is not allowed now", field=rejected.field
                )
            raise WriteRejected(
                f"field {rejected.field!r}: write refused ({rejected.reason})",
                field=rejected.field,
                reason=rejected.reason,
            )
    for conflict in after.conflicts:
        if event.id in conflict.event_ids:
            raise ConflictOpen(
                f"field {conflict.field!r} has an open conflict: resolve it first", field=conflict.field
            )


def check_resolution(kind: RecordType, side: str, current: RecordState, conflict: Conflict) -> None:
    """The checks of a conflict resolution: the conflict is still open as shown, and ``side`` may write it."""
    now_open = current.conflict(conflict.field)
    if now_open is None or now_open.event_ids != conflict.event_ids:
        raise WriteRejected(
            "this conflict is no longer open as shown; look at it again",
            field=conflict.field,
            reason="stale_conflict",
        )
    spec = kind.field(conflict.field)
    if spec is not None and not spec.writable_by(side):
        raise WrongSide(f"only the {spec.owner} side may write {conflict.field!r}", field=conflict.field)
