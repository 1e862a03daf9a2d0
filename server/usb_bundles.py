"""USB bundles on the province's side: import a desk's bundle, export what a desk lacks (admin CLI).

A desk's bundle goes through the same checks as a network push: its sender must be a workstation enrolled
here and not revoked; the bundle must be made for the server replica of that workstation's commune (with the
province's bundle keys, :mod:`server.bundle_identity`); its events then go through ``ServerReplica.receive``
(the commune's scope, side ``desk``, no province-owned field, an enrolled origin). Every event is checked and
stored in ONE transaction: a refused bundle leaves nothing behind. Importing a bundle twice applies nothing.

What a desk is known to have is the checkpoint of the last bundle imported from it (its ``sender_vector``):
an export for that desk holds only the events beyond it (everything of the commune before any import). The
checkpoints live in ``sync_identity`` under ``bundle_checkpoint:<server replica>|<desk replica>``.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from server.bundle_identity import ProvinceBundleKeys
from server.errors import BadInput, ServerError, UnknownDevice
from server.storage.interface import ServerStorage
from server.storage.records import Device
from server.sync_replica import ServerReplica, commune_replica_id, server_replica_base
from sync.bundle_exchange import BundleExport, export_bundle, import_bundle
from sync.bundle_format import read_bundle_header
from sync.device_keys import DevicePublicKeys
from sync.errors import SyncError
from sync.event_refusals import RefusedEvent
from sync.event_texts import EncodedEvent
from sync.field_policies import RecordType
from sync.replica_memory import ReceiveReport
from sync.sync_checkpoints import Checkpoint, decode_checkpoint, encode_checkpoint
from sync.sync_messages import MAX_BATCH_EVENTS
from sync.version_vectors import VersionVector

_CHECKPOINT_PREFIX = "bundle_checkpoint:"
_NOTHING = "nothing was imported"


class BundleRefused(BadInput):
    """A bundle the server does not take (damaged, foreign, from an unknown or revoked workstation …)."""

    code = "bundle_refused"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class DeviceRevoked(BadInput):
    code = "device_revoked"


@dataclass(frozen=True)
class BundleImported:
    """What importing one desk bundle did (``new`` 0 and ``duplicates`` = ``events`` on a second import)."""

    bundle_id: str
    device_id: str
    commune: str
    events: int
    new: int
    duplicates: int
    waiting: int
    refused: tuple[RefusedEvent, ...] = ()
    """Events whose content the rules refuse, each replaced by the province's refusal (the rest imported)."""


class BundleCheckpoints:
    """A :class:`sync.sync_checkpoints.CheckpointStore` in the server's database (one per desk)."""

    def __init__(self, storage: ServerStorage) -> None:
        self.storage = storage

    @staticmethod
    def _name(local_replica: str, peer_replica: str) -> str:
        return f"{_CHECKPOINT_PREFIX}{local_replica}|{peer_replica}"

    def load(self, local_replica: str, peer_replica: str) -> Checkpoint | None:
        with self.storage.transaction() as tx:
            rows = tx.query(
                "SELECT value FROM sync_identity WHERE name = ?", (self._name(local_replica, peer_replica),)
            )
        return decode_checkpoint(str(rows[0][0])) if rows else None

    def save(self, checkpoint: Checkpoint) -> None:
        with self.storage.transaction() as tx:
            tx.run(
                "INSERT INTO sync_identity (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (self._name(*checkpoint.pair), encode_checkpoint(checkpoint)),
            )


class _Collector:
    """A replica that verifies nothing and keeps what ``import_bundle`` hands it, to be applied in one go."""

    def __init__(self, replica: ServerReplica) -> None:
        self._replica = replica
        self.events: list[EncodedEvent] = []

    @property
    def replica_id(self) -> str:
        return self._replica.replica_id

    def vector(self) -> VersionVector:
        return self._replica.vector()

    def missing_encoded(self, vector: VersionVector) -> list[str]:
        return self._replica.missing_encoded(vector)

    def receive_encoded(self, events: Iterable[EncodedEvent]) -> ReceiveReport:
        self.events.extend(events)
        return ReceiveReport(new=0, duplicates=0, waiting=0)


def device_public_keys(device: Device) -> DevicePublicKeys:
    """The public keys a workstation sent at enrolment."""
    return DevicePublicKeys(
        device.replica_id, base64.b64decode(device.signing_key), base64.b64decode(device.exchange_key)
    )


def _device_of_replica(storage: ServerStorage, replica_id: str) -> Device | None:
    with storage.transaction() as tx:
        rows = tx.query("SELECT id FROM devices WHERE replica_id = ?", (replica_id,))
    return storage.get_device(str(rows[0][0])) if rows else None


