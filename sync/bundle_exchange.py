"""Sync by file: export the events another replica lacks to one bundle, import a bundle verifying everything.

The bundle is :mod:`sync.bundle_format`'s file (signed by the sender's device key, encrypted for the
receiver's); its items are change events' canonical texts as the sender stores them, causes first. The
metadata names both stores, so a bundle copied to the wrong workstation or store is refused, and says which
vector the export started from.
Importing is idempotent: a second import of the same bundle applies nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sync.bundle_format import SenderLookup, read_bundle, write_bundle
from sync.device_keys import DeviceIdentity, DevicePublicKeys
from sync.errors import (
    BadEventData,
    BundleBadContent,
    BundleError,
    BundleTooNew,
    BundleWrongReceiver,
    WrongPeer,
)
from sync.event_texts import decode_canonical
from sync.protocol_version import PROTOCOL_VERSION
from sync.sync_checkpoints import Checkpoint, CheckpointStore
from sync.sync_messages import DEFAULT_BATCH_SIZE, check_batch_size
from sync.sync_session import Counts, Replica
from sync.version_vectors import VersionVector

BUNDLE_KIND = "motcua-sync-events"


@dataclass(frozen=True)
class BundleExport:
    path: Path
    bundle_id: str
    events: int
    size: int
    since: VersionVector
    """What the receiver was assumed to have: only events beyond it were exported."""
    sender_vector: VersionVector


@dataclass(frozen=True)
class BundleImport:
    bundle_id: str
    sender_replica: str
    events: int
    counts: Counts
    checkpoint: Checkpoint


def export_bundle(
    replica: Replica,
    path: Path,
    *,
    identity: DeviceIdentity,
    receiver: DevicePublicKeys,
    since: VersionVector | Checkpoint | None,
    bundle_id: str,
    now: Callable[[], datetime],
) -> BundleExport:
    """Write the events ``receiver`` lacks to a bundle at ``path``.

    ``since`` is what the receiver is known to have: its last known vector, the checkpoint of the last sync
    with it (its ``peer_after``), or ``None`` for everything.
    """
    if identity.replica_id != replica.replica_id:
        raise BundleError("these device keys belong to another store; use this store's own device keys")
    if receiver.replica_id == replica.replica_id:
        raise WrongPeer("a store cannot export a bundle for itself")
    if isinstance(since, Checkpoint):
        if since.pair != (replica.replica_id, receiver.replica_id):
            raise WrongPeer("this checkpoint was recorded for another pair of stores")
        start = since.peer_after
    elif since is None:
        start = VersionVector()
    elif isinstance(since, VersionVector):
        start = since
    else:
        raise TypeError("since is a VersionVector, a Checkpoint or None")
    mine = replica.vector()
    events = list(replica.missing_encoded(start))
    metadata: dict[str, Any] = {
        "kind": BUNDLE_KIND,
        "protocol": PROTOCOL_VERSION,
        "sender_replica": replica.replica_id,
        "receiver_replica": receiver.replica_id,
        "since": start.to_dict(),
        "sender_vector": mine.to_dict(),
        "events": len(events),
    }
    written = write_bundle(
        Path(path),
        (text.encode("utf-8") for text in events),
        sender=identity,
        receiver=receiver,
        bundle_id=bundle_id,
        created_at=now().isoformat(),
        metadata=metadata,
    )
    return BundleExport(written.path, bundle_id, written.items, written.size, start, mine)


def import_bundle(
    replica: Replica,
    path: Path,
    *,
    identity: DeviceIdentity,
    known_senders: SenderLookup | Mapping[str, DevicePublicKeys],
    now: Callable[[], datetime],
    batch_size: int = DEFAULT_BATCH_SIZE,
    checkpoints: CheckpointStore | None = None,
) -> BundleImport:
    """Verify a bundle made for this store, then apply its events (batch by batch, idempotently).

    Nothing is applied unless the whole file verifies (signature, receiver, every event decodes).
    """
    check_batch_size(batch_size)
    if identity.replica_id != replica.replica_id:
        raise BundleWrongReceiver("these device keys belong to another store; nothing was imported")
    header, items = read_bundle(Path(path), receiver=identity, known_senders=known_senders)
    meta = header.metadata
    if meta.get("kind") != BUNDLE_KIND:
        raise BundleBadContent("this bundle does not hold sync events; nothing was imported")
    version = meta.get("protocol")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BundleBadContent("this bundle does not state its sync protocol; nothing was imported")
    if version > PROTOCOL_VERSION:
        raise BundleTooNew("this bundle was written by a newer motcua: update motcua on this workstation")
    if meta.get("receiver_replica") != replica.replica_id or header.receiver_replica_id != replica.replica_id:
        raise BundleWrongReceiver(
            "this bundle was made for another store; export a new one for this store; nothing was imported"
        )
    if header.sender.replica_id == replica.replica_id:
        raise BundleWrongReceiver("this bundle was exported by this store itself; nothing was imported")
    if meta.get("sender_replica") != header.sender.replica_id:
        raise BundleBadContent("this bundle's sender does not match its signature; nothing was imported")
    if meta.get("events") != len(items):
        raise BundleBadContent("this bundle holds a different number of events than it says")
    try:
        since = VersionVector.from_dict(meta.get("since"))
        sender_vector = VersionVector.from_dict(meta.get("sender_vector"))
        events = [decode_canonical(item) for item in items]
    except BadEventData as exc:
        raise BundleBadContent(f"this bundle holds malformed data ({exc}); nothing was imported") from exc

    counts = Counts()
    applied = 0
    for start in range(0, len(events), batch_size):
        counts = counts.plus(replica.receive_encoded(events[start : start + batch_size]))
        applied += 1
    checkpoint = Checkpoint(
        local_replica=replica.replica_id,
        peer_replica=header.sender.replica_id,
        sent_vector=since,
        received_vector=sender_vector,
        local_after=replica.vector(),
        peer_after=sender_vector,
        pushed_batches=0,
        pulled_batches=applied,
        complete=True,
        recorded_at=now().isoformat(),
    )
    if checkpoints is not None:
        checkpoints.save(checkpoint)
    return BundleImport(header.bundle_id, header.sender.replica_id, len(events), counts, checkpoint)
