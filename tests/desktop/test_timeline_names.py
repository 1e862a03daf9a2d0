"""The dossier page's timeline names each change's clerk by full name (from the desk's clerk records), also a
clerk who has since been removed; an author who is no clerk here (a province officer) shows as is."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.background import Background
from desktop.dossier_page import DossierWindow
from dossiers.catalogue import DocumentForm, parse_catalogue
from dossiers.citizen_id import Sex
from dossiers.code_allocation import SequenceSpace
from dossiers.dossier import Applicant, Office, ReceivedDocument
from dossiers.dossier_record import DOSSIER_RECORD, PROVINCE_SIDE, RECORD_TYPE_NAME
from dossiers.vietnam_time import VIETNAM_TIME
from dossiers.working_calendar import WorkingCalendar
from resources import resource_path
from sync.replica_memory import MemoryReplica
from sync.store import StorePaths
from tests.helpers.workstations import PASSPHRASE, hanoi_site
from workstation.clerks import add_desk_clerk, remove_desk_clerk
from workstation.dossier_desk import DossierDesk, DossierDraft
from workstation.opening import create_workstation

OFFICE = Office("000.00.01.H22", "Trung tâm Phục vụ hành chính công xã Tân Hòa", "UBND xã Tân Hòa", "Tân Hòa")


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 2, 13, 9, 30, tzinfo=VIETNAM_TIME)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(tmp_path: Path, clock: Clock) -> Iterator[DossierDesk]:
    session = create_workstation(
        tmp_path / "store",
        site=hanoi_site(),
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase=PASSPHRASE,
        recovery_pem=None,
        now=clock,
        new_id=lambda: uuid.uuid4().hex,
    )
    key_file = StorePaths(tmp_path / "store").key_file
    for login, name in (("minh", "Võ Văn Minh"), ("hoa", "Trần Thị Hoa")):
        add_desk_clerk(
            key_file,
            session.store,
            actor="lan",
            login=login,
            full_name=name,
            passphrase=f"mật khẩu của {login}",
            now=clock,
            new_id=lambda: uuid.uuid4().hex,
        )
    desk = DossierDesk(
        session.store,
        catalogue=parse_catalogue(resource_path("catalogue", "procedures.json").read_bytes()),
        calendar=WorkingCalendar.vietnam(2025, 2027),
        office=OFFICE,
        commune="00004",
        sequence_space=SequenceSpace(OFFICE.agency_identifier, "ws-1", 1, 9999),
        province_fees={"1.001193": 0},
        clerk="lan",
        now=clock,
        new_id=lambda: uuid.uuid4().hex,
    )
    yield desk
    session.store.close()


@pytest.fixture
def background(qapp: QApplication) -> Iterator[Background]:
    runner = Background()
    yield runner
    runner.shutdown()


def test_the_timeline_names_each_clerk_by_full_name(
    qtbot, tmp_path: Path, desk: DossierDesk, clock: Clock, background: Background
) -> None:
    applicant = Applicant(
        "Nguyễn Văn Đức", dt.date(1990, 1, 1), Sex.MALE, "001090123456", "Số 1 Hàng Bạc", "0912345678"
    )
    documents = (ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL),)
    dossier_id = desk.receive(DossierDraft("1.001193", applicant, documents)).dossier_id
    desk.clerk = "MINH"  # logins compare without case
    desk.update(dossier_id, {"applicant_phone": "0999999999"})
    desk.clerk = "hoa"
    desk.update(dossier_id, {"applicant_address": "Số 2 Hàng Bạc"})
    remove_desk_clerk(StorePaths(tmp_path / "store").key_file, desk.store, actor="lan", login="hoa")
    province = MemoryReplica("province", PROVINCE_SIDE, [DOSSIER_RECORD], clock)
    province.receive(desk.replica.missing_for(province.vector()))
    province.write(RECORD_TYPE_NAME, dossier_id, {"applicant_phone": "0922222222"}, "officer-1")
    desk.replica.receive(province.missing_for(desk.replica.vector()))

    window = DossierWindow(desk, background, OFFICE, dossier_id)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    model = window.timeline_model
    expected = ["Nguyễn Thị Lan", "Võ Văn Minh", "Trần Thị Hoa", "officer-1"]
    qtbot.waitUntil(
        lambda: [model.row_at(r).who for r in range(model.rowCount())] == expected, timeout=10_000
    )
    window.close()
    qtbot.waitUntil(lambda: background.pending == 0, timeout=10_000)
