"""The desk application's steps of ``motcua self-test``: the main window and a receipt PDF, offscreen.

``workstation.it_commands.self_test`` runs them after its store steps; Qt is loaded only when they run.
"""

from __future__ import annotations

from dossiers.dossier import Office
from workstation.it_commands.self_test import (
    TEST_AGENCY,
    TEST_LOGIN,
    TEST_NAME,
    ExtraStep,
    SelfTestState,
    check,
)


def main_window(state: SelfTestState) -> str:
    from PySide6.QtWidgets import QApplication

    from desktop.language import LanguageSwitcher, catalogue_bytes
    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication(["motcua"])
    state.made["app"] = app
    switcher = LanguageSwitcher(app)
    check(switcher.apply("vi", catalogue_bytes("vi")), "the Vietnamese translation cannot be loaded")
    window = MainWindow()
    window.set_site("Xã Thử Nghiệm", "Tỉnh Thử Nghiệm")
    window.set_clerk(TEST_LOGIN, TEST_NAME)
    window.show()
    app.processEvents()
    pixmap = window.grab()
    window.close()
    window.deleteLater()
    app.processEvents()
    check(not pixmap.isNull() and pixmap.width() > 100, "the main window did not render")
    platform = app.platformName()
    return f"main window rendered {pixmap.width()}×{pixmap.height()} on the '{platform}' platform"


def receipt_pdf(state: SelfTestState) -> str:
    import dataclasses

    from desktop.printing.form_fonts import register_form_fonts
    from desktop.printing.form_renderer import render_pdf
    from desktop.printing.pdf_pages import pdf_page_count
    from dossiers.dossier import ReceivedDocument
    from dossiers.official_forms import build_receipt
    from dossiers.working_calendar import WorkingCalendar

    family = register_form_fonts()
    procedure = state.made["procedure"]
    checklist = tuple(ReceivedDocument(d.name, d.form, d.count, d.note) for d in procedure.documents)
    made = state.made["dossier"]
    calendar = WorkingCalendar.vietnam(made.received_at.year, made.received_at.year + 1)
    day = calendar.working_day_on_or_after(made.appointment)
    dossier = dataclasses.replace(made, documents=checklist, appointment=day)  # its full checklist
    office = Office(
        agency_identifier=TEST_AGENCY,
        name="Trung tâm Phục vụ hành chính công xã Thử Nghiệm",
        parent_name="Ủy ban nhân dân xã Thử Nghiệm",
        place="Thử Nghiệm",
    )
    form = build_receipt(
        dossier,
        office,
        processing_time=procedure.processing_time,
        register_book="01",
        return_by=calendar.opening_on(day)[-1].end,
    )
    check(form.receiving_officer == TEST_NAME, "the receipt does not print the clerk's full name")
    path = render_pdf(form, state.folder / "receipt.pdf")
    data = path.read_bytes()
    check(data.startswith(b"%PDF-") and len(data) > 2000, "the receipt PDF is empty or not a PDF")
    pages = pdf_page_count(data)
    copies = len(form.copies)
    check(pages == copies, f"the receipt printed on {pages} pages for {copies} copies (one page per copy)")
    size = len(data) // 1024
    return f"receipt (Mẫu 01) PDF rendered, {pages} pages for {copies} copies, {size} KB, font '{family}'"


GUI_STEPS: tuple[ExtraStep, ...] = (("main window", main_window), ("receipt PDF", receipt_pdf))
