"""Practice material (issue 17): made-up citizens whose ID numbers agree with the card, the sample queue in
every state, the simulated province's answers through the real sync engine, the exercise checks, progress."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest

from dossiers.citizen_id import Sex, check_consistency, parse_citizen_id
from dossiers.dossier import HandOver
from dossiers.dossier_record import RECORD_TYPE_NAME, hand_over_value
from dossiers.id_card_qr import parse_id_card_qr
from dossiers.lifecycle import Status
from dossiers.practice_marks import is_practice_replica
from sync.folding import fold
from sync.sync_session import run_session
from workstation.dossier_desk import QueueFilter
from workstation.enrolment import check_can_enrol
from workstation.errors import WorkstationError
from workstation.practice.citizens import id_number_for, practice_citizens
from workstation.practice.exercises import ProgressBook, check_exercises
from workstation.practice.practice_store import (
    CAST,
    citizens_for,
    open_practice_store,
    practice_locations,
    remove_practice_store,
)
from workstation.practice.simulated_province import (
    COMPLETED_NOTE,
    OFFICER_PHONE,
    SUPPLEMENT_NOTE,
    SimulatedProvince,
)
from workstation.work_session import open_work_session

TODAY = dt.date(2026, 12, 8)


def now() -> dt.datetime:
    return dt.datetime(2026, 12, 8, 2, 30, tzinfo=dt.UTC)  # 09:30 in Vietnam, a Tuesday


def new_id() -> str:
    return uuid.uuid4().hex


def test_citizens_have_id_numbers_that_agree_with_their_cards() -> None:
    citizens = practice_citizens(
        commune_name="Phường Hoàn Kiếm", province_name="Thành phố Hà Nội", province_code=1, today=TODAY
    )
    assert [c.card for c in citizens] == list(range(1, 13))
    assert len({c.full_name for c in citizens}) == len(citizens)
    for citizen in citizens:
        card = parse_id_card_qr(citizen.qr_text, today=TODAY)  # the desk's own scanner parser
        number = parse_citizen_id(card.id_number)
        assert number.place_code == "001" and number.birth_year == card.birth_date.year
        check_consistency(number, card.birth_date, card.sex)
        assert "Phường Hoàn Kiếm" in card.address
    assert {c.card_data.sex for c in citizens} == {Sex.MALE, Sex.FEMALE}
    assert id_number_for("001", 2003, Sex.FEMALE, 42) == "001303000042"
    assert id_number_for("079", 1990, Sex.MALE, 7) == "079090000007"


@pytest.fixture
def practice(tmp_path: Path):
    folder = practice_locations(tmp_path).store_folder
    session = open_practice_store(folder, now=now, new_id=new_id)
    work = open_work_session(session, now=now, new_id=new_id)
    yield folder, work
    session.store.close()


def test_the_sample_queue_has_every_state_and_a_practice_identity(practice) -> None:
    folder, work = practice
    assert folder.parent.name == "practice"
    assert is_practice_replica(work.store.replica_id)
    counts = work.desk.queue_counts()
    for which in (
        QueueFilter.DUE_TODAY,
        QueueFilter.OVERDUE,
        QueueFilter.AWAITING_SUPPLEMENT,
        QueueFilter.WITH_CONFLICTS,
    ):
        assert counts[which] >= 1, which
    with pytest.raises(WorkstationError, match="practice"):
        check_can_enrol(work.store)  # never enrols


def _dossier_of(work, card: int) -> str:
    citizen = {c.card: c for c in citizens_for(TODAY)}[card]
    [dossier_id] = work.desk.search(citizen.id_number)
    return dossier_id


def test_the_simulated_province_answers_and_makes_a_real_conflict(practice) -> None:
    _folder, work = practice
    desk = work.desk
    citizens = {c.card: c for c in citizens_for(TODAY)}
    province = SimulatedProvince(now=now, new_id=new_id)
    processing = _dossier_of(work, CAST.processing_card)
    run_session(desk.replica, province.transport(), now=now)  # the officers complete the acknowledged one
    page = desk.page(processing)
    assert page.dossier.status is Status.PROCESSED and COMPLETED_NOTE in page.state.values["notes"]

    supplement = _dossier_of(work, CAST.supplement_card)  # the marital status certificate: supplement asked
    desk.change_status(supplement, Status.ACCEPTED, note="Đã nhận bản án ly hôn")
    desk.change_status(supplement, Status.PROCESSING)
    run_session(desk.replica, province.transport(), now=now)  # acknowledged
    run_session(desk.replica, province.transport(), now=now)  # sent back
    page = desk.page(supplement)
    assert (
        page.dossier.status is Status.SUPPLEMENT_REQUESTED and SUPPLEMENT_NOTE in page.state.values["notes"]
    )

    conflicting = {citizens[CAST.due_today_card].id_number}
    province = SimulatedProvince(now=now, new_id=new_id, conflict_ids=conflicting)
    due = _dossier_of(work, CAST.due_today_card)  # the officer corrects a phone while the clerk does too
    desk.update(due, {"applicant_phone": "0911222333"})
    run_session(desk.replica, province.transport(), now=now)
    assert not desk.page(due).conflicts  # the officer's edit waits on her replica
    desk.update(due, {"applicant_phone": "0911222444"})
    run_session(desk.replica, province.transport(), now=now)
    [conflict] = desk.page(due).conflicts
    assert conflict.field == "applicant_phone"
    assert {c.side for c in conflict.competitors} == {"desk", "province"}
    assert desk.page(due).state.values["applicant_phone"] in (OFFICER_PHONE, "0911222444")


def test_exercises_are_checked_from_the_store_and_progress_is_kept_per_trainee(
    practice, tmp_path: Path
) -> None:
    _folder, work = practice
    desk = work.desk
    results = {r.exercise.key: r for r in check_exercises(desk, TODAY)}
    assert not any(r.passed for r in results.values())
    assert (
        fold(citizens_for(TODAY)[CAST.find_card - 1].full_name)
        in results["find_without_diacritics"].explanation
    )

    conflicted = _dossier_of(work, CAST.conflict_card)
    [conflict] = desk.page(conflicted).conflicts
    desk.resolve(conflict, value="0988777666")
    found = _dossier_of(work, CAST.find_card)
    handed = HandOver("Bộ phận một cửa", "Công chức Tư pháp", now(), "hocvien")
    desk.update(found, {"hand_overs": [hand_over_value(handed)]})
    results = {r.exercise.key: r for r in check_exercises(desk, TODAY)}
    assert results["resolve_conflict"].passed and "0988777666" in results["resolve_conflict"].explanation
    assert results["find_without_diacritics"].passed

    late = _dossier_of(work, CAST.late_card)  # returned late: the apology (Mẫu 04) is asked for too
    desk.change_status(late, Status.RESULT_RETURNED)
    result = {r.exercise.key: r for r in check_exercises(desk, TODAY)}["late_return"]
    assert not result.passed and "Mẫu 04" in result.explanation
    desk.update(late, {"notes": ["Mẫu 04: hẹn lại 2026-12-01 → 2026-12-09. Chờ ký"]})
    assert {r.exercise.key: r for r in check_exercises(desk, TODAY)}["late_return"].passed

    book = ProgressBook(tmp_path / "progress.json")
    done = book.record("  Lê   Thị Thu ", check_exercises(desk, TODAY), now())
    assert set(done) == {"resolve_conflict", "find_without_diacritics", "late_return"}
    assert book.read() == {"Lê Thị Thu": done}
    book.record("Trần Văn An", (), now())
    book.forget("Lê Thị Thu")
    assert book.read() == {"Trần Văn An": {}}


def test_a_reset_refuses_any_folder_but_a_practice_store(tmp_path: Path) -> None:
    real = tmp_path / "store"
    real.mkdir()
    (real / "keep").write_text("real data")
    with pytest.raises(ValueError, match="practice"):
        remove_practice_store(real)
    assert (real / "keep").read_text() == "real data"
    record = RECORD_TYPE_NAME  # the module's record type is the dossier's
    assert record == "dossier"
