"""Workstation-to-workstation sync on a commune's LAN: a small HTTP endpoint and its client.

The endpoint (stdlib ``http.server`` in a thread) answers the session of :mod:`sync.sync_session`
at ``POST /motcua/sync/<route>``. Both workstations share a pairing secret (made by
:func:`new_pairing_secret`, shown on one screen and typed or scanned on the other). Every request carries
``X-Motcua-Pairing: <client replica id>.<nonce>.<HMAC>``; a request without the right HMAC is refused (401)
before its body is read. Request and reply bodies are sealed with AES-256-GCM under keys derived from the
secret and fresh nonces of both sides, in numbered records with a final flag: dossiers never cross the LAN
in clear, and a changed, reordered or cut stream is detected. A replayed request only yields a reply sealed
for the original requester (and pushes are idempotent).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import struct
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import IO, Any

import requests
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sync.errors import (
    BadSyncMessage,
    PairingRefused,
    PeerRefused,
    ProtocolMismatch,
    SyncError,
    SyncInterrupted,
)
from sync.protocol_version import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    UPDATE_REQUIRED,
    parse_protocol_version,
    protocol_headers,
)
from sync.sync_checkpoints import CheckpointStore
from sync.sync_messages import COMPRESSION_LEVEL, DEFAULT_BATCH_SIZE, StreamReader
from sync.sync_session import ROUTES, Replica, SessionResponder, SessionResult, run_session
from sync.version_vectors import check_replica_id

log = logging.getLogger(__name__)

PATH_PREFIX = "/motcua/sync/"
PAIRING_HEADER = "X-Motcua-Pairing"
NONCE_HEADER = "X-Motcua-Nonce"
MIN_SECRET_LENGTH = 20
RECORD_SIZE = 64 * 1024
MAX_REQUEST_BYTES = 512 * 1024 * 1024
_NONCE_BYTES = 16
_RECORD = struct.Struct(">BI")  # final flag, ciphertext length


# -- pairing secret and keys ---------------------------------------------------------------------------------


def new_pairing_secret() -> str:
    """A fresh random pairing secret (192 bits, URL-safe text) to share between two workstations."""
    return secrets.token_urlsafe(24)


def _secret_bytes(secret: str) -> bytes:
    if not isinstance(secret, str) or len(secret) < MIN_SECRET_LENGTH or not secret.isascii():
        raise PairingRefused(
            f"a pairing secret has at least {MIN_SECRET_LENGTH} ASCII characters; make one with "
            "new_pairing_secret()"
        )
    return secret.encode("ascii")


def _derive(secret: bytes, salt: bytes, info: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info.encode("utf-8")).derive(secret)


def _auth_tag(secret: bytes, route: str, client: str, nonce: bytes) -> str:
    key = _derive(secret, b"", "motcua lan v1 auth")
    message = f"{route}\n{client}\n{nonce.hex()}\n{PROTOCOL_VERSION}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise BadSyncMessage("a nonce is not valid base64") from exc
    if len(data) != _NONCE_BYTES:
        raise BadSyncMessage("a nonce has the wrong length")
    return data


def _request_key(secret: bytes, route: str, client: str, nonce: bytes) -> bytes:
    return _derive(secret, nonce, f"motcua lan v1 request\n{route}\n{client}")


def _reply_key(secret: bytes, route: str, client: str, nonce: bytes, server_nonce: bytes) -> bytes:
    return _derive(secret, nonce + server_nonce, f"motcua lan v1 reply\n{route}\n{client}")


# -- sealed streams ------------------------------------------------------------------------------------------


def _nonce(index: int) -> bytes:
    return b"\x00\x00\x00\x00" + index.to_bytes(8, "big")


def _aad(index: int, final: bool) -> bytes:
    return b"motcua-lan" + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


def seal_stream(chunks: Iterable[bytes], key: bytes) -> Iterator[bytes]:
    """Encrypt a byte stream in numbered records (one or more per chunk), ending with a final record."""
    aead = AESGCM(key)
    index = 0
    for chunk in chunks:
        for start in range(0, len(chunk), RECORD_SIZE):
            sealed = aead.encrypt(_nonce(index), chunk[start : start + RECORD_SIZE], _aad(index, False))
            yield _RECORD.pack(0, len(sealed)) + sealed
            index += 1
    sealed = aead.encrypt(_nonce(index), b"", _aad(index, True))
    yield _RECORD.pack(1, len(sealed)) + sealed


def open_stream(chunks: Iterable[bytes], key: bytes) -> Iterator[bytes]:
    """Decrypt :func:`seal_stream`'s output; a stream that ends before its final record is interrupted."""
    aead = AESGCM(key)
    reader = StreamReader(chunks)
    index = 0
    while True:
        final, length = _RECORD.unpack(reader.read_exact(_RECORD.size))
        if final not in (0, 1) or not 16 <= length <= RECORD_SIZE + 16:
            raise BadSyncMessage("the sealed sync stream is damaged (impossible record)")
        try:
            plain = aead.decrypt(_nonce(index), reader.read_exact(length), _aad(index, bool(final)))
        except InvalidTag:
            raise PairingRefused(
                "the data from the other workstation does not verify: it was changed on the way, or the "
                "pairing secrets differ"
            ) from None
        index += 1
        if final:
            return
        yield plain


