"""Starting the whole desk (controller, wizard, unlock screen) in a test, and closing it afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication

from desktop.app import DeskController
from tests.helpers.qt_keys import type_text
from tests.helpers.workstations import PASSPHRASE, Clock, ids
from workstation.settings import resolve_locations


@contextmanager
def running_desk(
    data_dir: Path, clock: Clock, *, idle_unit_ms: int = 60_000, backoff_base_seconds: float = 1.0
) -> Iterator[DeskController]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    controller = DeskController(
        app,
        resolve_locations(data_dir),
        now=clock,
        new_id=ids().__next__,
        idle_unit_ms=idle_unit_ms,
        backoff_base_seconds=backoff_base_seconds,
    )
    try:
        yield controller
    finally:
        close_desk(controller)
        app.setFont(font)


def close_desk(controller: DeskController) -> None:
    """Shut the desk down and delete its Qt objects, as a test's last step."""
    controller.shutdown()
    controller.language.apply("en", None)
    # Delete the desk's Qt objects here, on the UI thread: left to the garbage collector, they could be
    # destroyed later on whichever thread happens to run it (a worker), which crashes Qt.
    for widget in QApplication.topLevelWidgets():
        widget.hide()
    for obj in (
        controller.in_use_message,
        controller.settings_dialog,
        controller.clerks_dialog,
        controller.wizard,
        controller.window,
        controller.unlock_screen,
    ):
        if obj is not None and shiboken6.isValid(obj):
            shiboken6.delete(obj)
    shiboken6.delete(controller)
    gc.collect()


def unlock(qtbot, controller: DeskController, login: str = "lan", passphrase: str = PASSPHRASE) -> None:
    screen = controller.unlock_screen
    qtbot.waitUntil(lambda: screen.isVisible() and screen.login.isEnabled())
    screen.login.setEditText("")
    type_text(screen.login.lineEdit(), login)
    screen.passphrase.clear()
    type_text(screen.passphrase, passphrase)
    screen.submit()
