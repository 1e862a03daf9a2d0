"""Desks as ReplicaStores in SQLCipher files, enrolled with a live server, for the end-to-end sync tests; the
server's own replica of a commune; dossier fields that do not compress away."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.storage.interface import ServerStorage
from server.sync_replica import ServerReplica
from sync.attachments import AttachmentStore, create_attachment_tables
from sync.connection import open_connection
from sync.http_transport import HttpTransport
from sync.replica_store import ReplicaStore
from sync.store import Store
from sync.sync_session import run_session

KEY = bytes(range(32))
T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


class Desk:
    """A workstation: a SQLCipher store with its replica, attachments, and its server credential."""

    def __init__(self, root: Path, name: str, commune: str, enrolled: dict[str, Any]) -> None:
        self.commune = commune
        self.credential = str(enrolled["device_secret"])
        self.store = Store.open(root / name, KEY, now=ticking(), new_id=lambda: name, create=True)
        self.replica = ReplicaStore(
            self.store, "desk", (DOSSIER_RECORD,), now=ticking(), scope_field=SCOPE_FIELD
        )
        self.conn = open_connection(root / f"{name}-attachments.db", KEY, check_same_thread=False)
        create_attachment_tables(self.conn)
        self.attachments = AttachmentStore(self.conn, root / f"{name}-files", now=ticking())

    def transport(self, url: str, **options: Any) -> HttpTransport:
        return HttpTransport(url, self.credential, sleep=lambda _: None, **options)

    def sync(self, url: str, **options: Any) -> Any:
        with self.transport(url, **options) as transport:
            return run_session(self.replica, transport, now=ticking())

    def new_dossier(self, number: int, scans: tuple[str, ...] = ()) -> None:
        """A dossier of this desk's commune, naming the scans (hashes) given (the server takes no others)."""
        fields = dossier_fields(self.commune, number)
        if scans:
            fields["attachments"] = [{"sha256": sha} for sha in scans]
        self.replica.write("dossier", f"{self.commune}-{number:05d}", fields, "clerk")

    def close(self) -> None:
        self.conn.close()
        self.store.close()


def noise(seed: str) -> str:
    """Text that does not compress away (a realistic ~1.8 KB dossier does not compress 100-fold)."""
    return "".join(hashlib.sha256(f"{seed}.{i}".encode()).hexdigest() for i in range(8))


def dossier_fields(commune: str, number: int) -> dict[str, Any]:
    return {
        "commune": commune,
        "procedure_code": "1.001612",
        "procedure_name": "Đăng ký khai sinh",
        "channel": "1",
        "received_at": "2026-03-02T08:00:00+07:00",
        "received_by": "clerk-1",
        "code": f"000.00.01.H26-260302-{number:04d}",
        "fee": 0,
        "notes": [{"text": "Hồ sơ đầy đủ, đã kiểm tra bản chính", "ref": noise(f"{commune}{number}")}],
    }


def province(storage: ServerStorage, commune: str) -> ServerReplica:
    return ServerReplica(storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
