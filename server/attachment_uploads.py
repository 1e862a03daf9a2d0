"""Attachments on the server: per commune, by SHA-256, uploaded in resumable chunks and checked at the end.

Decision: chunks are rows of the database (``attachment_chunks``, bytea/BLOB), not files in a data folder, so
that one PostgreSQL backup holds everything and a push and its attachments share one consistency story.
Each commune has its own copy of a hash (``(commune_code, sha256)`` keys): a workstation can only read what
a workstation of its commune uploaded, and proves it holds the content by uploading it.

What a commune may not send is refused in words before any byte is kept: a scan no dossier of the commune
names (another commune's, or none at all), a scan larger than ``[scans] max_scan_bytes``, a scan that would
take the commune past its quota (``[scans] commune_quota_bytes`` / ``commune_quotas``), and, at the last
chunk, bytes that do not have the announced hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from server.errors import BadInput, Conflict, Forbidden, NotFound, RequestTooLarge
from server.storage.interface import ServerStorage, Tx

SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024


class BadAttachmentHash(BadInput):
    code = "bad_attachment_hash"


class WrongOffset(Conflict):
    """A chunk does not start where the upload stands; ``expected`` is where it does."""

    code = "wrong_offset"

    def __init__(self, message: str, *, expected: int) -> None:
        super().__init__(message)
        self.expected = expected


class AttachmentMismatch(BadInput):
    """The uploaded bytes do not have the announced hash: the upload is dropped."""

    code = "attachment_hash_mismatch"


class UnknownAttachment(NotFound):
    code = "unknown_attachment"


class ScanTooLarge(RequestTooLarge):
    code = "scan_too_large"


class ScanQuotaExceeded(RequestTooLarge):
    """The commune's scans would take more room than its quota on the server."""

    code = "scan_quota_exceeded"


class ScanNotOfCommune(Forbidden):
    """No dossier of the workstation's commune names this scan (another commune's, or none)."""

    code = "scan_not_of_commune"


@dataclass(frozen=True, slots=True)
class UploadState:
    sha256: str
    size: int
    received: int
    complete: bool


def check_sha256(value: object) -> str:
    """A lowercase hex SHA-256, or ``BadAttachmentHash`` (no path tricks get past this)."""
    if not isinstance(value, str) or not SHA256_PATTERN.fullmatch(value):
        raise BadAttachmentHash("an attachment is named by its SHA-256: 64 lowercase hex digits")
    return value


def _check_size(size: int, limit: int) -> None:
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise BadInput("an attachment size is a whole number of bytes")
    if size > limit:
        raise ScanTooLarge(f"a scan may have at most {limit} bytes; this one has {size}")


def upload_states(storage: ServerStorage, commune: str, wanted: list[tuple[str, int]]) -> list[UploadState]:
    """For each (hash, size) the workstation holds, the server's state; complete ones are left out."""
    states: list[UploadState] = []
    with storage.transaction() as tx:
        for sha256, size in wanted:
            rows = tx.query(
                "SELECT size, received, complete FROM attachments WHERE commune_code = ? AND sha256 = ?",
                (commune, sha256),
            )
            if rows and int(rows[0][2]) == 1:
                continue
            received = int(rows[0][1]) if rows and int(rows[0][0]) == size else 0
            states.append(UploadState(sha256, size, received, False))
    return states


def put_chunk(
    storage: ServerStorage,
    commune: str,
    sha256: str,
    *,
    offset: int,
    size: int,
    data: bytes,
    now: dt.datetime,
    limit: int = MAX_ATTACHMENT_BYTES,
    quota: int | None = None,
    named_by_commune: bool = False,
) -> UploadState:
    """Store ``data`` at ``offset`` of the upload of ``sha256`` (``size`` bytes in all), in one transaction.

    An upload starts only if it fits the commune's ``quota`` (bytes, ``None``: no quota) and, with
    ``named_by_commune``, if a dossier event of the commune names the hash. The last chunk checks the whole
    content's hash; a mismatch drops the upload (``AttachmentMismatch``).
    """
    check_sha256(sha256)
    _check_size(size, limit)
    if offset < 0 or offset + len(data) > size:
        raise BadInput("this chunk does not fit in the attachment's announced size")
    with storage.scope_transaction(f"attachment:{commune}:{sha256}") as tx:
        rows = tx.query(
            "SELECT size, received, complete FROM attachments WHERE commune_code = ? AND sha256 = ?",
            (commune, sha256),
        )
        if rows and int(rows[0][2]) == 1:
            return UploadState(sha256, int(rows[0][0]), int(rows[0][0]), True)
        if rows and int(rows[0][0]) != size:  # a restarted upload with another size: start again
            tx.run("DELETE FROM attachment_chunks WHERE commune_code = ? AND sha256 = ?", (commune, sha256))
            tx.run("DELETE FROM attachments WHERE commune_code = ? AND sha256 = ?", (commune, sha256))
            rows = []
        received = int(rows[0][1]) if rows else 0
        if not rows:
            _check_may_start(tx, commune, sha256, size, quota=quota, named_by_commune=named_by_commune)
        if offset != received:
            raise WrongOffset(f"the upload stands at byte {received}", expected=received)
        if not data and size != 0:
            raise BadInput("an empty chunk")
        if not rows:
            tx.run(
                "INSERT INTO attachments (commune_code, sha256, size, received, complete, started_at)"
                " VALUES (?, ?, ?, 0, 0, ?)",
                (commune, sha256, size, storage.time_in(now)),
            )
        if data:
            tx.run(
                "INSERT INTO attachment_chunks (commune_code, sha256, start_offset, data)"
                " VALUES (?, ?, ?, ?)",
                (commune, sha256, offset, data),
            )
        received += len(data)
        complete = received == size
        mismatch = complete and _stored_digest(tx, commune, sha256) != sha256
        if not mismatch:
            tx.run(
                "UPDATE attachments SET received = ?, complete = ?, completed_at = ?"
                " WHERE commune_code = ? AND sha256 = ?",
                (received, int(complete), storage.time_in(now) if complete else None, commune, sha256),
            )
    if mismatch:
        with storage.transaction() as tx:
            tx.run("DELETE FROM attachment_chunks WHERE commune_code = ? AND sha256 = ?", (commune, sha256))
            tx.run("DELETE FROM attachments WHERE commune_code = ? AND sha256 = ?", (commune, sha256))
        raise AttachmentMismatch("the uploaded bytes do not have this SHA-256: the upload was dropped")
    return UploadState(sha256, size, received, complete)


