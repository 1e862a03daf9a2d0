"""The shapes of sync session messages: framed, versioned, transport-neutral bytes.

A message stream is a sequence of frames::

    header length (u32, big-endian) | header (canonical JSON object) | payload (header["size"] bytes, or none)

Every header carries ``"protocol": PROTOCOL_VERSION`` and a ``"type"``. A *batch* frame's payload is the
JSON array of its change events' canonical texts, as the sender stores them, zstd-compressed; its header
gives the event count, the compressed and raw sizes and the SHA-256 of the compressed payload, all checked
before a single event is decoded.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import zstandard

from sync.change_events import canonical_json
from sync.errors import BadEventData, BadSyncMessage, BatchTooLarge, ProtocolMismatch, SyncInterrupted
from sync.event_texts import EncodedEvent, join_event_texts, split_event_texts
from sync.protocol_version import PROTOCOL_VERSION
from sync.version_vectors import VersionVector

DEFAULT_BATCH_SIZE = 500
MAX_BATCH_EVENTS = 20_000
MAX_HEADER = 64 * 1024
MAX_PAYLOAD = 32 * 1024 * 1024
"""Largest compressed batch accepted."""
MAX_RAW = 128 * 1024 * 1024
"""Largest decompressed batch accepted (a guard against decompression bombs); a receiver may set less."""
MAX_BATCH_CHARS = 1024 * 1024
"""A batch is cut once its events' texts reach this many characters (at most 4 MiB of UTF-8, under any
receiver's raw limit), however few events it holds."""
MAX_RATIO = 256
"""Largest ratio of a batch's declared raw size to its compressed size (real batches stay far below)."""
COMPRESSION_LEVEL = 9
"""zstd level of the batches a responder sends (the server's pulls, served to many desks at once)."""
PUSH_COMPRESSION_LEVEL = 17
"""zstd level of the batches an initiator pushes: a desk sends its own events, usually over its slowest link,
and has the CPU to spare. Level 17 (zstd's optimal parser) costs ~0.2 ms per dossier and its batches are
3–6% smaller than level 9's (docs/benchmarks.md, issue 12's push): on a 256 kbit/s link that is time saved.
The receiver's work does not depend on the level."""
_U32 = struct.Struct(">I")

# Message types.
HELLO = "hello"
HELLO_REPLY = "hello_reply"
PUSH = "push"
PUSH_ACK = "push_ack"
PULL = "pull"
PULL_REPLY = "pull_reply"
BATCH = "batch"
END = "end"
ERROR = "error"


@dataclass(frozen=True)
class Frame:
    """One decoded frame: its header (already checked for the protocol version) and its payload."""

    header: Mapping[str, Any]
    payload: bytes = b""

    @property
    def type(self) -> str:
        return str(self.header["type"])


def encode_frame(kind: str, fields: Mapping[str, Any] | None = None, payload: bytes = b"") -> bytes:
    """One frame of type ``kind`` with extra header ``fields`` and an optional payload."""
    header: dict[str, Any] = {**(fields or {}), "protocol": PROTOCOL_VERSION, "type": kind}
    if payload:
        header["size"] = len(payload)
    raw = canonical_json(header).encode("utf-8")
    if len(raw) > MAX_HEADER:
        raise BadSyncMessage("a sync message header is too large")
    return _U32.pack(len(raw)) + raw + payload


