"""What the new-dossier screen asks of the desk beyond ``DossierDesk``'s own methods (no Qt; these block:
call them off the UI thread). A typed province fee, the attachments of a saved dossier, and a dossier
recorded as waiting for a supplement (lifecycle: NEW → SUPPLEMENT_REQUESTED, by the desk, Mẫu 02)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

from dossiers.dossier import Dossier
from dossiers.dossier_record import RECORD_TYPE_NAME, new_dossier_fields, transition_value
from dossiers.fees import ProvinceSetFee
from dossiers.lifecycle import Actor, Status
from dossiers.official_forms import MissingDocument
from workstation.dossier_desk import DossierDesk, DossierDraft


def desk_with_fee(desk: DossierDesk, procedure_code: str, amount: int | None) -> DossierDesk:
    """``desk`` itself, or (for a province-set fee the clerk typed) a shallow copy whose fee table holds
    ``amount`` for this procedure's key, so ``quote``/``receive`` use it without changing the desk's table."""
    if amount is None:
        return desk
    rule = desk.catalogue.get(procedure_code).fee
    if not isinstance(rule, ProvinceSetFee):
        return desk
    shadow = copy.copy(desk)
    shadow.province_fees = {**desk.province_fees, rule.key: amount}
    return shadow


def receive_with_attachments(
    desk: DossierDesk, draft: DossierDraft, attachments: Sequence[dict[str, Any]]
) -> Dossier:
    """Receive ``draft`` (code allocated offline) and record its attachments' hashes in the dossier."""
    dossier = desk.receive(draft)
    if attachments:
        desk.update(dossier.dossier_id, {"attachments": [dict(a) for a in attachments]})
    return dossier


def record_supplement_request(
    desk: DossierDesk,
    draft: DossierDraft,
    missing: Sequence[MissingDocument],
    attachments: Sequence[dict[str, Any]],
    new_id: Callable[[], str],
) -> Dossier:
    """Record a dossier that is not accepted: it waits for the missing documents (no code, no appointment;
    both are given when the supplement is received and the dossier accepted)."""
    if not missing:
        raise ValueError("a supplement request lists at least one missing document")
    quote = desk.quote(draft)
    received_at = quote.appointment.received_at
    dossier = Dossier(
        dossier_id=new_id(),
        procedure_code=quote.procedure.code,
        procedure_name=quote.procedure.name,
        applicant=draft.applicant,
        received_at=received_at,
        status=Status.SUPPLEMENT_REQUESTED,
        documents=draft.documents,
        sets=draft.sets,
        fee=quote.fee,
        received_by=desk.clerk,
        notes=draft.notes,
    )
    fields = new_dossier_fields(dossier, desk.commune)
    fields["status"] = transition_value(Status.NEW, Status.SUPPLEMENT_REQUESTED, Actor.DESK)
    fields["requests"] = [
        {
            "kind": "supplement",
            "at": received_at.isoformat(),
            "by": desk.clerk,
            "missing": [{"name": m.name, "reason": m.reason} for m in missing],
        }
    ]
    if attachments:
        fields["attachments"] = [dict(a) for a in attachments]
    desk.replica.write(RECORD_TYPE_NAME, dossier.dossier_id, fields, author=desk.clerk)
    return dossier
