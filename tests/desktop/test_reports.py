"""The reports dialog on a real store: statistics, register, XLSX (openpyxl), PDF (pdftotext), the chart."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.background import Background
from desktop.language import LanguageSwitcher, catalogue_bytes
from desktop.reports import ReportsDialog, load_report, statistics_html, write_xlsx
from dossiers.lifecycle import Status
from dossiers.vietnam_time import VIETNAM_TIME
from tests.helpers.dossier_desks import OFFICE, Clock, draft, open_desk
from tests.helpers.qt_keys import press
from workstation.dossier_desk import DossierDesk

VN = VIETNAM_TIME
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BIRTH, MARRIAGE, COPY = "1.001193", "1.000894", "2.000815"


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=VN)


@pytest.fixture
def clock() -> Clock:
    return Clock(at(2, 9))


@pytest.fixture
def background(qapp) -> Iterator[Background]:
    runner = Background()
    yield runner
    runner.shutdown()


def receive(
    desk: DossierDesk, clock: Clock, when: dt.datetime, procedure: str, back: dt.datetime | None = None
):
    clock.now = when
    dossier = desk.receive(draft(f"Người nộp {when:%d%H%M}", procedure=procedure))
    if back is not None:
        clock.now = back
        for status in (Status.PROCESSING, Status.PROCESSED, Status.RESULT_RETURNED):
            desk.change_status(dossier.dossier_id, status)
    return dossier


@pytest.fixture
def desk(tmp_path: Path, clock: Clock) -> Iterator[DossierDesk]:
    desk = open_desk(tmp_path / "store", clock)
    receive(desk, clock, at(27, 9, month=2), BIRTH, at(27, 10, month=2))  # before the period
    receive(desk, clock, at(2, 15, 30), BIRTH, at(2, 16))  # due Tue 3: returned Mon 2 → early
    receive(desk, clock, at(2, 9), BIRTH, at(2, 14))  # on time
    receive(desk, clock, at(2, 9, 5), MARRIAGE, at(2, 11))  # on time
    receive(desk, clock, at(2, 9, 10), MARRIAGE, at(4, 9))  # late, 2 days
    receive(desk, clock, at(3, 10), COPY)  # still out after its day → late (overdue), 2 days by the 5th
    receive(desk, clock, at(5, 9), COPY)  # due today: pending
    refused = receive(desk, clock, at(4, 8), BIRTH)
    desk.change_status(refused.dossier_id, Status.WITHDRAWN)  # not counted in the statistics
    clock.now = at(5, 10)
    yield desk
    desk.store.close()


def by_code(data):
    return {row.procedure_code: row for row in data.stats}


def test_statistics_and_register_from_the_store(desk: DossierDesk, clock: Clock) -> None:
    data = load_report(desk, OFFICE, dt.date(2026, 3, 1), dt.date(2026, 3, 31), clock)
    assert len(data.dossiers) == 7 and len(data.register.rows) == 7
    assert data.register.period == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
    stats = by_code(data)
    assert (stats[BIRTH].early, stats[BIRTH].on_time, stats[BIRTH].late, stats[BIRTH].pending) == (1, 1, 0, 0)
    assert (stats[MARRIAGE].on_time, stats[MARRIAGE].late, stats[MARRIAGE].late_days) == (1, 1, 2)
    assert (stats[COPY].late, stats[COPY].pending, stats[COPY].late_days) == (1, 1, 2)
    assert (data.total.early, data.total.on_time, data.total.late, data.total.pending) == (1, 2, 2, 1)
    one_day = load_report(desk, OFFICE, dt.date(2026, 2, 27), dt.date(2026, 2, 27), clock)
    assert len(one_day.dossiers) == 1 and one_day.total.on_time == 1
    with pytest.raises(ValueError):
        load_report(desk, OFFICE, dt.date(2026, 3, 2), dt.date(2026, 3, 1), clock)


def test_xlsx_holds_the_rows_with_dates_as_dates(tmp_path: Path, desk: DossierDesk, clock: Clock) -> None:
    data = load_report(desk, OFFICE, dt.date(2026, 3, 1), dt.date(2026, 3, 31), clock)
    book = load_workbook(write_xlsx(data, tmp_path / "report.xlsx"))
    register, stats = book["Sổ theo dõi hồ sơ"], book["Đúng hạn"]
    assert register["A1"].value == "SỔ THEO DÕI HỒ SƠ" and register["A3"].value == "STT"
    assert register["G3"].value == "Ngày nhận hồ sơ"
    rows = list(register.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 7
    assert rows[0][0] == 1 and rows[0][2] == "Đăng ký khai sinh"
    assert isinstance(rows[0][6], dt.datetime) and rows[0][6].date() == dt.date(2026, 3, 2)
    assert register.cell(row=4, column=7).number_format == "DD/MM/YYYY"
    names = {row[4] for row in rows}
    assert "Người nộp 021530" in names
    returned = [row[8] for row in rows if row[8] is not None]
    assert len(returned) == 4
    lines = list(stats.iter_rows(min_row=4, values_only=True))
    assert [line[0] for line in lines] == [MARRIAGE, BIRTH, COPY, "Tổng cộng"]
    assert lines[-1][2:6] == (1, 2, 2, 1) and lines[-1][6] == pytest.approx(0.6)
    assert stats["C3"].value == "Trước hạn" and stats.freeze_panes == "A4"


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    out = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_the_dialog_loads_off_the_ui_thread_shows_the_chart_and_exports(
    qtbot, tmp_path: Path, desk: DossierDesk, clock: Clock, background: Background
) -> None:
    paths = {
        "register-pdf": tmp_path / "so.pdf",
        "statistics-pdf": tmp_path / "dung-han.pdf",
        "xlsx": tmp_path / "bao-cao.xlsx",
    }
    dialog = ReportsDialog(desk, background, OFFICE, now=clock, choose_path=paths.get)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.period() == (dt.date(2026, 3, 1), dt.date(2026, 3, 5))
    assert not dialog.export("xlsx")  # nothing loaded yet
    press(dialog.start, Qt.Key.Key_Return)  # Enter shows the report
    qtbot.waitUntil(lambda: dialog.loads == 1)
    assert dialog.register_model.rowCount() == 7 and dialog.stats_model.rowCount() == 4
    assert dialog.stats_model.item(3, 1).text() == "All procedures"
    assert dialog.stats_model.item(3, 6).text() == "60.0%"
    assert [row.procedure_code for row in dialog.chart.stats] == [MARRIAGE, BIRTH, COPY]
    assert dialog.summary.text() == (
        "Từ ngày 01/03/2026 đến ngày 05/03/2026: 7 dossiers received; early 1, on time 2, late 2, pending 1."
    )
    for kind, path in paths.items():
        assert dialog.export(kind)
        qtbot.waitUntil(lambda p=path: p in dialog.exports, timeout=20_000)
        assert dialog.message.text() == f"Saved: {path.name}"
    register = pdf_text(paths["register-pdf"])
    assert "SỔ THEO DÕI HỒ SƠ" in register and "Đăng ký kết hôn" in register and "Người nộp" in register
    assert "Từ ngày 01/03/2026 đến ngày 05/03/2026" in register
    statistics = pdf_text(paths["statistics-pdf"])
    assert "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ ĐÚNG HẠN" in statistics and "Trễ hạn" in statistics
    assert "Đăng ký khai sinh" in statistics and "Tổng cộng" in statistics
    assert load_workbook(paths["xlsx"])["Đúng hạn"]["A7"].value == "Tổng cộng"

    switcher = LanguageSwitcher(QApplication.instance())
    try:
        assert switcher.apply("vi", catalogue_bytes("vi"))  # the clerk's language: everything retranslated
        qtbot.waitUntil(lambda: dialog.show_button.text() == "&Xem")
        assert dialog.stats_model.item(3, 1).text() == "Tất cả thủ tục"
        assert dialog.chart.legend == ("Trước hạn", "Đúng hạn", "Trễ hạn", "Đang giải quyết")
        qtbot.wait(100)  # the layouts follow the longer Vietnamese labels
        image = dialog.grab().toImage()
    finally:
        switcher.apply("en", None)
    assert image.save(str(tmp_path / "desk-reports.png"))
    if os.environ.get("MOTCUA_SCREENSHOTS"):
        image.save(str(SHOTS / "desk-reports.png"))


def test_a_backwards_period_and_a_cancelled_file_are_handled(
    qtbot, desk: DossierDesk, clock: Clock, background: Background, tmp_path: Path
) -> None:
    dialog = ReportsDialog(desk, background, OFFICE, now=clock, choose_path=lambda kind: None)
    qtbot.addWidget(dialog)
    dialog.set_period(dt.date(2026, 3, 5), dt.date(2026, 3, 1))
    assert not dialog.load()
    assert dialog.error.text() == "The end date is before the start date. Change one of them."
    dialog.set_period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert dialog.load()
    qtbot.waitUntil(lambda: dialog.loads == 1)
    assert dialog.error.isHidden() and dialog.register_model.rowCount() == 0
    assert dialog.chart.stats == () and dialog.stats_model.rowCount() == 1  # the total line only
    assert not dialog.export("xlsx")  # the clerk cancelled the file dialog
    assert not dialog.export("csv")


def test_a_file_that_cannot_be_written_is_said_in_words(
    qtbot, desk: DossierDesk, clock: Clock, background: Background, tmp_path: Path
) -> None:
    dialog = ReportsDialog(
        desk, background, OFFICE, now=clock, choose_path=lambda kind: tmp_path / "no" / "x.xlsx"
    )
    qtbot.addWidget(dialog)
    dialog.load()
    qtbot.waitUntil(lambda: dialog.loads == 1)
    assert dialog.export("xlsx")
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=20_000)
    assert "could not be written" in dialog.error.text() and dialog.xlsx.isEnabled()


def test_statistics_html_escapes_and_words_the_share(desk: DossierDesk, clock: Clock) -> None:
    data = load_report(desk, OFFICE, dt.date(2026, 3, 1), dt.date(2026, 3, 31), clock)
    html = statistics_html(data)
    assert "60,0%" in html and "Tổng cộng" in html and "<script" not in html
