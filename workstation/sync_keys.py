"""What the desk keeps for syncing, inside the encrypted store's ``meta`` table: its device keys, its peers'
public keys (the province's among them) and its sync checkpoints. No Qt; call these off the UI thread."""

from __future__ import annotations

import json
from datetime import datetime

from sync.connection import Connection
from sync.device_keys import DeviceIdentity, DevicePublicKeys
from sync.errors import BadEventData, KeyFileError
from sync.store import Store, get_meta, set_meta
from sync.sync_checkpoints import Checkpoint, decode_checkpoint, encode_checkpoint
from sync.version_vectors import VersionVector

IDENTITY_KEY = "sync.device_identity"
PEERS_KEY = "sync.peer_keys"
PROVINCE_KEY = "sync.province_replica"
CHECKPOINT_PREFIX = "sync.checkpoint."


def identity_on(conn: Connection, replica_id: str) -> DeviceIdentity:
    """The device keys of ``replica_id`` read on ``conn`` (the writer's): made and saved if missing."""
    held = get_meta(conn, IDENTITY_KEY)
    if held is not None:
        identity = DeviceIdentity.from_secret_json(held)
        if identity.replica_id == replica_id:
            return identity
    identity = DeviceIdentity.generate(replica_id)
    set_meta(conn, IDENTITY_KEY, identity.to_secret_json())
    return identity


def device_identity(store: Store) -> DeviceIdentity:
    """This store's device keys; made and saved the first time (and again if the store took a new replica id,
    e.g. after being copied, so a copy never signs as the original)."""
    replica_id = store.replica_id

    def load_or_make(conn: Connection) -> str:
        held = get_meta(conn, IDENTITY_KEY)
        if held is not None and DeviceIdentity.from_secret_json(held).replica_id == replica_id:
            return held
        text = DeviceIdentity.generate(replica_id).to_secret_json()
        set_meta(conn, IDENTITY_KEY, text)
        return text

    with store.reader() as conn:
        held = get_meta(conn, IDENTITY_KEY)
    if held is not None:
        identity = DeviceIdentity.from_secret_json(held)
        if identity.replica_id == replica_id:
            return identity
    return DeviceIdentity.from_secret_json(store.write(load_or_make).result())


def _peers_from(text: str | None) -> dict[str, DevicePublicKeys]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise KeyFileError("the stored peer keys are not valid JSON") from exc
    if not isinstance(data, dict):
        raise KeyFileError("the stored peer keys are not a JSON object")
    return {replica_id: DevicePublicKeys.from_json(keys) for replica_id, keys in data.items()}


def save_peer_keys(store: Store, keys: DevicePublicKeys, *, province: bool = False) -> None:
    """Remember a peer's public keys (its bundles are then accepted); ``province`` marks the province's."""
    if not isinstance(keys, DevicePublicKeys):
        raise TypeError(f"expected DevicePublicKeys, got {type(keys).__name__}")
    if keys.replica_id == store.replica_id:
        raise ValueError("a store's own keys are not a peer's")

    def save(conn: Connection) -> None:
        peers = _peers_from(get_meta(conn, PEERS_KEY))
        peers[keys.replica_id] = keys
        text = json.dumps({rid: peers[rid].to_json() for rid in sorted(peers)}, sort_keys=True)
        set_meta(conn, PEERS_KEY, text)
        if province:
            set_meta(conn, PROVINCE_KEY, keys.replica_id)

    store.write(save).result()


def peer_keys(store: Store) -> dict[str, DevicePublicKeys]:
    """Every peer whose bundles this store accepts, by replica id."""
    with store.reader() as conn:
        return _peers_from(get_meta(conn, PEERS_KEY))


def province_keys(store: Store) -> DevicePublicKeys | None:
    """The province's public keys, or ``None`` if they were never set up on this workstation."""
    with store.reader() as conn:
        replica_id = get_meta(conn, PROVINCE_KEY)
        peers = _peers_from(get_meta(conn, PEERS_KEY))
    return None if replica_id is None else peers.get(replica_id)


class StoreCheckpoints:
    """A :class:`sync.sync_checkpoints.CheckpointStore` in the store's ``meta`` table (one per peer)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def _key(local_replica: str, peer_replica: str) -> str:
        return f"{CHECKPOINT_PREFIX}{local_replica}.{peer_replica}"

    def load(self, local_replica: str, peer_replica: str) -> Checkpoint | None:
        with self.store.reader() as conn:
            text = get_meta(conn, self._key(local_replica, peer_replica))
        return None if text is None else decode_checkpoint(text)

    def save(self, checkpoint: Checkpoint) -> None:
        key, text = self._key(*checkpoint.pair), encode_checkpoint(checkpoint)
        self.store.write(lambda conn: set_meta(conn, key, text)).result()

    def all(self, local_replica: str) -> list[Checkpoint]:
        """This replica's checkpoints with every peer (damaged ones are skipped)."""
        prefix = f"{CHECKPOINT_PREFIX}{local_replica}."
        with self.store.reader() as conn:
            rows = conn.execute(
                "SELECT value FROM meta WHERE substr(key, 1, ?) = ? ORDER BY key", (len(prefix), prefix)
            ).fetchall()
        found = []
        for (text,) in rows:
            try:
                found.append(decode_checkpoint(text))
            except BadEventData:
                continue
        return found


def waiting_events(replica_id: str, vector: VersionVector, checkpoints: list[Checkpoint]) -> int:
    """How many of this replica's own events no peer has acknowledged yet (all of them before any sync)."""
    acknowledged = max((c.peer_after[replica_id] for c in checkpoints), default=0)
    return max(0, vector[replica_id] - acknowledged)


def last_successful_sync(checkpoints: list[Checkpoint]) -> datetime | None:
    """When the latest complete checkpoint was recorded (this side's clock), or ``None``."""
    times = []
    for checkpoint in checkpoints:
        if checkpoint.complete:
            try:
                times.append(datetime.fromisoformat(checkpoint.recorded_at))
            except ValueError:
                continue
    return max(times, default=None)
