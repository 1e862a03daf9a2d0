"""Events a hostile paired desk makes under another desk's replica id (issue 14, finding 1): the next event of
``origin`` after those it holds, signed with a key that is not the origin's, unsigned, or carrying a real
signature of the origin's over other content (a tampered event)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from sync.change_events import ChangeEvent
from sync.device_keys import DeviceIdentity
from sync.event_signatures import sign_event
from sync.event_texts import EncodedEvent, decode_canonical, encoded
from sync.version_vectors import EventId

KINDS = ("other_key", "unsigned", "tampered")


def forge(
    texts: Iterable[str], origin: str, kind: str, *, signer: DeviceIdentity | None = None
) -> EncodedEvent:
    """A forged event under ``origin`` following the last of ``origin``'s events among ``texts``;
    ``other_key`` signs with ``signer``'s key (the hostile desk's own) or a fresh one."""
    held = [e for e in (decode_canonical(t).event for t in texts) if e.id.replica_id == origin]
    last: ChangeEvent = max(held, key=lambda e: e.id.counter)
    forged = dataclasses.replace(
        last,
        id=EventId(origin, last.id.counter + 1),
        fields={"applicant_phone": "0999999999"},
        context=last.context.with_event(last.id),
        resolves=(),
        signature=None,
    )
    if kind == "other_key":
        key = signer or DeviceIdentity.generate(origin)
        forged = sign_event(forged, DeviceIdentity(origin, key.signing_key, key.exchange_key))
    elif kind == "tampered":
        forged = dataclasses.replace(forged, signature=last.signature)
    elif kind != "unsigned":
        raise ValueError(f"unknown forgery {kind!r}")
    return encoded(forged)
