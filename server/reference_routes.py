"""Reference data for desks beyond the catalogue (``sync_routes``): the commune's fee table, and the server's
time on the ``hello`` answer.

- ``GET /v1/reference/fees``: the newest fee table as the device's commune sees it (the province's amounts,
  the commune's own over them), with an ETag (``If-None-Match`` → 304); 404 before any is published.
- :data:`SERVER_TIME_HEADER`: the server's clock (ISO 8601, UTC) on the ``hello`` answer, so that a desk can
  compare its own clock with it (``sync.server_clock``).
"""

from __future__ import annotations

import datetime as dt
import gzip
from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import Response

from server.auth import DevicePrincipal, require_device, services
from server.errors import NotFound
from server.fee_tables import commune_fees
from server.services import Services
from sync.server_clock import SERVER_TIME_HEADER

GZIP_LEVEL = 6
MIN_GZIP_BYTES = 1024


def json_answer(body: bytes, headers: dict[str, str], accept_encoding: str | None) -> Response:
    """A JSON answer, gzip-compressed when the desk accepts it (a catalogue is megabytes of indented JSON
    that compresses ~10-fold: minutes on a commune's slow link otherwise)."""
    headers = {**headers, "Vary": "Accept-Encoding"}
    accepted = {part.split(";")[0].strip().lower() for part in (accept_encoding or "").split(",")}
    if "gzip" in accepted and len(body) >= MIN_GZIP_BYTES:
        body = gzip.compress(body, GZIP_LEVEL, mtime=0)
        headers["Content-Encoding"] = "gzip"
    return Response(body, media_type="application/json", headers=headers)


def server_time_headers(now: dt.datetime) -> dict[str, str]:
    """The header carrying the server's time on an answer."""
    return {SERVER_TIME_HEADER: now.astimezone(dt.UTC).isoformat(timespec="milliseconds")}


def reference_router() -> APIRouter:
    router = APIRouter(tags=["reference"])

    @router.get(
        "/reference/fees",
        responses={200: {"content": {"application/json": {}}}, 304: {"description": "not modified"}},
    )
    def fees(
        device: Annotated[DevicePrincipal, Depends(require_device)],
        svc: Annotated[Services, Depends(services)],
        if_none_match: Annotated[str | None, Header()] = None,
        accept_encoding: Annotated[str | None, Header()] = None,
    ) -> Response:
        """The newest fee table for the calling workstation's commune (versioned; ETag and If-None-Match)."""
        table = commune_fees(svc.storage, device.device.commune_code)
        if table is None:
            raise NotFound("no fee table has been published yet")
        headers = {"ETag": table.etag, "X-Motcua-Fee-Table-Version": str(table.version)}
        if if_none_match is not None and table.etag in [t.strip() for t in if_none_match.split(",")]:
            return Response(status_code=304, headers=headers)
        return json_answer(table.to_json().encode("utf-8"), headers, accept_encoding)

    return router
