"""End to end: a real uvicorn on 127.0.0.1 (SQLite and PostgreSQL), desks as ReplicaStores in SQLCipher files,
the real HttpTransport and run_session."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.app import create_app  # noqa: F401  (the app under test is started by the fixtures)
from server.storage.interface import ServerStorage
from server.sync_health import commune_health
from server.sync_replica import server_replica_base
from sync.errors import (
    ClientTooOld,
    DeviceRevokedByServer,
    ServerOffline,
    ServerRejectedData,
    ServerUnauthorised,
    TransportError,
)
from sync.http_transport import HttpTransport
from sync.replica_store import ReplicaStore
from sync.store import Store
from sync.sync_session import run_session
from tests.helpers.flaky_link import FlakyLink
from tests.helpers.live_desks import KEY, Desk, dossier_fields, province, ticking
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer


@pytest.fixture
def world(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str], tmp_path: Path
) -> Iterator[Callable[[str, str], Desk]]:
    desks: list[Desk] = []

    def make(name: str, commune: str) -> Desk:
        desk = Desk(tmp_path, name, commune, enrol(live, storage, commune, clock, ids, name))
        desks.append(desk)
        return desk

    yield make
    for desk in desks:
        desk.close()


def test_push_1000_dossiers_with_attachments_then_pull_province_changes(
    live: LiveServer, storage: ServerStorage, world: Callable[[str, str], Desk], communes: list[str]
) -> None:
    desk = world("desk-a1", communes[0])
    contents = [os.urandom(n) for n in (0, 10, 300_000)]
    infos = [desk.attachments.add_stream(io.BytesIO(data)) for data in contents]
    desk.new_dossier(1, tuple(info.sha256 for info in infos))  # the server takes only scans a dossier names
    for number in range(2, 1001):
        desk.new_dossier(number)

    result = desk.sync(live.url)
    assert result.pushed_events == 1000 and result.peer_counts.new == 1000
    assert result.round_trips == 2  # hello, push: the server said it holds nothing more, so no pull
    server = province(storage, communes[0])
    assert server.vector().to_dict() == {"desk-a1": 1000}
    assert len(server.record_ids("dossier")) == 1000

    with desk.transport(live.url) as transport:
        assert desk.replica.vector() == server.vector()  # nothing left either way
        assert transport.upload_missing(desk.attachments, chunk_bytes=64 * 1024) == 3
        assert transport.upload_missing(desk.attachments) == 0
    # another desk of the commune downloads them
    other = world("desk-a2", communes[0])
    with other.transport(live.url) as transport:
        for info, data in zip(infos, contents, strict=True):
            got = transport.download_attachment(info.sha256, other.attachments)
            assert got.sha256 == hashlib.sha256(data).hexdigest()
            assert other.attachments.read_bytes(info.sha256) == data

    # the province writes; the desk pulls it
    event = server.write(
        "dossier", f"{communes[0]}-00007", {"province_decision": {"result": "approved"}}, "officer-1"
    )
    assert event.side == "province" and event.id.replica_id == f"{server_replica_base(storage)}.{communes[0]}"
    again = desk.sync(live.url)
    assert again.pulled_events == 1 and again.pushed_events == 0
    assert desk.replica.record("dossier", f"{communes[0]}-00007").get("province_decision") == {
        "result": "approved"
    }
    assert desk.replica.vector() == server.vector()
    first_pull = other.sync(live.url)
    assert first_pull.pulled_events == 1001


def test_conflict_round_trip(
    live: LiveServer, storage: ServerStorage, world: Callable[[str, str], Desk], communes: list[str]
) -> None:
    desk = world("desk-a1", communes[0])
    desk.new_dossier(1)
    desk.sync(live.url)
    server = province(storage, communes[0])
    record = f"{communes[0]}-00001"
    desk.replica.write("dossier", record, {"fee": 50_000}, "clerk")
    server.write("dossier", record, {"fee": 20_000}, "officer-1")
    desk.sync(live.url)
    [on_desk] = desk.replica.record("dossier", record).conflicts
    [on_server] = server.record("dossier", record).conflicts
    assert on_desk.field == on_server.field == "fee" and on_desk.event_ids == on_server.event_ids
    assert desk.replica.record("dossier", record).get("fee") == server.record("dossier", record).get("fee")
    server.resolve(on_server, "officer-1", value=30_000)
    desk.sync(live.url)
    assert desk.replica.record("dossier", record).conflicts == ()
    assert server.record("dossier", record).conflicts == ()
    assert (
        desk.replica.record("dossier", record).get("fee")
        == server.record("dossier", record).get("fee")
        == 30_000
    )


def test_resume_after_the_connection_is_cut_mid_batch(
    live: LiveServer, storage: ServerStorage, world: Callable[[str, str], Desk], communes: list[str]
) -> None:
    desk = world("desk-a1", communes[0])
    for number in range(1, 1201):
        desk.new_dossier(number)
    host, port = live.url.removeprefix("http://").split(":")
    budgets = iter([200_000])  # the first connection (hello, then push) is cut after 200 kB
    with FlakyLink((host, int(port)), cut_after=lambda: next(budgets, None)) as link:
        with pytest.raises(ServerOffline) as cut:
            desk.sync(link.url, retries=0)
        assert cut.value.kind == "offline"
        live.wait_idle()  # the server may still be storing the batch it had whole when the link broke
        server = province(storage, communes[0])
        whole = (0, 50, 550, 1050, 1150)  # a push's batches: 50, 500, 500, 100, 50 (small ends)
        assert server.vector()["desk-a1"] in whole  # whole batches only
        result = desk.sync(link.url)
    # the server may still be committing the batch in flight when the desk sees the cut: what it had
    # committed is what it answered the next session's hello with
    committed = result.checkpoint.received_vector["desk-a1"]
    assert committed in whole  # whole batches only
    assert result.pushed_events == 1200 - committed
    assert server.vector() == desk.replica.vector()
    assert link.stats.cuts == 1


def test_revoked_device_and_old_protocol_are_refused(
    live: LiveServer,
    storage: ServerStorage,
    world: Callable[[str, str], Desk],
    communes: list[str],
    clock: Clock,
) -> None:
    desk = world("desk-a1", communes[0])
    desk.new_dossier(1)
    with pytest.raises(ClientTooOld) as old:
        desk.sync(live.url, protocol={"X-Motcua-Protocol": "0"})
    assert old.value.kind == "too_old" and old.value.status == 426
    device_id = desk.credential.split(".")[1]
    from server.enrolment import revoke_device

    revoke_device(storage, device_id, now=clock.now)
    with pytest.raises(DeviceRevokedByServer) as revoked:
        desk.sync(live.url)
    assert revoked.value.kind == "revoked"
    assert province(storage, communes[0]).vector().to_dict() == {}


def test_a_device_of_commune_b_cannot_read_or_write_commune_a(
    live: LiveServer, storage: ServerStorage, world: Callable[[str, str], Desk], communes: list[str]
) -> None:
    desk_a = world("desk-a1", communes[0])
    desk_b = world("desk-b1", communes[1])
    info = desk_a.attachments.add_stream(io.BytesIO(b"scan of commune A"))
    desk_a.new_dossier(1, (info.sha256,))
    desk_a.sync(live.url)
    with desk_a.transport(live.url) as transport:
        transport.upload_missing(desk_a.attachments)
    # B pulls nothing of A
    result = desk_b.sync(live.url)
    assert result.pulled_events == 0 and desk_b.replica.record_keys() == []
    # B cannot fetch A's attachment, even by its hash
    with desk_b.transport(live.url) as transport, pytest.raises(ServerRejectedData) as hidden:
        transport.download_attachment(info.sha256, desk_b.attachments)
    assert hidden.value.status == 404
    # B writes a dossier of commune A: the whole push is refused, nothing stored
    desk_b.replica.write("dossier", "b-own", dossier_fields(communes[1], 1), "clerk")
    desk_b.replica.write("dossier", "sneaky", dossier_fields(communes[0], 2), "clerk")
    with pytest.raises(ServerRejectedData) as refused:
        desk_b.sync(live.url)
    assert refused.value.status == 403 and refused.value.code == "events_refused"
    assert province(storage, communes[1]).vector().to_dict() == {}
    assert province(storage, communes[0]).record_ids("dossier") == [f"{communes[0]}-00001"]


def test_forged_and_province_owned_events_are_refused(
    live: LiveServer,
    storage: ServerStorage,
    world: Callable[[str, str], Desk],
    communes: list[str],
    tmp_path: Path,
) -> None:
    desk = world("desk-a1", communes[0])
    fake = ReplicaStore(
        Store.open(tmp_path / "fake", KEY, now=ticking(), new_id=lambda: "not-enrolled", create=True),
        "desk",
        (DOSSIER_RECORD,),
        scope_field=SCOPE_FIELD,
    )
    fake.write("dossier", "x1", dossier_fields(communes[0], 1), "clerk")
    desk.replica.receive(fake.events())  # relayed by the enrolled desk: its origin is unknown to the server
    with pytest.raises(ServerRejectedData) as unknown:
        desk.sync(live.url)
    assert "not a workstation of this commune" in str(unknown.value)
    fake.store.close()
    owned = world("desk-a2", communes[0])
    province_side = ReplicaStore(owned.store, "province", (DOSSIER_RECORD,), scope_field=SCOPE_FIELD)
    province_side.write("dossier", "x2", {**dossier_fields(communes[0], 2), "province_decision": "ok"}, "x")
    report = owned.sync(live.url)  # refused alone: the province's refusal takes the event's place
    assert [r.reason for r in report.peer_counts.refused] == ["wrong_side"]
    assert province(storage, communes[0]).record_ids("dossier") == ["x2"]  # its scope is known, no state
    assert province(storage, communes[0]).records("dossier") == []


def test_a_forged_replica_id_in_the_session_is_refused(
    live: LiveServer, world: Callable[[str, str], Desk], communes: list[str]
) -> None:
    desk = world("desk-a1", communes[0])
    other = world("desk-a2", communes[0])
    with HttpTransport(live.url, other.credential) as transport, pytest.raises(ServerUnauthorised) as refused:
        run_session(desk.replica, transport, now=ticking())
    assert refused.value.code == "wrong_replica" and refused.value.status == 403


def test_bad_session_bodies_are_4xx_and_store_nothing(
    live: LiveServer, storage: ServerStorage, world: Callable[[str, str], Desk], communes: list[str]
) -> None:
    desk = world("desk-a1", communes[0])
    headers = {"Authorization": f"Bearer {desk.credential}"}
    for route in ("hello", "push", "pull"):
        for body in (b"", b"\x00\x00\x00\x05{oops", b"not frames at all" * 100, os.urandom(5000)):
            answer = live.post(f"/v1/sync/{route}", data=body, headers=headers)
            assert 400 <= answer.status_code < 500, (route, answer.status_code, answer.text)
    for bad in ("../../etc/passwd", "ABC", "a" * 63, "%2e%2e%2fsecret"):
        answer = live.request(
            "PUT", f"/v1/sync/attachments/{bad}?offset=0&size=1", data=b"x", headers=headers
        )
        assert 400 <= answer.status_code < 500
    sha = hashlib.sha256(b"right").hexdigest()
    path = f"/v1/sync/attachments/{sha}?offset=0&size=5"
    unnamed = live.request("PUT", path, data=b"right", headers=headers)
    assert unnamed.status_code == 403 and unnamed.json()["error"] == "scan_not_of_commune"
    assert province(storage, communes[0]).vector().to_dict() == {}
    desk.new_dossier(1, (sha,))
    desk.sync(live.url)
    wrong = live.request("PUT", f"/v1/sync/attachments/{sha}?offset=0&size=5", data=b"wrong", headers=headers)
    assert wrong.status_code == 422 and wrong.json()["error"] == "attachment_hash_mismatch"
    ahead = live.request("PUT", f"/v1/sync/attachments/{sha}?offset=3&size=5", data=b"ht", headers=headers)
    assert ahead.status_code == 409 and ahead.json()["expected"] == 0
    missing = live.post(
        "/v1/sync/attachments/missing", json={"attachments": [{"sha256": sha, "size": 5}]}, headers=headers
    )
    assert missing.json() == {"missing": [{"sha256": sha, "size": 5, "received": 0}]}


def test_catalogue_is_versioned_with_an_etag(
    live: LiveServer,
    storage: ServerStorage,
    world: Callable[[str, str], Desk],
    communes: list[str],
    clock: Clock,
) -> None:
    from server.catalogues import BadCatalogue, publish_catalogue
    from tests.helpers.catalogue_versions import catalogue_text

    desk = world("desk-a1", communes[0])
    with desk.transport(live.url) as transport:
        with pytest.raises(TransportError) as none:
            transport.fetch_catalogue()
        assert none.value.status == 404
        publish_catalogue(storage, catalogue_text(1), clock.now())
        first = transport.fetch_catalogue()
        assert first.text is not None and first.etag
        assert transport.fetch_catalogue(first.etag).text is None
        publish_catalogue(storage, catalogue_text(2), clock.now())
        newer = transport.fetch_catalogue(first.etag)
        assert newer.text is not None and newer.etag != first.etag
    with pytest.raises(BadCatalogue):
        publish_catalogue(storage, "{}", clock.now())
    assert requests.get(live.url + "/v1/reference/catalogue", timeout=5).status_code == 426


def test_a_pull_that_finds_the_desk_up_to_date_still_counts_as_a_pull(
    live: LiveServer, storage: ServerStorage, world: Callable[[str, str], Desk], communes: list[str]
) -> None:
    desk = world("desk-p1", communes[0])
    desk.new_dossier(1)
    desk.sync(live.url)  # pushes its one event, pulls nothing: it is the commune's only writer
    (device,) = commune_health(storage, communes[0]).devices
    assert device.last_push_at is not None and device.last_pull_at is not None
    assert device.backlog == 0
