"""The dossier as a sync record: its fields, each field's merge policy, and the way back to a ``Dossier``.

Policies (docs/design.md §3):
- applicant details, procedure, dates, fee, code: ``register`` (concurrent different values are a conflict);
- documents received and attachments: ``set``; hand-overs, notes, requests, corrections: ``log`` (add-only);
- the documents as last corrected: ``register`` (``corrected_documents``: the corrected list and the set's
  items it replaces, so two concurrent corrections are a conflict and documents added later still show);
- the status: ``state``, folded by :class:`LifecycleMachine` from ``dossiers.lifecycle``;
- the province's processing decision: ``owned`` by the province.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from dossiers.catalogue import DocumentForm
from dossiers.citizen_id import Sex
from dossiers.dossier import (
    Applicant,
    Channel,
    Dossier,
    HandOver,
    HandOverResult,
    ReceivedDocument,
    ResultDelivery,
)
from dossiers.dossier_codes import format_code, parse_code
from dossiers.lifecycle import INITIAL_STATUS, Actor, Status, Transition, check_transition, order_concurrent
from sync.change_events import canonical_json
from sync.field_policies import RecordType, add_only_set, log, owned, register, state

RECORD_TYPE_NAME = "dossier"
DESK_SIDE = Actor.DESK.value
PROVINCE_SIDE = Actor.PROVINCE.value


class LifecycleMachine:
    """The sync engine's view of the dossier lifecycle.

    A transition is recorded as ``{"from": <status>, "to": <status>, "by": <actor>}``: the status its writer
    saw, the status it moves to, and who made it.
    """

    initial = INITIAL_STATUS.value

    def apply(self, current: Any, transition: Any) -> str:
        move = transition_of(transition)
        status = Status(current)
        if status is move.source:
            return check_transition(status, move.target, move.actor).target.value
        if status is move.target:
            move.rule  # noqa: B018 - legal where it was made; its effect is already there
            return status.value
        # Ordered after a concurrent transition: legal from the status that one reached?
        return check_transition(status, move.target, move.actor).target.value

    def can_order(self, first: Any, second: Any) -> bool:
        a, b = transition_of(first), transition_of(second)
        if a.source is not b.source:
            return False  # made from different statuses: a person decides
        order = order_concurrent(a, b)
        if order is None:
            return False
        return len(order) == 1 or order[0] == a


def transition_value(source: Status, target: Status, actor: Actor) -> dict[str, str]:
    """The JSON value a status change is written as (checked against the lifecycle first)."""
    check_transition(source, target, actor)
    return {"from": source.value, "to": target.value, "by": actor.value}


def transition_of(value: Any) -> Transition:
    """Read a recorded transition back; a malformed one raises ``ValueError``."""
    if not isinstance(value, Mapping) or set(value) != {"from", "to", "by"}:
        raise ValueError("a status change is recorded as from/to/by")
    return Transition(Status(value["from"]), Status(value["to"]), Actor(value["by"]))


LIFECYCLE_MACHINE = LifecycleMachine()

APPLICANT_FIELDS = (
    "applicant_name",
    "applicant_birth_date",
    "applicant_sex",
    "applicant_id_number",
    "applicant_address",
    "applicant_phone",
    "applicant_email",
)

DOSSIER_RECORD = RecordType(
    RECORD_TYPE_NAME,
    [
        register("commune"),
        register("procedure_code"),
        register("procedure_name"),
        *(register(name) for name in APPLICANT_FIELDS),
        register("channel"),
        register("received_at"),
        register("received_by"),
        register("received_by_name"),
        register("code"),
        register("appointment"),
        register("sets"),
        register("fee"),
        register("delivery"),
        register("register_line"),
        register("returned_at"),
        add_only_set("documents"),
        register("corrected_documents"),
        add_only_set("attachments"),
        log("hand_overs"),
        log("notes"),
        log("requests"),
        log("corrections"),
        state("status", LIFECYCLE_MACHINE),
        owned("province_decision", PROVINCE_SIDE),
    ],
)
"""The dossier record type. ``commune`` is its scope: a device only syncs its own commune's dossiers."""

SCOPE_FIELD = "commune"


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _datetime(value: dt.datetime) -> str:
    return value.isoformat()


def document_value(document: ReceivedDocument) -> dict[str, Any]:
    return {
        "name": document.name,
        "form": document.form.value,
        "count": document.count,
        "note": document.note,
    }


def hand_over_value(hand_over: HandOver) -> dict[str, Any]:
    return {
        "from": hand_over.from_party,
        "to": hand_over.to_party,
        "at": _datetime(hand_over.at),
        "by": hand_over.by,
        "due": _date(hand_over.due),
        "result": None if hand_over.result is None else hand_over.result.value,
        "note": hand_over.note,
    }


