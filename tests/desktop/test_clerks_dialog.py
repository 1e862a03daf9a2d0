"""The Clerks dialog on a real desk (Tools → Clerks): the head clerk adds a clerk who unlocks with her own
passphrase, removes one who then cannot; a clerk who is not head is refused in words."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop.app import DeskController
from desktop.clerks_dialog import ClerksDialog
from tests.helpers.desk_driver import running_desk, unlock
from tests.helpers.qt_keys import type_text
from tests.helpers.workstations import PASSPHRASE, Clock

MINH = "mật khẩu riêng của Minh"


def _unlocked(qtbot, desk: DeskController, login: str, passphrase: str) -> None:
    unlock(qtbot, desk, login, passphrase)
    qtbot.waitUntil(
        lambda: desk.session is not None and desk.session.clerk.login == login and not desk.is_locked,
        timeout=20_000,
    )


def _open_clerks(qtbot, desk: DeskController) -> ClerksDialog:
    assert desk.window is not None
    desk.window.action_clerks.trigger()
    dialog = desk.clerks_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and len(dialog.clerks) > 0, timeout=20_000)
    return dialog


def _rows(dialog: ClerksDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


def _add(qtbot, dialog: ClerksDialog, login: str, name: str, passphrase: str, repeat: str) -> None:
    type_text(dialog.login, login)
    type_text(dialog.full_name, name)
    type_text(dialog.passphrase, passphrase)
    assert dialog.strength.text() in ("Tạm được: mật khẩu dài hơn sẽ an toàn hơn", "Tốt", "Rất tốt")
    type_text(dialog.repeat, repeat)
    dialog.add_button.click()


def _logins(desk: DeskController) -> list[str]:
    box = desk.unlock_screen.login
    return [box.itemText(i) for i in range(box.count())]


def test_the_head_clerk_adds_and_removes_clerks_through_the_dialog(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        desk.start()
        _unlocked(qtbot, desk, "lan", PASSPHRASE)
        dialog = _open_clerks(qtbot, desk)
        assert dialog.windowTitle() == "Cán bộ của bàn làm việc này"
        assert _rows(dialog) == [("Nguyễn Thị Lan", "lan", "Cán bộ phụ trách")]
        assert dialog.add_box.isEnabled()
        assert desk.open_clerks() is dialog  # Ctrl+Shift+K again: the same dialog, raised

        _add(qtbot, dialog, "minh", "Võ Văn Minh", MINH, "khác hẳn")  # typed twice, not the same
        assert dialog.message.text() == "Hai mật khẩu không giống nhau. Hãy nhập lại."
        dialog.repeat.clear()
        type_text(dialog.repeat, MINH)
        dialog.add_button.click()
        qtbot.waitUntil(lambda: len(dialog.clerks) == 2 and not dialog.busy, timeout=20_000)
        assert _rows(dialog)[1] == ("Võ Văn Minh", "minh", "Cán bộ")
        assert "Đã thêm Võ Văn Minh (minh)" in dialog.done_message.text()
        assert dialog.passphrase.text() == dialog.repeat.text() == ""

        type_text(dialog.login, "hoa")
        type_text(dialog.full_name, "Trần Thị Hoa")
        type_text(dialog.passphrase, "mật khẩu của Hoa")
        type_text(dialog.repeat, "mật khẩu của Hoa")
        dialog.add_button.click()
        qtbot.waitUntil(lambda: len(dialog.clerks) == 3 and not dialog.busy, timeout=20_000)
        if os.environ.get("MOTCUA_SCREENSHOTS"):
            dialog.grab().save(
                str(Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "desk-clerks.png")
            )

        dialog.table.selectRow(0)  # herself: refused in words
        dialog.ask_to_remove()
        assert dialog.message.text().startswith("Bạn không thể tự xoá tài khoản của mình")
        dialog.table.selectRow(2)
        dialog.remove_button.click()
        box = dialog.confirm_box
        assert box is not None and "Trần Thị Hoa (hoa)" in box.text()
        remove = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        remove.click()
        qtbot.waitUntil(lambda: len(dialog.clerks) == 2 and not dialog.busy, timeout=20_000)
        assert "motcua rotate-key" in dialog.done_message.text()
        dialog.reject()

        desk.lock()
        qtbot.waitUntil(lambda: _logins(desk) == ["lan", "minh"], timeout=20_000)
        _unlocked(qtbot, desk, "minh", MINH)  # the new clerk, with her own passphrase
        assert "Võ Văn Minh" in desk.window.clerk_label.text()

        dialog = _open_clerks(qtbot, desk)  # not a head clerk: refused in words, nothing to press
        assert dialog.message.text() == "Chỉ cán bộ phụ trách mới được thêm hoặc xoá cán bộ."
        assert not dialog.add_box.isEnabled() and not dialog.remove_button.isEnabled()
        dialog.reject()

        desk.lock()
        unlock(qtbot, desk, "hoa", "mật khẩu của Hoa")  # removed: she cannot
        screen = desk.unlock_screen
        qtbot.waitUntil(lambda: "Sai tên đăng nhập hoặc mật khẩu" in screen.message.text(), timeout=20_000)
        clock.advance(5)
        qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=5_000)
        _unlocked(qtbot, desk, "lan", PASSPHRASE)  # the head clerk still can
