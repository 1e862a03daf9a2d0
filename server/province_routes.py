"""The officers' API on dossiers, under ``/v1/province/communes/{code}/…`` (officer role or higher).

An officer sees and acts on the communes of its own province only: another province's commune, or an unknown
one, is a 404 (nothing tells which). Reads: a commune's dossiers (search, status filter, pages), one dossier
(values, open conflicts explained, timeline), the open conflicts of a dossier or of the commune. Writes
(``server.province_dossiers``): lifecycle actions, the province's decision, conflict resolutions; each is one
event of the commune's server replica, side ``province``, author the officer's user name.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from dossiers.lifecycle import Action, Status
from server import communes as official
from server import province_dossiers as work
from server.auth import OfficerPrincipal, require_officer, services
from server.errors import UnknownCommune
from server.services import Services
from server.storage.records import Role
from server.sync_replica import ServerReplica
from server.sync_routes import SyncSetup
from sync.change_events import ChangeEvent
from sync.conflicts import UNSET

DOSSIER_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$"
FIELD_NAME = r"^[a-z][a-z0-9_]{0,63}$"
Officer = Annotated[OfficerPrincipal, Depends(require_officer(Role.OFFICER))]
Svc = Annotated[Services, Depends(services)]
CommuneCode = Annotated[str, Path(min_length=1, max_length=10)]
DossierId = Annotated[str, Path(pattern=DOSSIER_ID)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MissingPaper(_Strict):
    name: str = Field(min_length=1, max_length=300)
    reason: str = Field(default="", max_length=1000)


class ActionBody(_Strict):
    """A note or reason (required to stop or refuse); the missing papers for a supplement request; the
    amount for a financial obligation."""

    note: str = Field(default="", max_length=2000)
    missing: list[MissingPaper] = Field(default_factory=list, max_length=100)
    amount: int | None = Field(default=None, ge=0, le=10**13, strict=True)


class DecisionBody(_Strict):
    text: str = Field(min_length=1, max_length=4000)
    outcome: str | None = Field(default=None, max_length=60)


class ResolveBody(_Strict):
    """Choose one competing write by its event id, or give a new value; ``seen``: the conflict's event ids
    as shown (a conflict that changed since is refused)."""

    choose: str | None = Field(default=None, max_length=200)
    value: Any = None
    seen: list[str] | None = Field(default=None, max_length=100)


class EventOut(BaseModel):
    event: str
    dossier_id: str
    fields: list[str]


class DossierList(BaseModel):
    commune: str
    total: int
    dossiers: list[dict[str, Any]]


def _event_out(event: ChangeEvent) -> EventOut:
    return EventOut(event=str(event.id), dossier_id=event.record_id, fields=sorted(event.fields))


def _replica(request: Request, officer: OfficerPrincipal, code: str) -> ServerReplica:
    svc = services(request)
    commune = svc.storage.get_commune(official.commune_code(code)) if code.isdigit() else None
    if commune is None or not officer.can_see_commune(commune):
        raise UnknownCommune("no such commune in your province")
    setup: SyncSetup = request.app.state.sync
    return setup.replica(svc.storage, commune.code, svc.now)


def province_router() -> APIRouter:
    router = APIRouter(prefix="/province/communes/{code}", tags=["province"])

    @router.get("/dossiers", response_model=DossierList)
    def list_dossiers(
        code: CommuneCode,
        request: Request,
        officer: Officer,
        q: Annotated[str | None, Query(max_length=100)] = None,
        status: Annotated[Status | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=work.MAX_PAGE)] = 50,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    ) -> DossierList:
        """The commune's dossiers, newest first; search by code, name, ID number or phone; by status."""
        replica = _replica(request, officer, code)
        page = work.list_dossiers(replica, query=q, status=status, limit=limit, offset=offset)
        return DossierList(commune=replica.scope, total=page.total, dossiers=page.dossiers)

    @router.get("/dossiers/{dossier_id}")
    def read_dossier(code: CommuneCode, dossier_id: DossierId, request: Request, officer: Officer) -> Any:
        """One dossier: values, status, the actions the province may take, open conflicts, timeline."""
        return work.dossier_detail(_replica(request, officer, code), dossier_id)

    @router.post("/dossiers/{dossier_id}/actions/{action}", response_model=EventOut)
    def act(
        code: CommuneCode,
        dossier_id: DossierId,
        action: Action,
        request: Request,
        officer: Officer,
        svc: Svc,
        body: Annotated[ActionBody | None, Body()] = None,
    ) -> EventOut:
        """A lifecycle action by the province (accept, hand_over, request_supplement,
        request_financial_obligation, complete, stop …); one the lifecycle forbids is a 409 naming both
        statuses."""
        given = body or ActionBody()
        replica = _replica(request, officer, code)
        inputs = work.ActionInput(
            note=given.note, missing=tuple((m.name, m.reason) for m in given.missing), amount=given.amount
        )
        event = work.act(replica, dossier_id, action, inputs, author=officer.account.username, now=svc.now)
        return _event_out(event)

    @router.put("/dossiers/{dossier_id}/decision", response_model=EventOut)
    def decide(
        code: CommuneCode,
        dossier_id: DossierId,
        body: DecisionBody,
        request: Request,
        officer: Officer,
        svc: Svc,
    ) -> EventOut:
        """Write the province's processing decision (a field only the province writes)."""
        replica = _replica(request, officer, code)
        event = work.decide(
            replica,
            dossier_id,
            text=body.text,
            outcome=body.outcome,
            author=officer.account.username,
            now=svc.now,
        )
        return _event_out(event)

    @router.get("/conflicts")
    def commune_conflicts(code: CommuneCode, request: Request, officer: Officer) -> list[dict[str, Any]]:
        """Every open conflict of the commune's dossiers, explained (values, who, where, when)."""
        return work.conflicts_of(_replica(request, officer, code))

    @router.get("/dossiers/{dossier_id}/conflicts")
    def dossier_conflicts(
        code: CommuneCode, dossier_id: DossierId, request: Request, officer: Officer
    ) -> list[dict[str, Any]]:
        """The open conflicts of one dossier, explained."""
        return work.conflicts_of(_replica(request, officer, code), dossier_id)

    @router.post("/dossiers/{dossier_id}/conflicts/{field}/resolve", response_model=EventOut)
    def resolve_conflict(
        code: CommuneCode,
        dossier_id: DossierId,
        field: Annotated[str, Path(pattern=FIELD_NAME)],
        body: ResolveBody,
        request: Request,
        officer: Officer,
    ) -> EventOut:
        """Resolve a conflict: ``choose`` a competing write's event id, or give a new ``value``."""
        replica = _replica(request, officer, code)
        value = body.value if "value" in body.model_fields_set else UNSET
        event = work.resolve(
            replica,
            dossier_id,
            field,
            author=officer.account.username,
            choose=body.choose,
            value=value,
            seen=body.seen,
        )
        return _event_out(event)

    return router
