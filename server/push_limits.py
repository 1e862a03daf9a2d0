"""The size limit of one batch of a sync push, checked as the bytes stream in.

A push streams many batches, each committed as it arrives, so the request as a whole is bounded only by
``limits.max_push_bytes``; each frame's payload (one compressed batch) must stay under
``limits.max_push_batch_bytes``. :class:`BatchSizeGuard` follows the frame boundaries (``u32`` header length,
JSON header with ``size``, payload) and stops at a frame whose declared payload is over the limit, before that
payload is read. A stream it cannot follow (a damaged header) is left to the session reader to refuse.
"""

from __future__ import annotations

import json
import struct

from server.errors import RequestTooLarge
from sync.sync_messages import MAX_HEADER

_U32 = struct.Struct(">I")


def batch_too_large_message(limit: int) -> str:
    return (
        f"a pushed batch is larger than this server accepts ({limit} bytes compressed): send smaller batches"
    )


class BatchSizeGuard:
    """Fed a push body's chunks in order; stops at a frame over ``max_frame_bytes`` (``refused``)."""

    def __init__(self, max_frame_bytes: int) -> None:
        self.max_frame_bytes = max_frame_bytes
        self._buffer = bytearray()
        self._skip = 0  # payload bytes of the current frame still to pass
        self._lost = False  # a header we could not read: the session reader refuses the stream
        self.refused: RequestTooLarge | None = None

    def feed(self, chunk: bytes) -> bytes:
        """The part of ``chunk`` before a frame over the limit (all of it if none); then ``refused`` is set.

        Handing that part on first lets the batches before the refused one be committed."""
        if self.refused is not None:
            return b""
        if self._lost or not chunk:
            return chunk
        start = min(self._skip, len(chunk))
        self._skip -= start
        if start < len(chunk):
            self._buffer += chunk[start:]
            try:
                self._scan()
            except RequestTooLarge as exc:
                self.refused = exc
                return chunk[: max(0, len(chunk) - len(self._buffer))]
        return chunk

    def _scan(self) -> None:
        while self._skip == 0 and len(self._buffer) >= _U32.size:
            (length,) = _U32.unpack_from(self._buffer)
            if length == 0 or length > MAX_HEADER:
                self._lost = True
                return
            if len(self._buffer) < _U32.size + length:
                return
            try:
                header = json.loads(bytes(self._buffer[_U32.size : _U32.size + length]).decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                self._lost = True
                return
            size = header.get("size", 0) if isinstance(header, dict) else 0
            if isinstance(size, bool) or not isinstance(size, int) or size < 0:
                self._lost = True
                return
            if size > self.max_frame_bytes:
                raise RequestTooLarge(
                    batch_too_large_message(self.max_frame_bytes), headers={"Connection": "close"}
                )
            del self._buffer[: _U32.size + length]
            passed = min(size, len(self._buffer))
            del self._buffer[:passed]
            self._skip = size - passed
