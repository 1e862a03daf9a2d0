"""The clerk's real day, end to end through the application object ``desktop.app.run()`` builds (issue 11).

First run (commune, opening hours, the head clerk, the province's recovery key), lock and unlock, a second
clerk added and taking the desk, F2: procedure, the ID card's QR typed as a scanner types it, the checklist,
a scan attached, fee and date shown, F10, the printed Mẫu 01 read back; the dossier found in the queue,
corrected, moved through to "result returned", the day's reports; quit, start again, unlock: all still there.
Only widgets are driven (keys, clicks, typed text); state is read to check, never called to make a step.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWizard

from desktop.app import DeskController
from desktop.dossier_page import DossierWindow
from desktop.dossier_page.action_dialog import ActionDialog
from desktop.dossier_page.correction_dialog import CorrectionDialog
from desktop.new_dossier import NewDossierDialog
from desktop.reports import ReportsDialog
from dossiers.dossier_codes import format_code
from dossiers.lifecycle import Action, Status
from dossiers.vietnam_time import VIETNAM_TIME
from sync.keys import generate_recovery_keypair
from tests.helpers.journey_steps import (
    FileDialogAnswer,
    choose_hoan_kiem,
    click,
    desk_program,
    next_page,
    pdf_pages,
    pdf_text,
    queue_shown,
    shortcut,
    type_first_clerk,
    unlock_as,
)
from tests.helpers.qt_keys import press, type_text

HEAD_LOGIN, HEAD_NAME, HEAD_PASS = "lan", "Nguyễn Thị Lan", "trống đồng Đông Sơn"
CLERK_LOGIN, CLERK_NAME, CLERK_PASS = "minh", "Trần Văn Minh", "hoa sen nở giữa đầm"
ID_NUMBER = "001090123456"  # Hà Nội, male, born 1990
ADDRESS = "Số 1 Hàng Bạc, Hoàn Kiếm, Hà Nội"
CARD_QR = f"{ID_NUMBER}|012345678|Nguyễn Văn Đức|01011990|Nam|{ADDRESS}|15082021"
NEW_PHONE = "0987654321"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

pytestmark = pytest.mark.skipif(
    shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None, reason="poppler-utils missing"
)


def _first_run(qtbot, desk: DeskController, recovery_key: Path) -> None:
    qtbot.waitUntil(lambda: desk.wizard is not None and desk.wizard.isVisible(), timeout=20_000)
    wizard = desk.wizard
    assert wizard is not None
    choose_hoan_kiem(qtbot, wizard)

    office = wizard.office_page  # the afternoon closes at 16:30 here; the receipt's item 5 will say so
    assert wizard.currentPage() is office
    qtbot.mouseClick(office.afternoon_from, Qt.MouseButton.LeftButton, pos=QPoint(6, 10))
    for _ in range(2):  # Tab: the minutes, then the closing time's hours, selected
        press(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is office.afternoon_to
    type_text(office.afternoon_to, "1630")
    assert office.afternoon_to.time().toString("HH:mm") == "16:30"
    next_page(qtbot, wizard)

    type_first_clerk(qtbot, wizard, HEAD_LOGIN, HEAD_NAME, HEAD_PASS)

    recovery = wizard.recovery_page  # the province's public key file, chosen in the file dialog
    assert wizard.currentPage() is recovery
    answer = FileDialogAnswer(recovery_key)
    click(qtbot, recovery.choose)
    qtbot.waitUntil(lambda: recovery.isComplete(), timeout=10_000)
    assert answer.answered is not None and recovery.fingerprint
    assert recovery.fingerprint[:16] in recovery.status.text()
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.enrol_page  # enrolment with the province can wait
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.finish_page
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.window is not None and desk.queue is not None, timeout=30_000)
    window = desk.window
    qtbot.waitUntil(lambda: queue_shown(window) and window.central.currentWidget() is window.empty)
    assert HEAD_NAME in window.clerk_label.text()
    assert desk.session is not None and desk.session.site is not None
    assert desk.session.site.recovery_key_fingerprint == recovery.fingerprint
    assert desk.session.site.week[0][-1][1] == dt.time(16, 30)


def _lock_and_unlock(qtbot, desk: DeskController) -> None:
    window = desk.window
    shortcut(qtbot, window, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: desk.is_locked and desk.unlock_screen.isVisible(), timeout=5_000)
    assert not window.isVisible()
    unlock_as(qtbot, desk, HEAD_LOGIN, HEAD_PASS)


def _add_a_clerk(qtbot, desk: DeskController) -> None:
    window = desk.window
    shortcut(qtbot, window, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: desk.clerks_dialog is not None and desk.clerks_dialog.isVisible())
    dialog = desk.clerks_dialog
    qtbot.waitUntil(lambda: dialog.add_box.isEnabled(), timeout=10_000)  # the head clerk may add
    type_text(dialog.login, CLERK_LOGIN)
    type_text(dialog.full_name, CLERK_NAME)
    type_text(dialog.passphrase, CLERK_PASS)
    type_text(dialog.repeat, CLERK_PASS)
    click(qtbot, dialog.add_button)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and not dialog.busy, timeout=30_000)
    names = {dialog.table.item(row, 0).text() for row in range(2)}
    assert names == {HEAD_NAME, CLERK_NAME}
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Close))
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _switch_to_the_clerk(qtbot, desk: DeskController) -> None:
    window = desk.window
    shortcut(qtbot, window, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: desk.is_locked and desk.unlock_screen.isVisible(), timeout=5_000)
    unlock_as(qtbot, desk, CLERK_LOGIN, CLERK_PASS)
    assert CLERK_NAME in window.clerk_label.text()


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _receive(qtbot, desk: DeskController, tmp_path: Path) -> tuple[str, str, Path]:
    """F2 to F10 and the receipt saved as PDF; gives the dossier's id, its code and the PDF."""
    window = desk.window
    shortcut(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: len(_visible(NewDossierDialog)) == 1)
    [dialog] = _visible(NewDossierDialog)
    qtbot.waitUntil(dialog.picker.search.hasFocus)  # the dialog opens ready to type the procedure
    type_text(dialog.picker.search, "khai sinh")
    press(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.procedure is not None and dialog.procedure.code == "1.001193"
    assert dialog.applicant.scan.hasFocus()  # ready for the scanner

    type_text(dialog.applicant.scan, CARD_QR)  # a keyboard-wedge scanner: one key per character, then Enter
    press(dialog.applicant.scan, Qt.Key.Key_Return)
    assert dialog.applicant.edits["full_name"].text() == "Nguyễn Văn Đức"
    assert dialog.applicant.edits["id_number"].text() == ID_NUMBER
    type_text(dialog.applicant.edits["phone"], "0912345678")
    type_text(dialog.applicant.edits["relationship"], "cha")

    shortcut(qtbot, dialog, Qt.Key.Key_F5)  # the checklist: Space ticks, Down moves
    checklist = dialog.checklist.list
    assert checklist.hasFocus()
    required = [row for row, doc in enumerate(dialog.procedure.documents) if doc.required]
    for row in range(checklist.count()):
        if row in required:
            press(checklist, Qt.Key.Key_Space)
        press(checklist, Qt.Key.Key_Down)
    assert not dialog.checklist.missing_required()
    assert "Mẫu 02" not in dialog.primary.text()

    scan_file = tmp_path / "scans" / "giay-chung-sinh.pdf"
    scan_file.parent.mkdir()
    scan_file.write_bytes(b"%PDF-1.4 scanned birth certificate " + b"x" * 4000)
    answer = FileDialogAnswer(scan_file)
    shortcut(qtbot, dialog, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: len(dialog.attachments.attached) == 1, timeout=10_000)
    assert answer.answered is not None
    assert "giay-chung-sinh.pdf" in dialog.attachments.list.item(0).text()

    qtbot.waitUntil(
        lambda: "Hẹn trả" in dialog.appointment.text() and bool(dialog.fee.text()), timeout=10_000
    )
    assert "Lệ phí" in dialog.fee.text()
    appointment_shown = dialog.appointment.text()

    shortcut(qtbot, dialog, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: dialog.dossier is not None, timeout=20_000)
    dossier = dialog.dossier
    code = format_code(dossier.code)
    assert code in dialog.done_label.text()
    assert dossier.appointment is not None and dossier.appointment.strftime("%d/%m/%Y") in appointment_shown
    assert dossier.received_by_name == CLERK_NAME
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None and dialog.preview_dialog.isVisible())
    press(dialog.preview_dialog, Qt.Key.Key_Escape)  # the print preview opened by itself; closed here
    qtbot.waitUntil(lambda: not dialog.preview_dialog.isVisible())

    receipt = tmp_path / "out" / "bien-nhan.pdf"
    receipt.parent.mkdir()
    answer = FileDialogAnswer(receipt)
    click(qtbot, dialog.pdf_button)
    qtbot.waitUntil(lambda: receipt.exists() and receipt.stat().st_size > 1000, timeout=20_000)
    qtbot.waitUntil(lambda: desk.background.pending == 0, timeout=20_000)
    assert dossier.received_at is not None
    received = dossier.received_at.astimezone(VIETNAM_TIME)
    text = pdf_text(receipt)
    copies = len(dialog.form.copies)  # the citizen's and the office's
    assert copies == 2 and pdf_pages(receipt) == copies == text.count("GIẤY TIẾP NHẬN HỒ SƠ")  # a page each
    assert code in text and "Nguyễn Văn Đức" in text
    assert CLERK_NAME in text and not re.search(rf"\b{CLERK_LOGIN}\b", text)  # the full name, never the login
    assert f"{received.hour:02d} giờ {received.minute:02d} phút" in text
    assert "16 giờ 30 phút" in text  # the collection hour: the closing time typed in the wizard
    press(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    return dossier.dossier_id, code, receipt


def _find_and_open(qtbot, desk: DeskController, words: str, code: str) -> DossierWindow:
    """Ctrl+F, the applicant's name typed without diacritics, Down, Enter: the dossier's page."""
    window, queue = desk.window, desk.queue
    assert window is not None and queue is not None
    qtbot.waitUntil(lambda: window.central.currentWidget() is queue, timeout=10_000)
    shortcut(qtbot, window, Qt.Key.Key_F, CTRL)
    assert queue.search.hasFocus()
    type_text(queue.search, words)
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1 and queue.table.isVisible(), timeout=10_000)
    qtbot.waitUntil(  # the row's cells are read in the background, shown as "…" meanwhile
        lambda: any(code in str(queue.model.index(0, c).data()) for c in range(queue.model.columnCount())),
        timeout=10_000,
    )
    press(queue.search, Qt.Key.Key_Down)
    assert queue.table.hasFocus()
    qtbot.waitUntil(lambda: queue.table.currentIndex().isValid())
    press(queue.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_visible(DossierWindow)) == 1)
    [page] = _visible(DossierWindow)
    qtbot.waitUntil(lambda: page.page is not None and code in page.windowTitle(), timeout=10_000)
    return page


