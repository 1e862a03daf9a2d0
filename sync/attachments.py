"""Attachments (scans, photos, PDFs): content-addressed by SHA-256, encrypted at rest, deduplicated, streamed.

Layout decision: each attachment is one encrypted file in the store's attachments folder, and its metadata and
a per-file random 256-bit key live in a row of the encrypted database. Files rather than chunk rows because
large blobs in SQLite churn the WAL, make every backup and ``VACUUM`` copy them, and ``secure_delete`` would
rewrite their pages; a folder of opaque files is cheap to back up incrementally and to send by hash. The
database is the key's envelope: whoever can read the row can already read the data key, so storing the file
key in it loses nothing.

File format (version 1)::

    header = b"MCATT" || version (1 byte) || chunk_size (4 bytes, big-endian)
    chunk_i = AES-256-GCM(file_key, nonce_i, plaintext_i, aad = header || nonce_i)  (+16-byte tag)
    nonce_i = chunk index (8 bytes, big-endian) || final flag (1 byte) || 3 zero bytes

Every chunk but the last holds exactly ``chunk_size`` plaintext bytes; the last holds 0..chunk_size bytes and
is the only one sealed with the final flag, so reordering, dropping, truncating or appending chunks fails
authentication. A fresh key per file makes the counter nonces safe. The reader also checks the file length
against the recorded size and the SHA-256 of the whole content before it hands out the last chunk.

File names are random opaque ids, never the content hash (a plain hash would reveal which known document a
store holds). Content is only ever on disk encrypted, also while it is being written (``.part`` files).
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sync.connection import Connection, DriverError
from sync.durable_files import fsync_directory
from sync.errors import AttachmentError, AttachmentTooLarge, CorruptAttachment

FORMAT_VERSION = 1
MAGIC = b"MCATT"
HEADER_SIZE = len(MAGIC) + 1 + 4
TAG_SIZE = 16
DEFAULT_CHUNK_SIZE = 64 * 1024
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
PART_SUFFIX = ".part"
DEFAULT_MEDIA_TYPE = "application/octet-stream"

_SHA256 = re.compile(r"[0-9a-f]{64}")
_FILE_ID = re.compile(r"[0-9A-Za-z_-]{8,64}")
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")


def create_attachment_tables(conn: Connection) -> None:
    """Create the attachments metadata table (plain DDL, no transaction handling)."""
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS attachments (
            sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
            size INTEGER NOT NULL CHECK (size >= 0),
            media_type TEXT NOT NULL,
            created TEXT NOT NULL,
            file_id TEXT NOT NULL UNIQUE,
            file_key BLOB NOT NULL CHECK (length(file_key) = 32),
            chunk_size INTEGER NOT NULL CHECK (chunk_size > 0),
            format INTEGER NOT NULL
        )
        """
    )


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """What the store knows about one attachment."""

    sha256: str
    size: int
    media_type: str
    created: datetime


def _nonce(index: int, final: bool) -> bytes:
    return index.to_bytes(8, "big") + (b"\x01" if final else b"\x00") + b"\x00\x00\x00"


def _header(chunk_size: int) -> bytes:
    return MAGIC + bytes([FORMAT_VERSION]) + chunk_size.to_bytes(4, "big")


def _read_full(stream: BinaryIO, size: int) -> bytes:
    """Read up to ``size`` bytes, looping over short reads; fewer only at end of stream."""
    parts: list[bytes] = []
    wanted = size
    while wanted > 0:
        piece = stream.read(wanted)
        if piece is None:  # a non-blocking raw stream with nothing ready
            continue
        if isinstance(piece, str):
            raise TypeError("an attachment is read from a binary stream, not a text stream")
        if not piece:
            break
        if len(piece) > wanted:
            raise ValueError("the stream returned more bytes than were asked for")
        parts.append(bytes(piece))
        wanted -= len(piece)
    return b"".join(parts)


def _check_sha256(sha256: str) -> str:
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise ValueError("an attachment hash is 64 lower-case hexadecimal characters")
    return sha256


def _random_file_id() -> str:
    return secrets.token_hex(16)


