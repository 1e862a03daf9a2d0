"""A dossier's page (``/web/dossiers/{commune}/{id}``): applicant, documents, scans shown in the page, the
timeline, the actions the lifecycle allows the province (each refused in words when it does not), the
province's decision with its file, open conflicts side by side.

Writes go through ``server.province_dossiers`` (one event each, under the commune's
lock), as the JSON API's do.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse

from dossiers.dossier import Office
from dossiers.dossier_record import RECORD_TYPE_NAME, dossier_from_values, received_documents
from dossiers.errors import DossierError
from dossiers.lifecycle import TERMINAL_STATUSES, Action, Status
from dossiers.official_forms import ApologyForm, build_apology
from dossiers.vietnam_time import VIETNAM_TIME
from server import province_dossiers as work
from server.attachment_uploads import MAX_ATTACHMENT_BYTES, UnknownAttachment, attachment_size, read_chunks
from server.auth import services
from server.errors import ServerError
from server.sync_replica import ServerReplica
from server.web.i18n import translate
from server.web.pages import (
    Officer,
    PageNotFound,
    check_csrf,
    dossier_officer,
    redirect,
    render,
    today,
    with_headers,
)
from server.web.scope import may_see
from sync.change_events import thaw
from sync.conflicts import explain
from sync.record_merge import RecordState

log = logging.getLogger("motcua.server.web")
_DOSSIER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")
_SHA = re.compile(r"[0-9a-f]{64}")
SHOWN_TYPES = {"application/pdf", "image/png", "image/jpeg"}
EXTEND = "extend"
MAIN_ACTIONS = (
    Action.ACCEPT.value,
    Action.HAND_OVER.value,
    Action.REQUEST_SUPPLEMENT.value,
    EXTEND,
    Action.REFUSE.value,
    Action.STOP.value,
    Action.COMPLETE.value,
)
_MAX_NOTE = 2000
FIELD_KEYS = {
    "appointment": "dossier.appointment",
    "applicant_name": "dossier.name",
    "applicant_birth_date": "dossier.birth",
    "applicant_id_number": "dossier.id_number",
    "applicant_address": "dossier.address",
    "applicant_phone": "dossier.phone",
    "procedure_code": "dossier.procedure",
    "status": "dossier.status",
    "received_at": "dossier.received",
}
"""The words for a field shown in a conflict (others show their name)."""


def _replica(
    request: Request, who: Officer, commune_code: str, dossier_id: str
) -> tuple[ServerReplica, RecordState]:
    svc = services(request)
    if not commune_code.isdigit() or len(commune_code) > 10 or not _DOSSIER_ID.fullmatch(dossier_id):
        raise PageNotFound()
    commune = svc.storage.get_commune(commune_code)
    replica: ServerReplica = (
        request.app.state.sync.replica(svc.storage, commune_code, svc.now) if commune else None
    )  # type: ignore[assignment]
    if replica is None:
        raise PageNotFound()
    state = replica.record(RECORD_TYPE_NAME, dossier_id)
    if not state.history or not may_see(svc.storage, who, commune, str(state.get("procedure_code") or "")):
        raise PageNotFound()  # another department's dossier is not told apart from a missing one
    return replica, state


def _files(state: RecordState) -> dict[str, dict[str, Any]]:
    """The files a dossier's page may show: its scans and the decision's file, by SHA-256."""
    found: dict[str, dict[str, Any]] = {}
    for item in thaw(state.values).get("attachments", ()) or ():
        if isinstance(item, dict) and isinstance(item.get("sha256"), str):
            found[item["sha256"]] = item
    decision = thaw(state.values).get(work.DECISION_FIELD)
    if isinstance(decision, dict) and isinstance(decision.get("file"), dict):
        found[str(decision["file"].get("sha256"))] = decision["file"]
    return found


def _timeline(state: RecordState, lang: str) -> list[dict[str, Any]]:
    lines = []
    for event in state.history:
        fields = thaw(dict(event.fields))
        what = []
        status = fields.get("status")
        if isinstance(status, dict) and "to" in status:
            try:
                target = Status(status["to"])
                what.append(target.label_vi if lang == "vi" else target.label_en)
            except ValueError:
                pass
        for request_ in fields.get("requests", ()) or ():
            if isinstance(request_, dict):
                items = "; ".join(
                    str(i.get("name", "")) for i in request_.get("items", ()) if isinstance(i, dict)
                )
                what.append(f"{request_.get('form', '')} {items}".strip())
        for note in fields.get("notes", ()) or ():
            what.append(
                note if isinstance(note, str) else str(note.get("text", "")) if isinstance(note, dict) else ""
            )
        if "province_decision" in fields:
            what.append(translate(lang, "dossier.decision"))
        if "appointment" in fields and "received_at" not in fields:
            what.append(f"{translate(lang, 'dossier.appointment')}: {fields['appointment']}")
        if "returned_at" in fields:
            what.append(f"returned_at: {fields['returned_at']}")
        if "received_at" in fields:
            what.append(translate(lang, "dossier.received"))
        lines.append(
            {
                "event": str(event.id),
                "at": event.device_time.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M"),
                "author": event.author,
                "side": event.side,
                "what": [w for w in what if w] or sorted(fields),
            }
        )
    return lines


def _local_times(explained: dict[str, Any]) -> dict[str, Any]:
    """A conflict as ``sync.conflicts.explain`` gives it, with its writers' times in Vietnam time."""
    for choice in explained.get("choices", ()):
        for write in choice.get("writes", ()):
            try:
                at = dt.datetime.fromisoformat(str(write.get("device_time")))
            except ValueError:
                continue
            write["shown_time"] = at.astimezone(VIETNAM_TIME).strftime("%d/%m/%Y %H:%M")
    return explained


