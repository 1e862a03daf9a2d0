"""A commune's desk on a flaky link syncs by itself (issue 12): the real desk application offscreen
(``desktop.app.build()``), a real provincial server in its own process on 127.0.0.1, reached through a
loopback proxy that cuts the connection several times mid-push and mid-pull. Nobody presses "Sync now": one
sync started by the desk's timer completes by itself; the server holds each of the desk's events once, and
the desk each of the other desk's events once.

Then the status tells the truth: the light says "Online" from the start while the server is up, "Offline"
once it is down and "Online" again when it is back (and a sync follows by itself); the "Not yet synced" filter
empties after the sync. A desk closed with changes waiting sends them before it closes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.app import DeskController
from desktop.sync_panel import SyncController, SyncPhase
from tests.helpers.enrolled_desks import PASS
from tests.helpers.flaky_link import FlakyLink
from tests.helpers.journey_steps import desk_program, shortcut, unlock_as
from tests.helpers.province_processes import (
    ProvinceProcess,
    enrolled_desk,
    write_dossiers,
)
from workstation.dossier_desk import QueueFilter

PUSHED, PULLED = 1500, 1500  # three batches of 500 each way (~145 kB compressed per batch)
BUDGET = 200_000  # bytes a connection may carry before the link cuts it: about a batch and a half
CUTS = 5


@pytest.fixture
def province(tmp_path: Path) -> Iterator[ProvinceProcess]:
    """A provincial server of its own for each journey (a journey may stop and start it)."""
    server = ProvinceProcess(tmp_path / "province")
    server.start()
    yield server
    server.stop()


def sync_of(desk: DeskController) -> SyncController:
    assert desk.screens is not None
    return desk.screens.sync


def test_a_sync_started_by_the_timer_survives_cuts_mid_push_and_mid_pull(
    qtbot, tmp_path: Path, province: ProvinceProcess
) -> None:
    other = write_dossiers(
        enrolled_desk(tmp_path, "desk-b", province.url, province.code()), PULLED, then_sync=True
    )
    host, port = "127.0.0.1", province.port
    armed = [False]

    def budget() -> int | None:  # each new connection: cut after BUDGET bytes, until CUTS cuts were made
        return BUDGET if armed[0] and link.stats.cuts < CUTS else None

    with FlakyLink((host, port), cut_after=budget) as link:
        data = enrolled_desk(tmp_path, "desk-a", link.url, province.code(), sync_interval=2)
        mine = write_dossiers(data, PUSHED)
        armed[0] = True
        with desk_program(data) as program:
            desk = program.controller
            unlock_as(qtbot, desk, "lan", PASS)
            qtbot.waitUntil(lambda: desk.screens is not None, timeout=20_000)
            sync = sync_of(desk)
            failures: list[BaseException] = []
            sync.failed.connect(failures.append)
            qtbot.waitUntil(lambda: sync.last_session is not None, timeout=60_000)
            session = sync.last_session
            assert sync.started_by[0] == "timer" and failures == []
            assert link.stats.cuts >= 3 and session.tries == link.stats.cuts + 1
            assert set(session.errors) <= {"offline", "sync_interrupted"}
            assert {"push", "pull"} <= set(session.cut_during)  # cut while sending and while receiving
            assert session.result.pushed_events == PUSHED and session.result.pulled_events == PULLED
            desk_vector = desk.work.desk.replica.vector()
            assert desk_vector[mine] == PUSHED and desk_vector[other] == PULLED
            qtbot.waitUntil(lambda: sync.status.waiting == 0, timeout=10_000)
            assert sync.status.reachable is True and sync.status.error is None
    assert province.events_of(mine) == (PUSHED, PUSHED)  # each once on the server: nothing lost or twice
    assert province.events_of(other) == (PULLED, PULLED)


def test_the_light_and_the_not_yet_synced_filter_tell_the_truth(
    qtbot, tmp_path: Path, province: ProvinceProcess
) -> None:
    data = enrolled_desk(tmp_path, "desk-c", province.url, province.code(), sync_interval=4)
    write_dossiers(data, 3)
    with desk_program(data) as program:
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        qtbot.waitUntil(lambda: desk.screens is not None and desk.queue is not None, timeout=20_000)
        sync = sync_of(desk)
        widget = desk.screens.sync_status
        queue = desk.queue
        # the probe answers before any sync: the server is up, the light says so
        words = widget.words  # the desk speaks Vietnamese: its own words, whatever the language

        def light() -> str:
            return widget.state_label.text()

        def offline_shown() -> bool:
            status = sync.status
            if status.phase is not SyncPhase.OFFLINE:
                return False
            if status.retry_in is not None:  # a sync waiting to try again says when
                return light() == words.retrying(max(1, round(status.retry_in)))
            return light() == words.offline()

        qtbot.waitUntil(lambda: light() == words.online(), timeout=10_000)
        assert sync.started_by == [] and sync.status.last_contact is not None
        assert queue.counts.get(QueueFilter.NOT_SYNCED) == 3
        qtbot.waitUntil(lambda: sync.last_session is not None and not sync.busy, timeout=30_000)
        assert sync.started_by[0] == "timer"
        queue.set_filter(QueueFilter.NOT_SYNCED)
        qtbot.waitUntil(lambda: queue.counts.get(QueueFilter.NOT_SYNCED) == 0, timeout=10_000)
        qtbot.waitUntil(lambda: queue.model.rowCount() == 0, timeout=10_000)
        assert queue.counts.get(QueueFilter.ALL) == 3
        assert light() in (words.online(), words.syncing())  # the timer may have started the next one

        province.stop()  # the server goes down: the next probe (or the next sync's cut) turns the light
        qtbot.waitUntil(offline_shown, timeout=20_000)
        assert sync.status.reachable is False
        before = sync.last_session

        province.start()  # back: the light follows, and a sync completes by itself
        qtbot.waitUntil(
            lambda: sync.last_session is not before and not sync.busy and light() == words.online(),
            timeout=30_000,
        )
        assert sync.status.reachable is True and sync.status.error is None


def test_closing_the_desk_sends_what_waits_first_and_still_closes(
    qtbot, tmp_path: Path, province: ProvinceProcess
) -> None:
    data = enrolled_desk(tmp_path, "desk-d", province.url, province.code(), sync_interval=0)  # no timer
    mine = write_dossiers(data, 4)
    with desk_program(data) as program:
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        qtbot.waitUntil(lambda: desk.screens is not None, timeout=20_000)
        sync = sync_of(desk)
        qtbot.waitUntil(lambda: sync.status.reachable is True and sync.status.waiting == 4, timeout=10_000)
        assert sync.started_by == [] and province.events_of(mine) == (0, 0)
        started = time.monotonic()
        shortcut(qtbot, desk.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # Desk → Quit
        qtbot.waitUntil(
            lambda: not any(w.isVisible() for w in QApplication.topLevelWidgets()), timeout=20_000
        )
        assert time.monotonic() - started < 15  # the wait before closing is bounded (10 s)
        assert sync.started_by == ["close"] and desk.store_lock is not None and not desk.store_lock.held
    assert province.events_of(mine) == (4, 4)
