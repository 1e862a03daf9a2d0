"""The dossier record: merge policies in scenarios a clerk would describe, and the way back to a Dossier."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.dossier import Applicant, Dossier, HandOver, ReceivedDocument
from dossiers.dossier_codes import DossierCode
from dossiers.dossier_record import (
    DESK_SIDE,
    DOSSIER_RECORD,
    LIFECYCLE_MACHINE,
    PROVINCE_SIDE,
    dossier_from_values,
    hand_over_value,
    new_dossier_fields,
    search_texts,
    transition_of,
    transition_value,
)
from dossiers.errors import IllegalTransition
from dossiers.lifecycle import RULES, Actor, Status
from sync.conflicts import explain
from sync.errors import WrongSide
from sync.field_policies import StateMachine
from sync.replica_memory import MemoryReplica

RECEIVED = dt.datetime(2026, 2, 13, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
DOSSIER = Dossier(
    dossier_id="d-1",
    procedure_code="1.001193",
    procedure_name="Đăng ký khai sinh",
    applicant=Applicant(
        "Nguyễn Văn Đức", dt.date(1990, 1, 1), Sex.MALE, "001090123456", "Số 1 Hàng Bạc", "0912345678"
    ),
    received_at=RECEIVED,
    status=Status.NEW,
    code=DossierCode("000.00.01.H22", dt.date(2026, 2, 13), 1),
    appointment=dt.date(2026, 2, 13),
    documents=(ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL, 1),),
    received_by="clerk-1",
)


def clock(start: dt.datetime) -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: start + dt.timedelta(seconds=next(ticks))


def replica(name: str, side: str, *, year: int = 2026) -> MemoryReplica:
    """A replica whose device clock may be years off (it must not matter)."""
    return MemoryReplica(name, side, [DOSSIER_RECORD], clock(dt.datetime(year, 2, 13, 8, tzinfo=dt.UTC)))


def sync(*replicas: MemoryReplica) -> None:
    for a, b in itertools.permutations(replicas, 2):
        b.receive(a.missing_for(b.vector()))


def receive_at_desk(desk: MemoryReplica) -> None:
    desk.write("dossier", "d-1", new_dossier_fields(DOSSIER, "00004"), author="clerk-1")
    move(desk, Status.NEW, Status.ACCEPTED, Actor.DESK)


def move(where: MemoryReplica, source: Status, target: Status, actor: Actor) -> None:
    where.write("dossier", "d-1", {"status": transition_value(source, target, actor)}, author=f"{actor}-user")


def status_of(where: MemoryReplica) -> Status:
    return Status(where.record("dossier", "d-1").get("status"))


def test_the_state_machine_satisfies_the_sync_protocol() -> None:
    assert isinstance(LIFECYCLE_MACHINE, StateMachine)


def test_a_dossier_round_trips_through_its_record() -> None:
    desk = replica("desk-1", DESK_SIDE)
    receive_at_desk(desk)
    back = dossier_from_values("d-1", desk.record("dossier", "d-1").values)
    assert back.applicant.full_name == "Nguyễn Văn Đức"
    assert back.applicant.sex is Sex.MALE
    assert back.code == DOSSIER.code
    assert back.appointment == DOSSIER.appointment
    assert back.documents == DOSSIER.documents
    assert back.received_at == RECEIVED
    assert back.status is Status.ACCEPTED


def test_empty_applicant_fields_are_not_collected() -> None:
    fields = new_dossier_fields(
        Dossier("d-2", "2.000815", "Chứng thực bản sao", Applicant("Trần Thị B"), RECEIVED, Status.NEW),
        "00004",
    )
    assert "applicant_phone" not in fields and "applicant_id_number" not in fields
    assert "code" not in fields


def test_the_desk_adds_a_document_while_the_province_requests_a_supplement() -> None:
    desk, province = replica("desk-1", DESK_SIDE), replica("province", PROVINCE_SIDE)
    receive_at_desk(desk)
    move(desk, Status.ACCEPTED, Status.PROCESSING, Actor.DESK)
    sync(desk, province)
    # offline from each other:
    desk.write(
        "dossier",
        "d-1",
        {"documents": [{"name": "Sổ hộ khẩu", "form": "photocopy", "count": 1, "note": ""}]},
        author="clerk-1",
    )
    move(province, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Actor.PROVINCE)
    sync(desk, province)
    for side in (desk, province):
        record = side.record("dossier", "d-1")
        assert record.conflicts == ()
        assert status_of(side) is Status.SUPPLEMENT_REQUESTED
        assert [doc["name"] for doc in record.get("documents")] == ["Giấy chứng sinh", "Sổ hộ khẩu"]


def test_two_desks_of_one_commune_edit_the_phone_number_offline() -> None:
    desk1, desk2 = replica("desk-1", DESK_SIDE), replica("desk-2", DESK_SIDE, year=2019)
    receive_at_desk(desk1)
    sync(desk1, desk2)
    desk1.write("dossier", "d-1", {"applicant_phone": "0911111111"}, author="clerk-1")
    desk2.write("dossier", "d-1", {"applicant_phone": "0922222222"}, author="clerk-2")
    sync(desk1, desk2)
    conflicts = [desk.record("dossier", "d-1").conflicts for desk in (desk1, desk2)]
    assert conflicts[0] == conflicts[1] and len(conflicts[0]) == 1
    described = explain(conflicts[0][0])
    assert described["field"] == "applicant_phone"
    assert sorted(choice["value"] for choice in described["choices"]) == ["0911111111", "0922222222"]
    assert {write["author"] for choice in described["choices"] for write in choice["writes"]} == {
        "clerk-1",
        "clerk-2",
    }
    # a clerk resolves it by typing the number the citizen confirms; both desks agree afterwards
    desk2.resolve(conflicts[0][0], "clerk-2", value="0933333333")
    sync(desk1, desk2)
    for desk in (desk1, desk2):
        record = desk.record("dossier", "d-1")
        assert record.conflicts == ()
        assert record.get("applicant_phone") == "0933333333"
        assert len(record.resolved) == 1  # the resolved conflict stays in the history


def test_the_desk_records_result_returned_while_the_province_stopped_processing() -> None:
    """The commune finished and handed the result over; meanwhile the province stopped the dossier."""
    desk, province = replica("desk-1", DESK_SIDE), replica("province", PROVINCE_SIDE)
    receive_at_desk(desk)
    move(desk, Status.ACCEPTED, Status.PROCESSING, Actor.DESK)
    sync(desk, province)
    move(desk, Status.PROCESSING, Status.PROCESSED, Actor.DESK)
    move(desk, Status.PROCESSED, Status.RESULT_RETURNED, Actor.DESK)
    move(province, Status.PROCESSING, Status.STOPPED, Actor.PROVINCE)
    sync(desk, province)
    records = [side.record("dossier", "d-1") for side in (desk, province)]
    assert records[0].conflicts == records[1].conflicts
    (conflict,) = records[0].conflicts
    assert conflict.field == "status"
    targets = {transition_of(competitor.value).target for competitor in conflict.competitors}
    assert {Status.PROCESSED, Status.STOPPED} <= targets  # both sides' moves are kept for a person to judge
    assert records[0].get("status") == records[1].get("status")


def test_only_the_province_writes_its_decision() -> None:
    desk, province = replica("desk-1", DESK_SIDE), replica("province", PROVINCE_SIDE)
    receive_at_desk(desk)
    with pytest.raises(WrongSide):
        desk.write("dossier", "d-1", {"province_decision": "approved"}, author="clerk-1")
    sync(desk, province)
    province.write("dossier", "d-1", {"province_decision": "Đồng ý"}, author="officer-1")
    sync(desk, province)
    assert desk.record("dossier", "d-1").get("province_decision") == "Đồng ý"


def test_hand_overs_from_both_sides_are_all_kept() -> None:
    desk, province = replica("desk-1", DESK_SIDE), replica("province", PROVINCE_SIDE)
    receive_at_desk(desk)
    sync(desk, province)
    at = dt.datetime(2026, 2, 13, 10, tzinfo=dt.UTC)
    desk.write(
        "dossier", "d-1", {"hand_overs": [hand_over_value(HandOver("Một cửa", "Tư pháp", at, "c1"))]}, "c1"
    )
    province.write(
        "dossier", "d-1", {"hand_overs": [hand_over_value(HandOver("Sở", "Một cửa", at, "o1"))]}, "o1"
    )
    sync(desk, province)
    for side in (desk, province):
        dossier = dossier_from_values("d-1", side.record("dossier", "d-1").values)
        assert {(h.from_party, h.to_party) for h in dossier.hand_overs} == {
            ("Một cửa", "Tư pháp"),
            ("Sở", "Một cửa"),
        }


def test_transition_values_are_checked_against_the_lifecycle() -> None:
    with pytest.raises(IllegalTransition):
        transition_value(Status.NEW, Status.RESULT_RETURNED, Actor.DESK)
    with pytest.raises(ValueError):
        transition_of({"to": "2"})
    with pytest.raises(ValueError):
        transition_of("accept")


def test_machine_applies_legal_moves_and_refuses_illegal_ones() -> None:
    accept = transition_value(Status.NEW, Status.ACCEPTED, Actor.DESK)
    assert LIFECYCLE_MACHINE.apply("1", accept) == "2"
    assert LIFECYCLE_MACHINE.apply("2", accept) == "2"  # a concurrent twin already had its effect
    with pytest.raises(IllegalTransition):
        LIFECYCLE_MACHINE.apply("10", accept)


def test_search_texts_hold_what_the_desk_searches_by() -> None:
    desk = replica("desk-1", DESK_SIDE)
    receive_at_desk(desk)
    texts = search_texts(desk.record("dossier", "d-1").values)
    assert "Nguyễn Văn Đức" in texts and "001090123456" in texts and "0912345678" in texts
    assert any(text.startswith("000.00.01.H22-260213") for text in texts)


LEGAL = [(rule.source, rule.target, actor) for rule in RULES for actor in rule.actors]


@settings(max_examples=300)
@given(st.sampled_from(LEGAL), st.sampled_from(LEGAL))
def test_can_order_is_consistent_with_the_lifecycle(first, second) -> None:
    a, b = transition_value(*first), transition_value(*second)
    if not LIFECYCLE_MACHINE.can_order(a, b):
        return
    # when the machine says "a then b", applying them in that order from a's source is legal
    state = LIFECYCLE_MACHINE.apply(a["from"], a)
    assert LIFECYCLE_MACHINE.apply(state, b) in {s.value for s in Status}


@settings(max_examples=200)
@given(st.data())
def test_any_delivery_order_gives_the_same_dossier(data: st.DataObject) -> None:
    desk, province = replica("desk-1", DESK_SIDE), replica("province", PROVINCE_SIDE)
    receive_at_desk(desk)
    move(desk, Status.ACCEPTED, Status.PROCESSING, Actor.DESK)
    sync(desk, province)
    desk.write("dossier", "d-1", {"applicant_phone": "0911111111"}, author="c1")
    desk.write("dossier", "d-1", {"notes": ["Công dân hẹn quay lại"]}, author="c1")
    move(province, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Actor.PROVINCE)
    province.write("dossier", "d-1", {"notes": ["Thiếu giấy chứng sinh"]}, author="o1")
    events = list({event.id: event for event in (*desk.events(), *province.events())}.values())
    shuffled = data.draw(st.permutations(events))
    duplicated = data.draw(st.lists(st.sampled_from(events), max_size=4))
    observer = replica("observer", DESK_SIDE)
    for event in [*shuffled, *duplicated]:
        observer.receive([event])
    sync(desk, province)
    assert observer.record("dossier", "d-1").values == desk.record("dossier", "d-1").values
    assert observer.record("dossier", "d-1").values == province.record("dossier", "d-1").values
