"""The status actions a dossier's page offers, what each writes, and the form each prints.

What is offered follows the lifecycle (``DossierPage.allowed`` for the desk); the label is the lifecycle's
action label. The apology with a new date (Mẫu 04) is not a status change: it writes the new appointment and
a note. Every form is built *before* anything is written, so a bad input (no missing document, an empty
reason, a new date not after the old one) is refused with nothing saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.dossier_page.field_words import vietnamese
from dossiers.dossier import Dossier, HandOver, Office
from dossiers.dossier_record import hand_over_value, transition_value
from dossiers.errors import (
    DossierError,
    FormNeedsAppointment,
    FormNeedsDossierCode,
    IllegalTransition,
    MissingFormText,
    NewDateNotLater,
    NothingMissing,
)
from dossiers.lifecycle import Action, Actor, Status, is_terminal, rule_for
from dossiers.official_forms import (
    DESK_NAME,
    MissingDocument,
    OfficialForm,
    build_apology,
    build_refusal,
    build_stop_notice,
    build_supplement_request,
)
from sync.errors import AttachmentError, ConflictOpen, SyncError, TransitionRefused, WrongSide
from workstation.dossier_desk import DossierDesk, DossierPage

APOLOGY = "apology"
"""The key of the apology-with-a-new-date action (Mẫu 04), which is not a status change."""

REASON_REQUIRED = frozenset({Action.REFUSE.value, Action.STOP.value, APOLOGY})


@dataclass(frozen=True, slots=True)
class Offer:
    """One action the page offers: a lifecycle action (``key`` is its value) or the apology."""

    key: str
    target: Status | None
    form: str | None

    @property
    def label(self) -> str:
        if self.key == APOLOGY:
            return QCoreApplication.translate("StatusActions", "Apologise and set a new date")
        action = Action(self.key)
        text = action.label_vi if vietnamese() else action.label_en.capitalize()
        return f"{text} ({self.form})" if self.form and self.form != "Mẫu 06" else text


@dataclass(frozen=True, slots=True)
class ActionInputs:
    """What the clerk typed for an action."""

    reason: str = ""
    missing: tuple[MissingDocument, ...] = ()
    new_date: dt.date | None = None
    handed_to: str = ""


@dataclass(frozen=True, slots=True)
class Write:
    """What an action writes: a status change (``target``, ``note``) or fields (``fields``)."""

    target: Status | None = None
    note: str = ""
    fields: dict[str, Any] = field(default_factory=dict)

    def apply(self, desk: DossierDesk, dossier_id: str) -> None:
        """Run it (off the UI thread)."""
        if self.fields:
            desk.update(dossier_id, self.fields)
        elif self.target is not None:
            desk.change_status(dossier_id, self.target, note=self.note)


def offered(page: DossierPage) -> list[Offer]:
    """The actions for this dossier, in the lifecycle's order, plus the apology while it is still open."""
    status = page.dossier.status
    offers = []
    for target in page.allowed:
        rule = rule_for(status, target)
        if rule is not None:
            offers.append(Offer(rule.action.value, target, rule.form))
    if not is_terminal(status) and status is not Status.PROCESSED and page.dossier.appointment is not None:
        if page.dossier.code is not None:
            offers.append(Offer(APOLOGY, None, "Mẫu 04"))
    return offers


def form_for(
    offer: Offer, dossier: Dossier, office: Office, inputs: ActionInputs, *, clerk: str, today: dt.date
) -> OfficialForm | None:
    """The form printed for ``offer`` (None if it prints none); raises the form's ``DossierError``."""
    if offer.key == Action.REQUEST_SUPPLEMENT.value:
        return build_supplement_request(
            dossier, office, inputs.missing, issued_on=today, guiding_officer=clerk
        )
    if offer.key == Action.REFUSE.value:
        return build_refusal(dossier, office, reason=inputs.reason, issued_on=today, officer=clerk)
    if offer.key == Action.STOP.value:
        return build_stop_notice(dossier, office, reason=inputs.reason, issued_on=today)
    if offer.key == APOLOGY:
        if inputs.new_date is None:
            raise MissingFormText(form="Mẫu 04", what="the new appointment date")
        return build_apology(dossier, office, new_date=inputs.new_date, reason=inputs.reason, issued_on=today)
    return None


