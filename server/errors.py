"""The server package's exception tree: each error has a stable ``code``, an HTTP ``status`` and a message.

Messages never hold personal data (names, ID numbers, phones, addresses): only codes and ids.
"""

from __future__ import annotations

import errno
from typing import ClassVar


class ServerError(Exception):
    """Base of every error raised by the ``server`` package."""

    code: ClassVar[str] = "server_error"
    status: ClassVar[int] = 500

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class ConfigError(ServerError):
    """The configuration file is missing, unreadable or holds a wrong or unknown setting."""

    code = "config"


class StorageError(ServerError):
    """The server database cannot be opened or used."""

    code = "storage"


class DuplicateRow(StorageError):
    """A row with the same unique key exists already (mapped from the driver's own error)."""

    code = "duplicate_row"


class DatabaseUnavailable(StorageError):
    """The database does not answer now (restarting, unreachable, every connection busy): try again soon."""

    code = "database_unavailable"
    status = 503

    def __init__(self, message: str, *, retry_after: int = 5) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)})


class ConnectionLost(DatabaseUnavailable):
    """The database connection broke in the middle of a transaction (a restart): the transaction was rolled
    back, so the work may be run again on a fresh connection (``server.storage.lost_connections``)."""


class SchemaTooNew(StorageError):
    """The database was migrated by a newer server than this one."""

    code = "schema_too_new"


class DiskFull(StorageError):
    """The server's disk (or the database's) is full: nothing of the request was saved."""

    code = "disk_full"
    status = 507


def disk_full_in(exc: BaseException) -> DiskFull | None:
    """A :class:`DiskFull` if ``exc`` or an error behind it says the disk is full (``ENOSPC``, SQLite's
    ``SQLITE_FULL``, PostgreSQL's ``disk_full``), else ``None``; read without importing the drivers."""
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if (
            isinstance(error, DiskFull)
            or (isinstance(error, OSError) and error.errno == errno.ENOSPC)
            or getattr(error, "sqlite_errorcode", None) == _SQLITE_FULL
            or getattr(error, "sqlstate", None) == _PG_DISK_FULL
        ):
            return DiskFull(
                "the server's disk is full: nothing of this request was saved; try again later "
                "(the province's IT must free space)"
            )
        error = error.__cause__ or error.__context__
    return None


_SQLITE_FULL = 13
_PG_DISK_FULL = "53100"


class NotFound(ServerError):
    code = "not_found"
    status = 404


class UnknownProvince(NotFound):
    code = "unknown_province"


class UnknownCommune(NotFound):
    code = "unknown_commune"


class UnknownDevice(NotFound):
    code = "unknown_device"


class UnknownAccount(NotFound):
    code = "unknown_account"


class Conflict(ServerError):
    code = "conflict"
    status = 409


class AccountExists(Conflict):
    code = "account_exists"


class ReplicaAlreadyEnrolled(Conflict):
    """A replica id may be enrolled once: a restored or copied workstation takes a fresh one."""

    code = "replica_already_enrolled"


class NoSequenceBlockLeft(Conflict):
    """Every block of the commune's daily dossier numbers is held by a workstation."""

    code = "no_sequence_block_left"


class BadInput(ServerError):
    code = "invalid_request"
    status = 422


class WeakPassword(BadInput):
    code = "weak_password"


class BadDeviceKeys(BadInput):
    code = "bad_device_keys"


class EnrolmentRefused(ServerError):
    """An enrolment code is unknown, used, expired or for another commune; ``reason`` says which."""

    code = "enrolment_refused"
    status = 403

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class AuthError(ServerError):
    """The request carries no valid credentials."""

    code = "unauthenticated"
    status = 401

    def __init__(self, message: str) -> None:
        super().__init__(message, headers={"WWW-Authenticate": "Bearer"})


class DeviceRevoked(AuthError):
    code = "device_revoked"


class TokenExpired(AuthError):
    code = "token_expired"


class Forbidden(ServerError):
    """The credentials are valid, but this principal may not do this."""

    code = "forbidden"
    status = 403


class PracticeReplicaRefused(Forbidden):
    """A practice (training) workstation tried to enrol or send events: practice data has no legal value."""

    code = "practice_replica"


class RequestTooLarge(ServerError):
    code = "request_too_large"
    status = 413


class RateLimited(ServerError):
    code = "rate_limited"
    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)})
        self.retry_after = retry_after
