"""The sync bundle file: compressed, encrypted for one receiver, signed by its sender (a USB stick's payload).

Layout (all integers big-endian)::

    MAGIC (8 bytes) | header length (u32) | header (canonical JSON)
    | chunk* : length (u32) + AES-256-GCM ciphertext of up to CHUNK_SIZE bytes of the zstd stream
    | end marker: length 0 (u32)
    | Ed25519 signature (64 bytes) over SHA-256(MAGIC | header length | header | every chunk record | end)

The payload key comes from X25519 between a fresh ephemeral key (its public half is in the header) and the
receiver's exchange key, through HKDF bound to the header. Chunk nonces are the chunk index; the associated
data is the header digest, the index and a final flag, so chunks cannot be reordered, dropped or cut off.
The payload is a sequence of byte items (e.g. encoded change events), length-prefixed, then compressed.
Reading verifies the whole file's signature before yielding a single item.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import zstandard
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.device_keys import DeviceIdentity, DevicePublicKeys
from sync.durable_files import fsync_directory
from sync.errors import (
    BundleError,
    BundleTampered,
    BundleTooNew,
    BundleTruncated,
    BundleUnknownSender,
    BundleWrongReceiver,
    KeyFileError,
    NotABundle,
)

MAGIC = b"MCBNDL\x00\x01"
FORMAT_VERSION = 1
CHUNK_SIZE = 1 << 20
MAX_HEADER = 64 * 1024
_U32 = struct.Struct(">I")
_TAG = 16


@dataclass(frozen=True, slots=True)
class BundleHeader:
    """What a bundle says about itself, readable (after verification) without decrypting the payload."""

    format_version: int
    bundle_id: str
    sender: DevicePublicKeys
    receiver_replica_id: str
    receiver_fingerprint: str
    created_at: str
    """The sender's device clock, for information only."""
    ephemeral_public: bytes
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        doc = {
            "format_version": self.format_version,
            "bundle_id": self.bundle_id,
            "sender": self.sender.to_json(),
            "receiver_replica_id": self.receiver_replica_id,
            "receiver_fingerprint": self.receiver_fingerprint,
            "created_at": self.created_at,
            "ephemeral_public": base64.b64encode(self.ephemeral_public).decode("ascii"),
            "metadata": self.metadata,
        }
        return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes) -> BundleHeader:
        try:
            doc = json.loads(raw.decode("utf-8"))
            version = int(doc["format_version"])
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise NotABundle("this file is not a motcua sync bundle (its header is unreadable)") from exc
        if version > FORMAT_VERSION:
            raise BundleTooNew(
                f"this bundle was written by a newer motcua (bundle format {version}; this program reads "
                f"up to {FORMAT_VERSION}): update motcua on this workstation"
            )
        try:
            ephemeral = base64.b64decode(doc["ephemeral_public"], validate=True)
            if not isinstance(doc["metadata"], dict) or len(ephemeral) != 32:
                raise ValueError("bad header field")
            return cls(
                version,
                str(doc["bundle_id"]),
                DevicePublicKeys.from_json(doc["sender"]),
                str(doc["receiver_replica_id"]),
                str(doc["receiver_fingerprint"]),
                str(doc["created_at"]),
                ephemeral,
                doc["metadata"],
            )
        except (KeyError, TypeError, ValueError, KeyFileError) as exc:
            raise NotABundle("this file is not a motcua sync bundle (its header is incomplete)") from exc


def _payload_key(shared: bytes, header_digest: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=header_digest, info=b"motcua bundle v1").derive(
        shared
    )


def _nonce(index: int) -> bytes:
    return b"\x00\x00\x00\x00" + index.to_bytes(8, "big")


def _aad(header_digest: bytes, index: int, final: bool) -> bytes:
    return header_digest + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


class _ChunkWriter:
    """Collects the zstd stream, encrypts it in fixed-size chunks, writes and hashes the chunk records."""

    def __init__(self, out: IO[bytes], digest: Any, aead: AESGCM, header_digest: bytes) -> None:
        self._out, self._digest, self._aead, self._hd = out, digest, aead, header_digest
        self._buffer = bytearray()
        self._index = 0

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK_SIZE:
            self._emit(bytes(self._buffer[:CHUNK_SIZE]), final=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def finish(self) -> int:
        self._emit(bytes(self._buffer), final=True)
        self._buffer.clear()
        return self._index

    def _emit(self, plain: bytes, *, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._index), plain, _aad(self._hd, self._index, final))
        record = _U32.pack(len(sealed)) + sealed
        self._out.write(record)
        self._digest.update(record)
        self._index += 1


@dataclass(frozen=True, slots=True)
class BundleWritten:
    path: Path
    header: BundleHeader
    items: int
    size: int


