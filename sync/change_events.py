"""Change events: the immutable source of truth and audit trail of every record.

An event is identified by ``(replica_id, counter)``; it sets some fields of one record and carries the
record's version vector at the time it was made (its causal context, not including itself). The device's
wall-clock time is kept as information only: no merge decision ever reads it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sync.errors import BadEventData
from sync.version_vectors import EventId, VersionVector, check_counter, check_replica_id

FORMAT = 1  # the version of the encoded form below
SIGNATURE_CHARS = 88  # an Ed25519 signature (64 bytes) in base64


class FrozenDict(Mapping[str, Any]):
    """A hashable, read-only JSON object (keys sorted), used inside frozen values."""

    __slots__ = ("_items", "_map")

    def __init__(self, items: Mapping[str, Any]) -> None:
        self._map = dict(sorted(items.items()))
        self._items = tuple(self._map.items())

    def __getitem__(self, key: str) -> Any:
        return self._map[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._map) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenDict({self._map!r})"


def freeze(value: Any) -> Any:
    """Return a deeply immutable copy of a JSON value (lists → tuples, objects → :class:`FrozenDict`)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadEventData("a field value cannot be NaN or infinite")
        return value
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    if isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str):
                raise BadEventData("keys inside a field value must be strings")
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    raise BadEventData(f"a field value must be JSON data, not {type(value).__name__}")


def thaw(value: Any) -> Any:
    """The plain JSON form (lists and dicts) of a frozen value."""
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    return value


