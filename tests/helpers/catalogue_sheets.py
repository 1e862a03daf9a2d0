"""The shipped procedure catalogue written as the province's spreadsheet (XLSX, the three sheets IT fills in),
with cells a test changes and fee rows it adds."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from resources import resource_path

PROCEDURE_HEADINGS = (
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Số ngày làm việc",
    "Giờ tiếp nhận cuối",
    "Tính cả ngày tiếp nhận",
    "Loại phí",
    "Mức phí",
    "Tính phí theo",
    "Mức tối đa mỗi bản",
    "Mã mức phí của tỉnh",
    "Miễn phí theo luật",
    "Ghi chú về phí",
    "Phi địa giới",
    "Thông tin người nộp",
    "Đã đối chiếu",
    "Nguồn",
    "Ghi chú",
)
DOCUMENT_HEADINGS = ("code", "name", "form", "count", "required", "note")  # the English keys work too
FEE_HEADINGS = ("Mã mức phí", "Mã xã", "Mức thu")

_LEVELS = {"commune": "xã", "province": "tỉnh", "central": "trung ương"}
_KINDS = {"free": "miễn phí", "fixed": "cố định", "per_page": "theo trang", "province": "tỉnh quy định"}
_FORMS = {
    "original": "bản chính",
    "certified_copy": "bản sao có chứng thực",
    "photocopy": "bản chụp",
    "presented": "xuất trình",
}


def _yes(value: bool) -> str:
    return "Có" if value else "Không"


def shipped_procedures() -> list[dict[str, Any]]:
    data = json.loads(Path(resource_path("catalogue", "procedures.json")).read_text("utf-8"))
    return list(data["procedures"])


def procedure_row(p: dict[str, Any]) -> list[Any]:
    time, fee = p["processing_time"], p["fee"]
    amount: Any = None
    if fee["kind"] == "fixed":
        amount = fee["amount"]
    elif fee["kind"] == "per_page":
        amount = ", ".join(f"{tier['from_page']}:{tier['price']}" for tier in fee["tiers"])
    return [
        p["code"],
        p["name"],
        p["sector"],
        _LEVELS[p["level"]],
        0 if time["kind"] == "same_day" else time["days"],
        time.get("cutoff") or None,
        _yes(time.get("receipt_day_counts", False)),
        _KINDS[fee["kind"]],
        amount,
        {"dossier": "hồ sơ", "copy": "bản"}.get(fee.get("per", ""), None),
        fee.get("cap_per_copy"),
        fee.get("key") if fee["kind"] == "province" else None,
        _yes(fee.get("exempt", False)) if fee["kind"] == "province" else None,
        fee.get("note") or None,
        _yes(p["any_residence"]),
        ", ".join(p["applicant_fields"]),
        _yes(p["confirmed"]),
        p["source"] or None,
        p.get("note") or None,
    ]


def document_rows(p: dict[str, Any]) -> list[list[Any]]:
    return [
        [p["code"], d["name"], _FORMS[d["form"]], d["count"], _yes(d["required"]), d.get("note") or None]
        for d in p["documents"]
    ]


def catalogue_workbook(
    *,
    fees: Iterable[tuple[str, str | None, Any]] = (),
    procedure_changes: dict[tuple[int, int], Any] | None = None,
    extra_documents: Iterable[list[Any]] = (),
    with_fee_sheet: bool = True,
) -> bytes:
    """The XLSX bytes: ``procedure_changes`` maps (row, column) (1-based, as Excel numbers them, headings
    on row 1) to a new value; ``fees`` are (fee key, commune or None, amount) rows of ``Lệ phí``."""
    procedures = shipped_procedures()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Thủ tục"
    sheet.append(list(PROCEDURE_HEADINGS))
    for p in procedures:
        sheet.append(procedure_row(p))
    for (row, column), value in (procedure_changes or {}).items():
        sheet.cell(row=row, column=column).value = value
    documents = book.create_sheet("Giấy tờ")
    documents.append(list(DOCUMENT_HEADINGS))
    for p in procedures:
        for row in document_rows(p):
            documents.append(row)
    for row in extra_documents:
        documents.append(row)
    if with_fee_sheet:
        table = book.create_sheet("Lệ phí")
        table.append(list(FEE_HEADINGS))
        for key, commune, amount in fees:
            table.append([key, commune, amount])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def catalogue_csv_files(*, fees: Iterable[tuple[str, str | None, Any]] = ()) -> dict[str, bytes]:
    """The same three sheets as CSV files (UTF-8 with a byte-order mark, as Excel saves "CSV UTF-8"), the
    procedures' with semicolons as a Vietnamese-locale Excel writes them."""
    procedures = shipped_procedures()

    def text(rows: Iterable[Iterable[Any]], delimiter: str = ",") -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter)
        for row in rows:
            writer.writerow(["" if cell is None else cell for cell in row])
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    return {
        "thu-tuc.csv": text([PROCEDURE_HEADINGS, *(procedure_row(p) for p in procedures)], ";"),
        "giay-to.csv": text([DOCUMENT_HEADINGS, *(row for p in procedures for row in document_rows(p))]),
        "le-phi.csv": text([FEE_HEADINGS, *fees]),
    }