def plan(offer: Offer, dossier: Dossier, inputs: ActionInputs, *, clerk: str, now: dt.datetime) -> Write:
    """The write for ``offer`` (status moves are checked against the lifecycle: ``IllegalTransition``)."""
    reason = inputs.reason.strip()
    if offer.key == APOLOGY:
        if inputs.new_date is None:
            raise MissingFormText(form="Mẫu 04", what="the new appointment date")
        old = dossier.appointment.isoformat() if dossier.appointment else "-"
        note = f"Mẫu 04: hẹn lại {old} → {inputs.new_date.isoformat()}. {reason}".strip()
        return Write(fields={"appointment": inputs.new_date.isoformat(), "notes": [note]})
    assert offer.target is not None
    status = transition_value(dossier.status, offer.target, Actor.DESK)
    if offer.key == Action.HAND_OVER.value:
        hand_over = HandOver(
            from_party=DESK_NAME,
            to_party=inputs.handed_to.strip() or QCoreApplication.translate("StatusActions", "Processing"),
            at=now,
            by=clerk,
            due=dossier.appointment,
            note=reason,
        )
        return Write(fields={"status": status, "hand_overs": [hand_over_value(hand_over)]})
    if offer.key == Action.REQUEST_SUPPLEMENT.value:
        if not inputs.missing:
            raise NothingMissing(form="Mẫu 02")
        items = [{"name": item.name.strip(), "reason": item.reason.strip()} for item in inputs.missing]
        names = ", ".join(item["name"] for item in items)
        request = {"form": "Mẫu 02", "at": now.isoformat(), "by": clerk, "items": items}
        note = f"Mẫu 02: {names}" + (f". {reason}" if reason else "")
        return Write(fields={"status": status, "requests": [request], "notes": [note]})
    if offer.key in REASON_REQUIRED and not reason:
        raise MissingFormText(form=offer.form or "", what="the reason")
    return Write(target=offer.target, note=reason)


def error_text(error: BaseException) -> str:
    """A refusal or failure in the clerk's words (nothing personal in it)."""

    if isinstance(error, NothingMissing):
        return QCoreApplication.translate(
            "StatusActions", "List every missing or incomplete document, in one go: none was listed."
        )
    if isinstance(error, NewDateNotLater):
        return QCoreApplication.translate(
            "StatusActions", "The new appointment date must be after the current one (%1)."
        ).replace("%1", _iso_to_short(error.params.get("old_date", "")))
    if isinstance(error, MissingFormText):
        return QCoreApplication.translate(
            "StatusActions", "Something the form must state is empty: fill in every line and the reason."
        )
    if isinstance(error, FormNeedsDossierCode):
        return QCoreApplication.translate(
            "StatusActions", "This form needs the dossier's code; it has none yet."
        )
    if isinstance(error, FormNeedsAppointment):
        return QCoreApplication.translate(
            "StatusActions", "This form needs an appointment date; there is none."
        )
    if isinstance(error, IllegalTransition):
        return QCoreApplication.translate(
            "StatusActions", "This change is not allowed for the dossier's present status."
        )
    if isinstance(error, ConflictOpen):
        return QCoreApplication.translate(
            "StatusActions", "This part of the dossier has an open conflict: resolve the conflict first."
        )
    if isinstance(error, TransitionRefused):
        return QCoreApplication.translate(
            "StatusActions",
            "The status changed meanwhile (another desk or the province): look at the page again and retry.",
        )
    if isinstance(error, WrongSide):
        return QCoreApplication.translate("StatusActions", "Only the province may change this.")
    if isinstance(error, AttachmentError):
        return QCoreApplication.translate(
            "StatusActions", "The attachment cannot be read: it is missing or damaged."
        )
    if isinstance(error, DossierError | SyncError):
        return QCoreApplication.translate("StatusActions", "The desk refused this: %1").replace(
            "%1", error.__class__.__name__
        )
    return QCoreApplication.translate(
        "StatusActions", "Something went wrong; nothing was changed. Try again, or tell IT (%1)."
    ).replace("%1", error.__class__.__name__)


def _iso_to_short(text: str) -> str:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
