"""Enrolling workstations: one-time codes, device credentials and each device's block of dossier numbers.

IT makes a code for a commune (random, shown once, stored hashed, expiring, single use). A workstation sends
it with its public device keys; it gets a device id, a secret credential and a block of the commune's daily
dossier numbers that no other current device of the commune holds (design §5, ``dossiers.code_allocation``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from dossiers.code_allocation import SequenceSpace, check_no_overlap, split_space
from dossiers.errors import SequenceOverlap
from dossiers.practice_marks import PRACTICE_REFUSAL, is_practice_replica
from dossiers.vietnam_time import vietnam_today
from server.credentials import DEVICE_TOKEN, hash_secret, make_token, new_secret
from server.errors import (
    BadDeviceKeys,
    BadInput,
    EnrolmentRefused,
    NoSequenceBlockLeft,
    PracticeReplicaRefused,
    UnknownCommune,
)
from server.storage.interface import ServerStorage
from server.storage.records import Commune, Device, EnrolmentCode, SequenceBlock
from sync.device_keys import DevicePublicKeys

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""32 symbols without the look-alikes I, O, 0 and 1: a code has 16 of them (80 bits), in groups of four."""
CODE_LENGTH = 16
MAX_LABEL_CHARS = 64
MAX_REPLICA_ID_CHARS = 64


def new_enrolment_code() -> str:
    """A fresh random code as IT reads it out: ``XXXX-XXXX-XXXX-XXXX``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_enrolment_code(text: str) -> str | None:
    """The code's 16 symbols (case, spaces and dashes ignored), or ``None`` if it cannot be a code."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t")
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return None
    return cleaned


def hash_enrolment_code(text: str) -> str | None:
    """The stored hash of a code as typed (``None`` if it cannot be a code)."""
    normal = normalise_enrolment_code(text)
    return None if normal is None else hashlib.sha256(normal.encode("ascii")).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """A new enrolment code: ``code`` is shown to IT once and never stored in clear."""

    code: str
    commune_code: str
    expires_at: dt.datetime


def issue_enrolment_code(
    storage: ServerStorage,
    commune_code: str,
    *,
    now: Callable[[], dt.datetime],
    new_id: Callable[[], str],
    ttl: dt.timedelta,
) -> IssuedCode:
    """Make and store (hashed) a single-use code for enrolling one workstation of ``commune_code``."""
    if storage.get_commune(commune_code) is None:
        raise UnknownCommune(f"no commune with code {commune_code} is loaded: run create-communes first")
    if ttl <= dt.timedelta(0):
        raise ValueError("an enrolment code must live for a positive time")
    code = new_enrolment_code()
    created = now()
    code_hash = hash_enrolment_code(code)
    assert code_hash is not None
    storage.add_enrolment_code(EnrolmentCode(new_id(), commune_code, code_hash, created, created + ttl))
    return IssuedCode(code, commune_code, created + ttl)


def choose_block(
    commune: Commune,
    blocks: Sequence[SequenceBlock],
    *,
    device_id: str,
    today: dt.date,
    block_count: int,
) -> SequenceBlock:
    """The block for a new device of ``commune``, given every block its devices ever held.

    The day's numbers are split into ``block_count`` blocks (``split_space``: 10 gives 0001–1000 …
    9001–9999). A new device takes the first block never held; failing that, one whose device was revoked
    before ``today`` (a device revoked today may still have printed numbers today). The result never shares
    a number with a block held, or released today, by another device (``check_no_overlap``).
    """
    slots = split_space(commune.agency, [str(i) for i in range(block_count)])
    busy = [b for b in blocks if b.released_on is None or b.released_on >= today]
    busy_slots = {b.slot for b in busy}
    ever = {b.slot for b in blocks}
    never_held = [i for i in range(block_count) if i not in ever]
    reusable = sorted({b.slot for b in blocks if b.slot < block_count} - busy_slots)
    busy_spaces = [SequenceSpace(commune.agency, b.device_id, b.first, b.last) for b in busy]
    for slot in never_held + reusable:
        space = SequenceSpace(commune.agency, device_id, slots[slot].first, slots[slot].last)
        try:
            check_no_overlap([*busy_spaces, space])
        except SequenceOverlap:
            continue  # the split changed since older blocks were given out
        return SequenceBlock(device_id, commune.code, slot, commune.agency, space.first, space.last, today)
    raise NoSequenceBlockLeft(
        f"every one of the {block_count} blocks of dossier numbers of commune {commune.code} is held by a "
        "workstation: revoke an old one (its block is free from the next day) or raise "
        "enrolment.sequence_blocks"
    )