def _correct_the_phone(qtbot, page: DossierWindow) -> None:
    assert page.detail_values["phone"].text() == "0912345678"
    shortcut(qtbot, page, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: len(_visible(CorrectionDialog)) == 1)
    [dialog] = _visible(CorrectionDialog)
    dialog.phone.setFocus()
    dialog.phone.selectAll()
    press(dialog.phone, Qt.Key.Key_Delete)
    type_text(dialog.phone, NEW_PHONE)
    dialog.reason.setFocus()
    type_text(dialog.reason, "Công dân báo số điện thoại ghi nhầm")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: page.detail_values["phone"].text() == NEW_PHONE, timeout=10_000)
    assert "Reprint" in page.info.text() or "Mẫu 01" in page.info.text()  # the receipt's reprint is offered


def _act(qtbot, page: DossierWindow, action: Action, target: Status, note: str, handed_to: str = "") -> None:
    """Click the action's button on the page, fill its dialog, Confirm; waits for the new status."""
    qtbot.waitUntil(lambda: action.value in page.action_buttons and not page.busy, timeout=10_000)
    click(qtbot, page.action_buttons[action.value])
    qtbot.waitUntil(lambda: len(_visible(ActionDialog)) == 1)
    [dialog] = _visible(ActionDialog)
    if handed_to:
        assert dialog.handed_to is not None
        dialog.handed_to.setFocus()
        type_text(dialog.handed_to, handed_to)
    dialog.reason.setFocus()
    type_text(dialog.reason, note)
    confirm = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert confirm.text() == "Xác nhận"
    click(qtbot, confirm)
    qtbot.waitUntil(lambda: page.page is not None and page.page.dossier.status is target, timeout=20_000)


