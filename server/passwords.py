"""Officers' passwords, hashed with Argon2id (``cryptography``) and stored in the PHC string format.

``$argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>`` (base64 without padding): the parameters
travel with each hash, so raising them later only affects new hashes (see ``needs_rehash``).
"""

from __future__ import annotations

import base64
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from server.errors import WeakPassword

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1024
_SALT_BYTES = 16
_HASH_BYTES = 32
_PHC = re.compile(
    r"\$argon2id\$v=19\$m=(\d{1,8}),t=(\d{1,4}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)"
)


@dataclass(frozen=True, slots=True)
class PasswordParams:
    """Argon2id costs: memory in KiB, passes, and lanes (parallelism)."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def __post_init__(self) -> None:
        if self.iterations < 1 or self.lanes < 1 or self.memory_kib < 8 * self.lanes:
            raise ValueError("Argon2id needs iterations ≥ 1, lanes ≥ 1 and memory ≥ 8 KiB per lane")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _password_bytes(password: str) -> bytes:
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _kdf(salt: bytes, params: PasswordParams) -> Argon2id:
    return Argon2id(
        salt=salt,
        length=_HASH_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )


def check_password_strength(password: str) -> None:
    """Raise ``WeakPassword`` unless the password has 10 to 1024 characters (after NFC normalisation)."""
    if not isinstance(password, str):
        raise TypeError("a password is text")
    length = len(unicodedata.normalize("NFC", password))
    if length < MIN_PASSWORD_CHARS:
        raise WeakPassword(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
    if length > MAX_PASSWORD_CHARS:
        raise WeakPassword(f"a password has at most {MAX_PASSWORD_CHARS} characters")


def hash_password(password: str, params: PasswordParams) -> str:
    """A new PHC-format Argon2id hash of ``password`` with a random salt."""
    check_password_strength(password)
    salt = os.urandom(_SALT_BYTES)
    digest = _kdf(salt, params).derive(_password_bytes(password))
    return (
        f"$argon2id$v=19$m={params.memory_kib},t={params.iterations},p={params.lanes}"
        f"${_b64(salt)}${_b64(digest)}"
    )


def _parse(stored: str) -> tuple[PasswordParams, bytes, bytes] | None:
    match = _PHC.fullmatch(stored) if isinstance(stored, str) else None
    if match is None:
        return None
    try:
        params = PasswordParams(int(match[1]), int(match[2]), int(match[3]))
        return params, _unb64(match[4]), _unb64(match[5])
    except ValueError:
        return None


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the stored hash (Argon2id's own constant-time comparison)."""
    parsed = _parse(stored)
    if parsed is None or not isinstance(password, str) or len(password) > MAX_PASSWORD_CHARS:
        return False
    params, salt, digest = parsed
    try:
        _kdf(salt, params).verify(_password_bytes(password), digest)
    except InvalidKey:
        return False
    return True


def needs_rehash(stored: str, params: PasswordParams) -> bool:
    """Whether the stored hash was made with other costs than ``params``."""
    parsed = _parse(stored)
    return parsed is None or parsed[0] != params


@lru_cache(maxsize=8)
def dummy_hash(params: PasswordParams) -> str:
    """A hash to verify against when the user name is unknown, so that both cases take the same time."""
    return hash_password("motcua-no-such-account", params)
