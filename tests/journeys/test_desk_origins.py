"""Desks check who made each event another desk sends them (issue 14, finding 1), as real processes.

Three desks of one commune on 127.0.0.1 (``tests.helpers.lan_desk_runner``), a live provincial server: A and
C are enrolled, A pairs with B, B with C (A and C never pair). C learns A's signing key from the province;
A's signed dossier reaches C through B (an honest relay), checked against that key. Then B turns hostile and
writes under A's identity, signed with its own key: C refuses the exchange in words that name B, keeps nothing
of it, and B's own push to C is refused too. (Unsigned and tampered forgeries: ``tests/workstation``.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.helpers.enrolled_desks import new_desk
from tests.helpers.lan_desk_processes import DeskProcess
from tests.helpers.province_processes import ProvinceProcess
from tests.helpers.server_processes import free_port

START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
DUC = {"name": "Nguyễn Văn Đức", "birth": "1990-01-01", "sex": "male", "id_number": "001090123456"}


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[DeskProcess, DeskProcess, DeskProcess, ProvinceProcess]]:
    clock = SimpleNamespace(now=lambda: START)
    province = ProvinceProcess(tmp_path / "province")
    started: list[DeskProcess] = []
    try:
        province.start()
        for name in ("desk-a", "desk-b", "desk-c"):
            started.append(DeskProcess(new_desk(tmp_path, name, clock), name, free_port()))
        yield started[0], started[1], started[2], province
    finally:
        for desk in started:
            desk.stop()
        province.stop()


def pair(shows: DeskProcess, joins: DeskProcess) -> None:
    offer = shows.ask("offer")
    joins.ask("join", host=offer["host"], port=offer["port"], code=offer["code"])


def test_a_relay_is_checked_and_a_forgery_refused(trio, tmp_path: Path) -> None:
    a, b, c, province = trio
    pair(a, b)
    pair(b, c)
    a_id = a.ask("replica_id")
    # A and C enrolled: C learns every enrolled desk's key from the province at its sync
    a.ask("enrol", url=province.url, code=province.code(), label="desk-a")
    c.ask("enrol", url=province.url, code=province.code(), label="desk-c")
    c.ask("sync_province")
    assert c.ask("origin_keys")[a_id] == "province"

    # A's dossier reaches C through B only: B pulls it from A, then pushes it to C (B's peers in name order);
    # C's listener takes A's signed events, checked against the province's key for A
    scan = tmp_path / "giay-chung-sinh.pdf"
    scan.write_bytes(b"%PDF-1.4 giay chung sinh")
    duc = a.ask("receive", scan=str(scan), **DUC)
    relayed = {o["name"]: o for o in b.ask("sync")}
    assert relayed["desk-a"]["error"] is None and relayed["desk-c"]["error"] is None, relayed
    assert relayed["desk-c"]["pushed"] > 0
    assert c.ask("search", query="nguyen van duc") == [duc["id"]]
    assert c.ask("sync")[0]["error"] is None

    # B turns hostile: an event under A's identity that A never made
    forged = b.ask("forge", origin=a_id, kind="other_key")  # signed with B's own key
    [refused] = c.ask("sync")  # C pulls from B
    assert refused["error"] is not None and "desk-b" in refused["error"], refused
    assert "were refused" in refused["error"] and "Nguyễn" not in refused["error"]
    assert c.ask("holds", replica=forged[0], counter=forged[1]) is False
    code, words = c.ask("peer_errors")["desk-b"]
    assert code == "lan_origin_refused" and "desk-b" in words
    # B pushing it (B calls) is refused by C's listener as well (and by A's: its own identity)
    pushed = {o["name"]: o for o in b.ask("sync")}
    assert (
        "lan_origin_refused" in pushed["desk-c"]["error"]
        and "lan_origin_refused" in pushed["desk-a"]["error"]
    )
    assert any("desk-b" in words and "were refused" in words for words in c.ask("refusals"))
    assert c.ask("holds", replica=forged[0], counter=forged[1]) is False
    assert a.ask("holds", replica=forged[0], counter=forged[1]) is False
    assert c.ask("name", dossier=duc["id"]) == DUC["name"]  # what C held before is untouched