class AttachmentStore:
    """Encrypted, deduplicated attachments in ``folder``, indexed in the database behind ``conn``."""

    def __init__(
        self,
        conn: Connection,
        folder: Path,
        *,
        now: Callable[[], datetime],
        max_bytes: int = DEFAULT_MAX_BYTES,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        new_file_id: Callable[[], str] = _random_file_id,
    ) -> None:
        if max_bytes < 0:
            raise ValueError("the attachment size limit cannot be negative")
        if not 1 <= chunk_size <= 16 * 1024 * 1024:
            raise ValueError("the chunk size must be between 1 byte and 16 MiB")
        self._conn = conn
        self._folder = Path(folder)
        self._now = now
        self.max_bytes = max_bytes
        self._chunk_size = chunk_size
        self._new_file_id = new_file_id
        self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    # -- adding ---------------------------------------------------------------------------------------------

    def add_path(self, path: Path | str, media_type: str | None = None) -> AttachmentInfo:
        """Add the file at ``path``; the media type defaults to a guess from its name."""
        path = Path(path)
        if media_type is None:
            media_type = mimetypes.guess_type(path.name)[0] or DEFAULT_MEDIA_TYPE
        with path.open("rb") as stream:
            if os.fstat(stream.fileno()).st_size > self.max_bytes:
                raise self._too_large()
            return self.add_stream(stream, media_type)

    def add_stream(self, stream: BinaryIO, media_type: str = DEFAULT_MEDIA_TYPE) -> AttachmentInfo:
        """Add the content of a binary stream, read once to its end in chunks.

        Returns the existing attachment's info when the same content is already stored (its media type and
        creation time stay those of the first copy). Raises :class:`AttachmentTooLarge` past the size limit,
        leaving nothing behind.
        """
        media_type = self._check_media_type(media_type)
        file_id = self._new_file_id()
        if not isinstance(file_id, str) or not _FILE_ID.fullmatch(file_id):
            raise AttachmentError("the attachment file id factory returned an unusable id")
        key = AESGCM.generate_key(bit_length=256)
        part = self._folder / (file_id + PART_SUFFIX)
        try:
            sha256, size = self._write_encrypted(stream, part, key)
            existing = self.info(sha256) if self.has(sha256) else None
            if existing is not None:
                return existing
            final = self._folder / file_id
            os.replace(part, final)
            fsync_directory(self._folder)
            created = self._now()
            try:
                self._conn.execute(
                    "INSERT INTO attachments (sha256, size, media_type, created, file_id, file_key,"
                    " chunk_size, format) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        sha256,
                        size,
                        media_type,
                        created.isoformat(),
                        file_id,
                        key,
                        self._chunk_size,
                        FORMAT_VERSION,
                    ),
                )
            except DriverError:
                final.unlink(missing_ok=True)
                if self.has(sha256):  # someone else stored the same content meanwhile
                    return self.info(sha256)
                raise
            return AttachmentInfo(sha256, size, media_type, created)
        finally:
            part.unlink(missing_ok=True)

    def _write_encrypted(self, stream: BinaryIO, part: Path, key: bytes) -> tuple[str, int]:
        aead = AESGCM(key)
        header = _header(self._chunk_size)
        digest = hashlib.sha256()
        size = 0
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(header)
            chunk = _read_full(stream, self._chunk_size)
            index = 0
            while True:
                size += len(chunk)
                if size > self.max_bytes:
                    raise self._too_large()
                digest.update(chunk)
                following = _read_full(stream, self._chunk_size) if len(chunk) == self._chunk_size else b""
                final = not following
                nonce = _nonce(index, final)
                out.write(aead.encrypt(nonce, chunk, header + nonce))
                if final:
                    break
                chunk = following
                index += 1
            out.flush()
            os.fsync(out.fileno())
        return digest.hexdigest(), size

    def _too_large(self) -> AttachmentTooLarge:
        return AttachmentTooLarge(f"an attachment may hold at most {self.max_bytes} bytes")

    @staticmethod
    def _check_media_type(media_type: str) -> str:
        if not isinstance(media_type, str):
            raise ValueError("a media type is text such as 'application/pdf'")
        normalised = media_type.strip().lower()
        if len(normalised) > 255 or not _MEDIA_TYPE.fullmatch(normalised):
            raise ValueError("a media type looks like 'application/pdf' or 'image/jpeg'")
        return normalised

    # -- looking up -----------------------------------------------------------------------------------------

    def has(self, sha256: str) -> bool:
        """Whether content with this SHA-256 is stored."""
        row = self._conn.execute(
            "SELECT 1 FROM attachments WHERE sha256 = ?", (_check_sha256(sha256),)
        ).fetchone()
        return row is not None

    def info(self, sha256: str) -> AttachmentInfo:
        """The metadata of a stored attachment; :class:`AttachmentError` if it is not stored."""
        row = self._conn.execute(
            "SELECT sha256, size, media_type, created FROM attachments WHERE sha256 = ?",
            (_check_sha256(sha256),),
        ).fetchone()
        if row is None:
            raise AttachmentError("no attachment with this hash is stored")
        return AttachmentInfo(row[0], row[1], row[2], datetime.fromisoformat(row[3]))

    def list(self) -> list[AttachmentInfo]:
        """Every stored attachment, oldest first."""
        rows = self._conn.execute(
            "SELECT sha256, size, media_type, created FROM attachments ORDER BY created, sha256"
        ).fetchall()
        return [AttachmentInfo(r[0], r[1], r[2], datetime.fromisoformat(r[3])) for r in rows]

    def open_attachment(self, sha256: str) -> AttachmentReader:
        """A streaming reader of the stored content that verifies every chunk and the final hash.

        Raises :class:`CorruptAttachment` (at open or while reading) on any mismatch; data already returned
        came from authenticated chunks, but the content is only complete once end of stream is reached.
        """
        row = self._conn.execute(
            "SELECT size, file_id, file_key, chunk_size, format FROM attachments WHERE sha256 = ?",
            (_check_sha256(sha256),),
        ).fetchone()
        if row is None:
            raise AttachmentError("no attachment with this hash is stored")
        size, file_id, key, chunk_size, version = row
        if version != FORMAT_VERSION:
            raise CorruptAttachment(f"unknown attachment format version {version}")
        try:
            handle = (self._folder / file_id).open("rb")
        except FileNotFoundError as exc:
            raise AttachmentError("the attachment's file is missing from the attachments folder") from exc
        try:
            return AttachmentReader(handle, bytes(key), sha256, size, chunk_size)
        except BaseException:
            handle.close()
            raise

    def read_bytes(self, sha256: str) -> bytes:
        """The whole verified content in memory (for small attachments)."""
        with self.open_attachment(sha256) as reader:
            return reader.read()

    # -- removing -------------------------------------------------------------------------------------------

    def remove(self, sha256: str) -> bool:
        """Forget an attachment and delete its file; False if it was not stored."""
        row = self._conn.execute(
            "SELECT file_id FROM attachments WHERE sha256 = ?", (_check_sha256(sha256),)
        ).fetchone()
        if row is None:
            return False
        self._conn.execute("DELETE FROM attachments WHERE sha256 = ?", (sha256,))
        (self._folder / row[0]).unlink(missing_ok=True)
        return True

    def sweep(self) -> int:
        """Delete leftovers of interrupted writes (``.part`` files, files without a row); returns how many.

        Call it when no other writer is adding attachments to this folder (e.g. when the store opens).
        """
        known = {r[0] for r in self._conn.execute("SELECT file_id FROM attachments")}
        removed = 0
        for entry in self._folder.iterdir():
            if entry.is_file() and entry.name not in known:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed


