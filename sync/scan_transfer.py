"""Scans (attachments) between a store and the provincial server: uploaded after the records, resumed by
chunk, deduplicated by hash; downloaded by hash into the store's encrypted attachment store.

Both run on a worker thread (never the UI's). Uploads read the store through its readers; a download is held
in memory (at most the store's attachment limit), checked against its hash, then added on the store's writer,
so the writer is never kept waiting on the network and no clear copy ever touches the disk.

A scan the server refuses (another commune's, over the commune's quota, too big, bytes that do not match the
hash) is named in the report with the server's reason and the others go on; a cut link ends the transfer
(the next sync resumes where the server stands).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Protocol

from sync.attachments import DEFAULT_MAX_BYTES, AttachmentInfo, AttachmentStore
from sync.connection import Connection
from sync.errors import ServerRejectedData, ServerTooLarge, ServerUnauthorised, TransportError
from sync.store import Store

REFUSAL_CODES = frozenset(
    {
        "scan_not_of_commune",
        "scan_quota_exceeded",
        "scan_too_large",
        "attachment_hash_mismatch",
        "request_too_large",
    }
)
"""Server answers that refuse one scan (the others still go)."""
NOT_ON_SERVER = "unknown_attachment"


class ScanCarrier(Protocol):
    """What :class:`sync.http_transport.HttpTransport` offers for attachments."""

    def missing_attachments(self, attachments: Iterable[tuple[str, int]]) -> list[Any]: ...

    def upload_attachment(
        self,
        sha256: str,
        size: int,
        open_content: Callable[[], BinaryIO],
        *,
        offset: int = 0,
        chunk_bytes: int = ...,
    ) -> None: ...

    def download_attachment(self, sha256: str, store: Any, media_type: str = ...) -> AttachmentInfo: ...


@dataclass(frozen=True, slots=True)
class ScanProgress:
    """How far the scans of a transfer have got."""

    done: int
    total: int
    bytes_done: int
    bytes_total: int


@dataclass
class ScanReport:
    """What a scan transfer did: scans sent or fetched, bytes, and the scans refused or not found."""

    sent: int = 0
    fetched: int = 0
    bytes: int = 0
    refused: dict[str, str] = field(default_factory=dict)
    """Scan hash → the server's code for why it refused it."""
    not_on_server: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    """Scans the server holds after this transfer (it did not ask for them, took them, or sent them)."""


def is_refusal(error: TransportError) -> bool:
    """Whether the server refused this one scan (rather than the link or the device failing)."""
    return isinstance(error, ServerRejectedData | ServerTooLarge | ServerUnauthorised) and (
        error.code in REFUSAL_CODES
    )


class _Counting(io.RawIOBase):
    """A stream over a scan's reader that reports how far it has been read."""

    def __init__(self, inner: BinaryIO, moved: Callable[[int], None]) -> None:
        super().__init__()
        self._inner = inner
        self._moved = moved
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        data = self._inner.read(len(target))
        if not data:
            return 0
        target[: len(data)] = data
        self.position += len(data)
        self._moved(self.position)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
        super().close()


def held_scans(store: Store) -> list[AttachmentInfo]:
    """Every scan this store holds."""
    with store.reader() as conn:
        return AttachmentStore(conn, store.paths.attachments, now=store.now).list()


def _open_scan(store: Store, sha256: str) -> BinaryIO:
    with store.reader() as conn:
        return AttachmentStore(conn, store.paths.attachments, now=store.now).open_attachment(sha256)  # type: ignore[return-value]


