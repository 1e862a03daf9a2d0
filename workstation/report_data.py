"""Gathering a report's data from the desk (call off the UI thread) and writing it to XLSX (openpyxl)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from dossiers.appointments import vietnam_time
from dossiers.dossier import Dossier, Office
from dossiers.official_forms import RegisterForm, build_register
from dossiers.reports import (
    ProcedureStats,
    on_time_statistics,
    overall,
    period_text,
    register_dossiers,
)
from workstation.dossier_desk import DossierDesk, QueueFilter
from workstation.queue_pager import QueuePager, QueueQuery

PAGE = 500


@dataclass(frozen=True)
class ReportData:
    start: dt.date
    end: dt.date
    dossiers: tuple[Dossier, ...]
    """Received in the period, in register order."""
    register: RegisterForm
    stats: tuple[ProcedureStats, ...]
    total: ProcedureStats
    made_at: dt.datetime

    @property
    def period(self) -> str:
        return period_text(self.start, self.end)


def load_report(
    desk: DossierDesk, office: Office, start: dt.date, end: dt.date, now: Callable[[], dt.datetime]
) -> ReportData:
    """The register and the on-time statistics of the dossiers received from ``start`` to ``end``."""
    period = period_text(start, end)  # checks the dates before any disk work
    found: list[Dossier] = []
    pager = QueuePager(desk)
    query = QueueQuery(QueueFilter.ALL, sort="received_at", descending=True)
    margin = start - dt.timedelta(days=1)  # stored times may carry other offsets: stop a day later
    offset, anchor = 0, None
    while True:
        page = pager.page(query, offset, PAGE, after=anchor)
        for row in page.rows:
            day = vietnam_time(row.received_at).date()
            if start <= day <= end:
                found.append(desk.page(row.dossier_id).dossier)
        if len(page.rows) < PAGE or vietnam_time(page.rows[-1].received_at).date() < margin:
            break
        assert page.last_key is not None
        anchor = (offset + len(page.rows) - 1, page.last_key)
        offset += PAGE
    chosen = register_dossiers(found, start, end)
    moment = now()
    stats = on_time_statistics(chosen, moment, desk.calendar)
    return ReportData(
        start=start,
        end=end,
        dossiers=tuple(chosen),
        register=build_register(chosen, office, period=period),
        stats=stats,
        total=overall(stats),
        made_at=moment,
    )


# -- XLSX ---------------------------------------------------------------------------------------------------

REGISTER_HEADERS = (
    ("STT", 6),
    ("Mã hồ sơ", 28),
    ("Tên thủ tục hành chính", 40),
    ("Số lượng hồ sơ (bộ)", 10),
    ("Tên cá nhân, tổ chức", 28),
    ("Địa chỉ, số điện thoại", 34),
    ("Ngày nhận hồ sơ", 14),
    ("Ngày hẹn trả kết quả", 14),
    ("Ngày trả kết quả", 14),
    ("Ghi chú", 24),
)
STATS_HEADERS = (
    ("Mã thủ tục", 14),
    ("Tên thủ tục hành chính", 44),
    ("Trước hạn", 11),
    ("Đúng hạn", 11),
    ("Trễ hạn", 11),
    ("Đang giải quyết", 14),
    ("Tỉ lệ đúng hạn", 14),
    ("Số ngày trễ", 11),
)
DATE_FORMAT = "DD/MM/YYYY"
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def _header(sheet, title: str, period: str, headers: tuple[tuple[str, int], ...]) -> None:  # type: ignore[no-untyped-def]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([period])
    sheet.append([name for name, _ in headers])
    for column, (_, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=3, column=column)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A4"


def write_xlsx(data: ReportData, path: Path | str) -> Path:
    """Two sheets: the register (dates as dates) and the on-time statistics with a total line."""
    target = Path(path)
    book = Workbook()
    register = book.active
    register.title = "Sổ theo dõi hồ sơ"
    _header(register, "SỔ THEO DÕI HỒ SƠ", data.period, REGISTER_HEADERS)
    for row, dossier in zip(data.register.rows, data.dossiers, strict=True):
        register.append(
            [
                int(row.number) if row.number.isdigit() else row.number,
                row.dossier_code,
                row.procedure,
                dossier.sets,
                row.applicant_name,
                row.applicant_contact,
                vietnam_time(dossier.received_at).date(),
                dossier.appointment,
                None if dossier.returned_at is None else vietnam_time(dossier.returned_at).date(),
                row.note,
            ]
        )
        for column in (7, 8, 9):
            register.cell(row=register.max_row, column=column).number_format = DATE_FORMAT
    stats = book.create_sheet("Đúng hạn")
    _header(stats, "TÌNH HÌNH GIẢI QUYẾT HỒ SƠ ĐÚNG HẠN", data.period, STATS_HEADERS)
    for line in (*data.stats, data.total):
        share = line.on_time_share
        stats.append(
            [
                line.procedure_code or "Tổng cộng",
                line.procedure_name,
                line.early,
                line.on_time,
                line.late,
                line.pending,
                share,
                line.late_days,
            ]
        )
        stats.cell(row=stats.max_row, column=7).number_format = "0.0%"
    for cell in stats[stats.max_row]:
        cell.font = Font(bold=True)
    book.properties.creator = "motcua"
    book.properties.title = f"Báo cáo {data.period}"
    book.save(target)
    return target