def _present(storage: Any, commune: str, sha256: str) -> bool:
    try:
        attachment_size(storage, commune, sha256)
    except UnknownAttachment:
        return False
    return True


def _page(
    request: Request, who: Officer, replica: ServerReplica, state: RecordState, **extra: Any
) -> Response:
    svc = services(request)
    values = thaw(state.values)
    status = work.status_of(state)
    allowed = work.province_actions(status)
    if status not in TERMINAL_STATUSES and status is not Status.PROCESSED and values.get("appointment"):
        allowed = [*allowed, EXTEND]
    files = [
        {**item, "present": _present(svc.storage, replica.scope, sha), "sha256": sha}
        for sha, item in _files(state).items()
    ]
    commune = svc.storage.get_commune(replica.scope)
    return render(
        request,
        "dossier.html",
        who,
        dossier_id=state.record_id,
        commune=commune,
        values=values,
        status=status,
        documents=received_documents(values),
        files=files,
        timeline=_timeline(state, who.language),
        allowed=[a for a in MAIN_ACTIONS if a in allowed] + [a for a in allowed if a not in MAIN_ACTIONS],
        not_allowed=[a for a in MAIN_ACTIONS if a not in allowed],
        conflicts=[_local_times(explain(c)) for c in state.conflicts],
        decision=values.get(work.DECISION_FIELD),
        field_keys=FIELD_KEYS,
        base=f"/web/dossiers/{replica.scope}/{state.record_id}",
        **{"message": "", "error": "", **extra},
    )


def _refusal(lang: str, exc: ServerError, action: str, status: Status, allowed: list[str]) -> str:
    reason = getattr(exc, "reason", "")
    if isinstance(exc, work.TransitionNotAllowed):
        names = ", ".join(translate(lang, f"action.{a}") for a in allowed) or translate(lang, "nothing")
        label = status.label_vi if lang == "vi" else status.label_en
        return translate(
            lang,
            "refused.transition",
            action=translate(lang, f"action.{action}").lower(),
            status=label,
            allowed=names,
        )
    if reason in ("reason_required", "no_items", "conflict_open", "stale"):
        return translate(lang, f"refused.{reason}")
    return translate(lang, "refused.other", message=exc.message)


