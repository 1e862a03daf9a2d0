"""What the desk's transport and its resuming session do with each answer a live server can give: 503/5xx
(back off, try again), 429 (wait what Retry-After says), 401 (stop at once: enrol again), 413 (split the
batches). The server is the real one on 127.0.0.1; a scripted front (a small real HTTP server) gives the
503s, 502s and 429s; 401 and 413 come from the real server itself (a revoked device, a small batch limit).
Pauses go through a sleep passed in, which moves the server's clock: nothing waits for real."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from server.enrolment import revoke_device
from server.storage.interface import ServerStorage
from sync.errors import DeviceRevokedByServer, ServerFailed, ServerTooLarge, ServerUnauthorised, SyncError
from sync.http_transport import HttpTransport
from sync.resuming_session import ResumedSession, run_resuming_session
from sync.retry_policy import RetryPolicy
from sync.sync_messages import HELLO, encode_frame
from tests.helpers.live_desks import Desk, dossier_fields, province, ticking
from tests.helpers.scripted_answers import Answer, ScriptedFront
from tests.helpers.server_accounts import enrol
from tests.server.conftest import Clock, Ids, LiveServer

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


class Pauses:
    """The sleep passed in: records each pause and moves the server's clock by it."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.taken: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.taken.append(seconds)
        self.clock.advance(seconds=seconds)


@pytest.fixture
def desk(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, communes: list[str], tmp_path: Path
) -> Iterator[Desk]:
    made = Desk(tmp_path, "desk-a", communes[0], enrol(live, storage, communes[0], clock, ids, "desk-a"))
    fill(made, 120)
    yield made
    made.close()


def fill(desk: Desk, count: int) -> None:
    """``count`` dossiers written on ``desk`` in one transaction."""

    def write(conn: Any) -> None:
        for number in range(1, count + 1):
            desk.replica.write_in(
                conn, "dossier", f"{desk.commune}-{number:05d}", dossier_fields(desk.commune, number), "c"
            )

    desk.store.write(write).result()


def resume(desk: Desk, url: str, pauses: Pauses, **options: object) -> tuple[ResumedSession, list[str]]:
    """One resuming session to ``url``; returns it and the kinds of the errors it retried after."""
    retried: list[str] = []
    policy = RetryPolicy(attempts=6, base=1.0, cap=30.0, total=120.0, sleep=pauses, jitter=lambda: 1.0)
    result = run_resuming_session(
        desk.replica,
        lambda: HttpTransport(url, desk.credential, retries=0),
        now=ticking(),
        policy=policy,
        on_retry=lambda error, _pause: retried.append(error.kind),
        **options,  # type: ignore[arg-type]
    )
    return result, retried


def written_elsewhere(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, commune: str, root: Path, count: int
) -> None:
    """``count`` dossiers of another desk of the commune ("desk-z") on the server: the next desk to sync
    has something to pull."""
    other = Desk(root, "desk-z", commune, enrol(live, storage, commune, clock, ids, "desk-z"))
    try:
        for number in range(1, count + 1):
            other.replica.write("dossier", f"{commune}-z{number:05d}", dossier_fields(commune, number), "c")
        other.sync(live.url)
    finally:
        other.close()


def held_by_server(storage: ServerStorage, commune: str) -> dict[str, int]:
    return province(storage, commune).vector().to_dict()


def test_503_and_502_mid_sync_back_off_and_the_session_completes_without_resending(
    live: LiveServer, storage: ServerStorage, clock: Clock, ids: Ids, desk: Desk, tmp_path: Path
) -> None:
    written_elsewhere(live, storage, clock, ids, desk.commune, tmp_path, 5)  # so that the desk pulls
    script = {"push": [Answer(503)], "pull": [Answer(502), Answer(503)]}
    with ScriptedFront(live.url, script) as front:
        pauses = Pauses(clock)
        result, retried = resume(desk, front.url, pauses)
    assert retried == ["server_error"] * 3 and result.tries == 4
    # exponential (jitter at its top here); once the push has gone through, the backoff starts again
    assert pauses.taken == [1.0, 2.0, 1.0]
    assert held_by_server(storage, desk.commune) == {"desk-a": 120, "desk-z": 5}
    assert result.result.pushed_events == 120 and result.result.peer_counts.duplicates == 0
    assert result.result.pulled_events == 5 and desk.replica.vector()["desk-z"] == 5
    # after the push went through, the later tries only said hello and pulled: nothing was sent twice
    assert front.routes() == ["hello", "push", "hello", "push", "pull", "hello", "pull", "hello", "pull"]
    assert [got for _, got in front.seen].count("forwarded 200") == 6


def test_a_5xx_that_is_not_temporary_is_not_retried(live: LiveServer, clock: Clock, desk: Desk) -> None:
    with ScriptedFront(live.url, {"hello": [Answer(501)]}) as front:
        pauses = Pauses(clock)
        with pytest.raises(ServerFailed) as failed:
            resume(desk, front.url, pauses)
    assert failed.value.status == 501 and pauses.taken == [] and front.routes() == ["hello"]


