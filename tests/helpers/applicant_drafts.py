"""Applicants' names for a queue full of dossiers, and a dossier draft for one of them."""

from __future__ import annotations

import datetime as dt

from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.dossier import Applicant, ReceivedDocument
from workstation.dossier_desk import DossierDraft

NAMES = (
    "Nguyễn Văn Đức",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Long",
    "Phạm Thu Hằng",
    "Đỗ Minh Tuấn",
    "Hoàng Thị Mai",
    "Vũ Quốc Bảo",
)


def draft(name: str, procedure: str = "1.001193", id_number: str = "001090123456") -> DossierDraft:
    return DossierDraft(
        procedure_code=procedure,
        applicant=Applicant(name, dt.date(1990, 1, 1), Sex.MALE, id_number, "Số 1 Hàng Bạc", "0912345678"),
        documents=(ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL),),
    )
