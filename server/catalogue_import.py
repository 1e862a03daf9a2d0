"""The province's list of procedures from a spreadsheet (XLSX): checked row by row, then published.

The workbook has three sheets (columns in ``docs/server-deployment.md``, "Importing the catalogue from a
spreadsheet"): ``Thủ tục`` (one row per procedure), ``Giấy tờ`` (one row per document of a procedure) and
``Lệ phí`` (the amounts of province-set fees, per commune where they differ; may be left out); or one CSV
file per sheet (:func:`read_csv_files`). Every row is
checked; if anything is wrong the whole sheet is refused with the sheet, row and column of each problem in
words (:class:`SpreadsheetRefused`), and nothing is published. Otherwise the catalogue and the fee table are
published together, in one transaction. The admin CLI (``import-catalogue``) and the officers' web pages
call :func:`import_catalogue_sheet`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from dossiers.catalogue import (
    ApplicantField,
    Catalogue,
    DocumentForm,
    Procedure,
    ProcedureLevel,
    RequiredDocument,
)
from dossiers.errors import CatalogueFieldError, DossierError
from dossiers.fees import FeeBasis, FeeRule, FixedFee, Free, PageTier, PerPageFee, ProvinceSetFee
from dossiers.processing_time import DEFAULT_CUTOFF, ProcessingTime, TimeKind
from dossiers.vietnam_time import VIETNAM_TIME
from server.catalogues import newest_catalogue_version, store_catalogue
from server.errors import BadInput
from server.fee_tables import FeeTable, store_fee_table
from server.storage.interface import ServerStorage

MAX_SHEET_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_PROBLEMS_SHOWN = 200

PROCEDURES, DOCUMENTS, FEES = "Thủ tục", "Giấy tờ", "Lệ phí"
_SHEET_NAMES = {
    PROCEDURES: ("thủ tục", "thu tuc", "procedures"),
    DOCUMENTS: ("giấy tờ", "giay to", "documents"),
    FEES: ("lệ phí", "le phi", "fees"),
}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str
    required: bool = False


PROCEDURE_COLUMNS = (
    Column("code", "Mã thủ tục", True),
    Column("name", "Tên thủ tục", True),
    Column("sector", "Lĩnh vực", True),
    Column("level", "Cấp thực hiện", True),
    Column("days", "Số ngày làm việc", True),
    Column("cutoff", "Giờ tiếp nhận cuối"),
    Column("receipt_day_counts", "Tính cả ngày tiếp nhận"),
    Column("fee_kind", "Loại phí", True),
    Column("fee_amount", "Mức phí"),
    Column("fee_per", "Tính phí theo"),
    Column("fee_cap", "Mức tối đa mỗi bản"),
    Column("fee_key", "Mã mức phí của tỉnh"),
    Column("fee_exempt", "Miễn phí theo luật"),
    Column("fee_note", "Ghi chú về phí"),
    Column("any_residence", "Phi địa giới"),
    Column("applicant_fields", "Thông tin người nộp"),
    Column("confirmed", "Đã đối chiếu"),
    Column("source", "Nguồn"),
    Column("note", "Ghi chú"),
)
DOCUMENT_COLUMNS = (
    Column("code", "Mã thủ tục", True),
    Column("name", "Tên giấy tờ", True),
    Column("form", "Hình thức", True),
    Column("count", "Số lượng"),
    Column("required", "Bắt buộc"),
    Column("note", "Ghi chú"),
)
FEE_COLUMNS = (
    Column("key", "Mã mức phí", True),
    Column("commune", "Mã xã"),
    Column("amount", "Mức thu", True),
)

_LEVELS = {
    ProcedureLevel.COMMUNE: ("commune", "xã", "cấp xã"),
    ProcedureLevel.PROVINCE: ("province", "tỉnh", "cấp tỉnh"),
    ProcedureLevel.CENTRAL: ("central", "trung ương"),
}
_FORMS = {
    DocumentForm.ORIGINAL: ("original", "bản chính"),
    DocumentForm.CERTIFIED_COPY: ("certified_copy", "bản sao có chứng thực", "bản sao chứng thực"),
    DocumentForm.PHOTOCOPY: ("photocopy", "bản chụp", "bản photo"),
    DocumentForm.PRESENTED: ("presented", "xuất trình"),
}
_FEE_KINDS = {
    "free": ("free", "miễn phí", "không thu"),
    "fixed": ("fixed", "cố định"),
    "per_page": ("per_page", "theo trang"),
    "province": ("province", "tỉnh quy định"),
}
_BASES = {FeeBasis.PER_DOSSIER: ("dossier", "hồ sơ", "trường hợp"), FeeBasis.PER_COPY: ("copy", "bản")}
_YES = ("có", "x", "yes", "true", "1")
_NO = ("không", "no", "false", "0")
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_TIER = re.compile(r"\s*(\d+)\s*:\s*(\d+)\s*")

# Which column a problem of a Procedure's own checks belongs to.
_FIELD_COLUMNS = {"code": "code", "name": "name", "sector": "sector", "applicant_fields": "applicant_fields"}


@dataclass(frozen=True, slots=True)
class SheetProblem:
    """One thing wrong in the spreadsheet: where (sheet, row number, column letter and heading) and what."""

    sheet: str
    row: int
    column: str
    heading: str
    problem: str

    def words(self) -> str:
        where = f"sheet '{self.sheet}'"
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        if self.heading:
            where += f" ({self.heading})"
        return f"{where}: {self.problem}"


def _reading_order(problem: SheetProblem) -> tuple[int, int, int, str]:
    sheets = list(_SHEET_NAMES)
    sheet = sheets.index(problem.sheet) if problem.sheet in sheets else -1
    return (sheet, problem.row, len(problem.column), problem.column)


class SpreadsheetRefused(BadInput):
    """The spreadsheet has problems: nothing was published. ``problems`` says where each one is, in reading
    order (sheet by sheet, row by row, column by column)."""

    code = "catalogue_sheet_refused"

    def __init__(self, problems: Iterable[SheetProblem]) -> None:
        self.problems = tuple(sorted(problems, key=_reading_order))
        shown = [problem.words() for problem in self.problems[:MAX_PROBLEMS_SHOWN]]
        more = len(self.problems) - len(shown)
        lines = "\n".join(f"  - {line}" for line in shown)
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(
            f"the spreadsheet was refused, nothing was published ({len(self.problems)} problem"
            f"{'' if len(self.problems) == 1 else 's'}):\n{lines}{tail}"
        )


@dataclass(frozen=True, slots=True)
class ImportedCatalogue:
    """What was published: the catalogue's version, how many procedures, the fee table's version."""

    catalogue_version: int
    procedures: int
    fee_table_version: int | None
    fee_amounts: int


Rows = list[tuple[Any, ...]]


def read_workbook(data: bytes) -> dict[str, Rows]:
    """The sheets of an XLSX file as rows of cell values (the first row holds the headings)."""
    from openpyxl import load_workbook

    if len(data) > MAX_SHEET_BYTES:
        raise SpreadsheetRefused([SheetProblem("(file)", 0, "", "", "the file is larger than 20 MB")])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        problem = f"this is not an Excel workbook (.xlsx) ({type(exc).__name__})"
        raise SpreadsheetRefused([SheetProblem("(file)", 0, "", "", problem)]) from None
    try:
        sheets: dict[str, Rows] = {}
        for sheet in book.worksheets:
            rows: Rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(tuple(row))
                if len(rows) > MAX_ROWS + 1:
                    break
            sheets[str(sheet.title)] = rows
        return sheets
    finally:
        book.close()


def read_csv_files(files: Mapping[str, bytes]) -> dict[str, Rows]:
    """Sheets from CSV files (UTF-8, as Excel's "CSV UTF-8" saves them; comma, semicolon or tab), one per
    sheet, each named by its file name: ``thu-tuc.csv``, ``giay-to.csv``, ``le-phi.csv`` (or ``Thủ tục.csv``,
    ``procedures.csv`` …)."""
    sheets: dict[str, Rows] = {}
    for name, data in files.items():
        stem = PurePath(name).stem.replace("-", " ").replace("_", " ")
        where = SheetProblem(stem, 0, "", "", "")
        if len(data) > MAX_SHEET_BYTES:
            raise SpreadsheetRefused([replace(where, problem="the file is larger than 20 MB")])
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problem = f"the file is not UTF-8 text (byte {exc.start}): save it as CSV UTF-8"
            raise SpreadsheetRefused([replace(where, problem=problem)]) from None
        try:
            dialect: Any = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows: Rows = []
        for row in csv.reader(io.StringIO(text), dialect):
            rows.append(tuple(cell if cell.strip() else None for cell in row))
            if len(rows) > MAX_ROWS + 1:
                break
        sheets[stem] = rows
    return sheets


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _norm(value: object) -> str:
    return " ".join(str(value).split()).lower() if value is not None else ""


@dataclass
class _Sheet:
    """One sheet's rows, its columns found by heading, and the problems found so far."""

    name: str
    rows: Rows
    columns: tuple[Column, ...]
    problems: list[SheetProblem]
    where: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.rows:
            empty = "the sheet is empty: it needs its headings"
            self.problems.append(SheetProblem(self.name, 1, "", "", empty))
            return
        wanted = {}
        for column in self.columns:
            for name in (column.key, column.heading):
                wanted[_norm(name)] = column
        for index, heading in enumerate(self.rows[0]):
            if heading is None or not str(heading).strip():
                continue
            column = wanted.get(_norm(heading))
            if column is None:
                self.problems.append(
                    SheetProblem(
                        self.name, 1, _letter(index), str(heading).strip(), "this column is not known"
                    )
                )
            elif column.key in self.where:
                self.problems.append(
                    SheetProblem(self.name, 1, _letter(index), column.heading, "this column appears twice")
                )
            else:
                self.where[column.key] = index
        for column in self.columns:
            if column.required and column.key not in self.where:
                self.problems.append(SheetProblem(self.name, 1, "", column.heading, "this column is missing"))
        if len(self.rows) > MAX_ROWS + 1:
            self.problems.append(SheetProblem(self.name, 0, "", "", f"more than {MAX_ROWS} rows"))

    def heading(self, key: str) -> str:
        return next(column.heading for column in self.columns if column.key == key)

    def records(self) -> Iterable[_Row]:
        for number, values in enumerate(self.rows[1 : MAX_ROWS + 1], start=2):
            if all(value is None or (isinstance(value, str) and not value.strip()) for value in values):
                continue
            yield _Row(self, number, values)


class _Row:
    """Typed access to one row's cells; a bad cell is noted as a problem and gives ``None``."""

    def __init__(self, sheet: _Sheet, number: int, values: tuple[Any, ...]) -> None:
        self.sheet, self.number, self.values = sheet, number, values
        self.ok = True

    def problem(self, key: str, text: str) -> None:
        self.ok = False
        index = self.sheet.where.get(key)
        letter = _letter(index) if index is not None else ""
        self.sheet.problems.append(
            SheetProblem(self.sheet.name, self.number, letter, self.sheet.heading(key), text)
        )

    def raw(self, key: str) -> Any:
        index = self.sheet.where.get(key)
        if index is None or index >= len(self.values):
            return None
        value = self.values[index]
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.raw(key)
        if value is None:
            if required:
                self.problem(key, "must not be empty")
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)

    def integer(self, key: str, *, minimum: int, default: int | None = None) -> int | None:
        value = self.raw(key)
        if value is None:
            if default is None:
                self.problem(key, "must not be empty: give a whole number")
            return default
        if isinstance(value, str):
            digits = value.replace(".", "").replace(",", "").replace(" ", "")
            value = int(digits) if digits.isdigit() else value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"'{value}' is not a whole number")
            return None
        if value < minimum:
            self.problem(key, f"must be at least {minimum} (got {value})")
            return None
        return value

    def yes_no(self, key: str, *, default: bool) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        word = _norm(value if not isinstance(value, float) else int(value))
        if word in _YES:
            return True
        if word in _NO:
            return False
        self.problem(key, f"'{value}' is not yes or no (write Có or Không)")
        return default

    def choice(self, key: str, choices: dict[Any, tuple[str, ...]], *, default: Any = None) -> Any:
        value = self.raw(key)
        if value is None:
            if default is None:
                self.problem(key, "must not be empty")
            return default
        word = _norm(value)
        for result, names in choices.items():
            if word in names:
                return result
        allowed = ", ".join(names[1] if len(names) > 1 else names[0] for names in choices.values())
        self.problem(key, f"'{value}' is not one of: {allowed}")
        return None

    def time(self, key: str) -> dt.time | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.time()
        if isinstance(value, dt.time):
            return value.replace(second=0, microsecond=0)
        match = _TIME.fullmatch(str(value))
        if match is None:
            self.problem(key, f"'{value}' is not a time like 15:00")
            return None
        return dt.time(int(match[1]), int(match[2]))


