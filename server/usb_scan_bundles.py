"""Scans in USB bundles on the province's side (admin CLI ``import-bundle`` / ``export-bundle``).

Importing: the scan parts beside a desk's sync bundle (:mod:`sync.scan_bundles`) are verified (signed by that
workstation, made for its commune's server replica, every scan matching its hash) and each scan goes through
the same checks as a network upload (:func:`server.attachment_uploads.put_chunk`: named by a dossier of the
commune, within the scan size limit and the commune's quota). A refused scan is named with the reason in
words; the others are kept. Exporting: the scans the server holds that the exported records name are written
beside the desk's bundle, in parts of bounded size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from server.attachment_uploads import put_chunk, read_chunks, upload_states
from server.bundle_identity import ProvinceBundleKeys
from server.config import ServerConfig
from server.errors import BadInput, ServerError, UnknownDevice
from server.storage.interface import ServerStorage
from server.sync_replica import ServerReplica, server_replica_base
from server.usb_bundles import BundleRefused, _device_of_replica, device_public_keys
from sync.bundle_exchange import BundleExport
from sync.bundle_format import read_bundle_header
from sync.errors import SyncError
from sync.field_policies import RecordType
from sync.scan_bundles import (
    DEFAULT_PART_BYTES,
    ScanBundlesWritten,
    ScanItem,
    parts_beside,
    read_scan_bundle,
    scans_named,
    write_scan_bundles,
)

PIECE = 1024 * 1024


@dataclass
class ScansImported:
    """What importing the scan parts beside a desk's bundle did."""

    parts: int = 0
    stored: int = 0
    already_here: int = 0
    refused: dict[str, str] = field(default_factory=dict)
    """Scan hash → why it was refused, in words."""


def import_desk_scans(
    storage: ServerStorage,
    path: Path,
    *,
    keys: ProvinceBundleKeys,
    config: ServerConfig,
    now: Callable[[], dt.datetime],
) -> ScansImported:
    """Import the scan parts beside the desk bundle at ``path`` (import the bundle's records first)."""
    done = ScansImported()
    parts = parts_beside(Path(path))
    if not parts:
        return done
    try:
        device = _device_of_replica(storage, read_bundle_header(Path(path)).sender.replica_id)
    except (SyncError, OSError) as exc:
        raise BundleRefused(f"the bundle's scans cannot be read ({exc})", reason="damaged") from None
    if device is None or device.revoked:
        raise BundleRefused("these scans were not sent by an enrolled workstation", reason="unknown_origin")
    commune = device.commune_code
    identity = keys.for_commune(server_replica_base(storage), commune)
    senders = {device.replica_id: device_public_keys(device)}
    for part in parts:
        try:
            _sender, scans = read_scan_bundle(part, receiver=identity, known_senders=senders)
        except SyncError as exc:
            raise BundleRefused(f"the scans in {part.name} are refused: {exc}", reason="bad_scans") from None
        done.parts += 1
        for scan, content in scans:
            try:
                held = _store_scan(storage, commune, scan, content, config=config, now=now())
            except ServerError as exc:
                done.refused[scan.sha256] = str(exc)
                continue
            if held:
                done.already_here += 1
            else:
                done.stored += 1
    return done


def _store_scan(
    storage: ServerStorage,
    commune: str,
    scan: ScanItem,
    content: bytes,
    *,
    config: ServerConfig,
    now: dt.datetime,
) -> bool:
    """Store one scan as an upload would; ``True`` if the server held it already."""
    states = upload_states(storage, commune, [(scan.sha256, scan.size)])
    if not states:
        return True
    offset = states[0].received  # a network upload may have begun it
    while True:
        state = put_chunk(
            storage,
            commune,
            scan.sha256,
            offset=offset,
            size=scan.size,
            data=content[offset : offset + PIECE],
            now=now,
            limit=config.max_scan_bytes,
            quota=config.scan_quota(commune),
            named_by_commune=True,
        )
        if state.complete:
            return False
        offset = state.received


def export_desk_scans(
    storage: ServerStorage,
    device_id: str,
    exported: BundleExport,
    *,
    keys: ProvinceBundleKeys,
    record_types: tuple[RecordType, ...],
    scope_field: str,
    now: Callable[[], dt.datetime],
    max_bytes: int = DEFAULT_PART_BYTES,
) -> ScanBundlesWritten:
    """Write the scans the records of ``exported`` (a bundle just made for the device) name, beside it."""
    device = storage.get_device(device_id)
    if device is None:
        raise UnknownDevice(f"no workstation has the device id {device_id[:64]!r}")
    commune = device.commune_code
    base = server_replica_base(storage)
    replica = ServerReplica(storage, commune, record_types, scope_field=scope_field, now=now)
    named = scans_named(replica.missing_encoded(exported.since))
    items: list[ScanItem] = []
    with storage.transaction() as tx:
        for sha in named:
            rows = tx.query(
                "SELECT size FROM attachments WHERE commune_code = ? AND sha256 = ? AND complete = 1",
                (commune, sha),
            )
            if rows:
                items.append(ScanItem(sha, int(rows[0][0]), "application/octet-stream"))
    try:
        return write_scan_bundles(
            exported.path,
            items,
            lambda sha: b"".join(read_chunks(storage, commune, sha)),
            sender=keys.for_commune(base, commune),
            receiver=device_public_keys(device),
            bundle_id=exported.bundle_id,
            created_at=now().isoformat(),
            max_bytes=max_bytes,
        )
    except OSError as exc:
        raise BadInput(f"cannot write the scans beside {exported.path}: {exc.strerror}") from None
