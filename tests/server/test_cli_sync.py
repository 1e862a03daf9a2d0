"""The admin CLI's sync commands (conflicts, resolve-conflict, health, export-portal) on both backends."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD, transition_value
from dossiers.lifecycle import Actor, Status
from server.communes import load_communes
from server.enrolment import EnrolmentRequest, enrol, issue_enrolment_code
from server.portal_export import portal_deadline, portal_time
from server.storage.interface import ServerStorage
from server.sync_health import commune_health
from server.sync_replica import ServerReplica
from sync.replica_memory import MemoryReplica
from tests.server.conftest import PROVINCE, Cli, device_keys

DESK = Actor.DESK


class World:
    """A commune with one enrolled desk whose events reached the server, and the server's replica."""

    def __init__(self, admin: Cli) -> None:
        self.cli = admin
        self.storage: ServerStorage = admin.storage()
        self.storage.migrate()
        load_communes(self.storage, PROVINCE)
        self.commune = self.storage.list_communes(PROVINCE)[0].code
        code = issue_enrolment_code(
            self.storage, self.commune, now=admin.clock.now, new_id=admin.ids, ttl=dt.timedelta(hours=1)
        ).code
        done = enrol(
            self.storage,
            EnrolmentRequest(code, self.commune, "Bàn 1", _keys("desk-a")),
            now=admin.clock.now,
            new_id=admin.ids,
            block_count=10,
        )
        self.device_id = done.device.id
        self.desk = MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), admin.clock.now)
        self.server = ServerReplica(
            self.storage, self.commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=admin.clock.now
        )

    def new_dossier(self, dossier_id: str) -> None:
        self.desk.write(
            "dossier",
            dossier_id,
            {
                SCOPE_FIELD: self.commune,
                "code": "000.00.01.H26-260302-0001",
                "procedure_code": "1.001193",
                "procedure_name": "Đăng ký khai sinh",
                "applicant_name": "Lê Văn Cường",
                "received_at": "2026-03-02T08:00:00+07:00",
                "appointment": "2026-03-10",
                "fee": 8000,
                "documents": [{"name": "Tờ khai", "form": "original", "count": 1, "note": ""}],
                "status": transition_value(Status.NEW, Status.ACCEPTED, DESK),
            },
            "clerk",
        )

    def push(self) -> None:
        self.server.receive(self.desk.missing_for(self.server.vector()))

    def close(self) -> None:
        self.storage.close()


def _keys(replica: str):
    from sync.device_keys import DevicePublicKeys

    return DevicePublicKeys.from_json(device_keys(replica))


@pytest.fixture
def world(cli: Cli) -> World:
    made = World(cli)
    yield made
    made.close()


def test_health_shows_last_contact_and_the_backlog_after_the_last_pull(world: World) -> None:
    world.new_dossier("d1")
    world.push()
    world.server.write("dossier", "d1", {"province_decision": {"text": "ok"}}, "officer")
    world.server.write("dossier", "d1", {"notes": ["xem lại"]}, "officer")
    health = commune_health(world.storage, world.commune)
    assert health.events == 3 and health.waiting == 0
    assert [d.backlog for d in health.devices] == [2]  # its own event is not in its backlog
    assert health.devices[0].last_seen_at is None

    pulled_at = world.storage.time_in(world.cli.clock.now())
    with world.storage.transaction() as tx:
        tx.run(
            "INSERT INTO sync_checkpoints"
            " (device_id, last_seen_at, last_pull_at, pushed_events, pulled_events) VALUES (?, ?, ?, 1, 2)",
            (world.device_id, pulled_at, pulled_at),
        )
    world.cli.clock.advance(hours=2)
    world.server.write("dossier", "d1", {"notes": ["sau khi kéo"]}, "officer")
    code, out, err = world.cli("health", "--commune", world.commune)
    assert code == 0, err
    assert f"commune {world.commune}: 4 events, 0 waiting" in out
    assert "last seen 2.0 h ago" in out and "last push never" in out and "backlog 1 events" in out
    code, out, _ = world.cli("health", "--province", PROVINCE)
    assert code == 0 and "backlog 1 events" in out
    assert "Lê Văn" not in out


