"""The main window frame and the settings: language switched live, font size app-wide, auto-lock saved."""

from __future__ import annotations

import json

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow
from desktop.settings_dialog import DeskPreferences, SettingsDialog
from tests.helpers.desk_driver import running_desk, unlock
from tests.helpers.workstations import Clock
from workstation.settings import LocalSettings, read_site_settings


def _open(qtbot, desk) -> None:
    desk.start()
    unlock(qtbot, desk)
    qtbot.waitUntil(lambda: desk.window is not None and desk.window.isVisible(), timeout=20_000)


def test_main_window_frame(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _open(qtbot, desk)
        window = desk.window
        assert window.sync_status.text() == "Chưa kết nối máy chủ tỉnh"
        qtbot.waitUntil(lambda: desk.screens is not None, timeout=20_000)  # they attach after the unlock
        button = window.empty.new_dossier
        assert button.text() == "Tiếp nhận hồ sơ mới (F2)" and button.isEnabled() and button.toolTip() == ""
        assert window.action_new.isEnabled() and window.action_new.shortcut().toString() == "F2"
        assert "Phường Hoàn Kiếm" in window.empty.commune.text()
        shortcuts = {a.shortcut().toString() for a in window.findChildren(type(window.action_lock))}
        assert {"F1", "F2", "Ctrl+L", "Ctrl+Shift+L", "Ctrl+,", "Ctrl+Q"} <= shortcuts
        assert [
            m.title() for m in (window.menu_desk, window.menu_dossiers, window.menu_tools, window.menu_help)
        ] == [
            "&Hệ thống",
            "Hồ &sơ",
            "&Công cụ",
            "&Trợ giúp",
        ]


def test_new_dossier_waits_for_the_screens(qtbot) -> None:
    """Before the dossier screens attach, F2 and the empty state's button are off and say why."""
    window = MainWindow()
    qtbot.addWidget(window)
    button = window.empty.new_dossier
    assert not button.isEnabled() and button.toolTip() == "Available when the dossier screens land"
    assert not window.action_new.isEnabled()
    window.set_new_dossier_available(True)
    assert button.isEnabled() and button.toolTip() == "" and window.action_new.isEnabled()


def test_language_switch_retranslates_visible_and_hidden_screens(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _open(qtbot, desk)
        window = desk.window
        dialog = desk.open_settings()
        assert dialog.labels[0].text() == "&Ngôn ngữ:"
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        with qtbot.waitSignal(desk.preferences_applied, timeout=10_000):
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: window.sync_status.text() == "Not connected to the provincial server")
        assert window.empty.new_dossier.text() == "Receive a new dossier (F2)"
        assert window.menu_desk.title() == "&Desk"
        # the hidden unlock screen gets its LanguageChange from the event queue too, maybe a moment later
        qtbot.waitUntil(lambda: desk.unlock_screen.unlock_button.text() == "&Unlock")
        qtbot.waitUntil(lambda: (data_dir / "workstation.json").exists())
        assert json.loads((data_dir / "workstation.json").read_text())["language"] == "en"
        desk.apply_preferences(DeskPreferences("vi", desk.local.font_points, 1))
        qtbot.waitUntil(lambda: window.sync_status.text() == "Chưa kết nối máy chủ tỉnh")


def test_font_size_applies_app_wide_and_is_kept(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _open(qtbot, desk)
        desk.apply_preferences(DeskPreferences("vi", 16, 1))
        assert QApplication.font().pointSize() == 16
        qtbot.waitUntil(lambda: desk.window.sync_status.font().pointSize() == 16)
        qtbot.waitUntil(lambda: desk.unlock_screen.passphrase.font().pointSize() == 16)
        qtbot.waitUntil(lambda: desk.background.pending == 0)  # the unlock already wrote the file (commune)
        assert json.loads((data_dir / "workstation.json").read_text())["font_points"] == 16
    with running_desk(data_dir, clock) as again:  # the next start reads it before unlocking
        again.start()
        qtbot.waitUntil(lambda: again.unlock_screen.isVisible())
        assert QApplication.font().pointSize() == 16


def test_auto_lock_minutes_are_saved_in_the_store(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _open(qtbot, desk)
        desk.apply_preferences(DeskPreferences("vi", desk.local.font_points, 7))
        assert desk.idle.timeout_ms == 7 * 60_000
        store = desk.session.store

        def saved() -> int | None:
            with store.reader() as conn:
                site = read_site_settings(conn)
            return site.auto_lock_minutes if site else None

        qtbot.waitUntil(lambda: saved() == 7)


def test_settings_dialog_offers_both_languages_and_limits(qtbot) -> None:
    dialog = SettingsDialog(DeskPreferences("vi", 11, 10))
    qtbot.addWidget(dialog)
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == ["Tiếng Việt", "English"]
    dialog.font_points.setValue(99)
    dialog.auto_lock.setValue(0)
    with qtbot.waitSignal(dialog.chosen) as blocker:
        dialog.accept()
    assert blocker.args[0] == DeskPreferences("vi", 24, 1)


def test_main_window_alone(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_site("Xã Đông Sơn", "Tỉnh Thanh Hoá")
    window.set_clerk("lan", None)
    assert window.windowTitle().endswith("Xã Đông Sơn") and window.clerk_label.text().endswith("lan")
    with qtbot.waitSignal(window.lock_requested):
        window.action_lock.trigger()
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.lock_requested):
        qtbot.keyClick(window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_window_geometry_is_restored_after_restart(qtbot, workstation, clock: Clock) -> None:
    data_dir, _ = workstation
    with running_desk(data_dir, clock) as desk:
        _open(qtbot, desk)
        qtbot.waitUntil(lambda: desk.queue is not None)
        desk.window.setGeometry(QRect(40, 30, 1180, 660))
        qtbot.waitUntil(lambda: desk.window.geometry().size() == QSize(1180, 660))
        placed = desk.window.geometry()
        desk.quit()  # the clerk quits (Ctrl+Q): the window's place is kept in the plain settings file
    saved = json.loads((data_dir / "workstation.json").read_text())
    assert set(saved) >= {"window_geometry", "language", "font_points"}
    with running_desk(data_dir, clock) as again:
        _open(qtbot, again)
        qtbot.waitUntil(lambda: again.queue is not None)
        assert again.window.geometry() == placed
    assert LocalSettings.from_json(json.dumps({**saved, "window_geometry": "é" * 9})).window_geometry is None
