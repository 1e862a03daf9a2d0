"""A session's bytes as they travel: a transport that keeps a copy of every body, and the batches in it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import zstandard

from sync.sync_messages import BATCH, StreamReader
from sync.sync_session import Transport


class Recording:
    """A transport that hands every byte to another one unchanged and keeps a copy of each body, by route."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.up: dict[str, bytearray] = {}
        self.down: dict[str, bytearray] = {}

    @property
    def round_trips(self) -> int:
        return self.inner.round_trips

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        up, down = self.up.setdefault(route, bytearray()), self.down.setdefault(route, bytearray())
        return _copy(self.inner.call(route, _copy(body, up)), down)


def _copy(chunks: Iterable[bytes], into: bytearray) -> Iterator[bytes]:
    for chunk in chunks:
        into += chunk
        yield chunk


def batch_payloads(body: bytes) -> list[bytes]:
    """The decompressed payloads of the batch frames of a recorded request or reply body."""
    reader = StreamReader([body])
    found = []
    while not reader.at_end():
        frame = reader.read_frame()
        if frame.type == BATCH:
            found.append(zstandard.ZstdDecompressor().decompress(frame.payload))
    return found


def array(texts: Iterable[str]) -> bytes:
    """The bytes of a JSON array holding ``texts`` exactly as they are (written here, not by sync)."""
    return ("[" + ",".join(texts) + "]").encode("utf-8")
