"""A dossier desk over a fresh store (Tân Hòa's one-stop centre, the shipped catalogue), a hand-set clock
and a dossier draft."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

from dossiers.catalogue import DocumentForm, parse_catalogue
from dossiers.citizen_id import Sex
from dossiers.code_allocation import SequenceSpace
from dossiers.dossier import Applicant, Office, ReceivedDocument
from dossiers.vietnam_time import VIETNAM_TIME
from dossiers.working_calendar import WorkingCalendar
from resources import resource_path
from sync.store import Store
from workstation.dossier_desk import DESK_MIGRATIONS, DossierDesk, DossierDraft

VN = VIETNAM_TIME
CATALOGUE = parse_catalogue(resource_path("catalogue", "procedures.json").read_bytes())
CALENDAR = WorkingCalendar.vietnam(2025, 2027)
OFFICE = Office("000.00.01.H22", "Trung tâm Phục vụ hành chính công xã Tân Hòa", "UBND xã Tân Hòa", "Tân Hòa")


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def draft(
    name: str = "Nguyễn Văn Đức", procedure: str = "1.001193", phone: str = "0912345678"
) -> DossierDraft:
    return DossierDraft(
        procedure_code=procedure,
        applicant=Applicant(name, dt.date(1990, 1, 1), Sex.MALE, "001090123456", "Số 1 Hàng Bạc", phone),
        documents=(ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL),),
    )


def open_desk(
    folder: Path,
    clock: Clock,
    space: SequenceSpace | None = None,
    *,
    province_fees: dict[str, int] | None = None,
    clerk_name: str = "",
) -> DossierDesk:
    store = Store.open(
        folder, KEY, now=clock, new_id=lambda: str(uuid.uuid4()), create=True, migrations=DESK_MIGRATIONS
    )
    return DossierDesk(
        store,
        catalogue=CATALOGUE,
        calendar=CALENDAR,
        office=OFFICE,
        commune="00004",
        sequence_space=space or SequenceSpace(OFFICE.agency_identifier, "ws-1", 1, 9999),
        province_fees=PROVINCE_FEES if province_fees is None else province_fees,
        clerk="clerk-1",
        clerk_name=clerk_name,
        now=clock,
        new_id=lambda: str(uuid.uuid4()),
    )


KEY = os.urandom(32)
PROVINCE_FEES = {"1.001193": 0, "1.000894": 0, "1.000656": 0}