class AttachmentReader(io.RawIOBase):
    """Decrypts and verifies an attachment chunk by chunk; holds at most one chunk in memory."""

    def __init__(self, handle: BinaryIO, key: bytes, sha256: str, size: int, chunk_size: int) -> None:
        super().__init__()
        self._handle = handle
        self._aead = AESGCM(key)
        self._expected = sha256
        self._size = size
        self._chunk_size = chunk_size
        self._chunks = max(1, -(-size // chunk_size))
        self._header = _header(chunk_size)
        self._digest = hashlib.sha256()
        self._index = 0
        self._buffer = b""
        self._offset = 0
        expected_length = HEADER_SIZE + size + TAG_SIZE * self._chunks
        if os.fstat(handle.fileno()).st_size != expected_length:
            raise CorruptAttachment("the attachment's file has the wrong length (truncated or extended)")
        if _read_full(handle, HEADER_SIZE) != self._header:
            raise CorruptAttachment("the attachment's file header does not match")

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bool:
        if self._index >= self._chunks:
            return False
        final = self._index == self._chunks - 1
        plain_length = self._size - self._chunk_size * self._index if final else self._chunk_size
        sealed = _read_full(self._handle, plain_length + TAG_SIZE)
        if len(sealed) != plain_length + TAG_SIZE:
            raise CorruptAttachment("the attachment's file ends early")
        nonce = _nonce(self._index, final)
        try:
            plain = self._aead.decrypt(nonce, sealed, self._header + nonce)
        except InvalidTag as exc:
            raise CorruptAttachment(f"chunk {self._index} of the attachment fails verification") from exc
        self._digest.update(plain)
        if final:
            if _read_full(self._handle, 1):
                raise CorruptAttachment("the attachment's file has data after its last chunk")
            if self._digest.hexdigest() != self._expected:
                raise CorruptAttachment("the attachment's content does not match its hash")
        self._index += 1
        self._buffer = plain
        self._offset = 0
        return True

    def readinto(self, target: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(target).cast("B")
        while self._offset >= len(self._buffer):
            if not self._next_chunk():
                return 0
        count = min(len(view), len(self._buffer) - self._offset)
        view[:count] = self._buffer[self._offset : self._offset + count]
        self._offset += count
        return count

    def iter_chunks(self) -> Iterator[bytes]:
        """Yield the verified content one chunk at a time."""
        if self._offset < len(self._buffer):
            yield self._buffer[self._offset :]
            self._offset = len(self._buffer)
        while self._next_chunk():
            self._offset = len(self._buffer)
            if self._buffer:
                yield self._buffer

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
            self._buffer = b""
        super().close()
