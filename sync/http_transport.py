"""The client side of the provincial server: a sync session ``Transport`` over HTTPS, attachments, catalogue.

``HttpTransport(base_url, credentials)`` carries :func:`sync.sync_session.run_session`'s three steps to
``/v1/sync/{hello,push,pull}``. Every request carries the protocol header and the device credential
(``Authorization: Bearer mcd.<id>.<secret>``), explicit connect and read timeouts, and TLS verification
(the system's CAs, or a pinned province CA file); plain ``http://`` is refused except to this machine.
Retries with exponential backoff only for idempotent calls: GETs, the vector exchange and chunk PUTs at an
offset. Batches travel zstd-compressed inside the session's frames; other replies may come gzip-encoded.
Failures raise :class:`sync.errors.TransportError` subclasses whose ``kind`` the UI can word: offline,
unauthorised, revoked, too_old, server_error, bad_data, rate_limited, too_large.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import requests

from sync.attachments import AttachmentInfo, AttachmentStore
from sync.errors import (
    ClientTooOld,
    DeviceRevokedByServer,
    ServerFailed,
    ServerOffline,
    ServerRateLimited,
    ServerRejectedData,
    ServerTooLarge,
    ServerUnauthorised,
    TransportError,
)
from sync.protocol_version import protocol_headers
from sync.server_clock import ServerClockReading, read_server_clock
from sync.sync_messages import HELLO

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
DEFAULT_TIMEOUT = (5.0, 60.0)
DEFAULT_CHUNK_BYTES = 1024 * 1024
_READ_BYTES = 64 * 1024
_MAX_RETRY_WAIT = 30.0
_RETRY_STATUSES = frozenset({500, 502, 503, 504})
OCTETS = "application/octet-stream"


@dataclass(frozen=True)
class MissingAttachment:
    sha256: str
    size: int
    received: int


@dataclass(frozen=True)
class CatalogueReply:
    """The catalogue's JSON text and ETag, or ``text=None`` if the one held (``If-None-Match``) is current."""

    etag: str | None
    text: str | None


def _error_fields(response: requests.Response) -> tuple[str | None, str]:
    try:
        data = response.json()
    except ValueError:
        return None, f"HTTP {response.status_code}"
    if not isinstance(data, dict):
        return None, f"HTTP {response.status_code}"
    code = data.get("error")
    message = data.get("message")
    return (code if isinstance(code, str) else None), (
        message[:300] if isinstance(message, str) else f"HTTP {response.status_code}"
    )


def error_for(response: requests.Response) -> TransportError:
    """The :class:`TransportError` matching a failed HTTP answer from the server."""
    status = response.status_code
    code, message = _error_fields(response)
    options: dict[str, Any] = {"code": code, "status": status}
    if status == 401:
        if code == "device_revoked":
            return DeviceRevokedByServer(message, **options)
        return ServerUnauthorised(message, **options)
    if status == 403:
        if code == "events_refused":
            return ServerRejectedData(message, **options)
        return ServerUnauthorised(message, **options)
    if status == 426:
        return ClientTooOld(message, **options)
    if status in (413, 431):
        return ServerTooLarge(message, **options)
    if status == 429:
        try:
            retry_after = float(response.headers.get("Retry-After", "1"))
        except ValueError:
            retry_after = 1.0
        return ServerRateLimited(message, retry_after=retry_after, **options)
    if 400 <= status < 500:
        return ServerRejectedData(message, **options)
    return ServerFailed(message, **options)