def store_whole(
    storage: ServerStorage,
    tx: Tx,
    commune: str,
    data: bytes,
    *,
    now: dt.datetime,
    limit: int = MAX_ATTACHMENT_BYTES,
) -> str:
    """Store a whole file the server itself was given (e.g. a decision's file) in transaction ``tx``, complete
    at once; returns its SHA-256. Held already (complete): nothing is written; a partial upload of the same
    hash is replaced."""
    _check_size(len(data), limit)
    sha256 = hashlib.sha256(data).hexdigest()
    storage.lock_scope(tx, f"attachment:{commune}:{sha256}")
    rows = tx.query(
        "SELECT complete FROM attachments WHERE commune_code = ? AND sha256 = ?", (commune, sha256)
    )
    if rows and int(rows[0][0]) == 1:
        return sha256
    tx.run("DELETE FROM attachment_chunks WHERE commune_code = ? AND sha256 = ?", (commune, sha256))
    tx.run("DELETE FROM attachments WHERE commune_code = ? AND sha256 = ?", (commune, sha256))
    at = storage.time_in(now)
    tx.run(
        "INSERT INTO attachments (commune_code, sha256, size, received, complete, started_at, completed_at)"
        " VALUES (?, ?, ?, ?, 1, ?, ?)",
        (commune, sha256, len(data), len(data), at, at),
    )
    if data:
        tx.run(
            "INSERT INTO attachment_chunks (commune_code, sha256, start_offset, data) VALUES (?, ?, 0, ?)",
            (commune, sha256, data),
        )
    return sha256


def _check_may_start(
    tx: Tx, commune: str, sha256: str, size: int, *, quota: int | None, named_by_commune: bool
) -> None:
    if named_by_commune and not tx.query(
        "SELECT 1 FROM sync_events WHERE scope = ? AND body LIKE ? LIMIT 1", (commune, f"%{sha256}%")
    ):
        raise ScanNotOfCommune(
            "no dossier of this commune names this scan: a commune sends only its own dossiers' scans,"
            " after the dossiers themselves"
        )
    if quota is not None:
        held = commune_scan_bytes(tx, commune)
        if held + size > quota:
            raise ScanQuotaExceeded(
                f"the commune's scans would take {held + size} bytes on the server, over its quota of"
                f" {quota} bytes: ask the province to raise it"
            )


def commune_scan_bytes(tx: Tx, commune: str) -> int:
    """The room the commune's scans (complete or being uploaded) take, in bytes."""
    rows = tx.query("SELECT COALESCE(SUM(size), 0) FROM attachments WHERE commune_code = ?", (commune,))
    return int(rows[0][0])


def _stored_digest(tx: Tx, commune: str, sha256: str) -> str:
    digest = hashlib.sha256()
    for (chunk,) in tx.query(
        "SELECT data FROM attachment_chunks WHERE commune_code = ? AND sha256 = ? ORDER BY start_offset",
        (commune, sha256),
    ):
        digest.update(bytes(chunk))
    return digest.hexdigest()


def attachment_size(storage: ServerStorage, commune: str, sha256: str) -> int:
    """The size of a complete attachment of the commune, or ``UnknownAttachment``."""
    check_sha256(sha256)
    with storage.transaction() as tx:
        rows = tx.query(
            "SELECT size FROM attachments WHERE commune_code = ? AND sha256 = ? AND complete = 1",
            (commune, sha256),
        )
    if not rows:
        raise UnknownAttachment("no such attachment for this commune")
    return int(rows[0][0])


def read_chunks(storage: ServerStorage, commune: str, sha256: str) -> Iterator[bytes]:
    """The content of a complete attachment, chunk by chunk (one short transaction per chunk)."""
    attachment_size(storage, commune, sha256)
    offset = -1
    while True:
        with storage.transaction() as tx:
            rows = tx.query(
                "SELECT start_offset, data FROM attachment_chunks WHERE commune_code = ? AND sha256 = ?"
                " AND start_offset > ? ORDER BY start_offset LIMIT 1",
                (commune, sha256, offset),
            )
        if not rows:
            return
        offset = int(rows[0][0])
        yield bytes(rows[0][1])
