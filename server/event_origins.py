"""Who may have made a pushed event: the origin checks of a commune's workstations (issue 14, finding 1).

A workstation's credential proves who is pushing, not who made each event: a desk relays its peers' events
(LAN, USB). So an event is accepted from a push only if its origin is proven:

- its origin is the pushing workstation itself (its credential is the proof; a signature, if any, must
  still be valid), or
- it carries a valid signature of its origin replica (:mod:`sync.event_signatures`), checked against the
  signing key that workstation gave at enrolment, or
- it is already held here with the same text (an event made before signatures existed and pushed by its
  origin then: the migration rule, ``docs/design.md``).

An event under a revoked workstation's replica id made after the revocation (by its signed device time) is
refused. Every refusal is a 403 ``events_refused`` with the reason ``unproven_origin`` and says why in words.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from server.errors import Forbidden
from server.storage.interface import ServerStorage, Tx
from sync.change_events import ChangeEvent
from sync.event_signatures import signature_valid

REASON = "unproven_origin"


class UnprovenOrigin(Forbidden):
    """A pushed event whose origin is not proven; nothing of its batch is stored."""

    code = "events_refused"
    reason = REASON


@dataclass(frozen=True, slots=True)
class _Workstation:
    signing_key: Ed25519PublicKey | None
    revoked_at: dt.datetime | None


class EventOrigins:
    """The workstations of one commune as origins of events pushed by ``pusher`` (its replica id; ``None``
    for the server's own in-process callers, which push nothing from outside: unsigned events pass)."""

    def __init__(self, workstations: dict[str, _Workstation], pusher: str | None) -> None:
        self._workstations = workstations
        self.pusher = pusher

    @classmethod
    def load(cls, storage: ServerStorage, tx: Tx, commune: str, pusher: str | None) -> EventOrigins:
        """The commune's workstations (revoked ones too: their earlier events may still be relayed)."""
        rows = tx.query(
            "SELECT replica_id, signing_key, revoked_at FROM devices WHERE commune_code = ?", (commune,)
        )
        return cls({str(r[0]): _Workstation(_key(r[1]), storage.time_out(r[2])) for r in rows}, pusher)

    def __contains__(self, replica_id: object) -> bool:
        return replica_id in self._workstations

    def check(self, event: ChangeEvent) -> None:
        """Raise :class:`UnprovenOrigin` unless ``event`` (new here, from a workstation of the commune) is
        proven to come from its origin replica."""
        origin = event.id.replica_id
        workstation = self._workstations[origin]
        if event.signature is not None:
            if workstation.signing_key is None or not signature_valid(event, workstation.signing_key):
                raise UnprovenOrigin(
                    f"event {event.id} carries a signature that is not its workstation's: refused"
                )
        elif self.pusher is not None and origin != self.pusher:
            raise UnprovenOrigin(
                f"event {event.id} was made by another workstation and carries no signature of it: a "
                "workstation may send another's events only as that workstation signed them"
            )
        if workstation.revoked_at is not None and event.device_time >= workstation.revoked_at:
            raise UnprovenOrigin(
                f"event {event.id} was made by a revoked workstation after its revocation: refused"
            )


def _key(text: object) -> Ed25519PublicKey | None:
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(str(text), validate=True))
    except (binascii.Error, ValueError):
        return None