def canonical_json(value: Any) -> str:
    """Canonical JSON text of a (frozen or plain) JSON value: sorted keys, no blanks, UTF-8 characters."""
    return json.dumps(thaw(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _check_text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadEventData(f"an event's {what} must be a non-empty string")
    return value


@dataclass(frozen=True)
class ChangeEvent:
    """One immutable change to one record. ``context`` is the record's vector when it was made."""

    id: EventId
    record_type: str
    record_id: str
    fields: Mapping[str, Any]
    context: VersionVector
    device_time: datetime
    author: str
    side: str
    resolves: tuple[EventId, ...] = field(default=())
    signature: str | None = None
    """The origin replica's Ed25519 signature (base64) of the event's text without it
    (:mod:`sync.event_signatures`); ``None`` for events made before signatures, or by the server. On a
    refusal (below), the province's signature instead."""
    refused: str | None = None
    """Set on the province's refusal of the event with this id (:mod:`sync.event_refusals`): the reason code.
    A refusal sets no field and takes the refused event's place everywhere, so the origin's later events
    still apply in order."""

    def __repr__(self) -> str:  # field values may be personal data: names only, for logs and tracebacks
        return (
            f"ChangeEvent({self.id}, {self.record_type}/{self.record_id}, fields={sorted(self.fields)},"
            f" side={self.side!r})"
        )

    def __post_init__(self) -> None:
        if not isinstance(self.id, tuple) or len(self.id) != 2:
            raise BadEventData("an event id is a (replica id, counter) pair")
        object.__setattr__(
            self, "id", EventId(check_replica_id(self.id[0]), check_counter(self.id[1], minimum=1))
        )
        _check_text(self.record_type, "record type")
        _check_text(self.record_id, "record id")
        _check_text(self.author, "author")
        _check_text(self.side, "side")
        if self.refused is not None:
            if not isinstance(self.refused, str) or not self.refused.isidentifier() or len(self.refused) > 40:
                raise BadEventData("a refusal's reason is a short code")
            if not isinstance(self.fields, Mapping) or self.fields or self.resolves:
                raise BadEventData("a refusal sets no field and resolves nothing")
        elif not isinstance(self.fields, Mapping) or not self.fields:
            raise BadEventData("an event sets at least one field")
        for name in self.fields:
            _check_text(name, "field name")
        if not isinstance(self.fields, FrozenDict):
            object.__setattr__(self, "fields", freeze(self.fields))
        if not isinstance(self.context, VersionVector):
            raise BadEventData("an event's context must be a VersionVector")
        if self.context.includes(self.id):
            raise BadEventData("an event's context cannot include the event itself")
        if not isinstance(self.device_time, datetime) or self.device_time.utcoffset() is None:
            raise BadEventData("an event's device time must be a timezone-aware datetime")
        resolved = []
        for item in self.resolves:
            if not isinstance(item, tuple) or len(item) != 2:
                raise BadEventData("a resolved event id is a (replica id, counter) pair")
            event_id = EventId(check_replica_id(item[0]), check_counter(item[1], minimum=1))
            if not self.context.includes(event_id):
                raise BadEventData("an event can only resolve events within its context")
            resolved.append(event_id)
        object.__setattr__(self, "resolves", tuple(sorted(set(resolved))))
        if self.signature is not None and (
            not isinstance(self.signature, str) or len(self.signature) != SIGNATURE_CHARS
        ):
            raise BadEventData(f"an event's signature is {SIGNATURE_CHARS} base64 characters")

    @property
    def record_key(self) -> tuple[str, str]:
        return (self.record_type, self.record_id)

    def happened_before(self, other: ChangeEvent) -> bool:
        """True if ``other`` was made by a replica that had already seen this event."""
        return other.context.includes(self.id)

    def causal_key(self) -> tuple[int, str, int]:
        """A sort key that lists causes before their effects, ties broken by event id (deterministic)."""
        return (self.context.total(), self.id.replica_id, self.id.counter)

    def to_dict(self) -> dict[str, Any]:
        """The canonical plain-data form (see :func:`encode_event`)."""
        data: dict[str, Any] = {
            "format": FORMAT,
            "replica": self.id.replica_id,
            "counter": self.id.counter,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "fields": thaw(self.fields),
            "context": self.context.to_dict(),
            "device_time": self.device_time.isoformat(),
            "author": self.author,
            "side": self.side,
        }
        if self.resolves:
            data["resolves"] = [[event_id.replica_id, event_id.counter] for event_id in self.resolves]
        if self.signature is not None:
            data["signature"] = self.signature
        if self.refused is not None:
            data["refused"] = self.refused
        return data

    @classmethod
    def from_dict(cls, data: Any) -> ChangeEvent:
        """Decode :meth:`to_dict`'s output, raising :class:`BadEventData` for anything malformed."""
        if not isinstance(data, Mapping):
            raise BadEventData("an event must be a JSON object")
        version = data.get("format")
        if isinstance(version, bool) or version != FORMAT:
            raise BadEventData("unknown event format (this motcua may be too old)")
        known = {"format", "replica", "counter", "record_type", "record_id", "fields", "context"}
        known |= {"device_time", "author", "side", "resolves", "signature", "refused"}
        extra = set(data) - known
        if extra:
            raise BadEventData(f"an event has unknown keys: {', '.join(sorted(map(str, extra)))}")
        missing = known - {"resolves", "signature", "refused"} - set(data)
        if missing:
            raise BadEventData(f"an event lacks: {', '.join(sorted(missing))}")
        device_time = data["device_time"]
        if not isinstance(device_time, str):
            raise BadEventData("an event's device time must be an ISO 8601 string")
        try:
            when = datetime.fromisoformat(device_time)
        except ValueError as exc:
            raise BadEventData("an event's device time is not an ISO 8601 date-time") from exc
        resolves = data.get("resolves", [])
        if not isinstance(resolves, list):
            raise BadEventData("an event's resolves must be a list of [replica id, counter] pairs")
        resolved = []
        for item in resolves:
            if not isinstance(item, list) or len(item) != 2:
                raise BadEventData("a resolved event id is a [replica id, counter] pair")
            resolved.append(EventId(item[0], item[1]))
        if not isinstance(data["fields"], Mapping):
            raise BadEventData("an event's fields must be a JSON object")
        return cls(
            id=EventId(data["replica"], data["counter"]),
            record_type=data["record_type"],
            record_id=data["record_id"],
            fields=data["fields"],
            context=VersionVector.from_dict(data["context"]),
            device_time=when,
            author=data["author"],
            side=data["side"],
            resolves=tuple(resolved),
            signature=data.get("signature"),
            refused=data.get("refused"),
        )


def encode_event(event: ChangeEvent) -> str:
    """Canonical JSON text of an event: sorted keys, no blanks, so equal events encode to equal text."""
    return canonical_json(event.to_dict())


def decode_event(text: str | bytes) -> ChangeEvent:
    """Parse :func:`encode_event`'s output; any malformed input raises :class:`BadEventData`."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BadEventData("an event is not valid JSON") from exc
    return ChangeEvent.from_dict(data)
