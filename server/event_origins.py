"""Who may have made a pushed event: the origin checks of a commune's workstations (issue 14, finding 1).

A workstation's credential proves who is pushing, not who made each event: a desk relays its peers' events
(LAN, USB). So an event is accepted from a push only if its origin is proven:

- its origin is the pushing workstation itself (its credential is the proof; a signature, if any, must
  still be valid), or
- it carries a valid signature of its origin replica (:mod:`sync.event_signatures`), checked against the
  signing key that workstation gave at enrolment, or
- it is already held here with the same text (an event made before signatures existed and pushed by its
  origin then: the migration rule, ``docs/design.md``).

Every refusal is a 403 ``events_refused`` with the reason ``unproven_origin`` and says why in words.

A revoked workstation's events are taken only up to the highest counter of its events the server held when
it was revoked (``devices.revoked_counter``), never by the time the event states: that time is the desk's
own, and a stolen key signs any time. Its events above that counter (made after the revocation, or made
before it but never pushed) are not taken: :meth:`EventOrigins.revoked_late` tells them, and the push sets
them aside in the quarantine (reason ``revoked_origin``) where IT sees them, taking the rest of the batch.
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
    revoked_counter: int | None


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
            "SELECT replica_id, signing_key, revoked_at, revoked_counter FROM devices WHERE commune_code = ?",
            (commune,),
        )
        return cls(
            {
                str(r[0]): _Workstation(
                    _key(r[1]), storage.time_out(r[2]), None if r[3] is None else int(r[3])
                )
                for r in rows
            },
            pusher,
        )

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

    def revoked_late(self, event: ChangeEvent) -> bool:
        """Whether ``event`` (its origin checked) is of a revoked workstation and above the highest counter of
        it the server held at the revocation: never taken, whatever time it states."""
        workstation = self._workstations[event.id.replica_id]
        if workstation.revoked_at is None:
            return False
        return event.id.counter > (workstation.revoked_counter or 0)


def _key(text: object) -> Ed25519PublicKey | None:
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(str(text), validate=True))
    except (binascii.Error, ValueError):
        return None
