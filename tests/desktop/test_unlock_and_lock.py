"""Unlock on start (right, wrong, backoff), auto-lock after idle time, parked dialogs, switching clerk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.idle_lock import IdleWatcher
from sync.keys import add_clerk
from sync.unlock_backoff import UnlockBackoff
from tests.helpers.desk_driver import running_desk, unlock
from tests.helpers.qt_keys import type_text
from tests.helpers.workstations import Clock
from workstation.opening import DeskSession
from workstation.store_lock import StoreInUse, StoreLock


def _start(qtbot, desk) -> None:
    desk.start()
    qtbot.waitUntil(lambda: desk.unlock_screen.isVisible())


def test_unlock_right_passphrase_opens_the_main_window(qtbot, workstation, clock: Clock) -> None:
    data_dir, created = workstation
    with running_desk(data_dir, clock) as desk:
        _start(qtbot, desk)
        screen = desk.unlock_screen
        assert [screen.login.itemText(i) for i in range(screen.login.count())] == ["lan"]
        assert screen.unlock_button.text() == "&Mở khoá"
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible(), timeout=20_000)
        assert not screen.isVisible()
        assert desk.session is not None and desk.session.clerk == created.clerk
        assert "Nguyễn Thị Lan" in desk.window.clerk_label.text()
        assert desk.window.windowTitle().endswith("Phường Hoàn Kiếm")
        assert screen.passphrase.text() == ""


def test_wrong_passphrase_is_said_clearly_and_waits(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _start(qtbot, desk)
        screen = desk.unlock_screen
        unlock(qtbot, desk, passphrase="sai mật khẩu")
        qtbot.waitUntil(lambda: "Sai tên đăng nhập hoặc mật khẩu" in screen.message.text(), timeout=20_000)
        assert desk.session is None and not (desk.window and desk.window.isVisible())
        assert screen.waiting_seconds == 1 and "1 giây" in screen.message.text()
        assert not screen.unlock_button.isEnabled()
        screen.submit()  # refused while waiting: nothing runs
        assert not screen.busy
        clock.advance(5)
        qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=5_000)
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: desk.session is not None, timeout=20_000)


def test_backoff_counts_down(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    backoff = UnlockBackoff.beside(data_dir / "store" / "store.key", clock)
    for _ in range(3):
        backoff.record_failure()  # the next try is allowed in 4 seconds
    with running_desk(data_dir, clock) as desk:
        _start(qtbot, desk)
        screen = desk.unlock_screen
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: "thử lại sau 4 giây" in screen.message.text(), timeout=20_000)
        assert "Nhập sai quá nhiều lần" in screen.message.text()
        assert not screen.unlock_button.isEnabled() and not screen.passphrase.isEnabled()
        qtbot.waitUntil(lambda: "thử lại sau 3 giây" in screen.message.text(), timeout=5_000)
        assert desk.session is None


def test_empty_fields_are_asked_for(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _start(qtbot, desk)
        desk.unlock_screen.submit()
        assert desk.unlock_screen.message.text() == "Hãy nhập tên đăng nhập và mật khẩu."
        assert not desk.unlock_screen.busy


def test_auto_lock_hides_data_and_keeps_open_dialogs(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation  # the site locks after 1 "minute": 400 ms here
    with running_desk(data_dir, clock, idle_unit_ms=400) as desk:
        _start(qtbot, desk)
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible(), timeout=20_000)
        dialog = desk.open_settings()
        dialog.font_points.setValue(15)  # unsaved input in an open dialog
        qtbot.waitUntil(lambda: desk.is_locked, timeout=10_000)
        assert not desk.window.isVisible() and not dialog.isVisible()
        screen = desk.unlock_screen
        assert screen.isVisible() and screen.login.currentText() == "lan"
        assert "Máy đã khoá" in screen.subheading.text()
        assert not desk.idle.active
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: not desk.is_locked and dialog.isVisible(), timeout=20_000)
        assert desk.window.isVisible() and dialog.font_points.value() == 15
        assert desk.idle.active


def test_idle_watcher_restarts_on_input(qtbot) -> None:
    app = QApplication.instance()
    field = QLineEdit()
    qtbot.addWidget(field)
    watcher = IdleWatcher(app, 1_500)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start()
    try:
        for _ in range(12):  # 2.4 s of typing, a key every 0.2 s: never idle for 1.5 s
            qtbot.wait(200)
            QApplication.sendEvent(
                field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
            )
        assert fired == []
        qtbot.waitUntil(lambda: fired == [True], timeout=10_000)
    finally:
        watcher.stop()
    assert not watcher.active


def test_lock_shortcut_and_switch_clerk(qtbot, workstation, clock: Clock) -> None:
    data_dir, created = workstation
    add_clerk(
        data_dir / "store" / "store.key", created.store.data_key, login="minh", passphrase="mật khẩu của Minh"
    )
    with running_desk(data_dir, clock) as desk:
        _start(qtbot, desk)
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible(), timeout=20_000)
        window = desk.window
        qtbot.waitUntil(lambda: desk.work is not None, timeout=20_000)
        assert desk.work.desk.clerk_name == "Nguyễn Thị Lan"
        assert window.action_lock.shortcut().toString() == "Ctrl+L"
        lan_dialog = desk.open_settings()
        window.action_switch.trigger()
        assert desk.is_locked and not lan_dialog.isVisible()
        screen = desk.unlock_screen
        assert screen.login.currentText() == "" and screen.login.count() == 2
        unlock(qtbot, desk, "minh", "mật khẩu của Minh")
        qtbot.waitUntil(lambda: not desk.is_locked, timeout=20_000)
        session: DeskSession | None = desk.session
        assert session is not None and session.clerk.login == "minh"
        assert "minh" in window.clerk_label.text()
        # what the desk records and prints from now on is Minh's (who has no full name), not Lan's
        assert desk.work.desk.clerk == "minh" and desk.work.desk.clerk_name == ""
        assert not lan_dialog.isVisible()  # Lan's half-done dialog waits for Lan
        window.action_lock.trigger()
        assert desk.is_locked
        unlock(qtbot, desk)
        qtbot.waitUntil(lambda: not desk.is_locked, timeout=20_000)
        assert lan_dialog.isVisible()
        type_text(screen.passphrase, "x")  # the (hidden) unlock screen keeps no passphrase text afterwards
        screen.passphrase.clear()


def test_the_desk_holds_the_store_until_it_closes_and_says_when_another_program_has_it(
    qtbot, workstation, clock: Clock
) -> None:
    data_dir, _ = workstation
    folder = data_dir / "store"
    with running_desk(data_dir, clock) as desk:
        _start(qtbot, desk)
        with pytest.raises(StoreInUse, match="the motcua desk"):
            StoreLock.acquire(folder, holder="motcua rotate-key")
    with StoreLock.acquire(folder, holder="motcua rotate-key"), running_desk(data_dir, clock) as desk:
        desk.start()
        qtbot.waitUntil(lambda: desk.in_use_message is not None and desk.in_use_message.isVisible())
        text = desk.in_use_message.text()
        assert "motcua đang mở trên máy này" in text and "motcua rotate-key (process" in text
        assert not desk.unlock_screen.isVisible() and desk.wizard is None and desk.store_lock is None
