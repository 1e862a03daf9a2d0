"""The province's catalogue and fee table reach a commune desk through its sync, and the PC clock is checked
against the server's (issue 12), through the desk as ``desktop.app.build()`` makes it and a live server on
127.0.0.1.

IT imports the province's spreadsheet with the server's admin command; the clerk presses F9 (Sync now); the
status area names the catalogue and fee table in use, and the fee the New dossier window computes is the
commune's amount. A newer fee table that arrives while a reception is typed waits until that window closes.
A desk whose clock runs 12 minutes ahead of the server's tells the clerk so, in words; ``motcua info`` shows
the offset measured at the last contact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.__main__ import main as motcua
from desktop.app import DeskController
from desktop.new_dossier import NewDossierDialog
from server.cli import main as server_cli
from tests.helpers.catalogue_sheets import catalogue_workbook
from tests.helpers.enrolled_desks import HOAN_KIEM, PASS, it_enrol, new_desk
from tests.helpers.journey_steps import click, desk_program, shortcut, unlock_as
from tests.helpers.qt_keys import press, type_text
from tests.server.conftest import Province
from workstation.settings import LocalSettings, resolve_locations, save_local_settings

MARITAL_STATUS = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: a fee the province sets
CARD_QR = "001090123456|012345678|Nguyễn Văn Đức|01011990|Nam|Số 1 Hàng Bạc, Hoàn Kiếm, Hà Nội|15082021"


def _import_sheet(province: Province, folder: Path, version: int, fees: list) -> str:
    """Provincial IT: ``python -m server.cli import-catalogue FILE.xlsx`` on the server's own settings."""
    sheet = folder / f"thu-tuc-v{version}.xlsx"
    sheet.write_bytes(catalogue_workbook(fees=fees))
    out, err = io.StringIO(), io.StringIO()
    status = server_cli(
        [
            "--config",
            str(province.config),
            "import-catalogue",
            str(sheet),
            "--version",
            str(version),
            "--publisher",
            "Sở Tư pháp Thành phố Hà Nội",
        ],
        stdout=out,
        stderr=err,
        now=province.clock.now,
    )
    assert status == 0, err.getvalue()
    return out.getvalue()


def _open_reception(qtbot, desk: DeskController) -> NewDossierDialog:
    """F2, the procedure typed by its code, Enter: the New dossier window with the fee computed."""
    shortcut(qtbot, desk.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: any(isinstance(w, NewDossierDialog) and w.isVisible() for w in _tops()))
    [dialog] = [w for w in _tops() if isinstance(w, NewDossierDialog) and w.isVisible()]
    qtbot.waitUntil(dialog.picker.search.hasFocus)
    type_text(dialog.picker.search, MARITAL_STATUS)
    press(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.procedure is not None and dialog.procedure.code == MARITAL_STATUS
    qtbot.waitUntil(lambda: bool(dialog.fee.text()), timeout=10_000)
    return dialog


def _tops() -> list:
    return list(QApplication.topLevelWidgets())


def _close(qtbot, dialog: NewDossierDialog) -> None:
    """Esc, and Discard when the window asks whether to lose what was typed."""
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.discard_box is not None and dialog.discard_box.isVisible())
    click(qtbot, dialog.discard_box.button(QMessageBox.StandardButton.Discard))
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _receive(qtbot, dialog: NewDossierDialog) -> None:
    """The ID card's QR, the phone and marital status typed, the required papers ticked, F10."""
    type_text(dialog.applicant.scan, CARD_QR)
    press(dialog.applicant.scan, Qt.Key.Key_Return)
    type_text(dialog.applicant.edits["phone"], "0912345678")
    type_text(dialog.applicant.edits["marital_status"], "Chưa kết hôn")
    shortcut(qtbot, dialog, Qt.Key.Key_F5)
    checklist = dialog.checklist.list
    for document in dialog.procedure.documents:
        if document.required:
            press(checklist, Qt.Key.Key_Space)
        press(checklist, Qt.Key.Key_Down)
    assert not dialog.checklist.missing_required()
    shortcut(qtbot, dialog, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.dossier is not None, timeout=20_000)
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None and dialog.preview_dialog.isVisible())
    press(dialog.preview_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.preview_dialog.isVisible())
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _offset(info: str) -> float:
    """The seconds ``motcua info`` gives as the clock offset at the last contact."""
    [found] = re.findall(r"clock offset: +([-+][0-9.]+) s \(this PC minus the server\)", info)
    return float(found)


def reference_read_after_sync(desk: DeskController) -> bool:
    """The sync ended and the status area has read what it brought."""
    screens = desk.screens
    return (
        screens is not None
        and not screens.sync.busy
        and screens.sync.status.last_sync is not None
        and desk.background.pending == 0
    )