class _Refused(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


async def _upload(form: Any) -> tuple[str, bytes] | None:
    """The decision file the form carries (its name and at most one byte more than allowed), read here on
    the event loop (the upload is spooled by the form parser); ``None`` without one."""
    upload = form.get("decision_file")
    if upload is None or isinstance(upload, str) or not getattr(upload, "filename", ""):
        return None
    return str(upload.filename), await upload.read(MAX_ATTACHMENT_BYTES + 1)


def _decision_file(upload: tuple[str, bytes] | None) -> work.DecisionFile | None:
    """The decision's file, checked: at most ``MAX_ATTACHMENT_BYTES``, a PDF, PNG or JPEG by its content."""
    if upload is None:
        return None
    filename, data = upload
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise _Refused("refused.file_size")
    media = (
        "application/pdf"
        if data.startswith(b"%PDF-")
        else "image/png"
        if data.startswith(b"\x89PNG")
        else "image/jpeg"
        if data.startswith(b"\xff\xd8")
        else ""
    )
    if not media:
        raise _Refused("refused.file_type")
    name = re.sub(r"[^\w. -]", "_", filename)[:120] or "decision"
    return work.DecisionFile(name, media, data)


def dossier_router() -> APIRouter:
    router = APIRouter()

    @router.get("/web/dossiers/{commune}/{dossier_id}", include_in_schema=False)
    def dossier_page(
        commune: str, dossier_id: str, request: Request, who: Annotated[Officer, Depends(dossier_officer)]
    ) -> Response:
        replica, state = _replica(request, who, commune, dossier_id)
        done = request.query_params.get("done") == "1"
        return _page(
            request, who, replica, state, message=translate(who.language, "dossier.done") if done else ""
        )

    @router.get("/web/dossiers/{commune}/{dossier_id}/files/{sha256}", include_in_schema=False)
    def dossier_file(
        commune: str,
        dossier_id: str,
        sha256: str,
        request: Request,
        who: Annotated[Officer, Depends(dossier_officer)],
    ) -> Response:
        replica, state = _replica(request, who, commune, dossier_id)
        item = _files(state).get(sha256) if _SHA.fullmatch(sha256) else None
        if item is None or not _present(services(request).storage, replica.scope, sha256):
            raise PageNotFound()
        media = str(item.get("media_type") or "")
        media = media if media in SHOWN_TYPES else "application/octet-stream"
        response = StreamingResponse(
            read_chunks(services(request).storage, replica.scope, sha256),
            media_type=media,
            headers={"Content-Disposition": "inline" if media in SHOWN_TYPES else "attachment"},
        )
        return with_headers(response)

    @router.post("/web/dossiers/{commune}/{dossier_id}/act", include_in_schema=False)
    async def act(
        commune: str, dossier_id: str, request: Request, who: Annotated[Officer, Depends(dossier_officer)]
    ) -> Response:
        form = await request.form()
        upload = await _upload(form) if form.get("action") == Action.COMPLETE.value else None
        # the storage work (the commune's lock, the events, the file) off the event loop
        return await anyio.to_thread.run_sync(_act, request, who, commune, dossier_id, form, upload)

    def _act(
        request: Request,
        who: Officer,
        commune: str,
        dossier_id: str,
        form: Any,
        upload: tuple[str, bytes] | None,
    ) -> Response:
        svc = services(request)
        check_csrf(who, form)
        replica, state = _replica(request, who, commune, dossier_id)
        action = form.get("action")
        note = form.get("note")
        note = note.strip()[:_MAX_NOTE] if isinstance(note, str) else ""
        status = work.status_of(state)
        allowed = work.province_actions(status)
        author = who.account.username
        try:
            if action == EXTEND:
                new_date = _extend(replica, state, form, note, author, svc.now)
                letter = _apology(svc.storage, who, replica.scope, state, new_date, note, today(svc))
                if letter is not None:
                    base = f"/web/dossiers/{replica.scope}/{dossier_id}"
                    return render(request, "apology.html", who, letter=letter, base=base)
            elif action == Action.COMPLETE.value:
                text = form.get("decision_text")
                text = text.strip()[:4000] if isinstance(text, str) else ""
                if not text:
                    raise _Refused("refused.decision_needed")
                # one event (the status and the decision) and the file, in one transaction: a refusal
                # stores nothing, a file that cannot be stored leaves the dossier as it was
                work.complete_with_decision(
                    replica,
                    dossier_id,
                    text=text,
                    file=_decision_file(upload),
                    note=note,
                    author=author,
                    now=svc.now,
                )
            else:
                try:
                    chosen = Action(action) if isinstance(action, str) else None
                except ValueError:
                    chosen = None
                if chosen is None:
                    raise PageNotFound()
                missing = form.get("missing")
                items = tuple(
                    (line.strip()[:300], "")
                    for line in (missing.splitlines() if isinstance(missing, str) else [])
                    if line.strip()
                )[:100]
                work.act(
                    replica,
                    dossier_id,
                    chosen,
                    work.ActionInput(note=note, missing=items),
                    author=author,
                    now=svc.now,
                )
        except _Refused as refused:
            return _page(
                request, who, replica, state, error=translate(who.language, refused.key), status_code=409
            )
        except ServerError as exc:
            if exc.status >= 500:
                raise
            text = _refusal(who.language, exc, str(action), status, allowed)
            _, fresh = _replica(request, who, commune, dossier_id)
            return _page(request, who, replica, fresh, error=text, status_code=409)
        log.info("web action", extra={"account_id": who.account.id, "action": str(action)[:40]})
        return redirect(f"/web/dossiers/{replica.scope}/{dossier_id}?done=1")

    @router.post("/web/dossiers/{commune}/{dossier_id}/resolve", include_in_schema=False)
    async def resolve(
        commune: str, dossier_id: str, request: Request, who: Annotated[Officer, Depends(dossier_officer)]
    ) -> Response:
        form = await request.form()
        return await anyio.to_thread.run_sync(_resolve, request, who, commune, dossier_id, form)

    def _resolve(request: Request, who: Officer, commune: str, dossier_id: str, form: Any) -> Response:
        check_csrf(who, form)
        replica, state = _replica(request, who, commune, dossier_id)
        field, choose, seen = form.get("field"), form.get("choose"), form.get("seen")
        if not all(isinstance(v, str) for v in (field, choose, seen)):
            raise PageNotFound()
        try:
            work.resolve(
                replica,
                dossier_id,
                field[:64],
                author=who.account.username,
                choose=choose[:200],
                seen=seen.split(","),
            )  # type: ignore[index,union-attr]
        except ServerError as exc:
            if exc.status >= 500:
                raise
            text = _refusal(who.language, exc, "resolve", work.status_of(state), [])
            return _page(request, who, replica, state, error=text, status_code=409)
        return redirect(f"/web/dossiers/{replica.scope}/{dossier_id}?done=1")

    return router


def _apology(
    storage: Any, who: Officer, commune: str, state: RecordState, new_date: dt.date, reason: str, day: dt.date
) -> ApologyForm | None:
    """Mẫu 04 for an extension just recorded, from the province's side (``None`` if the dossier lacks what the
    form needs: a code, a due date)."""
    place = storage.get_province(who.account.province_code)
    province = place.name if place is not None else who.account.province_code
    department = f"Bộ phận {who.account.department}" if who.account.department else "Cơ quan giải quyết hồ sơ"
    office = Office(storage.get_commune(commune).agency, department, f"Ủy ban nhân dân {province}", province)
    try:
        return build_apology(
            dossier_from_values(state.record_id, state.values),
            office,
            new_date=new_date,
            reason=reason,
            issued_on=day,
        )
    except (DossierError, ValueError, TypeError, KeyError):
        return None


def _extend(
    replica: ServerReplica, state: RecordState, form: Any, note: str, author: str, now: Any
) -> dt.date:
    """Mẫu 04: an apology and a new due date (after the current one), written as one province event."""
    if not note:
        raise _Refused("refused.reason_required")
    raw = form.get("new_date")
    try:
        new = dt.date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        new = None
    if new is None:
        raise _Refused("refused.bad_date")
    current = state.get("appointment")
    if isinstance(current, str) and new <= dt.date.fromisoformat(current):
        raise _Refused("refused.date")
    fields = {"appointment": new.isoformat(), "notes": [f"Mẫu 04: {note}"]}
    with work.sync_refusals():
        replica.write_from(RECORD_TYPE_NAME, state.record_id, lambda _s: fields, author)
    return new
