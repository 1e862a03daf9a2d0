"""What a dossier record's fields may hold: types, sizes and legal status changes (issue 14, finding 7).

The province checks every event a workstation pushes with :func:`check_dossier_fields` before storing it,
so a damaged or hostile desk cannot put a number where a date belongs, a megabyte in a name, or a status
change the lifecycle forbids into the province's records. A refusal names the field and the rule, never
the value (which may be personal data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.dossier import Channel, ResultDelivery
from dossiers.dossier_record import transition_of
from dossiers.errors import DossierError
from dossiers.lifecycle import Actor, check_transition
from sync.change_events import canonical_json

MAX_TEXT_CHARS = 1000
"""A name, an address, a procedure's name: at most this many characters."""
MAX_SHORT_CHARS = 64
"""A code, a commune, an ID number, a phone, a clerk's login."""
MAX_FIELD_BYTES = 1024 * 1024
"""Any one field's value, as canonical JSON."""
MAX_ITEMS = 500
"""Items of a list field in one event (documents, notes, hand-overs …)."""
MAX_COUNT = 1_000_000
MAX_FEE = 10**12


class DossierValueRefused(DossierError):
    """A dossier field's value that the domain does not allow."""

    code = "dossier_value"
    template = "the dossier field '{field}' {rule}"


Check = Callable[[Any], str | None]
"""A field's rule: ``None`` if the value is allowed, else the rule in words."""


def _text(limit: int, *, optional: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            return "must be text"
        return None if len(value) <= limit else f"has at most {limit} characters"

    return check


def _choice(values: list[str], *, optional: bool = False) -> Check:
    def check(value: Any) -> str | None:
        if value is None and optional:
            return None
        return None if isinstance(value, str) and value in values else f"is one of {', '.join(values)}"

    return check


def _integer(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        return None if low <= value <= high else f"is between {low} and {high}"

    return check


def _when(kind: str, *, optional: bool = False) -> Check:
    """An ISO date (``kind`` "date"), date-time ("datetime", with its time zone), or either ("day")."""

    def check(value: Any) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or len(value) > MAX_SHORT_CHARS:
            return f"must be an ISO {kind} as text"
        try:
            if kind == "date" or (kind == "day" and len(value) == 10):
                dt.date.fromisoformat(value)
            elif dt.datetime.fromisoformat(value).utcoffset() is None:
                return "must carry its time zone"
        except ValueError:
            return f"must be an ISO {kind}"
        return None

    return check


def _items(item: Check | None = None) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, list | tuple):
            return "must be a list"
        if len(value) > MAX_ITEMS:
            return f"has at most {MAX_ITEMS} items in one change"
        if item is not None:
            for one in value:
                problem = item(one)
                if problem is not None:
                    return f"holds an item that {problem}"
        return None

    return check


def _document(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return "must be an object (name, form, count, note)"
    if not {"name", "form", "count"} <= set(value) <= {"name", "form", "count", "note"}:
        return "needs a name, a form and a count (and maybe a note)"
    return (
        _text(MAX_TEXT_CHARS)(value["name"])
        or _choice([f.value for f in DocumentForm])(value["form"])
        or _integer(0, 1000)(value["count"])
        or _text(MAX_TEXT_CHARS, optional=True)(value.get("note", ""))
    )


def _object(value: Any) -> str | None:
    return None if isinstance(value, Mapping) else "must be an object"


def _anything(value: Any) -> str | None:
    return None


RULES: dict[str, Check] = {
    "commune": _text(MAX_SHORT_CHARS),
    "procedure_code": _text(MAX_SHORT_CHARS),
    "procedure_name": _text(MAX_TEXT_CHARS),
    "applicant_name": _text(MAX_TEXT_CHARS),
    "applicant_birth_date": _when("date", optional=True),
    "applicant_sex": _choice([s.value for s in Sex], optional=True),
    "applicant_id_number": _text(MAX_SHORT_CHARS, optional=True),
    "applicant_address": _text(MAX_TEXT_CHARS, optional=True),
    "applicant_phone": _text(MAX_SHORT_CHARS, optional=True),
    "applicant_email": _text(MAX_TEXT_CHARS, optional=True),
    "channel": _choice([c.value for c in Channel]),
    "received_at": _when("datetime"),
    "received_by": _text(MAX_SHORT_CHARS),
    "received_by_name": _text(MAX_TEXT_CHARS),
    "code": _text(MAX_SHORT_CHARS),
    "appointment": _when("day", optional=True),
    "sets": _integer(1, MAX_COUNT),
    "fee": _integer(0, MAX_FEE),
    "delivery": _choice([d.value for d in ResultDelivery]),
    "register_line": lambda v: None if v is None else _integer(0, MAX_COUNT)(v),
    "returned_at": _when("datetime", optional=True),
    "documents": _items(_document),
    "corrected_documents": _object,
    "attachments": _items(),
    "hand_overs": _items(_object),
    "notes": _items(),
    "requests": _items(),
    "corrections": _items(),
    "status": _anything,  # checked against the lifecycle below
    "province_decision": _object,
}


def check_dossier_fields(fields: Mapping[str, Any], actor: Actor | str) -> None:
    """Raise :class:`DossierValueRefused` (or the lifecycle's ``IllegalTransition``) unless every field
    of one change made by ``actor`` holds a value the domain allows."""
    for name, value in fields.items():
        rule = RULES.get(name)
        if rule is None:
            raise DossierValueRefused(field=name[:40], rule="does not exist")
        if len(canonical_json(value).encode("utf-8")) > MAX_FIELD_BYTES:
            raise DossierValueRefused(field=name, rule=f"holds at most {MAX_FIELD_BYTES} bytes")
        problem = rule(value)
        if problem is not None:
            raise DossierValueRefused(field=name, rule=problem)
    if "status" in fields:
        try:
            move = transition_of(fields["status"])
        except (ValueError, TypeError):
            raise DossierValueRefused(
                field="status", rule="is a change written as from / to / by with known statuses"
            ) from None
        if move.actor is not Actor(actor):
            raise DossierValueRefused(
                field="status", rule=f"is changed here by the {Actor(actor).value} side"
            )
        check_transition(move.source, move.target, move.actor)
