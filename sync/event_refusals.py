"""The province's refusal of one event: it takes the refused event's place, so nothing after it is blocked.

An event is identified by its origin and counter, and each origin's events apply in counter order. If the
province refused an event by dropping it, every later event of that origin would wait for it for ever. So
the province stores a *refusal* under the refused event's id instead: the same id, record, context, time,
author and side, no field set, and the reason code (:attr:`ChangeEvent.refused`). It applies like any event
(it changes nothing), travels on every path events travel (pull, LAN peers, USB bundles), and is signed with
the province's key where the province has one, so a desk can tell a refusal the province made from one a
hostile peer made up.

Where the refused event's text is already held (its origin, or a desk that got it from a peer first), the
held text stays and the refusal counts as a duplicate: the refused values stay only where they were typed or
relayed, and the province, the officers and every other desk never see them.
"""

from __future__ import annotations

import base64
import dataclasses

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sync.change_events import ChangeEvent
from sync.device_keys import DeviceIdentity
from sync.event_signatures import signature_valid, signed_bytes


def refusal_of(event: ChangeEvent, reason: str, signer: DeviceIdentity | None = None) -> ChangeEvent:
    """The refusal that takes ``event``'s place, signed by ``signer`` (the province's keys) if given."""
    refusal = dataclasses.replace(event, fields={}, resolves=(), signature=None, refused=reason)
    if signer is None:
        return refusal
    signature = base64.b64encode(signer.sign(signed_bytes(refusal))).decode("ascii")
    return dataclasses.replace(refusal, signature=signature)


def is_refusal(event: ChangeEvent) -> bool:
    return event.refused is not None


def refusal_valid(refusal: ChangeEvent, province_key: bytes | Ed25519PublicKey) -> bool:
    """True if ``refusal`` is a refusal signed by the province whose signing key is ``province_key``."""
    return is_refusal(refusal) and signature_valid(refusal, province_key)


def one_is_refusal_of_other(a: ChangeEvent, b: ChangeEvent) -> bool:
    """True if one of two different texts under one id is the province's refusal of the other's event."""
    return a.id == b.id and (is_refusal(a) != is_refusal(b))


@dataclasses.dataclass(frozen=True)
class RefusedEvent:
    """One event the province refused: its id, the reason code and the reason in words (never a value)."""

    event: str
    """``replica:counter``."""
    reason: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"event": self.event, "reason": self.reason, "message": self.message}

    @classmethod
    def from_dict(cls, data: object) -> RefusedEvent | None:
        """Read one entry of a push acknowledgement; ``None`` if it is not one (ignored, never fatal)."""
        if not isinstance(data, dict):
            return None
        values = [data.get(key) for key in ("event", "reason", "message")]
        if not all(isinstance(value, str) and 0 < len(value) <= 500 for value in values):
            return None
        return cls(*values)  # type: ignore[arg-type]
