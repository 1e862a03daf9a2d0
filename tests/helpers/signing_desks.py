"""Desks that sign their events (their own device keys), enrolled with a live server by those keys; and
forgers: stores under another desk's replica id, signing with keys the server never saw, or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.storage.interface import ServerStorage
from sync.device_keys import DeviceIdentity
from sync.event_texts import decode_canonical
from sync.http_transport import HttpTransport
from sync.replica_store import ReplicaStore
from sync.store import Store
from sync.sync_session import run_session
from sync.version_vectors import VersionVector
from tests.helpers.live_desks import KEY, dossier_fields
from tests.helpers.server_accounts import issue
from tests.server.conftest import Clock, Ids, LiveServer


class SigningDesk:
    """A workstation's replica whose events are signed by ``identity`` (``None``: unsigned, as before
    signatures existed)."""

    def __init__(
        self,
        root: Path,
        name: str,
        commune: str,
        *,
        identity: DeviceIdentity | None,
        at: dt.datetime,
    ) -> None:
        self.name, self.commune, self.identity, self.credential = name, commune, identity, ""
        self.at = at
        """The desk's clock (the device time of the events it makes): set it to move it."""
        now: Callable[[], dt.datetime] = lambda: self.at  # noqa: E731
        self.store = Store.open(root / name, KEY, now=now, new_id=lambda: name, create=True)
        self.replica = ReplicaStore(
            self.store,
            "desk",
            (DOSSIER_RECORD,),
            now=now,
            scope_field=SCOPE_FIELD,
            identity=None if identity is None else lambda _conn: identity,
        )

    def new_dossier(self, number: int) -> str:
        record_id = f"{self.commune}-{self.name}-{number:05d}"
        self.replica.write("dossier", record_id, dossier_fields(self.commune, number), "clerk")
        return record_id

    def texts(self) -> list[str]:
        """Every event text this desk holds, as stored (what a LAN peer or a USB bundle carries)."""
        return self.replica.missing_encoded(VersionVector())

    def relay_from(self, other: SigningDesk) -> None:
        """Take ``other``'s events as their texts are (a LAN peer or a USB bundle between desks)."""
        self.replica.receive_encoded([decode_canonical(text) for text in other.texts()])

    def sync(self, url: str) -> Any:
        with HttpTransport(url, self.credential, sleep=lambda _: None) as transport:
            return run_session(self.replica, transport, now=self.store.now)

    def close(self) -> None:
        self.store.close()


def enrol_signing(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, desk: SigningDesk
) -> dict[str, Any]:
    """Enrol ``desk`` through the live server's enrolment route with its own public keys."""
    assert desk.identity is not None
    body = {
        "code": issue(storage, desk.commune, clock, ids),
        "commune": desk.commune,
        "label": desk.name,
        "device_keys": desk.identity.public().to_json(),
    }
    response = live.post("/v1/enrol", json=body)
    assert response.status_code == 200, response.text
    desk.credential = str(response.json()["device_secret"])
    return dict(response.json())
