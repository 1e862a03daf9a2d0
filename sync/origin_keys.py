"""Which signing key proves an event's origin: a replica's directory of origin keys (issue 14, finding 1).

A desk checks the events another desk sends it against the Ed25519 public key of each event's origin
replica (:mod:`sync.origin_checks`). It knows those keys from, most trusted first:

- ``own``: its own device key;
- ``province``: the province's list of the commune's enrolled desks (with their revocations);
- ``pairing``: what a desk said of itself over the pinned pairing channel (or, for a desk paired before keys
  were exchanged, over the pinned sync channel);
- ``vouched``: what a paired desk said it knows of a third desk (``via`` names it), passed on desk to desk.

:func:`learn` puts a key in: a key from a less trusted source never replaces one from a more trusted source;
the province's replaces the others. Two sources giving different keys for one replica is a *conflict*: it
comes back in words (naming the desks, never anything personal) for IT, since one of them is lying or a desk
was set up again under the same identity.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from sync.errors import BadEventData

OWN, PROVINCE, PAIRING, VOUCHED = "own", "province", "pairing", "vouched"
RANK = {OWN: 3, PROVINCE: 2, PAIRING: 1, VOUCHED: 0}
SOURCE_WORDS = {
    OWN: "this desk itself",
    PROVINCE: "the province",
    PAIRING: "its pairing",
    VOUCHED: "another desk",
}


def short(replica_id: str) -> str:
    """A replica id as words show it (its first 8 characters)."""
    return replica_id[:8]


def check_signing_key(text: object) -> str:
    """``text`` if it is an Ed25519 public key in base64 (32 bytes); :class:`BadEventData` otherwise."""
    try:
        raw = base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raise BadEventData("a signing key is not base64") from None
    if len(raw) != 32:
        raise BadEventData("a signing key has 32 bytes")
    return str(text)


@dataclass(frozen=True, slots=True)
class OriginKey:
    """The signing key known for one replica, where it came from, and its revocation (from the province)."""

    replica_id: str
    signing: str
    """Ed25519 public key, base64."""
    source: str
    name: str = ""
    """The desk's name when a desk gave it (pairing), for words; never personal."""
    via: str = ""
    """For a ``vouched`` key: the replica id of the paired desk that passed it on."""
    revoked_at: str | None = None
    """ISO time of its revocation (the province's word only): its events signed at or after it are refused."""

    def __post_init__(self) -> None:
        if self.source not in RANK:
            raise BadEventData(f"unknown origin key source {self.source!r}")
        check_signing_key(self.signing)

    def revoked_time(self) -> datetime | None:
        return None if self.revoked_at is None else datetime.fromisoformat(self.revoked_at)

    def label(self) -> str:
        return f"{self.name} ({short(self.replica_id)})" if self.name else f"desk {short(self.replica_id)}"


Directory = Mapping[str, OriginKey]


def encode_directory(keys: Directory) -> str:
    return json.dumps({rid: asdict(keys[rid]) for rid in sorted(keys)}, sort_keys=True)


def decode_directory(text: str | None) -> dict[str, OriginKey]:
    if not text:
        return {}
    try:
        data = json.loads(text)
        return {str(rid): OriginKey(**doc) for rid, doc in data.items()}
    except (ValueError, TypeError, AttributeError, BadEventData):
        raise BadEventData("the stored origin keys are damaged") from None


def learn(keys: Directory, new: OriginKey, *, giver: str) -> tuple[dict[str, OriginKey], str | None]:
    """``keys`` with ``new`` learnt from ``giver`` (words: "the province", "paired desk X"), and the conflict
    in words if ``giver`` gives another key than the one known."""
    found = dict(keys)
    held = found.get(new.replica_id)
    if held is None:
        found[new.replica_id] = new
        return found, None
    name = held.name or new.name
    if held.signing == new.signing:
        better = new if RANK[new.source] > RANK[held.source] else held
        revoked = new.revoked_at if new.source == PROVINCE else held.revoked_at
        found[new.replica_id] = replace(better, name=name, revoked_at=revoked)
        return found, None
    conflict = (
        f"{giver} gives {held.label()} another signing key than the one this desk got from "
        f"{SOURCE_WORDS[held.source]}" + (f" (through {short(held.via)})" if held.via else "") + ": "
    )
    if held.source != OWN and new.source != VOUCHED and RANK[new.source] >= RANK[held.source]:
        found[new.replica_id] = replace(new, name=name)
        return found, conflict + (
            f"{giver}'s key is used from now on; events that desk's old key signed are refused. One of the "
            "two lied or the desk was set up again under the same identity: IT looks at both desks."
        )
    return found, conflict + (
        "the key known is kept and events signed by the other are refused. A desk may be trying to write "
        "under another desk's name: IT looks at it."
    )
