"""Desk-to-desk sync on a commune's LAN: a small HTTPS endpoint and its client, over mutual TLS.

The endpoint (stdlib ``http.server`` in a thread, each connection wrapped in TLS 1.3 by :mod:`ssl`) answers
the session of :mod:`sync.sync_session` at ``POST /motcua/sync/<route>``. The channel is
:mod:`sync.lan_tls`: each desk has its own self-signed certificate, and the two certificates are pinned at
pairing. A sync request comes only from a client whose certificate is one the endpoint paired with (an
unknown certificate fails the TLS handshake; no certificate gets 401), and the client talks only to the
certificate it pinned for that address. Integrity, confidentiality and freshness are TLS's: a changed byte,
a replayed connection or a cut stream fails. There is no plain-text fallback.

Other requests (pairing, the other desk's name, scans) are handed to ``extra`` with the caller's certificate
fingerprint (``None`` for a client without one), so the workstation layer decides what they may do.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import ssl
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import IO, Any

from sync.errors import (
    BadSyncMessage,
    ChannelTampered,
    NotPairedThere,
    PeerCertificateChanged,
    PeerRefused,
    ProtocolMismatch,
    SyncError,
    SyncInterrupted,
    WrongPeer,
)
from sync.lan_tls import fingerprint_of_der
from sync.protocol_version import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    UPDATE_REQUIRED,
    parse_protocol_version,
    protocol_headers,
)
from sync.sync_checkpoints import CheckpointStore
from sync.sync_messages import COMPRESSION_LEVEL, DEFAULT_BATCH_SIZE, Frame
from sync.sync_session import HELLO, ROUTES, Replica, SessionResponder, SessionResult, run_session

log = logging.getLogger(__name__)

PATH_PREFIX = "/motcua/sync/"
PING_PATH = "/motcua/ping"
RECORD_SIZE = 64 * 1024
MAX_REQUEST_BYTES = 512 * 1024 * 1024
MAX_EXTRA_BYTES = 1024 * 1024
HANDSHAKE_SECONDS = 20.0
MAX_REFUSALS_KEPT = 50


@dataclass(frozen=True)
class LanReply:
    """What an ``extra`` handler answers: a status, a content type and the body's chunks."""

    status: int
    content_type: str
    chunks: Iterable[bytes]

    @classmethod
    def json(cls, status: int, doc: dict[str, Any]) -> LanReply:
        return cls(status, "application/json", [json.dumps(doc, ensure_ascii=False).encode("utf-8")])

    @classmethod
    def refusal(cls, status: int, code: str, message: str) -> LanReply:
        return cls.json(status, {"error": code, "message": message})


