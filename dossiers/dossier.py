"""A dossier as the desk sees it: the applicant, what was handed in, dates, status, hand-overs.

This is the domain's read model, built from the dossier record the sync engine derives from events; forms,
reports and the desk's screens are made from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.dossier_codes import DossierCode
from dossiers.lifecycle import Status


class Channel(StrEnum):
    """How the dossier reached the centre (national channel numbers)."""

    IN_PERSON = "1"
    ONLINE = "2"
    POST = "3"


class ResultDelivery(StrEnum):
    """Where the citizen collects the result."""

    DESK = "desk"
    POST = "post"


class HandOverResult(StrEnum):
    """How a hand-over stood against its deadline (control sheet, Mẫu 06)."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"


@dataclass(frozen=True, slots=True)
class Applicant:
    """The person filing the dossier; only the fields the procedure needs are filled in."""

    full_name: str
    birth_date: dt.date | None = None
    sex: Sex | None = None
    id_number: str | None = None
    address: str = ""
    phone: str = ""
    email: str = ""

    def __repr__(self) -> str:  # personal data stays out of logs and tracebacks
        return "Applicant(<personal data hidden>)"


@dataclass(frozen=True, slots=True)
class ReceivedDocument:
    """A document handed in at the desk."""

    name: str
    form: DocumentForm
    count: int = 1
    note: str = ""


@dataclass(frozen=True, slots=True)
class HandOver:
    """One row of the control sheet: who gave the dossier to whom, and when."""

    from_party: str
    to_party: str
    at: dt.datetime
    by: str
    due: dt.date | None = None
    result: HandOverResult | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Office:
    """The receiving office printed on forms: the commune centre and its agency identifier."""

    agency_identifier: str
    name: str
    """e.g. "Trung tâm Phục vụ hành chính công xã Tân Hòa"."""
    parent_name: str
    """The authority above it, e.g. "Ủy ban nhân dân xã Tân Hòa"."""
    place: str
    """The place name used in the dateline, e.g. "Tân Hòa"."""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Dossier:
    """A dossier received at the desk."""

    dossier_id: str
    procedure_code: str
    procedure_name: str
    applicant: Applicant
    received_at: dt.datetime
    status: Status
    code: DossierCode | None = None
    appointment: dt.date | None = None
    channel: Channel = Channel.IN_PERSON
    documents: tuple[ReceivedDocument, ...] = ()
    sets: int = 1
    fee: int = 0
    delivery: ResultDelivery = ResultDelivery.DESK
    received_by: str = ""
    """The receiving clerk's login (who wrote the reception)."""
    received_by_name: str = ""
    """The receiving clerk's full name as printed on the forms, written at reception (empty before it was)."""
    register_line: int | None = None
    hand_overs: tuple[HandOver, ...] = ()
    notes: tuple[str, ...] = field(default=())
    returned_at: dt.datetime | None = None