# -- the endpoint --------------------------------------------------------------------------------------------


class _ChunkedBody:
    """The request body (chunked or with a Content-Length) as byte chunks, with a size limit."""

    def __init__(self, rfile: IO[bytes], headers: Any, limit: int) -> None:
        self._rfile = rfile
        self._limit = limit
        self.complete = False
        encoding = (headers.get("Transfer-Encoding") or "").lower()
        self._chunked = "chunked" in encoding
        length = headers.get("Content-Length")
        self._length = int(length) if (length and length.isdigit()) else 0
        if not self._chunked and self._length > limit:
            raise BadSyncMessage("the sync request is too large")

    def __iter__(self) -> Iterator[bytes]:
        return self._chunks() if self._chunked else self._sized()

    def _sized(self) -> Iterator[bytes]:
        left = self._length
        while left:
            data = self._rfile.read(min(left, RECORD_SIZE))
            if not data:
                return
            left -= len(data)
            yield data
        self.complete = True

    def _chunks(self) -> Iterator[bytes]:
        total = 0
        while True:
            line = self._rfile.readline(1024)
            if not line.endswith(b"\n"):
                return
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise BadSyncMessage("the sync request's chunked body is malformed") from None
            if size == 0:
                while (trailer := self._rfile.readline(1024)) not in (b"\r\n", b"\n", b""):
                    del trailer
                self.complete = True
                return
            total += size
            if total > self._limit:
                raise BadSyncMessage("the sync request is too large")
            data = self._rfile.read(size)
            if data:
                yield data
            if len(data) != size or self._rfile.read(2) != b"\r\n":
                return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    peer: LanPeerServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "motcua-lan"
    sys_version = ""
    timeout = 120
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("lan peer: " + format, *args)

    def _refuse(self, status: int, code: str, message: str) -> None:
        body = json.dumps({"error": code, "message": message}).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.send_header(PROTOCOL_HEADER, str(PROTOCOL_VERSION))
        self.close_connection = True
        try:
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            log.info("lan peer: a refused request's client went away")

    def do_POST(self) -> None:  # noqa: N802
        peer = self.server.peer
        route = self.path[len(PATH_PREFIX) :] if self.path.startswith(PATH_PREFIX) else ""
        if route not in ROUTES:
            self._refuse(404, "not_found", "no such sync request")
            return
        if parse_protocol_version(self.headers.get(PROTOCOL_HEADER)) != PROTOCOL_VERSION:
            self._refuse(426, UPDATE_REQUIRED, f"this workstation speaks sync protocol {PROTOCOL_VERSION}")
            return
        auth = peer.authenticate(route, self.headers.get(PAIRING_HEADER))
        if auth is None:
            self._refuse(401, "pairing_refused", "the pairing secret does not match this workstation's")
            return
        client, nonce = auth
        try:
            body = _ChunkedBody(self.rfile, self.headers, peer.max_request_bytes)
        except BadSyncMessage as exc:
            self._refuse(413, "too_large", str(exc))
            return
        server_nonce = os.urandom(_NONCE_BYTES)
        secret = peer.secret
        request = open_stream(body, _request_key(secret, route, client, nonce))
        reply = seal_stream(
            peer.responder.handle(route, request), _reply_key(secret, route, client, nonce, server_nonce)
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header(NONCE_HEADER, _b64(server_nonce))
        self.send_header(PROTOCOL_HEADER, str(PROTOCOL_VERSION))
        self.end_headers()
        try:
            for record in reply:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(record), record))
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (SyncError, OSError) as exc:
            log.info("lan peer: a %s request ended early (%s)", route, type(exc).__name__)
            self.close_connection = True
            return
        if not body.complete:
            self.close_connection = True