ExtraHandler = Callable[[str, str, "str | None", bytes, tuple[str, int]], LanReply]
"""``(method, path, caller's certificate fingerprint or None, body, caller's address) -> LanReply``."""


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

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Wrap the connection in TLS (in this connection's thread), then answer it."""
        request.settimeout(HANDSHAKE_SECONDS)
        try:
            tls = self.peer.context().wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            self.peer.refuse(
                f"a connection from {client_address[0]} was refused: its TLS handshake failed "
                f"({_ssl_reason(exc)}): an unpaired desk, another certificate, or replayed or changed data"
            )
            return
        try:
            tls.settimeout(_Handler.timeout)
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            try:
                tls.close()
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.info("lan peer: a connection from the LAN ended with an error", exc_info=True)


def _ssl_reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or type(exc).__name__)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "motcua-lan"
    sys_version = ""
    timeout = 120
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("lan peer: " + format, *args)

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except ssl.SSLError as exc:  # a changed or replayed record inside the channel
            self.close_connection = True
            if not isinstance(exc, ssl.SSLEOFError):
                self._tampered(exc)

    def _fingerprint(self) -> str | None:
        der = self.connection.getpeercert(binary_form=True)
        return fingerprint_of_der(der) if der else None

    def _send(self, reply: LanReply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header(PROTOCOL_HEADER, str(PROTOCOL_VERSION))
        self.end_headers()
        try:
            for chunk in reply.chunks:
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (SyncError, OSError) as exc:
            log.info("lan peer: a reply ended early (%s)", type(exc).__name__)
            self.close_connection = True
            if isinstance(exc, ssl.SSLError) and not isinstance(exc, ssl.SSLEOFError):
                self._tampered(exc)

    def _tampered(self, exc: ssl.SSLError) -> None:
        self.server.peer.refuse(
            f"a request from {self.client_address[0]} was refused: its data failed TLS's integrity check "
            f"({_ssl_reason(exc)}): changed or replayed on the way"
        )

    def _drain(self) -> None:
        """Read a refused request's (small) body, so its client reads the answer instead of a reset."""
        try:
            for _chunk in _ChunkedBody(self.rfile, self.headers, MAX_EXTRA_BYTES):
                pass
        except (BadSyncMessage, OSError, ssl.SSLError):
            pass

    def _refuse(self, status: int, code: str, message: str) -> None:
        self.close_connection = True
        try:
            self._send(LanReply.refusal(status, code, message))
        except OSError:
            log.info("lan peer: a refused request's client went away")

    def do_GET(self) -> None:  # noqa: N802
        if self.path == PING_PATH:  # the channel's own check: the TLS handshake is done, both ways
            self._send(LanReply(200, "text/plain", [b"motcua"]))
            return
        self._extra("GET")

    def do_POST(self) -> None:  # noqa: N802
        peer = self.server.peer
        if parse_protocol_version(self.headers.get(PROTOCOL_HEADER)) != PROTOCOL_VERSION:
            self._drain()
            self._refuse(426, UPDATE_REQUIRED, f"this desk speaks sync protocol {PROTOCOL_VERSION}")
            return
        if not self.path.startswith(PATH_PREFIX):
            self._extra("POST")
            return
        route = self.path[len(PATH_PREFIX) :]
        if route not in ROUTES:
            self._drain()
            self._refuse(404, "not_found", "no such sync request")
            return
        fingerprint = self._fingerprint()
        if fingerprint is None or not peer.authorise(fingerprint):
            peer.refuse(f"a sync request from {self.client_address[0]} was refused: it is not a paired desk")
            self._drain()
            self._refuse(401, "not_paired", "this desk is not paired with the calling desk")
            return
        if peer.on_seen is not None and route == HELLO:
            peer.on_seen(fingerprint, str(self.client_address[0]))
        try:
            body = _ChunkedBody(self.rfile, self.headers, peer.max_request_bytes)
        except BadSyncMessage as exc:
            self._refuse(413, "too_large", str(exc))
            return
        request = iter(body)
        self._send(
            LanReply(200, "application/octet-stream", peer.responder_for(fingerprint).handle(route, request))
        )
        try:
            for _rest in request:  # what the session did not read (an end frame, the last chunk): keep-alive
                pass
        except (BadSyncMessage, OSError, ssl.SSLError):
            self.close_connection = True
        if not body.complete:
            self.close_connection = True

    def _extra(self, method: str) -> None:
        peer = self.server.peer
        if peer.extra is None:
            self._refuse(404, "not_found", "no such request")
            return
        try:
            body = (
                b"".join(_ChunkedBody(self.rfile, self.headers, MAX_EXTRA_BYTES)) if method == "POST" else b""
            )
        except BadSyncMessage as exc:
            self._refuse(413, "too_large", str(exc))
            return
        address = (str(self.client_address[0]), int(self.client_address[1]))
        try:
            reply = peer.extra(method, self.path, self._fingerprint(), body, address)
        except Exception:  # noqa: BLE001 (the desk's handler failed: say so, keep serving)
            log.warning("lan peer: a %s request failed", method, exc_info=True)
            reply = LanReply.refusal(500, "failed", "this desk could not answer the request")
        if reply.status >= 400:
            self.close_connection = True
        self._send(reply)


class _PairedResponder(SessionResponder):
    """A responder for one paired desk: the session must name that desk's replica id (its certificate proves
    who calls; a desk cannot claim another desk's replica in the session)."""

    def __init__(self, replica: Replica, expected: str, **options: Any) -> None:
        super().__init__(replica, **options)
        self._expected = expected

    def _peer(self, frame: Frame) -> str:
        peer = super()._peer(frame)
        if peer != self._expected:
            raise WrongPeer("the session names another desk than the paired desk calling")
        return peer


class LanPeerServer:
    """The LAN endpoint of one desk: answers sessions for ``replica`` on ``host:port`` over mutual TLS.

    ``context()`` gives the TLS context for each new connection (so a new pairing takes effect at once);
    ``authorise(fingerprint)`` says whether a client certificate belongs to a paired desk. ``port=0`` picks a
    free port. ``lock`` serialises use of the replica with the rest of the application. Every refused
    connection or request is kept in :attr:`refusals`, in words (and passed to ``on_refusal``).
    """

    def __init__(
        self,
        replica: Replica,
        *,
        context: Callable[[], ssl.SSLContext],
        authorise: Callable[[str], bool],
        host: str,
        port: int = 0,
        lock: AbstractContextManager[Any] | None = None,
        level: int = COMPRESSION_LEVEL,
        max_request_bytes: int = MAX_REQUEST_BYTES,
        extra: ExtraHandler | None = None,
        on_refusal: Callable[[str], None] | None = None,
        on_seen: Callable[[str, str], None] | None = None,
        session_for: Callable[[str], tuple[Replica, str] | None] | None = None,
    ) -> None:
        self.context = context
        self.session_for = session_for
        """Given a paired caller's fingerprint: the replica its session uses (e.g. one checking the origin of
        what it pushes, ``sync.origin_checks``) and the replica id the session must name; ``None``: as is."""
        self._lock = lock
        self._level = level
        self.on_seen = on_seen
        """Called with a paired caller's fingerprint and address at the start of each of its sessions."""
        self.authorise = authorise
        self.responder = SessionResponder(replica, lock=lock, level=level)
        self.max_request_bytes = max_request_bytes
        self.extra = extra
        self.refusals: deque[str] = deque(maxlen=MAX_REFUSALS_KEPT)
        self._on_refusal = on_refusal
        self._host = host
        self._port = port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def responder_for(self, fingerprint: str) -> SessionResponder:
        """The responder for a session of the paired desk with this certificate fingerprint."""
        made = self.session_for(fingerprint) if self.session_for is not None else None
        if made is None:
            return self.responder
        replica, expected = made
        return _PairedResponder(replica, expected, lock=self._lock, level=self._level)

    def refuse(self, words: str) -> None:
        log.info("lan peer: %s", words)
        self.refusals.append(words)
        if self._on_refusal is not None:
            self._on_refusal(words)

    def start(self) -> LanPeerServer:
        if self._httpd is not None:
            return self
        httpd = _Server((self._host, self._port), _Handler)
        httpd.peer = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="motcua-lan-peer", daemon=True
        )
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


