"""Steps that journey tests share: the desk program as ``desktop.app.run()`` builds it, the wizard's Next
button, the queue on screen, answering a file dialog by typing its file name, unlocking as a clerk, and
reading a printed PDF back with poppler."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QWidget, QWizard
from pytestqt.exceptions import TimeoutError  # noqa: A004 - pytest-qt's own

from desktop.app import DeskController, DeskProgram, build
from desktop.first_run_wizard import FirstRunWizard
from desktop.main_window import MainWindow
from resources import use_reference_data
from sync.log_redaction import reset_logging
from tests.helpers.desk_driver import close_desk
from tests.helpers.qt_keys import press, type_text


@contextmanager
def desk_program(data_dir: Path, now: Callable[[], datetime] | None = None) -> Iterator[DeskProgram]:
    """``build()`` on ``data_dir`` (what ``run()`` executes, minus ``app.exec()``), closed down afterwards;
    ``now`` is the desk's clock (the PC's by default)."""
    app = QApplication.instance()
    font = app.font() if isinstance(app, QApplication) else None
    built = build(["motcua"], data_dir=data_dir) if now is None else build(["motcua"], data_dir, now=now)
    try:
        yield built
    finally:
        close_desk(built.controller)
        built.close_logs()
        reset_logging()
        use_reference_data(None)  # build() put this desk's reference data in use: the next test's is its own
        if font is not None:
            built.app.setFont(font)


def next_page(qtbot, wizard: QWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def choose_hoan_kiem(qtbot, wizard: FirstRunWizard) -> None:
    """Step 1: Hà Nội typed without diacritics, Down, then the commune: Phường Hoàn Kiếm; Next."""
    picker = wizard.commune_page.picker
    type_text(picker.province_list.search, "ha noi")
    press(picker.province_list.search, Qt.Key.Key_Down)
    type_text(picker.commune_list.search, "hoàn kiếm")
    assert picker.commune_list.visible_names() == ["Phường Hoàn Kiếm"]
    next_page(qtbot, wizard)


def type_first_clerk(qtbot, wizard: FirstRunWizard, login: str, full_name: str, passphrase: str) -> None:
    """Step 3: the first clerk's login, full name and passphrase (twice); Next."""
    clerk = wizard.clerk_page
    assert wizard.currentPage() is clerk
    type_text(clerk.login, login)
    type_text(clerk.full_name, full_name)
    type_text(clerk.passphrase, passphrase)
    type_text(clerk.repeat, passphrase)
    next_page(qtbot, wizard)


def queue_shown(window: MainWindow) -> bool:
    """The queue screen: the queue, or, while the store holds no dossier, its empty state for the commune."""
    return (
        window.isVisible()
        and window.queue is not None
        and window.central.currentWidget() in (window.queue, window.empty)
        and window.central.currentWidget().isVisible()
    )


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def shortcut(qtbot, widget: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A shortcut as the clerk presses it, on the window that has the keyboard."""
    dismiss_popups()
    for _ in range(15):  # a window closing meanwhile (a dialog, a preview) may take the activation: again
        widget.activateWindow()
        try:
            qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=1_000)
            break
        except TimeoutError:
            continue
    assert QApplication.activeWindow() is widget.window(), "the window never got the keyboard"
    target = QApplication.focusWidget()
    if target is None or target.window() is not widget.window() or not target.isVisible():
        target = widget
    qtbot.keyClick(target, key, modifiers)


def dismiss_popups() -> None:
    """Esc on any popup list still open (a file name completer's), as a clerk would close it."""
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.windowType() == Qt.WindowType.Popup:
            press(widget, Qt.Key.Key_Escape)


class FileDialogAnswer(QObject):
    """Waits for a Qt file dialog to show (opened with ``open()`` or a static ``get…FileName`` running its
    own event loop), types ``path`` in its file name box and clicks its Open/Save button.

    One step per tick, as a clerk does: the name typed again if the dialog changed it (it selects a file
    once its folder is read), the completer's list closed (it would take the click), then the click. After
    :data:`GIVE_UP_TICKS` the dialog is cancelled, so a test fails instead of waiting in its event loop.
    """

    GIVE_UP_TICKS = 400  # 20 s

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.answered: QFileDialog | None = None
        self.gave_up = False
        self._ticks = 0
        self._after = 0
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        dialog = self.answered
        if dialog is None:
            dialog = next(
                (w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()),
                None,
            )
            if dialog is None:
                return
            self.answered = dialog
        if not shiboken6.isValid(dialog) or not dialog.isVisible():  # a static dialog is deleted at once
            self._after += 1
            dismiss_popups()  # the name box's completer may still list files once its folder is read
            if self._after > 40:
                self._timer.stop()
            return
        self._ticks += 1
        if self._ticks > self.GIVE_UP_TICKS:
            self.gave_up = True
            dialog.reject()
            return
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None, "not Qt's own file dialog"
        completer = name.completer()
        if completer is not None and completer.popup().isVisible():
            press(completer.popup(), Qt.Key.Key_Escape)
            return
        if name.text() != str(self.path):
            name.setFocus()
            name.selectAll()
            press(name, Qt.Key.Key_Delete)
            type_text(name, str(self.path))
            return  # the click comes at a later tick, once the completer has had its say
        box = dialog.findChild(QDialogButtonBox, "buttonBox")
        accept = box.button(QDialogButtonBox.StandardButton.Open) or box.button(
            QDialogButtonBox.StandardButton.Save
        )
        if not accept.isEnabled():  # typed before the dialog had read the folder: type the name again
            name.setFocus()
            name.selectAll()
            press(name, Qt.Key.Key_Delete)
            return
        accept.setFocus()  # as after Tab: the completer no longer lists files for the name box
        QTest.mouseClick(accept, Qt.MouseButton.LeftButton)


def unlock_as(qtbot, desk: DeskController, login: str, passphrase: str) -> None:
    """Type the login and passphrase on the unlock screen and press Enter; waits for the queue."""
    screen = desk.unlock_screen
    qtbot.waitUntil(lambda: screen.isVisible() and screen.login.isEnabled(), timeout=10_000)
    edit = screen.login.lineEdit()
    edit.setFocus()
    edit.selectAll()
    press(edit, Qt.Key.Key_Delete)
    type_text(edit, login)
    screen.passphrase.setFocus()
    type_text(screen.passphrase, passphrase)
    press(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            not desk.is_locked
            and desk.session is not None
            and desk.session.clerk.login == login
            and desk.window is not None
            and queue_shown(desk.window)
        ),
        timeout=30_000,
    )


def pdf_pages(path: Path) -> int:
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60)
    [pages] = [line.split(":", 1)[1] for line in result.stdout.splitlines() if line.startswith("Pages:")]
    return int(pages)


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout
