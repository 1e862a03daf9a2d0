"""Printing the official forms: templates, escaping, fonts, QR code, real PDFs read back with poppler."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QFontDatabase, QImage, QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from desktop.printing.form_fonts import FORM_FAMILY, font_files, register_form_fonts
from desktop.printing.form_renderer import (
    QR_URL,
    build_document,
    form_html,
    load_template,
    orientation,
    plain_title,
    preview,
    print_form,
    render_pdf,
    scaled,
    templates_dir,
)
from desktop.printing.form_template import FormTemplateError, Markup, escape, fill, form_context
from desktop.printing.qr_image import QUIET_ZONE, image_matrix, qr_image, qr_matrix
from dossiers.catalogue import DocumentForm, Procedure
from dossiers.dossier import Applicant, Office, ReceivedDocument
from dossiers.official_forms import (
    FORM_TYPES,
    MissingDocument,
    ReceiptForm,
    build_apology,
    build_control_sheet,
    build_receipt,
    build_refusal,
    build_register,
    build_stop_notice,
    build_supplement_request,
)
from dossiers.processing_time import ProcessingTime
from tests.helpers.dossier_desks import CATALOGUE
from tests.helpers.form_dossiers import NAME, OFFICE, hand_over, make_dossier

CODE_TEXT = "000.00.01.H22-260213-0042"
POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfinfo) is not installed")
needs_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
    reason="zbar-tools (zbarimg) or pdftoppm is not installed",
)
MM = 72 / 25.4  # PDF points per millimetre


def all_forms(dossier=None):  # noqa: ANN001, ANN201 - test helper
    dossier = dossier or make_dossier(hand_overs=(hand_over(13, 10),))
    issued = dt.date(2026, 2, 13)
    return {
        "mau_01": build_receipt(dossier, OFFICE, processing_time=ProcessingTime.days(5), register_book="01"),
        "mau_02": build_supplement_request(
            dossier,
            OFFICE,
            [MissingDocument("Giấy chứng sinh", "Bản chụp mờ"), MissingDocument("Tờ khai", "Thiếu chữ ký")],
            issued_on=issued,
            guiding_officer="Trần Thị Hạnh",
        ),
        "mau_03": build_refusal(
            dossier, OFFICE, reason="Không thuộc thẩm quyền.", issued_on=issued, officer="Hạnh"
        ),
        "mau_04": build_apology(
            dossier,
            OFFICE,
            new_date=dt.date(2026, 2, 25),
            reason="Cần xác minh nơi cư trú.",
            issued_on=issued,
        ),
        "mau_05": build_stop_notice(
            dossier, OFFICE, reason="Công dân đề nghị dừng giải quyết.", issued_on=issued
        ),
        "mau_06": build_control_sheet(dossier, OFFICE),
        "mau_07": build_register(
            [dossier, make_dossier(dossier_id="x", register_line=129)], OFFICE, period="Tháng 02"
        ),
    }


def pdf_text(path: Path, *pages: int) -> str:
    args = ["pdftotext", "-enc", "UTF-8", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run(
        [*args, str(path), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode()


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, timeout=60).stdout.decode()
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def page_count(path: Path) -> int:
    """Counted from the PDF's page objects (no poppler needed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def assert_valid_pdf(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")


# --- Templates ---


def test_fill_escapes_values_and_repeats_sections() -> None:
    source = (
        "<p>{{a}}</p>{{#rows}}<i>{{x}}-{{a}}</i>{{/rows}}{{^empty}}none{{/empty}}{{#a}}yes{{/a}}"
        "{{#empty}}no{{/empty}}"
    )
    out = fill(source, {"a": '<b>&"', "rows": ({"x": "1"}, {"x": "2"}), "empty": ""})
    assert out == (
        "<p>&lt;b&gt;&amp;&quot;</p><i>1-&lt;b&gt;&amp;&quot;</i><i>2-&lt;b&gt;&amp;&quot;</i>noneyes"
    )


def test_fill_keeps_line_breaks_and_inserts_markup_unescaped() -> None:
    assert fill("{{a}}|{{m}}", {"a": "x\ny\r\nz", "m": Markup("<img/>")}) == "x<br/>y<br/>z|<img/>"
    assert fill("{{^rows}}empty{{/rows}}", {"rows": ()}) == "empty"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{#a}}x", "never closed"),
        ("x{{/a}}", "closes no section"),
        ("{{#a}}{{/b}}", "closes section {{a}}"),
        ("{{nope}}", "no field {{nope}}"),
        ("{{a}", "not a valid placeholder"),
        ("{{ a b }}", "not a valid placeholder"),
        ("\n\n{{rows}}", "line 3: {{rows}} is a list"),
    ],
)
def test_fill_rejects_malformed_templates(source: str, message: str) -> None:
    with pytest.raises(FormTemplateError, match=re.escape(message)):
        fill(source, {"a": "x", "rows": ({"x": "1"},)})


@given(st.text())
def test_escaped_text_reads_back_unchanged(value: str) -> None:
    out = fill("<p>{{v}}</p>", {"v": value})
    assert "<" not in out[3:-4].replace("<br/>", "")
    expected = value.replace("\r\n", "\n")
    assert html.unescape(out[3:-4].replace("<br/>", "\n")) == expected
    assert escape(value) == out[3:-4]


def test_form_context_has_fields_title_and_rows() -> None:
    form = all_forms()["mau_01"]
    context = form_context(form)
    assert context["title"] == form.title and context["form_number"] == "Mẫu 01"
    assert context["applicant_name"] == NAME
    assert isinstance(context["documents"], tuple) and context["documents"][0]["number"] == "1"
    assert context["copies"] == tuple({"item": c} for c in form.copies)
    with pytest.raises(TypeError):
        form_context("not a form")


def test_every_shipped_template_fills_with_its_form() -> None:
    for name, form in all_forms().items():
        source = load_template(form)
        assert (templates_dir() / f"{name}.html").is_file()
        filled = form_html(form, source)
        assert "{{" not in filled and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in filled
        assert "Độc lập - Tự do - Hạnh phúc" in filled


def test_orientation_from_the_template() -> None:
    assert orientation(load_template(all_forms()["mau_07"])) == QPageLayout.Orientation.Landscape
    assert orientation(load_template(all_forms()["mau_01"])) == QPageLayout.Orientation.Portrait
    assert orientation("<p>no meta</p>") == QPageLayout.Orientation.Portrait


def test_missing_or_broken_province_template(tmp_path: Path) -> None:
    form = all_forms()["mau_03"]
    with pytest.raises(FormTemplateError, match="mau_03.html"):
        load_template(form, tmp_path)
    (tmp_path / "mau_03.html").write_bytes(b"\xff\xfe bad")
    with pytest.raises(FormTemplateError, match="UTF-8"):
        load_template(form, tmp_path)
    with pytest.raises(TypeError):
        load_template("mau_03", tmp_path)  # type: ignore[arg-type]


def test_plain_title_is_one_line() -> None:
    assert plain_title(all_forms()["mau_04"]) == (
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT HỒ SƠ"
    )


# --- QR code ---


def test_qr_matrix_encodes_the_code() -> None:
    matrix = qr_matrix(CODE_TEXT)
    again = segno.make(CODE_TEXT, error="m", micro=False)
    assert matrix == tuple(
        tuple(bool(m) for m in row) for row in again.matrix_iter(scale=1, border=QUIET_ZONE)
    )
    assert len(matrix) == again.symbol_size(scale=1, border=QUIET_ZONE)[0]
    assert matrix != qr_matrix(CODE_TEXT.replace("0042", "0043"))
    assert not any(matrix[0]) and not any(row[0] for row in matrix)  # the quiet zone is light


def test_qr_image_reads_back_as_the_matrix(qapp) -> None:  # noqa: ANN001
    matrix = qr_matrix(CODE_TEXT)
    image = qr_image(CODE_TEXT, module_pixels=5)
    assert image.width() == image.height() == 5 * len(matrix)
    assert image_matrix(image, len(matrix)) == matrix