def encode_batch(seq: int, texts: Sequence[str], *, level: int = COMPRESSION_LEVEL) -> bytes:
    """A batch frame numbered ``seq`` (from 1) of events' canonical texts, sent as they are, compressed, with
    a checksum."""
    if not texts:
        raise BadSyncMessage("a batch holds at least one event")
    raw = join_event_texts(texts).encode("utf-8")
    payload = zstandard.ZstdCompressor(level=level).compress(raw)
    fields = {
        "seq": seq,
        "count": len(texts),
        "raw_size": len(raw),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    return encode_frame(BATCH, fields, payload)


def decode_batch(frame: Frame, *, max_raw: int = MAX_RAW) -> list[EncodedEvent]:
    """The events of a batch frame with their texts as sent, after checking its checksum, sizes and count.

    The declared raw size is bounded before anything is decompressed: by ``max_raw`` and by
    :data:`MAX_RATIO` times the compressed size; the decompressor never writes past it."""
    header = frame.header
    if frame.type != BATCH:
        raise BadSyncMessage(f"expected a batch, got a {frame.type!r} message")
    count = _int_field(header, "count", minimum=1, maximum=MAX_BATCH_EVENTS)
    raw_size = _int_field(header, "raw_size", minimum=2, maximum=2**62)
    if raw_size > max_raw:
        raise BatchTooLarge(
            f"a sync batch is larger than the other side accepts ({max_raw} bytes uncompressed): "
            "send smaller batches"
        )
    if raw_size > MAX_RATIO * len(frame.payload):
        raise BadSyncMessage(
            f"a sync batch claims to expand more than {MAX_RATIO} times: it is refused unopened"
        )
    if hashlib.sha256(frame.payload).hexdigest() != header.get("sha256"):
        raise BadSyncMessage("a sync batch fails its checksum: it was damaged on the way")
    try:
        declared = zstandard.frame_content_size(frame.payload)
        if declared != raw_size:
            raise BadSyncMessage("a sync batch's sizes do not match its header")
        raw = zstandard.ZstdDecompressor().decompress(frame.payload, max_output_size=raw_size)
    except zstandard.ZstdError as exc:
        raise BadSyncMessage("a sync batch cannot be decompressed") from exc
    if len(raw) != raw_size:
        raise BadSyncMessage("a sync batch's sizes do not match its header")
    try:
        events = split_event_texts(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadSyncMessage("a sync batch is not UTF-8 text") from exc
    except BadEventData as exc:
        raise BadSyncMessage(f"a sync batch holds malformed events: {exc}") from exc
    if len(events) != count:
        raise BadSyncMessage("a sync batch's event count does not match its header")
    return events


def batch_frames(
    texts: Iterable[str],
    batch_size: int = DEFAULT_BATCH_SIZE,
    *,
    level: int = COMPRESSION_LEVEL,
    small_ends: bool = False,
) -> Iterator[bytes]:
    """Events' canonical texts, lazily, as batch frames of at most ``batch_size`` events (fewer once their
    texts reach :data:`MAX_BATCH_CHARS`), numbered from 1.

    ``small_ends`` (a push): when ``texts`` is a sequence of more than ``batch_size`` events, its first and
    last :func:`end_batch_size` events travel in batches of their own. The link starts after a short
    compression, and the receiver's commit of the last batch, the one no later transfer hides, is short."""
    check_batch_size(batch_size)
    cuts: frozenset[int] = frozenset()
    if small_ends and isinstance(texts, Sequence) and len(texts) > batch_size:
        edge = end_batch_size(batch_size)
        cuts = frozenset({edge, len(texts) - edge})
    pending: list[str] = []
    chars = 0
    seq = 0
    for position, text in enumerate(texts, start=1):
        pending.append(text)
        chars += len(text)
        if len(pending) == batch_size or chars >= MAX_BATCH_CHARS or position in cuts:
            seq += 1
            yield encode_batch(seq, pending, level=level)
            pending, chars = [], 0
    if pending:
        yield encode_batch(seq + 1, pending, level=level)


def end_batch_size(batch_size: int) -> int:
    """Events in the first and the last batch of a push of more than ``batch_size`` events: a tenth."""
    return max(1, batch_size // 10)


def check_batch_size(batch_size: int) -> int:
    if (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, int)
        or not 1 <= batch_size <= MAX_BATCH_EVENTS
    ):
        raise ValueError(f"a batch size is an integer from 1 to {MAX_BATCH_EVENTS}")
    return batch_size


def vector_field(header: Mapping[str, Any], name: str = "vector") -> VersionVector:
    """A version vector carried in a header, or :class:`BadSyncMessage`."""
    try:
        return VersionVector.from_dict(header.get(name))
    except BadEventData as exc:
        raise BadSyncMessage(f"a sync message carries a malformed {name}: {exc}") from exc


def text_field(header: Mapping[str, Any], name: str) -> str:
    value = header.get(name)
    if not isinstance(value, str) or not value or value.strip() != value:
        raise BadSyncMessage(f"a sync message lacks a valid {name!r}")
    return value


def _int_field(header: Mapping[str, Any], name: str, *, minimum: int, maximum: int) -> int:
    value = header.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise BadSyncMessage(f"a sync message's {name!r} is missing or out of range")
    return value


def int_field(header: Mapping[str, Any], name: str, *, minimum: int = 0, maximum: int = 2**62) -> int:
    return _int_field(header, name, minimum=minimum, maximum=maximum)


class StreamReader:
    """Reads exact byte counts and frames from an iterator of byte chunks (a request or reply body).

    If the stream ends early the link was lost: :class:`SyncInterrupted`.
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._buffer = bytearray()
        self.consumed = 0

    def _fill(self, n: int) -> bool:
        while len(self._buffer) < n:
            try:
                chunk = next(self._chunks)
            except StopIteration:
                return False
            self._buffer += chunk
        return True

    def read_exact(self, n: int) -> bytes:
        if not self._fill(n):
            raise SyncInterrupted("the connection was lost in the middle of a sync message; sync again")
        data = bytes(self._buffer[:n])
        del self._buffer[:n]
        self.consumed += n
        return data

    def at_end(self) -> bool:
        """True if the stream has no more bytes."""
        return not self._fill(1)

    def read_frame(self, *expected: str) -> Frame:
        """The next frame; its type must be one of ``expected`` (if given) or an error frame."""
        (length,) = _U32.unpack(self.read_exact(4))
        if length == 0 or length > MAX_HEADER:
            raise BadSyncMessage("a sync message has an impossible header size")
        frame = Frame(parse_header(self.read_exact(length)))
        size = frame.header.get("size", 0)
        if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= MAX_PAYLOAD:
            raise BadSyncMessage("a sync message has an impossible payload size")
        if size:
            frame = Frame(frame.header, self.read_exact(size))
        if expected and frame.type not in expected and frame.type != ERROR:
            raise BadSyncMessage(f"expected a {' or '.join(expected)} message, got {frame.type!r}")
        return frame


def parse_header(raw: bytes) -> dict[str, Any]:
    """Decode a frame header and check its protocol version and type."""
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadSyncMessage("a sync message header is not valid JSON") from exc
    if not isinstance(header, dict):
        raise BadSyncMessage("a sync message header must be a JSON object")
    version = header.get("protocol")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BadSyncMessage("a sync message does not state its protocol version")
    if version != PROTOCOL_VERSION:
        raise ProtocolMismatch(
            f"the other side speaks sync protocol {version}, this motcua speaks {PROTOCOL_VERSION}: "
            "update motcua on the older workstation"
        )
    if not isinstance(header.get("type"), str):
        raise BadSyncMessage("a sync message does not state its type")
    return header