def test_conflicts_are_listed_in_words_and_resolved(world: World) -> None:
    world.new_dossier("d1")
    world.push()
    world.desk.receive(world.server.missing_for(world.desk.vector()))
    world.desk.write("dossier", "d1", {"appointment": "2026-03-12"}, "clerk")
    world.server.write("dossier", "d1", {"appointment": "2026-03-20"}, "officer")
    world.push()

    code, out, err = world.cli("conflicts", "--commune", world.commune)
    assert code == 0, err
    assert "dossier d1, field appointment" in out and "1 open conflict(s)" in out
    assert "'2026-03-12'" in out and "'2026-03-20'" in out and "by clerk at the desk (desk-a)" in out

    assert world.cli("resolve-conflict", "--commune", world.commune, "--dossier", "d1",
                     "--field", "appointment", "--value", "not json")[0] == 2  # fmt: skip
    code, _, err = world.cli(
        "resolve-conflict", "--commune", world.commune, "--dossier", "d1", "--field", "appointment",
        "--choose", "nobody:1",
    )  # fmt: skip
    assert code == 2 and "not part of this conflict" in err
    code, out, err = world.cli(
        "resolve-conflict", "--commune", world.commune, "--dossier", "d1", "--field", "appointment",
        "--value", '"2026-03-15"',
    )  # fmt: skip
    assert code == 0, err
    assert "resolved by event" in out
    assert world.cli("conflicts", "--commune", world.commune)[1].strip() == "0 open conflict(s)"
    assert world.server.record("dossier", "d1").get("appointment") == "2026-03-15"
    assert world.cli("conflicts", "--commune", "99999")[0] == 2


def test_export_portal_writes_the_portal_shape(world: World, tmp_path: Path) -> None:
    world.new_dossier("d1")
    world.push()
    world.server.write(
        "dossier",
        "d1",
        {"status": transition_value(Status.ACCEPTED, Status.SUPPLEMENT_REQUESTED, Actor.PROVINCE),
         "requests": [{"kind": "supplement", "by": "officer", "at": "2026-03-03T09:30:00+07:00",
                       "items": [{"name": "Giấy chứng sinh", "reason": "thiếu"}]}]},
        "officer",
    )  # fmt: skip
    out_file = tmp_path / "portal.json"
    code, out, err = world.cli(
        "export-portal", "--commune", world.commune, "--since", "2026-03-01", str(out_file)
    )
    assert code == 0, err
    assert "1 dossier(s)" in out
    [dossier] = json.loads(out_file.read_text(encoding="utf-8"))
    assert dossier["MaHoSo"] == "000.00.01.H26-260302-0001"
    assert dossier["MaTTHC"] == "1.001193" and dossier["TenTTHC"] == "Đăng ký khai sinh"
    assert dossier["NgayTiepNhan"] == "20260302080000"
    assert dossier["NgayHenTra"] == "20260310235959"  # the whole appointment day
    assert dossier["TrangThaiHoSo"] == 5
    assert dossier["DanhSachLePhi"] == [{"TenPhiLePhi": "Lệ phí", "Gia": 8000}]
    assert dossier["TaiLieuNop"][0]["TenTepDinhKem"] == "Tờ khai"
    assert dossier["DanhSachHoSoBoSung"][0]["NoiDungBoSung"] == "Giấy chứng sinh"
    assert dossier["DanhSachHoSoBoSung"][0]["NgayBoSung"] == "20260303093000"
    assert [p["TrangThai"] for p in dossier["TienDoXuLy"]] == [2, 5]
    assert dossier["TienDoXuLy"][1]["NguoiXuLy"] == "officer"

    later = tmp_path / "later.json"
    assert world.cli("export-portal", "--commune", world.commune, "--since", "2027-01-01", str(later))[0] == 0
    assert json.loads(later.read_text(encoding="utf-8")) == []
    assert world.cli("export-portal", "--commune", world.commune, "--since", "03/01", str(later))[0] == 2


def test_portal_times_are_vietnam_time() -> None:
    assert portal_time(dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)) == "20260302080000"
    assert portal_time("2026-03-02T23:30:00+00:00") == "20260303063000"
    assert portal_time(dt.datetime(2026, 3, 2, 8, 5, 9)) == "20260302080509"  # no zone: Vietnam time
    assert portal_time(dt.date(2026, 3, 10)) == portal_time("2026-03-10") == "20260310000000"
    assert portal_time(None) is None and portal_time("") is None
    # an appointment is a whole day: a same-day one never comes before the reception time
    assert portal_deadline(dt.date(2026, 3, 2)) == portal_deadline("2026-03-02") == "20260302235959"
    assert portal_deadline("2026-03-02") > portal_time(dt.datetime(2026, 3, 2, 16, 30))  # type: ignore[operator]
    assert portal_deadline(None) is None
    with pytest.raises(TypeError):
        portal_time(5)
    with pytest.raises(ValueError):
        portal_time("yesterday")
