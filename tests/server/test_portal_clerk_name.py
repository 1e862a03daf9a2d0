"""The portal export names the receiving clerk by the full name the desk recorded at reception: the server
has no list of clerks, only what the dossier carries."""

from __future__ import annotations

import datetime as dt

from dossiers.appointments import due_date
from dossiers.dossier_record import DOSSIER_RECORD, transition_value
from dossiers.lifecycle import Actor, Status
from server.portal_export import portal_dossier
from sync.replica_memory import MemoryReplica
from tests.helpers.dossier_desks import CALENDAR, CATALOGUE, VN, draft
from workstation.dossier_desk import Quote, received_dossier, reception_fields

RECEIVED = dt.datetime(2026, 3, 2, 8, 0, tzinfo=VN)


def _desk_replica() -> MemoryReplica:
    return MemoryReplica("desk-a", "desk", (DOSSIER_RECORD,), lambda: RECEIVED)


def _received(replica: MemoryReplica, clerk_name: str) -> str:
    procedure = CATALOGUE.get("1.001193")
    quote = Quote(procedure, due_date(RECEIVED, procedure.processing_time, CALENDAR), 0)
    dossier = received_dossier(draft(), quote, "d1", RECEIVED, "lan.nguyen", code=None, clerk_name=clerk_name)
    replica.write("dossier", "d1", reception_fields(dossier, "00004", ()), "lan.nguyen")
    return "d1"


def test_the_reception_is_exported_with_the_clerks_full_name() -> None:
    replica = _desk_replica()
    record_id = _received(replica, "Nguyễn Thị Lan")
    later = transition_value(Status.SUPPLEMENT_REQUESTED, Status.WITHDRAWN, Actor.DESK)
    replica.write("dossier", record_id, {"status": later}, "lan.nguyen")
    exported = portal_dossier(replica.record("dossier", record_id), CATALOGUE)
    assert [step["NguoiXuLy"] for step in exported["TienDoXuLy"]] == ["Nguyễn Thị Lan", "Nguyễn Thị Lan"]
    assert "lan.nguyen" not in str(exported)


def test_a_dossier_received_before_names_were_recorded_keeps_the_writers_login() -> None:
    replica = _desk_replica()
    record_id = _received(replica, "")
    exported = portal_dossier(replica.record("dossier", record_id), CATALOGUE)
    assert [step["NguoiXuLy"] for step in exported["TienDoXuLy"]] == ["lan.nguyen"]
