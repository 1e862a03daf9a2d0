"""Random secrets, their hashes at rest, and the bearer tokens built from them.

A bearer token is ``<kind>.<id>.<secret>``: the server finds the row by ``id`` and compares the SHA-256 of
``secret`` with the stored hash in constant time. Secrets are 256-bit random, so a fast hash suffices (a slow
KDF is for passwords, see ``server.passwords``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

DEVICE_TOKEN = "mcd"
"""Kind of a workstation's credential (from enrolment, valid until revoked)."""
SESSION_TOKEN = "mco"
"""Kind of an officer's login token (expires)."""

_SECRET_BYTES = 32
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{20,128}")


def new_secret() -> str:
    """A fresh 256-bit random secret, URL-safe base64 without padding."""
    return secrets.token_urlsafe(_SECRET_BYTES)


def hash_secret(secret: str) -> str:
    """The hex SHA-256 of a secret: what is stored instead of it."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    """Whether ``secret`` hashes to ``stored_hash``, compared in constant time."""
    return hmac.compare_digest(hash_secret(secret).encode("ascii"), stored_hash.encode("ascii", "replace"))


def make_token(kind: str, ident: str, secret: str) -> str:
    if kind not in (DEVICE_TOKEN, SESSION_TOKEN):
        raise ValueError(f"unknown token kind {kind!r}")
    if not _ID.fullmatch(ident) or not _SECRET.fullmatch(secret):
        raise ValueError("a token's id and secret are URL-safe base64 characters")
    return f"{kind}.{ident}.{secret}"


def parse_token(token: str) -> tuple[str, str, str] | None:
    """``(kind, id, secret)`` of a well-formed token, or ``None``."""
    if not isinstance(token, str) or len(token) > 256:
        return None
    parts = token.split(".")
    if len(parts) != 3:
        return None
    kind, ident, secret = parts
    if kind not in (DEVICE_TOKEN, SESSION_TOKEN) or not _ID.fullmatch(ident) or not _SECRET.fullmatch(secret):
        return None
    return kind, ident, secret
