"""Two desks of one commune work as one over the LAN, then with the province (issue 16).

Two real desk processes on 127.0.0.1, each with its own data folder and the product's own LAN listener
(``workstation.lan_desks``): they pair (code and address), each receives a dossier with its scan while
offline, they sync over mutual TLS; each finds the other's dossier by a name typed without diacritics and
opens its scan; a conflicting edit shows on both and is resolved on one; then one desk syncs to a live
server process, the other after it, and the server holds every dossier exactly once (nothing sent twice).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from server.cli import main as server_cli
from server.communes import load_communes
from server.storage.sqlite_storage import SqliteStorage
from tests.helpers.enrolled_desks import HOAN_KIEM, new_desk
from tests.helpers.lan_desk_processes import DeskProcess
from tests.helpers.server_processes import free_port, start_server, stop_server

DUC = {"name": "Nguyễn Văn Đức", "birth": "1990-01-01", "sex": "male", "id_number": "001090123456"}
START = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 08:00 in Vietnam, a Monday
HOA = {"name": "Trần Thị Hoà", "birth": "1992-05-05", "sex": "female", "id_number": "001192012345"}


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[DeskProcess, DeskProcess]]:
    clock = SimpleNamespace(now=lambda: START)
    started: list[DeskProcess] = []
    try:
        for name in ("desk-a", "desk-b"):
            data = new_desk(tmp_path, name, clock)
            started.append(DeskProcess(data, name, free_port()))
        yield started[0], started[1]
    finally:
        for desk in started:
            desk.stop()


def scan(tmp_path: Path, name: str) -> tuple[Path, str]:
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4 " + name.encode() + b" " + bytes(range(256)) * 20)
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def province(tmp_path: Path) -> tuple[Path, int]:
    folder = tmp_path / "province"
    folder.mkdir()
    database = folder / "server.db"
    storage = SqliteStorage(database)
    storage.migrate()
    load_communes(storage, "01")
    storage.close()
    port = free_port()
    config = folder / "server.toml"
    config.write_text(f'[server]\nport = {port}\ndatabase = "sqlite:///{database}"\n', encoding="utf-8")
    return config, port


def enrolment_code(config: Path) -> str:
    out, err = io.StringIO(), io.StringIO()
    status = server_cli(
        ["--config", str(config), "enrol-code", "--commune", HOAN_KIEM],
        stdout=out,
        stderr=err,
        now=lambda: dt.datetime.now(dt.UTC),
        new_id=lambda: uuid.uuid4().hex,
    )
    assert status == 0, err.getvalue()
    return out.getvalue().split(": ", 1)[1].split()[0]


def test_two_desks_work_as_one_then_with_the_province(desks, tmp_path: Path) -> None:
    a, b = desks

    # IT pairs the two desks once: A shows a code and its address, B types them.
    offer = a.ask("offer")
    assert offer["host"] == "127.0.0.1" and len(offer["code"]) == 19
    assert b.ask("join", host=offer["host"], port=offer["port"], code=offer["code"].lower()) == {
        "name": "desk-a"
    }
    assert [p["name"] for p in a.ask("peers")] == ["desk-b"]

    # Offline, each receives a dossier with its scan; their codes come from separate number blocks.
    duc_scan, duc_hash = scan(tmp_path, "giay-chung-sinh-duc.pdf")
    hoa_scan, hoa_hash = scan(tmp_path, "giay-chung-sinh-hoa.pdf")
    duc = a.ask("receive", scan=str(duc_scan), **DUC)
    hoa = b.ask("receive", scan=str(hoa_scan), **HOA)
    assert duc["code"] != hoa["code"]
    assert a.ask("peers")[0]["waiting"] > 0

    # LAN sync (A calls B): records both ways, then the scans each lacks.
    [outcome] = a.ask("sync")
    assert outcome["error"] is None and outcome["pushed"] > 0 and outcome["pulled"] > 0
    assert outcome["scans"] == 1
    [back] = b.ask("sync")  # B's turn on the schedule: its scan of Đức's dossier
    assert back["error"] is None and back["scans"] == 1

    # Each finds the other's dossier by a name typed without diacritics and opens its scan.
    assert a.ask("search", query="tran thi hoa") == [hoa["id"]]
    assert a.ask("open_scan", dossier=hoa["id"]) == {"name": hoa_scan.name, "sha256": hoa_hash}
    assert b.ask("search", query="nguyen van duc") == [duc["id"]]
    assert b.ask("open_scan", dossier=duc["id"]) == {"name": duc_scan.name, "sha256": duc_hash}
    assert a.ask("peers") == [{"name": "desk-b", "waiting": 0, "contact": True}]

    # The same phone corrected on both desks before they sync: the conflict shows on both.
    a.ask("update", dossier=hoa["id"], fields={"applicant_phone": "0911111111"})
    b.ask("update", dossier=hoa["id"], fields={"applicant_phone": "0922222222"})
    a.ask("sync")
    assert a.ask("conflicts", dossier=hoa["id"]) == ["applicant_phone"]
    assert b.ask("conflicts", dossier=hoa["id"]) == ["applicant_phone"]
    # Resolved on A; B sees the resolution at the next sync.
    assert a.ask("resolve", dossier=hoa["id"], field="applicant_phone", value="0922222222") == "0922222222"
    a.ask("sync")
    assert b.ask("conflicts", dossier=hoa["id"]) == []
    assert b.ask("field", dossier=hoa["id"], field="applicant_phone") == "0922222222"

    # The province: A syncs first and relays B's events as received; B then sends nothing twice.
    config, port = province(tmp_path)
    server = start_server(config, port)
    try:
        url = f"http://127.0.0.1:{port}"
        a.ask("enrol", url=url, code=enrolment_code(config), label="desk-a")
        b.ask("enrol", url=url, code=enrolment_code(config), label="desk-b")
        first = a.ask("sync_province")
        assert first["pushed"] > 0
        second = b.ask("sync_province")
        assert second["pushed"] == 0
        assert a.ask("sync_province")["pushed"] == 0
    finally:
        stop_server(server)
    with sqlite3.connect(config.parent / "server.db") as db:
        dossiers = db.execute("SELECT record_id FROM sync_records WHERE record_type = 'dossier'").fetchall()
        events = db.execute("SELECT count(*), count(DISTINCT body) FROM sync_events").fetchone()
    assert sorted(r[0] for r in dossiers) == sorted([duc["id"], hoa["id"]])
    assert events[0] == events[1] and events[0] == first["pushed"]
