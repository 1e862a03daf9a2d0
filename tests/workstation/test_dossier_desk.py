"""The desk's dossier service on a real encrypted store: receive, codes, queue filters, search, status."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dossiers.catalogue import DocumentForm
from dossiers.code_allocation import SequenceSpace
from dossiers.corrections import Correction
from dossiers.dossier import Applicant, ReceivedDocument
from dossiers.dossier_codes import format_code
from dossiers.dossier_record import DOSSIER_RECORD, PROVINCE_SIDE, RECORD_TYPE_NAME
from dossiers.errors import (
    CitizenIdError,
    CorrectionNotAllowed,
    FeeError,
    IllegalTransition,
    SequenceExhausted,
)
from dossiers.lifecycle import Status
from dossiers.official_forms import MissingDocument
from sync.attachments import AttachmentStore
from sync.errors import BadEventData
from sync.replica_memory import MemoryReplica
from tests.helpers import enrolled_desks
from tests.helpers.dossier_desks import OFFICE, VN, Clock, draft, open_desk
from tests.helpers.scans import add_scan
from workstation.dossier_desk import DossierDesk, DossierDraft, QueueFilter, QueueRow
from workstation.queue_pager import QueuePager, QueueQuery
from workstation.supplement_requests import record_supplement_request


def queue_rows(
    desk: DossierDesk, which: QueueFilter = QueueFilter.ALL, *, limit: int = 200, **query: Any
) -> tuple[QueueRow, ...]:
    """The first page of the queue as the queue screen reads it (``QueuePager``)."""
    return QueuePager(desk).page(QueueQuery(which, **query), 0, limit).rows


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 2, 13, 9, 30, tzinfo=VN))


@pytest.fixture
def desk(tmp_path: Path, clock: Clock) -> Iterator[DossierDesk]:
    desk = open_desk(tmp_path / "store", clock)
    yield desk
    desk.store.close()


def test_receiving_allocates_a_code_and_computes_the_appointment(desk: DossierDesk) -> None:
    first, second = desk.receive(draft()), desk.receive(draft("Trần Thị B"))
    assert format_code(first.code) == "000.00.01.H22-260213-0001"
    assert format_code(second.code) == "000.00.01.H22-260213-0002"
    assert first.appointment == dt.date(2026, 2, 13)  # same-day procedure received before 15:00
    page = desk.page(first.dossier_id)
    assert page.dossier.status is Status.ACCEPTED
    assert page.dossier.applicant.full_name == "Nguyễn Văn Đức"
    assert Status.PROCESSING in page.allowed
    assert len(page.timeline) == 1


def test_after_the_cutoff_before_tet_the_appointment_is_after_tet(desk: DossierDesk, clock: Clock) -> None:
    clock.now = dt.datetime(2026, 2, 13, 15, 30, tzinfo=VN)
    quote = desk.quote(draft())
    assert quote.appointment.due == dt.date(2026, 2, 23)
    assert desk.receive(draft()).appointment == dt.date(2026, 2, 23)


def test_certified_copy_fee(desk: DossierDesk) -> None:
    quote = desk.quote(DossierDraft("2.000815", Applicant("Lê Văn C"), (), pages=7, copies=1))
    assert quote.fee == 9_000


def test_numbers_restart_each_day_and_never_repeat_after_reopening(tmp_path: Path, clock: Clock) -> None:
    desk = open_desk(tmp_path / "s", clock)
    desk.receive(draft())
    desk.store.close()
    desk = open_desk(tmp_path / "s", clock)
    assert desk.receive(draft()).code.sequence == 2
    clock.now += dt.timedelta(days=3)
    assert desk.receive(draft()).code.sequence == 1
    desk.store.close()


def test_a_workstation_block_running_out_is_a_clear_error(tmp_path: Path, clock: Clock) -> None:
    desk = open_desk(tmp_path / "s", clock, SequenceSpace(OFFICE.agency_identifier, "ws-2", 5001, 5002))
    assert [desk.receive(draft()).code.sequence for _ in range(2)] == [5001, 5002]
    with pytest.raises(SequenceExhausted, match="5001–5002"):
        desk.receive(draft())
    assert desk.queue_count() == 2  # nothing half-saved
    desk.store.close()


def test_queue_filters_and_counts(desk: DossierDesk, clock: Clock) -> None:
    today = desk.receive(draft())  # due today
    clock.now = dt.datetime(2026, 2, 10, 9, tzinfo=VN)
    old = desk.receive(draft("Phạm Văn Cũ"))  # due 10 Feb: overdue on the 13th
    clock.now = dt.datetime(2026, 2, 13, 10, tzinfo=VN)
    waiting = desk.receive(draft("Hoàng Thị Chờ"))
    desk.change_status(waiting.dossier_id, Status.PROCESSING)
    desk.change_status(waiting.dossier_id, Status.SUPPLEMENT_REQUESTED)
    counts = desk.queue_counts()
    assert counts[QueueFilter.ALL] == 3
    assert counts[QueueFilter.RECEIVED_TODAY] == 2
    assert counts[QueueFilter.OVERDUE] == 1
    assert counts[QueueFilter.AWAITING_SUPPLEMENT] == 1
    assert counts[QueueFilter.NOT_SYNCED] == 3
    assert [row.dossier_id for row in queue_rows(desk, QueueFilter.OVERDUE)] == [old.dossier_id]
    due_today = {row.dossier_id for row in queue_rows(desk, QueueFilter.DUE_TODAY)}
    assert today.dossier_id in due_today and old.dossier_id not in due_today
    by_name = [row.applicant_name for row in queue_rows(desk, sort="applicant_name", descending=False)]
    assert by_name == sorted(by_name)
    desk.change_status(old.dossier_id, Status.PROCESSING)
    desk.change_status(old.dossier_id, Status.PROCESSED)
    desk.change_status(old.dossier_id, Status.RESULT_RETURNED)
    assert desk.queue_count(QueueFilter.OVERDUE) == 0
    assert desk.page(old.dossier_id).dossier.returned_at is not None
    with pytest.raises(ValueError):
        QueueQuery(sort="applicant_name; DROP TABLE desk_queue")


def test_search_without_diacritics_finds_the_dossier(desk: DossierDesk) -> None:
    wanted = desk.receive(draft("Nguyễn Văn Đức"))
    desk.receive(draft("Trần Thị Bình", phone="0987654321"))
    assert desk.search("nguyen van duc") == [wanted.dossier_id]
    assert desk.search("0987 654") != [wanted.dossier_id]
    rows = queue_rows(desk, ids=tuple(desk.search("duc")))
    assert [row.dossier_id for row in rows] == [wanted.dossier_id]


def test_illegal_status_change_is_refused_and_nothing_is_written(desk: DossierDesk) -> None:
    dossier = desk.receive(draft())
    with pytest.raises(IllegalTransition):
        desk.change_status(dossier.dossier_id, Status.RESULT_RETURNED)
    assert len(desk.page(dossier.dossier_id).timeline) == 1


def test_changes_arriving_by_sync_update_the_queue_and_conflicts_show(
    desk: DossierDesk, clock: Clock
) -> None:
    dossier = desk.receive(draft())
    province = MemoryReplica("province", PROVINCE_SIDE, [DOSSIER_RECORD], clock)
    province.receive(desk.replica.missing_for(province.vector()))
    desk.update(dossier.dossier_id, {"applicant_phone": "0911111111"})
    province.write(RECORD_TYPE_NAME, dossier.dossier_id, {"applicant_phone": "0922222222"}, "officer-1")
    desk.replica.receive(province.missing_for(desk.replica.vector()))
    assert desk.queue_count(QueueFilter.WITH_CONFLICTS) == 1
    (conflict,) = desk.page(dossier.dossier_id).conflicts
    desk.resolve(conflict, value="0933333333")
    assert desk.queue_count(QueueFilter.WITH_CONFLICTS) == 0
    assert desk.page(dossier.dossier_id).dossier.applicant.phone == "0933333333"


def test_not_synced_follows_what_the_server_acknowledged(desk: DossierDesk) -> None:
    for _ in range(3):
        desk.receive(draft())
    mine = desk.replica.vector()[desk.replica_id]
    assert desk.queue_count(QueueFilter.NOT_SYNCED, synced_up_to=mine) == 0
    assert all(row.synced for row in queue_rows(desk, synced_up_to=mine))
    assert desk.queue_count(QueueFilter.NOT_SYNCED, synced_up_to=0) == 3


def test_the_queue_is_derived_again_for_a_store_that_had_records_before_it(
    tmp_path: Path, clock: Clock
) -> None:
    desk = open_desk(tmp_path / "s", clock)
    ids = [desk.receive(draft()).dossier_id for _ in range(3)]
    with desk.store.reader() as conn:
        assert conn.execute("SELECT count(*) FROM desk_queue").fetchone()[0] == 3
    desk.store.write(lambda conn: conn.execute("DELETE FROM desk_queue")).result()
    desk.store.close()
    desk = open_desk(tmp_path / "s", clock)
    assert sorted(row.dossier_id for row in queue_rows(desk)) == sorted(ids)
    desk.store.close()


def test_many_dossiers_page_through_in_order(desk: DossierDesk, clock: Clock) -> None:
    ticks = itertools.count()
    for _ in range(30):
        clock.now = dt.datetime(2026, 2, 13, 8, tzinfo=VN) + dt.timedelta(minutes=next(ticks))
        desk.receive(draft())
    pager, query = QueuePager(desk), QueueQuery(QueueFilter.ALL)
    pages = [pager.page(query, offset, 7) for offset in range(0, 30, 7)]
    flat = [row.received_at for page in pages for row in page.rows]
    assert len(flat) == 30 and flat == sorted(flat, reverse=True)


def test_a_reception_with_scans_is_one_event(desk: DossierDesk) -> None:
    scans = (
        add_scan(desk, b"%PDF birth certificate", "chung-sinh.pdf"),
        add_scan(desk, b"%PDF id card", "cccd.pdf"),
    )
    dossier = desk.receive(replace(draft(), attachments=scans))
    [event] = desk.page(dossier.dossier_id).timeline
    assert event.fields["code"] == format_code(dossier.code)
    assert event.fields["appointment"] == dossier.appointment.isoformat()
    assert event.fields["fee"] == 0 and event.fields["status"]["to"] == Status.ACCEPTED.value
    assert sorted(a["name"] for a in event.fields["attachments"]) == ["cccd.pdf", "chung-sinh.pdf"]
    with desk.store.reader() as conn:
        attachments = AttachmentStore(conn, desk.store.paths.attachments, now=desk.clock)
        assert attachments.read_bytes(scans[0]["sha256"]) == b"%PDF birth certificate"


def test_a_supplement_request_with_scans_is_one_event(desk: DossierDesk) -> None:
    scan = add_scan(desk, b"%PDF birth certificate", "chung-sinh.pdf")
    missing = [MissingDocument("Giấy chứng sinh", "Chưa nộp")]
    dossier = record_supplement_request(desk, replace(draft(), attachments=(scan,)), missing, lambda: "d-1")
    [event] = desk.page(dossier.dossier_id).timeline
    assert event.fields["status"]["to"] == Status.SUPPLEMENT_REQUESTED.value
    assert [a["sha256"] for a in event.fields["attachments"]] == [scan["sha256"]]
    assert [r["kind"] for r in event.fields["requests"]] == ["supplement"]
    assert "code" not in event.fields and "appointment" not in event.fields


def test_a_typed_province_fee_is_part_of_the_draft(desk: DossierDesk) -> None:
    untabled = replace(draft(procedure="1.004873"), applicant=Applicant("Lê Văn C"))
    with pytest.raises(FeeError):
        desk.quote(untabled)
    typed = replace(untabled, typed_fee=30_000)
    assert desk.quote(typed).fee == 30_000
    dossier = desk.receive(typed)
    assert dossier.fee == 30_000 and desk.page(dossier.dossier_id).dossier.fee == 30_000
    assert "1.004873" not in desk.province_fees  # the desk's table is the province's, untouched
    with pytest.raises(FeeError):
        desk.quote(untabled)
    copy = DossierDraft("2.000815", Applicant("Lê Văn C"), (), pages=7, typed_fee=30_000)
    assert desk.quote(copy).fee == 9_000  # a rule of its own ignores a typed amount


def test_a_draft_keeps_personal_data_out_of_its_repr() -> None:
    text = repr(replace(draft(), notes=("Quan hệ: cha",), attachments=({"name": "nguyen-van-duc.pdf"},)))
    assert "Đức" not in text and "nguyen" not in text and "cha" not in text and "001090123456" not in text


def test_a_refused_reception_uses_no_number(desk: DossierDesk) -> None:
    with pytest.raises(BadEventData):  # the code is allocated in the transaction that refuses the event
        desk.receive(replace(draft(), attachments=({"sha256": "0" * 64, "size": float("nan")},)))
    assert desk.queue_count() == 0
    assert format_code(desk.receive(draft()).code).endswith("-0001")


# -- corrections --


def test_a_correction_is_one_event_and_the_search_finds_the_corrected_name(desk: DossierDesk) -> None:
    dossier = desk.receive(draft(name="Nguyễn Văn Đúc"))
    applicant = replace(dossier.applicant, full_name="Nguyễn Văn Đức", address="Số 10 Hàng Bạc")
    corrected = desk.correct(dossier.dossier_id, Correction(applicant, dossier.documents, "Gõ nhầm"))
    assert (
        corrected.applicant.full_name == "Nguyễn Văn Đức" and corrected.applicant.address == "Số 10 Hàng Bạc"
    )
    history = desk.replica.record(RECORD_TYPE_NAME, dossier.dossier_id).history
    assert len(history) == 2
    assert set(history[-1].fields) == {"applicant_name", "applicant_address", "corrections"}
    assert desk.search("nguyen van duc") == [dossier.dossier_id]
    with desk.store.reader() as conn:
        (name,) = conn.execute("SELECT applicant_name FROM desk_queue").fetchone()
    assert name == "Nguyễn Văn Đức"


def test_a_refused_correction_writes_nothing(desk: DossierDesk) -> None:
    dossier = desk.receive(draft())
    wrong_sex = replace(dossier.applicant, id_number="001190123456", phone="0900000000")
    with pytest.raises(CitizenIdError):
        desk.correct(dossier.dossier_id, Correction(wrong_sex, dossier.documents, "Gõ nhầm"))
    desk.change_status(dossier.dossier_id, Status.PROCESSING)
    wrong_name = replace(dossier.applicant, full_name="Nguyễn Văn Đạt", phone="0900000000")
    with pytest.raises(CorrectionNotAllowed):
        desk.correct(dossier.dossier_id, Correction(wrong_name, dossier.documents, "Gõ nhầm"))
    assert len(desk.replica.record(RECORD_TYPE_NAME, dossier.dossier_id).history) == 2
    assert desk.page(dossier.dossier_id).dossier.applicant == dossier.applicant


def test_correcting_the_documents_restates_the_list_in_one_event(desk: DossierDesk) -> None:
    dossier = desk.receive(draft())
    documents = (
        ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL, 1),
        ReceivedDocument("Tờ khai đăng ký khai sinh", DocumentForm.ORIGINAL, 2),
    )
    corrected = desk.correct(dossier.dossier_id, Correction(dossier.applicant, documents, "Thiếu tờ khai"))
    assert corrected.documents == documents
    (event,) = desk.replica.record(RECORD_TYPE_NAME, dossier.dossier_id).history[1:]
    assert set(event.fields) == {"corrected_documents", "corrections"}
    assert event.fields["corrections"][0]["fields"] == ("corrected_documents",)


def test_a_reception_records_the_clerks_full_name_from_her_session(tmp_path: Path) -> None:
    class Monday:
        now = staticmethod(lambda: dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN))

    session = enrolled_desks.unlock(enrolled_desks.new_desk(tmp_path, "lan", Monday), Monday)
    try:
        work = enrolled_desks.open_work(session, Monday, "work")
        received = work.desk.receive(enrolled_desks.draft())
        requested = record_supplement_request(
            work.desk, enrolled_desks.draft(), [MissingDocument("Tờ khai", "thiếu")], lambda: "req-1"
        )
        for dossier in (received, requested):
            back = work.desk.page(dossier.dossier_id).dossier
            assert (back.received_by, back.received_by_name) == ("lan", "Nguyễn Thị Lan")
    finally:
        session.store.close()


def test_a_desk_without_the_clerks_name_records_none(desk: DossierDesk) -> None:
    dossier = desk.receive(draft())
    back = desk.page(dossier.dossier_id).dossier
    assert (back.received_by, back.received_by_name) == ("clerk-1", "")  # never the login as a name
