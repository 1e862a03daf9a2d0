"""The desk's automatic sync on real stores with an in-process peer: after a reception, when the server
comes back, before the desk closes (bounded, never keeping the desk open), "Sync now" joining a sync that
waits before its next try, and a 401 that stops at once with words asking for a new enrolment."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from desktop.background import Background
from desktop.sync_panel import SyncController, SyncPhase, SyncStatusWidget
from sync.errors import ServerFailed, ServerOffline, ServerUnauthorised
from sync.retry_policy import RetryPolicy, Waiter
from sync.sync_session import InProcessTransport, SessionResponder
from tests.helpers.dossier_desks import Clock, draft, open_desk
from workstation.dossier_desk import DossierDesk
from workstation.sync_schedule import AutoSync


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))


@pytest.fixture
def background(qapp) -> Iterator[Background]:
    runner = Background()
    yield runner
    runner.shutdown()


@pytest.fixture
def desks(tmp_path: Path, clock: Clock) -> Iterator[tuple[DossierDesk, DossierDesk]]:
    a, b = open_desk(tmp_path / "a", clock), open_desk(tmp_path / "b", clock)
    a.receive(draft("Nguyễn Văn An"))
    yield a, b
    a.store.close()
    b.store.close()


class Peer:
    """A transport factory to desk ``b`` that can fail its next tries, or hang, and be probed."""

    def __init__(self, peer: DossierDesk) -> None:
        self.peer = peer
        self.failures: list[Exception] = []
        self.up = True
        self.made = 0
        self.gate: threading.Event | None = None

    def __call__(self) -> InProcessTransport:
        self.made += 1
        if self.failures:
            error = self.failures.pop(0)
            return Failing(error)  # type: ignore[return-value]
        transport = InProcessTransport(SessionResponder(self.peer.replica))
        gate = self.gate
        if gate is not None:
            original = transport.call

            def slow(route: str, body: Iterable[bytes]) -> Iterator[bytes]:
                gate.wait(5)
                return original(route, body)

            transport.call = slow  # type: ignore[method-assign]
        return transport

    def probe(self) -> bool:
        return self.up


class Failing:
    round_trips = 0

    def __init__(self, error: Exception) -> None:
        self.error = error

    def call(self, route: str, body: Iterable[bytes]) -> Iterator[bytes]:
        raise self.error


def controller_for(
    desk: DossierDesk, background: Background, clock: Clock, peer: Peer, plan: AutoSync, **options: object
) -> SyncController:
    return SyncController(
        desk.replica,
        background=background,
        now=clock,
        new_id=lambda: str(uuid.uuid4()),
        transport_factory=peer,
        auto_sync=plan,
        **options,  # type: ignore[arg-type]
    )


def test_a_reception_is_synced_a_moment_later_without_a_click(qtbot, desks, background, clock) -> None:
    a, b = desks
    sync = controller_for(a, background, clock, Peer(b), AutoSync(0, probe=3600, after_reception=0.05))
    for n in range(3):  # three receptions in a row: one sync
        a.receive(draft(f"Trần Thị {n}"))
        sync.sync_soon()
    qtbot.waitUntil(lambda: sync.last_session is not None and not sync.busy, timeout=10_000)
    assert sync.started_by == ["reception"] and b.queue_count() == 4
    qtbot.waitUntil(lambda: sync.status.waiting == 0 and sync.status.acknowledged == 4, timeout=5_000)
    sync.shutdown()


def test_the_light_follows_the_probe_and_a_server_back_starts_a_sync(qtbot, desks, background, clock) -> None:
    a, b = desks
    peer = Peer(b)
    peer.up = False
    sync = controller_for(a, background, clock, peer, AutoSync(0, probe=3600))
    assert sync.status.phase is SyncPhase.CHECKING  # not "Offline" before anything is known
    qtbot.waitUntil(lambda: sync.status.phase is SyncPhase.OFFLINE, timeout=5_000)
    assert sync.status.reachable is False and sync.started_by == []
    peer.up = True
    sync.probe()
    qtbot.waitUntil(lambda: sync.last_session is not None and not sync.busy, timeout=10_000)
    assert sync.started_by == ["network"] and sync.status.phase is SyncPhase.ONLINE
    assert sync.status.last_contact == clock()
    sync.shutdown()


@pytest.mark.parametrize(
    "error, phase, words",
    [
        (ServerOffline("cut"), SyncPhase.OFFLINE, "retrying"),
        (ServerFailed("unavailable", status=503), SyncPhase.SYNCING, "server_busy"),
    ],
)
def test_sync_now_joins_a_sync_waiting_before_its_next_try(
    qtbot, desks, background, clock, error, phase, words
) -> None:
    a, b = desks
    peer = Peer(b)
    peer.failures = [error]
    peer.up = False  # the probe does not find it either (a probe that does would end the wait too)
    waits: list[float] = []

    def policy(waiter: Waiter) -> RetryPolicy:
        def sleep(seconds: float) -> None:
            waits.append(seconds)
            waiter(seconds)

        return RetryPolicy(attempts=5, base=600.0, cap=600.0, total=3600.0, sleep=sleep)

    sync = controller_for(a, background, clock, peer, AutoSync(0, probe=3600), retry_policy=policy)
    widget = SyncStatusWidget(sync)
    qtbot.addWidget(widget)
    assert sync.sync_now(reason="timer")
    qtbot.waitUntil(lambda: sync.status.retry_in is not None, timeout=5_000)  # waits minutes before a retry
    assert sync.status.phase is phase and widget.action_sync.isEnabled()
    assert widget.state_label.text() == getattr(widget.words, words)(round(sync.status.retry_in))
    started = time.monotonic()
    assert widget.sync_now()  # the clerk presses "Sync now": the same sync tries again at once
    qtbot.waitUntil(lambda: sync.last_session is not None and not sync.busy, timeout=10_000)
    assert time.monotonic() - started < 5 and waits and waits[0] >= 300
    assert sync.started_by == ["timer"] and sync.last_session.tries == 2 and peer.made == 2
    assert b.queue_count() == 1
    sync.shutdown()


def test_401_stops_at_once_and_asks_for_a_new_enrolment(qtbot, desks, background, clock) -> None:
    a, b = desks
    peer = Peer(b)
    peer.failures = [ServerUnauthorised("no", status=401)]
    sync = controller_for(a, background, clock, peer, AutoSync(0, probe=3600))
    widget = SyncStatusWidget(sync)
    qtbot.addWidget(widget)
    errors: list[BaseException] = []
    sync.failed.connect(errors.append)
    assert sync.sync_now()
    qtbot.waitUntil(lambda: errors != [] and not sync.busy, timeout=5_000)
    assert peer.made == 1 and sync.status.phase is SyncPhase.FAILED
    assert "enrol this workstation again" in widget.problem_label.text()
    sync.set_auto_sync_plan(AutoSync(1, probe=3600, after_reception=0.01))  # occasions keep coming…
    sync.sync_soon()
    qtbot.wait(1500)
    assert peer.made == 1 and sync.started_by == ["manual"]  # …but none asks the server again
    assert sync.sync_now()  # a person may, once IT has acted
    qtbot.waitUntil(lambda: sync.last_session is not None and not sync.busy, timeout=5_000)
    assert peer.made == 2 and sync.status.phase is SyncPhase.ONLINE
    sync.shutdown()


def test_before_closing_what_waits_is_sent_within_a_bounded_wait(qtbot, desks, background, clock) -> None:
    a, b = desks
    sync = controller_for(a, background, clock, Peer(b), AutoSync(0, probe=3600, close_wait=10))
    widget = SyncStatusWidget(sync)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: sync.status.waiting == 1, timeout=5_000)
    assert sync.sync_before_close()
    assert sync.started_by == ["close"] and b.queue_count() == 1
    assert widget.note == widget.words.closing() or widget.note.startswith(widget.words.synced(1, 0)[:5])
    sync.shutdown()


def test_a_close_never_waits_longer_than_its_bound(qtbot, desks, background, clock) -> None:
    a, b = desks
    peer = Peer(b)
    peer.gate = threading.Event()  # the link hangs
    sync = controller_for(a, background, clock, peer, AutoSync(0, probe=3600, close_wait=0.5))
    sync.refresh()
    qtbot.waitUntil(lambda: sync.status.waiting == 1, timeout=5_000)
    started = time.monotonic()
    assert not sync.sync_before_close()
    assert time.monotonic() - started < 2  # the close goes on; the sync is told to stop
    peer.gate.set()
    sync.shutdown()
    assert b.queue_count() == 0  # stopped before it sent anything


def test_a_desk_with_paired_desks_only_syncs_them_on_the_same_schedule(
    qtbot, desks, background, clock
) -> None:
    """No province (the case the product exists for): the timer and a new reception still sync the peers."""
    a, _ = desks
    calls: list[str] = []
    sync = SyncController(
        a.replica,
        background=background,
        now=clock,
        new_id=lambda: str(uuid.uuid4()),
        transport_factory=None,
        auto_sync=AutoSync(1, probe=3600, after_reception=0.05),
    )
    sync.set_peer_sync(lambda: calls.append("peers"))
    qtbot.waitUntil(lambda: len(calls) >= 1 and not sync.busy, timeout=10_000)  # the timer, every second
    assert sync.started_by[0] == "timer"
    sync.set_auto_sync_plan(AutoSync(0, probe=3600, after_reception=0.05))
    before = len(calls)
    a.receive(draft("Trần Thị Peer"))
    sync.sync_soon()
    qtbot.waitUntil(lambda: len(calls) > before and not sync.busy, timeout=10_000)
    assert sync.started_by[-1] == "reception"
    sync.shutdown()
