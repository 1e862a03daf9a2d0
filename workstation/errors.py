"""The workstation package's one exception tree: every error it raises on purpose is a ``WorkstationError``.

Messages name settings, codes and reasons, never a person (they may reach logs and IT's screen).
"""

from __future__ import annotations


class WorkstationError(Exception):
    """Something this workstation cannot do as asked (the message says what, naming no person)."""


class SettingsError(WorkstationError, ValueError):
    """A setting has a value the desk cannot use (the message names the setting, never a person)."""


class SessionSetupError(WorkstationError, ValueError):
    """The store lacks what the desk needs to receive dossiers (the message names no person)."""


class UnlockRefused(WorkstationError):
    """The login or passphrase is wrong, or the desk must wait ``retry_after`` seconds before a new try."""

    def __init__(self, reason: str, retry_after: float) -> None:
        super().__init__(f"unlock refused ({reason})")
        self.reason = reason  # "wrong" or "locked"
        self.retry_after = retry_after


class DeskEnrolmentError(WorkstationError):
    """The enrolment cannot be kept on this desk; ``reason``: no_site, wrong_commune, already_enrolled,
    wrong_store or bad_answer. The message names codes only, never a person."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class DamagedStore(WorkstationError):
    """The store's database is missing, empty, cut short or damaged; it was left untouched (IT restores a
    backup). ``reason``: missing, empty, truncated, unreadable or corrupt (as ``sync.errors.StoreDamaged``).
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class UpdateRefused(WorkstationError):
    """A release from the province was refused: its signature, its version (older than the one in use, or
    replayed metadata) or its files do not check out. ``reason``: untrusted, rollback, tampered, expired,
    unreachable, communes (its communes list is not usable here). Nothing of it was staged."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
