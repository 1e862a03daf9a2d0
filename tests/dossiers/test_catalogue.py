"""The procedure catalogue: the shipped seed, strict parsing with located errors, round-trips, lookups."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.catalogue import (
    CATALOGUE_LEVEL,
    SCHEMA_VERSION,
    ApplicantField,
    Catalogue,
    DocumentForm,
    Procedure,
    ProcedureLevel,
    RequiredDocument,
    catalogue_to_json,
    parse_catalogue,
)
from dossiers.errors import (
    CatalogueError,
    CatalogueFieldError,
    CatalogueFormatError,
    DossierError,
    DuplicateProcedure,
    MissingCatalogueField,
    UnknownCatalogueField,
    UnknownProcedure,
    UnsupportedCatalogueSchema,
    WrongCatalogueFieldType,
)
from dossiers.fees import FeeBasis, FixedFee, Free, PageTier, PerPageFee, ProvinceSetFee, compute_fee
from dossiers.processing_time import ProcessingTime, TimeKind
from resources import resource_path

SEED_PATH = resource_path("catalogue", "procedures.json")
DOMAIN_CODES = {"1.001193", "1.000894", "1.000656", "2.000815", "2.000884", "2.000635", "1.000593"}
DOMAIN_UNCONFIRMED = {"1.000656", "2.000884"}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Catalogue:
    return parse_catalogue(seed_text)


# --- the shipped seed ----------------------------------------------------------------------------------


def test_seed_holds_the_domain_procedures_and_more(seed: Catalogue) -> None:
    codes = {procedure.code for procedure in seed}
    assert DOMAIN_CODES <= codes
    assert len(seed) >= 12
    assert seed.version >= 1
    assert seed.publisher.strip()


def test_seed_marks_what_domain_md_does_not_confirm(seed: Catalogue) -> None:
    for procedure in seed:
        expected = procedure.code in DOMAIN_CODES - DOMAIN_UNCONFIRMED
        assert procedure.confirmed is expected, procedure.code
        assert procedure.source.strip(), procedure.code


def test_seed_entries_are_complete(seed: Catalogue) -> None:
    for procedure in seed:
        assert procedure.level is ProcedureLevel.COMMUNE
        assert any(document.required for document in procedure.documents), procedure.code
        assert ApplicantField.FULL_NAME in procedure.applicant_fields, procedure.code


def test_seed_facts_from_domain_md(seed: Catalogue) -> None:
    birth = seed.get("1.001193")
    assert birth.name == "Đăng ký khai sinh"
    assert birth.processing_time == ProcessingTime.same_day(dt.time(15, 0))
    assert isinstance(birth.fee, ProvinceSetFee)
    assert compute_fee(seed.get("2.000815").fee, pages=7) == 9_000
    assert seed.get("2.000815").any_residence is True
    assert compute_fee(seed.get("2.000635").fee, copies=2) == 16_000
    mobile = seed.get("1.000593")
    assert mobile.processing_time.kind is TimeKind.WORKING_DAYS and mobile.processing_time.working_days == 5
    assert mobile.fee == Free()
    assert seed.get("1.000894").processing_time.kind is TimeKind.SAME_DAY


def test_seed_is_written_in_canonical_form(seed: Catalogue, seed_text: str) -> None:
    assert catalogue_to_json(seed) == seed_text


def test_seed_parses_from_bytes_with_a_byte_order_mark(seed: Catalogue) -> None:
    raw = SEED_PATH.read_bytes()
    assert parse_catalogue(raw) == seed
    assert parse_catalogue(b"\xef\xbb\xbf" + raw) == seed


# --- lookups, versions, codes --------------------------------------------------------------------------


def test_get_and_unknown_procedure(seed: Catalogue) -> None:
    assert seed.get("2.000815").sector == "Chứng thực"
    assert "2.000815" in seed and "9.999999" not in seed and 2 not in seed
    with pytest.raises(UnknownProcedure, match="9.999999") as caught:
        seed.get("9.999999")
    assert caught.value.code == "unknown_procedure"
    assert isinstance(caught.value, CatalogueError)
    with pytest.raises(UnknownProcedure):
        seed.get(["1.001193"])  # type: ignore[arg-type]


def test_iteration_and_length_follow_the_published_order(seed: Catalogue) -> None:
    assert list(seed) == list(seed.procedures)
    assert len(seed) == len(seed.procedures)


def procedure(code: str = "1.001193", **changes: Any) -> Procedure:
    fields: dict[str, Any] = {
        "code": code,
        "name": "Đăng ký khai sinh",
        "sector": "Hộ tịch",
        "level": ProcedureLevel.COMMUNE,
        "processing_time": ProcessingTime.same_day(),
        "documents": (RequiredDocument("Tờ khai", DocumentForm.ORIGINAL),),
        "fee": Free(),
        "any_residence": False,
        "applicant_fields": (ApplicantField.FULL_NAME,),
        "confirmed": True,
        "source": "",
    }
    fields.update(changes)
    return Procedure(**fields)


def catalogue(version: int, *procedures: Procedure) -> Catalogue:
    return Catalogue(version, dt.date(2025, 7, 1), "Sở Tư pháp", procedures or (procedure(),))


def test_is_newer_compares_versions() -> None:
    installed, published = catalogue(3), catalogue(4)
    assert published.is_newer(installed)
    assert not installed.is_newer(published)
    assert not installed.is_newer(catalogue(3))


def test_variant_code_splits_into_national_code_and_agency_suffix() -> None:
    local = procedure("2.000815.000.00.00.H38")
    assert local.national_code == "2.000815"
    assert local.variant == "000.00.00.H38"
    plain = procedure("2.000815")
    assert plain.national_code == "2.000815" and plain.variant is None


@pytest.mark.parametrize(
    "code",
    ["1.1193", "1001193", "1.0011930", "12.001193", "1.001193.H38", "2.000815.000.00.00.h38", " 1.001193", 1],
)
def test_malformed_codes_are_refused_when_building(code: object) -> None:
    with pytest.raises(CatalogueFieldError) as caught:
        procedure(code)  # type: ignore[arg-type]
    assert caught.value.params["field"] == "code"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"sector": ""}, "sector"),
        ({"documents": (RequiredDocument("", DocumentForm.ORIGINAL),)}, "documents[0].name"),
        ({"documents": (RequiredDocument("Tờ khai", DocumentForm.ORIGINAL, 0),)}, "documents[0].count"),
        ({"applicant_fields": (ApplicantField.PHONE, ApplicantField.PHONE)}, "applicant_fields"),
        ({"confirmed": False, "source": " "}, "source"),
    ],
)
def test_invalid_procedures_are_refused_when_building(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(CatalogueFieldError) as caught:
        procedure(**changes)
    assert caught.value.params == {
        "procedure": "1.001193",
        "field": field,
        "problem": caught.value.params["problem"],
    }


def test_catalogue_refuses_duplicates_and_a_bad_version() -> None:
    with pytest.raises(DuplicateProcedure, match="1.001193"):
        catalogue(1, procedure(), procedure(name="Khác"))
    for version in (0, -1, True):
        with pytest.raises(CatalogueFieldError, match="version"):
            catalogue(version)


# --- strict parsing ------------------------------------------------------------------------------------


def minimal() -> dict[str, Any]:
    """A small valid catalogue in JSON form, for mutation."""
    return {
        "schema": 1,
        "version": 7,
        "published": "2025-07-01",
        "publisher": "Sở Tư pháp tỉnh",
        "procedures": [
            {
                "code": "1.001193",
                "name": "Đăng ký khai sinh",
                "sector": "Hộ tịch",
                "level": "commune",
                "processing_time": {"kind": "same_day", "cutoff": "15:00"},
                "documents": [
                    {"name": "Tờ khai", "form": "original", "count": 1, "required": True, "note": ""},
                    {"name": "Giấy tờ tùy thân", "form": "presented", "count": 1, "required": True},
                ],
                "fee": {"kind": "province", "key": "1.001193", "per": "dossier", "note": "miễn nếu đúng hạn"},
                "any_residence": False,
                "applicant_fields": ["full_name", "id_number"],
                "confirmed": True,
                "source": "docs/domain.md",
            },
            {
                "code": "2.000815.000.00.00.H38",
                "name": "Chứng thực bản sao từ bản chính",
                "sector": "Chứng thực",
                "level": "commune",
                "processing_time": {
                    "kind": "working_days",
                    "days": 2,
                    "receipt_day_counts": True,
                    "cutoff": "16:30",
                },
                "documents": [{"name": "Bản chính", "form": "presented", "count": 1, "required": True}],
                "fee": {
                    "kind": "per_page",
                    "tiers": [{"from_page": 1, "price": 2000}, {"from_page": 3, "price": 1000}],
                    "cap_per_copy": 200000,
                },
                "any_residence": True,
                "applicant_fields": [],
                "confirmed": False,
                "source": "test",
                "note": "Có thể kéo dài",
            },
        ],
    }


def parse(data: object) -> Catalogue:
    return parse_catalogue(json.dumps(data, ensure_ascii=False))


def test_minimal_catalogue_parses_to_the_expected_objects() -> None:
    parsed = parse(minimal())
    assert parsed.version == 7 and parsed.published == dt.date(2025, 7, 1)
    birth, local = parsed.procedures
    assert birth.documents[1] == RequiredDocument("Giấy tờ tùy thân", DocumentForm.PRESENTED, 1, True, "")
    assert birth.fee == ProvinceSetFee("1.001193", FeeBasis.PER_DOSSIER, "miễn nếu đúng hạn")
    assert birth.applicant_fields == (ApplicantField.FULL_NAME, ApplicantField.ID_NUMBER)
    assert local.processing_time == ProcessingTime.days(2, receipt_day_counts=True, cutoff=dt.time(16, 30))
    assert local.fee == PerPageFee((PageTier(1, 2000), PageTier(3, 1000)), 200_000)
    assert local.note == "Có thể kéo dài" and birth.note == ""


def test_optional_keys_take_their_defaults() -> None:
    data = minimal()
    data["procedures"][0]["processing_time"] = {"kind": "same_day"}
    data["procedures"][1]["processing_time"] = {"kind": "working_days", "days": 3}
    del data["procedures"][1]["fee"]["cap_per_copy"]
    data["procedures"][0]["fee"] = {"kind": "province", "key": "k", "per": "copy"}
    parsed = parse(data)
    assert parsed.procedures[0].processing_time == ProcessingTime.same_day()
    assert parsed.procedures[1].processing_time == ProcessingTime.days(3)
    assert parsed.procedures[1].fee == PerPageFee((PageTier(1, 2000), PageTier(3, 1000)))
    assert parsed.procedures[0].fee == ProvinceSetFee("k", FeeBasis.PER_COPY)


def test_same_day_without_cutoff_and_other_fee_kinds() -> None:
    data = minimal()
    data["procedures"][0]["processing_time"] = {"kind": "same_day", "cutoff": None}
    data["procedures"][0]["fee"] = {"kind": "fixed", "amount": 8000, "per": "copy"}
    data["procedures"][1]["fee"] = {"kind": "free"}
    parsed = parse(data)
    assert parsed.procedures[0].processing_time.cutoff is None
    assert parsed.procedures[0].fee == FixedFee(8000, FeeBasis.PER_COPY)
    assert parsed.procedures[1].fee == Free()


Mutation = Callable[[dict[str, Any]], None]


def setter(*path: Any, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def deleter(*path: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


P0 = ("procedures", 0)
P1 = ("procedures", 1)
LOCAL = "2.000815.000.00.00.H38"

FIELD_ERRORS: list[tuple[str, Mutation, type[CatalogueError], str, str]] = [
    # (case id, mutation, error class, procedure named, field named)
    ("unknown top key", setter("extra", value=1), UnknownCatalogueField, CATALOGUE_LEVEL, "extra"),
    (
        "unknown procedure key",
        setter(*P0, "colour", value="red"),
        UnknownCatalogueField,
        "1.001193",
        "colour",
    ),
    (
        "unknown document key",
        setter(*P0, "documents", 1, "pages", value=3),
        UnknownCatalogueField,
        "1.001193",
        "documents[1].pages",
    ),
    (
        "unknown fee key",
        setter(*P0, "fee", "amount", value=3),
        UnknownCatalogueField,
        "1.001193",
        "fee.amount",
    ),
    (
        "days on same day",
        setter(*P0, "processing_time", "days", value=1),
        UnknownCatalogueField,
        "1.001193",
        "processing_time.days",
    ),
    (
        "unknown tier key",
        setter(*P1, "fee", "tiers", 0, "to_page", value=2),
        UnknownCatalogueField,
        LOCAL,
        "fee.tiers[0].to_page",
    ),
    ("missing version", deleter("version"), MissingCatalogueField, CATALOGUE_LEVEL, "version"),
    ("missing procedures", deleter("procedures"), MissingCatalogueField, CATALOGUE_LEVEL, "procedures"),
    ("missing name", deleter(*P0, "name"), MissingCatalogueField, "1.001193", "name"),
    ("missing confirmed", deleter(*P1, "confirmed"), MissingCatalogueField, LOCAL, "confirmed"),
    (
        "missing document count",
        deleter(*P0, "documents", 0, "count"),
        MissingCatalogueField,
        "1.001193",
        "documents[0].count",
    ),
    (
        "missing days",
        deleter(*P1, "processing_time", "days"),
        MissingCatalogueField,
        LOCAL,
        "processing_time.days",
    ),
    (
        "missing time kind",
        deleter(*P1, "processing_time", "kind"),
        MissingCatalogueField,
        LOCAL,
        "processing_time.kind",
    ),
    ("missing fee kind", deleter(*P0, "fee", "kind"), MissingCatalogueField, "1.001193", "fee.kind"),
    ("missing code", deleter(*P0, "code"), MissingCatalogueField, "#1", "code"),
    ("version as text", setter("version", value="7"), WrongCatalogueFieldType, CATALOGUE_LEVEL, "version"),
    ("version as bool", setter("version", value=True), WrongCatalogueFieldType, CATALOGUE_LEVEL, "version"),
    ("version as float", setter("version", value=7.0), WrongCatalogueFieldType, CATALOGUE_LEVEL, "version"),
    (
        "published as number",
        setter("published", value=20250701),
        WrongCatalogueFieldType,
        CATALOGUE_LEVEL,
        "published",
    ),
    (
        "procedures as object",
        setter("procedures", value={}),
        WrongCatalogueFieldType,
        CATALOGUE_LEVEL,
        "procedures",
    ),
    ("procedure as list", setter("procedures", 1, value=[]), WrongCatalogueFieldType, "#2", "(top level)"),
    ("code as number", setter(*P0, "code", value=1.001193), WrongCatalogueFieldType, "#1", "code"),
    ("name as number", setter(*P0, "name", value=5), WrongCatalogueFieldType, "1.001193", "name"),
    (
        "documents as object",
        setter(*P0, "documents", value={}),
        WrongCatalogueFieldType,
        "1.001193",
        "documents",
    ),
    (
        "document as text",
        setter(*P0, "documents", 0, value="Tờ khai"),
        WrongCatalogueFieldType,
        "1.001193",
        "documents[0]",
    ),
    (
        "count as text",
        setter(*P0, "documents", 0, "count", value="1"),
        WrongCatalogueFieldType,
        "1.001193",
        "documents[0].count",
    ),
    (
        "count as float",
        setter(*P0, "documents", 0, "count", value=1.5),
        WrongCatalogueFieldType,
        "1.001193",
        "documents[0].count",
    ),
    (
        "required as text",
        setter(*P0, "documents", 0, "required", value="yes"),
        WrongCatalogueFieldType,
        "1.001193",
        "documents[0].required",
    ),
    (
        "note as null",
        setter(*P0, "documents", 0, "note", value=None),
        WrongCatalogueFieldType,
        "1.001193",
        "documents[0].note",
    ),
    (
        "any_residence as 1",
        setter(*P0, "any_residence", value=1),
        WrongCatalogueFieldType,
        "1.001193",
        "any_residence",
    ),
    (
        "confirmed as null",
        setter(*P0, "confirmed", value=None),
        WrongCatalogueFieldType,
        "1.001193",
        "confirmed",
    ),
    (
        "applicant fields as text",
        setter(*P0, "applicant_fields", value="full_name"),
        WrongCatalogueFieldType,
        "1.001193",
        "applicant_fields",
    ),
    (
        "applicant field as number",
        setter(*P0, "applicant_fields", 0, value=3),
        WrongCatalogueFieldType,
        "1.001193",
        "applicant_fields[0]",
    ),
    (
        "time as text",
        setter(*P0, "processing_time", value="same day"),
        WrongCatalogueFieldType,
        "1.001193",
        "processing_time",
    ),
    (
        "time kind as number",
        setter(*P0, "processing_time", "kind", value=1),
        WrongCatalogueFieldType,
        "1.001193",
        "processing_time.kind",
    ),
    (
        "cutoff as number",
        setter(*P0, "processing_time", "cutoff", value=15),
        WrongCatalogueFieldType,
        "1.001193",
        "processing_time.cutoff",
    ),
    (
        "days as text",
        setter(*P1, "processing_time", "days", value="2"),
        WrongCatalogueFieldType,
        LOCAL,
        "processing_time.days",
    ),
    (
        "receipt day as text",
        setter(*P1, "processing_time", "receipt_day_counts", value="no"),
        WrongCatalogueFieldType,
        LOCAL,
        "processing_time.receipt_day_counts",
    ),
    ("fee as null", setter(*P0, "fee", value=None), WrongCatalogueFieldType, "1.001193", "fee"),
    ("tiers as object", setter(*P1, "fee", "tiers", value={}), WrongCatalogueFieldType, LOCAL, "fee.tiers"),
    (
        "price as text",
        setter(*P1, "fee", "tiers", 0, "price", value="2000"),
        WrongCatalogueFieldType,
        LOCAL,
        "fee.tiers[0].price",
    ),
    (
        "cap as float",
        setter(*P1, "fee", "cap_per_copy", value=2e5),
        WrongCatalogueFieldType,
        LOCAL,
        "fee.cap_per_copy",
    ),
    ("version zero", setter("version", value=0), CatalogueFieldError, CATALOGUE_LEVEL, "version"),
    ("bad date", setter("published", value="2025-13-01"), CatalogueFieldError, CATALOGUE_LEVEL, "published"),
    ("date format", setter("published", value="1/7/2025"), CatalogueFieldError, CATALOGUE_LEVEL, "published"),
    ("empty publisher", setter("publisher", value=" "), CatalogueFieldError, CATALOGUE_LEVEL, "publisher"),
    ("short code", setter(*P0, "code", value="1.1193"), CatalogueFieldError, "1.1193", "code"),
    ("bad variant", setter(*P0, "code", value="1.001193.H38"), CatalogueFieldError, "1.001193.H38", "code"),
    ("empty code", setter(*P0, "code", value=""), CatalogueFieldError, "#1", "code"),
    ("empty name", setter(*P0, "name", value="  "), CatalogueFieldError, "1.001193", "name"),
    ("unknown level", setter(*P0, "level", value="district"), CatalogueFieldError, "1.001193", "level"),
    (
        "unknown form",
        setter(*P0, "documents", 0, "form", value="scan"),
        CatalogueFieldError,
        "1.001193",
        "documents[0].form",
    ),
    (
        "count zero",
        setter(*P0, "documents", 0, "count", value=0),
        CatalogueFieldError,
        "1.001193",
        "documents[0].count",
    ),
    (
        "count negative",
        setter(*P0, "documents", 1, "count", value=-2),
        CatalogueFieldError,
        "1.001193",
        "documents[1].count",
    ),
    (
        "empty document name",
        setter(*P0, "documents", 0, "name", value=""),
        CatalogueFieldError,
        "1.001193",
        "documents[0].name",
    ),
    (
        "unknown applicant field",
        setter(*P0, "applicant_fields", 1, value="religion"),
        CatalogueFieldError,
        "1.001193",
        "applicant_fields[1]",
    ),
    (
        "repeated applicant field",
        setter(*P0, "applicant_fields", value=["phone", "phone"]),
        CatalogueFieldError,
        "1.001193",
        "applicant_fields",
    ),
    (
        "unknown time kind",
        setter(*P0, "processing_time", "kind", value="weeks"),
        CatalogueFieldError,
        "1.001193",
        "processing_time.kind",
    ),
    (
        "cutoff out of range",
        setter(*P0, "processing_time", "cutoff", value="25:00"),
        CatalogueFieldError,
        "1.001193",
        "processing_time.cutoff",
    ),
    (
        "cutoff words",
        setter(*P0, "processing_time", "cutoff", value="3pm"),
        CatalogueFieldError,
        "1.001193",
        "processing_time.cutoff",
    ),
    (
        "zero days",
        setter(*P1, "processing_time", "days", value=0),
        CatalogueFieldError,
        LOCAL,
        "processing_time.days",
    ),
    (
        "unknown fee kind",
        setter(*P0, "fee", "kind", value="tax"),
        CatalogueFieldError,
        "1.001193",
        "fee.kind",
    ),
    (
        "negative amount",
        setter(*P0, "fee", value={"kind": "fixed", "amount": -5, "per": "copy"}),
        CatalogueFieldError,
        "1.001193",
        "fee.amount",
    ),
    ("unknown basis", setter(*P0, "fee", "per", value="page"), CatalogueFieldError, "1.001193", "fee.per"),
    ("empty province key", setter(*P0, "fee", "key", value=""), CatalogueFieldError, "1.001193", "fee.key"),
    ("no tiers", setter(*P1, "fee", "tiers", value=[]), CatalogueFieldError, LOCAL, "fee.tiers"),
    (
        "first tier at page 2",
        setter(*P1, "fee", "tiers", 0, "from_page", value=2),
        CatalogueFieldError,
        LOCAL,
        "fee",
    ),
    (
        "tier at page 0",
        setter(*P1, "fee", "tiers", 1, "from_page", value=0),
        CatalogueFieldError,
        LOCAL,
        "fee.tiers[1].from_page",
    ),
    (
        "negative price",
        setter(*P1, "fee", "tiers", 1, "price", value=-1),
        CatalogueFieldError,
        LOCAL,
        "fee.tiers[1].price",
    ),
    ("zero cap", setter(*P1, "fee", "cap_per_copy", value=0), CatalogueFieldError, LOCAL, "fee.cap_per_copy"),
    ("unconfirmed without source", setter(*P1, "source", value=""), CatalogueFieldError, LOCAL, "source"),
    ("schema zero", setter("schema", value=0), CatalogueFieldError, CATALOGUE_LEVEL, "schema"),
    ("schema as text", setter("schema", value="1"), WrongCatalogueFieldType, CATALOGUE_LEVEL, "schema"),
    ("missing schema", deleter("schema"), MissingCatalogueField, CATALOGUE_LEVEL, "schema"),
]


@pytest.mark.parametrize(
    ("mutate", "error", "procedure_named", "field"),
    [case[1:] for case in FIELD_ERRORS],
    ids=[case[0] for case in FIELD_ERRORS],
)
def test_invalid_fields_raise_located_errors(
    mutate: Mutation, error: type[CatalogueError], procedure_named: str, field: str
) -> None:
    data = minimal()
    mutate(data)
    with pytest.raises(error) as caught:
        parse(data)
    assert isinstance(caught.value, CatalogueFieldError)
    assert caught.value.params["procedure"] == procedure_named
    assert caught.value.params["field"] == field
    message = str(caught.value)
    assert procedure_named in message and field in message
    assert caught.value.code.startswith("catalogue")


def test_the_minimal_catalogue_is_valid_before_mutation() -> None:
    # guards the table above: each case fails because of its mutation, not because the base is broken
    parse(minimal())


def test_duplicate_codes_are_refused() -> None:
    data = minimal()
    data["procedures"].append(copy.deepcopy(data["procedures"][0]))
    with pytest.raises(DuplicateProcedure, match="1.001193") as caught:
        parse(data)
    assert caught.value.params["code_value"] == "1.001193"


def test_newer_schema_is_refused_clearly() -> None:
    data = minimal()
    data["schema"] = SCHEMA_VERSION + 1
    data["new_feature"] = {"anything": True}  # a newer schema may carry keys this program does not know
    with pytest.raises(UnsupportedCatalogueSchema, match="Update the program") as caught:
        parse(data)
    assert caught.value.params == {"schema": SCHEMA_VERSION + 1, "supported": SCHEMA_VERSION}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "invalid JSON at line 1"),
        ("", "invalid JSON"),
        ('{"schema": 1, "schema": 1}', "appears twice"),
        ('{"schema": NaN}', "NaN"),
        ('{"schema": Infinity}', "Infinity"),
    ],
)
def test_unreadable_text_is_a_format_error(text: str, fragment: str) -> None:
    with pytest.raises(CatalogueFormatError, match=fragment):
        parse_catalogue(text)


def test_non_utf8_bytes_are_a_format_error() -> None:
    with pytest.raises(CatalogueFormatError, match="UTF-8"):
        parse_catalogue("{}".encode("utf-16"))


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(WrongCatalogueFieldType, match="expected an object, got a list"):
        parse_catalogue("[]")


def test_only_text_or_bytes_are_accepted() -> None:
    with pytest.raises(TypeError):
        parse_catalogue(None)  # type: ignore[arg-type]


def test_every_catalogue_error_is_a_dossier_error_with_a_code() -> None:
    for error in (
        CatalogueFormatError,
        UnsupportedCatalogueSchema,
        CatalogueFieldError,
        MissingCatalogueField,
        UnknownCatalogueField,
        WrongCatalogueFieldType,
        DuplicateProcedure,
        UnknownProcedure,
    ):
        assert issubclass(error, CatalogueError) and issubclass(error, DossierError)
        assert error.code.startswith(("catalogue", "unknown_procedure"))


# --- round trip ----------------------------------------------------------------------------------------


def test_minimal_catalogue_round_trips() -> None:
    parsed = parse(minimal())
    text = catalogue_to_json(parsed)
    assert parse_catalogue(text) == parsed
    assert json.loads(text)["schema"] == SCHEMA_VERSION
    assert "Chứng thực" in text  # written as UTF-8 text, not \u escapes


LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐ"
words = st.builds(
    str.__add__, st.text(LETTERS, min_size=1, max_size=8), st.text(LETTERS + " ,.()-", max_size=20)
)
free_text = st.text(max_size=40)
codes = st.builds(
    lambda head, body, variant: (
        f"{head}.{body:06d}" + (f".{variant[0]:03d}.00.00.H{variant[1]:02d}" if variant else "")
    ),
    st.integers(0, 9),
    st.integers(0, 999_999),
    st.none() | st.tuples(st.integers(0, 999), st.integers(0, 99)),
)
cutoffs = st.none() | st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))
times = st.one_of(
    st.builds(lambda cutoff: ProcessingTime(TimeKind.SAME_DAY, 0, cutoff), cutoffs),
    st.builds(
        lambda n, counts, cutoff: ProcessingTime.days(n, receipt_day_counts=counts, cutoff=cutoff),
        st.integers(1, 60),
        st.booleans(),
        cutoffs,
    ),
)
tiers = st.lists(st.integers(2, 50), max_size=3, unique=True).flatmap(
    lambda starts: st.tuples(
        *[st.builds(PageTier, st.just(page), st.integers(0, 9_000)) for page in [1, *sorted(starts)]]
    )
)
fees = st.one_of(
    st.just(Free()),
    st.builds(FixedFee, st.integers(0, 10**7), st.sampled_from(FeeBasis)),
    st.builds(PerPageFee, tiers, st.none() | st.integers(1, 10**6)),
    st.builds(ProvinceSetFee, words, st.sampled_from(FeeBasis), free_text),
)
documents = st.builds(
    RequiredDocument, words, st.sampled_from(DocumentForm), st.integers(1, 5), st.booleans(), free_text
)
procedures = st.builds(
    Procedure,
    code=codes,
    name=words,
    sector=words,
    level=st.sampled_from(ProcedureLevel),
    processing_time=times,
    documents=st.lists(documents, max_size=4).map(tuple),
    fee=fees,
    any_residence=st.booleans(),
    applicant_fields=st.lists(st.sampled_from(ApplicantField), unique=True).map(tuple),
    confirmed=st.booleans(),
    source=words,
    note=free_text,
)
catalogues = st.builds(
    Catalogue,
    version=st.integers(1, 10**6),
    published=st.dates(dt.date(2015, 1, 1), dt.date(2100, 12, 31)),
    publisher=words,
    procedures=st.lists(procedures, max_size=5, unique_by=lambda procedure: procedure.code).map(tuple),
)


@given(catalogues)
def test_any_catalogue_round_trips_through_json(original: Catalogue) -> None:
    text = catalogue_to_json(original)
    assert parse_catalogue(text) == original
    assert parse_catalogue(text.encode("utf-8")) == original
    assert catalogue_to_json(parse_catalogue(text)) == text
