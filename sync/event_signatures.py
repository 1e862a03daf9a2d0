"""Proof of an event's origin: the replica that makes an event signs it with its device key (Ed25519).

The signature covers the event's canonical text without its ``signature`` key (:func:`signed_bytes`) and is
kept inside the event, so its canonical text carries it: every path that moves event texts (push, pull, USB
bundles, LAN peers) moves the signature with the event, and a relay keeps the text exactly as received, so
whoever gets it later (the province above all) can still check it against the origin's public key.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sync.change_events import ChangeEvent, encode_event
from sync.device_keys import DeviceIdentity


def signed_bytes(event: ChangeEvent) -> bytes:
    """What an event's signature covers: its canonical text without the signature, in UTF-8."""
    return encode_event(dataclasses.replace(event, signature=None)).encode("utf-8")


def signed_bytes_of_text(event: ChangeEvent, text: str) -> bytes:
    """:func:`signed_bytes` of ``event`` from its canonical ``text`` (as received and checked canonical): the
    signature is the text's last key, so cutting it off gives the text it covers without encoding again."""
    if event.signature is not None:
        tail = ',"signature":"' + event.signature + '"}'
        if text.endswith(tail):
            return (text[: -len(tail)] + "}").encode("utf-8")
    return signed_bytes(event)


def sign_event(event: ChangeEvent, identity: DeviceIdentity) -> ChangeEvent:
    """``event`` signed by ``identity`` (which must be the event's origin replica)."""
    if identity.replica_id != event.id.replica_id:
        raise ValueError("a replica signs only the events it makes")
    signature = base64.b64encode(identity.sign(signed_bytes(event))).decode("ascii")
    return dataclasses.replace(event, signature=signature)


def signature_valid(
    event: ChangeEvent, signing_key: bytes | Ed25519PublicKey, *, text: str | None = None
) -> bool:
    """True if ``event`` carries a signature made by the private half of ``signing_key`` over its text
    (``text``: the event's canonical text, when at hand, spares encoding it again)."""
    if event.signature is None:
        return False
    try:
        raw = base64.b64decode(event.signature, validate=True)
        key = (
            signing_key
            if isinstance(signing_key, Ed25519PublicKey)
            else Ed25519PublicKey.from_public_bytes(signing_key)
        )
        key.verify(raw, signed_bytes(event) if text is None else signed_bytes_of_text(event, text))
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True
