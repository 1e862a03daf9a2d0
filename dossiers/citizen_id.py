"""The 12-digit personal ID number (số định danh cá nhân, the number on the CCCD / căn cước card).

Layout (Decree 137/2015/NĐ-CP Art. 13, Circular 07/2016/TT-BCA Art. 7): digits 1–3 the province (or
country) of birth registration; digit 4 the century of birth and the sex (1900s: 0 male / 1 female,
2000s: 2/3, 2100s: 4/5, 2200s: 6/7, 2300s: 8/9); digits 5–6 the last two digits of the birth year;
digits 7–12 a serial. There is no check digit, so validation is: length, digits, a known place code, and
agreement with the birth date and sex.

Error messages never repeat the full number (personal data); they name the part that is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from dossiers.birth_registration_places import BIRTH_REGISTRATION_PLACES
from dossiers.errors import CitizenIdError
from sync.folding import fold

ID_LENGTH = 12
FIRST_CENTURY = 1900
"""Digit 4 = 0 or 1 means born in the 1900s; each following pair of values is one century later."""


class Sex(StrEnum):
    """Sex as the ID number and the ID card record it."""

    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        """The Vietnamese label printed on the card."""
        return "Nam" if self is Sex.MALE else "Nữ"

    @classmethod
    def from_label(cls, text: str) -> Sex | None:
        """The sex a card label names ("Nam"/"Nữ", any case, with or without diacritics), or None."""
        return _LABELS.get(fold(text))


_LABELS: dict[str, Sex] = {"nam": Sex.MALE, "nu": Sex.FEMALE}


@dataclass(frozen=True, slots=True)
class CitizenId:
    """A well-formed personal ID number and what its first six digits say.

    The repr leaves the number out, so that logging the object does not log the ID.
    """

    number: str = field(repr=False)
    place_code: str
    place_name: str
    sex: Sex
    birth_year: int

    @property
    def century(self) -> int:
        """The first year of the century of birth (1900, 2000, …)."""
        return self.birth_year - self.birth_year % 100


def parse_citizen_id(text: str, places: Mapping[str, str] = BIRTH_REGISTRATION_PLACES) -> CitizenId:
    """Read a 12-digit personal ID number; surrounding whitespace is ignored.

    ``places`` maps three-digit codes to place names (the 63 pre-2025 provinces by default; a province may add
    the country codes for births registered abroad). Raises ``CitizenIdError`` with a ``problem`` param:
    ``empty``, ``not_digits``, ``length`` or ``unknown_place``.
    """
    number = text.strip()
    if not number:
        raise CitizenIdError("The ID number is empty.", problem="empty")
    for position, char in enumerate(number, start=1):
        if char not in "0123456789":
            raise CitizenIdError(
                "The ID number may contain only the digits 0–9; character {position} is not one.",
                problem="not_digits",
                position=position,
            )
    if len(number) != ID_LENGTH:
        hint = ""
        if len(number) == 9:
            hint = " (a 9-digit number is an old identity card number, not a personal ID number)"
        raise CitizenIdError(
            "The ID number must have 12 digits; this one has {length}{hint}.",
            problem="length",
            length=len(number),
            hint=hint,
        )
    place_code = number[:3]
    place_name = places.get(place_code)
    if place_name is None:
        raise CitizenIdError(
            "The first three digits of the ID number ({place_code}) are not a known place of birth "
            "registration.",
            problem="unknown_place",
            place_code=place_code,
        )
    century_sex = int(number[3])
    sex = Sex.MALE if century_sex % 2 == 0 else Sex.FEMALE
    birth_year = FIRST_CENTURY + 100 * (century_sex // 2) + int(number[4:6])
    return CitizenId(
        number=number, place_code=place_code, place_name=place_name, sex=sex, birth_year=birth_year
    )


def check_consistency(
    citizen_id: CitizenId, birth_date: dt.date | None = None, sex: Sex | None = None
) -> None:
    """Raise ``CitizenIdError`` if the ID number disagrees with a birth date or a sex; ``None`` skips a check.

    The error's params: ``problem="inconsistent"``, ``mismatches`` (a tuple of ``"sex"``, ``"century"``,
    ``"year"``), ``detail`` (the English explanation), and the values compared.
    """
    mismatches: list[str] = []
    details: list[str] = []
    params: dict[str, object] = {}
    if sex is not None and sex is not citizen_id.sex:
        mismatches.append("sex")
        details.append(f"its 4th digit says {citizen_id.sex.value}, the sex given is {sex.value}")
        params.update(id_sex=citizen_id.sex, given_sex=sex)
    if birth_date is not None and birth_date.year != citizen_id.birth_year:
        given = birth_date.year
        params.update(id_birth_year=citizen_id.birth_year, given_birth_year=given)
        century_differs = given - given % 100 != citizen_id.century
        year_differs = given % 100 != citizen_id.birth_year % 100
        if century_differs:
            mismatches.append("century")
        if year_differs:
            mismatches.append("year")
        which = {
            (True, True): "the century and the last two digits differ",
            (True, False): "the century differs",
            (False, True): "the last two digits differ",
        }[century_differs, year_differs]
        details.append(
            f"its 4th–6th digits say born in {citizen_id.birth_year}, the birth date is in {given} ({which})"
        )
    if mismatches:
        detail = "; ".join(details)
        raise CitizenIdError(
            "The ID number does not match the person's details: {detail}.",
            problem="inconsistent",
            mismatches=tuple(mismatches),
            detail=detail,
            **params,
        )
