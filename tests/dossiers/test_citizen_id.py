"""The 12-digit personal ID number: parsing, the place table, consistency with birth date and sex."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vietnam_provinces import ProvinceCode

from dossiers.birth_registration_places import BIRTH_REGISTRATION_PLACES
from dossiers.citizen_id import CitizenId, Sex, check_consistency, parse_citizen_id
from dossiers.errors import CitizenIdError, DossierError

PLACE_CODES = sorted(BIRTH_REGISTRATION_PLACES)


def make_number(place: str, sex: Sex, year: int, serial: int) -> str:
    """Build an ID number the way the law lays it out (independent of the code under test)."""
    century_digit = 2 * ((year - 1900) // 100) + (1 if sex is Sex.FEMALE else 0)
    return f"{place}{century_digit}{year % 100:02d}{serial:06d}"


# --- the place table ----------------------------------------------------------------------------------------


def test_place_table_has_the_63_pre_2025_provinces() -> None:
    assert len(BIRTH_REGISTRATION_PLACES) == 63
    assert all(len(code) == 3 and code.isdigit() for code in BIRTH_REGISTRATION_PLACES)
    assert min(BIRTH_REGISTRATION_PLACES) == "001"
    assert max(BIRTH_REGISTRATION_PLACES) == "096"
    assert BIRTH_REGISTRATION_PLACES["001"] == "Hà Nội"
    assert BIRTH_REGISTRATION_PLACES["031"] == "Hải Phòng"
    assert BIRTH_REGISTRATION_PLACES["048"] == "Đà Nẵng"
    assert BIRTH_REGISTRATION_PLACES["079"] == "Hồ Chí Minh"
    assert "003" not in BIRTH_REGISTRATION_PLACES  # the codes are not contiguous
    assert all(unicodedata.is_normalized("NFC", name) for name in BIRTH_REGISTRATION_PLACES.values())


def test_place_table_contains_every_post_2025_province_code() -> None:
    """Each of the 34 merged provinces kept the code of one old province."""
    for code in ProvinceCode:
        assert f"{code.value:03d}" in BIRTH_REGISTRATION_PLACES, code


def test_place_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        BIRTH_REGISTRATION_PLACES["097"] = "Somewhere"  # type: ignore[index]


# --- parsing -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "place", "sex", "year"),
    [
        ("001090123456", "Hà Nội", Sex.MALE, 1990),
        ("031185000001", "Hải Phòng", Sex.FEMALE, 1985),
        ("048201999999", "Đà Nẵng", Sex.MALE, 2001),
        ("079300000000", "Hồ Chí Minh", Sex.FEMALE, 2000),
        ("096499123456", "Cà Mau", Sex.MALE, 2199),
        ("002512123456", "Hà Giang", Sex.FEMALE, 2112),
        ("001600123456", "Hà Nội", Sex.MALE, 2200),
        ("001777123456", "Hà Nội", Sex.FEMALE, 2277),
        ("001805123456", "Hà Nội", Sex.MALE, 2305),
        ("001999123456", "Hà Nội", Sex.FEMALE, 2399),
    ],
)
def test_parse_reads_place_sex_and_birth_year(number: str, place: str, sex: Sex, year: int) -> None:
    citizen_id = parse_citizen_id(number)
    assert citizen_id == CitizenId(number, number[:3], place, sex, year)
    assert citizen_id.century == year - year % 100


def test_parse_strips_surrounding_whitespace() -> None:
    assert parse_citizen_id(" \t001090123456\r\n").number == "001090123456"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("00109012345A", "not_digits"),
        ("001 090 123 456", "not_digits"),
        ("001-090-123456", "not_digits"),
        ("٠٠١٠٩٠١٢٣٤٥٦", "not_digits"),  # Arabic-Indic digits pass str.isdigit, not this check
        ("００１０９０１２３４５６", "not_digits"),  # fullwidth digits
        ("00109012345", "length"),
        ("0010901234567", "length"),
        ("012345678", "length"),
        ("000090123456", "unknown_place"),
        ("003090123456", "unknown_place"),
        ("097090123456", "unknown_place"),
        ("999090123456", "unknown_place"),
    ],
)
def test_parse_rejects_malformed_numbers(text: str, problem: str) -> None:
    with pytest.raises(CitizenIdError) as caught:
        parse_citizen_id(text)
    assert caught.value.params["problem"] == problem
    assert isinstance(caught.value, DossierError)
    assert caught.value.code == "citizen_id"
    stripped = text.strip()
    if len(stripped) >= 6:
        assert stripped not in str(caught.value)


def test_parse_error_messages_say_what_is_wrong() -> None:
    with pytest.raises(CitizenIdError, match="only the digits 0–9; character 12 is not one"):
        parse_citizen_id("00109012345A")
    with pytest.raises(CitizenIdError, match="must have 12 digits; this one has 11"):
        parse_citizen_id("00109012345")
    with pytest.raises(CitizenIdError, match="old identity card number"):
        parse_citizen_id("012345678")
    with pytest.raises(CitizenIdError, match=r"first three digits of the ID number \(097\)"):
        parse_citizen_id("097090123456")


def test_parse_accepts_a_larger_place_table() -> None:
    places = {**BIRTH_REGISTRATION_PLACES, "400": "Somewhere abroad"}
    assert parse_citizen_id("400090123456", places).place_name == "Somewhere abroad"
    with pytest.raises(CitizenIdError):
        parse_citizen_id("400090123456")


def test_citizen_id_is_frozen_and_its_repr_hides_the_number() -> None:
    citizen_id = parse_citizen_id("001090123456")
    assert "001090123456" not in repr(citizen_id)
    with pytest.raises(dataclasses.FrozenInstanceError):
        citizen_id.number = "001090123457"  # type: ignore[misc]


# --- sex ----------------------------------------------------------------------------------------------------


def test_sex_labels_are_vietnamese() -> None:
    assert Sex.MALE.label == "Nam"
    assert Sex.FEMALE.label == "Nữ"


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("Nam", Sex.MALE),
        ("NAM", Sex.MALE),
        ("nam", Sex.MALE),
        (" Nam ", Sex.MALE),
        ("Nữ", Sex.FEMALE),
        ("NỮ", Sex.FEMALE),
        ("nữ", Sex.FEMALE),
        ("Nu", Sex.FEMALE),
        ("NU", Sex.FEMALE),
        (unicodedata.normalize("NFD", "Nữ"), Sex.FEMALE),
        ("Nư", Sex.FEMALE),
    ],
)
def test_sex_from_label_tolerates_case_and_diacritics(text: str, sex: Sex) -> None:
    assert Sex.from_label(text) is sex


@pytest.mark.parametrize("text", ["", "N", "Male", "female", "Nam Nữ", "Không", "0"])
def test_sex_from_label_rejects_other_text(text: str) -> None:
    assert Sex.from_label(text) is None


# --- consistency --------------------------------------------------------------------------------------------


def test_consistent_details_pass() -> None:
    citizen_id = parse_citizen_id("001090123456")
    check_consistency(citizen_id, dt.date(1990, 12, 31), Sex.MALE)
    check_consistency(citizen_id)
    check_consistency(citizen_id, birth_date=dt.date(1990, 1, 1))
    check_consistency(citizen_id, sex=Sex.MALE)


def test_woman_born_2001_is_inconsistent_with_a_man_born_1990() -> None:
    citizen_id = parse_citizen_id("001090123456")
    with pytest.raises(CitizenIdError) as caught:
        check_consistency(citizen_id, dt.date(2001, 5, 17), Sex.FEMALE)
    error = caught.value
    assert error.params["problem"] == "inconsistent"
    assert error.params["mismatches"] == ("sex", "century", "year")
    message = str(error)
    assert "male" in message and "female" in message
    assert "1990" in message and "2001" in message
    assert "century" in message
    assert "001090123456" not in message
    assert "090123456" not in message


@pytest.mark.parametrize(
    ("birth_date", "sex", "mismatches", "words"),
    [
        (dt.date(1990, 1, 1), Sex.FEMALE, ("sex",), ["its 4th digit says male, the sex given is female"]),
        (dt.date(2090, 1, 1), Sex.MALE, ("century",), ["born in 1990", "in 2090", "the century differs"]),
        (dt.date(1991, 1, 1), None, ("year",), ["born in 1990", "in 1991", "the last two digits differ"]),
        (dt.date(2001, 1, 1), Sex.MALE, ("century", "year"), ["the century and the last two digits differ"]),
    ],
)
def test_each_disagreement_is_named(
    birth_date: dt.date, sex: Sex | None, mismatches: tuple[str, ...], words: list[str]
) -> None:
    with pytest.raises(CitizenIdError) as caught:
        check_consistency(parse_citizen_id("001090123456"), birth_date, sex)
    assert caught.value.params["mismatches"] == mismatches
    for word in words:
        assert word in str(caught.value)
    if "sex" not in mismatches:
        assert "sex" not in str(caught.value)


# --- properties ---------------------------------------------------------------------------------------------

places = st.sampled_from(PLACE_CODES)
sexes = st.sampled_from(list(Sex))
years = st.integers(min_value=1900, max_value=2399)
serials = st.integers(min_value=0, max_value=999_999)


@given(places, sexes, years, serials)
def test_any_valid_number_round_trips(place: str, sex: Sex, year: int, serial: int) -> None:
    number = make_number(place, sex, year, serial)
    citizen_id = parse_citizen_id(number)
    assert (citizen_id.number, citizen_id.place_code, citizen_id.sex, citizen_id.birth_year) == (
        number,
        place,
        sex,
        year,
    )
    assert citizen_id.place_name == BIRTH_REGISTRATION_PLACES[place]
    check_consistency(citizen_id, dt.date(year, 6, 15), sex)


@given(places, sexes, years, serials, sexes, years)
def test_consistency_fails_exactly_when_sex_or_year_differs(
    place: str, sex: Sex, year: int, serial: int, other_sex: Sex, other_year: int
) -> None:
    citizen_id = parse_citizen_id(make_number(place, sex, year, serial))
    if other_sex is sex and other_year == year:
        check_consistency(citizen_id, dt.date(other_year, 1, 1), other_sex)
        return
    with pytest.raises(CitizenIdError) as caught:
        check_consistency(citizen_id, dt.date(other_year, 1, 1), other_sex)
    assert ("sex" in caught.value.params["mismatches"]) == (other_sex is not sex)
    assert citizen_id.number not in str(caught.value)


@given(
    places,
    sexes,
    years,
    serials,
    st.integers(min_value=0, max_value=11),
    st.characters(exclude_characters="0123456789"),
)
def test_any_non_digit_is_rejected(
    place: str, sex: Sex, year: int, serial: int, position: int, char: str
) -> None:
    number = make_number(place, sex, year, serial)
    text = number[:position] + char + number[position + 1 :]
    with pytest.raises(CitizenIdError):
        parse_citizen_id(text)


@given(st.text(alphabet="0123456789", max_size=30).filter(lambda text: len(text) != 12))
def test_any_wrong_length_is_rejected(text: str) -> None:
    with pytest.raises(CitizenIdError) as caught:
        parse_citizen_id(text)
    assert caught.value.params["problem"] in ("empty", "length")


@given(st.text(max_size=20))
def test_any_text_gives_a_citizen_id_or_a_citizen_id_error(text: str) -> None:
    try:
        citizen_id = parse_citizen_id(text)
    except CitizenIdError:
        return
    assert len(citizen_id.number) == 12 and citizen_id.number.isascii() and citizen_id.number.isdigit()
