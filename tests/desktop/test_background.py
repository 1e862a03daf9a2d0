"""The background bridge: work runs off the UI thread; results and errors arrive on the UI thread."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop.background import Background
from sync.store import Store, get_meta, set_meta
from tests.helpers.workstations import Clock, ids

KEY = bytes(range(32))


@pytest.fixture
def background(qapp):
    runner = Background()
    yield runner
    runner.shutdown()


def test_result_arrives_on_the_ui_thread(qtbot, background: Background) -> None:
    seen: list[tuple[str, bool]] = []
    worker: list[threading.Thread] = []

    def work() -> str:
        worker.append(threading.current_thread())
        return "done"

    background.run(
        work, on_success=lambda r: seen.append((r, threading.current_thread() is threading.main_thread()))
    )
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [("done", True)]
    assert worker[0] is not threading.main_thread()


def test_error_arrives_on_the_ui_thread(qtbot, background: Background) -> None:
    errors: list[tuple[BaseException, bool]] = []

    def work() -> None:
        raise KeyError("boom")

    background.run(
        work,
        on_success=lambda _r: pytest.fail("no success expected"),
        on_failure=lambda e: errors.append((e, threading.current_thread() is threading.main_thread())),
    )
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0][0], KeyError) and errors[0][1]


def test_an_unhandled_error_is_signalled(qtbot, background: Background) -> None:
    def work() -> None:
        raise ValueError("bad")

    with qtbot.waitSignal(background.failed) as blocker:
        background.run(work)
    assert isinstance(blocker.args[0], ValueError)


def test_the_event_loop_keeps_running_while_a_slow_operation_runs(qtbot, background: Background) -> None:
    release = threading.Event()
    ticks: list[int] = []
    results: list[str] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()

    def slow() -> str:
        release.wait(30)
        return "finished"

    future = background.run(slow, on_success=results.append)
    assert background.pending == 1
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the UI thread ticks while the operation waits
    assert not future.done() and results == []
    release.set()
    qtbot.waitUntil(lambda: results == ["finished"])
    timer.stop()
    assert background.pending == 0


def test_busy_signal_brackets_the_pending_operations(qtbot, background: Background) -> None:
    states: list[bool] = []
    background.busy_changed.connect(states.append)
    release = threading.Event()
    background.run(lambda: release.wait(30))
    background.run(lambda: release.wait(30))
    assert states == [True]
    release.set()
    qtbot.waitUntil(lambda: states == [True, False])


def test_watch_delivers_a_future_completed_elsewhere(qtbot, background: Background) -> None:
    future: Future[int] = Future()
    got: list[int] = []
    background.watch(future, on_success=got.append)
    threading.Thread(target=lambda: future.set_result(7)).start()
    qtbot.waitUntil(lambda: got == [7])
    done: Future[int] = Future()
    done.set_result(8)
    background.watch(done, on_success=got.append)
    assert got == [7]  # even an already finished future is delivered later, through the event loop
    qtbot.waitUntil(lambda: got == [7, 8])


def test_store_writes_go_through_the_single_writer(qtbot, background: Background, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s", KEY, now=Clock(), new_id=ids().__next__, create=True) as store:
        threads: list[str] = []
        results: list[str | None] = []

        def write(conn) -> str | None:
            threads.append(threading.current_thread().name)
            set_meta(conn, "k", "v")
            return get_meta(conn, "k")

        background.write(store, write, on_success=results.append)
        qtbot.waitUntil(lambda: results == ["v"])
        assert threads == ["motcua-store-writer"]

        failures: list[BaseException] = []

        def bad(conn) -> None:
            set_meta(conn, "k", "changed")
            raise RuntimeError("rolled back")

        background.write(store, bad, on_failure=failures.append)
        qtbot.waitUntil(lambda: bool(failures))
        with store.reader() as conn:
            assert get_meta(conn, "k") == "v"


def test_callbacks_of_a_deleted_owner_are_dropped(qtbot, background: Background) -> None:
    owner = QWidget()
    release = threading.Event()
    called: list[object] = []
    background.run(lambda: release.wait(30), on_success=called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner))
    release.set()
    qtbot.waitUntil(lambda: background.pending == 0)
    assert called == []


def test_no_work_after_shutdown(qapp) -> None:
    runner = Background()
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.run(lambda: 1)