# -- the client ----------------------------------------------------------------------------------------------


def _tls_failure(exc: BaseException) -> SyncError:
    """A TLS failure in words: who refused whom, or data changed on the way."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return PeerCertificateChanged(
            "the desk at this address presents another certificate than the one paired with: it is not the "
            "paired desk (or it was set up again); pair the two desks again if that is expected"
        )
    reason = _ssl_reason(exc).upper()
    if any(word in reason for word in ("UNKNOWN_CA", "CERTIFICATE_REQUIRED", "BAD_CERTIFICATE")):
        return NotPairedThere(
            "the other desk does not know this desk's certificate: pair the two desks again"
        )
    return ChannelTampered(
        f"the data from the other desk failed TLS's integrity check ({_ssl_reason(exc)}): it was changed or "
        "replayed on the way; sync again"
    )


def _interrupted(exc: BaseException) -> SyncError:
    if isinstance(exc, ssl.SSLError) and not isinstance(exc, ssl.SSLEOFError | ssl.SSLZeroReturnError):
        return _tls_failure(exc)
    return SyncInterrupted(
        f"the other desk could not be reached or the link was lost ({type(exc).__name__}); sync again"
    )


def open_connection(
    address: tuple[str, int],
    context: ssl.SSLContext,
    *,
    expect_fingerprint: str | None,
    timeout: float = 120.0,
    connect_timeout: float = 5.0,
) -> http.client.HTTPSConnection:
    """A TLS connection to the desk at ``address``, its certificate checked against ``expect_fingerprint``."""
    host, port = address
    connection = http.client.HTTPSConnection(host, port, context=context, timeout=connect_timeout)
    try:
        connection.connect()
    except (ssl.SSLError, OSError) as exc:
        connection.close()
        raise _interrupted(exc) from exc
    sock = connection.sock
    assert isinstance(sock, ssl.SSLSocket)
    der = sock.getpeercert(binary_form=True)
    if expect_fingerprint is not None and (der is None or fingerprint_of_der(der) != expect_fingerprint):
        connection.close()
        raise PeerCertificateChanged(
            "the desk at this address presents another certificate than the one expected: it is not the "
            "desk that was paired (or that shows this code)"
        )
    sock.settimeout(timeout)
    if context.verify_mode == ssl.CERT_REQUIRED:
        _ping(connection, sock)
    return connection


def _ping(connection: http.client.HTTPSConnection, sock: ssl.SSLSocket) -> None:
    """In TLS 1.3 the other desk judges this desk's certificate after the handshake: a small request brings
    its verdict (an alert) back before any data is sent. Read by hand, so an alert is read even when the
    other desk closed before the request was written."""
    written: BaseException | None = None
    try:
        sock.sendall(b"GET " + PING_PATH.encode() + b" HTTP/1.1\r\nHost: motcua\r\nContent-Length: 0\r\n\r\n")
    except (ssl.SSLError, OSError) as exc:
        written = exc
    answer = b""
    try:
        while not answer.endswith(b"\r\n0\r\n\r\n"):
            data = sock.recv(4096)
            if not data:
                break
            answer += data
    except ssl.SSLError as exc:
        connection.close()
        raise _tls_failure(exc) from exc
    except OSError as exc:
        written = written or exc
    if not answer.startswith(b"HTTP/1.1 200") or not answer.endswith(b"\r\n0\r\n\r\n"):
        connection.close()
        raise _interrupted(written or ConnectionError("no answer")) from written


def peer_fingerprint(connection: http.client.HTTPSConnection) -> str:
    sock = connection.sock
    assert isinstance(sock, ssl.SSLSocket)
    der = sock.getpeercert(binary_form=True)
    return fingerprint_of_der(der) if der else ""


def send_request(
    connection: http.client.HTTPSConnection,
    method: str,
    path: str,
    body: Iterable[bytes] | bytes | None = None,
    *,
    content_type: str = "application/json",
) -> http.client.HTTPResponse:
    """Send one request and return its response (TLS and link failures become sync errors, in words)."""
    headers = {**protocol_headers(), "Content-Type": content_type}
    try:
        if body is None or isinstance(body, bytes):
            connection.request(method, path, body=body, headers=headers)
        else:
            connection.request(method, path, body=body, headers=headers, encode_chunked=True)
        return connection.getresponse()
    except (ssl.SSLError, OSError, http.client.HTTPException) as exc:
        connection.close()
        raise _interrupted(exc) from exc


def read_body(response: http.client.HTTPResponse) -> Iterator[bytes]:
    """The response's body in chunks; a cut or a failed record becomes a sync error."""
    try:
        while chunk := response.read1(RECORD_SIZE):
            yield chunk
    except (ssl.SSLError, OSError, http.client.HTTPException) as exc:
        response.close()
        raise _interrupted(exc) from exc
    response.close()  # left unread (the session had what it needed): the transport reads its end


