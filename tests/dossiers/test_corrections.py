"""The correction rules: what may be corrected in which status by whom, the checks, and the one event."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.corrections import (
    AT_THE_DESK,
    CONTACT,
    CORRECTIONS_FIELD,
    DOCUMENTS,
    IDENTITY,
    IN_PROCESSING,
    Correctable,
    Correction,
    changed_fields,
    check_allowed,
    check_correction,
    correctable,
    correction_fields,
)
from dossiers.dossier import Applicant, Dossier, ReceivedDocument
from dossiers.dossier_record import (
    DOSSIER_RECORD,
    dossier_from_values,
    new_dossier_fields,
    received_documents,
    transition_value,
)
from dossiers.errors import (
    CitizenIdError,
    CorrectionError,
    CorrectionNeedsReason,
    CorrectionNotAllowed,
    DossierError,
    InvalidCorrectedValue,
    NothingCorrected,
)
from dossiers.lifecycle import Actor, Status
from dossiers.vietnam_time import VIETNAM_TIME
from sync.replica_memory import MemoryReplica

VN = VIETNAM_TIME
NOW = dt.datetime(2026, 2, 13, 9, 30, tzinfo=VN)
statuses = st.sampled_from(list(Status))
actors = st.sampled_from(list(Actor))
field_sets = st.sets(st.sampled_from(list(Correctable)), min_size=1)

APPLICANT = Applicant(
    "Nguyễn Văn Đức", dt.date(1990, 1, 1), Sex.MALE, "001090123456", "Số 1 Hàng Bạc", "0912345678"
)
DOCUMENT = ReceivedDocument("Giấy chứng sinh", DocumentForm.ORIGINAL)


def dossier(status: Status = Status.ACCEPTED) -> Dossier:
    return Dossier(
        dossier_id="d-1",
        procedure_code="1.001193",
        procedure_name="Đăng ký khai sinh",
        applicant=APPLICANT,
        received_at=NOW,
        status=status,
        documents=(DOCUMENT,),
        received_by="clerk-1",
    )


def correction(reason: str = "Gõ nhầm", **changes: object) -> Correction:
    documents = changes.pop("documents", (DOCUMENT,))
    return Correction(dataclasses.replace(APPLICANT, **changes), documents, reason)  # type: ignore[arg-type]


# -- the rules, over every status, actor and set of fields -------------------------------------------------


@given(statuses, actors, field_sets)
def test_a_correction_is_allowed_exactly_when_every_field_is_correctable(
    status: Status, actor: Actor, fields: set[Correctable]
) -> None:
    allowed = correctable(status, actor)
    if fields <= allowed:
        check_allowed(status, actor, fields)
    else:
        with pytest.raises(CorrectionNotAllowed) as refused:
            check_allowed(status, actor, fields)
        assert set(refused.value.params["field_codes"]) == {f.value for f in fields - allowed}
        assert refused.value.params["status_code"] == status.value
        assert isinstance(refused.value, CorrectionError) and isinstance(refused.value, DossierError)


@given(statuses, actors)
def test_contact_details_until_the_result_is_returned(status: Status, actor: Actor) -> None:
    assert (CONTACT <= correctable(status, actor)) == (status is not Status.RESULT_RETURNED)
    if status is Status.RESULT_RETURNED:
        assert correctable(status, actor) == frozenset()


@given(statuses)
def test_the_desk_corrects_identity_and_documents_only_while_the_dossier_is_at_the_desk(
    status: Status,
) -> None:
    allowed = correctable(status, Actor.DESK)
    at_desk = status in {Status.NEW, Status.ACCEPTED, Status.SUPPLEMENT_REQUESTED}
    assert (IDENTITY <= allowed) == at_desk and (DOCUMENTS <= allowed) == at_desk
    assert not (IDENTITY & allowed) or at_desk


@given(statuses)
def test_the_province_corrects_identity_while_at_the_desk_or_processing_and_never_the_documents(
    status: Status,
) -> None:
    allowed = correctable(status, Actor.PROVINCE)
    assert (IDENTITY <= allowed) == (status in AT_THE_DESK | IN_PROCESSING)
    assert not DOCUMENTS & allowed
    assert correctable(status, Actor.DESK) - DOCUMENTS <= allowed


def test_examples_in_words() -> None:
    with pytest.raises(CorrectionNotAllowed) as refused:
        check_allowed(Status.PROCESSING, Actor.DESK, [Correctable.NAME, Correctable.PHONE])
    assert refused.value.message == (
        "The commune desk cannot correct full name of a dossier whose status is 'processing'."
    )
    check_allowed(Status.PROCESSED, Actor.DESK, [Correctable.ADDRESS])


# -- checking a correction -------------------------------------------------------------------------------


@given(
    statuses,
    st.fixed_dictionaries(
        {},
        optional={
            "full_name": st.sampled_from(["Nguyễn Văn Đúc", "Trần Thị Bình"]),
            "address": st.sampled_from(["Số 10 Hàng Bạc", "Thôn 3, xã Tân Hòa"]),
            "phone": st.sampled_from(["0987654321", ""]),
            "email": st.sampled_from(["duc@example.vn"]),
            "id_number": st.sampled_from(["001090654321", None]),
        },
    ),
)
def test_check_correction_follows_the_rules_for_the_fields_it_changes(
    status: Status, changes: dict[str, object]
) -> None:
    asked = correction(**changes)
    changed = changed_fields(dossier(status), asked)
    if not changed:
        with pytest.raises(NothingCorrected):
            check_correction(dossier(status), asked, actor=Actor.DESK, today=NOW.date())
    elif set(changed) <= correctable(status, Actor.DESK):
        assert check_correction(dossier(status), asked, actor=Actor.DESK, today=NOW.date()) == changed
    else:
        with pytest.raises(CorrectionNotAllowed):
            check_correction(dossier(status), asked, actor=Actor.DESK, today=NOW.date())


def test_a_correction_needs_a_reason_and_valid_values() -> None:
    with pytest.raises(CorrectionNeedsReason):
        check_correction(dossier(), correction(" ", address="Số 2"), actor=Actor.DESK, today=NOW.date())
    with pytest.raises(CitizenIdError) as wrong_id:
        check_correction(dossier(), correction(id_number="001190123456"), actor=Actor.DESK, today=NOW.date())
    assert wrong_id.value.params["problem"] == "inconsistent"
    with pytest.raises(CitizenIdError):
        check_correction(dossier(), correction(sex=Sex.FEMALE), actor=Actor.DESK, today=NOW.date())
    with pytest.raises(InvalidCorrectedValue) as empty:
        check_correction(dossier(), correction(full_name="  "), actor=Actor.DESK, today=NOW.date())
    assert empty.value.params["problem"] == "empty"
    with pytest.raises(InvalidCorrectedValue) as future:
        check_correction(
            dossier(),
            correction(birth_date=dt.date(2026, 3, 1), id_number=None),
            actor=Actor.DESK,
            today=NOW.date(),
        )
    assert future.value.params["problem"] == "after_today"
    unnamed = (ReceivedDocument(" ", DocumentForm.CERTIFIED_COPY),)
    with pytest.raises(InvalidCorrectedValue):
        check_correction(dossier(), correction(documents=unnamed), actor=Actor.DESK, today=NOW.date())
    assert "Đức" not in repr(correction())


# -- the one event, through a replica ---------------------------------------------------------------------


def received(replica: MemoryReplica) -> None:
    fields = new_dossier_fields(dossier(Status.ACCEPTED), "00004")
    fields["status"] = transition_value(Status.NEW, Status.ACCEPTED, Actor.DESK)
    replica.write("dossier", "d-1", fields, author="clerk-1")


@given(
    st.sampled_from(["Số 10 Hàng Bạc", "Thôn 3"]),
    st.sampled_from(["", "0987654321"]),
    st.lists(st.sampled_from(["Tờ khai", "Giấy chứng sinh", "CCCD"]), min_size=1, max_size=3, unique=True),
    st.integers(1, 3),
)
def test_one_event_holds_the_changes_and_the_log_entry_and_reads_back(
    address: str, phone: str, names: list[str], count: int
) -> None:
    replica = MemoryReplica("desk-1", "desk", [DOSSIER_RECORD], lambda: NOW)
    received(replica)
    state = replica.record("dossier", "d-1")
    current = dossier_from_values("d-1", state.values)
    documents = tuple(ReceivedDocument(name, DocumentForm.CERTIFIED_COPY, count) for name in names)
    asked = correction("Công dân báo sai", address=address, phone=phone, documents=documents)
    fields = correction_fields(state.values, current, asked, actor=Actor.DESK, by="clerk-1", at=NOW)
    changed = changed_fields(current, asked)
    assert set(fields) == {field.value for field in changed} | {CORRECTIONS_FIELD}
    (entry,) = fields[CORRECTIONS_FIELD]
    assert entry == {
        "fields": [field.value for field in changed],
        "reason": "Công dân báo sai",
        "by": "clerk-1",
        "at": NOW.isoformat(),
        "side": "desk",
    }
    before = len(replica.record("dossier", "d-1").history)
    replica.write("dossier", "d-1", fields, author="clerk-1")
    after = replica.record("dossier", "d-1")
    assert len(after.history) == before + 1
    corrected = dossier_from_values("d-1", after.values)
    assert corrected.applicant.address == address and corrected.applicant.phone == phone
    assert corrected.documents == documents
    assert corrected.status is Status.ACCEPTED


def test_documents_added_after_a_correction_still_show() -> None:
    values = {
        "documents": (
            {"name": "A", "form": "original", "count": 1},
            {"name": "C", "form": "certified_copy", "count": 1},
        ),
        "corrected_documents": {
            "documents": ({"name": "B", "form": "original", "count": 2},),
            "replaces": ({"name": "A", "form": "original", "count": 1},),
        },
    }
    assert [item["name"] for item in received_documents(values)] == ["B", "C"]
