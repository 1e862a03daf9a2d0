"""The signing keys of a commune's workstations, for its desks (issue 14, finding 1: an event's origin).

- ``GET /v1/sync/origins``: every workstation enrolled in the calling workstation's commune (revoked ones too)
  with its replica id, its Ed25519 public key (base64, as given at enrolment) and, for a revoked one, the time
  of its revocation. A desk checks its LAN peers' events against these keys (``workstation.origin_keys``):
  what the province says overrides what a paired desk said. Public keys only; nothing of another commune.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from server.auth import DevicePrincipal, require_device, services
from server.services import Services


class OriginKeyOut(BaseModel):
    replica_id: str
    signing_key: str
    """The workstation's Ed25519 public key, base64 (32 bytes)."""
    revoked_at: dt.datetime | None
    """When it was revoked (its events signed at or after this time are refused), or ``None``."""


class OriginKeysOut(BaseModel):
    commune: str
    desks: list[OriginKeyOut]


def origin_router() -> APIRouter:
    router = APIRouter(tags=["sync"])

    @router.get("/sync/origins", response_model=OriginKeysOut)
    def origins(
        device: Annotated[DevicePrincipal, Depends(require_device)],
        svc: Annotated[Services, Depends(services)],
    ) -> OriginKeysOut:
        """The signing keys of the workstations of the caller's commune, and their revocations."""
        commune = device.device.commune_code
        return OriginKeysOut(
            commune=commune,
            desks=[
                OriginKeyOut(replica_id=d.replica_id, signing_key=d.signing_key, revoked_at=d.revoked_at)
                for d in svc.storage.list_devices(commune_code=commune)
            ],
        )

    return router
