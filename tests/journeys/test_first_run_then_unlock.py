"""A clerk's first day, through the application object ``desktop.app.run()`` builds: the first-run wizard,
Ctrl+L, unlock with the right passphrase, and the queue is there again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop.app import DeskProgram
from desktop.first_run_wizard import FirstRunWizard
from tests.helpers.journey_steps import (
    choose_hoan_kiem,
    desk_program,
    next_page,
    queue_shown,
    type_first_clerk,
)
from tests.helpers.qt_keys import press, type_text
from workstation.settings import load_local_settings

LOGIN = "lan"
FULL_NAME = "Nguyễn Thị Lan"
PASSPHRASE = "trống đồng Đông Sơn"


@pytest.fixture
def program(tmp_path: Path) -> Iterator[DeskProgram]:
    with desk_program(tmp_path / "data") as built:
        yield built


def _complete_the_wizard(qtbot, wizard: FirstRunWizard) -> None:
    choose_hoan_kiem(qtbot, wizard)
    assert wizard.currentPage() is wizard.office_page  # the agency id comes prefilled from the official codes
    next_page(qtbot, wizard)
    type_first_clerk(qtbot, wizard, LOGIN, FULL_NAME, PASSPHRASE)
    recovery = wizard.recovery_page
    assert wizard.currentPage() is recovery
    qtbot.mouseClick(recovery.skip, Qt.MouseButton.LeftButton, pos=recovery.skip.rect().bottomLeft())
    assert recovery.skip.isChecked() and recovery.isComplete()
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.enrol_page
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.finish_page
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def test_after_the_first_run_wizard_the_clerk_locks_and_unlocks(qtbot, program: DeskProgram) -> None:
    desk = program.controller
    qtbot.waitUntil(lambda: desk.wizard is not None and desk.wizard.isVisible(), timeout=20_000)
    assert desk.wizard is not None
    _complete_the_wizard(qtbot, desk.wizard)
    qtbot.waitUntil(lambda: desk.queue is not None and desk.window is not None, timeout=30_000)
    window, queue = desk.window, desk.queue
    assert window is not None and queue is not None
    qtbot.waitUntil(lambda: queue_shown(window) and window.central.currentWidget() is window.empty)
    assert FULL_NAME in window.clerk_label.text() and "Phường Hoàn Kiếm" in window.empty.commune.text()
    qtbot.waitUntil(  # the commune, kept in the plain file too (practice mode reads it there)
        lambda: (
            getattr(load_local_settings(desk.locations.settings_file).commune, "commune_name", None)
            == "Phường Hoàn Kiếm"
        ),
        timeout=5_000,
    )

    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # the clerk steps away
    screen = desk.unlock_screen
    qtbot.waitUntil(lambda: desk.is_locked and screen.isVisible(), timeout=5_000)
    assert not window.isVisible()
    assert screen.login.currentText() == LOGIN

    screen.passphrase.setFocus()
    type_text(screen.passphrase, PASSPHRASE)
    with qtbot.waitSignal(queue.counts_changed, timeout=20_000) as counted:  # the queue is read again
        press(screen.passphrase, Qt.Key.Key_Return)
    assert counted.args is not None and counted.args[0].get("all") == 0
    qtbot.waitUntil(lambda: not desk.is_locked and queue_shown(window), timeout=20_000)
    assert not screen.isVisible() and screen.message.text() == ""
    assert desk.queue is queue and window.queue is queue
    assert desk.session is not None and desk.session.clerk.login == LOGIN

    # and again: the second lock and unlock of the day work too
    window.action_lock.trigger()
    assert desk.is_locked and not window.isVisible()
    type_text(screen.passphrase, PASSPHRASE)
    press(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not desk.is_locked and queue_shown(window), timeout=20_000)
