"""Printed dossier codes: the pattern language, formatting, parsing with named errors, round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.dossier_codes import (
    DEFAULT_PATTERN,
    CodePattern,
    DossierCode,
    format_code,
    is_agency_identifier,
    parse_code,
)
from dossiers.errors import CodePatternError, DossierCodeError

JULY_1 = dt.date(2025, 7, 1)


# --- agency identifiers and the code value ---


@pytest.mark.parametrize("text", ["000.00.01.H22", "H55.242", "H38", "2.000815.000.00.00.H38"])
def test_agency_identifiers_seen_in_the_wild(text: str) -> None:
    assert is_agency_identifier(text)


@pytest.mark.parametrize("text", ["", "h55.242", "H55..242", ".H55", "H55.", "H55-242", "H55 242", None, 55])
def test_not_agency_identifiers(text: object) -> None:
    assert not is_agency_identifier(text)


def test_dossier_code_rejects_bad_parts() -> None:
    with pytest.raises(DossierCodeError, match="agency identifier"):
        DossierCode("h55.242", JULY_1, 1)
    with pytest.raises(DossierCodeError, match="must be a date"):
        DossierCode("H55.242", dt.datetime(2025, 7, 1, 8, 0), 1)
    with pytest.raises(DossierCodeError, match="must be a date"):
        DossierCode("H55.242", "2025-07-01", 1)  # type: ignore[arg-type]
    for bad in (0, -1, True, "1", 1.0):
        with pytest.raises(DossierCodeError, match="starts at 1"):
            DossierCode("H55.242", JULY_1, bad)  # type: ignore[arg-type]


def test_dossier_code_is_frozen() -> None:
    code = DossierCode("H55.242", JULY_1, 1)
    with pytest.raises(AttributeError):
        code.sequence = 2  # type: ignore[misc]


# --- format and parse with the Circular 01/2018 pattern ---


def test_format_the_circular_01_2018_code() -> None:
    assert format_code(DossierCode("000.00.01.H22", JULY_1, 12)) == "000.00.01.H22-250701-0012"
    assert format_code(DossierCode("H55.242", dt.date(2026, 12, 31), 9999)) == "H55.242-261231-9999"


def test_parse_the_circular_01_2018_code() -> None:
    assert parse_code("000.00.01.H22-250701-0012") == DossierCode("000.00.01.H22", JULY_1, 12)


def test_parse_forgives_spaces_around_and_a_lower_case_agency() -> None:
    assert parse_code("  h55.242-250701-0001\n") == DossierCode("H55.242", JULY_1, 1)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("-250701-0001", "no agency identifier at position 1"),
        ("H55.242/250701-0001", "'-' after the agency identifier"),
        ("H55..242-250701-0001", "agency identifier 'H55..242'"),
        ("H55.242-2507-01-0001", "receipt date '2507'"),
        ("H55.242-250732-0001", "receipt date '250732'"),
        ("H55.242-250229-0001", "not a real date"),
        ("H55.242-25O701-0001", "receipt date"),
        ("H55.242-250701-001", "sequence number '001'"),
        ("H55.242-250701-00001", "sequence number '00001'"),
        ("H55.242-250701-0000", "starts at 1"),
        ("H55.242-250701-", "no sequence number"),
        ("H55.242-250701", "'-' after the receipt date"),
        ("H55.242-250701-0001-", "unexpected text '-'"),
        ("H55.242-250701-0001 bis", "unexpected text"),
        ("H55.242-250701-٠٠٠١", "no sequence number"),
    ],
)
def test_parse_names_the_wrong_part(text: str, words: str) -> None:
    with pytest.raises(DossierCodeError) as caught:
        parse_code(text)
    assert words in caught.value.message
    assert caught.value.code == "dossier_code"


def test_parse_and_format_reject_non_values() -> None:
    with pytest.raises(TypeError):
        parse_code(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_code("H55.242-250701-0001")  # type: ignore[arg-type]
    with pytest.raises(CodePatternError):
        parse_code("H55.242-250701-0001", 42)  # type: ignore[arg-type]


def test_format_refuses_what_the_pattern_cannot_print() -> None:
    with pytest.raises(DossierCodeError, match="does not fit in 4 digits"):
        format_code(DossierCode("H55.242", JULY_1, 10000))
    with pytest.raises(DossierCodeError, match="two-digit year"):
        format_code(DossierCode("H55.242", dt.date(1999, 12, 31), 1))
    assert format_code(DossierCode("H55.242", dt.date(1999, 12, 31), 1), "{agency}-{date:%Y%m%d}-{seq}") == (
        "H55.242-19991231-0001"
    )


# --- the pattern language ---


def test_default_pattern_and_defaults_of_the_fields() -> None:
    pattern = CodePattern.compile(DEFAULT_PATTERN)
    assert (pattern.width, pattern.max_sequence, pattern.date_shape) == (4, 9999, "YYMMDD")
    short = CodePattern.compile("{agency}-{date}-{seq}")
    assert (short.width, short.date_shape) == (4, "YYMMDD")
    assert format_code(DossierCode("H55.242", JULY_1, 7), short) == "H55.242-250701-0007"


def test_other_patterns_round_trip() -> None:
    pattern = "HS {seq:06d}/{date:%d%m%Y}/{agency}"
    code = DossierCode("000.00.01.H22", JULY_1, 12)
    text = format_code(code, pattern)
    assert text == "HS 000012/01072025/000.00.01.H22"
    assert parse_code(text, pattern) == code
    with pytest.raises(DossierCodeError, match="should start with 'HS '"):
        parse_code("000012/01072025/000.00.01.H22", pattern)


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("", "{agency} must appear exactly once"),
        ("{agency}-{date}", "{seq} must appear exactly once"),
        ("{agency}-{agency}-{date}-{seq}", "{agency} must appear exactly once"),
        ("{agency}{date}-{seq}", "need a separator"),
        ("{agency}a{date}-{seq}", "must not start with a letter"),
        ("{agency}.{date}-{seq}", "must not start with a letter, digit or dot"),
        ("{agency}-{date}-{seq}HS", "must not start with a letter"),
        ("{agency}-{date:%y%m}-{seq}", "one year, one month and one day"),
        ("{agency}-{date:%y%Y%m%d}-{seq}", "one year, one month and one day"),
        ("{agency}-{date:%y-%m-%d}-{seq}", "only %y, %Y, %m and %d"),
        ("{agency}-{date:%H%M}-{seq}", "only %y, %Y, %m and %d"),
        ("{agency}-{date}-{seq:4d}", "0Nd"),
        ("{agency}-{date}-{seq:00d}", "0Nd"),
        ("{agency}-{date}-{seq:010d}", "0Nd"),
        ("{agency:upper}-{date}-{seq}", "takes no format"),
        ("{office}-{date}-{seq}", "unknown field {office}"),
        ("{agency}-{date}-{seq}}", "a brace outside a field"),
        ("{{agency}-{date}-{seq}", "a brace outside a field"),
        (" {agency}-{date}-{seq}", "start or end with a space"),
    ],
)
def test_bad_patterns_say_why(pattern: str, reason: str) -> None:
    with pytest.raises(CodePatternError) as caught:
        CodePattern.compile(pattern)
    assert reason in caught.value.message
    assert caught.value.params["pattern"] == pattern
    assert isinstance(caught.value, DossierCodeError)


def test_compile_rejects_a_non_text_pattern() -> None:
    with pytest.raises(CodePatternError, match="is text"):
        CodePattern.compile(["{agency}"])  # type: ignore[arg-type]


# --- properties ---

agency_groups = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=5)
agencies = st.lists(agency_groups, min_size=1, max_size=5).map(".".join)
codes = st.builds(
    DossierCode,
    agency=agencies,
    received=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    sequence=st.integers(1, 9999),
)


@given(codes)
def test_default_round_trip(code: DossierCode) -> None:
    text = format_code(code)
    assert parse_code(text) == code
    assert format_code(parse_code(text)) == text


@st.composite
def patterns(draw: st.DrawFn) -> str:
    year = draw(st.sampled_from(["%y", "%Y"]))
    date = "".join(draw(st.permutations([year, "%m", "%d"])))
    width = draw(st.integers(4, 9))
    fields = draw(st.permutations(["{agency}", f"{{date:{date}}}", f"{{seq:0{width}d}}"]))
    separators = draw(st.lists(st.sampled_from(["-", "/", "_", " - ", "--", ":"]), min_size=2, max_size=2))
    prefix = draw(st.sampled_from(["", "HS-", "Số "]))
    suffix = draw(st.sampled_from(["", "/TN", "-X"]))
    return f"{prefix}{fields[0]}{separators[0]}{fields[1]}{separators[1]}{fields[2]}{suffix}"


@given(patterns(), codes)
def test_round_trip_for_any_valid_pattern(pattern: str, code: DossierCode) -> None:
    compiled = CodePattern.compile(pattern)
    assert parse_code(format_code(code, compiled), compiled) == code


@given(st.text(alphabet="H5.2-0179/ aX٣", max_size=30))
def test_parse_fails_only_with_a_dossier_code_error(text: str) -> None:
    try:
        code = parse_code(text)
    except DossierCodeError as error:
        assert error.message
    else:
        assert format_code(code) == text.strip().upper()
