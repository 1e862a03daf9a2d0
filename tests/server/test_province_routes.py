"""Officers act on dossiers through the API (real uvicorn, SQLite and PostgreSQL); desks pull it."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from dossiers.dossier_record import DOSSIER_RECORD, SCOPE_FIELD, transition_value
from dossiers.lifecycle import Actor, Status
from server.province_dossiers import conflict_in_words
from server.storage.interface import ServerStorage
from server.storage.records import Role
from server.sync_replica import ServerReplica
from sync.http_transport import HttpTransport
from sync.replica_memory import MemoryReplica
from sync.sync_session import run_session
from tests.helpers.server_accounts import add_account, enrol, log_in
from tests.server.conftest import Clock, Ids, LiveServer

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
DESK = Actor.DESK


def ticking() -> Callable[[], dt.datetime]:
    ticks = itertools.count()
    return lambda: T0 + dt.timedelta(seconds=next(ticks))


class Desk:
    """A workstation's replica in memory, syncing with the live server through the real transport."""

    def __init__(self, live: LiveServer, enrolled: dict[str, Any], name: str, commune: str) -> None:
        self.live = live
        self.secret = str(enrolled["device_secret"])
        self.commune = commune
        self.replica = MemoryReplica(name, "desk", (DOSSIER_RECORD,), ticking())

    def sync(self) -> None:
        with HttpTransport(self.live.url, self.secret, sleep=lambda _: None) as transport:
            run_session(self.replica, transport, now=ticking())

    def receive(self, number: int, *, name: str = "Nguyễn Văn An", accept: bool = True) -> str:
        dossier_id = f"{self.commune}-{number:04d}"
        fields: dict[str, Any] = {
            SCOPE_FIELD: self.commune,
            "procedure_code": "1.001193",
            "procedure_name": "Đăng ký khai sinh",
            "applicant_name": name,
            "applicant_phone": f"09123{number:05d}",
            "received_at": f"2026-03-0{number % 9 + 1}T08:00:00+07:00",
            "code": f"000.00.01.H26-260302-{number:04d}",
            "appointment": "2026-03-10",
        }
        if accept:
            fields["status"] = transition_value(Status.NEW, Status.ACCEPTED, DESK)
        self.replica.write("dossier", dossier_id, fields, "clerk")
        return dossier_id

    def move(self, dossier_id: str, target: Status) -> None:
        current = Status(self.replica.record("dossier", dossier_id).get("status"))
        self.replica.write(
            "dossier", dossier_id, {"status": transition_value(current, target, DESK)}, "clerk"
        )

    def status(self, dossier_id: str) -> str:
        return str(self.replica.record("dossier", dossier_id).get("status"))


@pytest.fixture
def setup(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str]
) -> tuple[Desk, Desk, str]:
    desk = Desk(live, enrol(live, storage, communes[0], clock, ids, "desk-a"), "desk-a", communes[0])
    other = Desk(live, enrol(live, storage, communes[1], clock, ids, "desk-b"), "desk-b", communes[1])
    add_account(storage, "officer.one", Role.OFFICER)
    return desk, other, log_in(live, "officer.one")


def base(commune: str) -> str:
    return f"/v1/province/communes/{commune}"


