"""Synthetic dossier histories made as change events directly (no desk writes, so a history of 100,000
events costs seconds): new dossiers from one desk, and edits by a second desk of records the first made."""

from __future__ import annotations

from collections.abc import Iterator

from sync.change_events import ChangeEvent, encode_event
from sync.event_texts import EncodedEvent
from sync.version_vectors import EventId, VersionVector
from tests.helpers.live_desks import T0, dossier_fields


def record_id(commune: str, origin: str, number: int) -> str:
    return f"{commune}-{origin}-{number:06d}"


def new_dossiers(origin: str, commune: str, count: int, *, first: int = 1) -> Iterator[EncodedEvent]:
    """``count`` new dossiers, one event each, counters ``first`` … (as a desk writes them)."""
    for number in range(first, first + count):
        event = ChangeEvent(
            id=EventId(origin, number),
            record_type="dossier",
            record_id=record_id(commune, origin, number),
            fields=dossier_fields(commune, number),
            context=VersionVector(),
            device_time=T0,
            author="clerk-1",
            side="desk",
        )
        yield EncodedEvent(event, encode_event(event))


def edits_of(origin: str, author_origin: str, commune: str, count: int) -> Iterator[EncodedEvent]:
    """``origin``'s edit of each of the first ``count`` dossiers ``author_origin`` made (each depends on
    the dossier's first event: its context names it)."""
    for number in range(1, count + 1):
        event = ChangeEvent(
            id=EventId(origin, number),
            record_type="dossier",
            record_id=record_id(commune, author_origin, number),
            fields={"fee": number},
            context=VersionVector({author_origin: number}),
            device_time=T0,
            author="clerk-2",
            side="desk",
        )
        yield EncodedEvent(event, encode_event(event))