class _ChunkReader(io.RawIOBase):
    """A readable binary stream over an iterator of byte chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            try:
                self._buffer = next(self._chunks)
            except StopIteration:
                return 0
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


class HttpTransport:
    """A :class:`sync.sync_session.Transport` to the provincial server, plus attachments and the catalogue.

    ``credentials`` is the device credential from enrolment; ``timeout`` is (connect, read) seconds;
    ``ca_file`` pins the province's CA; ``retries`` is how many times an idempotent call is tried again.
    ``sleep`` is the pause between tries (passed in so that tests need not wait).
    """

    def __init__(
        self,
        base_url: str,
        credentials: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        ca_file: str | None = None,
        retries: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        protocol: dict[str, str] | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError("the server address must be an https:// URL")
        if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
            raise ValueError(
                "the provincial server is reached over https:// (plain http only to this machine)"
            )
        if not isinstance(credentials, str) or not credentials or any(c.isspace() for c in credentials):
            raise ValueError("the device credential is the text received at enrolment")
        if len(timeout) != 2 or min(timeout) <= 0:
            raise ValueError("timeout is (connect seconds, read seconds), both positive")
        if retries < 0:
            raise ValueError("retries cannot be negative")
        self.base_url = base_url.rstrip("/")
        self.session = session if session is not None else requests.Session()
        self.timeout = timeout
        self.verify: str | bool = ca_file if ca_file is not None else True
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep
        self._headers = {
            **(protocol if protocol is not None else protocol_headers()),
            "Authorization": f"Bearer {credentials}",
        }
        self.round_trips = 0
        self.requests_made = 0
        self.server_clock: ServerClockReading | None = None
        """The server's time as the last ``hello`` answer gave it (``sync.server_clock``)."""

    # -- plumbing ------------------------------------------------------------------------------------------

    def _send(self, method: str, path: str, *, stream: bool = False, **kwargs: Any) -> requests.Response:
        headers = {**self._headers, **kwargs.pop("headers", {})}
        self.requests_made += 1
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                headers=headers,
                timeout=self.timeout,
                verify=self.verify,
                stream=stream,
                **kwargs,
            )
        except requests.exceptions.SSLError as exc:
            raise ServerOffline(f"the server's certificate is not trusted: {type(exc).__name__}") from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise ServerOffline(f"the provincial server cannot be reached ({type(exc).__name__})") from None
        if response.status_code >= 400:
            try:
                raise error_for(response)
            finally:
                response.close()
        return response

    def _with_retries(self, attempt: Callable[[], Any]) -> Any:
        """Run an idempotent ``attempt``; on offline, 5xx or 429 try again after a growing pause."""
        tries = 0
        while True:
            try:
                return attempt()
            except (ServerOffline, ServerFailed, ServerRateLimited) as exc:
                if tries >= self.retries or (
                    isinstance(exc, ServerFailed) and exc.status not in _RETRY_STATUSES
                ):
                    raise
                wait = self.backoff * 2**tries
                if isinstance(exc, ServerRateLimited) and exc.retry_after is not None:
                    wait = max(wait, exc.retry_after)
                self._sleep(min(wait, _MAX_RETRY_WAIT))
                tries += 1

    @staticmethod
    def _chunks(response: requests.Response) -> Iterator[bytes]:
        try:
            yield from response.iter_content(_READ_BYTES)
        except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
            raise ServerOffline(
                f"the link was cut during the server's answer ({type(exc).__name__})"
            ) from None
        finally:
            response.close()

    # -- the sync session ------------------------------------------------------------------------------------

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        """One session step: ``hello`` (idempotent, retried), ``push`` (streamed up), ``pull`` (down)."""
        self.round_trips += 1
        path = f"/v1/sync/{route}"
        headers = {"Content-Type": OCTETS}
        if route == HELLO:
            data = b"".join(body)
            response = self._with_retries(lambda: self._send("POST", path, data=data, headers=headers))
            self.server_clock = read_server_clock(response.headers) or self.server_clock
            return iter([b"".join(self._chunks(response))])
        payload: Any = body if not isinstance(body, list | tuple) else b"".join(body)
        response = self._send("POST", path, data=payload, headers=headers, stream=True)
        return self._chunks(response)

    # -- attachments -----------------------------------------------------------------------------------------

    def missing_attachments(self, attachments: Iterable[tuple[str, int]]) -> list[MissingAttachment]:
        """Which of these (sha256, size) the server lacks for this workstation's commune."""
        wanted = [{"sha256": sha, "size": size} for sha, size in attachments]
        found: list[MissingAttachment] = []
        for start in range(0, len(wanted), 1000):
            response = self._send(
                "POST", "/v1/sync/attachments/missing", json={"attachments": wanted[start : start + 1000]}
            )
            try:
                found += [
                    MissingAttachment(m["sha256"], int(m["size"]), int(m["received"]))
                    for m in response.json()["missing"]
                ]
            except (ValueError, KeyError, TypeError) as exc:
                raise ServerRejectedData(
                    f"the server's answer is not understood: {type(exc).__name__}"
                ) from None
        return found

    def upload_attachment(
        self,
        sha256: str,
        size: int,
        open_content: Callable[[], BinaryIO],
        *,
        offset: int = 0,
        chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    ) -> None:
        """Send one attachment in chunks from ``offset`` (where the server stands); resumable, each chunk
        retried; the server checks the hash after the last one."""
        if chunk_bytes < 1:
            raise ValueError("chunk_bytes must be positive")
        while True:
            with open_content() as content:
                _skip(content, offset)
                while offset < size or size == 0:
                    chunk = content.read(min(chunk_bytes, size - offset)) if size else b""
                    if size and not chunk:
                        raise ServerRejectedData("the attachment is shorter than its recorded size")
                    at = offset
                    try:
                        reply = self._with_retries(
                            lambda at=at, chunk=chunk: self._send(
                                "PUT",
                                f"/v1/sync/attachments/{sha256}",
                                params={"offset": at, "size": size},
                                data=chunk,
                                headers={"Content-Type": OCTETS},
                            ).json()
                        )
                    except ServerRejectedData as exc:
                        if exc.code == "wrong_offset" and exc.status == 409:
                            offset = self._server_offset(sha256, size)
                            break  # reopen and continue from where the server stands
                        raise
                    offset = int(reply["received"])
                    if reply.get("complete"):
                        return
                else:
                    return

    def _server_offset(self, sha256: str, size: int) -> int:
        for missing in self.missing_attachments([(sha256, size)]):
            return missing.received
        return size

    def upload_missing(self, store: AttachmentStore, *, chunk_bytes: int = DEFAULT_CHUNK_BYTES) -> int:
        """Upload every attachment of ``store`` the server lacks (resuming partial ones); return how many."""
        held = [(info.sha256, info.size) for info in store.list()]
        missing = self.missing_attachments(held)
        for item in missing:
            self.upload_attachment(
                item.sha256,
                item.size,
                lambda sha=item.sha256: store.open_attachment(sha),  # type: ignore[misc]
                offset=item.received,
                chunk_bytes=chunk_bytes,
            )
        return len(missing)

    def download_attachment(
        self, sha256: str, store: AttachmentStore, media_type: str = "application/octet-stream"
    ) -> AttachmentInfo:
        """Fetch an attachment of this commune into ``store`` (retried whole; the store checks the hash)."""
        if store.has(sha256):
            return store.info(sha256)

        def attempt() -> AttachmentInfo:
            response = self._send("GET", f"/v1/sync/attachments/{sha256}", stream=True)
            info = store.add_stream(_ChunkReader(self._chunks(response)), media_type)  # type: ignore[arg-type]
            if info.sha256 != sha256:
                store.remove(info.sha256)
                raise ServerRejectedData("the server sent other content than the attachment asked for")
            return info

        return self._with_retries(attempt)  # type: ignore[no-any-return]

    # -- reference data --------------------------------------------------------------------------------------

    def fetch_catalogue(self, etag: str | None = None) -> CatalogueReply:
        """The newest catalogue's JSON text, or ``text=None`` if ``etag`` (the one held) is still current."""
        headers = {"If-None-Match": etag} if etag else {}

        def attempt() -> CatalogueReply:
            response = self._send("GET", "/v1/reference/catalogue", headers=headers)
            if response.status_code == 304:
                return CatalogueReply(etag, None)
            return CatalogueReply(response.headers.get("ETag"), response.content.decode("utf-8"))

        return self._with_retries(attempt)  # type: ignore[no-any-return]

    def fetch_fees(self, etag: str | None = None) -> CatalogueReply:
        """This workstation's commune's fee table as JSON, or ``text=None`` if ``etag`` is current."""
        headers = {"If-None-Match": etag} if etag else {}

        def attempt() -> CatalogueReply:
            response = self._send("GET", "/v1/reference/fees", headers=headers)
            if response.status_code == 304:
                return CatalogueReply(etag, None)
            return CatalogueReply(response.headers.get("ETag"), response.content.decode("utf-8"))

        return self._with_retries(attempt)  # type: ignore[no-any-return]

    def fetch_origin_keys(self) -> Any:
        """The signing keys of this workstation's commune's desks, and their revocations (JSON)."""

        def attempt() -> Any:
            response = self._send("GET", "/v1/sync/origins")
            try:
                return response.json()
            except ValueError:
                raise ServerRejectedData("the server's list of desk keys is not understood") from None

        return self._with_retries(attempt)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HttpTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _skip(content: BinaryIO, count: int) -> None:
    left = count
    while left > 0:
        piece = content.read(min(left, _READ_BYTES))
        if not piece:
            raise ServerRejectedData("the attachment is shorter than its recorded size")
        left -= len(piece)