def write_bundle(
    path: Path,
    items: Iterable[bytes],
    *,
    sender: DeviceIdentity,
    receiver: DevicePublicKeys,
    bundle_id: str,
    created_at: str,
    metadata: Mapping[str, Any] | None = None,
) -> BundleWritten:
    """Write ``items`` to a new bundle at ``path`` for ``receiver``, atomically (temp file, fsync, rename)."""
    ephemeral = X25519PrivateKey.generate()
    header = BundleHeader(
        FORMAT_VERSION,
        bundle_id,
        sender.public(),
        receiver.replica_id,
        receiver.fingerprint,
        created_at,
        ephemeral.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
        dict(metadata or {}),
    )
    header_bytes = header.to_bytes()
    if len(header_bytes) > MAX_HEADER:
        raise BundleError("the bundle header is too large")
    header_digest = hashlib.sha256(header_bytes).digest()
    aead = AESGCM(_payload_key(ephemeral.exchange(receiver.exchange_key()), header_digest))

    path = Path(path)
    temp = path.with_name(f".{path.name}.{bundle_id}.partial")
    count = 0
    try:
        with open(temp, "wb") as out:
            digest = hashlib.sha256()
            lead = MAGIC + _U32.pack(len(header_bytes)) + header_bytes
            out.write(lead)
            digest.update(lead)
            chunks = _ChunkWriter(out, digest, aead, header_digest)
            compressor = zstandard.ZstdCompressor(level=10).stream_writer(chunks, closefd=False)
            for item in items:
                compressor.write(_U32.pack(len(item)))
                compressor.write(item)
                count += 1
            compressor.flush(zstandard.FLUSH_FRAME)
            chunks.finish()
            end = _U32.pack(0)
            out.write(end)
            digest.update(end)
            out.write(sender.sign(digest.digest()))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
        fsync_directory(path.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return BundleWritten(path, header, count, path.stat().st_size)


def _read_exact(f: IO[bytes], n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise BundleTruncated("the bundle file ends early: it was not copied completely; copy it again")
    return data


def _read_lead(f: IO[bytes]) -> tuple[bytes, BundleHeader]:
    magic = f.read(len(MAGIC))
    if magic != MAGIC:
        if magic[:6] == MAGIC[:6]:
            raise BundleTooNew("this bundle was written by a newer motcua: update motcua on this workstation")
        raise NotABundle("this file is not a motcua sync bundle")
    (length,) = _U32.unpack(_read_exact(f, 4))
    if length > MAX_HEADER:
        raise NotABundle("this file is not a motcua sync bundle (its header is too large)")
    raw = _read_exact(f, length)
    return raw, BundleHeader.from_bytes(raw)


def read_bundle_header(path: Path) -> BundleHeader:
    """The header as written (not yet verified: use only to show what the file claims to be)."""
    with open(path, "rb") as f:
        return _read_lead(f)[1]


SenderLookup = Callable[[str], DevicePublicKeys | None]


def read_bundle(
    path: Path, *, receiver: DeviceIdentity, known_senders: SenderLookup | Mapping[str, DevicePublicKeys]
) -> tuple[BundleHeader, list[bytes]]:
    """Verify and decrypt a bundle made for ``receiver``; return its header and items.

    Nothing is returned unless the whole file verifies: the sender is known with these exact keys, its
    signature covers every byte, the bundle was made for this receiver's keys, every chunk decrypts in order
    and the stream ends with its final chunk.
    """
    lookup = known_senders.get if isinstance(known_senders, Mapping) else known_senders
    with open(path, "rb") as f:
        header_bytes, header = _read_lead(f)
        known = lookup(header.sender.replica_id)
        if known is None or known.fingerprint != header.sender.fingerprint:
            raise BundleUnknownSender(
                "this bundle was signed by a device this workstation does not know; it was not imported"
            )

        digest = hashlib.sha256()
        digest.update(MAGIC + _U32.pack(len(header_bytes)) + header_bytes)
        first_chunk = f.tell()
        chunk_count = 0
        while True:  # first pass: hash every byte, keep nothing
            length_bytes = _read_exact(f, 4)
            digest.update(length_bytes)
            (length,) = _U32.unpack(length_bytes)
            if length == 0:
                break
            if length > CHUNK_SIZE + _TAG:
                raise BundleTampered("the bundle is damaged or was changed: a chunk has an impossible size")
            digest.update(_read_exact(f, length))
            chunk_count += 1
        signature = _read_exact(f, 64)
        if f.read(1):
            raise BundleTampered("the bundle is damaged or was changed: there are bytes after its end")
        try:
            known.verifier().verify(signature, digest.digest())
        except InvalidSignature as exc:
            raise BundleTampered(
                "the bundle is damaged or was changed after it was written; nothing was imported"
            ) from exc
        mine = receiver.public()
        if header.receiver_replica_id != mine.replica_id or header.receiver_fingerprint != mine.fingerprint:
            raise BundleWrongReceiver(
                "this bundle was made for another workstation or store; export a new one for this workstation"
            )
        if chunk_count == 0:
            raise BundleTruncated("the bundle has no content: it was not written completely")

        header_digest = hashlib.sha256(header_bytes).digest()
        ephemeral = X25519PublicKey.from_public_bytes(header.ephemeral_public)
        aead = AESGCM(_payload_key(receiver.exchange_key.exchange(ephemeral), header_digest))
        decompressor = zstandard.ZstdDecompressor().decompressobj()
        plain = bytearray()
        f.seek(first_chunk)
        try:  # second pass: decrypt what was verified
            for index in range(chunk_count):
                (length,) = _U32.unpack(_read_exact(f, 4))
                sealed = _read_exact(f, length)
                chunk = aead.decrypt(
                    _nonce(index), sealed, _aad(header_digest, index, index == chunk_count - 1)
                )
                plain += decompressor.decompress(chunk)
        except InvalidTag as exc:
            raise BundleTampered(
                "the bundle could not be decrypted for this workstation; nothing was imported"
            ) from exc
        except zstandard.ZstdError as exc:
            raise BundleTampered("the bundle's content is damaged; nothing was imported") from exc
        if not decompressor.eof:
            raise BundleTruncated("the bundle's content ends early: it was not written completely")
    return header, _unframe(bytes(plain))


def _unframe(plain: bytes) -> list[bytes]:
    items: list[bytes] = []
    offset = 0
    while offset < len(plain):
        if offset + 4 > len(plain):
            raise BundleTampered("the bundle's content is damaged; nothing was imported")
        (length,) = _U32.unpack_from(plain, offset)
        offset += 4
        if offset + length > len(plain):
            raise BundleTampered("the bundle's content is damaged; nothing was imported")
        items.append(plain[offset : offset + length])
        offset += length
    return items