def _reports_of_the_day(qtbot, desk: DeskController, code: str, tmp_path: Path) -> None:
    window = desk.window
    shortcut(qtbot, window, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: len(_visible(ReportsDialog)) == 1)
    [reports] = _visible(ReportsDialog)
    click(qtbot, reports.show_button)
    qtbot.waitUntil(
        lambda: reports.data is not None and reports.register_model.rowCount() >= 1, timeout=20_000
    )
    row = [
        reports.register_model.item(0, column).text()
        for column in range(reports.register_model.columnCount())
    ]
    assert code in row and "Nguyễn Văn Đức" in row
    assert row[6], "the return is in the register"
    assert "1" in reports.summary.text()
    register = tmp_path / "out" / "so-theo-doi.pdf"
    answer = FileDialogAnswer(register)
    shortcut(qtbot, reports, Qt.Key.Key_P, CTRL)  # the register as PDF, in the file the clerk names
    qtbot.waitUntil(lambda: register in reports.exports, timeout=20_000)
    assert answer.answered is not None
    squeezed = "".join(pdf_text(register).split())  # the register's narrow columns wrap their cells
    assert code in squeezed and "NguyễnVănĐức" in squeezed
    click(qtbot, reports.close_button)
    qtbot.waitUntil(lambda: not reports.isVisible())


