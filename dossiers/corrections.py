"""Correcting a saved dossier's details: what may still be corrected in which status, and the one event a
correction is.

A correction is not a lifecycle action: the status does not move. It is one change event holding the changed
fields and an entry of the dossier's ``corrections`` log (the fields' names, the reason, who, when, which
side), so the timeline shows it and the audit trail keeps the old values in the earlier events.

The rules (docs/design.md §3, "Corrections"), the same for the desk and for the province's server:

- **Contact details** (address, phone, email): by the desk or the province, in every status until the result
  is returned. A refused, withdrawn or stopped dossier still needs the citizen reached (papers to hand back,
  the notice of Mẫu 03/05); a returned result closes the dossier as it was handed over.
- **Identity** (full name, date of birth, sex, ID number): by the desk while the dossier is at the desk (new,
  accepted and not yet handed over, or waiting for the citizen's supplement, which goes through the desk and
  is handed over again with a new control-sheet row); by the province also while it processes (processing,
  waiting for a financial obligation), since its officer checks the identity against the papers. Never once
  processed: the result already carries the identity; a wrong result is redone through its own procedure.
- **Documents received**: by the desk only (it holds the papers and listed them on the receipt), while the
  dossier is at the desk.

Every correction needs a reason and must change something; corrected values are checked as at reception: a
name is not empty, a birth date is not after today, an ID number is well formed and agrees with the birth
year and the sex, a document has a name and a count of at least one.

Offline, the rules hold for the status the writer saw: a correction made on a workstation that has not yet
heard of the province's latest move is merged like any other write (a concurrent correction of the same
field is a conflict for a person to resolve).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dossiers.citizen_id import check_consistency, parse_citizen_id
from dossiers.dossier import Applicant, Dossier, ReceivedDocument
from dossiers.dossier_record import applicant_field_values, document_value
from dossiers.errors import (
    CorrectionNeedsReason,
    CorrectionNotAllowed,
    InvalidCorrectedValue,
    NothingCorrected,
)
from dossiers.lifecycle import Actor, Status


class Correctable(StrEnum):
    """A detail a correction may change; the value is the record field it is written to."""

    NAME = "applicant_name"
    BIRTH_DATE = "applicant_birth_date"
    SEX = "applicant_sex"
    ID_NUMBER = "applicant_id_number"
    ADDRESS = "applicant_address"
    PHONE = "applicant_phone"
    EMAIL = "applicant_email"
    DOCUMENTS = "corrected_documents"

    @property
    def label_en(self) -> str:
        return _LABELS[self]


_LABELS: dict[Correctable, str] = {
    Correctable.NAME: "full name",
    Correctable.BIRTH_DATE: "date of birth",
    Correctable.SEX: "sex",
    Correctable.ID_NUMBER: "ID number",
    Correctable.ADDRESS: "address",
    Correctable.PHONE: "phone",
    Correctable.EMAIL: "email",
    Correctable.DOCUMENTS: "documents received",
}

CONTACT = frozenset({Correctable.ADDRESS, Correctable.PHONE, Correctable.EMAIL})
IDENTITY = frozenset({Correctable.NAME, Correctable.BIRTH_DATE, Correctable.SEX, Correctable.ID_NUMBER})
DOCUMENTS = frozenset({Correctable.DOCUMENTS})

AT_THE_DESK = frozenset({Status.NEW, Status.ACCEPTED, Status.SUPPLEMENT_REQUESTED})
"""The dossier is with the desk: being checked, accepted and not handed over, or waiting for a supplement."""
IN_PROCESSING = frozenset({Status.PROCESSING, Status.FINANCIAL_OBLIGATION_REQUESTED})
"""The province (or the commune officer) is processing it."""
CONTACT_CLOSED = frozenset({Status.RESULT_RETURNED})
"""After these, nothing may be corrected."""

CORRECTIONS_FIELD = "corrections"
"""The dossier's log of corrections (one entry per correction event)."""


def correctable(status: Status | str, actor: Actor | str) -> frozenset[Correctable]:
    """The details ``actor`` may correct on a dossier in ``status`` (see the module's rules)."""
    status, actor = Status(status), Actor(actor)
    allowed: set[Correctable] = set()
    if status not in CONTACT_CLOSED:
        allowed |= CONTACT
    if status in AT_THE_DESK or (actor is Actor.PROVINCE and status in IN_PROCESSING):
        allowed |= IDENTITY
    if actor is Actor.DESK and status in AT_THE_DESK:
        allowed |= DOCUMENTS
    return frozenset(allowed)


