"""The province's own calendar days, published with the reference data: days off and make-up working days.

The government moves days each year (Tết bridges, a Saturday worked in exchange for a Monday); the province
publishes them in ``calendar/province_days.json`` of a reference-data release::

    {"format": "motcua-province-days", "version": 1,
     "days_off": [{"day": "2027-02-05", "name_vi": "Nghỉ bù Tết", "name_en": "Tết bridge day"}],
     "make_up_days": ["2027-02-20"]}

The desk's working calendar (:class:`dossiers.working_calendar.WorkingCalendar`) takes them first.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dossiers.errors import ProvinceDaysFormatError
from dossiers.working_calendar import ProvinceDayOff

FORMAT = "motcua-province-days"
MAX_ENTRIES = 2000


def _date(text: Any, where: str) -> dt.date:
    if not isinstance(text, str):
        raise ProvinceDaysFormatError(f"{where}: a date is written as text, YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ProvinceDaysFormatError(f"{where}: {text[:20]!r} is not a date (YYYY-MM-DD)") from None


def parse_province_days(data: bytes) -> tuple[tuple[ProvinceDayOff, ...], frozenset[dt.date]]:
    """The days off and make-up working days in ``data``; refuses anything not as documented, in words."""
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise ProvinceDaysFormatError("the province's days are not valid JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != 1:
        raise ProvinceDaysFormatError(f'the file is not a "{FORMAT}" version 1 document')
    days_off, make_up = doc.get("days_off", []), doc.get("make_up_days", [])
    if not isinstance(days_off, list) or not isinstance(make_up, list):
        raise ProvinceDaysFormatError("days_off and make_up_days are lists")
    if len(days_off) + len(make_up) > MAX_ENTRIES:
        raise ProvinceDaysFormatError(f"more than {MAX_ENTRIES} days")
    parsed: list[ProvinceDayOff] = []
    for number, entry in enumerate(days_off, 1):
        where = f"days_off entry {number}"
        if not isinstance(entry, dict):
            raise ProvinceDaysFormatError(f"{where}: an entry has day, name_vi and (optionally) name_en")
        name_vi, name_en = entry.get("name_vi"), entry.get("name_en", "")
        if not isinstance(name_vi, str) or not name_vi.strip() or not isinstance(name_en, str):
            raise ProvinceDaysFormatError(f"{where}: name_vi is the day's name in Vietnamese")
        parsed.append(
            ProvinceDayOff(_date(entry.get("day"), where), name_vi.strip()[:200], name_en.strip()[:200])
        )
    worked = frozenset(_date(text, f"make_up_days entry {n}") for n, text in enumerate(make_up, 1))
    both = {day.day for day in parsed} & worked
    if both:
        raise ProvinceDaysFormatError(f"{min(both).isoformat()} is both a day off and a make-up working day")
    return tuple(parsed), worked