def test_the_clerks_day(qtbot, tmp_path: Path) -> None:
    pair = generate_recovery_keypair()
    recovery_key = tmp_path / "tinh-ha-noi.pem"
    recovery_key.write_bytes(pair.public_pem)
    data = tmp_path / "data"
    with desk_program(data) as program:
        desk = program.controller
        _first_run(qtbot, desk, recovery_key)
        _lock_and_unlock(qtbot, desk)
        _add_a_clerk(qtbot, desk)
        _switch_to_the_clerk(qtbot, desk)
        dossier_id, code, _receipt = _receive(qtbot, desk, tmp_path)
        page = _find_and_open(qtbot, desk, "nguyen van duc", code)
        assert page.dossier_id == dossier_id and page.page.dossier.status is Status.ACCEPTED
        assert page.detail_values["received_by"].text() == CLERK_NAME
        _correct_the_phone(qtbot, page)
        _act(qtbot, page, Action.HAND_OVER, Status.PROCESSING, "Chuyển bộ phận hộ tịch", "Công chức Tư pháp")
        _act(qtbot, page, Action.COMPLETE, Status.PROCESSED, "Đã ký giấy khai sinh")
        _act(qtbot, page, Action.RETURN_RESULT, Status.RESULT_RETURNED, "Công dân đã nhận kết quả")
        assert "Đã trả kết quả" in page.status.text()
        shortcut(qtbot, page, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not page.isVisible())
        _reports_of_the_day(qtbot, desk, code, tmp_path)

        window = desk.window
        shortcut(qtbot, window, Qt.Key.Key_Q, CTRL)  # the end of the day: Desk → Quit
        qtbot.waitUntil(lambda: not any(w.isVisible() for w in QApplication.topLevelWidgets()))
        assert desk.store_lock is not None and not desk.store_lock.held  # the store is let go

    with desk_program(data) as program:  # the next morning: the same data folder
        desk = program.controller
        qtbot.waitUntil(lambda: desk.unlock_screen.isVisible(), timeout=20_000)
        assert desk.wizard is None
        unlock_as(qtbot, desk, CLERK_LOGIN, CLERK_PASS)
        page = _find_and_open(qtbot, desk, "nguyen van duc", code)
        dossier = page.page.dossier
        assert dossier.dossier_id == dossier_id and dossier.status is Status.RESULT_RETURNED
        assert dossier.applicant.phone == NEW_PHONE and page.detail_values["phone"].text() == NEW_PHONE
        assert page.detail_values["received_by"].text() == CLERK_NAME
        timeline = page.timeline_model

        def lines() -> list[str]:
            return [
                " ".join(str(timeline.index(row, column).data()) for column in range(timeline.columnCount()))
                for row in range(timeline.rowCount())
            ]

        # every step names the clerk who made it (the names are read in the background)
        qtbot.waitUntil(lambda: len(lines()) == 5 and all(CLERK_NAME in line for line in lines()))
        assert any("số điện thoại ghi nhầm" in line for line in lines())  # received, corrected, 3 moves
        assert page.attachments.count() == 1 and "giay-chung-sinh.pdf" in page.attachments.item(0).text()
        assert "No action" in page.action_buttons[""].text() or not page.action_buttons[""].isEnabled()
