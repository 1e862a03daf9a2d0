"""Province IT's pages (``/web/it/…``, role admin): sync health at a glance, communes and their agency
identifiers, workstations (last contact, backlog, revoke), one-time enrolment codes printed as a slip with the
server's address and a QR code, the catalogue of procedures and fees, officer accounts.

Catalogue publishing takes the checked JSON file (``server.catalogues.publish_catalogue``). Hook for the
spreadsheet import (issue "refdata"): when ``server`` gains an import from a spreadsheet,
``SPREADSHEET_IMPORT``
names it (a callable ``(storage, data: bytes, now) -> PublishedCatalogue``) and the page offers the upload.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Annotated, Any

import anyio
import segno
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from dossiers.dossier_codes import is_agency_identifier
from dossiers.fees import FixedFee, PerPageFee, ProvinceSetFee
from server.auth import normalise_username, services
from server.catalogues import latest_catalogue, publish_catalogue
from server.enrolment import issue_enrolment_code, revoke_device
from server.errors import BadInput, ServerError, WeakPassword
from server.passwords import hash_password
from server.storage.records import Account, Role
from server.sync_health import province_health
from server.update_routes import device_versions
from server.waiting_events import list_quarantine
from server.web.pages import Officer, PageNotFound, check_csrf, it_officer, redirect, render
from server.web.scope import catalogue_in_force

log = logging.getLogger("motcua.server.web")
It = Annotated[Officer, Depends(it_officer)]
SPREADSHEET_IMPORT: Callable[..., Any] | None = None
"""The refdata helper's spreadsheet import, once merged (see the module's docstring)."""
STALE_DAYS = 2
MAX_CATALOGUE_BYTES = 4 * 1024 * 1024


def fee_key(rule: object) -> tuple[str, dict[str, object]]:
    """A fee rule in words: a message key and its parameters."""
    if isinstance(rule, FixedFee):
        return "fee.fixed", {"amount": f"{rule.amount:,}".replace(",", ".")}
    if isinstance(rule, PerPageFee):
        return "fee.per_page", {}
    if isinstance(rule, ProvinceSetFee):
        return "fee.province", {}
    return "fee.free", {}


def _age_days(now: dt.datetime, at: dt.datetime | None) -> float | None:
    return None if at is None else (now - at).total_seconds() / 86400


QUARANTINE_ROWS = 500
"""The newest quarantined events listed on the page (the CLI lists them all)."""


def _commune_of_province(svc: Any, who: Officer, code: object) -> Any:
    """The commune a form names, if it is of the IT officer's province (else the page is "not found")."""
    commune = svc.storage.get_commune(code) if isinstance(code, str) and code.isdigit() else None
    if commune is None or commune.province_code != who.account.province_code:
        raise PageNotFound()
    return commune


