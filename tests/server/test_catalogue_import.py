"""The province's list of procedures from a spreadsheet: a good sheet is published with its fee table;
a sheet with errors is refused whole, each error named by sheet, row and column, and nothing is published."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dossiers.catalogue import parse_catalogue
from resources import resource_path
from server.catalogue_import import SpreadsheetRefused, import_catalogue_sheet
from server.catalogues import latest_catalogue
from server.fee_tables import commune_fees, latest_fee_table
from server.storage.interface import ServerStorage
from tests.helpers.catalogue_sheets import catalogue_csv_files, catalogue_workbook
from tests.server.conftest import START, Cli

PUBLISHER = "Sở Tư pháp Thành phố Hà Nội"
HOAN_KIEM, BA_DINH = "00070", "00004"


def _now() -> dt.datetime:
    return START


def test_a_good_sheet_publishes_the_catalogue_and_its_fee_table(storage: ServerStorage) -> None:
    data = catalogue_workbook(
        fees=[("1.004873", None, 5_000), ("1.004873", HOAN_KIEM, 3_000), ("1.001022", None, 8_000)]
    )
    imported = import_catalogue_sheet(storage, data, publisher=PUBLISHER, now=_now)
    shipped = parse_catalogue(Path(resource_path("catalogue", "procedures.json")).read_bytes())
    assert (imported.catalogue_version, imported.procedures) == (1, len(shipped))
    assert (imported.fee_table_version, imported.fee_amounts) == (1, 3)

    published = latest_catalogue(storage)
    assert published is not None and published.version == 1
    catalogue = parse_catalogue(published.body)
    assert catalogue.procedures == shipped.procedures  # every field read back as the catalogue states it
    assert catalogue.publisher == PUBLISHER and catalogue.published == dt.date(2026, 3, 2)

    hoan_kiem, ba_dinh = commune_fees(storage, HOAN_KIEM), commune_fees(storage, BA_DINH)
    assert hoan_kiem is not None and ba_dinh is not None
    assert hoan_kiem.amounts == {"1.004873": 3_000, "1.001022": 8_000}  # the commune's own amount wins
    assert ba_dinh.amounts == {"1.004873": 5_000, "1.001022": 8_000}
    assert hoan_kiem.etag != ba_dinh.etag

    again = import_catalogue_sheet(  # the next import is the next version; the same fees: the same table
        storage, data, publisher=PUBLISHER, now=_now
    )
    assert (again.catalogue_version, again.fee_table_version) == (2, 1)


def test_a_sheet_with_errors_is_refused_whole_with_row_and_column(storage: ServerStorage) -> None:
    data = catalogue_workbook(
        procedure_changes={
            (3, 4): "huyện",  # D3: the level
            (5, 5): "ba ngày",  # E5: the working days
            (7, 1): "1.001193",  # A7: the code of row 2 again
            (9, 2): None,  # B9: the name left empty
            (14, 9): "1-2000",  # I14: page tiers written wrong
        },
        extra_documents=[["9.999999", "Tờ khai", "bản chính", 1, "Có", None]],
        fees=[("1.004873", "70", -5), ("1.004873", "99999", 3_000), ("khong-co", None, 1)],
    )
    with pytest.raises(SpreadsheetRefused) as refused:
        import_catalogue_sheet(storage, data, publisher=PUBLISHER, now=_now)
    where = {(p.sheet, p.row, p.column) for p in refused.value.problems}
    assert where >= {
        ("Thủ tục", 3, "D"),
        ("Thủ tục", 5, "E"),
        ("Thủ tục", 7, "A"),
        ("Thủ tục", 9, "B"),
        ("Thủ tục", 14, "I"),
        ("Lệ phí", 2, "C"),
        ("Lệ phí", 3, "B"),
        ("Lệ phí", 4, "A"),
    }
    documents = {(p.row, p.column, p.problem) for p in refused.value.problems if p.sheet == "Giấy tờ"}
    assert (50, "A", "no procedure 9.999999 on the sheet 'Thủ tục'") in documents
    # row 7's procedure lost its code: its documents belong to no procedure now, and are reported too
    assert sum("no procedure 2.000635" in problem for _row, _column, problem in documents) == 3
    message = refused.value.message
    assert "nothing was published" in message
    assert (
        "sheet 'Thủ tục', row 3, column D (Cấp thực hiện): 'huyện' is not one of: xã, tỉnh, trung ương"
        in (message)
    )
    assert "row 5, column E (Số ngày làm việc): 'ba ngày' is not a whole number" in message
    assert "row 7, column A (Mã thủ tục): the procedure 1.001193 is already on row 2" in message
    assert "row 2, column C (Mức thu): must be at least 0 (got -5)" in message
    assert "no commune 99999 in this province" in message
    assert latest_catalogue(storage) is None and latest_fee_table(storage) is None


def _edited(change) -> bytes:
    book = load_workbook(io.BytesIO(catalogue_workbook()))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_wrong_headings_a_missing_sheet_and_a_file_that_is_no_workbook(storage: ServerStorage) -> None:
    def rename_level(book) -> None:
        book["Thủ tục"]["D1"] = "Cấp"  # a heading nobody knows; "Cấp thực hiện" is then missing

    with pytest.raises(SpreadsheetRefused) as refused:
        import_catalogue_sheet(storage, _edited(rename_level), publisher=PUBLISHER, now=_now)
    assert [p.words() for p in refused.value.problems] == [
        "sheet 'Thủ tục', row 1 (Cấp thực hiện): this column is missing",
        "sheet 'Thủ tục', row 1, column D (Cấp): this column is not known",
    ]

    def drop_documents(book) -> None:
        del book["Giấy tờ"]

    with pytest.raises(SpreadsheetRefused) as refused:
        import_catalogue_sheet(storage, _edited(drop_documents), publisher=PUBLISHER, now=_now)
    assert [p.words() for p in refused.value.problems] == [
        "sheet 'Giấy tờ': the workbook has no sheet named 'Giấy tờ'"
    ]
    with pytest.raises(SpreadsheetRefused) as refused:
        import_catalogue_sheet(storage, b"code,name\n1.001193,x\n", publisher=PUBLISHER, now=_now)
    assert "not an Excel workbook" in refused.value.message
    assert latest_catalogue(storage) is None


def test_cli_import_catalogue(cli: Cli, tmp_path: Path) -> None:
    assert cli("migrate")[0] == 0 and cli("create-communes", "--province", "01")[0] == 0
    good, bad = tmp_path / "thu-tuc.xlsx", tmp_path / "thu-tuc-loi.xlsx"
    good.write_bytes(catalogue_workbook(fees=[("1.004873", HOAN_KIEM, 3_000)]))
    bad.write_bytes(catalogue_workbook(procedure_changes={(4, 8): "tùy"}))
    code, out, err = cli("import-catalogue", str(bad), "--publisher", PUBLISHER)
    assert code == 2 and "sheet 'Thủ tục', row 4, column H (Loại phí): 'tùy' is not one of" in err
    code, out, err = cli("import-catalogue", str(good), "--publisher", PUBLISHER, "--version", "7")
    assert code == 0, err
    assert "catalogue version 7 published (14 procedures)" in out and "fee table version 1" in out
    storage = cli.storage()
    try:
        published = latest_catalogue(storage)
        assert published is not None and published.version == 7
    finally:
        storage.close()


def test_csv_files_one_per_sheet(cli: Cli, tmp_path: Path) -> None:
    assert cli("migrate")[0] == 0 and cli("create-communes", "--province", "01")[0] == 0
    files = catalogue_csv_files(fees=[("1.004873", "70", 3_000)])  # 00070 lost its zeros in a spreadsheet
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    code, out, err = cli("import-catalogue", *paths, "--publisher", PUBLISHER)
    assert code == 0, err
    assert "catalogue version 1 published (14 procedures)" in out and "fee table version 1" in out
    storage = cli.storage()
    try:
        published = latest_catalogue(storage)
        shipped = parse_catalogue(Path(resource_path("catalogue", "procedures.json")).read_bytes())
        assert published is not None and parse_catalogue(published.body).procedures == shipped.procedures
        fees = commune_fees(storage, HOAN_KIEM)
        assert fees is not None and fees.amounts == {"1.004873": 3_000}
    finally:
        storage.close()
    (tmp_path / "le-phi.csv").write_bytes("\ufeffMã mức phí,Mã xã,Mức thu\n1.004873,,năm nghìn\n".encode())
    code, out, err = cli("import-catalogue", *paths, "--publisher", PUBLISHER)
    assert code == 2 and "sheet 'Lệ phí', row 2, column C (Mức thu): 'năm nghìn' is not a whole number" in err
