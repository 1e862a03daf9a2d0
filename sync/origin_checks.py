"""A replica as a desk's LAN session sees it: events from the other desk are taken only with proof of their
origin (issue 14, finding 1; the rules in ``docs/design.md`` §10).

For each event the receiving desk does not hold yet, with ``origin`` its replica and ``peer`` the paired desk
sending it (proven by the pinned TLS certificate):

- signed: the signature must be the origin's, by the key this desk knows for it (:mod:`sync.origin_keys`);
  a signature that does not verify is a forgery and refuses the batch; a revoked desk's event signed at or
  after its revocation too. An origin whose key no desk has told this one is *held*: not stored, left out of
  the batch (the events after it on the same record wait), taken when the key is known;
- unsigned (made before signatures, or by the province): taken from ``peer`` when ``peer`` made it (its
  certificate proves it, as a credential does to the server); under a desk whose key this desk knows, made by
  another desk, it refuses the batch (a desk passes on another desk's events only as that desk signed them);
  any other (the province's own events, an unknown origin) is held: it comes from the one that made it.

The province's refusal of an event (:mod:`sync.event_refusals`) is taken from a peer only when it carries
the province's signature (``province_key``, the province's keys the desk got at enrolment); one signed by
another key is a forgery; an unsigned one, or any with no province key known here, is held: it comes from the
province itself (a hostile desk must not be able to put a "refusal" in the place of another desk's event).

A refusal raises :class:`sync.errors.OriginRefused` in words (which desk sent it, which event id, why; never
a field value) before anything of the batch is stored.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sync.change_events import ChangeEvent
from sync.errors import OriginRefused
from sync.event_refusals import is_refusal, refusal_valid
from sync.event_signatures import signature_valid
from sync.event_texts import EncodedEvent
from sync.origin_keys import Directory, OriginKey, short
from sync.sync_session import ReceiveResult, Replica
from sync.version_vectors import VersionVector

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Report:
    new: int
    duplicates: int
    waiting: int


def event_words(event: ChangeEvent) -> str:
    return f"event {short(event.id.replica_id)}#{event.id.counter}"


class OriginCheckedReplica:
    """``inner`` taking events from the paired desk ``peer`` (replica id; ``peer_name`` for words) only with
    proof of their origin; ``keys()`` gives the origin keys known (read once per session).

    ``held`` counts the events left out for want of a known key; ``on_refusal(words)`` is told each refusal.
    """

    def __init__(
        self,
        inner: Replica,
        keys: Callable[[], Directory],
        *,
        peer: str,
        peer_name: str,
        on_refusal: Callable[[str], None] | None = None,
        province_key: Callable[[], bytes | None] = lambda: None,
    ) -> None:
        self._inner = inner
        self._province_key_source = province_key
        self._province_key: bytes | None = None
        self._keys_source = keys
        self._keys: Directory | None = None
        self._verifiers: dict[str, Ed25519PublicKey] = {}
        self.peer = peer
        self.peer_name = peer_name
        self._on_refusal = on_refusal
        self.held = 0
        self.checked = 0

    @property
    def replica_id(self) -> str:
        return self._inner.replica_id

    def vector(self) -> VersionVector:
        return self._inner.vector()

    def missing_encoded(self, vector: VersionVector) -> Sequence[str]:
        return self._inner.missing_encoded(vector)

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveResult:
        batch = list(events)
        if self._keys is None:
            self._keys = dict(self._keys_source())
            self._province_key = self._province_key_source()
        held = self._inner.vector()
        taken: list[EncodedEvent] = []
        for item in batch:
            event = item.event
            if event.id.counter <= held[event.id.replica_id]:
                taken.append(item)  # held here already: the store compares the texts
                continue
            if self._proven(item):
                taken.append(item)
            else:
                self.held += 1
        self.checked += len(batch)
        if not taken:
            return _Report(0, 0, 0)
        return self._inner.receive_encoded(taken)

    def _verifier(self, key: OriginKey) -> Ed25519PublicKey:
        verifier = self._verifiers.get(key.replica_id)
        if verifier is None:
            verifier = Ed25519PublicKey.from_public_bytes(base64.b64decode(key.signing))
            self._verifiers[key.replica_id] = verifier
        return verifier

    def _refuse(self, why: str) -> OriginRefused:
        words = (
            f"the events from {self.peer_name} were refused: {why}; nothing of that batch was kept. "
            f"{self.peer_name} may be writing under another desk's name: IT looks at it"
        )
        log.warning("lan origin check: %s", words)
        if self._on_refusal is not None:
            self._on_refusal(words)
        return OriginRefused(words)

    def _proven(self, item: EncodedEvent) -> bool:
        """True: take it; False: hold it; a forgery raises."""
        event = item.event
        origin = event.id.replica_id
        assert self._keys is not None
        key = self._keys.get(origin)
        if origin == self.replica_id:
            raise self._refuse(f"{event_words(event)} is under this desk's own identity; it never made it")
        if is_refusal(event):
            if event.signature is None or self._province_key is None:
                return False  # from the province itself
            if not refusal_valid(event, self._province_key):
                raise self._refuse(f"{event_words(event)} is a refusal the province did not sign")
            return True
        if event.signature is not None:
            if key is None:
                return False
            if not signature_valid(event, self._verifier(key), text=item.text):
                raise self._refuse(f"{event_words(event)} carries a signature that is not {key.label()}'s")
        elif origin != self.peer:
            if key is None:
                return False  # the province's own events, or an origin no desk vouched for: from their maker
            raise self._refuse(
                f"{event_words(event)} was made by {key.label()} and carries no signature of it: a desk "
                "passes on another desk's events only as that desk signed them"
            )
        revoked = None if key is None else key.revoked_time()
        if revoked is not None and event.device_time >= revoked:
            raise self._refuse(f"{event_words(event)} was made by {key.label()} after its revocation")
        return True
