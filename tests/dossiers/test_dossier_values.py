"""What a dossier's fields may hold (issue 14, finding 7): everything a real desk writes passes; wrong
types, oversized values and illegal status changes are refused in words that name the field, not the value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossiers.dossier_values import DossierValueRefused, check_dossier_fields
from dossiers.errors import IllegalTransition
from dossiers.lifecycle import Status
from sync.event_texts import decode_canonical
from sync.version_vectors import VersionVector
from tests.helpers.dossier_desks import VN, Clock, draft, open_desk


def test_every_change_a_real_desk_makes_passes(tmp_path: Path) -> None:
    desk = open_desk(tmp_path / "store", Clock(dt.datetime(2026, 3, 2, 8, 30, tzinfo=VN)))
    first = desk.receive(draft())
    desk.receive(draft("Trần Thị Bình", phone=""))
    desk.change_status(first.dossier_id, Status.PROCESSING)
    texts = desk.replica.missing_encoded(VersionVector())
    assert len(texts) >= 3
    for text in texts:
        event = decode_canonical(text).event
        check_dossier_fields(event.fields, "desk")
    desk.store.close()


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"fee": "free"}, "the dossier field 'fee' must be a whole number"),
        ({"fee": True}, "'fee' must be a whole number"),
        ({"fee": -5}, "'fee' is between 0"),
        ({"received_at": 1700000000}, "'received_at' must be an ISO datetime as text"),
        ({"received_at": "2026-03-02T08:00:00"}, "'received_at' must carry its time zone"),
        ({"applicant_birth_date": "02/03/1990"}, "'applicant_birth_date' must be an ISO date"),
        ({"applicant_name": "A" * 5000}, "'applicant_name' has at most 1000 characters"),
        ({"applicant_sex": "x"}, "'applicant_sex' is one of male, female"),
        ({"channel": "counter"}, "'channel' is one of 1, 2, 3"),
        (
            {"documents": [{"name": "Giấy", "form": "original"}]},
            "'documents' holds an item that needs a name",
        ),
        ({"notes": ["x" * 1_100_000]}, "'notes' holds at most 1048576 bytes"),
        ({"notes": "one note"}, "'notes' must be a list"),
        ({"nickname": "x"}, "'nickname' does not exist"),
        (
            {"status": {"from": "1", "to": "99", "by": "desk"}},
            "'status' is a change written as from / to / by",
        ),
        ({"status": {"from": "1", "to": "2", "by": "province"}}, "'status' is changed here by the desk side"),
    ],
)
def test_wrong_values_are_refused_in_words(fields: dict, words: str) -> None:
    with pytest.raises(DossierValueRefused) as refused:
        check_dossier_fields(fields, "desk")
    assert words in refused.value.message
    for value in fields.values():
        if isinstance(value, str) and len(value) > 3:
            assert value not in refused.value.message  # the value itself is never repeated


def test_a_status_change_the_lifecycle_forbids_is_refused() -> None:
    with pytest.raises(IllegalTransition):
        check_dossier_fields({"status": {"from": "1", "to": "10", "by": "desk"}}, "desk")
    check_dossier_fields({"status": {"from": "1", "to": "2", "by": "desk"}}, "desk")
