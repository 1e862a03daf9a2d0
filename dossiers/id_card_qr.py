"""Read the text of the QR code on a chip ID card (CCCD), as a desk scanner types it.

The text is ``|``-separated (docs/domain.md, "Citizen identity"):

- 7 fields: ID number | old ID number (may be empty) | full name | birth date DDMMYYYY | sex | permanent
  address | issue date DDMMYYYY;
- 6 fields: the same without the old ID number.

Which layout a text has is read from its second field: empty or digits only means the old ID number
(7 fields), anything else is the name (6 fields).

Tolerated: a byte-order mark and whitespace (spaces, tabs, CR, LF, the scanner's Enter) around the text;
whitespace around each field; runs of whitespace inside a field (collapsed to one space); decomposed (NFD)
Vietnamese (normalised to NFC); sex written in any case, with or without diacritics; and **one trailing ``|``
after the last field** (an empty field after the issue date carries nothing and cannot be mistaken for data).
Not tolerated: line breaks inside the text (two scans run together), a ``|`` inside a field, a missing or
extra field. Each of these raises ``QrParseError`` naming the faulty field in ``params["field"]`` (one of
``FIELD_LABELS``' keys, or ``"text"`` for the whole text); a half-read card is never returned.

Messages name fields and never repeat the ID number, old ID number, name, address or dates (personal data); a
faulty date is kept in ``params["value"]`` for a screen that wants to show it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, NoReturn

from dossiers.citizen_id import CitizenId, Sex, check_consistency, parse_citizen_id
from dossiers.errors import CitizenIdError, QrParseError

SEPARATOR = "|"

FIELDS_WITH_OLD_ID: tuple[str, ...] = (
    "id_number",
    "old_id",
    "full_name",
    "birth_date",
    "sex",
    "address",
    "issue_date",
)
FIELDS_WITHOUT_OLD_ID: tuple[str, ...] = tuple(name for name in FIELDS_WITH_OLD_ID if name != "old_id")

FIELD_LABELS: dict[str, str] = {
    "text": "scanned text",
    "id_number": "ID number",
    "old_id": "old ID number",
    "full_name": "full name",
    "birth_date": "birth date",
    "sex": "sex",
    "address": "permanent address",
    "issue_date": "issue date",
}
"""English labels of the fields, as error messages name them (the ``field`` param holds the key)."""

_ASCII_DIGITS = re.compile(r"[0-9]+")
_DATE = re.compile(r"[0-9]{8}")
_OLD_ID = re.compile(r"[0-9]{9}|[0-9]{12}")
_NAME_PUNCTUATION = frozenset(" -'.")
_ENDS = " \t\r\n\v\f\ufeff"


@dataclass(frozen=True, slots=True, repr=False)
class IdCardData:
    """What a chip ID card's QR code says, checked and normalised (NFC, single spaces, case as printed)."""

    citizen_id: CitizenId
    old_id: str | None
    full_name: str
    birth_date: dt.date
    sex: Sex
    address: str
    issue_date: dt.date

    @property
    def id_number(self) -> str:
        return self.citizen_id.number

    def __repr__(self) -> str:
        return "IdCardData(<personal data hidden>)"


def parse_id_card_qr(text: str, *, today: dt.date) -> IdCardData:
    """Parse and check a chip ID card's QR text; ``today`` bounds the dates. Raises ``QrParseError``."""
    cleaned = unicodedata.normalize("NFC", text).strip(_ENDS)
    if not cleaned:
        _fail("text", "empty", "The scanned text is empty.")
    if "\r" in cleaned or "\n" in cleaned:
        _fail("text", "several_lines", "The scanned text holds more than one line: scan one card at a time.")
    parts = [" ".join(part.split()) for part in cleaned.split(SEPARATOR)]
    if len(parts) == 1:
        _fail("text", "no_separator", "The scanned text has no '|' separators: it is not an ID card QR code.")
    second = parts[1]
    names = FIELDS_WITH_OLD_ID if second == "" or _ASCII_DIGITS.fullmatch(second) else FIELDS_WITHOUT_OLD_ID
    if len(parts) > len(names) and parts[-1] == "":
        parts.pop()  # one trailing '|'
        if len(parts) > len(names) and parts[-1] == "":
            _fail("text", "trailing_separators", "The scanned text ends with more than one '|'.")
    return _Reader(parts, names, today).read()


def format_id_card_qr(data: IdCardData, *, with_old_id: bool = True) -> str:
    """The QR text of ``data`` (7 fields, or the 6-field variant without the old ID number)."""
    values = {
        "id_number": data.citizen_id.number,
        "old_id": data.old_id or "",
        "full_name": data.full_name,
        "birth_date": _format_date(data.birth_date),
        "sex": data.sex.label,
        "address": data.address,
        "issue_date": _format_date(data.issue_date),
    }
    names = FIELDS_WITH_OLD_ID if with_old_id else FIELDS_WITHOUT_OLD_ID
    for name in names:
        if SEPARATOR in values[name]:
            _fail(
                name, "separator_in_field", f"The {FIELD_LABELS[name]} contains '|', the QR text's separator."
            )
    return SEPARATOR.join(values[name] for name in names)