def _fee(row: _Row, code: str) -> FeeRule | None:
    kind = row.choice("fee_kind", _FEE_KINDS)
    per = row.choice("fee_per", _BASES, default=FeeBasis.PER_DOSSIER)
    if kind is None or per is None:
        return None
    try:
        if kind == "free":
            return Free()
        if kind == "fixed":
            amount = row.integer("fee_amount", minimum=0)
            return None if amount is None else FixedFee(amount, per)
        if kind == "per_page":
            text = row.text("fee_amount", required=True)
            tiers = []
            for part in re.split(r"[;,]", text) if text else []:
                match = _TIER.fullmatch(part)
                if match is None:
                    row.problem(
                        "fee_amount", f"'{text}' is not a list of page tiers like 1:2000, 3:1000 (page:price)"
                    )
                    return None
                tiers.append(PageTier(int(match[1]), int(match[2])))
            if not tiers:
                return None
            cap = row.integer("fee_cap", minimum=1, default=0) or None
            return PerPageFee(tuple(tiers), cap)
        key = row.text("fee_key") or code
        return ProvinceSetFee(key, per, row.text("fee_note"), row.yes_no("fee_exempt", default=False))
    except DossierError as exc:
        row.problem("fee_amount" if kind != "province" else "fee_key", str(exc.message).rstrip("."))
        return None


