"""Practice printing (issue 17): while practice mode runs, every form carries the practice mark on every page
and its dossier codes as practice writes them (``TH-…``, which the real parser refuses); afterwards, none."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.printing.form_renderer import render_pdf
from desktop.printing.practice_mark import marked_form, start_practice_printing, stop_practice_printing
from dossiers.dossier_codes import format_code, parse_code
from dossiers.errors import DossierCodeError
from dossiers.official_forms import build_apology, build_receipt, build_register
from dossiers.practice_marks import PRACTICE_MARK
from dossiers.processing_time import ProcessingTime
from tests.helpers.form_dossiers import CODE, OFFICE, make_dossier

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def _text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def _pages(text: str) -> list[str]:
    return [page for page in text.split("\f") if page.strip()]


def test_practice_forms_are_marked_on_every_page_and_their_codes_refused(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    dossier = make_dossier()
    forms = {
        "receipt": build_receipt(dossier, OFFICE, processing_time=ProcessingTime.days(5)),
        "apology": build_apology(
            dossier,
            OFFICE,
            new_date=dt.date(2026, 3, 30),
            reason="Cần xác minh.",
            issued_on=dt.date(2026, 2, 20),
        ),
        "register": build_register([dossier], OFFICE, period="Tháng 02"),
    }
    printed: list[tuple[str, str]] = []
    start_practice_printing(lambda form, code: printed.append((form, code)))
    try:
        for name, form in forms.items():
            text = _text(render_pdf(form, tmp_path / f"{name}.pdf"))
            pages = _pages(text)
            assert pages and all(PRACTICE_MARK in page for page in pages), name
            practice_code = "TH-" + format_code(CODE)
            if name == "register":  # narrow columns wrap the code between other cells: read the form itself
                assert "TH-" in text
                assert [row.dossier_code for row in marked_form(form).rows] == [practice_code]
                continue
            assert practice_code in "".join(text.split()), name
            assert format_code(CODE) not in text.replace(practice_code, ""), name  # no bare real code left
            with pytest.raises(DossierCodeError):
                parse_code(practice_code)
    finally:
        stop_practice_printing()
    assert [form for form, _code in printed] == ["Mẫu 01", "Mẫu 04", "Mẫu 07"]
    plain = _text(render_pdf(forms["receipt"], tmp_path / "real.pdf"))  # practice over: a real receipt
    assert PRACTICE_MARK not in plain and format_code(CODE) in plain and "TH-" not in plain