@pytest.mark.parametrize("bad", [0, -1, True, 2.0])
def test_qr_image_bad_inputs(bad: object) -> None:
    with pytest.raises(ValueError):
        qr_image(CODE_TEXT, module_pixels=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        qr_matrix("")


def test_document_holds_the_qr_image_of_the_code(qapp) -> None:  # noqa: ANN001
    form = all_forms()["mau_01"]
    document = build_document(form)
    image = document.resource(QTextDocument.ResourceType.ImageResource, QR_URL)
    assert isinstance(image, QImage) and not image.isNull()
    matrix = qr_matrix(form.dossier_code)
    assert image_matrix(image, len(matrix)) == matrix
    assert QR_URL.toString() in form_html(form, load_template(form))


def test_a_form_without_code_has_no_qr(qapp) -> None:  # noqa: ANN001
    form = build_supplement_request(
        make_dossier(code=None),
        OFFICE,
        [MissingDocument("Tờ khai", "Thiếu")],
        issued_on=dt.date(2026, 2, 13),
        guiding_officer="",
    )
    assert "motcua-qr" not in form_html(form, load_template(form))
    image = build_document(form).resource(QTextDocument.ResourceType.ImageResource, QR_URL)
    assert image is None or (isinstance(image, QImage) and image.isNull())


# --- Fonts ---


def test_shipped_font_is_registered_under_its_own_family(qapp) -> None:  # noqa: ANN001
    assert register_form_fonts() == FORM_FAMILY
    assert register_form_fonts() == FORM_FAMILY  # once per process
    assert FORM_FAMILY in QFontDatabase.families()
    assert set(QFontDatabase.styles(FORM_FAMILY)) >= {"Regular", "Bold", "Italic", "Bold Italic"}
    assert all(path.is_file() for path in font_files().values())


# --- Real PDFs ---


@pytest.mark.parametrize("name", [f"mau_0{i}" for i in range(1, 8)])
def test_every_form_renders_to_a_valid_pdf(qapp, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    form = all_forms()[name]
    path = render_pdf(form, tmp_path / f"{name}.pdf")
    assert_valid_pdf(path)
    assert page_count(path) == (2 if name == "mau_01" else 1)


@needs_poppler
@pytest.mark.parametrize("name", [f"mau_0{i}" for i in range(1, 8)])
def test_pdf_text_keeps_vietnamese_and_uses_only_the_shipped_font(qapp, tmp_path: Path, name: str) -> None:  # noqa: ANN001
    form = all_forms()[name]
    path = render_pdf(form, tmp_path / f"{name}.pdf")
    text = pdf_text(path)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
    ):
        assert expected in text
    assert all(word in text.split() for word in NAME.split())  # table cells may wrap the name
    if name != "mau_07":
        assert " ".join(form.title.split()) in " ".join(text.split())
    if getattr(form, "dossier_code", ""):
        assert CODE_TEXT in text
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all(n.startswith("MotcuaSerif") for n in names), names  # no fallback face, no boxes
    info = pdf_info(path)
    width, height = map(float, re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width), round(height)) == ((842, 595) if name == "mau_07" else (595, 842))  # A4
    assert info["Title"].strip() == plain_title(form)