def _applicant_fields(row: _Row) -> tuple[ApplicantField, ...]:
    text = row.text("applicant_fields")
    found: list[ApplicantField] = []
    for part in re.split(r"[;,]", text) if text else []:
        word = part.strip().lower()
        if not word:
            continue
        try:
            found.append(ApplicantField(word))
        except ValueError:
            allowed = ", ".join(member.value for member in ApplicantField)
            row.problem("applicant_fields", f"'{part.strip()}' is not one of: {allowed}")
    return tuple(found)


def _processing_time(row: _Row) -> ProcessingTime | None:
    days = row.integer("days", minimum=0)
    cutoff = row.time("cutoff")
    counts = row.yes_no("receipt_day_counts", default=False)
    if days is None:
        return None
    if days == 0:
        return ProcessingTime(TimeKind.SAME_DAY, 0, cutoff or DEFAULT_CUTOFF)
    return ProcessingTime.days(days, receipt_day_counts=counts, cutoff=cutoff)


def _read_procedures(sheet: _Sheet, documents: dict[str, list[RequiredDocument]]) -> list[Procedure]:
    procedures: list[Procedure] = []
    seen: dict[str, int] = {}
    for row in sheet.records():
        code = row.text("code", required=True)
        if code in seen:
            row.problem("code", f"the procedure {code} is already on row {seen[code]}")
        elif code:
            seen[code] = row.number
        values: dict[str, Any] = {
            "code": code,
            "name": row.text("name", required=True),
            "sector": row.text("sector", required=True),
            "level": row.choice("level", _LEVELS),
            "processing_time": _processing_time(row),
            "fee": _fee(row, code),
            "any_residence": row.yes_no("any_residence", default=False),
            "applicant_fields": _applicant_fields(row),
            "confirmed": row.yes_no("confirmed", default=True),
            "source": row.text("source"),
            "note": row.text("note"),
        }
        if not row.ok:
            continue
        try:
            procedures.append(Procedure(documents=tuple(documents.get(code, ())), **values))
        except CatalogueFieldError as exc:
            column = _FIELD_COLUMNS.get(str(exc.params.get("field", "")), "code")
            if exc.params.get("field") == "source":
                column = "source"
            row.problem(column, str(exc.params.get("problem", exc.message)))
        except DossierError as exc:
            row.problem("code", exc.message)
    return procedures


