"""``GET /v1/sync/origins`` (issue 14, finding 1): a desk learns the signing keys of its own commune's
workstations and their revocations, to check what its LAN peers relay; nothing of another commune."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.enrolment import revoke_device
from server.storage.interface import ServerStorage
from sync.device_keys import DeviceIdentity
from sync.http_transport import HttpTransport
from tests.helpers.signing_desks import SigningDesk, enrol_signing
from tests.server.conftest import START, Clock, Ids, LiveServer
from workstation.origin_keys import province_keys_from


@pytest.fixture
def three(tmp_path: Path, communes: list[str]) -> Iterator[list[SigningDesk]]:
    made = [
        SigningDesk(tmp_path, name, commune, identity=DeviceIdentity.generate(name), at=START)
        for name, commune in (("desk-x", communes[0]), ("desk-y", communes[0]), ("desk-z", communes[1]))
    ]
    yield made
    for desk in made:
        desk.close()


def test_a_desk_gets_its_communes_keys_and_revocations_only(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, three: list[SigningDesk]
) -> None:
    x, y, z = three
    enrolled = {d.name: enrol_signing(live, storage, clock, ids, d) for d in three}
    revoke_device(storage, enrolled["desk-y"]["device_id"], now=clock.now)
    with HttpTransport(live.url, x.credential, sleep=lambda _: None) as transport:
        keys = {k.replica_id: k for k in province_keys_from(transport.fetch_origin_keys())}
    assert set(keys) == {"desk-x", "desk-y"}  # desk-z is of another commune
    for desk in (x, y):
        assert desk.identity is not None
        assert base64.b64decode(keys[desk.name].signing) == desk.identity.public().signing
    assert keys["desk-x"].revoked_at is None
    assert keys["desk-y"].revoked_time() == clock.now()
    assert live.get("/v1/sync/origins").status_code == 401
