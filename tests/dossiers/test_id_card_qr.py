"""Reading the chip ID card's QR text as a desk scanner types it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossiers.birth_registration_places import BIRTH_REGISTRATION_PLACES
from dossiers.citizen_id import Sex, parse_citizen_id
from dossiers.errors import DossierError, QrParseError
from dossiers.id_card_qr import (
    FIELD_LABELS,
    FIELDS_WITH_OLD_ID,
    FIELDS_WITHOUT_OLD_ID,
    IdCardData,
    format_id_card_qr,
    parse_id_card_qr,
)

TODAY = dt.date(2026, 6, 1)
ID = "001090123456"
OLD_ID = "012345678"
NAME = "Nguyễn Văn A"
ADDRESS = "Số 1 Hàng Bạc, Hoàn Kiếm, Hà Nội"
GOOD = f"{ID}|{OLD_ID}|{NAME}|01011990|Nam|{ADDRESS}|15042021"
PERSONAL = (ID, OLD_ID, NAME, "Nguyễn", ADDRESS, "Hàng Bạc")


def parse(text: str) -> IdCardData:
    return parse_id_card_qr(text, today=TODAY)


def assert_good(data: IdCardData, *, old_id: str | None = OLD_ID) -> None:
    assert data.id_number == ID
    assert data.citizen_id == parse_citizen_id(ID)
    assert data.old_id == old_id
    assert data.full_name == NAME
    assert data.birth_date == dt.date(1990, 1, 1)
    assert data.sex is Sex.MALE
    assert data.address == ADDRESS
    assert data.issue_date == dt.date(2021, 4, 15)


def parse_error(text: str) -> QrParseError:
    with pytest.raises(QrParseError) as caught:
        parse(text)
    error = caught.value
    message = str(error)
    for secret in PERSONAL:
        assert secret not in message, (secret, message)
        assert all(secret not in str(value) for value in error.params.values())
    assert error.params["field"] in FIELD_LABELS
    return error


# --- good texts ---------------------------------------------------------------------------------------------


def test_the_reference_text_parses() -> None:
    assert_good(parse(GOOD))


@pytest.mark.parametrize(
    "text",
    [
        GOOD + "\r",
        GOOD + "\n",
        GOOD + "\r\n",
        "\r\n" + GOOD + "\r\n",
        "\ufeff" + GOOD,
        " \ufeff" + GOOD + " \t",
        "  " + GOOD.replace("|", "  |  ") + "  ",
        GOOD.replace("|", "\t|\t"),
        GOOD.replace(NAME, "Nguyễn   Văn\u00a0 A"),
        GOOD.replace(ADDRESS, " Số 1  Hàng Bạc,   Hoàn Kiếm, Hà Nội "),
        unicodedata.normalize("NFD", GOOD),
        unicodedata.normalize("NFD", GOOD) + "\r\n",
    ],
    ids=[
        "CR",
        "LF",
        "CRLF",
        "leading-CRLF",
        "BOM",
        "BOM-spaces",
        "spaces-around-fields",
        "tabs-around-fields",
        "spaces-in-name",
        "spaces-in-address",
        "NFD",
        "NFD-CRLF",
    ],
)
def test_scanner_noise_is_tolerated(text: str) -> None:
    data = parse(text)
    assert_good(data)
    assert unicodedata.is_normalized("NFC", data.full_name)
    assert unicodedata.is_normalized("NFC", data.address)


def test_empty_old_id_gives_none() -> None:
    assert_good(parse(GOOD.replace(f"|{OLD_ID}|", "||")), old_id=None)
    assert_good(parse(GOOD.replace(f"|{OLD_ID}|", "|   |")), old_id=None)


def test_twelve_digit_old_id_is_accepted() -> None:
    assert_good(parse(GOOD.replace(OLD_ID, "012345678901")), old_id="012345678901")


def test_six_field_variant_without_old_id() -> None:
    assert_good(parse(GOOD.replace(f"|{OLD_ID}|", "|")), old_id=None)


@pytest.mark.parametrize(
    "text",
    [GOOD + "|", GOOD + " | \r\n", GOOD.replace(f"|{OLD_ID}|", "|") + "|", GOOD.replace(OLD_ID, "") + "|"],
)
def test_one_trailing_separator_is_tolerated(text: str) -> None:
    data = parse(text)
    assert data.full_name == NAME and data.issue_date == dt.date(2021, 4, 15)


@pytest.mark.parametrize(("label", "sex"), [("NAM", Sex.MALE), ("nam", Sex.MALE), ("NỮ", Sex.FEMALE)])
def test_sex_is_case_and_diacritic_tolerant(label: str, sex: Sex) -> None:
    number = "001190123456" if sex is Sex.FEMALE else ID
    assert parse(GOOD.replace(ID, number).replace("|Nam|", f"|{label}|")).sex is sex


@pytest.mark.parametrize("label", ["Nữ", "nữ", "Nu", "nu", unicodedata.normalize("NFD", "Nữ")])
def test_female_labels(label: str) -> None:
    data = parse(GOOD.replace(ID, "001190123456").replace("|Nam|", f"|{label}|"))
    assert data.sex is Sex.FEMALE


def test_name_case_is_kept_as_on_the_card() -> None:
    assert parse(GOOD.replace(NAME, "NGUYỄN VĂN A")).full_name == "NGUYỄN VĂN A"
    assert parse(GOOD.replace(NAME, "H'Hen Niê")).full_name == "H'Hen Niê"


def test_issue_date_today_and_birth_date_today_are_not_in_the_future() -> None:
    born_today = f"079326000001||Trần Thị B|{TODAY:%d%m%Y}|Nữ|Phường 1, TP. Hồ Chí Minh|{TODAY:%d%m%Y}"
    error = parse_error(born_today)
    assert error.params["field"] == "issue_date" and error.params["problem"] == "before_birth"
    data = parse(GOOD.replace("15042021", f"{TODAY:%d%m%Y}"))
    assert data.issue_date == TODAY


def test_result_is_frozen_and_its_repr_hides_personal_data() -> None:
    data = parse(GOOD)
    for secret in PERSONAL:
        assert secret not in repr(data)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.full_name = "Someone else"  # type: ignore[misc]


# --- wrong texts: every field -------------------------------------------------------------------------------

WRONG: list[tuple[str, Callable[[str], str], str, str]] = [
    ("empty", lambda t: "", "text", "empty"),
    ("only-whitespace", lambda t: " \ufeff\r\n ", "text", "empty"),
    ("no-separator", lambda t: t.replace("|", " "), "text", "no_separator"),
    ("two-scans", lambda t: t + "\r\n" + t, "text", "several_lines"),
    ("line-break-inside", lambda t: t.replace("Hoàn Kiếm", "Hoàn\nKiếm"), "text", "several_lines"),
    ("id-empty", lambda t: t.replace(ID, ""), "id_number", "missing"),
    ("id-letter", lambda t: t.replace(ID, "00109012345O"), "id_number", "not_digits"),
    ("id-spaces", lambda t: t.replace(ID, "001 090 123 456"), "id_number", "not_digits"),
    ("id-short", lambda t: t.replace(ID, "00109012345"), "id_number", "length"),
    ("id-unknown-place", lambda t: t.replace(ID, "097090123456"), "id_number", "unknown_place"),
    ("id-wrong-sex", lambda t: t.replace("|Nam|", "|Nữ|"), "id_number", "inconsistent"),
    ("id-wrong-year", lambda t: t.replace("01011990", "01011991"), "id_number", "inconsistent"),
    ("id-wrong-century", lambda t: t.replace(ID, "001290123456"), "id_number", "inconsistent"),
    ("old-id-length", lambda t: t.replace(OLD_ID, "12345"), "old_id", "length"),
    ("name-empty", lambda t: t.replace(NAME, " "), "full_name", "missing"),
    ("name-digits", lambda t: t.replace(NAME, "Nguyễn Văn 4"), "full_name", "not_a_name"),
    ("name-symbols", lambda t: t.replace(NAME, "Nguyễn Văn A*"), "full_name", "not_a_name"),
    ("name-no-letters", lambda t: t.replace(NAME, "- ."), "full_name", "not_a_name"),
    ("name-control", lambda t: t.replace(NAME, "Nguyễn\x00Văn A"), "full_name", "control_characters"),
    ("name-with-pipe", lambda t: t.replace(NAME, "Nguyễn|Văn A"), "birth_date", "not_ddmmyyyy"),
    ("birth-empty", lambda t: t.replace("01011990", ""), "birth_date", "missing"),
    ("birth-slashes", lambda t: t.replace("01011990", "01/01/1990"), "birth_date", "not_ddmmyyyy"),
    ("birth-short", lambda t: t.replace("01011990", "0101990"), "birth_date", "not_ddmmyyyy"),
    ("birth-not-real", lambda t: t.replace("01011990", "31021990"), "birth_date", "not_a_date"),
    ("birth-month-13", lambda t: t.replace("01011990", "01131990"), "birth_date", "not_a_date"),
    ("birth-future", lambda t: t.replace("01011990", "02062026"), "birth_date", "in_future"),
    ("birth-future-century", lambda t: t.replace("01011990", "01012090"), "birth_date", "in_future"),
    ("sex-empty", lambda t: t.replace("|Nam|", "||"), "sex", "missing"),
    ("sex-other", lambda t: t.replace("|Nam|", "|X|"), "sex", "not_a_sex"),
    ("sex-missing-field", lambda t: t.replace("|Nam|", "|"), "sex", "not_a_sex"),
    ("address-empty", lambda t: t.replace(ADDRESS, ""), "address", "missing"),
    ("address-missing-field", lambda t: t.replace(f"|{ADDRESS}", ""), "address", "no_letters"),
    ("address-no-letters", lambda t: t.replace(ADDRESS, "1, 2, 3"), "address", "no_letters"),
    ("address-control", lambda t: t.replace("Hàng Bạc", "Hàng\x07Bạc"), "address", "control_characters"),
    ("address-with-pipe", lambda t: t.replace("Bạc, Hoàn", "Bạc| Hoàn"), "address", "extra_field"),
    ("address-with-two-pipes", lambda t: t.replace(", ", "|"), "address", "extra_field"),
    ("issue-empty", lambda t: t.replace("|15042021", "|"), "issue_date", "missing"),
    ("issue-missing-field", lambda t: t.replace("|15042021", ""), "issue_date", "missing"),
    ("issue-not-real", lambda t: t.replace("15042021", "29022021"), "issue_date", "not_a_date"),
    ("issue-future", lambda t: t.replace("15042021", "02062026"), "issue_date", "in_future"),
    ("issue-before-birth", lambda t: t.replace("15042021", "31121989"), "issue_date", "before_birth"),
    ("issue-on-birth-day", lambda t: t.replace("15042021", "01011990"), "issue_date", "before_birth"),
    (
        "issue-not-date-after-extra",
        lambda t: t.replace("Bạc,", "Bạc|").replace("15042021", "x"),
        "issue_date",
        "not_ddmmyyyy",
    ),
    ("two-trailing-pipes", lambda t: t + "||", "text", "trailing_separators"),
    (
        "six-field-two-trailing-pipes",
        lambda t: t.replace(f"|{OLD_ID}|", "|") + "| |",
        "text",
        "trailing_separators",
    ),
    (
        "six-field-missing-sex",
        lambda t: t.replace(f"|{OLD_ID}|", "|").replace("|Nam|", "|"),
        "sex",
        "not_a_sex",
    ),
    (
        "six-field-pipe-in-address",
        lambda t: t.replace(f"|{OLD_ID}|", "|").replace("Bạc,", "Bạc|"),
        "address",
        "extra_field",
    ),
]


@pytest.mark.parametrize(("mutate", "field", "problem"), [w[1:] for w in WRONG], ids=[w[0] for w in WRONG])
def test_each_wrong_field_is_named(mutate: Callable[[str], str], field: str, problem: str) -> None:
    error = parse_error(mutate(GOOD))
    assert (error.params["field"], error.params["problem"]) == (field, problem), str(error)
    assert isinstance(error, DossierError) and error.code == "qr_parse"
    if field != "text":
        assert FIELD_LABELS[field].lower() in str(error).lower()


def test_not_a_real_date_message_quotes_the_date() -> None:
    error = parse_error(GOOD.replace("01011990", "31022001"))
    assert error.params == {
        "field": "birth_date",
        "problem": "not_a_date",
        "value": "31022001",
        "note": "",
        "field_count": 7,
        "expected_field_count": 7,
    }
    assert str(error) == "The birth date is not a real date."  # the date itself stays in params only


def test_a_pipe_in_the_address_says_so_and_counts_fields() -> None:
    error = parse_error(GOOD.replace("Bạc,", "Bạc|"))
    assert error.params["field"] == "address"
    assert error.params["field_count"] == 8 and error.params["expected_field_count"] == 7
    assert "contains a '|'" in str(error)
    assert "8 fields where 7 were expected" in str(error)


def test_inconsistent_id_names_what_disagrees() -> None:
    error = parse_error(GOOD.replace("|Nam|", "|Nữ|").replace("01011990", "01012001"))
    assert error.params["mismatches"] == ("sex", "century", "year")
    assert "female" in str(error) and "2001" in str(error)


def test_a_non_date_is_not_quoted() -> None:
    error = parse_error(GOOD.replace(NAME, "Nguyễn|Văn A"))
    assert "Văn" not in str(error)
    assert "value" not in error.params


# --- formatting ---------------------------------------------------------------------------------------------


def test_format_gives_back_the_card_text() -> None:
    data = parse(GOOD)
    assert format_id_card_qr(data) == GOOD
    assert format_id_card_qr(data, with_old_id=False) == GOOD.replace(f"|{OLD_ID}|", "|")
    assert format_id_card_qr(dataclasses.replace(data, old_id=None)) == GOOD.replace(OLD_ID, "")


def test_format_refuses_a_separator_inside_a_field() -> None:
    data = dataclasses.replace(parse(GOOD), address="Số 1 | Hàng Bạc")
    with pytest.raises(QrParseError) as caught:
        format_id_card_qr(data)
    assert caught.value.params["field"] == "address"
    assert "Hàng Bạc" not in str(caught.value)


def test_field_tuples_match_the_documented_layouts() -> None:
    assert FIELDS_WITH_OLD_ID == (
        "id_number",
        "old_id",
        "full_name",
        "birth_date",
        "sex",
        "address",
        "issue_date",
    )
    assert FIELDS_WITHOUT_OLD_ID == tuple(f for f in FIELDS_WITH_OLD_ID if f != "old_id")


# --- properties ---------------------------------------------------------------------------------------------

VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
LETTERS = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()
words = st.text(alphabet=LETTERS, min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=5).map(" ".join)
address_words = st.text(alphabet=LETTERS + "0123456789,./-", min_size=1, max_size=10)
addresses = st.tuples(words, st.lists(address_words, max_size=8)).map(lambda t: " ".join([t[0], *t[1]]))
old_ids = st.one_of(
    st.none(), st.from_regex(r"[0-9]{9}", fullmatch=True), st.from_regex(r"[0-9]{12}", fullmatch=True)
)


@st.composite
def card_data(draw: st.DrawFn) -> IdCardData:
    place = draw(st.sampled_from(sorted(BIRTH_REGISTRATION_PLACES)))
    sex = draw(st.sampled_from(list(Sex)))
    birth = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY - dt.timedelta(days=1)))
    issue = draw(st.dates(min_value=birth + dt.timedelta(days=1), max_value=TODAY))
    serial = draw(st.integers(min_value=0, max_value=999_999))
    century_digit = 2 * ((birth.year - 1900) // 100) + (1 if sex is Sex.FEMALE else 0)
    number = f"{place}{century_digit}{birth.year % 100:02d}{serial:06d}"
    return IdCardData(
        citizen_id=parse_citizen_id(number),
        old_id=draw(old_ids),
        full_name=draw(names),
        birth_date=birth,
        sex=sex,
        address=draw(addresses),
        issue_date=issue,
    )


@given(card_data())
def test_formatting_then_parsing_round_trips(data: IdCardData) -> None:
    assert parse(format_id_card_qr(data)) == data
    assert parse(format_id_card_qr(data, with_old_id=False)) == dataclasses.replace(data, old_id=None)


@given(card_data(), st.sampled_from(["\r", "\n", "\r\n", "|", "|\r\n", " "]), st.booleans())
def test_round_trip_survives_scanner_noise(data: IdCardData, ending: str, nfd: bool) -> None:
    text = "\ufeff" + format_id_card_qr(data) + ending
    if nfd:
        text = unicodedata.normalize("NFD", text)
    assert parse(text) == data


def expect_only_qr_parse_errors(text: str) -> None:
    try:
        data = parse(text)
    except QrParseError as error:
        assert error.params["field"] in FIELD_LABELS
        return
    assert isinstance(data, IdCardData)
    assert data.birth_date < data.issue_date <= TODAY


@given(st.text())
def test_random_text_raises_only_qr_parse_error(text: str) -> None:
    expect_only_qr_parse_errors(text)


@given(st.lists(st.text(alphabet=LETTERS + "0123456789 \r\n\t\ufeff", max_size=14), max_size=9).map("|".join))
def test_random_pipe_separated_text_raises_only_qr_parse_error(text: str) -> None:
    expect_only_qr_parse_errors(text)


@given(card_data(), st.data())
def test_mutated_valid_text_raises_only_qr_parse_error(data: IdCardData, draw: st.DataObject) -> None:
    text = format_id_card_qr(data)
    position = draw.draw(st.integers(min_value=0, max_value=len(text)))
    insert = draw.draw(st.sampled_from(["|", "", "0", "a", "\n", "\x00", "Ư"]))
    cut = draw.draw(st.integers(min_value=0, max_value=3))
    expect_only_qr_parse_errors(text[:position] + insert + text[position + cut :])
