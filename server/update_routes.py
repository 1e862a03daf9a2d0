"""``GET /v1/updates/{kind}/{metadata|targets}/{name}``: the signed releases, for enrolled workstations.

The files are public in substance (signed TUF metadata and archives, no personal data), but only enrolled
desks fetch them, so that each request says which desk runs which versions: the header
``Motcua-Versions: program=0.2.0; reference=2026.12`` is noted per device (``device_versions``) and shown to
IT by ``python -m server.cli versions``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from server.auth import DevicePrincipal, require_device, services
from server.errors import NotFound
from server.releases import FILE_NAME_PATTERN, KINDS, release_file
from server.services import Services

VERSIONS_HEADER = "Motcua-Versions"
_REPORTED = re.compile(r"^\s*(program|reference)\s*=\s*([0-9A-Za-z.+!-]{1,40})\s*$")


def reported_versions(header: str | None) -> dict[str, str]:
    """The versions a desk reports in ``Motcua-Versions`` (anything malformed is ignored, never an error)."""
    found: dict[str, str] = {}
    for part in (header or "")[:200].split(";"):
        match = _REPORTED.match(part)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def note_versions(svc: Services, device_id: str, versions: dict[str, str]) -> None:
    at = svc.storage.time_in(svc.now())
    with svc.storage.transaction() as tx:
        for kind, version in versions.items():
            tx.run(
                "INSERT INTO device_versions (device_id, kind, version, reported_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (device_id, kind) DO UPDATE SET version = excluded.version,"
                " reported_at = excluded.reported_at",
                (device_id, kind, version, at),
            )


def update_router() -> APIRouter:
    router = APIRouter(tags=["updates"])

    @router.get(
        "/updates/{kind}/{part}/{name}",
        response_class=FileResponse,
        responses={200: {"content": {"application/octet-stream": {}, "application/json": {}}}},
    )
    async def release_part(
        kind: Literal["program", "reference"],
        part: Literal["metadata", "targets"],
        name: Annotated[str, PathParam(pattern=FILE_NAME_PATTERN, max_length=121)],
        request: Request,
        device: Annotated[DevicePrincipal, Depends(require_device)],
    ) -> FileResponse:
        """A signed file of the releases (``kind``: program or reference; ``part``: metadata or targets)."""
        svc = services(request)
        versions = reported_versions(request.headers.get(VERSIONS_HEADER))
        if versions:
            await anyio.to_thread.run_sync(note_versions, svc, device.device.id, versions)
        folder = svc.config.releases_dir
        path = release_file(folder, kind, part, name) if folder is not None and kind in KINDS else None
        if path is None:
            raise NotFound("no such release file")
        media = "application/json" if name.endswith(".json") else "application/octet-stream"
        return FileResponse(path, media_type=media, headers={"Cache-Control": "no-cache"})

    return router


def device_versions(svc: Services) -> list[tuple[str, str, str, str, str, str]]:
    """(commune, device id, label, kind, version, reported at) for every desk that reported a version."""
    with svc.storage.transaction() as tx:
        rows = tx.query(
            "SELECT d.commune_code, d.id, d.label, v.kind, v.version, v.reported_at FROM device_versions v"
            " JOIN devices d ON d.id = v.device_id ORDER BY d.commune_code, d.label, d.id, v.kind"
        )
    return [tuple(str(value) for value in row) for row in rows]  # type: ignore[misc]
