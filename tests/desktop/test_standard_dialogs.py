"""Qt's standard dialogs and buttons speak Vietnamese: Qt ships no Vietnamese catalogue of its own, so the
desk's (``resources/translations/qtbase_vi.ts``, compiled into ``motcua_vi.qm``) holds the strings it shows,
and the desk uses Qt's own dialogs, never the system's."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
)

from desktop.app import DeskController
from desktop.language import qt_ts_path
from workstation.settings import resolve_locations

Button = QMessageBox.StandardButton


def test_the_desk_uses_qt_dialogs_not_the_systems(qapp, tmp_path: Path) -> None:
    desk = DeskController(qapp, resolve_locations(tmp_path))
    try:
        assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    finally:
        desk.shutdown()
        desk.unlock_screen.deleteLater()
        desk.deleteLater()


def test_message_box_buttons_are_vietnamese(qtbot, vietnamese) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "motcua",
        "?",
        Button.Yes | Button.No | Button.Ok | Button.Cancel | Button.Save | Button.Open | Button.Close,
    )
    qtbot.addWidget(box)
    texts = {b: box.button(b).text() for b in (Button.Yes, Button.No, Button.Ok, Button.Cancel)}
    assert texts == {Button.Yes: "&Có", Button.No: "&Không", Button.Ok: "Đồng ý", Button.Cancel: "Hủy"}
    assert box.button(Button.Save).text() == "Lưu" and box.button(Button.Open).text() == "Mở"
    assert box.button(Button.Close).text() == "Đóng"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert [b.text() for b in buttons.buttons()] == ["Đồng ý", "Hủy"]


def open_file_dialog(qtbot, folder: Path, mode: QFileDialog.AcceptMode) -> QFileDialog:
    dialog = QFileDialog(None, "motcua", str(folder), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize(
    ("mode", "accept"),
    [(QFileDialog.AcceptMode.AcceptOpen, "&Mở"), (QFileDialog.AcceptMode.AcceptSave, "&Lưu")],
)
def test_file_dialogs_are_vietnamese(qtbot, vietnamese, tmp_path: Path, mode, accept: str) -> None:
    (tmp_path / "ho-so.pdf").write_bytes(b"%PDF-1.4")
    dialog = open_file_dialog(qtbot, tmp_path, mode)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Tìm trong:", "&Tên tệp:", "&Loại tệp:"} <= labels, labels
    buttons = {button.text() for button in dialog.findChildren(QPushButton) if button.isVisible()}
    assert {accept, "Hủy"} <= buttons, buttons
    tips = {button.toolTip() for button in dialog.findChildren(QToolButton)}
    assert {"Quay lại", "Thư mục cha", "Tạo thư mục mới"} <= tips, tips
    header = dialog.findChild(QTreeView).header()
    columns = [header.model().headerData(n, Qt.Orientation.Horizontal) for n in range(header.count())]
    assert columns[:2] == ["Tên", "Cỡ"], columns
    dialog.reject()


class Recorder(QTranslator):
    """Notes which of Qt's strings a dialog asks to translate."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201 (Qt's signature)
        self.asked.add((context, source))
        return ""

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False


def test_every_qt_string_a_dialog_shows_has_a_vietnamese_translation(qtbot, qapp, tmp_path: Path) -> None:
    translated = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(qt_ts_path("vi")).iter("context")
        for message in context.iter("message")
        if message.findtext("translation")
    }
    recorder = Recorder()
    qapp.installTranslator(recorder)
    try:
        for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
            open_file_dialog(qtbot, tmp_path, mode).reject()
        preview = QPrintPreviewDialog()  # the forms' print preview (Mẫu 01, 02, 04, 06)
        qtbot.addWidget(preview)
        preview.open()
        qtbot.waitExposed(preview)
        preview.reject()
        line = QLineEdit()  # a text field's right-click menu
        qtbot.addWidget(line)
        line.createStandardContextMenu().deleteLater()
        box = QMessageBox(QMessageBox.Icon.Question, "motcua", "?", Button.Yes | Button.No | Button.Cancel)
        qtbot.addWidget(box)
        box.open()
        qtbot.waitExposed(box)
        box.reject()
    finally:
        qapp.removeTranslator(recorder)
    shown = {
        (context, source)
        for context, source in recorder.asked
        if context not in ("QGuiApplication",) and not source.startswith("Alt+")
    }
    assert shown and shown <= translated, sorted(shown - translated)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"  # nothing left installed