def test_an_officer_lists_searches_and_reads_the_dossiers_of_a_commune(
    live: LiveServer, storage: ServerStorage, setup: tuple[Desk, Desk, str]
) -> None:
    desk, other, token = setup
    first = desk.receive(1, name="Trần Thị Bình")
    desk.receive(2)
    desk.receive(3, accept=False)
    other_id = other.receive(4)
    desk.sync()
    other.sync()

    listed = live.get(f"{base(desk.commune)}/dossiers", token=token)
    assert listed.status_code == 200, listed.text
    assert listed.json()["total"] == 3
    assert {d["id"] for d in listed.json()["dossiers"]} == {f"{desk.commune}-000{n}" for n in (1, 2, 3)}
    found = live.get(f"{base(desk.commune)}/dossiers", token=token, params={"q": "trần thị"}).json()
    assert [d["id"] for d in found["dossiers"]] == [first]
    by_code = live.get(f"{base(desk.commune)}/dossiers", token=token, params={"q": "260302-0002"}).json()
    assert by_code["total"] == 1
    new = live.get(f"{base(desk.commune)}/dossiers", token=token, params={"status": "1"}).json()
    assert [d["status"] for d in new["dossiers"]] == ["1"]
    page = live.get(f"{base(desk.commune)}/dossiers", token=token, params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 3 and len(page["dossiers"]) == 1

    detail = live.get(f"{base(desk.commune)}/dossiers/{first}", token=token)
    assert detail.status_code == 200, detail.text
    body = detail.json()
    assert body["values"]["applicant_name"] == "Trần Thị Bình"
    assert body["status"] == "2" and body["conflicts"] == []
    assert body["province_actions"] == ["hand_over", "request_supplement"]
    assert [entry["side"] for entry in body["timeline"]] == ["desk"]

    # another commune's dossier under this commune, an unknown one, a commune of another province
    assert live.get(f"{base(desk.commune)}/dossiers/{other_id}", token=token).status_code == 404
    assert live.get(f"{base(desk.commune)}/dossiers/nope", token=token).json()["error"] == "unknown_dossier"
    add_account(storage, "far.officer", Role.ADMIN, province="79")
    far = log_in(live, "far.officer")
    refused = live.get(f"{base(desk.commune)}/dossiers", token=far)
    assert refused.status_code == 404 and "Trần" not in refused.text
    assert live.get(f"{base(desk.commune)}/dossiers/{first}", token=desk.secret).status_code == 403


def test_actions_follow_the_lifecycle_and_reach_the_desk_at_its_next_pull(
    live: LiveServer, storage: ServerStorage, setup: tuple[Desk, Desk, str]
) -> None:
    desk, _, token = setup
    dossier = desk.receive(1)
    desk.sync()
    url = f"{base(desk.commune)}/dossiers/{dossier}/actions"

    taken = live.post(f"{url}/hand_over", token=token, json={"note": "nhận hồ sơ"})
    assert taken.status_code == 200, taken.text
    assert taken.json()["fields"] == ["hand_overs", "notes", "status"]
    wrong = live.post(f"{url}/accept", token=token)
    assert wrong.status_code == 409 and wrong.json()["error"] == "transition_not_allowed"
    assert "'processing' (status 4)" in wrong.json()["message"]
    assert "'accepted' (status 2)" in wrong.json()["message"]
    desk_only = live.post(f"{url}/withdraw", token=token)
    assert desk_only.status_code == 409 and desk_only.json()["reason"] == "actor_not_allowed"
    no_items = live.post(f"{url}/request_supplement", token=token, json={"note": "x"})
    assert no_items.status_code == 422 and no_items.json()["reason"] == "no_items"
    no_reason = live.post(f"{url}/stop", token=token, json={})
    assert no_reason.status_code == 422 and no_reason.json()["reason"] == "reason_required"
    assert live.post(f"{url}/fly_away", token=token).status_code == 422
    money = live.post(f"{url}/request_financial_obligation", token=token, json={"amount": 150000})
    assert money.status_code == 200, money.text
    decided = live.request(
        "PUT", f"{base(desk.commune)}/dossiers/{dossier}/decision", token=token, json={"text": "Đồng ý"}
    )
    assert decided.status_code == 200, decided.text

    desk.sync()
    record = desk.replica.record("dossier", dossier)
    assert record.get("status") == Status.FINANCIAL_OBLIGATION_REQUESTED.value
    assert record.get("province_decision")["by"] == "officer.one"
    assert record.get("requests")[0]["amount"] == 150000
    assert record.get("hand_overs")[0]["by"] == "officer.one"
    server = live.get(f"{base(desk.commune)}/dossiers/{dossier}", token=token).json()
    assert [e["side"] for e in server["timeline"]] == ["desk", "province", "province", "province"]
    assert all(e["author"] == "officer.one" for e in server["timeline"][1:])


def test_conflicts_are_listed_explained_and_resolved(
    live: LiveServer, storage: ServerStorage, setup: tuple[Desk, Desk, str]
) -> None:
    desk, _, token = setup
    dossier = desk.receive(1)
    desk.move(dossier, Status.PROCESSING)
    desk.sync()
    # the desk completes offline while the province stops the same dossier: a person decides
    desk.move(dossier, Status.PROCESSED)
    stop = live.post(f"{base(desk.commune)}/dossiers/{dossier}/actions/stop", token=token, json={"note": "x"})
    assert stop.status_code == 200, stop.text
    # and both change the appointment
    desk.replica.write("dossier", dossier, {"appointment": "2026-03-12"}, "clerk")
    server = ServerReplica(storage, desk.commune, (DOSSIER_RECORD,), scope_field=SCOPE_FIELD, now=ticking())
    server.write("dossier", dossier, {"appointment": "2026-03-20"}, "officer.one")
    desk.sync()

    listed = live.get(f"{base(desk.commune)}/conflicts", token=token)
    assert listed.status_code == 200, listed.text
    assert sorted(c["field"] for c in listed.json()) == ["appointment", "status"]
    per_dossier = live.get(f"{base(desk.commune)}/dossiers/{dossier}/conflicts", token=token).json()
    assert per_dossier == listed.json()
    status_conflict = next(c for c in per_dossier if c["field"] == "status")
    words = conflict_in_words(status_conflict)
    assert "field status" in words and "by officer.one at the province" in words

    blocked = live.post(f"{base(desk.commune)}/dossiers/{dossier}/actions/complete", token=token)
    assert blocked.status_code == 409 and blocked.json()["reason"] == "conflict_open"

    resolve = f"{base(desk.commune)}/dossiers/{dossier}/conflicts"
    seen = [w["event"] for c in status_conflict["choices"] for w in c["writes"]]
    province_write = next(
        w["event"] for c in status_conflict["choices"] for w in c["writes"] if w["side"] == "province"
    )
    stale = live.post(f"{resolve}/status/resolve", token=token, json={"choose": province_write, "seen": []})
    assert stale.status_code == 409
    bad = live.post(f"{resolve}/status/resolve", token=token, json={"choose": "nonsense"})
    assert bad.status_code == 422
    by_value = live.post(f"{resolve}/status/resolve", token=token, json={"value": "9"})
    assert by_value.status_code == 422
    assert live.post(f"{resolve}/code/resolve", token=token, json={"value": "x"}).status_code == 404
    chosen = live.post(
        f"{resolve}/status/resolve", token=token, json={"choose": province_write, "seen": seen}
    )
    assert chosen.status_code == 200, chosen.text
    typed = live.post(f"{resolve}/appointment/resolve", token=token, json={"value": "2026-03-15"})
    assert typed.status_code == 200, typed.text

    assert live.get(f"{base(desk.commune)}/conflicts", token=token).json() == []
    desk.sync()
    record = desk.replica.record("dossier", dossier)
    assert record.conflicts == ()
    assert record.get("status") == Status.STOPPED.value
    assert record.get("appointment") == "2026-03-15"