def it_router() -> APIRouter:
    router = APIRouter()

    @router.get("/web/it", include_in_schema=False)
    def overview(request: Request, who: It) -> Response:
        svc = services(request)
        now = svc.now()
        communes = {c.code: c for c in svc.storage.list_communes(who.account.province_code)}
        rows = []
        for health in province_health(svc.storage, who.account.province_code):
            active = [d for d in health.devices if not d.revoked]
            seen = [d.last_seen_at for d in active if d.last_seen_at is not None]
            last = max(seen) if seen else None
            age = _age_days(now, last)
            rows.append(
                {
                    "commune": communes.get(health.commune_code),
                    "code": health.commune_code,
                    "devices": len(active),
                    "last": last,
                    "age_days": age,
                    "stale": age is None or age >= STALE_DAYS,
                    "waiting": health.waiting,
                    "backlog": max((d.backlog for d in active), default=0),
                }
            )
        rows.sort(key=lambda r: (not r["stale"], r["code"]))
        return render(
            request,
            "it_overview.html",
            who,
            rows=rows,
            stale=sum(1 for r in rows if r["stale"]),
            without=len(communes) - len(rows),
            total=len(communes),
            stale_days=STALE_DAYS,
        )

    @router.get("/web/it/communes", include_in_schema=False)
    def communes_page(request: Request, who: It) -> Response:
        svc = services(request)
        return render(
            request, "it_communes.html", who, communes=svc.storage.list_communes(who.account.province_code)
        )

    @router.post("/web/it/communes", include_in_schema=False)
    async def set_agency(request: Request, who: It) -> Response:
        form = await request.form()
        return await anyio.to_thread.run_sync(_set_agency, request, who, form)  # the database: off the loop

    def _set_agency(request: Request, who: Officer, form: Any) -> Response:
        svc = services(request)
        check_csrf(who, form)
        code, agency = form.get("commune"), form.get("agency")
        commune = _commune_of_province(svc, who, code)
        communes = svc.storage.list_communes(who.account.province_code)
        if not isinstance(agency, str) or not is_agency_identifier(agency.strip()):
            return render(
                request, "it_communes.html", who, communes=communes, error="it.bad_agency", status_code=400
            )
        svc.storage.set_commune_agency(commune.code, agency.strip())
        log.info("web agency set", extra={"account_id": who.account.id, "commune": commune.code})
        return redirect("/web/it/communes?done=1")

    @router.get("/web/it/devices", include_in_schema=False)
    def devices_page(request: Request, who: It) -> Response:
        svc = services(request)
        communes = {c.code: c for c in svc.storage.list_communes(who.account.province_code)}
        devices = [d for h in province_health(svc.storage, who.account.province_code) for d in h.devices]
        versions: dict[str, dict[str, str]] = {}  # what each desk runs (issue 15: reported when it fetches)
        for _commune, device_id, _label, kind, version, _at in device_versions(svc):
            versions.setdefault(device_id, {})[kind] = version
        return render(
            request,
            "it_devices.html",
            who,
            devices=devices,
            communes=communes,
            now=svc.now(),
            versions=versions,
        )

    @router.get("/web/it/quarantine", include_in_schema=False)
    def quarantine_page(request: Request, who: It) -> Response:
        """Events set aside (a missing cause never came, too many waiting): ids, sizes, times and the reason,
        never a field's value (issue 14); the same as ``server.cli quarantine``."""
        svc = services(request)
        communes = {c.code: c for c in svc.storage.list_communes(who.account.province_code)}
        items = [
            item
            for code in communes
            for item in list_quarantine(svc.storage, commune=code, limit=QUARANTINE_ROWS)
        ]
        items.sort(key=lambda item: item.quarantined_at, reverse=True)
        return render(
            request,
            "it_quarantine.html",
            who,
            items=items[:QUARANTINE_ROWS],
            total=len(items),
            communes=communes,
        )

    @router.post("/web/it/devices/{device_id}/revoke", include_in_schema=False)
    async def revoke(device_id: str, request: Request, who: It) -> Response:
        form = await request.form()
        return await anyio.to_thread.run_sync(_revoke, device_id, request, who, form)

    def _revoke(device_id: str, request: Request, who: Officer, form: Any) -> Response:
        svc = services(request)
        check_csrf(who, form)
        device = svc.storage.get_device(device_id) if len(device_id) <= 64 else None
        commune = svc.storage.get_commune(device.commune_code) if device else None
        if device is None or commune is None or commune.province_code != who.account.province_code:
            raise PageNotFound()
        revoke_device(svc.storage, device.id, now=svc.now)
        log.info("web device revoked", extra={"account_id": who.account.id, "device_id": device.id})
        return redirect("/web/it/devices?done=1")

    @router.get("/web/it/codes", include_in_schema=False)
    def codes_page(request: Request, who: It) -> Response:
        svc = services(request)
        return render(
            request, "it_codes.html", who, communes=svc.storage.list_communes(who.account.province_code)
        )

    @router.post("/web/it/codes", include_in_schema=False)
    async def new_code(request: Request, who: It) -> Response:
        form = await request.form()
        return await anyio.to_thread.run_sync(_new_code, request, who, form)

    def _new_code(request: Request, who: Officer, form: Any) -> Response:
        svc = services(request)
        check_csrf(who, form)
        commune = _commune_of_province(svc, who, form.get("commune"))
        issued = issue_enrolment_code(
            svc.storage, commune.code, now=svc.now, new_id=svc.new_id, ttl=svc.config.code_ttl
        )
        server = svc.config.public_url or f"{request.url.scheme}://{request.url.netloc}"
        qr = segno.make(f"motcua-enrol\n{server}\n{commune.code}\n{issued.code}", error="m")
        log.info("web enrolment code", extra={"account_id": who.account.id, "commune": commune.code})
        return render(
            request,
            "it_slip.html",
            who,
            code=issued.code,
            commune=commune,
            server=server,
            server_configured=svc.config.public_url is not None,
            expires=issued.expires_at,
            qr_svg=qr.svg_inline(scale=4, dark="#000", light="#fff"),
        )

    @router.get("/web/it/accounts", include_in_schema=False)
    def accounts_page(request: Request, who: It) -> Response:
        svc = services(request)
        return _accounts(request, who, svc)

    def _accounts(request: Request, who: Officer, svc: Any, **extra: Any) -> Response:
        sectors = sorted({p.sector for p in catalogue_in_force(svc.storage)})
        return render(
            request,
            "it_accounts.html",
            who,
            accounts=svc.storage.list_accounts(who.account.province_code),
            sectors=sectors,
            roles=[r.value for r in Role],
            **{"error": "", "done": False, **extra},
        )

    @router.post("/web/it/accounts", include_in_schema=False)
    async def add_account(request: Request, who: It) -> Response:
        form = await request.form()
        return await anyio.to_thread.run_sync(_add_account, request, who, form)  # Argon2: off the loop

    def _add_account(request: Request, who: Any, form: Any) -> Response:
        svc = services(request)
        check_csrf(who, form)
        username, role, department, password = (
            form.get(k) for k in ("username", "role", "department", "password")
        )
        try:
            name = normalise_username(username if isinstance(username, str) else "")
            chosen = Role(role) if isinstance(role, str) and role in {r.value for r in Role} else None
            if chosen is None or not isinstance(password, str):
                raise BadInput("role")
            hashed = hash_password(password, svc.password_params)
        except WeakPassword:
            return _accounts(request, who, svc, error="password.weak", status_code=400)
        except BadInput:
            return _accounts(request, who, svc, error="it.bad_account", status_code=400)
        section = department.strip()[:100] if isinstance(department, str) and department.strip() else None
        try:
            svc.storage.add_account(
                Account(
                    svc.new_id(),
                    name,
                    chosen,
                    who.account.province_code,
                    hashed,
                    svc.now(),
                    department=section,
                )
            )
        except ServerError:
            return _accounts(request, who, svc, error="it.account_exists", status_code=409)
        log.info("web account created", extra={"account_id": who.account.id})
        return _accounts(request, who, svc, done=True)

    @router.get("/web/it/catalogue", include_in_schema=False)
    def catalogue_page(request: Request, who: It) -> Response:
        svc = services(request)
        return render(
            request,
            "it_catalogue.html",
            who,
            published=latest_catalogue(svc.storage),
            catalogue=catalogue_in_force(svc.storage),
            spreadsheet=SPREADSHEET_IMPORT is not None,
            fee_key=fee_key,
            error="",
            done=False,
        )

    @router.post("/web/it/catalogue", include_in_schema=False)
    async def publish(request: Request, who: It) -> Response:
        form = await request.form()
        upload = form.get("file")
        data = (
            None if upload is None or isinstance(upload, str) else await upload.read(MAX_CATALOGUE_BYTES + 1)
        )
        return await anyio.to_thread.run_sync(_publish, request, who, form, data)

    def _publish(request: Request, who: Officer, form: Any, data: bytes | None) -> Response:
        svc = services(request)
        check_csrf(who, form)
        error, done = "", False
        if data is None:
            error = "it.no_file"
        else:
            try:
                if len(data) > MAX_CATALOGUE_BYTES:
                    raise BadInput("too large")
                if data[:2] == b"PK" and SPREADSHEET_IMPORT is not None:
                    SPREADSHEET_IMPORT(svc.storage, data, svc.now())
                else:
                    publish_catalogue(svc.storage, data, svc.now())
                done = True
            except ServerError as exc:
                error = exc.message[:300]
        return render(
            request,
            "it_catalogue.html",
            who,
            published=latest_catalogue(svc.storage),
            catalogue=catalogue_in_force(svc.storage),
            spreadsheet=SPREADSHEET_IMPORT is not None,
            fee_key=fee_key,
            error=error,
            done=done,
            status_code=400 if error else 200,
        )

    return router