@needs_poppler
def test_receipt_prints_two_copies_each_from_a_new_page(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    path = render_pdf(all_forms()["mau_01"], tmp_path / "receipt.pdf")
    first, second = pdf_text(path, 1), pdf_text(path, 2)
    assert "Liên 1" in first and "Liên 2" not in first
    assert "Liên 2" in second and "Liên 1" not in second
    for page in (first, second):
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in page and "Đăng ký khai sinh" in page


@needs_poppler
def test_a_long_receipt_still_starts_its_second_copy_on_a_new_page(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    from dossiers.catalogue import DocumentForm
    from dossiers.dossier import ReceivedDocument

    documents = tuple(ReceivedDocument(f"Giấy tờ số {i}", DocumentForm.PHOTOCOPY) for i in range(40))
    form = all_forms(make_dossier(documents=documents))["mau_01"]
    path = render_pdf(form, tmp_path / "long.pdf")
    pages = page_count(path)
    assert pages >= 4
    starts = [i for i in range(1, pages + 1) if "Liên 2" in pdf_text(path, i)]
    assert len(starts) == 1 and "Liên 1" not in pdf_text(path, starts[0])
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in pdf_text(path, starts[0])


@needs_poppler
def test_margins_follow_decree_30(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    path = render_pdf(all_forms()["mau_02"], tmp_path / "m.pdf")
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    words = [
        tuple(map(float, m))
        for m in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', out)
    ]
    left = min(w[0] for w in words)
    right = max(w[2] for w in words)
    top = min(w[1] for w in words)
    bottom = max(w[3] for w in words)
    assert 30 * MM - 1 <= left <= 30 * MM + 12  # the agency name is centred in its column
    assert right <= 595.28 - 15 * MM + 1
    assert top >= 20 * MM - 1
    assert bottom <= 841.89 - 20 * MM + 1


@needs_poppler
def test_html_in_a_value_is_printed_as_text(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    name = 'Nguyễn <b>Văn</b> Đức & "Co" <img src="x">'
    form = all_forms(make_dossier(applicant=Applicant(name)))["mau_03"]
    filled = form_html(form, load_template(form))
    assert "&lt;b&gt;Văn&lt;/b&gt;" in filled and '<img src="x">' not in filled
    text = pdf_text(render_pdf(form, tmp_path / "escaped.pdf"))
    assert "Nguyễn <b>Văn</b> Đức" in text and '<img src="x">' in text


@needs_zbar
def test_printed_qr_code_decodes_to_the_dossier_code(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    path = render_pdf(all_forms()["mau_01"], tmp_path / "qr.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    png = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(png)], capture_output=True, timeout=60
    ).stdout.decode()
    assert decoded.strip() == CODE_TEXT


def test_a_province_template_changes_the_wording(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    form = all_forms()["mau_03"]
    (tmp_path / "mau_03.html").write_text(
        '<html><head><meta name="motcua-orientation" content="landscape"></head>'
        "<body><p>Tỉnh X: {{applicant_name}} – {{reason}}</p></body></html>",
        encoding="utf-8",
    )
    path = render_pdf(form, tmp_path / "province.pdf", directory=tmp_path)
    assert_valid_pdf(path)
    if POPPLER:
        assert f"Tỉnh X: {NAME} – Không thuộc thẩm quyền." in pdf_text(path)
        assert "842 x 595" in pdf_info(path)["Page size"]


def test_a_template_with_an_unknown_field_fails_before_printing(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    (tmp_path / "mau_05.html").write_text("<p>{{applicant_nam}}</p>", encoding="utf-8")
    with pytest.raises(FormTemplateError, match="applicant_nam"):
        render_pdf(all_forms()["mau_05"], tmp_path / "x.pdf", directory=tmp_path)
    assert not (tmp_path / "x.pdf").exists()


def test_print_form_on_a_pdf_printer(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    print_form(all_forms()["mau_01"], printer)
    del printer
    assert_valid_pdf(target)
    assert page_count(target) == 2
    with pytest.raises(TypeError):
        print_form(all_forms()["mau_01"], object())  # type: ignore[arg-type]


def test_preview_opens_with_the_form_pages(qtbot) -> None:  # noqa: ANN001
    dialog = preview(all_forms()["mau_01"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() == 2)
    assert "Mẫu 01" in dialog.windowTitle()
    dialog.close()


def test_render_refuses_non_forms(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    with pytest.raises(TypeError):
        render_pdf("Mẫu 01", tmp_path / "x.pdf")  # type: ignore[arg-type]
    assert len(FORM_TYPES) == len(all_forms())


# --- Receipts for the whole catalogue (issue 11: one page per copy, full names, hour and minute) -----------

BEN_THANH = Office(
    "000.00.01.H22",
    "Trung tâm Phục vụ hành chính công phường Bến Thành",
    "Ủy ban nhân dân phường Bến Thành",
    "Bến Thành",
)
HEADER_LINES = ("ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN THÀNH", "TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG")


def full_checklist_receipt(procedure: Procedure) -> ReceiptForm:
    """Mẫu 01 for ``procedure`` with every document of its checklist, received by a clerk known by login."""
    documents = tuple(ReceivedDocument(d.name, d.form, d.count, d.note) for d in procedure.documents)
    applicant = Applicant(
        "Nguyễn Thị Phương Thảo",
        address="Số 123 đường Lê Thánh Tôn, khu phố 4, phường Bến Thành, Thành phố Hồ Chí Minh",
        phone="0912 345 678",
        email="thao.nguyen@example.vn",
    )
    dossier = make_dossier(
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        applicant=applicant,
        documents=documents,
        received_by="lan.nguyen",
        received_by_name="Nguyễn Thị Lan",
    )
    return build_receipt(
        dossier,
        BEN_THANH,
        processing_time=procedure.processing_time,
        register_book="01",
        return_by=dt.time(17, 0),
    )


@needs_poppler
@pytest.mark.parametrize("procedure", CATALOGUE.procedures, ids=lambda p: p.code)
def test_every_procedures_receipt_prints_one_page_per_copy_with_names_and_hours(
    qapp,  # noqa: ANN001
    tmp_path: Path,
    procedure: Procedure,
) -> None:
    form = full_checklist_receipt(procedure)
    path = render_pdf(form, tmp_path / "receipt.pdf")
    assert page_count(path) == len(form.copies) == 2
    for page, label in ((1, "Liên 1"), (2, "Liên 2")):
        text = pdf_text(path, page)
        assert label in text and text.count("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") == 1
        assert procedure.documents[-1].name.split()[0] in text  # the whole checklist is there
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Nguyễn Thị Lan" in text  # the signatures on this page
        assert "lan.nguyen" not in text
        assert "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 13 tháng 02 năm 2026" in text
        assert "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 20 tháng 02 năm 2026" in text
        lines = text.splitlines()
        header = "\n".join(lines[: lines.index(next(line for line in lines if label in line))])
        for expected in HEADER_LINES:  # each header line printed whole, the commune's name never split
            assert re.search(rf"(^|\s){expected}(\s|$)", header, re.MULTILINE), expected
        assert not re.search(r"PHƯỜNG BẾN(?! THÀNH)|(^|\s{2})THÀNH\b", header, re.MULTILINE), header


def test_a_receipt_a_little_too_long_is_scaled_down_to_one_page_per_copy(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    long_note = "bản sao có chứng thực hoặc bản chụp kèm bản chính để đối chiếu, còn giá trị sử dụng"
    documents = tuple(
        ReceivedDocument(f"Giấy tờ số {i} của người yêu cầu", DocumentForm.PHOTOCOPY, note=long_note)
        for i in range(1, 10)
    )
    form = all_forms(make_dossier(documents=documents))["mau_01"]
    unfitted = tmp_path / "unfitted"
    unfitted.mkdir()
    template = load_template(form).replace('<meta name="motcua-fit" content="page">', "")
    (unfitted / "mau_01.html").write_text(template, encoding="utf-8")
    assert page_count(render_pdf(form, tmp_path / "as_is.pdf", directory=unfitted)) > 2  # too long as is
    fitted = render_pdf(form, tmp_path / "fitted.pdf")
    assert page_count(fitted) == 2
    if POPPLER:
        assert "Giấy tờ số 9" in pdf_text(fitted, 1) and "NGƯỜI TIẾP NHẬN HỒ SƠ" in pdf_text(fitted, 1)


def test_scaling_a_template_changes_sizes_and_margins_only() -> None:
    source = '<p style="font-size: 12pt; margin-top: 60px;" width="110">x</p><i style="font-size:11pt">'
    assert (
        scaled(source, 0.5)
        == '<p style="font-size: 6pt; margin-top: 30px;" width="110">x</p><i style="font-size:5.5pt">'
    )
    assert scaled(source, 1.0) == source