class _Reader:
    """Reads the fields of one QR text by position, failing on the first wrong one."""

    def __init__(self, parts: list[str], names: tuple[str, ...], today: dt.date) -> None:
        self.parts = parts
        self.names = names
        self.today = today
        self.note = ""
        if len(parts) != len(names):
            self.note = (
                f" (the text has {len(parts)} fields where {len(names)} were expected: "
                "a '|' is missing or out of place)"
            )

    def read(self) -> IdCardData:
        too_many = len(self.parts) > len(self.names)
        citizen_id = self._id_number(self._value("id_number"))
        old_id = self._old_id(self._value("old_id")) if "old_id" in self.names else None
        full_name = self._full_name(self._value("full_name"))
        birth_date = self._date("birth_date", self._value("birth_date"))
        sex = self._sex(self._value("sex"))
        if too_many:
            self._date("issue_date", self.parts[-1])
            self._fail(
                "address",
                "extra_field",
                "The permanent address contains a '|', or the text has a field too many",
            )
        address = self._address(self._value("address"))
        issue_date = self._date("issue_date", self._value("issue_date"))
        if issue_date <= birth_date:
            self._fail(
                "issue_date",
                "before_birth",
                "The issue date '{value}' is not after the birth date",
                value=_format_date(issue_date),
            )
        try:
            check_consistency(citizen_id, birth_date, sex)
        except CitizenIdError as error:
            self._fail(
                "id_number",
                "inconsistent",
                "The ID number does not agree with the card's birth date or sex: {detail}",
                detail=error.params["detail"],
                mismatches=error.params["mismatches"],
            )
        return IdCardData(citizen_id, old_id, full_name, birth_date, sex, address, issue_date)

    def _value(self, name: str) -> str:
        index = self.names.index(name)
        return self.parts[index] if index < len(self.parts) else ""

    def _fail(self, field: str, problem: str, template: str, **params: Any) -> NoReturn:
        _fail(
            field,
            problem,
            template + "{note}.",
            note=self.note,
            field_count=len(self.parts),
            expected_field_count=len(self.names),
            **params,
        )

    def _missing(self, name: str) -> NoReturn:
        self._fail(name, "missing", f"The {FIELD_LABELS[name]} is missing")

    def _check_printable(self, name: str, value: str) -> None:
        if any(unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn") for char in value):
            self._fail(name, "control_characters", f"The {FIELD_LABELS[name]} contains unreadable characters")

    def _id_number(self, value: str) -> CitizenId:
        if not value:
            self._missing("id_number")
        try:
            return parse_citizen_id(value)
        except CitizenIdError as error:
            self._fail(
                "id_number",
                error.params.get("problem", "invalid"),
                "{reason}",
                reason=error.message.rstrip("."),
            )

    def _old_id(self, value: str) -> str | None:
        if not value:
            return None
        if not _OLD_ID.fullmatch(value):
            self._fail("old_id", "length", "The old ID number must have 9 or 12 digits")
        return value

    def _full_name(self, value: str) -> str:
        if not value:
            self._missing("full_name")
        self._check_printable("full_name", value)
        if not all(
            char.isalpha() or char in _NAME_PUNCTUATION or unicodedata.combining(char) for char in value
        ):
            self._fail("full_name", "not_a_name", "The full name contains characters other than letters")
        if not any(char.isalpha() for char in value):
            self._fail("full_name", "not_a_name", "The full name has no letters")
        return value

    def _date(self, name: str, value: str) -> dt.date:
        label = FIELD_LABELS[name]
        if not value:
            self._missing(name)
        if not _DATE.fullmatch(value):
            self._fail(name, "not_ddmmyyyy", f"The {label} must be 8 digits, DDMMYYYY")
        try:
            date = dt.date(int(value[4:]), int(value[2:4]), int(value[:2]))
        except ValueError:
            self._fail(name, "not_a_date", f"The {label} is not a real date", value=value)
        if date > self.today:
            self._fail(
                name,
                "in_future",
                f"The {label} is after today ({{today}})",
                value=value,
                today=self.today.isoformat(),
            )
        return date

    def _sex(self, value: str) -> Sex:
        if not value:
            self._missing("sex")
        sex = Sex.from_label(value)
        if sex is None:
            self._fail("sex", "not_a_sex", "The sex must be 'Nam' or 'Nữ'")
        return sex

    def _address(self, value: str) -> str:
        if not value:
            self._missing("address")
        self._check_printable("address", value)
        if not any(char.isalpha() for char in value):
            self._fail("address", "no_letters", "The permanent address has no letters")
        return value


def _fail(field: str, problem: str, template: str, **params: Any) -> NoReturn:
    raise QrParseError(template, field=field, problem=problem, **params)


def _format_date(date: dt.date) -> str:
    return f"{date.day:02d}{date.month:02d}{date.year:04d}"
