"""The officers' queue (``/web/queue``): the province's dossiers in the officer's scope, filtered, searched
without diacritics, counted per quick filter, paged by keyset.

Filters that name no one (commune, procedure, status, due) travel in the address; a search text (a name, an
ID number) only in a POST body, so no personal data ends up in an address, a browser history or a log.
"""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from dossiers.lifecycle import Status
from server.auth import services
from server.dossier_index import COUNT_CAP, QueueFilter, queue_counts, queue_page
from server.web.pages import Officer, check_csrf, dossier_officer, render, today
from server.web.scope import catalogue_in_force, communes_filter, communes_of, procedures_of

QUICK = ("all", "today", "soon", "overdue", "supplement", "conflicts")
_MAX_TEXT = 100


def _text(values: Any, name: str) -> str:
    value = values.get(name)
    return value.strip()[:_MAX_TEXT] if isinstance(value, str) else ""


def _filters(
    values: Any, communes: tuple[str, ...] | None, procedures: tuple[str, ...] | None
) -> tuple[QueueFilter, str]:
    quick = _text(values, "quick")
    quick = quick if quick in QUICK else "all"
    try:
        status = Status(_text(values, "status")) if _text(values, "status") else None
    except ValueError:
        status = None
    commune = _text(values, "commune")
    wanted = QueueFilter(
        communes=communes,
        procedures=procedures,
        commune=commune if commune.isdigit() and len(commune) <= 10 else None,
        procedure=_text(values, "procedure") or None,
        status=status,
        due=quick if quick in ("today", "soon", "overdue") else None,
        supplement=quick == "supplement",
        conflicts=quick == "conflicts",
        search=_text(values, "q"),
    )
    return wanted, quick


def queue_router() -> APIRouter:
    router = APIRouter()

    def show(request: Request, who: Officer, values: Any) -> Response:
        svc = services(request)
        communes = communes_of(svc.storage, who)
        procedures = procedures_of(svc.storage, who)
        codes = communes_filter(svc.storage, who)
        wanted, quick = _filters(values, codes, procedures)
        day = today(svc)
        after = _text(values, "after") or None
        page = queue_page(svc.storage, wanted, day, after=after, limit=25)
        counts = queue_counts(svc.storage, wanted, day)
        catalogue = catalogue_in_force(svc.storage)
        shown_procedures = [p for p in catalogue if procedures is None or p.code in procedures]
        names = {c.code: c.name for c in communes}
        chosen = {
            "commune": wanted.commune or "",
            "procedure": wanted.procedure or "",
            "status": wanted.status.value if wanted.status else "",
            "quick": quick,
            "q": wanted.search,
        }
        return render(
            request,
            "queue.html",
            who,
            page=page,
            counts=counts,
            quick_filters=QUICK,
            communes=communes,
            commune_names=names,
            procedures=shown_procedures,
            statuses=list(Status),
            chosen=chosen,
            after=after or "",
            today=day.isoformat(),
            cap=COUNT_CAP,
        )

    @router.get("/web/queue", include_in_schema=False)
    def queue_get(request: Request, who: Annotated[Officer, Depends(dossier_officer)]) -> Response:
        values = dict(request.query_params)
        values.pop("q", None)  # a search text never comes from an address
        return show(request, who, values)

    @router.post("/web/queue", include_in_schema=False)
    async def queue_post(request: Request, who: Annotated[Officer, Depends(dossier_officer)]) -> Response:
        form = await request.form()
        return await anyio.to_thread.run_sync(_search, request, who, form)  # the database: off the loop

    def _search(request: Request, who: Officer, form: Any) -> Response:
        check_csrf(who, form)
        return show(request, who, form)

    return router