@dataclass(frozen=True, slots=True)
class EnrolmentRequest:
    code: str
    commune_code: str
    label: str
    keys: DevicePublicKeys


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What a workstation gets back: ``credential`` is shown once, only its hash is stored."""

    device: Device
    credential: str
    commune: Commune
    block: SequenceBlock


def check_label(label: str) -> str:
    """A workstation label, trimmed: 1–64 printable characters."""
    if not isinstance(label, str):
        raise BadInput("a workstation label is text")
    text = unicodedata.normalize("NFC", label).strip()
    if not 1 <= len(text) <= MAX_LABEL_CHARS or not text.isprintable():
        raise BadInput(f"a workstation label has 1 to {MAX_LABEL_CHARS} printable characters")
    return text


def check_keys(keys: DevicePublicKeys) -> None:
    """Refuse a replica id that is not 1–64 ASCII letters, digits, '-' or '_', or keys that are not points."""
    rid = keys.replica_id
    if is_practice_replica(rid):
        raise PracticeReplicaRefused(f"enrolment refused: {PRACTICE_REFUSAL}")
    if not 1 <= len(rid) <= MAX_REPLICA_ID_CHARS or not all(
        ch.isascii() and (ch.isalnum() or ch in "-_") for ch in rid
    ):
        raise BadDeviceKeys(f"a replica id has 1 to {MAX_REPLICA_ID_CHARS} ASCII letters, digits, '-' or '_'")
    try:
        Ed25519PublicKey.from_public_bytes(keys.signing)
        X25519PublicKey.from_public_bytes(keys.exchange)
    except ValueError as exc:
        raise BadDeviceKeys("the device's public keys are not valid Ed25519 / X25519 keys") from exc


def enrol(
    storage: ServerStorage,
    request: EnrolmentRequest,
    *,
    now: Callable[[], dt.datetime],
    new_id: Callable[[], str],
    block_count: int,
) -> Enrolment:
    """Redeem the code and enrol the workstation (one transaction); raise ``EnrolmentRefused`` and kin."""
    label = check_label(request.label)
    check_keys(request.keys)
    code_hash = hash_enrolment_code(request.code)
    if code_hash is None:
        raise EnrolmentRefused("this is not an enrolment code (16 letters and digits)", reason="unknown")
    commune = storage.get_commune(request.commune_code)
    if commune is None:
        raise UnknownCommune(f"no commune with code {request.commune_code} is served here")
    at = now()
    secret = new_secret()
    device = Device(
        id=new_id(),
        commune_code=commune.code,
        replica_id=request.keys.replica_id,
        label=label,
        signing_key=base64.b64encode(request.keys.signing).decode("ascii"),
        exchange_key=base64.b64encode(request.keys.exchange).decode("ascii"),
        secret_hash=hash_secret(secret),
        enrolled_at=at,
    )
    today = vietnam_today(at)
    block = storage.enrol_device(
        code_hash,
        device,
        at,
        lambda c, blocks: choose_block(c, blocks, device_id=device.id, today=today, block_count=block_count),
    )
    stored = storage.get_commune(commune.code) or commune
    return Enrolment(device, make_token(DEVICE_TOKEN, device.id, secret), stored, block)


def revoke_device(storage: ServerStorage, device_id: str, *, now: Callable[[], dt.datetime]) -> Device:
    """Revoke a device: its next request is refused; its block is free for another device from tomorrow."""
    at = now()
    return storage.revoke_device(device_id, at, vietnam_today(at))


def sequence_space(block: SequenceBlock) -> SequenceSpace:
    """The block as ``dossiers.code_allocation`` uses it."""
    return SequenceSpace(block.agency, block.device_id, block.first, block.last)
