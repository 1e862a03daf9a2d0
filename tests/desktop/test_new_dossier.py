"""The "New dossier" dialog driven with real key events over a real encrypted store: procedure search,
ID card scan, checklist, live appointment, save with receipt PDF, supplement request, scans, Esc."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QMessageBox, QPushButton

from desktop.background import Background
from desktop.new_dossier import NewDossierDialog
from desktop.new_dossier.typed_dates import TypedDateError, format_typed_date, parse_typed_date
from desktop.new_dossier.wording import fee_rule_words, processing_time_words
from dossiers.citizen_id import Sex
from dossiers.dossier_codes import format_code
from dossiers.fees import CERTIFIED_COPY_FEE, FeeBasis, FixedFee, Free, ProvinceSetFee
from dossiers.lifecycle import Status
from dossiers.official_forms import SupplementRequestForm
from dossiers.processing_time import ProcessingTime
from tests.helpers.dossier_desks import OFFICE, VN, Clock, open_desk
from tests.helpers.qt_keys import press, type_text
from workstation.dossier_desk import DossierDesk, QueueFilter

ROOT = Path(__file__).resolve().parents[2]
ID_NUMBER = "001090123456"  # Hà Nội, male, born 1990
ADDRESS = "Số 1 Hàng Bạc, Hoàn Kiếm, Hà Nội"
GOOD_QR = f"{ID_NUMBER}|012345678|Nguyễn Văn Đức|01011990|Nam|{ADDRESS}|15082021"
BAD_DATE_QR = f"{ID_NUMBER}|012345678|Nguyễn Văn Đức|31021990|Nam|{ADDRESS}|15082021"
PARTIAL_QR = f"{ID_NUMBER}|012345678|Nguyễn Văn Đức|01011990"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 2, 13, 15, 30, tzinfo=VN))  # Friday before Tết, after the cut-off


@pytest.fixture
def desk(tmp_path: Path, clock: Clock) -> Iterator[DossierDesk]:
    desk = open_desk(tmp_path / "store", clock)
    yield desk
    desk.store.close()


@pytest.fixture
def dialog(qtbot, desk: DossierDesk, clock: Clock, vietnamese) -> Iterator[NewDossierDialog]:
    background = Background()
    dialog = NewDossierDialog(desk, background, OFFICE, now=clock, auto_preview=False)  # sized to the screen
    dialog.open()
    qtbot.waitExposed(dialog)
    yield dialog
    qtbot.waitUntil(lambda: background.pending == 0)
    background.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.hide()
    if shiboken6.isValid(dialog):
        shiboken6.delete(dialog)
    shiboken6.delete(background)
    gc.collect()


def pick(qtbot, dialog: NewDossierDialog, words: str) -> None:
    dialog.picker.search.setFocus()
    type_text(dialog.picker.search, words)
    press(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.procedure is not None
    assert QApplication.activeModalWidget() in (None, dialog)  # Enter pressed no button


def scan(dialog: NewDossierDialog, text: str) -> None:
    type_text(dialog.applicant.scan, text)
    press(dialog.applicant.scan, Qt.Key.Key_Return)


def fields(dialog: NewDossierDialog) -> dict[str, object]:
    form = dialog.applicant
    return {
        "name": form.edits["full_name"].text(),
        "id": form.edits["id_number"].text(),
        "address": form.edits["address"].text(),
        "birth": form.birth_date.text(),
        "sex": form.sex.currentData(),
    }


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def test_typing_words_without_diacritics_picks_the_procedure(qtbot, dialog: NewDossierDialog) -> None:
    pick(qtbot, dialog, "khai sinh")
    assert dialog.procedure.code == "1.001193"
    assert "Trong ngày làm việc" in dialog.picker.chosen.text()
    assert "tỉnh" in dialog.picker.chosen.text()  # the fee is set by the province
    # only the fields the procedure needs are shown
    assert dialog.applicant.edits["full_name"].isVisible()
    assert not dialog.applicant.birth_date.isVisible()
    assert dialog.applicant.scan.hasFocus()


def test_unconfirmed_entries_are_marked(qtbot, dialog: NewDossierDialog) -> None:
    type_text(dialog.picker.search, "khai tu")
    assert "chưa xác nhận" in dialog.picker.results.item(0).text()
    press(dialog.picker.search, Qt.Key.Key_Return)
    assert "chưa xác nhận" in dialog.picker.chosen.text()


def test_a_good_scan_fills_the_fields_at_once(qtbot, dialog: NewDossierDialog) -> None:
    pick(qtbot, dialog, "1.000894")
    assert dialog.procedure.code == "1.000894"
    scan(dialog, GOOD_QR)
    assert fields(dialog) == {
        "name": "Nguyễn Văn Đức",
        "id": ID_NUMBER,
        "address": ADDRESS,
        "birth": "01/01/1990",
        "sex": Sex.MALE,
    }
    assert dialog.applicant.scan.text() == ""
    assert dialog.applicant.scan_error.text() == ""
    assert dialog.applicant.entry() is not None


@pytest.mark.parametrize(
    ("text", "named"),
    [(BAD_DATE_QR, "ngày sinh"), (PARTIAL_QR, "giới tính"), ("not a card", "nội dung quét")],
)
def test_a_wrong_or_partial_scan_changes_nothing_and_names_the_field(
    qtbot, dialog: NewDossierDialog, text: str, named: str
) -> None:
    pick(qtbot, dialog, "1.000894")
    type_text(dialog.applicant.edits["full_name"], "Lê Thị Hoa")
    before = fields(dialog)
    scan(dialog, text)
    assert fields(dialog) == before
    message = dialog.applicant.scan_error.text()
    assert named in message
    assert ID_NUMBER not in message and "Đức" not in message


def test_typed_dates_and_the_id_number_are_checked_in_words(qtbot, dialog: NewDossierDialog) -> None:
    pick(qtbot, dialog, "1.000894")
    form = dialog.applicant
    type_text(form.edits["full_name"], "Lê Thị Hoa")
    type_text(form.birth_date, "31/02/1990")
    assert form.entry() is None
    assert "không có thật" in form.error.text() or "không tồn tại" in form.error.text()
    form.birth_date.clear()
    type_text(form.birth_date, "1990-01-01x")
    assert form.entry() is None and "DD/MM/YYYY" in form.error.text()
    form.birth_date.clear()
    type_text(form.birth_date, "01/01/1990")
    form.sex.setCurrentIndex(form.sex.findData(Sex.FEMALE))
    type_text(form.edits["id_number"], ID_NUMBER)
    assert form.entry() is None
    assert "giới tính" in form.error.text()
    assert ID_NUMBER not in form.error.text()
    form.sex.setCurrentIndex(form.sex.findData(Sex.MALE))
    entry = form.entry()
    assert entry is not None and entry.applicant.birth_date == dt.date(1990, 1, 1)


def test_receiving_after_the_cutoff_before_tet_prints_the_receipt(
    qtbot, dialog: NewDossierDialog, desk: DossierDesk, tmp_path: Path
) -> None:
    pick(qtbot, dialog, "khai sinh")
    qtbot.waitUntil(lambda: "23/02/2026" in dialog.appointment.text())
    text = dialog.appointment.text()
    assert text.startswith("Hẹn trả: thứ Hai 23/02/2026 — nhận sau 15:00")
    assert "nghỉ Tết Nguyên Đán 16–20/02" in text
    assert "Lệ phí" in dialog.fee.text()
    scan(dialog, GOOD_QR)
    type_text(dialog.applicant.edits["phone"], "0912345678")
    type_text(dialog.applicant.edits["relationship"], "cha")
    assert "Mẫu 02" in dialog.primary.text()  # nothing ticked yet
    for row in range(3):  # the three required documents
        dialog.checklist.tick(row)
    assert "Mẫu 02" not in dialog.primary.text()
    scan_file = tmp_path / "giay-chung-sinh.pdf"
    scan_file.write_bytes(b"%PDF-1.4 scanned birth certificate")
    dialog.attachments.add_path(scan_file)
    qtbot.waitUntil(lambda: len(dialog.attachments.attached) == 1)
    if os.environ.get("MOTCUA_SCREENSHOTS"):
        qtbot.wait(200)  # the layouts settle
        dialog.grab().save(str(ROOT / "docs" / "screenshots" / "desk-new-dossier.png"))
    with qtbot.waitSignal(dialog.dossier_saved, timeout=10_000) as saved:
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)
    dossier = saved.args[0]
    assert format_code(dossier.code).endswith("-0001")
    assert dossier.appointment == dt.date(2026, 2, 23)
    assert format_code(dossier.code) in dialog.done_label.text()
    page = desk.page(dossier.dossier_id)
    assert page.dossier.status is Status.ACCEPTED
    assert page.dossier.applicant.id_number == ID_NUMBER
    assert "Quan hệ với người được đăng ký: cha" in page.dossier.notes
    [attachment] = page.state.values["attachments"]
    assert attachment["name"] == "giay-chung-sinh.pdf" and len(attachment["sha256"]) == 64
    assert len(page.timeline) == 1  # the dossier and its scan: one event
    pdf = dialog.save_pdf(tmp_path / "receipt.pdf")
    assert pdf.stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = pdf_text(pdf)
        assert format_code(dossier.code) in text
        assert text.count("GIẤY TIẾP NHẬN HỒ SƠ") == 2  # two copies


def test_a_missing_required_document_gives_the_supplement_request(
    qtbot, dialog: NewDossierDialog, desk: DossierDesk, tmp_path: Path
) -> None:
    pick(qtbot, dialog, "khai sinh")
    scan(dialog, GOOD_QR)
    dialog.checklist.tick(0)
    assert "Mẫu 02" in dialog.primary.text()
    with qtbot.waitSignal(dialog.dossier_saved, timeout=10_000) as saved:
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)
    dossier = saved.args[0]
    assert dossier.code is None
    assert desk.page(dossier.dossier_id).dossier.status is Status.SUPPLEMENT_REQUESTED
    assert desk.queue_count(QueueFilter.AWAITING_SUPPLEMENT) == 1
    assert desk.queue_count(QueueFilter.ALL) == 1
    form = dialog.form
    assert isinstance(form, SupplementRequestForm)
    assert [line.name for line in form.items] == ["Giấy chứng sinh", dialog.procedure.documents[2].name]
    pdf = dialog.save_pdf(tmp_path / "mau02.pdf")
    if shutil.which("pdftotext"):
        assert "Giấy chứng sinh" in pdf_text(pdf)


def test_nothing_is_saved_while_the_applicant_is_incomplete(
    qtbot, dialog: NewDossierDialog, desk: DossierDesk
) -> None:
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)
    assert "thủ tục" in dialog.message.text()
    pick(qtbot, dialog, "khai sinh")
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)
    assert dialog.message.text() != ""
    assert dialog.dossier is None and desk.queue_count() == 0


def test_a_missing_province_fee_is_typed_by_the_clerk(
    qtbot, dialog: NewDossierDialog, desk: DossierDesk
) -> None:
    pick(qtbot, dialog, "1.004873")
    qtbot.waitUntil(lambda: dialog.fee_input.isVisible())
    type_text(dialog.fee_input, "30000")
    qtbot.waitUntil(lambda: "30.000 đ" in dialog.fee.text())
    assert "23/02/2026" not in dialog.appointment.text()  # 3 working days after Tết: later
    assert "Hẹn trả" in dialog.appointment.text()
    scan(dialog, GOOD_QR)
    for row in range(len(dialog.procedure.documents)):
        dialog.checklist.tick(row)
    with qtbot.waitSignal(dialog.dossier_saved, timeout=10_000) as saved:
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)
    dossier = saved.args[0]
    assert dossier.fee == 30_000 and desk.page(dossier.dossier_id).dossier.fee == 30_000
    assert "1.004873" not in desk.province_fees  # the typed amount belongs to this dossier only


@pytest.fixture
def desk_without_fee_table(tmp_path: Path, clock: Clock) -> Iterator[DossierDesk]:
    """A desk whose province fee table is empty, its clerk known by her full name."""
    desk = open_desk(tmp_path / "bare", clock, province_fees={}, clerk_name="Nguyễn Thị Lan")
    yield desk
    desk.store.close()


def bare_dialog(qtbot, desk: DossierDesk, clock: Clock) -> tuple[NewDossierDialog, Background]:
    background = Background()
    dialog = NewDossierDialog(desk, background, OFFICE, now=clock, auto_preview=False)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog, background


def close_bare(qtbot, dialog: NewDossierDialog, background: Background) -> None:
    qtbot.waitUntil(lambda: background.pending == 0)
    background.shutdown()
    dialog.hide()
    shiboken6.delete(dialog)
    shiboken6.delete(background)
    gc.collect()


def test_a_fee_exempt_procedure_needs_no_typed_fee_and_shows_its_appointment_at_once(
    qtbot, desk_without_fee_table: DossierDesk, clock: Clock, vietnamese, tmp_path: Path
) -> None:
    desk = desk_without_fee_table
    dialog, background = bare_dialog(qtbot, desk, clock)
    try:
        pick(qtbot, dialog, "khai sinh")  # on-time birth registration: free by law
        qtbot.waitUntil(lambda: "23/02/2026" in dialog.appointment.text())
        assert dialog.appointment.text().startswith("Hẹn trả")
        assert "miễn lệ phí" in dialog.fee.text() and "30.000" not in dialog.fee.text()
        assert not dialog.fee_needed and dialog.fee_input.text() == ""
        assert dialog.fee_input_label.text() == "Lệ phí, chỉ khi không được miễn (đồng):"  # late ones pay
        scan(dialog, GOOD_QR)
        type_text(dialog.applicant.edits["relationship"], "cha")
        for row in range(3):
            dialog.checklist.tick(row)
        with qtbot.waitSignal(dialog.dossier_saved, timeout=10_000) as saved:
            qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)
        dossier = saved.args[0]
        assert dossier.fee == 0 and desk.page(dossier.dossier_id).dossier.fee == 0
        assert desk.page(dossier.dossier_id).dossier.received_by_name == "Nguyễn Thị Lan"
        form = dialog.form
        assert form.fee == "Không thu" and form.receiving_officer == "Nguyễn Thị Lan"
        assert form.appointment.startswith("17 giờ 00 phút, ngày 23 tháng 02 năm 2026")
    finally:
        close_bare(qtbot, dialog, background)


def test_a_province_fee_to_type_does_not_hide_the_appointment(
    qtbot, desk_without_fee_table: DossierDesk, clock: Clock, vietnamese
) -> None:
    dialog, background = bare_dialog(qtbot, desk_without_fee_table, clock)
    try:
        pick(qtbot, dialog, "1.004873")  # not exempt, and the province's table has no amount
        qtbot.waitUntil(lambda: dialog.fee_input.isVisible())
        qtbot.waitUntil(lambda: "Hẹn trả" in dialog.appointment.text())
        assert dialog.fee_input.text() == ""  # shown before any fee is typed
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)
        assert dialog.dossier is None  # still needs its fee (and an applicant) before saving
    finally:
        close_bare(qtbot, dialog, background)


def test_a_scan_dropped_in_the_watched_folder_is_attached(
    qtbot, dialog: NewDossierDialog, tmp_path: Path
) -> None:
    folder = tmp_path / "scanner"
    folder.mkdir()
    (folder / "old.pdf").write_bytes(b"already there")
    dialog.attachments._settle.setInterval(50)
    dialog.attachments.watch(folder)
    qtbot.waitUntil(lambda: dialog.attachments.watching)  # the files already there are listed first
    (folder / "scan-0001.jpg").write_bytes(b"\xff\xd8 new scan")
    (folder / "notes.txt").write_text("not a scan")
    qtbot.waitUntil(lambda: len(dialog.attachments.attached) == 1, timeout=10_000)
    assert dialog.attachments.attached[0]["name"] == "scan-0001.jpg"
    assert dialog.attachments.attached[0]["media_type"] == "image/jpeg"


def test_esc_asks_before_discarding_typed_data(qtbot, dialog: NewDossierDialog) -> None:
    type_text(dialog.picker.search, "khai")
    press(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    box = dialog.discard_box
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible() and dialog.picker.search.text() == "khai"
    press(dialog, Qt.Key.Key_Escape)
    dialog.discard_box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_esc_closes_an_untouched_dialog_at_once(qtbot, dialog: NewDossierDialog) -> None:
    press(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_box is None


def test_rules_in_words(qapp) -> None:
    assert fee_rule_words(Free()) == "No fee"
    assert fee_rule_words(FixedFee(8_000, FeeBasis.PER_COPY)) == "8.000 đ per copy"
    assert fee_rule_words(FixedFee(50_000)) == "50.000 đ per dossier"
    assert "200.000 đ" in fee_rule_words(CERTIFIED_COPY_FEE)
    assert fee_rule_words(ProvinceSetFee("k", note="free on time")) == "Set by the province: free on time"
    assert processing_time_words(ProcessingTime.days(3)).startswith("3 working day")
    assert "15:00" in processing_time_words(ProcessingTime.same_day())


def test_typed_dates() -> None:
    assert parse_typed_date(" 5/9/1990 ") == dt.date(1990, 9, 5)
    for text, problem in (("31/02/2026", "impossible"), ("1990-01-01", "format"), ("", "format")):
        with pytest.raises(TypedDateError) as caught:
            parse_typed_date(text)
        assert caught.value.problem == problem


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_typed_dates_round_trip(day: dt.date) -> None:
    assert parse_typed_date(format_typed_date(day)) == day


@pytest.mark.parametrize("procedure", ["khai sinh", "1.000894"])
def test_the_scan_notice_names_only_fields_it_filled_and_shows(
    qtbot, dialog: NewDossierDialog, procedure: str
) -> None:
    """Birth registration shows no birth date or sex of the applicant: the notice must not claim them."""
    pick(qtbot, dialog, procedure)
    scan(dialog, GOOD_QR)
    form = dialog.applicant
    notice = form.scan_message.text()
    named = {
        "họ tên": form.edits["full_name"],
        "ngày sinh": form.birth_date,
        "giới tính": form.sex,
        "số định danh": form.edits["id_number"],
        "địa chỉ": form.edits["address"],
    }
    assert notice.startswith("Đã đọc thẻ căn cước")
    for words, widget in named.items():
        value = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
        shown = widget.isVisible() and bool(value)
        assert (words in notice) == shown, (words, notice)


def _receive_birth_registration(qtbot, dialog: NewDossierDialog) -> None:
    pick(qtbot, dialog, "khai sinh")
    scan(dialog, GOOD_QR)
    type_text(dialog.applicant.edits["phone"], "0912345678")
    type_text(dialog.applicant.edits["relationship"], "cha")
    for row in range(3):
        dialog.checklist.tick(row)
    with qtbot.waitSignal(dialog.dossier_saved, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)


def test_the_pdf_is_offered_under_the_form_number_and_the_code(qtbot, dialog: NewDossierDialog) -> None:
    _receive_birth_registration(qtbot, dialog)
    dialog.choose_pdf()
    chooser = dialog.pdf_dialog
    assert chooser is not None and chooser.isVisible()
    code = format_code(dialog.dossier.code)
    name = chooser.findChild(QLineEdit, "fileNameEdit").text()
    assert name == f"mau-01-{code}.pdf"
    assert "duc" not in name.lower() and ID_NUMBER not in name
    # Qt's own dialog, in Vietnamese
    labels = {label.text() for label in chooser.findChildren(QLabel)}
    assert {"&Tìm trong:", "&Tên tệp:", "&Loại tệp:"} <= labels, labels
    buttons = {button.text() for button in chooser.findChildren(QPushButton) if button.isVisible()}
    assert {"&Lưu", "Hủy"} <= buttons, buttons
    if os.environ.get("MOTCUA_SCREENSHOTS"):
        qtbot.wait(200)
        chooser.grab().save(str(ROOT / "docs" / "screenshots" / "desk-save-pdf.png"))
    chooser.reject()


def test_a_supplement_request_pdf_is_named_by_its_reception_time(qtbot, dialog: NewDossierDialog) -> None:
    pick(qtbot, dialog, "khai sinh")
    scan(dialog, GOOD_QR)
    dialog.checklist.tick(0)
    with qtbot.waitSignal(dialog.dossier_saved, timeout=10_000):
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_F10)
    dialog.choose_pdf()
    assert dialog.pdf_dialog.findChild(QLineEdit, "fileNameEdit").text() == "mau-02-20260213-1530.pdf"
    dialog.pdf_dialog.reject()


def test_a_scan_before_the_procedure_says_so_then_names_what_shows(qtbot, dialog: NewDossierDialog) -> None:
    scan(dialog, GOOD_QR)
    assert dialog.applicant.scan_message.text() == "Đã đọc thẻ căn cước: thông tin sẽ hiện khi chọn thủ tục."
    pick(qtbot, dialog, "khai sinh")
    assert dialog.applicant.scan_message.text() == (
        "Đã đọc thẻ căn cước: đã điền họ tên, số định danh và địa chỉ."
    )
    assert dialog.applicant.edits["full_name"].text() == "Nguyễn Văn Đức"
