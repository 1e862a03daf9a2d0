"""The provincial server refuses practice workstations (issue 17): no enrolment, no events, in words."""

from __future__ import annotations

import pytest

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD
from server.errors import PracticeReplicaRefused
from server.storage.interface import ServerStorage
from server.sync_replica import EventsRefused, ServerReplica
from sync.replica_memory import MemoryReplica
from tests.helpers.server_replicas import T0, enrol_replica


def test_a_practice_replica_cannot_enrol(storage: ServerStorage, communes: list[str]) -> None:
    with pytest.raises(PracticeReplicaRefused, match="practice") as refused:
        enrol_replica(storage, communes[0], "thuchanh-0123456789abcdef")
    assert refused.value.status == 403 and refused.value.code == "practice_replica"
    assert enrol_replica(storage, communes[0], "0123456789abcdef")  # a real one still can


def test_events_from_a_practice_replica_are_refused(storage: ServerStorage, communes: list[str]) -> None:
    commune = communes[0]
    enrol_replica(storage, commune, "desk-a")
    server = ServerReplica(storage, commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=lambda: T0)
    practice = MemoryReplica("thuchanh-desk", "desk", (DOSSIER_RECORD,), lambda: T0)
    event = practice.write("dossier", "r1", {SCOPE_FIELD: commune, "applicant_name": "A"}, "hocvien")
    with pytest.raises(EventsRefused, match="practice") as refused:
        server.receive([event])
    assert refused.value.reason == "practice_replica"
    assert server.vector() == {} or not dict(server.vector())