def _read_documents(sheet: _Sheet, codes: Collection[str]) -> dict[str, list[RequiredDocument]]:
    found: dict[str, list[RequiredDocument]] = {}
    for row in sheet.records():
        code = row.text("code", required=True)
        if code and code not in codes:
            row.problem("code", f"no procedure {code} on the sheet '{PROCEDURES}'")
        name = row.text("name", required=True)
        form = row.choice("form", _FORMS)
        count = row.integer("count", minimum=1, default=1)
        required = row.yes_no("required", default=True)
        if row.ok and form is not None and count is not None:
            document = RequiredDocument(name, form, count, required, row.text("note"))
            found.setdefault(code, []).append(document)
    return found


def _read_fees(sheet: _Sheet, keys: Collection[str], communes: Collection[str] | None) -> FeeTable:
    amounts: dict[str, int] = {}
    by_commune: dict[str, dict[str, int]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in sheet.records():
        key = row.text("key", required=True)
        if key and key not in keys:
            row.problem("key", f"no procedure on the sheet '{PROCEDURES}' has the province fee key {key}")
        commune = row.text("commune")
        if commune.isdigit() and len(commune) < 5:
            commune = commune.zfill(5)  # a spreadsheet drops the leading zeros of 00070
        if commune and (len(commune) != 5 or not commune.isdigit()):
            row.problem("commune", f"'{commune}' is not a commune code of five digits (e.g. 00070)")
        elif commune and communes is not None and commune not in communes:
            row.problem("commune", f"no commune {commune} in this province")
        amount = row.integer("amount", minimum=0)
        if (key, commune) in seen:
            place = f"commune {commune}" if commune else "the whole province"
            row.problem("key", f"the amount of {key} for {place} is already on row {seen[(key, commune)]}")
        else:
            seen[(key, commune)] = row.number
        if row.ok and amount is not None:
            (by_commune.setdefault(commune, {}) if commune else amounts)[key] = amount
    return FeeTable(amounts, by_commune)


def _province_fee_keys(sheet: _Sheet) -> set[str]:
    keys = set()
    for values in sheet.rows[1 : MAX_ROWS + 1]:
        row = _Row(sheet, 0, values)
        if _norm(row.raw("fee_kind")) in _FEE_KINDS["province"]:
            keys.add(row.text("fee_key") or row.text("code"))
    return keys


def _sheet(sheets: dict[str, Rows], name: str, problems: list[SheetProblem]) -> Rows | None:
    for title, rows in sheets.items():
        if _norm(title) in _SHEET_NAMES[name]:
            return rows
    if name != FEES:
        problems.append(SheetProblem(name, 0, "", "", f"the workbook has no sheet named '{name}'"))
    return None


def catalogue_from_sheets(
    sheets: dict[str, Rows],
    *,
    version: int,
    published: dt.date,
    publisher: str,
    communes: Collection[str] | None = None,
) -> tuple[Catalogue, FeeTable | None]:
    """The catalogue and fee table the sheets hold; :class:`SpreadsheetRefused` listing every problem."""
    problems: list[SheetProblem] = []
    procedure_rows = _sheet(sheets, PROCEDURES, problems)
    document_rows = _sheet(sheets, DOCUMENTS, problems)
    fee_rows = _sheet(sheets, FEES, problems)
    if problems:
        raise SpreadsheetRefused(problems)
    assert procedure_rows is not None and document_rows is not None
    procedure_sheet = _Sheet(PROCEDURES, procedure_rows, PROCEDURE_COLUMNS, problems)
    document_sheet = _Sheet(DOCUMENTS, document_rows, DOCUMENT_COLUMNS, problems)
    fee_sheet = _Sheet(FEES, fee_rows, FEE_COLUMNS, problems) if fee_rows is not None else None
    if problems:  # the headings are wrong: the rows cannot be read
        raise SpreadsheetRefused(problems)
    codes = {_Row(procedure_sheet, 0, r).text("code") for r in procedure_rows[1:]}
    documents = _read_documents(document_sheet, codes)
    procedures = _read_procedures(procedure_sheet, documents)
    if not procedures and not problems:
        problems.append(SheetProblem(PROCEDURES, 2, "", "", "the sheet lists no procedure"))
    keys = _province_fee_keys(procedure_sheet)  # from every row: a row with a mistake still names its key
    fees = _read_fees(fee_sheet, keys, communes) if fee_sheet is not None else None
    if problems:
        raise SpreadsheetRefused(problems)
    try:
        catalogue = Catalogue(version, published, publisher, tuple(procedures))
    except DossierError as exc:
        raise SpreadsheetRefused([SheetProblem(PROCEDURES, 0, "", "", exc.message)]) from None
    return catalogue, fees


def import_catalogue_sheet(
    storage: ServerStorage,
    data: bytes,
    *,
    publisher: str,
    now: Callable[[], dt.datetime],
    version: int | None = None,
    published: dt.date | None = None,
) -> ImportedCatalogue:
    """Check an XLSX workbook and publish its catalogue (the next version unless ``version`` is given) and
    its fee table in one transaction; :class:`SpreadsheetRefused` (nothing published) if anything is wrong."""
    if not publisher.strip():
        raise BadInput("say who publishes the catalogue (e.g. Sở Tư pháp tỉnh …)")
    return import_catalogue_tables(
        storage, read_workbook(data), publisher=publisher, now=now, version=version, published=published
    )


def import_catalogue_tables(
    storage: ServerStorage,
    sheets: dict[str, Rows],
    *,
    publisher: str,
    now: Callable[[], dt.datetime],
    version: int | None = None,
    published: dt.date | None = None,
) -> ImportedCatalogue:
    """As :func:`import_catalogue_sheet`, for sheets read already (:func:`read_workbook`, CSV files)."""
    if not publisher.strip():
        raise BadInput("say who publishes the catalogue (e.g. Sở Tư pháp tỉnh …)")
    moment = now()
    chosen = version if version is not None else newest_catalogue_version(storage) + 1
    day = published if published is not None else moment.astimezone(VIETNAM_TIME).date()
    communes = {commune.code for commune in storage.list_communes()}
    catalogue, fees = catalogue_from_sheets(
        sheets, version=chosen, published=day, publisher=publisher.strip(), communes=communes
    )
    fee_version = None
    with storage.transaction() as tx:
        store_catalogue(storage, tx, catalogue, moment)
        if fees is not None:
            fee_version = store_fee_table(storage, tx, fees, moment)
    amounts = 0 if fees is None else len(fees.amounts) + sum(len(a) for a in fees.communes.values())
    return ImportedCatalogue(catalogue.version, len(catalogue), fee_version, amounts)
