"""The domain's value checks the server applies to each pushed event, by record type (issue 14, finding 7)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dossiers.dossier_record import RECORD_TYPE_NAME
from dossiers.dossier_values import check_dossier_fields
from dossiers.errors import DossierError
from server.errors import Forbidden

FieldsCheck = Callable[[Mapping[str, Any], str], None]
"""``check(fields, side)`` raises a ``DossierError`` if one change's fields are not allowed."""

RECORD_CHECKS: dict[str, FieldsCheck] = {RECORD_TYPE_NAME: check_dossier_fields}


class ValueRefused(Forbidden):
    """A pushed event whose values the domain refuses: its refusal is stored in its place (batch goes on)."""

    code = "events_refused"
    reason = "invalid_value"


def check_record_fields(
    checks: Mapping[str, FieldsCheck],
    record_type: str,
    event_id: object,
    fields: Mapping[str, Any],
    side: str,
) -> None:
    """Raise :class:`ValueRefused` in words if ``checks`` refuses the fields of event ``event_id``."""
    check = checks.get(record_type)
    if check is None:
        return
    try:
        check(fields, side)
    except DossierError as exc:
        raise ValueRefused(f"event {event_id} is refused: {exc.message}") from None