def check_allowed(status: Status | str, actor: Actor | str, fields: Iterable[Correctable]) -> None:
    """Raise ``CorrectionNotAllowed`` if any of ``fields`` may not be corrected now by ``actor``."""
    status, actor = Status(status), Actor(actor)
    refused = sorted(set(fields) - correctable(status, actor), key=list(Correctable).index)
    if refused:
        raise CorrectionNotAllowed(
            actor=actor.label_en,
            actor_code=actor.value,
            fields=", ".join(field.label_en for field in refused),
            field_codes=tuple(field.value for field in refused),
            status=status.label_en,
            status_code=status.value,
        )


@dataclass(frozen=True, slots=True)
class Correction:
    """What a correction asks for: the applicant and the documents as they should be, and why."""

    applicant: Applicant
    documents: tuple[ReceivedDocument, ...]
    reason: str

    def __repr__(self) -> str:  # the applicant and the reason stay out of logs
        return f"Correction({len(self.documents)} documents)"


def changed_fields(dossier: Dossier, correction: Correction) -> tuple[Correctable, ...]:
    """The details ``correction`` changes on ``dossier``, in the order of :class:`Correctable`."""
    old, new = applicant_field_values(dossier.applicant), applicant_field_values(correction.applicant)
    changed = [field for field in Correctable if field in IDENTITY | CONTACT and old[field] != new[field]]
    if correction.documents != dossier.documents:
        changed.append(Correctable.DOCUMENTS)
    return tuple(changed)


def check_values(correction: Correction, changed: Iterable[Correctable], today: dt.date) -> None:
    """Check the corrected values as at reception; raise ``InvalidCorrectedValue`` or ``CitizenIdError``."""
    changed = frozenset(changed)
    applicant = correction.applicant
    if Correctable.NAME in changed and not applicant.full_name.strip():
        raise InvalidCorrectedValue(field="full name", field_code=Correctable.NAME.value, problem="empty")
    if (
        applicant.birth_date is not None
        and applicant.birth_date > today
        and Correctable.BIRTH_DATE in changed
    ):
        raise InvalidCorrectedValue(
            field="date of birth", field_code=Correctable.BIRTH_DATE.value, problem="after_today"
        )
    if changed & {Correctable.ID_NUMBER, Correctable.BIRTH_DATE, Correctable.SEX} and applicant.id_number:
        check_consistency(parse_citizen_id(applicant.id_number), applicant.birth_date, applicant.sex)
    if Correctable.DOCUMENTS in changed:
        for document in correction.documents:
            if not document.name.strip():
                raise InvalidCorrectedValue(
                    field="documents received", field_code=Correctable.DOCUMENTS.value, problem="unnamed"
                )
            if isinstance(document.count, bool) or not isinstance(document.count, int) or document.count < 1:
                raise InvalidCorrectedValue(
                    field="documents received", field_code=Correctable.DOCUMENTS.value, problem="count"
                )


def check_correction(
    dossier: Dossier, correction: Correction, *, actor: Actor | str, today: dt.date
) -> tuple[Correctable, ...]:
    """The fields ``correction`` changes, once it passes every rule (reason, something changed, the lifecycle
    rules for ``actor`` in the dossier's status, the values)."""
    if not correction.reason.strip():
        raise CorrectionNeedsReason()
    changed = changed_fields(dossier, correction)
    if not changed:
        raise NothingCorrected()
    check_allowed(dossier.status, actor, changed)
    check_values(correction, changed, today)
    return changed


def correction_fields(
    values: Mapping[str, Any],
    dossier: Dossier,
    correction: Correction,
    *,
    actor: Actor | str,
    by: str,
    at: dt.datetime,
) -> dict[str, Any]:
    """The fields of the one event recording ``correction`` (checked first: see :func:`check_correction`).

    ``values`` are the dossier record's current values (a documents correction names the items it replaces),
    ``dossier`` the read model made from them.
    """
    actor = Actor(actor)
    changed = check_correction(dossier, correction, actor=actor, today=at.date())
    new = applicant_field_values(correction.applicant)
    fields: dict[str, Any] = {
        field.value: new[field] for field in changed if field is not Correctable.DOCUMENTS
    }
    if Correctable.DOCUMENTS in changed:
        fields[Correctable.DOCUMENTS.value] = {
            "documents": [document_value(document) for document in correction.documents],
            "replaces": list(values.get("documents", ())),
        }
    fields[CORRECTIONS_FIELD] = [
        {
            "fields": [field.value for field in changed],
            "reason": correction.reason.strip(),
            "by": by,
            "at": at.isoformat(),
            "side": actor.value,
        }
    ]
    return fields