def upload_scans(
    carrier: ScanCarrier,
    store: Store,
    *,
    progress: Callable[[ScanProgress], None] = lambda _p: None,
    chunk_bytes: int = 256 * 1024,
    only: Collection[str] | None = None,
) -> ScanReport:
    """Send every scan of ``store`` (of ``only``, if given) the server lacks, from where each upload stands
    (dedup by hash)."""
    report = ScanReport()
    held = [info for info in held_scans(store) if only is None or info.sha256 in only]
    missing = carrier.missing_attachments([(info.sha256, info.size) for info in held]) if held else []
    asked = {item.sha256 for item in missing}
    report.confirmed.extend(info.sha256 for info in held if info.sha256 not in asked)
    total = sum(item.size - item.received for item in missing)
    done_bytes = 0
    progress(ScanProgress(0, len(missing), 0, total))
    for number, item in enumerate(missing):
        start = item.received

        def moved(position: int, number: int = number, start: int = start, before: int = done_bytes) -> None:
            progress(ScanProgress(number, len(missing), before + max(0, position - start), total))

        def open_content(sha: str = item.sha256) -> BinaryIO:
            return _Counting(_open_scan(store, sha), moved)  # type: ignore[return-value]

        try:
            carrier.upload_attachment(
                item.sha256, item.size, open_content, offset=item.received, chunk_bytes=chunk_bytes
            )
        except TransportError as exc:
            if not is_refusal(exc):
                raise
            report.refused[item.sha256] = str(exc.code)
        else:
            report.sent += 1
            report.bytes += item.size - start
            report.confirmed.append(item.sha256)
        done_bytes += item.size - start
        progress(ScanProgress(number + 1, len(missing), done_bytes, total))
    return report


class _MemorySink:
    """Takes a downloaded scan into memory (bounded), checks its hash, then adds it on the store's writer."""

    def __init__(self, store: Store, max_bytes: int) -> None:
        self._store = store
        self._max_bytes = max_bytes

    def has(self, sha256: str) -> bool:
        with self._store.reader() as conn:
            return AttachmentStore(conn, self._store.paths.attachments, now=self._store.now).has(sha256)

    def info(self, sha256: str) -> AttachmentInfo:
        with self._store.reader() as conn:
            return AttachmentStore(conn, self._store.paths.attachments, now=self._store.now).info(sha256)

    def add_stream(self, stream: BinaryIO, media_type: str) -> AttachmentInfo:
        buffer = bytearray()
        while True:
            piece = stream.read(64 * 1024)
            if not piece:
                break
            buffer += piece
            if len(buffer) > self._max_bytes:
                raise ServerRejectedData("the server sent more than a scan may hold")
        content = bytes(buffer)
        digest = hashlib.sha256(content).hexdigest()
        store = self._store

        def add(conn: Connection) -> AttachmentInfo:
            attachments = AttachmentStore(conn, store.paths.attachments, now=store.now)
            return attachments.add_stream(io.BytesIO(content), media_type)

        info = store.write(add).result()
        if info.sha256 != digest:  # pragma: no cover - the store hashes what it was given
            raise ServerRejectedData("the scan changed while it was stored")
        return info

    def remove(self, sha256: str) -> bool:
        store = self._store

        def remove(conn: Connection) -> bool:
            return AttachmentStore(conn, store.paths.attachments, now=store.now).remove(sha256)

        return bool(store.write(remove).result())


def fetch_scan(
    carrier: ScanCarrier, store: Store, sha256: str, media_type: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> AttachmentInfo:
    """Fetch one scan of this commune into ``store`` (nothing if it is there already)."""
    return carrier.download_attachment(sha256, _MemorySink(store, max_bytes), media_type)


def fetch_scans(
    carrier: ScanCarrier,
    store: Store,
    wanted: Sequence[tuple[str, str, int]],
    *,
    progress: Callable[[ScanProgress], None] = lambda _p: None,
    budget: int | None = None,
) -> ScanReport:
    """Fetch each (hash, media type, size) of ``wanted`` not held yet; scans the server lacks are listed.
    With ``budget``, stop once that many bytes were fetched (scans the server lacks cost nothing)."""
    report = ScanReport()
    total = sum(max(size, 0) for _sha, _media, size in wanted)
    done_bytes = 0
    progress(ScanProgress(0, len(wanted), 0, total))
    for number, (sha256, media_type, size) in enumerate(wanted):
        if budget is not None and report.bytes >= budget:
            break
        try:
            info = fetch_scan(carrier, store, sha256, media_type)
        except TransportError as exc:
            if exc.code != NOT_ON_SERVER:
                raise
            report.not_on_server.append(sha256)
        else:
            report.fetched += 1
            report.bytes += info.size
            report.confirmed.append(sha256)
        done_bytes += max(size, 0)
        progress(ScanProgress(number + 1, len(wanted), done_bytes, total))
    return report