def _info(data: Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert motcua(["info", "--data-dir", str(data)]) == 0
    return out.getvalue()


def test_a_published_catalogue_and_fee_table_reach_the_desk_and_change_its_fee(
    qtbot, tmp_path: Path, province: Province
) -> None:
    data = new_desk(tmp_path, "desk", province.clock)
    status, said = it_enrol(data, province, province.code(HOAN_KIEM))
    assert status == 0, said
    with desk_program(data, now=province.clock.now) as program:  # the desk's clock agrees with the server's
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        qtbot.waitUntil(lambda: desk.screens is not None and desk.screens.sync.can_sync, timeout=10_000)
        window, reference = desk.window, desk.screens.reference
        assert reference.version.text() == "Danh mục v1"  # the catalogue shipped with the program

        dialog = _open_reception(qtbot, desk)  # before the province publishes: the clerk must type the fee
        assert "chưa có mức thu" in dialog.fee.text() and dialog.fee_input.isVisible()
        _close(qtbot, dialog)

        said = _import_sheet(
            province, tmp_path, 2, [(MARITAL_STATUS, None, 5_000), (MARITAL_STATUS, HOAN_KIEM, 3_000)]
        )
        assert "catalogue version 2 published (14 procedures)" in said and "fee table version 1" in said
        shortcut(qtbot, window, Qt.Key.Key_F9)  # Sync now
        qtbot.waitUntil(lambda: reference.version.text() == "Danh mục v2", timeout=30_000)
        assert reference.version.toolTip() == "Danh mục thủ tục: phiên bản 2\nBiểu phí của tỉnh: phiên bản 1"
        assert not reference.clock.isVisible()  # the clocks agree: no warning

        dialog = _open_reception(qtbot, desk)
        assert dialog.fee.text() == "Lệ phí: 3.000 đ" and not dialog.fee_input.isVisible()  # Hoàn Kiếm's own

        _import_sheet(
            province, tmp_path, 3, [(MARITAL_STATUS, None, 5_000), (MARITAL_STATUS, HOAN_KIEM, 4_000)]
        )
        desk.screens.sync.sync_now()  # what the auto-sync timer calls (the open window keeps the desk's keys)
        qtbot.waitUntil(lambda: reference.pending is not None, timeout=30_000)
        assert reference.version.text() == "Danh mục v2 (có bản mới đang chờ)"
        assert desk.work.desk.province_fees[MARITAL_STATUS] == 3_000  # not while the reception is typed
        dialog.request_quote()
        qtbot.waitUntil(lambda: dialog.quote is not None and dialog.quote.fee == 3_000)
        _close(qtbot, dialog)
        qtbot.waitUntil(lambda: reference.version.text() == "Danh mục v3")  # now it is in use
        assert reference.version.toolTip() == "Danh mục thủ tục: phiên bản 3\nBiểu phí của tỉnh: phiên bản 2"

        dialog = _open_reception(qtbot, desk)
        assert dialog.fee.text() == "Lệ phí: 4.000 đ"
        _receive(qtbot, dialog)
        assert dialog.dossier is not None and dialog.dossier.fee == 4_000
    with desk_program(data, now=province.clock.now) as program:  # the next morning: in use from the start
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        qtbot.waitUntil(lambda: desk.screens is not None and desk.screens.reference.fee_version == 2)
        assert desk.screens.reference.version.toolTip().endswith("Biểu phí của tỉnh: phiên bản 2")
        assert desk.screens.reference.version.text() == "Danh mục v3"
        assert desk.work.desk.province_fees == {MARITAL_STATUS: 4_000}
        dialog = _open_reception(qtbot, desk)  # a sync that brings nothing new leaves nothing waiting
        desk.screens.sync.sync_now()
        qtbot.waitUntil(lambda: reference_read_after_sync(desk), timeout=30_000)
        assert desk.screens.reference.pending is None
        _close(qtbot, dialog)
    info = _info(data)
    assert "catalogue in use:     3 (received: 3)" in info and "fee table in use:     2 (received: 2)" in info
    assert abs(_offset(info)) < 5 and "warning" not in info  # the frozen test clock: only the session's time


@pytest.mark.parametrize(
    ("language", "ahead", "threshold"), [("vi", True, 5), ("en", False, 5), ("vi", True, 15)]
)
def test_a_desk_whose_clock_is_off_warns_the_clerk_and_info_shows_the_offset(
    qtbot, tmp_path: Path, province: Province, language: str, ahead: bool, threshold: int
) -> None:
    data = new_desk(tmp_path, "desk", province.clock)
    status, said = it_enrol(data, province, province.code(HOAN_KIEM))
    assert status == 0, said
    settings = LocalSettings(language=language, clock_warning_minutes=threshold)  # IT's settings file
    save_local_settings(resolve_locations(data).settings_file, settings)
    sign = 1 if ahead else -1

    def desk_clock() -> dt.datetime:  # the PC's clock, 12 minutes off the server's (passed in, not patched)
        return province.clock.now() + sign * dt.timedelta(minutes=12)

    with desk_program(data, now=desk_clock) as program:
        desk = program.controller
        unlock_as(qtbot, desk, "lan", PASS)
        qtbot.waitUntil(lambda: desk.screens is not None and desk.screens.sync.can_sync, timeout=10_000)
        reference = desk.screens.reference
        assert not reference.clock.isVisible()  # nothing measured yet
        shortcut(qtbot, desk.window, Qt.Key.Key_F9)
        if threshold > 12:  # IT allows 15 minutes: 12 is no reason to worry the clerk
            qtbot.waitUntil(lambda: desk.screens.sync.status.last_sync is not None, timeout=30_000)
            qtbot.waitUntil(lambda: reference.last_contact is not None)  # the measurement was read
            assert not reference.clock.isVisible() and reference.warning is None
        elif language == "vi":
            qtbot.waitUntil(lambda: reference.clock.isVisible(), timeout=30_000)
            assert reference.clock.text() == (
                "Đồng hồ của máy này đang chạy nhanh 12 phút so với máy chủ của tỉnh. Giấy tiếp nhận, ngày "
                "hẹn trả và số hồ sơ dùng đồng hồ này: hãy báo IT chỉnh lại giờ."
            )
        else:
            qtbot.waitUntil(lambda: reference.clock.isVisible(), timeout=30_000)
            assert reference.clock.text() == (
                "This computer's clock is 12 minutes behind the provincial server's. Receipts, appointment "
                "dates and dossier numbers use it: ask IT to set the clock right."
            )
    info = _info(data)
    assert abs(_offset(info) - sign * 720) < 5
    way = "ahead of" if ahead else "behind"
    warning = f"warning:              This computer's clock is 12 minutes {way} the provincial server's"
    assert (warning in info) is (threshold < 12)
