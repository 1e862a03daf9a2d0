"""Merge policies the domain declares for each field of each record type; ``sync`` applies them.

- ``register``: one value; concurrent different values are a conflict for a person to resolve.
- ``set``: add-only union of the items each event adds (an event's value is a list of items).
- ``log``: add-only list of entries (an event's value is a list of entries), in causal order.
- ``state``: a status derived by folding the field's transitions with a domain :class:`StateMachine`.
- ``owned``: a register that only one declared side (e.g. ``"province"``) may write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol, runtime_checkable


class FieldKind(Enum):
    REGISTER = "register"
    SET = "set"
    LOG = "log"
    STATE = "state"
    OWNED = "owned"


@runtime_checkable
class StateMachine(Protocol):
    """The domain's status rules (implemented by e.g. ``dossiers.lifecycle``).

    Transitions and states are JSON values (typically strings).
    """

    @property
    def initial(self) -> Any:
        """The state of a record before any transition."""
        ...

    def apply(self, state: Any, transition: Any) -> Any:
        """The state after ``transition``; raise any exception if it is not allowed from ``state``."""
        ...

    def can_order(self, first: Any, second: Any) -> bool:
        """True if two concurrent transitions (neither writer had seen the other) may both stand,
        ``first`` applied before ``second``; False makes them a conflict for a person."""
        ...


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record type and its merge policy."""

    name: str
    kind: FieldKind
    owner: str | None = None
    machine: StateMachine | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a field needs a non-empty name")
        if not isinstance(self.kind, FieldKind):
            raise ValueError(f"field {self.name!r}: kind must be a FieldKind")
        if (self.kind is FieldKind.OWNED) != (self.owner is not None):
            raise ValueError(f"field {self.name!r}: an owner is given for, and only for, an owned field")
        if self.owner is not None and (not isinstance(self.owner, str) or not self.owner.strip()):
            raise ValueError(f"field {self.name!r}: the owner is a non-empty side name")
        if (self.kind is FieldKind.STATE) != (self.machine is not None):
            raise ValueError(
                f"field {self.name!r}: a state machine is given for, and only for, a state field"
            )
        if self.machine is not None and not isinstance(self.machine, StateMachine):
            raise ValueError(f"field {self.name!r}: the machine lacks initial, apply or can_order")

    @property
    def is_single_value(self) -> bool:
        """Register-like fields: one value, conflicts on concurrent different values."""
        return self.kind in (FieldKind.REGISTER, FieldKind.OWNED)

    def writable_by(self, side: str) -> bool:
        """True if an event from ``side`` may write this field."""
        return self.owner is None or side == self.owner


def register(name: str) -> FieldSpec:
    return FieldSpec(name, FieldKind.REGISTER)


def add_only_set(name: str) -> FieldSpec:
    return FieldSpec(name, FieldKind.SET)


def log(name: str) -> FieldSpec:
    return FieldSpec(name, FieldKind.LOG)


def state(name: str, machine: StateMachine) -> FieldSpec:
    return FieldSpec(name, FieldKind.STATE, machine=machine)


def owned(name: str, owner: str) -> FieldSpec:
    return FieldSpec(name, FieldKind.OWNED, owner=owner)


@dataclass(frozen=True)
class RecordType:
    """A kind of record (e.g. a dossier) and the policies of its fields."""

    name: str
    fields: tuple[FieldSpec, ...]

    def __init__(self, name: str, fields: Iterable[FieldSpec]) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "fields", tuple(fields))
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a record type needs a non-empty name")
        names = [spec.name for spec in self.fields]
        if not names:
            raise ValueError(f"record type {name!r} declares no fields")
        if len(set(names)) != len(names):
            raise ValueError(f"record type {name!r} declares a field twice")

    @property
    def by_name(self) -> Mapping[str, FieldSpec]:
        return {spec.name: spec for spec in self.fields}

    def field(self, name: str) -> FieldSpec | None:
        """The spec of field ``name``, or None if this record type has no such field."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None
