"""Sync checkpoints: what two replicas knew of each other at their last sync (plain data the caller keeps).

A checkpoint is information, never a source of truth: every session starts with a fresh version-vector
exchange. It tells the user when a peer was last synced and gives a bundle export a safe starting point
(``peer_after`` is a lower bound of what the peer holds, since a replica never loses events).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sync.change_events import canonical_json
from sync.errors import BadEventData
from sync.version_vectors import VersionVector, check_replica_id

FORMAT = 1


@dataclass(frozen=True)
class Checkpoint:
    """One side's record of a session with a peer (or of a bundle exchanged with it)."""

    local_replica: str
    peer_replica: str
    sent_vector: VersionVector
    """What this side said it had at the vector exchange."""
    received_vector: VersionVector
    """What the peer said it had at the vector exchange."""
    local_after: VersionVector
    """What this side had at the end."""
    peer_after: VersionVector
    """What the peer is known to have at the end (from its last acknowledgement)."""
    pushed_batches: int
    """The last pushed batch the peer acknowledged as committed (0: none)."""
    pulled_batches: int
    """The last pulled batch committed here (0: none)."""
    complete: bool
    recorded_at: str
    """This side's clock (ISO 8601), for information only."""

    def __post_init__(self) -> None:
        check_replica_id(self.local_replica, "local replica id")
        check_replica_id(self.peer_replica, "peer replica id")
        if self.local_replica == self.peer_replica:
            raise BadEventData("a checkpoint is between two different replicas")
        for name in ("sent_vector", "received_vector", "local_after", "peer_after"):
            if not isinstance(getattr(self, name), VersionVector):
                raise BadEventData(f"a checkpoint's {name} must be a VersionVector")
        for name in ("pushed_batches", "pulled_batches"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise BadEventData(f"a checkpoint's {name} must be an integer of at least 0")
        if not isinstance(self.complete, bool) or not isinstance(self.recorded_at, str):
            raise BadEventData("a checkpoint's complete flag and time are a bool and a string")

    @property
    def pair(self) -> tuple[str, str]:
        return (self.local_replica, self.peer_replica)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "local_replica": self.local_replica,
            "peer_replica": self.peer_replica,
            "sent_vector": self.sent_vector.to_dict(),
            "received_vector": self.received_vector.to_dict(),
            "local_after": self.local_after.to_dict(),
            "peer_after": self.peer_after.to_dict(),
            "pushed_batches": self.pushed_batches,
            "pulled_batches": self.pulled_batches,
            "complete": self.complete,
            "recorded_at": self.recorded_at,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Checkpoint:
        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise BadEventData("a checkpoint must be a JSON object of a known format")
        try:
            return cls(
                local_replica=data["local_replica"],
                peer_replica=data["peer_replica"],
                sent_vector=VersionVector.from_dict(data["sent_vector"]),
                received_vector=VersionVector.from_dict(data["received_vector"]),
                local_after=VersionVector.from_dict(data["local_after"]),
                peer_after=VersionVector.from_dict(data["peer_after"]),
                pushed_batches=data["pushed_batches"],
                pulled_batches=data["pulled_batches"],
                complete=data["complete"],
                recorded_at=data["recorded_at"],
            )
        except KeyError as exc:
            raise BadEventData(f"a checkpoint lacks {exc.args[0]!r}") from None


def encode_checkpoint(checkpoint: Checkpoint) -> str:
    """Canonical JSON text of a checkpoint (what a store persists)."""
    return canonical_json(checkpoint.to_dict())


def decode_checkpoint(text: str | bytes) -> Checkpoint:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadEventData("a checkpoint is not valid JSON") from exc
    return Checkpoint.from_dict(data)


class CheckpointStore(Protocol):
    """Where a caller keeps checkpoints: the last one per (local replica, peer replica)."""

    def load(self, local_replica: str, peer_replica: str) -> Checkpoint | None: ...

    def save(self, checkpoint: Checkpoint) -> None: ...


class MemoryCheckpoints:
    """A :class:`CheckpointStore` in a dict (tests, and a desk's session-long cache)."""

    def __init__(self) -> None:
        self._by_pair: dict[tuple[str, str], Checkpoint] = {}

    def load(self, local_replica: str, peer_replica: str) -> Checkpoint | None:
        return self._by_pair.get((local_replica, peer_replica))

    def save(self, checkpoint: Checkpoint) -> None:
        self._by_pair[checkpoint.pair] = checkpoint

    def all(self) -> list[Checkpoint]:
        return [self._by_pair[pair] for pair in sorted(self._by_pair)]