def import_desk_bundle(
    storage: ServerStorage,
    path: Path,
    *,
    keys: ProvinceBundleKeys,
    record_types: tuple[RecordType, ...],
    scope_field: str,
    now: Callable[[], dt.datetime],
) -> BundleImported:
    """Verify a desk's bundle and apply its events (refused whole, or an event refused alone as in a push)."""
    path = Path(path)
    try:
        claimed = read_bundle_header(path)
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    except SyncError as exc:
        raise BundleRefused(f"this file is not a sync bundle ({exc}); {_NOTHING}", reason="damaged") from None
    device = _device_of_replica(storage, claimed.sender.replica_id)
    if device is None:
        raise BundleRefused(
            f"this bundle was not sent by a workstation enrolled here; {_NOTHING}", reason="unknown_origin"
        )
    if device.revoked:
        raise BundleRefused(
            f"this bundle was sent by workstation {device.id}, which is revoked; {_NOTHING}", reason="revoked"
        )
    base = server_replica_base(storage)
    replica = ServerReplica(
        storage,
        device.commune_code,
        record_types,
        scope_field=scope_field,
        now=now,
        pusher=device.replica_id,
        refusal_signer=keys.for_commune(base, device.commune_code),
    )
    expected = commune_replica_id(base, device.commune_code)
    if claimed.receiver_replica_id != expected:
        raise BundleRefused(
            f"this bundle was made for another server or commune, not for commune {device.commune_code} "
            f"of this server; {_NOTHING}",
            reason="wrong_receiver",
        )
    collector = _Collector(replica)
    try:
        done = import_bundle(
            collector,
            path,
            identity=keys.for_commune(base, device.commune_code),
            known_senders={device.replica_id: device_public_keys(device)},
            now=now,
            batch_size=MAX_BATCH_EVENTS,
        )
    except SyncError as exc:
        message = str(exc) if _NOTHING in str(exc) else f"{exc}; {_NOTHING}"
        raise BundleRefused(f"the bundle is refused: {message}", reason=type(exc).__name__) from None
    try:
        report = replica.receive_encoded(collector.events)
    except ServerError as exc:
        reason = getattr(exc, "reason", exc.code)
        raise BundleRefused(
            f"the bundle is refused like a network push would be ({exc.message}); {_NOTHING}", reason=reason
        ) from None
    except SyncError as exc:
        raise BundleRefused(f"the bundle holds bad events ({exc}); {_NOTHING}", reason="bad_events") from None
    checkpoints = BundleCheckpoints(storage)
    known = checkpoints.load(replica.replica_id, device.replica_id)
    peer_after = done.checkpoint.peer_after
    if known is not None:
        peer_after = peer_after.merge(known.peer_after)
    checkpoints.save(
        Checkpoint(
            local_replica=replica.replica_id,
            peer_replica=device.replica_id,
            sent_vector=done.checkpoint.sent_vector,
            received_vector=done.checkpoint.received_vector,
            local_after=replica.vector(),
            peer_after=peer_after,
            pushed_batches=0,
            pulled_batches=1 if collector.events else 0,
            complete=True,
            recorded_at=now().isoformat(),
        )
    )
    return BundleImported(
        done.bundle_id,
        device.id,
        device.commune_code,
        done.events,
        report.new,
        report.duplicates,
        report.waiting,
        report.refused,
    )


def export_desk_bundle(
    storage: ServerStorage,
    device_id: str,
    path: Path,
    *,
    keys: ProvinceBundleKeys,
    record_types: tuple[RecordType, ...],
    scope_field: str,
    bundle_id: str,
    now: Callable[[], dt.datetime],
) -> BundleExport:
    """Write the events of the device's commune it lacks (beyond its last imported bundle) for its keys."""
    device = storage.get_device(device_id)
    if device is None:
        raise UnknownDevice(f"no workstation has the device id {device_id[:64]!r}")
    if device.revoked:
        raise DeviceRevoked(f"workstation {device.id} is revoked: no bundle is made for it")
    base = server_replica_base(storage)
    replica = ServerReplica(
        storage, device.commune_code, record_types, scope_field=scope_field, now=now, pusher=device.replica_id
    )
    since = BundleCheckpoints(storage).load(replica.replica_id, device.replica_id)
    try:
        return export_bundle(
            replica,
            Path(path),
            identity=keys.for_commune(base, device.commune_code),
            receiver=device_public_keys(device),
            since=since,
            bundle_id=bundle_id,
            now=now,
        )
    except SyncError as exc:
        raise BadInput(f"the bundle could not be written: {exc}") from None
    except OSError as exc:
        raise BadInput(f"cannot write {path}: {exc.strerror}") from None
