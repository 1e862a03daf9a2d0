"""A clerk's first day, through the application object ``desktop.app.run()`` builds: the first-run wizard,
Ctrl+L, unlock with the right passphrase, and the queue is there again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from desktop.app import DeskProgram, build
from desktop.first_run_wizard import FirstRunWizard
from desktop.main_window import MainWindow
from sync.log_redaction import reset_logging
from tests.helpers.desk_driver import close_desk
from tests.helpers.qt_keys import press, type_text

LOGIN = "lan"
FULL_NAME = "Nguyễn Thị Lan"
PASSPHRASE = "trống đồng Đông Sơn"


@pytest.fixture
def program(tmp_path: Path) -> Iterator[DeskProgram]:
    app = QApplication.instance()
    font = app.font() if isinstance(app, QApplication) else None
    built = build(["motcua"], data_dir=tmp_path / "data")
    try:
        yield built
    finally:
        close_desk(built.controller)
        built.close_logs()
        reset_logging()
        if font is not None:
            built.app.setFont(font)


def _next(qtbot, wizard: FirstRunWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _complete_the_wizard(qtbot, wizard: FirstRunWizard) -> None:
    picker = wizard.commune_page.picker
    type_text(picker.province_list.search, "ha noi")
    press(picker.province_list.search, Qt.Key.Key_Down)
    type_text(picker.commune_list.search, "hoàn kiếm")
    assert picker.commune_list.visible_names() == ["Phường Hoàn Kiếm"]
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.office_page  # the agency id comes prefilled from the official codes
    _next(qtbot, wizard)
    clerk = wizard.clerk_page
    assert wizard.currentPage() is clerk
    type_text(clerk.login, LOGIN)
    type_text(clerk.full_name, FULL_NAME)
    type_text(clerk.passphrase, PASSPHRASE)
    type_text(clerk.repeat, PASSPHRASE)
    _next(qtbot, wizard)
    recovery = wizard.recovery_page
    assert wizard.currentPage() is recovery
    qtbot.mouseClick(recovery.skip, Qt.MouseButton.LeftButton, pos=recovery.skip.rect().bottomLeft())
    assert recovery.skip.isChecked() and recovery.isComplete()
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.enrol_page
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.finish_page
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def _queue_shown(window: MainWindow) -> bool:
    """The queue screen: the queue, or, while the store holds no dossier, its empty state for the commune."""
    return (
        window.isVisible()
        and window.queue is not None
        and window.central.currentWidget() in (window.queue, window.empty)
        and window.central.currentWidget().isVisible()
    )


def test_after_the_first_run_wizard_the_clerk_locks_and_unlocks(qtbot, program: DeskProgram) -> None:
    desk = program.controller
    qtbot.waitUntil(lambda: desk.wizard is not None and desk.wizard.isVisible(), timeout=20_000)
    assert desk.wizard is not None
    _complete_the_wizard(qtbot, desk.wizard)
    qtbot.waitUntil(lambda: desk.queue is not None and desk.window is not None, timeout=30_000)
    window, queue = desk.window, desk.queue
    assert window is not None and queue is not None
    qtbot.waitUntil(lambda: _queue_shown(window) and window.central.currentWidget() is window.empty)
    assert FULL_NAME in window.clerk_label.text() and "Phường Hoàn Kiếm" in window.empty.commune.text()

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
    qtbot.waitUntil(lambda: not desk.is_locked and _queue_shown(window), timeout=20_000)
    assert not screen.isVisible() and screen.message.text() == ""
    assert desk.queue is queue and window.queue is queue
    assert desk.session is not None and desk.session.clerk.login == LOGIN

    # and again: the second lock and unlock of the day work too
    window.action_lock.trigger()
    assert desk.is_locked and not window.isVisible()
    type_text(screen.passphrase, PASSPHRASE)
    press(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not desk.is_locked and _queue_shown(window), timeout=20_000)
