"""A dossier that is not accepted: recorded as waiting for the missing documents (lifecycle: NEW →
SUPPLEMENT_REQUESTED, by the desk, Mẫu 02), in one event. No Qt; this blocks: call it off the UI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dossiers.dossier import Dossier
from dossiers.dossier_record import RECORD_TYPE_NAME
from dossiers.official_forms import MissingDocument
from workstation.dossier_desk import DossierDesk, DossierDraft, received_dossier, reception_fields


def record_supplement_request(
    desk: DossierDesk,
    draft: DossierDraft,
    missing: Sequence[MissingDocument],
    new_id: Callable[[], str],
) -> Dossier:
    """Record a dossier that is not accepted, with its scans, as one event: it waits for the missing
    documents (no code, no appointment; both are given when the supplement is received and the dossier
    accepted)."""
    if not missing:
        raise ValueError("a supplement request lists at least one missing document")
    quote = desk.quote(draft)
    received_at = quote.appointment.received_at
    dossier = received_dossier(
        draft, quote, new_id(), received_at, desk.clerk, code=None, clerk_name=desk.clerk_name
    )
    fields = reception_fields(dossier, desk.commune, draft.attachments)
    fields["requests"] = [
        {
            "kind": "supplement",
            "at": received_at.isoformat(),
            "by": desk.clerk,
            "missing": [{"name": m.name, "reason": m.reason} for m in missing],
        }
    ]
    desk.replica.write(RECORD_TYPE_NAME, dossier.dossier_id, fields, author=desk.clerk)
    return dossier
