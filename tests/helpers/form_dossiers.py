"""A dossier as the official forms print it (Đăng ký khai sinh at Tân Hòa), its office and code, and a
hand-over between departments."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dossiers.catalogue import DocumentForm
from dossiers.dossier import Applicant, Dossier, HandOver, HandOverResult, Office, ReceivedDocument
from dossiers.dossier_codes import DossierCode
from dossiers.lifecycle import Status

NAME = "Nguyễn Văn Đức"
OFFICE = Office(
    agency_identifier="000.00.01.H22",
    name="Trung tâm Phục vụ hành chính công xã Tân Hòa",
    parent_name="Ủy ban nhân dân xã Tân Hòa",
    place="Tân Hòa",
    phone="0270 3850 123",
)
CODE = DossierCode("000.00.01.H22", dt.date(2026, 2, 13), 42)


def make_dossier(**changes: object) -> Dossier:
    base = Dossier(
        dossier_id="d-1",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        applicant=Applicant(
            NAME, address="Ấp Bình Thạnh, xã Tân Hòa", phone="0912 345 678", email="d@example.vn"
        ),
        received_at=dt.datetime(2026, 2, 13, 9, 5),
        status=Status.ACCEPTED,
        code=CODE,
        appointment=dt.date(2026, 2, 20),
        documents=(
            ReceivedDocument("Tờ khai đăng ký khai sinh", DocumentForm.ORIGINAL),
            ReceivedDocument("Căn cước", DocumentForm.CERTIFIED_COPY, 2, note="đối chiếu"),
        ),
        sets=1,
        fee=8000,
        received_by="hanh.tran",
        received_by_name="Trần Thị Hạnh",
        register_line=128,
    )
    return dataclasses.replace(base, **changes)


def hand_over(day: int, hour: int, result: HandOverResult | None = None) -> HandOver:
    return HandOver(
        "Một cửa", "Tư pháp", dt.datetime(2026, 2, day, hour), "Hạnh", dt.date(2026, 2, 19), result, ""
    )
