"""Printing the official forms: a template filled with a form's data, laid out on A4 per Decree 30/2020.

The template of a form is ``resources/forms/<form.template>.html`` (Qt's rich-text HTML subset; placeholders
in ``resources/forms/README.md``). Every value is HTML-escaped. The page: A4, margins 20 mm top and bottom,
30 mm left, 15 mm right, body 13 pt in the shipped Liberation Serif 2 (metric-compatible with Times New
Roman, registered as :data:`~desktop.printing.form_fonts.FORM_FAMILY`). A template may ask for landscape
with ``<meta name="motcua-orientation" content="landscape">``. Each of the form's ``copies`` is printed on
pages of its own, its label in ``{{copy_label}}``; a template with
``<meta name="motcua-fit" content="page">`` (Mẫu 01) keeps each copy on one page: when a copy would run
over, its type sizes and spacings are scaled down step by step (to :data:`MIN_FIT_SCALE` at the least).
``{{agency_parent_header}}`` and ``{{agency_name_header}}`` are the agency's names as a header prints
them (:func:`~dossiers.official_forms.header_text`: the commune's name on a line of its own). The dossier
code is printed as text and as a QR code:
``{{qr_code}}`` is the image (made with ``segno``), empty when the form has no code.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from desktop.printing.form_fonts import register_form_fonts
from desktop.printing.form_template import FormTemplateError, Markup, fill, form_context
from desktop.printing.practice_mark import marked_form, paint_mark, practice_printing
from desktop.printing.qr_image import qr_image
from dossiers.official_forms import FORM_TYPES, OfficialForm, header_text
from resources import resource_path

BODY_POINT_SIZE = 13
MARGINS_MM = QMarginsF(30, 20, 15, 20)
"""Left, top, right, bottom (Decree 30/2020, Appendix I)."""
PDF_RESOLUTION = 300
QR_URL = QUrl("motcua-qr:dossier-code")
QR_SIZE_PX = 96
"""The QR code's printed side in CSS pixels (1/96 inch): about 25 mm."""

_ORIENTATION = re.compile(
    r"""<meta\s+name\s*=\s*["']motcua-orientation["']\s+content\s*=\s*["'](portrait|landscape)["']\s*/?>""",
    re.IGNORECASE,
)
_FIT_PAGE = re.compile(
    r"""<meta\s+name\s*=\s*["']motcua-fit["']\s+content\s*=\s*["']page["']\s*/?>""", re.IGNORECASE
)
_SIZE = re.compile(r"(font-size|margin-top|margin-bottom)(\s*:\s*)(\d+(?:\.\d+)?)(pt|px)")
FIT_SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75)
"""The scales tried, in turn, to keep each copy of a one-page form on one page."""
MIN_FIT_SCALE = FIT_SCALES[-1]
_BODY = re.compile(r"(<body[^>]*>)(.*)(</body>)", re.IGNORECASE | re.DOTALL)
_NEW_PAGE = '<div style="page-break-before: always;">{}</div>'


def templates_dir() -> Path:
    """Where the shipped form templates are."""
    return resource_path("forms")


def _check_form(form: object) -> OfficialForm:
    if not isinstance(form, FORM_TYPES):
        raise TypeError(f"expected one of the official forms, got {type(form).__name__}")
    return form  # type: ignore[return-value]


def plain_title(form: OfficialForm) -> str:
    """The form's title on one line (for the PDF's title and the print job's name)."""
    return " ".join(_check_form(form).title.split())


def load_template(form: OfficialForm, directory: Path | None = None) -> str:
    """The template text for ``form`` from ``directory`` (default: the shipped templates)."""
    path = (directory or templates_dir()) / f"{_check_form(form).template}.html"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormTemplateError(f"the template {path.name} for {form.form_number} is missing") from None
    except UnicodeDecodeError:
        raise FormTemplateError(f"the template {path.name} is not UTF-8 text") from None


def orientation(template: str) -> QPageLayout.Orientation:
    """The page orientation a template asks for (portrait unless it says landscape)."""
    match = _ORIENTATION.search(template)
    landscape = match is not None and match.group(1).lower() == "landscape"
    return QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait


def page_layout(template: str) -> QPageLayout:
    """A4 in the template's orientation with the Decree 30 margins."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation(template), MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def fits_page(template: str) -> bool:
    """Whether a template asks for each copy on one page (``motcua-fit``)."""
    return _FIT_PAGE.search(template) is not None


def scaled(template: str, scale: float) -> str:
    """``template`` with its type sizes and vertical margins (in pt or px) times ``scale``."""
    if scale == 1.0:
        return template
    return _SIZE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{round(float(m.group(3)) * scale, 1):g}{m.group(4)}", template
    )


def form_html(form: OfficialForm, template: str) -> str:
    """The filled HTML: the template's body once per copy, a page break between copies."""
    _check_form(form)
    context = form_context(form)
    for name in ("agency_parent", "agency_name"):
        value = getattr(form, name, None)
        if isinstance(value, str):
            context[f"{name}_header"] = header_text(value)
    code = getattr(form, "dossier_code", "")
    qr = f'<img src="{QR_URL.toString()}" width="{QR_SIZE_PX}" height="{QR_SIZE_PX}" />' if code else ""
    context["qr_code"] = Markup(qr)
    match = _BODY.search(template)
    head, body, tail = (
        (template[: match.end(1)], match.group(2), template[match.start(3) :])
        if match
        else ("", template, "")
    )
    copies = [fill(body, {**context, "copy_label": label}) for label in form.copies]
    pages = [copies[0], *(_NEW_PAGE.format(copy) for copy in copies[1:])]
    return head + "".join(pages) + tail


def build_document(form: OfficialForm, *, directory: Path | None = None, scale: float = 1.0) -> QTextDocument:
    """A ``QTextDocument`` of the filled form, its QR image as a resource, its sizes times ``scale``. Needs a
    QGuiApplication."""
    template = scaled(load_template(form, directory), scale)
    family = register_form_fonts()
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont(family)
    font.setPointSizeF(BODY_POINT_SIZE * scale)
    document.setDefaultFont(font)
    code = getattr(form, "dossier_code", "")
    if code:
        document.addResource(QTextDocument.ResourceType.ImageResource, QR_URL, qr_image(code))
    document.setHtml(form_html(form, template))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, plain_title(form))
    return document


def _apply_layout(device: QPagedPaintDevice, layout: QPageLayout) -> None:
    if not device.setPageLayout(layout):  # a printer may refuse the margins: keep its own, at least A4
        device.setPageSize(layout.pageSize())
        device.setPageOrientation(layout.orientation())


def _laid_out(
    form: OfficialForm, device: QPagedPaintDevice, directory: Path | None, scale: float
) -> QTextDocument:
    document = build_document(form, directory=directory, scale=scale)
    document.documentLayout().setPaintDevice(device)
    area = device.pageLayout().paintRectPixels(device.resolution())
    document.setPageSize(QSizeF(area.width(), area.height()))
    return document


def _paint(form: OfficialForm, device: QPagedPaintDevice, directory: Path | None) -> None:
    practice = practice_printing()
    if practice is not None:  # practice mode: the mark on every page, the code as practice writes it
        form = marked_form(form)
        if practice.printed is not None:
            practice.printed(form.form_number, getattr(form, "dossier_code", ""))
    template = load_template(form, directory)
    _apply_layout(device, page_layout(template))
    scales = FIT_SCALES if fits_page(template) else FIT_SCALES[:1]
    for scale in scales:
        document = _laid_out(form, device, directory, scale)
        if document.pageCount() <= len(form.copies):
            break
    if practice is None:
        document.print_(device)
    else:
        print_marked(document, device)


def print_marked(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Paint ``document`` page by page, each with the practice mark across it."""
    page = document.pageSize()
    painter = QPainter(device)
    try:
        for number in range(document.pageCount()):
            if number:
                device.newPage()
            area = QRectF(0, number * page.height(), page.width(), page.height())
            painter.save()
            painter.translate(0, -area.top())
            painter.setClipRect(area)
            document.drawContents(painter, area)
            painter.restore()
            paint_mark(painter, QRectF(0, 0, page.width(), page.height()))
    finally:
        painter.end()


def render_pdf(form: OfficialForm, path: str | Path, *, directory: Path | None = None) -> Path:
    """Write ``form`` as a PDF file at ``path``; returns the path."""
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setResolution(PDF_RESOLUTION)
    writer.setCreator("motcua")
    writer.setTitle(plain_title(form))
    _paint(form, writer, directory)
    del writer  # the file is finished when the writer goes away
    return target


def print_form(form: OfficialForm, printer: QPrinter, *, directory: Path | None = None) -> None:
    """Print ``form`` on ``printer`` (A4, Decree 30 margins)."""
    if not isinstance(printer, QPrinter):
        raise TypeError(f"expected a QPrinter, got {type(printer).__name__}")
    printer.setDocName(plain_title(form))
    _paint(form, printer, directory)


def preview(
    form: OfficialForm, parent: QWidget | None = None, *, directory: Path | None = None
) -> QPrintPreviewDialog:
    """Open a print preview of ``form`` (window-modal, not blocking) and return the dialog."""
    _check_form(form)
    load_template(form, directory)  # a missing template shows now, not inside Qt's paint callback
    dialog = QPrintPreviewDialog(parent)
    dialog.setWindowTitle(f"{form.form_number}: {form.title}")
    _apply_layout(dialog.printer(), page_layout(load_template(form, directory)))
    dialog.paintRequested.connect(lambda printer: print_form(form, printer, directory=directory))
    dialog.open()
    return dialog
