"""The procedure catalogue: what each administrative procedure needs, how long it takes and what it costs.

The catalogue is reference data the province publishes as JSON; callers read the file and hand the text to
:func:`parse_catalogue`, which checks it strictly. :func:`catalogue_to_json` writes it back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NoReturn, TypeVar

from dossiers.errors import (
    CatalogueFieldError,
    CatalogueFormatError,
    DuplicateProcedure,
    FeeError,
    MissingCatalogueField,
    UnknownCatalogueField,
    UnknownProcedure,
    UnsupportedCatalogueSchema,
    WrongCatalogueFieldType,
)
from dossiers.fees import FeeBasis, FeeRule, FixedFee, Free, PageTier, PerPageFee, ProvinceSetFee
from dossiers.processing_time import DEFAULT_CUTOFF, ProcessingTime, TimeKind

SCHEMA_VERSION = 1
"""The newest catalogue JSON schema this program reads and the one it writes."""

CATALOGUE_LEVEL = "(catalogue)"
"""The ``procedure`` parameter of errors about the catalogue's own fields (not one procedure's)."""

_CODE = re.compile(r"(?P<national>\d\.\d{6})(?:\.(?P<variant>\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}))?")
_CUTOFF = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ProcedureLevel(StrEnum):
    """The level of government that handles a procedure."""

    COMMUNE = "commune"
    PROVINCE = "province"
    CENTRAL = "central"


class DocumentForm(StrEnum):
    """In what form a document is handed in."""

    ORIGINAL = "original"
    """Bản chính, kept in the dossier."""
    CERTIFIED_COPY = "certified_copy"
    """Bản sao có chứng thực (or a copy issued from the master register)."""
    PHOTOCOPY = "photocopy"
    """Bản chụp / bản photo, checked against the original."""
    PRESENTED = "presented"
    """Xuất trình: the original is shown to the officer and handed back, not kept."""


class ApplicantField(StrEnum):
    """A piece of the applicant's personal data a procedure needs (collect only what it needs)."""

    FULL_NAME = "full_name"
    BIRTH_DATE = "birth_date"
    SEX = "sex"
    ID_NUMBER = "id_number"
    ADDRESS = "address"
    PHONE = "phone"
    EMAIL = "email"
    NATIONALITY = "nationality"
    ETHNICITY = "ethnicity"
    MARITAL_STATUS = "marital_status"
    RELATIONSHIP = "relationship"
    """The applicant's relation to the person the procedure concerns (e.g. father of the child)."""


@dataclass(frozen=True, slots=True)
class RequiredDocument:
    """One document of a procedure's dossier."""

    name: str
    form: DocumentForm
    count: int = 1
    required: bool = True
    note: str = ""


