"""A minimal WebSocket client (RFC 6455, text messages, no extensions) on the standard library, enough to talk
to a browser's WebDriver BiDi endpoint on 127.0.0.1 without a new dependency."""

from __future__ import annotations

import base64
import hashlib
import os
import socket
import struct
from urllib.parse import urlsplit

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
_TEXT, _CLOSE, _PING, _PONG, _CONTINUATION = 0x1, 0x8, 0x9, 0xA, 0x0


class WebSocketClosed(ConnectionError):
    """The other side closed the connection."""


class LocalWebSocket:
    """One client connection to ``ws://host:port/path``: ``send`` a text message, ``receive`` the next one."""

    def __init__(self, url: str, *, timeout: float = 10) -> None:
        parts = urlsplit(url)
        if parts.scheme != "ws" or parts.hostname is None or parts.port is None:
            raise ValueError("only ws://host:port/path addresses are supported")
        self._socket = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        self._buffer = b""
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        self._socket.sendall(
            (
                f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
                f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode("ascii")
        )
        while b"\r\n\r\n" not in self._buffer:
            self._fill()
        head, self._buffer = self._buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        headers = {
            name.strip().lower(): value.strip() for name, _, value in (h.partition(":") for h in lines[1:])
        }
        expected = base64.b64encode(hashlib.sha1((key + _GUID).encode("ascii")).digest()).decode("ascii")
        if " 101 " not in lines[0] + " " or headers.get("sec-websocket-accept") != expected:
            self._socket.close()
            raise ConnectionError(f"not a WebSocket handshake: {lines[0]}")

    def settimeout(self, seconds: float) -> None:
        self._socket.settimeout(seconds)

    def send(self, text: str) -> None:
        self._send_frame(_TEXT, text.encode("utf-8"))

    def receive(self) -> str:
        """The next text message (pings are answered on the way)."""
        parts: list[bytes] = []
        while True:
            final, opcode, payload = self._read_frame()
            if opcode == _PING:
                self._send_frame(_PONG, payload)
                continue
            if opcode == _CLOSE:
                raise WebSocketClosed("the browser closed its WebDriver BiDi connection")
            if opcode in (_TEXT, _CONTINUATION):
                parts.append(payload)
                if final:
                    return b"".join(parts).decode("utf-8")

    def close(self) -> None:
        try:
            self._send_frame(_CLOSE, struct.pack("!H", 1000))
        except OSError:
            pass
        self._socket.close()

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        length = len(payload)
        if length < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
        self._socket.sendall(head + mask + masked)

    def _read_frame(self) -> tuple[bool, int, bytes]:
        first, second = self._take(2)
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._take(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._take(8))
        mask = self._take(4) if second & 0x80 else b""
        payload = self._take(length)
        if mask:
            payload = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
        return bool(first & 0x80), first & 0x0F, payload

    def _take(self, count: int) -> bytes:
        while len(self._buffer) < count:
            self._fill()
        taken, self._buffer = self._buffer[:count], self._buffer[count:]
        return taken

    def _fill(self) -> None:
        chunk = self._socket.recv(1 << 16)
        if not chunk:
            raise WebSocketClosed("the browser closed its WebDriver BiDi connection")
        self._buffer += chunk
