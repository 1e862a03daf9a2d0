"""The sync protocol's version, shared by the desktop client and the provincial server.

Every HTTP request to the server carries ``X-Motcua-Protocol: <PROTOCOL_VERSION>``; a server that no longer
speaks the client's version answers 426 with ``{"error": "update_required", ...}``.
"""

from __future__ import annotations

PROTOCOL_VERSION = 1
"""Raise it whenever a message's shape or meaning changes in a way an older peer would misread."""

PROTOCOL_HEADER = "X-Motcua-Protocol"
UPDATE_REQUIRED = "update_required"
"""The ``error`` code of the server's answer to a client that is too old."""

_MAX_DIGITS = 6


def protocol_headers(version: int = PROTOCOL_VERSION) -> dict[str, str]:
    """The header a client adds to every request."""
    return {PROTOCOL_HEADER: str(version)}


def parse_protocol_version(value: str | None) -> int | None:
    """The version a header value states, or ``None`` if it is missing or not a plain whole number."""
    if value is None:
        return None
    text = value.strip()
    if not text or len(text) > _MAX_DIGITS or not text.isascii() or not text.isdigit():
        return None
    return int(text)
