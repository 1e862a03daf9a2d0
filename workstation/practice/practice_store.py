"""The practice workstation's own folder and store: created, filled with sample dossiers, opened, reset.

The practice folder is ``<data folder>/practice`` (a sibling of the real store's folder, never inside it); it
holds its own settings file and its own encrypted store, opened with a fixed, published passphrase (there is
nothing secret in it: every citizen is made up). Its replica id starts with ``thuchanh-``, so the provincial
server refuses it. Nothing here reads or writes the real store. Every function blocks: call it off the UI
thread.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dossiers.dossier import Applicant, HandOver, ReceivedDocument
from dossiers.dossier_record import RECORD_TYPE_NAME, hand_over_value, transition_value
from dossiers.lifecycle import Actor, Status
from dossiers.official_forms import DESK_NAME, MissingDocument
from dossiers.practice_marks import PRACTICE_AGENCY, PRACTICE_REPLICA_PREFIX
from dossiers.vietnam_time import VIETNAM_TIME
from workstation.dossier_desk import DossierDesk, DossierDraft
from workstation.opening import DeskSession, create_workstation, unlock_workstation, workstation_exists
from workstation.practice.citizens import PracticeCitizen, practice_citizens
from workstation.practice.simulated_province import SimulatedProvince
from workstation.settings import (
    SETTINGS_FILE_NAME,
    STORE_FOLDER_NAME,
    CommuneIdentity,
    Locations,
    SiteSettings,
    default_data_dir,
    load_local_settings,
)
from workstation.supplement_requests import record_supplement_request
from workstation.work_session import WorkSession, open_work_session

PRACTICE_FOLDER_NAME = "practice"
PRACTICE_LOGIN = "hocvien"
PRACTICE_FULL_NAME = "Học viên thực hành"
PRACTICE_PASSPHRASE = "thuc hanh mot cua"
"""Published in the trainer's guide: the practice store holds nothing secret."""
SAMPLE_CLERK, SAMPLE_CLERK_NAME = "mau", "Cán bộ mẫu"

PRACTICE_SITE = SiteSettings(
    province_code=1,
    province_name="Thành phố Hà Nội",
    commune_code=70,
    commune_name="Phường Hoàn Kiếm",
    agency_id=PRACTICE_AGENCY,
)


@dataclass(frozen=True)
class PracticeCast:
    """Which card plays which part in the sample queue and the exercises (see docs/training-vi.md)."""

    birth_card: int = 3
    marriage_card: int = 4
    due_today_card: int = 5
    find_card: int = 6
    late_card: int = 7
    supplement_card: int = 8
    conflict_card: int = 9
    overdue_card: int = 10
    returned_card: int = 11
    processing_card: int = 12


CAST = PracticeCast()


def practice_data_dir(data_dir: Path | str | None) -> Path:
    """The practice folder beside the real store (``<data folder>/practice``)."""
    base = Path(data_dir) if data_dir is not None else default_data_dir()
    return base / PRACTICE_FOLDER_NAME


def practice_locations(data_dir: Path | str | None) -> Locations:
    """Where practice mode keeps its settings file and its store: never the real ones."""
    folder = practice_data_dir(data_dir)
    return Locations(folder / SETTINGS_FILE_NAME, folder / STORE_FOLDER_NAME)


def practice_new_id(new_id: Callable[[], str]) -> Callable[[], str]:
    """Ids that mark practice: the store's replica id (and every other id it makes) starts ``thuchanh-``."""

    def make() -> str:
        made = new_id()
        return made if made.startswith(PRACTICE_REPLICA_PREFIX) else PRACTICE_REPLICA_PREFIX + made

    return make


def practice_site(commune: CommuneIdentity | None) -> SiteSettings:
    """The practice store's site: the desk's own commune if known, else Phường Hoàn Kiếm (Hà Nội)."""
    if commune is None:
        return PRACTICE_SITE
    return SiteSettings(
        province_code=commune.province_code,
        province_name=commune.province_name,
        commune_code=commune.commune_code,
        commune_name=commune.commune_name,
        agency_id=PRACTICE_AGENCY,
    )


def desk_commune(data_dir: Path | str | None) -> CommuneIdentity | None:
    """The real desk's commune as its *plain* settings file names it (the real store is never opened)."""
    return load_local_settings(practice_data_dir(data_dir).parent / SETTINGS_FILE_NAME).commune


def citizens_for(today: dt.date, site: SiteSettings | None = None) -> tuple[PracticeCitizen, ...]:
    """The practice cards of ``site``'s commune (the practice store's own; Phường Hoàn Kiếm by default)."""
    site = site or PRACTICE_SITE
    return practice_citizens(
        commune_name=site.commune_name,
        province_name=site.province_name,
        province_code=site.province_code,
        today=today,
    )


def open_practice_store(
    folder: Path,
    *,
    now: Callable[[], dt.datetime],
    new_id: Callable[[], str],
    commune: CommuneIdentity | None = None,
) -> DeskSession:
    """Open the practice store in ``folder`` (the store folder), creating and filling it the first time, in
    ``commune`` (the desk's; Phường Hoàn Kiếm if ``None``). An existing store keeps the commune it was made
    for until a reset."""
    ids = practice_new_id(new_id)
    if not workstation_exists(folder):
        session = create_workstation(
            folder,
            site=practice_site(commune),
            login=PRACTICE_LOGIN,
            full_name=PRACTICE_FULL_NAME,
            passphrase=PRACTICE_PASSPHRASE,
            recovery_pem=None,
            now=now,
            new_id=ids,
        )
        fill_sample_queue(session, now=now, new_id=ids)
        return session
    return unlock_workstation(folder, PRACTICE_LOGIN, PRACTICE_PASSPHRASE, now=now, new_id=ids)