def raise_refusal(response: http.client.HTTPResponse) -> None:
    """Raise the error a refused request's answer says, in words."""
    status = response.status
    try:
        data = json.loads(b"".join(read_body(response)) or b"{}")
        code = str(data.get("error", f"http_{status}"))
        message = str(data.get("message", ""))[:300]
    except (ValueError, AttributeError, SyncError):
        code, message = f"http_{status}", ""
    if status == 401:
        raise NotPairedThere("the other desk is not paired with this desk: pair the two desks again")
    if status == 426 or code == UPDATE_REQUIRED:
        raise ProtocolMismatch("the other desk runs another motcua version: update the older one")
    raise PeerRefused(
        message or f"the other desk refused the request (HTTP {status}, {code[:40]})", code=code
    )


class LanPeerTransport:
    """A :class:`~sync.sync_session.Transport` to a :class:`LanPeerServer`: one TLS connection, kept open."""

    def __init__(
        self,
        address: tuple[str, int],
        *,
        context: ssl.SSLContext,
        expect_fingerprint: str,
        timeout: float = 120.0,
    ) -> None:
        self._address = address
        self._context = context
        self._fingerprint = expect_fingerprint
        self._timeout = timeout
        self._connection: http.client.HTTPSConnection | None = None
        self._response: http.client.HTTPResponse | None = None
        self.round_trips = 0

    def _connected(self) -> http.client.HTTPSConnection:
        if self._connection is None:
            self._connection = open_connection(
                self._address, self._context, expect_fingerprint=self._fingerprint, timeout=self._timeout
            )
        return self._connection

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        self.round_trips += 1
        self._finish_previous()
        connection = self._connected()
        response = send_request(
            connection, "POST", PATH_PREFIX + route, iter(body), content_type="application/octet-stream"
        )
        if response.status != 200:
            try:
                raise_refusal(response)
            finally:
                self.close()
        self._response = response
        return read_body(response)

    def exchange(self, path: str, doc: dict[str, Any]) -> dict[str, Any]:
        """One JSON request on the session's connection (before or after the session); refusals in words."""
        self._finish_previous()
        connection = self._connected()
        response = send_request(connection, "POST", path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        if response.status != 200:
            try:
                raise_refusal(response)
            finally:
                self.close()
        body = b"".join(read_body(response))
        try:
            answer = json.loads(body)
        except ValueError:
            raise BadSyncMessage("the other desk's answer is not understood") from None
        if not isinstance(answer, dict):
            raise BadSyncMessage("the other desk's answer is not understood")
        return answer

    def _finish_previous(self) -> None:
        """Read what the session left of the last reply (its end), so the connection can carry the next."""
        response, self._response = self._response, None
        if response is None or response.isclosed():
            return
        try:
            while response.read1(RECORD_SIZE):
                pass
        except (ssl.SSLError, OSError, http.client.HTTPException):
            self.close()
        if response.will_close:
            self.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> LanPeerTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sync_with_lan_peer(
    replica: Replica,
    address: tuple[str, int],
    *,
    context: ssl.SSLContext,
    expect_fingerprint: str,
    now: Callable[[], datetime],
    batch_size: int = DEFAULT_BATCH_SIZE,
    checkpoints: CheckpointStore | None = None,
    expect_peer: str | None = None,
    lock: AbstractContextManager[Any] | None = None,
    timeout: float = 120.0,
) -> SessionResult:
    """One session with the desk at ``address`` (see :func:`sync.sync_session.run_session`)."""
    with LanPeerTransport(
        address, context=context, expect_fingerprint=expect_fingerprint, timeout=timeout
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


def free_socket_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])