def test_429_waits_what_retry_after_says(
    live: LiveServer, storage: ServerStorage, clock: Clock, desk: Desk
) -> None:
    script = {"push": [Answer(429, {"Retry-After": "7"}, "rate_limited")]}
    with ScriptedFront(live.url, script) as front:
        pauses = Pauses(clock)
        result, retried = resume(desk, front.url, pauses)
    assert retried == ["rate_limited"] and pauses.taken == [7.0]  # not the 1 s backoff: what it asked
    assert held_by_server(storage, desk.commune) == {"desk-a": 120} and result.tries == 2


def test_the_real_servers_rate_limit_is_honoured_and_the_sync_still_completes(
    serve: Callable[..., LiveServer],
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    tmp_path: Path,
) -> None:
    live = serve(device_burst=2, device_requests_per_minute=20)  # a token every 3 s
    written_elsewhere(live, storage, clock, ids, communes[0], tmp_path, 3)  # hello, push, pull: 3 > burst
    made = Desk(tmp_path, "desk-b", communes[0], enrol(live, storage, communes[0], clock, ids, "desk-b"))
    try:
        fill(made, 30)
        asked: list[float] = []
        pauses = Pauses(clock)
        policy = RetryPolicy(attempts=8, base=1.0, cap=30.0, total=300.0, sleep=pauses, jitter=lambda: 0.0)
        result = run_resuming_session(
            made.replica,
            lambda: HttpTransport(live.url, made.credential, retries=0),
            now=ticking(),
            policy=policy,
            on_retry=lambda error, _pause: asked.append(error.retry_after or 0.0),
        )
    finally:
        made.close()
    assert asked and all(seconds >= 1 for seconds in asked)  # the server said how long: 429 + Retry-After
    assert all(pause >= want for pause, want in zip(pauses.taken, asked, strict=True))
    assert result.result.pushed_events == 30 and result.result.pulled_events == 3
    assert held_by_server(storage, communes[0]) == {"desk-b": 30, "desk-z": 3}


def test_429_on_hello_the_transport_itself_waits_retry_after_and_5xx_backs_off(
    live: LiveServer, clock: Clock, desk: Desk
) -> None:
    script = {"hello": [Answer(503), Answer(429, {"Retry-After": "9"}, "rate_limited"), Answer(500)]}
    hello = encode_frame(HELLO, {"replica": "desk-a", "vector": {}})
    with ScriptedFront(live.url, script) as front:
        pauses = Pauses(clock)
        with HttpTransport(front.url, desk.credential, retries=3, backoff=0.5, sleep=pauses) as transport:
            reply = b"".join(transport.call(HELLO, [hello]))
    assert reply and pauses.taken == [0.5, 9.0, 2.0] and transport.requests_made == 4


def test_401_stops_at_once_with_a_re_enrolment_error(
    live: LiveServer, storage: ServerStorage, clock: Clock, desk: Desk
) -> None:
    pauses = Pauses(clock)
    with pytest.raises(ServerUnauthorised) as wrong:
        run_resuming_session(
            desk.replica,
            lambda: HttpTransport(live.url, "mcd.nobody.secret", retries=3, sleep=pauses),
            now=ticking(),
            policy=RetryPolicy(sleep=pauses),
        )
    assert wrong.value.status == 401 and pauses.taken == []

    device = live.get("/v1/me", token=desk.credential).json()["device_id"]
    revoke_device(storage, device, now=clock.now)
    tries: list[SyncError] = []

    def transport() -> HttpTransport:
        made = HttpTransport(live.url, desk.credential, retries=3, sleep=pauses)
        tries.append(SyncError())
        return made

    with pytest.raises(DeviceRevokedByServer) as revoked:
        run_resuming_session(desk.replica, transport, now=ticking(), policy=RetryPolicy(sleep=pauses))
    assert revoked.value.status == 401 and revoked.value.kind == "revoked"
    assert len(tries) == 1 and pauses.taken == []  # one request, no retry: a person must act
    assert held_by_server(storage, desk.commune) == {}


def test_413_splits_the_batches_and_what_was_committed_is_not_resent(
    serve: Callable[..., LiveServer],
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    tmp_path: Path,
) -> None:
    live = serve(max_push_batch_bytes=40_000)
    made = Desk(tmp_path, "desk-c", communes[0], enrol(live, storage, communes[0], clock, ids, "desk-c"))
    try:
        fill(made, 300)
        pauses = Pauses(clock)
        result, retried = resume(made, live.url, pauses, batch_size=200)
    finally:
        made.close()
    assert "too_large" in retried and result.batch_size < 200
    assert held_by_server(storage, communes[0]) == {"desk-c": 300}
    assert result.result.peer_counts.duplicates == 0


def test_413_with_single_event_batches_gives_up(
    serve: Callable[..., LiveServer],
    storage: ServerStorage,
    clock: Clock,
    ids: Ids,
    communes: list[str],
    tmp_path: Path,
) -> None:
    live = serve(max_push_batch_bytes=100)
    made = Desk(tmp_path, "desk-d", communes[0], enrol(live, storage, communes[0], clock, ids, "desk-d"))
    try:
        made.new_dossier(1)
        with pytest.raises(ServerTooLarge):
            resume(made, live.url, Pauses(clock), batch_size=4)
    finally:
        made.close()
