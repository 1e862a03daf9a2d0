"""The on-time statistics as a PDF page: title, period, the table and the chart (A4 landscape)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from desktop.printing.form_fonts import register_form_fonts
from desktop.reports.on_time_chart import paint_chart
from dossiers.official_forms import short_date
from workstation.report_data import STATS_HEADERS, ReportData

LEGEND_VI = ("Trước hạn", "Đúng hạn", "Trễ hạn", "Đang giải quyết")
RESOLUTION = 150


def statistics_html(data: ReportData) -> str:
    """The title and the table as HTML (Vietnamese: an official report)."""
    head = "".join(f"<th>{escape(name)}</th>" for name, _ in STATS_HEADERS)
    lines = []
    for row in (*data.stats, data.total):
        share = "" if row.on_time_share is None else f"{row.on_time_share * 100:.1f}%".replace(".", ",")
        cells = (
            row.procedure_code or "Tổng cộng",
            row.procedure_name,
            row.early,
            row.on_time,
            row.late,
            row.pending,
            share,
            row.late_days,
        )
        weight = ' style="font-weight:bold"' if not row.procedure_code else ""
        lines.append(f"<tr{weight}>" + "".join(f"<td>{escape(str(c))}</td>" for c in cells) + "</tr>")
    return (
        f'<h2 align="center">TÌNH HÌNH GIẢI QUYẾT HỒ SƠ ĐÚNG HẠN</h2>'
        f'<p align="center"><i>{escape(data.period)}</i></p>'
        '<table border="1" cellspacing="0" cellpadding="4" width="100%">'
        f"<tr>{head}</tr>{''.join(lines)}</table>"
        f"<p>Lập ngày {short_date(data.made_at)}.</p>"
    )


def write_statistics_pdf(data: ReportData, path: Path | str) -> Path:
    """Write the statistics page to ``path``; returns the path."""
    target = Path(path)
    family = register_form_fonts()
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setCreator("motcua")
    writer.setTitle("Tình hình giải quyết hồ sơ đúng hạn")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(20, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    font = QFont(family, 11)
    document = QTextDocument()
    document.setDefaultFont(font)
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(statistics_html(data))
    document.setTextWidth(area.width())
    painter = QPainter(writer)
    painter.setFont(font)
    document.drawContents(painter)
    height = document.size().height()
    chart_top = height + 20
    chart = QRectF(0, chart_top, area.width(), max(100.0, area.height() - chart_top))
    if chart.height() < area.height() * 0.3:  # a long table: the chart gets its own page
        writer.newPage()
        chart = QRectF(0, 0, area.width(), area.height() * 0.8)
    paint_chart(painter, chart, data.stats, LEGEND_VI, "Không có hồ sơ trong kỳ")
    painter.end()
    return target