def remove_practice_store(folder: Path) -> None:
    """Delete the practice store (a reset to the start); refuses a folder that is not a practice store's."""
    if folder.name != STORE_FOLDER_NAME or folder.parent.name != PRACTICE_FOLDER_NAME:
        raise ValueError("only a practice store folder can be reset")
    for _ in range(10):  # a file the closing desk still writes (its log, a lock) may appear meanwhile: again
        if not folder.exists():
            return
        try:
            shutil.rmtree(folder)
            return
        except OSError:
            time.sleep(0.2)
    shutil.rmtree(folder)  # the last try says what is in the way


class _Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.at = start

    def __call__(self) -> dt.datetime:
        return self.at


def fill_sample_queue(
    session: DeskSession, *, now: Callable[[], dt.datetime], new_id: Callable[[], str]
) -> SimulatedProvince:
    """The sample queue: a dossier due today, overdue ones, one waiting for a supplement, one with a conflict
    (made by the simulated province through the normal merge path), one being processed, one returned."""
    today = now().astimezone(VIETNAM_TIME).date()
    citizens = {c.card: c for c in citizens_for(today, session.site)}
    clock = _Clock(now())
    work = open_work_session(session, now=clock, new_id=new_id)
    desk = work.desk
    desk.clerk, desk.clerk_name = SAMPLE_CLERK, SAMPLE_CLERK_NAME
    calendar = desk.calendar
    last_working = calendar.working_day_on_or_before(today)

    def working_days_back(n: int) -> dt.date:
        day = last_working
        for _ in range(n):
            day = calendar.previous_working_day(day)
        return day

    def receive(card: int, procedure: str, day: dt.date, *, phone: str = "") -> str:
        clock.at = dt.datetime.combine(day, dt.time(9, 15), VIETNAM_TIME)
        return desk.receive(_draft(work, citizens[card], procedure, phone=phone)).dossier_id

    def move(dossier_id: str, target: Status, **fields: object) -> None:
        current = Status(desk.replica.record(RECORD_TYPE_NAME, dossier_id).values["status"])
        values = {"status": transition_value(current, target, Actor.DESK), **fields}
        desk.replica.write(RECORD_TYPE_NAME, dossier_id, values, author=desk.clerk)

    def hand_over(dossier_id: str) -> None:
        page = desk.page(dossier_id)
        handed = HandOver(
            DESK_NAME, "Công chức Tư pháp - Hộ tịch", clock(), desk.clerk, page.dossier.appointment
        )
        move(dossier_id, Status.PROCESSING, hand_overs=[hand_over_value(handed)])

    due_today = next(
        (
            d
            for d in (working_days_back(n) for n in range(1, 4))
            if desk.appointment("1.004194", _at(d)).due == today
        ),
        last_working,
    )
    receive(CAST.due_today_card, "1.004194", due_today)
    receive(CAST.find_card, "1.001022", working_days_back(1))
    late = receive(CAST.late_card, "1.000656", working_days_back(5))
    hand_over(late)
    move(late, Status.PROCESSED, notes=["Đã ký trích lục khai tử"])
    supplement = receive(CAST.supplement_card, "1.004873", working_days_back(2))
    request = {"form": "Mẫu 02", "at": clock().isoformat(), "by": desk.clerk, "items": []}
    request["items"] = [{"name": "Bản án ly hôn", "reason": "Công dân đã từng ly hôn"}]
    move(supplement, Status.SUPPLEMENT_REQUESTED, requests=[request], notes=["Mẫu 02: Bản án ly hôn"])
    conflict = receive(
        CAST.conflict_card, "2.000884", working_days_back(1), phone=citizens[CAST.conflict_card].phone
    )
    receive(CAST.overdue_card, "2.001035", working_days_back(4))
    returned = receive(CAST.returned_card, "1.001193", working_days_back(8))
    hand_over(returned)
    move(returned, Status.PROCESSED)
    move(returned, Status.RESULT_RETURNED, returned_at=clock().isoformat())
    processing = receive(CAST.processing_card, "1.004859", working_days_back(1))

    clock.at = now()
    province = SimulatedProvince(
        now=now, new_id=new_id, conflict_ids={citizens[CAST.conflict_card].id_number}
    )
    _sync(work, province)  # the province sees the dossiers; its officer corrects a phone, offline
    hand_over(processing)
    desk.update(conflict, {"applicant_phone": "0988777666"})  # the desk corrects it too, meanwhile
    _sync(work, province)  # both corrections meet: a real conflict
    return province


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 15), VIETNAM_TIME)


def _sync(work: WorkSession, province: SimulatedProvince) -> None:
    from sync.sync_session import run_session

    run_session(work.desk.replica, province.transport(), now=work.desk.clock)


def _draft(
    work: WorkSession, citizen: PracticeCitizen, procedure_code: str, *, phone: str = ""
) -> DossierDraft:
    procedure = work.desk.catalogue.get(procedure_code)
    card = citizen.card_data
    applicant = Applicant(
        full_name=card.full_name,
        birth_date=card.birth_date,
        sex=card.sex,
        id_number=card.id_number,
        address=card.address,
        phone=phone or citizen.phone,
    )
    documents = tuple(
        ReceivedDocument(doc.name, doc.form, doc.count) for doc in procedure.documents if doc.required
    )
    return DossierDraft(
        procedure_code=procedure_code, applicant=applicant, documents=documents, typed_fee=10_000
    )


__all__ = [
    "CAST",
    "PRACTICE_SITE",
    "PRACTICE_LOGIN",
    "PRACTICE_PASSPHRASE",
    "DossierDesk",
    "MissingDocument",
    "open_practice_store",
    "practice_locations",
    "record_supplement_request",
]
