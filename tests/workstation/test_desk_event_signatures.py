"""A dossier desk signs every event it makes with its device keys (issue 14, finding 1), the keys kept in
its store (those it enrolled with); keys saved later (at enrolment) sign the events made from then on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossiers.lifecycle import Status
from sync.device_keys import DeviceIdentity
from sync.event_signatures import signature_valid
from sync.event_texts import decode_canonical
from sync.store import set_meta
from sync.version_vectors import VersionVector
from tests.helpers.dossier_desks import VN, Clock, draft, open_desk
from workstation.sync_keys import IDENTITY_KEY, device_identity


def test_every_event_a_desk_makes_is_signed_by_its_device_keys(tmp_path: Path) -> None:
    clock = Clock(dt.datetime(2026, 3, 2, 8, 30, tzinfo=VN))
    desk = open_desk(tmp_path / "store", clock)
    dossier = desk.receive(draft())
    keys = device_identity(desk.store).public()
    texts = desk.replica.missing_encoded(VersionVector())
    assert texts
    assert all(signature_valid(decode_canonical(t).event, keys.signing) for t in texts)
    enrolled = DeviceIdentity.generate(desk.replica_id)  # the first-run wizard saves the keys it enrolled
    desk.store.write(lambda conn: set_meta(conn, IDENTITY_KEY, enrolled.to_secret_json())).result()
    desk.change_status(dossier.dossier_id, Status.PROCESSING)
    last = decode_canonical(desk.replica.missing_encoded(VersionVector())[-1]).event
    assert signature_valid(last, enrolled.public().signing)
    assert not signature_valid(last, keys.signing)
    desk.store.close()
