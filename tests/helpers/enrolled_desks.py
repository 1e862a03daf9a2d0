"""Desks that enrol with a live provincial server: creating one, unlocking it, the IT enrol command, opening
work, a dossier draft (Phường Hoàn Kiếm, Hà Nội)."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.dossier import Applicant, ReceivedDocument
from workstation.dossier_desk import DossierDraft
from workstation.it_commands.console import Console
from workstation.it_commands.enrol import run_enrol
from workstation.it_commands.workstation_paths import workstation_paths
from workstation.opening import DeskSession, create_workstation, unlock_workstation
from workstation.settings import SiteSettings
from workstation.work_session import WorkSession, open_work_session

if TYPE_CHECKING:
    from tests.server.conftest import Clock, Province

PASS = "trống đồng Đông Sơn"
HOAN_KIEM, BA_DINH = "00070", "00004"
FEES = {"1.001193": 0}


def site(commune: int = 70, name: str = "Phường Hoàn Kiếm") -> SiteSettings:
    return SiteSettings(
        province_code=1,
        province_name="Thành phố Hà Nội",
        commune_code=commune,
        commune_name=name,
        agency_id=f"01.{commune:05d}",
    )


def desk_ids(name: str) -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"{name}-{next(counter)}"


def new_desk(root: Path, name: str, clock: Clock, commune: int = 70) -> Path:
    """A workstation's data folder holding a created store (clerk ``lan``); returns the data folder."""
    data = root / name
    session = create_workstation(
        data / "store",
        site=site(commune),
        login="lan",
        full_name="Nguyễn Thị Lan",
        passphrase=PASS,
        recovery_pem=None,
        now=clock.now,
        new_id=desk_ids(name),
    )
    session.store.close()
    return data


def unlock(data: Path, clock: Clock, name: str = "again") -> DeskSession:
    return unlock_workstation(data / "store", "lan", PASS, now=clock.now, new_id=desk_ids(name))


def it_enrol(data: Path, province: Province, code: str, **options: object) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    console = Console(out=out, err=err, ask_secret=lambda _prompt: PASS)
    status = run_enrol(
        workstation_paths(data),
        province.live.url,
        code,
        console,
        login="lan",
        now=province.clock.now,
        new_id=desk_ids("it"),
        **options,  # type: ignore[arg-type]
    )
    return status, out.getvalue() + err.getvalue()


def open_work(session: DeskSession, clock: Clock, name: str) -> WorkSession:
    return open_work_session(session, now=clock.now, new_id=desk_ids(name), province_fees=FEES)


def draft() -> DossierDraft:
    return DossierDraft(
        procedure_code="1.001193",
        applicant=Applicant(
            "Nguyễn Văn Đức", dt.date(1990, 1, 1), Sex.MALE, "001090123456", "Số 1 Hàng Bạc", "0912345678"
        ),
        documents=(ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL),),
    )