def applicant_field_values(applicant: Applicant) -> dict[str, Any]:
    """Every applicant record field with its value for ``applicant`` (``None`` or ``""`` where empty)."""
    return {
        "applicant_name": applicant.full_name,
        "applicant_birth_date": _date(applicant.birth_date),
        "applicant_sex": None if applicant.sex is None else applicant.sex.value,
        "applicant_id_number": applicant.id_number or None,
        "applicant_address": applicant.address,
        "applicant_phone": applicant.phone,
        "applicant_email": applicant.email,
    }


def applicant_fields(applicant: Applicant) -> dict[str, Any]:
    """The record fields for an applicant (empty ones left out: collect only what the procedure needs)."""
    values = applicant_field_values(applicant)
    return {name: value for name, value in values.items() if value not in (None, "")}


def new_dossier_fields(dossier: Dossier, commune: str) -> dict[str, Any]:
    """The fields of the first event of a dossier received at the desk (its status is written separately)."""
    fields: dict[str, Any] = {
        "commune": commune,
        "procedure_code": dossier.procedure_code,
        "procedure_name": dossier.procedure_name,
        **applicant_fields(dossier.applicant),
        "channel": dossier.channel.value,
        "received_at": _datetime(dossier.received_at),
        "received_by": dossier.received_by,
        "sets": dossier.sets,
        "fee": dossier.fee,
        "delivery": dossier.delivery.value,
        "documents": [document_value(document) for document in dossier.documents],
    }
    if dossier.code is not None:
        fields["code"] = format_code(dossier.code)
    if dossier.appointment is not None:
        fields["appointment"] = dossier.appointment.isoformat()
    if dossier.received_by_name:
        fields["received_by_name"] = dossier.received_by_name
    if dossier.register_line is not None:
        fields["register_line"] = dossier.register_line
    if dossier.notes:
        fields["notes"] = list(dossier.notes)
    return fields


def dossier_from_values(dossier_id: str, values: Mapping[str, Any]) -> Dossier:
    """The desk's view of a dossier from its merged record values (provisional winners where in conflict)."""

    def get(name: str, default: Any = None) -> Any:
        return values.get(name, default)

    birth = get("applicant_birth_date")
    sex = get("applicant_sex")
    applicant = Applicant(
        full_name=get("applicant_name", ""),
        birth_date=None if birth is None else dt.date.fromisoformat(birth),
        sex=None if sex is None else Sex(sex),
        id_number=get("applicant_id_number"),
        address=get("applicant_address", ""),
        phone=get("applicant_phone", ""),
        email=get("applicant_email", ""),
    )
    code = get("code")
    appointment = get("appointment")
    returned = get("returned_at")
    return Dossier(
        dossier_id=dossier_id,
        procedure_code=get("procedure_code", ""),
        procedure_name=get("procedure_name", ""),
        applicant=applicant,
        received_at=dt.datetime.fromisoformat(get("received_at")),
        status=Status(get("status", INITIAL_STATUS.value)),
        code=None if code is None else parse_code(code),
        appointment=None if appointment is None else dt.date.fromisoformat(appointment),
        channel=Channel(get("channel", Channel.IN_PERSON.value)),
        documents=tuple(
            ReceivedDocument(item["name"], DocumentForm(item["form"]), item["count"], item.get("note", ""))
            for item in received_documents(values)
        ),
        sets=get("sets", 1),
        fee=get("fee", 0),
        delivery=ResultDelivery(get("delivery", ResultDelivery.DESK.value)),
        received_by=get("received_by", ""),
        received_by_name=get("received_by_name", ""),
        register_line=get("register_line"),
        hand_overs=tuple(_hand_over(item) for item in get("hand_overs", ())),
        notes=tuple(get("notes", ())),
        returned_at=None if returned is None else dt.datetime.fromisoformat(returned),
    )


def received_documents(values: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The documents received, as last corrected: the corrected list (``corrected_documents``), then the items
    of the ``documents`` set that correction had not seen (added later, or concurrently elsewhere)."""
    items = list(values.get("documents", ()))
    corrected = values.get("corrected_documents")
    if not isinstance(corrected, Mapping):
        return items
    replaced = {canonical_json(item) for item in corrected.get("replaces", ())}
    return [
        *corrected.get("documents", ()),
        *(item for item in items if canonical_json(item) not in replaced),
    ]


def _hand_over(item: Mapping[str, Any]) -> HandOver:
    due = item.get("due")
    result = item.get("result")
    return HandOver(
        from_party=item["from"],
        to_party=item["to"],
        at=dt.datetime.fromisoformat(item["at"]),
        by=item["by"],
        due=None if due is None else dt.date.fromisoformat(due),
        result=None if result is None else HandOverResult(result),
        note=item.get("note", ""),
    )


def search_texts(values: Mapping[str, Any]) -> list[str]:
    """What the desk's search box finds a dossier by: name, ID number, code, phone."""
    keys = ("applicant_name", "applicant_id_number", "code", "applicant_phone")
    return [str(values[key]) for key in keys if values.get(key)]
