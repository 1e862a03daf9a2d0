"""The server's ``hello`` answer says whether it holds events the desk lacks (``more``): a desk told "no
more" skips its pull, and that hello counts as its pull in ``health``; a desk that lacks events pulls."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.storage.interface import ServerStorage
from server.sync_health import commune_health
from sync.sync_messages import HELLO, HELLO_REPLY, StreamReader, encode_frame
from tests.helpers.live_desks import Desk
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def hello_more(desk: Desk, url: str) -> bool:
    """What the server's hello answer says in ``more`` for this desk's vector (a real hello request)."""
    vector = desk.replica.vector().to_dict()
    body = encode_frame(HELLO, {"replica": desk.replica.replica_id, "vector": vector})
    with desk.transport(url) as transport:
        reply = StreamReader(transport.call(HELLO, [body])).read_frame(HELLO_REPLY)
    return reply.header["more"]  # type: ignore[no-any-return]


def pulls_by_backlog(storage: ServerStorage, commune: str) -> dict[int, bool]:
    """For each workstation of the commune (told apart by their backlogs here): whether a pull is noted."""
    return {d.backlog: d.last_pull_at is not None for d in commune_health(storage, commune).devices}


def test_a_desk_that_lacks_nothing_skips_its_pull_and_one_that_lacks_events_pulls(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str], tmp_path: Path
) -> None:
    commune = communes[0]
    a = Desk(tmp_path, "desk-a", commune, enrol(live, storage, commune, clock, ids, "desk-a"))
    b = Desk(tmp_path, "desk-b", commune, enrol(live, storage, commune, clock, ids, "desk-b"))
    try:
        for number in range(1, 4):
            a.new_dossier(number)
        pushed = a.sync(live.url)
        assert (pushed.round_trips, pushed.pushed_events, pushed.pulled_batches) == (2, 3, 0)
        assert pulls_by_backlog(storage, commune) == {0: True, 3: False}  # A's hello was its pull

        assert hello_more(b, live.url) is True  # B lacks A's dossiers: a hello is not a pull for it
        assert pulls_by_backlog(storage, commune) == {0: True, 3: False}
        pulled = b.sync(live.url)
        assert (pulled.round_trips, pulled.pulled_events) == (2, 3)  # hello, pull
        assert b.replica.vector() == a.replica.vector()

        assert hello_more(a, live.url) is False and hello_more(b, live.url) is False
        idle = a.sync(live.url)
        assert idle.round_trips == 1 and idle.pushed_events == idle.pulled_events == 0  # hello only
        health = commune_health(storage, commune).devices
        assert len(health) == 2 and all(d.last_pull_at is not None and d.backlog == 0 for d in health)
    finally:
        a.close()
        b.close()
