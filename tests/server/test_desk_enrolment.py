"""A desk enrols with a real provincial server (uvicorn on 127.0.0.1, SQLite), keeps what it got inside its
encrypted store, numbers dossiers from its block (from the next day if it already printed numbers today) and
syncs with the stored transport factory."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from desktop.__main__ import main as motcua
from dossiers.dossier_codes import format_code
from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from dossiers.vietnam_time import vietnam_today
from server.sync_replica import ServerReplica
from sync.device_keys import DeviceIdentity
from sync.enrolment_client import (
    EnrolledCommune,
    Enrolment,
    NumberBlock,
    check_server_url,
    enrol_device,
    parse_enrolment,
)
from sync.errors import (
    ClientTooOld,
    EnrolmentRefusedByServer,
    ServerOffline,
    ServerRejectedData,
)
from sync.sync_session import run_session
from tests.helpers.enrolled_desks import (
    BA_DINH,
    HOAN_KIEM,
    PASS,
    draft,
    it_enrol,
    new_desk,
    open_work,
    unlock,
)
from tests.server.conftest import Province
from workstation.enrolment import (
    DeskEnrolmentError,
    enrol_workstation,
    is_enrolled,
    save_enrolment,
    server_link,
    stored_credentials,
    stored_transport_factory,
)
from workstation.it_commands.console import CommandFailed, Console
from workstation.it_commands.enrol import run_enrol, transport_failure
from workstation.it_commands.workstation_paths import workstation_paths
from workstation.sequence_blocks import adopt_pending_block, pending_block, read_sequence_space
from workstation.settings import read_site_settings
from workstation.sync_keys import StoreCheckpoints, device_identity


def files_under(folder: Path) -> Iterator[bytes]:
    for path in folder.rglob("*"):
        if path.is_file():
            yield path.read_bytes()


# ---- the IT command -------------------------------------------------------------------------------------


def test_the_it_command_enrols_and_keeps_the_credential_only_inside_the_encrypted_store(
    province: Province, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = new_desk(tmp_path, "desk-a", province.clock)
    code = province.code()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASS + "\n"))
    status = motcua(
        ["enrol", "--data-dir", str(data), "--server", province.live.url, "--code", code.lower()]
        + ["--login", "lan", "--label", "Bàn 1"]
    )
    shown = capsys.readouterr()
    assert status == 0, shown.err
    assert "0001–1000" in shown.out and "00070" in shown.out and "from now on" in shown.out

    session = unlock(data, province.clock)
    try:
        credentials = stored_credentials(session.store)
        assert credentials is not None and credentials.startswith("mcd.")
        link = server_link(session.store)
        assert link is not None and link.server_url == province.live.url and link.commune == HOAN_KIEM
        assert link.device_id in shown.out and link.ca_file is None
        with session.store.reader() as conn:
            space = read_sequence_space(conn)
            held_site = read_site_settings(conn)
        assert space is not None and (space.agency, space.first, space.last) == ("00070", 1, 1000)
        assert held_site is not None and held_site.agency_id == "00070"  # the province's identifier
        assert device_identity(session.store).replica_id == session.store.replica_id
        me = province.live.get("/v1/me", token=credentials)
        assert me.status_code == 200 and me.json()["label"] == "Bàn 1"
        assert me.json()["replica_id"] == session.store.replica_id
    finally:
        session.store.close()
    secret = credentials.rsplit(".", 1)[1]
    assert credentials not in shown.out + shown.err and secret not in shown.out + shown.err
    for content in files_under(data):  # the store, its key file, the settings: nothing in clear
        assert secret.encode() not in content and b"mcd." not in content
        assert province.live.url.encode() not in content


def test_a_second_workstation_of_the_commune_gets_another_block(province: Province, tmp_path: Path) -> None:
    first = new_desk(tmp_path, "desk-a", province.clock)
    second = new_desk(tmp_path, "desk-b", province.clock)
    assert it_enrol(first, province, province.code())[0] == 0
    status, text = it_enrol(second, province, province.code(), label="Bàn 2")
    assert status == 0 and "1001–2000" in text
    blocks = []
    for data in (first, second):
        session = unlock(data, province.clock)
        with session.store.reader() as conn:
            blocks.append(read_sequence_space(conn))
        session.store.close()
    assert [(b.first, b.last) for b in blocks if b] == [(1, 1000), (1001, 2000)]
    code = province.code()
    with pytest.raises(CommandFailed, match="already enrolled"):
        it_enrol(first, province, code)  # refused before the server is asked: the code stays unused
    assert it_enrol(new_desk(tmp_path, "desk-c", province.clock), province, code)[0] == 0


def test_used_expired_and_other_commune_codes_are_refused_in_clear_words(
    province: Province, tmp_path: Path
) -> None:
    used = province.code()
    assert it_enrol(new_desk(tmp_path, "desk-a", province.clock), province, used)[0] == 0
    late = new_desk(tmp_path, "desk-b", province.clock)
    with pytest.raises(CommandFailed, match="already used: ask provincial IT for a new one"):
        it_enrol(late, province, used)
    short = province.code(HOAN_KIEM, "--hours", "1")
    province.clock.advance(hours=2)
    with pytest.raises(CommandFailed, match="has expired: ask provincial IT for a new one"):
        it_enrol(late, province, short)
    with pytest.raises(CommandFailed, match="another commune"):
        it_enrol(late, province, province.code(BA_DINH))
    with pytest.raises(CommandFailed, match="not known"):
        it_enrol(late, province, "ABCD-EFGH-JKLM-NPQR")
    session = unlock(late, province.clock)
    assert not is_enrolled(session.store) and server_link(session.store) is None
    session.store.close()
    assert it_enrol(late, province, province.code())[0] == 0  # a fresh code still works


def test_the_it_command_checks_its_arguments_and_says_when_the_server_is_away(
    province: Province, tmp_path: Path
) -> None:
    data = new_desk(tmp_path, "desk-a", province.clock)
    with pytest.raises(CommandFailed, match="https://"):
        run_enrol(
            workstation_paths(data), "motcua.example.vn", "X", Console(), now=province.clock.now, new_id=str
        )
    with pytest.raises(CommandFailed, match="empty"):
        run_enrol(
            workstation_paths(data), province.live.url, " ", Console(), now=province.clock.now, new_id=str
        )
    with pytest.raises(CommandFailed, match="no CA file"):
        it_enrol(data, province, "ABCD", ca_file=tmp_path / "missing.pem")
    with pytest.raises(CommandFailed, match="no store"):
        it_enrol(tmp_path / "empty", province, "ABCD")
    code = province.code()
    province.live.stop()
    with pytest.raises(CommandFailed, match="cannot be reached"):
        it_enrol(data, province, code)
    assert "update motcua" in transport_failure(ClientTooOld("old", status=426))


# ---- the number block and design §5 ----------------------------------------------------------------------


def test_the_block_applies_at_once_when_no_number_was_handed_out_today(
    province: Province, tmp_path: Path
) -> None:
    data = new_desk(tmp_path, "desk-a", province.clock)
    session = unlock(data, province.clock)
    open_work(session, province.clock, "d")  # the standalone space is saved
    saved = enrol_workstation(
        session.store, province.live.url, province.code(), label="Bàn 1", now=province.clock.now
    )
    assert not saved.deferred and saved.effective_from == vietnam_today(province.clock.now())
    assert saved.site.agency_id == "00070" and pending_block(session.store) is None
    session.store.close()
    session = unlock(data, province.clock)
    work = open_work(session, province.clock, "e")
    assert format_code(work.desk.receive(draft()).code) == "00070-260302-0001"
    session.store.close()


def test_after_numbers_were_printed_today_the_block_waits_for_the_next_day(
    province: Province, tmp_path: Path
) -> None:
    # the first block goes to another desk: this one gets 1001–2000
    assert it_enrol(new_desk(tmp_path, "desk-0", province.clock), province, province.code())[0] == 0
    data = new_desk(tmp_path, "desk-a", province.clock)
    session = unlock(data, province.clock)
    work = open_work(session, province.clock, "d")
    printed = [format_code(work.desk.receive(draft()).code) for _ in range(2)]
    assert printed == ["01.00070-260302-0001", "01.00070-260302-0002"]

    saved = enrol_workstation(
        session.store, province.live.url, province.code(), label="Bàn 2", now=province.clock.now
    )
    assert saved.deferred and saved.effective_from == dt.date(2026, 3, 3)
    assert (saved.space.first, saved.space.last) == (1001, 2000)
    assert saved.site.agency_id == "01.00070"  # unchanged today
    with session.store.reader() as conn:
        assert read_sequence_space(conn).agency == "01.00070"  # type: ignore[union-attr]
    # The same day, even after reopening, the desk keeps numbering where it was: no number repeats.
    session.store.close()
    session = unlock(data, province.clock)
    work = open_work(session, province.clock, "e")
    assert format_code(work.desk.receive(draft()).code) == "01.00070-260302-0003"
    session.store.close()

    province.clock.advance(days=1)
    session = unlock(data, province.clock, "next-day")
    work = open_work(session, province.clock, "f")
    assert work.site.agency_id == "00070" and pending_block(session.store) is None
    assert format_code(work.desk.receive(draft()).code) == "00070-260303-1001"
    with session.store.reader() as conn:
        assert read_site_settings(conn).agency_id == "00070"  # type: ignore[union-attr]
    assert adopt_pending_block(session.store, work.site, dt.date(2026, 3, 9)) == work.site  # nothing waits
    session.store.close()


def test_an_enrolment_for_another_commune_is_not_kept(province: Province, tmp_path: Path) -> None:
    data = new_desk(tmp_path, "desk-a", province.clock)
    session = unlock(data, province.clock)
    identity = device_identity(session.store)
    other = enrol_device(province.live.url, province.code(BA_DINH), identity, "Bàn 1", commune=BA_DINH)
    today = vietnam_today(province.clock.now())
    with pytest.raises(DeskEnrolmentError, match="commune 00004, but this desk serves commune 00070") as err:
        save_enrolment(session.store, other, server_url=province.live.url, ca_file=None, today=today)
    assert err.value.reason == "wrong_commune" and not is_enrolled(session.store)
    stranger = DeviceIdentity.generate("someone-else")
    with pytest.raises(DeskEnrolmentError) as err:
        save_enrolment(session.store, other, server_url="x", ca_file=None, today=today, identity=stranger)
    assert err.value.reason == "wrong_store"
    assert stored_transport_factory(session.store) is None
    session.store.close()


# ---- syncing with what was stored -------------------------------------------------------------------------


def test_after_enrolment_sync_now_pushes_a_dossier_to_the_province(
    province: Province, tmp_path: Path
) -> None:
    data = new_desk(tmp_path, "desk-a", province.clock)
    assert it_enrol(data, province, province.code())[0] == 0
    session = unlock(data, province.clock)
    try:
        work = open_work(session, province.clock, "d")
        dossier = work.desk.receive(draft())
        factory = stored_transport_factory(session.store)
        assert factory is not None
        transport = factory()
        try:
            result = run_session(
                work.desk.replica,
                transport,
                now=province.clock.now,
                checkpoints=StoreCheckpoints(session.store),
            )
        finally:
            transport.close()  # type: ignore[attr-defined]
        assert result.pushed_events >= 1 and result.peer_replica.endswith(HOAN_KIEM)
        server = ServerReplica(
            province.storage, HOAN_KIEM, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=province.clock.now
        )
        assert server.record_ids("dossier") == [dossier.dossier_id]
        held = server.record("dossier", dossier.dossier_id).values
        assert held["code"] == "00070-260302-0001" and held["commune"] == HOAN_KIEM
    finally:
        session.store.close()


# ---- the client call ---------------------------------------------------------------------------------------


def test_the_client_maps_the_servers_answers(province: Province) -> None:
    identity = DeviceIdentity.generate("replica-x")
    url = province.live.url + "/"
    done = enrol_device(url, province.code(), identity, " Bàn 1 ", commune=HOAN_KIEM)
    assert done.commune == EnrolledCommune(HOAN_KIEM, "01", "Phường Hoàn Kiếm", "00070")
    assert (
        done.block == NumberBlock("00070", 1, 1000, dt.date(2026, 3, 2)) and done.block.label == "0001–1000"
    )
    assert done.credentials.startswith(f"mcd.{done.device_id}.") and done.credentials not in repr(done)
    assert done.province_keys is None  # this test server has no bundle key file (see test_usb_bundles.py)
    with pytest.raises(EnrolmentRefusedByServer) as err:
        enrol_device(url, province.code(), identity, "Bàn 1", commune=HOAN_KIEM)
    assert err.value.reason == "already_enrolled" and err.value.kind == "enrolment_refused"
    with pytest.raises(EnrolmentRefusedByServer) as err:
        enrol_device(url, province.code(BA_DINH), DeviceIdentity.generate("y"), "Bàn 1", commune=HOAN_KIEM)
    assert err.value.reason == "wrong_commune" and err.value.status == 403
    with pytest.raises(ClientTooOld) as old:
        enrol_device(
            url,
            province.code(),
            DeviceIdentity.generate("z"),
            "x",
            commune=HOAN_KIEM,
            protocol={"X-Motcua-Protocol": "0"},
        )
    assert old.value.kind == "too_old"
    with pytest.raises(ServerRejectedData):
        enrol_device(url, province.code(), DeviceIdentity.generate("bad id!"), "x", commune=HOAN_KIEM)
    with requests.Session() as session:
        with pytest.raises(ServerOffline):
            enrol_device("http://127.0.0.1:9", "ABCD", identity, "x", commune=HOAN_KIEM, session=session)
    for bad in ("", " ", "x" * 65, "tab\there"):
        with pytest.raises(ValueError, match="label"):
            enrol_device(url, "ABCD", identity, bad, commune=HOAN_KIEM)
    with pytest.raises(ValueError, match="code"):
        enrol_device(url, "  ", identity, "x", commune=HOAN_KIEM)


def test_server_addresses() -> None:
    assert check_server_url(" https://motcua.tinh.gov.vn/ ") == "https://motcua.tinh.gov.vn"
    assert check_server_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    for bad in ("motcua.tinh.gov.vn", "http://motcua.tinh.gov.vn", "ftp://x", "https://x/?a=1", "https://"):
        with pytest.raises(ValueError):
            check_server_url(bad)


def test_answers_that_are_not_an_enrolment_are_refused() -> None:
    good = {
        "device_id": "d1",
        "device_secret": "mcd.d1.secret",
        "commune": {"code": "00070", "province_code": "01", "name": "P", "agency": "00070"},
        "sequence": {"agency": "00070", "first": 1, "last": 1000, "valid_from": "2026-03-02"},
        "protocol": 1,
    }
    assert isinstance(parse_enrolment(good), Enrolment)
    keys = DeviceIdentity.generate("srv-1").public()
    assert parse_enrolment({**good, "province_keys": keys.to_json()}).province_keys == keys
    broken = [
        [],
        {**good, "device_secret": "two words"},
        {**good, "sequence": {**good["sequence"], "first": 0}},  # type: ignore[dict-item]
        {**good, "sequence": {**good["sequence"], "last": True}},  # type: ignore[dict-item]
        {**good, "commune": None},
        {**good, "protocol": "1"},
        {**good, "province_keys": {"replica_id": "x", "signing": "bad", "exchange": "bad"}},
        json.loads(json.dumps({k: v for k, v in good.items() if k != "device_id"})),
    ]
    for answer in broken:
        with pytest.raises(ServerRejectedData):
            parse_enrolment(answer)