class LanPeerServer:
    """The LAN endpoint of one workstation: answers sessions for ``replica`` on ``host:port``.

    ``port=0`` picks a free port (see :attr:`url`). ``lock`` serialises use of the replica with the rest of
    the application (pass the same lock to :func:`sync_with_lan_peer` when this workstation also syncs out).
    """

    def __init__(
        self,
        replica: Replica,
        *,
        pairing_secret: str,
        host: str,
        port: int = 0,
        lock: AbstractContextManager[Any] | None = None,
        level: int = COMPRESSION_LEVEL,
        max_request_bytes: int = MAX_REQUEST_BYTES,
    ) -> None:
        self.secret = _secret_bytes(pairing_secret)
        self.responder = SessionResponder(replica, lock=lock, level=level)
        self.max_request_bytes = max_request_bytes
        self._host = host
        self._port = port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def authenticate(self, route: str, header: str | None) -> tuple[str, bytes] | None:
        """The (client replica id, nonce) of a correctly paired request, or ``None``."""
        if not header or header.count(".") < 2:
            return None
        client, nonce_text, tag = header.rsplit(".", 2)
        try:
            check_replica_id(client)
            nonce = _unb64(nonce_text)
        except SyncError:
            return None
        if not hmac.compare_digest(
            tag.encode("ascii", "replace"), _auth_tag(self.secret, route, client, nonce).encode()
        ):
            return None
        return client, nonce

    def start(self) -> LanPeerServer:
        if self._httpd is not None:
            return self
        httpd = _Server((self._host, self._port), _Handler)
        httpd.peer = self
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name="motcua-lan-peer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> LanPeerServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def address(self) -> tuple[str, int]:
        if self._httpd is None:
            raise RuntimeError("the LAN peer endpoint is not running")
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


# -- the client ----------------------------------------------------------------------------------------------


class LanPeerTransport:
    """A :class:`~sync.sync_session.Transport` to a :class:`LanPeerServer` over HTTP with ``requests``."""

    def __init__(
        self,
        url: str,
        *,
        pairing_secret: str,
        replica_id: str,
        timeout: tuple[float, float] = (5.0, 120.0),
        session: requests.Session | None = None,
    ) -> None:
        self._base = url.rstrip("/") + PATH_PREFIX
        self._secret = _secret_bytes(pairing_secret)
        self._client = check_replica_id(replica_id)
        self._timeout = timeout
        self._session = session or requests.Session()
        self._own_session = session is None
        self.round_trips = 0

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        self.round_trips += 1
        nonce = os.urandom(_NONCE_BYTES)
        tag = _auth_tag(self._secret, route, self._client, nonce)
        headers = {
            **protocol_headers(),
            "Content-Type": "application/octet-stream",
            PAIRING_HEADER: f"{self._client}.{_b64(nonce)}.{tag}",
        }
        sealed = seal_stream(body, _request_key(self._secret, route, self._client, nonce))
        try:
            response = self._session.post(
                self._base + route, data=sealed, headers=headers, stream=True, timeout=self._timeout
            )
        except requests.RequestException as exc:
            raise SyncInterrupted(
                f"the other workstation could not be reached or the link was lost ({type(exc).__name__}); "
                "sync again"
            ) from exc
        if response.status_code != 200:
            _raise_refusal(response)
        try:
            server_nonce = _unb64(response.headers.get(NONCE_HEADER, ""))
        except BadSyncMessage:  # a header block cut short still parses: the link was lost
            response.close()
            raise SyncInterrupted("the other workstation's reply is incomplete; sync again") from None
        key = _reply_key(self._secret, route, self._client, nonce, server_nonce)
        return open_stream(_response_chunks(response), key)

    def close(self) -> None:
        if self._own_session:
            self._session.close()

    def __enter__(self) -> LanPeerTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _response_chunks(response: requests.Response) -> Iterator[bytes]:
    try:
        yield from response.iter_content(chunk_size=RECORD_SIZE)
    except (requests.RequestException, OSError) as exc:
        raise SyncInterrupted(
            f"the link was lost during the sync ({type(exc).__name__}); sync again"
        ) from exc
    finally:
        response.close()


def _raise_refusal(response: requests.Response) -> None:
    status = response.status_code
    try:
        data = response.json()
        code = str(data.get("error", f"http_{status}"))
    except (ValueError, AttributeError):
        code = f"http_{status}"
    finally:
        response.close()
    if status == 401:
        raise PairingRefused(
            "the other workstation refused the pairing secret: pair the two workstations again"
        )
    if status == 426 or code == UPDATE_REQUIRED:
        raise ProtocolMismatch("the other workstation runs another motcua version: update the older one")
    raise PeerRefused(f"the other workstation refused the sync (HTTP {status}, {code[:40]})", code=code)


def sync_with_lan_peer(
    replica: Replica,
    url: str,
    *,
    pairing_secret: str,
    now: Callable[[], datetime],
    batch_size: int = DEFAULT_BATCH_SIZE,
    checkpoints: CheckpointStore | None = None,
    expect_peer: str | None = None,
    lock: AbstractContextManager[Any] | None = None,
    timeout: tuple[float, float] = (5.0, 120.0),
) -> SessionResult:
    """One session with the workstation at ``url`` (see :func:`sync.sync_session.run_session`)."""
    with LanPeerTransport(
        url, pairing_secret=pairing_secret, replica_id=replica.replica_id, timeout=timeout
    ) as t:
        return run_session(
            replica,
            t,
            now=now,
            batch_size=batch_size,
            checkpoints=checkpoints,
            expect_peer=expect_peer,
            lock=lock,
        )
