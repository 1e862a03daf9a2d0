"""The province's catalogue spreadsheet at a province's size: reading, checking, and what a desk downloads.

Builds a workbook of N procedures (default 2,000, about a province's whole list) from the shipped catalogue's
entries under new codes, ~4 documents each, and two fee rows (province, one commune) per province-set fee;
then times :func:`server.catalogue_import.read_workbook` and :func:`catalogue_from_sheets`, and gives the
published catalogue's JSON size, plain and gzip-6 (what ``GET /v1/reference/catalogue`` sends a desk that
accepts gzip), with the seconds it takes at 256 kbit/s.

    .venv/bin/python bench/bench_catalogue_import.py [procedures]
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from dossiers.catalogue import catalogue_to_json  # noqa: E402
from server.catalogue_import import catalogue_from_sheets, read_workbook  # noqa: E402
from tests.helpers.catalogue_sheets import (  # noqa: E402
    DOCUMENT_HEADINGS,
    FEE_HEADINGS,
    PROCEDURE_HEADINGS,
    document_rows,
    procedure_row,
    shipped_procedures,
)

LINK_BITS = 256_000


def workbook(count: int) -> bytes:
    base = shipped_procedures()
    book = Workbook()
    procedures = book.active
    assert procedures is not None
    procedures.title = "Thủ tục"
    procedures.append(list(PROCEDURE_HEADINGS))
    documents = book.create_sheet("Giấy tờ")
    documents.append(list(DOCUMENT_HEADINGS))
    fees = book.create_sheet("Lệ phí")
    fees.append(list(FEE_HEADINGS))
    for n in range(count):
        entry = copy.deepcopy(base[n % len(base)])
        entry["code"] = f"{1 + n % 2}.{100000 + n:06d}"
        entry["name"] = f"{entry['name']} ({n})"
        if entry["fee"]["kind"] == "province":
            entry["fee"]["key"] = entry["code"]
            fees.append([entry["code"], None, 5_000])
            fees.append([entry["code"], "00070", 3_000])
        procedures.append(procedure_row(entry))
        for row in document_rows(entry):
            documents.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main(count: int) -> None:
    data = workbook(count)
    start = time.perf_counter()
    sheets = read_workbook(data)
    read = time.perf_counter()
    catalogue, table = catalogue_from_sheets(
        sheets, version=1, published=dt.date(2026, 12, 1), publisher="bench", communes={"00070"}
    )
    checked = time.perf_counter()
    body = catalogue_to_json(catalogue).encode("utf-8")
    packed = gzip.compress(body, 6)
    rows = sum(len(rows) - 1 for rows in sheets.values())
    print(f"{count} procedures, {rows} rows, workbook {len(data) / 1e6:.2f} MB")
    print(f"  read {read - start:.2f} s, checked {checked - read:.2f} s")
    print(f"  catalogue JSON {len(body) / 1e6:.2f} MB, gzip-6 {len(packed) / 1e3:.0f} kB")
    plain, zipped = len(body) * 8 / LINK_BITS, len(packed) * 8 / LINK_BITS
    print(f"  at 256 kbit/s: {plain:.0f} s plain, {zipped:.1f} s gzip")
    assert table is not None


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2_000)
