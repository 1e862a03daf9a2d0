"""Change events as their canonical text: stored, sent and received as the same characters.

An event's canonical text (:func:`~sync.change_events.encode_event`) is made once, where the event is made.
Replicas store it, send it as it is stored and keep what they receive as it arrived; an event is decoded only
where something needs its contents (a merge, a check). A received text is checked to be its event's canonical
form, so every replica holds the same characters for the same event and compares events by their text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sync.change_events import ChangeEvent, decode_event, encode_event
from sync.errors import BadEventData

_DECODER = json.JSONDecoder()
_CONTEXT_KEY = ',"context":'


@dataclass(frozen=True)
class EncodedEvent:
    """An event with its canonical text (as stored and sent)."""

    event: ChangeEvent
    text: str

    def __repr__(self) -> str:  # the text holds field values, which may be personal data
        return f"EncodedEvent({self.event!r})"


def encoded(event: ChangeEvent) -> EncodedEvent:
    """``event`` with its canonical text."""
    return EncodedEvent(event, encode_event(event))


def encoded_all(events: Iterable[ChangeEvent]) -> list[EncodedEvent]:
    """``events`` with their canonical texts (what ``receive`` takes from a caller holding only events)."""
    items = []
    for event in events:
        if not isinstance(event, ChangeEvent):
            raise BadEventData("receive takes ChangeEvent objects")
        items.append(encoded(event))
    return items


def _checked(data: object, text: str) -> EncodedEvent:
    event = ChangeEvent.from_dict(data)
    if encode_event(event) != text:
        raise BadEventData(f"event {event.id} is not in its canonical form")
    return EncodedEvent(event, text)


def decode_canonical(text: str | bytes) -> EncodedEvent:
    """Decode one event's canonical text; any other form of it raises :class:`BadEventData`."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BadEventData("an event is not valid JSON") from exc
    return _checked(data, text)


def join_event_texts(texts: Iterable[str]) -> str:
    """A JSON array of canonical event texts, as they are (what a sync batch carries)."""
    return "[" + ",".join(texts) + "]"


def split_event_texts(text: str) -> list[EncodedEvent]:
    """The events of :func:`join_event_texts`'s output, each with its exact characters from ``text``."""
    if text == "[]":
        return []
    if not text.startswith("["):
        raise BadEventData("an event list must be a JSON array")
    found: list[EncodedEvent] = []
    start = 1
    while True:
        try:
            data, end = _DECODER.raw_decode(text, start)
        except (ValueError, RecursionError) as exc:
            raise BadEventData("an event list is not a JSON array of canonical events") from exc
        found.append(_checked(data, text[start:end]))
        separator = text[end : end + 1]
        if separator == "]" and end + 1 == len(text):
            return found
        if separator != ",":
            raise BadEventData("an event list is not a JSON array of canonical events")
        start = end + 1


def context_total(text: str) -> int:
    """The sum of an event's context counters (the first part of its causal key), read from its canonical
    text without decoding the rest.

    In canonical text the only key before ``context`` is ``author``, a string, in which ``,"`` cannot occur.
    """
    if text.startswith('{"author":'):
        at = text.find(_CONTEXT_KEY)
        if at > 0:
            try:
                context, _ = _DECODER.raw_decode(text, at + len(_CONTEXT_KEY))
            except (ValueError, RecursionError):
                context = None
            if isinstance(context, dict) and all(
                isinstance(n, int) and not isinstance(n, bool) for n in context.values()
            ):
                return sum(context.values())
    return decode_event(text).context.total()
