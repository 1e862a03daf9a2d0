"""An event's characters are the same in the desk's store, on the wire, in the server's table and in the
other desks' stores: nothing decodes and encodes an event again on the way (a real uvicorn, SQLite and
PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from server.storage.interface import ServerStorage
from sync.sync_messages import PULL, PUSH
from sync.sync_session import run_session
from tests.helpers.live_desks import Desk, province, ticking
from tests.helpers.recorded_wire import Recording, array, batch_payloads
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer

EventKey = tuple[str, int]


def causal(texts: dict[EventKey, str]) -> list[str]:
    """``texts`` in causal order (context total, then event id), worked out here from the JSON."""

    def key(item: tuple[EventKey, str]) -> tuple[int, str, int]:
        (replica, counter), text = item
        return (sum(json.loads(text)["context"].values()), replica, counter)

    return [text for _, text in sorted(texts.items(), key=key)]


def desk_texts(desk: Desk) -> dict[EventKey, str]:
    """The stored text of every event in a desk's store, read with SQL."""
    with desk.store.reader() as conn:
        rows = conn.execute("SELECT replica_id, counter, body FROM change_events").fetchall()
    return {(str(replica), int(counter)): str(body) for replica, counter, body in rows}


def server_texts(storage: ServerStorage, commune: str) -> dict[EventKey, str]:
    """The stored text of every event of a commune in the server's table."""
    with storage.transaction() as tx:
        rows = tx.query("SELECT replica_id, counter, body FROM sync_events WHERE scope = ?", (commune,))
    return {(str(replica), int(counter)): str(body) for replica, counter, body in rows}


def recorded_sync(desk: Desk, url: str, batch_size: int) -> Recording:
    with desk.transport(url) as inner:
        wire = Recording(inner)
        run_session(desk.replica, wire, now=ticking(), batch_size=batch_size)
    return wire


@pytest.fixture
def desks(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, tmp_path: Path
) -> Iterator[Callable[[str, str], Desk]]:
    made: list[Desk] = []

    def make(name: str, commune: str) -> Desk:
        made.append(Desk(tmp_path, name, commune, enrol(live, storage, commune, clock, ids, name)))
        return made[-1]

    yield make
    for desk in made:
        desk.close()


def test_an_event_is_the_same_text_in_the_store_on_the_wire_and_in_the_server_table_both_ways(
    live: LiveServer, storage: ServerStorage, desks: Callable[[str, str], Desk], communes: list[str]
) -> None:
    commune = communes[0]
    desk = desks("desk-a1", commune)
    for number in range(1, 8):
        desk.new_dossier(number)
    desk.replica.write(
        "dossier", f"{commune}-00003", {"fee": 15_000, "applicant_address": "Thứ Hai"}, "clerk"
    )
    stored = desk_texts(desk)
    in_order = causal(stored)
    assert len(in_order) == 8 and any("Đăng ký khai sinh" in text for text in in_order)  # UTF-8, unescaped

    # push: the batches carry the desk's stored texts, and the server's table holds them as they came
    wire = recorded_sync(desk, live.url, batch_size=3)
    cuts = [(0, 1), (1, 4), (4, 7), (7, 8)]  # batches of 3; a push's first and last event alone
    assert batch_payloads(bytes(wire.up[PUSH])) == [array(in_order[start:end]) for start, end in cuts]
    assert server_texts(storage, commune) == stored

    # the province writes; that event's text in the server's table is what the desks pull and keep
    server = province(storage, commune)
    made = server.write("dossier", f"{commune}-00005", {"province_decision": {"kết quả": "đạt"}}, "officer-1")
    held = server_texts(storage, commune)
    province_text = held[made.id]
    assert set(held) == set(stored) | {made.id}

    wire = recorded_sync(desk, live.url, batch_size=3)
    assert PUSH not in wire.up  # nothing to push
    assert batch_payloads(bytes(wire.down[PULL])) == [array([province_text])]
    assert desk_texts(desk) == held

    # a new desk of the commune pulls everything: the server's texts, causes first, kept as they are
    other = desks("desk-a2", commune)
    wire = recorded_sync(other, live.url, batch_size=4)
    everything = causal(held)
    assert batch_payloads(bytes(wire.down[PULL])) == [array(everything[i : i + 4]) for i in (0, 4, 8)]
    assert desk_texts(other) == held
