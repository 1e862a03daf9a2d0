"""Grab the desk's screens to PNG, to look at them as a clerk would.

Run ``python -m tests.desktop.make_screenshots docs/screenshots [vi|en]`` (Vietnamese ones are named as the
clerk guide uses them; English ones end in ``-en``). It drives the real desk on a 1366×768 offscreen screen in
a temporary folder: the first-run wizard's pages, the unlock screen (with a wrong-passphrase message),
the main window and the settings dialog.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from tests.helpers.small_screen import SCREEN_HEIGHT, SCREEN_WIDTH, small_screen_platform

# one 1366×768 screen, the commune PCs' usual
os.environ["QT_QPA_PLATFORM"] = small_screen_platform(os.environ.get("QT_QPA_PLATFORM"))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.app import DeskController  # noqa: E402
from tests.helpers.qt_keys import (
    press,
    type_text,  # noqa: E402
)
from tests.helpers.workstations import Clock, ids
from workstation.settings import resolve_locations  # noqa: E402


def wait_until(condition, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the screen did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def settle(seconds: float = 0.2) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def grab(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(path)


def main(out: Path, language: str = "vi") -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == "vi" else f"-{language}"  # docs/screenshots holds the Vietnamese ones
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        desk = DeskController(app, resolve_locations(Path(tmp)), now=clock, new_id=ids().__next__)
        desk.start()
        wait_until(lambda: desk.wizard is not None and desk.wizard.isVisible())
        wizard = desk.wizard
        assert wizard is not None
        if language == "en":
            desk.language.apply("en", None)
        picker = wizard.commune_page.picker
        type_text(picker.province_list.search, "thanh hoa")
        press(picker.province_list.search, Qt.Key.Key_Down)
        type_text(picker.commune_list.search, "dong")
        grab(wizard, out / f"desk-wizard-commune-search{suffix}.png")
        picker.commune_list.search.clear()
        type_text(picker.commune_list.search, "đông sơn")
        grab(wizard, out / f"desk-wizard-commune{suffix}.png")
        wizard.next()
        wizard.office_page.saturday.setChecked(True)
        grab(wizard, out / f"desk-wizard-office{suffix}.png")
        wizard.next()
        clerk = wizard.clerk_page
        type_text(clerk.login, "lan")
        type_text(clerk.full_name, "Nguyễn Thị Lan")
        type_text(clerk.passphrase, "ngắn")
        type_text(clerk.repeat, "ngắn")
        wizard.next()
        grab(wizard, out / f"desk-wizard-clerk{suffix}.png")
        clerk.passphrase.clear()
        type_text(clerk.passphrase, "trống đồng Đông Sơn")
        type_text(clerk.repeat, "trống đồng Đông Sơn")
        wizard.next()
        wizard.recovery_page.skip.setChecked(True)
        grab(wizard, out / f"desk-wizard-recovery{suffix}.png")
        wizard.next()
        grab(wizard, out / f"desk-wizard-enrol{suffix}.png")
        wizard.next()
        grab(wizard, out / f"desk-wizard-finish{suffix}.png")
        wizard.button(QWizard.WizardButton.FinishButton).click()
        grab(wizard, out / f"desk-wizard-creating{suffix}.png")
        wait_until(lambda: desk.window is not None and desk.window.isVisible())
        window = desk.window
        assert window is not None
        window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
        grab(window, out / f"desk-main{suffix}.png")
        dialog = desk.open_settings()
        grab(dialog, out / f"desk-settings{suffix}.png")
        dialog.reject()
        desk.lock()
        screen = desk.unlock_screen
        wait_until(lambda: screen.isVisible())
        grab(screen, out / f"desk-locked{suffix}.png")
        type_text(screen.passphrase, "sai rồi")
        screen.submit()
        wait_until(lambda: screen.waiting_seconds > 0)
        screen.help_toggle.setChecked(True)
        grab(screen, out / f"desk-unlock{suffix}.png")
        desk.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"), *(sys.argv[2:3] or ["vi"]))