@dataclass(frozen=True, slots=True)
class Procedure:
    """One administrative procedure (thủ tục hành chính) as the catalogue states it.

    ``code`` is the national code (``1.001193``), optionally with a local variant suffix made of the
    province's agency code (``2.000815.000.00.00.H38``). ``any_residence``: can be filed at any commune
    regardless of the applicant's residence (phi địa giới). ``confirmed`` is false for entries no official
    source confirmed; ``source`` says where the entry comes from.
    """

    code: str
    name: str
    sector: str
    level: ProcedureLevel
    processing_time: ProcessingTime
    documents: tuple[RequiredDocument, ...]
    fee: FeeRule
    any_residence: bool
    applicant_fields: tuple[ApplicantField, ...]
    confirmed: bool
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        code = self.code if isinstance(self.code, str) else repr(self.code)
        if not isinstance(self.code, str) or _CODE.fullmatch(self.code) is None:
            _bad(code, "code", "a procedure code looks like 1.001193 or 2.000815.000.00.00.H38")
        for name in ("name", "sector"):
            if not str(getattr(self, name)).strip():
                _bad(code, name, "must not be empty")
        for index, document in enumerate(self.documents):
            where = f"documents[{index}]"
            if not document.name.strip():
                _bad(code, f"{where}.name", "must not be empty")
            if document.count < 1:
                _bad(code, f"{where}.count", f"must be at least 1 (got {document.count})")
        if len(set(self.applicant_fields)) != len(self.applicant_fields):
            _bad(code, "applicant_fields", "lists a field more than once")
        if not self.confirmed and not self.source.strip():
            _bad(code, "source", "an unconfirmed entry must say where it comes from")

    @property
    def national_code(self) -> str:
        """The national part of the code, without a local variant suffix."""
        match = _CODE.fullmatch(self.code)
        assert match is not None
        return match["national"]

    @property
    def variant(self) -> str | None:
        """The local variant suffix (the province's agency code), if any."""
        match = _CODE.fullmatch(self.code)
        assert match is not None
        return match["variant"]


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A published catalogue of procedures. ``version`` increases with each publication."""

    version: int
    published: dt.date
    publisher: str
    procedures: tuple[Procedure, ...]
    _by_code: dict[str, Procedure] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if isinstance(self.version, bool) or not isinstance(self.version, int) or self.version < 1:
            _bad(CATALOGUE_LEVEL, "version", "must be a whole number of at least 1")
        by_code: dict[str, Procedure] = {}
        for procedure in self.procedures:
            if procedure.code in by_code:
                raise DuplicateProcedure(code_value=procedure.code)
            by_code[procedure.code] = procedure
        object.__setattr__(self, "_by_code", by_code)

    def get(self, code: str) -> Procedure:
        """The procedure with exactly this code; :class:`UnknownProcedure` if there is none."""
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            raise UnknownProcedure(code_value=code) from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)

    def __len__(self) -> int:
        return len(self.procedures)

    def is_newer(self, other: Catalogue) -> bool:
        """Whether this catalogue is a later publication than ``other`` (e.g. the installed one)."""
        return self.version > other.version


# --- reading -------------------------------------------------------------------------------------------


def _bad(procedure: str, field_path: str, problem: str) -> NoReturn:
    raise CatalogueFieldError(procedure=procedure, field=field_path, problem=problem)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


_T = TypeVar("_T")


class _Fields:
    """Strict access to one JSON object: typed fields, missing and unknown keys reported with their path."""

    def __init__(self, value: object, procedure: str, path: str, *, required: set[str], optional: set[str]):
        self.procedure = procedure
        self.path = path
        if not isinstance(value, dict):
            self.wrong(path, "an object", value)
        self.data: dict[str, Any] = value
        for key in value:
            if key not in required and key not in optional:
                raise UnknownCatalogueField(procedure=procedure, field=self.at(key))
        for key in sorted(required):
            if key not in value:
                raise MissingCatalogueField(procedure=procedure, field=self.at(key))

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def wrong(self, path: str, expected: str, value: object) -> NoReturn:
        raise WrongCatalogueFieldType(
            procedure=self.procedure, field=path or "(top level)", expected=expected, actual=_json_type(value)
        )

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, *, empty_ok: bool = False, default: str | None = None) -> str:
        if default is not None and key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, str):
            self.wrong(self.at(key), "text", value)
        if not empty_ok and not value.strip():
            _bad(self.procedure, self.at(key), "must not be empty")
        return value

    def integer(self, key: str, *, minimum: int | None = None) -> int:
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong(self.at(key), "a whole number", value)
        if minimum is not None and value < minimum:
            _bad(self.procedure, self.at(key), f"must be at least {minimum} (got {value})")
        return value

    def optional_integer(self, key: str, *, minimum: int) -> int | None:
        if self.data.get(key) is None:
            return None
        return self.integer(key, minimum=minimum)

    def boolean(self, key: str, *, default: bool | None = None) -> bool:
        if default is not None and key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            self.wrong(self.at(key), "true or false", value)
        return value

    def choice(self, key: str, enum: type[StrEnum]) -> Any:
        value = self.data[key]
        if not isinstance(value, str):
            self.wrong(self.at(key), "text", value)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            _bad(self.procedure, self.at(key), f"'{value}' is not one of: {allowed}")

    def items(
        self, key: str, read: Callable[[object, str], _T], *, allow_empty: bool = True
    ) -> tuple[_T, ...]:
        value = self.data[key]
        if not isinstance(value, list):
            self.wrong(self.at(key), "a list", value)
        if not allow_empty and not value:
            _bad(self.procedure, self.at(key), "must not be empty")
        return tuple(read(item, f"{self.at(key)}[{index}]") for index, item in enumerate(value))


def _read_cutoff(fields: _Fields, key: str, default: dt.time | None) -> dt.time | None:
    if key not in fields.data:
        return default
    value = fields.data[key]
    if value is None:
        return None
    if not isinstance(value, str):
        fields.wrong(fields.at(key), 'a time like "15:00" or null', value)
    match = _CUTOFF.fullmatch(value)
    if match is None:
        _bad(fields.procedure, fields.at(key), f"'{value}' is not a time like 15:00")
    return dt.time(int(match[1]), int(match[2]))


def _kind(value: object, procedure: str, path: str, choices: tuple[str, ...]) -> str:
    """The ``kind`` of a tagged object (processing time, fee), checked before its other keys."""
    if not isinstance(value, dict):
        raise WrongCatalogueFieldType(
            procedure=procedure, field=path, expected="an object", actual=_json_type(value)
        )
    if "kind" not in value:
        raise MissingCatalogueField(procedure=procedure, field=f"{path}.kind")
    kind = value["kind"]
    if not isinstance(kind, str):
        raise WrongCatalogueFieldType(
            procedure=procedure, field=f"{path}.kind", expected="text", actual=_json_type(kind)
        )
    if kind not in choices:
        _bad(procedure, f"{path}.kind", f"'{kind}' is not one of: {', '.join(choices)}")
    return kind


def _read_processing_time(value: object, procedure: str, path: str) -> ProcessingTime:
    kind = _kind(value, procedure, path, tuple(member.value for member in TimeKind))
    if kind == TimeKind.SAME_DAY:
        fields = _Fields(value, procedure, path, required={"kind"}, optional={"cutoff"})
        return ProcessingTime(TimeKind.SAME_DAY, 0, _read_cutoff(fields, "cutoff", DEFAULT_CUTOFF))
    fields = _Fields(
        value, procedure, path, required={"kind", "days"}, optional={"receipt_day_counts", "cutoff"}
    )
    return ProcessingTime.days(
        fields.integer("days", minimum=1),
        receipt_day_counts=fields.boolean("receipt_day_counts", default=False),
        cutoff=_read_cutoff(fields, "cutoff", None),
    )


def _read_document(value: object, procedure: str, path: str) -> RequiredDocument:
    fields = _Fields(
        value, procedure, path, required={"name", "form", "count", "required"}, optional={"note"}
    )
    return RequiredDocument(
        name=fields.text("name"),
        form=fields.choice("form", DocumentForm),
        count=fields.integer("count", minimum=1),
        required=fields.boolean("required"),
        note=fields.text("note", empty_ok=True, default=""),
    )


def _read_tier(value: object, procedure: str, path: str) -> PageTier:
    fields = _Fields(value, procedure, path, required={"from_page", "price"}, optional=set())
    return PageTier(fields.integer("from_page", minimum=1), fields.integer("price", minimum=0))


_FEE_KEYS = {
    "free": ({"kind"}, set()),
    "fixed": ({"kind", "amount", "per"}, set()),
    "per_page": ({"kind", "tiers"}, {"cap_per_copy"}),
    "province": ({"kind", "key", "per"}, {"note", "exempt"}),
}


def _read_fee(value: object, procedure: str, path: str) -> FeeRule:
    kind = _kind(value, procedure, path, tuple(_FEE_KEYS))
    required, optional = _FEE_KEYS[kind]
    fields = _Fields(value, procedure, path, required=required, optional=optional)
    try:
        if kind == "free":
            return Free()
        if kind == "fixed":
            return FixedFee(fields.integer("amount", minimum=0), fields.choice("per", FeeBasis))
        if kind == "per_page":
            tiers = fields.items("tiers", lambda item, at: _read_tier(item, procedure, at), allow_empty=False)
            return PerPageFee(tiers, fields.optional_integer("cap_per_copy", minimum=1))
        return ProvinceSetFee(
            fields.text("key"),
            fields.choice("per", FeeBasis),
            fields.text("note", empty_ok=True, default=""),
            fields.boolean("exempt", default=False),
        )
    except FeeError as error:
        _bad(procedure, path, error.message)


_PROCEDURE_REQUIRED = {
    "code",
    "name",
    "sector",
    "level",
    "processing_time",
    "documents",
    "fee",
    "any_residence",
    "applicant_fields",
    "confirmed",
    "source",
}


def _read_procedure(value: object, position: int) -> Procedure:
    label = f"#{position + 1}"
    if isinstance(value, dict) and isinstance(value.get("code"), str) and value["code"].strip():
        label = value["code"]
    fields = _Fields(value, label, "", required=_PROCEDURE_REQUIRED, optional={"note"})

    def applicant_field(item: object, at: str) -> ApplicantField:
        if not isinstance(item, str):
            fields.wrong(at, "text", item)
        try:
            return ApplicantField(item)
        except ValueError:
            allowed = ", ".join(member.value for member in ApplicantField)
            _bad(label, at, f"'{item}' is not one of: {allowed}")

    return Procedure(
        code=fields.text("code"),
        name=fields.text("name"),
        sector=fields.text("sector"),
        level=fields.choice("level", ProcedureLevel),
        processing_time=_read_processing_time(fields.data["processing_time"], label, "processing_time"),
        documents=fields.items("documents", lambda item, at: _read_document(item, label, at)),
        fee=_read_fee(fields.data["fee"], label, "fee"),
        any_residence=fields.boolean("any_residence"),
        applicant_fields=fields.items("applicant_fields", applicant_field),
        confirmed=fields.boolean("confirmed"),
        source=fields.text("source", empty_ok=True),
        note=fields.text("note", empty_ok=True, default=""),
    )


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise CatalogueFormatError(detail=f"the key '{key}' appears twice in one object")
        result[key] = value
    return result


def _reject_constant(name: str) -> NoReturn:
    raise CatalogueFormatError(detail=f"'{name}' is not a number JSON allows")


def parse_catalogue(text: str | bytes) -> Catalogue:
    """Read and check a catalogue from its JSON text (UTF-8 bytes, a byte-order mark allowed)."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CatalogueFormatError(detail=f"not UTF-8 text (byte {error.start})") from None
    if not isinstance(text, str):
        raise TypeError("parse_catalogue takes the catalogue's JSON as text or bytes")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise CatalogueFormatError(
            detail=f"invalid JSON at line {error.lineno}, column {error.colno}"
        ) from None

    if not isinstance(data, dict):
        raise WrongCatalogueFieldType(
            procedure=CATALOGUE_LEVEL, field="(top level)", expected="an object", actual=_json_type(data)
        )
    if "schema" not in data:
        raise MissingCatalogueField(procedure=CATALOGUE_LEVEL, field="schema")
    schema = data["schema"]
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise WrongCatalogueFieldType(
            procedure=CATALOGUE_LEVEL, field="schema", expected="a whole number", actual=_json_type(schema)
        )
    if schema > SCHEMA_VERSION:
        raise UnsupportedCatalogueSchema(schema=schema, supported=SCHEMA_VERSION)
    if schema < 1:
        _bad(CATALOGUE_LEVEL, "schema", f"must be at least 1 (got {schema})")

    fields = _Fields(
        data,
        CATALOGUE_LEVEL,
        "",
        required={"schema", "version", "published", "publisher", "procedures"},
        optional=set(),
    )
    version = fields.integer("version", minimum=1)
    published_text = fields.text("published")
    try:
        if _DATE.fullmatch(published_text) is None:
            raise ValueError
        published = dt.date.fromisoformat(published_text)
    except ValueError:
        _bad(CATALOGUE_LEVEL, "published", f"'{published_text}' is not a date like 2025-07-01")
    publisher = fields.text("publisher")
    raw = data["procedures"]
    if not isinstance(raw, list):
        fields.wrong("procedures", "a list", raw)
    procedures = tuple(_read_procedure(item, position) for position, item in enumerate(raw))
    return Catalogue(version=version, published=published, publisher=publisher, procedures=procedures)


