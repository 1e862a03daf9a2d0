"""The practice citizens' "cards" as a PDF: name, ID number, birth date and the card's QR code, six cards a
page, each page with the practice mark, so trainees scan them with the desk's real scanner field."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.printing.form_fonts import register_form_fonts
from desktop.printing.form_renderer import print_marked
from desktop.printing.qr_image import qr_image
from workstation.practice.citizens import PracticeCitizen

CARDS_PER_PAGE = 6
PDF_RESOLUTION = 300


def cards_html(citizens: Sequence[PracticeCitizen]) -> str:
    cells = []
    for citizen in citizens:
        data = citizen.card_data
        cells.append(
            "<td width='50%' style='border: 1px solid #444; padding: 6px;'>"
            f"<p><b>THẺ THỰC HÀNH SỐ {citizen.card}</b> (không phải căn cước thật)</p>"
            f"<p>{escape(data.full_name)}<br/>Số định danh: {data.id_number}<br/>"
            f"Ngày sinh: {data.birth_date:%d/%m/%Y} · {data.sex.label}<br/>{escape(data.address)}</p>"
            f"<p><img src='card-{citizen.card}' width='150' height='150'/></p></td>"
        )
    pages = []
    for start in range(0, len(cells), CARDS_PER_PAGE):
        chunk = cells[start : start + CARDS_PER_PAGE]
        rows = "".join("<tr>" + "".join(chunk[i : i + 2]) + "</tr>" for i in range(0, len(chunk), 2))
        style = " style='page-break-before: always;'" if start else ""
        pages.append(f"<table{style} width='100%' cellspacing='8'>{rows}</table>")
    return "<html><body>" + "".join(pages) + "</body></html>"


def render_cards_pdf(citizens: Sequence[PracticeCitizen], path: str | Path) -> Path:
    """Write the cards to ``path`` (A4, the practice mark on every page); returns the path."""
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("motcua")
    writer.setTitle("Thẻ công dân thực hành")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultFont(QFont(register_form_fonts(), 10))
    for citizen in citizens:
        document.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"card-{citizen.card}"),
            qr_image(citizen.qr_text, 4),
        )
    document.setHtml(cards_html(citizens))
    document.documentLayout().setPaintDevice(writer)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(area.width(), area.height()))
    print_marked(document, writer)  # each page with the practice mark, as every practice form
    del writer
    return target
