"""Events that can never be applied (issue 14, finding 2), against a live server on SQLite and PostgreSQL:
bounded per origin and per commune, quarantined past the bounds or after waiting too long (IT lists them
with ``server.cli quarantine``), never sent in pulls, and a one-event push after many of them reads no
more rows than in a clean commune."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.cli import main as server_cli
from server.storage.interface import ServerStorage
from server.waiting_events import TOO_MANY, TOO_OLD, list_quarantine
from sync.device_keys import DeviceIdentity
from sync.http_transport import HttpTransport
from sync.sync_session import run_session
from tests.helpers.gapped_events import CountingStorage, PushOnly, gapped_texts
from tests.helpers.live_desks import province
from tests.helpers.signing_desks import SigningDesk, enrol_signing
from tests.server.conftest import START, Clock, Ids, LiveServer, make_config

GAPPED = 400
PER_ORIGIN, PER_COMMUNE = 100, 150


@pytest.fixture
def counted(storage: ServerStorage, clock: Clock, ids: Ids) -> Iterator[tuple[LiveServer, CountingStorage]]:
    counting = CountingStorage(storage)
    live = LiveServer(
        make_config(
            waiting_events_per_origin=PER_ORIGIN,
            waiting_events_per_commune=PER_COMMUNE,
            waiting_bytes_per_origin=3 * 1024 * 1024,
            device_burst=1000,
        ),
        counting,  # type: ignore[arg-type]
        clock,
        ids,
    )
    yield live, counting
    live.stop()


def push(live: LiveServer, credential: str, replica: PushOnly) -> None:
    with HttpTransport(live.url, credential, sleep=lambda _: None) as transport:
        run_session(replica, transport, now=lambda: START)  # type: ignore[arg-type]


def rows_of_one_push(desk: SigningDesk, live: LiveServer, counting: CountingStorage, number: int) -> int:
    desk.new_dossier(number)
    before = counting.rows
    result = desk.sync(live.url)
    assert result.pushed_events == 1
    return counting.rows - before


def cli_quarantine(backend: str, request: pytest.FixtureRequest, tmp_path: Path, *args: str) -> str:
    if backend == "sqlite":
        database = f"sqlite:///{tmp_path / 'server.db'}"
    else:
        database = request.getfixturevalue("postgres_database")
    config = tmp_path / "cli.toml"
    config.write_text(f'[server]\ndatabase = "{database}"\n', encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert server_cli(["--config", str(config), "quarantine", *args], stdout=out, stderr=err) == 0, err
    return out.getvalue()


def test_gapped_events_are_bounded_quarantined_and_cost_a_later_push_nothing(
    counted: tuple[LiveServer, CountingStorage],
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    tmp_path: Path,
    backend: str,
    request: pytest.FixtureRequest,
) -> None:
    live, counting = counted
    commune = communes[0]
    honest = SigningDesk(tmp_path, "desk-b", commune, identity=DeviceIdentity.generate("desk-b"), at=START)
    hostile = SigningDesk(tmp_path, "desk-h", commune, identity=DeviceIdentity.generate("desk-h"), at=START)
    enrol_signing(live, storage, clock, ids, honest)
    enrol_signing(live, storage, clock, ids, hostile)
    rows_clean = rows_of_one_push(honest, live, counting, 1)

    push(live, hostile.credential, PushOnly("desk-h", gapped_texts("desk-h", commune, range(2, GAPPED + 2))))
    with storage.transaction() as tx:
        waiting = tx.query("SELECT COUNT(*) FROM sync_waiting WHERE scope = ?", (commune,))[0][0]
    assert waiting == PER_ORIGIN
    held = list_quarantine(storage, commune=commune, limit=5000)
    assert len(held) == GAPPED - PER_ORIGIN and {q.reason for q in held} == {TOO_MANY}

    rows_after = rows_of_one_push(honest, live, counting, 2)
    print(f"rows read by a one-event sync: clean {rows_clean}, after {GAPPED} gapped events {rows_after}")
    assert rows_after <= rows_clean + 5, (rows_clean, rows_after)
    assert "desk-h" not in honest.replica.vector().to_dict()  # pulls never send waiting events

    # pushed again (a hostile desk does): nothing new is stored, and the push stays as cheap
    push(live, hostile.credential, PushOnly("desk-h", gapped_texts("desk-h", commune, range(2, GAPPED + 2))))
    assert len(list_quarantine(storage, commune=commune, limit=5000)) == GAPPED - PER_ORIGIN
    assert rows_of_one_push(honest, live, counting, 3) <= rows_clean + 5

    # an event waiting longer than the age limit goes to quarantine at the commune's next push
    clock.advance(days=15)
    rows_of_one_push(honest, live, counting, 4)
    held = list_quarantine(storage, commune=commune, limit=5000)
    assert len(held) == GAPPED and {q.reason for q in held} == {TOO_MANY, TOO_OLD}
    with storage.transaction() as tx:
        assert tx.query("SELECT events, bytes FROM sync_waiting_totals WHERE scope = ?", (commune,))[0] == (
            0,
            0,
        )
    words = cli_quarantine(backend, request, tmp_path, "--commune", commune, "--limit", "5000")
    assert f"{GAPPED} quarantined event(s)" in words
    assert "waited for a cause longer than limits.waiting_max_age_days" in words
    assert "Hồ sơ" not in words and "desk-h:2\t" in words  # ids and sizes, never field values

    # the missing first event arrives: the quarantined events pushed again are applied after all
    push(live, hostile.credential, PushOnly("desk-h", gapped_texts("desk-h", commune, range(1, GAPPED + 2))))
    assert list_quarantine(storage, commune=commune) == []
    assert province(storage, commune).vector()["desk-h"] == GAPPED + 1
    honest.close()
    hostile.close()


def test_waiting_bytes_are_bounded_per_origin(
    counted: tuple[LiveServer, CountingStorage],
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    tmp_path: Path,
) -> None:
    live, _ = counted
    hostile = SigningDesk(
        tmp_path, "desk-h", communes[0], identity=DeviceIdentity.generate("desk-h"), at=START
    )
    enrol_signing(live, storage, clock, ids, hostile)
    big = gapped_texts("desk-h", communes[0], range(2, 8), pad=900 * 1024)  # 6 × 0.9 MiB, 3 MiB allowed
    push(live, hostile.credential, PushOnly("desk-h", big))
    held = list_quarantine(storage, commune=communes[0])
    assert len(held) == 3 and all(q.size > 900 * 1024 for q in held)
    with storage.transaction() as tx:
        assert tx.query("SELECT COUNT(*) FROM sync_waiting")[0][0] == 3
    hostile.close()


def test_waiting_events_from_before_the_bounds_are_looked_at_once_then_indexed(
    storage: ServerStorage, communes: list[str]
) -> None:
    """Migration 4 marks the events already waiting as "look at me once" (need_replica = '')."""
    commune = communes[0]
    replica = province(storage, commune)
    texts = gapped_texts("desk-old", commune, [3])
    with storage.transaction() as tx:
        tx.run(
            "INSERT INTO devices (id, commune_code, replica_id, label, signing_key, exchange_key,"
            " secret_hash, enrolled_at) VALUES ('d', ?, 'desk-old', 'x', 'k', 'k', 'h', ?)",
            (commune, storage.time_in(START)),
        )
        tx.run(
            "INSERT INTO sync_events (replica_id, counter, record_type, record_id, scope, side, applied,"
            " body, received_at) VALUES ('desk-old', 3, 'dossier', 'gap-desk-old-3', ?, 'desk', 0, ?, ?)",
            (commune, texts[0], storage.time_in(START)),
        )
        tx.run(
            "INSERT INTO sync_waiting (replica_id, counter, scope, need_replica, need_counter, size,"
            " received_at) VALUES ('desk-old', 3, ?, '', 0, 1, ?)",
            (commune, storage.time_in(START)),
        )
        tx.run("INSERT INTO sync_waiting_totals (scope, events, bytes) VALUES (?, 1, 1)", (commune,))
    from sync.event_texts import decode_canonical

    replica.receive_encoded([decode_canonical(t) for t in gapped_texts("desk-old", commune, [1, 2])])
    assert replica.vector()["desk-old"] == 3
    with storage.transaction() as tx:
        assert tx.query("SELECT COUNT(*) FROM sync_waiting")[0][0] == 0
        assert tx.query("SELECT events, bytes FROM sync_waiting_totals")[0] == (0, 0)