# --- writing -------------------------------------------------------------------------------------------


def _time_to_json(time: ProcessingTime) -> dict[str, Any]:
    cutoff = None if time.cutoff is None else time.cutoff.strftime("%H:%M")
    if time.kind is TimeKind.SAME_DAY:
        return {"kind": time.kind.value, "cutoff": cutoff}
    return {
        "kind": time.kind.value,
        "days": time.working_days,
        "receipt_day_counts": time.receipt_day_counts,
        "cutoff": cutoff,
    }


def _fee_to_json(rule: FeeRule) -> dict[str, Any]:
    match rule:
        case Free():
            return {"kind": "free"}
        case FixedFee(amount=amount, per=per):
            return {"kind": "fixed", "amount": amount, "per": per.value}
        case PerPageFee(tiers=tiers, cap_per_copy=cap):
            return {
                "kind": "per_page",
                "tiers": [{"from_page": tier.from_page, "price": tier.price} for tier in tiers],
                "cap_per_copy": cap,
            }
        case ProvinceSetFee(key=key, per=per, note=note, exempt=exempt):
            value: dict[str, Any] = {"kind": "province", "key": key, "per": per.value, "note": note}
            if exempt:
                value["exempt"] = True
            return value
    raise TypeError(f"not a fee rule: {type(rule).__name__}")


def _procedure_to_json(procedure: Procedure) -> dict[str, Any]:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "sector": procedure.sector,
        "level": procedure.level.value,
        "processing_time": _time_to_json(procedure.processing_time),
        "documents": [
            {
                "name": document.name,
                "form": document.form.value,
                "count": document.count,
                "required": document.required,
                "note": document.note,
            }
            for document in procedure.documents
        ],
        "fee": _fee_to_json(procedure.fee),
        "any_residence": procedure.any_residence,
        "applicant_fields": [item.value for item in procedure.applicant_fields],
        "confirmed": procedure.confirmed,
        "source": procedure.source,
        "note": procedure.note,
    }


def catalogue_to_json(catalogue: Catalogue) -> str:
    """The catalogue as JSON text (current schema) that :func:`parse_catalogue` reads back unchanged."""
    data = {
        "schema": SCHEMA_VERSION,
        "version": catalogue.version,
        "published": catalogue.published.isoformat(),
        "publisher": catalogue.publisher,
        "procedures": [_procedure_to_json(procedure) for procedure in catalogue.procedures],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
